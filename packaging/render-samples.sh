#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The sample badges and certificates shown in README.md, rendered from the
# demo event with lanyardctl and turned into PNG with pdftoppm:
#   packaging/render-samples.sh [BUILD_DIR]     (default _build)
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/_build}
C="$BUILD/src/cli/lanyardctl"
OUT="$SRC/data/screenshots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANYARD_DB="$tmp/demo.db"

mkdir -p "$OUT"
"$C" init --event "$SRC/data/demo/event.json" >/dev/null
"$C" import "$SRC/data/demo/registrations.csv" >/dev/null

png () { # png PDF NAME DPI
  pdftoppm -r "$3" -png -singlefile "$1" "$OUT/$2"
  echo "$OUT/$2.png"
}
for t in 4x3 4x6 a6 cr80; do
  "$C" badge MW26-DEMO01 --template "$t" --pdf "$tmp/$t.pdf" >/dev/null
  png "$tmp/$t.pdf" "badge-$t" 110
done
for who in DEMO02:long-name DEMO03:cjk DEMO04:arabic F0001:faculty; do
  "$C" badge "MW26-${who%%:*}" --pdf "$tmp/$who.pdf" >/dev/null
  png "$tmp/$who.pdf" "badge-${who#*:}" 110
done

# Jane Smith attends two sessions and claims less than she earned; the
# pharmacist completes the evaluation and gets a statement of participation;
# Seán O'Brien, a physician assistant, gets a certificate of participation
# (his hours, and what the activity was designated for).
for code in MW26-DEMO01 MW26-DEMO04 MW26-103071; do
  "$C" checkin "$code" --at 2026-11-24T07:40 >/dev/null
  "$C" checkin "$code" --session S01 --at 2026-11-24T07:55 >/dev/null
  "$C" checkin "$code" --session S01 --exit --at 2026-11-24T09:31 >/dev/null
  "$C" checkin "$code" --session S02 --at 2026-11-24T09:58 >/dev/null
  "$C" checkin "$code" --session S02 --exit --at 2026-11-24T11:00 >/dev/null
done
"$C" certificate MW26-DEMO01 --claim AMA_PRA_1=2.25 --pdf "$tmp/cert.pdf" >/dev/null
png "$tmp/cert.pdf" certificate-physician 80
"$C" certificate MW26-DEMO04 --evaluation-done --paper a4 --pdf "$tmp/cert-pharm.pdf" >/dev/null
png "$tmp/cert-pharm.pdf" certificate-pharmacist 80
"$C" certificate MW26-103071 --pdf "$tmp/cert-pa.pdf" >/dev/null
png "$tmp/cert-pa.pdf" certificate-physician-assistant 80

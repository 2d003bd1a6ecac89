#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lanyardctl archive: the retention bundle made from a database with scans,
# claims and an issued certificate; checked, then tampered with byte by
# byte, a file added, a file removed. TAP output.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANYARD_DB="$tmp/t.db"

. "$SRC/tests/tap.sh"

"$C" init --event "$DEMO/event.json" >/dev/null && "$C" import "$DEMO/registrations.csv" >/dev/null \
  || { echo "Bail out! init"; exit 1; }
for t in MW26-DEMO01 MW26-DEMO02; do
  "$C" checkin "$t" --at 2026-11-24T07:45 >/dev/null
  "$C" checkin "$t" --session S01 --at 2026-11-24T07:55 >/dev/null
  "$C" checkin "$t" --session S01 --exit --at 2026-11-24T09:31 >/dev/null
  "$C" certificate "$t" --claim AMA_PRA_1=1 --pdf "$tmp/$t.pdf" >/dev/null
done
"$C" edit MW26-DEMO01 --affiliation "Elsewhere" --device desk-1 >/dev/null
# a certificate printed: its job and the PDF it sent
sqlite3 "$LANYARD_DB" "INSERT INTO print_job (uuid, attendee_id, document, state, pdf_path, created_at, updated_at)
  SELECT 'job-1', id, 'certificate', 'completed', '$tmp/MW26-DEMO01.pdf', 1795528800000000, 1795528800000000
  FROM attendee WHERE ticket_code = 'MW26-DEMO01'"
sqlite3 "$LANYARD_DB" "INSERT INTO meta (key, value) VALUES ('staff_pin_hash', 'secret') ON CONFLICT DO UPDATE SET value = 'secret'"

# --- archive
status_is 0 "archive -o BUNDLE" "$C" archive -o "$tmp/bundle"
for f in event.csv registrations.csv scans.csv claims.csv evaluations.csv certificates.csv audit.csv print_jobs.csv \
         lanyard.sqlite MANIFEST.sha256; do
  [ -f "$tmp/bundle/$f" ] || missing="${missing:-} $f"
done
[ -z "${missing:-}" ] && ok "the bundle has the event, registrations, scans, claims, evaluations, certificates, audit, print jobs, a snapshot" \
  || not_ok "the bundle lacks$missing"
[ "$(stat -c %a "$tmp/bundle")" = 700 ] && ok "the bundle is the user's alone" || not_ok "bundle mode" "$(stat -c %a "$tmp/bundle")"
(cd "$tmp/bundle" && sha256sum --quiet -c MANIFEST.sha256) && ok "sha256sum -c reads the manifest" || not_ok "sha256sum -c"
[ "$(sqlite3 "$tmp/bundle/lanyard.sqlite" 'SELECT count(*) FROM scan')" = "$(sqlite3 "$LANYARD_DB" 'SELECT count(*) FROM scan')" ] \
  && ok "the snapshot holds every scan" || not_ok "snapshot scans"
[ "$(sqlite3 "$tmp/bundle/lanyard.sqlite" "SELECT count(*) FROM meta WHERE key = 'staff_pin_hash'")" = 0 ] \
  && ok "the snapshot has no staff PIN hash" || not_ok "PIN hash in snapshot"
[ "$(python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1])))))' "$tmp/bundle/claims.csv")" = 2 ] \
  && ok "claims.csv: every claim" || not_ok "claims.csv" "$(cat "$tmp/bundle/claims.csv")"
sha=$(sha256sum "$tmp/MW26-DEMO01.pdf" | cut -d' ' -f1)
got=$(python3 -c 'import csv, sys; print(*[r["ticket_code"] + " " + r["file"] + " " + r["sha256"] for r in csv.DictReader(open(sys.argv[1]))], sep="\n")' \
  "$tmp/bundle/certificates.csv")
[ "$got" = "MW26-DEMO01 certificates/job-1.pdf $sha" ] && ok "certificates.csv: the issued PDF with its SHA-256" \
  || not_ok "certificates.csv" "$got"
cmp -s "$tmp/MW26-DEMO01.pdf" "$tmp/bundle/certificates/job-1.pdf" && ok "… and the PDF itself" || not_ok "PDF copied"
grep -q "Elsewhere" "$tmp/bundle/audit.csv" && ok "audit.csv has the staff edit" || not_ok "audit.csv"
grep -q "2026-11-24T13:55:00Z" "$tmp/bundle/scans.csv" && ok "scans.csv: times also in UTC words" || not_ok "scan times" "$(head -3 "$tmp/bundle/scans.csv")"
status_is 1 "archive refuses a folder that is not empty" "$C" archive -o "$tmp/bundle"

status_is 0 "archive verify: untouched" "$C" archive verify "$tmp/bundle"
cp "$tmp/bundle/scans.csv" "$tmp/scans.orig"
# one byte: a minute of the first scan
python3 - "$tmp/bundle/scans.csv" <<'PY'
import sys
b = bytearray(open(sys.argv[1], 'rb').read())
i = b.index(b'T13:55')
b[i + 5] = ord('6')
open(sys.argv[1], 'wb').write(bytes(b))
PY
cmp -s "$tmp/scans.orig" "$tmp/bundle/scans.csv" && echo "Bail out! the tamper changed nothing" && exit 1
status_is 1 "archive verify: one altered byte fails" "$C" archive verify "$tmp/bundle"
grep -q "scans.csv was altered" "$tmp/err" && ok "… and names the altered file" || not_ok "names scans.csv" "$(cat "$tmp/err")"
[ "$(grep -c "was altered\|is missing\|was added" "$tmp/err")" = 1 ] && ok "… and only it" || not_ok "only scans.csv" "$(cat "$tmp/err")"
cp "$tmp/scans.orig" "$tmp/bundle/scans.csv"
status_is 0 "archive verify: restored" "$C" archive verify "$tmp/bundle"
echo x >"$tmp/bundle/extra.csv"
status_is 1 "archive verify: a file added" "$C" archive verify "$tmp/bundle"
grep -q "extra.csv was added" "$tmp/err" && ok "… named" || not_ok "extra named" "$(cat "$tmp/err")"
rm "$tmp/bundle/extra.csv" "$tmp/bundle/claims.csv"
status_is 1 "archive verify: a file removed" "$C" archive verify "$tmp/bundle"
grep -q "claims.csv is missing" "$tmp/err" && ok "… named" || not_ok "missing named" "$(cat "$tmp/err")"
ln -s /etc/hostname "$tmp/bundle/link.csv"
status_is 1 "archive verify: a link added" "$C" archive verify "$tmp/bundle"
grep -q "link.csv was added" "$tmp/err" && ok "… named, never followed" || not_ok "link named" "$(cat "$tmp/err")"
status_is 1 "archive verify: not an archive" "$C" archive verify "$tmp"
status_is 2 "archive without -o" "$C" archive

tap_done

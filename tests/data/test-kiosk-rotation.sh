#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The kiosk's rotation setting reaches cage: packaging/kiosk/
# lanyard-kiosk-rotation turns each value of org.lanyard.Lanyard rotation
# (set with the real gsettings, in a keyfile of its own) into cage's -r
# flags, and the unit reads them into cage's command line. TAP output.
set -u
SRC=${LANYARD_SOURCE_DIR:?}
: "${GSETTINGS_SCHEMA_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/tap.sh
. "$SRC/tests/tap.sh"
if ! command -v gsettings >/dev/null 2>&1; then
  echo "1..0 # SKIP gsettings is not installed"
  exit 0
fi
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config"
script=$SRC/packaging/kiosk/lanyard-kiosk-rotation
unit=$SRC/packaging/kiosk/lanyard-kiosk@.service

flags () { # flags: the value the script writes
  "$script" "$tmp/cage.env" 2>"$tmp/err" && sed -n 's/^LANYARD_CAGE_ROTATION=//p' "$tmp/cage.env"
}

got=$(flags)
[ -z "$got" ] && ok "not set: no rotation" || not_ok "not set: no rotation" "$got"
for row in "0:" "90:-r" "180:-r -r" "270:-r -r -r" "45:"; do
  degrees=${row%%:*}
  want=${row#*:}
  gsettings set org.lanyard.Lanyard rotation "$degrees" || { echo "Bail out! gsettings set"; exit 1; }
  got=$(flags)
  [ "$got" = "$want" ] && ok "rotation $degrees: cage ${want:-without -r}" \
    || not_ok "rotation $degrees: cage ${want:-without -r}" "got “$got”"
done
grep -q "not 0, 90, 180 or 270" "$tmp/err" && ok "45 degrees: said so, not turned" \
  || not_ok "45 degrees: said so" "$(cat "$tmp/err")"

# The unit: the script before cage, its file read, the flags as words of
# cage's command line (an empty value is no word at all).
grep -q '^ExecStartPre=.*/lanyard-kiosk-rotation$' "$unit" && ok "the unit runs the script before cage" \
  || not_ok "the unit runs the script before cage"
grep -q '^EnvironmentFile=-/run/lanyard-kiosk-%i/cage.env$' "$unit" && grep -q '^RuntimeDirectory=lanyard-kiosk-%i$' "$unit" \
  && ok "the unit reads the file the script writes" || not_ok "the unit reads the file the script writes"
grep -Eq '^ExecStart=/usr/bin/cage( [^ ]+)* \$LANYARD_CAGE_ROTATION( [^ ]+)* -- ' "$unit" \
  && ok "cage gets the flags" || not_ok "cage gets the flags" "$(grep '^ExecStart=' "$unit")"

tap_done

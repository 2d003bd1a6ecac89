#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The kiosk's systemd unit, as meson makes it: it starts the lanyard that
# this build installs (not a fixed /usr/bin one), and its user gets no
# more groups than the kiosk needs (no lpadmin: printing needs none).
# TAP output.
set -u
UNIT=${1:?unit file}
BINDIR=${2:?bindir}
SRC=${LANYARD_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$SRC/tests/tap.sh"

exec_start=$(sed -n 's/^ExecStart=//p' "$UNIT")
program=${exec_start##* -- }
[ "$program" = "$BINDIR/lanyard" ] && ok "ExecStart runs $BINDIR/lanyard" \
  || not_ok "ExecStart runs $BINDIR/lanyard" "ExecStart=$exec_start"
if grep -q '@[a-z_]*@' "$UNIT"; then not_ok "no placeholder left" "$(grep '@[a-z_]*@' "$UNIT")"
else ok "no placeholder left"; fi
groups=$(sed -n 's/^SupplementaryGroups=//p' "$UNIT")
case " $groups " in *" lpadmin "*) not_ok "the kiosk user is not a printer admin" "$groups";;
  *) ok "the kiosk user is not a printer admin";; esac
if grep -q lpadmin "$SRC/packaging/kiosk/install-kiosk.sh"; then
  not_ok "install-kiosk.sh adds no lpadmin group" "$(grep lpadmin "$SRC/packaging/kiosk/install-kiosk.sh")"
else ok "install-kiosk.sh adds no lpadmin group"; fi
tap_done

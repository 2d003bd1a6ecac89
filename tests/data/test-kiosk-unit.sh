#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The kiosk's systemd unit, as meson makes it: it starts the lanyard that
# this build installs (not a fixed /usr/bin one), its user gets no more
# groups than the kiosk needs (no lpadmin: printing needs none), and it is
# hardened (tests/package.sh runs systemd-analyze verify on the installed
# one).
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
# Hardened as far as cage allows: nothing gains a privilege, the system is
# read-only but for the database folder (and the settings and cache),
# /tmp is its own.
setting () { sed -n "s/^$1=//p" "$UNIT"; }
for want in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=read-only PrivateTmp=yes \
            ProtectKernelTunables=yes ProtectKernelModules=yes ProtectControlGroups=yes \
            RestrictSUIDSGID=yes LockPersonality=yes CapabilityBoundingSet=; do
  grep -qx "$want" "$UNIT" && ok "the unit sets $want" \
    || not_ok "the unit sets $want" "$(grep "^${want%%=*}=" "$UNIT" || echo "${want%%=*} not set")"
done
case " $(setting ReadWritePaths) " in
  *" /home/kiosk/.local/share/lanyard "*) ok "the database folder is writable (ReadWritePaths)";;
  *) not_ok "the database folder is writable (ReadWritePaths)" "ReadWritePaths=$(setting ReadWritePaths)";;
esac
for dir in .local/share/lanyard .config .cache; do
  grep -q "$dir" "$SRC/packaging/kiosk/install-kiosk.sh" && ok "install-kiosk.sh makes ~kiosk/$dir" \
    || not_ok "install-kiosk.sh makes ~kiosk/$dir"
done
if grep -q lpadmin "$SRC/packaging/kiosk/install-kiosk.sh"; then
  not_ok "install-kiosk.sh adds no lpadmin group" "$(grep lpadmin "$SRC/packaging/kiosk/install-kiosk.sh")"
else ok "install-kiosk.sh adds no lpadmin group"; fi
tap_done

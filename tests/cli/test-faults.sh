#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Faults a device meets, each injected into lanyardctl on the demo event:
# the database locked by another process for 10 s, the disk full (a
# size-limited tmpfs this test mounts, as root), the database on a disk
# that turned read-only. For each: a message in words, nothing recorded
# half, nothing recorded before lost, and the next try works once the
# fault is gone (no repair, no restart of anything). TAP.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
tmp=$(mktemp -d -t lanyard-faults.XXXXXX)
mnt=
holder=
cleanup () {
  [ -n "$holder" ] && kill "$holder" 2>/dev/null
  [ -n "$mnt" ] && umount "$mnt" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
. "$SRC/tests/tap.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }
q () { sqlite3 -cmd ".timeout 20000" "$LANYARD_DB" "$1"; }
scans () { q "SELECT count(*) FROM scan"; }

fresh_db () { # fresh_db PATH: the demo event and registrations
  export LANYARD_DB=$1
  "$C" init --event "$DEMO/event.json" --shift-to-today >/dev/null && "$C" import "$DEMO/registrations.csv" >/dev/null \
    || { echo "Bail out! init at $1"; exit 1; }
}

# --- locked by another process for 10 s
fresh_db "$tmp/locked.db"
"$C" checkin MW26-DEMO01 --device faults >/dev/null
before=$(scans)
python3 - "$LANYARD_DB" "$tmp/locked" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(10)
db.execute("ROLLBACK")
PY
holder=$!
for _ in $(seq 1 50); do [ -e "$tmp/locked" ] && break; sleep 0.1; done
start=$(date +%s)
status_is 1 "a check-in while another process holds the database fails" "$C" checkin MW26-DEMO02 --device faults
waited=$(($(date +%s) - start))
grep -q "busy" "$tmp/err" && grep -q "Nothing was recorded" "$tmp/err" && ok "… saying so in words" \
  || not_ok "… saying so in words" "$(cat "$tmp/err")"
[ "$waited" -ge 4 ] && ok "… after waiting for it (${waited} s)" || not_ok "… after waiting for it" "${waited} s"
wait "$holder"; holder=
status_is 0 "once the other process lets go, the same check-in works" "$C" checkin MW26-DEMO02 --device faults
[ "$(scans)" = $((before + 1)) ] && ok "nothing lost, nothing doubled ($((before + 1)) scans)" \
  || not_ok "nothing lost, nothing doubled" "$(scans) scans, wanted $((before + 1))"

# --- the disk full, and a read-only disk (root: this test mounts them)
if [ "$(id -u)" != 0 ] || ! mkdir -p "$tmp/disk" || ! mount -t tmpfs -o size=4m tmpfs "$tmp/disk" 2>/dev/null; then
  ok "# SKIP disk full and read-only need root to mount a tmpfs"
  tap_done
  exit
fi
mnt=$tmp/disk
fresh_db "$mnt/full.db"
"$C" checkin MW26-DEMO01 --device faults >/dev/null
"$C" checkin MW26-DEMO03 --device faults >/dev/null
before=$(scans)
# fill the disk to its last byte
dd if=/dev/zero of="$mnt/filler" bs=64k 2>/dev/null
status_is 1 "a check-in on a full disk fails" "$C" checkin MW26-DEMO04 --device faults
grep -q "disk is full" "$tmp/err" && grep -q "Nothing was recorded" "$tmp/err" && ok "… saying the disk is full" \
  || not_ok "… saying the disk is full" "$(cat "$tmp/err")"
status_is 1 "an import on a full disk fails" "$C" import "$DEMO/registrations.csv"
grep -q "disk is full" "$tmp/err" && ok "… saying the disk is full" || not_ok "… saying the disk is full" "$(cat "$tmp/err")"
rm -f "$mnt/filler"
[ "$(scans)" = "$before" ] && ok "the scans before are all there ($before)" || not_ok "scans before" "$(scans), wanted $before"
[ "$(q 'PRAGMA integrity_check')" = ok ] && ok "integrity_check ok" || not_ok "integrity_check"
status_is 0 "with room again the check-in works" "$C" checkin MW26-DEMO04 --device faults
[ "$(scans)" = $((before + 1)) ] && ok "… recorded once" || not_ok "… recorded once" "$(scans)"

# read-only: the disk remounted read-only under the database
before=$(scans)
mount -o remount,ro "$mnt" || bail=1
status_is 1 "a check-in on a read-only disk fails" "$C" checkin MW26-DEMO05 --device faults
grep -q "read-only" "$tmp/err" && grep -q "Nothing was recorded" "$tmp/err" && ok "… saying it cannot write" \
  || not_ok "… saying it cannot write" "$(cat "$tmp/err")"
mount -o remount,rw "$mnt"
status_is 0 "writable again, the check-in works" "$C" checkin MW26-DEMO05 --device faults
[ "$(scans)" = $((before + 1)) ] && ok "… and nothing was lost ($((before + 1)) scans)" || not_ok "… nothing lost" "$(scans)"

tap_done

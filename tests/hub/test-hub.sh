#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Devices of one event through a real PostgreSQL 15 hub, each device its
# own SQLite store and its own lanyardctl process: two kiosks, two desks,
# two doors of the same room, and a kiosk behind a proxy of the test's own.
# The conflict rules, the partitions (the hub stopped, the connection cut
# mid-transfer), a device killed mid-push, security (door privileges,
# row-level security, removed devices, passwords, connection file modes)
# and a hub newer than the device. TAP output.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
. "$SRC/tests/tap.sh"
. "$SRC/tests/hub/hub-fixture.sh"
hub_start
tmp=$(mktemp -d)
proxy_pid=
lock_pid=
cleanup () {
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null
  [ -n "$lock_pid" ] && kill "$lock_pid" 2>/dev/null
  rm -rf "$tmp"
  hub_stop
}
trap cleanup EXIT
cd "$tmp"

dev () { local name=$1; shift; "$C" --db "$tmp/$name.db" "$@"; }
sync_ok () { for d in "$@"; do dev "$d" sync --once >"$tmp/out" 2>"$tmp/err" || { not_ok "sync $d" "$(cat "$tmp/err")"; return 1; }; done; }
outcome () { json 'd["outcome"]'; }
conninfo_of () { sed -n 's/^Connection=//p' "$1"; }
hub_count () { hub_psql "$1"; }
# scans made straight into a device's store (as its app would), N of them
make_scans () {
  python3 - "$tmp/$1.db" "$2" "$1" <<'PY'
import sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1])
ids = [r[0] for r in db.execute("SELECT id FROM attendee ORDER BY id LIMIT 200")]
for i in range(int(sys.argv[2])):
    db.execute("INSERT INTO scan (uuid, device, at, attendee_id, session_id, kind, outcome, detail, recorded_at)"
               " VALUES (?, ?, ?, ?, 'S01', 'disclosure_shown', 'shown', 'load', ?)",
               (str(uuid.uuid4()), sys.argv[3], 1795500000000000 + i, ids[i % len(ids)], 1795500000000000 + i))
db.commit()
PY
}

# --- the hub and its devices
status_is 0 "hub init creates the schema" "$C" hub init
grep -q "now version 3 (was 0)" "$tmp/out" && ok "init says the version" || not_ok "init version" "$(cat "$tmp/out")"
status_is 0 "init again changes nothing" "$C" hub --hub "$LANYARD_HUB" init
status_is 0 "load the event; a key pair is made" "$C" hub load --event "$DEMO/event.json" --key "$tmp/event.key"
[ -f "$tmp/event.key" ] && [ -f "$tmp/event.pub" ] && ok "the key pair is there" || not_ok "key pair made"
[ "$(hub_psql "SELECT count(*) FROM hub_event WHERE public_key = '$(cat "$tmp/event.pub" | tr -d '\n')'")" = 1 ] \
  && ok "only the public key is at the hub" || not_ok "public key at the hub" "$(hub_psql 'SELECT public_key FROM hub_event')"
status_is 0 "import registrations at the hub" "$C" hub import "$DEMO/registrations.csv"
[ "$(cat "$tmp/out")" = "read 337 rows: imported 337, updated 0, unchanged 0, rejected 0" ] \
  && ok "hub import counts as the device's" || not_ok "hub import counts" "$(cat "$tmp/out")"
status_is 0 "import again" "$C" hub import "$DEMO/registrations.csv"
[ "$(cat "$tmp/out")" = "read 337 rows: imported 0, updated 0, unchanged 337, rejected 0" ] \
  && ok "re-import at the hub changes nothing" || not_ok "hub re-import" "$(cat "$tmp/out")"

for d in kiosk-1:kiosk kiosk-2:kiosk desk-1:desk desk-2:desk; do
  status_is 0 "add-device ${d%%:*}" "$C" hub add-device "${d%%:*}" --role "${d##*:}" --key "$tmp/event.key" -o "$tmp/${d%%:*}.conn"
done
for d in door-1 door-2; do
  status_is 0 "add-device $d" "$C" hub add-device "$d" --role door -o "$tmp/$d.conn"
done
status_is 1 "a door never gets the signing key" "$C" hub add-device door-3 --role door --key "$tmp/event.key" -o "$tmp/door-3.conn"
[ "$(stat -c %a "$tmp/kiosk-1.conn")" = 600 ] && ok "connection file is 0600" || not_ok "connection file mode" "$(stat -c %a "$tmp/kiosk-1.conn")"
grep -q '^SecretKey=' "$tmp/kiosk-1.conn" && ok "a kiosk's file holds the badge secret" || not_ok "kiosk secret"
grep -q '^SecretKey=' "$tmp/door-1.conn" && not_ok "a door's file holds no badge secret" || ok "a door's file holds no badge secret"
status_is 0 "add-device --qr" "$C" hub add-device desk-3 --role desk -o "$tmp/desk-3.conn" --qr "$tmp/desk-3.png"
out=$("$C" decode "$tmp/desk-3.png" 2>&1 | cut -f2)
[ "$out" = "$(od -An -v -tx1 "$tmp/desk-3.conn" | tr -d ' \n')" ] && ok "the QR code holds the connection file" || not_ok "QR code" "$out"

cp "$tmp/kiosk-1.conn" "$tmp/open.conn"; chmod 644 "$tmp/open.conn"
status_is 1 "a connection file others can read is refused" "$C" --db "$tmp/open.db" join "$tmp/open.conn"
grep -q "can be read by other users" "$tmp/err" && ok "…with a warning in words" || not_ok "readable file words" "$(cat "$tmp/err")"

for d in kiosk-1 kiosk-2 desk-1 desk-2 door-1 door-2; do
  status_is 0 "$d joins" dev "$d" join "$tmp/$d.conn"
done
sync_ok kiosk-1 kiosk-2 desk-1 desk-2 door-1 door-2 && ok "first sync of six devices"
for d in kiosk-1 door-2; do
  out=$(sqlite3 "$tmp/$d.db" "SELECT count(*) FROM attendee")
  [ "$out" = 337 ] && ok "$d has the registrations after its first sync" || not_ok "$d registrations" "$out"
done
out=$(dev door-1 sessions --json | json 'len(d["sessions"])')
[ "$out" = 26 ] && ok "the event reached the door" || not_ok "door event" "$out"
out=$(dev door-1 lookup MW26-DEMO01 --json | json 'd["last_name"], d.get("email")')
[ "$out" = "Smith " ] && ok "a door has names but no e-mail" || not_ok "door e-mail" "$out"
out=$(dev kiosk-1 lookup MW26-DEMO01 --json | json 'd["email"] != ""')
[ "$out" = True ] && ok "a kiosk has the e-mail" || not_ok "kiosk e-mail" "$out"

# --- the staff PIN set at the hub reaches every device
echo 2468 | "$C" hub set-pin >"$tmp/out" 2>"$tmp/err" && ok "hub set-pin" || not_ok "hub set-pin" "$(cat "$tmp/err")"
sync_ok door-1 kiosk-1
h1=$(sqlite3 "$tmp/door-1.db" "SELECT value FROM meta WHERE key = 'staff_pin_hash'")
h2=$(sqlite3 "$tmp/kiosk-1.db" "SELECT value FROM meta WHERE key = 'staff_pin_hash'")
[ -n "$h1" ] && [ "$h1" = "$h2" ] && ok "the staff PIN hash reaches the devices" || not_ok "PIN hash" "$h1 / $h2"

# --- kiosk 2 knows what kiosk 1 did
dev kiosk-1 checkin MW26-DEMO01 --device kiosk-1 --at 2026-11-24T07:40 >/dev/null
sync_ok kiosk-1 kiosk-2
dev kiosk-2 checkin MW26-DEMO01 --device kiosk-2 --json >"$tmp/k2"
out=$(json 'd["outcome"], d["previous_device"]' <"$tmp/k2")
[ "$out" = "already_checked_in kiosk-1" ] && ok "kiosk 2: already checked in at kiosk-1" || not_ok "kiosk 2 already" "$out"

# --- two kiosks offline check in the same person: both kept, printed twice
dev kiosk-1 checkin MW26-DEMO02 --device kiosk-1 >/dev/null
dev kiosk-2 checkin MW26-DEMO02 --device kiosk-2 >/dev/null
sync_ok kiosk-1 kiosk-2 desk-1
out=$(sqlite3 "$tmp/desk-1.db" "SELECT count(*) FROM scan s JOIN attendee a ON a.id = s.attendee_id WHERE a.ticket_code = 'MW26-DEMO02' AND s.kind = 'check_in'")
[ "$out" = 2 ] && ok "both check-ins kept" || not_ok "both kept" "$out"
out=$(dev desk-1 sync --conflicts --json | json '[(c["ticket_code"], c["devices"]) for c in d["conflicts"] if c["kind"] == "printed_twice"]')
[ "$out" = "[('MW26-DEMO02', 'kiosk-1,kiosk-2')]" ] && ok "the desk lists them as printed twice" || not_ok "printed twice" "$out"
dev desk-1 sync --conflicts | grep -q "MW26-DEMO02 *printed twice" && ok "…in words" || not_ok "printed twice words"

# --- two desks edit the same field: the later at the hub wins, the other flagged
dev desk-1 edit MW26-DEMO03 --affiliation "Mercy North" --device desk-1 >/dev/null
dev desk-2 edit MW26-DEMO03 --affiliation "Mercy South" --device desk-2 >/dev/null
sync_ok desk-1 desk-2 desk-1 kiosk-1
for d in desk-1 desk-2 kiosk-1; do
  out=$(dev "$d" lookup MW26-DEMO03 --json | json 'd["affiliation"]')
  [ "$out" = "Mercy South" ] && ok "$d: the edit later at the hub won" || not_ok "$d edit winner" "$out"
done
out=$(sqlite3 "$tmp/desk-1.db" "SELECT group_concat (u.new_value || '@' || u.device, ' ') FROM (SELECT * FROM audit ORDER BY new_value) u JOIN attendee a ON a.id = u.attendee_id WHERE a.ticket_code = 'MW26-DEMO03' AND u.field = 'affiliation'")
[ "$out" = "Mercy North@desk-1 Mercy South@desk-2" ] && ok "both edits stay in the audit" || not_ok "audit keeps both" "$out"
out=$(dev desk-1 sync --conflicts --json | json '[(c["ticket_code"], c["field"], c["devices"]) for c in d["conflicts"] if c["kind"] == "edit_lost"]')
[ "$out" = "[('MW26-DEMO03', 'affiliation', 'desk-1,desk-2')]" ] && ok "the losing edit is flagged" || not_ok "edit flagged" "$out"
# one desk editing twice is no conflict
dev desk-2 edit MW26-DEMO03 --affiliation "Mercy East" --device desk-2 >/dev/null
sync_ok desk-2 desk-1
out=$(dev desk-1 sync --conflicts --json | json 'sum(c["kind"] == "edit_lost" for c in d["conflicts"])')
[ "$out" = 1 ] && ok "a desk's own second edit is no conflict" || not_ok "own edit" "$out"

# --- walk-ins made offline at two desks: both everywhere, no collision
w1=$(dev desk-1 walk-in --first-name Ana --last-name Walker)
w2=$(dev desk-2 walk-in --first-name Ben --last-name Walker)
sync_ok desk-1 desk-2 door-1
out=$(dev door-1 lookup "$w1" --json | json 'd["first_name"]'; dev door-1 lookup "$w2" --json | json 'd["first_name"]')
[ "$(echo $out)" = "Ana Ben" ] && [ "$w1" != "$w2" ] && ok "walk-ins from two desks reach the door" || not_ok "walk-ins" "$w1 $w2: $out"

# --- a replacement while a door is offline: refused there after one sync
old=$(dev desk-1 lookup MW26-100148 --json | json 'd["badge_code"]')
dev door-1 checkin MW26-100148 --device door-1 --at 2026-11-24T07:45 >/dev/null
new=$(dev desk-1 replace-badge MW26-100148 --reason lost --device desk-1)
out=$(dev door-1 checkin "$old" --session S01 --device door-1 --at 2026-11-24T07:50 --json | outcome)
[ "$out" = entered ] && ok "the offline door still admits the old badge" || not_ok "offline door old badge" "$out"
dev door-1 checkin "$old" --session S01 --exit --device door-1 --at 2026-11-24T07:52 >/dev/null
sync_ok desk-1 door-1
out=$(dev door-1 checkin "$old" --session S01 --device door-1 --at 2026-11-24T07:55 --json | outcome)
[ "$out" = replaced ] && ok "after one sync the door refuses the old badge" || not_ok "old badge refused" "$out"
out=$(dev door-1 checkin "$new" --session S01 --device door-1 --at 2026-11-24T07:56 --json | outcome)
[ "$out" = entered ] && ok "…and admits the new one" || not_ok "new badge" "$out"
# a replacement at each of two desks: the highest version wins everywhere
code=MW26-100037
dev desk-1 replace-badge $code --reason lost --device desk-1 >/dev/null
dev desk-2 replace-badge $code --reason lost --device desk-2 >/dev/null
dev desk-2 replace-badge $code --reason damaged --device desk-2 >/dev/null
# desk-2's version 3 reaches the hub before desk-1's 2
sync_ok desk-2 desk-1 desk-2 door-2
for d in desk-1 desk-2 door-2; do
  out=$(dev "$d" lookup $code --json | json 'd["badge_version"]')
  [ "$out" = 3 ] && ok "$d: badge version is the highest (3)" || not_ok "$d badge version" "$out"
done

# --- cancel against check-in: the cancel stands, the check-in stays, staff are told
dev desk-1 cancel MW26-DEMO05 >/dev/null
sync_ok desk-1
out=$(dev kiosk-2 checkin MW26-DEMO05 --device kiosk-2 --json | outcome)
[ "$out" = checked_in ] && ok "the offline kiosk checks in the cancelled person" || not_ok "offline kiosk check-in" "$out"
sync_ok kiosk-2 desk-1
out=$(dev kiosk-2 lookup MW26-DEMO05 --json | json 'd["status"]')
[ "$out" = cancelled ] && ok "after sync the kiosk knows of the cancel" || not_ok "cancel reached kiosk" "$out"
out=$(sqlite3 "$tmp/desk-1.db" "SELECT count(*) FROM scan s JOIN attendee a ON a.id = s.attendee_id WHERE a.ticket_code = 'MW26-DEMO05' AND s.kind = 'check_in' AND s.outcome = 'checked_in'")
[ "$out" = 1 ] && ok "the check-in is kept" || not_ok "check-in kept" "$out"
out=$(dev desk-1 sync --conflicts --json | json '[c["ticket_code"] for c in d["conflicts"] if c["kind"] == "checked_in_cancelled"]')
[ "$out" = "['MW26-DEMO05']" ] && ok "the desk lists it: checked in while cancelled" || not_ok "checked in cancelled" "$out"

# --- a door offline for an hour: entry at one door, exit at the other, credits at the hub
dev kiosk-1 checkin MW26-DEMO01 --device kiosk-1 >/dev/null 2>&1   # already: nothing new
sync_ok door-1 door-2
out=$(dev door-1 checkin MW26-DEMO01 --session S01 --device door-1 --at 2026-11-24T07:55 --json | outcome)
[ "$out" = entered ] && ok "entry at door 1" || not_ok "entry door 1" "$out"
sync_ok door-1 door-2
out=$(dev door-2 checkin MW26-DEMO01 --session S01 --exit --device door-2 --at 2026-11-24T09:10 --json | json 'd["outcome"], d["minutes"]')
[ "$out" = "exited 70" ] && ok "exit at door 2, which knew of the entry at door 1" || not_ok "exit door 2" "$out"
out=$("$C" hub credits MW26-DEMO01 --json | json '[(s["id"], s["minutes"]) for s in d["sessions"]]')
[ "$out" = "[('S01', 90)]" ] && ok "before door 2's exit arrives the hub counts the entry to the session's end" || not_ok "credits before" "$out"
sync_ok door-2
out=$("$C" hub credits MW26-DEMO01 --json | json 'd["total"]["AMA_PRA_1"], [(s["id"], s["minutes"]) for s in d["sessions"]]')
[ "$out" = "1.25 [('S01', 70)]" ] && ok "credits at the hub from an entry at one door and an exit at the other" || not_ok "hub credits" "$out"
sync_ok desk-2
out=$(dev desk-2 credits MW26-DEMO01 --json | json 'd["total"]["AMA_PRA_1"]')
[ "$out" = 1.25 ] && ok "the same credits on a desk after sync" || not_ok "desk credits" "$out"

# --- export attendance at the hub: the device's columns, the device's rows
sync_ok kiosk-1
"$C" hub export attendance -o "$tmp/hub.csv" && dev kiosk-1 export attendance -o "$tmp/kiosk.csv"
[ "$(head -1 "$tmp/hub.csv")" = "$(head -1 "$tmp/kiosk.csv")" ] && ok "hub export: the device's columns" \
  || not_ok "export columns" "$(head -1 "$tmp/hub.csv")"
cmp -s "$tmp/hub.csv" "$tmp/kiosk.csv" && ok "hub export equals a synced device's" || not_ok "export rows" "$(diff "$tmp/hub.csv" "$tmp/kiosk.csv" | head -5)"

# --- security
door_conn=$(conninfo_of "$tmp/door-1.conn")
psql -X -q -A -t "$door_conn" -c "SELECT email FROM registration LIMIT 1" >"$tmp/out" 2>"$tmp/err"
[ $? != 0 ] && grep -q "permission denied" "$tmp/err" && ok "the door role cannot read e-mail" || not_ok "door reads e-mail" "$(cat "$tmp/out" "$tmp/err")"
for col in birth_mmdd license npi nabp_eprofile; do
  psql -X -q -A -t "$door_conn" -c "SELECT $col FROM registration LIMIT 1" >/dev/null 2>&1 \
    && not_ok "the door role cannot read $col" || ok "the door role cannot read $col"
done
psql -X -q -A -t "$door_conn" -c "SELECT sensitive FROM device_row LIMIT 1" >/dev/null 2>&1 \
  && not_ok "the door role cannot read the sensitive values of audit rows" || ok "the door role cannot read the sensitive values of audit rows"
out=$(psql -X -q -A -t "$door_conn" -c "SELECT last_name FROM registration WHERE ticket_code = 'MW26-DEMO01'" 2>&1)
[ "$out" = Smith ] && ok "the door role reads names" || not_ok "door reads names" "$out"
psql -X -q -A -t "$door_conn" -c "INSERT INTO device_row (uuid, device, kind, device_at, payload) VALUES ('forged', 'kiosk-1', 'scan', 0, '{}')" >/dev/null 2>"$tmp/err"
[ $? != 0 ] && grep -q "row-level security" "$tmp/err" && ok "a device cannot insert rows under another's name" || not_ok "RLS" "$(cat "$tmp/err")"
psql -X -q -A -t "$door_conn" -c "UPDATE registration SET badge_version = 1" >/dev/null 2>&1 \
  && not_ok "a device cannot change registrations directly" || ok "a device cannot change registrations directly"

sed 's/password=.[^ ]*/password='"'"'wrong'"'"'/' "$tmp/kiosk-2.conn" >"$tmp/wrong.conn"; chmod 600 "$tmp/wrong.conn"
dev wrong join "$tmp/wrong.conn" >/dev/null
status_is 1 "a wrong password: the sync fails" dev wrong sync --once
grep -q "refused this device’s password" "$tmp/err" && ok "…and says so in words" || not_ok "wrong password words" "$(cat "$tmp/err")"
grep -q "password" "$tmp/err" && ! grep -q "FATAL" "$tmp/err" && ok "…without libpq's raw text" || not_ok "raw libpq text" "$(cat "$tmp/err")"

sed 's/host=.[^ ]*/host='"'"'hub.example.org'"'"'/' "$tmp/kiosk-2.conn" >"$tmp/remote.conn"; chmod 600 "$tmp/remote.conn"
status_is 1 "a hub on another machine without verify-full is refused" dev remote join "$tmp/remote.conn"
grep -q "sslmode=verify-full" "$tmp/err" && ok "…naming verify-full" || not_ok "TLS words" "$(cat "$tmp/err")"

sed -e 's/host=.[^ ]*/host='"'"'127.0.0.1'"'"'/' -e 's/^Connection=.*/& sslmode='"'"'verify-full'"'"'/' "$tmp/kiosk-2.conn" >"$tmp/tls.conn"
chmod 600 "$tmp/tls.conn"
dev tls join "$tmp/tls.conn" >/dev/null
status_is 1 "a TLS failure: the sync fails" dev tls sync --once
grep -q "TLS connection could not be trusted" "$tmp/err" && ok "…saying the TLS connection could not be trusted" || not_ok "TLS failure words" "$(cat "$tmp/err")"

# --- the hub newer than this device: it says so and keeps working on its own
hub_psql "UPDATE hub_meta SET value = '99' WHERE key = 'schema_version'"
status_is 1 "a newer hub schema: the sync stops" dev kiosk-2 sync --once
grep -q "newer Lanyard" "$tmp/err" && ok "…saying the hub needs a newer Lanyard" || not_ok "newer words" "$(cat "$tmp/err")"
out=$(dev kiosk-2 checkin MW26-100074 --device kiosk-2 --json | outcome)
[ "$out" = checked_in ] && ok "the device keeps working offline" || not_ok "offline work" "$out"
out=$(dev kiosk-2 sync --status --json | json 'd["rows_waiting"], "newer" in d["text"]')
[ "$out" = "1 True" ] && ok "sync --status: the row waits, the words say why" || not_ok "status newer" "$out"
hub_psql "UPDATE hub_meta SET value = '1' WHERE key = 'schema_version'"
sync_ok kiosk-2 && ok "back to the known schema, it syncs again"

# --- the hub stopped and restarted: nothing lost, everyone converges
hub_pg_ctl stop -m immediate
dev kiosk-1 checkin MW26-100111 --device kiosk-1 >/dev/null
status_is 1 "hub down: the sync fails" dev kiosk-1 sync --once
grep -q "cannot be reached" "$tmp/err" && ok "…saying the hub cannot be reached" || not_ok "unreachable words" "$(cat "$tmp/err")"
out=$(dev kiosk-1 sync --status)
case "$out" in "Offline since "*" — 1 scan waiting"*) ok "sync --status: offline since, 1 scan waiting";; *) not_ok "offline status" "$out";; esac
hub_start_server
sync_ok kiosk-1 kiosk-2
out=$(dev kiosk-2 checkin MW26-100111 --device kiosk-2 --json | json 'd["outcome"], d["previous_device"]')
[ "$out" = "already_checked_in kiosk-1" ] && ok "after the restart the kiosks agree" || not_ok "converge after restart" "$out"
out=$(dev kiosk-1 sync --status)
case "$out" in "Synced just now"*|"Synced "*" s ago"*) ok "sync --status: synced seconds ago";; *) not_ok "synced status" "$out";; esac

# --- the connection cut mid-transfer by a proxy
python3 "$SRC/tests/hub/cut-proxy.py" "$tmp/proxy-port" "$HUB_PORT" 400000 & proxy_pid=$!
for i in $(seq 50); do [ -f "$tmp/proxy-port" ] && break; sleep 0.1; done
proxy_port=$(cat "$tmp/proxy-port")
LANYARD_HUB="host=127.0.0.1 port=$proxy_port user=lanyard dbname=hub" "$C" hub add-device kiosk-3 --role kiosk -o "$tmp/kiosk-3.conn" >/dev/null \
  && ok "a kiosk behind the proxy" || not_ok "kiosk-3 add" "$(cat "$tmp/err")"
# the office's session went through the proxy too: let it pass while enrolling
kill -USR2 $proxy_pid; dev kiosk-3 join "$tmp/kiosk-3.conn" >/dev/null; sync_ok kiosk-3; kill -USR1 $proxy_pid
make_scans kiosk-3 3000
status_is 1 "the connection cut mid-push: the sync fails" dev kiosk-3 sync --once
grep -q "broke\|cannot be reached" "$tmp/err" && ok "…in words" || not_ok "cut words" "$(cat "$tmp/err")"
at_hub=$(hub_count "SELECT count(*) FROM device_row WHERE device = 'kiosk-3'")
[ "$at_hub" -lt 3000 ] && ok "part of the push arrived ($at_hub of 3000)" || not_ok "cut before the end" "$at_hub"
kill -USR2 $proxy_pid
sync_ok kiosk-3
out=$(hub_count "SELECT count(*), count(DISTINCT uuid) FROM device_row WHERE device = 'kiosk-3'")
[ "$out" = "3000|3000" ] && ok "after the cut: every row once at the hub" || not_ok "rows after cut" "$out"
sync_ok kiosk-1
out=$(sqlite3 "$tmp/kiosk-1.db" "SELECT count(*) FROM scan WHERE device = 'kiosk-3'")
[ "$out" = 3000 ] && ok "and on the other kiosk" || not_ok "kiosk-1 has kiosk-3's rows" "$out"
kill $proxy_pid; proxy_pid=

# --- a device killed mid-push: its rows arrive once
make_scans desk-2 1200
mkfifo "$tmp/lock"
psql -X -q -h "$HUB_DIR" -p "$HUB_PORT" -U lanyard -d hub <"$tmp/lock" >/dev/null 2>&1 & lock_pid=$!
exec 3>"$tmp/lock"
echo "BEGIN; SELECT pg_advisory_xact_lock (7236818);" >&3
for i in $(seq 100); do
  [ "$(hub_psql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && break; sleep 0.05
done
"$C" --db "$tmp/desk-2.db" sync --once >/dev/null 2>&1 & sync_pid=$!
for i in $(seq 200); do
  [ "$(hub_psql "SELECT count(*) FROM pg_stat_activity WHERE usename = 'hub/desk-2' AND wait_event_type = 'Lock'")" = 1 ] && break; sleep 0.05
done
kill -9 $sync_pid; wait $sync_pid 2>/dev/null
echo "COMMIT;" >&3; exec 3>&-; wait $lock_pid; lock_pid=
for i in $(seq 100); do
  [ "$(hub_psql "SELECT count(*) FROM pg_stat_activity WHERE usename = 'hub/desk-2'")" = 0 ] && break; sleep 0.05
done
at_hub=$(hub_count "SELECT count(*) FROM device_row WHERE device = 'desk-2' AND kind = 'scan'")
waiting=$(sqlite3 "$tmp/desk-2.db" "SELECT count(*) FROM sync_outbox")
[ "$at_hub" = 500 ] && [ "$waiting" -ge 1200 ] && ok "killed mid-push: the hub kept the batch, the device never heard" \
  || not_ok "killed mid-push" "at hub $at_hub, waiting $waiting"
sync_ok desk-2
out=$(hub_count "SELECT count(*), count(DISTINCT uuid) FROM device_row WHERE device = 'desk-2' AND kind = 'scan'")
[ "$out" = "1200|1200" ] && ok "run again: every row once" || not_ok "after kill" "$out"

# --- the office's view of the devices
out=$("$C" hub status --json | json '[(x["name"], x["rows_waiting"], x["clock_skewed"]) for x in d["devices"] if x["name"] in ("kiosk-1", "door-2")]')
[ "$out" = "[('door-2', 0, False), ('kiosk-1', 0, False)]" ] && ok "hub status: rows waiting, clocks" || not_ok "hub status" "$out"
psql -X -q -A -t "$door_conn" -c "SELECT hub_device_seen ((extract (epoch FROM now ()) * 1000000)::bigint + 300000000, 0, 'x')" >/dev/null
out=$("$C" hub status --json | json '[(x["name"], x["clock_skewed"], round(x["clock_offset_seconds"])) for x in d["devices"] if x["name"] == "door-1"]')
[ "$out" = "[('door-1', True, 300)]" ] && ok "a clock 5 minutes off is flagged at the hub" || not_ok "clock flag" "$out"
"$C" hub status | grep "^door-1" | grep -q "CLOCK OFF" && ok "…in words" || not_ok "clock words" "$("$C" hub status)"

# --- a removed device can no longer connect
status_is 0 "remove-device door-2" "$C" hub remove-device door-2
status_is 1 "the removed door's sync fails" dev door-2 sync --once
grep -q "no longer accepts this device" "$tmp/err" && ok "…saying it was removed" || not_ok "removed words" "$(cat "$tmp/err")"
status_is 1 "remove-device of an unknown device" "$C" hub remove-device nobody

tap_done

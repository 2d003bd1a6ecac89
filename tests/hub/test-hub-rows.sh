#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Which rows travel, and to whom, against a private PostgreSQL 15: the
# board and the permission to report (a hub made before them is migrated
# by init), the audit rows of `hub import --cancel-missing`, a badge
# printed at one kiosk known at the other, that kiosk's print job on the
# desk, and a learner's evaluation words kept from doors. TAP output.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
. "$SRC/tests/tap.sh"
. "$SRC/tests/hub/hub-fixture.sh"
hub_start
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; hub_stop' EXIT
cd "$tmp"

dev () { local name=$1; shift; "$C" --db "$tmp/$name.db" "$@"; }
sync_ok () { for d in "$@"; do dev "$d" sync --once >"$tmp/out" 2>"$tmp/err" || { not_ok "sync $d" "$(cat "$tmp/err")"; return 1; }; done; }
on () { sqlite3 "$tmp/$1.db" "$2"; }

# --- a hub made before the board: init brings it up to date
status_is 0 "hub init" "$C" hub init
hub_psql "ALTER TABLE registration DROP COLUMN board, DROP COLUMN permission_to_report,
            DROP COLUMN first_name_latin, DROP COLUMN last_name_latin;
          UPDATE hub_meta SET value = '1' WHERE key = 'schema_version'" >/dev/null
status_is 0 "init migrates a version 1 hub" "$C" hub init
grep -q "now version 3 (was 1)" "$tmp/out" && ok "…and says so" || not_ok "init words" "$(cat "$tmp/out")"
out=$(hub_psql "SELECT string_agg (column_name, ',' ORDER BY column_name) FROM information_schema.columns
                WHERE table_name = 'registration'
                AND column_name IN ('board', 'permission_to_report', 'first_name_latin', 'last_name_latin')")
[ "$out" = "board,first_name_latin,last_name_latin,permission_to_report" ] \
  && ok "the hub has the board, the permission and the Latin name" || not_ok "columns" "$out"

# --- the board and the permission, from the hub's import to the devices
status_is 0 "the event at the hub" "$C" hub load --event "$SRC/data/demo/event.json" --key "$tmp/event.key"
cat >"$tmp/reg.csv" <<'CSV'
Ticket,First,Last,Profession,Board,Board ID,OK to report
P1,Ana,Alvarez,physician,,,I agree
P3,Cem,Celik,physician,,,Decline
P4,Dee,Dunn,physician,ABIM,12345678,I agree
CSV
cat >"$tmp/map.json" <<'JSON'
{ "columns": { "Ticket": "ticket_code", "First": "first_name", "Last": "last_name", "Profession": "profession",
               "Board": "board", "Board ID": "board_id", "OK to report": "permission_to_report" },
  "values": { "permission_to_report": { "I agree": "yes", "Decline": "no" } } }
JSON
status_is 0 "hub import with a board and a permission" "$C" hub import --mapping "$tmp/map.json" "$tmp/reg.csv"
out=$(hub_psql "SELECT string_agg (ticket_code || ':' || board || ':' || permission_to_report, ' ' ORDER BY ticket_code)
                FROM registration")
[ "$out" = "P1::true P3::false P4:ABIM:true" ] && ok "the hub keeps them" || not_ok "hub board" "$out"
status_is 0 "import again" "$C" hub import --mapping "$tmp/map.json" "$tmp/reg.csv"
grep -q "unchanged 3" "$tmp/out" && ok "…unchanged the second time" || not_ok "re-import" "$(cat "$tmp/out")"

for d in kiosk-1:kiosk kiosk-2:kiosk desk-1:desk; do
  status_is 0 "add-device ${d%%:*}" "$C" hub add-device "${d%%:*}" --role "${d##*:}" --key "$tmp/event.key" -o "$tmp/${d%%:*}.conn"
done
status_is 0 "add-device door-1" "$C" hub add-device door-1 --role door -o "$tmp/door-1.conn"
for d in kiosk-1 kiosk-2 desk-1 door-1; do
  dev "$d" join "$tmp/$d.conn" >/dev/null 2>&1 || not_ok "$d joins"
done
sync_ok kiosk-1 kiosk-2 desk-1 door-1 && ok "four devices synced"
out=$(on desk-1 "SELECT group_concat (ticket_code || ':' || board || ':' || permission_to_report, ' ')
                 FROM (SELECT * FROM attendee ORDER BY ticket_code)")
[ "$out" = "P1::1 P3::0 P4:ABIM:1" ] && ok "the desk has the board and the permission" || not_ok "desk board" "$out"

# a registration imported at a device goes up with them
printf 'Ticket,First,Last,Profession,Board,Board ID,OK to report\nP9,Ivy,Ito,physician,ABFM,,I agree\n' >"$tmp/more.csv"
dev desk-1 import --mapping "$tmp/map.json" "$tmp/more.csv" >/dev/null || not_ok "desk import"
sync_ok desk-1 kiosk-1
out=$(hub_psql "SELECT board || ':' || permission_to_report FROM registration WHERE ticket_code = 'P9'")
[ "$out" = "ABFM:true" ] && ok "a device's registration reaches the hub with them" || not_ok "P9 at hub" "$out"
out=$(on kiosk-1 "SELECT board || ':' || permission_to_report FROM attendee WHERE ticket_code = 'P9'")
[ "$out" = "ABFM:1" ] && ok "…and the other devices" || not_ok "P9 at kiosk" "$out"
# …and so does a device import's change to a registration it has
printf 'Ticket,First,Last,Profession,Board,Board ID,OK to report\nP9,Ivy,Ito-Park,physician,ABIM,,I agree\n' >"$tmp/more.csv"
dev desk-1 import --mapping "$tmp/map.json" "$tmp/more.csv" >"$tmp/out" || not_ok "desk re-import"
grep -q "updated 1" "$tmp/out" || not_ok "desk re-import counts" "$(cat "$tmp/out")"
sync_ok desk-1 kiosk-1
out=$(hub_psql "SELECT last_name || ':' || board FROM registration WHERE ticket_code = 'P9'")
[ "$out" = "Ito-Park:ABIM" ] && ok "a device import's change to a registration reaches the hub" || not_ok "P9 change at hub" "$out"
out=$(on kiosk-1 "SELECT last_name || ':' || board FROM attendee WHERE ticket_code = 'P9'")
[ "$out" = "Ito-Park:ABIM" ] && ok "…and the other devices" || not_ok "P9 change at kiosk" "$out"

# --- a name in another script and its Latin spelling: from the hub's
# import to the devices, a walk-in's up, and edits (the permission too)
printf 'ticket_code,first_name,last_name,first_name_latin,last_name_latin,profession\nJ1,太郎,山田,Taro,Yamada,physician\n' >"$tmp/jp.csv"
status_is 0 "hub import with the Latin name" "$C" hub import "$tmp/jp.csv"
sync_ok kiosk-1 desk-1
out=$(on kiosk-1 "SELECT first_name_latin || ' ' || last_name_latin FROM attendee WHERE ticket_code = 'J1'")
[ "$out" = "Taro Yamada" ] && ok "the kiosk has the Latin name from the hub" || not_ok "J1 latin at kiosk" "$out"
out=$(dev kiosk-1 search Yamada --json | json '[r["ticket_code"] for r in d["results"]]')
[ "$out" = "['J1']" ] && ok "…and finds 山田 by it" || not_ok "search Yamada at kiosk" "$out"
walk=$(dev desk-1 walk-in --first-name Иван --last-name Иванов --first-name-latin Ivan --last-name-latin Ivanov \
       --profession nurse)
dev desk-1 edit J1 --last-name-latin Yamada-Sato --permission-to-report yes --device desk-1 >/dev/null \
  || not_ok "desk edit J1"
sync_ok desk-1 kiosk-1
out=$(hub_psql "SELECT last_name_latin || ':' || permission_to_report FROM registration WHERE ticket_code = 'J1'")
[ "$out" = "Yamada-Sato:true" ] && ok "the desk's edits of the Latin name and the permission reach the hub" \
  || not_ok "J1 edits at hub" "$out"
out=$(on kiosk-1 "SELECT last_name_latin || ':' || permission_to_report FROM attendee WHERE ticket_code = 'J1'")
[ "$out" = "Yamada-Sato:1" ] && ok "…and the kiosk" || not_ok "J1 at kiosk-1" "$out"
out=$(on kiosk-1 "SELECT first_name || ' ' || last_name || ':' || first_name_latin || ' ' || last_name_latin
                  FROM attendee WHERE ticket_code = '$walk'")
[ "$out" = "Иван Иванов:Ivan Ivanov" ] && ok "a walk-in's Latin name reaches the kiosk" || not_ok "walk-in at kiosk-1" "$walk: $out"
sync_ok door-1
out=$(on door-1 "SELECT count(*) FROM attendee WHERE last_name_latin != ''")
[ "$out" = 0 ] && ok "a door gets no Latin names (it has no search)" || not_ok "door latin" "$out"

# --- hub import --cancel-missing writes the audit, as the device import does
grep -v '^P3,' "$tmp/reg.csv" >"$tmp/less.csv"
status_is 0 "hub import --full --cancel-missing" "$C" hub import --mapping "$tmp/map.json" --full --cancel-missing "$tmp/less.csv"
out=$(hub_psql "SELECT string_agg (device || ':' || (payload->>'field') || ':' || (payload->>'old_value') || '>'
                || (payload->>'new_value'), ' ') FROM device_row WHERE kind = 'audit' AND ticket_code = 'P3'")
[ "$out" = "hub:status:active>cancelled" ] && ok "the cancel is in the hub's audit" || not_ok "hub audit" "$out"
[ "$(hub_psql "SELECT status FROM registration WHERE ticket_code = 'P3'")" = cancelled ] \
  && ok "…and P3 is cancelled at the hub" || not_ok "P3 status"
out=$(hub_psql "SELECT count(*) FROM device_row WHERE kind = 'conflict'")
[ "$out" = 0 ] && ok "…with no conflict noted" || not_ok "conflict from import" "$out"
sync_ok desk-1
out=$(on desk-1 "SELECT u.field || ':' || u.old_value || '>' || u.new_value FROM audit u
                 JOIN attendee a ON a.id = u.attendee_id WHERE a.ticket_code = 'P3'")
[ "$out" = "status:active>cancelled" ] && ok "the desk's record shows who cancelled P3" || not_ok "desk audit" "$out"

# --- a badge printed at kiosk 1 is "already printed at kiosk-1" at kiosk 2
dev kiosk-1 checkin P1 --device kiosk-1 --at 2026-11-24T07:40 >/dev/null
on kiosk-1 "INSERT INTO scan (uuid, device, at, attendee_id, kind, outcome, recorded_at)
            SELECT 'printed-p1', 'kiosk-1', 1795500000000000, id, 'badge_printed', 'printed', 1795500000000000
            FROM attendee WHERE ticket_code = 'P1'"
sync_ok kiosk-1 kiosk-2
out=$(dev kiosk-2 checkin P1 --device kiosk-2 --json | json 'd["outcome"], d.get("badge_printed_device")')
[ "$out" = "already_checked_in kiosk-1" ] && ok "kiosk 2: the badge was printed at kiosk-1" || not_ok "printed at" "$out"

# --- kiosk 1's print job, at its latest state, on the desk's record
on kiosk-1 "INSERT INTO print_job (uuid, attendee_id, document, queue, state, error, created_at, updated_at)
            SELECT 'job-p1', id, 'badge', 'kiosk-1-printer', 'failed', 'out of paper', 1795500000000000,
            1795500000000000 FROM attendee WHERE ticket_code = 'P1'"
sync_ok kiosk-1 desk-1
out=$(on desk-1 "SELECT device || ' ' || document || ' ' || state || ' ' || error FROM sync_print_job WHERE uuid = 'job-p1'")
[ "$out" = "kiosk-1 badge failed out of paper" ] && ok "the desk knows kiosk 1's failed print" || not_ok "desk job" "$out"
on kiosk-1 "UPDATE print_job SET state = 'completed', error = NULL, updated_at = 1795500060000000 WHERE uuid = 'job-p1'"
sync_ok kiosk-1 desk-1 kiosk-2
out=$(on desk-1 "SELECT device || ' ' || state || ' ' || (SELECT count(*) FROM sync_print_job) || ' '
                 || (SELECT count(*) FROM print_job) FROM sync_print_job WHERE uuid = 'job-p1'")
[ "$out" = "kiosk-1 completed 1 0" ] && ok "…then that it printed, apart from the desk's own jobs" || not_ok "desk job state" "$out"
out=$(on kiosk-1 "SELECT (SELECT count(*) FROM sync_print_job) || ' ' || (SELECT state FROM print_job WHERE uuid = 'job-p1')")
[ "$out" = "0 completed" ] && ok "kiosk 1 keeps its own job as its own" || not_ok "kiosk-1 own job" "$out"

# --- a learner's own words reach the desk, never a door
on kiosk-1 "INSERT INTO evaluation_answer (uuid, attendee_id, session_id, question, text, at, device)
            SELECT 'words-p4', id, NULL, 'comments', 'The second talk ran long', 1795500000000000, 'kiosk-1'
            FROM attendee WHERE ticket_code = 'P4'"
sync_ok kiosk-1 desk-1 door-1
out=$(hub_psql "SELECT (payload ? 'text')::text || ':' || (sensitive->>'text') FROM device_row WHERE uuid = 'words-p4'")
[ "$out" = "false:The second talk ran long" ] && ok "the words are where a door's role cannot read" || not_ok "hub words" "$out"
[ "$(on desk-1 "SELECT text FROM evaluation_answer WHERE uuid = 'words-p4'")" = "The second talk ran long" ] \
  && ok "the desk has the words" || not_ok "desk words"
out=$(on door-1 "SELECT (SELECT count(*) FROM evaluation_answer) || ':' || (SELECT count(*) FROM sync_print_job)")
[ "$out" = "0:0" ] && ok "the door has no evaluation answers and no print jobs" || not_ok "door answers" "$out"
conn=$(sed -n 's/^Connection=//p' "$tmp/door-1.conn")
out=$(psql -X -q -A -t "$conn" -c "SELECT coalesce (payload->>'text', '-') FROM device_row WHERE uuid = 'words-p4'" 2>&1)
[ "$out" = "-" ] && ok "the door's role finds no words in what it may read" || not_ok "door reads words" "$out"
psql -X -q -A -t "$conn" -c "SELECT sensitive FROM device_row" >/dev/null 2>"$tmp/err" \
  && not_ok "the door's role reads the words" || ok "…and may not read the rest"

# --- words a device pushed before they moved (hub version 2 and older):
# init moves them out of the doors' reach
hub_psql "INSERT INTO device_row (uuid, device, kind, ticket_code, device_at, payload)
          VALUES ('old-words', 'kiosk-1', 'evaluation_answer', 'P4', 1795500000000000,
                  '{\"question\": \"comments\", \"text\": \"Old words\"}');
          UPDATE hub_meta SET value = '2' WHERE key = 'schema_version'" >/dev/null
status_is 0 "init migrates a version 2 hub" "$C" hub init
grep -q "now version 3 (was 2)" "$tmp/out" && ok "…and says so" || not_ok "init words 3" "$(cat "$tmp/out")"
out=$(hub_psql "SELECT (payload ? 'text')::text || ':' || (sensitive->>'text') || ':' || (payload->>'question')
                FROM device_row WHERE uuid = 'old-words'")
[ "$out" = "false:Old words:comments" ] && ok "the old words moved where a door's role cannot read" || not_ok "old words" "$out"
out=$(psql -X -q -A -t "$conn" -c "SELECT coalesce (payload->>'text', '-') FROM device_row WHERE uuid = 'old-words'" 2>&1)
[ "$out" = "-" ] && ok "…the door's role finds none" || not_ok "door reads old words" "$out"
hub_psql "UPDATE device_row SET payload = payload WHERE uuid = 'old-words'" >/dev/null 2>&1 \
  && not_ok "device rows stay append-only after the move" || ok "device rows stay append-only after the move"
sync_ok desk-1
[ "$(on desk-1 "SELECT text FROM evaluation_answer WHERE uuid = 'old-words'")" = "Old words" ] \
  && ok "the desk still gets them" || not_ok "desk old words" "$(on desk-1 "SELECT text FROM evaluation_answer WHERE uuid = 'old-words'")"
tap_done

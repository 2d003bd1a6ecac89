#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lanyardctl end to end on the demo event: every command, the bad inputs,
# the exit codes. TAP output.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANYARD_DB="$tmp/demo.db"

. "$SRC/tests/tap.sh"

# --- init and import
status_is 0 "init loads the demo event" "$C" init --event "$DEMO/event.json"
[ "$(stat -c %a "$LANYARD_DB")" = 600 ] && ok "database is 0600" || not_ok "database is 0600"
[ "$(stat -c %a "$LANYARD_DB.key")" = 600 ] && ok "badge secret key is 0600" || not_ok "badge secret key is 0600"
out=$("$C" import "$DEMO/registrations.csv")
[ "$out" = "read 337 rows: imported 337, updated 0, unchanged 0, rejected 0" ] && ok "import counts" || not_ok "import counts" "$out"
out=$("$C" import "$DEMO/registrations.csv")
[ "$out" = "read 337 rows: imported 0, updated 0, unchanged 337, rejected 0" ] && ok "re-import changes nothing" || not_ok "re-import changes nothing" "$out"
out=$("$C" import --mapping "$DEMO/mapping-example.json" "$DEMO/registrations-other-export.csv")
[ "$out" = "read 25 rows: imported 0, updated 0, unchanged 25, rejected 0" ] && ok "another export through a mapping: same people" || not_ok "mapping" "$out"
status_is 0 "init again updates in place" "$C" init --event "$DEMO/event.json"
# an edited event that leaves out the ticketed workshop S25 would lose its registrations
python3 - "$DEMO/event.json" "$tmp/no-s25.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1], encoding="utf-8"))
e["sessions"] = [s for s in e["sessions"] if s["id"] != "S25"]
json.dump(e, open(sys.argv[2], "w", encoding="utf-8"))
PY
s25=$(python3 -c 'import csv, sys; print(sum("S25" in [x.strip() for x in r["sessions"].split(";")] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$DEMO/registrations.csv")
status_is 1 "init refuses an event that drops a session people are registered for" "$C" init --event "$tmp/no-s25.json"
grep -q "Session S25 .* $s25 people are registered" "$tmp/err" && ok "the refusal names the session and how many ($s25)" \
  || not_ok "the refusal names the session" "$(cat "$tmp/err")"
out=$("$C" sessions --json | json '[s["id"] for s in d["sessions"]].count("S25")')
[ "$out" = 1 ] && ok "the refused init changed nothing" || not_ok "S25 still there" "$out"
# --start-on (a rehearsal, and the window tests: the first day already over)
status_is 0 "init --start-on moves the event to that day" "$C" --db "$tmp/rehearsal.db" init --event "$DEMO/event.json" --start-on 2027-03-13
out=$("$C" --db "$tmp/rehearsal.db" sessions --json | json '[s["start"] for s in d["sessions"] if s["id"] in ("S01", "S12")]')
[ "$out" = "['2027-03-13T08:00:00-06:00', '2027-03-14T10:00:00-05:00']" ] && ok "--start-on: local times kept, days moved (across DST)" \
  || not_ok "--start-on S01/S12" "$out"
status_is 2 "init --start-on a month 13" "$C" --db "$tmp/rehearsal.db" init --event "$DEMO/event.json" --start-on 2027-13-13
grep -q "is not a date" "$tmp/err" && ok "--start-on a bad date says so" || not_ok "bad --start-on" "$(cat "$tmp/err")"
status_is 1 "keygen refuses to overwrite" "$C" keygen

# --- lookup
out=$("$C" lookup MW26-DEMO01 --json)
[ "$(echo "$out" | json 'd["last_name"], d["role"], d["status"]')" = "Smith attendee active" ] && ok "lookup --json fields" || not_ok "lookup --json" "$out"
badge=$(echo "$out" | json 'd["badge_code"]')
case "$badge" in LY1:*) ok "lookup gives a signed badge code";; *) not_ok "badge code" "$badge";; esac
out=$("$C" lookup "$badge" --json | json 'd["ticket_code"]')
[ "$out" = "MW26-DEMO01" ] && ok "badge code resolves to the same attendee" || not_ok "badge code lookup" "$out"
"$C" lookup MW26-DEMO04 >"$tmp/human"
grep -q 0314 "$tmp/human" && not_ok "human output hides birth date" || ok "human output hides birth date"
status_is 1 "unknown code: exit 1" "$C" lookup NOPE-0000
status_is 1 "tampered badge code: unknown" "$C" lookup "${badge%?}Z"
status_is 2 "lookup without a code: usage" "$C" lookup

# --- search
out=$("$C" search jose --json | json 'len(d["results"]) > 0 and all("Jos" in r["first_name"] for r in d["results"])')
[ "$out" = True ] && ok "search: diacritics-insensitive" || not_ok "search jose" "$out"
out=$("$C" search 小明 --json | json 'd["results"][0]["first_name"]')
[ "$out" = 小明 ] && ok "search: CJK by characters" || not_ok "search CJK" "$out"
for q in "'; DROP TABLE attendee; --" '<b>x</b>' '"' 'NEAR(' "$(head -c 5000 /dev/zero | tr '\0' A)"; do
  status_is 0 "search survives hostile text" "$C" search "$q"
done

# --- sessions
out=$("$C" sessions --json | json 'len(d["sessions"]), d["sessions"][0]["start"], d["sessions"][0]["credits"]["AMA_PRA_1"], sum(1 for s in d["sessions"] if s["ticketed"])')
[ "$out" = "26 2026-11-24T08:00:00-06:00 1.5 2" ] && ok "sessions --json" || not_ok "sessions --json" "$out"

# --- check-in sequences
out=$("$C" checkin MW26-DEMO01 --json --at 2026-11-24T07:45 --device kiosk-3 | json 'd["outcome"]')
[ "$out" = checked_in ] && ok "first check-in" || not_ok "first check-in" "$out"
"$C" checkin MW26-DEMO01 --json >"$tmp/again" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && [ "$(json 'd["outcome"], d["previous_device"]' <"$tmp/again")" = "already_checked_in kiosk-3" ] \
  && ok "second check-in: already, with when and where" || not_ok "already checked in" "$(cat "$tmp/again")"
out=$("$C" checkin MW26-DEMO06 --json | json 'd["outcome"]')
[ "$out" = needs_desk ] && ok "pharmacist without e-Profile: needs the desk" || not_ok "needs desk" "$out"
out=$("$C" checkin MW26-DEMO07 --json | json 'd["outcome"]')
[ "$out" = cancelled ] && ok "cancelled registration" || not_ok "cancelled" "$out"
for code in "'; DROP TABLE scan; --" '<b>bold</b>' 'LY1:AAAA' "$(head -c 5000 /dev/zero | tr '\0' B)"; do
  out=$("$C" checkin "$code" --json | json 'd["outcome"]')
  [ "$out" = unknown ] && ok "hostile code is unknown" || not_ok "hostile code" "$out"
done
out=$("$C" checkin MW26-DEMO01 --session S01 --at 2026-11-24T07:55 --json | json 'd["outcome"]')
[ "$out" = entered ] && ok "paper sheet: entry" || not_ok "entry" "$out"
out=$("$C" checkin MW26-DEMO01 --session S01 --exit --at 2026-11-24T09:10 --json | json 'd["outcome"], d["minutes"]')
[ "$out" = "exited 70" ] && ok "paper sheet: exit with minutes" || not_ok "exit" "$out"
out=$("$C" checkin MW26-DEMO01 --session S03 --at 2026-11-24T10:05 --json | json 'd["outcome"]')
[ "$out" = entered ] && ok "entry to a parallel session" || not_ok "entry S03" "$out"
out=$("$C" checkin MW26-DEMO01 --session S03 --exit --at 2026-11-24T10:50 --json | json 'd["outcome"], d["minutes"]')
[ "$out" = "exited 45" ] && ok "exit from the parallel session" || not_ok "exit S03" "$out"
out=$("$C" checkin MW26-DEMO02 --session S25 --at 2026-11-24T15:00 --json | json 'd["outcome"]')
[ "$out" = not_registered ] && ok "workshop without a ticket" || not_ok "not registered" "$out"
out=$("$C" checkin MW26-DEMO01 --session S25 --at 2026-11-24T13:00 --json | json 'd["outcome"]')
[ "$out" = outside_window ] && ok "workshop before its entry window" || not_ok "outside window" "$out"
status_is 1 "unknown session" "$C" checkin MW26-DEMO01 --session NOPE
status_is 2 "bad --at" "$C" checkin MW26-DEMO01 --session S01 --at yesterday
# --at (issue 22.4, 20.10): minutes with a zone; never the future, the
# year 2062 or year 1, nor outside the event's dates ± 1 day; a local time
# the clocks skipped does not exist (checked in at the event first: doors
# require it)
"$C" checkin MW26-DEMO02 --at 2026-11-24T14:00Z >/dev/null
out=$("$C" checkin MW26-DEMO02 --session S01 --at 2026-11-24T14:30Z --json | json 'd["outcome"]')
[ "$out" = entered ] && ok "--at with minutes and Z" || not_ok "--at Z" "$out"
out=$("$C" checkin MW26-DEMO02 --session S01 --exit --at 2026-11-24T15:00Z --json | json 'd["outcome"], d["minutes"]')
[ "$out" = "exited 30" ] && ok "--at 15:00Z exit: minutes" || not_ok "--at T09:00Z" "$out"
status_is 1 "--at 2026-11-24T09:00Z parses (03:00 in Chicago: not open for entry)" "$C" checkin MW26-DEMO02 --session S01 --at 2026-11-24T09:00Z
grep -q "Not open for entry" "$tmp/err" && ok "…judged, not refused as a bad time" || not_ok "T09:00Z" "$(cat "$tmp/err")"
status_is 2 "--at in 2062" "$C" checkin MW26-DEMO02 --session S01 --at 2062-11-24T09:00
grep -q "future" "$tmp/err" && ok "--at in the future says so" || not_ok "future reason" "$(cat "$tmp/err")"
status_is 2 "--at in year 1" "$C" checkin MW26-DEMO02 --session S01 --at 0001-11-24T09:00
grep -q "outside the event" "$tmp/err" && ok "--at outside the event says so" || not_ok "outside reason" "$(cat "$tmp/err")"
status_is 2 "--at two days before" "$C" checkin MW26-DEMO02 --session S01 --at 2026-11-22T09:00
status_is 2 "--at: a local time that does not exist" "$C" credits MW26-DEMO02 --as-of 2026-03-08T02:30
grep -q "does not exist" "$tmp/err" && ok "the skipped hour is named" || not_ok "DST reason" "$(cat "$tmp/err")"
status_is 2 "--exit without --session" "$C" checkin MW26-DEMO01 --exit

# --- credits: S01 07:55–09:10 is 70 min of a 08:00–09:30 session → 1.25;
# S03 10:05–10:50 → 45 min → 0.75
out=$("$C" credits MW26-DEMO01 --json | json 'd["total"]["AMA_PRA_1"], [(s["id"], s["minutes"]) for s in d["sessions"]]')
[ "$out" = "2.0 [('S01', 70), ('S03', 45)]" ] && ok "credits from door scans" || not_ok "credits" "$out"
out=$("$C" credits MW26-DEMO01 --as-of 2026-11-24T08:30 --json | json 'd["total"]["AMA_PRA_1"], [(s["id"], s["minutes"]) for s in d["sessions"]]')
[ "$out" = "0.5 [('S01', 30)]" ] && ok "credits --as-of: an open visit counts up to then" || not_ok "credits --as-of" "$out"
status_is 2 "credits --as-of needs a time" "$C" credits MW26-DEMO01 --as-of soon

# --- export and stats
"$C" export attendance -o "$tmp/att.csv" && python3 - "$tmp/att.csv" <<'PY' && ok "export attendance csv parses back" || not_ok "export csv"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
mine = [r for r in rows if r["ticket_code"] == "MW26-DEMO01"]
assert any(r["record"] == "session" and r["session_id"] == "S01" and r["minutes"] == "70" and r["AMA_PRA_1"] == "" for r in mine), mine
# issue 20.8: one total per learner per credit type, rounded once and
# capped (70 + 45 min = 1.92 h -> 2.00); blank where the profession cannot
# get the type; every paper scan counted as back-dated
total = [r for r in mine if r["record"] == "total"]
assert len(total) == 1 and total[0]["AMA_PRA_1"] == "2.00" and total[0]["minutes"] == "115", total
assert total[0]["ANCC"] == "" and total[0]["ACPE"] == "", total
assert sum(int(r["back_dated_scans"]) for r in mine if r["record"] == "session") == 4, mine
PY
# -o onto something that is not a regular file (a pipe here; /dev/null in
# real life) writes into it: renamed over, it was replaced by a file
mkfifo "$tmp/pipe"
cat "$tmp/pipe" > "$tmp/from-pipe" & reader=$!
"$C" export attendance -o "$tmp/pipe"
if [ -p "$tmp/pipe" ]; then
  wait $reader
  head -n 1 "$tmp/from-pipe" | grep -q '^record,ticket_code,' && ok "export -o a pipe writes into the pipe" \
    || not_ok "export -o a pipe" "$(head -c 200 "$tmp/from-pipe")"
else
  kill $reader
  not_ok "export -o a pipe: the pipe was replaced by a file" "$(ls -l "$tmp/pipe")"
fi
out=$("$C" export attendance --format json | json 'len(d["attendance"]), [(t["ticket_code"], t["credits"].get("AMA_PRA_1")) for t in d["totals"]]')
[ "$out" = "3 [('MW26-DEMO02', 0.5), ('MW26-DEMO01', 2.0)]" ] && ok "export attendance json" || not_ok "export json" "$out"
out=$("$C" stats --json | json 'd["checked_in"], d["cancelled"], d["registered"]')
[ "$out" = "2 1 336" ] && ok "stats" || not_ok "stats" "$out"
out=$("$C" stats --json | json '[(s["id"], s["inside"], s["total"]) for s in d["sessions"] if s["total"]]')
[ "$out" = "[('S01', 0, 2), ('S03', 0, 1)]" ] && ok "stats: per session inside now and people who came in" || not_ok "stats sessions" "$out"

# issue 20.1 on the demo event: S02 entered at 10:00, S03 at 10:10 without
# an exit from S02, out of S03 at 11:00 — S02 has 10 minutes (below the
# demo's 15-minute minimum), S03 50 → 0.75
"$C" checkin MW26-DEMO03 --at 2026-11-24T09:50 >/dev/null
"$C" checkin MW26-DEMO03 --session S02 --at 2026-11-24T10:00 >/dev/null
"$C" checkin MW26-DEMO03 --session S03 --at 2026-11-24T10:10 >/dev/null
"$C" checkin MW26-DEMO03 --session S03 --exit --at 2026-11-24T11:00 >/dev/null
out=$("$C" credits MW26-DEMO03 --json | json 'd["total"]["AMA_PRA_1"], [(s["id"], s["minutes"]) for s in d["sessions"]]')
[ "$out" = "0.75 [('S02', 10), ('S03', 50)]" ] && ok "entering S03 leaves S02" || not_ok "one place at a time" "$out"

# --- bad CSV: good rows before the broken one are not kept either
printf 'ticket_code,last_name\nZ1,Fine\nZ2,"unterminated\nZ3,Also\n' >"$tmp/bad.csv"
before=$("$C" stats --json | json 'd["registered"]')
status_is 1 "unparseable CSV: exit 1" "$C" import "$tmp/bad.csv"
grep -q "line 3" "$tmp/err" && ok "unparseable CSV names the line" || not_ok "names the line" "$(cat "$tmp/err")"
status_is 1 "unparseable CSV: the good row before it is not imported" "$C" lookup Z1
after=$("$C" stats --json | json 'd["registered"]')
[ "$after" = "$before" ] && ok "unparseable CSV changed nothing" || not_ok "unparseable CSV changed nothing" "$before → $after"
printf 'ticket_code,first_name,last_name,sessions\nY1,A,Alpha,\n,B,Beta,\nY3,C,,\nY4,D,Delta,NOPE\nY1,E,Echo,\nY7,F,Foxtrot,S25;\nY8,G,Golf,S25;;S26\n' >"$tmp/rows.csv"
out=$("$C" import "$tmp/rows.csv")
expected="read 7 rows: imported 3, updated 0, unchanged 0, rejected 4
line 3: no ticket code
line 4: no last name
line 5: unknown session “NOPE”
line 6: ticket code Y1 is already on line 2"
[ "$out" = "$expected" ] && ok "bad rows rejected with line numbers, every row counted" || not_ok "bad rows" "$out"
out=$("$C" lookup Y8 --json | json '" ".join(d["sessions"])')
[ "$out" = "S25 S26" ] && ok "empty entries in sessions are skipped, the row kept" || not_ok "sessions S25;;S26" "$out"

# --- staff desk actions (issue: staff desk)
old=$("$C" lookup MW26-DEMO05 --json | json 'd["badge_code"]')
new=$("$C" replace-badge MW26-DEMO05 --reason "lost" --device desk-1)
case "$new" in LY1:*) ok "replace-badge prints the new code";; *) not_ok "replace-badge" "$new";; esac
out=$("$C" checkin "$old" --json | json 'd["outcome"]')
[ "$out" = replaced ] && ok "the old badge is refused as replaced" || not_ok "old badge" "$out"
"$C" checkin MW26-DEMO05 --at 2026-11-24T07:50 >/dev/null  # the doors want a check-in first
out=$("$C" checkin "$new" --session S01 --at 2026-11-24T08:10 --json | json 'd["outcome"]')
[ "$out" = entered ] && ok "the new badge works" || not_ok "new badge" "$out"
status_is 0 "edit a name" "$C" edit MW26-DEMO05 --first-name Siobhan --device desk-1
out=$("$C" audit MW26-DEMO05)
echo "$out" | grep -q "first_name.*Siobhán.*Siobhan" && echo "$out" | grep -q "badge_version.*lost" \
  && ok "audit shows old and new values and the reason" || not_ok "audit" "$out"
walk=$("$C" walk-in --first-name Zed --last-name Walker --profession nurse)
out=$("$C" checkin "$walk" --json | json 'd["outcome"]')
[ "$out" = checked_in ] && ok "walk-in gets a ticket code that checks in" || not_ok "walk-in" "$walk $out"
status_is 0 "cancel" "$C" cancel "$walk"
out=$("$C" checkin "$walk" --session S01 --at 2026-11-24T08:10 --json | json 'd["outcome"]')
[ "$out" = cancelled ] && ok "a cancelled registration is refused" || not_ok "cancelled" "$out"
status_is 0 "restore" "$C" restore "$walk"
echo 4711 | "$C" set-pin >/dev/null && ok "set-pin" || not_ok "set-pin"
hash=$(sqlite3 "$LANYARD_DB" "select value from meta where key='staff_pin_hash'" 2>&1)
case "$hash" in '$argon2id$'*) ok "PIN stored as Argon2id";; *) not_ok "PIN stored as Argon2id" "$hash";; esac
echo 12 | "$C" set-pin >/dev/null 2>&1 && not_ok "short PIN refused" || ok "short PIN refused"

# --- a killed import leaves the database whole and unchanged. The import
# stops itself after 1000 of 2000 rows, inside its transaction, and says so
# (LANYARD_TEST_IMPORT_PAUSE_AFTER); only then is it killed.
python3 - "$tmp/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("ticket_code,first_name,last_name\n")
    for i in range(2000):
        f.write(f"KILL-{i:06d},Test,Person{i}\n")
PY
before=$("$C" stats --json | json 'd["registered"]')
LANYARD_TEST_IMPORT_PAUSE_AFTER=1000 "$C" import "$tmp/big.csv" >/dev/null 2>"$tmp/import.err" &
pid=$!
for _ in $(seq 600); do
  grep -q "paused after 1000 rows" "$tmp/import.err" && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
if grep -q "paused after 1000 rows" "$tmp/import.err" && kill -9 $pid; then
  ok "the import was killed half-way, 1000 rows into its transaction"
else
  not_ok "the import was killed half-way" "$(cat "$tmp/import.err")"
  kill -9 $pid 2>/dev/null
fi
wait $pid
rc=$?
[ $rc = 137 ] && ok "…by the kill (exit $rc)" || not_ok "killed import's exit status" "$rc"
after=$("$C" stats --json | json 'd["registered"]')
integrity=$(sqlite3 "$LANYARD_DB" "PRAGMA integrity_check" 2>&1)
[ "$after" = "$before" ] && [ "$integrity" = ok ] \
  && ok "import killed mid-way: nothing of it kept, database intact ($before → $after)" \
  || not_ok "killed import" "before $before after $after integrity $integrity"
out=$("$C" import "$tmp/big.csv")
[ "$out" = "read 2000 rows: imported 2000, updated 0, unchanged 0, rejected 0" ] \
  && ok "the same file imports afterwards" || not_ok "re-import after kill" "$out"

# --- print records (printing itself is tested against a real cupsd in tests/print)
status_is 0 "jobs with none recorded" "$C" jobs
status_is 1 "reprint of a job that does not exist" "$C" reprint 999

# --- usage
status_is 2 "no command" "$C"
status_is 2 "unknown command" "$C" frobnicate
status_is 0 "--help" "$C" --help


# --- issue 22: the desk clears "see the desk"; scanner input; smaller points
# (MW26-DEMO06: a pharmacist without an NABP e-Profile ID; MW26-DEMO07: cancelled)
status_is 1 "edit: an NABP e-Profile ID is digits" "$C" edit MW26-DEMO06 --nabp-eprofile 30A0002
grep -q "NABP" "$tmp/err" && ok "edit: the refusal says why" || not_ok "edit: reason" "$(cat "$tmp/err")"
status_is 1 "edit: 30 February is no birthday" "$C" edit MW26-DEMO06 --birth-mmdd 0230
status_is 1 "edit: an NPI's check digit" "$C" edit MW26-DEMO06 --npi 1234567890
status_is 1 "edit: profession from the list" "$C" edit MW26-DEMO06 --profession surgeon
status_is 1 "edit: a licence is state and number" "$C" edit MW26-DEMO06 --license "123456"
out=$("$C" audit MW26-DEMO06)
echo "$out" | grep -q nabp_eprofile && not_ok "refused edits change nothing" "$out" || ok "refused edits change nothing"
status_is 0 "edit: the NABP e-Profile ID and birth MMDD (29 February)" \
  "$C" edit MW26-DEMO06 --nabp-eprofile 3000002 --birth-mmdd 0229 --npi 1234567893 --license "IL 051-123456" --device desk-2
grep -q "3000002\|0229\|1234567893\|051-123456" "$tmp/out" && not_ok "edit output hides the ids" "$(cat "$tmp/out")" \
  || ok "edit output hides the ids"
out=$("$C" checkin MW26-DEMO06 --json | json 'd["outcome"]')
[ "$out" = checked_in ] && ok "the pharmacist no longer needs the desk" || not_ok "cleared at the desk" "$out"
out=$("$C" audit MW26-DEMO06)
echo "$out" | grep "nabp_eprofile" | grep -q "desk-2" && ok "audit: the NABP e-Profile ID change, by desk-2" \
  || not_ok "audit: nabp_eprofile" "$out"
echo "$out" | grep -q "3000002\|1234567893" && not_ok "audit hides the ids" "$out" || ok "audit hides the ids"
sqlite3 "$LANYARD_DB" "SELECT new_value FROM audit WHERE field = 'nabp_eprofile'" | grep -qx 3000002 \
  && ok "audit row keeps the new value" || not_ok "audit row value"

status_is 1 "walk-in: surgeon is not a profession" "$C" walk-in --last-name Cutter --profession surgeon
status_is 1 "walk-in: a pharmacist needs the ids ACPE reports" "$C" walk-in --last-name Pill --profession pharmacist
grep -q "NABP e-Profile ID" "$tmp/err" && ok "walk-in: says which ids" || not_ok "walk-in: which ids" "$(cat "$tmp/err")"
status_is 0 "walk-in: a pharmacist with the ids" \
  "$C" walk-in --last-name Pill --profession pharmacist --nabp-eprofile 3000009 --birth-mmdd 0704
wi=$(cat "$tmp/out")
out=$("$C" checkin "$wi" --json | json 'd["outcome"]')
[ "$out" = checked_in ] && ok "the walk-in checks in" || not_ok "walk-in check-in" "$out"
status_is 1 "walk-in: a bad NPI" "$C" walk-in --last-name Doc --profession physician --npi 1000000000

before=$(sqlite3 "$LANYARD_DB" "SELECT count(*) FROM scan WHERE session_id = 'NOPE' AND outcome = 'no_session'")
"$C" checkin MW26-DEMO01 --session NOPE --json >"$tmp/nos" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && [ "$(json 'd["outcome"]' <"$tmp/nos")" = no_session ] && ok "unknown session: {\"outcome\": \"no_session\"}, exit 1" \
  || not_ok "unknown session JSON" "exit $rc: $(cat "$tmp/nos" "$tmp/err")"
got=$(sqlite3 "$LANYARD_DB" "SELECT count(*) FROM scan WHERE session_id = 'NOPE' AND outcome = 'no_session'")
[ "$got" = $((before + 1)) ] && ok "unknown session: logged" || not_ok "unknown session logged" "$before → $got"

status_is 1 "replace-badge on a cancelled registration: refused" "$C" replace-badge MW26-DEMO07 --reason lost
grep -q cancelled "$tmp/err" && ok "replace-badge: says it is cancelled" || not_ok "replace-badge reason" "$(cat "$tmp/err")"

for bad in "" "$(printf 'kiosk\t3')" "$(printf 'kiosk\n3')" "$(head -c 65 /dev/zero | tr '\0' k)"; do
  shown=$(printf '%s' "${bad:0:8}" | tr -c '[:print:]' '?')  # one TAP line, whatever the name holds
  status_is 2 "device name refused: $shown…" "$C" checkin MW26-DEMO01 --device "$bad"
done
status_is 2 "replace-badge: device name checked" "$C" replace-badge MW26-DEMO01 --reason lost --device ""
status_is 2 "edit: device name checked" "$C" edit MW26-DEMO01 --affiliation X --device "$(printf 'a\nb')"
status_is 1 "a 64-character device name is fine" "$C" checkin MW26-DEMO01 --device "$(head -c 64 /dev/zero | tr '\0' k)"

for code in $'MW26-DEMO01\r\n' $'MW26-DEMO01\n' $' MW26-DEMO01 ' $'\tMW26-DEMO01\t'; do
  out=$("$C" lookup "$code" --json | json 'd["ticket_code"]')
  [ "$out" = MW26-DEMO01 ] && ok "lookup trims ${code@Q}" || not_ok "lookup trims ${code@Q}" "$out"
  out=$("$C" checkin "$code" --json | json 'd["outcome"]')
  [ "$out" = already_checked_in ] && ok "checkin trims ${code@Q}" || not_ok "checkin trims ${code@Q}" "$out"
done
badge=$("$C" lookup MW26-DEMO01 --json | json 'd["badge_code"]')
out=$("$C" lookup "$badge"$'\r\n' --json | json 'd["ticket_code"]')
[ "$out" = MW26-DEMO01 ] && ok "a badge code with a line end" || not_ok "badge code trimmed" "$out"
status_is 1 "case is kept: mw26-demo01 is unknown" "$C" lookup mw26-demo01

tap_done

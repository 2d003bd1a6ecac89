#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lanyardctl report pars / cpe-monitor / evaluations, end to end: learner
# fields imported through a mapping, door scans, claims; the files read
# back field by field.
# TAP output.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANYARD_DB="$tmp/t.db"

. "$SRC/tests/tap.sh"

# The demo event with its ACCME activity ID.
python3 - "$SRC/data/demo/event.json" "$tmp/event.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1], encoding="utf-8"))
e["activity_id"] = "202612345"
json.dump(e, open(sys.argv[2], "w", encoding="utf-8"))
PY
"$C" init --event "$tmp/event.json" >/dev/null || { echo "Bail out! init"; exit 1; }

# Registrations as another system exports them: state and licence apart,
# the board, a yes/no permission in its own words.
cat >"$tmp/reg.csv" <<'CSV'
Ticket,First,Last,Profession,DOB,State,License #,NPI,Board,Board ID,ePID,OK to report
P1,Ana,Alvarez,physician,0314,TX,123456,,,,,I agree
P2,Ben,Brown,physician,,CA,A-77,,,,,I agree
P3,Cem,Celik,physician,0505,NY,998877,,,,,Decline
P4,Dee,Dunn,physician,0707,,,1234567893,ABIM,12345678,,I agree
R1,Raj,Rao,pharmacist,1231,,,,,,3000002,
R2,Ria,Roy,pharmacist,0101,,,,,,3000009,
CSV
cat >"$tmp/map.json" <<'JSON'
{ "columns": { "Ticket": "ticket_code", "First": "first_name", "Last": "last_name", "Profession": "profession",
               "DOB": "birth_mmdd", "State": "license_state", "License #": "license_number", "NPI": "npi",
               "Board": "board", "Board ID": "board_id", "ePID": "nabp_eprofile",
               "OK to report": "permission_to_report" },
  "values": { "permission_to_report": { "I agree": "yes", "Decline": "no" } } }
JSON
out=$("$C" import --mapping "$tmp/map.json" "$tmp/reg.csv")
[ "$out" = "read 6 rows: imported 6, updated 0, unchanged 0, rejected 0" ] && ok "learner fields import through a mapping" \
  || not_ok "import" "$out"

# Everyone in S01 (08:00–09:30 Chicago, 1.5 credits) from 07:55 to the end.
for t in P1 P2 P3 P4 R1 R2; do
  "$C" checkin "$t" --at 2026-11-24T07:45 >/dev/null
  "$C" checkin "$t" --session S01 --at 2026-11-24T07:55 >/dev/null
  "$C" checkin "$t" --session S01 --exit --at 2026-11-24T09:31 >/dev/null
done
for t in P1 P2 P3; do "$C" certificate "$t" --claim AMA_PRA_1=1.25 --pdf "$tmp/$t.pdf" >/dev/null; done
"$C" certificate P4 --claim AMA_PRA_1=1.5 --claim ABIM_MOC=1.5 --evaluation-done --pdf "$tmp/P4.pdf" >/dev/null
for t in R1 R2; do "$C" certificate "$t" --evaluation-done --pdf "$tmp/$t.pdf" >/dev/null; done
# R2's e-Profile ID turns out wrong after the meeting: the desk clears it
"$C" edit R2 --nabp-eprofile "" --device desk-1 >/dev/null

# --- PARS
status_is 0 "report pars" "$C" report pars -o "$tmp/pars.csv"
rows () { python3 -c 'import csv, sys; [print("|".join(r)) for r in csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter=sys.argv[2])]' "$1" "${2:-,}"; }
want="Record Action|ACCME Activity ID|Completion Date|First Name|Last Name|Date of Birth (MMDD)|Licensing State|Licensing ID or NPI|Number of CME Credits|Certifying Board|Certifying Board ID|Total Board Credits
Add|202612345|11/26/2026|Ana|Alvarez|0314|TX|123456|1.25|||
Add|202612345|11/26/2026|Dee|Dunn|0707||1234567893|1.50|ABIM|12345678|1.50"
got=$(rows "$tmp/pars.csv")
[ "$got" = "$want" ] && ok "PARS rows field by field: claimed, licence or NPI, board" || not_ok "PARS rows" "$got"
grep -q "Ben Brown (P2): no birth date (MMDD); not written" "$tmp/err" && ok "a row missing the birth date is on stderr" \
  || not_ok "missing birth date on stderr" "$(cat "$tmp/err")"
grep -q "Cem Celik (P3): no permission to report" "$tmp/err" && ok "no permission: said on stderr" \
  || not_ok "no permission on stderr" "$(cat "$tmp/err")"
grep -q "Brown\|Celik" "$tmp/pars.csv" && not_ok "left-out learners are not in the file" || ok "left-out learners are not in the file"
[ "$(head -c 3 "$tmp/pars.csv" | od -An -c | tr -d ' ')" = Rec ] && ok "no BOM, header first" || not_ok "header first"
grep -q $'\r$' "$tmp/pars.csv" && ok "CSV lines end in CRLF" || not_ok "CRLF"
# -o onto what is no regular file (a pipe here; /dev/null or /dev/stdout in
# real life) writes into it: renamed over, it was replaced by a file
mkfifo "$tmp/pipe"
cat "$tmp/pipe" > "$tmp/from-pipe" & reader=$!
"$C" report pars -o "$tmp/pipe" 2>/dev/null
if [ -p "$tmp/pipe" ]; then
  wait $reader
  [ "$(rows "$tmp/from-pipe")" = "$want" ] && ok "report -o a pipe writes into the pipe" \
    || not_ok "report -o a pipe" "$(head -c 200 "$tmp/from-pipe")"
else
  kill $reader
  not_ok "report -o a pipe: the pipe was replaced by a file" "$(ls -l "$tmp/pipe")"
fi

status_is 0 "report pars --format tsv" "$C" report pars --format tsv -o "$tmp/pars.tsv"
[ "$(rows "$tmp/pars.tsv" $'\t')" = "$want" ] && ok "TSV holds the same rows" || not_ok "TSV" "$(rows "$tmp/pars.tsv" $'\t')"

status_is 0 "report pars --format xlsx" "$C" report pars --format xlsx -o "$tmp/pars.xlsx"
got=$(python3 - "$tmp/pars.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode())]
sheet = z.read("xl/worksheets/sheet1.xml").decode()
out = []
for row in re.findall(r"<row [^>]*>(.*?)</row>", sheet):
    cells = []
    for attrs, body in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row):
        v = re.search(r"<v>(.*?)</v>", body or "")
        v = v.group(1) if v else ""
        cells.append(strings[int(v)] if 't="s"' in attrs else "#" + v)
    out.append("|".join(cells))
print("\n".join(out))
PY
)
case "$got" in
  *"Add|202612345|11/26/2026|Ana|Alvarez|0314|TX|123456|#1.25"*"Dee|Dunn|0707|1234567893|#1.5|ABIM|12345678|#1.5"*)
    ok "XLSX: MMDD stays text, credits are numbers";;
  *) not_ok "XLSX cells" "$got";;
esac
status_is 2 "xlsx needs -o" "$C" report pars --format xlsx

cat >"$tmp/pars-map.json" <<'JSON'
{ "columns": [ "Last Name", "First Name", { "Credits": "Number of CME Credits" }, { "Activity": "ACCME Activity ID" } ] }
JSON
status_is 0 "report pars --mapping" "$C" report pars --mapping "$tmp/pars-map.json" -o "$tmp/mapped.csv"
[ "$(rows "$tmp/mapped.csv")" = "Last Name|First Name|Credits|Activity
Alvarez|Ana|1.25|202612345
Dunn|Dee|1.50|202612345" ] && ok "a mapping renames and reorders the columns" || not_ok "mapping" "$(rows "$tmp/mapped.csv")"
echo '{ "columns": [ "Shoe Size" ] }' >"$tmp/bad-map.json"
status_is 1 "a mapping naming no column of the report is refused" "$C" report pars --mapping "$tmp/bad-map.json"

# --- CPE Monitor
status_is 0 "report cpe-monitor" "$C" report cpe-monitor -o "$tmp/cpe.csv"
want="NABP e-Profile ID|Date of Birth (MMDD)|UAN|Date of Participation|Contact Hours|Last Name|First Name
3000002|1231|JA4008123-0000-26-041-L01-P|11/24/2026|1.50|Rao|Raj"
[ "$(rows "$tmp/cpe.csv")" = "$want" ] && ok "CPE Monitor: pharmacists only, ids, UAN, hours" || not_ok "CPE rows" "$(rows "$tmp/cpe.csv")"
grep -q "Ria Roy (R2): no NABP e-Profile ID; not written" "$tmp/err" && ok "a pharmacist without an e-Profile ID is on stderr" \
  || not_ok "missing ePID on stderr" "$(cat "$tmp/err")"
grep -q "after the activity" "$tmp/err" && not_ok "no day-60 warning within 60 days" "$(cat "$tmp/err")" \
  || ok "no day-60 warning within 60 days"
if command -v faketime >/dev/null; then
  # the live date is 24 November 2026; 25 January 2027 is day 62
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    faketime "2027-01-25 12:00:00" "$C" report cpe-monitor -o "$tmp/late.csv" 2>"$tmp/err"
  grep -q "Raj Rao (R1): day 62 after the activity: CPE Monitor takes credit only until day 60" "$tmp/err" \
    && ok "past day 60: each learner warned about" || not_ok "past day 60" "$(cat "$tmp/err")"
  [ "$(rows "$tmp/late.csv")" = "$want" ] && ok "… and still written" || not_ok "late rows" "$(rows "$tmp/late.csv")"
else
  ok "past day 60 # SKIP faketime is not installed"
fi
status_is 2 "cpe-monitor has no xlsx" "$C" report cpe-monitor --format xlsx -o "$tmp/x.xlsx"
status_is 2 "an unknown report" "$C" report moc

# --- what the registration got wrong, set at the desk: Cem agrees after
# all, with his board. And a permission given with a board claim (the
# kiosk asks it; --permission-to-report here) puts a walk-in in the batch.
status_is 1 "edit: permission to report is yes or no" "$C" edit P3 --permission-to-report maybe
status_is 0 "edit: permission to report and the board" \
  "$C" edit P3 --permission-to-report yes --board ABIM --board-id 87654321 --device desk-1
out=$("$C" audit P3)
echo "$out" | grep -q "desk-1 *permission_to_report “no” → “yes”" && echo "$out" | grep -q "desk-1 *board *“” → “ABIM”" \
  && ok "audit: the permission (no → yes) and the board, by desk-1" || not_ok "audit of the permission" "$out"
eva=$("$C" walk-in --first-name Eva --last-name Eck --profession physician --birth-mmdd 0909 --npi 1245319599 \
      --board ABIM --board-id 11223344)
"$C" checkin "$eva" --at 2026-11-24T07:45 >/dev/null
"$C" checkin "$eva" --session S01 --at 2026-11-24T07:55 >/dev/null
"$C" checkin "$eva" --session S01 --exit --at 2026-11-24T09:31 >/dev/null
status_is 0 "certificate with a board claim and --permission-to-report" \
  "$C" certificate "$eva" --claim AMA_PRA_1=1.5 --claim ABIM_MOC=1 --evaluation-done --permission-to-report --pdf "$tmp/eva.pdf"
status_is 0 "report pars after the desk's edit and the claim's permission" "$C" report pars -o "$tmp/pars2.csv"
got=$(rows "$tmp/pars2.csv" | grep -E "Celik|Eck")
# (a board's columns are filled for board credits: Cem claimed none)
want="Add|202612345|11/26/2026|Cem|Celik|0505|NY|998877|1.25|||
Add|202612345|11/26/2026|Eva|Eck|0909||1245319599|1.50|ABIM|11223344|1.00"
[ "$got" = "$want" ] && ok "PARS: the permission given at the desk and with the claim" || not_ok "PARS after permission" "$got"

# --- evaluations: answers as the kiosk stores them (one row an answer)
sqlite3 "$LANYARD_DB" "
  INSERT INTO evaluation_answer (uuid, attendee_id, session_id, question, score, choice, text, at, device)
  SELECT 'a' || id, id, NULL, 'q1', 4, NULL, NULL, 1, 'kiosk-1' FROM attendee WHERE ticket_code = 'P1' UNION ALL
  SELECT 'b' || id, id, NULL, 'q1', 5, NULL, NULL, 1, 'kiosk-1' FROM attendee WHERE ticket_code = 'P4' UNION ALL
  SELECT 'c' || id, id, NULL, 'q2', NULL, 'Yes', NULL, 1, 'kiosk-1' FROM attendee WHERE ticket_code = 'P1' UNION ALL
  SELECT 'd' || id, id, 'S01', 'q3', 3, NULL, NULL, 1, 'kiosk-1' FROM attendee WHERE ticket_code = 'P4' UNION ALL
  SELECT 'e' || id, id, NULL, 'q4', NULL, NULL, 'Fewer slides, more cases', 1, 'kiosk-1' FROM attendee WHERE ticket_code = 'P4'"
status_is 0 "report evaluations" "$C" report evaluations -o "$tmp/eval.csv"
got=$(rows "$tmp/eval.csv" | grep -E '^q1\|.*\|(4|5)\|1$|^q3\|.*\|3\|1$|^q4\|')
want="q1|Overall, how useful was this activity for your practice?||scale|2|4.50|4|1
q1|Overall, how useful was this activity for your practice?||scale|2|4.50|5|1
q3|How well did the speaker meet the session’s objectives?|S01|scale|1|3.00|3|1
q4|What will you change in your practice after this activity?||text|1||Fewer slides, more cases|1"
[ "$got" = "$want" ] && ok "evaluations: counts and means per question and session, the free text" || not_ok "evaluations CSV" "$got"
grep -q "Alvarez\|Dunn\|P1\|P4" "$tmp/eval.csv" && not_ok "evaluations name nobody" || ok "evaluations name nobody"
status_is 0 "report evaluations --format pdf" "$C" report evaluations --format pdf -o "$tmp/eval.pdf"
text=$(pdftotext "$tmp/eval.pdf" - 2>/dev/null)
case "$text" in
  *"Evaluation summary"*"Mean 4.50 of 5, from 2 answers"*"Mean 3.00 of 5, from 1 answer"*"Fewer slides, more cases"*)
    ok "the PDF: a chart's mean per scale question, the free text";;
  *) not_ok "evaluations PDF" "$text";;
esac
status_is 2 "a PDF needs -o" "$C" report evaluations --format pdf

tap_done

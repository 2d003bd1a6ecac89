#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Kill drill of the staff desk: the real `lanyard --mode staff` under Xvfb,
# driven with xdotool as staff would (Unlock, the PIN, the search field,
# the attendee page's buttons, the dialogs' fields), killed with SIGKILL at
# a random moment while it does one of three things, DESK_KILLS times (10
# by default; run-all.sh's ASan run asks for fewer), against a private
# cupsd + ippeveprinter (tests/fixtures/cups-fixture.sh):
#   - a replacement badge: the reason typed, "Replace and print", then the
#     new badge printed;
#   - a walk-in registered: names typed, "Register and print", its badge;
#   - a name corrected ("Correct…", the first name typed, Save).
# The desk imports nothing (imports are lanyardctl's, drilled by `kills`).
# The kill timer starts as the dialog shows, before the typing, and fires
# 0–5 s later: before the answer, between the record and the print, mid
# print, after. After each kill, the database as the next desk finds it:
#   - a replacement happened fully or not at all: the badge version one
#     up with exactly one audit row, the new code accepted and the old one
#     refused at check-in; or the version, the audit and the old code as
#     they were; a replacement the desk showed as made is there;
#   - a walk-in registered once or not at all (once if the desk showed
#     it); a correction saved with one audit row or not at all (saved if
#     the desk showed it);
#   - no badge (person and badge version) has two print jobs;
#   - PRAGMA integrity_check is ok.
# At the end a kiosk on the same database settles every unfinished badge
# with CUPS, and none came out of the printer twice. The seed is printed,
# so a failure can be replayed (KILL_SEED). TAP.
set -u
K=${LANYARD:?}
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
: "${GSETTINGS_SCHEMA_DIR:?}"

# shellcheck source=tests/app/e2e.sh
. "$SRC/tests/app/e2e.sh"
e2e_start cupsd ippeveprinter avahi-daemon sqlite3 xdotool python3
e2e_start_printer
e2e_demo_db "$tmp/desk.db"
echo 1357 | "$C" set-pin >/dev/null || bail "set-pin"
export GSK_RENDERER=cairo GTK_A11Y=none LANYARD_PRINT_DIR="$tmp/kept"

kills=${DESK_KILLS:-10}
seed=${KILL_SEED:-$$}
RANDOM=$seed
echo "# seed $seed, $kills kills"
# one person a round, none twice: their badges and names are the round's
mapfile -t codes < <(sql "SELECT ticket_code FROM attendee WHERE status = 'active' ORDER BY id")
[ "${#codes[@]}" -ge $((kills + 10)) ] || bail "too few attendees"

run_desk () { # in the background, page log $tmp/desk.pages
  : >"$tmp/desk.pages"
  "$K" --mode staff --db "$LANYARD_DB" --printer "$LANYARD_TEST_QUEUE" --device desk-drill \
    --page-log "$tmp/desk.pages" >>"$tmp/desk.log" 2>&1 &
  app_pid=$!
}

# page_count PAGE: how often the desk showed PAGE (the attendee page is
# shown again once a replacement, a walk-in or a correction is recorded)
page_count () { grep -cx "$1" "$tmp/desk.pages"; }
wait_count () { # wait_count PAGE N SECONDS
  local i
  for i in $(seq 1 $(($3 * 10))); do
    [ "$(page_count "$1")" -ge "$2" ] && return 0
    kill -0 "$app_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
# dialog TITLE: waits for the desk's dialog of that heading (10 s)
dialog () { timeout 10 xdotool search --sync --onlyvisible --pid "$app_pid" --name "^$1" >/dev/null; }

# The desk up and unlocked, the search field empty: "people" shown.
open_desk () {
  run_desk
  wait_page desk locked 60 || return 1
  xdotool mousemove 640 534 click 1                     # Unlock
  timeout 10 xdotool search --sync --onlyvisible --pid "$app_pid" --name '^Staff$' >/dev/null || return 1
  xdotool type --delay 30 1357
  xdotool key Return
  wait_page desk people 20
}

# find CODE: typed into the search field, Enter opens the person
find_person () {
  xdotool mousemove 300 77 click 1
  xdotool type --delay 20 "$1"
  xdotool key Return
  wait_count attendee 1 20
}

# kill_in MS: SIGKILL to the desk MS ms from now, from the background
kill_in () {
  (sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; kill -9 "$app_pid" 2>/dev/null) &
  killer=$!
}

declare -A reached outcomes
failures=0
fail () {
  failures=$((failures + 1))
  echo "# round $round ($mode, $code, kill at ${delay} ms): ${1//$'\n'/; }"
}

# checkin_outcome CODE: what a check-in with CODE comes to
checkin_outcome () {
  "$C" checkin "$1" --device drill-check --json 2>/dev/null \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["outcome"])' 2>/dev/null || echo error
}
current_code () { "$C" lookup "$1" | sed -n 's/^  badge .*version [0-9]*  *//p'; }

check_common () {
  local got
  got=$(sql "PRAGMA integrity_check")
  [ "$got" = ok ] || fail "integrity_check: $got"
  got=$(sql "SELECT attendee_id || ' v' || badge_version FROM print_job
             GROUP BY attendee_id, badge_version HAVING count(*) > 1")
  [ -z "$got" ] || fail "a badge with two print jobs: $got"
  got=$(sql "SELECT attendee_id || ' ' || kind FROM scan
             WHERE (kind = 'check_in' AND outcome = 'checked_in') OR kind = 'badge_printed'
             GROUP BY attendee_id, kind HAVING count(*) > 1")
  [ -z "$got" ] || fail "twice in the scan log: $got"
}

start=$(date +%s)
for round in $(seq 1 "$kills"); do
  code=${codes[$((round * 7 % ${#codes[@]}))]}
  case $((round % 3)) in
    1) mode=replace ;;
    2) mode=walk-in ;;
    0) mode=edit ;;
  esac
  delay=$((RANDOM % 5000))
  id=$(sql "SELECT id FROM attendee WHERE ticket_code = '$code'")
  v0=$(sql "SELECT badge_version FROM attendee WHERE id = $id")
  a0=$(sql "SELECT count(*) FROM audit WHERE attendee_id = $id AND field = 'badge_version'")
  old_code=$(current_code "$code")
  name0=$(sql "SELECT first_name FROM attendee WHERE id = $id")
  if ! open_desk; then
    fail "the desk did not open: $(pages desk); $(tail -n 3 "$tmp/desk.log")"
    stop_app
    continue
  fi
  shown=1
  case $mode in
    replace)
      find_person "$code" || { fail "not found: $(pages desk)"; stop_app; continue; }
      xdotool mousemove 928 142 click 1                 # Replacement…
      dialog "Print a replacement badge" || fail "no replacement dialog"
      kill_in "$delay"
      xdotool type --delay 20 "drill $round"
      xdotool key Return ;;
    walk-in)
      xdotool mousemove 53 23 click 1                   # Walk-in…
      dialog "Register a walk-in" || fail "no walk-in dialog"
      shown=0
      kill_in "$delay"
      xdotool type --delay 20 Robin
      xdotool key Tab
      xdotool type --delay 20 "Walkin-R$round"
      xdotool key Return ;;
    edit)
      find_person "$code" || { fail "not found: $(pages desk)"; stop_app; continue; }
      xdotool mousemove 1149 142 click 1                # Correct…
      dialog "Correct the registration" || fail "no correction dialog"
      kill_in "$delay"
      xdotool key ctrl+a
      xdotool type --delay 20 "Edited$round"
      xdotool key Return ;;
  esac
  wait "$killer" 2>/dev/null
  wait "$app_pid" 2>/dev/null
  app_pid=
  # the desk showed it done: the attendee page came up (again) after
  done_shown=0
  [ "$(page_count attendee)" -gt "$shown" ] && done_shown=1
  reached[$mode:$done_shown]=$(( ${reached[$mode:$done_shown]:-0} + 1 ))

  check_common
  case $mode in
    replace)
      v1=$(sql "SELECT badge_version FROM attendee WHERE id = $id")
      a1=$(sql "SELECT count(*) FROM audit WHERE attendee_id = $id AND field = 'badge_version'")
      jobs=$(sql "SELECT count(*) FROM print_job WHERE attendee_id = $id AND badge_version = $v1")
      if [ "$v1" = "$v0" ] && [ "$a1" = "$a0" ]; then
        outcomes[replace:none]=$(( ${outcomes[replace:none]:-0} + 1 ))
        [ $done_shown = 0 ] || fail "the desk showed the replacement made; it is not there"
        [ "$(current_code "$code")" = "$old_code" ] || fail "no replacement, yet the badge code changed"
        got=$(sql "SELECT count(*) FROM print_job WHERE attendee_id = $id AND badge_version = $((v0 + 1))")
        [ "$got" = 0 ] || fail "no replacement, yet a print job for version $((v0 + 1))"
      elif [ "$v1" = $((v0 + 1)) ] && [ "$a1" = $((a0 + 1)) ]; then
        outcomes[replace:made]=$(( ${outcomes[replace:made]:-0} + 1 ))
        new_code=$(current_code "$code")
        got=$(checkin_outcome "$new_code")
        case $got in checked_in | already_checked_in) ;; *) fail "the new badge is not accepted: $got" ;; esac
        got=$(checkin_outcome "$old_code")
        [ "$got" = replaced ] || fail "the old badge is not refused: $got"
        [ "$jobs" -le 1 ] || fail "the replacement has $jobs print jobs"
      else
        fail "a torn replacement: version $v0 → $v1, audit rows $a0 → $a1"
      fi ;;
    walk-in)
      walk_ins=$(sql "SELECT count(*) FROM attendee WHERE last_name = 'Walkin-R$round'")
      outcomes[walk-in:$walk_ins]=$(( ${outcomes[walk-in:$walk_ins]:-0} + 1 ))
      [ "$walk_ins" -le 1 ] || fail "the walk-in registered $walk_ins times"
      [ $done_shown = 0 ] || [ "$walk_ins" = 1 ] || fail "the desk showed the walk-in; it is there $walk_ins times"
      [ "$walk_ins" = 1 ] && jobs=$(sql "SELECT count(*) FROM print_job j JOIN attendee a ON a.id = j.attendee_id
                                   WHERE a.last_name = 'Walkin-R$round'") \
        && { [ "$jobs" -le 1 ] || fail "the walk-in's badge has $jobs print jobs"; } ;;
    edit)
      name1=$(sql "SELECT first_name FROM attendee WHERE id = $id")
      a=$(sql "SELECT count(*) FROM audit WHERE attendee_id = $id AND field = 'first_name' AND new_value = 'Edited$round'")
      if [ "$name1" = "Edited$round" ]; then
        outcomes[edit:saved]=$(( ${outcomes[edit:saved]:-0} + 1 ))
        [ "$a" = 1 ] || fail "the name saved with $a audit rows"
      elif [ "$name1" = "$name0" ]; then
        outcomes[edit:none]=$(( ${outcomes[edit:none]:-0} + 1 ))
        [ "$a" = 0 ] || fail "the name not saved, yet $a audit rows"
        [ $done_shown = 0 ] || fail "the desk showed the name saved; it is not there"
      else
        fail "the first name is now '$name1' (was '$name0')"
      fi ;;
  esac
done
echo "# $kills kills in $(( $(date +%s) - start )) s; killed (mode:shown done):"
for i in "${!reached[@]}"; do echo "#   $i ${reached[$i]}"; done
echo "# found after the kill:"
for i in "${!outcomes[@]}"; do echo "#   $i ${outcomes[$i]}"; done
[ $failures = 0 ] && ok "$kills desk kills: replacements, walk-ins and corrections whole or not at all, integrity_check ok" \
  || not_ok "$kills desk kills: whole or not at all" "$failures failures"

# --- a kiosk on the desk's database settles every unfinished badge
unsettled () { sql "SELECT count(*) FROM print_job WHERE state IN ('pending', 'submitted')"; }
: >"$tmp/settle.pages"
"$K" --db "$LANYARD_DB" --printer "$LANYARD_TEST_QUEUE" --device desk-drill --camera "videotestsrc pattern=black" \
  --page-log "$tmp/settle.pages" >>"$tmp/settle.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 1800); do
  [ "$(unsettled)" = 0 ] && break
  sleep 0.1
done
stop_app
[ "$(unsettled)" = 0 ] && ok "after the restart every pending badge is reconciled with CUPS" \
  || not_ok "pending badges reconciled" "$(sql "SELECT id, state, cups_job_id, error FROM print_job
                                               WHERE state IN ('pending', 'submitted')")"
e2e_check_printed_once
per_badge=$(for j in $(printed_ids); do sql "SELECT attendee_id || ' v' || badge_version FROM print_job WHERE id = $j"; done \
  | sort | uniq -d)
[ -z "$per_badge" ] && ok "no badge (person and version) came out twice" || not_ok "no badge twice" "$per_badge"

tap_done

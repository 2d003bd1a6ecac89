#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Kill drill of the program itself: the real `lanyard` under Xvfb, as a
# kiosk (mid check-in, mid print, a badge waiting in a printer out of
# labels) and as a door (mid entry), killed with SIGKILL at a random moment,
# KILLS times (100 by default, about 4 minutes; run-all.sh's ASan run
# asks for 25), against a private cupsd + ippeveprinter
# (tests/fixtures/cups-fixture.sh). Each round starts the program on one
# person's QR code; a kiosk's confirm page is tapped at once ("Print my badge") so
# the kill can land anywhere from start-up to the badge coming out. After
# each kill the next round starts the program on the same database, as a
# restarted device would, and:
#   - a scan the screen showed as accepted (collect, result:entered) is in
#     the log; no one is checked in, printed for or let in twice;
#   - PRAGMA integrity_check is ok.
# At the end a kiosk runs until no badge is left pending or at the printer
# (it asks CUPS what became of each before it sends anything), then:
#   - no badge came out of the printer twice, and none for a person twice;
#   - every job recorded as printed came out once, every other not at all.
# The seed is printed, so a failure can be replayed (KILL_SEED). TAP.
set -u
K=${LANYARD:?}
C=${LANYARDCTL:?}
MAKE_QR=${LANYARD_MAKE_QR:?}
SRC=${LANYARD_SOURCE_DIR:?}
: "${GSETTINGS_SCHEMA_DIR:?}"

# shellcheck source=tests/app/e2e.sh
. "$SRC/tests/app/e2e.sh"
e2e_start cupsd ippeveprinter avahi-daemon sqlite3 xdotool
e2e_start_printer
e2e_demo_db "$tmp/drill.db"
export GSK_RENDERER=cairo GTK_A11Y=none LANYARD_PRINT_DIR="$tmp/kept"
# what each start made of an unfinished badge (CUPS' and the printer's
# word on it) goes into the programs' logs, for a failure's story
export G_MESSAGES_DEBUG=Lanyard-Print

KILL_LOG=$tmp/kills.log
kills=${KILLS:-100}
seed=${KILL_SEED:-$$}
RANDOM=$seed
echo "# seed $seed, $kills kills"
# physicians with an NPI: a kiosk checks them in without the desk
mapfile -t codes < <(sql "SELECT ticket_code FROM attendee WHERE status = 'active' AND profession = 'physician'
                          AND coalesce(npi, '') <> '' ORDER BY id")
session=$(sql "SELECT id FROM session ORDER BY starts_at LIMIT 1")
room=$(sql "SELECT room FROM session WHERE id = '$session'")
# the door's session runs now (from 10 minutes ago for two hours), so that
# its entries are accepted, not refused as outside the session's time
now_us=$(( $(date +%s) * 1000000 ))
sql "UPDATE session SET starts_at = $((now_us - 600000000)), ends_at = $((now_us + 7200000000))
     WHERE id = '$session'" >/dev/null
[ "${#codes[@]}" -ge 20 ] || bail "too few attendees"

qr () { # qr CODE: its picture, made once
  [ -s "$tmp/qr-$1.png" ] || "$MAKE_QR" "$1" "$tmp/qr-$1.png" || bail "make-qr"
  echo "$tmp/qr-$1.png"
}

run_app () { # run_app NAME ARGS…: in the background, page log $tmp/NAME.pages
  local name=$1
  shift
  : >"$tmp/$name.pages"
  "$K" --db "$LANYARD_DB" --printer "$LANYARD_TEST_QUEUE" "$@" \
    --page-log "$tmp/$name.pages" >>"$tmp/$name.log" 2>&1 &
  app_pid=$!
}

# kill_at MS NAME: SIGKILL MS milliseconds after the program's first page
# (start-up takes seconds on a busy machine); a kiosk's confirm page is
# tapped (Return) as soon as it shows. The last page shown is tallied.
declare -A reached
kill_at () {
  local until tapped=0 i
  for i in $(seq 1 200); do
    [ -s "$tmp/$2.pages" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.05
  done
  until=$(( $(date +%s%3N) + $1 ))
  while [ "$(date +%s%3N)" -lt "$until" ] && kill -0 "$app_pid" 2>/dev/null; do
    if [ $tapped = 0 ] && grep -qx confirm "$tmp/$2.pages"; then
      # "Print my badge", right of centre under the name (1280×800)
      xdotool mousemove 800 524 click 1 2>/dev/null
      tapped=1
    fi
    sleep 0.05
  done
  kill -9 "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
  # when, for a failure's story (e2e_print_job_story)
  echo "$(date +%s%3N) round $round: $2 killed $1 ms after its first page, on $(tail -n 1 "$tmp/$2.pages")" >>"$KILL_LOG"
  app_pid=
  i="$2:$(tail -n 1 "$tmp/$2.pages")"
  reached[$i]=$(( ${reached[$i]:-0} + 1 ))
}

failures=0
fail () {
  failures=$((failures + 1))
  echo "# round $round ($mode, $code, kill at ${delay} ms): $1"
}

check_after_kill () {
  local got
  got=$(sql "PRAGMA integrity_check")
  [ "$got" = ok ] || fail "integrity_check: $got"
  got=$(sql "SELECT attendee_id || ' ' || kind FROM scan
             WHERE (kind = 'check_in' AND outcome = 'checked_in')
                OR (kind IN ('badge_printed', 'badge_reprinted'))
             GROUP BY attendee_id, kind, session_id HAVING count(*) > 1")
  [ -z "$got" ] || fail "twice in the scan log: $got"
  # a door toggles: the same person picked again later is let out, then
  # in again; an entry twice is one with no exit since the last
  got=$(sql "SELECT attendee_id FROM (SELECT attendee_id, outcome, lag (outcome) OVER
               (PARTITION BY attendee_id, session_id ORDER BY at, rowid) AS before FROM scan
               WHERE kind IN ('session_entry', 'session_exit') AND outcome IN ('entered', 'exited'))
             WHERE outcome = 'entered' AND before = 'entered'")
  [ -z "$got" ] || fail "entered twice with no exit between: $got"
  case "$mode" in
    kiosk)
      if grep -qx collect "$tmp/kiosk.pages"; then
        got=$(sql "SELECT count(*) FROM scan s JOIN attendee a ON a.id = s.attendee_id
                   WHERE a.ticket_code = '$code' AND s.kind = 'check_in' AND s.outcome = 'checked_in'")
        [ "$got" = 1 ] || fail "collect shown, check-in lost ($got)"
      fi ;;
    door)
      if grep -qx result:entered "$tmp/door.pages"; then
        got=$(sql "SELECT s.outcome FROM scan s JOIN attendee a ON a.id = s.attendee_id
                   WHERE a.ticket_code = '$code' AND s.kind IN ('session_entry', 'session_exit')
                   AND s.outcome IN ('entered', 'exited') ORDER BY s.at DESC, s.rowid DESC LIMIT 1")
        [ "$got" = entered ] || fail "entered shown, entry lost (last: $got)"
      fi ;;
  esac
}

start=$(date +%s)
for round in $(seq 1 "$kills"); do
  code=${codes[$(( (round - 1) % ${#codes[@]} ))]}
  # a kiosk two rounds in three; every tenth round the printer is out of
  # labels, so the kill finds the badge waiting in it
  if [ $((round % 3)) = 0 ]; then
    mode=door
    # someone checked in by an earlier round, when there is one
    code=$(sql "SELECT a.ticket_code FROM attendee a JOIN scan s ON s.attendee_id = a.id
                WHERE s.kind = 'check_in' AND s.outcome = 'checked_in' ORDER BY random() LIMIT 1")
    [ -n "$code" ] || code=${codes[0]}
    run_app door --mode door --device door-drill --room "$room" --session "$session" \
      --camera "filesrc location=$(qr "$code") ! pngdec ! imagefreeze"
    delay=$(( RANDOM % 1500 ))
    kill_at "$delay" door
  else
    mode=kiosk
    [ $((round % 10)) = 1 ] && "$SRC/tests/fixtures/cups-fixture.sh" media-empty "$tmp/cups" on
    run_app kiosk --device kiosk-drill --camera "filesrc location=$(qr "$code") ! pngdec ! imagefreeze"
    delay=$(( RANDOM % 3000 ))
    kill_at "$delay" kiosk
    "$SRC/tests/fixtures/cups-fixture.sh" media-empty "$tmp/cups" off
  fi
  check_after_kill
done
echo "# $kills kills in $(( $(date +%s) - start )) s; killed on (mode:last page shown):"
for i in "${!reached[@]}"; do echo "#   $i ${reached[$i]}"; done
[ $failures = 0 ] && ok "$kills kills: no accepted scan lost, none twice, integrity_check ok" \
  || not_ok "$kills kills: no accepted scan lost, none twice, integrity_check ok" "$failures failures"

# --- a kiosk runs until every unfinished badge is settled with CUPS
unsettled () { sql "SELECT count(*) FROM print_job WHERE state IN ('pending', 'submitted')"; }
run_app settle --device kiosk-drill --camera "videotestsrc pattern=black"
# up to three minutes: one question to CUPS (and the printer) a badge,
# on a machine that may be running other tests
for _ in $(seq 1 1800); do
  [ "$(unsettled)" = 0 ] && break
  sleep 0.1
done
stop_app
[ "$(unsettled)" = 0 ] && ok "after the restart every pending badge is reconciled with CUPS" \
  || not_ok "pending badges reconciled" "$(sql "SELECT id, state, cups_job_id, error FROM print_job
                                               WHERE state IN ('pending', 'submitted')")"

# what came out of the printer, by record: "Lanyard badge ID UUID"
"$SRC/tests/fixtures/cups-fixture.sh" media-empty "$tmp/cups" off
e2e_check_printed_once
per_person=$(for id in $(printed_ids); do sql "SELECT attendee_id FROM print_job WHERE id = $id"; done | sort | uniq -d)
[ -z "$per_person" ] && ok "no one's badge came out twice" || not_ok "no one's badge twice" "attendees: $per_person"

tap_done

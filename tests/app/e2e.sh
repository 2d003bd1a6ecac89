# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the end-to-end tests of the program (test-kiosk-e2e.sh,
# test-door-e2e.sh) share: TAP (tests/tap.sh), a scratch folder $tmp, an
# Xvfb screen and a session bus cleaned up on exit, and the program run in
# the background ($app_pid) with its page log in $tmp/NAME.pages. Source it
# with $SRC set, then call e2e_start TOOL… (the tools the test needs).
# Define e2e_cleanup_hook to stop more on exit (after the program).
. "$SRC/tests/tap.sh"

app_pid=
xvfb_pid=
bus_pid=

bail () {
  echo "Bail out! $1"
  exit 1
}

e2e_cleanup () {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  declare -F e2e_cleanup_hook >/dev/null && e2e_cleanup_hook
  [ -d "$tmp/cups" ] && "$SRC/tests/fixtures/cups-fixture.sh" stop "$tmp/cups" >/dev/null 2>&1
  [ -n "$bus_pid" ] && kill "$bus_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  # E2E_KEEP=1: the scratch folder (database, page logs, cupsd's and the
  # printer's logs, the printer's 'printed') is kept for a post-mortem
  if [ -n "${E2E_KEEP:-}" ]; then
    echo "# kept: $tmp"
  else
    rm -rf "$tmp"
  fi
}

start_xvfb () { # start_xvfb WIDTHxHEIGHT: a (new) screen as $DISPLAY
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  fi
  : >"$tmp/display"
  Xvfb -displayfd 3 -screen 0 "$1x24" -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
  xvfb_pid=$!
  for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
  [ -s "$tmp/display" ] || bail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
  export DISPLAY=":$(head -n 1 "$tmp/display")"
  screen_width=${1%x*}
}

# e2e_start TOOL…: skips the whole test without one of the tools; else
# $tmp, a 1280×800 screen and a session bus (GtkApplication wants one).
e2e_start () {
  local tool
  for tool in Xvfb dbus-daemon "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "1..0 # SKIP $tool is not installed"
      exit 0
    fi
  done
  tmp=$(mktemp -d)
  trap e2e_cleanup EXIT
  trap 'exit 1' TERM INT HUP
  start_xvfb 1280x800
  dbus-daemon --session --fork --print-pid=4 --print-address=5 4>"$tmp/bus.pid" 5>"$tmp/bus.address" \
    2>/dev/null || bail "no session bus"
  bus_pid=$(cat "$tmp/bus.pid")
  DBUS_SESSION_BUS_ADDRESS=$(cat "$tmp/bus.address")
  export DBUS_SESSION_BUS_ADDRESS
}

# e2e_start_printer: a private cupsd and IPP Everywhere printer
# (tests/fixtures/cups-fixture.sh) in $tmp/cups, its queue in the
# environment; stopped with the test.
e2e_start_printer () {
  # cupsd runs its filters as lp: they must reach the fixture inside
  chmod 755 "$tmp"
  "$SRC/tests/fixtures/cups-fixture.sh" start "$tmp/cups" $$ >"$tmp/fixture.log" 2>&1 \
    || bail "CUPS fixture: $(tail -n 5 "$tmp/fixture.log")"
  set -a
  # shellcheck disable=SC1091
  . "$tmp/cups/env"
  set +a
}

# e2e_demo_db PATH: the demo event (starting today) and its registrations
# in a fresh database at PATH, which becomes $LANYARD_DB
e2e_demo_db () {
  export LANYARD_DB="$1"
  "$C" init --event "$SRC/data/demo/event.json" --shift-to-today >/dev/null || bail "lanyardctl init"
  "$C" import "$SRC/data/demo/registrations.csv" >/dev/null || bail "lanyardctl import"
}

stop_app () {
  kill "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
  app_pid=
}

# pages NAME: the pages shown, one line
pages () { tr '\n' ' ' <"$tmp/$1.pages" | sed 's/ $//'; }

# wait_page NAME PAGE SECONDS: until the program has shown PAGE
wait_page () {

  for _ in $(seq 1 $(($3 * 10))); do
    grep -qx "$2" "$tmp/$1.pages" && return 0
    kill -0 "$app_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# wait_pages NAME "PAGE PAGE…" SECONDS: until the page log holds as many
# pages as wanted (a sequence may begin and end on the same page, "ready
# result:entered ready", so its last name alone says nothing).
wait_pages () {
  local want
  want=$(echo "$2" | wc -w)
  for _ in $(seq 1 $(($3 * 10))); do
    [ "$(wc -l <"$tmp/$1.pages")" -ge "$want" ] && return 0
    kill -0 "$app_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

expect_pages () { # expect_pages NAME "PAGE PAGE…" SECONDS DESCRIPTION
  if wait_pages "$1" "$2" "$3" && [ "$(pages "$1")" = "$2" ]; then
    ok "$4"
  else
    not_ok "$4" "pages: $(pages "$1"); wanted: $2; log: $(tail -n 5 "$tmp/$1.log")"
  fi
}

sql () { sqlite3 "$LANYARD_DB" "$1"; }

# pin_pad: the PIN pad through the hidden corner (top right), as staff
# open it: pressed and held until the pad is on screen. Prints its X
# window; fails when it does not come within 10 s.
pin_pad () {
  local pad
  xdotool mousemove $((screen_width - 36)) 36 mousedown 1
  pad=$(timeout 10 xdotool search --all --sync --onlyvisible --pid "$app_pid" --name '^Staff$' | head -n 1)
  xdotool mouseup 1
  [ -n "$pad" ] && echo "$pad"
}

# enter_pin PIN: the PIN pad opened, PIN typed and entered.
enter_pin () {
  local pad
  pad=$(pin_pad) || return 1
  xdotool windowfocus --sync "$pad" type --delay 30 "$1"
  xdotool key Return
}

# After a drill's settling run: no print job came out of the fixture's
# printer twice, and what the database records as printed is exactly what
# came out. Defines printed_ids (the record ids that came out, one a line)
# for the caller's own checks.
# e2e_print_job_story ID: what is known of print job ID, for a failure
# message — its record, each cupsd job of its name and how it ended, the
# printer's spool files of what came out, and the programs' lines about it.
e2e_print_job_story () {
  local id=$1 name n log="$tmp/cups/log"
  echo "print_job $id: $(sql "SELECT state, cups_job_id, error, created_at FROM print_job WHERE id = $id")"
  name=$(sql "SELECT 'Lanyard ' || document || ' ' || id || ' ' || uuid FROM print_job WHERE id = $id")
  for n in $(cat "$log"/cups-error.log.O "$log"/cups-error.log 2>/dev/null \
               | sed -n "s/.*\[Job \([0-9]*\)\] job-name nameWithoutLanguage $name\$/\1/p" | sort -un); do
    echo "  cupsd job $n: $(cat "$log"/cups-error.log.O "$log"/cups-error.log 2>/dev/null \
      | grep -E "\[Job $n\] (Job (completed|canceled|aborted|stopped)|.*(Canceled|Backend|exited|Queued|Started|Printer stopped|requeu|job accepted))" \
      | sed 's/^. \[[^:]*:\([0-9:]*\) [^]]*\] /\1 /' | tr '\n' ';' | cut -c1-900)"
  done
  echo "  came out: $(grep -F -- "$name" "$tmp/cups/printed" 2>/dev/null | sed 's/ .*//' | tr '\n' ' ')"
  echo "  programs: $(grep -h -- "job $id[^0-9]" "$tmp"/*.log 2>/dev/null | tr '\n' ';' | cut -c1-600)"
  # the kill that ended the program that made the record, if a drill kept
  # them (KILL_LOG: lines "EPOCH_MS what")
  if [ -n "${KILL_LOG:-}" ] && [ -s "$KILL_LOG" ]; then
    local made
    made=$(sql "SELECT created_at / 1000 FROM print_job WHERE id = $id")
    echo "  kills after it was made: $(awk -v t="$made" '$1 >= t' "$KILL_LOG" | head -n 3 | tr '\n' ';')"
  fi
}

printed_ids () { sed -n 's/.* Lanyard badge \([0-9]*\) .*/\1/p' "$tmp/cups/printed" 2>/dev/null; }
e2e_check_printed_once () {
  local twice completed came_out
  sleep 2  # a badge the settle run followed may still be in the engine's last lines
  twice=$(printed_ids | sort | uniq -d)
  [ -z "$twice" ] && ok "no print job came out twice ($(printed_ids | wc -l) badges printed)" \
    || not_ok "no print job came out twice" "jobs: $twice
$(for id in $twice; do e2e_print_job_story "$id"; done)"
  completed=$(sql "SELECT id FROM print_job WHERE state = 'completed' ORDER BY id" | tr '\n' ' ')
  came_out=$(printed_ids | sort -n | uniq | tr '\n' ' ')
  [ "$completed" = "$came_out" ] && ok "every job recorded printed came out, no other" \
    || not_ok "recorded printed = came out" "recorded: $completed; came out: $came_out"
}

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The kiosk end to end, under Xvfb, against a private cupsd + ippeveprinter
# (tests/fixtures/cups-fixture.sh), on the demo event. The camera is a
# GStreamer source showing a QR code made here:
#   1. a confirmation code: welcome → confirm → printing → collect; the job
#      reaches the printer with the name in it; the scan log has the
#      check-in and the printed badge;
#   2. an unknown code → refused:unknown;
#   3. the same confirmation code again → refused:already-printed;
#   4. a stopped queue → confirm → printing → refused:printer, job kept;
#   5. German (LANGUAGE=de): the welcome page in German;
#   6. with xdotool: a USB scanner's burst of keys is a scan (not typing),
#      a person's slow typing goes into the search field, a tap picks.
# Every page shown is saved as PNG in $LANYARD_E2E_OUT. TAP output.
set -u
K=${LANYARD:?}
C=${LANYARDCTL:?}
MAKE_QR=${LANYARD_MAKE_QR:?}
SRC=${LANYARD_SOURCE_DIR:?}
OUT=${LANYARD_E2E_OUT:?}
: "${GSETTINGS_SCHEMA_DIR:?}"

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ $# -gt 1 ] && echo "$2" | sed 's/^/# /'; }

for tool in Xvfb dbus-daemon cupsd ippeveprinter avahi-daemon pdftotext sqlite3 python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

tmp=$(mktemp -d)
# cupsd runs its filters as lp: they must reach the fixture inside.
chmod 755 "$tmp"
kiosk_pid=
xvfb_pid=
bus_pid=
cleanup () {
  [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null && wait "$kiosk_pid" 2>/dev/null
  [ -d "$tmp/cups" ] && "$SRC/tests/fixtures/cups-fixture.sh" stop "$tmp/cups" >/dev/null 2>&1
  [ -n "$bus_pid" ] && kill "$bus_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' TERM INT HUP

bail () {
  echo "Bail out! $1"
  exit 1
}

# --- a screen, a session bus (GtkApplication wants one), a printer
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || bail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
export DISPLAY=":$(head -n 1 "$tmp/display")"

dbus-daemon --session --fork --print-pid=4 --print-address=5 4>"$tmp/bus.pid" 5>"$tmp/bus.address" \
  2>/dev/null || bail "no session bus"
bus_pid=$(cat "$tmp/bus.pid")
DBUS_SESSION_BUS_ADDRESS=$(cat "$tmp/bus.address")
export DBUS_SESSION_BUS_ADDRESS

"$SRC/tests/fixtures/cups-fixture.sh" start "$tmp/cups" $$ >"$tmp/fixture.log" 2>&1 \
  || bail "CUPS fixture: $(tail -n 5 "$tmp/fixture.log")"
set -a
# shellcheck disable=SC1091
. "$tmp/cups/env"
set +a

# --- the demo event in a fresh database, codes as pictures
export LANYARD_DB="$tmp/kiosk.db"
"$C" init --event "$SRC/data/demo/event.json" --shift-to-today >/dev/null || bail "lanyardctl init"
"$C" import "$SRC/data/demo/registrations.csv" >/dev/null || bail "lanyardctl import"
"$MAKE_QR" MW26-DEMO01 "$tmp/jane.png" || bail "make-qr"
"$MAKE_QR" MW26-DEMO05 "$tmp/siobhan.png" || bail "make-qr"
"$MAKE_QR" "NOPE-0000" "$tmp/unknown.png" || bail "make-qr"

export GSK_RENDERER=cairo GTK_A11Y=none LANYARD_PRINT_DIR="$tmp/kept"
rm -rf "$OUT"
mkdir -p "$OUT"

# run_kiosk NAME QR.png|GST-SOURCE [ENV=VALUE…]: the kiosk on that picture
# (or camera source), in the background
run_kiosk () {
  local name=$1 source=$2
  shift 2
  case "$source" in
    *.png) source="filesrc location=$source ! pngdec ! imagefreeze" ;;
  esac
  : >"$tmp/$name.pages"
  env "$@" "$K" --db "$LANYARD_DB" --printer "$LANYARD_TEST_QUEUE" --device kiosk-e2e \
    --camera "$source" \
    --screenshot-dir "$OUT/$name" --page-log "$tmp/$name.pages" >"$tmp/$name.log" 2>&1 &
  kiosk_pid=$!
}

stop_kiosk () {
  kill "$kiosk_pid" 2>/dev/null
  wait "$kiosk_pid" 2>/dev/null
  kiosk_pid=
}

# wait_page NAME PAGE SECONDS: until the kiosk has shown PAGE
wait_page () {
  local i
  for i in $(seq 1 $(($3 * 10))); do
    grep -qx "$2" "$tmp/$1.pages" && return 0
    kill -0 "$kiosk_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# pages NAME: the pages shown, one line
pages () { tr '\n' ' ' <"$tmp/$1.pages" | sed 's/ $//'; }

expect_pages () { # expect_pages NAME "PAGE PAGE…" SECONDS DESCRIPTION
  local last=${2##* }
  if wait_page "$1" "$last" "$3" && [ "$(pages "$1")" = "$2" ]; then
    ok "$4"
  else
    not_ok "$4" "pages: $(pages "$1"); wanted: $2; log: $(tail -n 5 "$tmp/$1.log")"
  fi
}

sql () { sqlite3 "$LANYARD_DB" "$1"; }

# --- 1. a confirmation code all the way to a badge
run_kiosk jane "$tmp/jane.png"
expect_pages jane "welcome confirm printing collect" 60 "QR code: welcome → confirm → printing → collect"
stop_kiosk

spooled=
for _ in $(seq 1 100); do
  spooled=$(ls "$LANYARD_TEST_SPOOL"/*.pdf 2>/dev/null | head -n 1)
  [ -n "$spooled" ] && break
  sleep 0.1
done
if [ -n "$spooled" ] && pdftotext "$spooled" - 2>/dev/null | grep -q "Smith"; then
  ok "the badge reached the printer with the name on it"
else
  not_ok "the badge reached the printer with the name on it" "spool: $(ls "$LANYARD_TEST_SPOOL")"
fi

got=$(sql "SELECT s.kind || ' ' || s.outcome || ' ' || s.device FROM scan s JOIN attendee a ON a.id = s.attendee_id
           WHERE a.ticket_code = 'MW26-DEMO01' ORDER BY s.at, s.kind")
[ "$got" = "check_in checked_in kiosk-e2e
badge_printed printed kiosk-e2e" ] && ok "scan log: check-in, then badge printed, by this kiosk" \
  || not_ok "scan log: check-in, then badge printed" "$got"

got=$("$C" jobs MW26-DEMO01 --json | python3 -c 'import json,sys; print(" ".join(j["document"] + ":" + j["state"] for j in json.load(sys.stdin)))')
[ "$got" = "badge:completed" ] && ok "print job recorded as completed" || not_ok "print job completed" "$got"

# --- 2. a code nobody knows
run_kiosk unknown "$tmp/unknown.png"
expect_pages unknown "welcome refused:unknown" 30 "unknown code: refused, see the desk"
stop_kiosk
got=$(sql "SELECT count(*) FROM scan WHERE outcome = 'unknown' AND device = 'kiosk-e2e'")
[ "$got" = 1 ] && ok "the unknown code is in the scan log" || not_ok "unknown code logged" "$got"

# --- 3. the same person again
run_kiosk again "$tmp/jane.png"
expect_pages again "welcome refused:already-printed" 30 "second scan: badge already printed"
stop_kiosk
got=$(ls "$LANYARD_TEST_SPOOL"/*.pdf 2>/dev/null | wc -l)
[ "$got" = 1 ] && ok "no second badge printed" || not_ok "no second badge" "$got files"

# --- 4. the printer stops
cupsdisable -r "e2e test" "$LANYARD_TEST_QUEUE" || bail "cupsdisable"
run_kiosk stopped "$tmp/siobhan.png"
expect_pages stopped "welcome confirm printing refused:printer" 90 "stopped printer: staff have been told"
stop_kiosk
cupsenable "$LANYARD_TEST_QUEUE"
got=$("$C" jobs MW26-DEMO05 --json | python3 -c 'import json,sys; print(" ".join(j["state"] + ":" + str(bool(j["error"])) for j in json.load(sys.stdin)))')
[ "$got" = "failed:True" ] && ok "the failed job stays recorded with its reason" || not_ok "failed job kept" "$got"

# --- 5. in German
if [ -n "${LANYARD_LOCALEDIR:-}" ] && [ -d "$LANYARD_LOCALEDIR/de" ]; then
  out=$(LANGUAGE=de "$K" --help 2>&1)
  echo "$out" | grep -q "Datenbank" && ok "LANGUAGE=de: the kiosk speaks German" \
    || not_ok "LANGUAGE=de: German" "$out"
  run_kiosk german "$tmp/unknown.png" LANGUAGE=de
  expect_pages german "welcome refused:unknown" 30 "LANGUAGE=de: the same pages (screenshots in German)"
  stop_kiosk
else
  ok "# SKIP no built translations (LANYARD_LOCALEDIR)"
fi

# --- 6. keys: a USB barcode scanner, then a person at a keyboard
if command -v xdotool >/dev/null 2>&1; then
  run_kiosk keys "videotestsrc pattern=black"
  if wait_page keys welcome 20; then
    # The window fills the 1280×800 screen; "Find me by name" and "Done"
    # sit at the bottom centre, the first search result near the top.
    xdotool mousemove 640 400
    xdotool type --delay 5 "MW26-DEMO06"
    xdotool key Return
    wait_page keys "refused:needs-desk" 10
    xdotool mousemove 634 746 click 1
    wait_page keys welcome 10
    sleep 0.3
    xdotool mousemove 634 746 click 1
    wait_page keys search 10
    xdotool type --delay 150 "montgomery"
    sleep 1
    xdotool mousemove 640 320 click 1
  fi
  expect_pages keys "welcome refused:needs-desk welcome search confirm" 15 \
    "a scanner's burst is a scan; slow typing searches; a tap picks"
  stop_kiosk
else
  ok "# SKIP xdotool is not installed"
fi

echo "1..$n"
exit $((failed > 0))

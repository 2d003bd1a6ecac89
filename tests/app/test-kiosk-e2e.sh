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
#      a person's slow typing goes into the search field, a tap picks;
#   7. with xdotool: Ctrl+Shift+I and Ctrl+Shift+D (the GTK Inspector) open
#      no window, on the kiosk nor on the PIN pad over it;
#   8. nothing the kiosk wrote to standard error names anyone's e-mail,
#      NPI, NABP ID, licence or birth date.
# Every page shown is saved as PNG in $LANYARD_E2E_OUT. TAP output.
set -u
K=${LANYARD:?}
C=${LANYARDCTL:?}
MAKE_QR=${LANYARD_MAKE_QR:?}
SRC=${LANYARD_SOURCE_DIR:?}
OUT=${LANYARD_E2E_OUT:?}
: "${GSETTINGS_SCHEMA_DIR:?}"

# shellcheck source=tests/app/e2e.sh
. "$SRC/tests/app/e2e.sh"
e2e_start cupsd ippeveprinter avahi-daemon pdftotext sqlite3 python3
e2e_start_printer

# --- the demo event in a fresh database, codes as pictures
e2e_demo_db "$tmp/kiosk.db"
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
  app_pid=$!
}

# --- 1. a confirmation code all the way to a badge
run_kiosk jane "$tmp/jane.png"
expect_pages jane "welcome confirm printing collect" 60 "QR code: welcome → confirm → printing → collect"
stop_app

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
stop_app
got=$(sql "SELECT count(*) FROM scan WHERE outcome = 'unknown' AND device = 'kiosk-e2e'")
[ "$got" = 1 ] && ok "the unknown code is in the scan log" || not_ok "unknown code logged" "$got"

# --- 3. the same person again
run_kiosk again "$tmp/jane.png"
expect_pages again "welcome refused:already-printed" 30 "second scan: badge already printed"
stop_app
got=$(ls "$LANYARD_TEST_SPOOL"/*.pdf 2>/dev/null | wc -l)
[ "$got" = 1 ] && ok "no second badge printed" || not_ok "no second badge" "$got files"

# --- 4. the printer stops
cupsdisable -r "e2e test" "$LANYARD_TEST_QUEUE" || bail "cupsdisable"
run_kiosk stopped "$tmp/siobhan.png"
expect_pages stopped "welcome confirm printing refused:printer" 90 "stopped printer: staff have been told"
stop_app
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
  stop_app
else
  ok "# SKIP no built translations (LANYARD_LOCALEDIR)"
fi

# --- 6. keys: a USB barcode scanner, then a person at a keyboard
if command -v xdotool >/dev/null 2>&1; then
  run_kiosk keys "videotestsrc pattern=black"
  if wait_page keys welcome 20; then
    # The window fills the 1280×800 screen (.compact): "Done" sits at the
    # bottom centre, "Find me by name" under the camera above "My credits &
    # certificate", the first search result near the top.
    xdotool mousemove 640 400
    # The code and its Enter typed by one xdotool, as a scanner sends them:
    # a second process could start later than the burst's 50 ms gap.
    printf 'MW26-DEMO06\n' | nice -n -10 xdotool type --delay 5 --file - 2>/dev/null
    wait_page keys "refused:needs-desk" 10
    xdotool mousemove 640 720 click 1
    wait_page keys welcome 10
    sleep 0.3
    xdotool mousemove 747 640 click 1
    wait_page keys search 10
    xdotool type --delay 150 "montgomery"
    sleep 1
    xdotool mousemove 640 240 click 1
  fi
  expect_pages keys "welcome refused:needs-desk welcome search confirm" 15 \
    "a scanner's burst is a scan; slow typing searches; a tap picks"
  stop_app
else
  ok "# SKIP xdotool is not installed"
fi

# --- 7. the GTK Inspector's keys, on the kiosk and on the PIN pad (its
# own window, opened by the hidden corner's long press)
if command -v xdotool >/dev/null 2>&1; then
  echo 2468 | "$C" set-pin >/dev/null || bail "lanyardctl set-pin"
  run_kiosk inspector "videotestsrc pattern=black"
  if wait_page inspector welcome 20; then
    xdotool mousemove 640 400 key ctrl+shift+i key ctrl+shift+d
    if pad=$(pin_pad); then
      xdotool windowfocus --sync "$pad" key ctrl+shift+i key ctrl+shift+d
      # The PIN after them: once the desk is drawn, GTK has handled the
      # keys (in order). An Inspector would have taken the PIN's keys.
      xdotool type --delay 30 2468
      xdotool key Return
      wait_page inspector people 20
    fi
  fi
  windows=$(for w in $(xdotool search --onlyvisible --pid "$app_pid"); do xdotool getwindowname "$w"; done)
  if [ "$(pages inspector)" = "welcome people" ] && [ "$(echo "$windows" | wc -l)" = 1 ]; then
    ok "Ctrl+Shift+I and D open no window, on the kiosk nor on the PIN pad"
  else
    not_ok "Ctrl+Shift+I and D open no window" "pages: $(pages inspector); windows: $(echo "$windows" | tr '\n' '|')"
  fi
  # Whether GTK's schema here has the override compiled in, as gsettings
  # (same schemas, same backend) sees it: start-up says so when it has not.
  if [ "$(gsettings get org.gtk.gtk4.Settings.Debug enable-inspector-keybinding 2>/dev/null)" = true ]; then
    grep -q "GTK Inspector" "$tmp/inspector.log" && ok "start-up says the gschema override is not in effect" \
      || not_ok "start-up says the gschema override is not in effect" "$(cat "$tmp/inspector.log")"
  else
    grep -q "GTK Inspector" "$tmp/inspector.log" && not_ok "start-up quiet: the override is in effect" \
      "$(cat "$tmp/inspector.log")" || ok "start-up quiet: the override is in effect"
  fi
  stop_app
else
  ok "# SKIP xdotool is not installed"
  ok "# SKIP xdotool is not installed"
fi

# --- what the kiosk wrote to standard error (the journal, deployed) names
# no one's e-mail, NPI, NABP ID, licence or birth date
. "$SRC/tests/privacy.sh"
no_personal_data "the kiosk's logs hold no personal data" $(ls "$tmp"/*.log | grep -v -e /fixture.log -e /xvfb.log)

tap_done

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A fresh device enrolled from its screen, end to end, under Xvfb, against
# a private PostgreSQL 15 hub: the program started on an empty database
# shows the enrolment window; its camera sees the QR code
# `lanyardctl hub add-device --qr` made; the device joins, takes its first
# sync (the event, the registrations) and opens the window its role at the
# hub names — a kiosk's welcome for a kiosk, a door's setup for a door,
# whatever mode it was started in. TAP output.
set -u
K=${LANYARD:?}
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
OUT=${LANYARD_E2E_OUT:?}
: "${GSETTINGS_SCHEMA_DIR:?}"

. "$SRC/tests/hub/hub-fixture.sh"
hub_start
# shellcheck source=tests/app/e2e.sh
. "$SRC/tests/app/e2e.sh"
e2e_cleanup_hook () { hub_stop; }
e2e_start sqlite3

quiet () { "$@" >"$tmp/out" 2>&1 || bail "$*: $(cat "$tmp/out")"; }
quiet "$C" hub init
quiet "$C" hub load --event "$SRC/data/demo/event.json" --key "$tmp/event.key"
quiet "$C" hub import "$SRC/data/demo/registrations.csv"
quiet "$C" hub add-device kiosk-9 --role kiosk --key "$tmp/event.key" -o "$tmp/kiosk-9.conn" --qr "$tmp/kiosk-9.png"
quiet "$C" hub add-device door-9 --role door -o "$tmp/door-9.conn" --qr "$tmp/door-9.png"

export GSK_RENDERER=cairo GTK_A11Y=none LANYARD_NO_SOUND=1
rm -rf "$OUT"
mkdir -p "$OUT"

# run_fresh NAME [ARGS…]: the program on an empty database, its camera
# showing NAME.png
run_fresh () {
  local name=$1
  shift
  : >"$tmp/$name.pages"
  "$K" --db "$tmp/$name.db" --camera "filesrc location=$tmp/$name.png ! pngdec ! imagefreeze" \
    --screenshot-dir "$OUT/$name" --page-log "$tmp/$name.pages" "$@" >"$tmp/$name.log" 2>&1 &
  app_pid=$!
}
first_page () { wait_pages "$1" "$2" "$3" && [ "$(head -n 1 "$tmp/$1.pages")" = "$2" ]; }
on () { sqlite3 "$tmp/$1.db" "$2"; }

run_fresh kiosk-9
first_page kiosk-9 welcome 90 && ok "a fresh kiosk enrolled by its camera opens the kiosk's welcome" \
  || not_ok "kiosk after enrolment" "pages: $(pages kiosk-9); log: $(tail -n 5 "$tmp/kiosk-9.log")"
stop_app
out=$(on kiosk-9 "SELECT (SELECT value FROM meta WHERE key = 'hub_device') || ' ' || (SELECT id FROM event)
                  || ' ' || (SELECT count(*) FROM attendee)")
[ "$out" = "kiosk-9 MWCC-2026 337" ] && ok "…as kiosk-9, with the hub's event and registrations" || not_ok "kiosk-9 store" "$out"
[ -f "$tmp/kiosk-9.db.key" ] && ok "…and the badge key its connection brought" || not_ok "kiosk-9 key"

# A door's code shown to a device started as a kiosk: it becomes a door.
run_fresh door-9 --mode kiosk
first_page door-9 not-set-up 90 && ok "a fresh device enrolled with a door's code opens the door's window" \
  || not_ok "door after enrolment" "pages: $(pages door-9); log: $(tail -n 5 "$tmp/door-9.log")"
stop_app
out=$(on door-9 "SELECT (SELECT value FROM meta WHERE key = 'hub_device') || ' ' || (SELECT id FROM event)
                 || ' ' || (SELECT count(*) FROM attendee) || ' ' || (SELECT count(*) FROM attendee WHERE email != '')")
[ "$out" = "door-9 MWCC-2026 337 0" ] && ok "…as door-9, with the event, the registrations and no e-mail" \
  || not_ok "door-9 store" "$out"
tap_done

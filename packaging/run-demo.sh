#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Lanyard and runs it on the bundled demo event (moved to today).
# With a display and the kiosk built, the kiosk starts; otherwise the CME
# office's tool walks through a check-in, two door scans and the credits.
#
# run-demo.sh --hub: two devices that agree through a private PostgreSQL
# hub on this machine (packaging/demo-hub.sh): a kiosk and the door of the
# room whose first session has just begun, each with its own database.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${BUILD_DIR:-_build}

[ -d "$build" ] || meson setup "$build"
ninja -C "$build"

demo_dir=${LANYARD_DEMO_DIR:-"${XDG_DATA_HOME:-$HOME/.local/share}/lanyard-demo"}
if [ "${1:-}" = "--hub" ]; then
  export LANYARD_DEMO_DIR="$demo_dir" BUILD_DIR="$build"
  exec sh packaging/demo-hub.sh
fi
export LANYARD_DB="$demo_dir/demo.db"
ctl="$build/src/cli/lanyardctl"
mkdir -p "$demo_dir"
# Every run moves the demo meeting to today; registrations load once.
"$ctl" init --event data/demo/event.json --shift-to-today
[ "$("$ctl" stats --json | sed -n 's/.*"registered" : \([0-9]*\).*/\1/p')" != 0 ] ||
  "$ctl" import data/demo/registrations.csv

kiosk="$build/src/app/lanyard"
if [ -x "$kiosk" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  set -- --db "$LANYARD_DB"
  if ! ls /dev/video* >/dev/null 2>&1; then
    echo "No webcam found: starting with the demo camera, which shows the demo badges' codes in turn."
    set -- "$@" --demo-camera
  fi
  . packaging/demo-printer.sh
  demo_printer
  [ -n "$demo_printer_uri" ] && set -- "$@" --printer "$demo_printer_uri"
  export GSETTINGS_SCHEMA_DIR="$top/$build/data"
  exec "$kiosk" "$@"
fi

[ -x "$kiosk" ] && echo "No display here, so the kiosk window cannot open; here is the same flow through lanyardctl."
today=$(date +%Y-%m-%d)
say () { printf '\n$ lanyardctl %s\n' "$*"; "$ctl" "$@" || true; }
say stats
say search jose
say lookup MW26-DEMO01
say checkin MW26-DEMO01 --device kiosk-1
say checkin MW26-DEMO01 --device kiosk-2
say checkin MW26-DEMO06
say checkin MW26-DEMO01 --session S01 --at "${today}T07:55" --device door-ballroom
say checkin MW26-DEMO01 --session S01 --exit --at "${today}T09:10" --device door-ballroom
say credits MW26-DEMO01
echo
echo "The demo database is $LANYARD_DB; try: LANYARD_DB=$LANYARD_DB $ctl --help"

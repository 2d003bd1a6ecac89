#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-sync-window (C, in a window under xvfb-run) against a private
# PostgreSQL 15 hub started here: the event and the demo registrations at
# the hub, a door and a desk that joined it and took their first sync, two
# kiosks that check the same person in while apart. $HUB_STOP and
# $HUB_START take the hub away and bring it back.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
. "$SRC/tests/hub/hub-fixture.sh"
hub_start
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; hub_stop' EXIT

quiet () { "$@" >"$tmp/out" 2>&1 || { echo "Bail out! $*: $(cat "$tmp/out")"; exit 1; }; }
quiet "$C" hub init
quiet "$C" hub load --event "$DEMO/event.json" --key "$tmp/event.key"
quiet "$C" hub import "$DEMO/registrations.csv"
for d in door-1:door desk-1:desk kiosk-1:kiosk kiosk-2:kiosk; do
  name=${d%%:*} role=${d##*:}
  key=(); [ "$role" = door ] || key=(--key "$tmp/event.key")
  quiet "$C" hub add-device "$name" --role "$role" "${key[@]}" -o "$tmp/$name.conn"
  quiet "$C" --db "$tmp/$name.db" join "$tmp/$name.conn"
  quiet "$C" --db "$tmp/$name.db" sync --once
done

[ -n "${LANYARD_TEST_SCREENS:-}" ] && mkdir -p "$LANYARD_TEST_SCREENS"
# A door that has the event but follows no hub yet: its connection only
# as a QR code, for its camera; its PIN 2468.
quiet "$C" --db "$tmp/door-2.db" init --event "$DEMO/event.json"
echo 2468 | quiet "$C" --db "$tmp/door-2.db" set-pin
quiet "$C" hub add-device door-2 --role door -o "$tmp/door-2.conn" --qr "$tmp/door-2.png"
# A kiosk with nothing on it yet: its connection only as a QR code.
quiet "$C" hub add-device kiosk-3 --role kiosk --key "$tmp/event.key" -o "$tmp/kiosk-3.conn" --qr "$tmp/kiosk-3.png"
export LANYARD_SYNC_TEST_DIR="$tmp"
export HUB_STOP="$SRC/tests/hub/hub-ctl.sh stop"
export HUB_START="$SRC/tests/hub/hub-ctl.sh start"
xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- "${TEST_SYNC_WINDOW:?}" "$@"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The kiosk as the appliance runs it (packaging/kiosk/lanyard-kiosk@.service):
# full screen in cage, here on wlroots' headless backend, on the demo event.
# cage starts, the kiosk draws its welcome page (grim's screenshot, kept as
# $LANYARD_E2E_OUT/cage-welcome.png) and keeps running. cage refuses to run
# as root: as root the test runs it as "nobody". Debian's cage needs
# Xwayland without saying so (install-kiosk.sh installs both).
# TAP output.
set -u
SRC=${LANYARD_SOURCE_DIR:?}
K=${LANYARD:?}
C=${LANYARDCTL:?}
OUT=${LANYARD_E2E_OUT:?}
. "$SRC/tests/tap.sh"

for tool in cage grim Xwayland dbus-run-session; do
  command -v "$tool" >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 0; }
done
as=()
if [ "$(id -u)" = 0 ]; then
  command -v runuser >/dev/null 2>&1 && id nobody >/dev/null 2>&1 \
    || { echo "1..0 # SKIP root, and no runuser or nobody to run cage as"; exit 0; }
  as=(runuser -u nobody --)
fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
cage_pid=
# cage runs in a session of its own (setsid), so that its whole tree —
# runuser, dbus-run-session and its bus, cage, the kiosk — goes with it:
# killing runuser alone left cage and the kiosk running.
cleanup () {
  if [ -n "$cage_pid" ]; then
    kill -TERM -- "-$cage_pid" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$cage_pid" 2>/dev/null || break; sleep 0.3; done
    kill -KILL -- "-$cage_pid" 2>/dev/null
  fi
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/xdg" "$tmp/home" "$OUT"
export LANYARD_DB="$tmp/home/kiosk.db"
"$C" init --event "$SRC/data/demo/event.json" --shift-to-today >/dev/null || { echo "Bail out! lanyardctl init"; exit 1; }
"$C" import "$SRC/data/demo/registrations.csv" >/dev/null || { echo "Bail out! lanyardctl import"; exit 1; }
[ ${#as[@]} = 0 ] || chown -R nobody "$tmp/xdg" "$tmp/home"
chmod 700 "$tmp/xdg"

setsid "${as[@]}" env HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/xdg" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
  WLR_RENDERER=pixman WLR_HEADLESS_OUTPUTS=1 LANYARD_DB="$LANYARD_DB" LANYARD_NO_SOUND=1 \
  dbus-run-session -- cage -d -- "$K" --camera "videotestsrc pattern=black is-live=true" >"$tmp/cage.log" 2>&1 &
cage_pid=$!

# The welcome page drawn: a screenshot with something on it (a blank
# 1280×720 output is a PNG of a few kilobytes; the welcome page ~35).
shot="$OUT/cage-welcome.png"
rm -f "$shot"
drawn=
for _ in $(seq 40); do
  sleep 1
  kill -0 "$cage_pid" 2>/dev/null || break
  [ -S "$tmp/xdg/wayland-0" ] || continue
  "${as[@]}" env XDG_RUNTIME_DIR="$tmp/xdg" WAYLAND_DISPLAY=wayland-0 grim "$tmp/home/shot.png" 2>/dev/null || continue
  if [ "$(stat -c %s "$tmp/home/shot.png")" -gt 20000 ]; then drawn=1; cp "$tmp/home/shot.png" "$shot"; break; fi
done
[ -n "$drawn" ] && ok "cage runs the kiosk: its welcome page on the screen ($shot)" \
  || not_ok "cage runs the kiosk: its welcome page on the screen" "$(tail -n 15 "$tmp/cage.log")"
sleep 2
kill -0 "$cage_pid" 2>/dev/null && ok "the kiosk keeps running under cage" \
  || not_ok "the kiosk keeps running under cage" "$(tail -n 15 "$tmp/cage.log")"
tap_done

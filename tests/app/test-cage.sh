#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The kiosk as the appliance runs it (packaging/kiosk/lanyard-kiosk@.service):
# full screen in cage, here on wlroots' headless backend, on the demo event.
# cage starts, the kiosk draws its welcome page (grim's screenshot, kept as
# $LANYARD_E2E_OUT/cage-welcome.png) and keeps running. cage refuses to run
# as root: as root the test runs it as "nobody". Debian's cage needs
# Xwayland without saying so (install-kiosk.sh installs both).
#
# Then staff at that kiosk, with a keyboard: Shift+Tab to the staff corner
# and Enter open the PIN pad, which is to cover the screen with the pad
# centred (cage-pin-pad.png), count down, and close by itself. Debian's
# cage (0.1.4) takes no made-up input — no virtual keyboard or pointer, and
# its headless backend no devices — so for this part cage runs in a window
# of sway (headless), whose virtual keyboard wtype drives: sway hands the
# keys to cage's window, cage to the kiosk, as from a keyboard on the
# appliance. (The headless backend is no good for the pad's pictures
# either: there grim gets a window's first frames only, with GTK drawing
# no more — a label counting seconds was caught unmaximised at its first
# second. Nested, grim gets the frame on the screen.) Skipped without sway
# and wtype.
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
  # sway starts its children in sessions of their own: cage and the kiosk
  # end with sway's socket, a sleeping wtype would not
  [ ! -s "$tmp/home/held-keyboard.pid" ] || kill "$(cat "$tmp/home/held-keyboard.pid")" 2>/dev/null
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
kill -TERM -- "-$cage_pid" 2>/dev/null
for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$cage_pid" 2>/dev/null || break; sleep 0.3; done
kill -KILL -- "-$cage_pid" 2>/dev/null
cage_pid=

# --- 2. The PIN pad under cage, opened with keys as staff would
for tool in sway wtype python3; do
  command -v "$tool" >/dev/null 2>&1 || { ok "# SKIP no $tool: the PIN pad under cage is not tried"; tap_done; exit; }
done
x=$tmp/xdg2
mkdir -p "$x"
cat >"$tmp/nested-cage.sh" <<EOS
#!/bin/sh
# sway's child: cage in a window of sway (its wayland backend)
echo "\$WAYLAND_DISPLAY" >"$tmp/home/sway-display"
exec env WLR_BACKENDS=wayland WLR_RENDERER=pixman cage -d -- "$tmp/kiosk.sh"
EOS
cat >"$tmp/kiosk.sh" <<EOS
#!/bin/sh
echo "\$WAYLAND_DISPLAY" >"$tmp/home/cage-display"
exec "$K" --page-log "$tmp/home/pages" --camera "videotestsrc pattern=black is-live=true"
EOS
# One virtual keyboard held for the whole run (the test's time at most):
# without a keyboard sway's seat has none to offer, cage's window gets
# none, and the keys of a wtype that comes and goes arrive before cage has
# a keyboard to take them.
cat >"$tmp/held-keyboard.sh" <<EOS
#!/bin/sh
echo \$\$ >"$tmp/home/held-keyboard.pid"
exec wtype -s 240000
EOS
cat >"$tmp/sway.conf" <<EOS
output HEADLESS-1 mode 1280x720
default_border none
exec "$tmp/held-keyboard.sh"
exec "$tmp/nested-cage.sh"
EOS
chmod 755 "$tmp/nested-cage.sh" "$tmp/kiosk.sh" "$tmp/held-keyboard.sh"
[ ${#as[@]} = 0 ] || chown -R nobody "$x" "$tmp/home"
chmod 700 "$x"
setsid "${as[@]}" env HOME="$tmp/home" XDG_RUNTIME_DIR="$x" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
  WLR_RENDERER=pixman LANYARD_DB="$LANYARD_DB" LANYARD_NO_SOUND=1 \
  dbus-run-session -- sway -c "$tmp/sway.conf" >"$tmp/sway.log" 2>&1 &
cage_pid=$!

# shot NAME: the screen cage draws, as $tmp/NAME.png and $tmp/NAME.ppm
shot () {
  local d
  d=$(cat "$tmp/home/cage-display" 2>/dev/null) && [ -n "$d" ] || return 1
  "${as[@]}" env XDG_RUNTIME_DIR="$x" WAYLAND_DISPLAY="$d" grim "$tmp/home/$1.png" 2>/dev/null &&
    "${as[@]}" env XDG_RUNTIME_DIR="$x" WAYLAND_DISPLAY="$d" grim -t ppm "$tmp/home/$1.ppm" 2>/dev/null
}
# key [shift] CODE: one press of the key with that evdev code (Tab 15,
# Return 28). cage's wayland backend reads the codes with its own keymap,
# not the one wtype sends; wtype gives the keys it is told of the codes
# 1, 2, 3… in the order it meets them: CODE−1 other keys, only released
# (a release of a key not down does nothing), come before the one pressed.
key () {
  local mods=() args=() i
  if [ "$1" = shift ]; then mods=(-M shift); shift; fi
  for i in $(seq 1 $(($1 - 1))); do args+=(-p "F$i"); done
  args+=("${mods[@]}" -k "F$1")
  [ ${#mods[@]} = 0 ] || args+=(-m shift)
  "${as[@]}" env XDG_RUNTIME_DIR="$x" WAYLAND_DISPLAY="$(cat "$tmp/home/sway-display")" wtype "${args[@]}"
}
# look NAME: what the picture shows, as words: the screen's size, whether
# its corners are dark (the pad's cover), the light card's bounding box and
# its centre, whether the staff corner has a focus ring, and a checksum of
# the card's last 44 rows (where the countdown is).
look () {
  python3 - "$tmp/home/$1.ppm" <<'EOP'
import re, sys, zlib
data = open(sys.argv[1], 'rb').read()
m = re.match(rb'P6\s+(\d+)\s+(\d+)\s+255\s', data)
w, h = int(m[1]), int(m[2])
px = data[m.end():]
def rgb(x, y):
    i = (y * w + x) * 3
    return px[i], px[i + 1], px[i + 2]
def dark(x, y):
    return max(rgb(x, y)) < 0x60
corners = all(dark(x, y) for x, y in ((4, 4), (w - 5, 4), (4, h - 5), (w - 5, h - 5)))
# light: each channel above 0xf0 (the card is #fafafa), found a row at a time
light = px.translate(bytes(1 if b > 0xf0 else 0 for b in range(256)))
xs, ys = [], []
for y in range(h):
    row = light[y * w * 3:(y + 1) * w * 3]
    i = row.find(b'\1\1\1')
    while i >= 0 and i % 3:
        i = row.find(b'\1\1\1', i + 1)
    j = row.rfind(b'\1\1\1')
    while j >= 0 and j % 3:
        j = row.rfind(b'\1\1\1', 0, j + 2)
    if i >= 0 and j >= 0:
        xs += [i // 3, j // 3]; ys.append(y)
left, right, top, bottom = (min(xs), max(xs), min(ys), max(ys)) if xs else (0, 0, 0, 0)
ring = sum(1 for x in range(w - 70, w) for y in range(0, 70) if dark(x, y)) > 100
tail = b''.join(px[y * w * 3 + left * 3:y * w * 3 + (right + 1) * 3] for y in range(max(top, bottom - 44), bottom + 1))
print(f"size={w}x{h} cover={int(corners)} card={left},{top}-{right},{bottom} "
      f"centre={(left + right) / 2:g},{(top + bottom) / 2:g} ring={int(ring)} tail={zlib.crc32(tail)}")
EOP
}
field () { sed -E -n "s/(^|.* )$1=([^ ]*).*/\2/p"; }

drawn=
for _ in $(seq 40); do
  sleep 1
  kill -0 "$cage_pid" 2>/dev/null || break
  shot welcome 2>/dev/null || continue
  if [ "$(stat -c %s "$tmp/home/welcome.png")" -gt 20000 ]; then drawn=1; break; fi
done
[ -n "$drawn" ] && ok "cage in sway runs the kiosk: its welcome page" \
  || not_ok "cage in sway runs the kiosk: its welcome page" "$(tail -n 15 "$tmp/sway.log")"

# Shift+Tab from the start: the staff corner (the last control), its
# focus ring drawn
ring=
if [ -n "$drawn" ]; then
  key shift 15
  for _ in $(seq 20); do
    sleep 0.5
    shot corner && [ "$(look corner | field ring)" = 1 ] && { ring=1; break; }
  done
fi
[ -n "$ring" ] && ok "Shift+Tab reaches the staff corner (its focus ring on the screen)" \
  || not_ok "Shift+Tab reaches the staff corner" "$( [ -f "$tmp/home/corner.ppm" ] && look corner)"

# Enter on it: the PIN pad, covering the screen, centred. (The pictures
# first, the reading after: reading one takes seconds on a busy machine,
# and the pad has 20.)
pad=
if [ -n "$ring" ]; then
  key 28
  for _ in $(seq 20); do
    sleep 0.5
    shot pad || continue
    seen=$(look pad)
    [ "$(echo "$seen" | field cover)" = 1 ] && { pad=1; break; }
  done
fi
# and a second later, its countdown on
[ -z "$pad" ] || { sleep 1.5; shot later; }
if [ -n "$pad" ]; then
  cp "$tmp/home/pad.png" "$OUT/cage-pin-pad.png"
  read -r cx cy <<<"$(echo "$seen" | field centre | tr , ' ')"
  read -r sw sh <<<"$(echo "$seen" | field size | tr x ' ')"
  python3 -c "import sys; sys.exit(0 if abs($cx - $sw / 2) <= 3 and abs($cy - $sh / 2) <= 3 else 1)" \
    && ok "Enter on it: the PIN pad covers the screen, centred ($seen; $OUT/cage-pin-pad.png)" \
    || not_ok "Enter on it: the PIN pad covers the screen, centred" "$seen"
else
  not_ok "Enter on it: the PIN pad covers the screen" "$( [ -f "$tmp/home/pad.ppm" ] && look pad)"
fi

# It counts down on the screen: the card's last lines are not those of
# the first picture (the screen grim reads is the one drawn now)
later=
[ -z "$pad" ] || [ ! -f "$tmp/home/later.ppm" ] || later=$(look later)
if [ -n "$later" ] && [ "$(echo "$later" | field cover)" = 1 ] \
   && [ "$(echo "$later" | field tail)" != "$(echo "$seen" | field tail)" ]; then
  cp "$tmp/home/later.png" "$OUT/cage-pin-pad-later.png"
  ok "its countdown moves on the screen ($OUT/cage-pin-pad-later.png)"
else
  not_ok "its countdown moves on the screen" "first: ${seen:-}; later: $later"
fi

# Left alone it closes (20 s), and the kiosk's welcome page is back
closed=
if [ -n "$pad" ]; then
  for _ in $(seq 60); do
    sleep 1
    shot after && [ "$(look after | field cover)" = 0 ] && { closed=1; break; }
  done
fi
if [ -n "$closed" ] && [ "$(tail -n 1 "$tmp/home/pages" 2>/dev/null)" = welcome ]; then
  cp "$tmp/home/after.png" "$OUT/cage-pin-pad-gone.png"
  ok "left alone, the pad closes by itself: the welcome page ($OUT/cage-pin-pad-gone.png)"
else
  not_ok "left alone, the pad closes by itself" "pages: $(tr '\n' ' ' <"$tmp/home/pages" 2>/dev/null)"
fi
tap_done

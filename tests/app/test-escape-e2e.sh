#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Escape drill, under Xvfb with xdotool, on the kiosk and on the door:
# every shortcut a passer-by might try (Alt+F4, Ctrl+Q, Ctrl+W, Escape,
# F11, Super, Alt+Tab, Ctrl+Alt+Backspace, and a few more), long presses
# everywhere but the staff corner, and on the kiosk every key of the
# on-screen keyboard. None may end the program, open a second window or
# reach a staff page (the desk, the door's setup) without the PIN.
# Bare Xvfb has no window manager: the shortcuts a window manager or the
# X server would act on (Alt+F4, Alt+Tab, Super, Ctrl+Alt+Backspace) reach
# the program itself here — in a deployment cage(1) has no such bindings.
# TAP output.
set -u
K=${LANYARD:?}
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
: "${GSETTINGS_SCHEMA_DIR:?}"

# shellcheck source=tests/app/e2e.sh
. "$SRC/tests/app/e2e.sh"
e2e_start xdotool sqlite3

export LANYARD_DB="$tmp/escape.db"
"$C" init --event "$SRC/data/demo/event.json" --shift-to-today >/dev/null || bail "lanyardctl init"
"$C" import "$SRC/data/demo/registrations.csv" >/dev/null || bail "lanyardctl import"
echo 2468 | "$C" set-pin >/dev/null || bail "lanyardctl set-pin"
export GSK_RENDERER=cairo GTK_A11Y=none LANYARD_NO_SOUND=1
OUT=$tmp/screens

keys=(alt+F4 ctrl+q ctrl+w Escape F11 super Super_L alt+Tab ctrl+alt+BackSpace ctrl+alt+Delete
      ctrl+shift+q alt+F10 F10 ctrl+shift+w ctrl+comma F1 ctrl+alt+t ctrl+shift+Escape alt+space
      ctrl+alt+F1 ctrl+Escape)

# escape NAME: every shortcut, then long presses in the other corners,
# the middle and the edges (2.5 s each, longer than the corner's hold)
escape () {
  local key spot
  for key in "${keys[@]}"; do
    xdotool mousemove 640 400 key --clearmodifiers "$key"
    sleep 0.2
    kill -0 "$app_pid" 2>/dev/null || { echo "# $1 ended on $key"; return 1; }
  done
  for spot in "36 36" "36 764" "1244 764" "640 400" "640 36" "1244 400" "640 764" "1100 36"; do
    # shellcheck disable=SC2086
    xdotool mousemove $spot mousedown 1 sleep 2.5 mouseup 1
    kill -0 "$app_pid" 2>/dev/null || { echo "# $1 ended on a long press at $spot"; return 1; }
  done
}

# still_in NAME ALLOWED-PAGES-REGEX DESCRIPTION
still_in () {
  local windows
  windows=$(xdotool search --onlyvisible --pid "$app_pid" 2>/dev/null | wc -l)
  if ! kill -0 "$app_pid" 2>/dev/null; then
    not_ok "$3" "the program ended; log: $(tail -n 5 "$tmp/$1.log")"
  elif [ "$windows" != 1 ]; then
    not_ok "$3" "$windows windows: $(for w in $(xdotool search --onlyvisible --pid "$app_pid"); do xdotool getwindowname "$w"; done | tr '\n' '|')"
  elif grep -qvxE "$2" "$tmp/$1.pages"; then
    not_ok "$3" "pages: $(pages "$1")"
  else
    ok "$3"
  fi
}

# --- the kiosk
: >"$tmp/kiosk.pages"
"$K" --db "$LANYARD_DB" --device escape-kiosk --camera "videotestsrc pattern=black" \
  --screenshot-dir "$OUT/kiosk" --page-log "$tmp/kiosk.pages" >"$tmp/kiosk.log" 2>&1 &
app_pid=$!
wait_page kiosk welcome 30 || bail "the kiosk did not show its welcome page: $(tail -n 5 "$tmp/kiosk.log")"
escape kiosk
still_in kiosk "welcome" "kiosk: ${#keys[@]} shortcuts and 8 long presses leave nothing and open nothing"
# the search page and its on-screen keyboard: a tap on every key (a grid
# half a key apart over the keyboard's five rows, 1280×800)
xdotool mousemove 747 640 click 1   # "Find me by name" (above "My credits & certificate")
if wait_page kiosk search 10; then
  for y in 504 560 616 672 728; do
    for x in $(seq 300 36 980); do
      xdotool mousemove "$x" "$y" click 1
    done
    kill -0 "$app_pid" 2>/dev/null || break
  done
  escape kiosk
  still_in kiosk "welcome|search|confirm|refused:.*" "kiosk: every on-screen key, then the shortcuts on the search page: still the kiosk"
else
  not_ok "kiosk: the search page opened" "pages: $(pages kiosk)"
fi
stop_app

# --- the door, set up for a room (its ready page)
: >"$tmp/door.pages"
"$K" --mode door --room "Grand Ballroom A" --db "$LANYARD_DB" --device escape-door \
  --camera "videotestsrc pattern=black" \
  --screenshot-dir "$OUT/door" --page-log "$tmp/door.pages" >"$tmp/door.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 300); do [ -s "$tmp/door.pages" ] && break; sleep 0.1; done
[ -s "$tmp/door.pages" ] || bail "the door showed no page: $(tail -n 5 "$tmp/door.log")"
first=$(head -n 1 "$tmp/door.pages")
escape door
still_in door "$first|ready|disclosure|result:.*|not-set-up" "door ($first): the shortcuts and long presses leave nothing and open nothing"
stop_app

tap_done

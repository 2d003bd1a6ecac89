#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The system clock stepped back an hour during a session (faketime): a
# learner scanned in at the door, then the device's clock jumps back, and
# the exit and a second entry are recorded at the earlier times. Credits
# never go negative or count the same time twice, and the jump is flagged:
# said when it happens, and in `lanyardctl stats` for staff. TAP.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
tmp=$(mktemp -d -t lanyard-clock.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export LANYARD_DB="$tmp/clock.db"
. "$SRC/tests/tap.sh"
command -v faketime >/dev/null || { echo "1..0 # SKIP faketime is not installed"; exit 0; }

# The demo event with S01 running from three hours ago to three hours on.
python3 - "$SRC/data/demo/event.json" "$tmp/event.json" <<'PY'
import datetime, json, sys
e = json.load(open(sys.argv[1], encoding="utf-8"))
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
for s in e["sessions"]:
    if s["id"] == "S01":
        s["start"] = (now - datetime.timedelta(hours=3)).isoformat()
        s["end"] = (now + datetime.timedelta(hours=3)).isoformat()
json.dump(e, open(sys.argv[2], "w", encoding="utf-8"))
PY
"$C" init --event "$tmp/event.json" >/dev/null && "$C" import "$SRC/data/demo/registrations.csv" >/dev/null \
  || { echo "Bail out! init"; exit 1; }
# faketime preloads itself; an ASan build must be told that is fine.
back () {
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    faketime "$(date -d '1 hour ago' '+%Y-%m-%d %H:%M:%S')" "$@"
}

status_is 0 "check-in at the event" "$C" checkin MW26-DEMO01 --device door-1
status_is 0 "entry to S01" "$C" checkin MW26-DEMO01 --session S01 --device door-1
back "$C" checkin MW26-DEMO01 --session S01 --exit --device door-1 >"$tmp/out" 2>"$tmp/err"
grep -q "clock of door-1 went back" "$tmp/err" && ok "the jump is said when it happens" \
  || not_ok "the jump is said when it happens" "$(cat "$tmp/out" "$tmp/err")"
back "$C" checkin MW26-DEMO01 --session S01 --device door-1 >/dev/null 2>&1
"$C" checkin MW26-DEMO01 --session S01 --exit --device door-1 >/dev/null 2>&1
"$C" checkin MW26-DEMO01 --session S01 --device door-1 >/dev/null 2>&1

minutes=$("$C" credits MW26-DEMO01 --json | json '[l["minutes"] for l in d["sessions"] if l["id"] == "S01"]')
case "$minutes" in
  "[]") ok "no time counted twice (none for S01)" ;;
  \[*\]) m=${minutes//[^0-9]/}
         [ "$m" -ge 0 ] && [ "$m" -le 360 ] && ok "S01 counts $m minutes: never negative, never more than the session" \
           || not_ok "S01 minutes" "$minutes" ;;
  *) not_ok "S01 minutes" "$minutes" ;;
esac
"$C" credits MW26-DEMO01 --json | json 'all(l["minutes"] >= 0 for l in d["sessions"])' | grep -qx True \
  && ok "no session counts negative minutes" || not_ok "no session counts negative minutes"
out=$("$C" stats)
echo "$out" | grep -q "clock of door-1 went back" && ok "stats flags the device whose clock went back" \
  || not_ok "stats flags the device whose clock went back" "$out"
[ "$(sqlite3 "$LANYARD_DB" 'SELECT count(*) FROM scan WHERE recorded_at < at - 60000000')" = 0 ] \
  && ok "each scan keeps when it was written (recorded_at) beside when it happened (at)" \
  || not_ok "recorded_at"
tap_done

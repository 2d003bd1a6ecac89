#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Kill drill of a device that follows the hub: the real `lanyard` under
# Xvfb as a session door (door-1) enrolled to a private PostgreSQL 15 hub
# (tests/hub/hub-fixture.sh), its camera cycling through the QR codes of
# a few people so that it scans all the time, while its sync worker pushes
# those scans and pulls the check-ins another device (kiosk-2, lanyardctl)
# keeps making and syncing beside it. The door is killed with SIGKILL at a
# random moment 0–4 s after its first page, SYNC_KILLS times (6 by
# default; run-all.sh's ASan run asks for fewer), and started again on the
# same database. After each kill:
#   - PRAGMA integrity_check is ok; no scan (by UUID) twice on the door;
#   - an entry the screen showed is in the log; no one entered twice
#     without an exit between.
# At the end the door runs once more until its sync has settled (nothing
# waiting to be pushed, every other device's row pulled), then:
#   - every scan the door recorded is at the hub exactly once (by UUID),
#     and the hub has none from the door that the door does not;
#   - the door has every other device's scans at the hub, each once.
# The seed is printed, so a failure can be replayed (KILL_SEED). TAP.
set -u
K=${LANYARD:?}
C=${LANYARDCTL:?}
MAKE_QR=${LANYARD_MAKE_QR:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
: "${GSETTINGS_SCHEMA_DIR:?}"

# shellcheck source=tests/hub/hub-fixture.sh
. "$SRC/tests/hub/hub-fixture.sh"
# shellcheck source=tests/app/e2e.sh
. "$SRC/tests/app/e2e.sh"
hub_start
e2e_cleanup_hook () {
  [ -n "${other_pid:-}" ] && kill "$other_pid" 2>/dev/null && wait "$other_pid" 2>/dev/null
  hub_stop
}
e2e_start sqlite3 python3
export GSK_RENDERER=cairo GTK_A11Y=none

quiet () { "$@" >"$tmp/out" 2>&1 || bail "$*: $(cat "$tmp/out")"; }
# The demo event with its sessions moved so that S01 runs now (from 10
# minutes ago): the door's entries are accepted, not refused as outside
# the session's time.
python3 - "$DEMO/event.json" "$tmp/event.json" <<'PY' || bail "event"
import datetime, json, sys
event = json.load(open(sys.argv[1], encoding="utf-8"))
first = datetime.datetime.fromisoformat(event["sessions"][0]["start"])
now = datetime.datetime.now(datetime.timezone.utc).astimezone(first.tzinfo).replace(microsecond=0)
shift = now - datetime.timedelta(minutes=10) - first
for s in event["sessions"]:
    for k in ("start", "end"):
        s[k] = (datetime.datetime.fromisoformat(s[k]) + shift).isoformat()
for k in ("start_date", "end_date"):
    event[k] = (datetime.date.fromisoformat(event[k]) + datetime.timedelta(days=shift.days + (1 if shift.seconds else 0))).isoformat()
starts = [datetime.datetime.fromisoformat(s["start"]).date() for s in event["sessions"]]
event["start_date"], event["end_date"] = min(starts).isoformat(), max(starts).isoformat()
json.dump(event, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
quiet "$C" hub init
quiet "$C" hub load --event "$tmp/event.json" --key "$tmp/event.key"
quiet "$C" hub import "$DEMO/registrations.csv"
quiet "$C" hub add-device door-1 --role door -o "$tmp/door-1.conn"
quiet "$C" hub add-device kiosk-2 --role kiosk --key "$tmp/event.key" -o "$tmp/kiosk-2.conn"
for d in door-1 kiosk-2; do
  quiet "$C" --db "$tmp/$d.db" join "$tmp/$d.conn"
  quiet "$C" --db "$tmp/$d.db" sync --once
done
export LANYARD_DB="$tmp/door-1.db"
k2 () { "$C" --db "$tmp/kiosk-2.db" "$@"; }
hub_rows () { hub_psql "SELECT uuid FROM device_row WHERE kind = 'scan' AND $1 ORDER BY uuid"; }

kills=${SYNC_KILLS:-6}
seed=${KILL_SEED:-$$}
RANDOM=$seed
echo "# seed $seed, $kills kills"
mapfile -t codes < <(sql "SELECT ticket_code FROM attendee WHERE status = 'active' ORDER BY id")
[ "${#codes[@]}" -ge 100 ] || bail "too few attendees at the door"
room=$(sql "SELECT room FROM session WHERE id = 'S01'")

# Six people checked in at kiosk-2 and synced: the door's camera cycles
# through their codes, two a second, each seen again three seconds later.
mkdir -p "$tmp/cycle"
for i in 0 1 2 3 4 5; do
  k2 checkin "${codes[i]}" --device kiosk-2 >/dev/null 2>&1
  "$MAKE_QR" "${codes[i]}" "$tmp/cycle/$i.png" || bail "make-qr"
done
quiet k2 sync --once
camera="multifilesrc location=$tmp/cycle/%d.png index=0 stop-index=5 loop=true caps=image/png,framerate=2/1 ! pngdec ! videorate ! video/x-raw,framerate=10/1"

# kiosk-2 beside the door all along: a check-in (another person each
# time) and a sync, again and again, so the door always has rows to pull.
(
  i=10
  while :; do
    k2 checkin "${codes[i % ${#codes[@]}]}" --device kiosk-2 >/dev/null 2>&1
    k2 sync --once >/dev/null 2>&1
    i=$((i + 1))
    sleep 0.3
  done
) &
other_pid=$!

run_door () { # run_door NAME: in the background, page log $tmp/NAME.pages
  : >"$tmp/$1.pages"
  "$K" --mode door --db "$LANYARD_DB" --device door-1 --room "$room" --session S01 --camera "$camera" \
    --page-log "$tmp/$1.pages" >>"$tmp/$1.log" 2>&1 &
  app_pid=$!
}

failures=0
fail () {
  failures=$((failures + 1))
  echo "# round $round (kill at ${delay} ms): ${1//$'\n'/; }"
}

declare -A reached
start=$(date +%s)
for round in $(seq 1 "$kills"); do
  delay=$((RANDOM % 4000))
  before=$(sql "SELECT coalesce (max (rowid), 0) FROM scan")
  run_door door
  wait_page door ready 60 || { fail "the door did not start: $(pages door); $(tail -n 3 "$tmp/door.log")"; stop_app; continue; }
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
  app_pid=
  last=$(tail -n 1 "$tmp/door.pages")
  reached[$last]=$(( ${reached[$last]:-0} + 1 ))
  got=$(sql "PRAGMA integrity_check")
  [ "$got" = ok ] || fail "integrity_check: $got"
  got=$(sql "SELECT uuid FROM scan GROUP BY uuid HAVING count(*) > 1")
  [ -z "$got" ] || fail "a scan twice on the door: $got"
  entered=$(grep -cx result:entered "$tmp/door.pages")
  got=$(sql "SELECT count(*) FROM scan WHERE device = 'door-1' AND outcome = 'entered' AND rowid > $before")
  [ "$got" -ge "$entered" ] || fail "$entered entries shown, $got recorded"
  got=$(sql "SELECT attendee_id FROM (SELECT attendee_id, outcome, lag (outcome) OVER
               (PARTITION BY attendee_id, session_id ORDER BY at, rowid) AS before FROM scan
               WHERE kind IN ('session_entry', 'session_exit') AND outcome IN ('entered', 'exited'))
             WHERE outcome = 'entered' AND before = 'entered'")
  [ -z "$got" ] || fail "entered twice with no exit between: $got"
done
kill "$other_pid" 2>/dev/null; wait "$other_pid" 2>/dev/null; other_pid=
quiet k2 sync --once
scans=$(sql "SELECT count(*) FROM scan WHERE device = 'door-1'")
echo "# $kills kills in $(( $(date +%s) - start )) s; the door recorded $scans scans; killed on (last page shown):"
for i in "${!reached[@]}"; do echo "#   $i ${reached[$i]}"; done
[ $failures = 0 ] && ok "$kills kills mid scan and mid sync: no scan twice, none shown and lost, integrity_check ok" \
  || not_ok "$kills kills mid scan and mid sync" "$failures failures"
[ "$scans" -ge "$kills" ] && ok "the door scanned while it synced ($scans scans)" || not_ok "the door scanned" "$scans scans"

# --- the door once more, its camera on nothing, until its sync settles
mine () { sql "SELECT uuid FROM scan WHERE device = 'door-1' ORDER BY uuid"; }
theirs () { sql "SELECT uuid FROM scan WHERE device <> 'door-1' ORDER BY uuid"; }
camera="videotestsrc pattern=black"
run_door settle
settled=no
# up to about three minutes
for _ in $(seq 1 360); do
  # nothing left to push, every other device's row pulled
  if [ "$(sql "SELECT count(*) FROM sync_outbox")" = 0 ] \
     && [ "$(theirs | wc -l)" = "$(hub_rows "device <> 'door-1'" | wc -l)" ]; then
    settled=yes
    break
  fi
  sleep 0.5
done
stop_app
[ $settled = yes ] && ok "after the restart the door's sync settles" \
  || not_ok "the door's sync settles" "waiting $(sql "SELECT count(*) FROM sync_outbox"); $(tail -n 3 "$tmp/settle.log")"

got=$(hub_psql "SELECT count(*) - count(DISTINCT uuid) FROM device_row WHERE device = 'door-1'")
if [ "$(mine)" = "$(hub_rows "device = 'door-1'")" ] && [ "$got" = 0 ]; then
  ok "every scan the door recorded is at the hub once ($(mine | wc -l)), no other"
else
  not_ok "the door's scans at the hub once" "$(diff <(mine) <(hub_rows "device = 'door-1'") | head -n 5)"
fi
got=$(sql "SELECT count(*) - count(DISTINCT uuid) FROM scan")
if [ "$(theirs)" = "$(hub_rows "device <> 'door-1'")" ] && [ "$got" = 0 ]; then
  ok "the door has every other device's scan once ($(theirs | wc -l))"
else
  not_ok "the others' scans on the door once" "$(diff <(theirs) <(hub_rows "device <> 'door-1'") | head -n 5)"
fi
got=$(sql "PRAGMA integrity_check")
[ "$got" = ok ] && ok "integrity_check ok at the end" || not_ok "integrity_check" "$got"

tap_done

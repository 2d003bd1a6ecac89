#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-demo.sh --hub: a private PostgreSQL hub in the demo folder, the demo
# event at it (moved so that its first session began ten minutes ago) with
# its registrations, and two devices that joined it: a kiosk and the door
# of that session's room. With a display both windows open side by side
# (--windowed) on the demo camera, which shows the demo badges in turn: the
# door says "Please check in first" to a badge until the kiosk has checked
# that person in, then admits them. Without one, the same story through
# lanyardctl. Ctrl+C (or closing the kiosk with its PIN, 1234) stops all.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${BUILD_DIR:-_build}
demo_dir=${LANYARD_DEMO_DIR:?}
ctl="$top/$build/src/cli/lanyardctl"
app="$top/$build/src/app/lanyard"
pg=/usr/lib/postgresql/15/bin
hub_dir="$demo_dir/hub"
room="Grand Ballroom A"

if [ ! -x "$pg/postgres" ]; then
  echo "PostgreSQL 15 is not installed here: run sudo packaging/setup-debian.sh first." >&2
  exit 1
fi
# PostgreSQL refuses to run as root: then its files belong to postgres.
as_pg () { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A fresh hub each run, on a unix socket only.
[ -f "$hub_dir/data/postmaster.pid" ] && as_pg "$pg/pg_ctl" -D "$hub_dir/data" -m fast stop >/dev/null 2>&1 || true
rm -rf "$hub_dir"
mkdir -p "$hub_dir"
chmod 755 "$hub_dir"
[ "$(id -u)" = 0 ] && chown postgres "$hub_dir"
as_pg "$pg/initdb" -D "$hub_dir/data" -A trust -U lanyard >"$demo_dir/hub.log"
# The office (lanyard) comes in over the socket; every device with its password.
cat >"$hub_dir/hba" <<HBA
local all lanyard trust
local all all scram-sha-256
HBA
as_pg cp "$hub_dir/hba" "$hub_dir/data/pg_hba.conf"
as_pg "$pg/pg_ctl" -D "$hub_dir/data" -w -l "$hub_dir/log" -o "-k $hub_dir -c listen_addresses=''" start >/dev/null
pids=
stop () {
  [ -n "$pids" ] && kill $pids 2>/dev/null || true
  as_pg "$pg/pg_ctl" -D "$hub_dir/data" -m fast stop >/dev/null 2>&1 || true
}
trap stop EXIT INT TERM
psql -X -q -h "$hub_dir" -U lanyard -d postgres -c "CREATE DATABASE hub" >/dev/null
export LANYARD_HUB="host=$hub_dir user=lanyard dbname=hub"

# The demo event, moved so that its first session began ten minutes ago.
python3 - data/demo/event.json "$hub_dir/event.json" <<'PY'
import datetime, json, sys
event = json.load(open(sys.argv[1]))
first = min(datetime.datetime.fromisoformat(s["start"]) for s in event["sessions"])
shift = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=10) - first
shift = datetime.timedelta(minutes=round(shift.total_seconds() / 60))
for s in event["sessions"]:
    for k in ("start", "end"):
        s[k] = (datetime.datetime.fromisoformat(s[k]) + shift).isoformat()
for k in ("start_date", "end_date"):
    event[k] = (datetime.date.fromisoformat(event[k]) + datetime.timedelta(days=shift.days + (1 if shift.seconds else 0))).isoformat()
json.dump(event, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY

echo "A hub on $hub_dir:"
"$ctl" hub init
"$ctl" hub load --event "$hub_dir/event.json" --key "$hub_dir/event.key"
"$ctl" hub import data/demo/registrations.csv
echo 1234 | "$ctl" hub set-pin
for device in kiosk-1:kiosk door-1:door; do
  name=${device%%:*} role=${device##*:}
  rm -f "$demo_dir/$name.db" "$demo_dir/$name.db-wal" "$demo_dir/$name.db-shm"
  if [ "$role" = door ]; then
    "$ctl" hub add-device "$name" --role "$role" -o "$hub_dir/$name.conn"
  else
    "$ctl" hub add-device "$name" --role "$role" --key "$hub_dir/event.key" -o "$hub_dir/$name.conn"
  fi
  "$ctl" --db "$demo_dir/$name.db" join "$hub_dir/$name.conn"
  "$ctl" --db "$demo_dir/$name.db" sync --once
done

if [ -x "$app" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  export GSETTINGS_SCHEMA_DIR="$top/$build/data"
  echo
  echo "The door of $room (left) and the kiosk (right) follow the hub; both cameras show the demo badges."
  echo "The door asks each person to check in first until the kiosk has checked them in; then it admits them."
  echo "The door's header says when it last synced. Staff PIN: 1234. Ctrl+C stops both and the hub."
  "$app" --db "$demo_dir/door-1.db" --mode door --room "$room" --device door-1 --demo-camera --windowed &
  pids="$!"
  . packaging/demo-printer.sh
  demo_printer
  set -- --db "$demo_dir/kiosk-1.db" --mode kiosk --device kiosk-1 --demo-camera --windowed
  [ -n "$demo_printer_uri" ] && set -- "$@" --printer "$demo_printer_uri"
  "$app" "$@" || true
  exit 0
fi

say () { printf '\n$ lanyardctl %s\n' "$*"; "$ctl" "$@" || true; }
echo
echo "No display here: the same story through lanyardctl, each device with its own database."
say --db "$demo_dir/door-1.db" checkin MW26-DEMO01 --session S01 --device door-1
say --db "$demo_dir/kiosk-1.db" checkin MW26-DEMO01 --device kiosk-1
say --db "$demo_dir/kiosk-1.db" sync --once
say --db "$demo_dir/door-1.db" sync --once
say --db "$demo_dir/door-1.db" checkin MW26-DEMO01 --session S01 --device door-1
say --db "$demo_dir/door-1.db" sync --once
say hub status
say hub credits MW26-DEMO01

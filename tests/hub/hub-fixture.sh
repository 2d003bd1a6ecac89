# SPDX-License-Identifier: GPL-3.0-or-later
#
# A private PostgreSQL 15 for the hub tests (PLATFORM-NOTES.md): started
# once per test program by hub_start, stopped on exit, also on failure.
# Skips (exit 77) only when the server's programs are missing. It listens
# on a unix socket in its own folder and on 127.0.0.1 (HUB_PORT), for the
# tests' own proxy. The office logs in as `lanyard` without a password;
# every other login (the devices) must give its password.
#
#   hub_start          → $HUB_DIR, $HUB_PORT, $LANYARD_HUB (the office's conninfo)
#   hub_pg_ctl ARGS…   → pg_ctl on this server (stop -m immediate = power loss)
#   hub_psql SQL       → psql as the office
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

hub_run () {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

hub_pg_ctl () {
  hub_run "$PG_BIN/pg_ctl" -D "$HUB_DIR/data" -w -l "$HUB_DIR/log" "$@" >/dev/null
}

hub_start_server () {
  hub_pg_ctl -o "-k $HUB_DIR -p $HUB_PORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start
}

hub_stop () {
  [ -n "${HUB_DIR:-}" ] || return 0
  hub_run "$PG_BIN/pg_ctl" -D "$HUB_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$HUB_DIR"
  HUB_DIR=
}

hub_psql () {
  psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$HUB_DIR" -p "$HUB_PORT" -U lanyard -d hub -c "$1"
}

hub_start () {
  if [ ! -x "$PG_BIN/postgres" ] || [ ! -x "$PG_BIN/initdb" ] || ! command -v psql >/dev/null; then
    echo "1..0 # SKIP PostgreSQL 15 is not installed ($PG_BIN)"
    exit 77
  fi
  HUB_DIR=$(mktemp -d /tmp/lanyard-pg-XXXXXX)
  chmod 755 "$HUB_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$HUB_DIR"
  HUB_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  hub_run "$PG_BIN/initdb" -D "$HUB_DIR/data" -A trust -U lanyard >/dev/null || { echo "Bail out! initdb failed"; exit 1; }
  cat >"$HUB_DIR/data/pg_hba.conf" <<HBA
local all lanyard trust
host  all lanyard 127.0.0.1/32 trust
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
HBA
  trap 'hub_stop' EXIT
  trap 'exit 143' TERM INT
  hub_start_server || { echo "Bail out! the test's PostgreSQL did not start: $(tail -5 "$HUB_DIR/log")"; exit 1; }
  psql -X -q -h "$HUB_DIR" -p "$HUB_PORT" -U lanyard -d postgres -c "CREATE DATABASE hub" >/dev/null
  LANYARD_HUB="host=$HUB_DIR port=$HUB_PORT user=lanyard dbname=hub"
  export LANYARD_HUB HUB_DIR HUB_PORT
}

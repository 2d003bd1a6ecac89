#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lanyardctl hub import takes the device import's options (issue 17):
# a preset, --dry-run sending nothing to the hub, --full naming who is
# missing and --cancel-missing cancelling them at the hub, from where a
# device's next sync brings it. Against a private PostgreSQL 15. TAP output.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
SAMPLES="$SRC/tests/fixtures/exports"
. "$SRC/tests/tap.sh"
. "$SRC/tests/hub/hub-fixture.sh"
hub_start
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; hub_stop' EXIT

status_of () { hub_psql "SELECT status FROM registration WHERE ticket_code = '$1'"; }

status_is 0 "hub init" "$C" hub init
status_is 0 "the event at the hub" "$C" hub load --event "$SRC/data/demo/event.json" --key "$tmp/event.key"

out=$("$C" hub import --dry-run --preset eventbrite "$SAMPLES/eventbrite.csv" 2>&1)
grep -q "imported 5" <<<"$out" && ok "--dry-run at the hub: the counts" || not_ok "dry-run counts" "$out"
[ "$(hub_psql 'SELECT count(*) FROM registration')" = 0 ] && ok "--dry-run sends nothing to the hub" \
  || not_ok "dry run wrote" "$(hub_psql 'SELECT count(*) FROM registration')"

out=$("$C" hub import --preset eventbrite "$SAMPLES/eventbrite.csv" 2>&1)
[ "$out" = "read 5 rows: imported 5, updated 0, unchanged 0, rejected 0" ] && ok "a preset at the hub" \
  || not_ok "preset at the hub" "$out"
[ "$(hub_psql 'SELECT count(*) FROM registration')" = 5 ] && ok "…the five are at the hub" \
  || not_ok "count at hub" "$(hub_psql 'SELECT count(*) FROM registration')"

grep -v 10411702211 "$SAMPLES/eventbrite.csv" >"$tmp/eb-full.csv"
out=$("$C" hub import --preset eventbrite --full "$tmp/eb-full.csv" 2>&1)
grep -q "10411702211 *Raj Iyer" <<<"$out" && ok "--full names the registration missing from the file" \
  || not_ok "--full" "$out"
[ "$(status_of 10411702211)" = active ] && ok "--full alone cancels nothing at the hub" \
  || not_ok "--full cancelled" "$(status_of 10411702211)"
status_is 2 "--cancel-missing without --full: usage" "$C" hub import --preset eventbrite --cancel-missing "$tmp/eb-full.csv"
out=$("$C" hub import --preset eventbrite --full --cancel-missing "$tmp/eb-full.csv" 2>&1)
grep -q "^1 registration cancelled" <<<"$out" && ok "--cancel-missing says so" || not_ok "--cancel-missing" "$out"
[ "$(status_of 10411702211)" = cancelled ] && ok "…and it is cancelled at the hub" \
  || not_ok "not cancelled at the hub" "$(status_of 10411702211)"

# a device that joins brings the hub's word down
status_is 0 "add a desk" "$C" hub add-device desk-1 --role desk --key "$tmp/event.key" -o "$tmp/desk-1.conn"
status_is 0 "the desk joins" "$C" --db "$tmp/desk.db" join "$tmp/desk-1.conn"
status_is 0 "its first sync" "$C" --db "$tmp/desk.db" sync --once
out=$("$C" --db "$tmp/desk.db" lookup 10411702211 --json | json 'd["status"]')
[ "$out" = cancelled ] && ok "the desk sees the cancellation" || not_ok "desk status" "$out"
tap_done

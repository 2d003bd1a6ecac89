#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lanyardctl import on what registration systems really export: the
# presets on sample exports with each system's real header row, a value
# no preset knows, a pretix ticket secret checking in, --dry-run leaving
# the database byte for byte, --full with and without --cancel-missing,
# and restore undoing it. TAP output.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
SAMPLES="$SRC/tests/fixtures/exports"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANYARD_DB="$tmp/exports.db"

. "$SRC/tests/tap.sh"

# the database and its write-ahead log, if one is left
db_sum () { cat "$LANYARD_DB" "$LANYARD_DB-wal" 2>/dev/null | sha256sum; }

status_is 0 "init loads the demo event" "$C" init --event "$SRC/data/demo/event.json"

# --- presets
out=$("$C" import --preset eventbrite "$SAMPLES/eventbrite.csv")
[ "$out" = "read 5 rows: imported 5, updated 0, unchanged 0, rejected 0" ] && ok "eventbrite preset: every row" \
  || not_ok "eventbrite preset" "$out"
out=$("$C" lookup 10411702211 --json | json 'd["role"], d["status"]')
[ "$out" = "faculty active" ] && ok "Faculty (Complimentary) is faculty" || not_ok "faculty ticket type" "$out"
out=$("$C" lookup 10411810075 --json | json 'd["status"]')
[ "$out" = cancelled ] && ok "Refunded is cancelled" || not_ok "refunded" "$out"
status_is 1 "the same export without a preset: refused, it has no ticket_code column" \
  "$C" import "$SAMPLES/eventbrite.csv"
out=$("$C" import --preset cvent "$SAMPLES/cvent.csv")
[ "$out" = "read 5 rows: imported 5, updated 0, unchanged 0, rejected 0" ] && ok "cvent preset: every row" \
  || not_ok "cvent preset" "$out"
status_is 1 "an unknown preset" "$C" import --preset eventbrit "$SAMPLES/eventbrite.csv"
grep -q "eventbrite, cvent or pretix" "$tmp/err" && ok "the refusal names the presets" || not_ok "presets named" "$(cat "$tmp/err")"

printf 'Attendee #,First Name,Last Name,Ticket Type,Attendee Status\r\n1001,Ann,Lee,Exhibitor,On Hold\r\n' >"$tmp/hold.csv"
out=$("$C" import --preset eventbrite "$tmp/hold.csv")
grep -qF 'line 2: column “Attendee Status”: “On Hold” is not a status' <<<"$out" \
  && ok "a status the preset does not know: rejected with line, column and value" || not_ok "On Hold rejected" "$out"
printf '{"values": {"status": {"On Hold": "active"}}}' >"$tmp/hold.json"
out=$("$C" import --preset eventbrite --mapping "$tmp/hold.json" "$tmp/hold.csv")
[ "$out" = "read 1 rows: imported 1, updated 0, unchanged 0, rejected 0" ] \
  && ok "a --mapping adds to the preset's values" || not_ok "mapping over preset" "$out"

# --- pretix: the QR of the confirmation e-mail holds the ticket secret
out=$("$C" import --preset pretix "$SAMPLES/pretix.csv")
[ "$out" = "read 6 rows: imported 6, updated 0, unchanged 0, rejected 0" ] && ok "pretix preset: every row" \
  || not_ok "pretix preset" "$out"
out=$("$C" checkin dszbrpcmf7j4yhc9x3snq8nq2kmf3v6t --at 2026-11-24T07:50 --device kiosk-2 --json | json 'd["outcome"]')
[ "$out" = checked_in ] && ok "a pretix ticket secret checks in" || not_ok "pretix secret" "$out"
out=$("$C" checkin 3hq9zvn6kdc2mtyxr8bsjp4wgfa7eu5n --at 2026-11-24T07:51 --json | json 'd["outcome"]')
[ "$out" = cancelled ] && ok "a cancelled pretix order's secret: cancelled" || not_ok "pretix cancelled" "$out"
out=$("$C" search tanaka --json | json 'd["results"][0]["last_name"]')
[ "$out" = "Hiroshi Tanaka" ] && ok "a full name is found by its family name" || not_ok "search full name" "$out"
out=$("$C" lookup u4tkbdr7ns2yq9hmx3fcp6wva8ejzg5c | head -1)
[ "$out" = "山田太郎" ] && ok "a family-name-first name stays in its order" || not_ok "CJK full name" "$out"

# --- dry run: everything reported, nothing written
before=$(db_sum)

status_is 1 "a file without the preset's ticket column is refused, dry run or not" \
  "$C" import --dry-run --preset cvent "$tmp/hold.csv"
grep -v -e 10411702211 -e 10411810075 "$SAMPLES/eventbrite.csv" >"$tmp/eb-changed.csv"
sed -i 's/Checked In/Refunded/' "$tmp/eb-changed.csv"   # Ortega refunded since
"$C" import --dry-run --full --cancel-missing --preset eventbrite "$tmp/eb-changed.csv" >"$tmp/dry" 2>&1
after=$(db_sum)
[ "$before" = "$after" ] && ok "--dry-run: the database is byte for byte unchanged" || not_ok "dry run wrote" "$before → $after"
head -2 "$tmp/dry" | tr '\n' '|' | grep -qxF "Dry run: nothing was written. The file would give:|read 3 rows: imported 0, updated 1, unchanged 2, rejected 0|" \
  && ok "--dry-run: says so, and the counts" || not_ok "dry run output" "$(cat "$tmp/dry")"
grep -q "^10 registrations would be cancelled" "$tmp/dry" && grep -q "^9 active registrations are not in the file" "$tmp/dry" \
  && grep -q "10411702211 *Raj Iyer" "$tmp/dry" && grep -q "^They would be cancelled" "$tmp/dry" \
  && ok "--dry-run --full: who would be cancelled" || not_ok "dry run full" "$(cat "$tmp/dry")"
out=$("$C" lookup 10411583424 --json | json 'd["status"]')
[ "$out" = active ] && ok "--dry-run: nothing cancelled" || not_ok "dry run cancelled" "$out"

# --- full lists, on a database of one registration system
export LANYARD_DB="$tmp/full.db"
"$C" init --event "$SRC/data/demo/event.json" >/dev/null && "$C" import --preset eventbrite "$SAMPLES/eventbrite.csv" >/dev/null \
  || not_ok "second database"
grep -v 10411702211 "$SAMPLES/eventbrite.csv" >"$tmp/eb-full.csv"
out=$("$C" import --preset eventbrite --full "$tmp/eb-full.csv")
grep -q "^1 active registration is not in the file:" <<<"$out" && grep -q "10411702211 *Raj Iyer" <<<"$out" \
  && grep -q "^They stay active" <<<"$out" && ok "--full names the registration missing from the file" \
  || not_ok "--full" "$out"
out=$("$C" lookup 10411702211 --json | json 'd["status"]')
[ "$out" = active ] && ok "--full alone cancels nothing" || not_ok "--full cancelled" "$out"
status_is 2 "--cancel-missing without --full: usage" "$C" import --preset eventbrite --cancel-missing "$tmp/eb-full.csv"
out=$("$C" import --preset eventbrite --full --cancel-missing "$tmp/eb-full.csv")
grep -q "^1 registration cancelled" <<<"$out" && grep -q "lanyardctl restore CODE" <<<"$out" \
  && ok "--cancel-missing cancels it and says how to undo it" || not_ok "--cancel-missing" "$out"
out=$("$C" lookup 10411702211 --json | json 'd["status"]')
[ "$out" = cancelled ] && ok "the missing registration is cancelled" || not_ok "not cancelled" "$out"
"$C" audit 10411702211 >"$tmp/audit"
grep -q "import .*status .*“active” → “cancelled”" "$tmp/audit" && ok "the cancellation is audited as the import's" \
  || not_ok "audit" "$(cat "$tmp/audit")"
status_is 0 "restore undoes it" "$C" restore 10411702211
out=$("$C" lookup 10411702211 --json | json 'd["status"]')
[ "$out" = active ] && ok "restored: active again" || not_ok "restore" "$out"

tap_done

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# No personal data in the logs: every lanyardctl flow on the demo event —
# import (with rows refused), look-ups, check-ins, credits, badges,
# certificates, export, corrections, a walk-in, cancel and restore, and the
# errors staff meet — with GLib's debug messages on, as a journal would
# keep them. Standard error must hold no e-mail address, NPI, NABP ID,
# licence or birth date. (Standard output is what staff asked to see.)
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
tmp=$(mktemp -d -t lanyard-privacy.XXXXXX)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
export LANYARD_DB="$tmp/demo.db" G_MESSAGES_DEBUG=all

. "$SRC/tests/tap.sh"
. "$SRC/tests/privacy.sh"

log="$tmp/stderr"
run () { "$C" "$@" >>"$tmp/stdout" 2>>"$log"; }

# What the test types in itself, beside the demo rows.
export PRIVACY_EXTRA="$tmp/extra"
printf '%s\n' walkin.person@example.org 1888777665 0229 'CA A123456' 424242 edited.mail@example.net 1777666557 \
  1777666555 1332 >"$PRIVACY_EXTRA"

run init --event "$DEMO/event.json" --shift-to-today
run import "$DEMO/registrations.csv"
run import --mapping "$DEMO/mapping-example.json" "$DEMO/registrations-other-export.csv"
# rows refused: a duplicate, an unknown role, bad UTF-8, an unknown session
{
  head -n 1 "$DEMO/registrations.csv"
  sed -n 2,3p "$DEMO/registrations.csv"
  sed -n 3p "$DEMO/registrations.csv"
  sed -n 4p "$DEMO/registrations.csv" | sed 's/,faculty,/,wizard,/; s/,attendee,/,wizard,/'
  sed -n 5p "$DEMO/registrations.csv" | sed 's/Amara/Am\xffra/; s/,active,/,active,/; s/^\([^,]*\),\([^,]*\),/\1,\2\xff,/'
  sed -n 6p "$DEMO/registrations.csv" | sed 's/,\(attendee\|faculty\|exhibitor\|staff\|press\),[^,]*,/,\1,NOPE,/'
} >"$tmp/bad.csv"
run import "$tmp/bad.csv"
printf 'ticket_code,email\n"unterminated,jane@example.com\n' >"$tmp/broken.csv"
run import "$tmp/broken.csv"

for code in MW26-DEMO01 MW26-DEMO04 MW26-F0001; do
  run lookup "$code"
  run lookup "$code" --json
  run checkin "$code" --device privacy
  run checkin "$code" --session S01 --device privacy
  run checkin "$code" --session S01 --exit --device privacy
  run credits "$code"
  run badge "$code" --pdf "$tmp/badge.pdf"
  run certificate "$code" --pdf "$tmp/cert.pdf" --evaluation-done
done
badge=$("$C" lookup MW26-DEMO01 --json 2>>"$log" | json 'd["badge_code"]')
run lookup "$badge"
run lookup "${badge%?}Z"
run lookup NOPE-0000
run search jane
run search 'jane.smith900@example.com'
run stats
run export attendance -o "$tmp/attendance.csv"
run export attendance --format json -o "$tmp/attendance.json"
run edit MW26-DEMO04 --email edited.mail@example.net --npi 1777666557 --device privacy
# typing mistakes staff correct: the refusals must not repeat what was typed
run edit MW26-DEMO04 --npi 1777666555 --device privacy
run edit MW26-DEMO04 --birth-mmdd 1332 --device privacy
run edit MW26-DEMO04 --email 'edited mail@example.net' --device privacy
run audit MW26-DEMO04
walkin=$("$C" walk-in --first-name Wal --last-name Kin --email walkin.person@example.org --npi 1888777665 \
  --birth-mmdd 0229 --license 'CA A123456' --board-id 424242 --profession physician 2>>"$log")
run lookup "$walkin"
run cancel MW26-DEMO04
run checkin MW26-DEMO04 --device privacy
run restore MW26-DEMO04
run replace-badge MW26-DEMO01 --reason lost
run jobs

[ -s "$tmp/stdout" ] && ok "the flows ran" || not_ok "the flows ran" "no output at all"
grep -q "jane.smith900@example.com" "$tmp/stdout" && ok "the test can see personal data where staff asked for it" \
  || not_ok "the test can see personal data where staff asked for it"
no_personal_data "standard error of every flow, with debug messages, holds no personal data" "$log"

# --- the files that hold personal data and the signing key are the owner's
[ "$(stat -c %a "$LANYARD_DB")" = 600 ] && ok "database created 0600" || not_ok "database created 0600"
[ "$(stat -c %a "$LANYARD_DB.key")" = 600 ] && ok "badge key created 0600" || not_ok "badge key created 0600"
for f in "$LANYARD_DB"-wal "$LANYARD_DB"-shm; do
  [ ! -e "$f" ] || [ "$(stat -c %a "$f")" = 600 ] && ok "$(basename "$f") 0600 if there" || not_ok "$(basename "$f") 0600"
done
# A badge key others can read is a key others may have copied: refused.
chmod 640 "$LANYARD_DB.key"
status_is 1 "a badge key readable by the group is refused" "$C" badge MW26-DEMO01 --pdf "$tmp/b.pdf"
grep -q "can be read by other users" "$tmp/err" && grep -qF "chmod 600 $LANYARD_DB.key" "$tmp/err" \
  && ok "the refusal says why and how to mend it" || not_ok "the refusal says why and how to mend it" "$(cat "$tmp/err")"
[ ! -e "$tmp/b.pdf" ] && ok "no badge made with it" || not_ok "no badge made with it"
chmod 604 "$LANYARD_DB.key"
status_is 1 "a badge key readable by the world is refused" "$C" badge MW26-DEMO01 --pdf "$tmp/b.pdf"
chmod 600 "$LANYARD_DB.key"
status_is 0 "the key made private again works" "$C" badge MW26-DEMO01 --pdf "$tmp/b.pdf"
# A database others can read is made the owner's again, and said so.
chmod 644 "$LANYARD_DB"
status_is 0 "a world-readable database still opens" "$C" lookup MW26-DEMO01
[ "$(stat -c %a "$LANYARD_DB")" = 600 ] && ok "… and is made 0600" || not_ok "… and is made 0600" "$(stat -c %a "$LANYARD_DB")"
grep -q "could be read by other users" "$tmp/err" && ok "… with a message saying so" \
  || not_ok "… with a message saying so" "$(cat "$tmp/err")"
status_is 0 "once private, nothing more is said" "$C" lookup MW26-DEMO01
[ ! -s "$tmp/err" ] && ok "… (standard error empty)" || not_ok "… (standard error empty)" "$(cat "$tmp/err")"

tap_done

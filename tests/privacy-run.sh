#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# privacy-run.sh COMMAND…: runs a test (TAP on standard output) with
# GLib's debug messages on, as a journal would keep them, and passes its
# output through; then what it wrote to standard error must hold no e-mail
# address, NPI, NABP ID, licence or birth date of the demo registrations or
# of $PRIVACY_VALUES (space-separated: what the test types in itself).
# Exits with the test's status, or 1 when personal data was found (said
# in TAP comments). For the desk's window test (edit, walk-in, reprint)
# and the sync worker's, which run no lanyardctl of their own to capture.
set -u
SRC=${LANYARD_SOURCE_DIR:?}
tmp=$(mktemp -d -t lanyard-privacy-run.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

. "$SRC/tests/tap.sh"
. "$SRC/tests/privacy.sh"

export PRIVACY_EXTRA="$tmp/extra"
: >"$PRIVACY_EXTRA"
for v in ${PRIVACY_VALUES:-}; do echo "$v" >>"$PRIVACY_EXTRA"; done

G_MESSAGES_DEBUG=all "$@" 2> >(tee "$tmp/stderr" >&2)
status=$?
wait
found=$(no_personal_data "standard error holds no personal data" "$tmp/stderr")
case "$found" in
  ok*) exit "$status" ;;
  *) echo "$found" | sed 's/^/# privacy: /'; exit 1 ;;
esac

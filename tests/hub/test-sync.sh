#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-sync (C) against a private PostgreSQL 15 started here: the office's
# connection in $LANYARD_HUB, $HUB_STOP and $HUB_START to take it away and
# bring it back.
set -u
SRC=${LANYARD_SOURCE_DIR:?}
. "$SRC/tests/hub/hub-fixture.sh"
hub_start
export HUB_STOP="$SRC/tests/hub/hub-ctl.sh stop"
export HUB_START="$SRC/tests/hub/hub-ctl.sh start"
# the sync worker's standard error, debug messages on, holds no personal data
"$SRC/tests/privacy-run.sh" "${TEST_SYNC:?}" "$@"

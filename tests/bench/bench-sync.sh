#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-sync against a private PostgreSQL 15 started here (as the hub tests do).
set -u
SRC=${LANYARD_SOURCE_DIR:?}
. "$SRC/tests/hub/hub-fixture.sh"
hub_start
"${BENCH_SYNC:?}" "$@"

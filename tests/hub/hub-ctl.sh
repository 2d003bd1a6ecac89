#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# hub-ctl.sh stop|start — the test hub of $HUB_DIR taken away (as by a
# power cut) or brought back, for test programs that are not shell.
set -u
. "${LANYARD_SOURCE_DIR:?}/tests/hub/hub-fixture.sh"
case "$1" in
  stop) hub_pg_ctl stop -m immediate ;;
  start) hub_start_server ;;
esac

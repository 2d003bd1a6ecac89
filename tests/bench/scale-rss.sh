#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Resident memory of the kiosk, desk and door windows on a database
# (issue 14: at the largest meeting's size), under Xvfb: each mode is
# started on a copy of DB, left 20 s to open, and its /proc status read
# (VmRSS, and how much of it is the heap, RssAnon, and mapped files,
# RssFile). Then the same on SMALL (the generated meeting at 2,000 people,
# BENCH_SCALE_SMALL=1), to tell what the size adds.
# Usage: scale-rss.sh BUILD-DIR DB SMALL-DB
set -eu
build=$1
db=$2
small=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure () { # MODE DB [ARGS…]
  mode=$1; file=$2; shift 2
  xvfb-run -a -s '-screen 0 1280x800x24' env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
    LC_ALL=C.UTF-8 sh -c '"$@" & pid=$!; sleep 20;
      printf "%s %s " "$MODE" "$DBNAME"; grep -E "^(VmRSS|RssAnon|RssFile)" /proc/$pid/status | tr -s " \n" " "; echo;
      kill $pid; wait $pid || true' \
    sh "$build/src/app/lanyard" --mode "$mode" --db "$file" "$@" 2>/dev/null
}

cp "$db" "$work/big.db"
if [ -f "$db-wal" ]; then cp "$db-wal" "$work/big.db-wal"; fi
cp "$small" "$work/small.db"
export DBNAME
for what in big small; do
  DBNAME=$what
  for mode in kiosk staff door; do
    MODE=$mode; export MODE
    if [ "$mode" = door ]; then
      measure door "$work/$what.db" --room "Room 1"
    else
      measure "$mode" "$work/$what.db"
    fi
  done
done

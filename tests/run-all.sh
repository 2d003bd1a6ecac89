#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Lanyard twice (plain with -Werror, and with AddressSanitizer +
# UndefinedBehaviorSanitizer) and runs every test in both.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

build=${BUILD_DIR:-_build}
asan=${ASAN_BUILD_DIR:-_build-asan}

if [ ! -d "$build" ]; then
  meson setup "$build" -Dwerror=true
fi
ninja -C "$build"
meson test -C "$build" --print-errorlogs --num-processes 2

if [ ! -d "$asan" ]; then
  meson setup "$asan" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true
fi
ninja -C "$asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions="$top/tests/lsan.supp" \
  meson test -C "$asan" --print-errorlogs --num-processes 2

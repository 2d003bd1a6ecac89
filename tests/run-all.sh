#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Lanyard three times (plain with -Werror, with AddressSanitizer +
# UndefinedBehaviorSanitizer, and the fuzz targets) and runs every test.
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
# The Debian package: built, installed, run from /usr, removed (as root only;
# it says why it skips otherwise).
tests/package.sh "$build"

if [ ! -d "$asan" ]; then
  meson setup "$asan" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true
fi
ninja -C "$asan"
# The fit checks (every page at 16 screen sizes and languages) are layout,
# not memory: they run in the plain build; here they would cost CI ten
# minutes for nothing the sanitizers look at.
# The GUI kill drills run fewer rounds here (the kiosk and door 25 of 100,
# the desk 4 of 10, the door that syncs 3 of 6), and the
# windows' keyboard-alone flows (typed at a person's pace, minutes each
# here) are skipped: they check focus and keys, in the plain build.
KILLS=25 DESK_KILLS=4 SYNC_KILLS=3 LANYARD_TEST_NO_KEYS=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions="$top/tests/lsan.supp" \
  meson test -C "$asan" --print-errorlogs --num-processes 2 --no-suite fit

# Third: the libFuzzer targets (clang, ASan + UBSan), each for 60 s from its
# seed corpus and regression inputs (tests/fuzz), two at a time.
fuzz=${FUZZ_BUILD_DIR:-_build-fuzz}
if [ ! -d "$fuzz" ]; then
  CC=${FUZZ_CC:-clang-14} meson setup "$fuzz" -Dfuzz=true -Dtests=false -Dapp=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true
fi
ninja -C "$fuzz"
meson test -C "$fuzz" --suite fuzz --print-errorlogs --num-processes 2

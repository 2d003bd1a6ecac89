#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Lanyard three times (plain with -Werror, with AddressSanitizer +
# UndefinedBehaviorSanitizer, and the fuzz targets) and runs every test.
#
# Two lanes, so that the second core is not idle while a window's test runs
# alone:
#   - in front, the tests that must run alone (`is_parallel: false`: the
#     windows' end-to-end runs, the kill drills, the print path's timeouts),
#     one at a time, first the plain build's, then the sanitizer build's;
#   - behind them, at `nice -n 10` so that they never take the front test's
#     core, everything else: the sanitizer and fuzz builds, the other tests
#     of both builds two at a time, the fuzz targets.
# The Debian package comes first, in front, while the back lane builds.
# The front lane's output comes as it runs; the back lane's is kept in
# $LANES/back.log and printed at the end. Every step runs even when an
# earlier one failed; the script fails if any did.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

build=${BUILD_DIR:-_build}
asan=${ASAN_BUILD_DIR:-_build-asan}
fuzz=${FUZZ_BUILD_DIR:-_build-fuzz}

lanes=${LANES:-$top/$build/lanes}

# tests_of BUILD alone|together [SUITE-TO-LEAVE-OUT…]: the names of BUILD's
# tests that must run alone, or those that may run beside others
tests_of () {
  b=$1 which=$2
  shift 2
  meson introspect "$b" --tests | python3 -c '
import json, sys
alone = sys.argv[1] == "alone"
skip = set(sys.argv[2:])
for t in json.load(sys.stdin):
    suites = {s.split(":")[-1] for s in t["suite"]}  # "lanyard:fit" is suite fit
    if t["is_parallel"] != alone and not skip & suites:
        print(t["name"])' "$which" "$@"
}

# The sanitizer run leaves out the fit checks (every page at 16 screen sizes
# and languages: layout, not memory; in the plain build) and the runs at a
# person's pace (suite pace: the kiosk under cage, in front of a queue, and
# the escape attempts, driven by real input and read from the screen; their
# code is the windows' that the other tests run under the sanitizer), runs
# the GUI kill drills fewer rounds (the kiosk and door 12 of 100, the desk
# 4 of 10, the door that syncs 3 of 6), and skips the windows'
# keyboard-alone flows (typed at a person's pace, minutes each here; they
# check focus and keys, in the plain build).
sanitized () (
  export KILLS=12 DESK_KILLS=4 SYNC_KILLS=3 LANYARD_TEST_NO_KEYS=1 \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions="$top/tests/lsan.supp":print_suppressions=0
  "$@"
)

# run_tests BUILD LOGBASE PROCESSES NAMES…: meson test on those names (none:
# nothing to do)
run_tests () {
  b=$1 logbase=$2 n=$3
  shift 3
  [ $# -gt 0 ] || return 0
  meson test -C "$b" --no-rebuild --print-errorlogs --logbase "$logbase" --num-processes "$n" "$@"
}

# The back lane (this script again, as `run-all.sh --back-lane`, under
# nice). The sanitizer build comes first: the front lane waits for
# $lanes/asan-built before its second half.
back () {
  failed=0
  if ninja -C "$asan"; then
    touch "$lanes/asan-built"
  else
    touch "$lanes/asan-failed"
    failed=1
  fi
  ninja -C "$fuzz" || failed=1
  # no window's test while the package is installed or removed (below)
  while [ ! -e "$lanes/package-done" ]; do
    sleep 2
  done
  # shellcheck disable=SC2046
  run_tests "$build" together 2 $(tests_of "$build" together) || failed=1
  if [ -e "$lanes/asan-built" ]; then
    # shellcheck disable=SC2046
    sanitized run_tests "$asan" together 2 $(tests_of "$asan" together fit pace) || failed=1
  fi
  # The libFuzzer targets (clang, ASan + UBSan), each for 60 s from its seed
  # corpus and regression inputs (tests/fuzz), two at a time.
  meson test -C "$fuzz" --no-rebuild --suite fuzz --print-errorlogs --num-processes 2 || failed=1
  return $failed
}

if [ "${1:-}" = --back-lane ]; then
  back >"$lanes/back.log" 2>&1 || exit 1
  exit 0
fi

if [ ! -d "$build" ]; then
  meson setup "$build" -Dwerror=true
fi
if [ ! -d "$asan" ]; then
  meson setup "$asan" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true
fi
if [ ! -d "$fuzz" ]; then
  CC=${FUZZ_CC:-clang-14} meson setup "$fuzz" -Dfuzz=true -Dtests=false -Dapp=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true
fi
ninja -C "$build"
rm -rf "$lanes"
mkdir -p "$lanes"

# the back lane in a process group of its own, to stop it whole
LANES=$lanes setsid nice -n 10 "$top/tests/run-all.sh" --back-lane &
back_pid=$!
trap 'kill -- -$back_pid 2>/dev/null; exit 1' INT TERM HUP

failed=0
# The Debian package: built, installed, run from /usr, removed (as root
# only; it says why it skips otherwise). First, while the back lane builds
# and before any window's test: a window open while the package comes and
# goes finds the icon theme naming a file that is gone (a GTK warning,
# fatal in the tests).
echo "== the Debian package"
tests/package.sh "$build" || failed=1
touch "$lanes/package-done"

echo "== the plain build's tests that run alone (the others: $lanes/back.log)"
# shellcheck disable=SC2046
run_tests "$build" alone 1 $(tests_of "$build" alone) || failed=1

echo "== waiting for the sanitizer build"
while [ ! -e "$lanes/asan-built" ] && [ ! -e "$lanes/asan-failed" ] \
      && kill -0 "$back_pid" 2>/dev/null; do
  sleep 2
done
if [ -e "$lanes/asan-built" ]; then
  echo "== the sanitizer build's tests that run alone"
  # shellcheck disable=SC2046
  sanitized run_tests "$asan" alone 1 $(tests_of "$asan" alone fit pace) || failed=1
else
  echo "== the sanitizer build failed (below)"
  failed=1
fi

echo "== waiting for the back lane"
wait "$back_pid" || failed=1
echo "== the back lane: the builds, the tests that run beside others, the fuzz targets"
cat "$lanes/back.log"
if [ $failed = 0 ]; then
  echo "== every test passed"
else
  echo "== FAILED: see above"
fi
exit $failed

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for FUZZ_SECONDS (60 by default) from its seed
# corpus and its regression inputs. New inputs it finds go to a temporary
# folder; a crashing input is kept in FUZZ_ARTIFACTS (the build's
# fuzz-artifacts/ by default) and its name is printed, to be added to
# tests/fuzz/regressions/NAME once fixed.
set -eu
target=$1 corpus=$2 regressions=$3
seconds=${FUZZ_SECONDS:-60}
artifacts=${FUZZ_ARTIFACTS:-$(dirname "$target")/fuzz-artifacts}
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

set -- "$corpus"
[ -d "$regressions" ] && set -- "$@" "$regressions"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/.." && pwd)/lsan.supp} \
  "$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$(basename "$target")-" "$work" "$@"

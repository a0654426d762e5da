#!/bin/sh
# scripts/test.sh — every test, from a fresh Debian 12 machine: installs the packages it
# needs; checks formatting (clang-format), lints C (cppcheck) and web/js (scripts/check-js.mjs);
# builds release and sanitizer variants, runs `make check` (unit, CLI, API, browser and
# fuzz-corpus tests under ASan+UBSan), `make check-tsan` (the threaded code under
# ThreadSanitizer) and then each libFuzzer target for a short, fixed time. Prints the time
# each step took.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
JOBS=$(nproc 2>/dev/null || echo 2)
T0=$(date +%s)
step() { # NAME CMD...: run CMD, then say how long it took
    n=$1
    shift
    s=$(date +%s)
    "$@"
    echo "time: $n $(($(date +%s) - s)) s"
}
step format-check make format-check
step lint make lint
step lint-js make lint-js
step build make -j"$JOBS" build/zhixiao build-san/zhixiao
step check make -j"$JOBS" check
step check-tsan make -j"$JOBS" check-tsan
step fuzz make -j"$JOBS" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-15}"
echo "fuzz: every target ran ${FUZZ_SECONDS:-15} s without a crash"
echo "time: total $(($(date +%s) - T0)) s"

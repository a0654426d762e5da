#!/bin/sh
# tests/run.sh SANBUILD RELBUILD — run every unit-test binary and CLI test script, then print
# "check: N passed, N failed". Unit tests are cmocka binaries under SANBUILD/tests/; CLI tests
# are tests/cli/t*.sh, run with ZX pointing at the sanitizer build of zhixiao.
# N counts test cases: each cmocka test, each node test of the API and browser suites (their
# own pass/fail counts); a CLI script or a fuzz-corpus replay counts as one. A binary or suite
# that fails without reporting a failed case (a crash, a sanitizer report, a server that does
# not stop cleanly) counts as one more failure.
set -u
SAN=${1:-build-san}
REL=${2:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
pass=0
fail=0
failed=""
LOG=$(mktemp /tmp/zxrun.XXXXXX)
trap 'rm -f "$LOG"' EXIT
# tally NAME RC: add the counts printed in $LOG (cmocka "[  PASSED  ] N test(s)." and
# "[  FAILED  ] N test(s)", node "ℹ pass N" / "ℹ fail N"), else count the run as one test
tally() {
    p=$(sed -n -e 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' -e 's/^ℹ pass \([0-9]*\)$/\1/p' \
        "$LOG" | awk '{s += $1} END {print s + 0}')
    f=$(sed -n -e 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' -e 's/^ℹ fail \([0-9]*\)$/\1/p' \
        "$LOG" | awk '{s += $1} END {print s + 0}')
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        if [ "$2" -eq 0 ]; then p=1; else f=1; fi
    elif [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
    [ "$f" -eq 0 ] || failed="$failed $1"
}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LC_ALL=C.UTF-8 LANG=C.UTF-8
# the modules' declared boundaries: every include names a module its headers depend on, and
# the modules depend on each other without a cycle
echo "== scripts/check-deps.py"
if python3 scripts/check-deps.py; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed check-deps"; fi
for t in $(find "$SAN/tests" -type f -perm -u+x 2>/dev/null | sort); do
    echo "== $t"
    "$t" >"$LOG" 2>&1
    rc=$?
    cat "$LOG"
    tally "$t" "$rc"
done
for t in $(ls tests/cli/t*.sh 2>/dev/null | sort); do
    echo "== $t"
    if ZX="$ROOT/$SAN/zhixiao" ZXREL="$ROOT/$REL/zhixiao" ROOT="$ROOT" sh "$t"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); failed="$failed $t"
    fi
done
# API tests (node's test runner against a live server) and browser tests (playwright-core
# driving Debian's Chromium), counted by the node test runner's own pass/fail counts.
for s in tests/api/run.sh tests/browser/run.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    ZX="$ROOT/$SAN/zhixiao" sh "$s" >"$LOG" 2>&1
    rc=$?
    cat "$LOG"
    tally "$s" "$rc"
done
if [ -x "$SAN/fuzz-bin/fuzz_csv" ] || ls "$SAN"/fuzz-bin/fuzz_* >/dev/null 2>&1; then
    for b in "$SAN"/fuzz-bin/fuzz_*; do
        case "$b" in *.o) continue ;; esac
        n=$(basename "$b")
        echo "== fuzz replay $n"
        if "$b" fuzz/"$n"-corpus/*; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $b"; fi
    done
fi
[ -n "$failed" ] && echo "failed:$failed"
echo "check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# tests/run.sh SANBUILD RELBUILD — run every unit-test binary and CLI test script, then print
# "check: N passed, N failed". Unit tests are cmocka binaries under SANBUILD/tests/; CLI tests
# are tests/cli/t*.sh, run with ZX pointing at the sanitizer build of zhixiao.
set -u
SAN=${1:-build-san}
REL=${2:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
pass=0
fail=0
failed=""
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LC_ALL=C.UTF-8 LANG=C.UTF-8
for t in $(find "$SAN/tests" -type f -perm -u+x 2>/dev/null | sort); do
    echo "== $t"
    if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $t"; fi
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
# driving Debian's Chromium), each suite counted as one test here.
for s in tests/api/run.sh tests/browser/run.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    if ZX="$ROOT/$SAN/zhixiao" sh "$s"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $s"; fi
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

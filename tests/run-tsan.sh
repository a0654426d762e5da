#!/bin/sh
# tests/run-tsan.sh TSANBUILD RELBUILD — the tests that run threads, under ThreadSanitizer
# (make check-tsan): every unit test; the engine's and the 减假暂 review's unit tests again with
# each pass forced (ZHIXIAO_PASS) on 2 threads, so the threaded passes run on the small
# fixtures; the CLI tests that import (writer thread), compute indicators and review with
# ZHIXIAO_THREADS=2; and the API suite against a server with a pool of 4 threads. Any TSan
# report fails the run (exitcode 66). Prints "check-tsan: N passed, N failed" (one per run).
set -u
TS=${1:-build-tsan}
REL=${2:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
pass=0
fail=0
failed=""
# tests/tsan.supp lists only reports inside libraries (see the comments there)
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0 exitcode=66 second_deadlock_stack=1} suppressions=$ROOT/tests/tsan.supp"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
run() { # NAME CMD...
    n=$1
    shift
    echo "== $n"
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $n"; fi
}
for t in $(find "$TS/tests" -type f -perm -u+x 2>/dev/null | sort); do
    run "$t" "$t"
done
for p in dense sparse dated; do
    for t in "$TS"/tests/metrics/test_* "$TS"/tests/bulletin/test_* "$TS"/tests/execution/test_review; do
        [ -x "$t" ] || continue
        run "$t ZHIXIAO_PASS=$p" env ZHIXIAO_PASS=$p ZHIXIAO_THREADS=2 "$t"
    done
done
for t in tests/cli/t100_import_generated.sh tests/cli/t110_kill_during_import.sh \
    tests/cli/t200_bulletin.sh tests/cli/t400_review_sentences.sh; do
    [ -f "$t" ] || continue
    run "$t" env ZX="$ROOT/$TS/zhixiao" ZXREL="$ROOT/$REL/zhixiao" ROOT="$ROOT" ZHIXIAO_THREADS=2 \
        sh "$t"
done
run tests/api/run.sh env ZX="$ROOT/$TS/zhixiao" ZX_SERVE_THREADS=4 sh tests/api/run.sh
[ -n "$failed" ] && echo "failed:$failed"
echo "check-tsan: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# scripts/test.sh — every test, from a fresh Debian 12 machine: installs the packages it
# needs, builds release and sanitizer variants, runs `make check` (unit, CLI and fuzz-corpus
# tests under ASan+UBSan) and then each libFuzzer target for a short, fixed time.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
JOBS=$(nproc 2>/dev/null || echo 2)
make -j"$JOBS" build/zhixiao build-san/zhixiao
make -j"$JOBS" check
make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-15}"
echo "fuzz: every target ran ${FUZZ_SECONDS:-15} s without a crash"

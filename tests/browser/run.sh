#!/bin/sh
# tests/browser/run.sh — browser tests: playwright-core (npm) drives Debian's Chromium
# headless against a server over a generated database. Screenshots go to tests/browser/out/.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ZX=${ZX:-$ROOT/build-san/zhixiao}
export ROOT ZX
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
[ -d "$ROOT/node_modules/playwright-core" ] || { echo "run scripts/install-deps.sh (npm ci) first" >&2; exit 2; }
[ -x /usr/bin/chromium ] || { echo "chromium is missing: run scripts/install-deps.sh" >&2; exit 2; }
. "$ROOT/tests/api/setup.sh"
mkdir -p "$ROOT/tests/browser/out"
set +e
# every *.test.mjs of this folder, one file at a time (they share the server and its data)
node --test --test-concurrency=1 --test-reporter=spec "$ROOT"/tests/browser/*.test.mjs
rc=$?
set -e
stop_server || rc=1
[ "$rc" -eq 0 ] && rm -rf "$WORK"
exit "$rc"

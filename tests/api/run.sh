#!/bin/sh
# tests/api/run.sh — API tests: every endpoint against a server on a loopback port over a
# generated, imported database (401 without a session, 403/404 across units, 400 with a
# message, CSRF). Runs with node's test runner. ZX defaults to the sanitizer build.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ZX=${ZX:-$ROOT/build-san/zhixiao}
export ROOT ZX
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
. "$ROOT/tests/api/setup.sh"
set +e
# every *.test.mjs of this folder, one file at a time (they share the server and its data)
node --test --test-concurrency=1 --test-reporter=spec "$ROOT"/tests/api/*.test.mjs
rc=$?
set -e
stop_server || rc=1
# a handler that returned an error after queuing a response (server.c's settle())
if grep "rc_mismatch" "$WORK/serve.log" >&2; then
    echo "tests/api: the server logged rc_mismatch (a route handler's return code is wrong)" >&2
    rc=1
fi
[ "$rc" -eq 0 ] && rm -rf "$WORK"
exit "$rc"

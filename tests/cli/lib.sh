# tests/cli/lib.sh — helpers for CLI tests: sourced by each t*.sh. ZX is the zhixiao binary.
set -eu
: "${ZX:?ZX must point at zhixiao}"
T=$(mktemp -d /tmp/zxcli.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
ok() {
    echo "ok - $*"
}
# expect_exit CODE CMD...: run CMD, fail unless it exits with CODE
expect_exit() {
    want=$1
    shift
    set +e
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    set -e
    [ "$got" -eq "$want" ] || { cat "$T/out" "$T/err" >&2; fail "exit $got, want $want: $*"; }
}

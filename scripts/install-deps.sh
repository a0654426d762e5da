#!/bin/sh
# Install the Debian 12 packages that building, testing and the demo need.
# Does nothing when they are all present already (so CI and the demo can call it every time).
set -eu

PKGS="build-essential pkg-config clang libclang-rt-14-dev sqlite3 libsqlite3-dev
libjansson-dev libxlsxwriter-dev libcmocka-dev libsodium-dev libmicrohttpd-dev python3
libzip-dev libicu-dev chromium fonts-noto-cjk wrk curl postgresql-15 postgresql-client-15
libpq-dev"
# Node.js may come from outside Debian (its npm then conflicts with Debian's): install
# Debian's only when there is no node or npm at all.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    PKGS="$PKGS nodejs npm"
fi

# npm packages (ECharts for the UI, playwright-core for the browser tests) from the lock file
npm_ci() {
    ROOT=$(cd "$(dirname "$0")/.." && pwd)
    if [ ! -d "$ROOT/node_modules/echarts" ] || [ ! -d "$ROOT/node_modules/playwright-core" ]; then
        (cd "$ROOT" && npm ci --no-audit --no-fund)
    fi
}
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    npm_ci
    exit 0
fi
echo "installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
npm_ci

#!/bin/sh
# Install the Debian 12 packages that building, testing and the demo need.
# Does nothing when they are all present already (so CI and the demo can call it every time).
set -eu

PKGS="build-essential pkg-config clang libclang-rt-14-dev sqlite3 libsqlite3-dev
libjansson-dev libxlsxwriter-dev libcmocka-dev libsodium-dev libmicrohttpd-dev python3"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
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

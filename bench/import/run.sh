#!/bin/sh
# bench/import/run.sh — import a large bundle (≥ 10 million events) with `zhixiao import`
# (validating every rule of case-data.md) and load the same CSV files with the sqlite3
# tool's `.import` into plain text tables, in the same run on the same machine, and print
# rows/s, peak memory (resident set), CPU seconds and the load average (`uptime`) beside each
# side, and the ratio. ZX=path runs another zhixiao build (e.g. an older one, to compare).
# BENCH_DIR=dir puts the bundle and databases there (default bench/out). Never part of the
# tests. docs/import-memory.md says where the memory goes.
#
#   bench/import/run.sh [--scale large|N] [--keep]
set -eu
cd "$(dirname "$0")/../.."
SCALE=large
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: bench/import/run.sh [--scale large|N] [--keep]" >&2; exit 2 ;;
    esac
done
OUT=${BENCH_DIR:-bench/out}
B="$OUT/bundle-$SCALE"
mkdir -p "$OUT"
if [ -z "${ZX:-}" ]; then
    ZX=build/zhixiao
    make -s build/zhixiao
fi
if [ ! -f "$B/events.csv" ]; then
    echo "generating $SCALE bundle into $B"
    /usr/bin/time -f "generate: %e s, peak %M KiB" build/zhixiao generate --out "$B" --scale "$SCALE" --seed 7
fi
load() { uptime | sed 's/.*load average: //; s/,.*//'; }
FILES="units staff cases persons events institutions convicts sentence_changes"
rows=0
bytes=0
for f in $FILES; do
    [ -f "$B/$f.csv" ] || continue
    n=$(($(wc -l <"$B/$f.csv") - 1))
    rows=$((rows + n))
    bytes=$((bytes + $(stat -c %s "$B/$f.csv")))
done
echo "bundle: $rows rows, $((bytes / 1048576)) MiB, events: $(($(wc -l <"$B/events.csv") - 1))"
sync

rm -f "$OUT/zx.db" "$OUT/zx.db-wal" "$OUT/zx.db-shm"
zx_load=$(load)
/usr/bin/time -f "%e %M %U %S" -o "$OUT/zx.time" "$ZX" import "$B" --db "$OUT/zx.db" --quiet \
    --rejects "$OUT/zx-rejects.csv" || [ $? -eq 1 ]
read -r zx_s zx_kb zx_u zx_sys <"$OUT/zx.time"
zx_load="$zx_load-$(load)"

rm -f "$OUT/raw.db"
{
    for f in $FILES; do
        [ -f "$B/$f.csv" ] && echo ".import --csv $B/$f.csv $f"
    done
} >"$OUT/raw.sql"
raw_load=$(load)
/usr/bin/time -f "%e %M %U %S" -o "$OUT/raw.time" sqlite3 "$OUT/raw.db" <"$OUT/raw.sql"
read -r raw_s raw_kb raw_u raw_sys <"$OUT/raw.time"
raw_load="$raw_load-$(load)"

echo
awk -v rows="$rows" -v zs="$zx_s" -v zk="$zx_kb" -v rs="$raw_s" -v rk="$raw_kb" \
    -v zu="$zx_u" -v zsy="$zx_sys" -v ru="$raw_u" -v rsy="$raw_sys" \
    -v zl="$zx_load" -v rl="$raw_load" 'BEGIN {
    printf "%-34s %8s %10s %9s %8s %8s %11s\n", "engine", "seconds", "rows/s", "peak MiB",
        "user s", "sys s", "load"
    printf "%-34s %8.2f %10.0f %9.0f %8.2f %8.2f %11s\n", "zhixiao import (validated)", zs,
        rows / zs, zk / 1024, zu, zsy, zl
    printf "%-34s %8.2f %10.0f %9.0f %8.2f %8.2f %11s\n", "sqlite3 .import (text, no checks)",
        rs, rows / rs, rk / 1024, ru, rsy, rl
    printf "ratio, sqlite3 time / zhixiao time: %.2f (above 1: zhixiao is faster)\n", rs / zs
    printf "(load: the 1-minute load average before-after each side; on 2 cores, above 2\n"
    printf " means other work shared the machine and seconds are not comparable across runs)\n"
}'
echo "database size: zhixiao $(($(stat -c %s "$OUT/zx.db") / 1048576)) MiB," \
    "sqlite3 .import $(($(stat -c %s "$OUT/raw.db") / 1048576)) MiB"
if [ "$KEEP" -eq 0 ]; then
    rm -f "$OUT/raw.db" "$OUT/zx.db" "$OUT/zx.db-wal" "$OUT/zx.db-shm"
fi

#!/bin/sh
# bench/import/run.sh — import a large bundle (≥ 10 million events) with `zhixiao import`
# (validating every rule of case-data.md) and load the same CSV files with the sqlite3
# tool's `.import` into plain text tables, in the same run on the same machine, and print
# rows/s, peak memory and the ratio. Never part of the tests.
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
ZX=build/zhixiao
OUT=${BENCH_DIR:-bench/out}
B="$OUT/bundle-$SCALE"
mkdir -p "$OUT"
make -s build/zhixiao
if [ ! -f "$B/events.csv" ]; then
    echo "generating $SCALE bundle into $B"
    /usr/bin/time -f "generate: %e s, peak %M KiB" $ZX generate --out "$B" --scale "$SCALE" --seed 7
fi
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
/usr/bin/time -f "%e %M" -o "$OUT/zx.time" $ZX import "$B" --db "$OUT/zx.db" --quiet \
    --rejects "$OUT/zx-rejects.csv" || [ $? -eq 1 ]
read -r zx_s zx_kb <"$OUT/zx.time"

rm -f "$OUT/raw.db"
{
    for f in $FILES; do
        [ -f "$B/$f.csv" ] && echo ".import --csv $B/$f.csv $f"
    done
} >"$OUT/raw.sql"
/usr/bin/time -f "%e %M" -o "$OUT/raw.time" sqlite3 "$OUT/raw.db" <"$OUT/raw.sql"
read -r raw_s raw_kb <"$OUT/raw.time"

echo
awk -v rows="$rows" -v zs="$zx_s" -v zk="$zx_kb" -v rs="$raw_s" -v rk="$raw_kb" 'BEGIN {
    printf "%-36s %10s %14s %10s\n", "engine", "seconds", "rows/s", "peak MiB"
    printf "%-36s %10.2f %14.0f %10.0f\n", "zhixiao import (validated)", zs, rows / zs, zk / 1024
    printf "%-36s %10.2f %14.0f %10.0f\n", "sqlite3 .import (text, no checks)", rs, rows / rs, rk / 1024
    printf "ratio, sqlite3 time / zhixiao time: %.2f (above 1: zhixiao is faster)\n", rs / zs
}'
echo "database size: zhixiao $(($(stat -c %s "$OUT/zx.db") / 1048576)) MiB," \
    "sqlite3 .import $(($(stat -c %s "$OUT/raw.db") / 1048576)) MiB"
if [ "$KEEP" -eq 0 ]; then
    rm -f "$OUT/raw.db" "$OUT/zx.db" "$OUT/zx.db-wal" "$OUT/zx.db-shm"
fi

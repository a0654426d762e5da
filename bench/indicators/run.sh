#!/bin/sh
# bench/indicators/run.sh — the indicator engine against DuckDB and SQLite, in the same run
# on the same machine, each from its own stored data (never part of the tests).
#
#   (a) the whole catalog for every unit (each with its subtree) × every month of 2024
#   (b) one indicator (诉前羁押率) for one unit subtree and one quarter (2024-Q3): a city
#       (--unit, default U470100) and the whole province
#
# Engines and their stored data:
#   zhixiao  its SQLite store (zhixiao import of the bundle) and the columnar snapshot
#            <db>.zxcol the engine writes beside it; "cold (no snapshot)" reads SQLite only
#   DuckDB   @duckdb/node-api (npm ci from bench/indicators/package-lock.json); its own
#            database file, loaded from the same CSV bundle (duckdb_load.sql)
#   SQLite   the sqlite3 tool; its own database file with its own indexes, copied from the
#            store's typed tables (sqlite_load.sql)
# Cold = a fresh process from the stored data (the OS page cache is left as it is: warm);
# warm = the same work repeated in that process. Every engine's figures are compared with
# zhixiao's for every indicator the SQL computes; the bench fails when any differs.
#
#   bench/indicators/run.sh [--repeat N] [--unit ID] [--reload]
set -eu
cd "$(dirname "$0")/../.."
REPEAT=5
UNIT=U470100
RELOAD=0
while [ $# -gt 0 ]; do
    case "$1" in
    --repeat) REPEAT=$2; shift 2 ;;
    --unit) UNIT=$2; shift 2 ;;
    --reload) RELOAD=1; shift ;;
    *) echo "usage: bench/indicators/run.sh [--repeat N] [--unit ID] [--reload]" >&2; exit 2 ;;
    esac
done
OUT=${BENCH_DIR:-bench/out}
B="$OUT/bundle-large"
W="$OUT/indicators"
HERE=bench/indicators
QFROM=2024-07-01
QTO=2024-09-30
mkdir -p "$W"
make -s build/zhixiao build/bench/zxbench
ZX=build/zhixiao
# the catalog the SQL of queries.sql encodes (version 1 of shared/spec/indicators.md)
CATALOG=${CATALOG:-data/indicators.json}
ZXB="build/bench/zxbench"
T="/usr/bin/time -f %e\t%M -o $W/time"

if [ ! -f "$B/events.csv" ]; then
    echo "generating the large bundle into $B"
    $ZX generate --out "$B" --scale large --seed 7
fi
echo "bundle: $(($(wc -l <"$B/events.csv") - 1)) events, $(($(wc -l <"$B/cases.csv") - 1)) cases"

# ---- each engine's stored data ----
if [ "$RELOAD" -eq 1 ] || [ ! -f "$W/zx.db" ]; then
    rm -f "$W/zx.db" "$W/zx.db-wal" "$W/zx.db-shm" "$W/zx.db.zxcol"
    $T $ZX import "$B" --db "$W/zx.db" --quiet --rejects "$W/zx-rejects.csv" || [ $? -eq 1 ]
    echo "zhixiao import: $(cut -f1 "$W/time") s, peak $(($(cut -f2 "$W/time") / 1024)) MiB"
fi
$ZXB vocab "$W"
mkdir -p "$W/node"
if ! cmp -s "$HERE/package-lock.json" "$W/node/package-lock.json" ||
    [ ! -d "$W/node/node_modules/@duckdb/node-api" ]; then
    cp "$HERE/package.json" "$HERE/package-lock.json" "$W/node/"
    (cd "$W/node" && npm ci --no-audit --no-fund --loglevel=error)
fi
export DUCK_MODULES="$PWD/$W/node"
if [ "$RELOAD" -eq 1 ] || [ ! -f "$W/duck.db" ]; then
    rm -f "$W/duck.db" "$W/duck.db.wal"
    $T node $HERE/bench.js duck-load "$W/duck.db" "$B" "$W"
    echo "duckdb load: $(cut -f1 "$W/time") s, peak $(($(cut -f2 "$W/time") / 1024)) MiB"
fi
if [ "$RELOAD" -eq 1 ] || [ ! -f "$W/sqlite.db" ]; then
    rm -f "$W/sqlite.db"
    node $HERE/bench.js render-file $HERE/sqlite_load.sql --aux "$W" --store "$W/zx.db" \
        >"$W/sqlite_load.sql"
    $T sqlite3 "$W/sqlite.db" <"$W/sqlite_load.sql" >/dev/null
    echo "sqlite load: $(cut -f1 "$W/time") s, peak $(($(cut -f2 "$W/time") / 1024)) MiB"
fi
# the snapshot: made by a first load when missing or stale (not timed)
$ZXB run --db "$W/zx.db" --catalog "$CATALOG" --work b --repeat 0 >/dev/null

RES="$W/results.txt"
: >"$RES"
# record ENGINE WORK SCOPE LINE: the engine's key=value line plus the process's wall time
# and peak memory
record()
{
    echo "$1 $2 $3 $4 wall_s=$(cut -f1 "$W/time") peak_kib=$(cut -f2 "$W/time")" >>"$RES"
}

# (sh functions share the caller's variables: these use their own _names)
run_zx()
{ # WORK SCOPE OUT [args]
    _w=$1 _s=$2 _o=$3
    shift 3
    _l=$($T $ZXB run --db "$W/zx.db" --catalog "$CATALOG" --work "$_w" --repeat "$REPEAT" \
        --out "$_o" "$@")
    record zhixiao "$_w" "$_s" "$(echo "$_l" | sed 's/peak_kib=[0-9]*//')"
    _l=$(ZHIXIAO_SNAPSHOT=0 $T $ZXB run --db "$W/zx.db" --catalog "$CATALOG" --work "$_w" \
        --repeat 1 "$@")
    record zhixiao-nosnap "$_w" "$_s" "$(echo "$_l" | sed 's/peak_kib=[0-9]*//')"
}

run_duck()
{ # WORK SCOPE OUT [args]
    _w=$1 _s=$2 _o=$3
    shift 3
    _l=$($T node $HERE/bench.js duck-run "$W/duck.db" --aux "$W" --work "$_w" \
        --repeat "$REPEAT" --out "$_o" "$@")
    record duckdb "$_w" "$_s" "$(echo "$_l" | sed 's/peak_kib=[0-9]*//')"
}

run_sqlite()
{ # WORK SCOPE OUT REPEAT [args]
    _w=$1 _s=$2 _o=$3 _r=$4
    shift 4
    rm -rf "$W/sq_$_s"
    mkdir -p "$W/sq_$_s"
    node $HERE/bench.js render --aux "$W" --work "$_w" --outdir "$W/sq_$_s" --repeat "$_r" \
        "$@" >"$W/sq_$_s.sql"
    $T sqlite3 "$W/sqlite.db" <"$W/sq_$_s.sql" >"$W/sq_$_s.log"
    node $HERE/bench.js sqlite-long "$W/sq_$_s" "$_o"
    record sqlite "$_w" "$_s" "$(node $HERE/bench.js sqlite-times "$W/sq_$_s.log")"
}

fail=0
check()
{
    node $HERE/bench.js compare "$@" || fail=1
}

echo
echo "(a) whole catalog × every unit × 12 months of 2024"
run_zx a a "$W/zx_a.csv"
run_duck a a "$W/duck_a.csv"
run_sqlite a a "$W/sqlite_a.csv" 1
check "zhixiao=$W/zx_a.csv" "duckdb=$W/duck_a.csv" "sqlite=$W/sqlite_a.csv"

for scope in city province; do
    if [ "$scope" = city ]; then u=$UNIT; else u=$($ZXB run --db "$W/zx.db" --catalog "$CATALOG" \
        --work b --repeat 0 --out "$W/root.csv" >/dev/null && sed -n 2p "$W/root.csv" | cut -d, -f2); fi
    echo "(b) 诉前羁押率, $u subtree, $QFROM .. $QTO"
    run_zx b "b_$scope" "$W/zx_b_$scope.csv" --unit "$u" --from $QFROM --to $QTO
    run_duck b "b_$scope" "$W/duck_b_$scope.csv" --unit "$u" --from $QFROM --to $QTO
    run_sqlite b "b_$scope" "$W/sqlite_b_$scope.csv" "$REPEAT" --unit "$u" --from $QFROM --to $QTO
    check "zhixiao=$W/zx_b_$scope.csv" "duckdb=$W/duck_b_$scope.csv" \
        "sqlite=$W/sqlite_b_$scope.csv"
done

echo
node $HERE/bench.js table "$RES"
if [ "$fail" -ne 0 ]; then
    echo "FAILED: the engines do not agree (see MISMATCH above)" >&2
    exit 1
fi

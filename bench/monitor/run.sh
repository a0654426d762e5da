#!/bin/sh
# bench/monitor/run.sh — the process monitor (流程监控, shared/spec/process-monitoring.md) over
# every stage of every person of the large province (`zhixiao generate --scale large`: 1.6
# million cases, 11 million events) as of a date, in the same run on the same data:
#
#   zhixiao  build/bench/zxbench_monitor over its SQLite store and the indicator engine's
#            columnar snapshot <db>.zxcol (the monitor reads the engine's loaded columns; no
#            loader of its own). cold = a fresh process from the snapshot (wall time of the
#            whole process, /usr/bin/time), warm = the fastest of N more runs in that process;
#            also a fresh process without the snapshot (ZHIXIAO_SNAPSHOT=0: SQLite only)
#   DuckDB   @duckdb/node-api (npm ci from bench/indicators/package-lock.json), its own file
#            loaded with the store's typed columns (exported by sqlite3); mon_duckdb.sql +
#            monitor.sql; cold = first run in a fresh process, warm = fastest of N more
#   SQLite   the sqlite3 tool on the store itself (its tables and index), mon_sqlite.sql +
#            monitor.sql, one run
#
# The same deadline computation in SQL (monitor.sql: window functions, C4 months from each
# engine's own date functions). Every engine prints per stage and status the count and the sums
# of started_on, deadline, closed_on, case rid and person rid; the bench fails when any differs.
#
#   bench/monitor/run.sh [--as-of DATE] [--repeat N]
set -eu
cd "$(dirname "$0")/../.."
AS_OF=2025-06-30
REPEAT=5
while [ $# -gt 0 ]; do
    case "$1" in
    --as-of) AS_OF=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    *) echo "usage: bench/monitor/run.sh [--as-of DATE] [--repeat N]" >&2; exit 2 ;;
    esac
done
OUT=${BENCH_DIR:-bench/out}
B="$OUT/bundle-large"
W="$OUT/monitor"
N="$W/node"
mkdir -p "$W"
make -s build/zhixiao build/bench/zxbench_monitor
ZX=build/zhixiao
ZXB=build/bench/zxbench_monitor
T="/usr/bin/time -f %e\t%M -o $W/time"
DAY=$(python3 -c "import datetime as d; print((d.date.fromisoformat('$AS_OF') - d.date(1970, 1, 1)).days)")

if [ ! -f "$B/events.csv" ]; then
    echo "generating the large bundle into $B"
    $ZX generate --out "$B" --scale large --seed 7
fi
if [ ! -f "$W/zx.db" ]; then
    $T $ZX import "$B" --db "$W/zx.db" --quiet --rejects "$W/zx-rejects.csv" || [ $? -eq 1 ]
    echo "zhixiao import: $(cut -f1 "$W/time") s"
fi
echo "data: $(sqlite3 "$W/zx.db" "SELECT count(*) FROM events") events, $(sqlite3 "$W/zx.db" "SELECT count(*) FROM cases") cases; as of $AS_OF"

# DuckDB's own copy of the store's typed columns
if ! cmp -s bench/indicators/package-lock.json "$N/package-lock.json" ||
    [ ! -d "$N/node_modules/@duckdb/node-api" ]; then
    mkdir -p "$N"
    cp bench/indicators/package.json bench/indicators/package-lock.json "$N/"
    (cd "$N" && npm ci --no-audit --no-fund --loglevel=error)
fi
cp bench/monitor/duck.mjs bench/monitor/monitor.sql bench/monitor/mon_duckdb.sql "$N/"
if [ ! -f "$W/duck.db" ]; then
    sqlite3 -csv "$W/zx.db" "SELECT id, case_rid, person_rid, type, date, result, ref_rid FROM events" >"$W/events.csv"
    sqlite3 -csv "$W/zx.db" "SELECT id, business, complex FROM cases" >"$W/cases.csv"
    $T node "$N/duck.mjs" load "$W/duck.db" "$W/events.csv" "$W/cases.csv"
    echo "duckdb load: $(cut -f1 "$W/time") s"
    rm -f "$W/events.csv" "$W/cases.csv"
fi

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# the snapshot: written by a first load when missing or stale (not timed)
$ZXB --db "$W/zx.db" --as-of "$AS_OF" --repeat 0 >/dev/null

zx=$($T $ZXB --db "$W/zx.db" --as-of "$AS_OF" --repeat "$REPEAT" --out "$W/zx.csv")
zx_wall=$(cut -f1 "$W/time")
zx_mem=$(($(cut -f2 "$W/time") / 1024))
$T $ZXB --db "$W/zx.db" --as-of "$AS_OF" --repeat 0 >/dev/null
zx_cold=$(cut -f1 "$W/time")
zxn=$(ZHIXIAO_SNAPSHOT=0 $T $ZXB --db "$W/zx.db" --as-of "$AS_OF" --repeat 0)
zxn_wall=$(cut -f1 "$W/time")
echo "zhixiao:  $zx  process_s=$zx_wall peak_mib=$zx_mem"
echo "zhixiao:  cold process (snapshot) wall_s=$zx_cold"
echo "zhixiao:  no snapshot: $zxn wall_s=$zxn_wall"

dk=$($T node "$N/duck.mjs" run "$W/duck.db" "$DAY" "$REPEAT" "$W/duck.csv")
dk_wall=$(cut -f1 "$W/time")
echo "duckdb:   $dk process_s=$dk_wall peak_mib=$(($(cut -f2 "$W/time") / 1024))"

{ cat bench/monitor/mon_sqlite.sql; sed "s/{AS_OF}/$DAY/g" bench/monitor/monitor.sql; } >"$W/sqlite.sql"
$T sqlite3 -csv -header "$W/zx.db" <"$W/sqlite.sql" >"$W/sqlite.csv"
sq_wall=$(cut -f1 "$W/time")
echo "sqlite:   wall_s=$sq_wall peak_mib=$(($(cut -f2 "$W/time") / 1024))"

fail=0
for e in duck sqlite; do
    if cmp -s "$W/zx.csv" "$W/$e.csv"; then
        echo "$e: same counts and sums per stage and status as zhixiao ($(($(wc -l <"$W/zx.csv") - 1)) rows)"
    else
        echo "MISMATCH: $e differs from zhixiao" >&2
        diff "$W/zx.csv" "$W/$e.csv" >&2 || true
        fail=1
    fi
done
echo
column -s, -t <"$W/zx.csv"
echo
python3 - "$zx" "$zx_cold" "$dk" "$sq_wall" <<'PY'
import sys
kv = lambda s: dict(x.split('=') for x in s.split())
z, cold, d, sq = kv(sys.argv[1]), float(sys.argv[2]), kv(sys.argv[3]), float(sys.argv[4])
zw, dw, df = float(z['warm_s']), float(d['warm_s']), float(d['first_s'])
print(f"warm:  zhixiao {zw:.3f} s   duckdb {dw:.3f} s   ratio {dw / zw:.1f}x")
print(f"cold:  zhixiao {cold:.3f} s (whole process from the snapshot)   duckdb first run {df:.3f} s"
      f"   sqlite {sq:.3f} s (whole process)")
print(f"items: {z['items']}")
PY
exit $fail

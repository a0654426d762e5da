#!/bin/sh
# bench/scale — the whole catalog for every unit × 12 months of 2024, on the embedded engine
# and on the PostgreSQL cluster (scripts/pg-cluster.sh) with 1 and 2 shards, same store.
#   bench/scale/run.sh [SCALE]     SCALE: cases for `zhixiao generate --scale` (default 30000)
#   DB=FILE bench/scale/run.sh     an existing store instead (its snapshot FILE.zxcol is made)
# Prints one line per run: engine, shards, export seconds, catalog seconds (12 evaluations).
# Every cluster output is compared with the embedded one (cmp); a difference stops the run.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ZX=${ZX:-$ROOT/build/zhixiao}
SCALE=${1:-30000}
W=$(mktemp -d /tmp/zxscale.XXXXXX)
chmod 711 "$W"
trap 'for c in "$W"/c*; do [ -d "$c" ] && "$ROOT/scripts/pg-cluster.sh" stop "$c" >/dev/null 2>&1; done; rm -rf "$W"' EXIT
now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.2f", $2 - $1}'; }

if [ -n "${DB:-}" ]; then # an existing store (e.g. bench/out/large.db): read, never written
    ln -s "$(cd "$(dirname "$DB")" && pwd)/$(basename "$DB")" "$W/z.db"
    SCALE=$(sqlite3 "$W/z.db" "SELECT count(*) FROM cases")
else
    "$ZX" generate --out "$W/b" --scale "$SCALE" --seed 1 >/dev/null
    "$ZX" import "$W/b" --db "$W/z.db" >/dev/null
fi
ev=$(sqlite3 "$W/z.db" "SELECT count(*) FROM events")
echo "scale $SCALE cases, $ev events; load: $(cut -d' ' -f1-3 /proc/loadavg)"

months() { # prints "from to" for the 12 months of 2024
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
        echo "2024-$m-01 $(date -d "2024-$m-01 +1 month -1 day" +%F)"
    done
}
run() { # db outdir
    mkdir -p "$2"
    t0=$(now)
    months | while read -r f t; do
        "$ZX" indicators --db "$1" --from "$f" --to "$t" --by unit >"$2/$f.json"
    done
    secs "$t0" "$(now)"
}
"$ZX" indicators --db "$W/z.db" --from 2024-01-01 --to 2024-01-31 >/dev/null # snapshot
echo "embedded  -  export -  catalog×12 $(run "$W/z.db" "$W/emb")s"
for n in 1 2; do
    url=$("$ROOT/scripts/pg-cluster.sh" start "$W/c$n" --shards "$n" 2>/dev/null | tail -n 1)
    t0=$(now)
    "$ZX" export --db "$W/z.db" --to "$url" 2>/dev/null
    ex=$(secs "$t0" "$(now)")
    cat=$(run "$url" "$W/pg$n")
    for f in "$W"/emb/*.json; do
        cmp -s "$f" "$W/pg$n/$(basename "$f")" || { echo "DIFFERENT: $f" >&2; exit 1; }
    done
    echo "cluster   $n  export ${ex}s  catalog×12 ${cat}s (identical output)"
    "$ROOT/scripts/pg-cluster.sh" stop "$W/c$n" >/dev/null
done

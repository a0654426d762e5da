#!/bin/sh
# bench/sentences/run.sh [CONVICTS] — 倒查: the whole 减假暂 review of a province's 30-year
# history (default 1,000,000 convicts, 1 ‰ planted violations) by `zhixiao review-sentences`
# (warm: from its columnar cache; cold: from SQLite, writing the cache; no cache),
# against the checks SQL can express (checks.sql) on SQLite (sqlite3 tool, the same database)
# and on DuckDB (@duckdb/node-api, the same bundle loaded in memory). Same data, same run;
# best of 3 each. Never part of the tests. Work files go to $BENCH_DIR (default
# /tmp/zx-bench-sentences) and are reused while CONVICTS is unchanged.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
N=${1:-1000000}
W=${BENCH_DIR:-/tmp/zx-bench-sentences}
ZX=${ZX:-$ROOT/build/zhixiao}
[ -x "$ZX" ] || make -C "$ROOT" build/zhixiao >/dev/null
mkdir -p "$W"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

if [ ! -f "$W/z.db" ] || [ "$(cat "$W/n" 2>/dev/null)" != "$N" ]; then
    rm -rf "$W/b" "$W/z.db" "$W/z.db-wal" "$W/z.db-shm"
    echo "generating $N convicts over 30 years with 1 permille planted violations ..."
    "$ZX" generate --out "$W/b" --scale tiny --convicts "$N" --violations 1
    "$ZX" import "$W/b" --db "$W/z.db" --rejects "$W/rejects.csv" | tail -1
    echo "$N" >"$W/n"
fi
# npm 11 leaves other platforms' optional DuckDB bindings out of the lock, and npm ci then
# refuses it; npm install from the same lock installs the same versions
(cd "$HERE" && { npm ci --no-audit --no-fund --silent >/dev/null 2>&1 ||
    npm install --no-audit --no-fund --no-save --silent >/dev/null; })

# Three ways of running the same review, each best of 3, the files in the OS page cache:
#   nocache  ZHIXIAO_SNAPSHOT=0: read SQLite row by row, no cache file written or read
#   cold     the first review after an import: <db>.zxexec removed before each run, so the run
#            reads SQLite and writes the cache (temp file, fsync, rename)
#   warm     a repeated review of the unchanged database: the cache matches and is read
# Each figure is the whole process (start, rules, open, load, check, JSON out).
best_of() { # best_of MODE -> seconds; the trace of the best run in $W/trace.MODE
    b=999999
    for i in 1 2 3; do
        [ "$1" = cold ] && rm -f "$W/z.db.zxexec"
        snap=1
        [ "$1" = nocache ] && snap=0
        t=$(now)
        ZHIXIAO_SNAPSHOT=$snap ZX_REVIEW_TRACE=1 "$ZX" review-sentences --db "$W/z.db" \
            >"$W/findings.$1.json" 2>"$W/trace.run" || true
        s=$(since "$t")
        if awk -v a="$b" -v b="$s" 'BEGIN { exit !(b < a) }'; then
            b=$s
            cp "$W/trace.run" "$W/trace.$1"
        fi
    done
    echo "$b"
}
echo "== zhixiao review-sentences (C, columnar, one pass per convict)"
zxn=$(best_of nocache)
zxc=$(best_of cold)
zx=$(best_of warm)
for m in nocache cold warm; do
    printf '  %-8s ' "$m"
    cat "$W/trace.$m"
    cmp -s "$W/findings.$m.json" "$W/findings.nocache.json" || echo "  $m: FINDINGS DIFFER from nocache"
done
cp "$W/findings.warm.json" "$W/findings.json"
python3 - "$W/findings.json" "$W/b/expected-findings.csv" <<'PY'
import collections, csv, json, sys
f = json.load(open(sys.argv[1], encoding='utf-8'))
want = {(r['change_id'] or None, r['convict_id'], r['category'])
        for r in csv.DictReader(open(sys.argv[2], encoding='utf-8'))}
got = {(x['change_id'], x['convict_id'], x['category']) for x in f}
for c, n in sorted(collections.Counter(x['category'] for x in f).items()):
    print("  %s|%d" % (c, n))
print("  findings %d, planted %d, equal to the manifest: %s" % (len(f), len(want), got == want))
PY
echo "== SQLite (sqlite3 tool, checks.sql on the same database)"
sed "s/ADDM(\([^,]*\), \([^)]*\))/(CAST(julianday(date((\1) * 86400, 'unixepoch', '+' || (\2) || ' months')) - 2440587.5 AS INTEGER))/g" \
    "$HERE/checks.sql" >"$W/checks-sqlite.sql"
best=999999
for i in 1 2 3; do
    t=$(now)
    sqlite3 "$W/z.db" <"$W/checks-sqlite.sql" >"$W/sqlite.out"
    s=$(since "$t")
    best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (b < a ? b : a) }')
done
sed 's/^/  /' "$W/sqlite.out"
sq=$best

echo "== DuckDB (@duckdb/node-api, checks.sql on the same bundle in memory)"
node "$HERE/duck.mjs" "$W/b" "$HERE/checks.sql" | tee "$W/duck.out"
dk=$(awk '/^duckdb load/ { print $5 }' "$W/duck.out")
dl=$(awk '/^duckdb load/ { print $3 }' "$W/duck.out")

echo
echo "== $N convicts, $(($(wc -l <"$W/b/sentence_changes.csv") - 1)) sentence changes ($(nproc) cores)"
awk -v zx="$zx" -v zxc="$zxc" -v zxn="$zxn" -v sq="$sq" -v dk="$dk" -v dl="$dl" 'BEGIN {
    printf "  zhixiao, warm (reads the cache <db>.zxexec)            %7.3f s\n", zx
    printf "  zhixiao, cold (reads SQLite, writes the cache)         %7.3f s\n", zxc
    printf "  zhixiao, no cache (ZHIXIAO_SNAPSHOT=0)                 %7.3f s\n", zxn
    printf "  SQLite, checks.sql                                     %7.3f s  (%.1fx warm, %.1fx cold, %.1fx no cache)\n", sq, sq / zx, sq / zxc, sq / zxn
    printf "  DuckDB, checks.sql on tables in memory (query only)    %7.3f s  (%.1fx warm, %.1fx cold, %.1fx no cache)\n", dk, dk / zx, dk / zxc, dk / zxn
    printf "  DuckDB, loading the CSV files first                    %7.3f s\n", dl
}'

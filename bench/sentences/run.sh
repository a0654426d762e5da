#!/bin/sh
# bench/sentences/run.sh [CONVICTS] — 倒查: the whole 减假暂 review of a province's 30-year
# history (default 1,000,000 convicts, 1 ‰ planted violations) by `zhixiao review-sentences`,
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

echo "== zhixiao review-sentences (C, columnar, one pass per convict)"
best=999999
for i in 1 2 3; do
    t=$(now)
    ZX_REVIEW_TRACE=1 "$ZX" review-sentences --db "$W/z.db" >"$W/findings.json" 2>"$W/trace" || true
    s=$(since "$t")
    best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (b < a ? b : a) }')
done
cat "$W/trace"
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
zx=$best

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
awk -v zx="$zx" -v sq="$sq" -v dk="$dk" -v dl="$dl" 'BEGIN {
    printf "  zhixiao review-sentences, whole run from the database  %7.3f s\n", zx
    printf "  SQLite, checks.sql                                     %7.3f s  (%.1fx zhixiao)\n", sq, sq / zx
    printf "  DuckDB, checks.sql on tables in memory (query only)    %7.3f s  (%.1fx zhixiao)\n", dk, dk / zx
    printf "  DuckDB, loading the CSV files first                    %7.3f s\n", dl
}'

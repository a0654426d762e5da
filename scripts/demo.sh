#!/bin/sh
# scripts/demo.sh — the one-command demo: installs what is missing, builds, generates a
# demo province, imports it, records circuit inspections (scripts/demo-data.sh), prints the
# import summary and a first look at the data, then serves the platform.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
make -j"$(nproc 2>/dev/null || echo 2)" build/zhixiao >/dev/null
ZX=build/zhixiao
OUT=${DEMO_DIR:-demo}
# generate (with planted 减假暂 violations), import twice, record the 巡回检察 of 2025
ZX=$ZX DEMO_DIR="$OUT" scripts/demo-data.sh
if $ZX help 2>/dev/null | grep -q indicators; then
    echo
    echo "== 主要指标（全省，2024年）/ key indicators, whole province, 2024"
    $ZX indicators --db "$OUT/zhixiao.db" --from 2024-01-01 --to 2024-12-31 --format table
else
    echo
    echo "== 数据概览 / what was imported"
    sqlite3 -header -column "$OUT/zhixiao.db" \
        "SELECT (SELECT count(*) FROM units) AS 院, (SELECT count(*) FROM staff) AS 人员,
                (SELECT count(*) FROM cases) AS 案件, (SELECT count(*) FROM persons) AS 当事人,
                (SELECT count(*) FROM events) AS 事件, (SELECT count(*) FROM convicts) AS 罪犯;"
fi
echo
echo "== 减假暂审查 / 减刑、假释、暂予监外执行 review: findings per category"
$ZX review-sentences --db "$OUT/zhixiao.db" --format json | python3 -c '
import collections, json, sys
for k, n in sorted(collections.Counter(f["category"] for f in json.load(sys.stdin)).items()):
    print("  %-32s %d" % (k, n))' || true
echo
echo "rejected rows and reasons: $OUT/rejects.csv"

# the platform: demo accounts, then the server (Ctrl-C stops it)
DEMO_DIR="$OUT" exec scripts/demo-serve.sh

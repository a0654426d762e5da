#!/bin/sh
# scripts/demo.sh — the one-command demo: installs what is missing, builds, generates a
# demo province, imports it and prints the import summary and a first look at the data.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
make -j"$(nproc 2>/dev/null || echo 2)" build/zhixiao >/dev/null
ZX=build/zhixiao
OUT=${DEMO_DIR:-demo}
mkdir -p "$OUT"
if [ ! -d "$OUT/bundle" ]; then
    $ZX generate --out "$OUT/bundle" --scale demo --seed 2024 --bad-rows 40
fi
rm -f "$OUT/zhixiao.db" "$OUT/zhixiao.db-wal" "$OUT/zhixiao.db-shm"
echo
echo "== 导入演示省份 / importing the demo province into $OUT/zhixiao.db"
set +e
$ZX import "$OUT/bundle" --db "$OUT/zhixiao.db" --rejects "$OUT/rejects.csv"
rc=$?
set -e
if [ "$rc" -ge 2 ]; then
    echo "import failed" >&2
    exit "$rc"
fi
echo
echo "== 再次导入同一数据包（应无任何变化）/ importing the same bundle again changes nothing"
$ZX import "$OUT/bundle" --db "$OUT/zhixiao.db" --rejects "$OUT/rejects-again.csv" || [ $? -eq 1 ]
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
echo "rejected rows and reasons: $OUT/rejects.csv"

# the platform: demo accounts, then the server (Ctrl-C stops it)
DEMO_DIR="$OUT" exec scripts/demo-serve.sh

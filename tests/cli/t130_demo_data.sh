# The demo has content on every 刑事执行 screen: scripts/demo-data.sh (the demo's data steps,
# without the server) gives 减假暂 findings of every category of shared/spec/sentence-review.md,
# among them every planted one, and circuit inspections of all four types with findings,
# dispositions answered, answered late, overdue and escalated, feedback and a follow-up.
. "$(dirname "$0")/lib.sh"
: "${ROOT:?ROOT must point at the repository}"

ZX=$ZX DEMO_DIR="$T/demo" sh "$ROOT/scripts/demo-data.sh" >"$T/demo.log" 2>&1 ||
    { tail -20 "$T/demo.log" >&2; fail "demo-data.sh failed"; }
DB="$T/demo/zhixiao.db"
set +e
$ZX review-sentences --db "$DB" --format json >"$T/f.json"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "review-sentences exit $rc, want 1 (findings)"
python3 - "$T/f.json" "$T/demo/bundle/expected-findings.csv" "$T/demo/bundle/convicts.csv" <<'PY' || fail "減假暂 findings"
import collections, csv, json, sys
f = json.load(open(sys.argv[1]))
cats = collections.Counter(x["category"] for x in f)
want = ["start_too_early", "interval_too_short", "reduction_over_cap", "floor_violated",
        "parole_not_eligible", "parole_excluded", "temporary_release_not_eligible",
        "pattern_max_reduction", "pattern_earliest_date"]
missing = [c for c in want if not cats[c]]
assert not missing, "no finding of %s (%s)" % (missing, dict(cats))
got = {(x["change_id"], x["convict_id"], x["category"]) for x in f}
planted = [tuple(r[k] or None for k in ("change_id", "convict_id", "category"))
           for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))]
lost = [p for p in planted if p not in got]
assert not lost, "planted violations not found: %s" % lost[:5]
convicts = sum(1 for _ in open(sys.argv[3], encoding="utf-8")) - 1
per_mille = 1000 * len(planted) / convicts
assert 2 <= per_mille <= 15, "%.1f planted per thousand convicts: not a few" % per_mille
print("%d findings over %d convicts (%d planted, %.1f‰), every category" % (len(f), convicts, len(planted), per_mille))
PY
ok "减假暂: every category found, every planted violation among them"

q() { sqlite3 "$DB" "$1"; }
[ "$(q "SELECT group_concat(type, ',') FROM (SELECT DISTINCT type FROM insp_plans ORDER BY type)")" = "ad_hoc,cross,routine,special" ] ||
    fail "inspection types: $(q "SELECT group_concat(type) FROM insp_plans")"
nf=$(q "SELECT count(*) FROM insp_findings")
ncat=$(q "SELECT count(DISTINCT category) FROM insp_findings")
[ "$nf" -ge 10 ] && [ "$ncat" -ge 8 ] || fail "$nf findings in $ncat categories"
[ "$(q "SELECT count(*) FROM insp_escalations")" -ge 2 ] || fail "no escalation recorded"
[ "$(q "SELECT count(*) FROM insp_replies")" -ge 6 ] || fail "too few replies"
PROV=$(q "SELECT unit_id FROM units WHERE parent_rid IS NULL")
expect_exit 1 $ZX inspect status --db "$DB" --unit "$PROV" --date 2025-12-31
for s in "已逾期  → escalated to" "已办结 .* (late)" "已办结 .* rejected" "followup  due .*已逾期" \
    "feedback  due .*已逾期" "feedback  due .*已办结" "followup  due .*已办结" "未到期"; do
    grep -q "$s" "$T/out" || { cat "$T/out" >&2; fail "inspect status shows no '$s'"; }
done
expect_exit 0 $ZX inspect stats --db "$DB" --unit "$PROV" --period 2025 --date 2025-12-31
grep -q "6 inspections, 5 institutions inspected" "$T/out" || fail "stats: $(cat "$T/out")"
expect_exit 0 $ZX inspect report --db "$DB" --plan P2025-R01 --out "$T/r.xlsx" --date 2025-12-31
[ -s "$T/r.xlsx" ] || fail "no 巡回检察报告"
ok "巡回检察: routine, cross, special and ad-hoc with findings, replies, overdue and escalated dispositions, feedback and follow-up"

# 犯罪记录封存 and 社会危险性评估 have content in the demo
[ "$(q "SELECT count(*) FROM sealed WHERE kind = 'person'")" -ge 1 ] || fail "demo seals no minor's record"
expect_exit 0 $ZX danger report --db "$DB" --from 2024-01-01 --to 2024-12-31 --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["decided"] > 100 and all(b["n"] for b in r["bands"]), r["bands"]' "$T/out" || fail "danger report"
ok "demo: sealed records and a calibration report with every band filled"

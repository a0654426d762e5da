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

# 派驻检察: offices with weeks of duty logs, gaps, findings, and an inspection's findings
# about an office (arts. 15–16)
[ "$(q "SELECT count(*) FROM res_offices")" -ge 3 ] && [ "$(q "SELECT count(*) FROM res_logs")" -ge 100 ] ||
    fail "resident offices: $(q "SELECT count(*) FROM res_offices") offices, $(q "SELECT count(*) FROM res_logs") logs"
[ "$(q "SELECT count(*) FROM insp_findings f JOIN insp_plans p ON p.id = f.plan_rid
      WHERE p.plan_id = 'P2025-R02' AND f.category = 'resident_office'")" -ge 1 ] || fail "no finding about an office"
expect_exit 1 $ZX resident gaps --db "$DB" --from 2025-10-27 --to 2025-11-30
grep -q "未轮岗" "$T/out" && grep -q "少于 2 名\|仅 1 名" "$T/out" || fail "resident gaps: $(head -40 "$T/out")"
ok "派驻检察: offices, weeks of duty, gaps (rotation, staffing), findings"
# 流程监控通知书 issued, answered and escalated; the 业绩考评 of 2025 has content: many
# prosecutors, each dimension scored for most, scores that differ, notices among the figures
nn=$(q "SELECT count(*) FROM mon_notices")
[ "$nn" -ge 8 ] && [ "$(q "SELECT count(*) FROM mon_notices WHERE replied_on IS NOT NULL")" -ge 2 ] &&
    [ "$(q "SELECT count(*) FROM mon_notices WHERE chief_id IS NOT NULL")" -ge 2 ] || fail "$nn notices, too few answered or escalated"
expect_exit 0 $ZX audit verify --db "$DB"
$ZX evaluate --db "$DB" --from 2025-01-01 --to 2025-12-31 >"$T/ev.json"
python3 - "$T/ev.json" <<'PY' || fail "业绩考评 of the demo province"
import json, sys
e = json.load(open(sys.argv[1]))
rows = e['prosecutors']
assert len(rows) >= 50, '%d prosecutors' % len(rows)
for d in ('quality', 'efficiency', 'effect'):
    n = sum(1 for r in rows if r['dimensions'][d] is not None)
    assert n >= len(rows) // 4, '%s scored for %d of %d' % (d, n, len(rows))
totals = {r['total'] for r in rows}
assert len(totals) >= 20, '%d distinct totals' % len(totals)
ids = [c['id'] for c in e['components']]
for k in ('notices', 'monitor_late', 'monitor_red', 'workload', 'review_grade', 'flaw_points'):
    assert any(r['components'][ids.index(k)]['count'] for r in rows), 'no %s counted' % k
print('%d prosecutors, %d distinct totals' % (len(rows), len(totals)))
PY
ok "流程监控通知书 ($nn) and the 业绩考评 of 2025 have content; the ledger verifies"
# 社会治理: suggestions in every state, overdue and escalated ones, hearings, supervisors
[ "$(q "SELECT group_concat(status, ',') FROM (SELECT DISTINCT status FROM gov_suggestions ORDER BY status)")" = \
    "closed,draft,failed,issued,litigated,replied" ] ||
    fail "suggestion states: $(q "SELECT group_concat(DISTINCT status) FROM gov_suggestions")"
$ZX suggestion list --db "$DB" --format table >"$T/sg"
for w in open yellow red; do
    awk -F'\t' -v w="$w" '$10 == w' "$T/sg" | grep -q . || fail "no suggestion coloured $w"
done
[ "$(q "SELECT count(*) FROM gov_suggestions WHERE chief_id IS NOT NULL")" -ge 1 ] || fail "no escalation to the 检察长"
[ "$(q "SELECT count(*) FROM gov_hearings")" -ge 4 ] && [ "$(q "SELECT count(*) FROM gov_supervisions")" -ge 2 ] ||
    fail "hearings and supervisors"
ok "社会治理: suggestions in every state and colour, escalated, hearings and supervisors"
# 案件质量评查 and 瑕疵积分 have content: plans of the three kinds, reviews of all four grades,
# an 异议 answered and one pending, flaw points of 2025 with cases over their threshold
[ "$(q "SELECT group_concat(kind, ',') FROM (SELECT DISTINCT kind FROM qr_plans ORDER BY kind)")" = "focus,routine,special" ] ||
    fail "review plan kinds: $(q "SELECT group_concat(kind) FROM qr_plans")"
[ "$(q "SELECT count(DISTINCT grade) FROM qr_reviews")" = 4 ] || fail "not every grade in the demo"
[ "$(q "SELECT count(*) FROM qr_reviews WHERE responded_on IS NOT NULL")" -ge 1 ] || fail "no 异议 answered"
[ "$(q "SELECT count(*) FROM qr_reviews WHERE objected_on IS NOT NULL AND responded_on IS NULL")" -ge 1 ] ||
    fail "no 异议 pending"
$ZX flaws --db "$DB" --year 2025 >"$T/flaws.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['over'] and {p['source'] for p in d['points']} >= {'review','late'}, d['over']" "$T/flaws.json" ||
    fail "demo flaw points"
ok "质量评查: $(q "SELECT count(*) FROM qr_plans") plans, $(q "SELECT count(*) FROM qr_reviews") reviews of every grade, 瑕疵积分 with cases over the threshold"
# 犯罪记录封存 and 社会危险性评估 have content in the demo
[ "$(q "SELECT count(*) FROM sealed WHERE kind = 'person'")" -ge 1 ] || fail "demo seals no minor's record"
expect_exit 0 $ZX danger report --db "$DB" --from 2024-01-01 --to 2024-12-31 --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["decided"] > 100 and all(b["n"] for b in r["bands"]), r["bands"]' "$T/out" || fail "danger report"
ok "demo: sealed records and a calibration report with every band filled"

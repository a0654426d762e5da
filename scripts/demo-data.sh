#!/bin/sh
# scripts/demo-data.sh — the demo's data steps (scripts/demo.sh; tests/cli/t130_demo_data.sh):
# generate the demo province with a few 减假暂 violations planted per thousand convicts (every
# category of shared/spec/sentence-review.md), import it, import it again (nothing changes),
# and record circuit inspections (巡回检察) of every type in 2025 through `zhixiao inspect`:
# findings of many categories, dispositions answered, answered late, unanswered and escalated to
# the higher procuratorate, feedback meetings and a 整改 follow-up — so every screen and report
# of 刑事执行 has real content. The generator's default output stays clean.
#   ZX (default build/zhixiao), DEMO_DIR (default demo), DEMO_SCALE (default demo)
set -eu
ZX=${ZX:-build/zhixiao}
OUT=${DEMO_DIR:-demo}
SCALE=${DEMO_SCALE:-demo}
DB="$OUT/zhixiao.db"
mkdir -p "$OUT"
# a bundle from before the planted violations (no expected-findings) is made again
if [ -d "$OUT/bundle" ] && [ "$(wc -l <"$OUT/bundle/expected-findings.csv" 2>/dev/null || echo 0)" -le 1 ]; then
    rm -rf "$OUT/bundle"
fi
if [ ! -d "$OUT/bundle" ]; then
    $ZX generate --out "$OUT/bundle" --scale "$SCALE" --seed 2024 --bad-rows 40 \
        --convicts 4000 --violations 20 --trends
fi
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.zxexec"
echo
echo "== 导入演示省份 / importing the demo province into $DB"
set +e
$ZX import "$OUT/bundle" --db "$DB" --rejects "$OUT/rejects.csv"
rc=$?
set -e
if [ "$rc" -ge 2 ]; then
    echo "import failed" >&2
    exit "$rc"
fi
echo
echo "== 再次导入同一数据包（应无任何变化）/ importing the same bundle again changes nothing"
$ZX import "$OUT/bundle" --db "$DB" --rejects "$OUT/rejects-again.csv" || [ $? -eq 1 ]

# ---- 巡回检察: who inspects what ----
q() { sqlite3 "$DB" "$1"; }
PROV=$(q "SELECT unit_id FROM units WHERE parent_rid IS NULL ORDER BY id LIMIT 1")
# the procuratorate supervising the most prisons (a 派出院 in the generated provinces)
DISP=$(q "SELECT u.unit_id FROM institutions i JOIN units u ON u.id = i.unit_rid
          WHERE i.kind = 1 GROUP BY u.id ORDER BY count(*) DESC, u.id LIMIT 1")
prison() { q "SELECT i.institution_id FROM institutions i JOIN units u ON u.id = i.unit_rid
              WHERE i.kind = 1 AND u.unit_id = '$DISP' ORDER BY i.id LIMIT 1 OFFSET $1"; }
PR1=$(prison 0)
PR2=$(prison 1)
PR3=$(prison 2)
# a city procuratorate and a 看守所 of a county below it
CITY=$(q "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid
          WHERE p.unit_id = '$PROV' AND u.level = 3 ORDER BY u.id LIMIT 1")
DH=$(q "SELECT i.institution_id FROM institutions i JOIN units u ON u.id = i.unit_rid
        JOIN units p ON p.id = u.parent_rid WHERE i.kind = 2 AND p.unit_id = '$CITY'
        ORDER BY i.id LIMIT 1")
DHC=$(q "SELECT i.institution_id FROM institutions i JOIN units u ON u.id = i.unit_rid
         WHERE i.kind = 2 AND u.unit_id = '$CITY' ORDER BY i.id LIMIT 1")
staff() { # unit count: the unit's first staff members, comma-separated
    q "SELECT group_concat(staff_id, ',') FROM (SELECT s.staff_id FROM staff s
       JOIN units u ON u.id = s.unit_rid WHERE u.unit_id = '$1' ORDER BY s.id LIMIT $2)"
}
for v in PROV DISP PR1 PR2 PR3 CITY DH DHC; do
    eval "[ -n \"\${$v}\" ]" || { echo "demo-data: the province has no $v for the inspections" >&2; exit 2; }
done
I() { # zhixiao inspect SUB ARGS…: stdout kept; exit 1 (rule notices, overdue items) is fine
    $ZX inspect "$@" --db "$DB" >"$OUT/.insp" || [ $? -eq 1 ]
}
F() { # finding: prints its id
    I finding "$@"
    cut -f1 "$OUT/.insp" | head -n 1
}
D() { # disposition: prints its id
    I dispose "$@"
    cut -f1 "$OUT/.insp" | head -n 1
}
plan() { # id unit type institutions from to onsite team [more options]
    id=$1 unit=$2 type=$3 inst=$4 from=$5 to=$6 onsite=$7 team=$8
    shift 8
    members=$(staff "$unit" "$team")
    I plan --id "$id" --unit "$unit" --type "$type" --institution "$inst" --from "$from" --to "$to" \
        --onsite "$onsite" --lead "${members%%,*}" --member "${members#*,}" "$@"
    sed 's/^/  /' "$OUT/.insp"
}
echo
echo "== 巡回检察（2025年）/ circuit inspections of 2025"

# 1. 常规巡回检察 of a prison by its 派出院: four problems; an oral opinion, a 纠正违法通知书
#    and a 检察建议书 answered; a second 纠正违法通知书 never answered (escalated); feedback,
#    follow-up within three months confirming three rectified
plan P2025-R01 "$DISP" routine "$PR1" 2025-03-03 2025-03-28 15 10 --kind prison
f1=$(F --plan P2025-R01 --institution "$PR1" --category commutation_parole --sub 计分考核不实 \
    --desc 罪犯减刑材料中计分考核记录与监区台账不一致 --evidence 计分考核台账、减刑建议书 --date 2025-03-10)
f2=$(F --plan P2025-R01 --institution "$PR1" --category scoring_rewards --sub 立功奖惩不规范 \
    --desc 表扬奖励审批表缺少监区集体评议记录 --date 2025-03-12)
f3=$(F --plan P2025-R01 --institution "$PR1" --category security --desc 三监区监控存在盲区 --date 2025-03-13)
f4=$(F --plan P2025-R01 --institution "$PR1" --category temp_release --sub 病情诊断不规范 \
    --desc 保外就医罪犯病情诊断书仅有一名医师签名 --evidence 病情诊断书 --date 2025-03-18)
d1=$(D --finding "$f3" --kind oral --date 2025-03-13)
d2=$(D --finding "$f1" --kind correction_notice --date 2025-03-20)
d3=$(D --finding "$f2" --kind suggestion --date 2025-03-25)
d4=$(D --finding "$f4" --kind correction_notice --date 2025-03-26)
I reply --disposition "$d1" --date 2025-03-18 --result adopted
I reply --disposition "$d2" --date 2025-04-02 --result adopted
I reply --disposition "$d3" --date 2025-05-20 --result rectified
I feedback --plan P2025-R01 --date 2025-04-15
I followup --plan P2025-R01 --id P2025-R01-FU --from 2025-06-16 --to 2025-06-18 --onsite 3 \
    --lead "$(staff "$DISP" 1)" --member "$(staff "$DISP" 4 | cut -d, -f2-)" --rectified "$f1,$f2,$f3"
I feedback --plan P2025-R01-FU --date 2025-06-30
echo "  P2025-R01 常规巡回检察 $PR1: $f1 $f2 $f3 $f4 / $d1 $d2 $d3 $d4"

# 2. 交叉巡回检察 of another prison by the province: a 纠正违法通知书 rejected, a 检察建议书
#    and an oral opinion answered late; feedback late; the follow-up never held (overdue)
plan P2025-C01 "$PROV" cross "$PR2" 2025-05-06 2025-06-10 20 15 --kind prison --expert 监狱医院主任医师
g1=$(F --plan P2025-C01 --institution "$PR2" --category commutation_parole --sub 重大立功认定 \
    --desc 两名罪犯重大立功认定缺少查证属实的证据材料 --evidence 立功材料、检举线索核查记录 --date 2025-05-15)
g2=$(F --plan P2025-C01 --institution "$PR2" --category old_ill_disabled --desc 老病残罪犯鉴定超过一年未复查 --date 2025-05-20)
g3=$(F --plan P2025-C01 --institution "$PR2" --category detainee_rights --desc 罪犯会见登记不全 --date 2025-05-22)
g4=$(F --plan P2025-C01 --institution "$PR2" --category education_labour --desc 劳动时间超过规定 --date 2025-05-28)
e1=$(D --finding "$g1" --kind correction_notice --date 2025-06-12)
e2=$(D --finding "$g2" --kind suggestion --date 2025-06-20)
e3=$(D --finding "$g4" --kind oral --date 2025-05-28)
I reply --disposition "$e1" --date 2025-06-26 --result rejected
I reply --disposition "$e3" --date 2025-06-16 --result adopted
I reply --disposition "$e2" --date 2025-09-05 --result rectified
I feedback --plan P2025-C01 --date 2025-07-25
echo "  P2025-C01 交叉巡回检察 $PR2: $g1 $g2 $g3 $g4 / $e1 $e2 $e3"

# 3. 专门巡回检察 (减刑、假释) of two prisons: one notice adopted, one 检察建议书 unanswered
#    (escalated)
plan P2025-S01 "$DISP" special "$PR2,$PR3" 2025-08-04 2025-08-15 8 4
h1=$(F --plan P2025-S01 --institution "$PR3" --category commutation_parole --sub 减刑间隔不足 \
    --desc 罪犯两次减刑间隔不足一年六个月 --evidence 减刑裁定书 --date 2025-08-06)
h2=$(F --plan P2025-S01 --institution "$PR2" --category special_posts --desc 特岗罪犯未经集体研究 --date 2025-08-08)
k1=$(D --finding "$h1" --kind correction_notice --date 2025-08-20)
k2=$(D --finding "$h2" --kind suggestion --date 2025-08-25)
I reply --disposition "$k1" --date 2025-09-01 --result adopted
I feedback --plan P2025-S01 --date 2025-09-10
echo "  P2025-S01 专门巡回检察 $PR2,$PR3: $h1 $h2 / $k1 $k2"

# 4. 机动巡回检察 of the city's 看守所: overdue detention, a notice answered late, no feedback
#    meeting (overdue)
plan P2025-A01 "$CITY" ad_hoc "$DHC" 2025-10-13 2025-10-15 3 3
j1=$(F --plan P2025-A01 --institution "$DHC" --category custody_period --sub 超期羁押 \
    --desc 一名犯罪嫌疑人羁押期限届满未变更强制措施 --date 2025-10-14)
j2=$(F --plan P2025-A01 --institution "$DHC" --category release --desc 刑满释放证明书未按时送达 --date 2025-10-15)
m1=$(D --finding "$j1" --kind correction_notice --date 2025-10-20)
m2=$(D --finding "$j2" --kind oral --date 2025-10-15)
I reply --disposition "$m1" --date 2025-11-20 --result adopted
I reply --disposition "$m2" --date 2025-10-20 --result adopted
echo "  P2025-A01 机动巡回检察 $DHC: $j1 $j2 / $m1 $m2"

# 5. 常规巡回检察 of a county 看守所 by the city: a 检察建议书 not yet due at the end of 2025
plan P2025-R02 "$CITY" routine "$DH" 2025-11-03 2025-11-14 5 5 --kind detention_house
n1=$(F --plan P2025-R02 --institution "$DH" --category security --desc 监室值班记录缺失 --date 2025-11-05)
n2=$(F --plan P2025-R02 --institution "$DH" --category delivery --desc 判决生效后未在一个月内交付执行 --date 2025-11-07)
p1=$(D --finding "$n2" --kind suggestion --date 2025-12-01)
I feedback --plan P2025-R02 --date 2025-12-05
echo "  P2025-R02 常规巡回检察 $DH: $n1 $n2 / $p1"

# unanswered written dispositions are reported to the higher procuratorate (as of 2025-12-31)
I status --unit "$PROV" --date 2025-12-31 --record
echo "  escalated to the higher procuratorate: $(q "SELECT count(*) FROM insp_escalations")"
rm -f "$OUT/.insp"

# ---- 典型案例 and 层级综合评价 (issue 14): every city of the province cultivates typical cases
# (published at 院, 市 and 省 level in 2024 and 2025, one returned for revision, others still in
# cultivation or under review), and the province enters its subjective scores for each city
# (2024 and 2025) with their reasons, so 典型案例 and 综合评价 open filled.
echo
echo "== 典型案例与层级综合评价 / typical cases and the evaluation of the cities"
CB() { $ZX casebook "$@" --db "$DB" >/dev/null; }
n=0
for city in $(q "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid
                 WHERE p.unit_id = '$PROV' AND u.level = 3 ORDER BY u.id"); do
    n=$((n + 1))
    k=0
    # closed criminal cases of the city's subtree, a different handful in each city
    for c in $(q "SELECT c.case_id FROM cases c JOIN units u ON u.id = c.unit_rid
                  LEFT JOIN units p ON p.id = u.parent_rid
                  WHERE (u.unit_id = '$city' OR p.unit_id = '$city') AND c.line = 1
                  AND c.charge IS NOT NULL AND c.closed_on IS NOT NULL
                  ORDER BY (c.id * 7919) % 1009 LIMIT $((3 + n % 4))"); do
        k=$((k + 1))
        y=$((2024 + k % 2))
        ch=$(q "SELECT charge FROM cases WHERE case_id = '$c'")
        id=$($ZX casebook nominate "$c" --db "$DB" --by "案件管理部门" --date "$y-03-0$k" \
            --reason "${ch}案件，依法适用认罪认罚从宽，释法说理充分，具有示范意义" | cut -d' ' -f1)
        CB note "$id" --by "承办检察官" --date "$y-04-10" --note "补充调取量刑证据，听取被害人意见"
        [ "$k" -eq 3 ] && continue # still in cultivation
        CB write "$id" --by "承办检察官" --date "$y-05-12" --title "${ch}案——依法能动履职的实践样本" \
            --facts "被告人因${ch}被移送审查起诉。检察机关审查认为，犯罪事实清楚，证据确实充分。" \
            --performance "检察机关开展羁押必要性审查，依法变更强制措施；自愿认罪认罚，提出确定刑量刑建议，被法院采纳。" \
            --significance "准确把握少捕慎诉慎押刑事司法政策，实现政治效果、社会效果与法律效果相统一。" \
            --legal-basis "《中华人民共和国刑事诉讼法》第十五条、第一百七十三条、第一百七十六条"
        CB submit "$id" --by "承办检察官" --date "$y-05-20"
        [ "$k" -eq 4 ] && continue # under review
        if [ "$k" -eq 5 ]; then
            CB return "$id" --by "检察委员会" --date "$y-06-05" --reason "典型意义提炼不足，请结合同类案件补充"
            continue
        fi
        CB review "$id" --by "检察委员会" --date "$y-06-01" --opinion "事实清楚，建议突出检察履职亮点"
        CB approve "$id" --by "检察委员会" --date "$y-06-10" --opinion "同意发布"
        CB publish "$id" --by "检察委员会" --date "$y-06-20" --level unit
        if [ "$k" -ge 2 ]; then
            CB publish "$id" --by "市院检察委员会" --date "$y-08-15" --level city
        fi
        if [ "$k" -eq 2 ] && [ $((n % 2)) -eq 0 ]; then
            CB publish "$id" --by "省院检察委员会" --date "$y-10-20" --level province
        fi
    done
    for y in 2024 2025; do
        s=$((70 + (n * 7 + y) % 25))
        $ZX appraise enter --db "$DB" --year $y --unit "$city" --item team_building --score $s --by "省院政治部" \
            --reason "党建带队建扎实，意识形态责任落实到位" --date "$y-12-20" >/dev/null
        $ZX appraise enter --db "$DB" --year $y --unit "$city" --item criminal_dept --score $((s + 3 - n % 7)) \
            --by "省院刑事检察部门" --reason "少捕慎诉慎押落实较好，个别案件量刑建议说理不足" --date "$y-12-20" >/dev/null
        $ZX appraise enter --db "$DB" --year $y --unit "$city" --item civil_admin_pil_dept --score $((s - 5 + n % 9)) \
            --by "省院民事行政检察部门" --reason "公益诉讼诉前程序规范，民事监督线索转化率有待提高" --date "$y-12-20" >/dev/null
        $ZX appraise enter --db "$DB" --year $y --unit "$city" --item key_tasks --score $((s + n % 5)) \
            --by "省院办公室" --reason "重点工作按期推进" --date "$y-12-20" >/dev/null
    done
done
echo "  典型案例: $(q "SELECT count(*) FROM cb_candidates") 件候选，$(q "SELECT count(*) FROM cb_candidates WHERE state = 'published'") 件已发布；评价录入 $(q "SELECT count(*) FROM ap_entries") 项"

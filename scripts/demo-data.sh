#!/bin/sh
# scripts/demo-data.sh — the demo's data steps (scripts/demo.sh; tests/cli/t130_demo_data.sh):
# generate the demo province with a few 减假暂 violations planted per thousand convicts (every
# category of shared/spec/sentence-review.md), import it, import it again (nothing changes),
# and record circuit inspections (巡回检察) of every type in 2025 through `zhixiao inspect`:
# findings of many categories, dispositions answered, answered late, unanswered and escalated to
# the higher procuratorate, feedback meetings and a 整改 follow-up — so every screen and report
# of 刑事执行 has real content; and 派驻检察 offices with five weeks of duty logs, gaps, findings
# and an inspection's findings about an office. The generator's default output stays clean.
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
# and one from before the external datasets (大数据法律监督)
if [ -d "$OUT/bundle" ] && [ ! -f "$OUT/bundle/datasets/manifest.csv" ]; then
    rm -rf "$OUT/bundle"
fi
if [ ! -d "$OUT/bundle" ]; then
    $ZX generate --out "$OUT/bundle" --scale "$SCALE" --seed 2024 --bad-rows 40 \
        --convicts 4000 --violations 20 --trends --datasets
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
m1=$(D --finding "$j1" --kind correction_notice --date 2025-11-10)
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

# ---- 派驻检察: resident offices with five weeks of duty logs and some gaps ----
echo
echo "== 派驻检察（2025年10月27日–11月30日）/ resident offices: duty logs against the checklists"
R() { # zhixiao resident SUB ARGS…: stdout kept in .res; exit 1 (gaps found) is fine
    $ZX resident "$@" --db "$DB" >"$OUT/.res" || [ $? -eq 1 ]
}
role() { # unit role offset: a staff member of the unit with that role
    q "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid JOIN vocab v
       ON v.vocab = 'staff_role' AND v.value = s.role WHERE u.unit_id = '$1' AND v.code = '$2'
       ORDER BY s.id LIMIT 1 OFFSET $3"
}
unit_of() {
    q "SELECT u.unit_id FROM institutions i JOIN units u ON u.id = i.unit_rid
       WHERE i.institution_id = '$1'"
}
office() { # id institution name opened assistant-since ("": none); the unit's procurator leads
    u=$(unit_of "$2")
    p=$(role "$u" prosecutor 0)
    a=$(role "$u" assistant 0)
    R office --id "$1" --unit "$u" --institution "$2" --name "$3" --date "$4" --lead "$p"
    if [ -n "$5" ]; then R assign --office "$1" --staff "$a" --date "$5"; else a=""; fi
    echo "$p $a"
}
duty() { # office procurator assistant first-monday weeks skips kind: weeks of duty; skips
    # ("week:dow:cctv", "week:cell", "week:talk") are left undone, so the office has gaps
    o=$1 p=$2 a=${3:-$2} start=$4 weeks=$5 skip=$6 kind=$7
    w=0
    while [ "$w" -lt "$weeks" ]; do
        for dow in 0 1 2 3 4; do
            d=$(date -d "$start + $((w * 7 + dow)) day" +%F)
            case " $skip " in
            *" $w:$dow:cctv "*) ;;
            *) R log --office "$o" --item R-CCTV --date "$d" --staff "$p" --place "监区$((dow + 1))" \
                --result "抽查夜间及放风时段监控录像，未见异常" ;;
            esac
            case "$dow: $skip " in
            1:*" $w:cell "*) ;;
            1:*) R log --office "$o" --item R-CELL --date "$d" --staff "$a" --place "$((w + 1))号监室" \
                --result "巡视监室，内务整洁，未发现违禁品" ;;
            2:*) R log --office "$o" --item R-MAILBOX --date "$d" --staff "$p" \
                --result "开启检察官信箱，收到来信 $((w % 3)) 封" ;;
            3:*" $w:talk "*) ;;
            3:*) R log --office "$o" --item R-TALK --date "$d" --staff "$p" \
                --result "与新收押及即将出所人员个别谈话" ;;
            esac
            [ "$dow" = 3 ] || continue
            if [ "$kind" = detention_house ]; then
                R log --office "$o" --item D-CUSTODY --date "$d" --staff "$p" \
                    --result "核查羁押期限届满提示 $((w + 2)) 人，换押手续齐全"
                R log --office "$o" --item D-TIXUN --date "$d" --staff "$a" --result "抽查提讯提解登记，手续齐全"
                R log --office "$o" --item D-MGMT --date "$d" --staff "$a" --result "检查监管活动，未见混关混押"
            else
                R log --office "$o" --item P-JXZ --date "$d" --staff "$p" --result "审查拟提请减刑材料 $((w + 3)) 件"
            fi
        done
        w=$((w + 1))
    done
}
# a prison office whose assistant has served since 2021-06-01 (rotation due 2024-06-01), the
# city's 看守所 office, and the county 看守所 office with one person only
set -- $(office "ZJ-$PR1" "$PR1" 驻监狱检察室 2021-06-01 2021-06-01)
JP=$1 JA=$2
set -- $(office "ZK-$DHC" "$DHC" 驻看守所检察室 2024-01-02 2024-01-02)
KP=$1 KA=$2
set -- $(office "ZK-$DH" "$DH" 驻看守所检察室 2024-01-02 "")
CP=$1
duty "ZJ-$PR1" "$JP" "$JA" 2025-10-27 5 "1:4:cctv 3:2:cctv 4:talk 2:cell" prison
duty "ZK-$DHC" "$KP" "$KA" 2025-10-27 5 "2:talk 3:cell 4:0:cctv" detention_house
duty "ZK-$DH" "$CP" "" 2025-10-27 3 "0:talk 2:1:cctv" detention_house
R log --office "ZJ-$PR1" --item R-JXZ-MEETING --date 2025-11-12 --staff "$JP" --result "列席减刑假释评审会，审查 12 名罪犯"
R log --office "ZJ-$PR1" --item R-ANALYSIS --date 2025-10-29 --staff "$JP" --result "参加狱情分析会，提出加强夜间巡查意见"
R log --office "ZJ-$PR1" --item P-SCORING --date 2025-11-05 --staff "$JA" --place 五监区 \
    --result "抽查计分考核台账，发现一名罪犯考核分与奖惩记录不符"
R finding --log "$(q "SELECT log_id FROM res_logs WHERE item_id = 'P-SCORING' ORDER BY id DESC LIMIT 1")" \
    --desc "五监区罪犯计分考核分与奖惩记录不符，考核不实" --sub 计分考核不实
rf1=$(cat "$OUT/.res")
R dispose --finding "$rf1" --kind correction_notice --date 2025-11-10
I reply --disposition "$(sed 's/：.*//' "$OUT/.res")" --date 2025-11-20 --result adopted
R log --office "ZK-$DHC" --item D-INTERROGATION --date 2025-11-12 --staff "$KP" \
    --result "重大案件侦查终结前询问犯罪嫌疑人，核查讯问合法性，未发现刑讯逼供"
R log --office "ZK-$DHC" --item R-COMPLAINT --date 2025-11-05 --staff "$KP" \
    --result "受理在押人员控告：夜间值班人员未按规定巡视"
R finding --log "$(cat "$OUT/.res")" --desc "监室夜间巡视记录缺失，值班民警未按规定巡视" --category security
rf2=$(cat "$OUT/.res")
R dispose --finding "$rf2" --kind suggestion --date 2025-11-10
# the county office's gaps become findings about it in the city's 常规巡回检察 (arts. 15–16)
R audit --office "ZK-$DH" --plan P2025-R02 --from 2025-10-27 --to 2025-11-02 --date 2025-11-05
echo "  $(cat "$OUT/.res")"
R gaps --from 2025-10-27 --to 2025-11-30 --format json
echo "  派驻检察室 $(q "SELECT count(*) FROM res_offices") 个，工作日志 $(q "SELECT count(*) FROM res_logs") 条，" \
    "履职缺口 $(sed -n 's/^ "gaps": \([0-9]*\).*/\1/p' "$OUT/.res") 项（2025-10-27 至 2025-11-30）；问题 $rf1 $rf2"
rm -f "$OUT/.res"

# unanswered written dispositions are reported to the higher procuratorate (as of 2025-12-31)
I status --unit "$PROV" --date 2025-12-31 --record
echo "  escalated to the higher procuratorate: $(q "SELECT count(*) FROM insp_escalations")"
rm -f "$OUT/.insp"

# ---- 流程监控通知书 and 业绩考评 ----
# the 案件管理 office issues notices on stages overdue on 2025-06-30 whose deadline passed in
# the spring (at most 16, one per item); a third are answered by the case's handler, the rest
# escalate to the department head and then the 检察长. They count in the 业绩考评 (效率) of the
# handlers, beside the indicators, the weighted workload and the late and overdue stages.
echo
echo "== 流程监控通知书 / monitoring notices on overdue stages (2025-06-30)"
$ZX monitor --db "$DB" --as-of 2025-06-30 --status red --format table |
    awk 'NR > 1 && $6 >= "2025-03-01" && $6 <= "2025-06-20" && !seen[$1 " " $2 " " $3]++ {print $1, $2, $3}' |
    head -n 16 >"$OUT/.notices"
while read -r c p s; do
    if [ "$p" != - ]; then
        $ZX monitor notice issue --db "$DB" --case "$c" --person "$p" --stage "$s" --date 2025-06-30 --by 案件管理部门 >/dev/null
    else
        $ZX monitor notice issue --db "$DB" --case "$c" --stage "$s" --date 2025-06-30 --by 案件管理部门 >/dev/null
    fi
done <"$OUT/.notices"
$ZX monitor notice list --db "$DB" | awk -F'\t' 'NR % 3 == 1 && $5 != "-" {print $1, $5}' >"$OUT/.replies"
while read -r no h; do
    $ZX monitor notice reply --db "$DB" --no "$no" --by "$h" --date 2025-07-05 --text 已说明超期原因并完成整改 >/dev/null
done <"$OUT/.replies"
$ZX monitor notice escalate --db "$DB" --date 2025-07-11 >/dev/null
$ZX monitor notice escalate --db "$DB" --date 2025-07-21 >/dev/null
rm -f "$OUT/.notices" "$OUT/.replies"
echo "  $(q "SELECT count(*) FROM mon_notices") notices, $(q "SELECT count(*) FROM mon_notices WHERE replied_on IS NOT NULL") answered, $(q "SELECT count(*) FROM mon_notices WHERE chief_id IS NOT NULL") escalated to the 检察长"
echo "  业绩考评 2025 of $CITY: $($ZX evaluate --db "$DB" --unit "$CITY" --from 2025-01-01 --to 2025-12-31 |
    grep -c '"staff_id"') prosecutors evaluated (zhixiao evaluate --db $DB --unit $CITY --from 2025-01-01 --to 2025-12-31 --format table)"
# ---- 社会治理: 检察建议 in every state, hearings, 人民监督员 ----
# Suggestions of several counties: drafts, ones awaiting their reply (in time, within the last
# week, overdue and escalated — dated relative to today so the board shows every colour),
# replied awaiting the 回头看, closed, a 诉前 one refused and taken to a 公益诉讼, one failed at
# the 回头看; hearings of several types and 人民监督员 who took part.
echo
echo "== 社会治理：检察建议、听证、人民监督员 / suggestions, hearings, people's supervisors"
day() { date -u -d "$1 days" +%Y-%m-%d; } # today ± n days
S() { $ZX suggestion "$@" --db "$DB" | cut -f1; }
ADDR="某县生态环境局 某县市场监督管理局 某县教育局 某县自然资源局 某县交通运输局 某县卫生健康委员会"
PROB="辖区河道存在企业非法排污 校园周边食品经营存在安全隐患 部分中小学校未落实强制报告制度 非法占用耕地问题整改不到位 道路交通安全设施缺失 医疗机构违规处置医疗废物"
n=0
for U in $(q "SELECT unit_id FROM units WHERE level = 4 ORDER BY id LIMIT 6"); do
    n=$((n + 1))
    CS=$(q "SELECT group_concat(case_id, ' ') FROM (SELECT case_id FROM v_cases WHERE unit_id = '$U'
            AND closed_on LIKE '2025-%' ORDER BY case_id LIMIT 6)")
    set -- $CS
    [ $# -ge 6 ] || continue
    to=$(echo "$ADDR" | cut -d' ' -f"$n")
    pb=$(echo "$PROB" | cut -d' ' -f"$n")
    mk() { # CASE KIND DATE → a draft's number
        S draft --case "$1" --kind "$2" --addressee "$to" --problem "$pb" \
            --basis "《中华人民共和国人民检察院组织法》第二十一条" --measures "依法开展专项整治并建立长效机制" --date "$3" --by demo
    }
    mk "$1" social_governance "$(day -3)" >/dev/null # a draft
    a=$(mk "$1" social_governance 2025-02-10)         # closed after the 回头看
    S issue --no "$a" --date 2025-02-14 --by demo >/dev/null
    S reply --no "$a" --result rectified --text 已完成整改 --date 2025-04-01 --by demo >/dev/null
    S followup --no "$a" --result rectified --text 回头看：整改到位 --date 2025-07-01 --by demo >/dev/null
    b=$(mk "$2" enforcement 2025-05-06)                # replied, awaiting the 回头看
    S issue --no "$b" --date 2025-05-08 --by demo >/dev/null
    S reply --no "$b" --result adopted --text 采纳并部署整改 --date 2025-06-30 --by demo >/dev/null
    c=$(mk "$3" social_governance "$(day -12)")        # awaiting the reply, in time
    S issue --no "$c" --date "$(day -10)" --by demo >/dev/null
    d=$(mk "$4" trial "$(day -58)")                    # awaiting the reply, in the last week
    S issue --no "$d" --date "$(day -57)" --by demo >/dev/null
    e=$(mk "$5" other "$(day -95)")                    # overdue: escalated
    S issue --no "$e" --date "$(day -90)" --by demo >/dev/null
    p=$(mk "$6" pre_litigation 2025-03-03)             # 诉前: refused, then a 公益诉讼
    S issue --no "$p" --date 2025-03-05 --by demo >/dev/null
    if [ $((n % 2)) -eq 1 ]; then
        S reply --no "$p" --result rejected --text 认为不属于本单位职责 --date 2025-04-28 --by demo >/dev/null
        S litigate --no "$p" --date 2025-06-10 --by demo >/dev/null
    else # rectification claimed, not found at the 回头看: awaits the suit
        S reply --no "$p" --result rectified --text 已整改 --date 2025-04-30 --by demo >/dev/null
        S followup --no "$p" --result not_rectified --text 回头看发现问题反弹 --date 2025-08-15 --by demo >/dev/null
    fi
    $ZX hearing add --db "$DB" --case "$1" --date 2025-04-10 --type non_prosecution \
        --participants "听证员三名、被害人、辩护律师" --opinions 听证员一致同意相对不起诉 \
        --outcome 作出相对不起诉决定 --followed yes --by demo >/dev/null
    $ZX hearing add --db "$DB" --case "$2" --date 2025-06-18 --type custody_review \
        --participants "听证员三名、犯罪嫌疑人及其辩护人、侦查人员" --opinions 建议变更强制措施 \
        --outcome 继续羁押 --followed no --by demo >/dev/null
    $ZX supervisor add --db "$DB" --case "$1" --name "人民监督员$n号" --date 2025-04-10 \
        --activity hearing --opinion 听证程序规范，同意不起诉 --by demo >/dev/null
done
$ZX suggestion escalate --db "$DB" --date "$(day 0)" --by demo >/dev/null
echo "  检察建议 $(q "SELECT group_concat(status || ' ' || n, '，') FROM (SELECT status, count(*) n FROM gov_suggestions GROUP BY status)")"
echo "  听证 $(q "SELECT count(*) FROM gov_hearings") 次，人民监督员 $(q "SELECT count(*) FROM gov_supervisions") 人次"
# ---- 案件质量评查 and 办案瑕疵积分: plans of each kind over the cases closed in 2025-01..09,
# reviews of many grades with flaws, 异议 answered and pending, so the pages 质量评查 and
# 瑕疵积分 (year 2025) have content. The demo prosecutor (scripts/demo-serve.sh: the county's
# staff member with most cases) has reviewed cases of their own ----
echo
echo "== 案件质量评查 / quality review plans and reviews"
COUNTY=$(q "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.unit_id = '$CITY' ORDER BY u.id LIMIT 1")
PSTAFF=$(q "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid JOIN cases c ON c.handler_rid = s.id
            WHERE u.unit_id = '$COUNTY' GROUP BY s.id ORDER BY count(*) DESC LIMIT 1")
PDEPT=$(q "SELECT department FROM staff WHERE staff_id = '$PSTAFF'")
QP() { $ZX quality plan --db "$DB" --by analyst --date 2025-10-09 --from 2025-01-01 --to 2025-09-30 "$@" | cut -f1; }
QR=$(QP --kind routine --unit "$PROV" --ratio 2% --title 2025年前三季度常规抽查)
QF=$(QP --kind focus --unit "$CITY" --title 2025年前三季度重点评查)
QS=$(QP --kind special --unit "$COUNTY" --department "$PDEPT" --title "$PDEPT专项评查")
G() { # plan case day findings…: grade, print the review id
    plan=$1 c=$2 day=$3
    shift 3
    $ZX quality grade --db "$DB" --plan "$plan" --case "$c" --reviewer reviewer --date "2025-11-$day" "$@" | cut -f1
}
i=0
for c in $($ZX quality sample --db "$DB" --plan "$QR" | cut -f1 | head -n 36); do
    d=$(printf '%02d' $((i % 20 + 3)))
    case $((i % 6)) in
    0) G "$QR" "$c" "$d" --notes 证据扎实，文书规范 >/dev/null ;;
    1) G "$QR" "$c" "$d" --excellent --notes 释法说理充分，办案效果好 >/dev/null ;;
    2) G "$QR" "$c" "$d" --finding documents.drafting=flaw:W03:起诉书错别字 >/dev/null ;;
    3) G "$QR" "$c" "$d" --finding evidence.collection=flaw:H01 --finding procedure.system=flaw:S01 >/dev/null ;;
    4) G "$QR" "$c" "$d" --finding law.measures=error:M03:羁押期限届满未及时变更 >/dev/null ;;
    5) G "$QR" "$c" "$d" --finding evidence.collection=flaw:H01 --finding facts.crime=flaw:H02 \
        --finding law.charge=flaw:H03 --finding documents.drafting=flaw:W01 \
        --finding documents.file=flaw:F01 >/dev/null ;;
    esac
    i=$((i + 1))
done
i=0
for c in $($ZX quality sample --db "$DB" --plan "$QF" | cut -f1 | head -n 12); do
    d=$(printf '%02d' $((i + 5)))
    if [ $((i % 3)) -eq 0 ]; then G "$QF" "$c" "$d" --finding procedure.deadline=flaw:D03 >/dev/null
    else G "$QF" "$c" "$d" >/dev/null; fi
    i=$((i + 1))
done
# the demo prosecutor's own cases: a 异议 answered (grade changed), one pending, flaws over 30
set -- $($ZX quality sample --db "$DB" --plan "$QS" | awk -F'\t' -v s="$PSTAFF" '$2 == s {print $1}' | head -n 3)
if [ $# -ge 3 ]; then
    r1=$(G "$QS" "$1" 10 --finding evidence.collection=flaw:H01 --finding reasoning.explain=flaw:H05:不起诉理由说理不足)
    r2=$(G "$QS" "$2" 12 --finding facts.circumstances=flaw:H02 --finding law.sentencing=flaw:H04)
    G "$QS" "$3" 14 --finding law.charge=flaw:H03 --finding law.measures=flaw:M03 \
        --finding documents.drafting=flaw:W02 >/dev/null
    $ZX quality object --db "$DB" --review "$r1" --by "$PSTAFF" --date 2025-11-17 --text 该案已在审查报告中充分说理，请复核
    $ZX quality respond --db "$DB" --review "$r1" --by reviewer --date 2025-11-24 --text 经复核，审查报告说理充分，改为合格 --grade 合格
    $ZX quality object --db "$DB" --review "$r2" --by "$PSTAFF" --date 2025-11-20 --text 量刑情节已在卷宗中认定
fi
echo "  plans: $($ZX quality plans --db "$DB" | awk -F'\t' '{printf "%s %s %s件; ", $1, $2, $6}')"
echo "  reviews: $(q "SELECT count(*) FROM qr_reviews"), by grade: $(q "SELECT group_concat(grade || ' ' || n, ', ') FROM (SELECT grade, count(*) n FROM qr_reviews GROUP BY grade)")"
# ---- 犯罪记录封存 and 社会危险性评估 ----
echo
echo "== 犯罪记录封存（刑诉法第二百八十六条）/ sealing minors' records"
$ZX seal apply --db "$DB"
echo "== 社会危险性评估校准报告 / the social-danger calibration report (2024)"
$ZX danger report --db "$DB" --from 2024-01-01 --to 2024-12-31 | sed -n '1,6p'
# ---- 大数据法律监督: the external datasets registered, every model run, leads worked ----
echo
echo "== 大数据法律监督 / datasets, models and leads"
for s in "$OUT/bundle/datasets"/*.schema.json; do
    n=$(basename "$s" .schema.json)
    $ZX dataset add --db "$DB" --file "$OUT/bundle/datasets/$n.csv" --schema "$s" --unit "$PROV"
done
for m in $($ZX model list | tail -n +2 | cut -d, -f1); do
    $ZX model run --db "$DB" --model "$m" --as-of 2025-11-30
done
# a few leads worked through: a 检察建议 rectified, a 纠正违法 pending, one unfounded, one assigned
lead() { $ZX lead list --db "$DB" --model "$1" --status new | sed -n 2p | cut -d, -f1,4; }
staff1() { q "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid WHERE u.unit_id = '$1'
              ORDER BY s.id LIMIT 1"; }
work() { # model finding event result reply
    l=$(lead "$1")
    [ -n "$l" ] || return 0
    id=${l%%,*}
    $ZX lead assign --db "$DB" "$id" --to "$(staff1 "${l#*,}")" --date 2025-12-03 >/dev/null
    [ "$2" = none ] && return 0
    $ZX lead verify --db "$DB" "$id" --finding "$2" --notes "调取原始凭证并实地核查" --attach "核查报告 1 份" --date 2025-12-10 >/dev/null
    if [ "$2" = unfounded ]; then
        $ZX lead close --db "$DB" "$id" --note "数据登记错误" --date 2025-12-11 >/dev/null
        return 0
    fi
    $ZX lead case --db "$DB" "$id" --event "$3" --result "$4" --date 2025-12-15 >/dev/null
    [ -n "$5" ] && $ZX lead reply --db "$DB" "$id" --result "$5" --date 2025-12-29 >/dev/null
    return 0
}
work pension_in_custody confirmed suggestion social_governance rectified
work paid_while_serving confirmed suggestion social_governance ""
work delivery_overdue confirmed correction_notice custody adopted
work cc_missed_report unfounded "" "" ""
work cc_unlicensed_driving none "" "" ""
$ZX lead stats --db "$DB" | head -5
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

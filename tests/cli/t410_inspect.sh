# inspect: a circuit inspection (巡回检察) from plan to rectification on a generated tiny
# bundle — §4.1 checks, every deadline on its due day and the day after, escalation to the
# higher procuratorate, feedback, the 整改 follow-up, coverage gaps, statistics, the
# indicators seeing the notices, and the 巡回检察报告 workbook.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 7 >/dev/null
$ZX import "$T/b" --db "$T/z.db" >/dev/null
D="--db $T/z.db"
# the dispatched procuratorate that supervises the province's first prisons, its staff
read -r UNIT PRISON <<EOF
$(awk -F, '$3 == "prison" { print $4, $1; exit }' "$T/b/institutions.csv")
EOF
PRISON2=$(awk -F, -v u="$UNIT" '$3 == "prison" && $4 == u { n++; if (n == 2) print $1 }' "$T/b/institutions.csv")
STAFF=$(awk -F, -v u="$UNIT" '$2 == u { print $1 }' "$T/b/staff.csv" | head -10 | paste -sd, -)
LEAD=${STAFF%%,*}
PARENT=$(awk -F, -v u="$UNIT" '$1 == u { print $4 }' "$T/b/units.csv")
PROV=$(awk -F, 'NR == 2 { print $1 }' "$T/b/units.csv")
[ -n "$PRISON2" ] && [ -n "$PARENT" ] || fail "the tiny bundle has no unit with two prisons"
# 纠正违法采纳率 of the unit before the inspection: numerator and denominator
ind() {
    $ZX indicators $D --unit "$UNIT" --from 2024-03-01 --to 2024-06-30 \
        --indicator correction_adoption_rate --format csv |
        awk -F, -v u="$UNIT" '$1 == "correction_adoption_rate" && $3 == u { print $7, $8 }'
}
read -r NUM0 DEN0 <<EOF
$(ind)
EOF

# plan: at the §4.1 limits it passes; one day short it is flagged (and still stored)
expect_exit 0 $ZX inspect plan $D --id P1 --unit "$UNIT" --type routine --institution "$PRISON" \
    --from 2024-03-01 --to 2024-03-15 --onsite 10 --lead "$LEAD" --member "$STAFF"
grep -q "team of 10" "$T/out" || fail "team not counted: $(cat "$T/out")"
grep -q "符合" "$T/out" || fail "a plan at the limits is flagged"
expect_exit 1 $ZX inspect plan $D --id P2 --unit "$UNIT" --type routine --institution "$PRISON2" \
    --from 2024-03-01 --to 2024-03-14 --onsite 9 --lead "$LEAD" --member "$STAFF"
grep -q "XH2021-4.1-routine-prison-duration" "$T/out" || fail "short plan not flagged"
grep -q "XH2021-4.1-routine-prison-onsite" "$T/out" || fail "short on-site not flagged"
grep -q "巡回检察工作规定" "$T/out" || fail "no citation"
expect_exit 2 $ZX inspect plan $D --id P1 --unit "$UNIT" --type routine --institution "$PRISON" \
    --from 2024-03-01 --to 2024-03-15 --onsite 10 --lead "$LEAD"
expect_exit 0 $ZX inspect check $D --plan P1 --item 3
expect_exit 2 $ZX inspect check $D --plan P1 --item 99
[ "$(sqlite3 "$T/z.db" "SELECT group_concat(done, '') FROM insp_checklist c JOIN insp_plans p ON p.id = c.plan_rid WHERE p.plan_id = 'P1'")" = "00100000000" ] ||
    fail "checklist"
ok "plan: §4.1 limits checked, duplicates refused"

# findings and dispositions
expect_exit 0 $ZX inspect finding $D --plan P1 --institution "$PRISON" --category commutation_parole \
    --sub 减刑间隔不足 --desc "罪犯甲两次减刑间隔不足一年" --evidence "减刑裁定书、计分考核台账" --date 2024-03-10
F1=$(cat "$T/out")
expect_exit 0 $ZX inspect finding $D --plan P1 --institution "$PRISON" --category 监管安全 \
    --desc "监区发现违禁品" --date 2024-03-11
F2=$(cat "$T/out")
expect_exit 2 $ZX inspect finding $D --plan P1 --institution "$PRISON" --category nonsense --desc x --date 2024-03-11
expect_exit 0 $ZX inspect dispose $D --finding "$F1" --kind correction_notice --date 2024-03-20
N1=$(cut -f1 "$T/out")
grep -q "reply due 2024-04-04" "$T/out" || fail "notice due date: $(cat "$T/out")"
expect_exit 0 $ZX inspect dispose $D --finding "$F2" --kind suggestion --date 2024-03-31
S1=$(cut -f1 "$T/out")
grep -q "reply due 2024-05-31" "$T/out" || fail "suggestion due date: $(cat "$T/out")"
ok "findings and dispositions ($N1 due 2024-04-04, $S1 due 2024-05-31)"

# deadlines: due day open, the day after overdue and escalated to the parent procuratorate
expect_exit 0 $ZX inspect status $D --plan P1 --date 2024-04-04
grep "$N1 " "$T/out" | grep -q "未到期" || fail "notice overdue on its due day"
expect_exit 1 $ZX inspect status $D --plan P1 --date 2024-04-05
grep "$N1 " "$T/out" | grep -q "已逾期.*escalated to $PARENT" || fail "notice not escalated: $(cat "$T/out")"
grep "$S1 " "$T/out" | grep -q "未到期" || fail "suggestion overdue early"
expect_exit 1 $ZX inspect status $D --plan P1 --date 2024-06-01 --record
grep "$S1 " "$T/out" | grep -q "escalated to $PARENT" || fail "suggestion not escalated"
n=$(sqlite3 "$T/z.db" "SELECT COUNT(*) FROM insp_escalations WHERE to_unit_id = '$PARENT'")
[ "$n" -eq 2 ] || fail "escalations recorded: $n"
ok "deadlines at their boundaries, escalation recorded"

# replies (events answering the notices), feedback, follow-up with rectification
expect_exit 0 $ZX inspect reply $D --disposition "$N1" --date 2024-04-08 --result adopted
expect_exit 2 $ZX inspect reply $D --disposition "$N1" --date 2024-04-09 --result adopted
expect_exit 0 $ZX inspect reply $D --disposition "$S1" --date 2024-05-30 --result rectified
expect_exit 0 $ZX inspect feedback $D --plan P1 --date 2024-04-14
grep -q "on time" "$T/out" || fail "feedback on the 30th day is late"
expect_exit 1 $ZX inspect feedback $D --plan P2 --date 2024-04-14
grep -q "LATE" "$T/out" || fail "feedback on the 31st day is on time"
expect_exit 0 $ZX inspect followup $D --plan P1 --id P1-FU --from 2024-06-15 --to 2024-06-17 \
    --onsite 3 --lead "$LEAD" --member "$STAFF" --rectified all
grep -q "on time" "$T/out" || fail "follow-up on the due day is late: $(cat "$T/out")"
grep -q "2 finding(s) of P1 confirmed rectified on 2024-06-17" "$T/out" || fail "not rectified"
expect_exit 0 $ZX inspect status $D --plan P1 --date 2024-07-01
grep -q "followup  due 2024-06-15  已办结" "$T/out" || fail "follow-up status: $(cat "$T/out")"
grep "$N1 " "$T/out" | grep -q "已办结.*late" || fail "late reply not marked"
ok "replies, feedback within 30 days, follow-up within 3 months"

v=$(sqlite3 "$T/z.db" "SELECT group_concat(type || ':' || COALESCE(result, '') || ':' || COALESCE(ref_event_id, ''), ' ')
    FROM (SELECT * FROM v_events WHERE case_id = 'INSP-P1' ORDER BY date, event_id)")
[ "$v" = "correction_notice:execution: suggestion:execution: correction_reply:adopted:$N1 suggestion_reply:rectified:$S1" ] ||
    fail "events: $v"
c=$(sqlite3 "$T/z.db" "SELECT line, business, kind, source, handler_id FROM v_cases WHERE case_id = 'INSP-P1'")
[ "$c" = "criminal|execution|by_authority|self_discovered|$LEAD" ] || fail "case: $c"
read -r NUM1 DEN1 <<EOF
$(ind)
EOF
[ "$NUM1" -eq $((NUM0 + 1)) ] && [ "$DEN1" -eq $((DEN0 + 1)) ] ||
    fail "纠正违法采纳率 $NUM0/$DEN0 -> $NUM1/$DEN1, expected one more of each"
ok "events and case written; 纠正违法采纳率 counts the notice"

# coverage: the second prison has only a flagged plan (it counts); the others are gaps
expect_exit 1 $ZX inspect coverage $D --unit "$UNIT" --year 2024
grep "^$PRISON " "$T/out" | grep -q " ok" || fail "inspected prison flagged"
grep -q "GAP" "$T/out" || fail "no gap flagged"
grep -q "^cross .*0 of [0-9]* prisons.*GAP" "$T/out" || fail "cross gap not flagged"
ok "coverage table with gaps"

expect_exit 0 $ZX inspect stats $D --unit "$PROV" --period 2024 --date 2024-12-31
grep -q "3 inspections, 2 institutions inspected, 2 categories (2 kinds), 2 problems, 2 rectified" "$T/out" ||
    fail "stats: $(cat "$T/out")"
ok "statistics"

expect_exit 0 $ZX inspect report $D --plan P1 --out "$T/r.xlsx" --date 2024-07-01
python3 - "$T/r.xlsx" <<'PY' || fail "report workbook"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert names == ["巡回检察报告", "问题清单", "处置与回复", "检察清单", "分类统计"], names
ss = z.read("xl/sharedStrings.xml").decode()
for s in ["常规巡回检察报告", "纠正违法通知书", "减刑间隔不足", "已办结"]:
    assert s in ss, s
print("sheets:", " ".join(names))
PY
ls "$T" | grep -q "r.xlsx.tmp" && fail "temporary file left"
ok "巡回检察报告 workbook"

# resident: 派驻检察 — an office at a detention house records a week of duty against its
# checklist and sees its gaps; the office rules on their boundaries (11 vs 12 working days on
# site in a month; rotation on the day 3 years end and the day after; 2 persons with a
# procurator); a finding becomes a 纠正违法通知书 with the inspection flow's deadline and
# escalation; a circuit inspection pulls the office's records (art. 28) and records its gaps
# as findings about the office (arts. 15–16); the ledger holds every act.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 7 >/dev/null
$ZX import "$T/b" --db "$T/z.db" >/dev/null
D="--db $T/z.db"
# a detention house, the unit supervising it, two procurators and two assistants of that unit
read -r HOUSE UNIT <<EOF
$(awk -F, '$3 == "detention_house" { print $1, $4; exit }' "$T/b/institutions.csv")
EOF
PRISON=$(awk -F, '$3 == "prison" { print $1; exit }' "$T/b/institutions.csv")
PUNIT=$(awk -F, '$3 == "prison" { print $4; exit }' "$T/b/institutions.csv")
role() { awk -F, -v u="$1" -v r="$2" '$2 == u && $5 == r { print $1 }' "$T/b/staff.csv" | sed -n "${3}p"; }
P1=$(role "$UNIT" prosecutor 1)
P2=$(role "$UNIT" prosecutor 2)
A1=$(role "$UNIT" assistant 1)
A2=$(role "$UNIT" assistant 2)
PP=$(role "$PUNIT" prosecutor 1)
PA=$(role "$PUNIT" assistant 1)
[ -n "$P2" ] && [ -n "$A2" ] && [ -n "$PP" ] && [ -n "$PA" ] || fail "the tiny bundle lacks staff"
json() { python3 -c "import json,sys; d=json.load(open('$T/out')); print($1)"; }

# the checklist: every item has its article and frequency; both kinds of institution
expect_exit 0 $ZX resident checklist --format json
[ "$(json "len([i for i in d['items'] if i['kind']=='detention_house'])")" -ge 6 ] || fail "few detention-house items"
[ "$(json "all(i['article'] and i['source'] and i['frequency'] for i in d['items'])")" = True ] || fail "an item without its basis"
[ "$(json "d['office_rules']['min_days_month']")" = 12 ] || fail "the 12-day rule"
expect_exit 0 $ZX resident checklist --kind prison
grep -q "P-SCORING" "$T/out" && ! grep -q "D-TIXUN" "$T/out" || fail "prison checklist: $(cat "$T/out")"
ok "checklist as data"

# the office: opened with its procurator in charge; an assistant joins
expect_exit 0 $ZX resident office $D --id K1 --unit "$UNIT" --institution "$HOUSE" --name 驻看守所检察室 \
    --date 2025-01-02 --lead "$P1"
expect_exit 0 $ZX resident assign $D --office K1 --staff "$A1" --date 2025-01-02
expect_exit 2 $ZX resident office $D --id K9 --unit "$UNIT" --institution NOPE --name x --date 2025-01-02 --lead "$P1"
grep -q "NOPE" "$T/err" || fail "unknown institution: $(cat "$T/err")"
expect_exit 2 $ZX resident log $D --office K1 --item P-SCORING --date 2025-03-03 --staff "$P1" --result x
grep -q "not an item of the detention-house checklist" "$T/err" || fail "prison item accepted at a detention house"
ok "office opened"

# a week of duty (2025-03-03 Monday .. 03-09 Sunday): CCTV every working day but Friday,
# a cell visit and a mailbox; no talk, no 提讯提解, no custody-period check
for d in 03 04 05 06; do
    expect_exit 0 $ZX resident log $D --office K1 --item R-CCTV --date 2025-03-$d --staff "$P1" \
        --place 监区一 --result 抽查夜间监控录像未见异常
done
expect_exit 0 $ZX resident log $D --office K1 --item R-CELL --date 2025-03-04 --staff "$A1" \
    --place 3号监室 --result 巡视监室发现违禁品打火机一个
CELL=$(cat "$T/out")
expect_exit 0 $ZX resident log $D --office K1 --item R-MAILBOX --date 2025-03-07 --staff "$A1" --result 开启信箱收到来信两封
expect_exit 1 $ZX resident gaps $D --office K1 --from 2025-03-03 --to 2025-03-09 --format json
gaps() { json "sorted(set(g['item'] or g['kind'] for o in d['offices'] for g in o['gaps']))"; }
[ "$(json "[(i['expected'], i['done']) for o in d['offices'] for i in o['items'] if i['item']=='R-CCTV'][0]")" = "(5, 4)" ] ||
    fail "CCTV: 5 working days, 4 done: $(cat "$T/out")"
G=$(gaps)
for want in R-CCTV R-TALK D-TIXUN D-CUSTODY D-MGMT; do
    echo "$G" | grep -q "'$want'" || fail "gap $want missing: $G"
done
for never in R-CELL R-MAILBOX R-DUTY staff procurator days; do
    echo "$G" | grep -q "'$never'" && fail "false gap $never: $G"
done
[ "$(json "[g['from'] for o in d['offices'] for g in o['gaps'] if g['item']=='R-CCTV']")" = "['2025-03-07']" ] ||
    fail "the CCTV gap is Friday: $(cat "$T/out")"
ok "a week of duty and its gaps"

# days on site (XH2021 art. 17): April 2025 with 11 working days on site is a breach, 12 is not
days() { $ZX resident gaps $D --office K1 --from 2025-04-01 --to 2025-04-30 --format json >"$T/out" 2>"$T/err" || true; json "[g['count'] for o in d['offices'] for g in o['gaps'] if g['kind']=='days']"; }
for d in 01 02 03 04 07 08 09 10 11 14 15; do
    $ZX resident log $D --office K1 --item R-DUTY --date 2025-04-$d --staff "$P1" --result 在岗 >/dev/null
done
$ZX resident log $D --office K1 --item R-DUTY --date 2025-04-05 --staff "$P1" --result 周六值班 >/dev/null
[ "$(days)" = "[11]" ] || fail "11 working days (a Saturday does not count) must be a breach: $(days)"
$ZX resident log $D --office K1 --item R-DUTY --date 2025-04-16 --staff "$P1" --result 在岗 >/dev/null
[ "$(days)" = "[]" ] || fail "12 working days is enough: $(days)"
ok "days on site: 11 breach, 12 not"

# staffing: a second office with one assistant only — no procurator and one person
expect_exit 0 $ZX resident office $D --id J1 --unit "$PUNIT" --institution "$PRISON" --name 驻监狱检察室 \
    --date 2021-03-01 --lead "$PP"
expect_exit 0 $ZX resident assign $D --office J1 --staff "$PA" --date 2021-03-01
expect_exit 0 $ZX resident assign $D --office J1 --staff "$PP" --until 2024-01-31
expect_exit 1 $ZX resident gaps $D --office J1 --from 2024-01-01 --to 2024-02-29 --format json
[ "$(json "[(g['from'], g['to'], g['count']) for o in d['offices'] for g in o['gaps'] if g['kind'] in ('staff','procurator')]")" = \
    "[('2024-02-01', '2024-02-29', 1), ('2024-02-01', '2024-02-29', 0)]" ] || fail "staffing: $(cat "$T/out")"
expect_exit 0 $ZX resident assign $D --office J1 --staff "$PP" --date 2024-03-01
# rotation: the assistant assigned 2021-03-01 may stay through 2024-03-01, not 2024-03-02
rot() { $ZX resident gaps $D --office J1 --from 2024-03-01 --to "$1" --format json >"$T/out" 2>"$T/err" || true; json "[(g['staff_id'], g['from']) for o in d['offices'] for g in o['gaps'] if g['kind']=='rotation']"; }
[ "$(rot 2024-03-01)" = "[]" ] || fail "rotation on the day 3 years end: $(rot 2024-03-01)"
[ "$(rot 2024-03-02)" = "[('$PA', '2024-03-02')]" ] || fail "rotation the day after: $(rot 2024-03-02)"
ok "staffing and rotation on their boundaries"

# a finding from the cell visit becomes a 纠正违法通知书: 15 days, then overdue and escalated
expect_exit 0 $ZX resident finding $D --log "$CELL" --desc 监室内发现打火机，安全检查不到位
F=$(cat "$T/out")
[ "$F" = "INSP-RES-K1-F1" ] || fail "finding id: $F"
[ "$(sqlite3 "$T/z.db" "SELECT category FROM insp_findings WHERE finding_id='$F'")" = security ] || fail "category from the item"
[ "$(sqlite3 "$T/z.db" "SELECT finding_id FROM res_logs WHERE log_id='$CELL'")" = "$F" ] || fail "log not linked"
expect_exit 0 $ZX resident dispose $D --finding "$F" --kind correction_notice --date 2025-03-05
grep -q "2025-03-20" "$T/out" || fail "15 days: $(cat "$T/out")"
expect_exit 0 $ZX inspect status $D --plan RES-K1 --date 2025-03-20
grep -q "resident" "$T/out" || fail "the office's record is marked: $(cat "$T/out")"
expect_exit 1 $ZX inspect status $D --plan RES-K1 --date 2025-03-21 --record
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM insp_escalations e JOIN insp_dispositions d ON d.id=e.disp_rid WHERE d.finding_rid=(SELECT id FROM insp_findings WHERE finding_id='$F')")" = 1 ] ||
    fail "overdue notice not escalated"
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM events WHERE event_id='INSP-RES-K1-D1' AND type=(SELECT value FROM vocab WHERE vocab='event_type' AND code='correction_notice')")" = 1 ] ||
    fail "the notice is not an event the indicators count"
ok "finding, 纠正违法通知书, escalation"

# a circuit inspection of the house: the office's records first (art. 28) ...
expect_exit 0 $ZX resident brief $D --institution "$HOUSE" --from 2025-03-01 --to 2025-03-31 --date 2025-03-31 --format json
[ "$(json "(d['offices'], d['entries'], d['findings'], d['dispositions']['correction_notice'], d['overdue'])")" = "(1, 6, 1, 1, 1)" ] ||
    fail "brief: $(cat "$T/out")"
# ... then its gaps become the inspection's findings about the office (arts. 15–16)
expect_exit 0 $ZX inspect plan $D --id XH1 --unit "$UNIT" --type routine --institution "$HOUSE" --kind detention_house \
    --from 2025-04-01 --to 2025-04-09 --onsite 5 --lead "$P2" --member "$A2"
# planning shows the office's records of the year before (2024-04-01 .. 2025-03-31)
grep "K1" "$T/out" | grep "2024-04-01" | grep "2025-03-31" | grep -E "6 log entries|工作日志 6 条" |
    grep -Eq "1 correction notices, 0 suggestions, 1 overdue|纠正违法通知书 1、检察建议书 0，逾期未回复 1" ||
    fail "no art. 28 pull when planning: $(cat "$T/out")"
expect_exit 0 $ZX resident audit $D --office K1 --plan XH1 --from 2025-03-03 --to 2025-03-09 --date 2025-04-02
N=$(sqlite3 "$T/z.db" "SELECT count(*) FROM insp_findings f JOIN insp_plans p ON p.id=f.plan_rid WHERE p.plan_id='XH1' AND f.category='resident_office'")
[ "$N" -ge 5 ] || fail "audit recorded $N findings"
sqlite3 "$T/z.db" "SELECT description FROM insp_findings WHERE sub LIKE '%R-CCTV%'" | grep -q "应检 5 次，缺 1 次" ||
    fail "CCTV finding: $(sqlite3 "$T/z.db" "SELECT description FROM insp_findings WHERE sub LIKE '%R-CCTV%'")"
# the office's standing record is not an inspection in coverage or statistics
expect_exit 0 $ZX inspect stats $D --unit "$UNIT" --from 2021-01-01 --to 2025-12-31 --date 2025-12-31
grep -q "INSP-RES\|RES-K1" "$T/out" && fail "the office counted as an inspection"
ok "art. 28 brief and arts. 15–16 audit"

# every act is in the ledger and the chain verifies
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl='res_logs'")" -ge 20 ] || fail "log entries not in the ledger"
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl IN ('res_offices','res_staff')")" -ge 6 ] || fail "offices/staff not in the ledger"
expect_exit 0 $ZX audit verify $D
grep -q "ledger intact" "$T/out" || fail "ledger: $(cat "$T/out")"
expect_exit 0 $ZX resident list $D --office K1 --format json
[ "$(json "d['offices'][0]['findings'][0]['dispositions'][0]['kind']")" = correction_notice ] || fail "list"
ok "ledger and list"

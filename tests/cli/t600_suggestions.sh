# 检察建议 as a workflow (zhixiao suggestion …): the 2-month reply deadline by C4 month
# arithmetic at month ends and in leap years, the deadline colour the day before, on and after
# its edges, escalation to the department head then the 检察长 (each once, on the right day),
# reply → 回头看 → closed, a failed 诉前 suggestion → 公益诉讼, refusals with their reasons, the
# contract events each step writes (ref_event_id on the reply) and the adoption indicators
# they move, the ledger, the printable 检察建议书.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 11 >/dev/null
$ZX import "$T/b" --db "$T/z.db" --quiet >/dev/null || [ $? -eq 1 ]
DB="$T/z.db"
q() { sqlite3 "$DB" "$1"; }
# a case of county U470102 and one of another county
C=$(q "SELECT case_id FROM v_cases WHERE unit_id = 'U470102' ORDER BY case_id LIMIT 1")
[ -n "$C" ] || fail "no case in U470102"

draft() { # KIND DATE → the new number
    $ZX suggestion draft --db "$DB" --case "$C" --kind "$1" --addressee 某县生态环境局 \
        --problem 辖区河道存在非法排污 --basis 行政诉讼法第二十五条第四款 --measures 依法查处并整改 \
        --date "$2" --by pros | cut -f1
}
issue() { # NO DATE [extra…] → the reply due day
    n=$1 d=$2
    shift 2
    $ZX suggestion issue --db "$DB" --no "$n" --date "$d" --by pros "$@" | cut -f7
}
due_of() { # KIND-less check: DATE WANT [PERIOD]
    n=$(draft social_governance "$1")
    if [ -n "${3:-}" ]; then got=$(issue "$n" "$1" --period "$3"); else got=$(issue "$n" "$1"); fi
    [ "$got" = "$2" ] || fail "issued $1${3:+ ($3)}: reply due $got, want $2"
}
# RULE F1 + C4: two months to the same day; the last day of a month to the last day; a
# missing day to the month's last day
due_of 2025-01-15 2025-03-15
due_of 2024-01-31 2024-03-31   # last day of January → last day of March
due_of 2023-12-31 2024-02-29   # → February of a leap year
due_of 2024-12-31 2025-02-28   # → February of a common year
due_of 2023-12-29 2024-02-29   # day 29 exists in February 2024
due_of 2024-12-29 2025-02-28   # … but not in February 2025
due_of 2024-02-29 2024-04-30   # leap day is February's last: April's last
due_of 2024-06-30 2024-08-31   # June's last day → August's last day
due_of 2025-01-30 2025-02-28 1m # an urgent, shorter period: day 30 missing in February
due_of 2025-03-10 2025-03-25 15d
# a unit's own period (zhixiao monitor period) is inherited below and used here, and the
# 流程监控 of the case watches the same deadline
$ZX monitor period set --db "$DB" --unit U470100 --stage suggestion_reply --value 1m
n=$(draft social_governance 2025-01-31)
[ "$(issue "$n" 2025-01-31)" = 2025-02-28 ] || fail "the unit's 1-month period"
$ZX monitor --db "$DB" --as-of 2025-02-10 --format table | grep "^$C " | grep -q "suggestion_reply .*2025-01-31 2025-02-28" ||
    fail "流程监控 does not watch $n with the same deadline"
$ZX monitor period clear --db "$DB" --unit U470100 --stage suggestion_reply
ok "reply deadline: two months by C4 (month ends, leap years), a shorter period when urgent"

# the deadline colour of one suggestion issued 2025-01-15, due 2025-03-15 (W = 7 days)
N=$(draft other 2025-01-15)
issue "$N" 2025-01-15 >/dev/null
watch() { $ZX suggestion list --db "$DB" --as-of "$1" | awk -F'\t' -v n="$N" '$1 == n {print $10}'; }
[ "$(watch 2025-03-07)" = open ] || fail "8 days before: $(watch 2025-03-07)"
[ "$(watch 2025-03-08)" = yellow ] || fail "7 days before: $(watch 2025-03-08)"
[ "$(watch 2025-03-15)" = yellow ] || fail "on the deadline: $(watch 2025-03-15)"
[ "$(watch 2025-03-16)" = red ] || fail "the day after: $(watch 2025-03-16)"
$ZX suggestion list --db "$DB" --as-of 2025-03-16 --status red | grep -q "^$N	" || fail "--status red"
ok "deadline colour: open, yellow 7 days before and on the day, red the day after"

# escalation: nothing on the deadline, the department head the day after (once), the 检察长
# 10 days later (once); the same rule and recipients as 流程监控通知书
esc() { $ZX suggestion escalate --db "$DB" --date "$1" --by analyst; }
before=$(esc 2025-03-15)
[ "$before" -ge 0 ] || fail "escalate"
row() { q "SELECT $1 FROM gov_suggestions WHERE sugg_no = '$N'"; }
[ -z "$(row head_id)" ] || fail "escalated on the deadline"
esc 2025-03-16 >/dev/null
H=$(row head_id)
[ -n "$H" ] && [ "$(row "date(head_on*86400,'unixepoch')")" = 2025-03-16 ] || fail "head not on 03-16"
U=$(row unit_id)
want_h=$(q "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid WHERE u.unit_id = '$U'
  AND s.role = (SELECT value FROM vocab WHERE vocab = 'staff_role' AND code = 'head')
  ORDER BY (s.department = (SELECT department FROM staff WHERE staff_id = '$(row handler_id)')) DESC,
  s.id LIMIT 1")
[ "$H" = "${want_h:-部门负责人}" ] || fail "head $H, want $want_h"
esc 2025-03-25 >/dev/null
[ -z "$(row chief_id)" ] || fail "检察长 before 10 days"
esc 2025-03-26 >/dev/null
[ -n "$(row chief_id)" ] || fail "检察长 not on 03-26"
esc 2025-04-30 >/dev/null
[ "$(q "SELECT count(*) FROM gov_suggestion_steps t JOIN gov_suggestions s ON s.id = t.sugg_rid
  WHERE s.sugg_no = '$N' AND t.step LIKE 'escalated%'")" -eq 2 ] || fail "escalated more than twice"
ok "escalation: department head the day after the deadline, 检察长 10 days later, once each"

# the adoption indicators count the workflow's events (denominator on issue, numerator on reply)
ind() { # ID → num/den for U470102 in 2025
    $ZX indicators --db "$DB" --from 2025-01-01 --to 2025-12-31 --unit "$U" --format json |
        python3 -c "import json,sys; r=[x for x in json.load(sys.stdin) if x['indicator']=='$1'][0]; print(f\"{r['numerator']}/{r['denominator']}\")"
}
s0=$(ind suggestion_adoption_rate)
p0=$(ind pre_litigation_rectification_rate)
A=$(draft social_governance 2025-05-06)
issue "$A" 2025-05-06 >/dev/null
s1=$(ind suggestion_adoption_rate)
[ "${s1#*/}" -eq $((${s0#*/} + 1)) ] && [ "${s1%/*}" -eq "${s0%/*}" ] || fail "issue: $s0 -> $s1"
expect_exit 2 $ZX suggestion reply --db "$DB" --no "$A" --result adopted --date 2025-05-05
grep -q "precede" "$T/err" || fail "reply before issue: $(cat "$T/err")"
$ZX suggestion reply --db "$DB" --no "$A" --result rectified --text 已完成整改 --date 2025-06-20 --by pros >/dev/null
s2=$(ind suggestion_adoption_rate)
[ "${s2%/*}" -eq $((${s0%/*} + 1)) ] && [ "${s2#*/}" -eq "${s1#*/}" ] || fail "reply: $s1 -> $s2"
[ "$(q "SELECT ref_event_id || ' ' || result FROM v_events WHERE event_id = '$A-R'")" = "$A rectified" ] ||
    fail "suggestion_reply event"
expect_exit 2 $ZX suggestion litigate --db "$DB" --no "$A" --date 2025-09-01
grep -q "pre_litigation" "$T/err" || fail "litigate a social_governance suggestion"
$ZX suggestion followup --db "$DB" --no "$A" --result rectified --text 回头看整改到位 --date 2025-09-01 --by pros | grep -q "	closed	" ||
    fail "followup does not close"
ok "issue and reply move suggestion_adoption_rate ($s0 -> $s1 -> $s2); 回头看 closes"

# a 诉前 suggestion: no suit while the reply may still come, a suit after it was refused
P=$(draft pre_litigation 2025-02-03)
issue "$P" 2025-02-03 >/dev/null
p1=$(ind pre_litigation_rectification_rate)
[ "${p1#*/}" -eq $((${p0#*/} + 1)) ] || fail "pre_litigation denominator $p0 -> $p1"
expect_exit 2 $ZX suggestion litigate --db "$DB" --no "$P" --date 2025-04-03
grep -q "awaits its reply until 2025-04-03" "$T/err" || fail "suit before the deadline: $(cat "$T/err")"
$ZX suggestion reply --db "$DB" --no "$P" --result rejected --date 2025-03-20 --by pros | grep -q "	failed	" ||
    fail "a rejected 诉前 suggestion fails"
$ZX suggestion litigate --db "$DB" --no "$P" --date 2025-04-10 --by pros | grep -q "	litigated	" || fail litigate
[ "$(q "SELECT type FROM v_events WHERE event_id = '$P-PIL'")" = pil_lawsuit ] || fail "pil_lawsuit event"
[ "$(ind pre_litigation_rectification_rate)" = "${p1%/*}/${p1#*/}" ] || fail "rejected counted as rectified"
# unanswered past its deadline: the suit is allowed the day after
P2=$(draft pre_litigation 2025-02-03)
issue "$P2" 2025-02-03 >/dev/null
expect_exit 2 $ZX suggestion litigate --db "$DB" --no "$P2" --date 2025-04-03
expect_exit 0 $ZX suggestion litigate --db "$DB" --no "$P2" --date 2025-04-04
ok "诉前: refused or unanswered past the deadline → 公益诉讼 (pil_lawsuit), not before"

# refusals: an unknown kind, issuing twice, a draft without its basis
expect_exit 2 $ZX suggestion draft --db "$DB" --case "$C" --kind bogus --addressee x --problem y
grep -q "kind: 'bogus'" "$T/err" || fail "bad kind message"
expect_exit 2 $ZX suggestion issue --db "$DB" --no "$A" --date 2025-06-01
grep -q "is closed" "$T/err" || fail "issue a closed one: $(cat "$T/err")"
expect_exit 2 $ZX suggestion draft --db "$DB" --case NO-SUCH --kind other --addressee x --problem y
grep -q "no case 'NO-SUCH'" "$T/err" || fail "unknown case"
ok "refusals name the reason"

# every act is in the ledger, which stays intact; the document prints
[ "$(q "SELECT count(*) FROM ledger WHERE tbl = 'gov_suggestions' AND xid = '$P'")" -eq 4 ] ||
    fail "ledger entries of $P (draft, issue, reply, litigate)"
expect_exit 0 $ZX audit verify --db "$DB"
grep -q "ledger intact" "$T/out" || fail "ledger: $(cat "$T/out")"
$ZX suggestion show --db "$DB" --no "$A" --print "$T/doc.html" >"$T/show.json"
python3 - "$T/show.json" <<'PY' || fail "show"
import json, sys
s = json.load(open(sys.argv[1], encoding='utf-8'))
assert s['status'] == 'closed' and s['reply_due'] == '2025-07-06', s
assert [x['step'] for x in s['steps']] == ['drafted', 'issued', 'replied', 'followed_up'], s['steps']
PY
for w in 检察建议书 某县生态环境局 辖区河道存在非法排污 依法查处并整改 两个月以内 2025年5月6日 print.css; do
    grep -q "$w" "$T/doc.html" || fail "document lacks $w"
done
! grep -qi "<script\|style=" "$T/doc.html" || fail "inline script or style in the document"
ok "ledger intact with every step; 检察建议书 printable (official parts, no inline script/style)"

# monitor (流程监控) on a generated bundle: the invariants of shared/spec/process-monitoring.md
# (fields, order, statuses consistent with the dates, rule and article from the rules table,
# nothing after as-of), the same items as an independent reading of the contract
# (tests/monitor/reference.py) for several dates and a unit subtree, the table form, the
# per-unit reply periods, usage errors.
. "$(dirname "$0")/lib.sh"
R=${ROOT:-.}

$ZX generate --out "$T/b" --scale tiny --seed 5 >/dev/null
$ZX import "$T/b" --db "$T/z.db" --quiet >/dev/null || [ $? -eq 1 ]

check_inv() { # FILE AS_OF
    python3 - "$1" "$2" "$R/data/monitor_rules.json" <<'PY' || fail "invariants of $1"
import datetime as dt, json, sys
items = json.load(open(sys.argv[1], encoding='utf-8'))
as_of = dt.date.fromisoformat(sys.argv[2])
rules = {r['id']: r for r in json.load(open(sys.argv[3], encoding='utf-8'))['rules']}
keys = ["case_id", "person_id", "stage", "rule", "article", "started_on", "deadline",
        "closed_on", "days_left", "status"]
stage_rules = {"arrest_review_detained": {"A2"}, "arrest_review_not_detained": {"A3"},
               "prosecution_review": {"P1", "P2"}, "supplementary_investigation": {"P5"},
               "withdrawal_decision": {"N7"}, "custody_review_reply": {"J1"},
               "suggestion_reply": {"F1"}, "correction_reply": {"F4"}}
case_level = {"supplementary_investigation", "suggestion_reply", "correction_reply"}
def key(i):
    return (i['case_id'].encode(), i['person_id'] is not None, (i['person_id'] or '').encode(),
            i['stage'], i['started_on'])
assert [key(i) for i in items] == sorted(key(i) for i in items), "not sorted"
for i in items:
    assert list(i) == keys, i
    assert i['rule'] in stage_rules[i['stage']], i
    assert i['article'] == rules[i['rule']]['article'], i
    assert (i['person_id'] is None) == (i['stage'] in case_level), i
    s, d = dt.date.fromisoformat(i['started_on']), dt.date.fromisoformat(i['deadline'])
    assert s <= as_of and s < d, i
    if i['closed_on'] is None:
        left = (d - as_of).days
        w = 3 if (d - s).days <= 15 else 7
        assert i['days_left'] == left, i
        assert i['status'] == ('red' if left < 0 else 'yellow' if left <= w else 'open'), i
    else:
        c = dt.date.fromisoformat(i['closed_on'])
        assert s <= c <= as_of and i['days_left'] is None, i
        assert i['status'] == ('ok' if c <= d else 'late'), i
print(len(items))
PY
}

for d in 2019-06-30 2022-02-28 2025-12-31; do
    $ZX monitor --db "$T/z.db" --as-of $d >"$T/m.json"
    n=$(check_inv "$T/m.json" $d)
    python3 "$R/tests/monitor/reference.py" "$T/b" --as-of $d --vocab "$T/z.db" >"$T/r.json"
    python3 -c "import json,sys; sys.exit(json.load(open('$T/m.json')) != json.load(open('$T/r.json')))" ||
        fail "zhixiao and the reference differ as of $d"
    ok "as of $d: $n items, sorted, statuses consistent, equal to the reference"
done
python3 -c "
import json,collections; c=collections.Counter(i['status'] for i in json.load(open('$T/m.json')))
assert c['ok'] and c['late'] and c['red'], c" || fail "the bundle lacks ok, late or red items"

# a unit subtree: the reference agrees, and it is a part of the whole
u=$(awk -F, 'NR>1 && $4 != "" {print $1; exit}' "$T/b/units.csv")
$ZX monitor --db "$T/z.db" --as-of 2024-06-30 --unit "$u" >"$T/u.json"
python3 "$R/tests/monitor/reference.py" "$T/b" --as-of 2024-06-30 --unit "$u" --vocab "$T/z.db" >"$T/r.json"
python3 -c "import json,sys; sys.exit(json.load(open('$T/u.json')) != json.load(open('$T/r.json')))" ||
    fail "unit $u: zhixiao and the reference differ"
ok "unit $u subtree equals the reference"

# the table: a header and one line per item
$ZX monitor --db "$T/z.db" --as-of 2024-06-30 --format table >"$T/t.txt"
$ZX monitor --db "$T/z.db" --as-of 2024-06-30 >"$T/m.json"
[ "$(($(wc -l <"$T/t.txt") - 1))" -eq "$(python3 -c "import json; print(len(json.load(open('$T/m.json'))))")" ] ||
    fail "table lines differ from the JSON items"
ok "table: one line per item"

# --status filters
$ZX monitor --db "$T/z.db" --as-of 2024-06-30 --status red,yellow >"$T/s.json"
python3 -c "
import json; a=json.load(open('$T/m.json')); b=json.load(open('$T/s.json'))
assert b == [i for i in a if i['status'] in ('red','yellow')] and b" || fail "--status"
ok "--status red,yellow keeps exactly those items"

# a unit's own reply periods: the suggestion deadlines move, the reference agrees
root=$(awk -F, 'NR>1 && $4 == "" {print $1; exit}' "$T/b/units.csv")
$ZX monitor period set --db "$T/z.db" --unit "$root" --stage suggestion_reply --value 1m
$ZX monitor period set --db "$T/z.db" --unit "$root" --stage correction_reply --value 20d
$ZX monitor period show --db "$T/z.db" | grep -q "suggestion_reply	1m" || fail "period show"
$ZX monitor --db "$T/z.db" --as-of 2025-12-31 >"$T/m.json"
python3 "$R/tests/monitor/reference.py" "$T/b" --as-of 2025-12-31 --vocab "$T/z.db" \
    --suggestion 1m --correction 20d >"$T/r.json"
python3 -c "import json,sys; sys.exit(json.load(open('$T/m.json')) != json.load(open('$T/r.json')))" ||
    fail "unit reply periods: zhixiao and the reference differ"
$ZX monitor period clear --db "$T/z.db" --unit "$root" --stage suggestion_reply
ok "per-unit reply periods (inherited by the units below) apply"

expect_exit 2 $ZX monitor --db "$T/z.db"
expect_exit 2 $ZX monitor --db "$T/z.db" --as-of 2024-02-30
grep -q -- "--as-of" "$T/err" || fail "bad date message"
expect_exit 2 $ZX monitor --db "$T/z.db" --as-of 2024-02-01 --unit NOPE
expect_exit 2 $ZX monitor --db "$T/z.db" --as-of 2024-02-01 --format csv
expect_exit 2 $ZX monitor period set --db "$T/z.db" --unit "$root" --stage prosecution_review --value 1m
expect_exit 2 $ZX monitor period set --db "$T/z.db" --unit "$root" --stage suggestion_reply --value 2w
ok "usage errors exit 2"

# split over threads (forced on a small province): the same items in the same order
$ZX monitor --db "$T/z.db" --as-of 2025-12-31 >"$T/one.json"
ZHIXIAO_THREADS=3 $ZX monitor --db "$T/z.db" --as-of 2025-12-31 >"$T/three.json"
cmp -s "$T/one.json" "$T/three.json" || fail "three threads differ from one"
ok "three threads give the same output as one"

# 流程监控通知书: only on an overdue item, once; reply due in 10 days (F7); unanswered notices
# go to the department head after the reply day and to the 检察长 10 days later, each step once
# and stored with who and when; an answered notice goes nowhere
python3 - "$T/m.json" >"$T/two.txt" <<'PY'
import json, sys
items = json.load(open(sys.argv[1]))
red = [i for i in items if i['status'] == 'red' and i['deadline'] < '2025-06-01']
late_ok = [i for i in items if i['status'] == 'ok' and i['closed_on'] <= '2025-06-30']
a, b = red[0], red[1]
print(a['case_id'], a['person_id'] or '-', a['stage'])
print(b['case_id'], b['person_id'] or '-', b['stage'])
print(late_ok[0]['case_id'], late_ok[0]['person_id'] or '-', late_ok[0]['stage'])
PY
issue() { # CASE PERSON STAGE
    if [ "$2" != - ]; then $ZX monitor notice issue --db "$T/z.db" --case "$1" --person "$2" --stage "$3" --date 2025-06-30 --by analyst
    else $ZX monitor notice issue --db "$T/z.db" --case "$1" --stage "$3" --date 2025-06-30 --by analyst; fi
}
set -- $(sed -n 1p "$T/two.txt")
n1=$(issue "$1" "$2" "$3" | cut -f1)
set -- $(sed -n 2p "$T/two.txt")
n2=$(issue "$1" "$2" "$3" | cut -f1)
[ -n "$n1" ] && [ -n "$n2" ] || fail "notices not issued"
set -- $(sed -n 1p "$T/two.txt")
expect_exit 2 issue "$1" "$2" "$3"
grep -q "already" "$T/err" || fail "a second notice on the same item"
set -- $(sed -n 3p "$T/two.txt")
expect_exit 2 issue "$1" "$2" "$3"
grep -q "not overdue" "$T/err" || fail "a notice on an item closed in time"
$ZX monitor notice list --db "$T/z.db" | awk -F'\t' -v n="$n1" '$1 == n && $7 == "2025-07-10" {f=1} END {exit !f}' ||
    fail "reply due 10 days after issue"
[ "$($ZX monitor notice escalate --db "$T/z.db" --date 2025-07-10)" = 0 ] || fail "escalated on the reply day"
h2=$($ZX monitor notice list --db "$T/z.db" | awk -F'\t' -v n="$n2" '$1 == n {print $5}')
[ -n "$h2" ] && [ "$h2" != - ] || fail "notice $n2 has no handler"
expect_exit 2 $ZX monitor notice reply --db "$T/z.db" --no "$n2" --by not-the-handler --date 2025-07-10 --text x
grep -q "only the case's handler ($h2)" "$T/err" || fail "a reply by someone else than the handler"
$ZX monitor notice reply --db "$T/z.db" --no "$n2" --by "$h2" --date 2025-07-10 --text 已补充 >/dev/null
expect_exit 2 $ZX monitor notice reply --db "$T/z.db" --no "$n2" --by "$h2" --date 2025-07-11 --text again
[ "$($ZX monitor notice escalate --db "$T/z.db" --date 2025-07-11)" = 1 ] || fail "head escalation"
[ "$($ZX monitor notice escalate --db "$T/z.db" --date 2025-07-20)" = 0 ] || fail "chief too early"
[ "$($ZX monitor notice escalate --db "$T/z.db" --date 2025-07-21)" = 1 ] || fail "chief escalation"
[ "$($ZX monitor notice escalate --db "$T/z.db" --date 2025-08-30)" = 0 ] || fail "escalated twice"
$ZX monitor notice list --db "$T/z.db" >"$T/nl.txt"
awk -F'\t' -v n="$n1" '$1 == n && $9 != "-" && $10 != "-" && $11 == "escalated_chief" {f=1} END {exit !f}' "$T/nl.txt" ||
    fail "notice $n1 not escalated to head and chief"
awk -F'\t' -v n="$n2" '$1 == n && $8 == "2025-07-10" && $9 == "-" && $11 == "answered" {f=1} END {exit !f}' "$T/nl.txt" ||
    fail "notice $n2 answered"
[ "$(sqlite3 "$T/z.db" "SELECT group_concat(step || ':' || who || ':' || on_day, ' ') FROM mon_notice_steps WHERE notice_rid = (SELECT id FROM mon_notices WHERE notice_no = '$n1') ORDER BY id")" = \
  "issued:analyst:20269 escalated_head:system:20280 escalated_chief:system:20290" ] || fail "steps of $n1"
ok "流程监控通知书: issued on overdue items only, once; escalated to the head, then the 检察长; answered ones stop"

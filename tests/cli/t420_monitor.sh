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

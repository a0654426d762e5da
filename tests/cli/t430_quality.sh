# 案件质量评查 and 办案瑕疵积分 (zhixiao quality, zhixiao flaws) on a generated bundle with a few
# planted risk events: the routine sample is reproducible (same plan id → same cases, in another
# database and when selected again) and equals an independent reading of the rule (BLAKE2b-64
# of plan_id ‖ 0 ‖ case_id, round(ratio × n) per handler and quarter, one at least per
# handler); a focus plan holds exactly the closed cases with a risk signal, each signal found;
# a special plan its filter; the grade rule's boundaries (fail_flaws − 1 and fail_flaws flaws,
# an error, 优质 only without flaws); 异议 only by the handler, answered once; flaw points from
# findings, late stages and a monitoring notice, the thresholds 40 / 30 on and below.
. "$(dirname "$0")/lib.sh"
R=${ROOT:-.}

$ZX generate --out "$T/b" --scale tiny --seed 5 >/dev/null
# plant 无罪判决, 发回重审, 复议复核改变 and 撤回起诉 on closed criminal cases (one each)
python3 - "$T/b" >"$T/planted" <<'PY'
import csv, sys
b = sys.argv[1]
cases = [r for r in csv.DictReader(open(b + '/cases.csv', encoding='utf-8'))
         if r['closed_on'] and r['line'] == 'criminal' and r['business'] != 'duty']
persons = {}
for r in csv.DictReader(open(b + '/persons.csv', encoding='utf-8')):
    persons.setdefault(r['case_id'], r['person_id'])
cases = [c for c in cases if c['case_id'] in persons and c['closed_on'] < '2025-01-01'][5:9]
plant = [('acquittal', 'judgment', 'acquitted'), ('retrial_remand', 'retrial_remand', ''),
         ('reconsideration_changed', 'non_prosecution_review', 'changed'),
         ('withdrawal', 'withdraw_indictment', '')]
with open(b + '/events.csv', 'a', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    for i, (c, (sig, t, res)) in enumerate(zip(cases, plant)):
        w.writerow(['E9900000%d' % i, c['case_id'], persons[c['case_id']], t, c['closed_on'],
                    c['handler_id'], '', res, '', '', ''])
        print(sig, c['case_id'])
PY
$ZX import "$T/b" --db "$T/z.db" --quiet >/dev/null || [ $? -eq 1 ]
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM events WHERE event_id LIKE 'E99%'")" = 4 ] ||
    fail "planted events not imported"
cp "$T/z.db" "$T/z2.db"

# ---- 常规抽查: reproducible, and the rule read independently ----
$ZX quality plan --db "$T/z.db" --kind routine --unit U470000 --from 2022-01-01 --to 2024-12-31 \
    --ratio 0.3 --id PR-1 --by analyst --date 2026-01-05 >"$T/p1"
$ZX quality plan --db "$T/z2.db" --kind routine --unit U470000 --from 2022-01-01 --to 2024-12-31 \
    --ratio 30% --id PR-1 --by analyst --date 2026-01-05 >"$T/p2"
cmp -s "$T/p1" "$T/p2" || fail "plan output differs"
$ZX quality sample --db "$T/z.db" --plan PR-1 >"$T/s1"
$ZX quality sample --db "$T/z2.db" --plan PR-1 >"$T/s2"
$ZX quality sample --db "$T/z.db" --plan PR-1 --fresh >"$T/s3"
[ -s "$T/s1" ] || fail "empty sample"
cmp -s "$T/s1" "$T/s2" || fail "same plan id, another database: another sample"
cmp -s "$T/s1" "$T/s3" || fail "the sample selected again differs from the stored one"
ok "routine sample reproducible ($(wc -l <"$T/s1") cases)"
$ZX quality plan --db "$T/z.db" --kind routine --unit U470000 --from 2022-01-01 --to 2024-12-31 \
    --ratio 0.3 --id PR-2 --by analyst --date 2026-01-05 >/dev/null
$ZX quality sample --db "$T/z.db" --plan PR-2 >"$T/s4"
cmp -s "$T/s1" "$T/s4" && fail "another plan id gave the very same sample"
python3 - "$T/z.db" "$T/s1" PR-1 0.3 2022-01-01 2024-12-31 <<'PY' || fail "routine sample != the rule"
import hashlib, math, sqlite3, sys
db, got, pid, ratio, lo, hi = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), *sys.argv[5:]
con = sqlite3.connect(db)
rows = con.execute("SELECT case_id, IFNULL(handler_id, ''), closed_on FROM v_cases"
                   " WHERE closed_on BETWEEN ? AND ?", (lo, hi)).fetchall()
def key(c):
    return int.from_bytes(hashlib.blake2b(pid.encode() + b'\0' + c.encode(), digest_size=8).digest(), 'big')
groups, by_h = {}, {}
for c, h, d in rows:
    q = (int(d[:4]), (int(d[5:7]) - 1) // 3)
    groups.setdefault((h, q), []).append(c)
    by_h.setdefault(h, []).append(c)
want = set()
for (h, q), cs in groups.items():
    cs.sort(key=lambda c: (key(c), c))
    want.update(cs[:math.floor(ratio * len(cs) + 0.5)])
for h, cs in by_h.items():
    if not want.intersection(cs):
        want.add(min(cs, key=lambda c: (key(c), c)))
have = {l.split('\t')[0] for l in open(got, encoding='utf-8')}
assert have == want, (sorted(have - want)[:5], sorted(want - have)[:5])
assert all(want.intersection(cs) for cs in by_h.values())
print("ok - routine sample equals the rule read independently:", len(want), "cases,", len(by_h), "handlers")
PY
expect_exit 2 $ZX quality plan --db "$T/z.db" --kind routine --unit U470000 --from 2024-01-01 \
    --to 2024-12-31 --ratio 0 --by a --date 2026-01-05
expect_exit 2 $ZX quality plan --db "$T/z.db" --kind routine --unit U470000 --from 2024-01-01 \
    --to 2024-12-31 --ratio 0.3 --id PR-1 --by a --date 2026-01-05
grep -q exists "$T/err" || fail "a second plan with the same id"

# ---- 重点评查: exactly the closed cases with a risk signal ----
$ZX quality plan --db "$T/z.db" --kind focus --unit U470000 --from 2019-01-01 --to 2025-12-31 \
    --id PF-1 --by analyst --date 2026-01-05 >/dev/null
$ZX quality sample --db "$T/z.db" --plan PF-1 >"$T/f1"
$ZX monitor --db "$T/z.db" --as-of 2025-12-31 --status late >"$T/late.json"
python3 - "$T/z.db" "$T/f1" "$T/late.json" "$R/data/review_signals.json" "$T/planted" <<'PY' || fail "focus plan"
import json, sqlite3, sys
db, got, late, sigf, planted = sys.argv[1:]
con = sqlite3.connect(db)
closed = {c for (c,) in con.execute("SELECT case_id FROM v_cases WHERE closed_on BETWEEN"
                                     " '2019-01-01' AND '2025-12-31'")}
ev = con.execute("SELECT case_id, person_id, type, result, date FROM v_events"
                 " WHERE date <= '2025-12-31'").fetchall()
want = {}
sigs = json.load(open(sigf, encoding='utf-8'))['signals']
for s in sigs:
    t = s['test']
    if 'monitor' in t:
        hits = {i['case_id'] for i in json.load(open(late, encoding='utf-8'))}
    else:
        hits = set()
        for c, p, ty, res, d in ev:
            if ty in t['event'] and ('result' not in t or res in t['result']):
                if 'after' in t and not any(c2 == c and p2 == p and ty2 in t['after'] and d2 <= d
                                            for c2, p2, ty2, r2, d2 in ev):
                    continue
                hits.add(c)
    for c in hits & closed:
        want.setdefault(c, []).append(s['id'])
have = {}
for l in open(got, encoding='utf-8'):
    f = l.rstrip('\n').split('\t')
    have[f[0]] = f[3].split(',')
assert have == want, (sorted(set(have) ^ set(want))[:5])
found = {s for v in have.values() for s in v}
missing = [s['id'] for s in sigs if s['id'] not in found]
assert not missing, missing
for l in open(planted, encoding='utf-8'):
    s, c = l.split()
    assert s in have.get(c, []), (s, c)
print("ok - focus plan: %d cases, every signal found (%s)" % (len(have), ", ".join(sorted(found))))
PY

# ---- 专项评查: the filter ----
$ZX quality plan --db "$T/z.db" --kind special --unit U470100 --from 2019-01-01 --to 2025-12-31 \
    --charge 盗窃罪 --id PS-1 --by analyst --date 2026-01-05 >"$T/ps"
n=$(sqlite3 "$T/z.db" "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE unit_id='U470100'
    UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_rid=sub.id)
    SELECT count(*) FROM cases WHERE charge='盗窃罪' AND closed_on IS NOT NULL AND unit_rid IN sub")
[ "$(cut -f2 "$T/ps")" = "$n" ] || fail "special plan: $(cut -f2 "$T/ps") cases, want $n"
expect_exit 2 $ZX quality plan --db "$T/z.db" --kind special --unit U470000 --from 2019-01-01 \
    --to 2025-12-31 --by a --date 2026-01-05
ok "special plan: $n cases of 盗窃罪 in U470100's subtree"

# ---- grades: Q-GRADE and its boundaries ----
ff=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['grading']['fail_flaws'])" "$R/data/review_form.json")
# public-prosecution cases (with 受理审查起诉) and other criminal cases, closed, in plan PS-2
$ZX quality plan --db "$T/z.db" --kind special --unit U470000 --from 2019-01-01 --to 2024-12-31 \
    --line criminal --id PS-2 --by analyst --date 2026-01-05 >/dev/null
pub=$(sqlite3 "$T/z.db" "SELECT c.case_id FROM cases c WHERE c.closed_on IS NOT NULL
    AND c.closed_on < 20089 AND c.line = (SELECT value FROM vocab WHERE vocab='line' AND code='criminal') AND c.handler_rid IS NOT NULL AND EXISTS(SELECT 1
    FROM events e WHERE e.case_rid=c.id AND e.type=(SELECT value FROM vocab WHERE
    vocab='event_type' AND code='prosecution_review')) ORDER BY c.case_id LIMIT 5")
oth=$(sqlite3 "$T/z.db" "SELECT c.case_id FROM cases c WHERE c.closed_on IS NOT NULL
    AND c.closed_on < 20089 AND c.line = (SELECT value FROM vocab WHERE vocab='line' AND code='criminal') AND c.handler_rid IS NOT NULL AND NOT EXISTS(SELECT 1
    FROM events e WHERE e.case_rid=c.id AND e.type=(SELECT value FROM vocab WHERE
    vocab='event_type' AND code='prosecution_review')) ORDER BY c.case_id LIMIT 2")
set -- $pub
[ $# -eq 5 ] || fail "not enough public-prosecution cases"
P1=$1 P2=$2 P3=$3 P4=$4 P6=$5
set -- $oth
[ $# -eq 2 ] || fail "not enough other cases"
O1=$1 O2=$2
for c in $P1 $P2 $P3 $P4 $P6 $O1 $O2; do
    grep -q "^$c	" <<EOF || fail "$c not in plan PS-2"
$($ZX quality sample --db "$T/z.db" --plan PS-2)
EOF
done
g() { $ZX quality grade --db "$T/z.db" --plan PS-2 --reviewer 评查员甲 --date 2026-03-02 "$@"; }
flaws4="--finding evidence.collection=flaw:H03 --finding facts.crime=flaw:H01 --finding facts.circumstances=flaw:H02 --finding law.sentencing=flaw:H04"
[ "$ff" -eq 5 ] || fail "this test's flaw lists assume fail_flaws 5"
# 4 flaws (fail_flaws - 1): 基本合格, 15+10+10+5 = 40 points = the 公诉 threshold
g --case "$P1" $flaws4 | cut -f2 >"$T/g" && [ "$(cat "$T/g")" = basic ] || fail "4 flaws: $(cat "$T/g")"
# 5 flaws (fail_flaws): 不合格; 15+10+10+2+2 = 39 points, one below 40
g --case "$P2" --finding evidence.collection=flaw:H03 --finding facts.crime=flaw:H01 \
    --finding facts.circumstances=flaw:H02 --finding documents.drafting=flaw:W03 \
    --finding documents.file=flaw:F02:卷宗排序 | cut -f2 >"$T/g"
[ "$(cat "$T/g")" = unqualified ] || fail "5 flaws: $(cat "$T/g")"
g --case "$P3" --finding law.charge=error | cut -f2 >"$T/g"
[ "$(cat "$T/g")" = unqualified ] || fail "an error: $(cat "$T/g")"
g --case "$P4" | cut -f2 >"$T/g"
[ "$(cat "$T/g")" = qualified ] || fail "no flaw: $(cat "$T/g")"
expect_exit 2 g --case "$P6" --excellent --finding facts.crime=flaw:H01
grep -q 优质 "$T/err" || fail "优质 with a flaw: no reason given"
g --case "$P6" --excellent | cut -f2 >"$T/g"
[ "$(cat "$T/g")" = excellent ] || fail "proposed 优质: $(cat "$T/g")"
expect_exit 2 g --case "$P6"
grep -q "reviewed already" "$T/err" || fail "a case reviewed twice"
expect_exit 2 g --case "$O1" --finding facts.crime=flaw:X99
grep -q "unknown flaw situation" "$T/err" || fail "unknown code"
expect_exit 2 g --case "$O1" --finding facts.crime=flaw
expect_exit 2 g --case "$O1" --finding nosuch.item=ok
# other cases: 30 points (= threshold) and 29 (below)
g --case "$O1" --finding law.charge=flaw:H03 --finding facts.crime=flaw:H01 \
    --finding documents.drafting=flaw:W02 >/dev/null
g --case "$O2" --finding law.charge=flaw:H03 --finding facts.crime=flaw:H01 \
    --finding documents.drafting=flaw:W03 --finding documents.file=flaw:F02 >/dev/null
ok "grades: $((ff - 1)) flaws 基本合格, $ff 不合格, error 不合格, 优质 only without flaws"
# a case outside the plan, a case not closed
expect_exit 2 $ZX quality grade --db "$T/z.db" --plan PS-2 --case NOSUCH --reviewer x --date 2026-03-02

# ---- 异议 and the answer ----
rid=$($ZX quality list --db "$T/z.db" --plan PS-2 | awk -F'\t' -v c="$P1" '$3 == c {print $1}')
h=$($ZX quality list --db "$T/z.db" --plan PS-2 | awk -F'\t' -v c="$P1" '$3 == c {print $4}')
expect_exit 2 $ZX quality object --db "$T/z.db" --review "$rid" --by S999999 --date 2026-03-05 --text 不服
grep -q "only the case's handler" "$T/err" || fail "异议 by another"
expect_exit 2 $ZX quality respond --db "$T/z.db" --review "$rid" --by office --date 2026-03-06 --text x
$ZX quality object --db "$T/z.db" --review "$rid" --by "$h" --date 2026-03-05 --text 量刑情节认定无误
expect_exit 2 $ZX quality object --db "$T/z.db" --review "$rid" --by "$h" --date 2026-03-05 --text again
$ZX quality respond --db "$T/z.db" --review "$rid" --by office --date 2026-03-06 --text 经复核维持原等次
expect_exit 2 $ZX quality respond --db "$T/z.db" --review "$rid" --by office --date 2026-03-07 --text again
$ZX quality show --db "$T/z.db" --review "$rid" --format json >"$T/show.json"
python3 - "$T/show.json" "$h" <<'PY' || fail "review json"
import json, sys
r = json.load(open(sys.argv[1], encoding='utf-8'))
assert r['objected_by'] == sys.argv[2] and r['objection'] == '量刑情节认定无误', r
assert r['responded_by'] == 'office' and r['response'] == '经复核维持原等次' and r['final_grade'] is None
assert r['grade'] == 'basic' and r['grade_label'] == '基本合格'
assert len(r['findings']) >= 18 and sum(f['result'] == 'flaw' for f in r['findings']) == 4
PY
ok "异议 only by the handler, answered once, recorded"

# ---- flaw points and thresholds ----
$ZX flaws --db "$T/z.db" --year 2026 >"$T/fl.json"
python3 - "$T/fl.json" "$P1" "$P2" "$O1" "$O2" "$R/data/flaw_rules.json" <<'PY' || fail "flaw points 2026"
import json, sys
s = json.load(open(sys.argv[1], encoding='utf-8'))
p1, p2, o1, o2 = sys.argv[2:6]
rules = json.load(open(sys.argv[6], encoding='utf-8'))
pts = {x['code']: x['points'] for a in rules['aspects'] for x in a['situations']}
per = {}
for p in s['points']:
    assert p['source'] == 'review' and p['points'] == pts[p['code']], p
    per[p['case_id']] = per.get(p['case_id'], 0) + p['points']
assert per[p1] == 40 and per[p2] == 39 and per[o1] == 30 and per[o2] == 29, per
over = {o['case_id']: o for o in s['over']}
assert p1 in over and over[p1]['threshold'] == 40 and over[p1]['public_prosecution'], over
assert o1 in over and over[o1]['threshold'] == 30 and not over[o1]['public_prosecution'], over
assert p2 not in over and o2 not in over, over
tot = {}
for p in s['points']:
    tot[p['staff_id']] = tot.get(p['staff_id'], 0) + p['points']
for st in s['staff']:
    assert st['points'] == tot.get(st['staff_id'], 0), st
assert sum(st['reviews'] for st in s['staff']) == 7
assert sum(st['grades']['excellent'] for st in s['staff']) == 1
assert sum(st['cases_over'] for st in s['staff']) == 2
print("ok - flaw points 2026: 40 and 30 reach the thresholds, 39 and 29 do not")
PY
# late stages and a monitoring notice feed the points of their year
$ZX monitor --db "$T/z.db" --as-of 2025-06-30 --status red --format table | awk 'NR > 1 && $2 == "-" {print $1, $3; exit}' >"$T/red"
[ -s "$T/red" ] || fail "no overdue item to notice"
read -r nc ns <"$T/red"
$ZX monitor notice issue --db "$T/z.db" --case "$nc" --stage "$ns" --date 2025-06-30 --by analyst >"$T/notice"
no=$(cut -f1 "$T/notice")
$ZX monitor --db "$T/z.db" --as-of 2025-12-31 --status late >"$T/late25.json"
$ZX flaws --db "$T/z.db" --year 2025 >"$T/fl25.json"
python3 - "$T/fl25.json" "$T/late25.json" "$no" "$nc" "$T/z.db" <<'PY' || fail "flaw points 2025"
import json, sqlite3, sys
s = json.load(open(sys.argv[1], encoding='utf-8'))
late = json.load(open(sys.argv[2], encoding='utf-8'))
no, nc = sys.argv[3], sys.argv[4]
con = sqlite3.connect(sys.argv[5])
handled = {c for (c,) in con.execute("SELECT case_id FROM v_cases WHERE handler_id IS NOT NULL")}
want = sorted((i['case_id'], i['stage'] + '@' + i['started_on']) for i in late
              if '2025-01-01' <= i['closed_on'] <= '2025-12-31' and i['case_id'] in handled)
have = sorted((p['case_id'], p['source_id']) for p in s['points'] if p['source'] == 'late')
assert have == want, (have[:3], want[:3])
assert all(p['code'] == 'D01' for p in s['points'] if p['source'] == 'late')
n = [p for p in s['points'] if p['source'] == 'notice']
assert len(n) == 1 and n[0]['source_id'] == no and n[0]['case_id'] == nc and n[0]['code'] == 'D02', n
print("ok - flaw points 2025: %d late stages and notice %s, each with its case" % (len(have), no))
PY
$ZX flaws --db "$T/z.db" --year 2026 --format table >"$T/fl.txt"
grep -q "^over	.*	$P1	40	40" "$T/fl.txt" || fail "table: $P1 over"
$ZX audit verify --db "$T/z.db" >/dev/null || fail "ledger after the review acts"
n=$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl IN ('qr_plans','qr_reviews','qr_findings')")
[ "$n" -gt 8 ] || fail "review acts not in the ledger ($n)"
sqlite3 "$T/z.db" "UPDATE qr_reviews SET grade='excellent' WHERE review_id='$rid'"
expect_exit 1 $ZX audit verify --db "$T/z.db"
grep -q qr_reviews "$T/out" || fail "a grade rewritten behind the product's back not named"
ok "every review act in the ledger; a rewritten grade is caught"

# 检察官业绩考评 (zhixiao evaluate): every figure recomputed independently — workload from
# SQL over v_events/v_cases with the coefficients of data/evaluation.json, indicators from
# `zhixiao indicators --by staff`, late stages from `zhixiao monitor`, notices from the
# mon_notices table — and every score, dimension and total from the rules the configuration
# states; each component's drill-down sums to its figures; no ranking unless the unit turns it
# on; bad input answered with a message.
. "$(dirname "$0")/lib.sh"
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"

$ZX generate --out "$T/b" --scale tiny --seed 11 >/dev/null
$ZX import "$T/b" --db "$T/z.db" >/dev/null

# two 流程监控通知书 on items overdue on 2025-06-30 (a notice counts for the case's handler)
$ZX monitor --db "$T/z.db" --as-of 2025-06-30 >"$T/m.json"
python3 - "$T/m.json" >"$T/red.txt" <<'PY'
import json, sys
seen = []
for i in json.load(open(sys.argv[1])):
    k = (i['case_id'], i['person_id'] or '-', i['stage'])
    if i['status'] == 'red' and k not in seen and len(seen) < 2:
        seen.append(k)
        print(*k)
PY
while read -r c p s; do
    if [ "$p" != - ]; then
        $ZX monitor notice issue --db "$T/z.db" --case "$c" --person "$p" --stage "$s" --date 2025-06-30 --by analyst >/dev/null
    else
        $ZX monitor notice issue --db "$T/z.db" --case "$c" --stage "$s" --date 2025-06-30 --by analyst >/dev/null
    fi
done <"$T/red.txt"
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM mon_notices")" -eq 2 ] || fail "notices not issued"

F=2025-01-01 TO=2025-06-30
$ZX evaluate --db "$T/z.db" --from $F --to $TO >"$T/e.json"
$ZX indicators --db "$T/z.db" --from $F --to $TO --by staff >"$T/ind.json"
$ZX monitor --db "$T/z.db" --as-of $TO >"$T/mon.json"

python3 - "$T/e.json" "$T/ind.json" "$T/mon.json" "$T/z.db" "$ROOT/data/evaluation.json" $F $TO <<'PY'
import json, sqlite3, sys, statistics
e = json.load(open(sys.argv[1])); ind = json.load(open(sys.argv[2])); mon = json.load(open(sys.argv[3]))
db = sqlite3.connect(sys.argv[4]); cfg = json.load(open(sys.argv[5])); F, TO = sys.argv[6], sys.argv[7]
def fail(msg):
    print('FAIL:', msg); sys.exit(1)
comps = [c for c in cfg['components']]
assert [c['id'] for c in e['components']] == [c['id'] for c in comps], 'components in file order'
rows = {r['staff_id']: r for r in e['prosecutors']}
if len(rows) < 10: fail('only %d prosecutors evaluated' % len(rows))
if e['ranking'] or any(r['rank'] is not None for r in rows.values()): fail('ranked by default')
handler = dict(db.execute("SELECT case_id, handler_id FROM v_cases"))

# expected raw figures per staff and component: (count, base, sum)
exp = {}
def put(s, cid, count, base, sum_):
    exp.setdefault(s, {}).setdefault(cid, [0, 0, 0.0])
    x = exp[s][cid]; x[0] += count; x[1] += base; x[2] += sum_
coef = {c['event_type']: c['num'] / c['den'] for c in cfg['workload']['coefficients']}
for c in comps:
    if not c['enabled']: continue
    k = c['source']
    if k == 'indicator':
        for r in ind:
            if r['indicator'] == c['params']['indicator'] and (r['numerator'] or r['denominator']):
                put(r['staff_id'], c['id'], r['numerator'], r['denominator'], r['numerator'])
    elif k == 'workload':
        q = ("SELECT coalesce(e.handler_id, c.handler_id), e.type FROM v_events e"
             " JOIN v_cases c USING (case_id) WHERE e.date BETWEEN ? AND ?")
        for s, t in db.execute(q, (F, TO)):
            if t in coef and s: put(s, c['id'], 1, 1, coef[t])
    elif k == 'monitor_late':
        for i in mon:
            if i['closed_on'] and F <= i['closed_on'] <= TO and handler[i['case_id']]:
                late = i['status'] == 'late'
                put(handler[i['case_id']], c['id'], int(late), 1, float(late))
    elif k == 'monitor_red':
        for i in mon:
            if i['status'] == 'red' and i['deadline'] >= F and handler[i['case_id']]:
                put(handler[i['case_id']], c['id'], 1, 1, 1.0)
    elif k == 'notices':
        q = ("SELECT handler_id FROM mon_notices WHERE handler_id IS NOT NULL AND"
             " date(issued_on * 86400, 'unixepoch') BETWEEN ? AND ?")
        for (s,) in db.execute(q, (F, TO)):
            put(s, c['id'], 1, 1, 1.0)
staff_unit = dict(db.execute("SELECT staff_id, unit_id FROM staff s JOIN units u ON u.id = s.unit_rid"))
active = {s for s, d in exp.items() if any(v[0] or v[1] or v[2] for v in d.values())}
if set(rows) != active: fail('evaluated staff differ: %s' % sorted(set(rows) ^ active)[:5])
checked = 0
med = {}
for c in comps:
    if c['normalisation'] == 'peer_median':
        v = [exp[s][c['id']][2] for s in active if exp[s].get(c['id'], [0, 0, 0])[2] > 0]
        med[c['id']] = statistics.median(v) if v else 0
for s, r in rows.items():
    dsum = {}; dw = {}
    for c, f in zip(comps, r['components']):
        want = exp.get(s, {}).get(c['id'], [0, 0, 0.0])
        if (f['count'], f['base']) != (want[0], want[1]) or abs(f['sum'] - want[2]) > 1e-3:
            fail('%s %s: got %s want %s' % (s, c['id'], (f['count'], f['base'], f['sum']), want))
        n, b, sm = want
        p = c['params']; sc = None
        if not c['enabled']: sc = None
        elif c['normalisation'] == 'rate':
            if b >= p.get('min_base', 1) and b > 0:
                sc = 100 * n / b if c['direction'] == '正向' else 100 * (1 - n / b)
        elif c['normalisation'] == 'peer_median':
            if med[c['id']] > 0: sc = min(100, 100 * sm / med[c['id']])
        elif c['normalisation'] == 'penalty':
            sc = max(0, 100 - p['points'] * sm)
        if sc is not None: sc = max(0, min(100, sc))
        if (sc is None) != (f['score'] is None) or (sc is not None and abs(sc - f['score']) > 0.006):
            fail('%s %s score: got %s want %s' % (s, c['id'], f['score'], sc))
        if sc is not None and c['weight'] > 0:
            dsum[c['dimension']] = dsum.get(c['dimension'], 0) + c['weight'] * sc
            dw[c['dimension']] = dw.get(c['dimension'], 0) + c['weight']
        checked += 1
    tot = tw = 0
    for d in cfg['dimensions']:
        want = dsum[d['id']] / dw[d['id']] if dw.get(d['id']) else None
        got = r['dimensions'][d['id']]
        if (want is None) != (got is None) or (want is not None and abs(want - got) > 0.006):
            fail('%s %s: got %s want %s' % (s, d['id'], got, want))
        if want is not None: tot += d['weight'] * want; tw += d['weight']
    if abs(tot / tw - r['total']) > 0.006: fail('%s total: got %s want %s' % (s, r['total'], tot / tw))
    if staff_unit[s] != r['unit_id']: fail('%s unit' % s)
print('ok - %d prosecutors, %d component figures, scores, dimensions and totals recomputed' % (len(rows), checked))
# for the drill-down checks below: a prosecutor with the most enabled components counted
best = max(rows, key=lambda s: (sum(1 for f in rows[s]['components'] if f['base']), s))
notice_staff = db.execute("SELECT handler_id FROM mon_notices ORDER BY notice_no LIMIT 1").fetchone()[0]
open(sys.argv[1] + '.pick', 'w').write('%s %s\n' % (best, notice_staff))
PY
[ $? -eq 0 ] || exit 1
ok "figures, scores and weights recomputed independently"

# drill-down: for every enabled component of two prosecutors, the counted items are the
# count, all items the base, their weights the sum, and every item names a case of the database
read -r best nst <"$T/e.json.pick"
for s in "$best" "$nst"; do
    for c in $(python3 -c "import json,sys; print(' '.join(c['id'] for c in json.load(open(sys.argv[1]))['components'] if c['enabled']))" "$ROOT/data/evaluation.json"); do
        $ZX evaluate --db "$T/z.db" --from $F --to $TO --staff "$s" --cases "$c" >"$T/d.json"
        python3 - "$T/d.json" "$T/e.json" "$T/z.db" "$s" "$c" <<'PY' || fail "drill-down $s $c"
import json, sqlite3, sys
d = json.load(open(sys.argv[1])); e = json.load(open(sys.argv[2])); db = sqlite3.connect(sys.argv[3])
s, c = sys.argv[4], sys.argv[5]
row = [r for r in e['prosecutors'] if r['staff_id'] == s][0]
f = [x for x in row['components'] if x['id'] == c][0]
src = [x for x in e['components'] if x['id'] == c][0]['source']
counted = [i for i in d['items'] if i['part'] == 'counted']
base = len(d['items']) if src != 'indicator' else len([i for i in d['items'] if i['part'] == 'base'])
assert d['total_items'] == len(d['items'])
assert len(counted) == f['count'] == d['count'], (len(counted), f['count'])
assert base == f['base'] == d['base'], (base, f['base'])
assert abs(sum(i['weight'] for i in d['items']) - f['sum']) < 1e-3, 'weights'
ids = {r[0] for r in db.execute("SELECT case_id FROM cases")}
assert all(i['case_id'] in ids for i in d['items']), 'unknown case'
PY
    done
done
$ZX evaluate --db "$T/z.db" --from $F --to $TO --staff "$nst" --cases notices --format table >"$T/nt.txt"
n_nst=$(sqlite3 "$T/z.db" "SELECT count(*) FROM mon_notices WHERE handler_id='$nst'")
[ "$(grep -c '流程监控通知书 LCJK-' "$T/nt.txt")" -eq "$n_nst" ] || fail "notice drill-down table: $(cat "$T/nt.txt")"
ok "drill-down of every component of $best and $nst sums to its count, base and sum"

# one prosecutor: the same row as in the unit's evaluation when the peers are the same
u=$(sqlite3 "$T/z.db" "SELECT u.unit_id FROM staff s JOIN units u ON u.id = s.unit_rid WHERE s.staff_id='$best'")
$ZX evaluate --db "$T/z.db" --from $F --to $TO --unit "$u" >"$T/eu.json"
$ZX evaluate --db "$T/z.db" --from $F --to $TO --staff "$best" >"$T/es.json"
python3 - "$T/eu.json" "$T/es.json" "$best" <<'PY' || fail "--staff row differs from the unit's"
import json, sys
u = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
assert len(s['prosecutors']) == 1 and s['unit_id'] == u['unit_id']
assert [r for r in u['prosecutors'] if r['staff_id'] == sys.argv[3]][0] == s['prosecutors'][0]
PY
ok "--staff alone evaluates against the prosecutor's own unit"

# ranking: off by default; on for one unit ranks its prosecutors by total (1 = highest)
[ "$($ZX evaluate ranking --db "$T/z.db" --unit "$u")" = "$u	off" ] || fail "ranking default"
$ZX evaluate ranking --db "$T/z.db" --unit "$u" on >/dev/null
$ZX evaluate --db "$T/z.db" --from $F --to $TO --unit "$u" >"$T/er.json"
python3 - "$T/er.json" <<'PY' || fail "ranking order"
import json, sys
r = json.load(open(sys.argv[1]))
assert r['ranking'] is True
rows = [x for x in r['prosecutors'] if x['total'] is not None]
assert [x['rank'] for x in rows][0] == 1
for a, b in zip(rows, rows[1:]):
    assert a['total'] >= b['total'] and a['rank'] <= b['rank']
    assert (a['rank'] == b['rank']) == (a['total'] == b['total'])
PY
$ZX evaluate --db "$T/z.db" --from $F --to $TO >"$T/e2.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert not r['ranking'] and all(x['rank'] is None for x in r['prosecutors'])" "$T/e2.json" ||
    fail "the root ranks because a child unit turned ranking on"
$ZX evaluate ranking --db "$T/z.db" --unit "$u" off >/dev/null
$ZX evaluate --db "$T/z.db" --from $F --to $TO --unit "$u" >"$T/eo.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert all(x['rank'] is None for x in r['prosecutors'])" "$T/eo.json" ||
    fail "ranking off again"
ok "no ranking unless the unit turns it on (一取消三不再)"

# the table form
$ZX evaluate --db "$T/z.db" --from $F --to $TO --unit "$u" --format table >"$T/t.txt"
grep -q "非官方权重" "$T/t.txt" && grep -q "$best" "$T/t.txt" || fail "table: $(head -3 "$T/t.txt")"
ok "table form"

# bad input
expect_exit 2 $ZX evaluate --db "$T/z.db" --from $F --to $TO --cases workload
grep -q -- "--cases needs --staff" "$T/err" || fail "--cases without --staff: $(cat "$T/err")"
expect_exit 2 $ZX evaluate --db "$T/z.db" --from $F --to $TO --staff "$best" --cases nothing
grep -q "no component 'nothing'" "$T/err" || fail "unknown component: $(cat "$T/err")"
other=$(sqlite3 "$T/z.db" "WITH RECURSIVE up(id) AS (SELECT id FROM units WHERE unit_id = '$u' UNION SELECT parent_rid FROM units JOIN up USING (id) WHERE parent_rid IS NOT NULL) SELECT unit_id FROM units WHERE id NOT IN (SELECT id FROM up) ORDER BY id DESC LIMIT 1")
expect_exit 2 $ZX evaluate --db "$T/z.db" --from $F --to $TO --unit "$other" --staff "$best"
grep -q "does not belong" "$T/err" || fail "staff outside the unit: $(cat "$T/err")"
expect_exit 2 $ZX evaluate --db "$T/z.db" --from $TO --to $F
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
[c for c in d['components'] if c['source'] == 'review_grade'][0]['params']['points'].pop('合格')
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)" "$ROOT/data/evaluation.json" "$T/bad.json"
expect_exit 2 $ZX evaluate --db "$T/z.db" --from $F --to $TO --config "$T/bad.json"
grep -q 'components\[4\].params.points: expected the points of 优质' "$T/err" || fail "grade points missing: $(cat "$T/err")"
ok "bad input answered with a message"

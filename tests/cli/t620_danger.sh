# 社会危险性量化评估: every score's reasons add up to it and its band follows the bands of
# data/danger_items.json; a hand-made case scores exactly the points its facts earn by the
# items file (prior record by id number, co-suspects, victim of a violent charge, plea); the
# calibration and fairness tables equal a computation in this test from the database; the
# generator's planted local/non-local gap is found at equal score.
. "$(dirname "$0")/lib.sh"
ITEMS="$ROOT/data/danger_items.json"

$ZX generate --out "$T/b" --scale 3000 --seed 5 >/dev/null
expect_exit 0 $ZX import "$T/b" --db "$T/z.db" --quiet

# every score explains itself
sqlite3 "$T/z.db" "SELECT p.person_id FROM persons p JOIN events e ON e.person_rid = p.id
  WHERE e.type = (SELECT value FROM vocab WHERE vocab='event_type' AND code='arrest_review')
  GROUP BY p.id ORDER BY p.id % 7, p.id LIMIT 20" >"$T/people"
[ "$(wc -l <"$T/people")" -eq 20 ] || fail "20 persons under review"
while read -r p; do
    expect_exit 0 $ZX danger score --db "$T/z.db" --person "$p" --format json
    python3 - "$T/out" "$ITEMS" <<'PY' || fail "score of $p"
import json, sys
a = json.load(open(sys.argv[1])); cfg = json.load(open(sys.argv[2]))
for s in a:
    assert s["score"] == sum(r["points"] for r in s["reasons"]) == sum(g["points"] for g in s["subscores"]), s
    assert all(r["fact"] and r["basis"] for r in s["reasons"]), s
    band = next(b for b in cfg["bands"] if b["max"] is None or s["score"] <= b["max"])
    assert s["band"]["code"] == band["code"], (s["score"], s["band"])
PY
done <"$T/people"
expect_exit 0 $ZX danger score --db "$T/z.db" --person "$(head -1 "$T/people")"
grep -q "理由" "$T/out" && grep -q "不作为逮捕决定的依据" "$T/out" || fail "table output"
expect_exit 2 $ZX danger score --db "$T/z.db" --person NOBODY
grep -q "NOBODY" "$T/err" || fail "unknown person message"
ok "20 scores: reasons and sub-scores sum to the score, bands as configured"

# a hand-made case: P2 was convicted before (same id number), then reviewed with a co-suspect
# and a victim of 故意伤害罪, and pleaded before the decision
python3 - "$T/h" <<'PY'
import os, sys
d = sys.argv[1]; os.makedirs(d)
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idn(s17): return s17 + "10X98765432"[sum(int(c) * w for c, w in zip(s17, W)) % 11]
open(f"{d}/units.csv", "w").write("unit_id,name,level,parent_id\nU445200,揭阳市人民检察院,city,\nU445202,揭东区人民检察院,county,U445200\n")
open(f"{d}/staff.csv", "w").write("staff_id,unit_id,name,department,role,is_leader\nS1,U445202,李检,第一检察部,prosecutor,0\n")
open(f"{d}/cases.csv", "w").write("case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,closed_on,handler_id,complex\n"
  "K1,U445202,揭东检刑诉受[2022]1号,criminal,ordinary,by_procedure,transferred,盗窃罪,2022-01-05,2022-06-01,S1,0\n"
  "K2,U445202,揭东检刑诉受[2024]2号,criminal,ordinary,by_procedure,transferred,故意伤害罪,2024-03-01,,S1,0\n")
local = idn("44520219900101123")   # 揭阳 (4452): local
other = idn("51010719900101123")   # 成都: non-local
open(f"{d}/persons.csv", "w").write("person_id,case_id,role,name,id_number,gender,birth_date\n"
  f"P1,K1,suspect,甲某,{other},M,1990-01-01\nP2,K2,suspect,甲某,{other},M,1990-01-01\n"
  f"P3,K2,suspect,乙某,{local},M,1990-01-01\nP4,K2,victim,丙某,,F,\n")
open(f"{d}/events.csv", "w").write("event_id,case_id,person_id,type,date,handler_id,decider_id,result,ref_event_id,amount,note\n"
  "E1,K1,P1,judgment,2022-05-20,,,guilty,,10,\n"
  "E2,K2,P2,arrest_review,2024-03-02,,,detained,,,\nE3,K2,P2,plea,2024-03-05,,,,,,\nE4,K2,P2,arrest,2024-03-08,,,,,,\n"
  "E5,K2,P3,arrest_review,2024-03-02,,,detained,,,\nE6,K2,P3,no_arrest,2024-03-08,,,no_necessity,,,\n")
PY
expect_exit 0 $ZX import "$T/h" --db "$T/h.db" --quiet
expect_exit 0 $ZX danger score --db "$T/h.db" --person P2 --format json
python3 - "$T/out" "$ITEMS" <<'PY' || fail "hand-made score"
import json, sys
s = json.load(open(sys.argv[1]))[0]; cfg = json.load(open(sys.argv[2]))
pts = {i["id"]: i["points"] for i in cfg["items"]}
want = {"prior_guilty", "prior_cases", "co_suspects", "violent_with_victim", "plea"}
got = {r["item"] for r in s["reasons"]}
assert got == want, got
assert s["score"] == sum(pts[i] for i in want), s["score"]
assert s["locality"] == "non_local" and s["gender"] == "M" and s["age"] == 34, s
assert s["direct_arrest"] is True  # prior intentional crime (CPL 81(3))
PY
expect_exit 0 $ZX danger score --db "$T/h.db" --person P3 --format json
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))[0]; assert {r["item"] for r in s["reasons"]} == {"co_suspects","violent_with_victim"}, s["reasons"]; assert s["locality"]=="local" and s["decision"]=="no_arrest"' "$T/out" || fail "P3"
ok "a hand-made case earns exactly the items its facts meet (prior record by id number, plea before the decision)"

# the calibration report equals this test's own computation from the database
expect_exit 0 $ZX danger report --db "$T/z.db" --from 2019-01-01 --to 2025-12-31 --format json --detail
cp "$T/out" "$T/rep.json"
sqlite3 -separator '|' "$T/z.db" "SELECT p.person_id, e.date, u.unit_id, ifnull(p.id_number,''),
  (SELECT d.type || ':' || ifnull(d.result, '') FROM events d WHERE d.case_rid = e.case_rid AND d.person_rid = p.id
   AND d.type IN (2, 3) AND d.date >= e.date ORDER BY d.date, d.id LIMIT 1)
  FROM events e JOIN persons p ON p.id = e.person_rid JOIN cases c ON c.id = e.case_rid JOIN units u ON u.id = c.unit_rid
  WHERE e.type = 1 AND e.date BETWEEN unixepoch('2019-01-01')/86400 AND unixepoch('2025-12-31')/86400" >"$T/rows"
python3 - "$T/rep.json" "$T/rows" "$T/z.db" <<'PY' || fail "report differs from the test's computation"
import json, sys, sqlite3, collections
rep = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[3])
arrest, no_arrest = [db.execute("SELECT value FROM vocab WHERE vocab='event_type' AND code=?", (c,)).fetchone()[0] for c in ("arrest", "no_arrest")]
nn = db.execute("SELECT value FROM vocab WHERE vocab='result' AND code='no_necessity'").fetchone()[0]
assert (arrest, no_arrest) == (2, 3)
score = {(r["person_id"], r["review_date"]): r for r in rep["persons"]}
cells = collections.Counter(); strata = collections.defaultdict(lambda: [0, 0])
decided = 0
import datetime
for line in open(sys.argv[2]):
    pid, day, unit, idn, dec = line.rstrip("\n").split("|")
    if not dec:
        continue
    decided += 1
    t, res = dec.split(":")
    arrested = t == "2"
    if not (arrested or res == str(nn)):
        continue
    date = (datetime.date(1970, 1, 1) + datetime.timedelta(days=int(day))).isoformat()
    r = score[(pid, date)]
    # locality: the id's region against the unit's region code, by city (4 digits); the
    # province's own procuratorate covers the province (2)
    reg = unit[1:]
    k = 2 if reg[2:] == "0000" else 4
    loc = "unknown" if len(idn) != 18 else ("local" if idn[:k] == reg[:k] else "non_local")
    sex = (("M" if int(idn[16]) % 2 else "F") if len(idn) == 18 else r["gender"] or "unknown")
    for dim, g in (("locality", loc), ("gender", sex)):
        cells[(dim, g, r["band"], 0)] += 1
        cells[(dim, g, r["band"], 1)] += arrested
        s = strata[(dim, g, r["score"])]
        s[0] += 1; s[1] += arrested
assert decided == rep["decided"], (decided, rep["decided"])
for f in rep["fairness"]:
    if f["dimension"] not in ("locality", "gender"):
        continue
    ref = f["reference"]
    for g in f["groups"]:
        for b in g["by_band"]:
            assert b["n"] == cells[(f["dimension"], g["code"], b["band"], 0)], (f["dimension"], g["code"], b)
            assert b["arrested"] == cells[(f["dimension"], g["code"], b["band"], 1)], (f["dimension"], g["code"], b)
        if g["code"] == ref or g["gap_vs_reference"] is None:
            continue
        num = den = 0.0
        for (dim, gg, sc), (n, a) in strata.items():
            if dim != f["dimension"] or gg != g["code"]:
                continue
            m, b2 = strata.get((dim, ref, sc), (0, 0))
            if m:
                w = n * m / (n + m); num += w * (a / n - b2 / m); den += w
        assert abs(num / den - g["gap_vs_reference"]) < 1e-9, (g["code"], num / den, g["gap_vs_reference"])
loc = next(f for f in rep["fairness"] if f["dimension"] == "locality")
gap = next(g for g in loc["groups"] if g["code"] == "non_local")["gap_vs_reference"]
assert gap > 0.03, f"the planted non-local gap is not found: {gap}"
# detention rises with the band (calibration)
rates = [b["detention_rate"] for b in rep["bands"] if b["n"] >= 30]
assert rates == sorted(rates), rates
print(f"non-local gap at equal score: {gap * 100:.1f} points")
PY
ok "report: counts by band and group and the Mantel-Haenszel gaps equal the test's own computation; the planted non-local gap is found"

expect_exit 2 $ZX danger report --db "$T/z.db" --from 2025-01-01 --to 2024-01-01
expect_exit 0 $ZX danger report --db "$T/z.db" --from 2019-01-01 --to 2025-12-31
grep -q "同分比较" "$T/out" && grep -q "外地户籍" "$T/out" || fail "table report"
printf '{"bands": []}' >"$T/bad.json"
expect_exit 2 $ZX danger report --db "$T/z.db" --from 2019-01-01 --to 2025-12-31 --items "$T/bad.json"
grep -q "bad.json: bands" "$T/err" || fail "bad items file message"
ok "bad period and bad items file are refused with a message"

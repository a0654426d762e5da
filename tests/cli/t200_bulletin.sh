# The bulletin (通报): a generated bundle, imported; settings and targets; the workbook opens
# as a zip with the seven sheets and native charts, and its numbers equal `indicators --format
# json` for the same unit and period.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 21 >/dev/null
expect_exit 0 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej.csv"
root=$(sqlite3 "$T/z.db" "SELECT unit_id FROM units WHERE parent_rid IS NULL LIMIT 1")
city=$(sqlite3 "$T/z.db" "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.parent_rid IS NULL ORDER BY u.unit_id LIMIT 1")
[ -n "$city" ] || fail "no city unit"

# settings and targets
expect_exit 0 $ZX settings set --db "$T/z.db" --unit "$city" ranking on
expect_exit 0 $ZX settings show --db "$T/z.db" --unit "$city"
grep -q "ranking on" "$T/out" || fail "ranking not on"
expect_exit 2 $ZX settings set --db "$T/z.db" --unit NOPE ranking on
expect_exit 0 $ZX target set --db "$T/z.db" --unit "$city" --indicator pretrial_detention_rate --value 30%
grep -q "30.00%" "$T/out" || fail "target not echoed"
expect_exit 0 $ZX target set --db "$T/z.db" --unit "$city" --indicator case_procedure_ratio_criminal --value 1:1.25 --from 2024-01-01
expect_exit 2 $ZX target set --db "$T/z.db" --unit "$city" --indicator duty_structure.criminal --value 80
expect_exit 2 $ZX target set --db "$T/z.db" --unit "$city" --indicator pretrial_detention_rate --value 130
expect_exit 0 $ZX target list --db "$T/z.db"
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "target list: $(cat "$T/out")"
ok "settings and targets"

# the table shows parent, rank, target; JSON keeps its shape
expect_exit 0 $ZX indicators --db "$T/z.db" --from 2024-01-01 --to 2024-12-31 --unit "$city" --by unit --format table --indicator pretrial_detention_rate
grep -q "上级值" "$T/out" && grep -q "目标值" "$T/out" && grep -q "排名" "$T/out" || fail "table lacks comparisons"
expect_exit 0 $ZX indicators --db "$T/z.db" --from 2024-01-01 --to 2024-12-31 --unit "$city" --by department --format csv --indicator no_arrest_rate
head -1 "$T/out" | grep -q "^indicator,name_zh,unit_id,department," || fail "department csv header"
expect_exit 2 $ZX indicators --db "$T/z.db" --from 2024-01-01 --to 2024-12-31 --by department
expect_exit 0 $ZX indicators --db "$T/z.db" --from 2024-01-01 --to 2024-12-31 --unit "$city" --indicator pretrial_detention_rate
python3 - "$T/out" <<'PY' || fail "json shape changed"
import json, sys
for e in json.load(open(sys.argv[1])):
    assert sorted(e) == sorted(["indicator", "unit_id", "staff_id", "from", "to", "numerator", "denominator", "value"]), e
PY
ok "indicators table, csv by department, json unchanged"

# the bulletin
expect_exit 2 $ZX bulletin --db "$T/z.db" --unit "$city" --period 2024-Q5 --out "$T/x.xlsx"
expect_exit 0 $ZX bulletin --db "$T/z.db" --unit "$city" --period 2024 --out "$T/q.xlsx" --min-denominator 1
[ -f "$T/q.xlsx" ] || fail "no workbook"
ls "$T"/q.xlsx.tmp* >/dev/null 2>&1 && fail "temporary file left behind"
expect_exit 0 $ZX indicators --db "$T/z.db" --from 2024-01-01 --to 2024-12-31 --unit "$city" --format json
$ZX trends --db "$T/z.db" --unit "$city" --from 2024-01 --to 2024-12 --format json >"$T/trends.json"
python3 - "$T/q.xlsx" "$T/out" "$city" "$T/trends.json" <<'PY' || fail "workbook check"
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
wb = ET.fromstring(z.read("xl/workbook.xml"))
names = [s.get("name") for s in wb.find("m:sheets", ns)]
want = ["研判要点", "案-件比", "刑事检察指标", "其他业务指标", "三个结构比", "各院对比", "犯罪态势"]
assert sorted(names) == sorted(want), names
charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
assert len(charts) >= 8, charts
kinds = set()
for c in charts:
    x = z.read(c).decode()
    for k in ("c:barChart", "c:lineChart", "c:pieChart"):
        if k in x:
            kinds.add(k)
assert kinds == {"c:barChart", "c:lineChart", "c:pieChart"}, kinds
rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
target = {r.get("Id"): r.get("Target") for r in rels}
sheet_file = {s.get("name"): "xl/" + target[s.get("{%s}id" % ns["r"])] for s in wb.find("m:sheets", ns)}
sst = [("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))) for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
def cells(name):
    rows = {}
    for c in ET.fromstring(z.read(sheet_file[name])).iter("{%s}c" % ns["m"]):
        ref = c.get("r"); col = re.match(r"[A-Z]+", ref).group(); row = int(ref[len(col):])
        v = c.find("m:v", ns)
        if v is None:
            continue
        val = sst[int(v.text)] if c.get("t") == "s" else float(v.text)
        rows.setdefault(row, {})[col] = val
    return rows
want = {e["indicator"]: e for e in json.load(open(sys.argv[2])) if e["unit_id"] == sys.argv[3]}
def check(name, code, num, den, val):
    n = 0
    for r in cells(name).values():
        k = r.get(code)
        if k not in want:
            continue
        e = want[k]
        if num: assert r[num] == e["numerator"], (name, k, r[num], e)
        if den: assert r[den] == e["denominator"], (name, k, r[den], e)
        if e["value"] is None:
            assert r[val] == "—", (name, k, r[val])
        else:
            assert abs(r[val] - e["value"]) < 1e-12, (name, k, r[val], e)
        n += 1
    return n
n = check("刑事检察指标", "O", "E", "F", "G")
assert n == 18, n
n = check("其他业务指标", "O", "E", "F", "G")
assert n >= 9, n
assert check("案-件比", "M", "C", "B", "D") == 4
assert check("三个结构比", "M", "B", None, "C") == 9
f = cells("研判要点")
text = " ".join(str(v) for r in f.values() for v in r.values())
assert "一、同比变动较大的指标" in text and "三、" in text, text[:200]
tr = json.load(open(sys.argv[4]))
rows = [r for r in cells("犯罪态势").values() if isinstance(r.get("A"), float) and isinstance(r.get("C"), float)]
assert [(r["B"], r["C"]) for r in rows] == [(c["charge"], c["count"]) for c in tr["charges"]], rows
assert any(r.get("B") == "刑事案件合计" and r.get("C") == tr["total"] for r in cells("犯罪态势").values())
PY
ok "bulletin: seven sheets (犯罪态势 equal to zhixiao trends), bar/line/pie charts, numbers equal indicators --format json"

# 犯罪态势 (zhixiao trends): a generated province with seasons and planted waves (--trends);
# counts by charge equal SQLite's over the same cases, the planted waves come out as 研判
# points, --cases lists exactly the cases of a figure, a county sees its own cases, bad input
# exits 2. The generator stays deterministic with --trends.
. "$(dirname "$0")/lib.sh"
GEN=${ZXREL:-$ZX}

$GEN generate --out "$T/b" --scale 20000 --seed 2024 --trends >/dev/null
$GEN generate --out "$T/b2" --scale 20000 --seed 2024 --trends >/dev/null
cmp -s "$T/b/cases.csv" "$T/b2/cases.csv" || fail "--trends is not deterministic"
rm -rf "$T/b2"
$GEN import "$T/b" --db "$T/z.db" --quiet || [ $? -eq 1 ]
ok "generated with --trends, twice the same"

# the charges are 罪名 of the official list (shared/data/similar/lecard_charges.txt, found like
# t120 finds the spec)
LIST=""
for d in "$ROOT/../shared" \
    "$(dirname "$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo /nonexistent/x)")/../shared"; do
    if [ -f "$d/data/similar/lecard_charges.txt" ]; then LIST="$d/data/similar/lecard_charges.txt"; break; fi
done
if [ -n "$LIST" ]; then
    python3 - "$T/b/cases.csv" "$LIST" <<'PY' || fail "charges not in the official list"
import csv, sys
official = {l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()}
bad = {r["charge"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
       if r["line"] in ("criminal", "刑事") and r["charge"] and r["charge"] not in official}
assert not bad, bad
PY
    ok "every criminal charge is an official 罪名 ($(wc -l <"$LIST") names)"
else
    echo "skip - lecard_charges.txt not found beside the repository"
fi

expect_exit 0 $ZX trends --db "$T/z.db" --from 2025-01 --to 2025-12 --top 100 --format json
cp "$T/out" "$T/all.json"
sqlite3 "$T/z.db" "SELECT coalesce(charge, ''), count(*) FROM cases WHERE line = 1
    AND date(accepted_on * 86400, 'unixepoch') BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1" >"$T/want.txt"
python3 - "$T/all.json" "$T/want.txt" <<'PY' || fail "trends figures"
import json, sys
d = json.load(open(sys.argv[1]))
want = dict((k, int(v)) for k, v in (l.rstrip("\n").split("|") for l in open(sys.argv[2], encoding="utf-8")))
assert d["total"] == sum(want.values()), (d["total"], sum(want.values()))
assert sum(d["totals"]) == d["total"]
for c in d["charges"]:
    assert c["count"] == want[c["charge"]], c["charge"]
    assert sum(c["monthly"]) == c["count"]
    assert abs(c["share"] - c["count"] / d["total"]) < 1e-12
named = {k: v for k, v in want.items() if k}
assert len(d["charges"]) == len(named), (len(d["charges"]), len(named))
pts = d["anomalies"]
wave = [a for a in pts if a["charge"] == "诈骗罪" and "2025-06" <= a["month"] <= "2025-09"]
theft = [a for a in pts if a["charge"] == "盗窃罪" and "2025-03" <= a["month"] <= "2025-04"]
assert wave and theft, [a["text"] for a in pts]
assert len({a["unit_id"] for a in wave}) == 1, "the 诈骗 wave is in one county"
for a in pts:
    assert a["count"] >= d["min_count"] and a["count"] > a["threshold"], a
    assert a["text"].startswith("%d年%d月 " % (int(a["month"][:4]), int(a["month"][5:]))), a["text"]
print(len(pts), "points;", wave[0]["text"])
open(sys.argv[1] + ".wave", "w").write("%s %s %d\n" % (wave[0]["unit_id"], wave[0]["month"], wave[0]["count"]))
PY
ok "counts by charge equal SQLite's; the planted waves are 研判 points"

read -r WU WM WN <"$T/all.json.wave"
expect_exit 0 $ZX trends --db "$T/z.db" --unit "$WU" --from "$WM" --to "$WM" --charge 诈骗罪 --cases --format json
n=$(python3 -c "import json,sys; l=json.load(open(sys.argv[1])); assert all(c['charge']=='诈骗罪' and c['accepted_on'].startswith(sys.argv[2]) for c in l); print(len(l))" "$T/out" "$WM")
[ "$n" -eq "$WN" ] || fail "--cases lists $n cases, the point says $WN"
expect_exit 0 $ZX trends --db "$T/z.db" --unit "$WU" --from "$WM" --to "$WM" --charge 诈骗罪 --cases --format table
[ "$(wc -l <"$T/out")" -eq "$WN" ] || fail "--cases table: $(wc -l <"$T/out") lines"
ok "--cases lists exactly the $WN cases behind the point"

# a county: its own cases only
expect_exit 0 $ZX trends --db "$T/z.db" --unit "$WU" --from 2025-01 --to 2025-12 --format json
got=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['total'])" "$T/out")
want=$(sqlite3 "$T/z.db" "SELECT count(*) FROM cases c JOIN units u ON u.id = c.unit_rid WHERE u.unit_id = '$WU'
    AND c.line = 1 AND date(c.accepted_on * 86400, 'unixepoch') BETWEEN '2025-01-01' AND '2025-12-31'")
[ "$got" -eq "$want" ] || fail "county total $got, want $want"
ok "a county's figures are its own cases"

expect_exit 0 $ZX trends --db "$T/z.db" --from 2025-06 --to 2025-09 --format table
grep -q "研判要点" "$T/out" && grep -q "诈骗罪" "$T/out" && grep -q "环比" "$T/out" || fail "table: $(cat "$T/out")"
ok "table with 同比/环比 and 研判要点"

expect_exit 2 $ZX trends --db "$T/z.db" --from 2025-13 --to 2025-12
grep -q "YYYY-MM" "$T/err" || fail "bad month message: $(cat "$T/err")"
expect_exit 2 $ZX trends --db "$T/z.db" --from 2025-05 --to 2025-01
expect_exit 2 $ZX trends --db "$T/z.db" --from 2025-01 --to 2025-12 --charge 不存在罪
expect_exit 2 $ZX trends --db "$T/z.db" --from 2025-01 --to 2025-12 --unit NOPE
expect_exit 2 $ZX trends --db "$T/nope.db" --from 2025-01 --to 2025-12
expect_exit 2 $ZX trends --db "$T/z.db" --to 2025-12
expect_exit 0 $ZX trends --help
ok "bad input exits 2 with a message"

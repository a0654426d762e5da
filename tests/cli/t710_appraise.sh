# 层级综合评价: an indicator item equals `zhixiao indicators` for the unit and year and its
# score follows the item's good/poor line; an entered score needs a reason, stays in the
# ledger and a later entry supersedes it; facet means recomputed from the items; no rank
# unless the evaluating unit turns ranking on; the item's cases are the indicator's.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 11 >/dev/null
expect_exit 0 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej.csv"
DB="--db $T/z.db"
root=$(sqlite3 "$T/z.db" "SELECT unit_id FROM units WHERE parent_rid IS NULL")
city=$(sqlite3 "$T/z.db" "SELECT u.unit_id FROM units u JOIN units p ON p.id=u.parent_rid WHERE p.parent_rid IS NULL ORDER BY 1 LIMIT 1")
county=$(sqlite3 "$T/z.db" "SELECT u.unit_id FROM units u JOIN units p ON p.id=u.parent_rid WHERE p.unit_id='$city' ORDER BY 1 LIMIT 1")
ncity=$(sqlite3 "$T/z.db" "SELECT count(*) FROM units u JOIN units p ON p.id=u.parent_rid WHERE p.parent_rid IS NULL")

# entries: refused for a computed item, without reason, out of range; accepted, superseded
expect_exit 1 $ZX appraise enter $DB --year 2025 --unit "$city" --item detention --score 80 --reason r --by a
grep -q "computed" "$T/err" || fail "computed item entry message"
expect_exit 1 $ZX appraise enter $DB --year 2025 --unit "$city" --item team_building --score 101 --reason r --by a
expect_exit 1 $ZX appraise enter $DB --year 2025 --unit "$city" --item team_building --score 80 --reason "" --by a
expect_exit 1 $ZX appraise enter $DB --year 2025 --unit NOPE --item team_building --score 80 --reason r --by a
expect_exit 0 $ZX appraise enter $DB --year 2025 --unit "$city" --item team_building --score 70 --reason "初评" --by a
expect_exit 0 $ZX appraise enter $DB --year 2025 --unit "$city" --item team_building --score 85 --reason "复核后调整" --by b
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl='ap_entries'")" -eq 2 ] || fail "entries in the ledger"
ok "entries: refused when computed, out of range, without reason or unit; kept in the ledger"

expect_exit 0 $ZX appraise $DB --year 2025 --format json
cp "$T/out" "$T/ap.json"
expect_exit 0 $ZX indicators $DB --from 2025-01-01 --to 2025-12-31 --unit "$city" --format json
cp "$T/out" "$T/ind.json"
python3 - "$T/ap.json" "$T/ind.json" "$ROOT/data/unit_evaluation.json" "$city" "$ncity" <<'PY' || fail "appraisal against the indicators"
import json, sys
ap, ind, items, city, ncity = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))["items"], sys.argv[4], int(sys.argv[5])
assert len(ap["units"]) == ncity and not ap["ranking"] and all("rank" not in u for u in ap["units"]), ap["units"][0].keys()
u = next(x for x in ap["units"] if x["unit_id"] == city)
byid = {i["id"]: i for i in items}
fig = {r["indicator"]: r for r in ind if r["unit_id"] == city}
checked = 0
for it in u["items"]:
    d = byid[it["id"]]
    if d["kind"] == "indicator":
        r = fig[d["indicator"]]
        assert (it["numerator"], it["denominator"]) == (r["numerator"], r["denominator"]), (it, r)
        if r["denominator"]:
            s = max(0, min(100, (r["value"] - d["poor"]) / (d["good"] - d["poor"]) * 100))
            assert abs(it["score"] - round(s, 1)) < 0.051, (it, s)
            checked += 1
        else:
            assert it["score"] is None
tb = next(i for i in u["items"] if i["id"] == "team_building")
assert tb["score"] == 85 and tb["entry"]["reason"] == "复核后调整", tb
# facets and total: weighted means of the scored items
def mean(pred):
    xs = [(byid[i["id"]]["weight"], i["score"]) for i in u["items"] if i["score"] is not None and pred(byid[i["id"]])]
    return round(sum(w * s for w, s in xs) / sum(w for w, _ in xs), 1) if xs else None
# item scores are rounded to 0.1 in the output: allow for it
def close(a, b): return (a is None and b is None) or abs(a - b) <= 0.1
assert close(u["total"], mean(lambda d: True)), (u["total"], mean(lambda d: True))
assert close(u["facets"]["subjective"], mean(lambda d: d["subjective"]))
assert close(u["facets"]["objective"], mean(lambda d: not d["subjective"]))
assert close(u["facets"]["management"], mean(lambda d: d["area"] == "management"))
assert close(u["facets"]["dynamic"], mean(lambda d: d["mode"] == "dynamic"))
assert checked >= 5, checked
PY
ok "indicator items equal zhixiao indicators; scores, facets and total recomputed"

# ranking: only when the evaluating unit turns it on
expect_exit 0 $ZX settings set $DB --unit "$root" ranking on
expect_exit 0 $ZX appraise $DB --year 2025 --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=sorted((u["rank"], -u["total"]) for u in d["units"] if u["total"] is not None); assert d["ranking"] and [x[0] for x in r][0] == 1 and [x[1] for x in r] == sorted(x[1] for x in r), r' "$T/out" || fail "ranking on"
expect_exit 0 $ZX settings set $DB --unit "$root" ranking off
ok "ranks only with ranking on"

# one unit, a unit not below the evaluator, the table with its year-on-year column
expect_exit 0 $ZX appraise $DB --year 2025 --unit "$city" --of "$county" --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [u["unit_id"] for u in d["units"]] == [sys.argv[2]]' "$T/out" "$county" || fail "--of"
expect_exit 2 $ZX appraise $DB --year 2025 --unit "$county" --of "$city"
expect_exit 0 $ZX appraise $DB --year 2025 --format table --items
grep -q "同比" "$T/out" && grep -q "复核后调整" "$T/out" || fail "table"
ok "one unit; only below the evaluator; table with 同比 and reasons"

# drill-down: the item's cases are the indicator's
expect_exit 0 $ZX appraise cases $DB --year 2025 --unit "$city" --item detention --part numerator --format json
a=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["count"] == len(d["items"]); print(d["count"])' "$T/out")
expect_exit 0 $ZX cases $DB --indicator pretrial_detention_rate --unit "$city" --from 2025-01-01 --to 2025-12-31 --part numerator --format json
b=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$T/out")
n=$(python3 -c 'import json,sys; print(next(i for u in json.load(open(sys.argv[1]))["units"] if u["unit_id"]==sys.argv[2] for i in u["items"] if i["id"]=="detention")["numerator"])' "$T/ap.json" "$city")
[ "$a" = "$b" ] && [ "$a" = "$n" ] || fail "drill-down $a, cases $b, numerator $n"
expect_exit 2 $ZX appraise cases $DB --year 2025 --unit "$city" --item team_building
ok "an item opens to its cases ($a)"

# 领导干部办案: the figures equal SQL over the same cases; expectations are set, inherited by
# child units and flag the units below them; the drill-down lists exactly the cases counted.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 11 >/dev/null
expect_exit 0 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej.csv"
root=$(sqlite3 "$T/z.db" "SELECT unit_id FROM units WHERE parent_rid IS NULL")
city=$(sqlite3 "$T/z.db" "SELECT u.unit_id FROM units u JOIN units p ON p.id=u.parent_rid WHERE p.parent_rid IS NULL ORDER BY 1 LIMIT 1")
P="--from 2019-01-01 --to 2025-12-31"

expect_exit 0 $ZX leaders --db "$T/z.db" --unit "$root" $P --format json
tot=$(sqlite3 "$T/z.db" "SELECT count(*) || ',' || sum(s.is_leader=1) || ',' || sum(c.complex=1) || ',' || sum(c.complex=1 AND s.is_leader=1) FROM cases c LEFT JOIN staff s ON s.id=c.handler_rid WHERE c.accepted_on BETWEEN unixepoch('2019-01-01')/86400 AND unixepoch('2025-12-31')/86400")
sum=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))[-1]; print("%d,%d,%d,%d" % (t["cases"], t["leader_cases"], t["complex"], t["leader_complex"]))' "$T/out")
[ "$sum" = "$tot" ] || fail "total: got $sum, tot $tot"
lw=$(echo "$tot" | cut -d, -f2)
for by in level line; do
    expect_exit 0 $ZX leaders --db "$T/z.db" --unit "$root" $P --by $by --format json
    g=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert sum(x["leader_cases"] for x in r[:-1]) == r[-1]["leader_cases"]; print(r[-1]["leader_cases"])' "$T/out")
    [ "$g" = "$lw" ] || fail "by $by: $g, tot $lw"
done
ok "figures by unit, level and line equal SQL ($tot)"

# expectations: set on the root, inherited by a city, overridden there
expect_exit 0 $ZX leaders expect --db "$T/z.db" --unit "$root" --share 50% --complex-share 0.9
expect_exit 0 $ZX leaders --db "$T/z.db" --unit "$city" $P --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
assert all(x["expected_share"] == 0.5 and x["expected_complex_share"] == 0.9 for x in r), r
assert all(x["below"] == (x["share"] is not None and x["share"] < 0.5 or x["complex_share"] is not None and x["complex_share"] < 0.9) for x in r), r' "$T/out" || fail "inherited expectation"
expect_exit 0 $ZX leaders expect --db "$T/z.db" --unit "$city" --share 0%
expect_exit 0 $ZX leaders --db "$T/z.db" --unit "$city" $P --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r[-1]["expected_share"] == 0 and r[-1]["expected_complex_share"] == 0.9, r[-1]' "$T/out" || fail "override"
expect_exit 0 $ZX leaders expect --db "$T/z.db" --unit "$city" --share none
expect_exit 0 $ZX leaders --db "$T/z.db" --unit "$city" $P --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r[-1]["expected_share"] == 0.5, r[-1]' "$T/out" || fail "clear"
expect_exit 2 $ZX leaders expect --db "$T/z.db" --unit "$city" --share 120%
grep -q -- "--share" "$T/err" || fail "bad share message"
expect_exit 2 $ZX leaders expect --db "$T/z.db" --unit NOPE --share 10%
expect_exit 0 $ZX leaders --db "$T/z.db" --unit "$city" $P --format table
grep -q "低于期望\|合计" "$T/out" || fail "table"
ok "expectations: set, inherited, overridden, cleared, checked"

# drill-down: the cases behind the total's leader figure, and behind the complex ones
n=$(echo "$tot" | cut -d, -f2)
expect_exit 0 $ZX leaders cases --db "$T/z.db" --unit "$root" $P --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r) == int(sys.argv[2]) and all(c["handler_is_leader"] for c in r), len(r)' "$T/out" "$n" || fail "leader cases"
n=$(echo "$tot" | cut -d, -f3)
expect_exit 0 $ZX leaders cases --db "$T/z.db" --unit "$root" $P --all --complex --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r) == int(sys.argv[2]) and all(c["complex"] for c in r), len(r)' "$T/out" "$n" || fail "complex cases"
key=$(sqlite3 "$T/z.db" "SELECT u.unit_id FROM cases c JOIN units u ON u.id=c.unit_rid GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
n=$(sqlite3 "$T/z.db" "SELECT count(*) FROM cases c JOIN units u ON u.id=c.unit_rid WHERE u.unit_id='$key' AND c.accepted_on BETWEEN unixepoch('2019-01-01')/86400 AND unixepoch('2025-12-31')/86400")
expect_exit 0 $ZX leaders cases --db "$T/z.db" --unit "$root" $P --key "$key" --all --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r) == int(sys.argv[2]) and all(c["unit_id"] == sys.argv[3] for c in r), len(r)' "$T/out" "$n" "$key" || fail "unit row"
ok "drill-down lists exactly the cases behind each number"

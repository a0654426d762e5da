# review-sentences on generated bundles: exactly the planted 减假暂 violations (each category),
# nothing on clean histories; the JSON fields of spec/sentence-review.md; table, filters.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 4 --convicts 20000 --violations 20 >/dev/null
$ZX import "$T/b" --db "$T/z.db" >/dev/null
expect_exit 1 $ZX review-sentences --db "$T/z.db" --format json
cp "$T/out" "$T/f.json"
python3 - "$T/b/expected-findings.csv" "$T/f.json" <<'PY' || fail "findings differ from the planted violations"
import csv, json, sys
want = {(r['change_id'] or None, r['convict_id'], r['category'])
        for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))}
found = json.load(open(sys.argv[2], encoding='utf-8'))
keys = ["change_id", "convict_id", "category", "rule", "article", "expected", "actual", "severity"]
for f in found:
    assert list(f) == keys, f
    assert f["severity"] == ("pattern" if f["category"].startswith("pattern_") else "violation"), f
    assert (f["change_id"] is None) == f["category"].startswith("pattern_"), f
got = {(f['change_id'], f['convict_id'], f['category']) for f in found}
cats = {c for _, _, c in want}
if len(cats) != 9 or len(want) < 30:
    sys.exit("too few planted kinds: %d categories, %d findings" % (len(cats), len(want)))
for x in sorted(want - got, key=str): print("missing", x)
for x in sorted(got - want, key=str): print("extra", x)
sys.exit(want != got or len(found) != len(got))
PY
ok "review-sentences reports exactly the $(($(wc -l <"$T/b/expected-findings.csv") - 1)) planted violations (9 categories)"

# the review split over two threads reports the same findings in the same order
expect_exit 1 env ZHIXIAO_THREADS=2 $ZX review-sentences --db "$T/z.db" --format json
cmp -s "$T/out" "$T/f.json" || fail "two-thread review differs from the one-thread review"
expect_exit 1 env ZHIXIAO_THREADS=1 $ZX review-sentences --db "$T/z.db" --format json
cmp -s "$T/out" "$T/f.json" || fail "one-thread review differs"
ok "one and two threads give identical output"

# a clean bundle (the default) gives no finding and exit 0
$ZX generate --out "$T/c" --scale tiny --seed 5 --convicts 5000 >/dev/null
[ "$(wc -l <"$T/c/expected-findings.csv")" -eq 1 ] || fail "a clean bundle lists findings"
$ZX import "$T/c" --db "$T/c.db" >/dev/null
expect_exit 0 $ZX review-sentences --db "$T/c.db" --format json
[ "$(cat "$T/out")" = "[]" ] || fail "findings on clean histories: $(head -c 300 "$T/out")"
ok "clean histories: no finding"

# one convict, a period, the table
cv=$(python3 -c "import json,sys;print([f for f in json.load(open(sys.argv[1])) if f['change_id']][0]['convict_id'])" "$T/f.json")
expect_exit 1 $ZX review-sentences --db "$T/z.db" --convict "$cv"
n=$(python3 -c "import json,sys;print(len(json.load(open(sys.argv[1]))))" "$T/out")
[ "$n" -ge 1 ] || fail "--convict $cv found nothing"
expect_exit 0 $ZX review-sentences --db "$T/z.db" --from 1990-01-01 --to 1990-12-31
expect_exit 1 $ZX review-sentences --db "$T/z.db" --format table
grep -q "findings (.* violation" "$T/out" || fail "no table summary"
expect_exit 2 $ZX review-sentences --db "$T/z.db" --format xml
expect_exit 2 $ZX review-sentences --db "$T/z.db" --convict NOPE
ok "--convict, --from/--to, --format table, bad options"

# similar (类案检索, shared/spec/similar-cases.md) on generated documents: the JSON contract,
# exclusions, --charge, --queries in order, exit 2 on bad usage; generate --documents is
# deterministic; LeCaRD's 107 real queries keep the retrieval floors measured with
# bench/similar/lecard.py (P@10 0.208, MRR 0.457 at commit time) with margin, and emptying
# the charge and sentence columns changes nothing.
. "$(dirname "$0")/lib.sh"
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}

$ZX generate --out "$T/b" --scale tiny --seed 3 --documents 400 >/dev/null
$ZX generate --out "$T/b2" --scale tiny --seed 3 --documents 400 >/dev/null
cmp -s "$T/b/documents.csv" "$T/b2/documents.csv" || fail "generate --documents is not deterministic"
$ZX import "$T/b" --db "$T/z.db" >"$T/imp" || fail "import"
grep -q "^documents.csv  *400  *400 " "$T/imp" || { cat "$T/imp"; fail "documents.csv not imported"; }
[ -s "$T/z.db.zxsim" ] || fail "no index cache after import"
python3 - "$T/b/documents.csv" <<'PY' || fail "generated documents do not follow the brief"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert all(200 <= len(r["facts"]) <= 800 for r in rows), "facts of 200-800 characters"
assert len({r["charges"].split(";")[0] for r in rows}) >= 20, ">= 20 charges"
assert any(r["case_id"] for r in rows) and any(not r["case_id"] for r in rows)
judg = [r for r in rows if r["sentence_kind"] in ("fixed", "criminal_detention")]
assert len(judg) > 200 and all(r["term_months"] for r in judg)
PY
ok "generate --documents: deterministic, 200-800 characters, >= 20 charges, imported"

check() { # FILE QUERY_DOC K — the contract on one JSON answer
    python3 - "$T/z.db" "$@" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
r = json.loads(open(sys.argv[2], encoding="utf-8").readline())
qdoc, k = sys.argv[3], int(sys.argv[4])
facts = lambda d: db.execute("SELECT facts FROM documents WHERE document_id=?", (d,)).fetchone()[0]
assert list(r) == ["query", "results", "sentencing"], list(r)
assert list(r["sentencing"]) == ["charge", "n", "term_months_median", "p25", "p75"]
qf = facts(qdoc) if qdoc != "-" else None
res = r["results"]
assert 1 <= len(res) <= k, len(res)
for i, x in enumerate(res):
    assert list(x) == ["document_id", "score", "charges", "sentence_kind", "term_months", "matched_terms"], list(x)
    assert x["document_id"] != qdoc
    assert i == 0 or x["score"] <= res[i - 1]["score"]
    assert 1 <= len(x["matched_terms"]) <= 10
    for t in x["matched_terms"]:
        assert t in facts(x["document_id"]) and (qf is None or t in qf), t
    row = db.execute("SELECT charges, term_months FROM documents WHERE document_id=?", (x["document_id"],)).fetchone()
    assert x["charges"] == (row[0].split(";") if row[0] else []) and x["term_months"] == row[1]
# §3 recomputed from the results
s = r["sentencing"]
main = [x["charges"][0] if x["charges"] else None for x in res]
if s["charge"] is not None and r["query"]["charge"] is None:
    sums = {}
    for m, x in zip(main, res):
        if m: sums[m] = sums.get(m, 0) + x["score"]
    best = max(sums.values())
    first = next(m for m in main if m and abs(sums[m] - best) < 1e-6)
    assert s["charge"] == first, (s["charge"], first)
v = sorted(x["term_months"] for m, x in zip(main, res) if m == s["charge"]
           and x["sentence_kind"] in ("fixed", "criminal_detention") and x["term_months"] is not None)
assert s["n"] == len(v)
def q(p):
    h = (len(v) - 1) * p; f = int(h)
    return v[f] if f + 1 >= len(v) else v[f] + (h - f) * (v[f + 1] - v[f])
if v:
    assert abs(s["term_months_median"] - q(.5)) < 1e-9 and abs(s["p25"] - q(.25)) < 1e-9 and abs(s["p75"] - q(.75)) < 1e-9
else:
    assert s["term_months_median"] is None and s["p25"] is None and s["p75"] is None
PY
}

expect_exit 0 $ZX similar --db "$T/z.db" --document D0000010 --k 10 --format json
cp "$T/out" "$T/r1.json"
check "$T/r1.json" D0000010 10 || fail "similar --document breaks the contract"
ok "similar --document: the JSON contract, §3 charge choice and quantiles"

# --exclude (repeatable) and --charge
top=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(' '.join(x['document_id'] for x in r['results'][:3]))" "$T/r1.json")
set -- $top
expect_exit 0 $ZX similar --db "$T/z.db" --document D0000010 --exclude "$1" --exclude "$2" --exclude "$3"
python3 -c "
import json,sys; r=json.load(open(sys.argv[1])); got={x['document_id'] for x in r['results']}
assert len(r['results'])==10 and not got & set(sys.argv[2:]), got" "$T/out" D0000010 "$@" || fail "an excluded document came back"
expect_exit 0 $ZX similar --db "$T/z.db" --document D0000010 --charge 盗窃罪 --k 20
python3 -c "
import json,sys; r=json.load(open(sys.argv[1]))
assert r['query']['charge']=='盗窃罪' and r['sentencing']['charge']=='盗窃罪'
assert r['results'] and all('盗窃罪' in x['charges'] for x in r['results'])" "$T/out" || fail "--charge"
ok "--exclude never returns those, --charge only filters"

# by facts, from a file and on the command line, and the table
printf '被告人酒后驾驶小型轿车在道路上行驶，经检验其血液中乙醇含量为一百五十毫克每百毫升。' >"$T/facts.txt"
expect_exit 0 $ZX similar --db "$T/z.db" --facts-file "$T/facts.txt" --k 5
cp "$T/out" "$T/r2.json"
check "$T/r2.json" - 5 || fail "--facts-file"
grep -q '"charge":"危险驾驶罪","n"' "$T/r2.json" || fail "drunk driving facts should refer to 危险驾驶罪"
expect_exit 0 $ZX similar --db "$T/z.db" --facts "$(cat "$T/facts.txt")" --k 5 --format table
grep -q "量刑参考：危险驾驶罪" "$T/out" || fail "table"
ok "--facts, --facts-file, --format table"

# --queries: one line per query, in order; an unknown document gives an error line and exit 2
printf '%s\n' '{"id":"a","document":"D0000003"}' '{"id":"b","facts":"被告人入户盗窃金银首饰","charge":"盗窃罪","k":3}' \
    '{"id":"c","document":"D0000003","exclude":["D0000001"]}' >"$T/q.jsonl"
expect_exit 0 $ZX similar --db "$T/z.db" --queries "$T/q.jsonl"
python3 -c "
import json,sys; L=[json.loads(l) for l in open(sys.argv[1])]
assert [x['query']['id'] for x in L]==['a','b','c'], L
assert len(L[1]['results'])<=3 and L[1]['query']['charge']=='盗窃罪'
assert all(x['document_id']!='D0000001' for x in L[2]['results'])" "$T/out" || fail "--queries"
printf '%s\n' '{"id":"x","document":"NO-SUCH"}' '{"id":"y","document":"D0000003"}' >"$T/q2.jsonl"
expect_exit 2 $ZX similar --db "$T/z.db" --queries "$T/q2.jsonl"
[ "$(wc -l <"$T/out")" -eq 2 ] && grep -q '"error"' "$T/out" || fail "--queries with an unknown document"
ok "--queries in order; an unknown document is an error line and exit 2"

expect_exit 2 $ZX similar --db "$T/z.db" --document NO-SUCH
expect_exit 2 $ZX similar --db "$T/z.db"
expect_exit 2 $ZX similar --db "$T/z.db" --document D0000001 --facts 盗窃
expect_exit 2 $ZX similar --db "$T/z.db" --document D0000001 --k 0
expect_exit 2 $ZX similar --db "$T/z.db" --document D0000001 --format xml
expect_exit 2 $ZX similar --db "$T/z.db" --document D0000001 --bogus
ok "exit 2 on bad usage or an unknown document"

# the index is a cache: without it (or with it damaged) the answers are the same
rm "$T/z.db.zxsim"
expect_exit 0 $ZX similar --db "$T/z.db" --document D0000010 --k 10
cmp -s "$T/out" "$T/r1.json" || fail "rebuilt index answers differently"
size=$(stat -c %s "$T/z.db.zxsim")
printf 'garbage' | dd of="$T/z.db.zxsim" bs=1 seek=$((size - 100)) conv=notrunc 2>/dev/null
expect_exit 0 $ZX similar --db "$T/z.db" --document D0000010 --k 10
cmp -s "$T/out" "$T/r1.json" || fail "damaged cache not rebuilt"
expect_exit 0 env ZHIXIAO_SNAPSHOT=0 $ZX similar --db "$T/z.db" --document D0000010 --k 10
cmp -s "$T/out" "$T/r1.json" || fail "in-memory index answers differently"
ok "index cache: rebuilt when missing or damaged, same answers"

# LeCaRD: real criminal facts; floors with margin under the measured figures
python3 "$ROOT/bench/similar/lecard.py" "$ZX" "$ROOT/tests/similar/data" --json >"$T/lecard.json" || fail "lecard"
python3 - "$T/lecard.json" <<'PY' || fail "LeCaRD below the floors: $(cat "$T/lecard.json")"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["p10"] >= 0.17 and r["mrr"] >= 0.40, r
assert r["p10"] - r["p10_empty"] <= 0.01 and r["mrr"] - r["mrr_empty"] <= 0.01, r
PY
ok "LeCaRD: P@10 $(python3 -c "import json;print(round(json.load(open('$T/lecard.json'))['p10'],4))") >= 0.17, MRR $(python3 -c "import json;print(round(json.load(open('$T/lecard.json'))['mrr'],4))") >= 0.40, unchanged without charges"

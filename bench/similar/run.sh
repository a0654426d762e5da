#!/bin/sh
# bench/similar/run.sh [DOCUMENTS] — 类案检索 latency (similar-cases.md §4c), never run by the tests.
#
# Generates a tiny province with DOCUMENTS documents (default 100000), imports it (which builds
# the index cache FILE.zxsim), then measures:
#   - batch mode (`similar --queries`, 200 documents as queries): median and p95 per query,
#     from ZX_SIMILAR_TRACE's per-query times (process start-up and index mapping excluded);
#   - one `similar --document` process, 5 runs (start-up, mapping, query, output);
#   - the first 50 of those queries in SQLite FTS5 with the trigram tokenizer (sqlite3 tool): the
#     query document's facts as an OR of its Han trigrams, ranked by bm25(), top 11;
#   - the LeCaRD evaluation (bench/similar/lecard.py).
# DuckDB's full-text extension is not installed offline, so DuckDB is not compared.
set -eu
N=${1:-100000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ZX=${ZX:-$ROOT/build/zhixiao}
W=${TMPDIR:-/tmp}/zx-bench-similar
rm -rf "$W"
mkdir -p "$W"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$ZX" generate --out "$W/b" --scale tiny --documents "$N" >/dev/null
t0=$(date +%s.%N)
"$ZX" import "$W/b" --db "$W/z.db" --quiet || test $? -eq 1
t1=$(date +%s.%N)
echo "import of $N documents (index built): $(echo "$t1 - $t0" | bc) s"
python3 - "$N" >"$W/q.jsonl" <<'PY'
import json, sys
n = int(sys.argv[1])
for i in range(1, 201):
    print(json.dumps({"id": "q%d" % i, "document": "D%07d" % (1 + (i * 7919) % n)}))
PY
ZX_SIMILAR_TRACE=1 "$ZX" similar --db "$W/z.db" --queries "$W/q.jsonl" 2>"$W/trace" >"$W/out.jsonl"
awk '/^trace query/ {print $4}' "$W/trace" | sort -n | awk '{a[NR]=$1} END {
  printf "zhixiao batch (--queries, %d queries): median %.1f ms, p95 %.1f ms, max %.1f ms\n",
         NR, a[int((NR+1)/2)], a[int(NR*0.95+0.999)], a[NR] }'
# sentence error (similar-cases.md §4b) and P@10 on the generated judgments themselves
python3 - "$W/z.db" "$W/out.jsonl" <<'PY'
import json, math, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
errs, p10, n = [], 0.0, 0
for line in open(sys.argv[2]):
    r = json.loads(line)
    sk, term, ch = db.execute("SELECT (SELECT code FROM vocab WHERE vocab='doc_sentence_kind'"
                              " AND value=sentence_kind), term_months, charges FROM documents"
                              " WHERE document_id=?", (r["query"]["document_id"],)).fetchone()
    n += 1
    p10 += sum(ch.split(";")[0] in x["charges"] for x in r["results"]) / 10
    if sk == "fixed" and term is not None:
        m = r["sentencing"]["term_months_median"] or 0
        errs.append(abs(math.log2((m + 1) / (term + 1))))
print("generated data: P@10 %.3f over %d queries; sentence error %.3f over %d fixed terms"
      % (p10 / n, n, sum(errs) / len(errs), len(errs)))
PY
for i in 1 2 3 4 5; do
  s=$(date +%s%N)
  "$ZX" similar --db "$W/z.db" --document D0000005 >/dev/null
  e=$(date +%s%N)
  ms=$(( (e - s) / 1000000 ))
  echo "one similar --document process: $ms ms"
done
# SQLite FTS5 (trigram) over the same facts, the same 200 query documents
sqlite3 "$W/z.db" "CREATE VIRTUAL TABLE f USING fts5(facts, tokenize='trigram');
  INSERT INTO f(rowid, facts) SELECT id, facts FROM documents;"
python3 - "$W/z.db" "$W/q.jsonl" >"$W/fts.sql" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(".timer on")
for line in list(open(sys.argv[2]))[:50]:  # each takes seconds
    d = json.loads(line)["document"]
    facts = db.execute("SELECT facts FROM documents WHERE document_id=?", (d,)).fetchone()[0]
    han = lambda c: "\u4e00" <= c <= "\u9fff"
    tri = sorted({facts[i:i + 3] for i in range(len(facts) - 2) if all(han(c) for c in facts[i:i + 3])})
    q = " OR ".join('"%s"' % t for t in tri)
    print("SELECT count(*) FROM (SELECT rowid FROM f WHERE f MATCH '%s' ORDER BY bm25(f) LIMIT 11);" % q)
PY
sqlite3 "$W/z.db" <"$W/fts.sql" 2>&1 | awk '/^Run Time/ {print $4 * 1000}' | sort -n | awk '{a[NR]=$1} END {
  printf "SQLite FTS5 trigram, same queries (%d): median %.1f ms, p95 %.1f ms\n",
         NR, a[int((NR+1)/2)], a[int(NR*0.95+0.999)] }'
ls -l "$W/z.db" "$W/z.db.zxsim" | awk '{print $5, $9}'
python3 "$ROOT/bench/similar/lecard.py" "$ZX"
rm -rf "$W"

#!/usr/bin/env python3
"""类案检索 on LeCaRD's 107 queries (shared/data/similar): each query fact text is a document
with its charges; each is queried with `--document ID --k 10` against the other 106, and
precision@10 and MRR are computed as similar-cases.md §4 defines them (forms of one 选择性罪名
count as one). The run is repeated with the charge and sentence columns emptied.

    bench/similar/lecard.py [ZHIXIAO] [DATA_DIR]      prints the table; --json for figures

DATA_DIR holds lecard_query.json (default: the shared data, else tests/similar/data); the
charge names come from DATA_DIR/lecard_charges.txt or data/similar/charges.txt.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

args = [a for a in sys.argv[1:] if not a.startswith("--")]
ZX = args[0] if args else "build/zhixiao"
DATA = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/data/similar")
HERE = os.path.dirname(os.path.abspath(__file__))
if not os.path.isfile(os.path.join(DATA, "lecard_query.json")):
    DATA = os.path.join(HERE, "../../tests/similar/data")
CHARGES = os.path.join(DATA, "lecard_charges.txt")
if not os.path.isfile(CHARGES):
    CHARGES = os.path.join(HERE, "../../data/similar/charges.txt")
official = [l.strip() for l in open(CHARGES, encoding="utf-8") if l.strip()]
offset = set(official)


def canonical(c):
    """The official name a charge form belongs to (贩卖毒品罪 → 走私、贩卖、运输、制造毒品罪)."""
    c = c.strip()
    if c in offset:
        return c
    for o in official:
        if "、" in o and set(c) - {"、"} <= set(o) and c[-3:] == o[-3:]:
            return o
    return c


queries = [json.loads(l) for l in open(os.path.join(DATA, "lecard_query.json"), encoding="utf-8")]
HEAD = ["unit_id,name,level,parent_id\n", "staff_id,unit_id,name,department,role,is_leader\n",
        "case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,closed_on,handler_id,complex\n",
        "person_id,case_id,role,name,id_number,gender,birth_date\n",
        "event_id,case_id,person_id,type,date,handler_id,decider_id,result,ref_event_id,amount,note\n"]
FILES = ["units.csv", "staff.csv", "cases.csv", "persons.csv", "events.csv"]


def bundle(d, empty):
    os.makedirs(d)
    for f, h in zip(FILES, HEAD):
        open(os.path.join(d, f), "w").write(h)
    with open(os.path.join(d, "documents.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["document_id", "case_id", "kind", "charges", "sentence_kind", "term_months",
                    "probation_months", "date", "fine_yuan", "text", "facts"])
        for q in queries:
            w.writerow(["L-%d" % q["ridx"], "", "judgment", "" if empty else ";".join(q["crime"]),
                        "", "", "", "", "", "", q["q"]])


def run(tmp, empty):
    d = os.path.join(tmp, "empty" if empty else "full")
    bundle(d, empty)
    db = d + ".db"
    subprocess.run([ZX, "import", d, "--db", db, "--quiet"], check=True)
    qf = d + ".jsonl"
    with open(qf, "w") as f:
        for q in queries:
            f.write(json.dumps({"id": str(q["ridx"]), "document": "L-%d" % q["ridx"], "k": 10}) + "\n")
    out = subprocess.run([ZX, "similar", "--db", db, "--queries", qf], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    truth = {"L-%d" % q["ridx"]: [canonical(c) for c in q["crime"]] for q in queries}
    p10 = mrr = 0.0
    n = 0
    for q, line in zip(queries, out):
        r = json.loads(line)
        if not q["crime"]:
            continue  # no true charge to measure against
        n += 1
        main = canonical(q["crime"][0])
        rel = [main in truth[x["document_id"]] for x in r["results"]]
        p10 += sum(rel) / 10
        mrr += next((1 / (i + 1) for i, x in enumerate(rel) if x), 0)
    return p10 / n, mrr / n


with tempfile.TemporaryDirectory() as tmp:
    full = run(tmp, False)
    empty = run(tmp, True)
    if os.environ.get("KEEP"):  # keep the bundles and databases for a look
        subprocess.run(["rm", "-rf", os.environ["KEEP"]])
        subprocess.run(["cp", "-r", tmp, os.environ["KEEP"]], check=True)
if "--json" in sys.argv:
    print(json.dumps({"p10": full[0], "mrr": full[1], "p10_empty": empty[0], "mrr_empty": empty[1]}))
else:
    print("LeCaRD, %d queries (%d with a charge), --k 10" % (len(queries), sum(1 for q in queries if q["crime"])))
    print("                              P@10     MRR")
    print("charges and sentences kept    %.4f  %.4f" % full)
    print("charge/sentence columns empty %.4f  %.4f" % empty)
    print("drop                          %.4f  %.4f" % (full[0] - empty[0], full[1] - empty[1]))

# The contract's vocabulary, exactly: every code and every Chinese label of every vocabulary
# of shared/spec/case-data.md, read from the spec itself (tests/cli/spec_vocab.py), is accepted
# by the importer and stored as the right code; each event type takes exactly the result codes
# the spec lists and has the spec's level; and a generated bundle rewritten with the spec's
# Chinese labels everywhere gives the same indicator figures as the same bundle in codes.
# The spec lives at ROOT/../shared/spec/case-data.md (CI puts shared/ beside the clone; in a
# git worktree the main checkout's ../shared); ZHIXIAO_SPEC overrides. Missing: the test fails.
. "$(dirname "$0")/lib.sh"
: "${ROOT:?ROOT must point at the repository}"

SPEC=${ZHIXIAO_SPEC:-}
if [ -z "$SPEC" ]; then
    for d in "$ROOT/../shared" \
        "$(dirname "$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo /nonexistent/x)")/../shared"; do
        if [ -f "$d/spec/case-data.md" ]; then SPEC="$d/spec/case-data.md"; break; fi
    done
fi
[ -n "$SPEC" ] && [ -f "$SPEC" ] ||
    fail "shared/spec/case-data.md not found at $ROOT/../shared/spec/case-data.md (set ZHIXIAO_SPEC)"
echo "spec: $SPEC"

# ---- 1. a bundle that uses every code and every label of the spec, twice over ----
python3 - "$ROOT/tests/cli" "$SPEC" "$T/b" "$T/expect.json" <<'PY'
import csv, json, os, re, sys
sys.path.insert(0, sys.argv[1])
from spec_vocab import parse
v, events = parse(sys.argv[2])
out, expect_path = sys.argv[3], sys.argv[4]
os.makedirs(out)
raw = open(sys.argv[2], encoding="utf-8").read()
expect = []  # [table, id column, id, column, vocab, code]

def forms(lst):
    """(code, spelling) for each value: the code itself, then its label when the spec has one."""
    r = []
    for code, label in lst:
        r.append((code, code))
        if label:
            r.append((code, label))
    return r

def w(name, header, rows):
    with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
        c = csv.writer(f, lineterminator="\n")
        c.writerow(header)
        c.writerows(rows)

# the spec's own example: "`批准逮捕` for `arrest`"
ex = re.findall(r"e\.g\. `([^`]+)` for `([a-z_]+)`", raw)
assert ex, "the spec's example of a Chinese label was not found"

units = [["U0", "root", "supreme", ""]]
expect.append(["units", "unit_id", "U0", "level", "unit_level", "supreme"])
for i, (code, s) in enumerate(forms(v["unit_level"])):
    uid = "U%d" % (i + 1)
    units.append([uid, uid, s, "U0"])
    expect.append(["units", "unit_id", uid, "level", "unit_level", code])
w("units.csv", ["unit_id", "name", "level", "parent_id"], units)

staff = []
for i, (code, s) in enumerate(forms(v["staff_role"])):
    staff.append(["S%d" % i, "U0", "人%d" % i, "第一检察部", s, 0])
    expect.append(["staff", "staff_id", "S%d" % i, "role", "staff_role", code])
w("staff.csv", ["staff_id", "unit_id", "name", "department", "role", "is_leader"], staff)

cases, persons, evrows = [], [], []
case_cols = [("line", "line"), ("business", "business"), ("kind", "case_kind"), ("source", "case_source")]
fl = {col: forms(v[name]) for col, name in case_cols}
ncase = max(len(x) for x in fl.values())
def add_case(cid, i):
    row = [cid, "U0", "受[2024]%s号" % cid]
    for col, name in case_cols:
        code, s = fl[col][i % len(fl[col])]
        row.append(s)
        expect.append(["cases", "case_id", cid, col, name, code])
    row += ["", "2024-01-02", "", "S0", 0]
    cases.append(row)
for i in range(ncase):
    add_case("C%d" % i, i)
pf = forms(v["person_role"])
gf = forms(v["gender"])
for i in range(max(len(pf), len(gf))):
    code, s = pf[i % len(pf)]
    gcode, g = gf[i % len(gf)]
    persons.append(["Q%d" % i, "C0", s, "某%d" % i, "", g, ""])
    expect.append(["persons", "person_id", "Q%d" % i, "role", "person_role", code])
    expect.append(["persons", "person_id", "Q%d" % i, "gender", "gender", gcode])

# every event type (code, label, and the spec's example) with every result (code, label);
# each in a case of its own so that a reply has nothing to be linked to but its own case
types = {e[0]: e for e in events}
n = 0
def event(tcode, tspell, rcode, rspell, level, ok=True):
    global n
    n += 1
    cid, pid, eid = "EC%d" % n, "EQ%d" % n, "E%d" % n
    add_case(cid, n)
    persons.append([pid, cid, "suspect", "某", "", "", ""])
    evrows.append([eid, cid, pid if level == "P" else "", tspell, "2024-03-01", "", "", rspell or "", "", "", ""])
    if ok:
        expect.append(["events", "event_id", eid, "type", "event_type", tcode])
        if rcode:
            expect.append(["events", "event_id", eid, "result", "result", rcode])
    return eid
rejected = []  # events that must be rejected: results a type does not allow, P without person
all_results = sorted({c for e in events for c, _ in e[3]})
for tcode, tlabel, level, results, jian in events:
    spellings = [tcode, tlabel] + [s for s, c in ex if c == tcode]
    for ts in spellings:
        if not results:
            event(tcode, ts, None, None, level)
        for rcode, rlabel in results:
            event(tcode, ts, rcode, rcode, level)
            if rlabel:
                event(tcode, ts, rcode, rlabel, level)
    allowed = {c for c, _ in results}
    for r in all_results:
        if r not in allowed:
            rejected.append(event(tcode, tcode, None, r, level, ok=False))
    if level == "P":  # a person-level event without person_id is rejected
        n_before = len(evrows)
        rejected.append(event(tcode, tcode, None, results[0][0] if results else None, "C", ok=False))
    else:  # a case-level event needs none
        event(tcode, tcode, results[0][0] if results else None, results[0][0] if results else None, "C")

w("cases.csv", ["case_id", "unit_id", "case_no", "line", "business", "kind", "source", "charge",
                "accepted_on", "closed_on", "handler_id", "complex"], cases)
w("persons.csv", ["person_id", "case_id", "role", "name", "id_number", "gender", "birth_date"], persons)
w("events.csv", ["event_id", "case_id", "person_id", "type", "date", "handler_id", "decider_id",
                 "result", "ref_event_id", "amount", "note"], evrows)

inst = []
for i, (code, s) in enumerate(forms(v["institution_kind"])):
    inst.append(["I%d" % i, "所%d" % i, s, "U0", "某地"])
    expect.append(["institutions", "institution_id", "I%d" % i, "kind", "institution_kind", code])
w("institutions.csv", ["institution_id", "name", "kind", "unit_id", "region"], inst)
conv = []
for i, (code, s) in enumerate(forms(v["sentence_kind"])):
    conv.append(["V%d" % i, "", "犯%d" % i, "", "1980-01-01", "I0", "盗窃罪", s,
                 120 if code == "fixed" else "", "2015-01-01", 0, 0, 0, 0, 0, 0, 0])
    expect.append(["convicts", "convict_id", "V%d" % i, "sentence_kind", "sentence_kind", code])
w("convicts.csv", ["convict_id", "person_id", "name", "id_number", "birth_date", "institution_id",
                   "charge", "sentence_kind", "term_months", "sentence_start", "pretrial_days",
                   "recidivist", "violent_list", "strict_category", "duty_crime_2019",
                   "death_limited", "property_unpaid"], conv)
chg = []
kf, mf, gf2, nf = (forms(v[k]) for k in ("change_kind", "merit", "ground", "sentence_kind"))
for i in range(max(len(kf), len(mf), len(gf2), len(nf))):
    kc, ks = kf[i % len(kf)]
    mc, ms = mf[i % len(mf)]
    gc, gs = gf2[i % len(gf2)]
    nc, ns = nf[i % len(nf)]
    xid = "X%d" % i
    chg.append([xid, "V0", ks, "2018-01-%02d" % (i + 1), "", "", ms, "", "", ns, gs, ""])
    for col, name, code in (("kind", "change_kind", kc), ("merit", "merit", mc),
                            ("ground", "ground", gc), ("new_sentence_kind", "sentence_kind", nc)):
        expect.append(["sentence_changes", "change_id", xid, col, name, code])
w("sentence_changes.csv", ["change_id", "convict_id", "kind", "proposed_on", "ruled_on",
                           "served_on", "merit", "reduction_months", "new_term_months",
                           "new_sentence_kind", "ground", "note"], chg)
codes = {name: sorted(c for c, _ in lst) for name, lst in v.items()}
codes["event_type"] = sorted(e[0] for e in events)
codes["result"] = sorted({c for e in events for c, _ in e[3]})
json.dump({"expect": expect, "rejected": rejected, "codes": codes}, open(expect_path, "w"), ensure_ascii=False)
print("bundle: %d expectations, %d rows to reject" % (len(expect), len(rejected)))
PY

set +e
$ZX import "$T/b" --db "$T/v.db" --rejects "$T/rej.csv" >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -le 1 ] || { cat "$T/out" "$T/err" >&2; fail "import failed ($rc)"; }
python3 - "$T/v.db" "$T/expect.json" "$T/rej.csv" <<'PY' || fail "the importer disagrees with the spec"
import csv, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
d = json.load(open(sys.argv[2]))
rej = {}
for r in csv.DictReader(open(sys.argv[3], newline="", encoding="utf-8")):
    if r["outcome"] == "rejected":
        rej[(r["file"], r["line"])] = r["reason"]
bad = 0
rid = {"units": "units", "staff": "staff", "cases": "cases", "persons": "persons",
       "events": "events", "institutions": "institutions", "convicts": "convicts",
       "sentence_changes": "sentence_changes"}
for table, idcol, xid, col, vocab, code in d["expect"]:
    got = db.execute(
        "SELECT (SELECT code FROM vocab WHERE vocab=? AND value=t.%s) FROM %s t WHERE t.%s=?"
        % (col, table, idcol), (vocab, xid)).fetchall()
    if got != [(code,)]:
        bad += 1
        print("FAIL %s %s: %s is %s, want %s" % (table, xid, col, got, code))
events = {r[0] for r in db.execute("SELECT event_id FROM events")}
for eid in d["rejected"]:
    if eid in events:
        bad += 1
        print("FAIL event %s was imported, the spec does not allow it" % eid)
wanted_rej = len(d["rejected"])
if len(rej) != wanted_rej:
    bad += 1
    print("FAIL %d rows rejected, want %d" % (len(rej), wanted_rej))
    for k, r in sorted(rej.items())[:20]:
        print("  rejected %s:%s %s" % (k[0], k[1], r))
# and no code the spec does not have: the two lists are the same
for name, want in d["codes"].items():
    have = sorted(r[0] for r in db.execute("SELECT code FROM vocab WHERE vocab=?", (name,)))
    if have != want:
        bad += 1
        print("FAIL vocabulary %s: the program has %s, the spec %s" % (name, have, want))
print("%d spellings checked, %d rows rejected as the spec says, %d vocabularies equal"
      % (len(d["expect"]), wanted_rej, len(d["codes"])))
sys.exit(1 if bad else 0)
PY
ok "every code and label of the spec is accepted and stored as its code"

# ---- 2. a generated bundle in codes and the same bundle in the spec's labels ----
$ZX generate --out "$T/g" --scale tiny --seed 31 --convicts 200 --violations 100 >/dev/null
python3 - "$ROOT/tests/cli" "$SPEC" "$T/g" "$T/gz" <<'PY'
import csv, os, sys
sys.path.insert(0, sys.argv[1])
from spec_vocab import parse
v, events = parse(sys.argv[2])
src, dst = sys.argv[3], sys.argv[4]
os.makedirs(dst)
lab = {name: {c: l for c, l in lst if l} for name, lst in v.items()}
lab["event_type"] = {e[0]: e[1] for e in events}
res = {e[0]: {c: l for c, l in e[3] if l} for e in events}  # result labels per event type
cols = {"units.csv": {"level": "unit_level"}, "staff.csv": {"role": "staff_role"},
        "cases.csv": {"line": "line", "business": "business", "kind": "case_kind", "source": "case_source"},
        "persons.csv": {"role": "person_role"}, "institutions.csv": {"kind": "institution_kind"},
        "convicts.csv": {"sentence_kind": "sentence_kind"},
        "sentence_changes.csv": {"kind": "change_kind", "merit": "merit", "new_sentence_kind": "sentence_kind"}}
changed = 0
for f in sorted(os.listdir(src)):
    if not f.endswith(".csv") or f == "expected-issues.csv":
        continue
    rows = list(csv.DictReader(open(os.path.join(src, f), newline="", encoding="utf-8")))
    hdr = next(csv.reader(open(os.path.join(src, f), newline="", encoding="utf-8")))
    for r in rows:
        for col, name in cols.get(f, {}).items():
            if r.get(col) in lab[name]:
                r[col] = lab[name][r[col]]
                changed += 1
        if f == "events.csv":  # the generator writes a few labels itself
            t = r["type"]
            t = {l: c for c, l in lab["event_type"].items()}.get(t, t)
            if r["result"] in res.get(t, {}):
                r["result"] = res[t][r["result"]]
                changed += 1
            r["type"] = lab["event_type"][t]
            changed += 1
    with open(os.path.join(dst, f), "w", newline="", encoding="utf-8") as o:
        w = csv.DictWriter(o, fieldnames=hdr, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
print("%d coded fields rewritten as labels" % changed)
PY
grep -q ',审判违法,' "$T/gz/events.csv" || fail "the labelled bundle has no 审判违法 suggestion"
for b in g gz; do
    set +e
    $ZX import "$T/$b" --db "$T/$b.db" --rejects "$T/$b-rej.csv" --quiet >"$T/out" 2>"$T/err"
    rc=$?
    set -e
    [ "$rc" -eq 0 ] || { cat "$T/out" "$T/err" "$T/$b-rej.csv" | head -20 >&2; fail "bundle $b: import exit $rc"; }
done
for b in g gz; do
    $ZX indicators --db "$T/$b.db" --from 2023-01-01 --to 2024-12-31 --by unit --format json >"$T/$b.json"
    $ZX review-sentences --db "$T/$b.db" --format json >"$T/$b-review.json" || [ $? -eq 1 ]
done
cmp -s "$T/g.json" "$T/gz.json" || { diff "$T/g.json" "$T/gz.json" | head -20 >&2; fail "indicators differ between codes and labels"; }
cmp -s "$T/g-review.json" "$T/gz-review.json" || fail "减假暂 findings differ between codes and labels"
python3 - "$T/gz.json" <<'PY' || fail "no 检察建议采纳率 figure to compare"
import json, sys
d = json.load(open(sys.argv[1]))
s = json.dumps(d, ensure_ascii=False)
assert "suggestion" in s, "no suggestion indicator in the output"
PY
ok "codes and labels: the same indicators (by unit) and the same 减假暂 findings"

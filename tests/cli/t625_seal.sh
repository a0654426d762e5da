# 犯罪记录封存 (刑诉法第二百八十六条): the rule's boundaries from its text — under 18 at the
# offence (周岁 reached the day after the birthday: on the 18th birthday one is still 17)
# and sentenced to five years or less (60 months sealed, 61 not; 免予刑事处罚 sealed,
# acquittal not); a case is sealed when all its suspects are; the minor-offence rule is off
# by default and turned on with --enable; apply is idempotent and the ledger still verifies.
. "$(dirname "$0")/lib.sh"

python3 - "$T/h" <<'PY'
import os, sys
d = sys.argv[1]; os.makedirs(d)
open(f"{d}/units.csv", "w").write("unit_id,name,level,parent_id\nU445200,揭阳市人民检察院,city,\nU445202,揭东区人民检察院,county,U445200\n")
open(f"{d}/staff.csv", "w").write("staff_id,unit_id,name,department,role,is_leader\nS1,U445202,李检,第一检察部,prosecutor,0\n")
cases = ["case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,closed_on,handler_id,complex"]
persons = ["person_id,case_id,role,name,id_number,gender,birth_date"]
events = ["event_id,case_id,person_id,type,date,handler_id,decider_id,result,ref_event_id,amount,note"]
# (case, person, birth, result, months): the case is accepted on 2024-03-10
rows = [("K1", "P1", "2006-03-10", "guilty", 24),   # 18th birthday on acceptance: still 17
        ("K2", "P2", "2006-03-09", "guilty", 24),   # 18 since 2024-03-10
        ("K3", "P3", "2008-01-01", "guilty", 60),   # five years: sealed
        ("K4", "P4", "2008-01-01", "guilty", 61),   # five years and a month: not
        ("K5", "P5", "2008-01-01", "exempted", ""), # 免予刑事处罚: sealed
        ("K6", "P6", "2008-01-01", "guilty", 12),   # a minor with an adult co-defendant
        ("K6", "P7", "1990-01-01", "guilty", 12),
        ("K7", "P8", "2008-01-01", "acquitted", "")]
seen = set()
for i, (k, p, b, res, m) in enumerate(rows):
    if k not in seen:
        seen.add(k)
        cases.append(f"{k},U445202,揭东检未诉受[2024]{i}号,criminal,juvenile,by_procedure,transferred,盗窃罪,2024-03-10,2024-09-01,S1,0")
    persons.append(f"{p},{k},suspect,某{p},,M,{b}")
    events.append(f"E{i},{k},{p},judgment,2024-08-20,,,{res},,{m},")
for f, rs in (("cases", cases), ("persons", persons), ("events", events)):
    open(f"{d}/{f}.csv", "w").write("\n".join(rs) + "\n")
PY
expect_exit 0 $ZX import "$T/h" --db "$T/z.db" --quiet
cp "$T/z.db" "$T/m.db"

sealed() { # db kind → ids, comma-separated
    sqlite3 "$1" "SELECT group_concat(xid, ',') FROM (SELECT xid FROM sealed WHERE kind = '$2' ORDER BY xid)"
}
expect_exit 0 $ZX seal apply --db "$T/z.db"
grep -q "sealed: 4 persons (4 new), 3 cases (3 new)" "$T/out" || fail "apply: $(cat "$T/out")"
[ "$(sealed "$T/z.db" person)" = "P1,P3,P5,P6" ] || fail "persons: $(sealed "$T/z.db" person)"
[ "$(sealed "$T/z.db" case)" = "K1,K3,K5" ] || fail "cases: $(sealed "$T/z.db" case)"
ok "刑诉法286: 17 on the 18th birthday sealed, 18 the day after not; 60 months sealed, 61 not; exempted sealed, acquitted not"

expect_exit 0 $ZX seal apply --db "$T/z.db"
grep -q "sealed: 4 persons (0 new), 3 cases (0 new)" "$T/out" || fail "second apply: $(cat "$T/out")"
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM sealed")" -eq 7 ] || fail "rows after a second apply"
expect_exit 0 $ZX audit verify --db "$T/z.db"
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl = 'sealed'")" -eq 7 ] || fail "each sealing is in the ledger"
ok "apply is idempotent; each sealing is an act in the ledger, which verifies"

expect_exit 0 $ZX seal list --db "$T/z.db" --format json
python3 - "$T/out" <<'PY' || fail "list"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 7 and all(r["rule"] == "cpl286_minor" for r in rows), rows
p1 = next(r for r in rows if r["id"] == "P1")
assert "第二百八十六条" in p1["basis"] and "17 周岁" in p1["basis"] and p1["case_id"] == "K1", p1
assert next(r for r in rows if r["id"] == "K1")["kind"] == "case"
PY
expect_exit 0 $ZX seal list --db "$T/z.db" --unit U445202
[ "$(wc -l <"$T/out")" -eq 7 ] || fail "list --unit"
ok "seal list shows each record with its rule and basis"

# the minor-offence rule: off by default, on with --enable (any age, at most 12 months)
expect_exit 0 $ZX seal apply --db "$T/m.db" --enable minor_offence
[ "$(sealed "$T/m.db" person)" = "P1,P3,P5,P6,P7" ] || fail "minor offence persons: $(sealed "$T/m.db" person)"
[ "$(sealed "$T/m.db" case)" = "K1,K3,K5,K6" ] || fail "minor offence cases: $(sealed "$T/m.db" case)"
[ "$(sqlite3 "$T/m.db" "SELECT rule FROM sealed WHERE xid = 'P7'")" = "minor_offence" ] || fail "P7's rule"
expect_exit 2 $ZX seal apply --db "$T/m.db" --enable nonsense
grep -q "nonsense" "$T/err" || fail "unknown rule message"
ok "the minor-offence rule seals adults' short sentences only when enabled; a case once all its suspects are sealed"

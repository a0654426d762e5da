# inspect --format json: status, coverage, stats and check print JSON whose values agree
# with the scenario (due dates by legal-rules.md §1.9, escalation to the parent unit) and
# with the table form of the same command; exit statuses are those of the table form.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 7 >/dev/null
$ZX import "$T/b" --db "$T/z.db" >/dev/null
D="--db $T/z.db"
read -r UNIT PRISON <<EOF2
$(awk -F, '$3 == "prison" { print $4, $1; exit }' "$T/b/institutions.csv")
EOF2
STAFF=$(awk -F, -v u="$UNIT" '$2 == u { print $1 }' "$T/b/staff.csv" | head -10 | paste -sd, -)
LEAD=${STAFF%%,*}
PARENT=$(awk -F, -v u="$UNIT" '$1 == u { print $4 }' "$T/b/units.csv")

expect_exit 0 $ZX inspect plan $D --id P1 --unit "$UNIT" --type routine --institution "$PRISON" \
    --from 2024-03-01 --to 2024-03-15 --onsite 10 --lead "$LEAD" --member "$STAFF"
expect_exit 0 $ZX inspect check $D --plan P1 --item 3 --format json
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j == {"plan_id": "P1", "item": 3, "done": True}, j' "$T/out" ||
    fail "check json: $(cat "$T/out")"
expect_exit 0 $ZX inspect finding $D --plan P1 --institution "$PRISON" --category commutation_parole \
    --desc "两次减刑间隔不足一年" --date 2024-03-10
F1=$(cat "$T/out")
expect_exit 0 $ZX inspect dispose $D --finding "$F1" --kind correction_notice --date 2024-03-20
N1=$(cut -f1 "$T/out")

# the notice is due 15 days after serving (2024-04-04): open on its due day, escalated after
expect_exit 0 $ZX inspect status $D --plan P1 --date 2024-04-04 --format json
python3 - "$T/out" "$N1" "$F1" <<'PY' || fail "status json on the due day: $(cat "$T/out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["date"] == "2024-04-04", j["date"]
[p] = j["plans"]
assert p["plan_id"] == "P1" and p["type"] == "routine", p
assert (p["start"], p["end"], p["findings"], p["rectified"]) == ("2024-03-01", "2024-03-15", 1, 0), p
assert p["feedback"] == {"state": "open", "due": "2024-04-14", "late": False}, p["feedback"]
[d] = p["dispositions"]
assert (d["disp_id"], d["finding_id"], d["kind"]) == (sys.argv[2], sys.argv[3], "correction_notice"), d
assert (d["served"], d["due"], d["state"], d["escalate_to"]) == ("2024-03-20", "2024-04-04", "open", None), d
PY
expect_exit 1 $ZX inspect status $D --plan P1 --date 2024-04-05 --format json
python3 - "$T/out" "$PARENT" <<'PY' || fail "status json the day after: $(cat "$T/out")"
import json, sys
j = json.load(open(sys.argv[1]))
[d] = j["plans"][0]["dispositions"]
assert d["state"] == "escalated" and d["reply_on"] is None, d
assert d["escalate_to"]["unit_id"] == sys.argv[2], d
PY
ok "status --format json: due dates and escalation"

# coverage: the same rows and gap count as the table
expect_exit 1 $ZX inspect coverage $D --unit "$UNIT" --year 2024
cp "$T/out" "$T/cov.txt"
expect_exit 1 $ZX inspect coverage $D --unit "$UNIT" --year 2024 --format json
python3 - "$T/out" "$T/cov.txt" "$PRISON" <<'PY' || fail "coverage json: $(cat "$T/out")"
import json, sys
j = json.load(open(sys.argv[1]))
table = open(sys.argv[2]).read().splitlines()
assert j["year"] == 2024
rows = {r["institution_id"]: r for r in j["institutions"]}
p = rows[sys.argv[3]]
assert (p["routine"], p["cross"], p["required"], p["gap"]) == (1, 0, True, False), p
gaps = sum(r["gap"] for r in j["institutions"]) + sum(v["gap"] for v in j["provinces"])
assert gaps == j["gaps"] > 0, (gaps, j["gaps"])
assert "gaps: %d" % j["gaps"] in table, table[-1]
assert len(j["institutions"]) == len(table) - 2 - len(j["provinces"]), len(table)
for r in j["institutions"]:
    line = next(l for l in table if l.startswith(r["institution_id"] + " "))
    assert ("GAP" in line) == r["gap"], (line, r)
PY
ok "coverage --format json agrees with the table"

expect_exit 0 $ZX inspect stats $D --unit "$UNIT" --period 2024 --date 2024-04-05 --format json
python3 - "$T/out" "$UNIT" <<'PY' || fail "stats json: $(cat "$T/out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert (j["unit_id"], j["from"], j["to"], j["date"]) == (sys.argv[2], "2024-01-01", "2024-12-31", "2024-04-05"), j
assert (j["plans"], j["institutions"], j["problems"], j["rectified"], j["categories"]) == (1, 1, 1, 0, 1), j
assert j["dispositions"] == {"oral": 0, "correction_notice": 1, "suggestion": 0}, j["dispositions"]
assert (j["answered"], j["open"], j["overdue"], j["escalated"]) == (0, 0, 1, 1), j
assert j["by_category"] == [{"category": "commutation_parole", "label": j["by_category"][0]["label"],
                             "problems": 1, "rectified": 0, "institutions": 1}], j["by_category"]
PY
expect_exit 2 $ZX inspect stats $D --unit "$UNIT" --format xml
grep -q -- "--format: expected one of table, json, got 'xml'" "$T/err" || fail "format error: $(cat "$T/err")"
ok "stats --format json"

# the same commands speak Chinese under LANG=zh_CN: output, option errors and help
LANG=zh_CN.UTF-8 LC_ALL= expect_exit 1 $ZX inspect status $D --plan P1 --date 2024-04-05
grep -q "截至 2024-04-05" "$T/out" && grep -q "送达 2024-03-20 期限 2024-04-04" "$T/out" &&
    grep -q "已报告上级院 $PARENT" "$T/out" || fail "Chinese status: $(cat "$T/out")"
LANG=zh_CN.UTF-8 LC_ALL= expect_exit 2 $ZX inspect status $D --date 2024-13-01
grep -q "zhixiao inspect status: --date：应为日期 YYYY-MM-DD，实为“2024-13-01”" "$T/err" ||
    fail "Chinese option error: $(cat "$T/err")"
expect_exit 2 $ZX inspect status $D --date 2024-13-01
grep -q "zhixiao inspect status: --date: expected a date YYYY-MM-DD, got '2024-13-01'" "$T/err" ||
    fail "English option error: $(cat "$T/err")"
LANG=zh_CN.UTF-8 LC_ALL= expect_exit 0 $ZX inspect coverage --help
grep -q "^用法：zhixiao inspect coverage --db FILE --unit U --year Y" "$T/out" &&
    grep -q "显示本帮助" "$T/out" || fail "Chinese help: $(head -3 "$T/out")"
ok "messages in Chinese under LANG=zh_CN, English otherwise"

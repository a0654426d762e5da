# 典型案例: the state machine refuses acts out of order (exit 1, the state named), a case is
# taken from nomination to publication and promotion, every act is in the ledger (verify
# intact, one cb_steps entry per act), search finds it by charge, line and keyword, and the
# statistics equal SQL over the acts.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 11 >/dev/null
expect_exit 0 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej.csv"
DB="--db $T/z.db"
c1=$(sqlite3 "$T/z.db" "SELECT case_id FROM cases WHERE line=1 AND charge IS NOT NULL ORDER BY id LIMIT 1")
c2=$(sqlite3 "$T/z.db" "SELECT case_id FROM cases WHERE line=1 AND charge IS NOT NULL ORDER BY id LIMIT 1 OFFSET 1")
charge=$(sqlite3 "$T/z.db" "SELECT charge FROM cases WHERE case_id='$c1'")

expect_exit 1 $ZX casebook nominate "$c1" $DB --by a1 --reason "  "
grep -q "reason" "$T/err" || fail "blank reason message"
expect_exit 2 $ZX casebook nominate NO-SUCH-CASE $DB --by a1 --reason r
expect_exit 0 $ZX casebook nominate "$c1" $DB --by a1 --reason "认罪认罚从宽的典型" --date 2025-03-01
id=$(cut -d' ' -f1 "$T/out")
[ "$(cut -d' ' -f2 "$T/out")" = cultivating ] || fail "nominated state: $(cat "$T/out")"
expect_exit 1 $ZX casebook nominate "$c1" $DB --by a1 --reason again
grep -q "already candidate $id" "$T/err" || fail "second nomination message"
ok "nominate: reason required, unknown case refused, one live candidacy per case"

# out of order: each refusal names the state
expect_exit 1 $ZX casebook submit "$id" $DB --by a1
grep -q "submit: not allowed while candidate $id is cultivating (培育)" "$T/err" ||
    fail "submit from cultivating: $(cat "$T/err")"
# in Chinese the refusal names the state and the act by their names
LANG=zh_CN.UTF-8 LC_ALL= expect_exit 1 $ZX casebook submit "$id" $DB --by a1
grep -q "典型案例候选 $id 当前为“培育”状态，不能进行“提交审查”" "$T/err" ||
    fail "Chinese refusal: $(cat "$T/err")"
expect_exit 1 $ZX casebook publish "$id" $DB --by l1 --level city
expect_exit 1 $ZX casebook approve "$id" $DB --by l1 --opinion ok
expect_exit 0 $ZX casebook note "$id" $DB --by p1 --note "补充证据后再编写" --date 2025-03-10
expect_exit 0 $ZX casebook write "$id" $DB --by p1 --title "某某案" --facts "被告人某某……" --date 2025-04-01
expect_exit 1 $ZX casebook submit "$id" $DB --by p1
grep -q "performance" "$T/err" || fail "incomplete write-up message: $(cat "$T/err")"
expect_exit 0 $ZX casebook write "$id" $DB --by p1 --performance "检察机关依法适用认罪认罚" \
    --significance "少捕慎诉慎押" --legal-basis "刑事诉讼法第十五条"
expect_exit 0 $ZX casebook submit "$id" $DB --by p1 --date 2025-04-02
expect_exit 0 $ZX casebook review "$id" $DB --by l2 --opinion "建议补充量刑说理" --date 2025-04-10
expect_exit 0 $ZX casebook return "$id" $DB --by l1 --reason "补充量刑说理" --date 2025-04-11
[ "$(cut -d' ' -f2 "$T/out")" = writing ] || fail "return goes back to writing"
expect_exit 0 $ZX casebook submit "$id" $DB --by p1 --date 2025-04-20
expect_exit 0 $ZX casebook approve "$id" $DB --by l1 --opinion "同意发布" --date 2025-05-01
expect_exit 1 $ZX casebook publish "$id" $DB --by l1 --level county
expect_exit 0 $ZX casebook publish "$id" $DB --by l1 --level city --date 2025-05-10
expect_exit 1 $ZX casebook publish "$id" $DB --by l1 --level unit
grep -q "higher level" "$T/err" || fail "promotion downwards"
expect_exit 0 $ZX casebook publish "$id" $DB --by l0 --level province --date 2026-01-15
ok "the state machine: refusals name the state, return with reason, publish and promote"

# every act is a step and a ledger entry; the chain verifies
steps=$(sqlite3 "$T/z.db" "SELECT count(*) FROM cb_steps")
[ "$steps" -eq 11 ] || fail "steps: $steps"
le=$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl='cb_steps'")
[ "$le" -eq "$steps" ] || fail "ledger entries for steps: $le, steps $steps"
lu=$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl='cb_candidates'")
[ "$lu" -eq 11 ] || fail "ledger entries for the candidate: $lu" # insert + 10 updates
expect_exit 0 $ZX audit verify --db "$T/z.db"
sqlite3 "$T/z.db" "UPDATE cb_candidates SET level='unit'"
expect_exit 1 $ZX audit verify --db "$T/z.db"
grep -q "cb_candidates" "$T/out" || fail "tampered candidate not named: $(cat "$T/out")"
sqlite3 "$T/z.db" "UPDATE cb_candidates SET level='province'"
ok "every act in the ledger; a changed candidate is caught"

# search: by charge, line, keyword; a second, unpublished candidate is not found
expect_exit 0 $ZX casebook nominate "$c2" $DB --by a1 --reason "另一候选" --date 2025-06-01
expect_exit 0 $ZX casebook search $DB --charge "$charge" --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [x["cand_id"] for x in r] == [sys.argv[2]], r' "$T/out" "$id" || fail "search by charge"
expect_exit 0 $ZX casebook search $DB --line civil --format json
python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$T/out" || fail "search by line"
expect_exit 0 $ZX casebook search $DB --keyword "少捕慎诉" --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r) == 1 and r[0]["level"] == "province" and r[0]["published_on"] == "2026-01-15", r' "$T/out" || fail "search by keyword"
expect_exit 0 $ZX casebook list $DB --state cultivating --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [x["case_id"] for x in r] == [sys.argv[2]], r' "$T/out" "$c2" || fail "list by state"
ok "search by charge, line and keyword; list by state"

# statistics equal SQL over the acts (distinct candidates per act, level and year)
expect_exit 0 $ZX casebook stats $DB --format json
python3 - "$T/out" "$T/z.db" <<'PY' || fail "stats against SQL"
import json, sqlite3, sys
got = {(r["unit_id"], r["line"], r["year"]): (r["candidates"], r["written"], r["published_unit"], r["published_city"], r["published_province"]) for r in json.load(open(sys.argv[1]))}
db = sqlite3.connect(sys.argv[2])
want = {}
for unit, line, year, act, level, n in db.execute("""
    SELECT c.unit_id, c.line, CAST(strftime('%Y', s.date*86400, 'unixepoch') AS INT) y, s.act, IFNULL(s.level,''),
           count(DISTINCT c.id) FROM cb_steps s JOIN cb_candidates c ON c.id = s.cand_rid
    WHERE s.act IN ('nominate','submit','publish') GROUP BY 1,2,3,4,5"""):
    row = list(want.get((unit, line, year), (0, 0, 0, 0, 0)))
    row[{"nominate": 0, "submit": 1}.get(act, {"unit": 2, "city": 3, "province": 4}.get(level, -1))] += n
    want[(unit, line, year)] = tuple(row)
assert got == want, (got, want)
assert sum(v[1] for v in got.values()) == 1  # submitted twice in 2025, one candidate
PY
expect_exit 0 $ZX casebook stats $DB --year 2026 --format table
grep -q "2026" "$T/out" || fail "stats table"
ok "statistics per unit, line and year equal SQL"

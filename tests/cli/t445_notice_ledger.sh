# 流程监控通知书 in the ledger (谁办案谁负责): issuing, answering and escalating a notice each
# append entries (the notice row and its step) in the act's transaction, with the case's
# handler; the chain verifies; a notice or a step edited, deleted or inserted behind zhixiao's
# back is named by `zhixiao audit verify`.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 5 >/dev/null
$ZX import "$T/b" --db "$T/z.db" >/dev/null
$ZX monitor --db "$T/z.db" --as-of 2025-06-30 >"$T/m.json"
python3 - "$T/m.json" >"$T/red.txt" <<'PY'
import json, sys
seen = []
for i in json.load(open(sys.argv[1])):
    k = (i['case_id'], i['person_id'] or '-', i['stage'])
    if i['status'] == 'red' and k not in seen and len(seen) < 2:
        seen.append(k)
        print(*k)
PY
before=$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger")
while read -r c p s; do
    if [ "$p" != - ]; then
        $ZX monitor notice issue --db "$T/z.db" --case "$c" --person "$p" --stage "$s" --date 2025-06-30 --by analyst >/dev/null
    else
        $ZX monitor notice issue --db "$T/z.db" --case "$c" --stage "$s" --date 2025-06-30 --by analyst >/dev/null
    fi
done <"$T/red.txt"
n1=$(sqlite3 "$T/z.db" "SELECT notice_no FROM mon_notices ORDER BY notice_no LIMIT 1")
n2=$(sqlite3 "$T/z.db" "SELECT notice_no FROM mon_notices ORDER BY notice_no LIMIT 1 OFFSET 1")
h1=$(sqlite3 "$T/z.db" "SELECT handler_id FROM mon_notices WHERE notice_no='$n1'")
[ -n "$n2" ] && [ -n "$h1" ] || fail "notices not issued"
$ZX monitor notice reply --db "$T/z.db" --no "$n1" --by "$h1" --date 2025-07-05 --text 已整改 >/dev/null
$ZX monitor notice escalate --db "$T/z.db" --date 2025-07-11 >/dev/null
$ZX monitor notice escalate --db "$T/z.db" --date 2025-07-21 >/dev/null
steps=$(sqlite3 "$T/z.db" "SELECT count(*) FROM mon_notice_steps")
[ "$steps" -eq 5 ] || fail "want 5 steps (2 issued, 1 reply, 2 escalations), got $steps"
after=$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger")
[ $((after - before)) -eq $((2 * steps)) ] || fail "want $((2 * steps)) new entries, got $((after - before))"
# each notice's latest entry carries the case's handler and the act's date
sqlite3 "$T/z.db" "SELECT count(*) FROM mon_notices n WHERE NOT EXISTS (SELECT 1 FROM ledger l
  WHERE l.tbl='mon_notices' AND l.rid=n.id AND l.xid=n.notice_no
  AND l.handler_rid=(SELECT id FROM staff WHERE staff_id=n.handler_id)
  AND l.seq=(SELECT max(seq) FROM ledger WHERE tbl='mon_notices' AND rid=n.id)
  AND l.act_on=max(n.issued_on, coalesce(n.replied_on, 0), coalesce(n.head_on, 0), coalesce(n.chief_on, 0)))" >"$T/n"
[ "$(cat "$T/n")" -eq 0 ] || fail "$(cat "$T/n") notices without their latest entry"
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl='mon_notice_steps' AND xid IN ('$n1','$n2')")" -eq "$steps" ] ||
    fail "step entries do not name their notice"
expect_exit 0 $ZX audit verify --db "$T/z.db"
grep -q "ledger intact" "$T/out" || fail "after the notices: $(cat "$T/out")"
ok "issue, reply and escalations: $((after - before)) entries, chain intact"

tamper() {
    what=$1 sql=$2 pattern=$3
    cp "$T/z.db" "$T/x.db"
    sqlite3 "$T/x.db" "$sql"
    expect_exit 1 $ZX audit verify --db "$T/x.db"
    grep -q -- "$pattern" "$T/out" || fail "$what: want /$pattern/: $(cat "$T/out")"
    ok "$what: $(head -1 "$T/out")"
}
tamper "reply deadline moved" "UPDATE mon_notices SET reply_due=reply_due+30 WHERE notice_no='$n2'" \
    "(row altered): table mon_notices, id $n2"
tamper "reply text rewritten" "UPDATE mon_notices SET reply='无' WHERE notice_no='$n1'" \
    "(row altered): table mon_notices, id $n1"
tamper "notice deleted" "DELETE FROM mon_notice_steps WHERE notice_rid=(SELECT id FROM mon_notices WHERE notice_no='$n2'); DELETE FROM mon_notices WHERE notice_no='$n2'" \
    "(row deleted): table mon_notice"
tamper "escalation step's who changed" "UPDATE mon_notice_steps SET who='nobody' WHERE step='escalated_head'" \
    "(row altered): table mon_notice_steps"
tamper "notice forged" \
    "INSERT INTO mon_notices(notice_no,case_id,stage,started_on,deadline,unit_id,issued_by,issued_on,reply_due) VALUES('LCJK-2025-999999','C0000001','prosecution_review',1,2,'U470000','x',3,4)" \
    "no entry (row inserted): table mon_notices, id LCJK-2025-999999"

# 听证 and 人民监督员 (zhixiao hearing …, zhixiao supervisor …): each record writes its contract
# event (hearing, supervisor_invited) on the case, so 案均听证率 and 案均邀请人民监督员率 move;
# listings, statistics per unit and line, refusals, the ledger.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 12 >/dev/null
$ZX import "$T/b" --db "$T/z.db" --quiet >/dev/null || [ $? -eq 1 ]
DB="$T/z.db"
q() { sqlite3 "$DB" "$1"; }
# a case closed in 2024 that has neither a hearing nor a supervisor yet
row=$(q "SELECT c.case_id, c.unit_id, c.line FROM v_cases c WHERE c.closed_on LIKE '2024-%'
  AND NOT EXISTS (SELECT 1 FROM v_events e WHERE e.case_id = c.case_id
  AND e.type IN ('hearing', 'supervisor_invited')) ORDER BY c.case_id LIMIT 1")
C=${row%%|*}
rest=${row#*|}
U=${rest%%|*}
L=${rest#*|}
[ -n "$C" ] || fail "no closed case"
ind() {
    $ZX indicators --db "$DB" --from 2024-01-01 --to 2024-12-31 --unit "$U" --format json |
        python3 -c "import json,sys; r=[x for x in json.load(sys.stdin) if x['indicator']=='$1'][0]; print(f\"{r['numerator']}/{r['denominator']}\")"
}
h0=$(ind hearing_rate)
v0=$(ind supervisor_rate)
H=$($ZX hearing add --db "$DB" --case "$C" --date 2024-05-10 --type non_prosecution \
    --participants "听证员3名、被害人、辩护律师" --opinions "听证员一致同意不起诉" \
    --outcome "作出相对不起诉决定" --followed yes --by pros)
case "$H" in TZ-2024-*) ;; *) fail "hearing number '$H'" ;; esac
h1=$(ind hearing_rate)
[ "${h1%/*}" -eq $((${h0%/*} + 1)) ] && [ "${h1#*/}" -eq "${h0#*/}" ] || fail "hearing_rate $h0 -> $h1"
[ "$(q "SELECT type || ' ' || date FROM v_events WHERE event_id = '$H'")" = "hearing 2024-05-10" ] ||
    fail "hearing event"
ok "a hearing writes its event and moves hearing_rate ($h0 -> $h1)"

V=$($ZX supervisor add --db "$DB" --case "$C" --name 李明 --date 2024-05-10 --activity hearing \
    --opinion 同意听证意见 --by pros)
v1=$(ind supervisor_rate)
[ "${v1%/*}" -eq $((${v0%/*} + 1)) ] || fail "supervisor_rate $v0 -> $v1"
[ "$(q "SELECT type FROM v_events WHERE event_id = '$V'")" = supervisor_invited ] || fail "event"
ok "a supervisor's participation writes supervisor_invited and moves supervisor_rate ($v0 -> $v1)"

$ZX hearing list --db "$DB" --case "$C" --format json >"$T/h.json"
python3 - "$T/h.json" "$H" <<'PY' || fail "hearing list"
import json, sys
h = json.load(open(sys.argv[1], encoding='utf-8'))
assert len(h) == 1 and h[0]['no'] == sys.argv[2] and h[0]['followed'] is True, h
assert h[0]['type_label'] == '拟不起诉听证' and h[0]['opinions'] == '听证员一致同意不起诉', h
PY
$ZX supervisor list --db "$DB" --unit "$U" | grep -q "^$V	$C	$U	2024-05-10	李明	hearing$" || fail "supervisor list"
$ZX hearing stats --db "$DB" --from 2024-01-01 --to 2024-12-31 | grep -q "^$U	$L	1	1	1$" || fail "stats"
[ -z "$($ZX hearing stats --db "$DB" --from 2025-01-01 --to 2025-12-31)" ] || fail "stats period"
ok "listings and statistics per unit and line"

expect_exit 2 $ZX hearing add --db "$DB" --case "$C" --date 2024-05-10 --type party --participants x
grep -q "type: 'party'" "$T/err" || fail "bad type"
expect_exit 2 $ZX supervisor add --db "$DB" --case NOPE --name x --date 2024-05-10 --activity other
grep -q "no case 'NOPE'" "$T/err" || fail "unknown case"
[ "$(q "SELECT count(*) FROM gov_hearings") $(q "SELECT count(*) FROM gov_supervisions")" = "1 1" ] ||
    fail "a refused record was written"
expect_exit 0 $ZX audit verify --db "$DB"
[ "$(q "SELECT count(*) FROM ledger WHERE tbl IN ('gov_hearings', 'gov_supervisions')")" -eq 2 ] ||
    fail "ledger"
ok "refusals write nothing; every record is in the ledger"

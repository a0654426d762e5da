# The web server on the cluster (issue 12 §2): `zhixiao serve --db postgresql://… --state
# FILE` answers the dashboard, /indicators (unit, from/to, by unit and by staff, trends,
# ids), the drill-down and the case timeline (/cases/{id}: 200 and 404 by scope, sealed
# records hidden unless revealed, the audit rows) with the same bytes as the embedded server
# on the store the cluster was exported from, for an admin of the root, a leader of a city
# and prosecutors (own figures and cases); accounts, sessions, CSRF, scope and the audit work on the state store;
# the endpoints whose data the cluster does not serve answer 501 cluster_unsupported.
. "$(dirname "$0")/lib.sh"

PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ]; then
    echo "skip: no PostgreSQL 15 binaries in $PGBIN (scripts/install-deps.sh installs postgresql-15)"
    exit 0
fi
PGC="${ROOT:-.}/scripts/pg-cluster.sh"
C="$T/cluster"
chmod 711 "$T" # run as root, the instances run as an unprivileged user
P1= P2=
cleanup() {
    [ -n "$P1" ] && kill "$P1" 2>/dev/null
    [ -n "$P2" ] && kill "$P2" 2>/dev/null
    wait 2>/dev/null
    "$PGC" stop "$C" >/dev/null 2>&1 || true
    rm -rf "$T"
}
trap cleanup EXIT

"$PGC" start "$C" --shards 2 >"$T/start.out" 2>"$T/start.err" || {
    cat "$T/start.err" >&2
    fail "pg-cluster.sh start"
}
URL=$(tail -n 1 "$T/start.out")
$ZX generate --out "$T/a" --scale 1500 --seed 21 >/dev/null
$ZX import "$T/a" --db "$T/a.db" >/dev/null
# sealed persons and cases (刑诉法第286条), for the timeline's guard on both servers
$ZX seal apply --db "$T/a.db" >/dev/null
[ "$(sqlite3 "$T/a.db" "SELECT count(*) FROM sealed")" -gt 0 ] || fail "nothing sealed"
expect_exit 0 $ZX export --db "$T/a.db" --to "$URL"
ok "cluster filled: $URL"

expect_exit 2 $ZX serve --db "$URL" --listen 127.0.0.1:0
grep -q -- "--state" "$T/err" || fail "no --state: $(cat "$T/err")"
ok "a cluster without --state is refused"

# the two servers
$ZX serve --db "$T/a.db" --listen 127.0.0.1:0 --port-file "$T/p1" --quiet 2>"$T/s1.err" &
P1=$!
$ZX serve --db "$URL" --state "$T/state.db" --listen 127.0.0.1:0 --port-file "$T/p2" --quiet \
    2>"$T/s2.err" &
P2=$!
for _ in $(seq 1 200); do
    [ -s "$T/p1" ] && [ -s "$T/p2" ] && break
    sleep 0.1
done
[ -s "$T/p1" ] && [ -s "$T/p2" ] || fail "servers did not start: $(cat "$T/s1.err" "$T/s2.err")"
B1="http://127.0.0.1:$(cat "$T/p1")/api/v1"
B2="http://127.0.0.1:$(cat "$T/p2")/api/v1"
grep -q "units and .* staff copied from the cluster" "$T/s2.err" || fail "no copy: $(cat "$T/s2.err")"
[ "$(sqlite3 "$T/state.db" "SELECT count(*) FROM units")" = \
    "$(sqlite3 "$T/a.db" "SELECT count(*) FROM units")" ] || fail "units not in the state"
[ "$(sqlite3 "$T/state.db" "SELECT count(*) FROM cases")" = 0 ] || fail "cases in the state"
ok "the state store holds the cluster's units and staff, no cases"

ROOT_U=$(sqlite3 "$T/a.db" "SELECT unit_id FROM units WHERE parent_rid IS NULL ORDER BY id LIMIT 1")
CITY=$(sqlite3 "$T/a.db" "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.parent_rid IS NULL ORDER BY u.id LIMIT 1 OFFSET 1")
COUNTY=$(sqlite3 "$T/a.db" "SELECT unit_id FROM units WHERE parent_rid = (SELECT id FROM units WHERE unit_id = '$CITY') ORDER BY id LIMIT 1")
STAFF=$(sqlite3 "$T/a.db" "SELECT s.staff_id FROM staff s JOIN cases c ON c.handler_rid = s.id JOIN units u ON u.id = s.unit_rid WHERE u.unit_id = '$COUNTY' GROUP BY s.id ORDER BY count(*) DESC LIMIT 1")
[ -n "$CITY" ] && [ -n "$COUNTY" ] && [ -n "$STAFF" ] || fail "no city, county or staff"
# a prosecutor who handled an event of a case another prosecutor handles: the case's unit
# and the event's handler
EV_CASE=$(sqlite3 "$T/a.db" "SELECT c.case_id FROM events e JOIN cases c ON c.id = e.case_rid WHERE e.handler_rid <> c.handler_rid AND c.id NOT IN (SELECT rid FROM sealed WHERE kind = 'case') AND (e.person_rid IS NULL OR e.person_rid NOT IN (SELECT rid FROM sealed WHERE kind = 'person')) ORDER BY e.id LIMIT 1")
EV_UNIT=$(sqlite3 "$T/a.db" "SELECT u.unit_id FROM cases c JOIN units u ON u.id = c.unit_rid WHERE c.case_id = '$EV_CASE'")
EV_STAFF=$(sqlite3 "$T/a.db" "SELECT h.staff_id FROM events e JOIN cases c ON c.id = e.case_rid JOIN staff h ON h.id = e.handler_rid WHERE c.case_id = '$EV_CASE' AND e.handler_rid <> c.handler_rid ORDER BY e.id LIMIT 1")
[ -n "$EV_CASE" ] && [ -n "$EV_STAFF" ] || fail "no event handled outside its case's handler"
for db in "$T/a.db" "$T/state.db"; do
    echo "correct horse 1" | $ZX user add --db "$db" --name boss --unit "$ROOT_U" --role admin,leader --password-stdin >/dev/null
    echo "correct horse 2" | $ZX user add --db "$db" --name city --unit "$CITY" --role leader --password-stdin >/dev/null
    echo "correct horse 3" | $ZX user add --db "$db" --name pro --unit "$COUNTY" --role prosecutor --staff "$STAFF" --password-stdin >/dev/null
    echo "correct horse 4" | $ZX user add --db "$db" --name pro2 --unit "$EV_UNIT" --role prosecutor --staff "$EV_STAFF" --password-stdin >/dev/null
done

login() { # base jar name password
    curl -s -c "$2" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$3\",\"password\":\"$4\"}" "$1/login" >"$2.me"
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$2.me"
}
get() { # base jar path out → status
    curl -s -o "$4" -w '%{http_code}' -b "$2" "$1$3"
}
n=0
compare_status() { # user status paths…: both servers answer status with the same bytes
    u=$1 want=$2
    shift 2
    for path in "$@"; do
        s1=$(get "$B1" "$T/j1.$u" "$path" "$T/r1")
        s2=$(get "$B2" "$T/j2.$u" "$path" "$T/r2")
        [ "$s1" = "$want" ] || fail "$u $path: embedded status $s1, want $want: $(head -c 300 "$T/r1")"
        [ "$s2" = "$want" ] || fail "$u $path: cluster status $s2, want $want: $(head -c 300 "$T/r2")"
        cmp -s "$T/r1" "$T/r2" || {
            python3 -m json.tool "$T/r1" >"$T/r1.j"
            python3 -m json.tool "$T/r2" >"$T/r2.j"
            diff "$T/r1.j" "$T/r2.j" | head -20 >&2
            fail "$u $path: the cluster's answer differs"
        }
        n=$((n + 1))
    done
}
for u in boss:1 city:2 pro:3 pro2:4; do
    name=${u%%:*}
    login "$B1" "$T/j1.$name" "$name" "correct horse ${u##*:}" >/dev/null
    CSRF2=$(login "$B2" "$T/j2.$name" "$name" "correct horse ${u##*:}")
    [ -n "$CSRF2" ] || fail "login $name on the cluster server"
done

IND="/indicators"
compare_status boss 200 /units "$IND" "$IND?by=unit" "$IND?unit=$CITY&by=unit&from=2023-04-01&to=2023-06-30" \
    "$IND?unit=$COUNTY&from=2022-07-15&to=2025-03-10" "$IND?by=staff&unit=$CITY" \
    "$IND?trend=month&from=2024-01-01&to=2024-12-31" "$IND?trend=year&unit=$CITY" \
    "$IND?ids=no_arrest_rate,duty_structure&from=2025-02-01&to=2025-02-28&by=unit" \
    /dashboard "/dashboard?unit=$CITY&year=2023" \
    "/drilldown?indicator=no_arrest_rate&part=numerator" \
    "/drilldown?indicator=non_prosecution_rate&part=denominator&unit=$CITY&page=2&size=20" \
    "/drilldown?indicator=case_procedure_ratio_criminal&part=numerator&unit=$COUNTY&from=2023-01-01&to=2023-12-31" \
    "/drilldown?indicator=plea_rate&part=denominator&from=2024-01-01&to=2024-06-30"
compare_status city 200 "$IND" "$IND?by=unit&trend=month&from=2024-01-01&to=2024-06-30" "$IND?by=staff" \
    /dashboard "/drilldown?indicator=pretrial_detention_rate&part=numerator"
compare_status pro 200 "$IND" "$IND?by=staff&trend=year" /dashboard "/dashboard?year=2023" \
    "/drilldown?indicator=no_arrest_rate&part=denominator"
# not an empty answer compared with another: the state holds no cases, the figures are real
get "$B2" "$T/j2.boss" "/drilldown?indicator=no_arrest_rate&part=denominator" "$T/r2" >/dev/null
python3 - "$T/r2" <<'PY' || fail "the cluster's drill-down is empty: $(head -c 300 "$T/r2")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] > 0 and d["figure"]["denominator"] == d["total"] and d["items"], d["total"]
PY
ok "$n answers identical on both servers (admin, city leader, prosecutor)"

# the case timeline (/cases/{id}): the same bytes and the same status on both servers
q() { sqlite3 "$T/a.db" "$1"; }
SC="(SELECT rid FROM sealed WHERE kind = 'case')"
SP="(SELECT rid FROM sealed WHERE kind = 'person')"
UNSEALED="c.id NOT IN $SC"
IN_CITY="c.unit_rid IN (WITH RECURSIVE t(id) AS (SELECT id FROM units WHERE unit_id = '$CITY' UNION SELECT u.id FROM units u JOIN t ON u.parent_rid = t.id) SELECT id FROM t)"
# the prosecutor's own case, with persons that have id numbers
OWN=$(q "SELECT c.case_id FROM cases c JOIN staff s ON s.id = c.handler_rid WHERE s.staff_id = '$STAFF' AND $UNSEALED AND EXISTS (SELECT 1 FROM persons p WHERE p.case_rid = c.id AND p.id_number IS NOT NULL AND p.id NOT IN $SP) ORDER BY c.id LIMIT 1")
# a case of the same county that the prosecutor neither handled nor handled an event of
FOREIGN=$(q "SELECT c.case_id FROM cases c JOIN units u ON u.id = c.unit_rid WHERE u.unit_id = '$COUNTY' AND $UNSEALED AND c.handler_rid <> (SELECT id FROM staff WHERE staff_id = '$STAFF') AND NOT EXISTS (SELECT 1 FROM events e WHERE e.case_rid = c.id AND e.handler_rid = (SELECT id FROM staff WHERE staff_id = '$STAFF')) ORDER BY c.id LIMIT 1")
# a case of the city with answered events, amounts and notes
CITYCASE=$(q "SELECT c.id FROM cases c WHERE $IN_CITY AND $UNSEALED AND EXISTS (SELECT 1 FROM events e WHERE e.case_rid = c.id AND e.ref_rid IS NOT NULL) AND EXISTS (SELECT 1 FROM events e WHERE e.case_rid = c.id AND e.amount IS NOT NULL) ORDER BY c.id LIMIT 1")
CITYCASE=$(q "SELECT case_id FROM cases WHERE id = ${CITYCASE:-0}")
# and one with notes, one with a 院领导 deciding
CITYNOTE=$(q "SELECT c.case_id FROM cases c WHERE $IN_CITY AND $UNSEALED AND EXISTS (SELECT 1 FROM events e WHERE e.case_rid = c.id AND e.note IS NOT NULL) ORDER BY c.id LIMIT 1")
CITYLEAD=$(q "SELECT c.case_id FROM cases c WHERE $IN_CITY AND $UNSEALED AND EXISTS (SELECT 1 FROM events e JOIN staff s ON s.id = e.decider_rid WHERE e.case_rid = c.id AND s.is_leader = 1) ORDER BY c.id LIMIT 1")
# a case of another city: out of the city leader's scope
OUTCASE=$(q "SELECT c.case_id FROM cases c WHERE NOT ($IN_CITY) AND $UNSEALED AND c.unit_rid <> (SELECT id FROM units WHERE unit_id = '$ROOT_U') ORDER BY c.id DESC LIMIT 1")
# a sealed person in a case that is not sealed, and a sealed case
SEALP=$(q "SELECT c.case_id FROM persons p JOIN cases c ON c.id = p.case_rid WHERE p.id IN $SP AND $UNSEALED AND EXISTS (SELECT 1 FROM events e WHERE e.person_rid = p.id) ORDER BY p.id LIMIT 1")
SEALC=$(q "SELECT c.case_id FROM cases c WHERE c.id IN $SC ORDER BY c.id LIMIT 1")
for v in OWN FOREIGN CITYCASE CITYNOTE CITYLEAD OUTCASE SEALP SEALC; do
    eval "[ -n \"\$$v\" ]" || fail "no case for $v"
done
n=0
REASON="sealed_reason=%E4%BE%9D%E6%B3%95%E6%9F%A5%E8%AF%A2" # 依法查询
compare_status boss 200 "/cases/$OWN" "/cases/$CITYCASE" "/cases/$CITYNOTE" "/cases/$OUTCASE" \
    "/cases/$SEALP" "/cases/$SEALC?$REASON" "/cases/$SEALP?$REASON"
compare_status city 200 "/cases/$OWN" "/cases/$CITYCASE" "/cases/$CITYLEAD"
compare_status pro 200 "/cases/$OWN"
compare_status pro2 200 "/cases/$EV_CASE"
compare_status boss 404 "/cases/$SEALC" /cases/NO-SUCH-CASE "/cases/x'%20OR%20'1'='1" \
    "/cases/$OWN%27%3B%20DROP%20TABLE%20cases%3B--"
compare_status city 404 "/cases/$OUTCASE"
compare_status pro 404 "/cases/$FOREIGN" "/cases/$OUTCASE"
# the audit rows of the timelines: the same on both servers, in the state store on the cluster
audit_q="SELECT user_name, action, target, outcome, coalesce(detail, '') FROM audit WHERE action = 'view_case' ORDER BY id"
sqlite3 "$T/a.db" "$audit_q" >"$T/audit1"
sqlite3 "$T/state.db" "$audit_q" >"$T/audit2"
cmp -s "$T/audit1" "$T/audit2" || {
    diff "$T/audit1" "$T/audit2" | head >&2
    fail "the view_case audit rows differ"
}
grep -qx "pro|view_case|$OWN|ok|" "$T/audit2" || fail "no ok row for the prosecutor's case"
grep -qx "pro|view_case|$FOREIGN|denied|not the prosecutor's case" "$T/audit2" ||
    fail "no denied row for the foreign case: $(cat "$T/audit2")"
grep -qx "city|view_case|$OUTCASE|denied|not found or out of scope" "$T/audit2" ||
    fail "no denied row for the out-of-scope case"
ok "$(wc -l <"$T/audit2") view_case audit rows, the same in the state store as on the embedded store"

# what the bytes hold: masked id numbers, answered events, ledger entries, hidden sealed rows
get "$B2" "$T/j2.boss" "/cases/$OWN" "$T/r2" >/dev/null
get "$B2" "$T/j2.boss" "/cases/$SEALP" "$T/r3" >/dev/null
get "$B2" "$T/j2.boss" "/cases/$SEALP?$REASON" "$T/r4" >/dev/null
get "$B2" "$T/j2.boss" "/cases/$CITYCASE" "$T/r5" >/dev/null
python3 - "$T/r2" "$T/r3" "$T/r4" "$T/r5" <<'PY' || fail "the cluster's timelines"
import json, sys
own, hid, shown, city = (json.load(open(f)) for f in sys.argv[1:5])
assert any(p["id_number"] for p in own["persons"]), own["persons"]
assert all(e["ledger"] and e["ledger"]["entry"] > 0 for e in own["events"] + city["events"])
assert any(e["ref_event_id"] for e in city["events"]) and any(e["amount"] is not None for e in city["events"])
assert len(shown["persons"]) > len(hid["persons"]) and len(shown["events"]) > len(hid["events"])
PY
ok "$n case timelines identical on both servers (admin, city leader, prosecutors; 200 and 404; sealed hidden and revealed)"

# scope: a city leader cannot read another city; a prosecutor cannot list units
OTHER=$(sqlite3 "$T/a.db" "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.parent_rid IS NULL AND u.unit_id <> '$CITY' ORDER BY u.id LIMIT 1")
[ "$(get "$B2" "$T/j2.city" "$IND?unit=$OTHER" "$T/r2")" = 404 ] || fail "out-of-scope unit answered"
[ "$(get "$B2" "$T/j2.pro" "$IND?by=unit" "$T/r2")" = 403 ] || fail "prosecutor by unit answered"
[ "$(get "$B2" /dev/null "$IND" "$T/r2")" = 401 ] || fail "no session answered"
ok "scope, roles and sessions as on the embedded server"

# what the cluster does not serve: 501 cluster_unsupported with a Chinese message
for path in /monitor /trends /bulletin /evaluation /leaders /imports; do
    s=$(get "$B2" "$T/j2.boss" "$path" "$T/r2")
    [ "$s" = 501 ] || fail "$path: status $s, want 501: $(head -c 200 "$T/r2")"
    python3 - "$T/r2" <<'PY' || fail "$path: not a cluster_unsupported error: $(cat "$T/r2")"
import json, re, sys
e = json.load(open(sys.argv[1]))["error"]
assert e["status"] == 501 and e["code"] == "cluster_unsupported", e
assert re.search("[\u4e00-\u9fff]", e["message"]), e
PY
done
[ "$(get "$B2" /dev/null /monitor "$T/r2")" = 401 ] || fail "an unsupported endpoint before login"
ok "unsupported endpoints answer 501 cluster_unsupported (after authentication)"

# CSRF on writes, and the audit in the state store
s=$(curl -s -o "$T/r2" -w '%{http_code}' -b "$T/j2.boss" -H 'Content-Type: application/json' \
    -d '{}' "$B2/users")
[ "$s" = 403 ] && grep -q '"csrf"' "$T/r2" || fail "a write without the CSRF token: $s $(cat "$T/r2")"
a=$(sqlite3 "$T/state.db" "SELECT count(*) FROM audit WHERE action = 'view_drilldown' AND outcome = 'ok'")
[ "$a" -ge 6 ] || fail "drill-downs audited in the state: $a"
ok "CSRF refused, $a drill-downs audited in the state store"

# a new export while the cluster's server runs: within seconds it answers from the new data
# (units and staff copied again, nothing cached kept), as an embedded server on that store
$ZX generate --out "$T/b" --scale 1200 --seed 22 >/dev/null
$ZX import "$T/b" --db "$T/b.db" >/dev/null
echo "correct horse 1" | $ZX user add --db "$T/b.db" --name boss --unit "$ROOT_U" --role admin,leader --password-stdin >/dev/null
kill -TERM "$P1"
wait "$P1" 2>/dev/null || true
rm -f "$T/p1"
$ZX serve --db "$T/b.db" --listen 127.0.0.1:0 --port-file "$T/p1" --quiet 2>"$T/s1.err" &
P1=$!
for _ in $(seq 1 200); do
    [ -s "$T/p1" ] && break
    sleep 0.1
done
[ -s "$T/p1" ] || fail "the server on the second store did not start: $(cat "$T/s1.err")"
B1="http://127.0.0.1:$(cat "$T/p1")/api/v1"
login "$B1" "$T/j1.boss" boss "correct horse 1" >/dev/null
get "$B1" "$T/j1.boss" /dashboard "$T/new1" >/dev/null
get "$B2" "$T/j2.boss" /dashboard "$T/old2" >/dev/null
cmp -s "$T/new1" "$T/old2" && fail "the two stores' dashboards are the same: nothing to follow"
expect_exit 0 $ZX export --db "$T/b.db" --to "$URL"
sleep 2.2 # the server looks at the cluster's export at most every 2 s
n=0
compare_status boss 200 /units /dashboard "$IND" "$IND?by=unit" "$IND?by=staff&unit=$CITY" \
    "/drilldown?indicator=no_arrest_rate&part=denominator"
grep -q "the cluster was exported again" "$T/s2.err" || fail "no reload logged: $(tail -3 "$T/s2.err")"
[ "$(sqlite3 "$T/state.db" "SELECT count(*) FROM staff")" = \
    "$(sqlite3 "$T/b.db" "SELECT count(*) FROM staff")" ] || fail "the state's staff not copied again"
ok "a new export is followed without a restart: $n answers identical to the second store's"

# both stop cleanly (under the sanitizers: no leak or error report)
for p in 1 2; do
    eval "pid=\$P$p"
    kill -TERM "$pid"
    set +e
    wait "$pid"
    rc=$?
    set -e
    eval "P$p="
    [ "$rc" = 0 ] || fail "server $p exit $rc: $(tail -5 "$T/s$p.err")"
    if grep -q "ERROR: \|runtime error" "$T/s$p.err"; then
        head -30 "$T/s$p.err" >&2
        fail "server $p: sanitizer report"
    fi
done
ok "both servers stop cleanly"

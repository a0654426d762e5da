# The web server on the cluster (issue 12 §2): `zhixiao serve --db postgresql://… --state
# FILE` answers the dashboard, /indicators (unit, from/to, by unit and by staff, trends,
# ids) and the drill-down with the same bytes as the embedded server on the store the
# cluster was exported from, for an admin of the root, a leader of a city and a prosecutor
# (own figures); accounts, sessions, CSRF, scope and the audit work on the state store;
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
for db in "$T/a.db" "$T/state.db"; do
    echo "correct horse 1" | $ZX user add --db "$db" --name boss --unit "$ROOT_U" --role admin,leader --password-stdin >/dev/null
    echo "correct horse 2" | $ZX user add --db "$db" --name city --unit "$CITY" --role leader --password-stdin >/dev/null
    echo "correct horse 3" | $ZX user add --db "$db" --name pro --unit "$COUNTY" --role prosecutor --staff "$STAFF" --password-stdin >/dev/null
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
compare() { # user jar-suffix paths…
    u=$1
    shift
    for path in "$@"; do
        s1=$(get "$B1" "$T/j1.$u" "$path" "$T/r1")
        s2=$(get "$B2" "$T/j2.$u" "$path" "$T/r2")
        [ "$s1" = 200 ] || fail "$u $path: embedded status $s1: $(head -c 300 "$T/r1")"
        [ "$s2" = 200 ] || fail "$u $path: cluster status $s2: $(head -c 300 "$T/r2")"
        cmp -s "$T/r1" "$T/r2" || {
            python3 -m json.tool "$T/r1" >"$T/r1.j"
            python3 -m json.tool "$T/r2" >"$T/r2.j"
            diff "$T/r1.j" "$T/r2.j" | head -20 >&2
            fail "$u $path: the cluster's answer differs"
        }
        n=$((n + 1))
    done
}
for u in boss:1 city:2 pro:3; do
    name=${u%%:*}
    login "$B1" "$T/j1.$name" "$name" "correct horse ${u##*:}" >/dev/null
    CSRF2=$(login "$B2" "$T/j2.$name" "$name" "correct horse ${u##*:}")
    [ -n "$CSRF2" ] || fail "login $name on the cluster server"
done

IND="/indicators"
compare boss /units "$IND" "$IND?by=unit" "$IND?unit=$CITY&by=unit&from=2023-04-01&to=2023-06-30" \
    "$IND?unit=$COUNTY&from=2022-07-15&to=2025-03-10" "$IND?by=staff&unit=$CITY" \
    "$IND?trend=month&from=2024-01-01&to=2024-12-31" "$IND?trend=year&unit=$CITY" \
    "$IND?ids=no_arrest_rate,duty_structure&from=2025-02-01&to=2025-02-28&by=unit" \
    /dashboard "/dashboard?unit=$CITY&year=2023" \
    "/drilldown?indicator=no_arrest_rate&part=numerator" \
    "/drilldown?indicator=non_prosecution_rate&part=denominator&unit=$CITY&page=2&size=20" \
    "/drilldown?indicator=case_procedure_ratio_criminal&part=numerator&unit=$COUNTY&from=2023-01-01&to=2023-12-31" \
    "/drilldown?indicator=plea_rate&part=denominator&from=2024-01-01&to=2024-06-30"
compare city "$IND" "$IND?by=unit&trend=month&from=2024-01-01&to=2024-06-30" "$IND?by=staff" \
    /dashboard "/drilldown?indicator=pretrial_detention_rate&part=numerator"
compare pro "$IND" "$IND?by=staff&trend=year" /dashboard "/dashboard?year=2023" \
    "/drilldown?indicator=no_arrest_rate&part=denominator"
# not an empty answer compared with another: the state holds no cases, the figures are real
get "$B2" "$T/j2.boss" "/drilldown?indicator=no_arrest_rate&part=denominator" "$T/r2" >/dev/null
python3 - "$T/r2" <<'PY' || fail "the cluster's drill-down is empty: $(head -c 300 "$T/r2")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] > 0 and d["figure"]["denominator"] == d["total"] and d["items"], d["total"]
PY
ok "$n answers identical on both servers (admin, city leader, prosecutor)"

# scope: a city leader cannot read another city; a prosecutor cannot list units
OTHER=$(sqlite3 "$T/a.db" "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.parent_rid IS NULL AND u.unit_id <> '$CITY' ORDER BY u.id LIMIT 1")
[ "$(get "$B2" "$T/j2.city" "$IND?unit=$OTHER" "$T/r2")" = 404 ] || fail "out-of-scope unit answered"
[ "$(get "$B2" "$T/j2.pro" "$IND?by=unit" "$T/r2")" = 403 ] || fail "prosecutor by unit answered"
[ "$(get "$B2" /dev/null "$IND" "$T/r2")" = 401 ] || fail "no session answered"
ok "scope, roles and sessions as on the embedded server"

# what the cluster does not serve: 501 cluster_unsupported with a Chinese message
for path in /monitor /trends "/cases/x" /bulletin /evaluation /leaders /imports; do
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

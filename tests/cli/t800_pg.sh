# The same catalog on a sharded PostgreSQL 15 (issue 12): scripts/pg-cluster.sh starts a
# coordinator and two shards in a temporary folder, `zhixiao export` fills it, and
# `zhixiao indicators --db postgresql://…` prints byte for byte what the embedded engine
# prints on the same store: every indicator, several periods, the root, a city, a county,
# --by unit and --by staff, --line. A failed export leaves the cluster as it was; a
# re-export replaces.
. "$(dirname "$0")/lib.sh"

PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ]; then
    echo "skip: no PostgreSQL 15 binaries in $PGBIN (scripts/install-deps.sh installs postgresql-15)"
    exit 0
fi
REL=${ZXREL:-$ZX}
PGC="${ROOT:-.}/scripts/pg-cluster.sh"
C="$T/cluster"
# run as root, the instances run as an unprivileged user that must reach the folder
chmod 711 "$T"
trap '"$PGC" stop "$C" >/dev/null 2>&1 || true; rm -rf "$T"' EXIT

"$PGC" start "$C" --shards 2 >"$T/start.out" 2>"$T/start.err" || {
    cat "$T/start.err" >&2
    fail "pg-cluster.sh start"
}
URL=$(tail -n 1 "$T/start.out")
case $URL in postgresql://*) ;; *) fail "start's last line is not a URL: $URL" ;; esac
ok "cluster started: $URL"

pgq() { "$PGBIN/psql" -X -q -At "$URL" -c "$1"; }

# two stores: A is the one compared; B is exported first, then replaced by A
$REL generate --out "$T/a" --scale 1500 --seed 21 >/dev/null
$REL import "$T/a" --db "$T/a.db" >/dev/null
$REL generate --out "$T/b" --scale 400 --seed 5 >/dev/null
$REL import "$T/b" --db "$T/b.db" >/dev/null

expect_exit 0 $ZX export --db "$T/b.db" --to "$URL"
nb=$(pgq "SELECT count(*) FROM events")
wantb=$(sqlite3 "$T/b.db" "SELECT count(*) FROM events")
[ "$nb" = "$wantb" ] || fail "events after export: $nb, want $wantb"
ok "export: $nb events"

# a shard that refuses some rows part-way: the export fails and changes nothing anywhere
SPORT=$(sed -n 's/^instance shard1 //p' "$C/cluster.conf")
"$PGBIN/psql" -X -q -h 127.0.0.1 -p "$SPORT" -U zhixiao -d zhixiao \
    -c "CREATE FUNCTION t800() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN IF NEW.rid % 97 = 0 THEN RAISE EXCEPTION 't800 refuses %', NEW.rid; END IF; RETURN NEW; END \$\$" \
    -c "CREATE TRIGGER t800 BEFORE INSERT ON events_local FOR EACH ROW EXECUTE FUNCTION t800()"
expect_exit 2 $ZX export --db "$T/a.db" --to "$URL"
grep -q "t800 refuses" "$T/err" || fail "the shard's refusal is not reported: $(cat "$T/err")"
[ "$(pgq "SELECT count(*) FROM events")" = "$nb" ] || fail "a failed export changed the events"
[ "$(pgq "SELECT count(*) FROM cases")" = "$(sqlite3 "$T/b.db" "SELECT count(*) FROM cases")" ] ||
    fail "a failed export changed the cases"
[ "$(pgq "SELECT count(*) FROM units")" = "$(sqlite3 "$T/b.db" "SELECT count(*) FROM units")" ] ||
    fail "a failed export changed the coordinator's units"
[ "$(pgq "SELECT count(*) FROM pg_prepared_xacts")" = 0 ] || fail "prepared transactions left"
ok "a failed export leaves the cluster as it was"
"$PGBIN/psql" -X -q -h 127.0.0.1 -p "$SPORT" -U zhixiao -d zhixiao \
    -c "DROP TRIGGER t800 ON events_local" -c "DROP FUNCTION t800()"

# A replaces B, twice (idempotent)
for _ in 1 2; do
    expect_exit 0 $ZX export --db "$T/a.db" --to "$URL"
done
for t in units staff cases persons events; do
    got=$(pgq "SELECT count(*) FROM $t")
    want=$(sqlite3 "$T/a.db" "SELECT count(*) FROM $t")
    [ "$got" = "$want" ] || fail "$t after re-export: $got, want $want"
done
[ "$(pgq "SELECT count(DISTINCT shard) FROM events")" = 2 ] || fail "events not on both shards"
ok "re-export replaces: units, staff, cases, persons, events as in the store, on both shards"

# the subtrees placed by events (store/shard_plan.h). A has 9 cities; the three largest hold
# 36.9, 16.8 and 10.1 % of its events, the province's own unit none. On 2 shards the largest
# and the second largest open the two shards, so the heavier shard's last subtree is at most
# the third largest, and the shards differ by at most that: 10.1 points (they do by 3;
# round robin gave 62.9/37.1). The stderr line reports what the shards received.
[ "$(sqlite3 "$T/a.db" "SELECT count(*) FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.parent_rid IS NULL")" -ge 8 ] ||
    fail "the generated store has too few cities for the balance check"
split=$(pgq "SELECT string_agg(n::text, ' ' ORDER BY shard) FROM (SELECT shard, count(*) AS n FROM events GROUP BY shard) x")
# shellcheck disable=SC2086
set -- $split
[ $# = 2 ] || fail "events on $# shards: $split"
d=$(($1 > $2 ? $1 - $2 : $2 - $1))
[ $((100 * d)) -le $((15 * ($1 + $2))) ] || fail "shards unbalanced: $1 vs $2 events"
grep -q "events per shard: $1 (.*) $2 (" "$T/err" || fail "split not reported: $(cat "$T/err")"
ok "events per shard: $1 / $2, within 15 points, as reported"

# the catalog on both engines: every indicator, periods × scopes × breakdowns
CITY=$(sqlite3 "$T/a.db" "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.parent_rid IS NULL ORDER BY u.id LIMIT 1 OFFSET 1")
COUNTY=$(sqlite3 "$T/a.db" "SELECT unit_id FROM units WHERE parent_rid = (SELECT id FROM units WHERE unit_id = '$CITY') ORDER BY id LIMIT 1")
[ -n "$CITY" ] && [ -n "$COUNTY" ] || fail "no city or county in the generated store"
n=0
for period in "2024-01-01 2024-12-31" "2023-04-01 2023-06-30" "2025-02-01 2025-02-28" "2022-07-15 2025-03-10"; do
    set -- $period
    for scope in "" "--unit $CITY" "--unit $COUNTY"; do
        for by in none unit staff; do
            # the root in every breakdown; a city by unit, a county by handler
            case "$scope/$by" in /* | "--unit $CITY/unit" | "--unit $COUNTY/staff") ;; *) continue ;; esac
            # shellcheck disable=SC2086
            $REL indicators --db "$T/a.db" --from "$1" --to "$2" $scope --by $by >"$T/emb.json"
            # shellcheck disable=SC2086
            $ZX indicators --db "$URL" --from "$1" --to "$2" $scope --by $by >"$T/pg.json" ||
                fail "indicators on the cluster: $period $scope --by $by"
            cmp -s "$T/emb.json" "$T/pg.json" || {
                diff "$T/emb.json" "$T/pg.json" | head -20 >&2
                fail "cluster differs from the embedded engine: $period $scope --by $by"
            }
            n=$((n + 1))
        done
    done
done
rows=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$T/emb.json")
[ "$rows" -gt 100 ] || fail "too few figures compared ($rows)"
ok "$n evaluations (4 periods x root none/unit/staff, city by unit, county by staff) identical to the embedded engine"

# every catalog row appears, with non-zero figures somewhere
python3 - "$T/emb.json" "$ROOT/data/indicators.json" <<'PY' || fail "not every indicator compared"
import json, sys
got = json.load(open(sys.argv[1]))
seen = {r["indicator"].split(".")[0] for r in got}
cat = json.load(open(sys.argv[2]))
want = {i["id"] for i in cat["indicators"]}
missing = want - seen
assert not missing, missing
assert sum(r["denominator"] for r in got) > 0
PY
ok "every indicator of data/indicators.json is in the compared output"

$REL indicators --db "$T/a.db" --from 2024-01-01 --to 2024-12-31 --line civil,public_interest --by unit >"$T/emb.json"
$ZX indicators --db "$URL" --from 2024-01-01 --to 2024-12-31 --line civil,public_interest --by unit >"$T/pg.json"
cmp -s "$T/emb.json" "$T/pg.json" || fail "--line differs"
ok "--line: identical"

# the drill-down: a row of every kind of term, both parts, the root, a city, a handler
$REL indicators --db "$T/a.db" --from 2024-01-01 --to 2024-12-31 --by staff >"$T/staff.json"
STAFF=$(python3 -c "
import json, sys
r = [x for x in json.load(open(sys.argv[1])) if x['denominator'] > 0]
print(r[len(r) // 2]['staff_id'])" "$T/staff.json")
ids=$(python3 -c "
import json, sys
print(' '.join(dict.fromkeys(x['indicator'] for x in json.load(open(sys.argv[1])))))" "$T/emb.json")
n=0
items=0
for id in $ids; do
    for part in numerator denominator; do
        case $id in
        no_arrest_rate | pretrial_detention_rate | return_rate | hearing_rate | no_arrest_change_rate | \
            suggestion_adoption_rate_cohort | duty_structure.civil | case_procedure_ratio_criminal) ;;
        *) continue ;;
        esac
        for who in "" "--unit $CITY" "--staff $STAFF"; do
            # shellcheck disable=SC2086
            $REL cases --db "$T/a.db" --indicator "$id" --part $part --from 2024-01-01 --to 2024-12-31 $who >"$T/emb.json"
            # shellcheck disable=SC2086
            $ZX cases --db "$URL" --indicator "$id" --part $part --from 2024-01-01 --to 2024-12-31 $who >"$T/pg.json" ||
                fail "cases on the cluster: $id $part $who"
            cmp -s "$T/emb.json" "$T/pg.json" || {
                diff "$T/emb.json" "$T/pg.json" | head -10 >&2
                fail "drill-down differs: $id $part $who"
            }
            n=$((n + 1))
            items=$((items + $(grep -c '"term"' "$T/pg.json" || true)))
        done
    done
done
[ "$items" -gt 100 ] || fail "too few drill-down items compared ($items)"
ok "cases: $n drill-downs ($items items) identical to the embedded engine"

# the plan: each shard's aggregate runs on the shard, the foreign scans asynchronously
$ZX indicators --db "$URL" --from 2024-01-01 --to 2024-12-31 --indicator no_arrest_rate --explain >"$T/plan"
grep -q "Async Foreign Scan" "$T/plan" || fail "no async foreign scan in the plan"
grep -q "Relations: Aggregate on" "$T/plan" || fail "aggregation not pushed down to the shards"
# the whole catalog, root and city, by unit and by handler: one Append whose every child is
# an async scan aggregating on its shard (nested Appends would wait for every shard at each
# term; a Foreign Scan without "Async" or an aggregate on the coordinator is a pushdown lost)
for args in "--by unit" "--by staff" "--unit $CITY --by unit" "--unit $CITY --by staff"; do
    # shellcheck disable=SC2086
    $ZX indicators --db "$URL" --from 2024-01-01 --to 2024-12-31 $args --explain >"$T/plan"
    nodes=$(sed -n '/^Append$/,$p' "$T/plan" | grep -c -- '->' || true)
    nasync=$(grep -c -- '->  Async Foreign Scan$' "$T/plan" || true)
    nagg=$(grep -c 'Relations: Aggregate on' "$T/plan" || true)
    [ "$(grep -c '^Append$' "$T/plan")" = 1 ] && [ "$nodes" -gt 0 ] && [ "$nodes" = "$nasync" ] &&
        [ "$nasync" = "$nagg" ] || fail "$args: plan is not one Append of async pushed-down aggregates"
done
ok "EXPLAIN: aggregates pushed down to the shards, async foreign scans"

expect_exit 2 $ZX indicators --db "$URL" --from 2024-01-01 --to 2024-12-31 --unit NOPE
grep -q "NOPE" "$T/err" || fail "unknown unit not named"
expect_exit 2 $ZX indicators --db "$URL" --from 2024-01-01 --to 2024-12-31 --format table
ok "unknown unit and unsupported format refused with a message"

"$PGC" stop "$C" >/dev/null
ok "cluster stopped"

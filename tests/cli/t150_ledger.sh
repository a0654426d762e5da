# The ledger (谁办案谁负责): an imported bundle verifies; each edit made to the SQLite file
# behind zhixiao's back — an event's date, its handler, a deleted event, an inserted one, an
# edited chain entry, a deleted entry, two entries swapped — is caught and named (entry,
# table, id, what differs); re-import and the product's own updates keep the chain intact.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 7 >/dev/null
expect_exit 0 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej.csv"
expect_exit 0 $ZX audit verify --db "$T/z.db"
grep -q "ledger intact" "$T/out" || fail "untouched database: $(cat "$T/out")"
n_rows=$(sqlite3 "$T/z.db" "SELECT (SELECT count(*) FROM units)+(SELECT count(*) FROM staff)+(SELECT count(*) FROM cases)+(SELECT count(*) FROM persons)+(SELECT count(*) FROM events)+(SELECT count(*) FROM institutions)+(SELECT count(*) FROM convicts)+(SELECT count(*) FROM sentence_changes)")
grep -q " $n_rows rows match" "$T/out" || fail "row count: want $n_rows: $(cat "$T/out")"
head=$(sed -n 's/.*head \([0-9a-f]*\)$/\1/p' "$T/out")
[ ${#head} -eq 64 ] || fail "no head hash"
ok "an untouched database verifies ($n_rows rows)"

# every event is recorded with its handler and decider
sqlite3 "$T/z.db" "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.tbl='events' AND l.rid=e.id AND l.handler_rid IS e.handler_rid AND l.decider_rid IS e.decider_rid AND l.act_on=e.date)" >"$T/n"
[ "$(cat "$T/n")" -eq 0 ] || fail "$(cat "$T/n") events without their handler/decider entry"
ok "each event's entry carries its handler, decider and date"

# the event we tamper with, and its (latest) entry
ev=$(sqlite3 "$T/z.db" "SELECT event_id FROM events WHERE handler_rid IS NOT NULL ORDER BY id LIMIT 1 OFFSET 40")
rid=$(sqlite3 "$T/z.db" "SELECT id FROM events WHERE event_id='$ev'")
seq=$(sqlite3 "$T/z.db" "SELECT max(seq) FROM ledger WHERE tbl='events' AND rid=$rid")
last=$(sqlite3 "$T/z.db" "SELECT max(seq) FROM ledger")

# tamper SQL: run it on a copy and expect verify to exit 1 naming PATTERN
tamper() {
    what=$1 sql=$2 pattern=$3
    cp "$T/z.db" "$T/x.db"
    sqlite3 "$T/x.db" "$sql"
    expect_exit 1 $ZX audit verify --db "$T/x.db"
    grep -q -- "$pattern" "$T/out" || fail "$what: want /$pattern/: $(cat "$T/out")"
    ok "$what: $(head -1 "$T/out")"
}
tamper "event date changed" "UPDATE events SET date=date+1 WHERE event_id='$ev'" \
    "entry $seq (row altered): table events, id $ev (row $rid): date [0-9-]* -> [0-9-]*"
tamper "event handler changed" \
    "UPDATE events SET handler_rid=(SELECT min(id) FROM staff WHERE id<>events.handler_rid) WHERE event_id='$ev'" \
    "entry $seq (row altered): table events, id $ev.*handler S[0-9]* -> S[0-9]*"
tamper "event decider changed" "UPDATE events SET decider_rid=NULL WHERE event_id='$ev' AND decider_rid IS NOT NULL; UPDATE events SET decider_rid=1 WHERE event_id='$ev' AND changes()=0" \
    "entry $seq (row altered): table events, id $ev.*decider"
tamper "event note changed" "UPDATE events SET note='改' WHERE event_id='$ev'" \
    "entry $seq (row altered): table events, id $ev (row $rid): its content differs"
tamper "event deleted" "DELETE FROM events WHERE event_id='$ev'" \
    "entry $seq (row deleted): table events, id $ev (row $rid)"
tamper "event inserted" \
    "INSERT INTO events(event_id,case_rid,type,date,row_hash) VALUES('EFORGED1',1,1,19000,0)" \
    "no entry (row inserted): table events, id EFORGED1"
tamper "chain entry edited (its date)" "UPDATE ledger SET act_on=act_on+1 WHERE seq=$seq" \
    "entry $seq (entry altered): table events, id $ev"
tamper "chain entry's hash replaced" "UPDATE ledger SET hash=zeroblob(32) WHERE seq=$seq" \
    "entry $seq (entry altered)"
tamper "chain entry deleted" "DELETE FROM ledger WHERE seq=$seq" \
    "entry $seq (entry deleted): 1 entry is missing before entry $((seq + 1))"
tamper "chain entries reordered" \
    "UPDATE ledger SET seq=-1 WHERE seq=$seq; UPDATE ledger SET seq=$seq WHERE seq=$((seq + 1)); UPDATE ledger SET seq=$((seq + 1)) WHERE seq=-1" \
    "entry $seq (entry out of order)"
tamper "entry appended by hand" \
    "INSERT INTO ledger(seq,tbl,rid,op,recorded_at,hash) VALUES($((last + 1)),'events',$rid,'update',0,randomblob(32))" \
    "entry $((last + 1)) (entry altered)"
tamper "staff renamed" "UPDATE staff SET name='某某' WHERE id=2" "(row altered): table staff"

# Chinese message
cp "$T/z.db" "$T/x.db"
sqlite3 "$T/x.db" "UPDATE events SET date=date+1 WHERE event_id='$ev'"
LANG=zh_CN.UTF-8 LC_ALL= expect_exit 1 $ZX audit verify --db "$T/x.db"
grep -q "账本校验失败：第 $seq 条（数据行被改动）：表 events，编号 $ev" "$T/out" || fail "zh: $(cat "$T/out")"
ok "Chinese message"

# a recomputed chain is caught against the recorded head only
expect_exit 0 $ZX audit verify --db "$T/z.db" --head "${head%????????????????????????????????}"
expect_exit 1 $ZX audit verify --db "$T/z.db" --head 00ff
grep -q "differs from the recorded" "$T/out" || fail "head mismatch message"
ok "--head compares the chain's last hash"

# JSON form
cp "$T/z.db" "$T/x.db"
sqlite3 "$T/x.db" "DELETE FROM events WHERE event_id='$ev'"
expect_exit 1 $ZX audit verify --db "$T/x.db" --format json
grep -q '"kind": "row deleted"' "$T/out" && grep -q "\"entry\": $seq" "$T/out" || fail "json: $(cat "$T/out")"
ok "JSON names the entry"

# the product's own changes stay intact: re-import (unchanged), a changed row (update +
# history), inspection steps through the CLI
expect_exit 0 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej.csv"
[ "$(sqlite3 "$T/z.db" "SELECT max(seq) FROM ledger")" -eq "$last" ] || fail "re-import appended entries"
awk -F, -v OFS=, 'NR==2 {$NF="changed note"} {print}' "$T/b/events.csv" >"$T/ev.csv" && cp "$T/ev.csv" "$T/b/events.csv"
expect_exit 0 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej.csv"
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE op='update' AND tbl='events' AND import_rid IS NOT NULL")" -ge 1 ] || fail "update not recorded"
expect_exit 0 $ZX audit verify --db "$T/z.db"
ok "re-import and an updated row keep the chain intact"

# audit log: the case's acts with handler and decider
case_id=$(sqlite3 "$T/z.db" "SELECT c.case_id FROM events e JOIN cases c ON c.id=e.case_rid WHERE e.event_id='$ev'")
expect_exit 0 $ZX audit log --db "$T/z.db" --case "$case_id" --format json
n_ev=$(sqlite3 "$T/z.db" "SELECT count(*) FROM ledger WHERE tbl='events' AND rid IN (SELECT e.id FROM events e JOIN cases c ON c.id=e.case_rid WHERE c.case_id='$case_id')")
[ "$(grep -c '"table": "events"' "$T/out")" -eq "$n_ev" ] || fail "log --case: events"
grep -q "\"id\": \"$ev\"" "$T/out" && grep -q '"handler": {' "$T/out" || fail "log lacks handler"
expect_exit 0 $ZX audit log --db "$T/z.db" --case "$case_id" --format table
grep -q "$ev" "$T/out" || fail "table log"
ok "audit log --case lists the case's acts with handler and decider"

# a database made before the ledger gets baseline entries when migrated
cp "$T/z.db" "$T/old.db"
# (the ledger is migration 7, fixed history: a database before it is at version 6 and has
# none of the tables later migrations add — those are created after the ledger in
# sqlite_master's order, so they are dropped with it — nor the columns they add to older
# tables: migration 15's import_issues.reason_zh)
sqlite3 "$T/old.db" "SELECT type || ' \"' || name || '\"' FROM sqlite_master WHERE type IN ('table', 'view')
  AND rowid >= (SELECT rowid FROM sqlite_master WHERE name = 'ledger') ORDER BY rowid DESC" |
    sed 's/^\(.*\)$/DROP \1;/' >"$T/drop.sql"
echo "ALTER TABLE import_issues DROP COLUMN reason_zh;" >>"$T/drop.sql"
echo "PRAGMA foreign_keys=OFF; PRAGMA user_version=6;" >>"$T/drop.sql"
sqlite3 "$T/old.db" <"$T/drop.sql"
expect_exit 0 $ZX audit verify --db "$T/old.db"
[ "$(sqlite3 "$T/old.db" "SELECT count(*) FROM ledger WHERE op<>'baseline'")" -eq 0 ] || fail "baseline"
ok "migration records existing rows as a baseline"

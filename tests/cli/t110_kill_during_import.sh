# kill -9 in the middle of a large import leaves the database exactly as it was before.
. "$(dirname "$0")/lib.sh"
Z=${ZXREL:-$ZX} # the release build: a large import takes long enough to be interrupted

$Z generate --out "$T/a" --scale tiny --seed 21 >/dev/null
expect_exit 0 $Z import "$T/a" --db "$T/z.db" --rejects "$T/a.csv"
snap() {
    sqlite3 "$T/z.db" "SELECT count(*) FROM imports;
        SELECT * FROM v_events ORDER BY event_id; SELECT * FROM v_cases ORDER BY case_id;
        SELECT unit_id, name FROM units ORDER BY 1; SELECT count(*) FROM history" | md5sum
}
before=$(snap)

$Z generate --out "$T/b" --scale 120000 --seed 22 >/dev/null
$Z import "$T/b" --db "$T/z.db" --quiet --rejects "$T/b.csv" &
pid=$!
# wait until the import is writing (its journal exists), then kill it hard
i=0
while [ $i -lt 400 ] && kill -0 $pid 2>/dev/null && [ ! -s "$T/z.db-journal" ] && \
      [ "$(stat -c %s "$T/z.db-wal" 2>/dev/null || echo 0)" -lt 1000000 ]; do
    sleep 0.05
    i=$((i + 1))
done
sleep 0.3
kill -0 $pid 2>/dev/null || fail "import finished before it could be killed"
kill -9 $pid
wait $pid 2>/dev/null || true
ok "import killed mid-way"

[ "$(sqlite3 "$T/z.db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check after kill"
after=$(snap)
[ "$before" = "$after" ] || fail "database changed by the killed import"
ok "database exactly as before the killed import"

expect_exit 0 $Z import "$T/b" --db "$T/z.db" --quiet --rejects "$T/b.csv"
n=$(sqlite3 "$T/z.db" "SELECT count(*) FROM imports")
[ "$n" = 2 ] || fail "expected 2 imports in the log, found $n"
ok "the same import then lands whole"

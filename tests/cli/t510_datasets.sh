#!/bin/sh
# t510_datasets.sh — zhixiao dataset add/list/rejects: every generated dataset registers with
# read = imported + rejected, the planted bad rows are rejected with line and column, the
# same file again changes nothing, a changed file is version 2, a bad schema or a missing
# required column writes nothing.
. "$(dirname "$0")/lib.sh"
"$ZX" generate --out "$T/b" --scale 3000 --datasets >/dev/null
"$ZX" import --db "$T/db" "$T/b" >/dev/null 2>&1 || true
D="$T/b/datasets"
n=0
for s in "$D"/*.schema.json; do
    name=$(basename "$s" .schema.json)
    "$ZX" dataset add --db "$T/db" --file "$D/$name.csv" --schema "$s" --rejects "$T/$name.rej" >"$T/out"
    grep -q "^$name version 1:" "$T/out" || fail "$name: $(cat "$T/out")"
    n=$((n + 1))
done
[ "$n" -ge 11 ] || fail "expected at least 11 datasets, got $n"
ok "$n datasets registered"
# read = imported + rejected, and rows stored = imported, per dataset
"$ZX" dataset list --db "$T/db" | tail -n +2 >"$T/list"
awk -F, '$6 != $7 + $8 {print; bad=1} END {exit bad}' "$T/list" || fail "read != imported + rejected"
for name in $(cut -d, -f1 "$T/list"); do
    want=$(grep "^$name," "$T/list" | cut -d, -f7)
    got=$(sqlite3 "$T/db" "SELECT COUNT(*) FROM dataset_rows r JOIN datasets d ON d.id=r.dataset_rid WHERE d.name='$name'")
    [ "$want" = "$got" ] || fail "$name: $got rows stored, $want imported"
done
ok "read = imported + rejected, rows stored = imported"
# the planted bad rows: rejected at the manifest's lines, with the column named
grep '^@reject,' "$D/manifest.csv" | cut -d, -f2 | cut -d: -f2 | sort -n >"$T/want"
"$ZX" dataset rejects --db "$T/db" --name pension_payments | awk -F, '$3=="rejected"{print $1}' | sort -n >"$T/got"
diff "$T/want" "$T/got" || fail "rejected lines differ from the manifest"
grep -q ',发放月份,rejected,' "$T/pension_payments.rej" || fail "month reject names its column"
grep -q ',公民身份号码,rejected,.*not a citizen id number' "$T/pension_payments.rej" || fail "id reject reason"
ok "planted bad rows rejected with line, column and reason"
# warnings: 15-digit ids widened, bad check digits kept
"$ZX" dataset rejects --db "$T/db" --name civil_servant_payroll | grep -q ',warning,' || fail "dirty ids give warnings"
ok "dirty ids kept with a warning"
# the same file again: nothing changes
before=$(sqlite3 "$T/db" "SELECT COUNT(*) FROM datasets; SELECT COUNT(*) FROM dataset_rows; SELECT COUNT(*) FROM ledger")
"$ZX" dataset add --db "$T/db" --file "$D/cc_roster.csv" --schema "$D/cc_roster.schema.json" >"$T/out"
grep -q "unchanged" "$T/out" || fail "re-add: $(cat "$T/out")"
after=$(sqlite3 "$T/db" "SELECT COUNT(*) FROM datasets; SELECT COUNT(*) FROM dataset_rows; SELECT COUNT(*) FROM ledger")
[ "$before" = "$after" ] || fail "re-adding the same file changed the database"
ok "the same file again changes nothing"
# a changed file is the next version
cp "$D/cc_roster.csv" "$T/roster2.csv"
tail -1 "$D/cc_roster.csv" | sed 's/^SJ[0-9]*/SJ999999/' >>"$T/roster2.csv"
"$ZX" dataset add --db "$T/db" --file "$T/roster2.csv" --schema "$D/cc_roster.schema.json" >"$T/out"
grep -q "^cc_roster version 2:" "$T/out" || fail "changed file: $(cat "$T/out")"
ok "a changed file is version 2"
# a missing required column rejects the whole file; nothing is written
cut -d, -f1,3- "$D/cc_roster.csv" >"$T/nocol.csv"
before=$(sqlite3 "$T/db" "SELECT COUNT(*) FROM datasets; SELECT COUNT(*) FROM dataset_rows")
expect_exit 2 "$ZX" dataset add --db "$T/db" --name cc_other --file "$T/nocol.csv" --schema "$D/cc_roster.schema.json"
grep -q "required column '公民身份号码' is missing" "$T/err" || fail "missing column message: $(cat "$T/err")"
after=$(sqlite3 "$T/db" "SELECT COUNT(*) FROM datasets; SELECT COUNT(*) FROM dataset_rows")
[ "$before" = "$after" ] || fail "a rejected file wrote rows"
# a bad schema
printf '{"name":"x","columns":[{"column":"a","role":"colour"}]}' >"$T/bad.json"
expect_exit 2 "$ZX" dataset add --db "$T/db" --file "$T/nocol.csv" --schema "$T/bad.json"
grep -q 'columns\[0\]' "$T/err" || fail "bad schema message: $(cat "$T/err")"
ok "missing required column and bad schema: exit 2, nothing written"

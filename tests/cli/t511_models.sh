#!/bin/sh
# t511_models.sh — the shipped supervision models over the generated province: each finds
# exactly the hits its manifest plants (precision and recall 1.0), on two seeds; a rerun adds
# no lead; --unit keeps to the subtree; fuzzy links carry their probability.
. "$(dirname "$0")/lib.sh"
models=$("$ZX" model list | tail -n +2 | cut -d, -f1)
[ "$(echo "$models" | wc -l)" -ge 8 ] || fail "at least 8 models"
for m in pension_in_custody cc_unlicensed_driving cc_missed_report delivery_overdue \
    property_transfer occupation_ban paid_while_serving paper_sentence; do
    echo "$models" | grep -qx "$m" || fail "model $m is not shipped"
done
ok "8 published models shipped"
for seed in 1 5; do
    "$ZX" generate --out "$T/b$seed" --scale 3000 --seed $seed --datasets >/dev/null
    "$ZX" import --db "$T/db$seed" "$T/b$seed" >/dev/null 2>&1 || true
    D="$T/b$seed/datasets"
    for s in "$D"/*.schema.json; do
        name=$(basename "$s" .schema.json)
        "$ZX" dataset add --db "$T/db$seed" --file "$D/$name.csv" --schema "$s" >/dev/null
    done
    for m in $models; do
        "$ZX" model run --db "$T/db$seed" --model "$m" >"$T/run"
        "$ZX" lead list --db "$T/db$seed" --model "$m" | tail -n +2 | cut -d, -f3 | sort >"$T/got"
        grep "^$m," "$D/manifest.csv" | cut -d, -f2 | sort >"$T/want"
        [ -s "$T/want" ] || fail "seed $seed: the manifest plants nothing for $m"
        diff "$T/want" "$T/got" >"$T/diff" || { cat "$T/diff" >&2; fail "seed $seed: $m found other than planted"; }
    done
    ok "seed $seed: every model finds exactly its $(grep -vc '^@\|^model,' "$D/manifest.csv") planted hits"
done
# fuzzy links: probability in the evidence, below 1 and at least the threshold
n=$(sqlite3 "$T/db1" "SELECT COUNT(*) FROM leads WHERE probability < 1 AND probability >= 0.9 AND evidence LIKE '%\"match\":\"fuzzy\",\"probability\":%'")
[ "$n" -ge 1 ] || fail "no lead with a fuzzy link"
ok "$n leads linked fuzzily, with their probability"
# rerun: no new lead
"$ZX" model run --db "$T/db1" --model pension_in_custody >"$T/run"
grep -q ", 0 new leads" "$T/run" || fail "rerun: $(cat "$T/run")"
ok "rerun adds no lead"
# --unit: a copy of the database, one model run for a unit
cp "$T/b1/datasets/manifest.csv" "$T/manifest"
"$ZX" generate --out "$T/c" --scale 3000 --seed 1 --datasets >/dev/null
"$ZX" import --db "$T/dbu" "$T/c" >/dev/null 2>&1 || true
u=$("$ZX" lead list --db "$T/db1" --model cc_missed_report | sed -n 2p | cut -d, -f4)
# datasets belong to a unit: the root's are not the county's to run over
"$ZX" dataset add --db "$T/dbu" --file "$T/c/datasets/cc_roster.csv" --schema "$T/c/datasets/cc_roster.schema.json" >/dev/null
expect_exit 2 "$ZX" model run --db "$T/dbu" --model cc_missed_report --unit "$u"
grep -q "dataset 'cc_roster' is not registered in unit $u or below" "$T/err" || fail "$(cat "$T/err")"
for s in "$T/c/datasets"/*.schema.json; do
    name=$(basename "$s" .schema.json)
    "$ZX" dataset add --db "$T/dbu" --unit "$u" --file "$T/c/datasets/$name.csv" --schema "$s" >/dev/null
done
"$ZX" dataset list --db "$T/dbu" --unit "$u" | tail -n +2 | cut -d, -f11 | sort -u >"$T/dsu"
[ "$(cat "$T/dsu")" = "$u" ] || fail "dataset list --unit $u: $(cat "$T/dsu")"
"$ZX" dataset rejects --db "$T/dbu" --unit "$u" --name pension_payments | grep -q ',rejected,' || fail "rejects --unit"
"$ZX" model run --db "$T/dbu" --model cc_missed_report --unit "$u" >/dev/null
"$ZX" lead list --db "$T/dbu" | tail -n +2 | cut -d, -f4 | sort -u >"$T/units"
[ "$(cat "$T/units")" = "$u" ] || fail "--unit $u gave leads of $(cat "$T/units")"
ok "--unit keeps to the subtree"
expect_exit 2 "$ZX" model run --db "$T/dbu" --model no_such_model
grep -q "no model" "$T/err" || fail "unknown model message"
ok "unknown model: exit 2"

#!/bin/sh
# t500_linkage.sh — zhixiao dedupe / link (shared/spec/linkage.md): pairwise F1 on the public
# FEBRL and Splink files and on generated Chinese persons, for the engine and the plain
# Fellegi–Sunter baseline; the contract's errors (exit 2, no output file).
. "$(dirname "$0")/lib.sh"
D="$ROOT/tests/data/linkage"
S="$ROOT/bench/linkage/score.sh"

# truth: FEBRL's rec-N-org / rec-N-dup-0 name person N; fake_1000 has a cluster column
awk -F', *' 'NR==1{print "id,entity";next}{split($1,a,"-"); print $1","a[2]}' \
    "$D/febrl_dataset1.csv" >"$T/febrl_truth.csv"
awk -F, 'NR==1{print "id,entity";next}{print $1","$7}' "$D/fake_1000.csv" >"$T/fake_truth.csv"

f1_floor() { # f1_floor NAME FLOOR SCORELINE
    f1=$(echo "$3" | cut -d' ' -f3)
    awk -v f="$f1" -v m="$2" 'BEGIN{exit !(f >= m)}' || fail "$1: F1 $f1 below $2 ($3)"
    ok "$1: F1 $f1 >= $2"
}
better() { # better NAME ENGINELINE BASELINELINE
    e=$(echo "$2" | cut -d' ' -f3)
    b=$(echo "$3" | cut -d' ' -f3)
    awk -v e="$e" -v b="$b" 'BEGIN{exit !(e >= b)}' || fail "$1: engine F1 $e below baseline $b"
    ok "$1: engine F1 $e >= baseline $b"
}

FEBRL="--id rec_id --field given_name:given_name --field surname:surname
 --field street_number:exact --field address_1:address --field address_2:text --field suburb:text
 --field postcode:postcode --field state:exact --field date_of_birth:birth_date
 --field soc_sec_id:id_number"
FAKE="--id unique_id --field first_name:given_name --field surname:surname --field dob:birth_date
 --field city:text --field email:text"
ZH="--id rec_id --field name:name --field id_number:id_number --field birth_date:birth_date
 --field phone:phone --field address:address"

# shellcheck disable=SC2086
"$ZX" dedupe "$D/febrl_dataset1.csv" $FEBRL --out "$T/c1.csv" 2>/dev/null
# shellcheck disable=SC2086
"$ZX" dedupe "$D/febrl_dataset1.csv" $FEBRL --out "$T/c1b.csv" --baseline 2>/dev/null
e=$(sh "$S" dedupe "$T/febrl_truth.csv" "$T/c1.csv")
b=$(sh "$S" dedupe "$T/febrl_truth.csv" "$T/c1b.csv")
f1_floor "febrl dataset1" 0.97 "$e"
better "febrl dataset1" "$e" "$b"
[ "$(wc -l <"$T/c1.csv")" -eq 1001 ] || fail "febrl: one output row per record"
[ "$(head -1 "$T/c1.csv")" = "id,cluster" ] || fail "dedupe header"

# shellcheck disable=SC2086
"$ZX" dedupe "$D/fake_1000.csv" $FAKE --out "$T/c2.csv" 2>/dev/null
# shellcheck disable=SC2086
"$ZX" dedupe "$D/fake_1000.csv" $FAKE --out "$T/c2b.csv" --baseline 2>/dev/null
e=$(sh "$S" dedupe "$T/fake_truth.csv" "$T/c2.csv")
b=$(sh "$S" dedupe "$T/fake_truth.csv" "$T/c2b.csv")
f1_floor "splink fake_1000" 0.88 "$e"
better "splink fake_1000" "$e" "$b"

# generated Chinese persons: dedupe and link
"$ZX" generate --persons 2000 --duplicates 0.3 --seed 5 --out "$T/zh" >/dev/null
# shellcheck disable=SC2086
"$ZX" dedupe "$T/zh/persons.csv" $ZH --out "$T/c3.csv" 2>/dev/null
# shellcheck disable=SC2086
"$ZX" dedupe "$T/zh/persons.csv" $ZH --out "$T/c3b.csv" --baseline 2>/dev/null
e=$(sh "$S" dedupe "$T/zh/truth.csv" "$T/c3.csv")
b=$(sh "$S" dedupe "$T/zh/truth.csv" "$T/c3b.csv")
f1_floor "generated persons (dedupe)" 0.95 "$e"
better "generated persons (dedupe)" "$e" "$b"
"$ZX" generate --persons 2000 --duplicates 0.5 --seed 6 --link --out "$T/zl" >/dev/null
# shellcheck disable=SC2086
"$ZX" link "$T/zl/left.csv" "$T/zl/right.csv" $ZH --out "$T/p.csv" 2>"$T/err"
grep -q "zhixiao link: 2000 × 2000 records" "$T/err" || fail "link summary: $(cat "$T/err")"
e=$(sh "$S" link "$T/zl/truth.csv" "$T/p.csv")
f1_floor "generated persons (link)" 0.95 "$e"
[ "$(head -1 "$T/p.csv")" = "left_id,right_id,probability" ] || fail "link header"
awk -F, 'NR>1 && !($3 ~ /^[01]\.[0-9][0-9][0-9][0-9]/ && $3 >= 0.5 && $3 <= 1){exit 1}' "$T/p.csv" ||
    fail "link probabilities: 4 decimals, in [threshold, 1]"
# the same run again is byte-identical, and so is one thread
# shellcheck disable=SC2086
"$ZX" link "$T/zl/left.csv" "$T/zl/right.csv" $ZH --out "$T/p1.csv" --threads 1 2>/dev/null
cmp -s "$T/p.csv" "$T/p1.csv" || fail "link output depends on the thread count"
ok "link output identical on 1 and 2 threads"

# contract errors: exit 2, a message, no output file
expect_exit 2 "$ZX" dedupe "$D/fake_1000.csv" --id unique_id --field dob:dob --out "$T/x.csv"
grep -q "unknown KIND 'dob'" "$T/err" || fail "unknown kind message"
expect_exit 2 "$ZX" dedupe "$D/fake_1000.csv" --id unique_id --field born:birth_date --out "$T/x.csv"
grep -q "no column 'born'" "$T/err" || fail "unknown column message"
printf 'id,name\n1,张三\n1,李四\n' >"$T/dup.csv"
expect_exit 2 "$ZX" dedupe "$T/dup.csv" --id id --field name:name --out "$T/x.csv"
grep -q "duplicate id '1'" "$T/err" || fail "duplicate id message"
expect_exit 2 "$ZX" dedupe "$T/nope.csv" --id id --field name:name --out "$T/x.csv"
printf 'id,name\n1,"张三\n' >"$T/bad.csv"
expect_exit 2 "$ZX" dedupe "$T/bad.csv" --id id --field name:name --out "$T/x.csv"
expect_exit 2 "$ZX" link "$T/zl/left.csv" "$T/dup.csv" --id rec_id --field name:name --out "$T/x.csv"
[ ! -e "$T/x.csv" ] || fail "an output file was left after an error"
ls "$T" | grep -q 'x.csv.tmp' && fail "a temporary file was left"
ok "errors: exit 2, no output file"

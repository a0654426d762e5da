#!/bin/sh
# bench/linkage/run.sh [RECORDS] — record linkage (数据碰撞), never part of the tests.
#
# 1. Quality: pairwise precision / recall / F1 (shared/spec/linkage.md) of `zhixiao dedupe` and
#    `zhixiao link` and of the plain Fellegi–Sunter baseline (--baseline: exact/Jaro–Winkler
#    levels on the raw text, two-class EM, no term frequencies, the same blocking) on FEBRL
#    dataset1, Splink's fake_1000 and generated Chinese persons (zhixiao generate --persons).
# 2. Speed: dedupe RECORDS (default 1,000,000) generated Chinese person records, and link
#    RECORDS × RECORDS, by zhixiao (2 threads) and by the same blocking and comparisons written
#    in DuckDB SQL (duck.mjs, @duckdb/node-api, 2 threads), same machine, same run.
# Work files go to $BENCH_DIR (default /tmp/zx-bench-linkage) and are reused.
# SPEED_ONLY=1 skips part 1 and the scoring of the speed runs: only wall and CPU (user + sys,
# all threads, from /usr/bin/time) of both sides and the ratios DuckDB / zhixiao.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
N=${1:-1000000}
W=${BENCH_DIR:-/tmp/zx-bench-linkage}
ZX=${ZX:-$ROOT/build/zhixiao}
D=$ROOT/tests/data/linkage
S=$HERE/score.sh
[ -x "$ZX" ] || make -C "$ROOT" build/zhixiao >/dev/null
mkdir -p "$W"
SPEED_ONLY=${SPEED_ONLY:-0}
now() { date +%s.%N; }
# timed FILE CMD...: run CMD, leave "wall cpu" in FILE (seconds; cpu = user + sys, all threads)
timed() {
    tf=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$tf.t" "$@"
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$tf.t" >"$tf"
    rm -f "$tf.t"
}
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

FEBRL="--id rec_id --field given_name:given_name --field surname:surname
 --field street_number:exact --field address_1:address --field address_2:text --field suburb:text
 --field postcode:postcode --field state:exact --field date_of_birth:birth_date
 --field soc_sec_id:id_number"
FAKE="--id unique_id --field first_name:given_name --field surname:surname --field dob:birth_date
 --field city:text --field email:text"
ZH="--id rec_id --field name:name --field id_number:id_number --field birth_date:birth_date
 --field phone:phone --field address:address"

awk -F', *' 'NR==1{print "id,entity";next}{split($1,a,"-"); print $1","a[2]}' \
    "$D/febrl_dataset1.csv" >"$W/febrl_truth.csv"
awk -F, 'NR==1{print "id,entity";next}{print $1","$7}' "$D/fake_1000.csv" >"$W/fake_truth.csv"
[ "$SPEED_ONLY" = 1 ] || [ -f "$W/zh5k/truth.csv" ] || "$ZX" generate --persons 5000 --duplicates 0.3 --seed 11 --out "$W/zh5k" >/dev/null
[ "$SPEED_ONLY" = 1 ] || [ -f "$W/zh20k/truth.csv" ] || "$ZX" generate --persons 20000 --duplicates 0.5 --seed 12 --link --out "$W/zh20k" >/dev/null

if [ "$SPEED_ONLY" != 1 ]; then
echo "== quality (pairwise, threshold 0.5)"
printf '%-32s %-8s %9s %9s %9s %8s\n' set engine precision recall F1 seconds
row() { # row SET ENGINE MODE TRUTH OUT SECONDS
    set -- "$1" "$2" $(sh "$S" "$3" "$4" "$5") "$6"
    printf '%-32s %-8s %9s %9s %9s %8s\n' "$1" "$2" "$3" "$4" "$5" "$9"
}
for b in "" --baseline; do
    name=${b:+baseline}
    name=${name:-zhixiao}
    t=$(now)
    # shellcheck disable=SC2086
    "$ZX" dedupe "$D/febrl_dataset1.csv" $FEBRL --out "$W/q1.csv" $b 2>/dev/null
    row "FEBRL dataset1 (dedupe)" "$name" dedupe "$W/febrl_truth.csv" "$W/q1.csv" "$(since "$t")"
    t=$(now)
    # shellcheck disable=SC2086
    "$ZX" dedupe "$D/fake_1000.csv" $FAKE --out "$W/q2.csv" $b 2>/dev/null
    row "Splink fake_1000 (dedupe)" "$name" dedupe "$W/fake_truth.csv" "$W/q2.csv" "$(since "$t")"
    t=$(now)
    # shellcheck disable=SC2086
    "$ZX" dedupe "$W/zh5k/persons.csv" $ZH --out "$W/q3.csv" $b 2>/dev/null
    row "generated 5k persons (dedupe)" "$name" dedupe "$W/zh5k/truth.csv" "$W/q3.csv" "$(since "$t")"
    t=$(now)
    # shellcheck disable=SC2086
    "$ZX" link "$W/zh20k/left.csv" "$W/zh20k/right.csv" $ZH --out "$W/q4.csv" $b 2>/dev/null
    row "generated 20k x 20k (link)" "$name" link "$W/zh20k/truth.csv" "$W/q4.csv" "$(since "$t")"
done
fi

# npm 11 leaves other platforms' optional DuckDB bindings out of the lock, and npm ci then
# refuses it; npm install from the same lock installs the same versions
(cd "$HERE" && { npm ci --no-audit --no-fund --silent >/dev/null 2>&1 ||
    npm install --no-audit --no-fund --no-save --silent >/dev/null; })

P=$((N * 82 / 100))
if [ ! -f "$W/d$N/persons.csv" ]; then
    echo "generating about $N person records ($P people, 20 % with duplicates) ..."
    "$ZX" generate --persons "$P" --duplicates 0.2 --seed 21 --out "$W/d$N" >/dev/null
fi
if [ ! -f "$W/l$N/left.csv" ]; then
    echo "generating $N x $N person records for link ..."
    "$ZX" generate --persons "$N" --duplicates 0.5 --seed 22 --link --out "$W/l$N" >/dev/null
fi
echo "== speed ($(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
quality() { # quality MODE TRUTH OUT
    [ "$SPEED_ONLY" = 1 ] ||
        echo "    $(sh "$S" "$1" "$2" "$3" | awk '{print "precision " $1 ", recall " $2 ", F1 " $3}')"
}
show() { # show LABEL TIMEFILE DETAIL
    echo "  $1 $(awk '{ printf "%7.2f s wall %7.2f s CPU", $1, $2 }' "$2")  ($3)"
}
# shellcheck disable=SC2086
timed "$W/t1.z" "$ZX" dedupe "$W/d$N/persons.csv" $ZH --out "$W/s1.csv" 2>"$W/s1.err"
show "zhixiao dedupe:" "$W/t1.z" "$(cat "$W/s1.err")"
quality dedupe "$W/d$N/truth.csv" "$W/s1.csv"
(cd "$HERE" && timed "$W/t1.d" node duck.mjs dedupe "$W/d$N/persons.csv") >"$W/s1.duck"
show "duckdb  dedupe:" "$W/t1.d" "$(cat "$W/s1.duck")"
# shellcheck disable=SC2086
timed "$W/t2.z" "$ZX" link "$W/l$N/left.csv" "$W/l$N/right.csv" $ZH --out "$W/s2.csv" 2>"$W/s2.err"
show "zhixiao link:  " "$W/t2.z" "$(cat "$W/s2.err")"
quality link "$W/l$N/truth.csv" "$W/s2.csv"
(cd "$HERE" && timed "$W/t2.d" node duck.mjs link "$W/l$N/left.csv" "$W/l$N/right.csv") >"$W/s2.duck"
show "duckdb  link:  " "$W/t2.d" "$(cat "$W/s2.duck")"
cat "$W/t1.z" "$W/t1.d" "$W/t2.z" "$W/t2.d" | tr '\n' ' ' | awk '{
    printf "  ratio duckdb / zhixiao: dedupe %.1fx wall, %.1fx CPU; link %.1fx wall, %.1fx CPU\n",
        $3 / $1, $4 / $2, $7 / $5, $8 / $6 }'
echo "  (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"

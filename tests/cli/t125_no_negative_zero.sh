# No "-0.00" anywhere a figure is printed: the indicator table and CSV of every unit and
# handler (同比, 环比, 与上级差, 目标差 are differences that can round to zero from below) and
# the JSON (no "-0"). util/fmt.h is the one formatter; tests/util/test_fmt.c tests it.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 3 >/dev/null
$ZX import "$T/b" --db "$T/z.db" >/dev/null
root=$(awk -F, 'NR == 2 { print $1 }' "$T/b/units.csv")
$ZX settings set --db "$T/z.db" --unit "$root" ranking on >/dev/null
$ZX target set --db "$T/z.db" --unit "$root" --indicator pretrial_detention_rate --value 0 >/dev/null
n=0
for by in unit staff; do
    for f in table csv json; do
        expect_exit 0 $ZX indicators --db "$T/z.db" --from 2024-01-01 --to 2024-12-31 --by $by --format $f
        [ -s "$T/out" ] || fail "no output for --by $by --format $f"
        n=$((n + $(wc -l <"$T/out")))
        if grep -n -- '-0\.0*\([^0-9]\|$\)' "$T/out" | head -3 | grep .; then
            fail "negative zero in --by $by --format $f"
        fi
        if [ $f = json ] && grep -n -- '[:\[,] *-0\([^.0-9]\|$\)' "$T/out" | head -3 | grep .; then
            fail "-0 in JSON"
        fi
    done
done
ok "no negative zero in $n lines of indicator tables, CSV and JSON"

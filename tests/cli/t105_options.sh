# The option parser on the real commands: every command and subcommand answers --help (in
# Chinese under LANG=zh_CN) with a usage generated from its table; --opt=VALUE works like
# --opt VALUE; bad values, unknown options and missing required ones exit 2 with one line
# that names the option and the form expected.
. "$(dirname "$0")/lib.sh"

for c in import generate review-sentences serve indicators cases bulletin trends \
    "user add" "user passwd" "user disable" "user enable" "user list" \
    "settings set" "settings show" "target set" "target list" "target clear" \
    "inspect plan" "inspect finding" "inspect dispose" "inspect reply" "inspect feedback" \
    "inspect followup" "inspect check" "inspect status" "inspect coverage" "inspect stats" \
    "inspect report" monitor "monitor period" "monitor notice" \
    "audit verify" "audit log" leaders "leaders expect" "leaders cases"; do
    expect_exit 0 $ZX $c --help
    head -1 "$T/out" | grep -q "^usage: zhixiao $c " || fail "$c --help: $(head -1 "$T/out")"
    grep -q "^  -h, --help  *this help$" "$T/out" || fail "$c --help lists no -h"
    LANG=zh_CN.UTF-8 LC_ALL= expect_exit 0 $ZX $c -h
    head -1 "$T/out" | grep -q "^用法：zhixiao $c " || fail "$c -h in Chinese: $(head -1 "$T/out")"
done
for c in user settings target inspect audit; do
    expect_exit 0 $ZX $c --help
    grep -q "^subcommands:" "$T/out" || fail "$c --help lists no subcommands"
    expect_exit 2 $ZX $c
    expect_exit 2 $ZX $c nonsense
    grep -q "zhixiao $c: 'nonsense' is not a subcommand" "$T/err" || fail "$c nonsense: $(cat "$T/err")"
done
ok "--help from the table for every command and subcommand, in both languages"

# --opt=VALUE and --opt VALUE are the same
expect_exit 0 $ZX generate --out="$T/b" --scale=tiny --seed=5
expect_exit 0 $ZX generate --out "$T/c" --scale tiny --seed 5
diff -r "$T/b" "$T/c" >/dev/null || fail "--opt=VALUE and --opt VALUE differ"
expect_exit 0 $ZX import "$T/b" --db="$T/z.db" --quiet
expect_exit 0 $ZX indicators --db "$T/z.db" --from=2024-01-01 --to=2024-12-31 --indicator=no_arrest_rate,pretrial_detention_rate
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert {r["indicator"] for r in j} == {"no_arrest_rate", "pretrial_detention_rate"}, j' "$T/out" ||
    fail "comma-separated --indicator=: $(head -c 300 "$T/out")"
ok "--opt=VALUE, --opt VALUE and comma lists"

# errors name the option and the form
chk() { # exit 2 and this line on stderr
    line=$1
    shift
    expect_exit 2 "$@"
    grep -qF -- "$line" "$T/err" || fail "$*: want '$line', got: $(cat "$T/err")"
}
chk "zhixiao indicators: --from: expected a date YYYY-MM-DD, got '2024-13-01'" \
    $ZX indicators --db "$T/z.db" --from 2024-13-01 --to 2024-12-31
chk "zhixiao indicators: --from 2024-12-31 is after --to 2024-01-01" \
    $ZX indicators --db "$T/z.db" --from 2024-12-31 --to 2024-01-01
chk "zhixiao indicators: --to is required" $ZX indicators --db "$T/z.db" --from 2024-01-01
chk "zhixiao indicators: --format: expected one of json, table, csv, got 'xml'" \
    $ZX indicators --db "$T/z.db" --from 2024-01-01 --to 2024-12-31 --format xml
chk "zhixiao cases: --part: expected one of numerator, denominator, got 'both'" \
    $ZX cases --db "$T/z.db" --indicator no_arrest_rate --from 2024-01-01 --to 2024-12-31 --part both
chk "zhixiao serve: --threads: expected an integer from 1 to 256, got '0'" $ZX serve --db "$T/z.db" --threads 0
chk "zhixiao import: unknown option '--qiuet'" $ZX import "$T/b" --db "$T/z.db" --qiuet
chk "zhixiao import: --quiet: takes no value, got 'yes'" $ZX import "$T/b" --db "$T/z.db" --quiet=yes
chk "zhixiao import: --db: expected FILE after it" $ZX import "$T/b" --db
chk "zhixiao import: missing BUNDLE" $ZX import --db "$T/z.db"
chk "zhixiao import: unexpected argument 'extra'" $ZX import "$T/b" extra --db "$T/z.db"
chk "zhixiao generate: --violations: expected an integer from 0 to 1000, got '1001'" \
    $ZX generate --out "$T/d" --violations 1001
chk "see 'zhixiao inspect coverage --help'" $ZX inspect coverage --db "$T/z.db" --unit X --year 24
LANG=zh_CN.UTF-8 LC_ALL= chk "zhixiao indicators: --to：其后应给出 DATE" \
    $ZX indicators --db "$T/z.db" --from 2024-01-01 --to
ok "errors name the option and the form expected"

# Import a generated bundle with every kind of bad row: each planted row is reported on its
# exact line, nothing else is rejected, counts add up; re-importing changes nothing.
. "$(dirname "$0")/lib.sh"

$ZX generate --out "$T/b" --scale tiny --seed 11 --bad-rows 40 >/dev/null
[ -f "$T/b/expected-issues.csv" ] || fail "no manifest"

expect_exit 1 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej.csv"
grep -q "read .* = imported .* + rejected" "$T/out" || fail "no summary line"

# rejected rows: exactly the planted ones (file,line), no more, no fewer
tail -n +2 "$T/b/expected-issues.csv" | awk -F, '$3=="rejected"{print $1","$2}' | sort >"$T/want"
python3 - "$T/rej.csv" <<'PY' | sort >"$T/got"
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8', errors='surrogateescape')):
    if r['outcome'] == 'rejected':
        print(r['file'] + ',' + r['line'])
PY
diff "$T/want" "$T/got" || fail "rejected rows differ from the planted ones"
n=$(wc -l <"$T/want")
[ "$n" -ge 20 ] || fail "too few planted rejects ($n)"
ok "$n planted bad rows rejected on their exact lines, nothing else"

# planted warnings are kept and reported as warnings
tail -n +2 "$T/b/expected-issues.csv" | awk -F, '$3=="warning"{print $1","$2}' | sort >"$T/wantw"
python3 - "$T/rej.csv" <<'PY' | sort -u >"$T/gotw"
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8', errors='surrogateescape')):
    if r['outcome'] == 'warning':
        print(r['file'] + ',' + r['line'])
PY
comm -23 "$T/wantw" "$T/gotw" | grep . && fail "planted warnings not reported"
ok "planted warnings kept and reported"

# read = imported + rejected, per file and in the database's import log
rows=0
for f in units staff cases persons events institutions convicts sentence_changes; do
    rows=$((rows + $(python3 -c "import csv,sys;print(sum(1 for _ in csv.reader(open(sys.argv[1],newline='',encoding='utf-8',errors='surrogateescape')))-1)" "$T/b/$f.csv")))
done
got=$(sqlite3 "$T/z.db" "SELECT rows_read, imported + rejected FROM imports")
[ "$got" = "$rows|$rows" ] || fail "import log says $got, files hold $rows records"
stored=$(sqlite3 "$T/z.db" "SELECT (SELECT count(*) FROM units)+(SELECT count(*) FROM staff)+(SELECT count(*) FROM cases)+(SELECT count(*) FROM persons)+(SELECT count(*) FROM events)+(SELECT count(*) FROM institutions)+(SELECT count(*) FROM convicts)+(SELECT count(*) FROM sentence_changes)")
imported=$(sqlite3 "$T/z.db" "SELECT imported FROM imports")
[ "$stored" = "$imported" ] || fail "stored $stored rows, report says imported $imported"
ok "read $rows = imported + rejected; $stored rows stored"

# importing the same bundle again changes nothing
sqlite3 "$T/z.db" "SELECT * FROM v_events ORDER BY event_id" | md5sum >"$T/before"
expect_exit 1 $ZX import "$T/b" --db "$T/z.db" --rejects "$T/rej2.csv"
sqlite3 "$T/z.db" "SELECT * FROM v_events ORDER BY event_id" | md5sum >"$T/after"
cmp -s "$T/before" "$T/after" || fail "re-import changed events"
[ "$(sqlite3 "$T/z.db" "SELECT count(*) FROM history")" = 0 ] || fail "re-import wrote history"
awk '$1 ~ /\.csv$/ && ($3 != 0 || $4 != 0) {exit 1}' "$T/out" || fail "re-import inserted or updated rows"
ok "re-import changes nothing"

# a clean bundle exits 0 and the database passes SQLite's integrity and FK checks
$ZX generate --out "$T/c" --scale tiny --seed 12 >/dev/null
expect_exit 0 $ZX import "$T/c" --db "$T/c.db" --rejects "$T/c-rej.csv"
[ "$(sqlite3 "$T/c.db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check"
[ -z "$(sqlite3 "$T/c.db" "PRAGMA foreign_key_check")" ] || fail "foreign_key_check"
ok "clean bundle: exit 0, integrity and foreign keys hold"

# Chinese messages when LANG says so
LANG=zh_CN.UTF-8 LC_ALL= expect_exit 1 $ZX import "$T/b" --db "$T/zh.db" --rejects "$T/zh.csv"
grep -q "读取" "$T/out" || fail "no Chinese summary"
grep -q "不是有效的\|重复\|不存在" "$T/zh.csv" || fail "no Chinese reasons"
ok "messages in Chinese under LANG=zh_CN"

# structural errors exit 2 and import nothing
mkdir "$T/s" && cp "$T/c/units.csv" "$T/c/staff.csv" "$T/s/"
expect_exit 2 $ZX import "$T/s" --db "$T/s.db"
grep -q "required file cases.csv is missing" "$T/err" || fail "missing-file message"
[ "$(sqlite3 "$T/s.db" "SELECT count(*) FROM units")" = 0 ] || fail "structural error imported rows"
expect_exit 2 $ZX import
ok "structural and usage errors exit 2, nothing imported"

# tests/api/setup.sh — sourced by the API and browser tests: a generated tiny province
# imported into a fresh database, one account per role in several units, a bad bundle as a
# zip, and `zhixiao serve` on a free loopback port. Sets BASE, WORK, SERVER_PID; call
# stop_server at the end (it checks the server stops cleanly on SIGTERM).
# Needs: ZX (the zhixiao binary), ROOT (the repository).
set -eu
WORK=$(mktemp -d "${TMPDIR:-/tmp}/zx-web-test.XXXXXX")
export WORK
"$ZX" generate --out "$WORK/bundle" --scale tiny --seed 7 >/dev/null
"$ZX" generate --out "$WORK/bad" --scale tiny --seed 8 --bad-rows 12 >/dev/null
set +e
"$ZX" import "$WORK/bundle" --db "$WORK/zx.db" --rejects "$WORK/rejects.csv" --quiet >/dev/null
rc=$?
set -e
[ "$rc" -le 1 ] || { echo "import failed ($rc)" >&2; exit 1; }
# the bad bundle as an upload: a zip of its CSV files inside a folder (as people zip folders)
(cd "$WORK" && python3 -c "
import zipfile, os
with zipfile.ZipFile('bad.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    for f in sorted(os.listdir('bad')):
        if f.endswith('.csv') and f != 'expected-issues.csv':
            z.write(os.path.join('bad', f), 'bad/' + f)
")
# a prosecutor: a staff member of county U470102 who handles cases
PSTAFF=$(sqlite3 "$WORK/zx.db" "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid
  JOIN cases c ON c.handler_rid = s.id WHERE u.unit_id = 'U470102' GROUP BY s.id
  ORDER BY count(*) DESC LIMIT 1")
export PSTAFF
add() { # name unit roles [staff]
    if [ -n "${4:-}" ]; then
        echo "$1-pass-2024" | "$ZX" user add --db "$WORK/zx.db" --name "$1" --unit "$2" --role "$3" --staff "$4" --password-stdin >/dev/null
    else
        echo "$1-pass-2024" | "$ZX" user add --db "$WORK/zx.db" --name "$1" --unit "$2" --role "$3" --password-stdin >/dev/null
    fi
}
add admin U470000 admin
add analyst U470000 analyst
add leader_a U470100 leader
add analyst_a U470100 analyst
add admin_a U470100 admin
add leader_b U470200 leader
add exec_a U470100 execution
add reviewer_a U470100 reviewer
add pros U470102 prosecutor "$PSTAFF"
"$ZX" serve --db "$WORK/zx.db" --listen 127.0.0.1:0 --port-file "$WORK/port" --web "$ROOT/web" \
    ${ZX_SERVE_THREADS:+--threads "$ZX_SERVE_THREADS"} 2>"$WORK/serve.log" &
SERVER_PID=$!
export SERVER_PID
i=0
while [ ! -s "$WORK/port" ]; do
    i=$((i + 1))
    if [ "$i" -gt 300 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "server did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1
    fi
    sleep 0.1
done
BASE="http://127.0.0.1:$(cat "$WORK/port")"
export BASE

stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    set +e
    wait "$SERVER_PID"
    src=$?
    set -e
    if [ "$src" -ne 0 ]; then
        echo "server exit status $src after SIGTERM; log:" >&2
        tail -n 40 "$WORK/serve.log" >&2
        return 1
    fi
    grep -q "SIGTERM received, stopping" "$WORK/serve.log"
}

# tests/api/setup.sh — sourced by the API and browser tests: a generated tiny province
# imported into a fresh database, one account per role in several units, a bad bundle as a
# zip, and `zhixiao serve` on a free loopback port. Sets BASE, WORK, SERVER_PID; call
# stop_server at the end (it checks the server stops cleanly on SIGTERM).
# Needs: ZX (the zhixiao binary), ROOT (the repository).
set -eu
WORK=$(mktemp -d "${TMPDIR:-/tmp}/zx-web-test.XXXXXX")
export WORK
# convicts with planted 减假暂 violations, so /execution/review has findings
# with 600 documents (类案检索), the first linked to criminal cases of several units
"$ZX" generate --out "$WORK/bundle" --scale tiny --seed 7 --convicts 300 --violations 200 --documents 600 >/dev/null
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
add admin_a U470100 admin,leader,reviewer
add leader_b U470200 leader
add analyst_b U470200 analyst
add exec_a U470100 execution
add reviewer_a U470100 reviewer
add pros U470102 prosecutor "$PSTAFF"
# a prosecutor of city U470100's subtree with criminal cases under review (流程监控 items)
MSTAFF=$(sqlite3 "$WORK/zx.db" "SELECT s.staff_id, u.unit_id FROM staff s JOIN units u ON u.id = s.unit_rid
  JOIN cases c ON c.handler_rid = s.id JOIN events e ON e.case_rid = c.id
  WHERE u.unit_id LIKE 'U4701%' AND e.type = (SELECT value FROM vocab WHERE vocab = 'event_type'
  AND code = 'return_investigation') GROUP BY s.id ORDER BY count(*) DESC LIMIT 1")
MUNIT=${MSTAFF#*|}
MSTAFF=${MSTAFF%|*}
export MSTAFF MUNIT
add pros_m "$MUNIT" prosecutor "$MSTAFF"
# a circuit inspection (巡回检察) by U470100 of a prison it supervises: a 纠正违法通知书 left
# unanswered (overdue on 2025-06-30, so escalated) and a 检察建议书 answered and rectified
staff_of() { # unit offset
    sqlite3 "$WORK/zx.db" "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid
      WHERE u.unit_id = '$1' ORDER BY s.id LIMIT 1 OFFSET $2"
}
insp() { "$ZX" inspect "$@" --db "$WORK/zx.db" >/dev/null || [ $? -eq 1 ]; }
insp plan --id P2025-01 --unit U470100 --type routine --institution IN0001 --kind prison \
    --from 2025-03-03 --to 2025-03-28 --onsite 15 --lead "$(staff_of U470100 0)" --member "$(staff_of U470100 1)"
insp finding --plan P2025-01 --institution IN0001 --category commutation_parole --sub 计分考核不实 \
    --desc 减刑材料中计分考核记录与台账不一致 --date 2025-03-10
insp finding --plan P2025-01 --institution IN0001 --category security --desc 监控存在盲区 --date 2025-03-12
insp dispose --finding INSP-P2025-01-F1 --kind correction_notice --date 2025-03-20
insp dispose --finding INSP-P2025-01-F2 --kind suggestion --date 2025-03-25
insp reply --disposition INSP-P2025-01-D2 --date 2025-04-20 --result rectified
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
# 派驻检察 (tests/api/resident.test.mjs, tests/browser/resident.test.mjs): an office at a
# detention house of city U470100's subtree led by a procurator who has an execution account
# (resident_a), with an assistant; a second office in city U470200 (out of resident_a's scope)
res_office() { # id city-prefix -> "house unit procurator assistant"
    r=$(sqlite3 "$WORK/zx.db" "SELECT i.institution_id, u.unit_id FROM institutions i
      JOIN units u ON u.id = i.unit_rid WHERE i.kind = 2 AND u.unit_id LIKE '$2%' ORDER BY i.id LIMIT 1")
    h=${r%|*}
    u=${r#*|}
    p=$(sqlite3 "$WORK/zx.db" "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid
      WHERE u.unit_id = '$u' AND s.role = 1 ORDER BY s.id LIMIT 1")
    a=$(sqlite3 "$WORK/zx.db" "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid
      WHERE u.unit_id = '$u' AND s.role = 2 ORDER BY s.id LIMIT 1")
    "$ZX" resident office --db "$WORK/zx.db" --id "$1" --unit "$u" --institution "$h" \
        --name 驻看守所检察室 --date 2025-01-02 --lead "$p" >/dev/null
    "$ZX" resident assign --db "$WORK/zx.db" --office "$1" --staff "$a" --date 2025-01-02 >/dev/null
    echo "$h $u $p $a"
}
read -r RHOUSE RUNIT RPROC RASSI <<EOF2
$(res_office KSS-A U4701)
EOF2
read -r RHOUSE_B RUNIT_B RPROC_B RASSI_B <<EOF2
$(res_office KSS-B U4702)
EOF2
add resident_a "$RUNIT" execution "$RPROC"
export RHOUSE RUNIT RPROC RASSI RHOUSE_B RUNIT_B
# 业绩考评 (evaluation.test.mjs, browser/evaluation.test.mjs): an account with neither the
# capability nor a linked staff member, never throttled by the login tests
add ev_reviewer U470100 reviewer
# quality review (tests/api/quality.test.mjs): a reviewer of the province
add reviewer U470000 reviewer
# 社会危险性评估 / 封存 tests: a reviewer nobody locks out (api.test.mjs locks reviewer_a)
add reviewer_d U470100 reviewer
# 大数据法律监督 (leads.test.mjs, browser leads.test.mjs): the same province with its external
# datasets and manifest, to upload through the API; an execution account tied to a staff
# member of the prison procuratorate that supervises most convicts
"$ZX" generate --out "$WORK/dsb" --scale tiny --seed 7 --convicts 300 --violations 200 --documents 600 --datasets >/dev/null
LUNIT=$(sqlite3 "$WORK/zx.db" "SELECT u.unit_id FROM convicts c JOIN institutions i ON i.id = c.institution_rid
  JOIN units u ON u.id = i.unit_rid GROUP BY u.id ORDER BY count(*) DESC LIMIT 1")
LSTAFF=$(sqlite3 "$WORK/zx.db" "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid
  WHERE u.unit_id = '$LUNIT' ORDER BY s.id LIMIT 1")
export LSTAFF LUNIT
add exec_l "$LUNIT" execution "$LSTAFF"
add exec_root U470000 execution
# datasets per unit (leads_scope.test.mjs): two counties of city U470600, each with a planted
# 社区矫正漏管 hit in the roster, their execution accounts, and the city's
for k in U470621 U470622; do
    add "exec_$k" "$k" execution "$(sqlite3 "$WORK/zx.db" "SELECT s.staff_id FROM staff s JOIN units u
      ON u.id = s.unit_rid WHERE u.unit_id = '$k' ORDER BY s.id LIMIT 1")"
done
add exec_U470600 U470600 execution
add reviewer_l U470100 reviewer
# 典型案例 and 层级综合评价 (tests/api/casebook.test.mjs, appraise.test.mjs): a leader of the
# province (the committee that publishes at 省 level and evaluates the cities)
add leader_p U470000 leader

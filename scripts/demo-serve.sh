#!/bin/sh
# scripts/demo-serve.sh — after the demo import (scripts/demo.sh): demo accounts, one per
# role in several units (the province, a city, a county; a prosecutor tied to a real staff
# member), then `zhixiao serve`. Prints the URL and the accounts. Ctrl-C stops the server.
#   DEMO_DIR (default demo), LISTEN (default 127.0.0.1:8080)
set -eu
cd "$(dirname "$0")/.."
ZX=build/zhixiao
OUT=${DEMO_DIR:-demo}
DB="$OUT/zhixiao.db"
LISTEN=${LISTEN:-127.0.0.1:8080}
[ -f "$DB" ] || { echo "no $DB: run scripts/demo.sh first" >&2; exit 2; }
[ -d node_modules/echarts ] || scripts/install-deps.sh
q() { sqlite3 "$DB" "$1"; }
PROV=$(q "SELECT unit_id FROM units WHERE parent_rid IS NULL ORDER BY id LIMIT 1")
CITY=$(q "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.unit_id = '$PROV' ORDER BY u.id LIMIT 1")
COUNTY=$(q "SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.unit_id = '$CITY' ORDER BY u.id LIMIT 1")
STAFF=$(q "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid JOIN cases c ON c.handler_rid = s.id
           WHERE u.unit_id = '$COUNTY' GROUP BY s.id ORDER BY count(*) DESC LIMIT 1")
name_of() { q "SELECT name FROM units WHERE unit_id = '$1'"; }
add() { # account unit roles password [staff]
    if ! q "SELECT 1 FROM users WHERE name = '$1'" 2>/dev/null | grep -q 1; then
        if [ -n "${5:-}" ]; then
            echo "$4" | $ZX user add --db "$DB" --name "$1" --unit "$2" --role "$3" --staff "$5" --password-stdin >/dev/null
        else
            echo "$4" | $ZX user add --db "$DB" --name "$1" --unit "$2" --role "$3" --password-stdin >/dev/null
        fi
    fi
    printf '  %-12s %-16s %-12s %-32s %s\n' "$1" "$4" "$3" "$(name_of "$2")" "${5:-}"
}
echo
echo "== 演示账户 / demo accounts (password = account name + -demo-2024)"
printf '  %-12s %-16s %-12s %-32s %s\n' 账户 密码 角色 单位 人员编号
add admin      "$PROV" admin      admin-demo-2024
add leader     "$PROV" leader     leader-demo-2024
add analyst    "$PROV" analyst    analyst-demo-2024
add execution  "$PROV" execution  execution-demo-2024
add reviewer   "$PROV" reviewer   reviewer-demo-2024
add city       "$CITY" leader,analyst city-demo-2024
add cityadmin  "$CITY" admin      cityadmin-demo-2024
add county     "$COUNTY" leader   county-demo-2024
add prosecutor "$COUNTY" prosecutor prosecutor-demo-2024 "$STAFF"
echo
echo "== 打开浏览器访问 / open  http://$LISTEN/   (Ctrl-C 停止 / stops the server)"
echo
exec $ZX serve --db "$DB" --listen "$LISTEN"

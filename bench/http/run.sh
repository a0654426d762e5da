#!/bin/sh
# bench/http/run.sh [DB] — wrk against the dashboard's API calls on a 10-million-event
# database (made with `zhixiao generate --scale large` + import when DB is absent): 64
# connections, 30 s (DURATION, CONNECTIONS, THREADS override). Prints req/s and latency
# percentiles; fails when a request failed. Never part of the tests.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ZX=${ZX:-$ROOT/build/zhixiao}
OUT=${BENCH_OUT:-$ROOT/bench/out}
DB=${1:-$OUT/large.db}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
mkdir -p "$OUT"
if [ ! -f "$DB" ]; then
    echo "== generating and importing the large province (11 million events, ~2 min)"
    "$ZX" generate --out "$OUT/large" --scale large >/dev/null
    "$ZX" import "$OUT/large" --db "$DB" --quiet >/dev/null || [ $? -eq 1 ]
fi
echo "bench-pass-2024" | "$ZX" user add --db "$DB" --name bench_admin --unit U470000 --role admin --password-stdin >/dev/null 2>&1 || true
rm -f "$OUT/port"
"$ZX" serve --db "$DB" --listen 127.0.0.1:0 --port-file "$OUT/port" --quiet ${SERVE_THREADS:+--threads "$SERVE_THREADS"} 2>"$OUT/serve.log" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
t0=$(date +%s)
while [ ! -s "$OUT/port" ]; do kill -0 $PID || { cat "$OUT/serve.log"; exit 1; }; sleep 0.2; done
echo "server up (data loaded) in $(( $(date +%s) - t0 )) s"
BASE="http://127.0.0.1:$(cat "$OUT/port")"
COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"name":"bench_admin","password":"bench-pass-2024"}' "$BASE/api/v1/login" |
    sed -n 's/^Set-Cookie: \(zx_session=[0-9a-f]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
echo "== first (uncached) computation of each dashboard"
for p in "/api/v1/dashboard" "/api/v1/dashboard?unit=U470100" "/api/v1/dashboard?unit=U470200&year=2024" "/api/v1/dashboard?year=2023"; do
    curl -s -o /dev/null -w "  %{http_code} %{time_total}s $p\n" -H "Cookie: $COOKIE" "$BASE$p"
done
echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $COOKIE" \
    -s "$ROOT/bench/http/dashboard.lua" "$BASE" | tee "$OUT/wrk.txt"
if grep -q "Non-2xx\|Socket errors" "$OUT/wrk.txt"; then
    echo "errors during the run" >&2
    exit 1
fi

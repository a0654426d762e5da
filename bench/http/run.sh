#!/bin/sh
# bench/http/run.sh [DB] — wrk against the API on a 10-million-event database (made with
# `zhixiao generate --scale large` + import when DB is absent): 64 connections, 30 s
# (DURATION, CONNECTIONS, THREADS override), loopback only. MIX=dashboard (default): the
# dashboard's calls, answered from the per-load cache after the first. MIX=uncached: many
# analysts at once — /indicators and /drilldown for a random unit and a random date window
# each (bench/http/uncached.lua), so the cache never answers. Prints req/s, latency
# percentiles, the server's start time and RSS, the CPU seconds of server and wrk, and the
# load average; fails when a request failed. Never part of the tests. README.md beside it.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ZX=${ZX:-$ROOT/build/zhixiao}
OUT=${BENCH_OUT:-$ROOT/bench/out}
DB=${1:-$OUT/large.db}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
MIX=${MIX:-dashboard}
case $MIX in dashboard | uncached) ;; *) echo "MIX is dashboard or uncached" >&2; exit 2 ;; esac
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 2; }
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
t0=$(date +%s.%N)
while [ ! -s "$OUT/port" ]; do kill -0 $PID || { cat "$OUT/serve.log"; exit 1; }; sleep 0.2; done
echo "server up (data loaded) in $(echo "$t0 $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}') s, RSS $(awk '/VmRSS/ {printf "%d MiB", $2 / 1024}' /proc/$PID/status)"
BASE="http://127.0.0.1:$(cat "$OUT/port")"
COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"name":"bench_admin","password":"bench-pass-2024"}' "$BASE/api/v1/login" |
    sed -n 's/^Set-Cookie: \(zx_session=[0-9a-f]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, clock ticks
if [ "$MIX" = dashboard ]; then
    echo "== first (uncached) computation of each dashboard"
    for p in "/api/v1/dashboard" "/api/v1/dashboard?unit=U470100" "/api/v1/dashboard?unit=U470200&year=2024" "/api/v1/dashboard?year=2023"; do
        curl -s -o /dev/null -w "  %{http_code} %{time_total}s $p\n" -H "Cookie: $COOKIE" "$BASE$p"
    done
    set -- -s "$ROOT/bench/http/dashboard.lua" "$BASE"
else
    # the units and indicator ids the random requests pick from, the data's first and last day
    curl -s -H "Cookie: $COOKIE" "$BASE/api/v1/units" | grep -o '"unit_id": *"[^"]*"' |
        sed 's/.*"\([^"]*\)"$/\1/' >"$OUT/units.txt"
    curl -s -H "Cookie: $COOKIE" "$BASE/api/v1/catalog" | grep -o '"id": *"[^"]*"' |
        sed 's/.*"\([^"]*\)"$/\1/' >"$OUT/indicators.txt"
    days=$(sqlite3 "$DB" "SELECT date(min(date) * 86400, 'unixepoch'), date(max(date) * 86400, 'unixepoch') FROM events")
    echo "== uncached mix: $(wc -l <"$OUT/units.txt") units, $(wc -l <"$OUT/indicators.txt") indicators, days ${days%|*} to ${days#*|}"
    set -- -s "$ROOT/bench/http/uncached.lua" "$BASE" -- "$OUT/units.txt" "$OUT/indicators.txt" "${days%|*}" "${days#*|}"
fi
echo "== wrk ($MIX): $THREADS threads, $CONNECTIONS connections, $DURATION"
s0=$(cpu $PID)
/usr/bin/time -f "%U %S" -o "$OUT/wrk.cpu" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" \
    --latency -H "Cookie: $COOKIE" "$@" | tee "$OUT/wrk.txt"
s1=$(cpu $PID)
tck=$(getconf CLK_TCK)
echo "cpu: server $(( (s1 - s0) / tck )) s, wrk $(awk '{printf "%.1f", $1 + $2}' "$OUT/wrk.cpu") s; server RSS $(awk '/VmRSS/ {printf "%d MiB", $2 / 1024}' /proc/$PID/status); load $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q "Non-2xx\|Socket errors" "$OUT/wrk.txt"; then
    echo "errors during the run" >&2
    exit 1
fi

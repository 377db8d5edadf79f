#!/usr/bin/env bash
# Daily summary and trend benchmark: 100,000 visits (with their events and follow-up calls) in the demo town,
# then GET /api/v1/reports/daily timed through the packaged application, for a day of the past and
# for today, as JSON and as CSV. Loopback only; the schema is dropped afterwards (KEEP=1 keeps it).
#
#   bench/daily-summary/run.sh
#   VISITS=20000 RUNS=10 bench/daily-summary/run.sh
#
# Needs: a JDK, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), psql, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
VISITS=${VISITS:-100000}
RUNS=${RUNS:-20}
PORT=${PORT:-8091}
SCHEMA=${SCHEMA:-doorstep_bench_daily}
OUT=${OUT:-target/bench-daily-summary}
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
mkdir -p "$OUT"

# Always the current code: the summary's SQL and the indexes of the migrations are what is measured.
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q package -DskipTests

"${PSQL[@]}" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres DOORSTEP_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_LEVEL=WARN \
  java -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
APP=$!
cleanup() {
  kill "$APP" 2>/dev/null || true
  wait "$APP" 2>/dev/null || true
  [ "${KEEP:-}" = 1 ] || "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
}
trap cleanup EXIT
for _ in $(seq 1 90); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null || { echo "the application did not start; see $OUT/app.log" >&2; exit 1; }

start=$(date +%s)
counts=$("${PSQL[@]}" -v visits="$VISITS" -v schema="$SCHEMA" -f bench/daily-summary/generate.sql | tail -1)
echo "generated in $(( $(date +%s) - start )) s: visits|events|follow-ups = $counts"

token=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"supervisor","password":"doorstep-demo"}' \
  "http://127.0.0.1:$PORT/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

today=$(TZ=Asia/Shanghai date +%F)
past=$(TZ=Asia/Shanghai date -d '30 days ago' +%F)

# Prints "median | p95 | max" in ms of RUNS requests (after 3 to warm up); the last answer is in $OUT/answer.
timed() {
  for _ in 1 2 3; do
    curl -fs -o /dev/null -H "Authorization: Bearer $token" -H "Accept: $2" "$1"
  done
  : > "$OUT/times"
  for _ in $(seq 1 "$RUNS"); do
    curl -fs -o "$OUT/answer" -w '%{time_total}\n' -H "Authorization: Bearer $token" -H "Accept: $2" "$1" >> "$OUT/times"
  done
  sort -n "$OUT/times" | awk '{ v[NR] = $1 * 1000 } END {
    printf "%.0f | %.0f | %.0f", v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.5)], v[NR] }'
}

echo
echo "| request | booked / completed that day | open / overdue at asOf | median ms | p95 ms | max ms |"
echo "|---|---|---|---|---|---|"
# What any small authenticated request costs on this machine at this moment, for comparison.
echo "| GET /api/v1/service-types (for comparison) | | | $(timed "http://127.0.0.1:$PORT/api/v1/service-types" application/json) |"
for day in "$past" "$today"; do
  for accept in application/json text/csv; do
    stats=$(timed "http://127.0.0.1:$PORT/api/v1/reports/daily?date=$day" "$accept")
    if [ "$accept" = application/json ]; then
      seen=$(python3 -c 'import json; t = json.load(open("'"$OUT/answer"'"))["totals"]
print(t["booked"], "/", t["completed"], "|", t["open"], "/", t["overdue"])')
      cp "$OUT/answer" "$OUT/daily-$day.json"
    else
      cp "$OUT/answer" "$OUT/daily-$day.csv"
    fi
    echo "| daily $day $accept | $seen | $stats |"
  done
done

# The trend: a range of days in one request (the same day meanings, counted for the whole range at once).
for span in 30 90 365; do
  from=$(TZ=Asia/Shanghai date -d "$((span - 1)) days ago" +%F)
  stats=$(timed "http://127.0.0.1:$PORT/api/v1/reports/trend?from=$from&to=$today" application/json)
  seen=$(python3 -c 'import json; d = json.load(open("'"$OUT/answer"'"))["days"]
print(len(d), "days,", sum(x["booked"] for x in d), "booked")')
  cp "$OUT/answer" "$OUT/trend-$span.json"
  echo "| trend, last $span days | $seen | | $stats |"
done

#!/usr/bin/env bash
# Booking benchmark: the API against pgbench running the same SQL statements, on the same machine
# in the same run, reported as the ratio API / database. Loopback only.
#
# The API is driven by wrk (C, with bench/booking/book.lua), which costs far less than the server; the
# residents are registered first through the API (load.py --prepare), and the JVM is warmed for
# WARMUP seconds before anything is measured. The fixed-rate run paces each connection (wrk's delay()),
# so its latency counts from when a request was sent, not from when it was due.
#
#   bench/booking/run.sh            # pool sizes 4 8 16, 20 s per run
#   POOLS="8" SECONDS_PER_RUN=30 bench/booking/run.sh
#   LOAD=python bench/booking/run.sh   # the earlier Python client (threads, open-loop fixed rate)
#
# Needs: a JDK, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), pgbench, python3, wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
POOLS=${POOLS:-"4 8 16"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
CLIENTS=${CLIENTS:-8}
WARMUP=${WARMUP:-10}
LOAD=${LOAD:-wrk}
PORT=${PORT:-8089}
SCHEMA=doorstep_bench
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
OUT=${OUT:-target/bench-booking}
mkdir -p "$OUT"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

start_app() {
  QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres DOORSTEP_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT QUARKUS_DATASOURCE_JDBC_MAX_SIZE=$1 \
    QUARKUS_LOG_LEVEL=WARN java -jar target/quarkus-app/quarkus-run.jar > "$OUT/app-pool$1.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the application did not start; see $OUT/app-pool$1.log" >&2
  exit 1
}
stop_app() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }
trap stop_app EXIT

p99_of_pgbench_log() {
  # pgbench -l lines: client_id transaction_no time_us script_no time_epoch time_us_epoch [schedule_lag_us]
  # With -R, latency counts from the scheduled start: time_us + schedule lag.
  cat "$1"* | awk '{ print $3 + ($7 == "" ? 0 : $7) }' | sort -n \
    | awk '{ v[NR] = $1 } END { printf "%.1f %.1f", v[int(NR * 0.5)] / 1000, v[int(NR * 0.99)] / 1000 }'
}

echo "| pool | API bookings/s (${CLIENTS} clients) | API p50 / p99 ms | pgbench tx/s (${CLIENTS} clients) | ratio API/DB | rate /s | API p99 ms at rate | pgbench p99 ms at rate | ratio p99 |"
echo "|---|---|---|---|---|---|---|---|---|"
for pool in $POOLS; do
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
  start_app "$pool"
  if [ "$LOAD" = python ]; then
    python3 bench/booking/load.py --port "$PORT" --clients "$CLIENTS" --seconds "$SECONDS_PER_RUN" \
      --residents $((SECONDS_PER_RUN * 60)) > "$OUT/api-pool$pool.jsonl"
  else
    python3 bench/booking/load.py --port "$PORT" --residents $(((SECONDS_PER_RUN * 2 + WARMUP) * 40)) \
      --prepare "$OUT/work.txt"
    export WORK="$OUT/work.txt" WRK_THREADS=2 CONNECTIONS="$CLIENTS"
    RATE=0 wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" -s bench/booking/book.lua "http://127.0.0.1:$PORT" > /dev/null
    RATE=0 wrk -t2 -c"$CLIENTS" -d"${SECONDS_PER_RUN}s" -s bench/booking/book.lua "http://127.0.0.1:$PORT" \
      | tail -1 > "$OUT/api-pool$pool.jsonl"
    half=$(python3 -c "import json; print(round(json.load(open('$OUT/api-pool$pool.jsonl'))['per_second'] / 2, 1))")
    RATE=$half wrk -t2 -c"$CLIENTS" -d"${SECONDS_PER_RUN}s" -s bench/booking/book.lua "http://127.0.0.1:$PORT" \
      | tail -1 | python3 -c "import json,sys; r=json.load(sys.stdin); r['rate_per_second']=$half; print(json.dumps(r))" \
      >> "$OUT/api-pool$pool.jsonl"
  fi
  stop_app
  api=$(python3 -c "
import json
rows = [json.loads(l) for l in open('$OUT/api-pool$pool.jsonl')]
t, r = rows[0], rows[1]
print(t['per_second'], t['p50_ms'], t['p99_ms'], r['rate_per_second'], r['p99_ms'])")
  read -r api_tps api_p50 api_p99 rate api_rate_p99 <<< "$api"

  # The same statements straight to the database, on the data the API run left behind.
  town=$("${PSQL[@]}" -c "SELECT id FROM $SCHEMA.town WHERE code = 'YONGAN'")
  staff=$("${PSQL[@]}" -c "SELECT id FROM $SCHEMA.staff WHERE username = 'operator'")
  service=$("${PSQL[@]}" -c "SELECT id FROM $SCHEMA.service_type WHERE town_id = '$town' AND code = 'RETIREMENT_CERTIFICATION'")
  "${PSQL[@]}" -c "SET search_path = $SCHEMA; CREATE TABLE bench_resident AS SELECT row_number() OVER () AS n, id FROM resident;
    ALTER TABLE bench_resident ADD PRIMARY KEY (n); ANALYZE"
  residents=$("${PSQL[@]}" -c "SELECT count(*) FROM $SCHEMA.bench_resident")
  benchtown=$("${PSQL[@]}" -c "INSERT INTO $SCHEMA.town (code, ticket_prefix, name) VALUES ('BENCH', 'BN', '基准镇') RETURNING id")
  sed "s/@TOWN@/$town/g; s/@STAFF@/$staff/g; s/@SERVICE@/$service/g; s/@BENCHTOWN@/$benchtown/g" \
    bench/booking/booking.pgbench.sql > "$OUT/booking.sql"
  export PGOPTIONS="-c search_path=$SCHEMA"
  db_tps=$(pgbench -h 127.0.0.1 -U postgres -n -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -D residents="$residents" \
    -D day=0 -f "$OUT/booking.sql" postgres 2>/dev/null | awk '/^tps/ { print int($3) }')
  rm -f "$OUT"/pgbench_log.*
  (cd "$OUT" && pgbench -h 127.0.0.1 -U postgres -n -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -R "$rate" -l \
    -D residents="$residents" -D day=1 -f booking.sql postgres > /dev/null 2>&1)
  read -r _db_p50 db_p99 <<< "$(p99_of_pgbench_log "$OUT/pgbench_log")"
  unset PGOPTIONS
  printf "| %s | %s | %s / %s | %s | %.2f | %s | %s | %s | %.1f |\n" "$pool" "$api_tps" "$api_p50" "$api_p99" "$db_tps" \
    "$(echo "$api_tps / $db_tps" | bc -l)" "$rate" "$api_rate_p99" "$db_p99" "$(echo "$api_rate_p99 / $db_p99" | bc -l)"
done
"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

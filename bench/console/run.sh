#!/usr/bin/env bash
# The operator's keyboard-only booking, timed in headless Chromium against the packaged demo.
#
#   bench/console/run.sh            # 5 bookings
#   RUNS=10 bench/console/run.sh
#
# Needs: a JDK, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), chromium and chromedriver.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
PORT=${PORT:-8091}
SCHEMA=doorstep_bench_console
OUT=${OUT:-target/bench-console}
mkdir -p "$OUT"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres DOORSTEP_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_LEVEL=WARN \
  java -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1 && break
  sleep 1
done

./mvnw -B -q test -Dtest=KeyboardBookingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddoorstep.console.url="http://127.0.0.1:$PORT/" -Ddoorstep.console.runs="$RUNS" 2>&1 \
  | tee "$OUT/result.txt" | grep -E 'keyboard booking|FAIL|ERROR' || true

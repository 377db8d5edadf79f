#!/usr/bin/env bash
# Fault runs, each reporting what it did, what it expected and what it saw (docs/faults.md).
#
#   bench/faults/run.sh          # PostgreSQL restarted under booking load
#
# Needs: a JDK, the machine's PostgreSQL on 127.0.0.1:5432 (user postgres, trust) that this script may
# stop and start again (RESTART, by default: stopped for 5 s), psql, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8089}
SCHEMA=doorstep_faults
OUT=${OUT:-target/faults}
RESTART=${RESTART:-"pg_ctlcluster 15 main stop && sleep 5 && pg_ctlcluster 15 main start"}
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null
QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres DOORSTEP_DB_SCHEMA=$SCHEMA \
  QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_LEVEL=WARN java -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1 && break; sleep 1; done

echo "== PostgreSQL restarted under booking load"
echo "did: 4 clients book for 30 s; after 10 s the database restarts ($RESTART)"
echo "expect: every 201 in the database once, 503 problems meanwhile and no 500, readiness DOWN then UP, no restart of the service"
set +e
python3 bench/faults/db_restart.py --port "$PORT" --schema "$SCHEMA" --restart "$RESTART" | tee "$OUT/db-restart.json"
result=${PIPESTATUS[0]}
set -e
echo "errors in the service's log: $(grep -c ' ERROR ' "$OUT/app.log" || true)"
"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" > /dev/null 2>&1 || true
exit "$result"

#!/usr/bin/env bash
# Fault runs, each reporting what it did, what it expected and what it saw (docs/faults.md), and exiting
# non-zero when something was lost or answered wrongly.
#
#   bench/faults/run.sh all                     # every scenario below, one after another
#   bench/faults/run.sh kill-upload kill-plan   # the ones named
#
#   db-restart     PostgreSQL restarted under booking load (stops and starts the machine's PostgreSQL)
#   kill-upload    the service killed (SIGKILL) during a tus PATCH, started again, the upload resumed
#   kill-plan      the service killed while it solves a day plan, started again
#   disk-full      the capture store's disk full (mounts a small tmpfs or loop device: needs root)
#   upstream-down  the upstream filing system down for an hour (compressed 30 times), then back
#
# Needs: a JDK, the machine's PostgreSQL on 127.0.0.1:5432 (user postgres, trust), psql, python3. Each
# scenario runs the packaged jar (demo profile) in a schema of its own (doorstep_faults_*), on PORT and
# MANAGEMENT_PORT; db-restart may stop and start the database (RESTART, by default: stopped for 5 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8090}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-9090}
UPSTREAM_PORT=${UPSTREAM_PORT:-8099}
OUT=${OUT:-target/faults}
RESTART=${RESTART:-"pg_ctlcluster 15 main stop && sleep 5 && pg_ctlcluster 15 main start"}
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
ALL=(db-restart kill-upload kill-plan disk-full upstream-down)

if [ $# -eq 0 ]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
[ "$1" = all ] && set -- "${ALL[@]}"
for name in "$@"; do
  [[ " ${ALL[*]} " == *" $name "* ]] || { echo "no such scenario: $name (${ALL[*]})" >&2; exit 2; }
done
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

fresh_schema() {
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $1 CASCADE" > /dev/null 2>&1
}

db_restart() {
  local schema=doorstep_faults
  fresh_schema $schema
  QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres DOORSTEP_DB_SCHEMA=$schema \
    QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT QUARKUS_LOG_LEVEL=WARN \
    java -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1 && break; sleep 1; done
  echo "did: 4 clients book for 30 s; after 10 s the database restarts ($RESTART)"
  echo "expect: every 201 in the database once, 503 problems meanwhile and no 500, readiness DOWN then UP, no restart of the service"
  set +e
  python3 bench/faults/db_restart.py --port "$PORT" --schema "$schema" --restart "$RESTART" | tee "$OUT/db-restart.json"
  local result=${PIPESTATUS[0]}
  set -e
  kill $APP 2>/dev/null || true
  wait $APP 2>/dev/null || true
  echo "errors in the service's log: $(grep -c ' ERROR ' "$OUT/app.log" || true)"
  fresh_schema $schema
  return "$result"
}

# the scenarios that start (and kill) the service themselves
scenario() {
  local name=$1 script=$2 schema=doorstep_faults_${1//-/_}
  shift 2
  fresh_schema "$schema"
  set +e
  python3 "bench/faults/$script" --port "$PORT" --management-port "$MANAGEMENT_PORT" --schema "$schema" \
    --out "$OUT" "$@" | tee "$OUT/$name.json"
  local result=${PIPESTATUS[0]}
  set -e
  fresh_schema "$schema"
  return "$result"
}

failed=()
for name in "$@"; do
  echo
  set +e
  case $name in
    db-restart)
      echo "== PostgreSQL restarted under booking load"
      db_restart ;;
    kill-upload)
      echo "== The service killed (kill -9) mid-upload"
      echo "did: a tablet uploads a 6 MB ID card photo over tus in 2 MB PATCHes; 1 MB into the second, the JVM is killed; it is started again, the tablet asks HEAD and resumes"
      echo "expect: HEAD answers the offset of the last PATCH the service finished (2 MB), the upload resumes from it, the capture's SHA-256 is the original's"
      scenario kill-upload kill_upload.py ;;
    kill-plan)
      echo "== The service killed (kill -9) while solving a day plan"
      echo "did: the dispatcher asks for the board day's plan; as soon as the solver starts, the JVM is killed and started again (lease and planner settings: the defaults)"
      echo "expect: the plan is taken over once the dead instance's lease (10 s) has run out and ends PROPOSED (or FAILED with a reason), never stuck SOLVING"
      scenario kill-plan kill_plan.py ;;
    disk-full)
      echo "== The capture store's disk full"
      echo "did: the capture directory on a 16 MB filesystem of its own; one capture uploaded; a filler leaves 1 MB; a 3 MB upload; the filler deleted; the upload resumed"
      echo "expect: 507 capture-store-full (no 500, no stack trace), nothing half written kept, bookings and reads served meanwhile, the upload taken once there is room"
      scenario disk-full disk_full.py ;;
    upstream-down)
      echo "== The upstream filing system down for an hour, then back"
      echo "did: agents complete 15 visits (three captures each) while the upstream answers 503; it stays down for an hour after the last, then files; time compressed 30 times (backoff-base 30 s -> 1 s, backoff-max 1 h -> 120 s, outage 1 h -> 120 s)"
      echo "expect: every completed visit filed exactly once (one idempotency key taken per ticket), none parked, every visit SUBMITTED"
      scenario upstream-down upstream_down.py --upstream-port "$UPSTREAM_PORT" ${MAX_ATTEMPTS:+--max-attempts "$MAX_ATTEMPTS"} ;;
  esac
  result=$?
  set -e
  [ "$result" -eq 0 ] || failed+=("$name")
done
echo
if [ ${#failed[@]} -eq 0 ]; then
  echo "all passed: $*"
else
  echo "FAILED: ${failed[*]}"
  exit 1
fi

#!/usr/bin/env bash
# Start-up and memory benchmark: the packaged application (demo profile) against a bare Quarkus
# application of the same version with the same persistence stack (bench/startup/bare: REST with
# Jackson, Hibernate ORM with Panache, Flyway, PostgreSQL; one entity, one migration, one resource).
#
# Both are built, each migrates its own schema once, then they are started in turn, A B A B ..., so
# that a change in the machine's load hits both. For each start: the time from the process's start to
# the first answered HTTP request (polled every 20 ms), the resident memory (VmRSS) then, and after 100
# requests that read the database. Prints a Markdown table of medians, min–max and the ratios
# ours / bare. Loopback only; the schemas are dropped at the end (KEEP=1 keeps them).
#
#   bench/startup/run.sh
#   RUNS=9 bench/startup/run.sh
#   SKIP_BUILD=1 OURS_JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/startup/run.sh   # try a JVM option on ours
#
# OURS_ENV adds environment variables to our application's runs only (for example
# OURS_ENV="DOORSTEP_DEMO_ENABLED=false"), to measure what a setting costs.
#
# Needs: a JDK, Maven (through ./mvnw), PostgreSQL on 127.0.0.1:5432 (user postgres, trust), psql, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-6}
REQUESTS=${REQUESTS:-100}
PORT_OURS=${PORT_OURS:-8095}
PORT_BARE=${PORT_BARE:-8096}
SCHEMA_OURS=${SCHEMA_OURS:-doorstep_bench_startup}
SCHEMA_BARE=${SCHEMA_BARE:-bare_bench_startup}
OUT=${OUT:-target/bench-startup}
OURS_JAVA_OPTS=${OURS_JAVA_OPTS:-}
BARE_JAVA_OPTS=${BARE_JAVA_OPTS:-}
OURS_ENV=${OURS_ENV:-}
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
mkdir -p "$OUT"
rm -f "$OUT"/ours.jsonl "$OUT"/bare.jsonl

if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q -f bench/startup/bare/pom.xml package -DskipTests
fi

drop_schemas() {
  "${PSQL[@]}" -c "SET client_min_messages = warning;
    DROP SCHEMA IF EXISTS $SCHEMA_OURS CASCADE; DROP SCHEMA IF EXISTS $SCHEMA_BARE CASCADE"
}
cleanup() { [ "${KEEP:-}" = 1 ] || drop_schemas; }
trap cleanup EXIT
drop_schemas

# One measured start of ours or of the bare application; appends a JSON line to $OUT/<which>.jsonl.
# $1: ours|bare, $2: the log's name.
start_once() {
  if [ "$1" = ours ]; then
    # shellcheck disable=SC2086 # OURS_ENV and OURS_JAVA_OPTS are lists of words
    env QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres DOORSTEP_DB_SCHEMA="$SCHEMA_OURS" QUARKUS_HTTP_PORT="$PORT_OURS" $OURS_ENV \
      python3 bench/startup/measure.py --port "$PORT_OURS" --ready-path /q/health/live \
        --load-path /api/v1/service-types --login supervisor:doorstep-demo --requests "$REQUESTS" \
        --log "$OUT/$2.log" -- java $OURS_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar
  else
    # shellcheck disable=SC2086
    env BARE_DB_SCHEMA="$SCHEMA_BARE" QUARKUS_HTTP_PORT="$PORT_BARE" \
      python3 bench/startup/measure.py --port "$PORT_BARE" --ready-path / \
        --load-path /villages --requests "$REQUESTS" \
        --log "$OUT/$2.log" -- java $BARE_JAVA_OPTS -jar bench/startup/bare/target/quarkus-app/quarkus-run.jar
  fi
}

# The first start of each creates its schema, runs its migrations (and for ours loads the demo
# towns); it is not counted: a restart on a migrated database is what is measured.
start_once ours ours-migrate > /dev/null
start_once bare bare-migrate > /dev/null

: > "$OUT/load"
for i in $(seq 1 "$RUNS"); do
  cut -d' ' -f1 /proc/loadavg >> "$OUT/load"
  start_once ours "ours-$i" >> "$OUT/ours.jsonl"
  start_once bare "bare-$i" >> "$OUT/bare.jsonl"
  echo "run $i of $RUNS: ours $(tail -1 "$OUT/ours.jsonl"); bare $(tail -1 "$OUT/bare.jsonl")" >&2
done

REQUESTS=$REQUESTS python3 - "$OUT/ours.jsonl" "$OUT/bare.jsonl" "$OUT/load" <<'EOF'
import json, os, statistics, sys
ours = [json.loads(line) for line in open(sys.argv[1])]
bare = [json.loads(line) for line in open(sys.argv[2])]

def cell(rows, key, scale=1.0, digits=0):
    values = sorted(r[key] * scale for r in rows if r[key] is not None)
    if not values:
        return "–", None
    median = statistics.median(values)
    return f"{median:.{digits}f} ({values[0]:.{digits}f}–{values[-1]:.{digits}f})", median

def ratio(a, b):
    return "–" if a is None or b is None else f"{a / b:.2f}"

# The ratio of the medians, and the median of the ratios of the pairs (run i of ours with run i of bare).
def paired(key):
    pairs = [o[key] / b[key] for o, b in zip(ours, bare) if o[key] is not None and b[key]]
    return f"{statistics.median(pairs):.2f}" if pairs else "–"

print(f"| measure ({len(ours)} starts each, median (min–max)) | ours | bare Quarkus | ours / bare | ours / bare, median of pairs |")
print("|---|---|---|---|---|")
for label, key, scale, digits in [
        ("first answered request, s", "ready_ms", 0.001, 2),
        ("Quarkus's own \"started in\", s", "started_in_s", 1.0, 2),
        ("CPU time to the first answer (all threads), s", "cpu_ready_s", 1.0, 2),
        ("RSS at the first answer, MiB", "rss_ready_mib", 1.0, 0),
        (f"RSS after {os.environ['REQUESTS']} requests, MiB", "rss_mib", 1.0, 0)]:
    o, om = cell(ours, key, scale, digits)
    b, bm = cell(bare, key, scale, digits)
    print(f"| {label} | {o} | {b} | {ratio(om, bm)} | {paired(key)} |")
load = [float(line) for line in open(sys.argv[3])]
print()
print(f"Load average (1 min) before each pair: {min(load):.1f}–{max(load):.1f} on {os.cpu_count()} processors.")
EOF

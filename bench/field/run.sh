#!/usr/bin/env bash
# The field app on the packaged demo: what the app shell costs to load (compressed, over the wire), how long
# the app takes to open with no network, and a day of ten visits with thirty captures done offline and then
# sent over a slow 3G link, with the bytes that reached the server against the bytes the camera took.
#
#   bench/field/run.sh
#
# Needs: a JDK, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), chromium and chromedriver, curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8092}
SCHEMA=doorstep_bench_field
OUT=${OUT:-target/bench-field}
mkdir -p "$OUT"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres DOORSTEP_DB_SCHEMA=$SCHEMA \
  QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_LEVEL=WARN java -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1 && break
  sleep 1
done

# The shell: the page, and every file its service worker keeps, as a browser fetches them (gzip accepted).
base="http://127.0.0.1:$PORT"
files="/field/ $(curl -fs "$base/field/sw.js" | sed -n '/const SHELL = \[/,/\];/p' | grep -o "'/[^']*'" | tr -d "'" | grep -v '^/field/$')"
total_wire=0
total_raw=0
for f in $files; do
  wire=$(curl -fs -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$base$f")
  raw=$(curl -fs -o /dev/null -w '%{size_download}' "$base$f")
  total_wire=$((total_wire + wire))
  total_raw=$((total_raw + raw))
done
printf 'field app: shell of %d files, %d bytes over the wire (gzip), %d bytes uncompressed\n' \
  "$(echo $files | wc -w)" "$total_wire" "$total_raw" | tee "$OUT/result.txt"

./mvnw -B -q test -Dtest=FieldAppBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddoorstep.field.url="$base/" -Ddoorstep.field.jdbc="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$SCHEMA" 2>&1 \
  | tee -a "$OUT/result.txt" | grep -E 'field app|FAIL|ERROR' || true

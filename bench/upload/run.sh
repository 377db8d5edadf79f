#!/usr/bin/env bash
# Upload benchmark: 20 field-agent uploads of 4 MiB at once over tus (creation + one PATCH each,
# streamed, encrypted, fsynced) against writing the same bytes to the same disk directly (one
# thread per file, each fsynced), reported as MB/s and as the ratio API / disk. Loopback only.
#
#   bench/upload/run.sh                 # 20 x 4 MiB, 3 rounds
#   UPLOADS=40 MIB=2 ROUNDS=5 bench/upload/run.sh
#
# Needs: a JDK, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), psql, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
UPLOADS=${UPLOADS:-20}
MIB=${MIB:-4}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-8089}
SCHEMA=doorstep_bench_upload
OUT=${OUT:-target/bench-upload}
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
mkdir -p "$OUT"
rm -rf "$OUT/captures"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres DOORSTEP_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_LEVEL=WARN \
  DOORSTEP_CAPTURE_STORAGE_DIRECTORY="$OUT/captures" \
  java -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
APP=$!
stop_app() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }
trap stop_app EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null || { echo "the application did not start; see $OUT/app.log" >&2; exit 1; }

python3 bench/upload/upload.py --port "$PORT" --uploads "$UPLOADS" --mib "$MIB" --rounds "$ROUNDS" \
  --disk-dir "$OUT" --schema "$SCHEMA" | tee "$OUT/rounds.jsonl"

echo
echo "| round | API s | API MB/s | disk alone s | disk alone MB/s | API / disk | upload p50 s | slowest s |"
echo "|---|---|---|---|---|---|---|---|"
python3 -c "
import json
for l in open('$OUT/rounds.jsonl'):
    r = json.loads(l)
    print('| %d | %.2f | %.1f | %.2f | %.1f | %.2f | %.2f | %.2f |' % (r['round'], r['api_s'], r['api_mb_s'], r['disk_s'],
          r['disk_mb_s'], r['ratio'], r['p50_s'], r['max_s']))"
# A single fsynced stream with dd, for reference.
dd if=/dev/zero of="$OUT/dd.bin" bs=1M count=$((UPLOADS * MIB)) conv=fsync 2>&1 | tail -1
rm -f "$OUT/dd.bin"
stop_app
"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

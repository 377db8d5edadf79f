#!/usr/bin/env bash
# Upload benchmark: 20 field-agent uploads of 4 MiB at once over tus (each in one creation request that brings
# all its bytes, tus creation-with-upload; streamed, encrypted, stored) against writing the same bytes to the same store directly, reported as
# MB/s and as the ratio API / store. Loopback only.
#
#   bench/upload/run.sh                 # filesystem store against the disk: 20 x 4 MiB, 80 warm-up rounds, 15 rounds
#   STORE=s3 bench/upload/run.sh        # S3 store (s3proxy, filesystem backend) against PUTs straight to it
#   UPLOADS=40 MIB=2 ROUNDS=8 bench/upload/run.sh
#   KIB=16 bench/upload/run.sh         # small files: what an upload costs besides its bytes
#   TWO_REQUESTS=1 bench/upload/run.sh # a creation, then a PATCH, instead of the bytes in the creation request
#
# One agent's token stands for all the tablets, so the bound on chunks one agent streams at once is raised to
# the number of uploads. The service is started fresh; the rounds begin once its cipher warm-up has finished (the log says
# so), as they would a minute after a start. COLD=1 starts them at once instead
# (and WARMUP=0 reports the first rounds too).
#
# Needs: a JDK, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), psql, python3, curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
UPLOADS=${UPLOADS:-20}
MIB=${MIB:-4}
ROUNDS=${ROUNDS:-15}
WARMUP=${WARMUP:-80}
PORT=${PORT:-8089}
S3_PORT=${S3_PORT:-8099}
STORE=${STORE:-filesystem}
SCHEMA=doorstep_bench_upload
OUT=${OUT:-target/bench-upload-$STORE}
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
mkdir -p "$OUT"
rm -rf "$OUT/captures" "$OUT/s3"

[ -f target/quarkus-app/quarkus-run.jar ] && [ -f target/s3proxy/s3proxy.jar ] || ./mvnw -B -q package -DskipTests

PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap stop_all EXIT
await() { # url, what
  for _ in $(seq 1 90); do curl -s -o /dev/null "$1" && return 0; sleep 1; done
  echo "$2 did not start; see $OUT" >&2; exit 1
}

STORE_ENV=(DOORSTEP_CAPTURE_STORAGE_DIRECTORY="$OUT/captures")
COMPARE=(--disk-dir "$OUT")
if [ "$STORE" = s3 ]; then
  mkdir -p "$OUT/s3/bench"
  printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$S3_PORT" "s3proxy.authorization=none" \
    "jclouds.provider=filesystem" "jclouds.filesystem.basedir=$PWD/$OUT/s3" > "$OUT/s3proxy.properties"
  java -jar target/s3proxy/s3proxy.jar --properties "$OUT/s3proxy.properties" > "$OUT/s3proxy.log" 2>&1 &
  PIDS+=($!)
  await "http://127.0.0.1:$S3_PORT/" s3proxy
  STORE_ENV=(DOORSTEP_CAPTURE_STORE=s3 DOORSTEP_CAPTURE_S3_BUCKET=bench
    QUARKUS_S3_ENDPOINT_OVERRIDE="http://127.0.0.1:$S3_PORT" QUARKUS_S3_PATH_STYLE_ACCESS=true
    QUARKUS_S3_AWS_REGION=us-east-1 QUARKUS_S3_AWS_CREDENTIALS_TYPE=static
    QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID=bench
    QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY=bench)
  COMPARE=(--disk-dir "$OUT" --s3 "http://127.0.0.1:$S3_PORT/bench")
fi

"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
env QUARKUS_PROFILE=demo QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
  DOORSTEP_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_LEVEL=WARN \
  DOORSTEP_HTTP_MAX_CONCURRENT_PATCHES_PER_AGENT="$UPLOADS" \
  QUARKUS_LOG_CATEGORY__ORG_DOORSTEP_CAPTURE__LEVEL=INFO "${STORE_ENV[@]}" \
  java ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
PIDS+=($!)
await "http://127.0.0.1:$PORT/q/health/ready" "the application"
if [ -z "${COLD:-}" ]; then
  for _ in $(seq 1 120); do grep -q "cipher warmed up\|warm-up stopped" "$OUT/app.log" && break; sleep 1; done
  grep "cipher warmed up" "$OUT/app.log" | sed 's/.*INFO/warm-up:/' || true
fi

python3 bench/upload/upload.py --port "$PORT" --uploads "$UPLOADS" --mib "$MIB" ${KIB:+--kib "$KIB"} --rounds "$ROUNDS" --warmup "$WARMUP" ${TWO_REQUESTS:+--two-requests} \
  --schema "$SCHEMA" "${COMPARE[@]}" | tee "$OUT/rounds.jsonl"

echo
python3 - "$OUT/rounds.jsonl" "$STORE" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
store = sys.argv[2]
direct = rows and rows[0].get("direct_mb_s") is not None
print("| round | API s | API MB/s | %s alone s | %s alone MB/s | API / %s |%s upload p50 s | slowest s |"
      % (store, store, store, " direct I/O MB/s | API / direct |" if direct else ""))
print("|---" * (10 if direct else 8) + "|")
for r in rows:
    extra = " %.1f | %.2f |" % (r["direct_mb_s"], r["ratio_direct"]) if direct else ""
    print("| %d | %.2f | %.1f | %.2f | %.1f | %.2f |%s %.2f | %.2f |" % (r["round"], r["api_s"], r["api_mb_s"],
          r["disk_s"], r["disk_mb_s"], r["ratio"], extra, r["p50_s"], r["max_s"]))
med = lambda k: sorted(r[k] for r in rows)[len(rows) // 2]
print("\nmedian of %d rounds: API %.1f MB/s, %s alone %.1f MB/s, API / %s %.2f%s" % (len(rows), med("api_mb_s"), store,
      med("disk_mb_s"), store, med("ratio"), "; direct I/O %.1f MB/s, API / direct %.2f" % (med("direct_mb_s"),
      med("ratio_direct")) if direct else ""))
PY
if [ "$STORE" = filesystem ]; then
  # A single fsynced stream with dd, for reference.
  dd if=/dev/zero of="$OUT/dd.bin" bs=1M count=$((UPLOADS * MIB)) conv=fsync 2>&1 | tail -1
  rm -f "$OUT/dd.bin"
fi
stop_all
"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null | grep -v cascades || true

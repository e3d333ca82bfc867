#!/usr/bin/env bash
# Resource-base benchmark (issue #3): 100 000 synthetic resources, then
#   1. bbox layer queries with wrk (a second process on loopback), 5 runs of 10 s each, median of the p99s;
#   2. an Excel import of >= 10 000 rows, timed from upload to SUCCEEDED, with the progress seen while polling.
# Usage: bench/resources/run.sh            (from the repository root; builds the jar unless JAR is set)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8095}
SCALE=${SCALE:-100000}
RUNS=${RUNS:-5}
WORK=$(mktemp -d /tmp/yingji-bench-XXXX)
ADMIN_PASSWORD=Bench-Admin-2026
for tool in wrk jq curl; do command -v $tool >/dev/null || { apt-get install -y -qq $tool >/dev/null; }; done

if [ -z "${JAR:-}" ]; then
  mvn -B -q -DskipTests -DskipFrontend package
  JAR=$(ls target/yingji-*.jar | head -1)
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB"
echo "jar: $JAR, data: $WORK"

java -Xmx2g -jar "$JAR" --server.port=$PORT --yingji.db.embedded.data-dir="$WORK/pg" \
  --yingji.bootstrap.admin-password=$ADMIN_PASSWORD --yingji.demo.scale=$SCALE > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for i in $(seq 1 300); do curl -sf localhost:$PORT/actuator/health >/dev/null && break; sleep 1; done
grep -o "Generated [0-9]* synthetic resources in [0-9]* ms" "$WORK/app.log" || true

# Sign in, change the first password, create a token for wrk.
JAR_COOKIES="$WORK/cookies"
csrf() { curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" localhost:$PORT/api/auth/csrf | jq -r .token; }
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(csrf)" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" localhost:$PORT/api/auth/login >/dev/null
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(csrf)" -H 'Content-Type: application/json' \
  -d "{\"currentPassword\":\"$ADMIN_PASSWORD\",\"newPassword\":\"${ADMIN_PASSWORD}x\"}" localhost:$PORT/api/auth/password
TOKEN=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(csrf)" -H 'Content-Type: application/json' \
  -d '{"name":"bench"}' localhost:$PORT/api/tokens | jq -r .token)
AUTH="Authorization: Bearer $TOKEN"
TOTAL=$(curl -s -H "$AUTH" "localhost:$PORT/api/resources/shelters?size=1" | jq .total)
echo "shelters in the database: $TOTAL (of $SCALE synthetic resources over 9 kinds)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
measure() { # name view_w view_h
  local name=$1; export VIEW_W=$2 VIEW_H=$3 KIND=shelters TOKEN
  local features
  if [ "$2" = "0" ]; then features=$(curl -s -H "$AUTH" "localhost:$PORT/api/resources/layers/shelters" | jq '.features|length');
  else features=$(curl -s -H "$AUTH" "localhost:$PORT/api/resources/layers/shelters?bbox=104.7,29.3,$(awk "BEGIN{print 104.7+$2}"),$(awk "BEGIN{print 29.3+$3}")" | jq '.features|length'); fi
  wrk -t1 -c4 -d5s -s bench/resources/bbox.lua "http://localhost:$PORT" >/dev/null # warm-up
  : > "$WORK/$name"
  for r in $(seq 1 $RUNS); do
    wrk -t1 -c4 -d10s -s bench/resources/bbox.lua "http://localhost:$PORT" | grep RESULT | tee -a "$WORK/$name"
  done
  echo "== $name (view ${2}°x${3}°, e.g. $features features): median p50 $(grep -o 'p50_ms=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median) ms," \
       "median p99 $(grep -o 'p99_ms=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median) ms," \
       "median rps $(grep -o 'rps=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median)"
}
measure county-view 0.2 0.15
measure township-view 0.05 0.04
measure whole-city 0 0

# Excel import: export the synthetic shelters (>= 10 000 rows), import them back, poll progress.
curl -s -H "$AUTH" -o "$WORK/shelters.xlsx" "localhost:$PORT/api/resources/shelters/export.xlsx"
ROWS=$(( $(curl -s -H "$AUTH" "localhost:$PORT/api/resources/shelters?size=1" | jq .total) ))
START=$(date +%s%N)
JOB=$(curl -s -H "$AUTH" -F "file=@$WORK/shelters.xlsx;filename=shelters.xlsx" "localhost:$PORT/api/resources/shelters/import" | jq -r .id)
while true; do
  STATE=$(curl -s -H "$AUTH" "localhost:$PORT/api/resources/imports/$JOB")
  S=$(echo "$STATE" | jq -r .state)
  echo "  progress: $S $(echo "$STATE" | jq -r '"\(.processed)/\(.total)"')"
  [ "$S" = SUCCEEDED ] || [ "$S" = FAILED ] && break
  sleep 0.5
done
END=$(date +%s%N)
echo "== excel import: $ROWS rows, state $S, imported $(echo "$STATE" | jq .imported), $(( (END-START)/1000000 )) ms from upload to done"

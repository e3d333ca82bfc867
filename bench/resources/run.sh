#!/usr/bin/env bash
# Resource-base benchmark (issue #3): 100 000 synthetic resources, then
#   1. bbox layer queries with wrk (a second process on loopback), RUNS runs of 10 s, medians of p50/p99;
#   2. an Excel import of >= 10 000 rows, timed from upload to SUCCEEDED, with the progress seen while polling.
# Usage, from the repository root: bench/resources/run.sh   (JAR=… to reuse a built jar, SCALE=… to change size)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
SCALE=${SCALE:-100000}
bench_machine
bench_start --yingji.demo.scale=$SCALE
grep -o "Generated [0-9]* synthetic resources in [0-9]* ms" "$WORK/app.log" || true
export TOKEN=$(bench_token)
AUTH="Authorization: Bearer $TOKEN"
echo "shelters in the database: $(curl -s -H "$AUTH" "localhost:$PORT/api/resources/shelters?size=1" | jq .total) (of $SCALE synthetic resources over 9 kinds)"

layer() { # name view_w view_h
  export VIEW_W=$2 VIEW_H=$3 KIND=shelters
  local query=""
  [ "$2" = "0" ] || query="?bbox=104.7,29.3,$(awk "BEGIN{print 104.7+$2}"),$(awk "BEGIN{print 29.3+$3}")"
  echo "$1: a typical answer has $(curl -s -H "$AUTH" "localhost:$PORT/api/resources/layers/shelters$query" | jq '.features|length') features"
  bench_wrk "$1" bench/resources/bbox.lua
}
if [ -z "${ONLY_IMPORT:-}" ]; then   # ONLY_IMPORT=1 measures the import alone
  layer county-view 0.2 0.15
  layer township-view 0.05 0.04
  layer whole-city 0 0
fi

# Excel import: export the synthetic shelters (>= 10 000 rows), import them back, poll progress.
curl -s -H "$AUTH" -o "$WORK/shelters.xlsx" "localhost:$PORT/api/resources/shelters/export.xlsx"
ROWS=$(curl -s -H "$AUTH" "localhost:$PORT/api/resources/shelters?size=1" | jq .total)
START=$(date +%s%N)
JOB=$(curl -s -H "$AUTH" -F "file=@$WORK/shelters.xlsx;filename=shelters.xlsx" "localhost:$PORT/api/resources/shelters/import" | jq -r .id)
while true; do
  STATE=$(curl -s -H "$AUTH" "localhost:$PORT/api/resources/imports/$JOB")
  S=$(echo "$STATE" | jq -r .state)
  echo "  progress: $S $(echo "$STATE" | jq -r '"\(.processed)/\(.total)"')"
  { [ "$S" = SUCCEEDED ] || [ "$S" = FAILED ]; } && break
  sleep 0.5
done
END=$(date +%s%N)
echo "== excel import: $ROWS rows, state $S, imported $(echo "$STATE" | jq .imported), $(( (END-START)/1000000 )) ms from upload to done"

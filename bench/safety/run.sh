#!/usr/bin/env bash
# Safety benchmark (issue #8): 20 000 synthetic enterprises with 200 000 hazards, then with wrk
#   1. the regulator dashboard (/api/safety/dashboard), target p99 < 200 ms;
#   2. the four-colour map layer of the whole city (/api/safety/layers/enterprises), target < 100 ms.
# Usage, from the repository root: bench/safety/run.sh   (JAR=… to reuse a built jar, SCALE=… to change size)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
SCALE=${SCALE:-20000}
bench_machine
bench_start --yingji.demo.safety-scale=$SCALE
grep -o "Generated [0-9]* synthetic enterprises and [0-9]* hazards in [0-9]* ms" "$WORK/app.log" || true
export TOKEN=$(bench_token)
AUTH="Authorization: Bearer $TOKEN"
echo "hazards: $(curl -s -H "$AUTH" "localhost:$PORT/api/safety/hazards?size=1" | jq .total)"
# The first request after start (or after a write) computes; later ones within a minute come from the cache.
echo "dashboard, first (computed): $(curl -s -o /dev/null -w '%{time_total}' -H "$AUTH" localhost:$PORT/api/safety/dashboard) s;" \
     "four-colour layer, first (computed): $(curl -s -o /dev/null -w '%{time_total}' -H "$AUTH" -H 'Accept-Encoding: gzip' localhost:$PORT/api/safety/layers/enterprises) s," \
     "gzip bytes $(curl -s -H "$AUTH" -H 'Accept-Encoding: gzip' localhost:$PORT/api/safety/layers/enterprises | wc -c)"
echo "layer features: $(curl -s -H "$AUTH" "localhost:$PORT/api/safety/layers/enterprises" | jq '.features|length')," \
     "bytes: $(curl -s -H "$AUTH" "localhost:$PORT/api/safety/layers/enterprises" | wc -c)"
export URL_PATH=/api/safety/dashboard; bench_wrk dashboard bench/safety/get.lua
export URL_PATH=/api/safety/layers/enterprises; bench_wrk four-colour-layer bench/safety/get.lua

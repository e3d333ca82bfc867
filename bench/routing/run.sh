#!/usr/bin/env bash
# Routing benchmark (issue #6), on a SYNTHETIC road grid over Zigong's extent (no real Zigong OSM offline):
#   SPACING metres between streets (default 300 → ~134 000 nodes, ~267 000 edges), 60/40 km/h roads;
#   --yingji.demo.scale=9000 → 1 000 synthetic resources per kind (1 000 rescue teams, 1 000 + 14 fire stations).
#   1. nearest-10 rescue teams by driving time from random points (wrk, RUNS runs of 10 s, medians);
#   2. 5-minute isochrones from random points (wrk);
#   3. the city-wide 5-minute coverage of all fire stations, uncached (a new time limit each run), RUNS runs;
#   graph size (nodes/edges), import time, heap used after a full GC, graph files on disk.
# Usage, from the repository root: bench/routing/run.sh   (JAR=… reuses a built jar; SPACING=…, SCALE=…)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
SPACING=${SPACING:-300}
SCALE=${SCALE:-9000}
bench_machine
echo "load before: $(uptime)"
if [ -z "${JAR:-}" ]; then
  mvn -B -q -DskipTests -DskipFrontend package
  JAR=$(ls target/yingji-*.jar | head -1)
fi
GRID_DIR=$(mktemp -d /tmp/yingji-grid-XXXX)
java -cp "$JAR" -Dloader.main=org.yingji.routing.SyntheticRoadGrid \
  org.springframework.boot.loader.launch.PropertiesLauncher "$GRID_DIR/grid.osm" "$SPACING"
START=$(date +%s%N)
bench_start --yingji.demo.scale=$SCALE --yingji.routing.osm-file="$GRID_DIR/grid.osm" \
  --yingji.routing.graph-dir="$GRID_DIR/graph"
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$WORK" "$GRID_DIR"' EXIT
export TOKEN=$(bench_token)
AUTH="Authorization: Bearer $TOKEN"
for i in $(seq 1 600); do
  STATE=$(curl -s -H "$AUTH" "localhost:$PORT/api/routing/status" | jq -r .state)
  [ "$STATE" = READY ] || [ "$STATE" = FAILED ] && break
  sleep 1
done
grep -o "Road graph of .* ready: .*" "$WORK/app.log" || true
curl -s -H "$AUTH" "localhost:$PORT/api/routing/status" | jq -c .
echo "rescue teams: $(curl -s -H "$AUTH" "localhost:$PORT/api/resources/rescue-teams?size=1" | jq .total)," \
     "fire stations: $(curl -s -H "$AUTH" "localhost:$PORT/api/resources/fire-stations?size=1" | jq .total)"
jcmd $APP GC.run >/dev/null
echo "heap after full GC: $(jcmd $APP GC.heap_info | grep -o 'used [0-9]*K' | head -1)" \
     "(graph files on disk: $(du -sh "$GRID_DIR/graph" | cut -f1))"

echo "a nearest answer: $(curl -s -H "$AUTH" "localhost:$PORT/api/routing/nearest?kind=RESCUE_TEAM&n=10&lon=104.78&lat=29.34" | jq -c '{estimate, n: (.items|length), first_s: .items[0].seconds, last_s: .items[-1].seconds}')"
export QUERY="/api/routing/nearest?kind=RESCUE_TEAM&n=10"
bench_wrk nearest-10 bench/routing/random_point.lua
echo "an isochrone: $(curl -s -H "$AUTH" "localhost:$PORT/api/routing/isochrone?minutes=5&lon=104.78&lat=29.34" | wc -c) bytes"
export QUERY="/api/routing/isochrone?minutes=5"
bench_wrk isochrone-5min bench/routing/random_point.lua

: > "$WORK/coverage"
for r in $(seq 1 $RUNS); do
  MIN="5.00$r"   # a new time limit each run, so the cache does not answer
  T=$( { /usr/bin/time -f %e curl -s -o "$WORK/cov.json" -H "$AUTH" "localhost:$PORT/api/routing/coverage?minutes=$MIN"; } 2>&1 )
  echo "coverage run $r: ${T} s, stations $(jq '.stations|length' "$WORK/cov.json"), population share $(jq .before.populationShare "$WORK/cov.json")" | tee -a "$WORK/coverage"
done
echo "== coverage-all-stations: median $(grep -o 'run [0-9]*: [0-9.]*' "$WORK/coverage" | awk '{print $3}' | median) s"
T=$( { /usr/bin/time -f %e curl -s -o /dev/null -H "$AUTH" "localhost:$PORT/api/routing/coverage?minutes=5.001"; } 2>&1 )
echo "== coverage-cached: $T s"
echo "load after: $(uptime)"

#!/usr/bin/env bash
# Warning dissemination benchmark (issue #5): 2 500 000 synthetic recipients shared among Zigong's villages by
# population, then RUNS red warnings over a polygon holding about 1 000 000 of them, each drafted, approved by a
# second user and published. For each run the platform records (warning_dispatch) and this script prints:
#   index      reloading the packed recipient index (only when the registry changed: the first run)
#   targeting  point-in-polygon over the index          (target < 5 s)
#   handoff    every message handed to the channel senders (a counting sink channel for the phones)
#   persisted  every receipt (QUEUED + SENT, COPY) written  (target < 60 s, counted from the start of handoff)
#   heap peak  JVM heap high-water mark during the run, with -Xmx2g (target < 2 GiB)
# Usage, from the repository root: bench/warning/run.sh   (JAR=… reuses a built jar; TOTAL=…, RUNS=… change size)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
PORT=${PORT:-8097}
TOTAL=${TOTAL:-2500000}
RUNS=${RUNS:-3}
# The urban core (自流井, 大安, 贡井 and the edges of 沿滩 and 荣县): about 40 % of the city's people.
POLYGON='{"type":"Polygon","coordinates":[[[104.605,29.195],[104.915,29.195],[104.915,29.505],[104.605,29.505],[104.605,29.195]]]}'
bench_machine
echo "load before start: $(uptime)"
bench_start --yingji.mqtt.port=0 --yingji.warning.channels.sms.enabled=false \
  --yingji.warning.channels.phones.type=sink --yingji.warning.channels.phones.recipients=PHONE \
  --yingji.warning.channels.phones.max-attempts=1
ADMIN=$(bench_token)
api() { local token=$1; shift; curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

# A second person with the approver role: the two-person rule holds in the benchmark too.
JAR_COOKIES="$WORK/approver-cookies"
INITIAL=$(api "$ADMIN" -d '{"username":"bench_approver","displayName":"压测审核人","role":"COMMANDER","regionCode":"510300"}' \
  localhost:$PORT/api/users | jq -r .initialPassword)
csrf2() { curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" localhost:$PORT/api/auth/csrf | jq -r .token; }
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(csrf2)" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench_approver\",\"password\":\"$INITIAL\"}" localhost:$PORT/api/auth/login >/dev/null
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(csrf2)" -H 'Content-Type: application/json' \
  -d "{\"currentPassword\":\"$INITIAL\",\"newPassword\":\"Bench-Approver-2026\"}" localhost:$PORT/api/auth/password
APPROVER=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(csrf2)" -H 'Content-Type: application/json' \
  -d '{"name":"bench"}' localhost:$PORT/api/tokens | jq -r .token)

START=$(date +%s%N)
api "$ADMIN" -d "{\"total\":$TOTAL}" localhost:$PORT/api/warning/recipients/synthetic | jq -c .
echo "== synthetic recipients: $TOTAL phones + one terminal per village in $(( ($(date +%s%N)-START)/1000000 )) ms (load $(uptime | sed 's/.*load average: //'))"

: > "$WORK/runs"
for r in $(seq 1 $RUNS); do
  ID=$(api "$ADMIN" -d "{\"eventType\":\"RAINSTORM\",\"level\":\"RED\",\"headline\":\"压测：城区暴雨红色预警 $r\",
    \"description\":\"压测\",\"instruction\":\"立即转移到安全地带\",\"senderDepartment\":\"自贡市气象局\",
    \"area\":$POLYGON}" localhost:$PORT/api/warnings | jq -r .id)
  api "$ADMIN" -X POST localhost:$PORT/api/warnings/$ID/submit >/dev/null
  api "$APPROVER" -X POST localhost:$PORT/api/warnings/$ID/approve >/dev/null
  api "$APPROVER" -X POST localhost:$PORT/api/warnings/$ID/publish >/dev/null
  while true; do
    D=$(api "$ADMIN" localhost:$PORT/api/warnings/$ID/dispatch)
    S=$(echo "$D" | jq -r '.state // "PENDING"')
    { [ "$S" = DONE ] || [ "$S" = FAILED ]; } && break
    sleep 0.5
  done
  LOAD=$(uptime | sed 's/.*load average: //')
  echo "$D" | jq -r --arg load "$LOAD" '"run: state \(.state), targeted \(.targeted), index \(.index_ms) ms, targeting \(.targeting_ms) ms, handoff \(.handoff_ms) ms, receipts persisted \(.persisted_ms) ms, heap peak \(.heap_peak_mb) MB (load \($load))"' | tee -a "$WORK/runs"
  CSTART=$(date +%s%N)
  api "$ADMIN" localhost:$PORT/api/warnings/$ID/coverage | jq -r '"  coverage: \(.reached) of \(.population) people (\(.percent) %), channels \(.channels | map("\(.channel) sent \(.sent)") | join(", "))"'
  echo "  coverage query: $(( ($(date +%s%N)-CSTART)/1000000 )) ms"
done
for f in targeting handoff "receipts persisted" "heap peak"; do
  echo "== median $f: $(grep -o "$f [0-9]*" "$WORK/runs" | awk '{print $NF}' | median)"
done
grep -o "Warning [0-9]* rev 0: .*" "$WORK/app.log" || true

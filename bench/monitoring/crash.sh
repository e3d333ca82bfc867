#!/usr/bin/env bash
# kill -9 during a load run, restart, and check what survived (issue #4):
#   - MQTT: every reading the generator saw acknowledged (PUBACK) before the kill, from its ack log;
#   - HTTP: every reading of a batch answered 2xx before the kill;
#   - every alarm the API listed before the kill.
# Usage, from the repository root: bench/monitoring/crash.sh   (JAR=… to reuse a built jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
RATE=${RATE:-5000}
MQTT_PORT=${MQTT_PORT:-18833}
mvn -B -q -DskipFrontend test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
ARGS=(--yingji.mqtt.port=$MQTT_PORT --yingji.monitoring.bench-sensors=20000 --yingji.monitoring.seed=false
      --yingji.monitoring.simulator.enabled=false)
bench_machine
bench_start "${ARGS[@]}"
TOKEN=$(bench_token | grep -o "yj_[A-Za-z0-9_-]*" | tail -1)
AUTH="Authorization: Bearer $TOKEN"

# warm-up: a platform just started takes its first readings slowly (JIT), which would leave few acknowledged ones
MQTT_TOKEN=$TOKEN java -Xmx1g -Dlogback.configurationFile=bench/monitoring/logback-bench.xml -cp "$CP" bench.MqttBench publish tcp://127.0.0.1:$MQTT_PORT 20000 $RATE 15 \
  | sed 's/^/warm-up: /'

# MQTT load with an ack log, HTTP batches of red readings (alarms) beside it
MQTT_TOKEN=$TOKEN java -Xmx1g -Dlogback.configurationFile=bench/monitoring/logback-bench.xml -cp "$CP" bench.MqttBench publish tcp://127.0.0.1:$MQTT_PORT 20000 $RATE 20 "$WORK/acked.txt" \
  > "$WORK/gen.log" 2>&1 &
GEN=$!
: > "$WORK/http-ok.txt"
( i=0; while true; do
    code=$(printf "BENCH-%05d" $((i % 200))); t=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
    v=$(( i % 2 == 0 ? 150 : 10 ))
    if curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
        -d "{\"readings\":[{\"sensor\":\"$code\",\"value\":$v,\"time\":\"$t\"}]}" localhost:$PORT/api/ingest/readings; then
      echo "$code $t" >> "$WORK/http-ok.txt"
    fi
    i=$((i+1)); sleep 0.02
  done ) &
HTTP=$!
sleep 8
curl -s -H "$AUTH" "localhost:$PORT/api/monitoring/alarms?size=500" | jq -r '.items[].id' > "$WORK/alarms-before.txt"
kill -9 $APP
# the embedded PostgreSQL is a child process and outlives the JVM: kill it too, like a power cut (it recovers from
# its WAL at restart)
kill -9 "$(head -1 "$WORK/pg/postmaster.pid")" 2>/dev/null || true
kill $HTTP 2>/dev/null || true
wait $GEN 2>/dev/null || true
echo "killed with kill -9; generator: $(grep PUBLISH "$WORK/gen.log")"
ACKED=$(wc -l < "$WORK/acked.txt"); HTTP_OK=$(wc -l < "$WORK/http-ok.txt"); ALARMS=$(wc -l < "$WORK/alarms-before.txt")

# restart on the same data
java -Xmx2g -jar "$JAR" --server.port=$PORT --yingji.db.embedded.data-dir="$WORK/pg" \
  --yingji.bootstrap.admin-password=$ADMIN_PASSWORD "${ARGS[@]}" > "$WORK/app2.log" 2>&1 &
APP=$!
for i in $(seq 1 120); do curl -sf localhost:$PORT/actuator/health >/dev/null && break; sleep 1; done
PG=$(grep -o "Embedded PostgreSQL on port [0-9]*" "$WORK/app2.log" | tail -1 | grep -o "[0-9]*$")
q() { psql -q -t -A -h localhost -p "$PG" -U postgres -d yingji "$@"; }
check() { # file → missing count
  q <<SQL
create temp table acked (code text, t timestamptz);
\copy acked from '$1' with (delimiter ' ')
select count(*) from acked a left join mon_sensor s on s.code = a.code
left join mon_reading r on r.sensor_id = s.id and r.time = a.t where r.sensor_id is null;
SQL
}
MQTT_MISSING=$(check "$WORK/acked.txt")
HTTP_MISSING=$(check "$WORK/http-ok.txt")
ALARMS_MISSING=0
if [ "$ALARMS" -gt 0 ]; then
  ALARMS_MISSING=$(q -c "select $ALARMS - count(*) from mon_alarm where id in ($(paste -sd, "$WORK/alarms-before.txt"))")
fi
echo "== MQTT readings acknowledged before the kill: $ACKED, missing after restart: $MQTT_MISSING"
echo "== HTTP readings answered 2xx before the kill: $HTTP_OK, missing after restart: $HTTP_MISSING"
echo "== alarms listed before the kill: $ALARMS, missing after restart: $ALARMS_MISSING"
echo "   (rows in mon_reading after restart: $(q -c 'select count(*) from mon_reading'))"

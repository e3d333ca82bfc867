#!/usr/bin/env bash
# Monitoring benchmark (issue #4), the load generator (bench.MqttBench in src/test/java) as its own process:
#   1. the broker alone: Moquette configured like the platform's, counting publishes in an interceptor;
#   2. the platform: 20 000 sensors publishing QoS 1 at full speed through ingest → rules → PostgreSQL,
#      sustained readings/s = rows stored / time from the first stored row to the queue running empty;
#   3. latency publish → alarm event on an SSE client, with background load at 5 000 readings/s.
# Usage, from the repository root: bench/monitoring/run.sh   (SECONDS_LOAD=…, SENSORS=…, JAR=… to reuse a jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
SENSORS=${SENSORS:-20000}
SECONDS_LOAD=${SECONDS_LOAD:-30}
LATENCY_RATE=${LATENCY_RATE:-5000}
# Offered load of the throughput runs. At full speed (0) Moquette's session command queues overflow
# ("Session command queue … is full") and PUBACKs stop coming, so the runs offer a fixed rate above the goal.
RATE=${RATE:-30000}
MQTT_PORT=${MQTT_PORT:-18831}
BROKER_PORT=${BROKER_PORT:-18832}

mvn -B -q -o -DskipFrontend test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/test-classes:$(cat target/bench-classpath.txt)"
LOGBACK=-Dlogback.configurationFile=bench/monitoring/logback-bench.xml
gen() { java -Xmx1g $LOGBACK -cp "$CP" bench.MqttBench "$@"; }
bench_machine
echo "load before: $(uptime); offered $RATE readings/s for $SECONDS_LOAD s from $SENSORS sensors"

# 1. the broker alone, same generator
BROKER_LOG=$(mktemp /tmp/yingji-broker-XXXX.log)
java -Xmx2g $LOGBACK -cp "$CP" bench.MqttBench broker $BROKER_PORT > "$BROKER_LOG" 2>&1 &
BROKER=$!
for i in $(seq 1 30); do grep -q "BROKER ready" "$BROKER_LOG" && break; sleep 0.5; done
BROKER_PUB=$(gen publish tcp://127.0.0.1:$BROKER_PORT $SENSORS $RATE $SECONDS_LOAD | grep PUBLISH)
sleep 2
kill $BROKER; wait $BROKER 2>/dev/null || true
BROKER_RATES=$(grep -o 'rate=[0-9]*' "$BROKER_LOG" | cut -d= -f2 | awk '$1>0')
BROKER_TOTAL=$(grep -o 'total=[0-9]*' "$BROKER_LOG" | tail -1 | cut -d= -f2)
BROKER_MEDIAN=$(echo "$BROKER_RATES" | median)
echo "== broker alone: $BROKER_PUB; counted $BROKER_TOTAL, median $BROKER_MEDIAN msg/s over $(echo "$BROKER_RATES" | wc -l) s ($(uptime | sed 's/.*load/load/'))"
rm -f "$BROKER_LOG"

# 2. the platform
bench_start --yingji.mqtt.port=$MQTT_PORT --yingji.monitoring.bench-sensors=$SENSORS \
  --yingji.monitoring.seed=false --yingji.monitoring.simulator.enabled=false
grep -o "[0-9]* bench sensors created in [0-9]* ms" "$WORK/app.log" || true
TOKEN=$(bench_token)
AUTH="Authorization: Bearer $TOKEN"
stats() { curl -s -H "$AUTH" localhost:$PORT/api/monitoring/ingest/stats; }
( while true; do echo "$(date +%s%N) $(stats | jq -r '"\(.stored) \(.backlog)"')"; sleep 0.5; done ) > "$WORK/stats" &
POLL=$!
PLATFORM_PUB=$(gen publish tcp://127.0.0.1:$MQTT_PORT $SENSORS $RATE $SECONDS_LOAD | grep PUBLISH)
ACKED=$(echo "$PLATFORM_PUB" | grep -o 'acked=[0-9]*' | cut -d= -f2)
for i in $(seq 1 120); do
  read -r STORED BACKLOG < <(stats | jq -r '"\(.stored) \(.backlog)"')
  [ "$STORED" -ge "$ACKED" ] && [ "$BACKLOG" = 0 ] && break
  sleep 1
done
sleep 1; kill $POLL
FIRST=$(awk '$2>0 {print $1; exit}' "$WORK/stats")
LAST=$(awk -v n="$ACKED" '$2>=n {print $1; exit}' "$WORK/stats")
[ -n "$LAST" ] || LAST=$(tail -1 "$WORK/stats" | cut -d' ' -f1)
STORED=$(tail -1 "$WORK/stats" | cut -d' ' -f2)
SUSTAINED=$(awk -v s="$STORED" -v a="$FIRST" -v b="$LAST" 'BEGIN{printf "%d", s/((b-a)/1e9)}')
echo "== platform: $PLATFORM_PUB; stored $STORED rows, sustained $SUSTAINED readings/s (first row → all stored) ($(uptime | sed 's/.*load/load/'))"
echo "== ratio platform / broker alone: $(awk -v p="$SUSTAINED" -v b="$BROKER_MEDIAN" 'BEGIN{printf "%.2f", p/b}')"
echo "   database: $(stats)"

# 3. latency publish → alarm on SSE at LATENCY_RATE readings/s
gen latency tcp://127.0.0.1:$MQTT_PORT http://localhost:$PORT "$TOKEN" $LATENCY_RATE $SECONDS_LOAD | grep LATENCY | sed 's/^/== /'
echo "load after: $(uptime)"

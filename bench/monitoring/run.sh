#!/usr/bin/env bash
# Monitoring benchmark (issue #4), the load generator (bench.MqttBench in src/test/java) as its own process:
#   1. the broker alone, twice: the platform's embedded broker with a consumer that only counts, and Moquette 0.17
#      (a broker from elsewhere) counting in an interceptor;
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
# RATE=0 offers as fast as the in-flight windows allow (one reading in flight per sensor).
RATE=${RATE:-30000}
MQTT_PORT=${MQTT_PORT:-18831}
BROKER_PORT=${BROKER_PORT:-18832}

mvn -B -q -DskipFrontend test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
LOGBACK=-Dlogback.configurationFile=bench/monitoring/logback-bench.xml
gen() { java -Xmx1g $LOGBACK -cp "$CP" bench.MqttBench "$@"; }
bench_machine
echo "load before: $(uptime); offered $RATE readings/s for $SECONDS_LOAD s from $SENSORS sensors"

# 1. the brokers alone, same generator
alone() { # alone <broker|moquette> → "median total" and prints the line
  local log; log=$(mktemp /tmp/yingji-broker-XXXX.log)
  java -Xmx2g $LOGBACK -cp "$CP" bench.MqttBench "$1" $BROKER_PORT > "$log" 2>&1 &
  local pid=$!
  for i in $(seq 1 30); do grep -q "BROKER ready" "$log" && break; sleep 0.5; done
  local pub; pub=$(gen publish tcp://127.0.0.1:$BROKER_PORT $SENSORS $RATE $SECONDS_LOAD | grep PUBLISH || true)
  sleep 2
  kill $pid; wait $pid 2>/dev/null || true
  local median; median=$(grep -o 'rate=[0-9]*' "$log" | cut -d= -f2 | awk '$1>0' | median)
  echo "== $1 alone: $pub; counted $(grep -o 'total=[0-9]*' "$log" | tail -1 | cut -d= -f2), median $median msg/s ($(uptime | sed 's/.*load/load/'))" >&2
  rm -f "$log"
  echo "$median"
}
BROKER_MEDIAN=$(alone broker)
MOQUETTE_MEDIAN=$(alone moquette)

# 2. the platform
bench_start --yingji.mqtt.port=$MQTT_PORT --yingji.monitoring.bench-sensors=$SENSORS \
  --yingji.monitoring.seed=false --yingji.monitoring.simulator.enabled=false
grep -o "[0-9]* bench sensors created in [0-9]* ms" "$WORK/app.log" || true
TOKEN=$(bench_token | grep -o "yj_[A-Za-z0-9_-]*" | tail -1)
AUTH="Authorization: Bearer $TOKEN"
stats() { curl -s -H "$AUTH" localhost:$PORT/api/monitoring/ingest/stats; }
( while true; do echo "$(date +%s%N) $(stats | jq -r '"\(.stored) \(.backlog)"')"; sleep 0.5; done ) > "$WORK/stats" &
POLL=$!
export MQTT_TOKEN=$TOKEN
PLATFORM_PUB=$(gen publish tcp://127.0.0.1:$MQTT_PORT $SENSORS $RATE $SECONDS_LOAD | grep PUBLISH || true)
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
echo "== ratio platform / our broker alone: $(awk -v p="$SUSTAINED" -v b="$BROKER_MEDIAN" 'BEGIN{printf "%.2f", p/b}')," \
     "platform / Moquette alone: $(awk -v p="$SUSTAINED" -v b="$MOQUETTE_MEDIAN" 'BEGIN{printf "%.2f", p/b}')"
echo "   database: $(stats)"

# 3. latency publish → alarm on SSE at LATENCY_RATE readings/s
gen latency tcp://127.0.0.1:$MQTT_PORT http://localhost:$PORT "$TOKEN" $LATENCY_RATE $SECONDS_LOAD | grep LATENCY | sed 's/^/== /'
echo "load after: $(uptime)"

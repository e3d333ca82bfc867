#!/usr/bin/env bash
# Command benchmark (issue #7): one incident with 10 000 timeline entries (plus an activated plan, its tasks and a
# dispatch), then
#   1. 200 concurrent command-screen users (wrk -c200) cycling through the screen's API calls, target p99 < 100 ms;
#   2. 200 SSE clients on the incident's timeline stream: time from posting a note to its arrival at the last
#      client, target < 1 s (bench/command/sse_fanout.py, RUNS rounds).
# Usage, from the repository root: bench/command/run.sh   (JAR=… to reuse a built jar, ENTRIES=…, CLIENTS=…)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
ENTRIES=${ENTRIES:-10000}
CLIENTS=${CLIENTS:-200}
DB_PORT=${DB_PORT:-$((PORT + 1000))}
bench_machine
bench_start --yingji.db.embedded.port=$DB_PORT --yingji.mqtt.port=0
export TOKEN=$(bench_token)
AUTH="Authorization: Bearer $TOKEN"
post() { curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "$2" "localhost:$PORT$1"; }

team=$(post /api/resources/rescue-teams '{"name":"压测水域救援队","regionCode":"510302","lon":104.78,"lat":29.34,"status":"AVAILABLE","attributes":{"teamKind":"PROFESSIONAL","specialties":["WATER"],"headcount":30,"leader":"压测","phone":"13800000000"}}' | jq .id)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
export INCIDENT=$(post /api/command/incidents "{\"title\":\"压测洪涝事件\",\"type\":\"FLOOD\",\"regionCode\":\"510302\",\"lon\":104.7790,\"lat\":29.3390,\"occurredAt\":\"$now\",\"reporter\":\"压测\"}" | jq .id)
post /api/command/incidents/$INCIDENT/loss-reports "{\"kind\":\"FIRST\",\"regionCode\":\"510302001000\",\"reportedAt\":\"$now\",\"dead\":4,\"evacuated\":800}" >/dev/null
plan=$(curl -s -H "$AUTH" localhost:$PORT/api/command/plans | jq '[.[] | select(.name | contains("防汛抗旱"))][0].id')
post /api/command/incidents/$INCIDENT/activations "{\"planId\":$plan,\"level\":\"III\"}" >/dev/null
post /api/command/incidents/$INCIDENT/dispatches/team "{\"teamId\":$team}" >/dev/null
# The bulk of the timeline straight into the database (the API would take minutes for 10 000 notes).
psql -q -h 127.0.0.1 -p $DB_PORT -U postgres -d yingji -c "
  insert into timeline_entry (incident_id, at, kind, title, detail, actor)
  select $INCIDENT, now() - (g || ' seconds')::interval, 'NOTE', '压测记录 ' || g, '现场报告第 ' || g || ' 条：水位继续上涨，已转移群众', 'bench'
  from generate_series(1, $ENTRIES) g; analyze timeline_entry;"
echo "incident $INCIDENT: timeline entries $(curl -s -H "$AUTH" "localhost:$PORT/api/command/incidents/$INCIDENT/timeline?size=1" | jq .total)," \
     "tasks $(curl -s -H "$AUTH" "localhost:$PORT/api/command/incidents/$INCIDENT/tasks" | jq length)"
export BEFORE=$(curl -s -H "$AUTH" "localhost:$PORT/api/command/incidents/$INCIDENT/timeline?size=50" | jq .nextBefore)
echo "load: $(uptime | sed 's/.*load average/load average/')"

# 1. the screen's API calls, 200 connections: users who pause THINK_MS on average between calls (a screen that
#    gets its updates over SSE and reloads a part now and then), then back-to-back (saturation).
screen_runs() {
  local name=$1
  export THINK_MS=$2
  wrk -t2 -c$CLIENTS -d5s -s bench/command/screen.lua "http://localhost:$PORT" >/dev/null
  : > "$WORK/$name"
  for r in $(seq 1 $RUNS); do
    wrk -t2 -c$CLIENTS -d15s -s bench/command/screen.lua "http://localhost:$PORT" | grep RESULT | tee -a "$WORK/$name"
  done
  echo "== $name ($CLIENTS connections): median p50 $(grep -o 'p50_ms=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median) ms," \
       "median p99 $(grep -o 'p99_ms=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median) ms," \
       "median rps $(grep -o 'rps=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median)"
  echo "load: $(uptime | sed 's/.*load average/load average/')"
}
THINK=${THINK_MS:-500}
screen_runs "screen-users-think-${THINK}ms" $THINK
screen_runs screen-saturation 0

# 2. SSE fan-out to 200 clients
python3 bench/command/sse_fanout.py "localhost:$PORT" "$TOKEN" "$INCIDENT" "$CLIENTS" "$RUNS"
echo "load: $(uptime | sed 's/.*load average/load average/')"

#!/usr/bin/env bash
# Shared by the benchmark scripts: build the jar, start the platform on its own data directory, sign in and
# create an API token for the load generator, take medians. Source it from the repository root.
PORT=${PORT:-8095}
RUNS=${RUNS:-5}
ADMIN_PASSWORD=Bench-Admin-2026
for tool in wrk jq curl; do command -v $tool >/dev/null || apt-get install -y -qq $tool >/dev/null; done

bench_machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB"
}

# bench_start <extra args…>: builds the jar unless JAR is set, starts it, waits for health; sets WORK, APP.
bench_start() {
  if [ -z "${JAR:-}" ]; then
    mvn -B -q -DskipTests -DskipFrontend package
    JAR=$(ls target/yingji-*.jar | head -1)
  fi
  WORK=$(mktemp -d /tmp/yingji-bench-XXXX)
  echo "jar: $JAR, data: $WORK"
  java -Xmx2g -jar "$JAR" --server.port=$PORT --yingji.db.embedded.data-dir="$WORK/pg" \
    --yingji.bootstrap.admin-password=$ADMIN_PASSWORD "$@" > "$WORK/app.log" 2>&1 &
  APP=$!
  trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
  for i in $(seq 1 600); do curl -sf localhost:$PORT/actuator/health >/dev/null && break; sleep 1; done
}

# bench_token: signs in as admin, changes the first password, prints a fresh API token.
bench_token() {
  local jar="$WORK/cookies"
  csrf() { curl -s -c "$jar" -b "$jar" localhost:$PORT/api/auth/csrf | jq -r .token; }
  curl -s -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(csrf)" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" localhost:$PORT/api/auth/login >/dev/null
  curl -s -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(csrf)" -H 'Content-Type: application/json' \
    -d "{\"currentPassword\":\"$ADMIN_PASSWORD\",\"newPassword\":\"${ADMIN_PASSWORD}x\"}" localhost:$PORT/api/auth/password
  curl -s -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(csrf)" -H 'Content-Type: application/json' \
    -d '{"name":"bench"}' localhost:$PORT/api/tokens | jq -r .token
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# bench_wrk <name> <lua script>: a warm-up, then RUNS runs of 10 s; prints the medians of p50, p99 and rps.
bench_wrk() {
  local name=$1 script=$2
  wrk -t1 -c4 -d5s -s "$script" "http://localhost:$PORT" >/dev/null
  : > "$WORK/$name"
  for r in $(seq 1 $RUNS); do
    wrk -t1 -c4 -d10s -s "$script" "http://localhost:$PORT" | grep RESULT | tee -a "$WORK/$name"
  done
  echo "== $name: median p50 $(grep -o 'p50_ms=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median) ms," \
       "median p99 $(grep -o 'p99_ms=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median) ms," \
       "median rps $(grep -o 'rps=[0-9.]*' "$WORK/$name" | cut -d= -f2 | median)"
}

"""SSE fan-out: CLIENTS streams on one incident's timeline; post a note, time its arrival at every client.

Usage: sse_fanout.py host:port token incident clients rounds. Prints per round the slowest and median arrival
(ms after the POST returned... and after it was sent) and the median over rounds of the slowest arrival.
"""
import http.client
import json
import statistics
import sys
import threading
import time

host, token, incident, clients, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
hostname, port = host.split(":")
arrivals = {}  # title -> list of arrival times
lock = threading.Lock()
ready = threading.Barrier(clients + 1)


def listen():
    conn = http.client.HTTPConnection(hostname, int(port), timeout=120)
    conn.request("GET", f"/api/command/incidents/{incident}/stream",
                 headers={"Authorization": "Bearer " + token, "Accept": "text/event-stream"})
    response = conn.getresponse()
    event = None
    waiting = True
    while True:
        line = response.fp.readline()
        if not line:
            return
        line = line.decode("utf-8").rstrip("\r\n")
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:") and event == "hello" and waiting:
            waiting = False
            ready.wait()
        elif line.startswith("data:") and event == "timeline":
            at = time.perf_counter()
            title = json.loads(line[5:])["detail"]
            with lock:
                arrivals.setdefault(title, []).append(at)


for _ in range(clients):
    threading.Thread(target=listen, daemon=True).start()
ready.wait()
time.sleep(1)
slowest = []
for r in range(rounds):
    text = f"fan-out round {r} {time.time()}"
    body = json.dumps({"text": text})
    conn = http.client.HTTPConnection(hostname, int(port), timeout=30)
    sent = time.perf_counter()
    conn.request("POST", f"/api/command/incidents/{incident}/notes", body,
                 {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    status = conn.getresponse().status
    deadline = time.time() + 10
    while time.time() < deadline:
        with lock:
            if len(arrivals.get(text, [])) >= clients:
                break
        time.sleep(0.005)
    got = sorted(arrivals.get(text, []))
    if status != 201 or len(got) < clients:
        print(f"round {r}: status {status}, only {len(got)} of {clients} clients received the entry")
        sys.exit(1)
    last = (got[-1] - sent) * 1000
    median = (statistics.median(got) - sent) * 1000
    slowest.append(last)
    print(f"RESULT round={r} clients={len(got)} median_ms={median:.1f} last_ms={last:.1f}")
    time.sleep(1)
print(f"== SSE fan-out to {clients} clients: median of the slowest arrival {statistics.median(slowest):.1f} ms "
      f"(rounds: {', '.join(f'{s:.0f}' for s in slowest)})")

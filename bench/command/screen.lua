-- wrk script: a command-screen user (one connection) — the first paint (/screen), the next timeline page, the task board, the
-- dispatch list, the team recommendations and the plan suggestions, in turn. $TOKEN, $INCIDENT, $BEFORE.
local token = os.getenv("TOKEN")
local base = "/api/command/incidents/" .. os.getenv("INCIDENT")
local paths = {
  base .. "/screen",
  base .. "/timeline?size=50&before=" .. os.getenv("BEFORE"),
  base .. "/tasks",
  base .. "/dispatches",
  base .. "/team-recommendations",
  base .. "/plan-suggestions",
  base,
}
local think = tonumber(os.getenv("THINK_MS") or "0")
local i = 0
-- A user's pause between two calls (uniform 0..2×THINK_MS); 0 = back-to-back, the saturation test.
delay = function()
  if think == 0 then return 0 end
  return math.random(0, 2 * think)
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Authorization"] = "Bearer " .. token, ["Accept-Encoding"] = "gzip" })
end
dofile("bench/report.lua")
done = function(summary, latency, requests)
  report(summary, latency)
end

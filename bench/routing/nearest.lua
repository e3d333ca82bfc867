-- wrk script: nearest-10 rescue teams by driving time from random points over Zigong.
local token = os.getenv("TOKEN")
local minLon, minLat, maxLon, maxLat = 104.10, 28.95, 105.25, 29.65
math.randomseed(os.time())

request = function()
  local lon = minLon + math.random() * (maxLon - minLon)
  local lat = minLat + math.random() * (maxLat - minLat)
  local path = string.format("/api/routing/nearest?kind=RESCUE_TEAM&n=10&lon=%.5f&lat=%.5f", lon, lat)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

dofile("bench/report.lua")
done = function(summary, latency, requests)
  report(summary, latency)
end

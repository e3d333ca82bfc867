-- wrk script: GET $QUERY (e.g. /api/routing/isochrone?minutes=5) from random points over Zigong (&lon=…&lat=…).
local token = os.getenv("TOKEN")
local query = os.getenv("QUERY")
local minLon, minLat, maxLon, maxLat = 104.10, 28.95, 105.25, 29.65
math.randomseed(os.time())

request = function()
  local lon = minLon + math.random() * (maxLon - minLon)
  local lat = minLat + math.random() * (maxLat - minLat)
  local path = string.format("%s&lon=%.5f&lat=%.5f", query, lon, lat)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

dofile("bench/report.lua")
done = function(summary, latency, requests)
  report(summary, latency)
end

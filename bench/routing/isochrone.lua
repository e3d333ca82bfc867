-- wrk script: 5-minute isochrones (GeoJSON) from random points over Zigong.
local token = os.getenv("TOKEN")
local minLon, minLat, maxLon, maxLat = 104.10, 28.95, 105.25, 29.65
math.randomseed(os.time() + 7)

request = function()
  local lon = minLon + math.random() * (maxLon - minLon)
  local lat = minLat + math.random() * (maxLat - minLat)
  local path = string.format("/api/routing/isochrone?minutes=5&lon=%.5f&lat=%.5f", lon, lat)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

dofile("bench/report.lua")
done = function(summary, latency, requests)
  report(summary, latency)
end

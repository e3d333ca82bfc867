-- wrk script: random viewport bboxes over Zigong for one resource layer.
-- VIEW_W/VIEW_H (degrees) come from the environment; 0 means the whole city.
local kind = os.getenv("KIND") or "shelters"
local w = tonumber(os.getenv("VIEW_W") or "0.2")
local h = tonumber(os.getenv("VIEW_H") or "0.15")
local token = os.getenv("TOKEN")
local minLon, minLat, maxLon, maxLat = 104.05, 28.85, 105.30, 29.70
math.randomseed(os.time())

request = function()
  local path
  if w <= 0 then
    path = "/api/resources/layers/" .. kind
  else
    local lon = minLon + math.random() * (maxLon - minLon - w)
    local lat = minLat + math.random() * (maxLat - minLat - h)
    path = string.format("/api/resources/layers/%s?bbox=%.5f,%.5f,%.5f,%.5f", kind, lon, lat, lon + w, lat + h)
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

dofile("bench/report.lua")
done = function(summary, latency, requests)
  report(summary, latency)
end

-- wrk script: GET the path in $URL_PATH with the token in $TOKEN.
local path = os.getenv("URL_PATH")
local token = os.getenv("TOKEN")
request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token, ["Accept-Encoding"] = "gzip" })
end
dofile("bench/report.lua")
done = function(summary, latency, requests)
  report(summary, latency)
end

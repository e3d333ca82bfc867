-- The closing line every benchmark's wrk script prints; loaded with dofile() by them.
function report(summary, latency)
  io.write(string.format("RESULT requests=%d errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f rps=%.1f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end

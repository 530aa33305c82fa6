-- wrk script for the webhook benchmark: posts pre-signed, distinct Twilio webhooks.
-- Usage: wrk ... -s bench/wrk_cycle.lua URL -- DATAFILE
-- DATAFILE has one request per line: "<X-Twilio-Signature>\t<urlencoded form>". Each wrk thread takes
-- every n-th line (its own slice), so no two requests carry the same MessageSid until a slice wraps
-- (counted, and reported by done()).

local thread_count = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local path = args[1]
  local nthreads = tonumber(args[2] or "1")
  reqs = {}
  local i = 0
  for line in io.lines(path) do
    if i % nthreads == tid then
      local sig, body = line:match("^([^\t]*)\t(.*)$")
      reqs[#reqs + 1] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = sig,
        ["User-Agent"] = "TwilioProxy/1.1",
      }, body)
    end
    i = i + 1
  end
  idx = 0
  wrapped = 0
  non2xx = 0
end

function request()
  idx = idx + 1
  if idx > #reqs then
    idx = 1
    wrapped = wrapped + 1
  end
  return reqs[idx]
end

function response(status, headers, body)
  if status ~= 200 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local wraps, bad = 0, 0
  for _, t in ipairs(threads) do
    wraps = wraps + (t:get("wrapped") or 0)
    bad = bad + (t:get("non2xx") or 0)
  end
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "non200": %d, "wrapped": %d, ' ..
    '"p50_us": %d, "p75_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, bad, wraps,
    latency:percentile(50), latency:percentile(75), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end

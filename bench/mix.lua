-- wrk script for the load benchmark (bench/load.py):
--   wrk -t2 -c8 -d15s -s bench/mix.lua http://127.0.0.1:PORT -- paths.txt
-- Each thread cycles through the search paths in paths.txt (one per line,
-- the mix of bench/mix.py), counts answers outside 2xx, and the last line
-- printed is one JSON object with the counts and latency percentiles.
-- With a second argument "uncached" every path gets a parameter of its own
-- (ignored by the search), so that no page comes from the page cache.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      table.insert(paths, line)
    end
  end
  -- Threads start at different searches so they do not move in lockstep.
  counter = (id or 0) % #paths
  non2xx = 0
  uncached = args[2] == "uncached"
  sent = 0
end

function request()
  counter = counter % #paths + 1
  sent = sent + 1
  local path = paths[counter]
  if uncached then
    path = path .. "&bench=" .. tostring(math.random(1, 1000000000)) .. "-" .. sent
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non = 0
  for _, thread in ipairs(threads) do
    non = non + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "non_2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, '
      .. '"latency_p50_ms": %.2f, "latency_p99_ms": %.2f}\n',
    summary.requests, non, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

-- wrk script: each request books one visit through POST /api/v1/visits, as the operator's console does
-- (with an Idempotency-Key), for a resident and service from the work file load.py --prepare wrote.
-- Each wrk thread takes every n-th line, so no two threads book the same resident and service.
-- RATE (requests per second, all connections together; 0: as fast as possible) paces the requests.
local work_file = os.getenv("WORK") or "target/bench-booking/work.txt"
local rate = tonumber(os.getenv("RATE") or "0")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(work_file, "r"))
  local token, day = f:read("*l"):match("(%S+) (%S+)")
  items = {}
  local n = 0
  for line in f:lines() do
    n = n + 1
    if (n - 1) % tonumber(os.getenv("WRK_THREADS") or "2") == index - 1 then
      local resident, service = line:match("(%S+) (%S+)")
      table.insert(items, { resident, service })
    end
  end
  f:close()
  next_item = 1
  sent = 0
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  today = day
  connections = tonumber(os.getenv("CONNECTIONS") or "8")
end

function delay()
  if rate <= 0 then
    return 0
  end
  -- each connection sends at rate / connections per second
  return math.floor(connections * 1000 / rate)
end

function request()
  local item = items[next_item]
  if item == nil then
    next_item = 1
    item = items[1]
  end
  next_item = next_item + 1
  sent = sent + 1
  headers["Idempotency-Key"] = string.format("wrk-%d-%d-%d", index, sent, math.random(1, 2000000000))
  local body = string.format('{"residentId":"%s","serviceTypeCode":"%s","channel":"HOTLINE_12345",'
    .. '"caller":{"name":"家属","relation":"CHILD","phone":"13907310088"},'
    .. '"preferredDate":"%s","preferredPeriod":"ANY"}', item[1], item[2], today)
  return wrk.format("POST", "/api/v1/visits", headers, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format('{"requests":%d,"seconds":%.1f,"per_second":%.1f,"non2xx":%d,"p50_ms":%.1f,"p99_ms":%.1f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), non2xx,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

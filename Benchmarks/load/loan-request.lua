-- wrk script: POSTs config/examples/loan-request.xml to illgate's /iso18626, each time with a unique
-- requestingAgencyRequestId ("HTTP-<tag>-<thread>-<counter>"), so every request creates a new transaction.
-- Responses that are not HTTP 200 with <messageStatus>OK are counted per thread and reported by done().
--
-- wrk -t2 -c64 -d25s --latency -s Benchmarks/load/loan-request.lua http://127.0.0.1:18626/iso18626 -- \
--     config/examples/loan-request.xml [TAG]
-- TAG (default: the time) keeps ids unique across runs against the same database.

local threads = {}
local next_thread_id = 0

function setup(thread)
  thread:set("id", next_thread_id)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  local path = args[1] or "config/examples/loan-request.xml"
  tag = args[2] or tostring(os.time())
  local file = assert(io.open(path, "rb"), "cannot open " .. path)
  local xml = file:read("*a")
  file:close()
  local first, last = xml:find("PARTNER-2026-000123", 1, true)
  assert(first, path .. " does not contain the request id PARTNER-2026-000123")
  prefix = xml:sub(1, first - 1)
  suffix = xml:sub(last + 1)
  headers = { ["Content-Type"] = "application/xml" }
  counter = 0
  ok = 0
  non_ok = 0
  non_200 = 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", nil, headers, prefix .. "HTTP-" .. tag .. "-" .. id .. "-" .. counter .. suffix)
end

function response(status, headers, body)
  if status == 200 and body:find("messageStatus>OK<", 1, true) then
    ok = ok + 1
  else
    non_ok = non_ok + 1
    if status ~= 200 then non_200 = non_200 + 1 end
    if first_problem == nil then first_problem = status .. " " .. body:sub(1, 400) end
  end
end

function done(summary, latency, requests)
  local total_ok, total_non_ok, total_non_200, problem = 0, 0, 0, nil
  for _, thread in ipairs(threads) do
    total_ok = total_ok + (thread:get("ok") or 0)
    total_non_ok = total_non_ok + (thread:get("non_ok") or 0)
    total_non_200 = total_non_200 + (thread:get("non_200") or 0)
    problem = problem or thread:get("first_problem")
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("OK responses: %d  non-OK responses: %d (of which not HTTP 200: %d)  socket errors: %d\n",
    total_ok, total_non_ok, total_non_200, errors))
  if problem then io.write("first non-OK response: " .. problem .. "\n") end
  io.write(string.format(
    "RESULT transport=http seconds=%.1f requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non_ok=%d non_200=%d errors=%d\n",
    seconds, summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    total_non_ok, total_non_200, errors))
end

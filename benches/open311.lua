-- Open311 `POST /open311/v2/requests.json` under wrk: every request files a new report
-- (its own `client_token`, so none is a retry of another) with the partner key given.
--
--   wrk -tN -cN -dSECONDS -s benches/open311.lua http://127.0.0.1:PORT -- KEY
--
-- done() prints one JSON line: answers by status (200 = a report made) and the seconds.
local key = "missing"
local counter = 0
local thread_id = 0
local threads = {}
local started = 0

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   key = args[1] or key
   thread_id = id
   started = os.time()
   wrk.method = "POST"
   wrk.path = "/open311/v2/requests.json"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
end

local function form(t)
   local parts = {}
   for k, v in pairs(t) do
      table.insert(parts, k:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end)
         .. "=" .. v:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
   end
   return table.concat(parts, "&")
end

function request()
   counter = counter + 1
   local body = form({
      api_key = key,
      client_token = string.format("bench-%d-%d-%d", started, thread_id, counter),
      service_code = "infrastructure",
      description = "Jalan berlubang di depan pasar, membahayakan pengendara motor pada malam hari.",
      ["attribute[kind]"] = "complaint",
      ["attribute[title]"] = "Jalan berlubang di depan pasar",
      ["attribute[privacy]"] = "public",
      ["attribute[province]"] = "32",
      ["attribute[regency]"] = "32.73",
      ["attribute[consent]"] = "yes",
      first_name = "Sari Wulandari",
      email = "sari@example.org",
   })
   return wrk.format(nil, nil, nil, body)
end

local statuses = {}
function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   -- Per-thread counts are not shared back; wrk's own summary has the totals, and the
   -- caller counts the reports in the database.
   io.write(string.format('{"requests":%d,"seconds":%.3f,"non_2xx":%d,"p50_ms":%.2f,"p99_ms":%.2f}\n',
      summary.requests, summary.duration / 1e6, summary.errors.status,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

-- The report form under wrk, one connection per wrk thread (-tN -cN), so each thread's
-- requests and answers follow one another and the thread can keep its own state.
--
--   wrk -tN -cN -dSECONDS -s benches/form.lua URL -- fill DIR
--       each thread starts drafts and answers every step until the time is up; the
--       cookie of every complete draft goes to DIR/cookies.<thread>
--   wrk -tN -cN -dMAX -s benches/form.lua URL -- send DIR
--       thread k sends the drafts of the k-th share of DIR/cookies.* ("Send report") and
--       stops when its share is answered; the run lasts until the last thread stops
--
-- done() prints one JSON line: counts, seconds and the latency percentiles of the run.
-- Anything but the expected 303 is counted as refused (its status and Location kept).
-- wrk itself runs for -d seconds whatever its threads do, so in send mode a thread that
-- is done writes DIR/done.<thread>, the caller sends wrk SIGINT once all are there, and
-- the seconds printed are from the first request sent to the last answer received
-- (CLOCK_MONOTONIC through LuaJIT's ffi).

local ffi = require("ffi")
ffi.cdef [[
   typedef struct { long tv_sec; long tv_nsec; } balai_timespec;
   int clock_gettime(int clock, balai_timespec *t);
]]
local function now()
   local t = ffi.new("balai_timespec")
   ffi.C.clock_gettime(1, t) -- CLOCK_MONOTONIC
   return tonumber(t.tv_sec) + tonumber(t.tv_nsec) * 1e-9
end

local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   thread:set("count", 0)
   table.insert(threads, thread)
end

-- The answers of every step (valid) and the step each leads to; as in bench.py.
local STEPS = {
   { "kind", "kind=complaint", "details" },
   { "details", "title=Puskesmas+tutup+sebelum+jam+layanan&description=Puskesmas+di+kelurahan+kami+tutup+pukul+11+siang%2C+padahal+papan+di+depan+menyebut+layanan+sampai+pukul+14.+Warga+yang+datang+siang+hari+harus+pulang+tanpa+dilayani.&category=health", "province" },
   { "province", "province=51", "place" },
   { "place", "regency=51.71&place=", "date" },
   { "date", "day=1&month=11&year=2026", "agency" },
   { "agency", "agency=", "photos" },
   { "privacy", "privacy=public", "about-you" },
   { "about-you", "name=Pelapor+Uji&email=pelapor%40example.org&behalf=self&consent=yes", "check" },
}

local FORM = "application/x-www-form-urlencoded"

local function post(path, body, cookie)
   local headers = { ["Content-Type"] = FORM }
   if cookie then
      headers["Cookie"] = cookie
   end
   return wrk.format("POST", path, headers, body)
end

local function location(headers)
   return headers["location"] or headers["Location"] or ""
end

function init(args)
   mode, dir = args[1], args[2]
   count, refused, samples = 0, 0, {}
   first, last = 0, 0
   if mode == "fill" then
      out = assert(io.open(dir .. "/cookies." .. id, "w"))
      step, cookie = 0, nil -- step 0: start a draft; 1..8: the steps
   elseif mode == "send" then
      -- Every cookie file, in order; this thread takes every n-th line.
      local n = tonumber(args[3])
      cookies, i = {}, 0
      local p = assert(io.popen("cat " .. dir .. "/cookies.* 2>/dev/null"))
      for line in p:lines() do
         if i % n == id - 1 then
            table.insert(cookies, line)
         end
         i = i + 1
      end
      p:close()
      answered = 0
   else
      error("mode must be fill or send")
   end
end

function request()
   if mode == "fill" then
      if step == 0 then
         return post("/en/reports/new", "", nil)
      end
      local s = STEPS[step]
      return post("/en/reports/new/" .. s[1], s[2], cookie)
   end
   if first == 0 then
      first = now()
   end
   -- The next cookie is taken when its answer comes (response): wrk calls request() once
   -- more than it sends, on the first thread, to check the script.
   local c = cookies[answered + 1]
   if c == nil then -- the share is answered and the thread stopping
      return wrk.format("GET", "/health")
   end
   return post("/en/reports/new/send", "", c)
end

local function refuse(status, headers)
   refused = refused + 1
   if #samples < 5 then
      table.insert(samples, status .. " " .. location(headers))
   end
end

function response(status, headers, body)
   if mode == "fill" then
      if step == 0 then
         local c = (headers["set-cookie"] or headers["Set-Cookie"] or ""):match("(balai_draft=[0-9a-f]+)")
         if status == 303 and c then
            cookie, step = c, 1
         else
            refuse(status, headers)
         end
         return
      end
      local following = STEPS[step][3]
      if status == 303 and location(headers):sub(-#following - 13) == "/reports/new/" .. following then
         if step == #STEPS then
            out:write(cookie, "\n")
            out:flush()
            count, step, cookie = count + 1, 0, nil
         else
            step = step + 1
         end
      else
         refuse(status, headers)
         step, cookie = 0, nil
      end
      return
   end
   if answered < #cookies then
      answered = answered + 1
      if status == 303 and location(headers):sub(-17) == "/reports/new/sent" then
         count = count + 1
      else
         refuse(status, headers)
      end
      last = now()
   end
   if answered >= #cookies then
      assert(io.open(dir .. "/done." .. id, "w")):close()
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local count, refused, samples = 0, 0, {}
   local first, last = math.huge, 0
   for _, t in ipairs(threads) do
      count = count + t:get("count")
      refused = refused + t:get("refused")
      if t:get("first") > 0 then
         first = math.min(first, t:get("first"))
      end
      last = math.max(last, t:get("last"))
      for _, s in ipairs(t:get("samples")) do
         table.insert(samples, string.format("%q", s))
      end
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   if last > first then -- send mode
      seconds = last - first
   end
   io.write(string.format(
      '{"count": %d, "refused": %d, "refused_sample": [%s], "errors": %d, "requests": %d, ' ..
      '"seconds": %.3f, "p50_ms": %.3f, "p99_ms": %.3f}\n',
      count, refused, table.concat(samples, ", "),
      e.connect + e.read + e.write + e.timeout, summary.requests,
      seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

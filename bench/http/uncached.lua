-- uncached.lua — many analysts exploring different units and periods at once: every request
-- asks /api/v1/indicators or /api/v1/drilldown (alternately, per connection) for a random
-- unit and a random date window (1 to 366 days inside the data's years), the drill-down for
-- a random indicator and part, so the server's per-load response cache never answers.
-- Arguments (after --): units file (one unit id a line), indicators file (one id a line),
-- first day and last day of the data (YYYY-MM-DD). Used by `MIX=uncached bench/http/run.sh`.
local units, inds = {}, {}
local first, span
local n = 0

local function lines(path, into)
  for l in io.lines(path) do
    if l ~= "" then into[#into + 1] = l end
  end
end

local function epoch(s)
  local y, m, d = s:match("(%d+)-(%d+)-(%d+)")
  return os.time({year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12})
end

local thread_no = 0
function setup(thread)
  thread_no = thread_no + 1
  thread:set("seed", thread_no)
end

function init(args)
  lines(args[1], units)
  lines(args[2], inds)
  first = epoch(args[3])
  span = math.floor((epoch(args[4]) - first) / 86400)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

local function window()
  local len = math.random(1, 366)
  local a = math.random(0, span - len + 1)
  return os.date("%Y-%m-%d", first + a * 86400), os.date("%Y-%m-%d", first + (a + len - 1) * 86400)
end

function request()
  n = n + 1
  local from, to = window()
  local unit = units[math.random(#units)]
  if n % 2 == 1 then
    return wrk.format("GET", "/api/v1/indicators?unit=" .. unit .. "&from=" .. from .. "&to=" .. to)
  end
  local part = math.random(2) == 1 and "numerator" or "denominator"
  return wrk.format("GET", "/api/v1/drilldown?indicator=" .. inds[math.random(#inds)] .. "&part=" ..
    part .. "&unit=" .. unit .. "&from=" .. from .. "&to=" .. to)
end

-- lib.dates.grammar: the date grammar as data, in the spirit of HeidelTime's
-- resource files. Each rule is { name, type, pattern, norm }:
--
--   type     the TimeML type: DATE, TIME, DURATION or SET (the vague DATEs
--            PRESENT_REF / PAST_REF / FUTURE_REF become TIMEREF annotations)
--   pattern  a PCRE2 pattern (case-insensitive, written with the fragments
--            in W below), named groups for the parts norm reads
--   norm     function(c, env) -> { value, precision, mod, kind, type } or nil
--            (nil: not an expression after all). c holds the named groups
--            (c.unit, ...; nil when a group did not take part); env the
--            article's anchor and the resolvers of scripts/rules/20_dates.lua.
--            A norm may return { ref = function(r) ... end } instead of a
--            value: it is resolved in text order against the last resolved
--            date before it ("a year earlier", "the quarter").
--
-- The rules are tried in order at each position (the first that matches
-- wins), so longer expressions come before their parts. All of them are
-- compiled into one pattern and the article is scanned once
-- (lib.dates.scan). Matching is here; the value arithmetic is lib.dates.timex.

local timex = require "lib.dates.timex"

local W = {}
local ONES = { one = 1, two = 2, three = 3, four = 4, five = 5, six = 6, seven = 7, eight = 8,
               nine = 9, ten = 10, eleven = 11, twelve = 12, thirteen = 13, fourteen = 14,
               fifteen = 15, sixteen = 16, seventeen = 17, eighteen = 18, nineteen = 19 }
local TENS = { twenty = 20, thirty = 30, forty = 40, fifty = 50, sixty = 60, seventy = 70,
               eighty = 80, ninety = 90 }
W.NUMWORD = "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\\b)?" ..
            "|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen" ..
            "|fifteen|sixteen|seventeen|eighteen|nineteen|a\\s+hundred|hundreds)"
-- a count: digits, number words, a/an, or vague (a few, several: X)
W.NUM = "(?:\\d{1,4}(?:\\.\\d+|\\s+1/2)?|" .. W.NUMWORD .. "|a\\s+couple\\s+of|a\\s+few|few|several|many|some|a|an)"
W.UNIT = "(?:second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ie))"
W.UNITS = W.UNIT .. "s?"
W.MOD = "(?:about|around|roughly|approximately|some|nearly|almost|more\\s+than|less\\s+than|fewer\\s+than|over|under|at\\s+least|at\\s+most|up\\s+to|well\\s+over|just\\s+over|just\\s+under)"
W.MONTH = "(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
W.WEEKDAY = "(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
W.YEAR = "(?:19|20)\\d\\d"
W.ORD = "(?:first|second|third|fourth|1st|2nd|3rd|4th)"
W.POD = "(?:morning|afternoon|evening|night|overnight)"

local M = { W = W }

-- The key words, in sets: every match of a rule holds a word of one of
-- the sets its `keys` names and reaches at most `before` bytes before it
-- and `after` bytes past it, so the scan (lib.dates.scan) looks at the text
-- only around them. A key is a word prefix ("year" also finds "years",
-- "year-earlier"); '#' is a digit.
M.keysets = {
  UNITS = { words = "second minute hour day week month quarter year decade centur half period ago " ..
                    "past fiscal weekend", before = 44, after = 28 },
  MONTHS = { words = "january february march april may june july august september october november " ..
                     "december jan feb mar apr jun jul aug sep oct nov dec", before = 20, after = 16 },
  DAYS = { words = "monday tuesday wednesday thursday friday saturday sunday today tonight yesterday " ..
                   "tomorrow morning afternoon evening night overnight", before = 12, after = 24 },
  REL = { words = "last next this past coming", before = 12, after = 16 },
  NEXT = { words = "following next previous preceding", before = 6, after = 16 },
  EVERY = { words = "every each", before = 0, after = 24 },
  ADVERB = { words = "daily nightly weekly monthly annually yearly hourly", before = 0, after = 0 },
  VAGUE = { words = "now current present time recent lately formerly earlier future soon later date past",
            before = 12, after = 12 },
  DIGITS = { words = "19## 20## #0s #/ ##/ #. ##. ####-", before = 24, after = 10 },
  SPOKEN = { words = "nineteen thousand twenties thirties forties fifties sixties seventies eighties nineties",
             before = 16, after = 28 },
  SEASONS = { words = "spring summer fall autumn winter", before = 12, after = 16 },
}


-- "twenty four" -> 24, "a few" -> "X", "2 1/2" -> 2.5
function M.number(s)
  if not s then return nil end
  s = s:lower():gsub("%s+", " ")
  local n = tonumber(s)
  if n then return n end
  local i = s:match("^(%d+) 1/2$")
  if i then return tonumber(i) + 0.5 end
  if s == "a" or s == "an" then return 1 end
  if s == "a couple of" then return 2 end
  if s == "a hundred" then return 100 end
  if s == "a few" or s == "few" or s == "several" or s == "many" or s == "some" or s == "hundreds" then
    return "X"
  end
  if ONES[s] then return ONES[s] end
  local t, o = s:match("^(%a+)[- ](%a+)$")
  if t and TENS[t] and ONES[o] then return TENS[t] + ONES[o] end
  return TENS[s]
end

local MODS = { about = "APPROX", around = "APPROX", roughly = "APPROX", approximately = "APPROX",
               some = "APPROX", nearly = "LESS_THAN", almost = "LESS_THAN", ["less than"] = "LESS_THAN",
               ["fewer than"] = "LESS_THAN", under = "LESS_THAN", ["just under"] = "LESS_THAN",
               ["more than"] = "MORE_THAN", over = "MORE_THAN", ["well over"] = "MORE_THAN",
               ["just over"] = "MORE_THAN", ["at least"] = "EQUAL_OR_MORE",
               ["at most"] = "EQUAL_OR_LESS", ["up to"] = "EQUAL_OR_LESS" }
function M.mod(s) return s and MODS[s:lower():gsub("%s+", " ")] end

-- a unit word -> its name and ISO 8601 duration letter (T: a time part)
local UNIT = { second = { "second", "S", true }, minute = { "minute", "M", true },
               hour = { "hour", "H", true }, day = { "day", "D" }, week = { "week", "W" },
               month = { "month", "M" }, quarter = { "quarter", "Q" }, year = { "year", "Y" },
               decade = { "decade", "Y", false, 10 }, century = { "century", "Y", false, 100 },
               centurie = { "century", "Y", false, 100 } }
function M.unit(s)
  if not s then return nil end
  s = s:lower():gsub("s$", "")
  return UNIT[s]
end

-- a half of a unit in the next smaller one: 2 1/2 years = P2Y6M
local HALF = { Y = "6M", M = "2W", W = "3D12H", D = "12H", H = "30M", Q = "1M15D" }
-- P3M, PT24H, PXY, P2Y6M, P20Y (two decades: TimeML counts them in years)
function M.duration(n, unit)
  local u = M.unit(unit)
  if not u or not n then return nil end
  local t = u[3] and "T" or ""
  if n == "X" then return "P" .. t .. "X" .. u[2] end
  n = n * (u[4] or 1)
  local whole = math.floor(n)
  if n ~= whole then
    if n - whole ~= 0.5 or not HALF[u[2]] or u[1] == "minute" or u[1] == "second" then
      return "P" .. t .. string.format("%g", n) .. u[2]
    end
    local h = HALF[u[2]]
    if u[1] == "day" then return "P" .. whole .. "DT12H" end
    if u[1] == "hour" then return "PT" .. whole .. "H30M" end
    return "P" .. whole .. u[2] .. h
  end
  return "P" .. t .. string.format("%d", whole) .. u[2]
end

local SEASON = { spring = "SP", summer = "SU", fall = "FA", autumn = "FA", winter = "WI" }
local ORDQ = { first = 1, second = 2, third = 3, fourth = 4, ["1st"] = 1, ["2nd"] = 2, ["3rd"] = 3, ["4th"] = 4 }
local POD = { morning = "MO", afternoon = "AF", evening = "EV", night = "NI", overnight = "NI" }
M.POD = POD
local SET_ADV = { daily = "P1D", nightly = "P1D", weekly = "P1W", monthly = "P1M",
                  annually = "P1Y", yearly = "P1Y", hourly = "PT1H" }
local REL_STEP = { last = -1, past = -1, previous = -1, next = 1, coming = 1, following = 1,
                   this = 0, current = 0 }

-- a quarter of the article's year, or of the year nearest to the article
-- date (in January "the fourth quarter" is the one just ended)
-- (the latest one begun by the article date: results are reported after
-- the quarter; the next one begun when the clause speaks of the future)
local function near_quarter(env, q, s, e)
  local a = env.anchor
  if not a then return nil end
  local y = q <= a.q and a.y or a.y - 1
  if y < a.y and env.future(s, e) then y = a.y end
  return y
end

-- "early", "the end of", "mid-", "later" -> START, END, MID
function M.pos_mod(pos)
  pos = pos:lower()
  if pos:find("end") or pos:find("^late") then return "END" end
  if pos:find("mid") then return "MID" end
  return "START"
end

-- a point cut to a coarser granularity: the year of a day, ...
function M.truncate(p, unit)
  if not p then return nil end
  if unit == "year" then return { g = "year", y = p.y } end
  if unit == "month" then return p.m and { g = "month", y = p.y, m = p.m } or nil end
  if unit == "day" then return p.g == "day" and p or nil end
  if unit == "week" then
    if p.g == "week" then return p end
    if p.g == "day" then
      local y, w = timex.iso_week(require("lib.text").to_days(p.y, p.m, p.d))
      return { g = "week", y = y, w = w }
    end
  end
  return nil
end

local function vague(v) return { value = v, precision = "vague", kind = "TIMEREF", type = "DATE" } end

-- the reference quarter: the last one the text named, else the one before
-- the article's (a report on results names the quarter just ended)
local function ref_quarter(r, env, back)
  local p = r and r.p
  if p and p.g == "quarter" then return timex.shift(p, "year", back or 0) end
  local a = env.anchor
  if not a then return nil end
  local k = a.y * 4 + a.q - 2
  return timex.shift({ g = "quarter", y = k // 4, q = k % 4 + 1 }, "year", back or 0)
end

M.rules = {
  -- "a year earlier", "the year-ago quarter", "the quarter a year ago": the
  -- last named time one year back, at its granularity
  { name = "year_earlier_period", keys = "UNITS", type = "DATE",
    pattern = "(?:the\\s+)?(?:comparable\\s+|corresponding\\s+)?year-(?:earlier|ago)\\s+(?:(?<ord>" .. W.ORD .. ")\\s+)?(?:quarter|period)",
    norm = function(c, env)
      if c.ord then
        local a = env.anchor
        return { value = a and string.format("%04d-Q%d", a.y - 1, ORDQ[c.ord:lower()]), precision = "quarter" }
      end
      return { ref = function(r) return ref_quarter(r, env, -1), "quarter" end }
    end },
  { name = "quarter_year_ago", keys = "UNITS", type = "DATE",
    pattern = "the\\s+(?:quarter|period)\\s+a\\s+year\\s+(?:ago|earlier)",
    norm = function(_, env) return { ref = function(r) return ref_quarter(r, env, -1), "quarter" end } end },
  { name = "offset_earlier", keys = "UNITS", type = "DATE",
    pattern = "(?:(?<mod>" .. W.MOD .. ")\\s+)?(?<n>" .. W.NUM .. ")\\s+(?<unit>(?:day|week|month|quarter|year)s?)\\s+(?<dir>earlier|later|(?:before|after)(?=\\s*[,.;:)]|\\s*$))",
    norm = function(c, env)
      local n, u = M.number(c.n), M.unit(c.unit)
      if n == "X" or not u or n % 1 ~= 0 then return nil end
      local sign = (c.dir:lower() == "earlier" or c.dir:lower() == "before") and -1 or 1
      local mod = M.mod(c.mod)
      return { mod = mod, ref = function(far, near)
        local r = (u[1] == "day" or u[1] == "week") and near or far
        local p = r and r.p
        if not p and env.anchor then p = timex.of_days(env.anchor.days) end
        if not p then return nil end
        if u[1] == "year" or u[1] == "quarter" or u[1] == "month" or u[1] == "week" or u[1] == "day" then
          local q = timex.shift(p, u[1], sign * n)
          return q, q and q.g
        end
        return nil
      end }
    end },
  { name = "year_earlier_adj", keys = "UNITS", type = "DATE",
    pattern = "year-(?:earlier|ago)",
    norm = function(_, env)
      return { ref = function(r)
        local p = r and r.p
        if p then local q = timex.shift(p, "year", -1); return q, q and q.g end
        return ref_quarter(nil, env, -1), "quarter"
      end }
    end },
  -- "nearly four years ago", "a year ago" (after a quarter: that quarter)
  { name = "ago", keys = "UNITS", type = "DATE",
    pattern = "(?:(?<mod>" .. W.MOD .. ")\\s+)?(?<n>" .. W.NUM .. ")\\s+(?<unit>" .. W.UNITS .. ")\\s+ago",
    norm = function(c, env)
      local n, u = M.number(c.n), M.unit(c.unit)
      local a = env.anchor
      local mod = M.mod(c.mod)
      if not u then return nil end
      if n == "X" or not a or n % 1 ~= 0 then return { value = nil, precision = u[1], mod = mod } end
      local now = timex.of_days(a.days)
      if u[1] == "year" and n == 1 then
        return { mod = mod, ref = function(r)
          if r and r.p and r.p.g == "quarter" then return timex.shift(r.p, "year", -1), "quarter" end
          return { g = "year", y = a.y - 1 }, "year"
        end }
      end
      if u[1] == "day" then return { value = timex.format(timex.shift(now, "day", -n)), precision = "day", mod = mod } end
      if u[1] == "week" then
        local p = timex.shift(now, "day", -7 * n)
        local y, w = timex.iso_week(a.days - 7 * n)
        return { value = string.format("%04d-W%02d", y, w), precision = "week", mod = mod, _p = p }
      end
      if u[1] == "month" then
        local p = timex.shift({ g = "month", y = a.y, m = a.m }, "month", -n)
        return { value = timex.format(p), precision = "month", mod = mod }
      end
      if u[1] == "year" then return { value = string.format("%04d", a.y - n), precision = "year", mod = mod } end
      if u[1] == "decade" then return { value = string.format("%04d", a.y - 10 * n), precision = "year", mod = mod } end
      return { value = nil, precision = u[1], mod = mod }
    end },
  -- quarters and halves: "the third quarter", "third-quarter", "the fiscal
  -- first quarter", "the 1988 second quarter", "this year's third quarter",
  -- "the third quarter of 1984"
  { name = "quarter", keys = "UNITS", type = "DATE",
    pattern = "(?<det>(?:the|its|a|their|this|that)\\s+)?(?:(?<rel>this|last|next)\\s+year['’]s\\s+)?(?:(?<y1>" .. W.YEAR ..
              ")\\s+)?(?:(?:flat|comparable|same|traditionally\\s+\\w+|fiscal|latest)[- ]+)*(?<ord>" .. W.ORD ..
              "|last(?=\\s+half))(?<sep>[- ])(?<what>quarter|half)(?:\\s+of\\s+(?:fiscal\\s+)?(?<y2>" .. W.YEAR .. "))?",
    norm = function(c, env)
      local q = ORDQ[c.ord:lower()] or 2          -- "the last half"
      local half = c.what:lower() == "half"
      if half and q > 2 then return nil end
      local y = tonumber(c.y1 or c.y2)
      local a = env.anchor
      if not y and c.rel and a then y = a.y + REL_STEP[c.rel:lower()] end
      if not y and a then
        if half then y = a.y else y = near_quarter(env, q, c._s, c._e) end
      end
      local v = y and string.format("%04d-%s%d", y, half and "H" or "Q", q)
      -- "a third-quarter loss", "its fourth quarter": the determiner is not
      -- part of the expression, except "the third quarter"
      local trim
      if c.det and (c.sep == "-" or not c.det:lower():match("^the")) then trim = #c.det end
      return { value = v, precision = half and "half" or "quarter", trim = trim,
               how = (c.y1 or c.y2) and "absolute" or nil }
    end },
  { name = "the_quarter", keys = "UNITS", type = "DATE",
    pattern = "(?:the|this|that|its)\\s+(?:(?<cur>current|latest|recent|most\\s+recent|previous|past|same|fiscal)\\s+)?(?<what>quarter|period)(?!-|\\s+(?:of|ended|ending|to|when|that|in|before|after)\\b)",
    norm = function(c, env)
      local what, cur = c.what:lower(), c.cur and c.cur:lower()
      local first = c._text:match("^%a+"):lower()
      if what == "period" and not (cur == "latest" or cur == "same" or cur == "current") then return nil end
      if cur == "current" or (first == "this" and what == "quarter") then
        return { ref = function(r)
          if first == "this" and r and r.p and r.p.g == "quarter" then return r.p, "quarter" end
          local a = env.anchor
          return a and { g = "quarter", y = a.y, q = a.q }, "quarter"
        end }
      end
      if cur == "previous" or cur == "past" then
        return { ref = function(r)
          local p = ref_quarter(r, env, 0)
          return p and timex.shift(p, "quarter", -1), "quarter"
        end }
      end
      if cur == "latest" or cur == "most recent" or cur == "recent" then
        return { ref = function() return ref_quarter(nil, env, 0), "quarter" end }
      end
      return { ref = function(r) return ref_quarter(r, env, 0), "quarter" end }
    end },
  -- "the 1988 quarter", "the 1989 period": the quarter the text speaks of, in that year
  { name = "year_quarter", keys = "UNITS", type = "DATE",
    pattern = "the\\s+(?<y>" .. W.YEAR .. ")\\s+(?:quarter|period)",
    norm = function(c, env)
      return { ref = function(r)
        local p = ref_quarter(r, env, 0)
        if p then p = { g = "quarter", y = tonumber(c.y), q = p.q } end
        return p, "quarter"
      end }
    end },
  -- "the past year", "the past week": the one before the article's
  { name = "the_past_unit", keys = "UNITS", type = "DATE",
    pattern = "the\\s+past\\s+(?<unit>week|month|year)",
    norm = function(c, env)
      local v, prec = env.rel_unit(c.unit:lower(), -1)
      return { value = v, precision = prec }
    end },
  -- fiscal years: "fiscal 1989", "fiscal year 1990", "the current fiscal year"
  { name = "fiscal_year", keys = "UNITS", type = "DATE",
    pattern = "(?:fiscal\\s+(?:year\\s+)?(?<y>" .. W.YEAR .. ")|the\\s+(?<rel>current|latest|last|previous|next|new)\\s+(?:fiscal\\s+)?year(?!-))",
    norm = function(c, env)
      if c.y then return { value = c.y, precision = "year", how = "absolute" } end
      local a = env.anchor
      local step = ({ current = 0, latest = -1, last = -1, previous = -1, next = 1, new = 1 })[c.rel:lower()]
      return { value = a and string.format("%04d", a.y + step), precision = "year" }
    end },
  -- seasons: "last fall", "this summer", "the winter of 1994"
  { name = "season", keys = "SEASONS", type = "DATE",
    pattern = "(?:(?<rel>this\\s+past|this|last|next|the)\\s+)(?<s>spring|summer|fall|autumn|winter)(?:\\s+of\\s+(?<y>" .. W.YEAR .. "))?",
    norm = function(c, env)
      local s = SEASON[c.s:lower()]
      local rel = c.rel:lower():gsub("%s+", " ")
      local a = env.anchor
      local y = tonumber(c.y)
      if not y and a then
        y = a.y
        if rel == "last" and (s ~= "WI" or a.m > 3) then
          -- the last fall seen from May 1999 is 1998's
          local here = ({ SP = 4, SU = 7, FA = 10, WI = 1 })[s]
          if here >= a.m then y = y - 1 end
        elseif rel == "next" then
          local here = ({ SP = 4, SU = 7, FA = 10, WI = 12 })[s]
          if here <= a.m then y = y + 1 end
        end
      end
      if rel == "the" and not c.y then
        if not a then return nil end
      end
      return { value = y and string.format("%04d-%s", y, s), precision = "season", how = c.y and "absolute" or nil }
    end },
  -- "June last year", "January this year"
  { name = "month_rel_year", keys = "MONTHS", type = "DATE",
    pattern = "(?<mon>" .. W.MONTH .. ")\\s+(?:of\\s+)?(?<rel>last|this|next)\\s+year",
    norm = function(c, env)
      local a = env.anchor
      local m = env.month_num(c.mon)
      if not a or not m then return { value = nil, precision = "month" } end
      return { value = string.format("%04d-%02d", a.y + REL_STEP[c.rel:lower()], m), precision = "month" }
    end },
  -- "earlier this year", "later this month", "early next week", "late last year",
  -- "the end of this week"
  { name = "part_of_rel", keys = "UNITS", type = "DATE",
    pattern = "(?<pos>earlier|later|early|late|mid-?|the\\s+(?:end|beginning|start|middle)\\s+of|end\\s+of)\\s+(?<rel>this|last|next|the\\s+past|the\\s+coming)\\s+(?<unit>week|month|year|decade|century|quarter)",
    norm = function(c, env)
      local mod = M.pos_mod(c.pos)
      local rel = c.rel:lower():gsub("^the%s+", "")
      local step = REL_STEP[rel] or 0
      local v, prec = env.rel_unit(c.unit:lower(), step)
      return { value = v, precision = prec, mod = mod }
    end },
  -- "early December", "late November", "mid-1996", "the early 1980s"
  { name = "part_of_month", keys = "MONTHS", type = "DATE",
    pattern = "(?:the\\s+)?(?<pos>early|late|mid-?|(?:the\\s+)?(?:end|beginning|start|middle)\\s+of)[- ]?(?<mon>" .. W.MONTH .. ")(?:,?\\s+(?<y>" .. W.YEAR .. "))?(?![\\w-]|\\s+\\d)",
    norm = function(c, env)
      local mod = M.pos_mod(c.pos)
      local m = env.month_num(c.mon)
      if c.y then return { value = string.format("%s-%02d", c.y, m), precision = "month", mod = mod, how = "absolute" } end
      return { value = env.month_value(m, c._s, c._e, nil), precision = "month", mod = mod }
    end },
  { name = "part_of_year", keys = "DIGITS", type = "DATE",
    pattern = "(?:the\\s+)?(?<pos>early|late|mid-?|(?:the\\s+)?(?:end|beginning|start|middle)\\s+of)[- ]?(?:the\\s+)?(?<y>" .. W.YEAR .. ")(?<s>s)?(?![\\w%-]|[.,]\\d)",
    norm = function(c)
      local mod = M.pos_mod(c.pos)
      if c.s then return { value = c.y:sub(1, 3) .. "X", precision = "decade", mod = mod, how = "absolute" } end
      return { value = c.y, precision = "year", mod = mod, how = "absolute" }
    end },
  -- times anchored to the last named one: "that day", "later that year",
  -- "the following month", "the next morning", "the day before"
  { name = "anchored_that", keys = "UNITS", type = "DATE",
    pattern = "(?:(?<pos>earlier|later)\\s+)?(?:that|the\\s+same)\\s+(?<unit>day|week|month|year)",
    norm = function(c) return { mod = c.pos and M.pos_mod(c.pos), ref = function(_, near)
      return M.truncate(near and near.p, c.unit:lower())
    end } end },
  { name = "anchored_next", keys = "NEXT", type = "DATE",
    pattern = "the\\s+(?<dir>following|next|previous|preceding)\\s+(?<unit>day|week|month|year|morning|afternoon|evening|night)",
    norm = function(c)
      local unit = c.unit:lower()
      local step = (c.dir:lower() == "previous" or c.dir:lower() == "preceding") and -1 or 1
      local pod = POD[unit]
      return { kind = pod and "TIME" or nil, type = pod and "TIME" or nil, ref = function(far, near)
        local r = (pod or unit == "day" or unit == "week") and near or far
        local p = M.truncate(r and r.p, pod and "day" or unit)
        p = p and timex.shift(p, pod and "day" or unit, step)
        if p and pod then return { g = "pod", day = p, pod = pod }, "part of day" end
        return p, p and p.g
      end }
    end },
  -- "last night": the evening before the article's day
  { name = "last_night", keys = "DAYS", type = "TIME",
    pattern = "last\\s+night|overnight",
    norm = function(_, env)
      local a = env.anchor
      return { value = a and (timex.format(timex.of_days(a.days - 1)) .. "TNI"), precision = "part of day",
               kind = "TIME" }
    end },
  -- "the weekend": the last one (the coming one when the clause speaks of the future)
  { name = "the_weekend", keys = "UNITS", type = "DATE",
    pattern = "the\\s+weekend",
    norm = function(c, env)
      local a = env.anchor
      if not a then return { value = nil, precision = "week" } end
      local wd = timex.iso_weekday(a.days)
      local day = wd >= 6 and a.days or (env.future(c._s, c._e) and a.days + 6 - wd or a.days - wd)
      local y, w = timex.iso_week(day)
      return { value = string.format("%04d-W%02d-WE", y, w), precision = "week" }
    end },
  -- spoken years (broadcast transcripts): "nineteen ninety-six", "the year two thousand"
  { name = "spoken_year", keys = "SPOKEN", type = "DATE",
    pattern = "(?:the\\s+year\\s+)?(?:(?<c>nineteen)\\s+(?<t>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)|(?<k>two\\s+thousand)(?:\\s+and\\s+(?<o>one|two|three|four|five|six|seven|eight|nine|ten))?)(?!\\s+(?:people|dollars|men|troops|years|of)\\b)",
    norm = function(c)
      local y
      if c.c then y = 1900 + M.number(c.t) else y = 2000 + (c.o and M.number(c.o) or 0) end
      if c.k and not c._text:lower():find("^the") and not c.o then return nil end
      return { value = string.format("%04d", y), precision = "year", how = "absolute" }
    end },
  -- "the nineties", "the 20th century"
  { name = "decade_word", keys = "SPOKEN", type = "DATE",
    pattern = "the\\s+(?:nineteen[- ])?(?<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
    norm = function(c)
      local d = ({ twenties = 2, thirties = 3, forties = 4, fifties = 5, sixties = 6, seventies = 7,
                   eighties = 8, nineties = 9 })[c.d:lower()]
      return { value = "19" .. d .. "X", precision = "decade", how = "absolute" }
    end },
  -- durations: "the past two months", "the first nine months", "90 days",
  -- "three-month", "a five year low", "nearly forty years", "recent months"
  { name = "duration", keys = "UNITS", type = "DURATION",
    pattern = "(?:(?<mod>" .. W.MOD .. ")\\s+)?(?:(?:the|each\\s+of\\s+the)\\s+)?(?:(?<rel>past|last|next|coming|first|previous|following|latest|final|recent|additional|further)\\s+)?" ..
              "(?<n>" .. W.NUM .. ")(?:\\s+(?:more|additional|straight|consecutive|full|long))?(?<sep>\\s+|-)(?<unit>" .. W.UNITS .. ")(?<old>-long)?(?:\\s+or\\s+so)?(?!-\\w)",
    norm = function(c, env)
      local n = M.number(c.n)
      if not n then return nil end
      local plural = c.unit:lower():match("s$") ~= nil and not c.unit:lower():match("ss$")
      local nl = c.n:lower()
      -- "a year" / "the year": only with a lead-in ("the past year" is a DATE)
      if (nl == "a" or nl == "an") and not c.rel and not c.mod then
        if c.sep ~= "-" and not c._text:find("^%a+%s+%a+%s+%a") and not env.for_before(c._s) then return nil end
      end
      if (nl == "some" or nl == "many") and not plural then return nil end
      -- "three-quarters" is a share, "a 6-year-old" an age (not a TIMEX)
      if c.sep == "-" and plural then return nil end
      if n ~= "X" and n ~= 1 and not plural and c.sep ~= "-" and not c.rel then
        -- "five year low": an adjective, still a duration
      end
      -- "over the past 20 years", "the 14-day strike": the lead words stay out
      local trim, mod = nil, M.mod(c.mod)
      local lead = c._text:match("^(%a+%s+the%s+)") or c._text:match("^(%a+%s+%a+%s+the%s+)")
      if c.mod and lead then trim, mod = #lead - 4, nil end
      if c.sep == "-" then
        local det = c._text:match("^([Tt]he%s+)")
        if det then trim = #det end
      end
      return { value = M.duration(n, c.unit), precision = M.unit(c.unit)[1], mod = mod, trim = trim }
    end },
  -- "the past few weeks", "recent months", "coming years", "the next several days", "years"
  { name = "duration_vague", keys = "UNITS", type = "DURATION",
    pattern = "(?<det>(?:the|these)\\s+)?(?:(?<rel>past|last|next|coming|recent|following|previous|early)\\s+)(?:few\\s+|several\\s+|many\\s+)?(?<unit>" .. W.UNIT .. "s)",
    norm = function(c)
      -- "in recent years", "in coming months": a vague time, not a length
      local rel = c.rel:lower()
      if rel == "recent" then return vague("PAST_REF") end
      if rel == "coming" and not c.det then return vague("FUTURE_REF") end
      return { value = M.duration("X", c.unit), precision = M.unit(c.unit)[1] }
    end },
  { name = "for_units", keys = "UNITS", type = "DURATION",
    pattern = "(?<=for\\s|in\\s|over\\s|within\\s)(?<unit>(?:years|months|weeks|days|hours|decades|centuries))(?!\\s+(?:of|ago|earlier|later|before|after)\\b)",
    norm = function(c)
      return { value = M.duration("X", c.unit), precision = M.unit(c.unit)[1] }
    end },
  { name = "long_unit", keys = "UNITS", type = "DURATION",
    pattern = "(?<unit>year|month|week|day|hour)-long",
    norm = function(c) return { value = M.duration(1, c.unit), precision = M.unit(c.unit)[1] } end },
  -- sets: "daily", "every day", "each year", "twice a week", "every Tuesday", "Tuesday nights"
  { name = "set_adverb", keys = "ADVERB", type = "SET",
    pattern = "(?<w>daily|nightly|weekly|monthly|annually|yearly|hourly)",
    norm = function(c) return { value = SET_ADV[c.w:lower()], precision = "set" } end },
  { name = "set_every", keys = "EVERY", type = "SET",
    pattern = "(?:every|each)\\s+(?:(?<other>other)\\s+)?(?:(?<wd>" .. W.WEEKDAY .. ")|(?<pod>morning|afternoon|evening|night)|(?<unit>" .. W.UNIT .. "))",
    norm = function(c)
      if c.wd then
        return { value = string.format("XXXX-WXX-%d", ({ Monday = 1, Tuesday = 2, Wednesday = 3,
          Thursday = 4, Friday = 5, Saturday = 6, Sunday = 7 })[c.wd]), precision = "set" }
      elseif c.pod then
        return { value = "XXXX-XX-XXT" .. POD[c.pod:lower()], precision = "set" }
      end
      return { value = M.duration(c.other and 2 or 1, c.unit), precision = "set" }
    end },
  { name = "set_times_per", keys = "UNITS", type = "SET",
    pattern = "(?:(?<k>once|twice|\\w+\\s+times)\\s+)?(?:a|per|each)\\s+(?<unit>day|week|month|year|quarter)(?!-)",
    norm = function(c, env)
      if not c.k and not env.per_before(c._s, c._text) then return nil end
      return { value = M.duration(1, c.unit), precision = "set" }
    end },
  { name = "weekday_plural_pod", keys = "DAYS", type = "SET",
    pattern = "(?:(?<wd>" .. W.WEEKDAY .. ")s(?:\\s+(?<pod>" .. W.POD .. ")s?)?|(?<wd2>" .. W.WEEKDAY .. ")\\s+(?<pod2>" .. W.POD .. ")s)",
    norm = function(c)
      c.wd, c.pod = c.wd or c.wd2, c.pod or c.pod2
      local n = ({ Monday = 1, Tuesday = 2, Wednesday = 3, Thursday = 4, Friday = 5, Saturday = 6, Sunday = 7 })[c.wd]
      return { value = string.format("XXXX-WXX-%d", n) .. (c.pod and ("T" .. POD[c.pod:lower()]) or ""), precision = "set" }
    end },
  -- vague references
  { name = "present_ref", keys = "VAGUE", type = "DATE",
    pattern = "(?:right\\s+now|just\\s+now|now|nowadays|currently|at\\s+present|the\\s+present|presently|at\\s+this\\s+time|current(?!\\s+(?:account|events?|affairs|dollars|prices|law|members?)\\b))(?!-)",
    norm = function(c)
      if c._text:lower() == "now" and c._after:match("^%s*that%f[%A]") then return nil end
      return vague("PRESENT_REF")
    end },
  { name = "past_ref", keys = "VAGUE", type = "DATE",
    pattern = "(?:more\\s+)?(?:recently|lately|recent(?!ly)|(?<=in\\s)the\\s+past(?!\\s+(?:few|several|\\d|" .. W.NUMWORD .. ")\\b)|formerly|(?<=^|\\.\\s|\\n)earlier(?!\\s+(?:that|this|in|on|today|yesterday|tonight|" .. W.WEEKDAY .. ")\\b))(?!-)",
    norm = function(c)
      local t = c._text:lower()
      if t:find("recent$") and not c._after:match("^%s+%a") then return nil end
      return vague("PAST_REF")
    end },
  { name = "future_ref", keys = "VAGUE", type = "DATE",
    pattern = "(?:the\\s+(?:near\\s+|distant\\s+)?future|future(?=\\s+(?:quarters|years|months|periods|generations)\\b)|a\\s+later\\s+date|soon(?!\\s+as\\b|\\s+after\\b|er\\b))",
    norm = function() return vague("FUTURE_REF") end },
}

return M

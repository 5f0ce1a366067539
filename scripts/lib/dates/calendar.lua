-- lib.dates.calendar: the calendar part of the date grammar (the shape of
-- lib.dates.grammar's rules): full dates, day and month, month and year,
-- today/yesterday/tomorrow, last/this/next week|month|year|<month>|<weekday>,
-- N units ago, weekdays, a month alone, decades and years. They come after
-- lib.dates.grammar's rules, whose expressions contain theirs.
--
-- Case matters where a capital tells a date from a word ("May" the month,
-- "may" the verb): those parts are written (?-i:...).
--
-- env (scripts/rules/20_dates.lua) gives: anchor, prev_word(s), next_word(e),
-- before(s, n) (the n bytes before s), month_num, month_value, weekday_value,
-- day_month_value, fmt_day, fmt_week, fmt_month.

local M = {}

local MONTHS = {
  january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7,
  august = 8, september = 9, october = 10, november = 11, december = 12,
  jan = 1, feb = 2, mar = 3, apr = 4, jun = 6, jul = 7, aug = 8, sep = 9, sept = 9,
  oct = 10, nov = 11, dec = 12,
}
M.MONTHS = MONTHS
local WEEKDAYS = { sunday = 1, monday = 2, tuesday = 3, wednesday = 4, thursday = 5,
                   friday = 6, saturday = 7 }      -- os.date wday numbering
M.WEEKDAYS = WEEKDAYS

local MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
local MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
-- a month name: full, or abbreviated with or without a dot ("Feb. 7" in AP
-- style, "Feb 7" in Reuters'); the rules only take one next to a day or a year
local MONTH = "(?-i:" .. MONTH_FULL .. "|(?:" .. MONTH_ABBR .. ")\\.?)"
local WEEKDAY = "(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
local DAY = "(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
local YEAR = "(?:19|20)[0-9]{2}"
M.MONTH_FULL, M.MONTH_ABBR = MONTH_FULL, MONTH_ABBR

local NUMW = { a = 1, an = 1, one = 1, two = 2, three = 3, four = 4, five = 5, six = 6,
               seven = 7, eight = 8, nine = 9, ten = 10, eleven = 11, twelve = 12 }

local function set(words)
  local t = {}
  for w in words:gmatch("%S+") do t[w] = true end
  return t
end

-- Words after which a bare month name is a date ("in May", "the September
-- shootout", "May and September", "since March").
local MONTH_LEAD = set [[in on since until till by from through throughout during of early late
  mid last next this that the and or to between before after around about each every]]
local CAP_MONTH_LEAD = set [[In On Since Until By From During Through Early Late Last Next This The
  Between Before After Throughout]]
local DET_BEFORE_YEAR = set [[the this that its their his her our your a an in of since by from until till
  during after before around about between and or to for through early late mid
  as at on circa c]]
-- words that make a following 4-digit number a quantity, not a year
local QUANT_BEFORE = set [[about around over some nearly almost roughly approximately more than least
  up than just only another additional extra estimated]]
local LABEL_BEFORE_YEAR = set [[no number nr no. page p room route]]
local NAMED_DAY_BEFORE = set [[black good easter ash cyber holy bloody palm maundy super shrove whit plough]]
local DET_BEFORE_REL = set [[the a its their his her]]
local PLURAL_NOUN = set [[people men women children troops police personnel staff]]

local function looks_plural_noun(w)
  if w == "" or w:match("^%u") then return false end
  w = w:lower()
  if PLURAL_NOUN[w] then return true end
  return #w > 3 and w:match("[^s]s$") ~= nil and not w:match("ous$") and not w:match("ss$")
    and not w:match("is$") and not w:match("us$")
end

local RE_MONTH_BEFORE = lede.re("(?:" .. MONTH_FULL .. ")(?:\\s+\\d{1,2})?,?\\s*$")

local function month_num(name) return MONTHS[name:lower():gsub("%.$", "")] end
local function day_of(s) return tonumber((s:gsub("%a+$", ""))) end

M.rules = {
  -- 2023-09-24, 07.09.2023, 7/9/2023
  { name = "numeric", type = "DATE", keys = "DIGITS",
    pattern = "(?<![.,/])(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{4})(?![/-]|[.,]\\d)",
    norm = function(c)
      local iso, prec = lede.date(c._text)
      if not iso then return nil end
      return { value = iso, precision = prec or "day", how = "absolute" }
    end },
  -- 13 June 2023, 13th of June 2023, June 13, 2023, June 13th 2023, Sept. 24, 2023
  { name = "full", type = "DATE", keys = "MONTHS",
    pattern = "(?:(?<d1>" .. DAY .. ")\\s+(?:of\\s+)?(?<m1>" .. MONTH .. "),?\\s+(?<y1>" .. YEAR ..
              ")|(?<m2>" .. MONTH .. ")\\s+(?<d2>" .. DAY .. "),?\\s+(?<y2>" .. YEAR .. "))(?!-)",
    norm = function(c, env)
      local iso, prec = lede.date((c._text:gsub("(%d)(st|nd|rd|th)", "%1"):gsub(" of ", " ")))
      if not iso then
        local mm = month_num(c.m1 or c.m2)
        local d, y = day_of(c.d1 or c.d2), tonumber(c.y1 or c.y2)
        if mm and d and d <= env.days_in_month(y, mm) then
          iso, prec = string.format("%04d-%02d-%02d", y, mm, d), "day"
        end
      end
      if not iso then return nil end
      return { value = iso, precision = prec or "day", how = "absolute" }
    end },
  -- day and month: September 24, 24 September ("May 5" is a day: the number must be one)
  { name = "day_month", type = "DATE", keys = "MONTHS",
    pattern = "(?:(?<d1>" .. DAY .. ")\\s+(?:of\\s+)?(?<m1>" .. MONTH .. ")|(?<m2>" .. MONTH .. ")\\s+(?<d2>" ..
              DAY .. "))(?![\\w-]|,?\\s*\\d)",
    norm = function(c, env)
      local mm, d = month_num(c.m1 or c.m2), day_of(c.d1 or c.d2)
      if not (mm and d) then return nil end
      local value, how = env.day_month_value(mm, d, c._s, c._e)
      if not value then return nil end
      return { value = value, precision = "day", how = how }
    end },
  -- May 2023, September of 2023
  { name = "month_year", type = "DATE", keys = "MONTHS",
    pattern = "(?<mon>" .. MONTH .. "),?\\s+(?:of\\s+)?(?<y>" .. YEAR .. ")(?!-|[.,]\\d)",
    norm = function(c)
      local mm = month_num(c.mon)
      if not mm then return nil end
      return { value = string.format("%s-%02d", c.y, mm), precision = "month", how = "absolute" }
    end },
  -- today, yesterday, tomorrow, this morning, tonight
  { name = "deictic_day", type = "DATE", keys = "DAYS",
    pattern = "(?<w>today|tonight|this\\s+morning|this\\s+afternoon|this\\s+evening|yesterday|tomorrow)(?!-)",
    norm = function(c, env)
      local a = env.anchor
      local w = c.w:lower()
      if w == "yesterday" or w == "tomorrow" then
        local d = w == "yesterday" and -1 or 1
        return { value = a and env.fmt_day(a.days + d), precision = "day", how = "relative", deictic = true }
      end
      -- "this morning", "tonight": a part of today (a TIME in TimeML)
      local pod = w == "tonight" and "NI" or env.POD[w:match("(%a+)$")]
      if pod then
        return { value = a and (a.iso .. "T" .. pod), precision = "part of day", how = "relative",
                 kind = "TIME", type = "TIME", date = a and a.iso, deictic = true }
      end
      return { value = a and a.iso, precision = "day", how = "relative", deictic = true }
    end },
  -- last/next/this/past/coming week|month|year|weekend|<month>|<weekday>;
  -- "earlier this week" (not "the last year of the war")
  { name = "rel", type = "DATE", keys = "REL",
    pattern = "(?<rel>last|next|this|past|coming|earlier\\s+this|later\\s+this)\\s+(?<unit>week|month|year|weekend|" ..
              MONTH_FULL .. "|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?!-)",
    norm = function(c, env)
      if DET_BEFORE_REL[env.prev_word(c._s):lower()] then return nil end
      local a = env.anchor
      local rel = c.rel:lower():gsub("^earlier%s+", ""):gsub("^later%s+", "")
      if rel == "past" then rel = "last" elseif rel == "coming" then rel = "next" end
      local unit = c.unit:lower()
      local step = rel == "last" and -1 or rel == "next" and 1 or 0   -- "this": 0
      local r
      if unit == "week" then
        r = { value = a and env.fmt_week(a.days + 7 * step), precision = "week" }
      elseif unit == "weekend" then
        r = { value = a and (env.fmt_week(a.days + 7 * step) .. "-WE"), precision = "week" }
      elseif unit == "month" then
        r = { value = a and env.fmt_month(a.y, a.m + step), precision = "month" }
      elseif unit == "year" then
        r = { value = a and string.format("%04d", a.y + step), precision = "year" }
      elseif not c.unit:match("^%u") then
        return nil                        -- "last may", "this sunday": a name must be capitalised
      elseif MONTHS[unit] then
        r = { value = env.month_value(MONTHS[unit], c._s, c._e, rel), precision = "month" }
      else
        r = { value = env.weekday_value(WEEKDAYS[unit], c._s, c._e, rel), precision = "day" }
      end
      r.how = "relative"
      return r
    end },
  -- 3 days ago, a year ago (after lib.dates.grammar's "ago", which takes most)
  { name = "ago_simple", type = "DATE", keys = "UNITS",
    pattern = "(?<n>\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s+(?<unit>days?|weeks?|months?|years?)\\s+ago(?!-)",
    norm = function(c, env)
      local a = env.anchor
      local n = tonumber(c.n) or NUMW[c.n:lower()]
      local unit = c.unit:lower():gsub("s$", "")
      local v
      if unit == "day" then v = a and env.fmt_day(a.days - n)
      elseif unit == "week" then v = a and env.fmt_week(a.days - 7 * n)
      elseif unit == "month" then
        if a then
          local y, mm = a.y, a.m - n
          while mm < 1 do mm = mm + 12; y = y - 1 end
          v = env.fmt_month(y, mm)
        end
      else v = a and string.format("%04d", a.y - n)
      end
      return { value = v, precision = unit, how = "relative" }
    end },
  -- Monday ("Black Monday", "Good Friday": names of days, not dates)
  { name = "weekday", type = "DATE", keys = "DAYS",
    pattern = WEEKDAY .. "(?!-)",
    norm = function(c, env)
      if NAMED_DAY_BEFORE[env.prev_word(c._s):lower()] then return nil end
      return { value = env.weekday_value(WEEKDAYS[c._text:lower()], c._s, c._e, nil), precision = "day",
               how = "relative", deictic = true }
    end },
  -- a month alone after a preposition or determiner: "in May", "the September
  -- shootout", "in mid-April"; not "Theresa May", "May I"
  { name = "month_alone", type = "DATE", keys = "MONTHS",
    pattern = "(?<mid>(?-i:[Mm]id-))?(?<mon>(?-i:" .. MONTH_FULL .. "))(?!-)",
    norm = function(c, env)
      local pw, ps = env.prev_word(c._s)
      local lw = pw:lower()
      local ok = MONTH_LEAD[lw] or lw == "mid"
      if ok and pw ~= "" and pw:match("^%u") and not CAP_MONTH_LEAD[pw] then ok = false end
      if c.mid then ok = true end
      -- "and September" only counts after another month
      if ok and (lw == "and" or lw == "or" or lw == "to") then
        ok = RE_MONTH_BEFORE:test(env.before(ps, 25))
      end
      if not ok then return nil end
      local mm = MONTHS[c.mon:lower()]
      if not env.anchor then return { value = string.format("XXXX-%02d", mm), precision = "month", how = "unanchored" } end
      local rel = (lw == "last" or lw == "next" or lw == "this") and lw or nil
      return { value = env.month_value(mm, c._s, c._e, rel), precision = "month", how = "relative" }
    end },
  -- the 1990s, '90s (an apostrophe form stays in the 20th/21st century)
  { name = "decade", type = "DATE", keys = "DIGITS",
    pattern = "(?<!['’])(?:(?<c>1[89]|20)(?<d>[0-9])0s|['’](?<d2>[0-9])0s)(?!-)",
    norm = function(c)
      local cc = c.c or (tonumber(c.d2) <= 2 and "20" or "19")
      return { value = cc .. (c.d or c.d2) .. "X", precision = "decade", how = "absolute" }
    end },
  -- a year alone, 1900-2099: not in names ("Resolution 2020", "Flight 1999"),
  -- not a count ("about 2000 troops", "2023 of")
  { name = "year", type = "DATE", keys = "DIGITS",
    pattern = "(?<![.,/$€£%])(?:19[0-9]{2}|20[0-9]{2})(?![%%]|[.,/]\\d|-\\d{2}-)",
    norm = function(c, env)
      local pw = env.prev_word(c._s)
      local lpw = pw:lower()
      local nw = env.next_word(c._e)
      if pw:match("^%u") and not DET_BEFORE_YEAR[lpw] and not MONTHS[lpw:gsub("%.$", "")]
         and not pw:match("['’]s$") then return nil end
      if QUANT_BEFORE[lpw] or LABEL_BEFORE_YEAR[lpw] then return nil end
      if looks_plural_noun(nw) and not DET_BEFORE_YEAR[lpw] and not pw:match("['’]s$") then return nil end
      if nw == "of" and not DET_BEFORE_YEAR[lpw] then return nil end
      return { value = c._text, precision = "year", how = "absolute" }
    end },
}

return M

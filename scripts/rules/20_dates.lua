-- scripts/rules/20_dates.lua: date expressions (DATE annotations).
--
-- attrs:
--   value      ISO 8601: "2023-09-24", "2023-05", "2023", "2023-W37" (week),
--              "199X" (decade), "XXXX-09-24" (day and month, year unknowable),
--              nil when the expression cannot be resolved
--   precision  "day" | "week" | "month" | "year" | "decade"
--   anchor     the article date used to resolve it (nil when none was needed/known)
--   how        "absolute" (stands on its own), "relative" (resolved against the
--              article date), "unanchored" (relative, but the article has no date)
--
-- Covered: full dates (13 June 2023, September 24, 2023, 07.09.2023, 2023-09-24),
-- day + month (September 24, 24 September), month + year (May 2023), a month alone
-- after a preposition/determiner (in May, the September shootout), years
-- 1900-2099 standing alone (not in names like "Resolution 2020", not counts like
-- "2000 troops"), decades (1990s, '90s), weekdays, today/yesterday/tomorrow,
-- last/this/next week|month|year|<month>|<weekday>, "N days/weeks/months/years ago".
--
-- Relative expressions point to the past by default (news reports what
-- happened); when the sentence is in the future tense ("will", "next",
-- "upcoming", "scheduled") and the expression is not attached to a speech verb
-- ("said Monday"), a bare weekday or month points to the next occurrence.

local textlib = require "lib.text"
local grammar = require "lib.dates.grammar"
local timex = require "lib.dates.timex"
local SCAN = require("lib.dates.scan").compile(grammar.rules)
local finish = require "lib.dates.finish"
local MONTHS = {
  january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7,
  august = 8, september = 9, october = 10, november = 11, december = 12,
  jan = 1, feb = 2, mar = 3, apr = 4, jun = 6, jul = 7, aug = 8, sep = 9, sept = 9,
  oct = 10, nov = 11, dec = 12,
}
local WEEKDAYS = { sunday = 1, monday = 2, tuesday = 3, wednesday = 4, thursday = 5,
                   friday = 6, saturday = 7 }      -- os.date wday numbering

local MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
local MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
-- a month name: full, or abbreviated with or without a dot ("Feb. 7" in AP
-- style, "Feb 7" in Reuters'); the patterns below only take one next to a
-- day or a year
local MONTH = "(?:" .. MONTH_FULL .. "|(?:" .. MONTH_ABBR .. ")\\.?)"
local WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
local DAY = "(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
local YEAR = "(?:19|20)[0-9]{2}"

------------------------------------------------------------------ calendar

local days_in_month = textlib.days_in_month
-- days since 1970-01-01 (proleptic Gregorian), no time zones involved
local to_days = textlib.to_days
local from_days = textlib.from_days

-- 1 = Monday ... 7 = Sunday
local function iso_weekday(days) return (days + 3) % 7 + 1 end

local function iso_week(days)
  local wd = iso_weekday(days)
  local thursday = days - wd + 4
  local y = from_days(thursday)
  local week = (thursday - to_days(y, 1, 1)) // 7 + 1
  return y, week
end

local function fmt_day(days)
  local y, m, d = from_days(days)
  return string.format("%04d-%02d-%02d", y, m, d)
end

local function fmt_week(days)
  local y, w = iso_week(days)
  return string.format("%04d-W%02d", y, w)
end

local function fmt_month(y, m)
  if m < 1 then y = y - 1; m = m + 12 elseif m > 12 then y = y + 1; m = m - 12 end
  return string.format("%04d-%02d", y, m)
end

local function parse_anchor(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m < 1 or m > 12 or d < 1 or d > days_in_month(y, m) then return nil end
  return { y = y, m = m, d = d, q = (m - 1) // 3 + 1, days = to_days(y, m, d),
           iso = string.format("%04d-%02d-%02d", y, m, d) }
end

------------------------------------------------------------------ context

local UNTIL_BEFORE = lede.re("\\b(?:through|until|till|untill)\\s+(?:the\\s+end\\s+of\\s+)?$", "i")
-- "called a rally for 7pm on Friday", "a vote set for Monday": a day an
-- event is called or set for lies ahead (not "arrested for Friday's attack")
local FOR_BEFORE = lede.re("\\b(?:for|set for)\\s+(?:\\d{1,2}(?:[:.]\\d\\d)?\\s*(?:[ap]\\.?m\\.?|o'clock)?\\s+)?(?:on\\s+)?$", "i")
local BY_BEFORE = lede.re("\\bby\\s+$", "i")
local tense = require("lib.dates.tense").tense
-- days ahead of the article date within which a day and month without a
-- year is taken as that coming day (measured on TimeBank/AQUAINT: 60)
local NEAR_AHEAD = 60
-- months ahead within which a month alone in a clause not in the past is
-- the coming one (TimeBank/AQUAINT: 2)
local NEAR_MONTH = 2
local SPEECH_BEFORE = lede.re("\\b(?:said|says|told|announced|stated|declared|added|reported|confirmed|warned|insisted|urged|called)\\s+(?:on\\s+)?$", "i")

-- Is the text from `s` (the sentence start) up to the end of the sentence in
-- the future tense, and is the expression at `pos` not attached to a speech verb?
local function future_context(article, start, stop)
  local sent = article:sentence_at(start)
  if not sent then return false end
  local before = article.text:sub(sent.start, start - 1)
  if SPEECH_BEFORE:test(before) then return false end
  -- "funds the government through Sept. 30", "until June": a period that
  -- runs up to the date, seen from the article's day, ends ahead of it
  if UNTIL_BEFORE:test(before) then return true end
  if FOR_BEFORE:test(before) and not article.text:find("^'s", stop + 1)
     and not article.text:find("^’s", stop + 1) then
    return true
  end
  -- "must be returned by Jan. 14": a deadline
  if BY_BEFORE:test(before) then return true end
  -- the nearest verb cue: "the king met Monday", "will meet Bush on Thursday"
  local t = tense(sent.text, start - sent.start + 1, stop - sent.start + 1)
  return t == "future"
end


local usub = textlib.usub

-- byte classes: [ \t] and the word bytes of [%w'%-] plus any non-ASCII byte
local IS_SPACE, IS_WORD = {}, {}
IS_SPACE[32] = true; IS_SPACE[9] = true
for b = 0, 255 do
  if b >= 0x80 or (b >= 48 and b <= 57) or (b >= 65 and b <= 90) or (b >= 97 and b <= 122)
     or b == 39 or b == 45 then IS_WORD[b] = true end
end

local function prev_word(text, pos)
  -- the word (letters, digits, apostrophes) ending just before pos, skipping spaces
  local byte = string.byte
  local i = pos - 1
  while i >= 1 and IS_SPACE[byte(text, i)] do i = i - 1 end
  local j = i
  while j >= 1 and IS_WORD[byte(text, j)] do j = j - 1 end
  return text:sub(j + 1, i), j + 1
end

local function next_word(text, pos)
  local byte = string.byte
  local n = #text
  local i = pos + 1
  while i <= n and IS_SPACE[byte(text, i)] do i = i + 1 end
  local j = i
  while j <= n and IS_WORD[byte(text, j)] do j = j + 1 end
  return text:sub(i, j - 1)
end

-- Words after which a bare month name is a date ("in May", "the September
-- shootout", "May and September", "since March").
local MONTH_LEAD = {}
for w in ([[in on since until till by from through throughout during of early late
  mid last next this that the and or to between before after around about
  until, since, each every]]):gmatch("%a+") do MONTH_LEAD[w] = true end

local DET_BEFORE_YEAR = {}
for w in ([[the this that its their his her our your a an in of since by from until till
  during after before around about between and or to for through early late mid
  as at on circa c]]):gmatch("%a+") do DET_BEFORE_YEAR[w] = true end

-- words that make a following 4-digit number a quantity, not a year
local QUANT_BEFORE = {}
for w in ([[about around over some nearly almost roughly approximately more than least
  up than just only another additional extra estimated]]):gmatch("%a+") do QUANT_BEFORE[w] = true end

local PLURAL_NOUN = { people = true, men = true, women = true, children = true, troops = true,
                      police = true, personnel = true, staff = true }
local function looks_plural_noun(w)
  if w == "" or w:match("^%u") then return false end
  w = w:lower()
  if PLURAL_NOUN[w] then return true end
  return #w > 3 and w:match("[^s]s$") ~= nil and not w:match("ous$") and not w:match("ss$")
    and not w:match("is$") and not w:match("us$")
end

------------------------------------------------------------------ patterns (compiled once)

local RE_NUMERIC = lede.re("(?<![\\w.,/-])(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{4})(?![\\w/-]|[.,]\\d)")
local RE_FULL = lede.re("(?<!\\w)(?:" .. DAY .. "\\s+(?:of\\s+)?" .. MONTH .. ",?\\s+" .. YEAR ..
               "|" .. MONTH .. "\\s+" .. DAY .. ",?\\s+" .. YEAR .. ")(?![\\w-])")
local RE_DM = lede.re("(?<![\\w-])(?:(?<d1>" .. DAY .. ")\\s+(?:of\\s+)?(?<m1>" .. MONTH .. ")" ..
             "|(?<m2>" .. MONTH .. ")\\s+(?<d2>" .. DAY .. "))(?![\\w-]|,?\\s*\\d)")
local RE_MONTH_YEAR = lede.re("(?<![\\w-])(?<mon>" .. MONTH .. "),?\\s+(?:of\\s+)?(?<y>" .. YEAR .. ")(?![\\w-]|[.,]\\d)")
local REL = lede.re("(?<![\\w-])(?:(?<today>today|tonight|this morning|this afternoon|this evening)" ..
    "|(?<yesterday>yesterday)|(?<tomorrow>tomorrow)" ..
    "|(?<rel>last|next|this|past|coming|earlier this|later this)\\s+(?<unit>week|month|year|weekend|" ..
      MONTH_FULL:lower() .. "|" .. MONTH_FULL .. "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|" ..
      WEEKDAY:sub(4, -2) .. ")" ..
    "|(?<n>\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s+(?<agounit>days?|weeks?|months?|years?)\\s+ago" ..
    ")(?![\\w-])", "i")
local NUMW = { a = 1, an = 1, one = 1, two = 2, three = 3, four = 4, five = 5, six = 6,
                 seven = 7, eight = 8, nine = 9, ten = 10, eleven = 11, twelve = 12 }
local RE_WEEKDAY = lede.re("(?<![\\w-])" .. WEEKDAY .. "(?![\\w-])")
local RE_MONTH_ALONE = lede.re("(?<![\\w-])(?<mid>[Mm]id-)?(?<mon>" .. MONTH_FULL .. ")(?![\\w-])")
local RE_MONTH_BEFORE = lede.re("(?:" .. MONTH_FULL .. ")(?:\\s+\\d{1,2})?,?\\s*$")
local RE_DECADE = lede.re("(?<![\\w'’-])(?:(?<c>1[89]|20)(?<d>[0-9])0s|['’](?<d2>[0-9])0s)(?![\\w-])")
local RE_YEAR = lede.re("(?<![\\w.,/$€£%-])(?:19[0-9]{2}|20[0-9]{2})(?![\\w%]|[.,/]\\d|-\\d{2}-)")
local NAMED_DAY_BEFORE = { black = true, good = true, easter = true, ash = true, cyber = true,
                           holy = true, bloody = true, palm = true, maundy = true, super = true,
                           shrove = true, whit = true, plough = true }
local CAP_MONTH_LEAD = { In = true, On = true, Since = true, Until = true, By = true, From = true, During = true, Through = true, Early = true, Late = true, Last = true, Next = true, This = true, The = true, Between = true, Before = true, After = true, Throughout = true }
local LABEL_BEFORE_YEAR = { no = true, number = true, nr = true, ["no."] = true, page = true, p = true, room = true, route = true }

------------------------------------------------------------------ the rule

local function run(article, ctx)
  local text = article.text
  if not text or text == "" then return end
  local anchor = parse_anchor(article.date)
  local taken_s, taken_e, ntaken = {}, {}, 0   -- byte ranges already inside a DATE

  local function free(s, e)
    for k = 1, ntaken do
      if taken_s[k] <= e and s <= taken_e[k] then return false end
    end
    return true
  end

  -- every expression is kept here first (in the order found, which is the
  -- order of priority), then completed and resolved in text order (finish)
  local items = {}
  local function add(s, e, value, precision, how, extra)
    if not free(s, e) then return end
    if s <= e then ntaken = ntaken + 1; taken_s[ntaken] = s; taken_e[ntaken] = e end
    if how ~= "absolute" and not anchor and how ~= "unanchored" then how = "unanchored" end
    local it = extra or {}
    it.kind, it.type = it.kind or "DATE", it.type or "DATE"
    it.s, it.e, it.value, it.precision, it.how = s, e, value, precision, how
    items[#items + 1] = it
  end
  local function clause_tense(s, e)
    local sent = article:sentence_at(s)
    return sent and tense(sent.text, s - sent.start + 1, e - sent.start + 1)
  end

  -- resolve a month (1-12) without a year against the anchor
  local function month_value(m, s, e, rel)
    if not anchor then return nil end
    local y = anchor.y
    if rel == "last" then
      if m >= anchor.m then y = y - 1 end
    elseif rel == "next" then
      if m <= anchor.m then y = y + 1 end
    elseif rel == "this" then
      -- same year
    elseif future_context(article, s, e) then
      if m < anchor.m then y = y + 1 end
    elseif NEAR_MONTH and (m - anchor.m) % 12 >= 1 and (m - anchor.m) % 12 <= NEAR_MONTH
           and clause_tense(s, e) ~= "past" then
      -- "a summit in April", written in December: the coming April
      if m < anchor.m then y = y + 1 end
    else
      if m > anchor.m then y = y - 1 end
    end
    return fmt_month(y, m)
  end

  local function weekday_value(wd, s, e, rel)
    if not anchor then return nil end
    local cur = anchor.days
    -- os wday numbering (Sunday = 1) -> ISO (Monday = 1)
    local target = (wd + 5) % 7 + 1
    local today = iso_weekday(cur)
    local back = (today - target) % 7          -- days back to the most recent one (0 = today)
    local fwd = (target - today) % 7            -- days forward to the next one (0 = today)
    if rel == "last" then
      return fmt_day(cur - (back == 0 and 7 or back))
    elseif rel == "next" then
      return fmt_day(cur + (fwd == 0 and 7 or fwd))
    elseif rel ~= "this" and future_context(article, s, e) then
      return fmt_day(cur + fwd)
    elseif rel == "this" and future_context(article, s, e) then
      return fmt_day(cur + fwd)
    end
    return fmt_day(cur - back)
  end

  local function day_month_value(m, d, s, e)
    if d > days_in_month(2000, m) then return nil end
    if not anchor then return string.format("XXXX-%02d-%02d", m, d), "unanchored" end
    local y = anchor.y
    if m == 2 and d == 29 then return string.format("XXXX-%02d-%02d", m, d), "relative" end
    local this = to_days(y, m, d)
    -- a day a few weeks ahead is that day, not the same day almost a year
    -- back ("must be returned by Jan. 14", written on Jan. 6)
    local ahead = this - anchor.days
    if ahead > 0 and ahead <= NEAR_AHEAD then
      -- this year
    elseif this > anchor.days and not future_context(article, s, e) then
      y = y - 1
    elseif this < anchor.days and future_context(article, s, e)
           and anchor.days - this > 31 then
      y = y + 1
    end
    return string.format("%04d-%02d-%02d", y, m, d), "relative"
  end

  local function month_num(name)
    return MONTHS[name:lower():gsub("%.$", "")]
  end

  ---------------------------------------------------------- 0. the grammar
  -- (lib.dates.grammar: durations, sets, vague references, quarters,
  -- offsets, modifiers), one scan; its expressions contain the ones below,
  -- so they are taken first
  local env = {
    anchor = anchor, month_num = month_num, month_value = month_value,
    future = function(s, e) return future_context(article, s, e) end,
    rel_unit = function(unit, step)
      if not anchor then return nil, unit end
      if unit == "week" then return fmt_week(anchor.days + 7 * step), "week"
      elseif unit == "month" then return fmt_month(anchor.y, anchor.m + step), "month"
      elseif unit == "quarter" then
        local k = anchor.y * 4 + anchor.q - 1 + step
        return string.format("%04d-Q%d", k // 4, k % 4 + 1), "quarter"
      elseif unit == "decade" then return string.format("%03dX", anchor.y // 10 + step), "decade"
      elseif unit == "century" then return string.format("%02d", anchor.y // 100 + step), "century"
      end
      return string.format("%04d", anchor.y + step), "year"
    end,
    for_before = function(s)
      local w = prev_word(text, s):lower()
      return w == "for" or w == "over" or w == "within" or w == "than" or w == "nearly" or w == "about"
    end,
    per_before = function(s)
      -- "$100 a year", "20 % a year": a rate
      local before = text:sub(math.max(1, s - 24), s - 1)
      return before:find("[%d%%]%s*[%a%%]*%s*$") ~= nil
    end,
  }
  for _, h in ipairs(SCAN(text)) do
    local r = h.rule.norm(h.c, env)
    if r then
      local t = r.type or h.rule.type
      add(h.s + (r.trim or 0), h.e, r.value, r.precision, r.how or ((r.ref or anchor) and "relative" or "absolute"),
          { type = t, kind = r.kind or t, mod = r.mod, ref = r.ref, rule = h.rule.name })
    end
  end

  ---------------------------------------------------------- 1. full dates
  -- numeric: 2023-09-24, 07.09.2023, 7/9/2023
  for m in RE_NUMERIC:gmatch(text) do
    local iso, prec = lede.date(m[0])
    if iso then add(m.start, m.stop, iso, prec or "day", "absolute") end
  end
  -- 13 June 2023, 13th of June 2023, June 13, 2023, June 13th 2023, Sept. 24, 2023
  for m in RE_FULL:gmatch(text) do
    local iso, prec = lede.date((m[0]:gsub("(%d)(st|nd|rd|th)", "%1"):gsub(" of ", " ")))
    if not iso then
      -- fall back to our own parsing
      local d, mon, y = m[0]:match("^(%d+)%a*%s+o?f?%s*([%a]+)%.?,?%s+(%d%d%d%d)$")
      if not d then mon, d, y = m[0]:match("^([%a]+)%.?%s+(%d+)%a*,?%s+(%d%d%d%d)$") end
      local mm = mon and month_num(mon)
      d, y = tonumber(d), tonumber(y)
      if mm and d and d <= days_in_month(y, mm) then
        iso, prec = string.format("%04d-%02d-%02d", y, mm, d), "day"
      end
    end
    if iso then add(m.start, m.stop, iso, prec or "day", "absolute") end
  end

  ---------------------------------------------------------- 2. day + month, no year
  for m in RE_DM:gmatch(text) do
    local mon = m.m1 or m.m2
    local d = tonumber(((m.d1 or m.d2):gsub("%a+$", "")))
    local mm = month_num(mon)
    -- "May 5" could be a name + number; require the number to be a day
    if mm and d then
      local value, how = day_month_value(mm, d, m.start, m.stop)
      if value then add(m.start, m.stop, value, "day", how) end
    end
  end

  ---------------------------------------------------------- 3. month + year
  for m in RE_MONTH_YEAR:gmatch(text) do
    local mm = month_num(m.mon)
    if mm then add(m.start, m.stop, string.format("%s-%02d", m.y, mm), "month", "absolute") end
  end

  ---------------------------------------------------------- 4. relative expressions
  for m in REL:gmatch(text) do
    local s, e = m.start, m.stop
    -- "this week" etc. must not be e.g. "the last year of the war": require no
    -- determiner before "last"/"next"/"past"/"coming"
    local pw = prev_word(text, s):lower()
    local skip = m.rel and (pw == "the" or pw == "a" or pw == "its" or pw == "their" or pw == "his" or pw == "her")
    if not skip then
      if m.today then
        -- "this morning", "tonight": a part of today (a TIME in TimeML)
        local pod = m.today:lower():match("(%a+)$")
        pod = pod == "tonight" and "NI" or grammar.POD[pod]
        if pod then
          add(s, e, anchor and (anchor.iso .. "T" .. pod), "part of day", "relative",
              { kind = "TIME", type = "TIME", date = anchor and anchor.iso, deictic = true })
        else
          add(s, e, anchor and anchor.iso, "day", "relative", { deictic = true })
        end
      elseif m.yesterday then
        add(s, e, anchor and fmt_day(anchor.days - 1), "day", "relative", { deictic = true })
      elseif m.tomorrow then
        add(s, e, anchor and fmt_day(anchor.days + 1), "day", "relative", { deictic = true })
      elseif m.rel then
        local rel = m.rel:lower():gsub("^earlier ", ""):gsub("^later ", "")
        if rel == "past" then rel = "last" elseif rel == "coming" then rel = "next" end
        local unit = m.unit:lower()
        local step = rel == "last" and -1 or rel == "next" and 1 or 0   -- "this": 0
        if unit == "week" then
          add(s, e, anchor and fmt_week(anchor.days + 7 * step), "week", "relative")
        elseif unit == "weekend" then
          add(s, e, anchor and (fmt_week(anchor.days + 7 * step) .. "-WE"), "week", "relative")
        elseif unit == "month" then
          add(s, e, anchor and fmt_month(anchor.y, anchor.m + step), "month", "relative")
        elseif unit == "year" then
          add(s, e, anchor and string.format("%04d", anchor.y + step), "year", "relative")
        elseif MONTHS[unit] then
          -- "last May" / "next March"; the month must be capitalised
          if m.unit:match("^%u") then
            add(s, e, month_value(MONTHS[unit], s, e, rel), "month", "relative")
          end
        elseif WEEKDAYS[unit] then
          if m.unit:match("^%u") then
            add(s, e, weekday_value(WEEKDAYS[unit], s, e, rel), "day", "relative")
          end
        end
      elseif m.n then
        local n = tonumber(m.n) or NUMW[m.n:lower()]
        local unit = m.agounit:lower():gsub("s$", "")
        local v, prec
        if unit == "day" then
          prec = "day"; v = anchor and fmt_day(anchor.days - n)
        elseif unit == "week" then
          prec = "week"; v = anchor and fmt_week(anchor.days - 7 * n)
        elseif unit == "month" then
          prec = "month"; v = anchor and fmt_month(anchor.y, anchor.m - n)
          if anchor and anchor.m - n < 1 then
            local y, mm = anchor.y, anchor.m - n
            while mm < 1 do mm = mm + 12; y = y - 1 end
            v = fmt_month(y, mm)
          end
        else
          prec = "year"; v = anchor and string.format("%04d", anchor.y - n)
        end
        if n then add(s, e, v, prec, "relative") end
      end
    end
  end

  ---------------------------------------------------------- 5. weekdays
  for m in RE_WEEKDAY:gmatch(text) do
    local wd = WEEKDAYS[m[0]:lower()]
    local pw = prev_word(text, m.start)
    -- "Black Monday", "Good Friday", "Cyber Monday": names of days, not dates
    local named = NAMED_DAY_BEFORE[pw:lower()]
    if not named then
      add(m.start, m.stop, weekday_value(wd, m.start, m.stop, nil), "day", "relative", { deictic = true })
    end
  end

  ---------------------------------------------------------- 6. month alone
  for m in RE_MONTH_ALONE:gmatch(text) do
    local pw, ps = prev_word(text, m.start)
    local lw = pw:lower()
    local ok = MONTH_LEAD[lw] or lw:match("^mid$")
    -- "Theresa May", "May I": a capitalised non-preposition before, or none
    if ok and pw ~= "" and pw:match("^%u") and not CAP_MONTH_LEAD[pw] then
      ok = false
    end
    if m.mid then ok = true end             -- "in mid-April"
    -- "and September" only counts after another month
    if ok and (lw == "and" or lw == "or" or lw == "to") then
      local before = usub(text, ps - 25, ps - 1)
      ok = RE_MONTH_BEFORE:test(before)
    end
    if ok then
      local mm = MONTHS[m.mon:lower()]
      local v, how
      if anchor then
        local rel = nil
        if lw == "last" or lw == "next" or lw == "this" then rel = lw end
        v, how = month_value(mm, m.start, m.stop, rel), "relative"
      else
        v, how = string.format("XXXX-%02d", mm), "unanchored"
      end
      add(m.start, m.stop, v, "month", how)
    end
  end

  ---------------------------------------------------------- 7. decades
  for m in RE_DECADE:gmatch(text) do
    local c = m.c or (tonumber(m.d2) <= 2 and "20" or "19")
    local d = m.d or m.d2
    -- "the 1990s"; a leading apostrophe form needs to stay in the 20th/21st century
    add(m.start, m.stop, c .. d .. "X", "decade", "absolute")
  end

  ---------------------------------------------------------- 8. years alone
  for m in RE_YEAR:gmatch(text) do
    local s, e = m.start, m.stop
    local pw = prev_word(text, s)
    local lpw = pw:lower()
    local nw = next_word(text, e)
    local ok = true
    -- a name or number label: "Resolution 2020", "Flight 1999", "Agenda 2030"
    if pw:match("^%u") and not DET_BEFORE_YEAR[lpw] and not MONTHS[lpw:gsub("%.$", "")]
       and not pw:match("['’]s$") then
      ok = false
    end
    -- a count: "about 2000 troops", "sent 1999 soldiers"
    if ok and QUANT_BEFORE[lpw] then ok = false end
    if ok and looks_plural_noun(nw) and not DET_BEFORE_YEAR[lpw] and not pw:match("['’]s$") then
      ok = false
    end
    if ok and LABEL_BEFORE_YEAR[lpw] then
      ok = false
    end
    -- "1,999" is excluded by the look-behind; "2023 of" a partitive count
    if ok and nw == "of" and not DET_BEFORE_YEAR[lpw] then ok = false end
    if ok then add(s, e, m[0], "year", "absolute") end
  end

  finish.run(article, ctx, items, anchor)
end

return {
  name = "dates",
  kinds = { "DATE", "TIME", "DURATION", "SET", "TIMEREF" },
  description = "date expressions (absolute, relative to the article date, decades), durations, sets and vague references with TimeML values",
  run = run,
  -- exposed for tests
  _calendar = { to_days = to_days, from_days = from_days, iso_week = iso_week, fmt_week = fmt_week },
}

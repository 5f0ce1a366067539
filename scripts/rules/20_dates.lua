-- scripts/rules/20_dates.lua: date expressions at TimeML level.
--
-- The grammar is data: lib/dates/grammar.lua (durations, sets, vague
-- references, quarters, offsets, modifiers) and lib/dates/calendar.lua
-- (full dates, day and month, month and year, deictic days, weekdays,
-- months, decades, years): rules of pattern, TimeML type and normalisation
-- function. All their patterns are compiled once into one (lib/dates/scan.lua)
-- and an article is scanned once, only around the words the rules need;
-- this file resolves what they found against the article date and the
-- sentence (tense, cue words), and lib/dates/finish.lua completes the
-- expressions and resolves the ones anchored to another time.
--
-- Annotations: DATE, TIME (a part of day: "Friday afternoon"), DURATION,
-- SET and TIMEREF (PRESENT_REF, PAST_REF, FUTURE_REF; TimeML type DATE).
-- attrs:
--   value      TimeML / ISO 8601: "2023-09-24", "2023-05", "2023", "2023-W37"
--              (week), "199X" (decade), "XXXX-09-24" (day and month, year
--              unknowable), "1989-Q3", "2013-03-22TAF", "P3M", "PT24H", "P1D"
--              (SET: every day), "PRESENT_REF"; nil when it cannot be resolved
--   precision  "day" | "week" | "month" | "quarter" | "half" | "season" | "year"
--              | "decade" | "part of day" | a unit (DURATION) | "set" | "vague"
--   type       the TimeML type: DATE, TIME, DURATION, SET
--   mod        START, MID, END, APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_MORE, ...
--   anchor     the article date used to resolve it (nil when none was needed/known)
--   how        "absolute" (stands on its own), "relative" (resolved against the
--              article date or an earlier time of the text), "unanchored"
--              (relative, but the article has no date)
--
-- Relative expressions point to the past by default (news reports what
-- happened); the verb cue nearest to the expression in its clause ("will",
-- "would", "scheduled", a past form: lib/dates/tense.lua), a deadline ("by",
-- "until") or a call ("set for Monday") turn a weekday, day or month to the
-- next occurrence; a day a few weeks ahead of the article is that day.

local textlib = require "lib.text"
local grammar = require "lib.dates.grammar"
local calendar = require "lib.dates.calendar"
local finish = require "lib.dates.finish"

local RULES = {}
for _, r in ipairs(grammar.rules) do RULES[#RULES + 1] = r end
for _, r in ipairs(calendar.rules) do RULES[#RULES + 1] = r end
local SCAN = require("lib.dates.scan").compile(RULES, grammar.keysets)
local MONTHS = calendar.MONTHS

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
  -- the cue words stand right before the expression: the last bytes will do
  -- (a search over the whole sentence before it would cost its length)
  local text = article.text
  local from = math.max(sent.start, start - 40)
  -- on a character boundary: lede.re refuses a subject cut inside one
  while from < start and (text:byte(from) or 0) & 0xC0 == 0x80 do from = from + 1 end
  local before = text:sub(from, start - 1)
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
  local t = tense(article.text, start, stop, sent.start, sent.stop)
  return t == "future", t or false
end


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

local function run(article, ctx)
  local text = article.text
  if not text or text == "" then return end
  local anchor = parse_anchor(article.date)
  -- the hits come by start (lib.dates.scan), so an expression overlaps
  -- another one taken only if it overlaps the last one: the first taken wins
  local last_e = 0
  local items = {}
  local function add(s, e, value, precision, how, extra)
    if s <= last_e then return end
    last_e = e
    if how ~= "absolute" and not anchor and how ~= "unanchored" then how = "unanchored" end
    local it = extra or {}
    it.kind, it.type = it.kind or "DATE", it.type or "DATE"
    it.s, it.e, it.value, it.precision, it.how = s, e, value, precision, how
    items[#items + 1] = it
  end
  -- the clause's direction, once per expression (a month asks twice)
  local fut_at, tense_at = {}, {}
  local function fut(s, e)
    local v = fut_at[s]
    if v == nil then
      local t
      v, t = future_context(article, s, e)
      fut_at[s] = v
      if t ~= nil then tense_at[s] = t end
    end
    return v
  end
  local function clause_tense(s, e)
    local v = tense_at[s]
    if v == nil then
      local sent = article:sentence_at(s)
      v = sent and tense(text, s, e, sent.start, sent.stop) or false
      tense_at[s] = v
    end
    return v or nil
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
    elseif fut(s, e) then
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
    elseif rel ~= "this" and fut(s, e) then
      return fmt_day(cur + fwd)
    elseif rel == "this" and fut(s, e) then
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
    elseif this > anchor.days and not fut(s, e) then
      y = y - 1
    elseif this < anchor.days and fut(s, e)
           and anchor.days - this > 31 then
      y = y + 1
    end
    return string.format("%04d-%02d-%02d", y, m, d), "relative"
  end

  local function month_num(name)
    return MONTHS[name:lower():gsub("%.$", "")]
  end

  local env = {
    anchor = anchor, month_num = month_num, month_value = month_value,
    weekday_value = weekday_value, day_month_value = day_month_value,
    fmt_day = fmt_day, fmt_week = fmt_week, fmt_month = fmt_month,
    days_in_month = days_in_month, POD = grammar.POD,
    prev_word = function(s) return prev_word(text, s) end,
    next_word = function(e) return next_word(text, e) end,
    before = function(s, n) return textlib.usub(text, s - n, s - 1) end,
    future = function(s, e) return fut(s, e) end,
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
    local r = h.s > last_e and h.rule.norm(h.c, env)
    if r then
      local t = r.type or h.rule.type
      add(h.s + (r.trim or 0), h.e, r.value, r.precision, r.how or ((r.ref or anchor) and "relative" or "absolute"),
          { type = t, kind = r.kind or t, mod = r.mod, ref = r.ref, rule = h.rule.name,
            deictic = r.deictic, date = r.date })
    end
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

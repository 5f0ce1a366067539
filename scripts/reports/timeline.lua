-- Dated events across the corpus, in date order, with the sentence, the article and how each date was resolved.
--
-- @option --since=DATE  date  -  only events on or after DATE
-- @option --until=DATE  date  -  only events on or before DATE
--
-- Usage: lede report timeline [-o text|json|csv|md|html] CORPUS... [-- --section unresolved]
-- Every DATE annotation is an event: "Tuesday", "in May", "13 June 2023".
-- Resolved ones (a full or partial date with a known year: 2023-09-07,
-- 2023-05, 2023-W37, 2008, 199X) are sorted by that value; the others (no
-- article date to anchor "Monday", or a day without a year) are listed apart.
-- Articles are shown by source, date and title (lib.text.article_label), one
-- chart lane each; JSON and CSV keep the ids.
-- Copy this file to change it: it uses only the public lede Lua API and
-- lib.pass, so it runs the same with --stream.

local output = require "lib.output"
local textlib = require "lib.text"

local options = options or {}
local pass = require "lib.pass"

-- an event is kept when the span its value covers meets since..until
local function in_range(first, last)
  if options.since then
    local s = textlib.date_span(options.since)
    if s and last < s then return false end
  end
  if options["until"] then
    local _, u = textlib.date_span(options["until"])
    if u and first > u then return false end
  end
  return true
end

local function source_of(a) return a.source or a.agency end

-- "Tuesday → 2023-10-24 (relative to article date 2023-10-25)"
local function resolution(d)
  local v = d.value
  if d.how == "absolute" then
    return string.format("%s → %s (absolute)", d.text, v or "?")
  elseif d.how == "relative" then
    return string.format("%s → %s (relative to article date %s)", d.text, v or "?",
                         d.anchor or d.article.date or "?")
  elseif v then
    return string.format("%s → %s (year unknown: the article has no date)", d.text, v)
  else
    return string.format("%s → unresolved (the article has no date to count from)", d.text)
  end
end

-- the days a value covers: output.date_span's forms, and the TimeML ones it
-- does not know: a quarter (1989-Q3), a half (1989-H1), a season (1998-SU),
-- a weekend (1998-W07-WE: its week), a part of a day (2013-03-22TAF: the day)
local SEASON_MONTHS = { SP = { 3, 5 }, SU = { 6, 8 }, FA = { 9, 11 }, WI = { 12, 14 } }
local function span_of(v)
  if type(v) ~= "string" then return nil end
  local y, kind, n = v:match("^(%d%d%d%d)%-([QH])(%d)$")
  local m1, m2
  if y then
    n = tonumber(n)
    if kind == "Q" then m1, m2 = 3 * n - 2, 3 * n else m1, m2 = 6 * n - 5, 6 * n end
  else
    local s
    y, s = v:match("^(%d%d%d%d)%-(%u%u)$")
    if y and SEASON_MONTHS[s] then m1, m2 = SEASON_MONTHS[s][1], SEASON_MONTHS[s][2] end
  end
  if m1 then
    y = tonumber(y)
    local last_y, last_m = y + (m2 - 1) // 12, (m2 - 1) % 12 + 1
    local first = output.date_span(string.format("%04d-%02d", y, m1))
    local _, last = output.date_span(string.format("%04d-%02d", last_y, last_m))
    return first, last
  end
  return output.date_span((v:gsub("%-WE$", "")))
end

-- a duration or a set in words: P3M "3 months", PT24H "24 hours", PXY "some
-- years"; a set: P1D "every day", XXXX-WXX-2 "every Tuesday"
local UNIT_WORDS = { Y = "year", M = "month", W = "week", D = "day", Q = "quarter", H = "hour",
                     TM = "minute", S = "second" }
local WEEKDAY_WORDS = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" }
local POD_WORDS = { MO = "morning", AF = "afternoon", EV = "evening", NI = "night" }
local function period_words(kind, v)
  if type(v) ~= "string" then return "?" end
  local t, n, u = v:match("^P(T?)([%dX.]+)(%u)$")
  if n then
    local unit = UNIT_WORDS[(t == "T" and u == "M") and "TM" or u] or u
    if kind == "SET" then return n == "1" and ("every " .. unit) or string.format("every %s %ss", n, unit) end
    if n == "X" then return "some " .. unit .. "s" end
    return n .. " " .. unit .. (n == "1" and "" or "s")
  end
  local wd, pod = v:match("^XXXX%-WXX%-(%d)T?(%u*)$")
  if wd then
    return "every " .. (WEEKDAY_WORDS[tonumber(wd)] or "?") .. (POD_WORDS[pod] and (" " .. POD_WORDS[pod]) or "")
  end
  pod = v:match("^XXXX%-XX%-XXT(%u%u)$")
  if pod then return "every " .. (POD_WORDS[pod] or pod) end
  return v
end

-- One pass (lib.pass: in memory or --stream alike): each article's date
-- expressions become rows of plain values; sorting and the chart come after.
local p = pass.new(corpus)
local events, unresolved, periods = {}, {}, {}
local function dated(d) return d.kind == "DATE" or (d.kind == "TIME" and d.precision == "part of day") end
p:each(function(a, art)
  local sentence_text = {}       -- one string per sentence, shared by its dates
  local function sentence_of(d)
    local s = d.sentence
    if not s then return a.title end
    local t = sentence_text[s.index]
    if not t then t = s.text; sentence_text[s.index] = t end
    return t
  end
  local anns = a:annotations()
  for _, d in ipairs(anns) do
    if dated(d) then
      local first, last = span_of(d.value)
      local row = {
        date = d.value,
        precision = d.precision,
        expression = d.text,
        how = d.how,
        resolution = resolution(d),
        article = art.id,
        label = art.label,
        source = source_of(art),
        published = art.date,
        sentence = sentence_of(d),
        _first = first, _last = last, _pos = d.start, _n = art.index,
      }
      if first then
        if in_range(first, last) then events[#events + 1] = row end
      elseif not options.since and not options["until"] then
        unresolved[#unresolved + 1] = row
      end
    end
  end
  -- Durations ("three months") and sets ("every Tuesday") are not points on
  -- the calendar: they are listed apart, in text order, with their reading.
  for _, d in ipairs(anns) do
    if d.kind == "DURATION" or d.kind == "SET" then
      periods[#periods + 1] = {
        expression = d.text, type = d.kind, value = d.value, reading = period_words(d.kind, d.value),
        mod = d.mod, article = art.id, label = art.label,
        sentence = sentence_of(d),
      }
    end
  end
end)
p:run()

-- by the first day the value covers; a wider span (a month) before a day in it
table.sort(events, function(x, y)
  if x._first ~= y._first then return x._first < y._first end
  if x._last ~= y._last then return x._last > y._last end
  if x._n ~= y._n then return x._n < y._n end
  return x._pos < y._pos
end)

-- The chart: the events precise to a day, week or month, one lane per
-- article, and the publication dates (years and decades would stretch the
-- axis; they stay in the table).
local marks = {}
for _, a in ipairs(p.articles) do
  if a.date then
    marks[#marks + 1] = { date = a.date, lane = "published", label = a.label }
  end
end
for _, e in ipairs(events) do
  if e.precision == "day" or e.precision == "week" or e.precision == "month" then
    marks[#marks + 1] = { date = e.date, lane = e.label, label = e.resolution }
  end
end

local first, last = events[1], events[#events]
output.emit{
  title = string.format("Timeline: %d dated event%s", #events, #events == 1 and "" or "s")
          .. (first and string.format(", %s to %s", first.date, last.date) or ""),
  summary = { string.format("%d date expressions in %d articles; %d could not be placed on the calendar.",
                            #events + #unresolved, p.count, #unresolved) },
  meta = { count = #events, unresolved_count = #unresolved, period_count = #periods },
  sections = {
    { name = "events", title = "events in date order",
      columns = { "date", "precision", "expression", "how", "resolution", "article", "label", "source", "published", "sentence" },
      headers = { "date", "precision", "expression", "how", "resolution", "article", "article", "source", "published", "sentence" },
      show = { "date", "resolution", "label", "sentence" },
      rows = events, max_width = 70,
      chart = { type = "timeline", date = "date", lane = "lane", label = "label", rows = marks,
                title = "Events by date (day, week or month), per article" } },
    { name = "unresolved", title = "not placed on the calendar",
      note = "Relative dates in articles without a publication date: the value has no year, or none at all.",
      columns = { "date", "precision", "expression", "how", "resolution", "article", "label", "source", "published", "sentence" },
      headers = { "date", "precision", "expression", "how", "resolution", "article", "article", "source", "published", "sentence" },
      show = { "resolution", "label", "sentence" },
      rows = unresolved, max_width = 70 },
    { name = "periods", title = "durations and sets (not on the calendar)",
      note = "How long something lasted (DURATION: P3M, three months) or how often it happens (SET: P1D, every day).",
      columns = { "expression", "type", "value", "reading", "mod", "article", "label", "sentence" },
      headers = { "expression", "type", "value", "reading", "mod", "article", "article", "sentence" },
      show = { "expression", "reading", "label", "sentence" },
      rows = periods, max_width = 70 },
  },
}

-- Times of day: TIME annotations normalized to ISO 8601.
--
--   08:23, 14:00 GMT, 10:30 a.m., 10 a.m., 3pm, 9 o'clock, noon, midnight
--
-- attrs: value ("T14:00", "T03:00" for 3 a.m., or "2023-09-07T14:00" when
-- a DATE resolved to a day stands next to it, "noon Thursday", or else in
-- the same sentence), precision ("minute" or "hour"), zone (GMT,
-- UTC, CET, CEST, EST, "local time", ... as written; nil when absent),
-- date (the DATE annotation's value it was joined with, if any).
--
-- A time needs a time-of-day cue: a colon between hours and minutes, an
-- a.m./p.m. marker or o'clock; bare numbers are never times. Scores such as
-- "2:1" are not read as times: the minutes must have two digits.

local ZONES = "GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|local time"

local CLOCK = lede.re([[\b(?<h>[01]?\d|2[0-3])[:.](?<m>[0-5]\d)(?:\s*(?<ampm>[ap])(?:\.\s?m\.|\.?\s?m(?![-\w])))?(?:\s+(?<zone>]] ..
                      ZONES .. [[))?]], "i")
local AMPM = lede.re([[\b(?<h>1[0-2]|0?[1-9])\s*(?<ampm>[ap])(?:\.\s?m\.|\.?\s?m(?![-\w]))(?:\s+(?<zone>]] .. ZONES .. [[))?]], "i")
local OCLOCK = lede.re([[\b(?<h>1[0-2]|0?[1-9])\s+o['’]clock\b]], "i")
local WORDS = lede.re([[\b(?:at\s+)?(?<w>noon|midday|midnight)\b]], "i")

-- Any time-of-day cue at all: run once over the whole article text (PCRE2
-- JIT), so the many articles without one cost one scan, not a Lua pattern
-- search per sentence.
-- (ASCII classes, "a": four times faster than Unicode ones; the spaces
-- between a number and a.m. that are not ASCII are written out)
local SP = "[\\s\\x{a0}\\x{2000}-\\x{200a}\\x{202f}]"
local CUE = lede.re([[\d(?:[:.]\d\d|]] .. SP .. [[*[ap]\.?]] .. SP .. [[?m)|o['’]clock|noon|midday|midnight]], "ia")

local function hour24(h, ampm)
  h = tonumber(h)
  if ampm then
    ampm = ampm:lower()
    if ampm == "p" and h < 12 then h = h + 12 end
    if ampm == "a" and h == 12 then h = 0 end
  end
  return h
end

local function run(article, ctx)
  local body = article.text
  if not body or not CUE:test(body) then return end
  -- DATEs by sentence, to join a time with its day
  local day_of = {}
  local days = {}       -- the DATEs of a day, in text order
  for _, d in ipairs(ctx:annotations("DATE")) do
    local s = d.sentence
    if s and d.value and d.precision == "day" then
      if not day_of[s.index] then day_of[s.index] = d.value end
      days[#days + 1] = d
    end
  end
  -- the day right next to a time: "noon Thursday", "10 p.m. on Wednesday",
  -- "Saturday at 15:00" (else the sentence's first day)
  local function next_to(ts, te)
    local lo, hi = 1, #days
    while lo <= hi do                       -- the first day starting after the time
      local mid = (lo + hi) // 2
      if days[mid].start > te then hi = mid - 1 else lo = mid + 1 end
    end
    local after, before = days[lo], days[lo - 1]
    if after and after.start - te <= 6 and body:sub(te + 1, after.start - 1):match("^,?%s+o?n?%s*$") then
      return after.value
    end
    if before and before.stop < ts and ts - before.stop <= 6
       and body:sub(before.stop + 1, ts - 1):match("^,?%s+a?t?%s*$") then
      return before.value
    end
    return nil
  end
  for _, s in ipairs(article:sentences()) do
    local text = s.text
    -- the same cue, per sentence
    if CUE:test(text) then
      local taken = {}
      local function add(m, h, mins, prec, zone)
        for p = m.start, m.stop do if taken[p] then return end end
        for p = m.start, m.stop do taken[p] = true end
        -- TimeML's normal form: hours and minutes, also for "3 a.m." (precision "hour")
        local value = string.format("T%02d:%02d", h, mins or 0)
        local day = next_to(s.start + m.start - 1, s.start + m.stop - 1) or day_of[s.index]
        ctx:annotate("TIME", s.start + m.start - 1, s.start + m.stop - 1, {
          value = day and (day .. value) or value, precision = prec,
          zone = zone ~= "" and zone or nil, date = day })
      end
      for m in CLOCK:gmatch(text) do
        -- "3.5" or a decimal like "1.25 million" is not a time: require a
        -- colon, or a dot with an am/pm marker
        local sep = text:sub(m.spans.h[2] + 1, m.spans.h[2] + 1)
        if sep == ":" or m.ampm then
          add(m, hour24(m.h, m.ampm or nil), tonumber(m.m), "minute", m.zone or "")
        end
      end
      for m in AMPM:gmatch(text) do add(m, hour24(m.h, m.ampm), nil, "hour", m.zone or "") end
      for m in OCLOCK:gmatch(text) do add(m, tonumber(m.h), nil, "hour", "") end
      for m in WORDS:gmatch(text) do
        local w = m.w:lower()
        local sub = { start = m.spans.w[1], stop = m.spans.w[2] }
        add(sub, w == "midnight" and 0 or 12, 0, "minute", "")
      end
    end
  end
end

return {
  name = "times",
  kinds = { "TIME" },
  description = "times of day (14:00 GMT, 10 a.m., noon), joined with the sentence's date",
  run = run,
}

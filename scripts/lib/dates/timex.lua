-- lib.dates.timex: TimeML values as points of a granularity, and arithmetic
-- on them (the normalisation half of the date grammar; lib.dates.grammar
-- is the matching half).
--
--   parse("1989-Q3") -> { g = "quarter", y = 1989, q = 3 }
--   format(p)        -> "1989-Q3"
--   shift(p, "year", -1) -> the same granularity one year back
--   of_days(days), quarter_of(p)
--
-- Granularities: day (y m d), week (y w), month (y m), quarter (y q),
-- half (y h), season (y s = SP SU FA WI), year (y), decade (y = first year).

local textlib = require "lib.text"
local to_days, from_days = textlib.to_days, textlib.from_days
local days_in_month = textlib.days_in_month

local M = {}

local function iso_weekday(days) return (days + 3) % 7 + 1 end
M.iso_weekday = iso_weekday

local function iso_week(days)
  local thursday = days - iso_weekday(days) + 4
  local y = from_days(thursday)
  return y, (thursday - to_days(y, 1, 1)) // 7 + 1
end
M.iso_week = iso_week

function M.of_days(days)
  local y, m, d = from_days(days)
  return { g = "day", y = y, m = m, d = d }
end

function M.parse(v)
  if type(v) ~= "string" then return nil end
  local y, m, d = v:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if y then return { g = "day", y = tonumber(y), m = tonumber(m), d = tonumber(d) } end
  local w
  y, w = v:match("^(%d%d%d%d)%-W(%d%d?)$")
  if y then return { g = "week", y = tonumber(y), w = tonumber(w) } end
  y, m = v:match("^(%d%d%d%d)%-(%d%d)$")
  if y then return { g = "month", y = tonumber(y), m = tonumber(m) } end
  local q
  y, q = v:match("^(%d%d%d%d)%-Q([1-4])$")
  if y then return { g = "quarter", y = tonumber(y), q = tonumber(q) } end
  y, q = v:match("^(%d%d%d%d)%-H([12])$")
  if y then return { g = "half", y = tonumber(y), h = tonumber(q) } end
  y, q = v:match("^(%d%d%d%d)%-(%u%u)$")
  if y and (q == "SP" or q == "SU" or q == "FA" or q == "WI") then
    return { g = "season", y = tonumber(y), s = q }
  end
  y = v:match("^(%d%d%d%d)$")
  if y then return { g = "year", y = tonumber(y) } end
  return nil
end

function M.format(p)
  if not p then return nil end
  local g = p.g
  if g == "day" then return string.format("%04d-%02d-%02d", p.y, p.m, p.d)
  elseif g == "week" then return string.format("%04d-W%02d", p.y, p.w)
  elseif g == "month" then return string.format("%04d-%02d", p.y, p.m)
  elseif g == "quarter" then return string.format("%04d-Q%d", p.y, p.q)
  elseif g == "half" then return string.format("%04d-H%d", p.y, p.h)
  elseif g == "season" then return string.format("%04d-%s", p.y, p.s)
  elseif g == "year" then return string.format("%04d", p.y)
  elseif g == "pod" then return M.format(p.day) .. "T" .. p.pod
  end
  return nil
end

local function month_add(y, m, n)
  local k = y * 12 + (m - 1) + n
  return k // 12, k % 12 + 1
end

-- p moved by n units; the result keeps p's granularity when the unit is not
-- finer than it ("a year earlier" than a quarter is a quarter), else it is
-- of the unit's granularity when p allows it, or nil.
function M.shift(p, unit, n)
  if not p then return nil end
  local g = p.g
  if unit == "year" then
    local r = {}
    for k, v in pairs(p) do r[k] = v end
    r.y = p.y + n
    if g == "day" and p.m == 2 and p.d == 29 then r.d = 28 end
    return r
  elseif unit == "quarter" or (unit == "month" and (g == "quarter")) then
    if g == "quarter" then
      local k = p.y * 4 + (p.q - 1) + (unit == "quarter" and n or n // 3)
      return { g = "quarter", y = k // 4, q = k % 4 + 1 }
    elseif g == "month" or g == "day" then
      local y, m = month_add(p.y, p.m, 3 * n)
      return { g = "month", y = y, m = m }
    end
  elseif unit == "month" then
    if g == "month" or g == "day" then
      local y, m = month_add(p.y, p.m, n)
      if g == "day" then
        return { g = "day", y = y, m = m, d = math.min(p.d, days_in_month(y, m)) }
      end
      return { g = "month", y = y, m = m }
    end
  elseif unit == "week" or unit == "day" then
    if g == "day" then
      return M.of_days(to_days(p.y, p.m, p.d) + n * (unit == "week" and 7 or 1))
    elseif g == "week" and unit == "week" then
      -- the Thursday of week w, moved
      local jan4 = to_days(p.y, 1, 4)
      local thu = jan4 - iso_weekday(jan4) + 4 + 7 * (p.w - 1) + 7 * n
      local y, w = iso_week(thu)
      return { g = "week", y = y, w = w }
    end
  end
  return nil
end

function M.quarter_of(m) return (m - 1) // 3 + 1 end

return M

-- lib.dates.finish: the last steps of the date rule (scripts/rules/20_dates.lua)
-- over the expressions it found, in text order:
--
--   1. words around an expression that belong to it: a part of day after a
--      day ("Friday afternoon": a TIME, value 2013-03-22TAF), a position
--      before it ("early December", "late Tuesday", "Earlier yesterday":
--      mod START/END/MID)
--   2. values computed from another time ("a year earlier", "the quarter"):
--      resolved against the last date the text named before them
--   3. the annotations: DATE, TIME, DURATION, SET and TIMEREF (PRESENT_REF,
--      PAST_REF, FUTURE_REF), attrs value, precision, type (TimeML's), mod,
--      anchor, how

local timex = require "lib.dates.timex"
local POD = require("lib.dates.grammar").POD

local M = {}

local POD_AFTER = "^%s+(%a+)"
local POS_BEFORE = { early = "START", earlier = "START", late = "END", later = "END" }
local EDGE_BEFORE = {}   -- "the end of", "the beginning of", "the middle of"
for w, mod in pairs { ["end of"] = "END", ["beginning of"] = "START", ["start of"] = "START",
                      ["middle of"] = "MID" } do EDGE_BEFORE[w] = mod end

-- the expression's day, when it names one ("2013-03-22", not "2013-03")
local function is_day(it) return it.kind == "DATE" and it.precision == "day" and it.value ~= nil
  and it.value:match("^%d%d%d%d%-%d%d%-%d%d$") end

local byte = string.byte
-- the first letters of a part of day (after a space), and the last letters of
-- the words that can stand before a date (early, earlier, late, later, of)
local POD_FIRST = { [("m"):byte()] = true, [("a"):byte()] = true, [("e"):byte()] = true,
                    [("n"):byte()] = true }
local WORD_END = { [("y"):byte()] = true, [("r"):byte()] = true, [("e"):byte()] = true,
                   [("f"):byte()] = true, [("Y"):byte()] = true, [("R"):byte()] = true,
                   [("E"):byte()] = true, [("F"):byte()] = true }

local function extend(text, items)
  local n = #items
  for i = 1, n do
    local it = items[i]
    local nxt = items[i + 1]
    local lim = nxt and nxt.s - 1 or #text
    -- "Friday afternoon", "yesterday morning"
    -- (a cheap look at the next byte first: most dates have no such word)
    if it.kind == "DATE" and it.precision == "day" and not it.mod and POD_FIRST[byte(text, it.e + 2) or 0]
       and byte(text, it.e + 1) == 32 then
      local a, b, w = text:find(POD_AFTER, it.e + 1)
      local pod = w and POD[w:lower()]
      if pod and b <= lim and w ~= "overnight" then
        it.e = b
        it.kind, it.type, it.precision = "TIME", "TIME", "part of day"
        it.date = it.value
        it.value = it.value and (it.value .. "T" .. pod)
      end
      local _ = a
    end
    local prev = items[i - 1]
    local floor = prev and prev.e + 1 or 1
    if (it.kind == "DATE" or it.kind == "TIME") and not it.mod and it.s > 1
       and WORD_END[byte(text, it.s - 2) or 0] and byte(text, it.s - 1) == 32 then
      local before = text:sub(math.max(floor, it.s - 24), it.s - 1)
      -- "early Tuesday", "late November", "Earlier yesterday", "the late 1970s"
      local the, w = before:match("(the%s+)(%a+)%s+$")
      if not w then w = before:match("(%a+)%s+$") end
      local lw = w and w:lower()
      if lw and POS_BEFORE[lw] and not (lw:find("er$") and it.precision ~= "day" and it.kind ~= "TIME") then
        it.mod = POS_BEFORE[lw]
        -- "early Sunday" stays "Sunday" (with its mod), as the sample's
        -- gold has it; "Earlier Sunday", "late November" take the word
        if not (lw == "early" or lw == "late") or it.precision ~= "day" then
          it.s = it.s - #before:match((the and "the%s+" or "") .. "%a+%s+$")
        end
      else
        local e2 = before:match("the%s+(%a+%s+of)%s+$")
        local mod = e2 and EDGE_BEFORE[e2:lower():gsub("%s+", " ")]
        if mod then
          it.mod = mod
          it.s = it.s - #before:match("the%s+%a+%s+of%s+$")
        end
      end
    end
  end
end

-- a reference for what comes after it: { p = timex point, item }
local NO_REF = { year_earlier_period = true, quarter_year_ago = true, offset_earlier = true,
                 year_earlier_adj = true, ago = true }

-- timex.parse, remembered (an article names the same values again and again;
-- the points are only read)
local parsed, nparsed = {}, 0
local function parse(v)
  local p = parsed[v]
  if p == nil then
    if nparsed >= 4096 then parsed, nparsed = {}, 0 end
    p = timex.parse(v) or false
    parsed[v], nparsed = p, nparsed + 1
  end
  return p or nil
end

local function resolve(items)
  local far, near          -- the last named time; near also counts "Tuesday", "yesterday"
  for _, it in ipairs(items) do
    if it.ref then
      local p, prec = it.ref(far, near)
      it.value = timex.format(p)
      it.precision = prec or it.precision
      it.how = it.value and "relative" or "unanchored"
      it.ref = nil
    end
    if it.kind == "DATE" and it.value and not NO_REF[it.rule] then
      local p = parse(it.value)
      if p then
        near = { p = p }
        if not it.deictic then far = { p = p } end
      end
    end
  end
end

function M.run(article, ctx, items, anchor)
  local text = article.text
  table.sort(items, function(a, b) return a.s < b.s end)
  extend(text or "", items)
  resolve(items)
  for _, it in ipairs(items) do
    ctx:annotate(it.kind or "DATE", it.s, it.e, {
      value = it.value, precision = it.precision, type = it.type or "DATE", mod = it.mod,
      anchor = (it.how == "relative") and anchor and anchor.iso or nil,
      how = it.how, date = it.date,
    })
  end
end

return M

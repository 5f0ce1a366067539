-- lib.dates.tense: does the clause around a date expression speak of the
-- past or of the future? The verb cue nearest to the expression decides
-- ("the king met Monday. The monarch will meet Bush on Thursday"): looking
-- back from it to the start of its sentence, then ahead to its end, up to
-- LIMIT words each way.
--
--   tense(text, s, e [, lo, hi]) -> "future" | "past" | nil
--      s, e: the expression's bytes in text; lo, hi: its sentence's

local M = {}

local LIMIT = 8

local FUTURE = {}
for w in ([[will shall would 'll won't wouldn't going scheduled expected due upcoming
  intends intend plans plan planned aims aim hopes hope wants want expects expect expecting
  seeks seek planning soon]]):gmatch("%S+") do FUTURE[w] = true end

local PAST = {}
for w in ([[said told was were had did ago met went came took gave made began left held
  sent won lost saw rose fell struck spoke broke ran led found got thought brought bought
  kept felt stood wrote paid sold knew became flew drove fought hid shot slept spent
  taught threw understood woke wore]]):gmatch("%S+") do PAST[w] = true end

-- -ed words that are not verbs in the past
local NOT_PAST = {}
for w in ([[need needed indeed hundred red bed speed feed seed proceed succeed exceed
  breed greed shed bleed weed deed united based related concerned interested
  detailed limited advanced armed supposed alleged so-called]]):gmatch("%S+") do NOT_PAST[w] = true end

local function cue(w)
  w = w:lower():gsub("’", "'")
  if FUTURE[w] then return "future" end
  if PAST[w] then return "past" end
  if #w >= 5 and w:sub(-2) == "ed" and not NOT_PAST[w] and w:match("^%a+$") then return "past" end
  local stem = w:match("^(%a+)'ll$")
  if stem then return "future" end
  return nil
end

function M.tense(text, s, e, lo, hi)
  lo, hi = lo or 1, hi or #text
  -- back from the expression (LIMIT words are nearly always fewer than
  -- 12 * LIMIT bytes), then ahead
  local words = {}
  for w in text:sub(math.max(lo, s - 12 * LIMIT), s - 1):gmatch("[%a'’%-]+") do words[#words + 1] = w end
  for i = #words, math.max(1, #words - LIMIT + 1), -1 do
    local t = cue(words[i])
    if t then return t end
  end
  local n = 0
  for w in text:sub(e + 1, math.min(hi, e + 12 * LIMIT)):gmatch("[%a'’%-]+") do
    n = n + 1
    if n > LIMIT then break end
    local t = cue(w)
    if t then return t end
  end
  return nil
end

return M

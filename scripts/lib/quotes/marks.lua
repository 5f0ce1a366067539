-- lib.quotes.marks: the direct quotes of a text, by their quotation marks
-- (straight "...", curly “...”, single ‘...’, British 'single' quotes,
-- guillemets «...», German „...“, and doubled ''...'' or ‘‘...’’ for double
-- marks). One pass over the marks; paragraph ends found once, nested spans
-- dropped by one sweep: linear (n log n with the sort) in the text.

local M = {}

local SINGLE_QUOTE = lede.re("(?<o>(?<!\\S)'(?=\\p{Lu}))|(?<c>(?<=[.!?,])'(?![\\w]))")

local QUOTE_MARKS = lede.re("“|”|\"|‘‘|’’|''|‘|’|«|»|„")
-- doubled single marks stand for double ones (''unfair'', ‘‘...’’: text
-- typed or converted without curly double quotes)
local MARK_AS = { ["''"] = '"', ["‘‘"] = "“", ["’’"] = "”" }

-- The direct quotes of a text: list of { open, close, close_end, s, e }:
-- open/close are the first bytes of the marks (close is nil when a paragraph
-- ends the quote), close_end the closing mark's last byte, s..e the quoted
-- text, in text order.
function M.find(text)
  local out = {}
  local marks = {}
  -- double quotes: “ ” and ", guillemets « » and German „ “
  for m in QUOTE_MARKS:gmatch(text) do
    marks[#marks + 1] = { pos = m.start, stop = m.stop, ch = MARK_AS[m[0]] or m[0] }
  end
  -- paragraph ends found once (a find per mark from its position would
  -- scan the rest of a paragraph-less text for each mark)
  local pends = {}
  do
    local from = 1
    while true do
      local e, f = text:find("\n%s*\n", from)
      if not e then break end
      pends[#pends + 1] = e - 1
      from = f + 1
    end
  end
  local function para_end(pos)
    local lo, hi = 1, #pends + 1
    while lo < hi do
      local mid = (lo + hi) // 2
      if pends[mid] < pos - 1 then lo = mid + 1 else hi = mid end
    end
    return pends[lo] or #text
  end
  local function add(o, c, qs, qe, cend)
    -- trim spaces and trailing , ; :
    while qs <= qe and text:sub(qs, qs):match("%s") do qs = qs + 1 end
    while qe >= qs and text:sub(qe, qe):match("[%s,;:]") do qe = qe - 1 end
    if qe >= qs then out[#out + 1] = { open = o, close = c, s = qs, e = qe, close_end = cend or c } end
  end
  -- a straight mark right after a non-space and before a space, a
  -- punctuation mark or the end closes
  local function closes_here(mk)
    local before, after = text:sub(mk.pos - 1, mk.pos - 1), text:sub(mk.stop + 1, mk.stop + 1)
    return before:match("%S") ~= nil and (after == "" or after:match("[%s%p]") ~= nil)
  end
  local open = nil        -- the pending opening double mark
  local sopen = nil       -- the pending opening single mark
  for i, mk in ipairs(marks) do
    local ch = mk.ch
    if open and para_end(open.pos) < mk.pos then
      -- the quote's paragraph ended without a closing mark
      add(open.pos, nil, open.stop + 1, para_end(open.pos))
      open = nil
    end
    if ch == "“" then
      if open and open.ch == "„" then
        add(open.pos, mk.pos, open.stop + 1, mk.pos - 1, mk.stop); open = nil
      else
        open = mk
      end
    elseif ch == "«" or ch == "„" then
      open = mk
    elseif ch == "»" then
      if open and open.ch == "«" then add(open.pos, mk.pos, open.stop + 1, mk.pos - 1, mk.stop); open = nil end
    elseif ch == "”" then
      if open then add(open.pos, mk.pos, open.stop + 1, mk.pos - 1, mk.stop); open = nil end
    elseif ch == '"' then
      if open and (open.ch == '"' or (open.ch == "“" and closes_here(mk))) then
        -- (mixed marks: “...," closes with a straight mark after a word)
        add(open.pos, mk.pos, open.stop + 1, mk.pos - 1, mk.stop); open = nil
      elseif not open then
        -- an opening straight quote is followed by a non-space
        if text:sub(mk.stop + 1, mk.stop + 1):match("%S") then open = mk end
      end
    elseif ch == "‘" then
      sopen = mk
    elseif ch == "’" then
      -- an apostrophe unless followed by a non-letter and a ‘ is pending
      local nxt = text:sub(mk.stop + 1, mk.stop + 1)
      if sopen and not nxt:match("[%w\xC3-\xC5]") and not (open and open.pos > sopen.pos) then
        add(sopen.pos, mk.pos, sopen.stop + 1, mk.pos - 1, mk.stop); sopen = nil
      end
    end
  end
  if open then add(open.pos, nil, open.stop + 1, para_end(open.pos)) end
  -- straight single quotes, British style: she wrote: 'I have concluded
  -- ... of colleagues.' An opening one follows a space or a line start and
  -- comes before a capital; a closing one follows . ! ? or , and comes
  -- before a space or the end: an apostrophe (can't, colleagues' votes,
  -- '90s) is neither.
  local sq = nil
  for m in SINGLE_QUOTE:gmatch(text) do
    if m.o then
      sq = m
    elseif sq and para_end(sq.start) >= m.start then
      add(sq.start, m.start, sq.stop + 1, m.start - 1)
      sq = nil
    end
  end
  -- drop single-quoted spans nested inside a double-quoted one: by start,
  -- the longer first, a span ending within the furthest end seen so far
  -- lies inside an earlier, longer one
  table.sort(out, function(a, b)
    if a.s ~= b.s then return a.s < b.s end
    return a.e > b.e
  end)
  local res = {}
  local reach, reach_len = -1, -1
  for _, q in ipairs(out) do
    if not (q.e <= reach and reach_len > (q.e - q.s)) then res[#res + 1] = q end
    if q.e > reach then reach, reach_len = q.e, q.e - q.s end
  end
  return res
end

return M

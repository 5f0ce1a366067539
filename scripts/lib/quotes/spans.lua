-- lib.quotes.spans: look-ups in a list of spans sorted by start, in
-- O(log n + answers), so that no quote-finding step re-scans every quote
-- or every person for each token (issue 15: the quote rule grew with the
-- cube of the quote marks in a sentence).
--
-- A span list is an array of tables with fields `s` and `e` named by the
-- caller (start and stop byte positions, inclusive), sorted by start. Spans
-- may overlap: a prefix maximum of the stops bounds the walk back.

local M = {}

--- Index a list sorted by list[i][sk]: returns an index object.
function M.index(list, sk, ek)
  local maxe, m = {}, -math.huge
  for i, x in ipairs(list) do
    if x[ek] > m then m = x[ek] end
    maxe[i] = m
  end
  return { list = list, sk = sk, ek = ek, maxe = maxe }
end

-- the number of spans whose start is <= pos
local function upto(ix, pos)
  local list, sk = ix.list, ix.sk
  local lo, hi = 1, #list + 1
  while lo < hi do
    local mid = (lo + hi) // 2
    if list[mid][sk] > pos then hi = mid else lo = mid + 1 end
  end
  return lo - 1
end
M.upto = upto

--- The spans overlapping [s, e], in start order.
function M.overlapping(ix, s, e)
  local list, ek, maxe = ix.list, ix.ek, ix.maxe
  local out = {}
  local i = upto(ix, e)
  while i >= 1 and maxe[i] >= s do
    if list[i][ek] >= s then out[#out + 1] = list[i] end
    i = i - 1
  end
  -- reverse to start order
  local n = #out
  for k = 1, n // 2 do out[k], out[n - k + 1] = out[n - k + 1], out[k] end
  return out
end

--- The span with the largest start that covers pos, or nil.
function M.covering(ix, pos)
  local list, ek, maxe = ix.list, ix.ek, ix.maxe
  local i = upto(ix, pos)
  while i >= 1 and maxe[i] >= pos do
    if list[i][ek] >= pos then return list[i] end
    i = i - 1
  end
  return nil
end

--- Index of the last span that ends before pos (stop < pos), by start
--- order, or 0; for lists whose spans do not overlap.
function M.last_before(ix, pos)
  local i = upto(ix, pos - 1)
  while i >= 1 and ix.list[i][ix.ek] >= pos do i = i - 1 end
  return i
end

--- The union of a list's spans as disjoint runs, in two arrays of plain
--- numbers (starts a, stops b): for the questions that only ask whether a
--- position is inside any span (a quote around a token, asked per token).
function M.union(list, sk, ek)
  local a, b = {}, {}
  for _, x in ipairs(list) do
    local s, e = x[sk], x[ek]
    local n = #a
    if n > 0 and s <= b[n] + 1 then
      if e > b[n] then b[n] = e end
    else
      a[n + 1], b[n + 1] = s, e
    end
  end
  return { a = a, b = b }
end

--- A test "is pos inside a run of the union?" that remembers the run it
--- found last: positions asked near the last one (the tokens of a
--- sentence, in order) cost a step or two; a jump is a binary search.
function M.inside(u)
  local a, b, n = u.a, u.b, #u.a
  local r = 0                  -- the last run found: a[r] <= pos (0: none)
  local function search(pos)
    local lo, hi = 1, n + 1
    while lo < hi do
      local mid = (lo + hi) // 2
      if a[mid] > pos then hi = mid else lo = mid + 1 end
    end
    return lo - 1
  end
  return function(pos)
    if r > 0 and a[r] > pos then
      r = (r > 1 and a[r - 1] <= pos) and r - 1 or search(pos)
    elseif r < n and a[r + 1] <= pos then
      r = (r + 1 == n or a[r + 2] > pos) and r + 1 or search(pos)
    end
    return r > 0 and b[r] >= pos
  end
end

return M

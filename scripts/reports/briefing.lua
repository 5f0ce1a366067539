-- The story at a glance: each article's title, date, source, dateline, size and lead.
--
-- Usage: lede report briefing [-o text|json|csv|md|html] CORPUS...
-- Copy this file to change it: it uses only the public lede Lua API.

local output = require "lib.output"

local rows = {}
local first, last
for a in corpus:articles() do
  local sentences = a:sentences()
  local lead = sentences[1] and sentences[1].text or nil
  rows[#rows + 1] = {
    id = a.id,
    title = a.title or (lead and lead:sub(1, 80)) or a.id,
    date = a.date,
    source = a.source or a.agency,
    dateline = a.dateline,
    byline = a.byline,
    sentences = #sentences,
    words = (function()
      local n = 0
      for _, t in ipairs(a:tokens()) do if t.kind == "word" then n = n + 1 end end
      return n
    end)(),
    lead = lead,
  }
  if a.date then
    if not first or a.date < first then first = a.date end
    if not last or a.date > last then last = a.date end
  end
end

-- Dated articles first in date order, then the undated in corpus order.
local order = {}
for i, r in ipairs(rows) do order[r] = i end
table.sort(rows, function(x, y)
  if x.date and y.date and x.date ~= y.date then return x.date < y.date end
  if (x.date ~= nil) ~= (y.date ~= nil) then return x.date ~= nil end
  return order[x] < order[y]
end)

local summary = string.format("%d article%s", #rows, #rows == 1 and "" or "s")
if first then
  summary = summary .. (first == last and (", dated " .. first)
                        or string.format(", dated %s to %s", first, last))
end

output.emit{
  title = "Briefing: " .. summary,
  meta = { count = #rows, first_date = first, last_date = last },
  sections = {
    { name = "articles", layout = "records",
      columns = { "id", "title", "date", "source", "dateline", "byline", "sentences", "words", "lead" },
      rows = rows },
  },
}

-- Who said what: quotes grouped by speaker, with article, date, direct or reported, and the words.
--
-- Usage: lede report quotes [-o text|json|csv|md|html] CORPUS... [-- --section speakers]
-- Speakers are the rules' speaker names merged across the corpus
-- (corpus:canonical: "Vjosa Osmani" and "Vjosa Osmani-Sadriu" are one
-- person); most quoted first, then each speaker's quotes by article date.
-- Copy this file to change it: it uses only the public lede Lua API.

local output = require "lib.output"

local UNATTRIBUTED = "(unattributed)"

local function source_of(a) return a.source or a.agency end

local speaker_rows, stat_of = corpus:speakers()
local rows = {}
for _, q in ipairs(corpus:annotations("QUOTE")) do
  local a = q.article
  local s = stat_of[q]
  local name = s.speaker
  rows[#rows + 1] = {
    speaker = name,
    article = a.id,
    date = a.date,
    source = source_of(a),
    kind = q.direct and "direct" or "reported",
    direct = q.direct and true or false,
    cue = q.cue,
    text = (q.text:gsub("%s+", " ")),
    _stat = s, _n = a.index, _pos = q.start,
  }
end

-- most quoted first (unattributed last); ties by name
local function before(x, y)
  if (x.speaker == UNATTRIBUTED) ~= (y.speaker == UNATTRIBUTED) then return y.speaker == UNATTRIBUTED end
  if x.quotes ~= y.quotes then return x.quotes > y.quotes end
  return x.speaker < y.speaker
end
table.sort(speaker_rows, before)
for _, s in ipairs(speaker_rows) do table.sort(s.articles) end

-- each speaker's quotes: dated articles by date, then in corpus order, then in the text
table.sort(rows, function(x, y)
  if x._stat ~= y._stat then return before(x._stat, y._stat) end
  if x.date ~= y.date then
    if x.date and y.date then return x.date < y.date end
    return x.date ~= nil
  end
  if x._n ~= y._n then return x._n < y._n end
  return x._pos < y._pos
end)

local ndirect = 0
for _, r in ipairs(rows) do if r.direct then ndirect = ndirect + 1 end end

output.emit{
  title = string.format("Quotes: %d from %d speaker%s", #rows, #speaker_rows, #speaker_rows == 1 and "" or "s"),
  summary = { string.format("%d direct, %d reported, in %d articles.", ndirect, #rows - ndirect, #corpus) },
  meta = { count = #rows, speakers_count = #speaker_rows },
  sections = {
    { name = "quotes", group = "speaker", noun = { "quote", "quotes" },
      columns = { "speaker", "article", "date", "source", "kind", "direct", "cue", "text" },
      show = { "article", "date", "kind", "cue", "text" },
      rows = rows, max_width = 80, wrap = { "text" } },
    { name = "speakers", columns = { "speaker", "quotes", "direct", "reported", "articles" },
      rows = speaker_rows,
      chart = { type = "bars", label = "speaker", value = "quotes", title = "quotes per speaker" } },
  },
}

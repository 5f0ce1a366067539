-- Who said what: quotes grouped by speaker, with article, date, direct or reported, and the words.
--
-- @option --top=N  number  20  speakers shown (the most quoted)
-- @option --speaker=NAME  string  -  only quotes by this speaker (words of the name: Stoltenberg)
-- @option --since=DATE  date  -  only articles dated on or after DATE (undated ones are left out)
-- @option --until=DATE  date  -  only articles dated on or before DATE (undated ones are left out)
-- @option --kind=KIND  string  -  only direct or only reported quotes
--
-- Usage: lede report quotes [-o text|json|csv|md|html] CORPUS... [-- --section speakers]
-- One row per utterance: a reported sentence and the quoted fragments inside
-- it, or the fragments of one sentence, are one quote (corpus:utterances()).
-- Speakers are the rules' speaker names merged across the corpus
-- (corpus:canonical: "Vjosa Osmani" and "Vjosa Osmani-Sadriu" are one
-- person); most quoted first, then each speaker's quotes by article date.
-- Articles are shown by source, date and title; JSON and CSV keep the ids.
-- Copy this file to change it: it uses only the public lede Lua API and
-- lib.pass, so it runs the same with --stream.

local output = require "lib.output"
local textlib = require "lib.text"
local pass = require "lib.pass"

local options = options or {}
local TOP = tonumber(options.top) or 20
local KINDS = { direct = true, reported = true }
if options.kind ~= nil and not KINDS[options.kind] then
  output.usage_error("quotes: --kind is direct or reported, not '" .. tostring(options.kind) .. "'")
end

local UNATTRIBUTED = "(unattributed)"

local function source_of(a) return a.source or a.agency end

local function wanted(u)
  local a = u.article
  if not textlib.date_within(a.date, options.since, options["until"]) then return false end
  if options.kind and (u.direct and "direct" or "reported") ~= options.kind then return false end
  return textlib.name_matches(u.speaker, options.speaker)
end

-- One pass (lib.pass: in memory or --stream alike) keeps each article's
-- QUOTEs as plain records; they are folded into utterances once the
-- speakers' corpus-wide names are known. The speakers' rows are counted over
-- the utterances kept.
local p = pass.new(corpus, { quotes = true }):run()
local utterances = p:utterances()
local speakers, row_of = p:speakers(wanted, utterances)
local rows = {}
for _, u in ipairs(utterances) do
  local s = row_of[u]
  if s then
    local a = u.article
    rows[#rows + 1] = {
      speaker = u.speaker,
      article = a.id,
      label = a.label,
      date = a.date,
      source = source_of(a),
      kind = u.direct and "direct" or "reported",
      direct = u.direct,
      cue = u.cue,
      fragments = #u.parts,
      text = (u.text:gsub("%s+", " ")),
      _stat = s, _n = a.index, _pos = (u.field and 0 or u.start),
    }
  end
end

-- most quoted first (unattributed last); ties by name
local function before(x, y)
  if (x.speaker == UNATTRIBUTED) ~= (y.speaker == UNATTRIBUTED) then return y.speaker == UNATTRIBUTED end
  if x.quotes ~= y.quotes then return x.quotes > y.quotes end
  return x.speaker < y.speaker
end
local speaker_rows = {}
for i, s in ipairs(speakers) do
  speaker_rows[i] = s
  s.labels = p:labels_of(s.articles, 3)   -- the first three, "(+N more)"
end
table.sort(speaker_rows, before)
local shown = {}
for i = 1, math.min(TOP, #speaker_rows) do shown[speaker_rows[i]] = true end
for i = #speaker_rows, TOP + 1, -1 do speaker_rows[i] = nil end

-- each speaker's quotes: dated articles by date, then in corpus order, then in the text
local kept = {}
for _, r in ipairs(rows) do if shown[r._stat] then kept[#kept + 1] = r end end
rows = kept
table.sort(rows, function(x, y)
  if x._stat ~= y._stat then return before(x._stat, y._stat) end
  if x.date ~= y.date then
    if x.date and y.date then return x.date < y.date end
    return x.date ~= nil
  end
  if x._n ~= y._n then return x._n < y._n end
  return x._pos < y._pos
end)

local ndirect, narticles = 0, {}
for _, r in ipairs(rows) do
  if r.direct then ndirect = ndirect + 1 end
  narticles[r.article] = true
end
local nart = 0
for _ in pairs(narticles) do nart = nart + 1 end

local summary = { string.format("%d direct, %d reported, in %d of %d articles; a reported sentence and "
                                .. "the fragments quoted inside it count as one quote.",
                                ndirect, #rows - ndirect, nart, p.count) }

output.emit{
  title = string.format("Quotes: %d from %d speaker%s", #rows, #speaker_rows, #speaker_rows == 1 and "" or "s"),
  summary = summary,
  meta = { count = #rows, speakers_count = #speaker_rows },
  sections = {
    { name = "quotes", group = "speaker", noun = { "quote", "quotes" },
      columns = { "speaker", "article", "label", "date", "source", "kind", "direct", "cue", "fragments", "text" },
      headers = { "speaker", "article id", "article", "date", "source", "kind", "direct", "cue", "fragments", "text" },
      show = { "label", "kind", "cue", "text" },
      rows = rows, max_width = 80, wrap = { "text", "label" } },
    { name = "speakers", columns = { "speaker", "quotes", "direct", "reported", "articles", "labels" },
      headers = { "speaker", "quotes", "direct", "reported", "article ids", "articles" },
      show = { "speaker", "quotes", "direct", "reported", "labels" }, wrap = { "labels" }, max_width = 80,
      rows = speaker_rows,
      chart = { type = "bars", label = "speaker", value = "quotes", title = "quotes per speaker" } },
  },
}

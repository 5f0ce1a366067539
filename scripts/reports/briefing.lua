-- The story at a glance: articles by date and source, main people, organisations and places, key figures, most quoted speakers.
--
-- @option --top=N  number  8  people, organisations and places shown
-- @option --figures=N  number  10  key figures shown (the largest)
--
-- Usage: lede report briefing [-o text|json|csv|md|html] CORPUS... [-- --section NAME]
--   CSV holds one section (default: articles); pick another with
--   `-- --section people`, or `-- --section all`.
-- Copy this file to change it: it uses only the public lede Lua API and
-- lib.pass (so it runs the same with --stream), and lib/output.lua does all
-- the formatting.

local output = require "lib.output"
local textlib = require "lib.text"

local options = options or {}
local TOP = tonumber(options.top) or 8              -- how many people, organisations and places
local TOP_FIGURES = tonumber(options.figures) or 10 -- how many figures

local pass = require "lib.pass"

local function source_of(a) return a.source or a.agency end

------------------------------------------------------------ one pass

-- One pass over the corpus (lib.pass: in memory or --stream alike): each
-- article gives its row, its dated events and its figures as plain values;
-- entities and speakers are resolved corpus-wide after the last article.
local HTML = (lede.options and lede.options.output) == "html"   -- the chart is HTML only
local p = pass.new(corpus, { entities = true, quotes = "counts" })
local rows, marks, figures = {}, {}, {}
local first, last
local nfigures, nvalued = 0, 0

-- the figures with a value, largest first (ties: article id, position, then
-- corpus order); only the TOP_FIGURES largest are kept as the pass goes
local function figure_before(x, y)
  if x.value ~= y.value then return x.value > y.value end
  if x.article ~= y.article then return x.article < y.article end
  if x._pos ~= y._pos then return x._pos < y._pos end
  return x._seq < y._seq
end
local function trim_figures()
  table.sort(figures, figure_before)
  for i = #figures, TOP_FIGURES + 1, -1 do figures[i] = nil end
end

p:each(function(a, art)
  local sentences = a:sentences()
  local lead = sentences[1] and sentences[1].text or nil
  local words = 0
  for _, t in ipairs(a:tokens()) do if t.kind == "word" then words = words + 1 end end
  -- an article without a title gets its lead's first words, marked as made up
  local title, from_lead = textlib.article_title(a)
  if from_lead then title = textlib.short(title, 60) end
  rows[#rows + 1] = {
    id = a.id,
    label = art.label,
    title = title,
    title_from_lead = from_lead,
    shown_title = from_lead and ("[" .. title .. "] (made from the lead: the article has no title)") or title,
    date = a.date,
    date_doubtful = a.date_doubtful == true and (a.date_evidence or true) or nil,
    source = source_of(a),
    dateline = a.dateline,
    byline = a.byline,
    sentences = #sentences,
    words = words,
    lead = lead,
  }
  if a.date then
    if not first or a.date < first then first = a.date end
    if not last or a.date > last then last = a.date end
  end
  -- the dated events it mentions (day, week or month precision: years and
  -- decades are context), for the timeline chart
  if HTML then
    for _, d in ipairs(a:dates()) do
      local prec = d.precision
      if d.value and (prec == "day" or prec == "week" or prec == "month") then
        marks[#marks + 1] = { date = d.value, lane = "events mentioned",
                              label = d.text .. " (" .. art.label .. ")" }
      end
    end
  end
  for _, f in ipairs(a:figures()) do
    nfigures = nfigures + 1
    if f.value then
      nvalued = nvalued + 1
      figures[#figures + 1] = {
        value = f.value, approx = f.approx, unit = f.unit, mention = f.text,
        article = art.id, label = art.label,
        source = source_of(art), date = art.date,
        _pos = f.start, _seq = nvalued,
      }
      if #figures >= 4 * TOP_FIGURES + 64 then trim_figures() end
    end
  end
end)
p:run()

-- Dated articles first in date order, then the undated in corpus order.
local order = {}
for i, r in ipairs(rows) do order[r] = i end
table.sort(rows, function(x, y)
  if x.date and y.date and x.date ~= y.date then return x.date < y.date end
  if (x.date ~= nil) ~= (y.date ~= nil) then return x.date ~= nil end
  return order[x] < order[y]
end)

------------------------------------------------------------ sources

local sources, source_rows = {}, {}
for _, r in ipairs(rows) do
  local name = r.source or "(unknown)"
  local s = sources[name]
  if not s then
    s = { source = name, articles = 0, ids = {} }
    sources[name] = s
    source_rows[#source_rows + 1] = s
  end
  s.articles = s.articles + 1
  s.ids[#s.ids + 1] = r.id
  if r.date then
    if not s.first or r.date < s.first then s.first = r.date end
    if not s.last or r.date > s.last then s.last = r.date end
  end
end
for _, s in ipairs(source_rows) do s.labels = p:labels_of(s.ids, 3) end
table.sort(source_rows, function(x, y)
  if x.articles ~= y.articles then return x.articles > y.articles end
  return x.source < y.source
end)

------------------------------------------------------------ timeline chart

-- One lane per source for the articles, one for the dated events they
-- mention (gathered in the pass, after the articles).
if HTML then
  local events = marks
  marks = {}
  for _, r in ipairs(rows) do
    marks[#marks + 1] = { date = r.date, lane = "article · " .. (r.source or "unknown source"),
                          label = r.label }
  end
  for _, m in ipairs(events) do marks[#marks + 1] = m end
end

------------------------------------------------------------ entities

local function top_entities(list)
  local out = {}
  for i = 1, math.min(TOP, #list) do
    local e = list[i]
    out[i] = { name = e.name, mentions = e.mentions, articles = #e.articles,
               aliases = e.aliases }
  end
  return out
end

local people = p:people()
local orgs = p:orgs()
local places = p:places()

------------------------------------------------------------ figures

trim_figures()

------------------------------------------------------------ speakers

local speaker_rows = p:speakers()
local nquotes = 0
for _, s in ipairs(speaker_rows) do nquotes = nquotes + s.quotes end
table.sort(speaker_rows, function(x, y)
  if x.quotes ~= y.quotes then return x.quotes > y.quotes end
  return x.speaker < y.speaker
end)
for _, s in ipairs(speaker_rows) do s.articles = #s.articles end

------------------------------------------------------------ the document

local summary = string.format("%d article%s", #rows, #rows == 1 and "" or "s")
if first then
  summary = summary .. (first == last and (", dated " .. first)
                        or string.format(", dated %s to %s", first, last))
end

local lines = {}
local function names(list, n)
  local t = {}
  for i = 1, math.min(n, #list) do
    t[i] = string.format("%s (%d)", list[i].name, list[i].mentions)
  end
  return table.concat(t, ", ")
end
if #people > 0 then lines[#lines + 1] = "People: " .. names(people, 3) end
if #orgs > 0 then lines[#lines + 1] = "Organisations: " .. names(orgs, 3) end
if #places > 0 then lines[#lines + 1] = "Places: " .. names(places, 3) end
lines[#lines + 1] = string.format("%d figures, %d quotes from %d speakers, %d sources",
                                  nfigures, nquotes, #speaker_rows, #source_rows)
-- a date the loader doubts (the story contradicts it) is said, with why
local doubted = 0
for _, a in ipairs(p.articles) do
  if a.date_doubtful == true then
    doubted = doubted + 1
    lines[#lines + 1] = string.format("Date in doubt: %s (%s)", a.label, a.date_evidence or "the story contradicts it")
  end
end

local entity_cols = { "name", "mentions", "articles", "aliases" }
local function bars(title) return { type = "bars", label = "name", value = "mentions", title = title } end

output.emit{
  title = "Briefing: " .. summary,
  summary = lines,
  meta = { count = #rows, first_date = first, last_date = last, dates_doubtful = doubted,
           figures_total = nfigures, quotes_total = nquotes },
  sections = {
    { name = "articles", layout = "records",
      columns = { "id", "title", "title_from_lead", "shown_title", "label", "date", "date_doubtful", "source",
                  "dateline", "byline", "sentences", "words", "lead" },
      headers = { "id", "title", "title_from_lead", "title", "label", "date", "in doubt", "source",
                  "dateline", "byline", "sentences", "words", "lead" },
      show = { "shown_title", "date", "date_doubtful", "source", "dateline", "byline", "sentences", "words", "lead" },
      rows = rows,
      chart = { type = "timeline", date = "date", lane = "lane", label = "label", rows = marks,
                title = "Articles by publication date and source, and the dates they mention" } },
    { name = "sources", title = "sources", columns = { "source", "articles", "first", "last", "ids", "labels" },
      headers = { "source", "articles", "first", "last", "ids", "titles" },
      show = { "source", "articles", "first", "last", "labels" }, max_width = 70, wrap = { "labels" },
      rows = source_rows },
    { name = "people", title = "main people", columns = entity_cols, rows = top_entities(people),
      chart = bars("mentions of people") },
    { name = "organisations", title = "main organisations", columns = entity_cols,
      rows = top_entities(orgs), chart = bars("mentions of organisations") },
    { name = "places", title = "main places", columns = entity_cols, rows = top_entities(places),
      chart = bars("mentions of places") },
    { name = "figures", title = "key figures",
      note = string.format("The %d largest of %d figures with a value (%d in all); "
                           .. "`lede report figures` lists every one.", #figures, nvalued, nfigures),
      columns = { "value", "approx", "unit", "mention", "article", "label", "source", "date" },
      headers = { "value", "approx", "unit", "mention", "article", "article", "source", "date" },
      show = { "value", "approx", "unit", "mention", "label" }, max_width = 72,
      digits = { "value" }, rows = figures },
    { name = "speakers", title = "most quoted", columns = { "speaker", "quotes", "direct", "reported", "articles" },
      rows = speaker_rows,
      chart = { type = "bars", label = "speaker", value = "quotes", title = "quotes per speaker" } },
  },
}

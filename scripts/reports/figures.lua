-- Every reported number: value, approx, unit and sentence, grouped by what it counts, with its source article.
--
-- @option --top=N  number  -  groups shown (the largest; default: all)
-- @option --since=DATE  date  -  only articles dated on or after DATE (undated ones are left out)
-- @option --until=DATE  date  -  only articles dated on or before DATE (undated ones are left out)
--
-- Usage: lede report figures [-o text|json|csv|md|html] CORPUS... [-- --section counts]
-- A figure is a FIGURE annotation ("over 1,000 additional troops", "93 of its
-- soldiers", "5% of GDP", "dozens of peacekeepers"). Figures are grouped by
-- what their unit counts: a class of scripts/data/unit_classes.tsv (soldiers,
-- troops, peacekeepers -> troops; masked men -> armed men), else the head noun
-- in the singular (incidents -> incident), every percentage together; largest
-- value first within a group, so different reports of the same count sit side
-- by side. Articles are shown by source, date and title; JSON and CSV keep ids.
-- Copy this file to change it: it uses only the public lede Lua API and
-- lib.pass, so it runs the same with --stream.

local output = require "lib.output"
local textlib = require "lib.text"
local pass = require "lib.pass"

local options = options or {}
local TOP = tonumber(options.top)       -- groups shown (nil: all)

local NO_UNIT = "(nothing counted)"

local function source_of(a) return a.source or a.agency end

-- What a unit counts: its class in scripts/data/unit_classes.tsv ("93 of its
-- soldiers" and "93 troops" both count troops), else its head noun in the
-- singular ("two incidents" -> incident); every percentage is one group.
local function counts(unit)
  local class = textlib.unit_class(unit)
  if not class then return NO_UNIT end
  if class:match("^percent") then return "percent" end
  return class
end

local function wanted(a)
  return textlib.date_within(a.date, options.since, options["until"])
end

-- One pass (lib.pass: in memory or --stream alike): each article's figures
-- become rows of plain values; the grouping and sorting come after.
local p = pass.new(corpus)
local rows, groups, group_rows, seen = {}, {}, {}, {}
p:each(function(a, art)
  if not wanted(a) then return end
  local sentence_text = {}       -- one string per sentence, shared by its figures
  for _, f in ipairs(a:figures()) do
    local key = counts(f.unit)
    local g = groups[key]
    if not g then
      g = { counts = key, figures = 0, values = {}, articles = {} }
      seen[g] = {}
      groups[key] = g
      group_rows[#group_rows + 1] = g
    end
    g.figures = g.figures + 1
    if not seen[g][art.id] then
      seen[g][art.id] = true
      g.articles[#g.articles + 1] = art.id
    end
    local s, text = f.sentence, a.title
    if s then
      text = sentence_text[s.index]
      if not text then text = s.text; sentence_text[s.index] = text end
    end
    rows[#rows + 1] = {
      counts = key,
      value = f.value,
      approx = f.approx,
      unit = f.unit,
      mention = f.text,
      sentence = text,
      article = art.id,
      label = art.label,
      source = source_of(art),
      date = art.date,
      _group = g, _n = art.index, _pos = f.start,
    }
  end
end)
p:run()

-- groups with most figures first; in a group, largest value first (vague
-- "dozens of" last), then by article and position
table.sort(group_rows, function(x, y)
  if (x.counts == NO_UNIT) ~= (y.counts == NO_UNIT) then return y.counts == NO_UNIT end
  if x.figures ~= y.figures then return x.figures > y.figures end
  return x.counts < y.counts
end)
local rank = {}
for i, g in ipairs(group_rows) do rank[g] = i end
table.sort(rows, function(x, y)
  if x._group ~= y._group then return rank[x._group] < rank[y._group] end
  if x.value ~= y.value then
    if x.value and y.value then return x.value > y.value end
    return x.value ~= nil
  end
  if x._n ~= y._n then return x._n < y._n end
  return x._pos < y._pos
end)
for _, r in ipairs(rows) do
  local g = r._group
  g.values[#g.values + 1] = r.value or r.approx   -- "dozens" for a vague figure
end
for _, g in ipairs(group_rows) do
  table.sort(g.articles)
  g.labels = p:labels_of(g.articles, 3)   -- the first three, "(+N more)"
end
if TOP then
  local keep = {}
  for i = #group_rows, TOP + 1, -1 do group_rows[i] = nil end
  for _, g in ipairs(group_rows) do keep[g] = true end
  local kept = {}
  for _, r in ipairs(rows) do if keep[r._group] then kept[#kept + 1] = r end end
  rows = kept
end

output.emit{
  title = string.format("Figures: %d reported number%s in %d group%s", #rows, #rows == 1 and "" or "s",
                        #group_rows, #group_rows == 1 and "" or "s"),
  summary = { string.format("From %d articles; grouped by what is counted (troops, police officers, armed men…, "
                            .. "else the unit's head noun, singular).", p.count) },
  meta = { count = #rows, groups_count = #group_rows },
  sections = {
    { name = "figures", group = "counts", noun = { "figure", "figures" },
      columns = { "counts", "value", "approx", "unit", "mention", "article", "label", "source", "date", "sentence" },
      headers = { "counts", "value", "approx", "unit", "mention", "article", "article", "source", "date", "sentence" },
      show = { "value", "approx", "unit", "mention", "label", "sentence" },
      digits = { "value" }, rows = rows, max_width = 70, wrap = { "sentence" } },
    { name = "counts", title = "what is counted",
      columns = { "counts", "figures", "values", "articles", "labels" },
      headers = { "counts", "figures", "values", "article ids", "articles" },
      show = { "counts", "figures", "values", "labels" }, wrap = { "labels" },
      digits = { "values" }, rows = group_rows,
      chart = { type = "bars", label = "counts", value = "figures", title = "figures per thing counted" } },
  },
}

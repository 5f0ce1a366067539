-- Every reported number: value, approx, unit and sentence, grouped by what it counts, with its source article.
--
-- Usage: lede report figures [-o text|json|csv|md|html] CORPUS... [-- --section counts]
-- A figure is a FIGURE annotation ("over 1,000 additional troops", "93 of its
-- soldiers", "5% of GDP", "dozens of peacekeepers"). Figures are grouped by
-- the head noun of their unit in the singular (troops -> troop, masked men ->
-- man, percent of GDP -> percent), largest value first within a group, so
-- different reports of the same count sit side by side.
-- Copy this file to change it: it uses only the public lede Lua API.

local output = require "lib.output"

local NO_UNIT = "(nothing counted)"

local function source_of(a) return a.source or a.agency end

-- Plural nouns to singular: enough English for the units news counts.
local IRREGULAR = { men = "man", women = "woman", people = "person", children = "child",
                    police = "police", personnel = "personnel", staff = "staff",
                    feet = "foot", teeth = "tooth", mice = "mouse", geese = "goose",
                    series = "series", species = "species", news = "news",
                    specimen = "specimen", abdomen = "abdomen", omen = "omen" }
local function singular(w)
  w = lede.fold(w)
  if IRREGULAR[w] then return IRREGULAR[w] end
  if w:match(".men$") then return (w:gsub("men$", "man")) end        -- gunmen, servicemen
  if #w > 4 and w:match("[^aeiou]ies$") then return (w:gsub("ies$", "y")) end  -- casualties
  if w:match("sses$") or w:match("xes$") or w:match("[cs]hes$") then return (w:gsub("es$", "")) end
  if w:match("ss$") or w:match("us$") or w:match("is$") then return w end
  return (w:gsub("s$", ""))
end

-- What a unit counts: the head noun (last word before "of"), singular.
-- "additional troops" -> "troop", "percent of GDP" -> "percent".
local function counts(unit)
  if not unit or unit == "" then return NO_UNIT end
  local head = unit:match("^(.-)%s+of%s") or unit
  local last = head:match("(%S+)%s*$") or head
  return singular(last)
end

local rows, groups, group_rows = {}, {}, {}
for _, f in ipairs(corpus:annotations("FIGURE")) do
  local a = f.article
  local key = counts(f.unit)
  local g = groups[key]
  if not g then
    g = { counts = key, figures = 0, values = {}, articles = {}, seen = {} }
    groups[key] = g
    group_rows[#group_rows + 1] = g
  end
  g.figures = g.figures + 1
  if not g.seen[a.id] then g.seen[a.id] = true; g.articles[#g.articles + 1] = a.id end
  rows[#rows + 1] = {
    counts = key,
    value = f.value,
    approx = f.approx,
    unit = f.unit,
    mention = f.text,
    sentence = f.sentence and f.sentence.text or a.title,
    article = a.id,
    source = source_of(a),
    date = a.date,
    _group = g, _n = a.index, _pos = f.start,
  }
end

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
for _, g in ipairs(group_rows) do table.sort(g.articles) end

output.emit{
  title = string.format("Figures: %d reported number%s in %d group%s", #rows, #rows == 1 and "" or "s",
                        #group_rows, #group_rows == 1 and "" or "s"),
  summary = { string.format("From %d articles; grouped by what is counted (the unit's head noun, singular).", #corpus) },
  meta = { count = #rows, groups_count = #group_rows },
  sections = {
    { name = "figures", group = "counts", noun = { "figure", "figures" },
      columns = { "counts", "value", "approx", "unit", "mention", "article", "source", "date", "sentence" },
      show = { "value", "approx", "unit", "mention", "article", "source", "sentence" },
      digits = { "value" }, rows = rows, max_width = 70, wrap = { "sentence" } },
    { name = "counts", title = "what is counted",
      columns = { "counts", "figures", "values", "articles" },
      digits = { "values" }, rows = group_rows,
      chart = { type = "bars", label = "counts", value = "figures", title = "figures per thing counted" } },
  },
}

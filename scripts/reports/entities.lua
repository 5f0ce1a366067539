-- Canonical entities by kind (people, organisations, places): mentions, articles, aliases seen.
--
-- @option --top=N  number  -  entities shown per kind (the most mentioned; default: all)
-- @option --kind=KIND  string  -  only people, organisations or places
--
-- Usage: lede report entities [-o text|json|csv|md|html] CORPUS...
-- One row per canonical entity: the per-article names merged across the
-- corpus (corpus:people(), corpus:orgs(), corpus:places()), with every
-- spelling seen (aliases, most frequent first) and the articles that name it.
-- Copy this file to change it: it uses only the public lede Lua API and
-- lib.pass, so it runs the same with --stream.

local output = require "lib.output"
local pass = require "lib.pass"

local options = options or {}
local TOP = tonumber(options.top)
local WANT = { people = true, organisations = true, places = true }
if options.kind ~= nil and not WANT[options.kind] then
  output.usage_error("entities: --kind is people, organisations or places, not '" .. tostring(options.kind) .. "'")
end

-- One pass over the corpus (lib.pass: in memory or --stream alike): the
-- entity names with their counts, resolved corpus-wide after the last article.
local p = pass.new(corpus, { entities = true }):run()

-- the articles' labels (source, date, short title): the first three
local function labels(ids) return p:labels_of(ids, 3) end

local KINDS = {
  { list = p:people(), label = "people" },
  { list = p:orgs(), label = "organisations" },
  { list = p:places(), label = "places" },
}

local rows, counts, total = {}, {}, 0
for _, k in ipairs(KINDS) do
  if options.kind and k.label ~= options.kind then k.list = {} end
  if TOP then for i = #k.list, TOP + 1, -1 do k.list[i] = nil end end
  for _, e in ipairs(k.list) do
    rows[#rows + 1] = {
      kind = k.label,
      name = e.name,
      mentions = e.mentions,
      articles = #e.articles,
      ids = e.articles,
      labels = labels(e.articles),
      aliases = e.aliases,
    }
    total = total + e.mentions
  end
  counts[#counts + 1] = string.format("%d %s", #k.list, k.label)
end

output.emit{
  title = string.format("Entities: %d in %d article%s", #rows, p.count, p.count == 1 and "" or "s"),
  summary = { table.concat(counts, ", ") .. string.format(" (%d mentions)", total) },
  meta = { count = #rows, mentions = total },
  sections = {
    { name = "entities", group = "kind", noun = { "entity", "entities" },
      note = "Sorted by mentions; aliases are the spellings seen, most frequent first.",
      columns = { "kind", "name", "mentions", "articles", "aliases", "ids", "labels" },
      headers = { "kind", "name", "mentions", "articles", "aliases", "article ids", "in" },
      show = { "name", "mentions", "articles", "aliases", "labels" }, wrap = { "labels", "aliases" },
      max_width = 60,
      rows = rows,
      chart = { type = "bars", label = "name", value = "mentions" } },
  },
}

-- Who appears with whom: people, organisations and places named in the same sentence, as a weighted graph.
--
-- @option --top=N  number  100  links shown (the heaviest)
-- @option --min-weight=N  number  1  links named in fewer sentences are left out
--
-- Usage: lede report network [-o text|json|csv|md|html|dot] CORPUS...
-- Copy this file to change it: it uses only the public lede Lua API and
-- lib.pass, so it runs the same with --stream.
--
-- Every PERSON, ORG and LOC annotation is mapped to its corpus-wide canonical
-- name (corpus:canonical(ann), so "Stoltenberg" and "Jens Stoltenberg" are one
-- node). Two entities are linked when they are named in the same sentence (the
-- headline counts as a sentence); the weight of a link is the number of
-- sentences naming both, and the link lists the articles those sentences are in.
-- A name repeated within one sentence counts once.
--
-- Output: the MAX_EDGES heaviest links with weight >= MIN_WEIGHT (ties broken by
-- the number of articles, then by name), as a table; JSON also lists the nodes
-- (kind, mentions, articles, degree). `-o dot` prints a Graphviz graph: shape and
-- colour by kind, pen width by weight (`lede report network -o dot corpus/ | dot
-- -Tsvg > network.svg`).

local output = require "lib.output"

local pass = require "lib.pass"
local options = options or {}
local MIN_WEIGHT = tonumber(options["min-weight"] or options.min_weight) or 1
local FORMAT = lede.options and lede.options.output or "text"
local MAX_EDGES = tonumber(options.top) or 100

local nodes, node_order = {}, {}   -- name -> { name, kind, mentions, articles, seen }
local edges, edge_order = {}, {}   -- "a\0b" -> { a, b, weight, articles, seen, example }

-- map[key], made by make() and kept in order the first time it is asked for
local function entry(map, order, key, make)
  local x = map[key]
  if not x then
    x = make()
    map[key] = x
    order[#order + 1] = x
  end
  return x
end

-- note that x (a node or an edge) occurs in the article with this id
local function seen_in(x, id)
  if not x.seen[id] then
    x.seen[id] = true
    x.articles[#x.articles + 1] = id
  end
end

local function link(a, b, id, text)
  if a > b then a, b = b, a end
  local e = entry(edges, edge_order, a .. "\0" .. b, function()
    return { a = a, b = b, weight = 0, articles = {}, seen = {}, example = text }
  end)
  e.weight = e.weight + 1
  seen_in(e, id)
end

-- One pass (lib.pass: in memory or --stream alike). A sentence's entities
-- are linked by their corpus-wide names, known only after the last article;
-- so the pass keeps, per sentence naming two or more, the names as the
-- article gave them (kind and per-article canonical, one string), and the
-- sentence's text only when it holds a pair of such names seen in no
-- sentence before: a link's first sentence always does, so the example
-- sentence of every link is kept and no other text is. Mentions and
-- articles per name come from lib.pass's entity groups.
local CODE = { PERSON = "P", ORG = "O", LOC = "L" }
local KIND_OF = { P = "PERSON", O = "ORG", L = "LOC" }
local p = pass.new(corpus, { entities = true })
local sentence_count = 0
local stored = {}           -- { article id, { names, text or false, names, ... } }
local raw_pairs = {}        -- "x\0y" -> true for pairs of names as given
p:each(function(a, art)
  -- group the article's entity mentions by sentence (the headline is one more)
  local units, order = {}, {}
  for _, e in ipairs(a:entities()) do
    local s = e.sentence
    local key = s and s.index or ("field:" .. tostring(e.field or "title"))
    local u = units[key]
    if not u then
      u = { seen = {}, list = {}, s = s, field = e.field }
      units[key] = u
      order[#order + 1] = u
    end
    local raw = CODE[e.kind] .. (e.canonical or e.text)
    if not u.seen[raw] then
      u.seen[raw] = true
      u.list[#u.list + 1] = raw
    end
  end
  sentence_count = sentence_count + #order
  local keep = {}
  for _, u in ipairs(order) do
    local list = u.list
    if #list >= 2 then
      local new = false
      for i = 1, #list do
        for j = i + 1, #list do
          local x, y = list[i], list[j]
          if x > y then x, y = y, x end
          local k = x .. "\0" .. y
          if not raw_pairs[k] then raw_pairs[k] = true; new = true end
        end
      end
      keep[#keep + 1] = table.concat(list, "\0")
      keep[#keep + 1] = new and (u.s and u.s.text or a[u.field or "title"]) or false
    end
  end
  if #keep > 0 then stored[#stored + 1] = { art.id, keep } end
end)
p:run()
raw_pairs = nil

-- the nodes: every corpus-wide name, its mentions and articles over the
-- kinds it is tagged with; a name can be tagged with different kinds in
-- different places: keep the kind it has most often
local kinds = {}
for _, kind in ipairs { "PERSON", "ORG", "LOC" } do
  for _, g in ipairs(p:entity_groups(kind)) do
    local n = entry(nodes, node_order, g.name, function()
      return { name = g.name, kind = kind, mentions = 0, articles = {}, seen = {}, degree = 0 }
    end)
    n.mentions = n.mentions + g.mentions
    for _, id in ipairs(g.articles) do seen_in(n, id) end
    kinds[g.name] = kinds[g.name] or {}
    kinds[g.name][kind] = (kinds[g.name][kind] or 0) + g.mentions
  end
end
for name, n in pairs(nodes) do
  local best, count = n.kind, -1
  for k, c in pairs(kinds[name]) do
    if c > count or (c == count and k < best) then best, count = k, c end
  end
  n.kind = best
end

-- the links: a sentence's names mapped to their corpus-wide names, each once
local canonical = {}
local function canonical_of(raw)
  local c = canonical[raw]
  if not c then
    c = p:canonical { kind = KIND_OF[raw:sub(1, 1)], canonical = raw:sub(2) }
    canonical[raw] = c
  end
  return c
end
for _, x in ipairs(stored) do
  local id = x[1]
  local units = x[2]
  for k = 1, #units, 2 do
    local names, list = {}, {}
    local text = units[k + 1]
    for raw in units[k]:gmatch("[^%z]+") do
      local name = canonical_of(raw)
      if not names[name] then
        names[name] = true
        list[#list + 1] = name
      end
    end
    for i = 1, #list do
      for j = i + 1, #list do link(list[i], list[j], id, text or nil) end
    end
  end
end
stored = nil

local kept = {}
for _, e in ipairs(edge_order) do
  if e.weight >= MIN_WEIGHT then kept[#kept + 1] = e end
end
table.sort(kept, function(x, y)
  if x.weight ~= y.weight then return x.weight > y.weight end
  if #x.articles ~= #y.articles then return #x.articles > #y.articles end
  if x.a ~= y.a then return x.a < y.a end
  return x.b < y.b
end)
local total_edges = #kept
while #kept > MAX_EDGES do table.remove(kept) end

for _, e in ipairs(kept) do
  nodes[e.a].degree = nodes[e.a].degree + 1
  nodes[e.b].degree = nodes[e.b].degree + 1
  table.sort(e.articles)
end

local shown = {}
for _, n in ipairs(node_order) do
  if n.degree > 0 then shown[#shown + 1] = n end
end
table.sort(shown, function(x, y)
  if x.mentions ~= y.mentions then return x.mentions > y.mentions end
  return x.name < y.name
end)

------------------------------------------------------------------ dot

local function dot_string(s)
  s = s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("[\r\n]+", " ")
  return '"' .. s .. '"'
end

local STYLE = {
  PERSON = 'shape=ellipse, style=filled, fillcolor="#cfe2ff", color="#3d6fb6"',
  ORG    = 'shape=box, style="filled,rounded", fillcolor="#ffe0b3", color="#c77a00"',
  LOC    = 'shape=hexagon, style=filled, fillcolor="#d3f0d3", color="#3f8f3f"',
}

if FORMAT == "dot" then
  local out = {}
  out[#out + 1] = "graph lede_network {"
  out[#out + 1] = "  graph [overlap=false, splines=true, outputorder=edgesfirst, label="
                  .. dot_string(string.format("Co-occurrence in sentences: %d entities, %d links",
                                              #shown, #kept)) .. "];"
  out[#out + 1] = '  node [fontname="Helvetica", fontsize=11];'
  out[#out + 1] = '  edge [color="#7a8699"];'
  local maxw = kept[1] and kept[1].weight or 1
  for _, n in ipairs(shown) do
    out[#out + 1] = string.format("  %s [label=%s, %s, tooltip=%s];", dot_string(n.name),
      dot_string(n.name), STYLE[n.kind] or "shape=plaintext",
      dot_string(string.format("%s, %d mentions in %d articles", n.kind, n.mentions, #n.articles)))
  end
  for _, e in ipairs(kept) do
    local pen = 1 + 5 * (math.log(e.weight) / math.log(math.max(maxw, 2)))
    out[#out + 1] = string.format("  %s -- %s [weight=%d, penwidth=%.2f, label=%s, tooltip=%s];",
      dot_string(e.a), dot_string(e.b), e.weight, pen,
      dot_string(tostring(e.weight)), dot_string(table.concat(e.articles, ", ")))
  end
  out[#out + 1] = "}"
  io.stdout:write(table.concat(out, "\n"), "\n")
  return
end

------------------------------------------------------------------ tables

local edge_rows = {}
for _, e in ipairs(kept) do
  edge_rows[#edge_rows + 1] = {
    source = e.a, source_kind = nodes[e.a].kind,
    target = e.b, target_kind = nodes[e.b].kind,
    weight = e.weight, n_articles = #e.articles, articles = lede.json.array(e.articles),
    labels = p:labels_of(e.articles, 2),
    example = e.example,
  }
end

local node_rows = {}
for _, n in ipairs(shown) do
  table.sort(n.articles)
  node_rows[#node_rows + 1] = { name = n.name, kind = n.kind, mentions = n.mentions,
                                articles = lede.json.array(n.articles), degree = n.degree }
end

local title = string.format("Entity network: %d entities, %d links from %d sentences",
                            #shown, #kept, sentence_count)
if total_edges > #kept then
  title = title .. string.format(" (heaviest %d of %d)", #kept, total_edges)
end

local sections = {
  { name = "edges", title = "Links", layout = "table",
    columns = { "source", "target", "weight", "n_articles", "labels" },
    headers = { "source", "target", "sentences", "articles", "in" },
    max_width = 60, wrap = { "labels" },
    rows = edge_rows },
}
if FORMAT == "json" then
  -- JSON carries everything: the kinds and an example sentence per link, and the nodes
  sections[1].columns = { "source", "source_kind", "target", "target_kind", "weight", "n_articles",
                          "articles", "example" }
  sections[1].headers = nil
  sections[2] = { name = "nodes", columns = { "name", "kind", "mentions", "articles", "degree" },
                  rows = node_rows }
elseif FORMAT == "csv" then
  sections[1].columns = { "source", "source_kind", "target", "target_kind", "weight", "n_articles",
                          "articles" }
  sections[1].headers = nil
end

output.emit{
  title = title,
  meta = { entities = #shown, links = #kept, all_links = total_edges, sentences = sentence_count,
           min_weight = MIN_WEIGHT, max_edges = MAX_EDGES },
  sections = sections,
}

-- Measure the extraction rules against hand annotations.
--
--   lede eval GOLD CORPUS...        (GOLD: a folder of <article id>.json files)
--
-- For each article of the corpus with a gold file, compares what the rules
-- produce with the gold `entities`, `dates`, `figures` and `quotes` (schema:
-- tests/data/gold/README.md) and prints precision, recall and F1 per kind:
--
--   PERSON, ORG, LOC, entities  mentions matched on (kind, surface text),
--                               counted as multisets per article
--   canonical                   mentions matched on (kind, text, canonical),
--                               the canonical resolved corpus-wide
--                               (corpus:canonical)
--   DATE                        expressions matched on their text
--   date value                  of matched dates whose gold value is known,
--                               the share resolved to the same ISO value
--   FIGURE                      figures matched when one text contains the
--                               other and the values agree
--   QUOTE                       quotes matched when the quoted text begins
--                               with the gold `start` (whitespace and quote
--                               marks folded; for reported speech the gold
--                               start may come up to 60 bytes in)
--   quote speaker               of matched quotes, the share whose speaker
--                               is the gold speaker (accuracy)
--
-- Scores honour -o text|json|csv|md. Articles without a gold file are skipped.

local output = require "lib.output"

local gold_dir = arg and arg[1]
if not gold_dir then
  io.stderr:write("usage: lede eval GOLD CORPUS...\n")
  os.exit(2)
end

local function read_gold(id)
  local f = io.open(gold_dir .. "/" .. id .. ".json", "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  local ok, g = pcall(lede.json.decode, s)
  if not ok then error(gold_dir .. "/" .. id .. ".json: " .. tostring(g), 0) end
  return g
end

local function norm(s)
  s = lede.normalize(s or "")
  s = s:gsub("[\"']", ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  return s
end

-- counters: name -> {gold, pred, tp}
local C = {}
local order = {}
local function counter(name)
  local c = C[name]
  if not c then
    c = { gold = 0, pred = 0, tp = 0 }
    C[name] = c
    order[#order + 1] = name
  end
  return c
end
for _, n in ipairs { "PERSON", "ORG", "LOC", "entities", "canonical", "DATE", "date value",
                     "FIGURE", "figure value", "QUOTE", "quote speaker" } do
  counter(n)
end

-- Compare two lists of keys as multisets: the number in common, the
-- predicted keys not in gold (in predicted order) and the gold keys not
-- predicted (in gold order).
local function compare_bags(gold_keys, pred_keys)
  local bag = {}
  for _, k in ipairs(gold_keys) do bag[k] = (bag[k] or 0) + 1 end
  local tp, extra = 0, {}
  for _, k in ipairs(pred_keys) do
    if (bag[k] or 0) > 0 then
      bag[k] = bag[k] - 1
      tp = tp + 1
    else
      extra[#extra + 1] = k
    end
  end
  local missed = {}
  for _, k in ipairs(gold_keys) do
    if (bag[k] or 0) > 0 then
      bag[k] = bag[k] - 1
      missed[#missed + 1] = k
    end
  end
  return tp, extra, missed
end

-- Pair each gold item, in order, with the first unpaired prediction that
-- same(gold, prediction) accepts: hit[gold index] = prediction index, and
-- used[prediction index] = true.
local function pair_up(golds, preds, same)
  local hit, used = {}, {}
  for gi, gitem in ipairs(golds) do
    for pi, p in ipairs(preds) do
      if not used[pi] and same(gitem, p) then
        hit[gi], used[pi] = pi, true
        break
      end
    end
  end
  return hit, used
end

local function count(name, gold, pred, tp)
  local c = counter(name)
  c.gold, c.pred, c.tp = c.gold + gold, c.pred + pred, c.tp + tp
end

local misses = {}   -- for --verbose style listing in JSON output
local function miss(article, what, detail)
  misses[#misses + 1] = { article = article.id, what = what, detail = detail }
end

local narticles = 0
for a in corpus:articles() do
  local g = read_gold(a.id)
  if g then
    narticles = narticles + 1
    -- entities
    local ents = a:entities()
    for _, kind in ipairs { "PERSON", "ORG", "LOC" } do
      local gk, pk = {}, {}
      for _, e in ipairs(g.entities or {}) do
        if e.kind == kind then gk[#gk + 1] = e.text end
      end
      for _, e in ipairs(ents) do
        if e.kind == kind then pk[#pk + 1] = e.text end
      end
      count(kind, #gk, #pk, (compare_bags(gk, pk)))
    end
    local gk, pk, gc, pc = {}, {}, {}, {}
    for _, e in ipairs(g.entities or {}) do
      gk[#gk + 1] = e.kind .. "\0" .. e.text
      gc[#gc + 1] = e.kind .. "\0" .. e.text .. "\0" .. tostring(e.canonical)
    end
    for _, e in ipairs(ents) do
      pk[#pk + 1] = e.kind .. "\0" .. e.text
      pc[#pc + 1] = e.kind .. "\0" .. e.text .. "\0" .. corpus:canonical(e)
    end
    local tp, extra, missed = compare_bags(gk, pk)
    count("entities", #gk, #pk, tp)
    for _, k in ipairs(extra) do miss(a, "entity extra", (k:gsub("%z", " "))) end
    for _, k in ipairs(missed) do miss(a, "entity missed", (k:gsub("%z", " "))) end
    tp, extra = compare_bags(gc, pc)
    count("canonical", #gc, #pc, tp)
    for _, k in ipairs(extra) do miss(a, "canonical", (k:gsub("%z", " | "))) end

    -- dates: match on text, in order, then compare values
    local gdates, dates = g.dates or {}, a:dates()
    local hit, used = pair_up(gdates, dates, function(gd, d) return norm(d.text) == norm(gd.text) end)
    local vgold, vtp = 0, 0
    tp = 0
    for gi, gd in ipairs(gdates) do
      local d = dates[hit[gi]]
      if d then
        tp = tp + 1
        if gd.value ~= nil and gd.value ~= lede.json.null then
          vgold = vgold + 1
          if d.value == gd.value then vtp = vtp + 1
          else miss(a, "date value", gd.text .. ": gold " .. gd.value .. ", got " .. tostring(d.value)) end
        end
      else
        miss(a, "date missed", gd.text)
      end
    end
    for i, d in ipairs(dates) do if not used[i] then miss(a, "date extra", d.text) end end
    count("DATE", #gdates, #dates, tp)
    count("date value", vgold, vgold, vtp)

    -- figures: one text contains the other and the values agree
    local gfigs, figs = g.figures or {}, a:figures()
    hit, used = pair_up(gfigs, figs, function(gf, f)
      local gt, ft = norm(gf.text), norm(f.text)
      if not (ft == gt or ft:find(gt, 1, true) or gt:find(ft, 1, true)) then return false end
      local gv = gf.value ~= lede.json.null and gf.value or nil
      return gv == f.value
    end)
    tp = 0
    local ftp = 0
    for gi, gf in ipairs(gfigs) do
      local f = figs[hit[gi]]
      if f then
        tp = tp + 1
        if norm(f.text) == norm(gf.text) then ftp = ftp + 1 end
      else
        miss(a, "figure missed", gf.text)
      end
    end
    for i, f in ipairs(figs) do if not used[i] then miss(a, "figure extra", f.text) end end
    count("FIGURE", #gfigs, #figs, tp)
    count("figure value", tp, tp, ftp)

    -- quotes: the quoted text begins with the gold start; a direct quote
    -- starts where its words start; reported speech may be taken with the
    -- words before its subject ("NATO Secretary General Jens Stoltenberg
    -- said …" for "Stoltenberg said …")
    local gquotes, quotes = g.quotes or {}, a:quotes()
    hit, used = pair_up(gquotes, quotes, function(gq, q)
      local at = norm(q.text):find(norm(gq.start), 1, true)
      local slack = (gq.direct == false) and 60 or 3
      return at ~= nil and at <= slack
    end)
    tp = 0
    local stp = 0
    for gi, gq in ipairs(gquotes) do
      local q = quotes[hit[gi]]
      if q then
        tp = tp + 1
        if q.speaker == gq.speaker then stp = stp + 1
        else miss(a, "quote speaker", gq.start .. ": gold " .. gq.speaker .. ", got " .. tostring(q.speaker)) end
      else
        miss(a, "quote missed", gq.start)
      end
    end
    for i, q in ipairs(quotes) do if not used[i] then miss(a, "quote extra", q.text:sub(1, 60)) end end
    count("QUOTE", #gquotes, #quotes, tp)
    count("quote speaker", tp, tp, stp)
  end
end

if narticles == 0 then
  io.stderr:write("lede: eval: no article of the corpus has a gold file in " .. gold_dir .. "\n")
  os.exit(2)
end

local function ratio(a, b) return b > 0 and a / b or 0 end
local rows = {}
for _, name in ipairs(order) do
  local c = C[name]
  local p, r = ratio(c.tp, c.pred), ratio(c.tp, c.gold)
  local f = (p + r) > 0 and 2 * p * r / (p + r) or 0
  if c.gold == 0 and c.pred == 0 then p, r, f = 1, 1, 1 end
  rows[#rows + 1] = {
    measure = name, gold = c.gold, predicted = c.pred, matched = c.tp,
    precision = tonumber(string.format("%.3f", p)),
    recall = tonumber(string.format("%.3f", r)),
    f1 = tonumber(string.format("%.3f", f)),
  }
end

output.emit{
  title = string.format("Evaluation on %d article%s against %s", narticles,
                        narticles == 1 and "" or "s", gold_dir),
  meta = { articles = narticles },
  sections = {
    { name = "scores", layout = "table",
      columns = { "measure", "gold", "predicted", "matched", "precision", "recall", "f1" },
      rows = rows },
    { name = "errors", layout = "table", columns = { "article", "what", "detail" },
      rows = (lede.options.output == "json" or os.getenv("LEDE_EVAL_VERBOSE")) and misses or {} },
  },
}

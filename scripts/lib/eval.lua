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

-- Pair an article's gold items of a kind with the rules' (same(g, p), first
-- free match in order) and count the kind (KIND: P/R) and, over the pairs, a
-- second measure (SECOND): check(g, p) is nil (not counted), true, or false
-- and what to list. Misses name the gold (gold_text) and the extras (pred_text).
local function score_pairs(a, kind, second, noun, golds, preds, same, check, gold_text, pred_text)
  local hit, used = pair_up(golds, preds, same)
  local tp, n2, ok2 = 0, 0, 0
  for gi, g in ipairs(golds) do
    local p = preds[hit[gi]]
    if p then
      tp = tp + 1
      local ok, why = check(g, p)
      if ok ~= nil then
        n2 = n2 + 1
        if ok then ok2 = ok2 + 1 elseif why then miss(a, second, why) end
      end
    else
      miss(a, noun .. " missed", gold_text(g))
    end
  end
  for i, p in ipairs(preds) do if not used[i] then miss(a, noun .. " extra", pred_text(p)) end end
  count(kind, #golds, #preds, tp)
  count(second, n2, n2, ok2)
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
    score_pairs(a, "DATE", "date value", "date", g.dates or {}, a:dates(),
      function(gd, d) return norm(d.text) == norm(gd.text) end,
      function(gd, d)
        if gd.value == nil or gd.value == lede.json.null then return nil end
        if d.value == gd.value then return true end
        return false, gd.text .. ": gold " .. gd.value .. ", got " .. tostring(d.value)
      end,
      function(gd) return gd.text end, function(d) return d.text end)

    -- figures: one text contains the other and the values agree
    score_pairs(a, "FIGURE", "figure value", "figure", g.figures or {}, a:figures(),
      function(gf, f)
        local gt, ft = norm(gf.text), norm(f.text)
        if not (ft == gt or ft:find(gt, 1, true) or gt:find(ft, 1, true)) then return false end
        local gv = gf.value ~= lede.json.null and gf.value or nil
        return gv == f.value
      end,
      function(gf, f) return norm(f.text) == norm(gf.text) end,
      function(gf) return gf.text end, function(f) return f.text end)

    -- quotes: the quoted text begins with the gold start; a direct quote
    -- starts where its words start; reported speech may be taken with the
    -- words before its subject ("NATO Secretary General Jens Stoltenberg
    -- said …" for "Stoltenberg said …")
    score_pairs(a, "QUOTE", "quote speaker", "quote", g.quotes or {}, a:quotes(),
      function(gq, q)
        local at = norm(q.text):find(norm(gq.start), 1, true)
        local slack = (gq.direct == false) and 60 or 3
        return at ~= nil and at <= slack
      end,
      function(gq, q)
        if q.speaker == gq.speaker then return true end
        return false, gq.start .. ": gold " .. gq.speaker .. ", got " .. tostring(q.speaker)
      end,
      function(gq) return gq.start end, function(q) return q.text:sub(1, 60) end)
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

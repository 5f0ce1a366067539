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

-- multiset intersection size of two lists of keys
local function overlap(gold_keys, pred_keys)
  local bag = {}
  for _, k in ipairs(gold_keys) do bag[k] = (bag[k] or 0) + 1 end
  local tp = 0
  for _, k in ipairs(pred_keys) do
    if (bag[k] or 0) > 0 then
      bag[k] = bag[k] - 1
      tp = tp + 1
    end
  end
  return tp
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
      count(kind, #gk, #pk, overlap(gk, pk))
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
    count("entities", #gk, #pk, overlap(gk, pk))
    do -- list the differences
      local bag = {}
      for _, k in ipairs(gk) do bag[k] = (bag[k] or 0) + 1 end
      for _, k in ipairs(pk) do
        if (bag[k] or 0) > 0 then bag[k] = bag[k] - 1 else miss(a, "entity extra", (k:gsub("%z", " "))) end
      end
      for k, n in pairs(bag) do
        for _ = 1, n do miss(a, "entity missed", (k:gsub("%z", " "))) end
      end
    end
    count("canonical", #gc, #pc, overlap(gc, pc))
    do
      local bag = {}
      for _, k in ipairs(gc) do bag[k] = (bag[k] or 0) + 1 end
      for _, k in ipairs(pc) do
        if (bag[k] or 0) > 0 then bag[k] = bag[k] - 1 else miss(a, "canonical", (k:gsub("%z", " | "))) end
      end
    end

    -- dates: match on text, in order, then compare values
    local dates = a:dates()
    local used = {}
    local tp, vgold, vtp = 0, 0, 0
    for _, gd in ipairs(g.dates or {}) do
      local hit
      for i, d in ipairs(dates) do
        if not used[i] and norm(d.text) == norm(gd.text) then hit = i break end
      end
      if hit then
        used[hit] = true
        tp = tp + 1
        if gd.value ~= nil and gd.value ~= lede.json.null then
          vgold = vgold + 1
          if dates[hit].value == gd.value then vtp = vtp + 1
          else miss(a, "date value", gd.text .. ": gold " .. gd.value .. ", got " .. tostring(dates[hit].value)) end
        end
      else
        miss(a, "date missed", gd.text)
      end
    end
    for i, d in ipairs(dates) do if not used[i] then miss(a, "date extra", d.text) end end
    count("DATE", #(g.dates or {}), #dates, tp)
    count("date value", vgold, vgold, vtp)

    -- figures
    local figs = a:figures()
    used = {}
    tp = 0
    local ftp = 0
    for _, gf in ipairs(g.figures or {}) do
      local gt = norm(gf.text)
      local hit
      for i, f in ipairs(figs) do
        local ft = norm(f.text)
        if not used[i] and (ft == gt or ft:find(gt, 1, true) or gt:find(ft, 1, true)) then
          local gv = gf.value ~= lede.json.null and gf.value or nil
          if gv == f.value then hit = i break end
        end
      end
      if hit then
        used[hit] = true
        tp = tp + 1
        if norm(figs[hit].text) == gt then ftp = ftp + 1 end
      else
        miss(a, "figure missed", gf.text)
      end
    end
    for i, f in ipairs(figs) do if not used[i] then miss(a, "figure extra", f.text) end end
    count("FIGURE", #(g.figures or {}), #figs, tp)
    count("figure value", tp, tp, ftp)

    -- quotes
    local quotes = a:quotes()
    used = {}
    tp = 0
    local stp = 0
    for _, gq in ipairs(g.quotes or {}) do
      local gs = norm(gq.start)
      local hit
      for i, q in ipairs(quotes) do
        if not used[i] then
          local qt = norm(q.text)
          local at = qt:find(gs, 1, true)
          -- a direct quote starts where its words start; reported speech
          -- may be taken with the words before its subject ("NATO
          -- Secretary General Jens Stoltenberg said …" for "Stoltenberg
          -- said …")
          local slack = (gq.direct == false) and 60 or 3
          if at and at <= slack then hit = i break end
        end
      end
      if hit then
        used[hit] = true
        tp = tp + 1
        if quotes[hit].speaker == gq.speaker then stp = stp + 1
        else miss(a, "quote speaker", gq.start .. ": gold " .. gq.speaker .. ", got " .. tostring(quotes[hit].speaker)) end
      else
        miss(a, "quote missed", gq.start)
      end
    end
    for i, q in ipairs(quotes) do if not used[i] then miss(a, "quote extra", q.text:sub(1, 60)) end end
    count("QUOTE", #(g.quotes or {}), #quotes, tp)
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

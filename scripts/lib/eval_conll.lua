-- Measure the entity rules on CoNLL-format files (CoNLL-2003 and the like).
--
--   lede eval --format conll FILE...
--
-- Each document of each file (lib.conll: -DOCSTART- separates them; IOB1,
-- IOB2/BIO, IOBES or BILOU tags; the tag is the last column) becomes one
-- article, made through lede.parse from a JSON Lines record, so its text is
-- exactly what is built here (JSON Lines text reaches the rules whole):
--
--   title  the first sentence (the headline), its tokens joined by spaces
--   text   the other sentences, one paragraph each, joined by "\n\n"
--
-- The rules run as they would on any article (article:entities(), with
-- --rules / --no-default-rules honoured), headline entities included. Gold
-- PER, ORG and LOC are lede's PERSON, ORG and LOC; gold MISC and predicted
-- kinds other than those three are not counted. A prediction is correct when
-- its kind and exact byte span in the same field (title or text) are a gold
-- entity's (conlleval's exact-span match). Prints per type and overall
-- (micro) gold, predicted, correct, precision, recall and F1, then the most
-- frequent errors (20; all with LEDE_EVAL_VERBOSE=1):
--
--   missed ORG "Leicestershire"      a gold entity no prediction matches
--   spurious PERSON "Bank"           a prediction on no gold span
--   LOC as ORG "Japan"               a gold LOC span predicted ORG
--   MISC as PERSON "Indian"          a prediction on a gold MISC span
--                                    (a false positive of its kind)
--
-- Honours -o text|json|csv|md. A malformed file (a line with one column, a
-- bad tag) stops the run before any rule runs: "FILE:LINE: ...", exit 2.

local conll = require "lib.conll"
local output = require "lib.output"

local TYPES = { "PER", "ORG", "LOC" }
local KIND_OF = { PER = "PERSON", ORG = "ORG", LOC = "LOC" }
local COUNTED = { PERSON = true, ORG = true, LOC = true }
local TYPE_OF = { PERSON = "PER", ORG = "ORG", LOC = "LOC" }
local TOP_ERRORS = os.getenv("LEDE_EVAL_VERBOSE") and math.huge or 20

local files = {}
for i = 1, #(arg or {}) do files[i] = arg[i] end
if #files == 0 then
  io.stderr:write("usage: lede eval --format conll FILE...\n")
  os.exit(2)
end

local function die(msg)
  io.stderr:write("lede: eval: " .. msg .. "\n")
  os.exit(2)
end

-- Every file is read and checked before any rule runs.
local inputs = {}
for i, path in ipairs(files) do
  local docs, err = conll.read(path)
  if not docs then die(err) end
  if #docs == 0 then die(path .. ": no sentence found") end
  inputs[i] = { path = path, docs = docs }
end

-- One field (title or body) from sentences first..last: its text, and the
-- gold entities with 1-based inclusive byte spans into it.
local function build_field(sentences, first, last, field, golds, stats)
  local parts, pos = {}, 0
  for si = first, last do
    local s = sentences[si]
    local starts, stops = {}, {}
    local words = {}
    local at = pos + (si > first and 2 or 0)      -- "\n\n" between sentences
    for k, tok in ipairs(s.tokens) do
      if k > 1 then at = at + 1 end                -- one space between tokens
      starts[k] = at + 1
      at = at + #tok
      stops[k] = at
      words[k] = tok
    end
    parts[#parts + 1] = table.concat(words, " ")
    pos = at
    stats.tokens = stats.tokens + #s.tokens
    stats.sentences = stats.sentences + 1
    for _, e in ipairs(conll.spans(s.tags)) do
      local kind = KIND_OF[e.type]
      if kind then
        golds[#golds + 1] = {
          kind = kind, field = field, start = starts[e.first], stop = stops[e.last],
          text = table.concat(s.tokens, " ", e.first, e.last),
        }
      else
        stats.ignored_gold = stats.ignored_gold + 1
        golds.misc[field .. ":" .. starts[e.first] .. ":" .. stops[e.last]] = e.type
      end
    end
  end
  return table.concat(parts, "\n\n")
end

local C = {}
for _, t in ipairs(TYPES) do C[t] = { gold = 0, pred = 0, tp = 0 } end
local errors, error_order = {}, {}
local function note_error(what, gold_kind, pred_kind, text)
  local label
  if what == "missed" then label = string.format('missed %s "%s"', gold_kind, text)
  elseif what == "spurious" then label = string.format('spurious %s "%s"', pred_kind, text)
  else label = string.format('%s as %s "%s"', gold_kind, pred_kind, text) end
  local e = errors[label]
  if not e then
    e = { label = label, what = what, gold = gold_kind, predicted = pred_kind, text = text, count = 0 }
    errors[label] = e
    error_order[#error_order + 1] = e
  end
  e.count = e.count + 1
end

local stats = { documents = 0, sentences = 0, tokens = 0, ignored_gold = 0, ignored_pred = 0,
                headline_only = 0 }

local function key(field, start, stop) return field .. ":" .. start .. ":" .. stop end

-- Score one document's predictions (list of {kind, field, start, stop, text}).
local function score(golds, preds)
  local gold_at = {}
  for _, g in ipairs(golds) do
    gold_at[key(g.field, g.start, g.stop)] = g
    local c = C[TYPE_OF[g.kind]]
    c.gold = c.gold + 1
  end
  local seen, matched, retyped = {}, {}, {}
  for _, p in ipairs(preds) do
    local k = key(p.field, p.start, p.stop)
    local pk = k .. ":" .. p.kind
    if not seen[pk] then                    -- the same span and kind once
      seen[pk] = true
      local c = C[TYPE_OF[p.kind]]
      c.pred = c.pred + 1
      local g = gold_at[k]
      if g and g.kind == p.kind then
        c.tp = c.tp + 1
        matched[g] = true
      elseif g then
        retyped[g] = p.kind
      elseif golds.misc[k] then
        note_error("wrong type", golds.misc[k], p.kind, p.text)
      else
        note_error("spurious", nil, p.kind, p.text)
      end
    end
  end
  for _, g in ipairs(golds) do
    if not matched[g] then
      if retyped[g] then note_error("wrong type", g.kind, retyped[g], g.text)
      else note_error("missed", g.kind, nil, g.text) end
    end
  end
end

local function basename(p) return (p:gsub("/+$", ""):match("[^/]*$")) end

for _, input in ipairs(inputs) do
  local name = basename(input.path)
  local records, docs = {}, {}
  for di, doc in ipairs(input.docs) do
    local golds = { misc = {} }
    local ns = #doc.sentences
    local title = build_field(doc.sentences, 1, 1, "title", golds, stats)
    local text = build_field(doc.sentences, 2, ns, "text", golds, stats)
    stats.documents = stats.documents + 1
    if ns < 2 then
      -- a headline alone makes no article (JSON Lines needs a text)
      stats.headline_only = stats.headline_only + 1
      io.stderr:write(string.format("lede: eval: %s:%d: document %d is a headline alone; not run (its %d entit%s count as missed)\n",
                                    input.path, doc.line or 0, di, #golds, #golds == 1 and "y" or "ies"))
      score(golds, {})
    else
      docs[#docs + 1] = { golds = golds, title = title, text = text, line = doc.line, n = di }
      records[#records + 1] = lede.json.encode{ id = name .. "#" .. di, title = title, text = text }
    end
  end
  local corpus_c = lede.parse(table.concat(records, "\n") .. "\n",
                              { format = "jsonl", name = name .. ".jsonl", quiet = lede.options.quiet })
  if #corpus_c ~= #docs then
    die(string.format("%s: %d documents made %d articles", input.path, #docs, #corpus_c))
  end
  for i, d in ipairs(docs) do
    local a = corpus_c[i]
    if a.title ~= d.title or a.text ~= d.text then
      die(string.format("%s:%d: document %d: the article's %s is not the text built from the tokens",
                        input.path, d.line or 0, d.n, a.title ~= d.title and "title" or "text"))
    end
    local preds = {}
    for _, e in ipairs(a:entities()) do
      if COUNTED[e.kind] then
        preds[#preds + 1] = { kind = e.kind, field = e.field or "text", start = e.start, stop = e.stop,
                              text = e.text }
      else
        stats.ignored_pred = stats.ignored_pred + 1
      end
    end
    score(d.golds, preds)
  end
end

local function ratio(a, b) return b > 0 and a / b or 0 end
local function r3(x) return tonumber(string.format("%.3f", x)) end
local function row(name, kind, c)
  local p, r = ratio(c.tp, c.pred), ratio(c.tp, c.gold)
  local f = (p + r) > 0 and 2 * p * r / (p + r) or 0
  return { type = name, kind = kind, gold = c.gold, predicted = c.pred, correct = c.tp,
           precision = r3(p), recall = r3(r), f1 = r3(f) }
end
local rows, all = {}, { gold = 0, pred = 0, tp = 0 }
for _, t in ipairs(TYPES) do
  rows[#rows + 1] = row(t, KIND_OF[t], C[t])
  for k in pairs(all) do all[k] = all[k] + C[t][k] end
end
local overall = row("overall", "micro", all)
rows[#rows + 1] = overall

table.sort(error_order, function(x, y)
  if x.count ~= y.count then return x.count > y.count end
  return x.label < y.label
end)
local erows = {}
for i = 1, math.min(#error_order, TOP_ERRORS) do
  local e = error_order[i]
  erows[i] = { error = e.label .. " x" .. e.count, what = e.what, gold = e.gold,
               predicted = e.predicted, text = e.text, count = e.count }
end

local names = {}
for i, input in ipairs(inputs) do names[i] = input.path end
output.emit{
  title = string.format("CoNLL evaluation: %d document%s, %d sentences, %d tokens (%s)",
                        stats.documents, stats.documents == 1 and "" or "s", stats.sentences,
                        stats.tokens, table.concat(names, ", ")),
  summary = {
    string.format("PER/ORG/LOC exact-span micro P %.3f  R %.3f  F1 %.3f", overall.precision,
                  overall.recall, overall.f1),
    string.format("not counted: %d gold entit%s of other types (MISC)", stats.ignored_gold, stats.ignored_gold == 1 and "y" or "ies"),
  },
  meta = { documents = stats.documents, sentences = stats.sentences, tokens = stats.tokens,
           files = names, ignored_gold = stats.ignored_gold, headline_only = stats.headline_only,
           f1 = overall.f1, precision = overall.precision, recall = overall.recall },
  sections = {
    { name = "scores", layout = "table",
      columns = { "type", "kind", "gold", "predicted", "correct", "precision", "recall", "f1" },
      rows = rows },
    { name = "errors", layout = "table",
      title = string.format("errors (%s, by count)", TOP_ERRORS == math.huge and "all" or "top " .. TOP_ERRORS),
      note = "GOLD as PREDICTED: a gold span given another kind. A wrong type counts as a false positive of the predicted kind and a false negative of the gold kind.",
      columns = { "error", "what", "gold", "predicted", "text", "count" },
      show = { "error" },
      rows = erows },
  },
}

-- lede train: train an entity tagger (an averaged perceptron, src/tagger*.c).
--
--   lede train --model OUT.model [--dev DEV] [OPTIONS] TRAIN...
--
-- TRAIN and DEV are CoNLL files (IOB1, IOB2/BIO, IOBES or BILOU tags in the
-- last column; -DOCSTART- lines separate documents; the first sentence of a
-- document is taken as its headline) or lede's JSON Lines (`lede extract`
-- output, or records you write: {"title":..., "text":..., "annotations":
-- [{"kind":"PERSON","start":1,"stop":12,"field":"title"?}, ...]}, offsets
-- 1-based inclusive bytes into the text, or into the title when field is
-- "title"). Each epoch prints the training errors and, with --dev, the dev
-- set's exact-span precision, recall and F1 per type; the model is written
-- whenever the dev F1 is the best so far (without --dev: after the last
-- epoch), and training stops after --patience epochs without a better one.
-- The same data, options and seed give the same model, byte for byte.

local USAGE = [[
usage: lede train --model OUT [--dev FILE] [OPTIONS] FILE...

Train an entity tagger on annotated files and write it to OUT.

Options:
  --model PATH       where to write the model (required)
  --dev FILE         development data: scores per epoch, the best epoch kept
  --epochs N         at most N passes over the training data (default 30)
  --patience N       stop after N epochs without a better dev F1 (default 8)
  --seed N           shuffling seed (default 1)
  --features FILE    a Lua file returning {templates=..., lists=...}
                     (default: scripts/lib/ner_features.lua)
  --format F         conll or jsonl (default: from the file name: .jsonl,
                     .ndjson, .jl are JSON Lines, anything else CoNLL)
  --kinds A,B        JSON Lines: the annotation kinds to learn (default: all)
  --prune X          drop averaged weights below X in magnitude (default 0.001)
  --ensemble N       train N times, seeds SEED..SEED+N-1, each to its best dev
                     epoch, and write the average of the N models (default 1)
  --about TEXT       a description stored in the model
  -q, --quiet        print only the final line
  -h, --help         this help
]]

local conll = require "lib.conll"
local rules = require "lib.rules"

local function fail(msg, code)
  io.stderr:write("lede train: ", msg, "\n")
  os.exit(code or 2)
end

---------------------------------------------------------------- options

local opts = { epochs = 30, patience = 8, seed = 1, prune = 0.001, ensemble = 1, files = {} }
do
  local i, a = 1, arg or {}
  local function value(name)
    i = i + 1
    if a[i] == nil then fail(name .. " needs a value") end
    return a[i]
  end
  local function number(name)
    local v = tonumber(value(name))
    if not v or v < 0 then fail(name .. " needs a number, not '" .. tostring(a[i]) .. "'") end
    return v
  end
  while i <= #a do
    local x = a[i]
    if x == "-h" or x == "--help" then io.stdout:write(USAGE) os.exit(0)
    elseif x == "--model" or x == "-m" then opts.model = value(x)
    elseif x == "--dev" then opts.dev = value(x)
    elseif x == "--epochs" then opts.epochs = math.floor(number(x))
    elseif x == "--patience" then opts.patience = math.floor(number(x))
    elseif x == "--seed" then opts.seed = math.floor(number(x))
    elseif x == "--prune" then opts.prune = number(x)
    elseif x == "--ensemble" then opts.ensemble = math.floor(number(x))
    elseif x == "--features" then opts.features = value(x)
    elseif x == "--format" then opts.format = value(x)
    elseif x == "--kinds" then opts.kinds = value(x)
    elseif x == "--about" then opts.about = value(x)
    elseif x == "-q" or x == "--quiet" then opts.quiet = true
    elseif x:sub(1, 1) == "-" and x ~= "-" then fail("unknown option '" .. x .. "' (see lede train --help)")
    else opts.files[#opts.files + 1] = x end
    i = i + 1
  end
  if not opts.model then fail("--model PATH is required (see lede train --help)") end
  if #opts.files == 0 then fail("no training files (see lede train --help)") end
  if opts.format and opts.format ~= "conll" and opts.format ~= "jsonl" then
    fail("--format is conll or jsonl, not '" .. opts.format .. "'")
  end
  if opts.epochs < 1 then fail("--epochs needs at least 1") end
  if opts.ensemble < 1 or opts.ensemble > 50 then fail("--ensemble needs a number from 1 to 50") end
end

local function say(...)
  if not opts.quiet then io.stdout:write(string.format(...), "\n") io.stdout:flush() end
end

---------------------------------------------------------------- features

local function read_list(name)
  local path = rules.data(name)
  if not path then fail("word list not found: scripts/data/" .. name) end
  local out, seen = {}, {}
  local tsv = name:find("%.tsv$")
  for line in io.lines(path) do
    if line ~= "" and not line:find("^#") then
      local names = line
      if tsv then names = select(3, line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)")) or "" end
      for n in (tsv and names:gmatch("[^|]+") or function() local d = names; names = nil; return d end) do
        if not seen[n] then seen[n] = true; out[#out + 1] = n end
      end
    end
  end
  return out
end

local function load_features()
  local path = opts.features or "lib/ner_features.lua"
  local f
  if opts.features then
    local chunk, err = loadfile(opts.features, "t")
    if not chunk then fail(err) end
    local ok, v = pcall(chunk)
    if not ok then fail(opts.features .. ": " .. tostring(v)) end
    f = v
  else
    f = require "lib.ner_features"
  end
  if type(f) ~= "table" or type(f.templates) ~= "table" then
    fail((path or "features") .. ": must return a table with a list of templates")
  end
  return f
end

local features = load_features()
-- lists in name order: a list's position is part of its features' ids
local list_names, list_entries = {}, {}
for name in pairs(features.lists or {}) do list_names[#list_names + 1] = name end
table.sort(list_names)
for _, name in ipairs(list_names) do
  local src = features.lists[name]
  list_entries[name] = type(src) == "table" and src or read_list(src)
end

local function new_trainer()
  local t = lede.tagger.trainer()
  for _, name in ipairs(list_names) do t:add_list(name, list_entries[name]) end
  for _, tpl in ipairs(features.templates) do
    local ok, err = pcall(t.add_template, t, tpl)
    if not ok then fail((opts.features or "lib/ner_features.lua") .. ": " .. tostring(err)) end
  end
  return t
end
local trainer = new_trainer()   -- the data goes into it (add_conll, add_jsonl)

---------------------------------------------------------------- the data

local function is_jsonl(path)
  if opts.format then return opts.format == "jsonl" end
  return path:find("%.jsonl$") or path:find("%.ndjson$") or path:find("%.jl$")
end

local docno = 0

local function add_conll(path, dev)
  local docs, err = conll.read(path)
  if not docs then fail(err) end
  for _, d in ipairs(docs) do
    docno = docno + 1
    for k, s in ipairs(d.sentences) do
      local ok, e = pcall(trainer.add, trainer, s.tokens, s.tags,
                          { dev = dev, doc = docno, headline = k == 1 })
      if not ok then fail(string.format("%s:%d: %s", path, s.lines[1] or 0, tostring(e))) end
    end
  end
end

local kinds
if opts.kinds then
  kinds = {}
  for k in opts.kinds:gmatch("[^,%s]+") do kinds[k] = true end
end

-- tags of toks (1-based inclusive byte spans) from annotation spans: a
-- token inside a span is in it, the first such token begins it
local function tags_of(toks, spans)
  local tags = {}
  for i, t in ipairs(toks) do tags[i] = "O" end
  for _, s in ipairs(spans) do
    local first = true
    for i, t in ipairs(toks) do
      if t.start >= s.start and t.stop <= s.stop and tags[i] == "O" then
        tags[i] = (first and "B-" or "I-") .. s.kind
        first = false
      end
    end
  end
  return tags
end

local function add_jsonl(path, dev)
  local f, err = io.open(path, "rb")
  if not f then fail(err) end
  local lineno = 0
  for line in f:lines() do
    lineno = lineno + 1
    if line:find("%S") then
      local ok, rec = pcall(lede.json.decode, line)
      if not ok or type(rec) ~= "table" or type(rec.text) ~= "string" then
        fail(string.format("%s:%d: not a JSON object with a \"text\" field", path, lineno))
      end
      docno = docno + 1
      local by_field = { title = {}, body = {} }
      for _, x in ipairs(rec.annotations or rec.entities or {}) do
        if type(x) == "table" and type(x.kind) == "string" and (not kinds or kinds[x.kind]) then
          local s, e = math.tointeger(x.start), math.tointeger(x.stop)
          if not s or not e or s < 1 or e < s then
            fail(string.format("%s:%d: annotation with a bad span", path, lineno))
          end
          if x.field == nil or x.field == "title" then
            local list = by_field[x.field == "title" and "title" or "body"]
            list[#list + 1] = { kind = x.kind, start = s, stop = e }
          end
        end
      end
      -- the record read as lede reads it ("clean": its text and offsets as
      -- they are), cut into sentences and tokens as the tagger cuts them
      local title = type(rec.title) == "string" and rec.title ~= "" and rec.title or nil
      local c = lede.parse(lede.json.encode({ title = title, text = rec.text, clean = true }) .. "\n",
                           { format = "jsonl", quiet = true, name = path })
      local a = c[1]
      if a then
        if a.text ~= rec.text or (title and a.title ~= title) then
          fail(string.format("%s:%d: the text changed when read (offsets would not hold)", path, lineno))
        end
        for _, s in ipairs(lede.tagger.tokens(a)) do
          if s.field == nil or s.field == "title" then
            local texts = {}
            for i, t in ipairs(s) do texts[i] = t.text end
            trainer:add(texts, tags_of(s, by_field[s.field == "title" and "title" or "body"]),
                        { dev = dev, doc = docno, headline = s.headline })
          end
        end
      end
    end
  end
  f:close()
end

local function add_file(path, dev)
  if is_jsonl(path) then add_jsonl(path, dev) else add_conll(path, dev) end
end

-- the model's folder must take a file before hours go into training
do
  local existed = io.open(opts.model, "rb")
  if existed then existed:close() end
  local f, err = io.open(opts.model, "ab")
  if not f then fail("cannot write the model: " .. tostring(err)) end
  f:close()
  if not existed then os.remove(opts.model) end
end

-- a failure of the trainer (no entities in the data, out of memory, a
-- model that cannot be written) is a message, not a traceback
local function try(what, fn, ...)
  local ok, a, b = pcall(fn, ...)
  if not ok then fail(what .. ": " .. tostring(a):gsub("^[^:]*:%d+: ", "")) end
  return a, b
end

local clock = os.clock()
local function add_data()
  docno = 0
  for _, p in ipairs(opts.files) do add_file(p, false) end
  if opts.dev then add_file(opts.dev, true) end
end
add_data()
local n = trainer:counts()
if n.sentences == 0 then fail("no sentences in the training files") end
say("training on %d sentences (%d tokens)%s; %d templates, %d word lists",
    n.sentences, n.tokens,
    opts.dev and string.format(", dev %d sentences (%d tokens)", n.dev_sentences, n.dev_tokens) or "",
    #features.templates, #list_names)

---------------------------------------------------------------- training

local function prf(c)
  local p = c.pred > 0 and c.correct / c.pred or 0
  local r = c.gold > 0 and c.correct / c.gold or 0
  local f = p + r > 0 and 2 * p * r / (p + r) or 0
  return p, r, f
end

local function summary(score)
  local all = { gold = 0, pred = 0, correct = 0 }
  local names = {}
  for name, c in pairs(score) do
    names[#names + 1] = name
    for k in pairs(all) do all[k] = all[k] + c[k] end
  end
  table.sort(names)
  local parts = {}
  for _, name in ipairs(names) do
    parts[#parts + 1] = string.format("%s %.3f", name, select(3, prf(score[name])))
  end
  local p, r, f = prf(all)
  return p, r, f, table.concat(parts, " ")
end

local function describe(best_epoch, best_f)
  local files = {}
  for _, p in ipairs(opts.files) do files[#files + 1] = p:match("[^/]+$") end
  local seeds = opts.ensemble > 1 and string.format("seeds %d-%d averaged", opts.seed, opts.seed + opts.ensemble - 1)
                or string.format("seed %d", opts.seed)
  local s = string.format("lede train on %s (%d sentences), %s, %d templates",
                          table.concat(files, " "), n.sentences, seeds, #features.templates)
  if opts.dev then
    s = s .. string.format("; dev %s F1 %.4f%s", opts.dev:match("[^/]+$"), best_f,
                           best_epoch and string.format(" at epoch %d", best_epoch) or "")
  end
  if opts.about then s = opts.about .. " (" .. s .. ")" end
  return s
end

-- One run from a fresh order of the data: epochs until the dev F1 stops
-- improving. Alone, the model is written whenever its dev F1 is the best
-- so far; in an ensemble, each run's best is kept for the average.
local function run(seed, prefix, write)
  local best_f, best_epoch, since, best = -1, 0, 0, nil
  for epoch = 1, opts.epochs do
    local wrong = try("training", trainer.epoch, trainer, seed * 1000003 + epoch)
    local line = string.format("%sepoch %2d  %5d of %d training sentences wrong", prefix, epoch,
                               wrong, n.sentences)
    if opts.dev then
      local p, r, f, per = summary(try("scoring", trainer.score, trainer, true))
      line = line .. string.format("  dev P %.4f R %.4f F1 %.4f  (%s)", p, r, f, per)
      if f > best_f then
        best_f, best_epoch, since = f, epoch, 0
        best = try("training", trainer.model, trainer, opts.prune, describe(epoch, f))
        if write then
          try("writing the model", best.save, best, opts.model)
          line = line .. "  saved"
        else
          line = line .. "  best"
        end
      else
        since = since + 1
      end
    end
    say("%s", line)
    if opts.dev and since >= opts.patience then break end
    if wrong == 0 then break end
  end
  if not opts.dev then
    best_epoch = opts.epochs
    best = try("training", trainer.model, trainer, opts.prune, describe(nil, 0))
    if write then try("writing the model", best.save, best, opts.model) end
  end
  return best, best_f, best_epoch
end

local best_f, best_epoch
if opts.ensemble <= 1 then
  local _
  _, best_f, best_epoch = run(opts.seed, "", true)
else
  local models = {}
  for k = 1, opts.ensemble do
    if k > 1 then
      trainer = new_trainer()
      add_data()
    end
    models[k] = run(opts.seed + k - 1, string.format("run %d/%d  ", k, opts.ensemble), false)
  end
  local avg = try("averaging", lede.tagger.average, models, opts.prune, describe(nil, 0))
  if opts.dev then
    local p, r, f, per = summary(try("scoring", trainer.score_model, trainer, avg, true))
    best_f = f
    avg = try("averaging", lede.tagger.average, models, opts.prune, describe(nil, f))
    say("average of %d runs  dev P %.4f R %.4f F1 %.4f  (%s)", opts.ensemble, p, r, f, per)
  end
  try("writing the model", avg.save, avg, opts.model)
end
local info = try("reading the model back", lede.tagger.load, opts.model):info()
io.stdout:write(string.format("wrote %s: %d features, %s%s (%.1f s)\n", opts.model, info.features,
                              table.concat(info.types, "/"),
                              opts.dev and string.format(", dev F1 %.4f%s", best_f,
                                best_epoch and string.format(" at epoch %d", best_epoch) or "") or "",
                              os.clock() - clock))

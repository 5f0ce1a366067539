-- lede.tagger: a tiny model trained in-process (lede.tagger.trainer()), its
-- labels, spans and info, the API's errors, and the bundled model
-- (scripts/data/entities.model) on a sentence, on possessives and on an
-- article of the sample corpus.
local T = require "testlib"

local function words(s)
  local out = {}
  for w in s:gmatch("%S+") do out[#out + 1] = w end
  return out
end

-- sentences as "word/TAG word word/TAG" (a word without /TAG is O)
local function sent(s)
  local toks, tags = {}, {}
  for w in s:gmatch("%S+") do
    local tok, tag = w:match("^(.+)/([%u]%-%u+)$")
    toks[#toks + 1] = tok or w
    tags[#tags + 1] = tag or "O"
  end
  return toks, tags
end

-- made-up names, IOB2
local TRAIN = {
  "Wendel/B-PER Armitrage/I-PER flew to Osterlund/B-LOC on Monday .",
  "Wendel/B-PER Armitrage/I-PER works for Kapperton/B-ORG Mills/I-ORG .",
  "Kapperton/B-ORG Mills/I-ORG opened a factory in Osterlund/B-LOC .",
  "The mayor of Osterlund/B-LOC met Jessamy/B-PER Thorne/I-PER .",
  "Jessamy/B-PER Thorne/I-PER said Kapperton/B-ORG Mills/I-ORG would hire 200 people .",
  "Prices rose in Osterlund/B-LOC and Vellingrad/B-LOC last year .",
  "Armitrage/B-PER visited Vellingrad/B-LOC .",
  "Thorne/B-PER left Kapperton/B-ORG on Friday .",
  "Nobody was hurt , police said .",
}
local DEV = {
  "Jessamy/B-PER Thorne/I-PER flew to Vellingrad/B-LOC .",
  "Kapperton/B-ORG Mills/I-ORG is in Osterlund/B-LOC .",
}
local TEMPLATES = { "bias", "w[0]", "lw[-1]", "lw[1]", "shape[0]", "cap[0]", "suf3[0]",
                    "lw[-1]|lw[0]", "gaz:towns[0]", "hl|cap[0]" }

local function new_trainer()
  local t = lede.tagger.trainer()
  t:add_list("towns", { "Osterlund", "Vellingrad" })
  for _, x in ipairs(TEMPLATES) do t:add_template(x) end
  for i, s in ipairs(TRAIN) do
    local toks, tags = sent(s)
    t:add(toks, tags, { doc = 1 + i // 4, headline = false })
  end
  for _, s in ipairs(DEV) do
    local toks, tags = sent(s)
    t:add(toks, tags, { dev = true, doc = 9 })
  end
  return t
end

local trainer = new_trainer()
local model
for e = 1, 15 do
  if trainer:epoch(e) == 0 then break end
end
model = trainer:model(0.001, "a tiny made-up model")

T.test("trainer: counts", function()
  local c = trainer:counts()
  T.eq(c.sentences, #TRAIN)
  local n = 0
  for _, s in ipairs(TRAIN) do n = n + #words(s) end
  T.eq(c.tokens, n)
  T.eq(c.dev_sentences, #DEV)
  T.eq(c.dev_tokens, 12)
end)

T.test("trainer: score on the training and the dev data", function()
  local sc = trainer:score(false)
  for _, ty in ipairs { "PER", "ORG", "LOC" } do
    T.ok(sc[ty], "a score for " .. ty)
    T.ok(sc[ty].gold > 0, ty .. " gold")
    T.ok(sc[ty].correct <= sc[ty].pred and sc[ty].correct <= sc[ty].gold, ty .. " counts")
  end
  T.eq(sc.PER.gold, 6)
  T.eq(sc.ORG.gold, 4)
  T.eq(sc.LOC.gold, 6)
  local dev = trainer:score(true)
  T.eq(dev.PER.gold, 1)
  T.eq(dev.ORG.gold, 1)
  T.eq(dev.LOC.gold, 2)
  T.eq(trainer:score().LOC.gold, 2, "score() is the dev set's")
end)

T.test("model: labels of a token list", function()
  local lab = model:labels(words "Wendel Armitrage works for Kapperton Mills .")
  T.eq(table.concat(lab, " "), "B-PER L-PER O O B-ORG L-ORG O")
  lab = model:labels(words "Prices rose in Osterlund and Vellingrad last year .")
  T.eq(table.concat(lab, " "), "O O O U-LOC O U-LOC O O O")
  T.eq(#model:labels({}), 0, "no tokens, no labels")
end)

T.test("model: labels of a document (a list of sentences)", function()
  local d = model:labels({ words "Wendel Armitrage flew to Osterlund on Monday .",
                           words "Nobody was hurt , police said ." })
  T.eq(#d, 2)
  T.eq(table.concat(d[1], " "), "B-PER L-PER O O U-LOC O O O")
  T.eq(table.concat(d[2], " "), "O O O O O O O")
  -- the same as a headline
  local h = model:labels({ words "Armitrage visited Vellingrad ." }, { headline = true })
  T.eq(#h, 1)
  T.eq(#h[1], 4)
end)

T.test("model: tag a string (1-based inclusive spans, text is the substring)", function()
  local s = "Jessamy Thorne said Kapperton Mills would hire 200 people in Osterlund."
  local spans = model:tag(s)
  T.eq(#spans, 3)
  local want = { { "PER", "Jessamy Thorne" }, { "ORG", "Kapperton Mills" }, { "LOC", "Osterlund" } }
  for i, e in ipairs(spans) do
    T.eq(e.kind, want[i][1], "kind " .. i)
    T.eq(e.text, want[i][2], "text " .. i)
    T.eq(s:sub(e.start, e.stop), e.text, "span " .. i)
    T.eq(e.field, nil, "a string has no field")
  end
  T.eq(spans[1].start, 1)
  T.eq(spans[1].stop, 14)
  T.eq(spans[3].stop, #s - 1, "the final period is not in the entity")
  T.eq(#model:tag(""), 0)
  T.eq(#model:tag("nothing to see here."), 0)
  -- several sentences, offsets into the whole string
  local s2 = "It rained.  Wendel Armitrage flew to Vellingrad."
  local found
  for _, e in ipairs(model:tag(s2)) do
    T.eq(s2:sub(e.start, e.stop), e.text)
    if e.text == "Wendel Armitrage" then found = e end
  end
  T.ok(found, "Wendel Armitrage in the second sentence")
  T.eq(found.kind, "PER")
  T.eq(found.start, 13)
end)

T.test("model: info", function()
  local i = model:info()
  T.eq(table.concat(i.types, " "), "LOC ORG PER")
  T.eq(#i.labels, 1 + 4 * 3)
  T.eq(i.labels[1], "O")
  local has = {}
  for _, l in ipairs(i.labels) do has[l] = true end
  for _, l in ipairs { "B-PER", "I-PER", "L-PER", "U-PER", "U-LOC", "B-ORG" } do T.ok(has[l], l) end
  T.eq(table.concat(i.templates, " "), table.concat(TEMPLATES, " "))
  T.eq(i.lists.towns, 2)
  T.eq(math.type(i.features), "integer")
  T.ok(i.features > 0, "features")
  T.eq(i.about, "a tiny made-up model")
  T.match(tostring(model), "^tagger %(3 types, 10 templates, %d+ features%)$")
end)

T.test("model: save and load give the same model", function()
  local path = os.tmpname()
  model:save(path)
  local m2 = lede.tagger.load(path)
  local s = "Jessamy Thorne said Kapperton Mills would hire 200 people in Osterlund."
  local a, b = model:tag(s), m2:tag(s)
  T.eq(#a, #b)
  for k = 1, #a do
    T.eq(a[k].kind .. a[k].start .. ":" .. a[k].stop, b[k].kind .. b[k].start .. ":" .. b[k].stop)
  end
  T.eq(m2:info().features, model:info().features)
  T.eq(m2:info().about, "a tiny made-up model")
  -- the bytes are the same when saved again
  local path2 = os.tmpname()
  m2:save(path2)
  local f1, f2 = io.open(path, "rb"), io.open(path2, "rb")
  T.ok(f1:read("a") == f2:read("a"), "saved twice, the same bytes")
  f1:close() f2:close()
  os.remove(path)
  os.remove(path2)
end)

T.test("trainer: the same data and seeds give the same model", function()
  local t2 = new_trainer()
  for e = 1, 15 do
    if t2:epoch(e) == 0 then break end
  end
  local p1, p2 = os.tmpname(), os.tmpname()
  model:save(p1)
  t2:model(0.001, "a tiny made-up model"):save(p2)
  local f1, f2 = io.open(p1, "rb"), io.open(p2, "rb")
  T.ok(f1:read("a") == f2:read("a"), "two trainers, the same bytes")
  f1:close() f2:close()
  os.remove(p1)
  os.remove(p2)
end)

T.test("errors", function()
  local t = lede.tagger.trainer()
  T.raises(function() t:add_template("nosuchattr[0]") end, "nosuchattr")
  T.raises(function() t:add_template("w[9]") end, "")
  T.raises(function() t:add_template("") end, "")
  T.raises(function() t:add_template("gaz:nolist[0]") end, "nolist")
  t:add_template("w[0]")
  T.raises(function() t:add_list("late", { "x" }) end, "after templates")
  T.raises(function() t:add({ "a", "b" }, { "O" }) end, "2 tokens but 1 tags")
  T.raises(function() t:add({ "a", {} }, { "O", "O" }) end, "token 2: expected a string")
  T.raises(function() t:add({ "a", "b" }, { "O", {} }) end, "tag 2: expected a string")
  T.raises(function() t:add({ "a", "b c" }, { "O", "O" }) end, "token 2: empty or has a space")
  T.raises(function() t:add({ "a", "" }, { "O", "O" }) end, "token 2: empty")
  T.raises(function() t:add({ "a" }, { "X-FOO" }) end, "bad tag 'X%-FOO'")
  T.raises(function() t:add({ "a" }) end, "expected a list of tags")
  T.eq(t:counts().sentences, 0, "nothing was added by the failed calls")
  t:add({ "nothing", "here" }, { "O", "O" })
  T.raises(function() t:epoch(1) end, "no entities in the training data")
  T.raises(function() t:model() end, "no entities")
  -- adding after training started
  local t2 = lede.tagger.trainer()
  t2:add_template("w[0]")
  t2:add({ "Osterlund" }, { "B-LOC" })
  t2:epoch(1)
  T.raises(function() t2:add({ "Vellingrad" }, { "B-LOC" }) end, "before training starts")
  -- a tagger
  T.raises(function() model:tag(42) end, "expected an Article or a string")
  T.raises(function() model:tag() end, "expected an Article or a string")
  T.raises(function() model:labels({ "a", {} }) end, "sentence 1: tokens must be non%-empty strings")
  T.raises(function() model:labels({ "a", true }) end, "tokens must be non%-empty strings")
  T.raises(function() model:labels({ "a", "" }) end, "tokens must be non%-empty strings")
  T.raises(function() t:add({ "a", false }, { "O", "O" }) end, "token 2: expected a string")
  T.raises(function() model:labels({ "a", "b c" }) end, "without spaces")
  T.raises(function() model:labels({ { "a" }, "b" }) end, "sentence 2 is not a list of tokens")
  T.raises(function() model:labels("Osterlund") end, "table expected")
  T.raises(function() lede.tagger.load("/nonexistent/dir/x.model") end, "/nonexistent/dir/x%.model")
  local p = os.tmpname()
  local f = io.open(p, "wb") f:write("this is not a model\n") f:close()
  T.raises(function() lede.tagger.load(p) end, p:gsub("%p", "%%%0"))
  os.remove(p)
  T.raises(function() model:save("/nonexistent/dir/x.model") end, "/nonexistent/dir/x%.model")
end)

---------------------------------------------------------------- the bundled model

local path = require("lib.rules").data("entities.model")
local bundled = path and lede.tagger.load(path)

T.test("bundled model: found and loaded", function()
  T.ok(path, "scripts/data/entities.model found")
  local i = bundled:info()
  local types = table.concat(i.types, " ")
  for _, ty in ipairs { "PER", "ORG", "LOC" } do T.match(types, ty) end
  T.ok(i.features > 1000, "a real model")
  -- loaded once per process
  T.ok(lede.tagger.load(path), "loaded again")
end)

T.test("bundled model: a CoNLL-like sentence", function()
  local s = "Phil Simmons took four for 38 as Leicestershire beat Somerset."
  local spans = bundled:tag(s)
  local by = {}
  for _, e in ipairs(spans) do
    by[e.text] = e.kind
    T.eq(s:sub(e.start, e.stop), e.text)
  end
  T.eq(by["Phil Simmons"], "PER")
  T.eq(by["Leicestershire"], "ORG")
  T.ok(by["Somerset"], "Somerset is an entity")
  T.eq(spans[1].start, 1)
  T.eq(spans[1].stop, 12)
end)

T.test("bundled model: a possessive is not part of the name", function()
  local spans = bundled:tag("Serbia's army")
  T.eq(#spans, 1)
  T.eq(spans[1].kind, "LOC")
  T.eq(spans[1].text, "Serbia")
  T.eq(spans[1].start, 1)
  T.eq(spans[1].stop, 6)
  -- the typographic apostrophe too
  local s = "troops entered Serbia\u{2019}s capital"
  spans = bundled:tag(s)
  T.eq(#spans, 1)
  T.eq(spans[1].text, "Serbia")
  T.eq(s:sub(spans[1].start, spans[1].stop), "Serbia")
  -- the labels of the token list "Serbia" "'s": the 's is O
  local lab = bundled:labels({ "Serbia", "'s", "army" })
  T.eq(lab[2], "O")
  T.eq(lab[3], "O")
end)

T.test("bundled model: articles of the sample corpus", function()
  local saw_title = false
  for i = 1, #corpus do
    local a = corpus[i]
    local spans = bundled:tag(a)
    T.ok(#spans > 0, "article " .. i .. " has entities")
    for _, e in ipairs(spans) do
      local src = e.field == "title" and a.title or e.field == "subtitle" and a.subtitle or a.text
      T.ok(e.field == nil or e.field == "title" or e.field == "subtitle", "field " .. tostring(e.field))
      T.eq(src:sub(e.start, e.stop), e.text, "article " .. i .. " span text")
      T.ok(e.start >= 1 and e.stop >= e.start and e.stop <= #src, "span in range")
      if e.field == "title" then
        T.ok(a.title, "a title span where there is a title")
        saw_title = true
      end
    end
    if not a.title then
      for _, e in ipairs(spans) do T.ok(e.field ~= "title", "no title, no title span") end
    end
  end
  T.ok(saw_title, "some headline entity")
  -- corpus[1] tags without error
  T.ok(type(bundled:tag(corpus[1])) == "table")
  -- corpus[2]'s headline names NATO
  local names = {}
  for _, e in ipairs(bundled:tag(corpus[2])) do
    if e.field == "title" then names[#names + 1] = e.kind .. ":" .. e.text end
  end
  T.match(table.concat(names, " "), "ORG:NATO")
end)

T.done()

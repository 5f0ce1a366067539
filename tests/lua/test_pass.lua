-- lib.pass, lib.canon, lib.utterances: the corpus-level functions from
-- per-article summaries, the same on an in-memory corpus and a stream.
local T = require "testlib"
local canon = require "lib.canon"
local U = require "lib.utterances"
local pass = require "lib.pass"
local textlib = require "lib.text"

local function names(rows)
  local t = {}
  for i, r in ipairs(rows) do t[i] = r.name .. "=" .. r.mentions .. "/" .. #r.articles end
  return table.concat(t, ",")
end

T.test("shorter forms merge into their unique longer form; an ambiguous one stays", function()
  local g = canon.groups("PERSON")
  g:add("a", "Vjosa Osmani-Sadriu", "Vjosa Osmani-Sadriu")
  g:add("b", "Vjosa Osmani", "Vjosa Osmani")
  g:add("c", "Osmani", "Osmani")
  g:add("c", "Stoltenberg", "Stoltenberg")
  g:add("d", "Jens Stoltenberg", "Jens Stoltenberg")
  g:add("d", "Recep Tayyip Erdogan", "Erdogan")
  g:add("e", "Tayyip Erdogan", "Tayyip Erdogan")
  T.eq(g:canonical("Osmani"), "Osmani")      -- Vjosa Osmani or Vjosa Osmani-Sadriu
  T.eq(g:canonical("Vjosa Osmani"), "Vjosa Osmani-Sadriu")
  T.eq(g:canonical("Stoltenberg"), "Jens Stoltenberg")
  T.eq(g:canonical("Tayyip Erdogan"), "Recep Tayyip Erdogan")
  T.eq(names(canon.entities(g)), "Jens Stoltenberg=2/2,Recep Tayyip Erdogan=2/2,Vjosa Osmani-Sadriu=2/2,Osmani=1/1")
end)

T.test("a short form of two longer names stays itself; ORG never merges", function()
  local g = canon.groups("PERSON")
  g:add("a", "John Smith", "John Smith")
  g:add("b", "Anna Smith", "Anna Smith")
  g:add("c", "Smith", "Smith")
  T.eq(g:canonical("Smith"), "Smith")
  local o = canon.groups("ORG")
  o:add("a", "NATO Council", "NATO Council")
  o:add("b", "NATO", "NATO")
  T.eq(o:canonical("NATO"), "NATO")
end)

T.test("article ids once per name, also when an id comes back later", function()
  local g = canon.groups("LOC")
  g:add("x", "Kosovo", "Kosovo")
  g:add("x", "Kosovo", "Kosova")
  g:add("y", "Kosovo", "Kosovo")
  g:add("x", "Kosovo", "Kosovo")      -- a third article with id x (JSON Lines ids are the user's)
  g:add("x", "Serbia", "Serbia")
  g:add("z", "Serbia", "Serbia")
  local rows = canon.entities(g)
  T.eq(names(rows), "Kosovo=4/2,Serbia=2/2")
  T.eq(table.concat(rows[1].aliases, ","), "Kosovo,Kosova")
end)

-- the word index must find every longer form the pairwise search finds
T.test("the word index merges as comparing every name with every name", function()
  local first = { "Jens", "Vjosa", "Albin", "Anna", "Recep", "Mark" }
  local last = { "Stoltenberg", "Osmani", "Osmani-Sadriu", "Kurti", "Erdogan", "Rutte" }
  local seed = 7
  local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed // 65536 % n + 1 end
  local list = {}
  for i = 1, 200 do
    local k = rnd(4)
    local n = k == 1 and last[rnd(6)] or k == 2 and first[rnd(6)] or k == 3 and (first[rnd(6)] .. " " .. last[rnd(6)])
              or (first[rnd(6)] .. " " .. first[rnd(6)] .. " " .. last[rnd(6)])
    list[i] = n
  end
  local g = canon.groups("PERSON")
  for i, n in ipairs(list) do g:add("a" .. (i // 3), n, n) end
  local order = g:finish()
  -- brute force, the algorithm before the index
  local by_len, into = {}, {}
  for _, x in ipairs(order) do by_len[#by_len + 1] = x end
  table.sort(by_len, function(x, y) return #x.name < #y.name end)
  for _, x in ipairs(by_len) do
    local target
    for _, h in ipairs(order) do
      if h ~= x and not into[h.name] and canon.shorter_form(x.name, h.name) then
        if target and target ~= h then target = false break end
        target = h
      end
    end
    if target then into[x.name] = target.name end
  end
  for _, x in ipairs(order) do
    local r = x.name
    while into[r] do r = into[r] end
    T.eq(g:canonical(x.name), r, x.name)
  end
end)

T.test("QUOTE records packed and unpacked are the same records", function()
  local recs = {
    { start = 5, stop = 40, direct = true, speaker = "Jens Stoltenberg", sent = 2, text = "t1",
      sentence_text = "s2", cue = "said" },
    { start = 10, stop = 20, direct = false, part = true, utterance_start = 5, sent = 2, text = "t2",
      sentence_text = "s2" },
    { start = 1, stop = 9, direct = true, speaker = "Osmani", field = "subtitle", text = "t3" },
  }
  local back = U.unpack(U.pack(recs, "all"))
  for i, r in ipairs(recs) do
    for _, k in ipairs { "start", "stop", "speaker", "sent", "text", "sentence_text", "cue", "field",
                         "utterance_start" } do
      T.eq(back[i][k], r[k], k .. " of record " .. i)
    end
    T.eq(back[i].direct, r.direct, "direct of record " .. i)
    T.eq(back[i].part, r.part, "part of record " .. i)
  end
  -- "needed": texts only when a headline quote needs them
  T.ok(U.unpack(U.pack(recs, "needed"))[1].text == "t1", "kept for a headline quote")
  T.ok(U.unpack(U.pack({ recs[1], recs[2] }, "needed"))[1].text == nil, "dropped without one")
end)

-- one pass over a corpus gives what the corpus methods give
local function same_as_corpus(p, c)
  T.eq(p.count, #c)
  for _, k in ipairs { "people", "orgs", "places" } do
    T.eq(lede.json.encode(p[k](p)), lede.json.encode(c[k](c)), k)
  end
  local utts = c:utterances()
  local mine = p:utterances()
  T.eq(#mine, #utts, "utterances")
  for i, u in ipairs(utts) do
    T.eq(mine[i].speaker, u.speaker, "speaker " .. i)
    T.eq(mine[i].text, u.text, "text " .. i)
    T.eq(mine[i].direct, u.direct, "direct " .. i)
    T.eq(#mine[i].parts, #u.parts, "parts " .. i)
  end
  T.eq(lede.json.encode(p:speakers()), lede.json.encode((c:speakers())), "speakers")
  for _, a in ipairs(p.articles) do
    T.eq(a.label, textlib.article_label(c:article(a.id)), "label of " .. a.id)
    T.eq(p:label(a.id), a.label)
  end
  for a in c:each_article() do
    for _, e in ipairs(a:entities()) do T.eq(p:canonical(e), c:canonical(e), e.text) end
  end
end

T.test("a pass over the corpus gives the corpus-level answers", function()
  local p = pass.new(corpus, { quotes = true }):run()
  same_as_corpus(p, corpus)
  T.eq(select(2, pcall(p.run, p)):match("run%(%) twice") ~= nil, true, "a second run is refused")
end)

T.test("a pass over a stream gives the same answers", function()
  local p = pass.new(lede.stream("../data/kosovo", { quiet = true }), { quotes = true }):run()
  same_as_corpus(p, corpus)
  local s = lede.stream("../data/kosovo", { quiet = true })
  local ok, err = pcall(function() return s:people() end)
  T.ok(not ok and err:find("lib.pass", 1, true) ~= nil, "a stream's people() says what to do")
end)

T.test("the labeler makes a label unique among those before it", function()
  local label = textlib.labeler()
  local a = { title = "Same title", source = "AP", date = "2023-01-02" }
  T.eq(label(a), "AP, 2023-01-02: Same title")
  T.eq(label(a), "AP, 2023-01-02: Same title (2)")
  T.eq(label({ title = "Other", source = "AP" }), "AP: Other")
end)

T.done()

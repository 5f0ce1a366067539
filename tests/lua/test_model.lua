-- The Lua object model on the sample corpus: corpus, article, sentence, token.
local T = require "testlib"

T.test("corpus basics", function()
  T.eq(#corpus, 5)
  T.eq(corpus.size, 5)
  T.eq(corpus.errors, 0)
  T.ok(corpus.bytes > 10000, "bytes counted")
  T.match(tostring(corpus), "^corpus: 5 articles, %d+ sentences")
  T.eq(corpus[0], nil)
  T.eq(corpus[6], nil)
  T.eq(corpus[1.5], nil)
  local n = 0
  for a in corpus:articles() do
    n = n + 1
    T.eq(a.index, n)
    T.ok(a == corpus[n], "articles() yields the cached objects")
  end
  T.eq(n, 5)
end)

T.test("identity and lifetime", function()
  T.ok(rawequal(corpus[2], corpus[2]), "same userdata each time")
  local s = corpus[2]:sentences()[3]
  T.ok(rawequal(s, corpus[2]:sentences()[3]), "sentences cached")
  T.ok(rawequal(s.article, corpus[2]), "sentence.article is the article")
  -- Objects keep their corpus alive after every other reference is gone.
  local c = lede.load(LEDE_DATA or "../data/kosovo")
  local tok = c[4]:sentences()[1]:tokens()[1]
  local title = c[5].title
  c = nil
  collectgarbage(); collectgarbage()
  T.eq(tok.text, "NATO")
  T.eq(tok.article.id, "003_5436d8cd7f7d1021")
  T.eq(tok.article.corpus[5].title, title)
end)

T.test("article fields", function()
  local a = corpus[2]
  T.eq(a.id, "001_5e1d57c8eee590f4")
  T.match(a.path, "001_5e1d57c8eee590f4%.txt$")
  T.eq(a.title, "NATO chief calls for accountability over attack on NATO’s mission in Kosovo")
  T.eq(a.date, "2023-09-07")
  T.eq(a.byline, "Agnes Szucs")
  T.eq(a.source, "Anadolu Agency")
  T.eq(table.concat(a.categories, "|"), "Politics|World|Europe")
  T.eq(#a.boilerplate, 2)
  T.eq(a.line, nil)
  T.eq(type(a.text), "string")
  T.eq(type(a.raw), "string")
  T.ok(#a.raw > #a.text, "raw includes what cleaning removed")
  T.eq(a.paragraphs[1]:sub(1, 38), "NATO Secretary General Jens Stoltenber")
  T.eq(a.text:sub(1, #a.paragraphs[1]), a.paragraphs[1])
  T.eq(a.nonexistent_field, nil)
  T.match(tostring(a), "^article 001_5e1d57c8eee590f4: NATO chief calls .* %(2023%-09%-07%)$")
  local c = corpus[3]
  T.eq(c.dateline, "BELGRADE, Serbia")
  T.eq(c.agency, "AP")
  T.eq(c.source, "ValueCore")
  T.eq(c.date, "2025-04-26")
  T.eq(corpus[1].title, nil)
  T.eq(corpus[1].date, nil)
  T.eq(#corpus[1].categories, 0)
end)

T.test("sentences", function()
  for a in corpus:articles() do
    local ss = a:sentences()
    T.eq(#a, #ss, "#article is its sentence count")
    T.ok(#ss > 0, a.id .. " has sentences")
    local prev = 0
    for i, s in ipairs(ss) do
      T.eq(s.index, i)
      T.ok(s.start > prev, "sentences in order")
      T.eq(a.text:sub(s.start, s.stop), s.text, "offsets are 1-based inclusive")
      T.eq(tostring(s), s.text)
      T.ok(s.paragraph >= 1 and s.paragraph <= #a.paragraphs)
      T.ok(not s.text:find("^%s") and not s.text:find("%s$"), "trimmed")
      prev = s.stop
    end
  end
  -- 004: "... met today (13 June 2023) with Ambassador Miroslav Lajcak, ... Pristina."
  local s1 = corpus[5]:sentences()[1]
  T.match(s1.text, "^NATO Deputy Secretary General Mircea Geoană met today")
  T.match(s1.text, "Belgrade and Pristina%.$")
  -- "Mr. Geoana recalled that ..." is not split after "Mr."
  local found = false
  for _, s in ipairs(corpus[5]:sentences()) do
    if s.text:find("^Mr%. Geoana recalled") then found = true end
  end
  T.ok(found, "Mr. kept inside its sentence")
  -- The headline is metadata, not body: no sentence repeats it.
  for _, s in ipairs(corpus[5]:sentences()) do
    T.ok(not s.text:find("^NATO and EU together"), "headline not in the body")
  end
end)

T.test("sentence_at", function()
  local a = corpus[1]
  local s = a:sentences()[2]
  T.ok(a:sentence_at(s.start) == s)
  T.ok(a:sentence_at(s.stop) == s)
  T.eq(a:sentence_at(#a.text + 10), nil)
end)

T.test("tokens", function()
  local a = corpus[1]
  local s = a:sentences()[1]
  local toks = s:tokens()
  T.eq(#s, #toks)
  T.eq(toks[1].text, "NATO")
  T.eq(toks[1].kind, "word")
  T.eq(toks[1].start, s.start)
  T.ok(rawequal(s:tokens(), toks), "token list cached")
  T.ok(toks[2].sentence == s, "token.sentence")
  T.ok(toks[2].article == a)
  local kinds = {}
  for _, t in ipairs(a:tokens()) do
    kinds[t.kind] = (kinds[t.kind] or 0) + 1
    T.eq(a.text:sub(t.start, t.stop), t.text)
    T.eq(#t, t.stop - t.start + 1)
  end
  T.ok(kinds.word > 100 and kinds.punct > 20 and kinds.number > 0, "kinds seen")
  -- a number with a thousands separator is one token
  local seen = false
  for _, t in ipairs(corpus[5]:tokens()) do
    if t.text == "4,000" then seen = true; T.eq(t.kind, "number") end
  end
  T.ok(seen, "4,000 is one number token")
  -- token.lower folds case and diacritics
  for _, t in ipairs(corpus[5]:tokens()) do
    if t.text == "Geoană" then T.eq(t.lower, "geoana") end
  end
end)

T.test("tojson", function()
  local j = lede.json.decode(lede.json.encode(corpus[2]))
  T.eq(j.title, corpus[2].title)
  T.eq(j.sentences, #corpus[2])
  local s = lede.json.decode(lede.json.encode(corpus[2]:sentences()[1]))
  T.eq(s.text, corpus[2]:sentences()[1].text)
  local t = lede.json.decode(lede.json.encode(corpus[2]:sentences()[1]:tokens()[1]))
  T.eq(t.kind, "word")
end)

T.test("methods are extensible from Lua", function()
  function lede.Article:word_count()
    local n = 0
    for _, t in ipairs(self:tokens()) do if t.kind == "word" then n = n + 1 end end
    return n
  end
  T.ok(corpus[1]:word_count() > 100)
  function lede.Sentence:words() return #self:tokens() end
  T.eq(corpus[1]:sentences()[1]:words(), #corpus[1]:sentences()[1])
  T.eq(getmetatable(corpus[1]), "lede object")
end)

T.test("lede.parse and lede.load", function()
  local c = lede.parse("Headline Here\nFirst sentence. Second one!\n", { name = "mem" })
  T.eq(#c, 1)
  T.eq(c[1].path, "mem")
  local ss = c[1]:sentences()
  T.eq(ss[#ss].text, "Second one!")
  local j = lede.parse('{"text":"Body text here. More.","title":"T","date":"2024-01-02","source":"S"}\n',
                       { format = "jsonl", name = "x.jsonl" })
  T.eq(j[1].title, "T")
  T.eq(j[1].date, "2024-01-02")
  T.eq(j[1].source, "S")
  T.eq(j[1].line, 1)
  local e = lede.load("/nonexistent/path", { quiet = true })
  T.eq(#e, 0)
  T.eq(e.errors, 1)
  T.raises(function() lede.parse("x", { format = "xml" }) end, "format must be")
  T.raises(function() lede.load("a", true) end)
end)

T.test("helpers", function()
  T.eq(lede.fold("Geoană Banjskë ZVEČAN"), "geoana banjske zvecan")
  T.eq(lede.normalize("“Hi” — it’s\u{00A0}here"), "\"Hi\" - it's here")
  local iso, prec = lede.date("13 June 2023")
  T.eq(iso, "2023-06-13"); T.eq(prec, "day")
  T.eq(lede.date("not a date"), nil)
  local toks = lede.tokenize("About 1,000 troops (5%).")
  T.eq(#toks, 8)
  T.eq(toks[2].text, "1,000"); T.eq(toks[2].kind, "number")
  T.eq(toks[6].text, "%"); T.eq(toks[6].kind, "symbol")
  T.match(lede.about(), "^lede %d+%.%d+%.%d+ %(Lua 5%.4")
end)

T.test("token lists: collected when unused, rebuilt the same; sentences share them", function()
  local a = corpus[1]
  local first = {}
  for i, t in ipairs(a:tokens()) do first[i] = t.start .. ":" .. t.text .. ":" .. t.kind end
  collectgarbage(); collectgarbage()
  local again = a:tokens()
  T.eq(#again, #first)
  for i, t in ipairs(again) do T.eq(t.start .. ":" .. t.text .. ":" .. t.kind, first[i]) end
  T.ok(rawequal(again, a:tokens()), "one list while it is in use")
  local s = a:sentences()[2]
  local st = s:tokens()
  T.ok(#st > 0)
  T.ok(rawequal(st[1], again[st[1].index]), "a sentence's tokens are the article's objects")
  T.ok(rawequal(st, s:tokens()), "one list per sentence while it is in use")
  T.ok(rawequal(st, s:tokens(1, "x", {})), "extra arguments are ignored")
  T.eq(st[#st].stop <= s.stop, true)
end)

T.done()

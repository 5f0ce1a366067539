-- lede.gazetteer and lede.pattern: matching engines from Lua.
local T = require "testlib"

local function texts(hits, sep)
  local t = {}
  for i, h in ipairs(hits) do t[i] = h.text end
  return table.concat(t, sep or "|")
end

local names = lede.gazetteer {
  { name = "Jens Stoltenberg", value = { kind = "PERSON", id = "stoltenberg" } },
  { name = "Stoltenberg", value = { kind = "PERSON", id = "stoltenberg" } },
  { name = "Geoana", value = { kind = "PERSON", id = "geoana" } },
  { name = "KFOR", value = "ORG" },
  { name = "NATO", value = "ORG" },
  { name = "Belgrade", value = "PLACE" },
  { name = "Pristina", value = "PLACE" },
  { name = "Vjosa Osmani-Sadriu", value = "PERSON" },
  { name = "AP", value = "AGENCY", case = true },
}

T.test("gazetteer basics", function()
  T.eq(#names, 9)
  T.eq(names.size, 9)
  T.match(tostring(names), "9 entries")
  local g = lede.gazetteer()
  T.eq(#g, 0)
  T.eq(g:add("Banjskë", "village"), 1)
  T.eq(g:add("Zvečan"), 2)                    -- value defaults to the name
  local hits = g:match("From Banjske to ZVECAN.")
  T.eq(#hits, 2)
  T.eq(hits[1].value, "village"); T.eq(hits[1].text, "Banjske")
  T.eq(hits[1].start, 6); T.eq(hits[1].stop, 12)
  T.eq(hits[1].tok_first, 2); T.eq(hits[1].tok_last, 2)
  T.eq(hits[2].value, "Zvečan"); T.eq(hits[2].text, "ZVECAN")
  T.eq(#g:match("Banjska"), 0)
  T.eq(#g:match(""), 0)
end)

T.test("gazetteer atoms, case, several values", function()
  T.eq(texts(names:match("the NATO-led KFOR and NATO’s role")), "NATO|KFOR|NATO")
  T.eq(texts(names:match("the Belgrade-Pristina dialogue")), "Belgrade|Pristina")
  T.eq(texts(names:match("President Vjosa Osmani-Sadriu")), "Vjosa Osmani-Sadriu")
  T.eq(texts(names:match("Serbia, Natos, Belgrader")), "")
  T.eq(texts(names:match("(AP) Ap ap")), "AP")
  local g = lede.gazetteer()
  g:add("Kosovo", "first")
  g:add("KOSOVO", "second")
  g:add("kosovo", "third", { case = true })
  local hits = g:match("in Kosovo")
  T.eq(#hits, 2)
  T.eq(hits[1].value, "first"); T.eq(hits[2].value, "second")
  T.eq(hits[1].start, hits[2].start)
  T.eq(#g:match("in kosovo"), 3)
  T.eq(#g, 3)
end)

T.test("gazetteer over the corpus", function()
  local found, n = {}, 0
  for a in corpus:articles() do
    local text = a.text
    local toks = a:tokens()
    for _, h in ipairs(names:match(a)) do
      n = n + 1
      T.eq(text:sub(h.start, h.stop), h.text, "offsets round-trip")
      T.ok(toks[h.tok_first].start <= h.start and toks[h.tok_last].stop >= h.stop, "tokens touched")
      found[h.text] = (found[h.text] or 0) + 1
    end
  end
  T.ok(n > 50, "found " .. n)
  T.ok(found["Jens Stoltenberg"] and found["Jens Stoltenberg"] >= 3, "Jens Stoltenberg")
  T.ok(found["Stoltenberg"] and found["Stoltenberg"] >= 10, "Stoltenberg alone")
  T.ok(found["Geoană"] and found["Geoana"], "Geoană and Geoana both match Geoana")
  T.ok(found["KFOR"] >= 5, "KFOR")
  T.ok(found["AP"] >= 1, "AP")
  T.eq(found["Ap"], nil)
  -- NATO inside NATO-led: the hit is the first four bytes of the token
  local a = corpus[5]
  local seen = false
  for _, h in ipairs(names:match(a)) do
    local tok = a:tokens()[h.tok_first]
    if h.text == "NATO" and tok.text == "NATO-led" then
      seen = true
      T.eq(h.start, tok.start); T.eq(h.stop, tok.start + 3)
    end
  end
  T.ok(seen, "NATO inside NATO-led")
end)

T.test("gazetteer on sentences: article-relative offsets and token indexes", function()
  local a = corpus[2]
  local toks = a:tokens()
  local n = 0
  for _, s in ipairs(a:sentences()) do
    for _, h in ipairs(names:match(s)) do
      n = n + 1
      T.eq(a.text:sub(h.start, h.stop), h.text)
      T.ok(h.start >= s.start and h.stop <= s.stop)
      T.ok(toks[h.tok_first].start <= h.start and toks[h.tok_last].stop >= h.stop)
      T.ok(h.value ~= nil)
    end
  end
  T.eq(n, #names:match(a), "sentence by sentence = whole article")
end)

T.test("gazetteer on articles: the same hits, whichever article was matched before", function()
  -- each Lua state keeps the atoms of the last article matched; switching
  -- articles and gazetteers back and forth must never reuse the wrong ones
  local other = lede.gazetteer { { name = "Kosovo" }, { name = "Serbia" }, { name = "said" } }
  local function render(g, a)
    local out = {}
    for _, s in ipairs(a:sentences()) do
      for _, h in ipairs(g:match(s)) do out[#out + 1] = h.start .. ":" .. h.text .. ":" .. h.tok_first end
    end
    return table.concat(out, " ")
  end
  local function render_article(g, a)
    local out = {}
    for _, h in ipairs(g:match(a)) do out[#out + 1] = h.start .. ":" .. h.text .. ":" .. h.tok_first end
    return table.concat(out, " ")
  end
  local want = {}
  for i = 1, #corpus do want[i] = { render(names, corpus[i]), render(other, corpus[i]) } end
  for _, i in ipairs { 1, 2, 1, 3, 3, 5, 2, 4, 1 } do
    T.eq(render_article(names, corpus[i]), want[i][1], "names, article " .. i)
    T.eq(render_article(other, corpus[i]), want[i][2], "other, article " .. i)
  end
  T.ok(#want[1][2] > 0, "the second gazetteer finds something")
end)

T.test("gazetteer on a huge article: the uncached path gives the same hits", function()
  -- more tokens than the atom cache keeps (200,000): matched sentence by
  -- sentence without shared atoms
  local parts = {}
  for i = 1, 18000 do
    parts[i] = "NATO troops from Turkey reached Zvečan on day " .. i .. " near Kosovo."
  end
  local c = lede.parse(table.concat(parts, " "), { name = "huge.txt" })
  local a = c[1]
  T.ok(#a:tokens() > 200000, "more tokens than the cache takes: " .. #a:tokens())
  local g = lede.gazetteer { { name = "Kosovo" }, { name = "Zvecan" }, { name = "NATO" } }
  local n, bad = 0, 0
  local hits = g:match(a)
  local k = 0
  for _, s in ipairs(a:sentences()) do
    for _, h in ipairs(g:match(s)) do
      k = k + 1
      local x = hits[k]
      if not x or x.start ~= h.start or x.tok_first ~= h.tok_first or x.text ~= h.text then bad = bad + 1 end
    end
  end
  n = #hits
  T.eq(k, n, "sentence by sentence = whole article")
  T.eq(bad, 0)
  T.eq(n, 54000)
end)

T.test("gazetteer errors", function()
  T.raises(function() lede.gazetteer { { name = "" } } end, "entry 1: name \"\" has no tokens")
  T.raises(function() lede.gazetteer { { value = 1 } } end, "entry 1: name must be a string")
  T.raises(function() lede.gazetteer { "x" } end, "entry 1: expected a table")
  T.raises(function() lede.gazetteer():add(42) end, "name must be a string")
  T.raises(function() names:match(42) end, "expected a Sentence, an Article or a string")
end)

T.test("pattern over the corpus: Secretary General <Name>", function()
  local p = lede.pattern {
    { lower = { "secretary" } }, { lower = "general" }, { is_cap = true, op = "+", name = "who" },
  }
  T.eq(#p, 3)
  T.eq(p.groups[1], "who")
  local who = {}
  for a in corpus:articles() do
    for _, s in ipairs(a:sentences()) do
      for _, m in ipairs(p:match(s)) do
        T.eq(a.text:sub(m.start, m.stop), m.text)
        T.eq(a.text:sub(m.groups.who.start, m.groups.who.stop), m.groups.who.text)
        T.eq(a:tokens()[m.tok_first].text:lower(), "secretary")
        T.eq(a:tokens()[m.groups.who.tok_last].stop, m.groups.who.stop)
        who[#who + 1] = m.groups.who.text
      end
    end
  end
  local all = table.concat(who, "; ")
  T.match(all, "Jens Stoltenberg")
  T.match(all, "Mircea Geoană")
  T.ok(#who >= 4, all)
  -- whole article at once gives the same matches
  local m = p:match(corpus[3])
  T.eq(m[1].text, "Secretary General Jens Stoltenberg")
end)

T.test("pattern tests from Lua", function()
  local s = "In 2023, KFOR said 1,000 troops (and NATO’s) came: Geoană told AP."
  T.eq(texts(lede.pattern { { text = { "said", "told" } } }:match(s)), "said|told")
  T.eq(texts(lede.pattern { { shape = "d,ddd" }, { lower = "troops" } }:match(s)), "1,000 troops")
  T.eq(texts(lede.pattern { { is_upper = true, is_alpha = true } }:match(s)), "KFOR|AP")
  T.eq(texts(lede.pattern { { is_digit = true } }:match(s)), "2023")
  T.eq(texts(lede.pattern { { kind = "number" } }:match(s)), "2023|1,000")
  T.eq(texts(lede.pattern { { re = "^\\p{Lu}\\w+$", is_title = true } }:match(s)), "In|Geoană")
  T.eq(texts(lede.pattern { { is_punct = true, ["not"] = { text = { ",", "." } } } }:match(s)),
       "(|)|:")
  T.eq(texts(lede.pattern { { is_cap = true }, { op = "{1,2}", is_lower = true } }:match(s)),
       "KFOR said|Geoană told")
  T.eq(texts(lede.pattern { { lower = "nato's" } }:match(s)), "NATO’s")
  T.eq(texts(lede.pattern { {}, { text = "troops" } }:match(s)), "1,000 troops")
  T.eq(texts(lede.pattern { { text = "x", op = "?" } }:match(s)), "", "no empty matches")
  T.eq(lede.shape("Stoltenberg"), "Xxxxx")
  T.eq(lede.shape("NATO’s"), "XXXX’x")
  T.eq(lede.shape("1,000"), "d,ddd")
  T.eq(corpus[1]:tokens()[1].shape, lede.shape(corpus[1]:tokens()[1].text))
end)

T.test("pattern captures and ent annotations", function()
  local a = corpus[2]
  -- annotations from the gazetteer: value.kind or the value itself
  local ann = {}
  for _, h in ipairs(names:match(a)) do
    ann[#ann + 1] = { kind = type(h.value) == "table" and h.value.kind or h.value,
                      start = h.start, stop = h.stop }
  end
  local p = lede.pattern {
    { ent = "PERSON", op = "+", name = "who" },
    { lower = { "said", "told", "says" }, name = "verb" },
  }
  local ms = p:match(a, ann)
  T.ok(#ms >= 1, "a PERSON followed by a speech verb")
  for _, m in ipairs(ms) do
    T.eq(m.text, m.groups.who.text .. " " .. m.groups.verb.text)
  end
  T.eq(#p:match(a), 0, "without annotations no token is an entity")
  -- several kinds; unknown kinds in the annotations are ignored
  local q = lede.pattern { { ent = { "PLACE", "ORG" }, op = "+" } }
  local qs = q:match(a, ann)
  T.ok(#qs >= 3)
  for _, m in ipairs(qs) do T.match(m.text, "^[A-Z]") end
  -- sub-token annotations do not cover a token: NATO in NATO-led is no ORG token
  local r = lede.pattern { { ent = "ORG" } }:match("NATO-led KFOR", { { kind = "ORG", start = 1, stop = 4 },
                                                                     { kind = "ORG", start = 10, stop = 13 } })
  T.eq(texts(r), "KFOR")
  -- optional group not taken is absent
  local o = lede.pattern { { text = "Mr", op = "?", name = "title" }, { is_cap = true, name = "name" } }
  local om = o:match("met Kurti")
  T.eq(om[1].text, "Kurti"); T.eq(om[1].groups.title, nil); T.eq(om[1].groups.name.text, "Kurti")
end)

T.test("pattern backtracking and leftmost-longest", function()
  local p = lede.pattern { { is_cap = true, op = "+", name = "who" }, { text = "Said" } }
  local m = p:match("then Jens Stoltenberg Said Yes")
  T.eq(#m, 1)
  T.eq(m[1].groups.who.text, "Jens Stoltenberg")
  T.eq(m[1].tok_first, 2); T.eq(m[1].tok_last, 4)
  T.eq(m[1].start, 6); T.eq(m[1].stop, 26)
  -- pathological nesting terminates
  local items = {}
  for i = 1, 30 do items[i] = { op = "*" } end
  items[31] = { text = "NEVER" }
  T.eq(#lede.pattern(items):match(string.rep("w ", 300)), 0)
end)

T.test("pattern errors name the item and key", function()
  T.raises(function() lede.pattern { { text = "a" }, { shap = "Xx" } } end,
           "lede.pattern: item 2: unknown test 'shap'")
  T.raises(function() lede.pattern { { is_cap = "yes" } } end, "item 1: 'is_cap' must be a boolean")
  T.raises(function() lede.pattern { { op = "{3,1}" } } end, "item 1: bad op '{3,1}'")
  T.raises(function() lede.pattern { { op = "x" } } end, "bad op 'x'")
  T.raises(function() lede.pattern { { kind = "noun" } } end, "unknown kind 'noun'")
  T.raises(function() lede.pattern { { ["not"] = { op = "+" } } } end, "item 1: not: 'op' is not allowed")
  T.raises(function() lede.pattern { { ["not"] = { bogus = 1 } } } end, "item 1: not: unknown test 'bogus'")
  T.raises(function() lede.pattern { { text = {} } } end, "'text' must be a string or a non%-empty list")
  T.raises(function() lede.pattern { { text = { "a", 3 } } } end, "'text'%[2%] must be a string")
  T.raises(function() lede.pattern { "said" } end, "item 1: expected a table")
  T.raises(function() lede.pattern {} end, "no items")
  local many = {}
  for i = 1, 1001 do many[i] = {} end
  T.raises(function() lede.pattern(many) end, "more than 1000 items")
  local deep = { text = "x" }
  for _ = 1, 40 do deep = { ["not"] = deep } end
  T.raises(function() lede.pattern { deep } end, "'not' nested too deep")
  T.eq(#lede.pattern { { ["not"] = { ["not"] = { text = "x" } } } }:match("x y"), 1)
  local err = T.raises(function() lede.pattern { {}, { re = "(unclosed" } } end,
                       "item 2: 're': missing closing parenthesis")
  T.match(err, "at offset 9")
  T.raises(function() lede.pattern { {} }:match(corpus[1], { { kind = 1 } } ) end, "annotation 1")
  T.raises(function() lede.pattern { {} }:match(nil) end, "expected a Sentence")
end)

T.done()

-- test_annotations.lua: annotations kept in C (lede.annstore, via
-- lib/annotate.lua): their order, attributes of every type, the Lua tables
-- made when read (the same table while held, the same content after the
-- collector took it), attributes the store cannot hold, removal, and the
-- errors of a bad annotation at the caller's line.
local T = require "testlib"

lede.rules.clear()   -- only what the tests annotate
local function article(text, opts)
  return lede.parse(text, opts or { quiet = true })[1]
end

local function spans(list)
  local out = {}
  for _, a in ipairs(list) do
    out[#out + 1] = string.format("%s%s:%d-%d", rawget(a, "field") and (a.field .. ":") or "",
                                  a.kind, a.start, a.stop)
  end
  return table.concat(out, " ")
end

T.test("sorted: headline first, then start, longer first, then kind, then arrival", function()
  local a = article('{"title": "Title here", "text": "Alpha beta gamma delta epsilon."}',
                    { format = "jsonl", quiet = true })
  T.eq(a.title, "Title here")
  a:annotate("PERSON", 10, 20)
  a:annotate("DATE", 22, 26)
  a:annotate("ORG", 10, 25)
  a:annotate("LOC", 10, 20, { n = 1 })
  a:annotate("PERSON", 10, 20, { second = true })
  a:annotate("QUOTE", 1, 5, { field = "title" })
  T.eq(spans(a:annotations()),
       "title:QUOTE:1-5 ORG:10-25 LOC:10-20 PERSON:10-20 PERSON:10-20 DATE:22-26")
  local ps = a:annotations("PERSON")
  T.eq(#ps, 2)
  T.eq(ps[1].attrs.second, nil, "equal ones in the order they came")
  T.eq(ps[2].attrs.second, true)
  T.eq(spans(a:annotations({ "LOC", "DATE" })), "LOC:10-20 DATE:22-26")
  T.eq(#a:annotations({ PERSON = false }), 0, "a false value does not select")
end)

-- Made in a function of its own, so that no register of the test keeps
-- the table annotate returned: the collector can take it.
local function annotate(a, ...) a:annotate(...) end

T.test("attributes of every type come back as they went in", function()
  local a = article("Alpha beta gamma delta epsilon.")
  annotate(a, "X", 1, 5, { s = "Jens Stoltenberg", e = "", nul = "a\0b", i = 42, neg = -7,
                          wide = 9007199254740993, f = 1.5, whole = 2.0, t = true, no = false })
  local function check(x)
    T.eq(x.attrs.s, "Jens Stoltenberg")
    T.eq(x.attrs.e, "")
    T.eq(x.attrs.nul, "a\0b")
    T.eq(math.type(x.attrs.i), "integer"); T.eq(x.attrs.i, 42)
    T.eq(x.attrs.neg, -7)
    T.eq(x.attrs.wide, 9007199254740993)
    T.eq(math.type(x.attrs.f), "float"); T.eq(x.attrs.f, 1.5)
    T.eq(math.type(x.attrs.whole), "float", "2.0 stays a float")
    T.eq(x.attrs.t, true); T.eq(x.attrs.no, false)
    T.eq(x.s, "Jens Stoltenberg", "an attribute read directly")
    T.eq(x.text, "Alpha")
  end
  collectgarbage(); collectgarbage()   -- the table the rule made is gone: made from C
  check(a:annotations("X")[1])
end)

local function first(a) return a:annotations()[1] end
local function is_first(a, x) return first(a) == x end
local function weakly_first(a) return setmetatable({ first(a) }, { __mode = "v" }) end

T.test("the same table while held; an equal one after the collector took it", function()
  local a = article("Alpha beta gamma delta epsilon.")
  local held = a:annotate("X", 1, 5, { k = "v" })
  rawset(held, "mine", 1)
  collectgarbage(); collectgarbage()
  T.ok(is_first(a, held), "identity while held")
  T.eq(rawget(first(a), "mine"), 1)
  local weak = weakly_first(a)
  held = nil
  collectgarbage(); collectgarbage()
  T.eq(weak[1], nil, "not kept once nothing holds it")
  local again = first(a)
  T.eq(again.kind, "X"); T.eq(again.start, 1); T.eq(again.stop, 5); T.eq(again.k, "v")
  T.eq(rawget(again, "mine"), nil)
  T.eq(getmetatable(again).__name, "lede.Annotation")
  T.ok(again.article == a)
end)

T.test("attributes the store cannot hold are kept as given", function()
  local a = article("Alpha beta gamma delta epsilon.")
  local list = { 1, 2, 3 }
  annotate(a, "X", 1, 5, { parts = list })
  annotate(a, "Y", 7, 10, { [1] = "first" })
  annotate(a, "Z", 12, 16, { null = lede.json.null })
  collectgarbage(); collectgarbage()
  local xs = a:annotations()
  T.ok(xs[1].attrs.parts == list, "a table value: the same table")
  T.eq(xs[2].attrs[1], "first")
  T.eq(xs[3].attrs.null, lede.json.null)
  T.eq(lede.json.encode(xs[1]), lede.json.encode({ kind = "X", start = 1, stop = 5, text = "Alpha",
                                                   parts = list, article = a.id }))
end)

T.test("many annotations in any order come out sorted, and remove", function()
  local a = article(string.rep("word ", 2000))
  local n = 0
  for i = 1999, 0, -1 do
    local s = (i * 7919) % 2000 * 5 + 1
    annotate(a, i % 2 == 0 and "A" or "B", s, s + 3, { i = i })
    n = n + 1
  end
  collectgarbage(); collectgarbage()
  local xs = a:annotations()
  T.eq(#xs, n)
  for i = 2, #xs do T.ok(xs[i - 1].start < xs[i].start, "sorted at " .. i) end
  T.eq(xs[1].i, 0); T.eq(xs[1].kind, "A")
  T.eq(#a:annotations("B"), 1000)
end)

T.test("sentence:annotations: the body's that start in the sentence, in order", function()
  local a = article('{"title": "Alpha beta", "text": "One two three. Four five six. Seven eight."}',
                    { format = "jsonl", quiet = true })
  local ss = a:sentences()
  T.eq(#ss, 3)
  annotate(a, "X", 1, 5, { field = "title" })       -- headline: in no sentence
  for p = 1, #a.text, 3 do annotate(a, p % 2 == 0 and "X" or "Y", p, p) end
  annotate(a, "Y", 14, 20)                          -- starts in the first, ends in the second
  for _, s in ipairs(ss) do
    for _, want in ipairs({ {}, { "X" }, { "Y" } }) do
      local kind = want[1]
      local expect = {}
      for _, x in ipairs(a:annotations(kind)) do
        if not rawget(x, "field") and x.start >= s.start and x.start <= s.stop then
          expect[#expect + 1] = x
        end
      end
      local got = s:annotations(kind)
      T.eq(#got, #expect, "sentence " .. s.index .. " " .. tostring(kind))
      for i = 1, #got do T.ok(got[i] == expect[i], "the same, in order") end
    end
  end
  T.eq(spans(ss[1]:annotations("Y")), "Y:1-1 Y:7-7 Y:13-13 Y:14-20")
end)

T.test("ctx:remove takes back what a stopped rule made", function()
  local removed
  lede.rules.load{ name = "rm", kinds = { "R" }, run = function(art, ctx)
    local a1 = ctx:annotate("R", 1, 5)
    ctx:annotate("R", 7, 10)
    T.eq(ctx:count(), 2)
    removed = ctx:remove(a1)
    T.eq(ctx:remove({}), false, "not one of its annotations")
    T.eq(ctx:count(), 1)
  end }
  local a = article("Alpha beta gamma delta epsilon.")
  T.eq(spans(a:annotations("R")), "R:7-10")
  T.eq(removed, true)
  lede.rules.clear()
end)

T.test("a bad annotation is an error at the line that made it", function()
  local a = article("Alpha beta.")
  local err = T.raises(function() a:annotate("X", 1, 99) end,
                       "annotate: span 1%.%.99 is outside the article text %(1%.%.11%)")
  T.match(err, "test_annotations%.lua:%d+: annotate", "at the caller's line")
  T.raises(function() a:annotate("", 1, 2) end, "annotate: kind must be a non%-empty string")
  T.raises(function() a:annotate(5, 1, 2) end, "kind must be a non%-empty string")
  T.raises(function() a:annotate("X", 1.5, 2) end, "span nil%.%.2 is outside")
  T.raises(function() a:annotate("X", 1, 2, { field = "body" }) end,
           'field must be "title" or "subtitle"')
  T.raises(function() a:annotate("X", 1, 2, { field = "title" }) end,
           "outside the article title %(1%.%.0%)")
  a:annotate("X", "3", 4.0)
  a:annotate("X", 12, 11)
  T.eq(spans(a:annotations()), "X:3-4 X:12-11")
end)

T.test("pack and unpack: another store gets the same annotations in the same order", function()
  local text = '{"title": "Title here", "text": "Alpha beta gamma delta epsilon."}'
  local a = article(text, { format = "jsonl", quiet = true })
  a:annotate("PERSON", 10, 20, { n = 1 })
  a:annotate("PERSON", 10, 20, { n = 2, s = "a\0b", wide = 9007199254740993, whole = 2.0 })
  a:annotate("DATE", 22, 26, { t = true, no = false, f = -0.25 })
  a:annotate("QUOTE", 1, 5, { field = "title" })
  local packed = require("lib.annotate").pack(a)
  T.eq(type(packed), "string")
  local b = article(text, { format = "jsonl", quiet = true })
  b:annotate("LOC", 10, 20)
  local st = lede.annstore(b, require("lib.annotate").Annotation)
  st:unpack(packed)
  local kinds = st:unpack(packed)     -- twice: the second's after the first's equals
  table.sort(kinds)
  T.eq(table.concat(kinds, " "), "DATE PERSON QUOTE")
  local got = st:list()
  T.eq(spans(got), "title:QUOTE:1-5 title:QUOTE:1-5 PERSON:10-20 PERSON:10-20 PERSON:10-20 "
               .. "PERSON:10-20 DATE:22-26 DATE:22-26")
  T.eq(got[3].attrs.n, 1); T.eq(got[4].attrs.n, 2); T.eq(got[5].attrs.n, 1)
  T.eq(got[4].attrs.s, "a\0b")
  T.eq(math.type(got[4].attrs.wide), "integer"); T.eq(got[4].attrs.wide, 9007199254740993)
  T.eq(math.type(got[4].attrs.whole), "float")
  T.eq(got[7].attrs.t, true); T.eq(got[7].attrs.no, false); T.eq(got[7].attrs.f, -0.25)
  T.eq(got[1].field, "title"); T.eq(got[1].attrs.field, "title")
  T.eq(#st:list({ LOC = true }), 0, "a store of its own, not the article's")
  T.eq(spans(b:annotations()), "LOC:10-20")
end)

T.test("pack: nil when attributes are kept in Lua; unpack checks what it reads", function()
  local a = article("Alpha beta gamma.")
  a:annotate("X", 1, 5, { list = { 1 } })
  T.eq(require("lib.annotate").pack(a), nil)
  local c = article("Alpha beta gamma.")
  c:annotate("X", 1, 15, { s = "str" })
  local packed = require("lib.annotate").pack(c)
  local st = lede.annstore(article("Short."), require("lib.annotate").Annotation)
  T.raises(function() st:unpack(packed) end, "unpack: a span outside the article")
  local st2 = lede.annstore(article("Alpha beta gamma."), require("lib.annotate").Annotation)
  for cut = 0, #packed - 1 do
    T.raises(function() st2:unpack(packed:sub(1, cut)) end, "unpack: a bad string")
  end
  T.eq(#st2:list(), 0, "nothing added by a cut string")
  T.raises(function() st2:unpack("") end, "unpack: a bad string")
end)

T.done()

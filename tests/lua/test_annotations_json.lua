-- test_annotations_json.lua: lede extract's annotation array made in C from
-- the store (lib.annotate.json, lede.annstore's st:json) is byte for byte
-- the JSON lede.json.encode makes of the Lua records lib/extract_record.lua
-- built before (the reference below): every attribute type, attributes kept
-- in Lua, headline fields, multibyte text, spans that do not start or end
-- on a character's first byte, --fields subsets.
local T = require "testlib"
local annotate = require "lib.annotate"

-- The records as lib/extract_record.lua made them from a:annotations().
local function char_counter(s)
  local byte, char = 1, 1
  return function(b)
    if b < byte then byte, char = 1, 1 end
    char = char + (utf8.len(s, byte, b - 1) or (b - byte))
    byte = b
    return char
  end
end
local function reference(a, keep)
  local anns, counters = {}, {}
  for i, x in ipairs(a:annotations()) do
    local field = rawget(x, "field")
    local k = field or "text"
    counters[k] = counters[k] or char_counter(field and (a[field] or "") or (a.text or ""))
    local cs = counters[k](x.start)
    local span = x.text
    local r = { kind = x.kind, start = x.start, stop = x.stop, char_start = cs,
                char_stop = cs + (utf8.len(span) or #span) - 1, text = span, field = field,
                attrs = x.attrs }
    if keep then
      for f in pairs(r) do if not keep[f] then r[f] = nil end end
    end
    anns[i] = r
  end
  return lede.json.encode(lede.json.array(anns))
end

local KEEPS = {
  false,
  { text = true },
  { char_start = true, char_stop = true },
  { attrs = true, field = true, kind = true },
  { start = true, stop = true, text = true, char_stop = true },
}
local function same_all_ways(a, what)
  for _, keep in ipairs(KEEPS) do
    local k = keep or nil
    T.eq(annotate.json(a, k), reference(a, k), what)
  end
end

T.test("the default rules' annotations on the sample articles", function()
  for a in corpus:articles() do same_all_ways(a, a.id) end
end)

lede.rules.clear()   -- from here, only what the tests annotate

T.test("every attribute type, escapes, headline fields, multibyte text", function()
  local a = lede.parse('{"title": "Zürich “talks” ✓", "subtitle": "Ça va", ' ..
                       '"text": "Señor Müller said “no” in Zürich; 東京 too. Tab\\there."}',
                       { format = "jsonl", quiet = true })[1]
  local t = a.text
  local s = t:find("Müller", 1, true)
  a:annotate("PERSON", s, s + #"Müller" - 1, { canonical = "Müller", n = 3, big = 9007199254740993,
                                               f = 0.1, whole = 2.0, neg = -1.5e-7, yes = true,
                                               no = false, q = 'say "hi"\n\\', e = "" })
  local z = t:find("Zürich", 1, true)
  a:annotate("LOC", z, z + #"Zürich" - 1)
  local k = t:find("東京", 1, true)
  a:annotate("LOC", k, k + #"東京" - 1, { tokyo = "東京" })
  a:annotate("X", t:find("Tab", 1, true), #t)
  a:annotate("LOC", 1, #"Zürich", { field = "title" })
  a:annotate("QUOTE", 8, 20, { field = "title" })       -- “talks”: multibyte marks
  a:annotate("Y", 1, 2, { field = "subtitle" })
  a:annotate("ORG", 1, #t, { list = { 1, 2, "three" }, nested = { a = { b = true } } })  -- kept in Lua
  same_all_ways(a, "mixed article")
  local j = lede.json.decode(annotate.json(a))
  T.eq(#j, 8)
  T.eq(j[1].field, "title"); T.eq(j[1].text, "Zürich"); T.eq(j[1].char_stop, 6)
end)

T.test("spans off a character's first byte count as utf8.len does (bytes)", function()
  local a = lede.parse("Ärger über Öl und Übel, ça.", { quiet = true })[1]
  local t = a.text
  a:annotate("A", 2, 3)          -- starts inside Ä (a continuation byte)
  a:annotate("B", 1, 1)          -- ends inside Ä
  a:annotate("C", 5, #t)
  a:annotate("D", #t, #t)
  a:annotate("E", 9, 8)          -- empty
  a:annotate("F", 3, 12)
  same_all_ways(a, "off-boundary spans")
end)

T.test("no annotations, and many in one article", function()
  local a = lede.parse("Nothing here.", { quiet = true })[1]
  T.eq(annotate.json(a), "[]")
  T.eq(reference(a), "[]")
  local b = lede.parse(string.rep("Alpha béta gamma. ", 200), { quiet = true })[1]
  for i = 1, #b.text - 5, 7 do b:annotate(i % 3 == 0 and "K" or "J", i, i + 4, { i = i }) end
  same_all_ways(b, "many")
end)

T.test("lede.json.raw is written as it is, inside arrays and objects", function()
  T.eq(lede.json.encode({ a = lede.json.raw("[1, 2]"), b = { lede.json.raw("{}") } }),
       '{"a":[1, 2],"b":[{}]}')
  T.raises(function() lede.json.raw(5) end, "string expected")
end)

T.done()

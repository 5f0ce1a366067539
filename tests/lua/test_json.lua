-- lede.json: encode (deterministic) and decode (cJSON).
local T = require "testlib"
local json = lede.json

T.test("encode scalars and strings", function()
  T.eq(json.encode(nil), "null")
  T.eq(json.encode(json.null), "null")
  T.eq(json.encode(true), "true")
  T.eq(json.encode(42), "42")
  T.eq(json.encode(-3.5), "-3.5")
  T.eq(json.encode(0.1), "0.1")
  T.eq(json.encode(math.huge), "null")
  T.eq(json.encode(0/0), "null")
  T.eq(json.encode("a\"b\\c\n\t\1"), '"a\\"b\\\\c\\n\\t\\u0001"')
  T.eq(json.encode("Geoană “x”"), '"Geoană “x”"')
  T.eq(json.encode("bad \xff byte"), '"bad \u{FFFD} byte"')
end)

T.test("tables: sorted keys, arrays, empty", function()
  T.eq(json.encode({ b = 1, a = { 1, 2, 3 }, c = {} }), '{"a":[1,2,3],"b":1,"c":{}}')
  T.eq(json.encode(json.array()), "[]")
  T.eq(json.encode(json.array({})), "[]")
  T.eq(json.encode({ [1] = "x", [3] = "y" }), '{"1":"x","3":"y"}')
  T.eq(json.encode({ a = { b = 1 } }, { indent = true }), '{\n  "a": {\n    "b": 1\n  }\n}')
  local cyc = {}; cyc.self = cyc
  T.raises(function() json.encode(cyc) end, "nesting")
  T.raises(function() json.encode({ f = print }) end, "cannot encode a function")
end)

T.test("decode", function()
  local v = json.decode('{"a":[1,2.5,"x",null,true],"b":{"c":"é"}}')
  T.eq(v.a[1], 1); T.eq(math.type(v.a[1]), "integer")
  T.eq(v.a[2], 2.5); T.eq(v.a[3], "x"); T.eq(v.a[4], json.null); T.eq(v.a[5], true)
  T.eq(v.b.c, "é")
  T.eq(json.encode(json.decode("[]")), "[]", "decoded arrays stay arrays")
  T.eq(json.encode(json.decode('{"z":[],"y":{}}')), '{"y":{},"z":[]}')
end)

T.test("decode errors name the position", function()
  T.raises(function() json.decode('{"a": }') end, "malformed JSON near byte")
  T.raises(function() json.decode('[1] x') end, "trailing characters at byte 5")
  T.raises(function() json.decode('') end, "malformed")
end)

T.test("round trip of the corpus metadata", function()
  for a in corpus:articles() do
    local back = json.decode(json.encode(a))
    T.eq(back.id, a.id)
    T.eq(back.title or nil, a.title)
    T.eq(#back.categories, #a.categories)
  end
end)

T.test("keys: floats with their value, duplicates and NULs (issue 11, item 17)", function()
  T.eq(json.encode({ [1.5] = "x" }), '{"1.5":"x"}')
  T.eq(json.encode({ [0.1] = 1, [2] = true, a = 3 }), '{"0.1":1,"2":true,"a":3}')
  T.raises(function() json.encode({ [1] = "a", ["1"] = "b", z = 1 }) end, 'duplicate key "1"')
  T.raises(function() json.encode({ [1.5] = "a", ["1.5"] = "b" }) end, "duplicate key")
  T.eq(json.encode({ ["a\0b"] = 1, ["a"] = 2 }), '{"a":2,"a\\u0000b":1}')
  T.raises(function() json.encode({ [math.huge] = 1 }) end, "cannot encode the key inf")
end)

T.test("corpus[1.0] is corpus[1]", function()
  T.eq(corpus[1.0].id, corpus[1].id)
  T.eq(corpus[#corpus + 0.0].id, corpus[#corpus].id)
  T.eq(corpus[1.5], nil)
  T.eq(corpus[0.0], nil)
  T.eq(corpus[2^63], nil)
end)

T.done()

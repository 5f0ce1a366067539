-- sentence:token_fields(): a sentence's tokens as plain tables, one C call
-- (issue 13: rules read fields in loops without a C __index per read); and
-- lib.quotes.spans' union and its remembering inside() test. Sample corpus.
local T = require "testlib"
local spans = require "lib.quotes.spans"

local FIELDS = { "text", "lower", "kind", "start", "stop", "index" }

T.test("token_fields holds every token's fields, as the token objects give them", function()
  local n = 0
  for a in corpus:articles() do
    for _, s in ipairs(a:sentences()) do
      local f, toks = s:token_fields(), s:tokens()
      T.eq(#f, #toks)
      for i, t in ipairs(toks) do
        T.eq(type(f[i]), "table", "a plain table, not a token object")
        for _, k in ipairs(FIELDS) do T.eq(f[i][k], t[k], k .. " of token " .. t.index) end
        n = n + 1
      end
    end
  end
  T.ok(n > 1000, "the sample's tokens were compared: " .. n)
end)

T.test("token_fields is built once per sentence (the same tables when asked again)", function()
  local s = corpus[1]:sentences()[2]
  T.eq(s:token_fields(), s:token_fields())
  T.ok(s:token_fields() ~= s:tokens(), "not the token objects' list")
  local a = lede.parse("One. Two three.", { quiet = true })[1]
  local f = a:sentences()[2]:token_fields()
  T.eq(#f, 3)
  T.eq(f[1].lower, "two")
  T.eq(f[3].kind, "punct")
  T.eq(f[1].index, 3, "index in the article")
end)

T.test("spans.union merges overlapping and touching spans", function()
  local u = spans.union({ { s = 1, e = 5 }, { s = 3, e = 4 }, { s = 6, e = 8 }, { s = 10, e = 12 },
                          { s = 11, e = 20 } }, "s", "e")
  T.eq(table.concat(u.a, ","), "1,10")
  T.eq(table.concat(u.b, ","), "8,20")
end)

T.test("spans.inside answers as a scan of every span, asked in any order", function()
  local list = {}
  local pos = 1
  for i = 1, 60 do
    local s = pos + (i * 7) % 5
    list[#list + 1] = { s = s, e = s + (i * 3) % 9 }
    pos = s + (i % 4) * 3
  end
  table.sort(list, function(x, y) return x.s < y.s end)
  local inside = spans.inside(spans.union(list, "s", "e"))
  local function scan(p)
    for _, x in ipairs(list) do if x.s <= p and p <= x.e then return true end end
    return false
  end
  local last = list[#list].e + 3
  -- forward, backward, and jumps
  local order = {}
  for p = 0, last do order[#order + 1] = p end
  for p = last, 0, -1 do order[#order + 1] = p end
  for k = 1, 400 do order[#order + 1] = (k * 37) % (last + 1) end
  for _, p in ipairs(order) do T.eq(inside(p), scan(p), "position " .. p) end
  T.eq(spans.inside(spans.union({}, "s", "e"))(5), false, "no spans")
end)

T.done()

-- lede.entity (src/lua/lua_entity.c): what the entity rule does per token
-- or per byte in C. Each function against the Lua it replaced, on the
-- sample corpus and on made-up data.
local T = require "testlib"
local E = lede.entity

local FIELDS = { "text", "lower", "kind", "start", "stop", "index" }

T.test("tokens(article) reads as article:tokens(), field by field", function()
  local n = 0
  for a in corpus:articles() do
    local p, toks = E.tokens(a), a:tokens()
    T.eq(#p, #toks, "length")
    for i, t in ipairs(toks) do
      local f = p[i]
      T.eq(type(f), "table", "a plain table, not a token object")
      for _, k in ipairs(FIELDS) do T.eq(f[k], t[k], k .. " of token " .. i) end
      n = n + 1
    end
    T.eq(p[0], nil, "before the first")
    T.eq(p[#toks + 1], nil, "after the last")
    T.eq(p.text, nil, "a name is no token")
    T.eq(p[1.5], nil, "nor a fraction")
  end
  T.ok(n > 1000, "the sample's tokens were compared: " .. n)
end)

T.test("tokens(article): a token read twice is the same table; ipairs walks them all", function()
  local a = corpus[1]
  local p = E.tokens(a)
  T.eq(p[3], p[3])
  local n = 0
  for i, t in ipairs(p) do
    T.eq(t.index, i)
    n = n + 1
  end
  T.eq(n, #a:tokens())
  T.raises(function() E.tokens("text") end, "article")
end)

T.test("sentence_starts(article) is the set of the sentences' starts", function()
  for a in corpus:articles() do
    local want = {}
    for _, s in ipairs(a:sentences()) do want[s.start] = true end
    local got = E.sentence_starts(a)
    for k in pairs(want) do T.eq(got[k], true, "start " .. k) end
    for k in pairs(got) do T.eq(want[k], true, "no other start: " .. k) end
  end
end)

-- a small deterministic generator (no math.random seed to depend on)
local function lcg(seed)
  local x = seed
  return function(n)
    x = (x * 1103515245 + 12345) % 2147483648
    return x % n + 1
  end
end

T.test("coverage: free and mark agree with a table of positions", function()
  local rnd = lcg(7)
  for round = 1, 20 do
    local c, ref = E.coverage(), {}
    local span = round * 300             -- grows past the first allocation
    for _ = 1, 200 do
      local a = rnd(span)
      local b = a + rnd(40) - 5          -- sometimes b < a: an empty range
      if rnd(3) == 1 then
        E.mark(c, a, b)
        for p = a, b do ref[p] = true end
      else
        local want = true
        for p = a, b do if ref[p] then want = false break end end
        T.eq(E.free(c, a, b), want, string.format("free(%d, %d), round %d", a, b, round))
      end
    end
  end
  local c = E.coverage()
  T.eq(E.free(c, 1, 100000), true, "nothing marked")
  E.mark(c, 5000, 5000)
  T.eq(E.free(c, 1, 4999), true)
  T.eq(E.free(c, 5000, 5000), false)
  T.eq(E.free(c, 4990, 6000000), false, "a range past the end")
  T.eq(E.free(c, 5001, 6000000), true)
  T.raises(function() E.mark(c, 0, 3) end, "positions start at 1")
  T.raises(function() E.free(c, -2, 3) end, "positions start at 1")
  T.eq(E.free(c, 0, -1), true, "an empty range anywhere")
end)

T.test("first_after: the first span ending at or after a, as a Lua binary search finds it", function()
  local function lua_first_after(l, a)
    local lo, hi = 1, #l + 1
    while lo < hi do
      local mid = (lo + hi) // 2
      if l[mid].stop < a then lo = mid + 1 else hi = mid end
    end
    return lo
  end
  local rnd = lcg(11)
  for n = 0, 40 do
    local l, pos = {}, 1
    for k = 1, n do
      local start = pos + rnd(5) - 1
      l[k] = { start = start, stop = start + rnd(8) - 1 }
      pos = l[k].stop + 1
    end
    for a = 0, pos + 3 do T.eq(E.first_after(l, a), lua_first_after(l, a), "n " .. n .. " a " .. a) end
    -- the spans' stops read as they are now (the rule trims spans)
    if n > 0 then
      l[n].stop = l[n].start
      for a = 0, pos + 3 do T.eq(E.first_after(l, a), lua_first_after(l, a), "trimmed, a " .. a) end
    end
  end
  T.raises(function() E.first_after({ { start = 1 } }, 1) end, "no integer stop")
end)

T.test("caps_runs finds what the pattern of capitalized words finds", function()
  local rnd = lcg(5)
  local runs = 0
  for max = 1, 12, 11 do
    local pat = lede.pattern { { kind = "word", is_cap = true, ["not"] = { ent = { "G", "T" } },
                                 op = "{1," .. max .. "}" } }
    for a in corpus:articles() do
      for _, target in ipairs { a, a.title or "", "Ursula von der Leyen Met NATO Chiefs In Brussels" } do
        local text = type(target) == "string" and target or a.text
        -- blocked spans: every fifth capitalized word's span, and a few random byte spans
        local blocked = {}
        for s, w, e in text:gmatch("()(%u%a+)()") do
          if rnd(5) == 1 then blocked[#blocked + 1] = { kind = rnd(2) == 1 and "G" or "T", start = s, stop = e - 1 } end
        end
        for _ = 1, 3 do
          local s = rnd(#text + 1)
          blocked[#blocked + 1] = { kind = "G", start = s, stop = s + rnd(30) }
        end
        local want = {}
        for _, m in ipairs(pat:match(target, blocked)) do
          want[#want + 1] = m.tok_first
          want[#want + 1] = m.tok_last
        end
        local got = E.caps_runs(target, blocked, max)
        T.eq(#got, #want, "number of runs")
        for k = 1, #want do T.eq(got[k], want[k], "run bound " .. k) end
        runs = runs + #want // 2
        local none = E.caps_runs(target, {}, max)
        local want0 = 0
        for _ in ipairs(pat:match(target, {})) do want0 = want0 + 1 end
        T.eq(#none // 2, want0, "no blocked spans")
      end
    end
  end
  T.ok(runs > 100, "runs compared: " .. runs)
  T.raises(function() E.caps_runs(corpus[1], { { start = 1 } }, 12) end, "needs start and stop")
end)

T.done()

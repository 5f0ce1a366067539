-- test_shingles.lua: lede.shingles (src/lua/lua_shingle.c), what the
-- duplicates report keeps per article: the hashes against 64-bit FNV-1a of
-- the joined words computed in Lua (the report's old code), the MinHash
-- values against the Lua formula, and the shared and same counts against
-- tables.
local T = require "testlib"
local SH = lede.shingles

local function fnv1a(s)
  local h = -3750763034362895579
  for i = 1, #s do h = (h ~ s:byte(i)) * 1099511628211 end
  return h
end

local function lua_hashes(words, k)
  k = math.min(k, #words)
  local set, list = {}, {}
  for i = 1, #words - k + 1 do
    if k == 0 then break end
    local sh = table.concat(words, " ", i, i + k - 1)
    if not set[sh] then set[sh] = true; list[#list + 1] = fnv1a(sh) end
  end
  table.sort(list, math.ult)
  return list
end

local function unpack_all(s, fmt, size)
  local out = {}
  for i = 1, #s, size do out[#out + 1] = string.unpack(fmt, s, i) end
  return out
end

local WORDS = { "nato", "calls", "for", "calm", "in", "kosovo", "nato", "calls", "for", "calm",
                "in", "kosovo", "again", "é", "", "2023" }

T.test("hashes: the distinct FNV-1a hashes of the k-word runs, sorted", function()
  for _, k in ipairs{ 1, 2, 4, 16, 40 } do
    local h, n = SH.hashes(WORDS, k)
    local want = lua_hashes(WORDS, k)
    T.eq(n, #want, "count, k = " .. k)
    T.eq(#h, 8 * n)
    local got = unpack_all(h, "=i8", 8)
    for i = 1, #want do T.eq(got[i], want[i], "hash " .. i .. ", k = " .. k) end
  end
  local h, n = SH.hashes({}, 4)
  T.eq(h, ""); T.eq(n, 0)
  T.raises(function() SH.hashes({ "a", {} }, 1) end, "word 2 is not a string")
end)

T.test("minhash: the least (a*x + b) >> 32 over the hashes", function()
  local A, B = { 3, -7046029254386353131 | 1, 1 }, { 0, 12345, -1 }
  local h = SH.hashes(WORDS, 4)
  local xs = unpack_all(h, "=i8", 8)
  local sig = unpack_all(SH.minhash(h, A, B), "=I4", 4)
  T.eq(#sig, 3)
  for i = 1, 3 do
    local lo = math.maxinteger
    for _, x in ipairs(xs) do
      local v = (A[i] * x + B[i]) >> 32
      if v < lo then lo = v end
    end
    T.eq(sig[i], lo, "position " .. i)
  end
  T.eq(SH.minhash("", A, B), nil)
  T.raises(function() SH.minhash(h, { 1 }, {}) end, "differ in length")
  T.raises(function() SH.minhash("abc", A, B) end, "not a string of hashes")
end)

T.test("shared and same", function()
  local a = SH.hashes({ "a", "b", "c", "d", "e" }, 1)
  local b = SH.hashes({ "d", "e", "f", "a" }, 1)
  T.eq(SH.shared(a, b), 3)
  T.eq(SH.shared(b, a), 3)
  T.eq(SH.shared(a, a), 5)
  T.eq(SH.shared(a, ""), 0)
  local s1 = string.pack("=I4I4I4", 1, 2, 3)
  T.eq(SH.same(s1, string.pack("=I4I4I4", 1, 5, 3)), 2)
  T.raises(function() SH.same(s1, "") end, "differ in length")
end)

T.done()

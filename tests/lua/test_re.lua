-- lede.re: PCRE2 regexes from Lua.
local T = require "testlib"

T.test("find like string.find, 1-based inclusive", function()
  local re = lede.re("(\\d+) (troops|soldiers)")
  local s, e, n, what = re:find("sent 700 troops and 1000 soldiers")
  T.eq(s, 6); T.eq(e, 15); T.eq(n, "700"); T.eq(what, "troops")
  s, e = re:find("sent 700 troops and 1000 soldiers", 16)
  T.eq(s, 21); T.eq(e, 33)
  T.eq(re:find("nothing here"), nil)
  T.eq(re:find("x 1 troops", 100), nil)
  T.eq(lede.re("a"):find("aba", -1), 3)
  T.eq(lede.re(""):find(""), 1)
end)

T.test("match tables with named captures and spans", function()
  local re = lede.re("(?<num>[\\d,]+)\\s+(?<unit>\\w+)(x)?")
  local m = re:match("about 1,000 additional troops")
  T.eq(m[0], "1,000 additional")
  T.eq(m.num, "1,000"); T.eq(m[1], "1,000")
  T.eq(m.unit, "additional"); T.eq(m[2], "additional")
  T.eq(m[3], false, "unset group is false")
  T.eq(m.start, 7); T.eq(m.stop, 22)
  T.eq(m.spans.num[1], 7); T.eq(m.spans.num[2], 11)
  T.eq(m.spans[2][1], 13)
  T.eq(re.groups, 3)
  T.eq(re.names[1], "num"); T.eq(re.names[2], "unit")
  T.eq(re.pattern, "(?<num>[\\d,]+)\\s+(?<unit>\\w+)(x)?")
  T.eq(re.flags, "")
  T.eq(lede.re("x"):match("y"), nil)
end)

T.test("offsets are bytes and UTF-8 aware", function()
  local text = "Geoană met Lajčák in Zvečan"
  local m = lede.re("Z\\w+"):match(text)
  T.eq(m[0], "Zvečan")
  T.eq(text:sub(m.start, m.stop), "Zvečan")
  -- UCP: \w matches letters with diacritics
  T.eq(lede.re("^\\w+$"):test("Geoană"), true)
  T.eq(lede.re("^\\w+$", "a"):test("Geoană"), false, "flag a: ASCII classes")
end)

T.test("flags", function()
  T.eq(lede.re("nato", "i"):test("NATO"), true)
  T.eq(lede.re("nato"):test("NATO"), false)
  T.eq(lede.re("^b", "m"):test("a\nb"), true)
  T.eq(lede.re("a.b", "s"):test("a\nb"), true)
  T.eq(lede.re("a b # comment", "x"):test("ab"), true)
  T.raises(function() lede.re("a", "z") end, "unknown flag 'z'")
end)

T.test("compiled once and cached", function()
  T.ok(rawequal(lede.re("abc", "i"), lede.re("abc", "i")))
  T.ok(not rawequal(lede.re("abc", "i"), lede.re("abc")))
  T.eq(type(lede.re("abc").jit), "boolean")
  T.match(tostring(lede.re("abc")), "^lede%.re%(abc%)$")
end)

T.test("bad pattern raises PCRE2's message and offset", function()
  local err = T.raises(function() lede.re("(unclosed") end, "missing closing parenthesis")
  T.match(err, "at offset 9")
  T.match(err, "test_re%.lua:%d+:", "error points at the caller")
  T.raises(function() lede.re("a{2,1}") end, "offset")
  T.raises(function() lede.re("(?<n>a)(?<n>b)") end, "same name")
end)

T.test("gmatch yields match tables, empty matches advance", function()
  local nums = {}
  for m in lede.re("\\d[\\d,]*"):gmatch("93 injured, 700 or 1,000 troops") do
    nums[#nums + 1] = m[0] .. "@" .. m.start
  end
  T.eq(table.concat(nums, " "), "93@1 700@13 1,000@20")
  local n = 0
  for m in lede.re("x*"):gmatch("aé") do n = n + 1; T.eq(m[0], "") end
  T.eq(n, 3, "empty matches at 1, before é and at the end")
  local starts = {}
  for m in lede.re("\\w+"):gmatch("one two three", 5) do starts[#starts + 1] = m.start end
  T.eq(table.concat(starts, ","), "5,9")
end)

T.test("gsub with templates, tables and functions", function()
  local re = lede.re("(?<n>\\d+) (\\w+)")
  T.eq((re:gsub("7 cats and 3 dogs", "$2=$1")), "cats=7 and dogs=3")
  T.eq((re:gsub("7 cats", "${n}${n} $$")), "77 $")
  local s, n = re:gsub("7 cats and 3 dogs", "X", 1)
  T.eq(s, "X and 3 dogs"); T.eq(n, 1)
  T.eq((lede.re("\\w+"):gsub("a b", { a = "A" })), "A b")
  T.eq((lede.re("\\d+"):gsub("1 2 3", function(m) return tostring(m[0] * 2) end)), "2 4 6")
  T.eq((lede.re("\\d+"):gsub("1 2", function() return nil end)), "1 2")
  T.eq((lede.re(""):gsub("ab", "-")), "-a-b-")
  T.raises(function() re:gsub("1 a", "${nope}") end, "no group named 'nope'")
  T.raises(function() re:gsub("1 a", "$9") end, "no group 9")
end)

T.test("split", function()
  local parts = lede.re("\\s*[,;]\\s*"):split("Politics, World ;Europe")
  T.eq(table.concat(parts, "|"), "Politics|World|Europe")
  T.eq(#lede.re(","):split("a,b,c", 2), 2)
  T.eq(lede.re(","):split("a,b,c", 2)[2], "b,c")
  T.eq(#lede.re(","):split(""), 1)
end)

T.test("invalid UTF-8 subject is an error, not a crash", function()
  T.raises(function() lede.re("a"):find("\xff\xfe a") end, "not valid UTF%-8")
end)

T.test("on the corpus", function()
  -- every "said" in the sample, with the sentence it is in
  local said = 0
  for a in corpus:articles() do
    for _, s in ipairs(a:sentences()) do
      for _ in lede.re("\\bsaid\\b"):gmatch(s.text) do said = said + 1 end
    end
  end
  T.ok(said >= 10, "found " .. said .. " 'said'")
  local m = lede.re("(?<place>[A-Z]+), (?<country>[A-Z][a-z]+) \\((?<agency>\\w+)\\)"):match(corpus[3].text)
  T.eq(m.place, "BELGRADE"); T.eq(m.agency, "AP")
end)

T.done()

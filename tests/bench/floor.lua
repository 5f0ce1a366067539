-- tests/bench/floor.lua: the floor of extraction in lede's design. Replaces
-- the default rules with one rule that does no analysis at all: it makes N
-- annotations per article (N = arg[1], the default rules' average), in text
-- order, on its first N tokens, each with two attributes as the entity rule
-- gives. Whatever the rules do, producing their output as Lua annotation
-- objects costs at least this much.
--   lede run tests/bench/floor.lua CORPUS -- N
local per = tonumber(arg and arg[1]) or 70
lede.rules.clear()
lede.rules.load{ name = "floor", kinds = { "X" }, run = function(art, ctx)
  local toks = art:tokens()
  for i = 1, math.floor(per + 0.5) do
    local t = toks[i]
    if not t then break end
    ctx:annotate("X", t.start, t.stop, { canonical = t.text, how = "floor" })
  end
end }
-- then count exactly as the extraction benchmark does (extract.lua, next to
-- this file)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "extract.lua")

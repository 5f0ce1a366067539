-- tests/bench/steps.lua: the CPU seconds of each extraction step, asked in
-- rule order (a query runs only the rules its kinds need, in order, so each
-- step below times the rules after the previous one): entities, dates (the
-- date and time rules), figures, quotes. Prints the counts and seconds of
-- each (inside the queries only; not loading the corpus).
--   lede run tests/bench/steps.lua CORPUS
local clock = os.clock
local steps = {
  { "entities", function(a) return a:entities() end },
  { "dates", function(a) return a:dates() end },
  { "figures", function(a) return a:figures() end },
  { "quotes", function(a) return a:quotes() end },
}
local secs, found, arts = {}, {}, 0
for a in corpus:articles() do
  arts = arts + 1
  for i, s in ipairs(steps) do
    local t0 = clock()
    local n = #s[2](a)
    secs[i] = (secs[i] or 0) + (clock() - t0)
    found[i] = (found[i] or 0) + n
  end
end
local parts = {}
for i, s in ipairs(steps) do
  parts[#parts + 1] = string.format("%s %d %.3f s", s[1], found[i] or 0, secs[i] or 0)
end
print(string.format("%d articles: %s", arts, table.concat(parts, ", ")))

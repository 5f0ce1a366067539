-- tests/bench/entities.lua: the entity step alone. A query for entities runs
-- only the rules those kinds need (the entity rule, first in order), so
-- this times 10_entities.lua on every article and nothing after it. Prints
-- the entities found and the CPU seconds spent inside a:entities() (the
-- rule, its resources and the tagger; not loading the corpus).
--   lede run tests/bench/entities.lua CORPUS
--   lede run --no-default-rules --rules OLD/10_entities.lua tests/bench/entities.lua CORPUS
local n, arts, step = 0, 0, 0.0
local clock = os.clock
for a in corpus:articles() do
  arts = arts + 1
  local t0 = clock()
  n = n + #a:entities()
  step = step + (clock() - t0)
end
print(string.format("%d articles, %d entities, entity step %.3f s", arts, n, step))

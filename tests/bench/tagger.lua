-- tests/bench/tagger.lua: the tagger alone, without the entity rule. Loads
-- scripts/data/entities.model (found as the rules find it, in the script
-- roots' data/ folders) and tags every article. Prints the spans and the CPU
-- seconds spent in m:tag (the model load is timed apart).
--   lede run tests/bench/tagger.lua CORPUS
local rules = require "lib.rules"
local path = rules.data("entities.model")
if not path then error("data file not found: entities.model", 0) end
local clock = os.clock
local t0 = clock()
local m = lede.tagger.load(path)
local load = clock() - t0
local n, arts, tag = 0, 0, 0.0
for a in corpus:articles() do
  arts = arts + 1
  local t1 = clock()
  n = n + #m:tag(a)
  tag = tag + (clock() - t1)
end
print(string.format("%d articles, %d spans, tag %.3f s, load %.3f s", arts, n, tag, load))

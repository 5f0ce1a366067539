-- tests/bench/extract.lua: the extraction benchmark. Runs every rule on every
-- article (all annotation kinds) and prints the number of annotations.
--   lede run tests/bench/extract.lua CORPUS
local n, arts = 0, 0
for a in corpus:articles() do
  arts = arts + 1
  n = n + #a:annotations()
end
print(string.format("%d articles, %d annotations", arts, n))

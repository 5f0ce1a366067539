-- tests/bench/model_load.lua: the time of lede.tagger.load of the default
-- model (scripts/data/entities.model), in a process of its own (a model is
-- cached per process, so only the first load reads the file). Prints the
-- CPU seconds of the load (os.clock) and the file's size in bytes.
--   lede run tests/bench/model_load.lua
local rules = require "lib.rules"
local path = rules.data("entities.model")
if not path then error("data file not found: entities.model", 0) end
local t0 = os.clock()
local m = lede.tagger.load(path)
local secs = os.clock() - t0
local f = assert(io.open(path, "rb"))
local size = f:seek("end")
f:close()
assert(m)
print(string.format("%.4f %d %s", secs, size, path))

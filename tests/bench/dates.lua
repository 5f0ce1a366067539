-- tests/bench/dates.lua: the date and time step alone. Run with only the date
-- and time rules (--no-default-rules --rules DIR, DIR holding 20_dates.lua
-- and 25_times.lua), so a:annotations() runs those two and nothing else.
-- Prints the expressions found by kind and the CPU seconds spent inside
-- a:annotations() (the rules; not loading the corpus).
--   lede run --no-default-rules --rules DIR tests/bench/dates.lua CORPUS
local arts, step, kinds = 0, 0.0, {}
local clock = os.clock
for a in corpus:articles() do
  arts = arts + 1
  local t0 = clock()
  local list = a:annotations()
  step = step + (clock() - t0)
  for _, x in ipairs(list) do kinds[x.kind] = (kinds[x.kind] or 0) + 1 end
end
local names = {}
for k in pairs(kinds) do names[#names + 1] = k end
table.sort(names)
local parts = {}
for _, k in ipairs(names) do parts[#parts + 1] = k .. " " .. kinds[k] end
print(string.format("%d articles, %s, date step %.3f s", arts, table.concat(parts, ", "), step))

-- lede merge NAME PART.jsonl... : run the report NAME over the outputs of
-- `lede extract` (from shards, or from map tasks on Hadoop or Spark) as if
-- it ran once over the whole corpus. The C loader reads the parts as JSON
-- Lines ("clean" records keep their text and offsets) and puts the
-- articles back in corpus order by their index; here every article gets
-- the annotations it was extracted with, so the rules do not run again;
-- then the report runs unchanged.

local annotate = require "lib.annotate"
local report = arg[1]

for a in corpus:articles() do
  local attached = a.attached
  if attached then
    local list = {}
    for i, x in ipairs(lede.json.decode(attached)) do
      local attrs = x.attrs or {}
      if x.field ~= nil and x.field ~= lede.json.null then attrs.field = x.field end
      -- JSON nulls inside attributes were nils before extraction
      for k, v in pairs(attrs) do if v == lede.json.null then attrs[k] = nil end end
      list[i] = { kind = x.kind, start = x.start, stop = x.stop, attrs = attrs }
    end
    annotate.preload(a, list)
  end
end

local chunk, err = loadfile(report)
if not chunk then error(err, 0) end
arg = { [0] = report }
return chunk()

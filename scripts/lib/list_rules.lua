-- lede rules [--rules PATH] [--no-default-rules] : the extraction rules that
-- would run, in order, with what they produce and where they come from.

local output = require "lib.output"
local rules = require "lib.rules"

local rows = {}
for i, r in ipairs(rules.list()) do
  rows[i] = { order = i, name = r.name, kinds = lede.json.array(r.kinds or {}),
              description = r.description, path = r.path }
end
output.emit{
  title = string.format("%d extraction rule%s", #rows, #rows == 1 and "" or "s"),
  sections = {
    { name = "rules", layout = "table", columns = { "order", "name", "kinds", "description", "path" },
      show = { "order", "name", "kinds", "description" }, rows = rows },
  },
}

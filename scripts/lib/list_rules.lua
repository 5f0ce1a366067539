-- lede rules [--rules PATH] [--no-default-rules] [CORPUS...] : the
-- extraction rules that would run, in order, with what they produce and
-- where they come from. Given a corpus, every rule also runs over every
-- article (one at a time), and each row says what the rule cost there: CPU
-- seconds, share of the rules' time, annotations made, and MB/s of text.

local output = require "lib.output"
local rules = require "lib.rules"

local profiled = corpus and corpus.streaming
local stats, seconds, clock = nil, 0, os.clock
if profiled then
  stats = rules.profile(true)
  local t0 = clock()
  corpus:each(function(a) a:annotations() end)
  seconds = clock() - t0
  rules.profile(false)
end

local rows, total = {}, 0
for _, s in pairs(stats or {}) do total = total + s.seconds end
local mb = profiled and corpus.bytes / 1048576 or 0
for i, r in ipairs(rules.list()) do
  local row = { order = i, name = r.name, kinds = lede.json.array(r.kinds or {}),
                description = r.description, path = r.path }
  if profiled then
    local s = stats[r.name] or { seconds = 0, annotations = 0, articles = 0 }
    row.seconds = tonumber(string.format("%.3f", s.seconds))
    row.share = total > 0 and tonumber(string.format("%.1f", 100 * s.seconds / total)) or 0
    row.annotations = s.annotations
    row.mb_per_s = s.seconds > 0 and tonumber(string.format("%.1f", mb / s.seconds)) or nil
  end
  rows[i] = row
end

local columns = { "order", "name", "kinds", "description", "path" }
local show = { "order", "name", "kinds", "description" }
local title = string.format("%d extraction rule%s", #rows, #rows == 1 and "" or "s")
if profiled then
  columns = { "order", "name", "kinds", "seconds", "share", "annotations", "mb_per_s", "path" }
  show = { "order", "name", "kinds", "seconds", "share", "annotations", "mb_per_s" }
  title = string.format("%s over %d articles (%.1f MB): %.2f s in the rules, %.2f s in all",
                        title, corpus.count, mb, total, seconds)
end
output.emit{
  title = title,
  sections = {
    { name = "rules", layout = "table", columns = columns, show = show, rows = rows },
  },
}

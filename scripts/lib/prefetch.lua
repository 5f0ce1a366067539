-- lib.prefetch: -j N for the rules. Before a script runs, N - 1 worker
-- threads, each with a Lua state of its own and the same rules, annotate
-- every Nth article of the (shared, read-only) corpus while the main state
-- annotates its own share; the main state then attaches the workers'
-- annotations in corpus order, so the script sees exactly what it would see
-- with -j 1, and the rules do not run again (src/host.c drives this; see
-- lede_host_prefetch).

local rules = require "lib.rules"
local annotate = require "lib.annotate"

local M = {}

--- In worker k of n: { [i] = JSON of article i's annotations } for the
--- articles i = k, k + n, ...
function M.worker(corpus, k, n)
  local out = {}
  for i = k, #corpus, n do
    local a = corpus[i]
    local list = {}
    for j, x in ipairs(a:annotations()) do
      list[j] = { kind = x.kind, start = x.start, stop = x.stop, field = rawget(x, "field"),
                  attrs = x.attrs }
    end
    out[i] = lede.json.encode{ rules = lede.json.array(rules.names()), annotations = lede.json.array(list) }
  end
  return out
end

--- In the main state, while the workers run: annotate articles k, k + n, ...
--- here. A rule that fails leaves the article as it was, for the script to
--- meet the error when it asks.
function M.own(corpus, k, n)
  for i = k, #corpus, n do
    local a = corpus[i]
    if not pcall(a.annotations, a) then annotate.forget(a) end
  end
end

--- In the main state: attach what the workers produced ({ [i] = JSON }).
function M.attach(corpus, results)
  for i, json in pairs(results) do
    local r = lede.json.decode(json)
    local list = {}
    for j, x in ipairs(r.annotations) do
      local attrs = x.attrs or {}
      if x.field ~= nil and x.field ~= lede.json.null then attrs.field = x.field end
      for key, v in pairs(attrs) do if v == lede.json.null then attrs[key] = nil end end
      list[j] = { kind = x.kind, start = x.start, stop = x.stop, attrs = attrs }
    end
    annotate.preload(corpus[i], list, r.rules)
  end
end

return M

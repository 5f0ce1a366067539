-- lib.prefetch: -j N for the rules. When the script first asks an article
-- of `corpus` for annotations, the rules that query needs (and only those)
-- run over the whole corpus at once: N worker threads, each with a Lua
-- state of its own, annotate every Nth article. Each article then takes
-- its result when the script asks for it (lib.rules calls the hook
-- installed here), so the script sees exactly what it would see with -j 1:
--
--  - the rules are those loaded when the query comes, so a script's own
--    lede.rules.load / clear before it count; rules loaded from files
--    run in the workers (each loads the same files), a rule given as a
--    table, and every rule after it, runs in the main state;
--  - a result is taken only if the rules that made it are still loaded in
--    the same places (a script that clears or replaces rules later gets
--    them run again, here);
--  - warnings (a rule stopped by its budget) are given when the article is
--    asked for; a rule that fails on an article leaves it to be annotated
--    when asked, so the script meets the error itself;
--  - the main state annotates nothing ahead itself: what it annotates is
--    committed to the article, which a later lede.rules.clear would not
--    undo.
--
-- src/host.c drives the threads (lede_host_prefetch installs this with
-- M.arm; the C function run_workers starts them).

local rules = require "lib.rules"

local M = {}

-- In a worker: the annotations of one article and the warnings about it,
-- as JSON.
local function encode(a)
  local list = {}
  for j, x in ipairs(a:annotations()) do
    list[j] = { kind = x.kind, start = x.start, stop = x.stop, field = rawget(x, "field"),
                attrs = x.attrs }
  end
  return lede.json.encode{ annotations = lede.json.array(list),
                           warnings = lede.json.array(rules.take_warnings(a)) }
end

--- In worker k of n: { [i] = JSON } for the articles i = k, k + n, ...,
--- annotated by the rules in the files `paths`, in that order, within the
--- main state's budget. An article a rule fails on is left out.
function M.worker(corpus, k, n, paths, budget)
  rules.clear()
  for _, p in ipairs(paths) do rules.load(p) end
  rules.budget(budget)
  rules.defer(true)
  local out = {}
  for i = k, #corpus, n do
    local a = corpus[i]
    local ok, json = pcall(encode, a)
    if ok then out[i] = json else rules.take_warnings(a) end
  end
  return out
end

local function decode(json, rs)
  local r = lede.json.decode(json)
  local list = {}
  for j, x in ipairs(r.annotations) do
    local attrs = x.attrs or {}
    if x.field ~= nil and x.field ~= lede.json.null then attrs.field = x.field end
    for key, v in pairs(attrs) do if v == lede.json.null then attrs[key] = nil end end
    list[j] = { kind = x.kind, start = x.start, stop = x.stop, attrs = attrs }
  end
  return { rules = rs, list = list, warnings = r.warnings }
end

--- In the main state (src/host.c, before the script runs): arm the
--- prefetch over corpus. run_workers(paths, budget) runs the workers on the
--- rule files `paths` with the rules' budget and returns { [i] = JSON }.
function M.arm(corpus, run_workers)
  local index, pending, rs = nil, nil, nil
  rules.set_prefetch(function(article, want)
    if not index then
      index = {}
      for i = 1, #corpus do index[corpus[i]] = i end
    end
    local i = index[article]
    if not i then return nil end          -- an article the script made itself
    if not pending then
      -- the first query for an article of this corpus: run ahead
      local paths
      rs, paths = rules.prefetchable(want)
      pending = {}
      if #paths == 0 then
        rules.set_prefetch(nil)
        return nil
      end
      pending = run_workers(paths, rules.budget())
    end
    local json = pending[i]
    if not json then return nil end
    pending[i] = nil
    return decode(json, rs)
  end)
end

return M

-- lib.rules: loading and running extraction rules.
--
-- A rule file returns a table:
--
--   return {
--     name = "dates",                 -- unique; a later file with the same name replaces it
--     kinds = { "DATE" },             -- what it produces (documentation, `lede.rules.list()`)
--     description = "one line",
--     run = function(article, ctx) ... end,
--   }
--
-- `ctx:annotate(kind, start, stop, attrs)` adds an annotation (1-based
-- inclusive byte offsets into article.text), `ctx:annotations(kind)` lists
-- what earlier rules produced, `ctx.data(name)` is the path of
-- scripts/data/<name>. Rules run in load order, per article, lazily: the
-- first call of article:annotations() (or entities(), dates(), ...) runs
-- them for that article.
--
-- Which files: the bundled scripts/rules/*.lua (a file of the same name in
-- a LEDE_PATH root overrides a bundled one), unless --no-default-rules,
-- then each --rules PATH. From Lua: lede.rules.load(path), lede.rules.clear().
--
-- A budget per rule and article: a rule that runs away on one article
-- (past `budget.instructions` Lua instructions or `budget.seconds` of wall
-- clock, lede.rules.budget{...} sets them) is stopped, with a warning
-- naming the article and the rule; what it added to that article is taken
-- back, the other rules' annotations stay and the run goes on.

local M = {}

local loaded = nil        -- list of rule tables, in run order
local by_name = {}
local from_file = setmetatable({}, { __mode = "k" })   -- rule -> the file it came from

local function check_rule(r, path)
  if type(r) ~= "table" then
    error(string.format("%s: a rule file must return a table, not a %s", path, type(r)), 0)
  end
  if type(r.name) ~= "string" or r.name == "" then
    error(string.format("%s: rule has no name", path), 0)
  end
  if type(r.run) ~= "function" then
    error(string.format("%s: rule '%s' has no run function", path, r.name), 0)
  end
  r.path = r.path or path
  return r
end

local function add(r)
  local at = by_name[r.name]
  if at then
    loaded[at] = r
  else
    loaded[#loaded + 1] = r
    by_name[r.name] = #loaded
  end
end

local function ensure()
  if loaded then return end
  loaded, by_name = {}, {}
  for _, path in ipairs((lede.options or {}).rule_files or {}) do
    M.load(path)
  end
end

--- Load a rule file (or a table given directly) and add it to the set.
function M.load(path_or_rule)
  ensure()   -- defaults first, so a script's own rules run after them
  local r
  if type(path_or_rule) == "table" then
    r = check_rule(path_or_rule, "<table>")
  else
    local chunk, err = loadfile(path_or_rule)
    if not chunk then error(err, 0) end
    r = check_rule(chunk(), path_or_rule)
    from_file[r] = path_or_rule
  end
  add(r)
  return r
end

--- Forget every rule (the defaults too); annotations already made stay.
function M.clear()
  loaded, by_name = {}, {}
end

--- The rules in run order: { {name=, kinds=, description=, path=}, ... }
function M.list()
  ensure()
  local out = {}
  for i, r in ipairs(loaded) do
    out[i] = { name = r.name, kinds = r.kinds, description = r.description, path = r.path }
  end
  return out
end

-- Where data files live: the first root that has scripts/data/<name>.
function M.data(name)
  for _, root in ipairs(lede.roots or {}) do
    local p = root .. "/data/" .. name
    local f = io.open(p, "r")
    if f then f:close() return p end
  end
  return nil
end

-- Profiling (lede rules CORPUS...): per rule name, CPU seconds spent in
-- its run function, annotations it added and articles it ran on.
local profile = nil
local clock = os.clock

--- Start (or stop, with false) recording what each rule costs; returns the
--- table filled from then on: { [name] = {seconds=, annotations=, articles=} }.
function M.profile(on)
  profile = (on ~= false) and {} or nil
  return profile
end

-- How many rules, in run order, must run to produce the kinds in `want`
-- (a set of kind names, or nil for all): up to the last rule that declares
-- one of them. A rule that declares no kinds may make any; a kind no rule
-- declares (a user's own) needs them all.
local function rules_needed(want)
  if not want then return #loaded end
  local upto, found = 0, false
  for i, r in ipairs(loaded) do
    if type(r.kinds) ~= "table" or #r.kinds == 0 then
      upto = i
    else
      for _, k in ipairs(r.kinds) do
        if want[k] then upto = i; found = true break end
      end
    end
  end
  for k in pairs(want) do
    local declared = false
    for _, r in ipairs(loaded) do
      for _, rk in ipairs(type(r.kinds) == "table" and r.kinds or {}) do
        if rk == k then declared = true break end
      end
      if declared then break end
    end
    if not declared then return #loaded end
  end
  return found and upto or #loaded
end

-- The per-article budget of each rule (see the top of this file). Ordinary
-- news takes a few milliseconds per rule and article; a 600 KB page well
-- under a second.
local budget = { instructions = 5e8, seconds = 30 }

--- Set the per-article budget of each rule: { instructions = N, seconds = S }
--- (either may be left out to keep it; 0 or false: no such limit). Returns
--- the budget in force.
function M.budget(b)
  if b ~= nil then
    if type(b) ~= "table" then error("lede.rules.budget: a table expected", 2) end
    for _, k in ipairs{ "instructions", "seconds" } do
      local v = b[k]
      if v == false then v = 0 end
      if v ~= nil then
        if type(v) ~= "number" or v < 0 then
          error("lede.rules.budget: " .. k .. " must be a number >= 0", 2)
        end
        budget[k] = v
      end
    end
  end
  return { instructions = budget.instructions, seconds = budget.seconds }
end

-- Warnings about an article (a rule stopped on it) are given when the
-- script asks for that article's annotations, as with -j 1, even when its
-- rules ran ahead in a -j worker: there (`deferring`) they are kept and
-- travel with the article's annotations (lib.prefetch).
local deferring = false
local deferred = setmetatable({}, { __mode = "k" })

local function warn(article, msg)
  if deferring then
    local w = deferred[article] or {}
    w[#w + 1] = msg
    deferred[article] = w
  else
    io.stderr:write(msg)
  end
end

--- Keep (true) or give (false) the warnings of the rules run from now on.
function M.defer(on) deferring = on and true or false end

--- The warnings kept for an article (a list of lines), now forgotten.
function M.take_warnings(article)
  local w = deferred[article]
  deferred[article] = nil
  return w or {}
end

-- lib.prefetch's hook: called before the first rule runs on an article,
-- it may return what rules that ran elsewhere (another Lua state) made.
local prefetch = nil

--- Install (or remove, with nil) the -j hook: fn(article, want) -> nil or
--- { rules = {rule, ...}, list = {{kind=, start=, stop=, attrs=}, ...}
--- or packed = lede.annstore's pack, warnings = {...} }, the annotations
--- the first #rules rules made.
function M.set_prefetch(fn) prefetch = fn end

--- The rules that may run in another Lua state ahead of a query for the
--- kinds in want: the rules it needs, in order, up to the first one that
--- did not come from a file (a table given to lede.rules.load cannot be
--- handed to another state). Returns the rules and their files.
function M.prefetchable(want)
  ensure()
  local rs, paths = {}, {}
  for i = 1, rules_needed(want) do
    local path = from_file[loaded[i]]
    if not path then break end
    rs[i], paths[i] = loaded[i], path
  end
  return rs, paths
end

-- Take what the prefetch hook gives, if it was made by the rules now
-- loaded in the same places (a script may have cleared or replaced them
-- since: then the rules run here).
local function adopt(article, ctx, done, want)
  local got = prefetch(article, want)
  if not got then return end
  for i, r in ipairs(got.rules) do
    if loaded[i] ~= r then return end
  end
  if got.packed then ctx:unpack(got.packed) end
  for _, x in ipairs(got.list or {}) do ctx:annotate(x.kind, x.start, x.stop, x.attrs) end
  for _, r in ipairs(got.rules) do done[r.name] = true end
  for _, w in ipairs(got.warnings or {}) do warn(article, w) end
end

-- ctx with annotate recording what it adds, so a stopped rule's
-- annotations can be taken back.
local function recording(ctx)
  local added = {}
  local rec = setmetatable({}, { __index = ctx })
  function rec.annotate(_, ...)
    local a = ctx:annotate(...)
    added[#added + 1] = a
    return a
  end
  return rec, added
end

local run_budget = lede.budget

-- Run one rule on one article within its budget. Returns true, or false
-- and the error (a stop by the budget is a warning, not an error).
local function run_one(r, article, ctx)
  if not run_budget or (budget.instructions <= 0 and budget.seconds <= 0) then
    return pcall(r.run, article, ctx)
  end
  local rec, added = recording(ctx)
  local ok, err, stopped = run_budget(budget, r.run, article, rec)
  if ok or not stopped then return ok, err end
  for i = #added, 1, -1 do ctx:remove(added[i]) end
  warn(article, string.format(
    "lede: warning: rule '%s' (%s) stopped on article %s (index %s) %s, its per-article budget: "
    .. "its %d annotation%s there dropped, the other rules' kept\n",
    r.name, r.path or "?", tostring(article.id), tostring(article.index), stopped, #added,
    #added == 1 and "" or "s"))
  return true
end

--- Run over one article every rule not yet in `done` (a set of rule names,
--- updated). `ctx` is built by lib.annotate. A rule loaded later (from a
--- script) still runs on articles annotated before, when next asked.
--- With `want` (a set of kinds), only the rules needed for those kinds run:
--- the rules in order up to the last one that makes one of them (a rule may
--- read what the rules before it made, never what later ones make).
function M.run(article, ctx, done, want)
  ensure()
  done = done or {}
  if prefetch and next(done) == nil then adopt(article, ctx, done, want) end
  local upto = rules_needed(want)
  for i, r in ipairs(loaded) do
    if i > upto then break end
    if not done[r.name] then
      done[r.name] = true
      local ok, err
      if profile then
        local n0, t0 = ctx:count(), clock()
        ok, err = run_one(r, article, ctx)
        local p = profile[r.name]
        if not p then
          p = { seconds = 0, annotations = 0, articles = 0 }
          profile[r.name] = p
        end
        p.seconds = p.seconds + (clock() - t0)
        p.annotations = p.annotations + (ctx:count() - n0)
        p.articles = p.articles + 1
      else
        ok, err = run_one(r, article, ctx)
      end
      if not ok then
        error(string.format("rule '%s' (%s) failed on article %s: %s",
                            r.name, r.path or "?", article.id, tostring(err)), 0)
      end
    end
  end
end

--- Names of the loaded rules, in run order.
function M.names()
  ensure()
  local out = {}
  for i, r in ipairs(loaded) do out[i] = r.name end
  return out
end

-- Called once by lede.annotate: make sure the defaults are in before any
-- rule added by lede.rules.load from a script runs after them.
function M.ensure() ensure() end

return M

-- lib.prefetch: -j N for the rules. When the script first asks an article
-- of `corpus` for annotations, the rules that query needs (and only those)
-- run over the whole corpus: N worker threads, each with a Lua state of
-- its own, take the articles in order, while the script goes on. Each
-- article takes its result when the script asks for it (lib.rules calls
-- the hook installed here; it waits for the article's worker if need be),
-- so the script sees exactly what it would see with -j 1. A streamed corpus
-- (M.arm_stream) is read ahead in a bounded window instead, and lede
-- extract has its workers make whole output lines (M.records).
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
-- src/prefetch.c drives the threads (lede_host_prefetch installs this with
-- M.arm; the C function run_workers starts them), src/stream_ahead.c those
-- of a stream (lede_host_prefetch_stream, M.arm_stream). Annotations travel
-- between states through encode and decode below, and nothing else.

local rules = require "lib.rules"

local M = {}

local annotate = require "lib.annotate"

-- In a worker: the annotations of one article and the warnings about it,
-- as one string: "\0", the annotations packed in C (lede.annstore's pack)
-- and the warnings, each as string.pack's s4. Packed, they go from the
-- worker's store to the main state's as they are (every attribute type,
-- equal annotations in their order) and without a Lua table made for each
-- on either side: the JSON they went as before lost 2.0's floatness, 64-bit
-- integers and strings past a NUL, and it, its tables and the annotate
-- calls made report entities -j 2 cost 18 % more CPU than -j 1. nil when
-- an annotation's attributes are kept in Lua (a table...): the main state
-- then annotates that article itself, as -j 1 would.
local function encode(a)
  local packed = annotate.pack(a)
  local warnings = rules.take_warnings(a)
  if not packed then return nil end
  local parts = { "\0", string.pack("<s4", packed) }
  for _, w in ipairs(warnings) do parts[#parts + 1] = string.pack("<s4", w) end
  return table.concat(parts)
end

-- A worker's Lua state compares articles by their C address in one cache
-- (the gazetteer atoms of the last article matched). A streamed article is
-- freed by the main state after the worker is done with it, and a later
-- one may get its address: so after each article the cache is pointed at
-- an article of the worker's own.
local function cache_reset()
  local own = lede.parse("x")[1]
  local g = lede.gazetteer()
  return function() g:match(own) end
end

-- In a worker: load the rule files `paths`, in that order, with the main
-- state's budget, keeping warnings with the article they are about.
local function worker_rules(paths, budget)
  rules.clear()
  for _, p in ipairs(paths) do rules.load(p) end
  rules.budget(budget)
  rules.defer(true)
end

--- In an in-memory worker: a function(i) -> article i's annotations by
--- the rules in the files `paths` (encode's string; nil: the main state
--- annotates it), or false and the error when a rule fails on it.
function M.worker(corpus, paths, budget)
  worker_rules(paths, budget)
  return function(i)
    local a = corpus[i]
    local ok, s = pcall(encode, a)
    if ok then return s end
    rules.take_warnings(a)
    return false, s
  end
end

--- In a stream worker: a function(corpus) -> strings for the one article
--- of corpus: its annotations (encode's string); or, with `fields` (extract's
--- --fields, "" for all), its extract record line and the text of its
--- warnings; false and the error when a rule fails on it.
function M.stream_worker(paths, budget, fields)
  worker_rules(paths, budget)
  local reset = cache_reset()
  local record
  if fields then
    local make = require("lib.extract_record").new(fields ~= "" and fields or nil)
    record = function(a) return lede.json.encode(make(a)) end
  end
  return function(c)
    local a = c[1]
    local ok, s = pcall(record or encode, a)
    local w = rules.take_warnings(a)
    reset()
    if not ok then return false, s end
    if record then return s, table.concat(w) end
    return s
  end
end

local function decode(s, rs)
  local packed, at = string.unpack("<s4", s, 2)
  local warnings = {}
  while at <= #s do
    warnings[#warnings + 1], at = string.unpack("<s4", s, at)
  end
  return { rules = rs, packed = packed, warnings = warnings }
end

--- In the main state (src/host.c, before the script runs): arm the
--- prefetch over corpus. run_workers(paths, budget) starts the workers on
--- the rule files `paths` with the rules' budget and returns take(i) ->
--- encode's string | nil (waiting for article i's worker) and finish() (waits for
--- them all).
function M.arm(corpus, run_workers)
  local index, take, finish, rs = nil, nil, nil, nil
  -- corpus:add changes the corpus the workers read: they finish first
  local Corpus = lede.Corpus
  local c_add = Corpus.add
  Corpus.add = function(self, ...)
    if self == corpus and finish then finish() end
    return c_add(self, ...)
  end
  rules.set_prefetch(function(article, want)
    if not index then
      index = {}
      for i = 1, #corpus do index[corpus[i]] = i end
    end
    local i = index[article]
    if not i then return nil end          -- an article the script made itself
    if not take then
      -- the first query for an article of this corpus: run ahead
      local paths
      rs, paths = rules.prefetchable(want)
      take = function() return nil end
      if #paths == 0 then
        rules.set_prefetch(nil)
        return nil
      end
      take, finish = run_workers(paths, rules.budget())
    end
    local json, err = take(i)
    if json == false then error(err, 0) end   -- a time limit, up in the worker
    if not json then return nil end
    return decode(json, rs)
  end)
end

-- A streamed corpus (lede run --stream, lede extract) with -j N: see
-- src/stream_ahead.c. start(paths, budget [, fields]) starts the workers
-- from the stream's next article; take(article) gives what they left for
-- an article handed out lately.
local stream = nil

--- In the main state (src/host.c, before the script runs): arm the
--- streamed prefetch. The workers start at the first query for
--- annotations, on the rules it needs, from the next article on.
function M.arm_stream(start, take)
  -- extract's mode: the time-limit error a worker met on an article, raised
  -- when the script asks for its annotations
  local st = { start = start, take = take, errors = setmetatable({}, { __mode = "k" }) }
  stream = st
  rules.set_prefetch(function(article, want)
    if not st.started then
      st.started = true
      local paths
      st.rs, paths = rules.prefetchable(want)
      if #paths == 0 then
        rules.set_prefetch(nil)
        return nil
      end
      start(paths, rules.budget())
      return nil                          -- read before they started: done here
    end
    if st.records then                    -- their lines are extract's
      local err = st.errors[article]
      st.errors[article] = nil
      if err then error(err, 0) end
      return nil
    end
    local json, err = take(article)
    if json == false then error(err, 0) end   -- a time limit, up in the worker
    if not json then return nil end
    return decode(json, st.rs)
  end)
end

--- lede extract with -j N: the workers make each article's output line
--- (lib.extract_record with --fields `fields`, nil for all) with every
--- rule. Returns line(article) -> the line, its warnings given and the
--- article counted, or nil (the caller makes it); or nil without -j, or
--- when a rule is not from a file (it cannot run in another state).
function M.records(fields)
  local st = stream
  if not st or st.started then return nil end
  local rs, paths = rules.prefetchable(nil)
  if #paths == 0 or #paths < #rules.names() then return nil end
  st.started, st.rs, st.records = true, rs, true
  if not st.start(paths, rules.budget(), fields or "") then return nil end
  return function(article)
    local line, warnings = st.take(article)
    if line == false then st.errors[article] = warnings end
    if not line then return nil end
    if warnings ~= "" then io.stderr:write(warnings) end
    lede.progress.article(article)
    return line
  end
end

return M

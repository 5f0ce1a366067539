-- lib.merge_read: lede merge's reader of `lede extract` output (see
-- lib/merge.lua), apart so it can be tested and fuzzed on its own
-- (tests/fuzz/fuzz_merge.c).
--
--   local R = require "lib.merge_read"
--   local r = R.reader{ skip_bad = false, warn = function(msg) ... end }
--   r:part(name, lines)        -- lines: an iterator of lines (f:lines())
--   local records = r:finish()
--   corpus = R.corpus(records, r) -- one corpus in corpus order, annotated
--   local nbad = r.nbad          -- bad lines (with skip_bad), all counted
--
-- A bad line (not an extract record), a part without its end record, or
-- an end record whose count does not match raises a table { bad = msg }
-- (msg names the part and line), unless skip_bad: then warn(msg) is called
-- and the line left out. Any other error is a bug.

local annotate = require "lib.annotate"
local json = lede.json
local null = json.null

local M = {}

local function is_int(v) return math.type(v) == "integer" end

-- A line is checked by lede.extract_record (src/lua/lua_record.c), in C:
-- a JSON object with a "text" string, "clean" (the text itself, or true in
-- older records), a positive integer "index", an "annotations" list whose
-- spans are inside the text or the field ("title", "subtitle") they name,
-- string metadata; read as lede.json.decode reads it (a key given twice
-- counts by its last value). It gives the few fields kept here, not a Lua
-- table per annotation (st:load reads those into the store from the line).

local Reader = {}
Reader.__index = Reader

function M.reader(opts)
  opts = opts or {}
  return setmetatable({ skip_bad = opts.skip_bad, warn = opts.warn or function() end,
                        records = {}, seen = {}, nbad = 0 }, Reader)
end

function Reader:bad(where, msg)
  if not self.skip_bad then error({ bad = where .. ": " .. msg }, 0) end
  self.nbad = self.nbad + 1
  self.warn(where .. ": " .. msg)
end

function Reader:part(name, lines)
  local lineno, run, ended = 0, 0, false
  for line in lines do
    lineno = lineno + 1
    local where = name .. ":" .. lineno
    if line:sub(-1) == "\r" then line = line:sub(1, -2) end
    if line:find("^%s*$") then goto continue end
    ended = false
    if not utf8.len(line) then self:bad(where, "invalid UTF-8"); run = run + 1; goto continue end
    if line:find("\0", 1, true) then self:bad(where, "a NUL byte in the line"); run = run + 1; goto continue end
    do
      local r, why = lede.extract_record(line)
      if not r then
        self:bad(where, why)
        run = run + 1
        goto continue
      end
      if r.lede_extract_end then
        if not is_int(r.articles) or r.articles ~= run then
          self:bad(where, string.format("the end record counts %s articles, but %d came before it",
                                        tostring(r.articles), run))
        end
        run, ended = 0, true
        goto continue
      end
      run = run + 1
      if self.seen[r.index] then
        self:bad(where, "article " .. r.index .. " again (first at " .. self.seen[r.index] .. ")")
        goto continue
      end
      self.seen[r.index] = where
      -- the line is kept, not its decoded annotations: R.corpus has them
      -- read into the store from it in C (annotate.preload_line)
      self.records[#self.records + 1] = { index = r.index, line = line, where = where, text = r.text,
                                          title = r.title, subtitle = r.subtitle }
    end
    ::continue::
  end
  if not ended then
    self:bad(name .. ":" .. lineno, lineno == 0 and "empty, not extract output"
             or "no end record: the extract output is cut short (an extract stopped before it finished?)")
  end
end

function Reader:finish()
  return self.records, self.nbad
end

-- The lines of a string, as f:lines() gives them.
function M.lines(s)
  local pos, n = 1, #s
  return function()
    if pos > n then return nil end
    local nl = s:find("\n", pos, true)
    local line = s:sub(pos, (nl or n + 1) - 1)
    pos = (nl or n) + 1
    return line
  end
end

-- A field as the C reader gives it: JSON null is no field.
local function given(v) if v == null then return nil end return v end

-- nil, or why article a (made by the C reader from a record's line) is not
-- the record lede.json.decode read: a line with a key given twice is read
-- by its first occurrence in C (cJSON) and by its last here, so its spans,
-- checked against one text, would land in another.
local function disagrees(a, r)
  if a.index ~= r.index then return '"index"' end
  if a.text ~= r.text then return '"text"' end
  if a.title ~= given(r.title) then return '"title"' end
  if a.subtitle ~= given(r.subtitle) then return '"subtitle"' end
  return nil
end

local function parse(records, quiet)
  local lines = {}
  for i, r in ipairs(records) do lines[i] = r.line end
  return lede.parse(table.concat(lines, "\n"), { format = "jsonl", name = "merge", quiet = quiet })
end

-- { [i] = field } for the records the C reader reads otherwise (or not at
-- all); c is the corpus made of them all.
local function misread(records, c)
  local bad = {}
  if #c == #records then
    for i, r in ipairs(records) do bad[i] = disagrees(c[i], r) end
    return bad
  end
  -- some line made no article: find which, one by one (bad input only)
  for i, r in ipairs(records) do
    local one = lede.parse(r.line, { format = "jsonl", name = "merge", quiet = true })
    bad[i] = #one ~= 1 and '"text"' or disagrees(one[1], r)
  end
  return bad
end

-- The records as one corpus in corpus order, each article with the
-- annotations it was extracted with. With the reader that read them, a
-- record the C reader reads otherwise (a key given twice) is a bad line
-- (reader:bad: an error, or with skip_bad a warning and the record left
-- out); records is updated in place.
function M.corpus(records, reader)
  table.sort(records, function(x, y) return x.index < y.index end)
  local c = parse(records, false)
  local bad = misread(records, c)
  if next(bad) then
    local kept = {}
    for i, r in ipairs(records) do
      if bad[i] then
        local msg = "a key given twice (" .. bad[i] .. "): the record reads two ways"
        if reader then reader:bad(r.where, msg) else error({ bad = r.where .. ": " .. msg }, 0) end
      else
        kept[#kept + 1] = r
      end
    end
    for i = #records, 1, -1 do records[i] = kept[i] end
    c = parse(records, true)   -- its warnings were given by the first parse
  end
  if #c ~= #records then
    error(string.format("merge: %d records read, but %d articles made of them", #records, #c), 0)
  end
  for i, r in ipairs(records) do
    annotate.preload_line(c[i], r.line)
    -- the corpus holds the text now, the store the annotations: the line
    -- goes (the reader keeps its records while the report runs)
    r.line, r.text, r.title, r.subtitle = nil, nil, nil, nil
  end
  -- the lines and their concatenation are garbage now: collected before the
  -- report runs, not left for a collector that waits for the heap to triple
  collectgarbage()
  return c
end

return M

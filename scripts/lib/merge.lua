-- lede merge NAME [--skip-bad] PART... : run the report NAME over the
-- outputs of `lede extract` (from shards, or from map tasks on Hadoop or
-- Spark) as if it ran once over the whole corpus.
--
-- Every part is read as extract output whatever its name (Hadoop's
-- part-00000 too; "-" is stdin), line by line. Each line must be an
-- extract record (a JSON object with "text", "clean", "index" and
-- "annotations"), and each run of records must end with extract's end
-- record {"lede_extract_end": true, "articles": N} counting them: a
-- malformed or cut line, or a part without its end record (an extract
-- stopped half way) is an error naming the file and line, exit 2. With
-- --skip-bad such lines are warned about, one by one, and left out.
-- Parts may be concatenated (cat part-* | lede merge NAME -).
--
-- The records are put back in corpus order by their index and read as one
-- JSON Lines corpus ("clean" records keep their text and offsets); every
-- article gets the annotations it was extracted with, so the rules do not
-- run again; then the report runs unchanged.

local annotate = require "lib.annotate"
local json = lede.json
local null = json.null

local report = arg[1]
local skip_bad = false
local parts = {}
for i = 2, #arg do
  if arg[i] == "--skip-bad" then skip_bad = true else parts[#parts + 1] = arg[i] end
end

local function die(msg)
  io.stderr:write("lede: merge: ", msg, "\n")
  os.exit(2)
end

local nbad = 0
local function bad(where, msg)
  if not skip_bad then die(where .. ": " .. msg .. " (--skip-bad to leave such lines out)") end
  nbad = nbad + 1
  io.stderr:write("lede: merge: warning: ", where, ": ", msg, ", skipped\n")
end

local function is_int(v) return math.type(v) == "integer" end

-- nil, or why the decoded line is not an extract record
local function not_a_record(r)
  if type(r) ~= "table" then return "not a JSON object" end
  if type(r.text) ~= "string" then return 'no "text" string' end
  if r.clean ~= true then return 'not an extract record (no "clean": true)' end
  if not is_int(r.index) or r.index < 1 or r.index >= 4e9 then
    return 'not an extract record (no positive integer "index")'
  end
  if type(r.annotations) ~= "table" then return 'not an extract record (no "annotations" list)' end
  for i, x in ipairs(r.annotations) do
    if type(x) ~= "table" or type(x.kind) ~= "string" or not is_int(x.start) or not is_int(x.stop)
       or x.start < 0 or x.stop < x.start or x.stop > #r.text
       or (x.attrs ~= nil and type(x.attrs) ~= "table") then
      return "annotation " .. i .. " is malformed"
    end
  end
  for _, k in ipairs{ "id", "path", "title", "subtitle", "date", "source", "url", "byline",
                      "dateline", "agency" } do
    local v = r[k]
    if v ~= nil and v ~= null and type(v) ~= "string" then return 'field "' .. k .. '" is not a string' end
  end
  return nil
end

local records, seen = {}, {}

local function read_part(path)
  local f, err
  if path == "-" then f = io.stdin else f, err = io.open(path, "rb") end
  if not f then die(tostring(err)) end
  local name = path == "-" and "stdin" or path
  local lineno, run, ended = 0, 0, false
  for line in f:lines() do
    lineno = lineno + 1
    local where = name .. ":" .. lineno
    if line:sub(-1) == "\r" then line = line:sub(1, -2) end
    if line:find("^%s*$") then goto continue end
    ended = false
    if not utf8.len(line) then bad(where, "invalid UTF-8"); run = run + 1; goto continue end
    do
      local ok, r = pcall(json.decode, line)
      if not ok then
        bad(where, "not an extract record: " .. tostring(r):gsub("^lede%.json%.decode: ", ""))
        run = run + 1
        goto continue
      end
      if type(r) == "table" and r.lede_extract_end == true then
        if not is_int(r.articles) or r.articles ~= run then
          bad(where, string.format("the end record counts %s articles, but %d came before it%s",
                                   tostring(r.articles), run,
                                   skip_bad and "" or " (lines lost or added)"))
        end
        run, ended = 0, true
        goto continue
      end
      run = run + 1
      local why = not_a_record(r)
      if why then bad(where, why); goto continue end
      if seen[r.index] then
        bad(where, "article " .. r.index .. " again (first at " .. seen[r.index] .. ")")
        goto continue
      end
      seen[r.index] = where
      records[#records + 1] = { index = r.index, line = line, annotations = r.annotations }
    end
    ::continue::
  end
  if f ~= io.stdin then f:close() end
  if not ended then
    bad(name .. ":" .. lineno, lineno == 0 and "empty, not extract output"
        or "no end record: the extract output is cut short (an extract stopped before it finished?)")
  end
end

for _, p in ipairs(parts) do read_part(p) end
if nbad > 0 then
  io.stderr:write(string.format("lede: merge: warning: %d bad line%s skipped\n", nbad, nbad == 1 and "" or "s"))
end

-- corpus order, then one JSON Lines corpus
table.sort(records, function(x, y) return x.index < y.index end)
local lines = {}
for i, r in ipairs(records) do lines[i] = r.line end
corpus = lede.parse(table.concat(lines, "\n"), { format = "jsonl", name = "merge" })
if #corpus ~= #records then
  die(string.format("%d records read, but %d articles made of them", #records, #corpus))
end

for i, a in ipairs(records) do
  local list = {}
  for j, x in ipairs(a.annotations) do
    local attrs = x.attrs or {}
    if x.field ~= nil and x.field ~= null then attrs.field = x.field end
    -- JSON nulls inside attributes were nils before extraction
    for k, v in pairs(attrs) do if v == null then attrs[k] = nil end end
    list[j] = { kind = x.kind, start = x.start, stop = x.stop, attrs = attrs }
  end
  annotate.preload(corpus[i], list)
end
records, lines = nil, nil

local chunk, err = loadfile(report)
if not chunk then error(err, 0) end
arg = { [0] = report }
return chunk()

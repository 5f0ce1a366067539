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

local R = require "lib.merge_read"

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

local r = R.reader{
  skip_bad = skip_bad,
  warn = function(msg) io.stderr:write("lede: merge: warning: ", msg, ", skipped\n") end,
}
local ok, err = pcall(function()
  for _, path in ipairs(parts) do
    local f, oerr
    if path == "-" then f = io.stdin else f, oerr = io.open(path, "rb") end
    if not f then die(tostring(oerr)) end
    r:part(path == "-" and "stdin" or path, f:lines())
    if f ~= io.stdin then f:close() end
  end
  corpus = R.corpus(r:finish(), r)
end)
if not ok then
  if type(err) == "table" and err.bad then die(err.bad .. " (--skip-bad to leave such lines out)") end
  error(err, 0)
end
if r.nbad > 0 then
  io.stderr:write(string.format("lede: merge: warning: %d bad line%s skipped\n", r.nbad,
                                r.nbad == 1 and "" or "s"))
end

local chunk, err = loadfile(report)
if not chunk then error(err, 0) end
arg = { [0] = report }
return chunk()

-- lede extract CORPUS... : one JSON line per article with its metadata,
-- clean text and every annotation the rules made. The output is the input
-- of `lede merge`, and itself a JSON Lines corpus lede reads back exactly.
--
-- @option --fields=LIST  string  -  the fields of each record, comma-separated (default: all; lede merge needs all)
--
--   lede extract --shard 2/8 corpus/ > part-2.jsonl      (one of 8 machines)
--   lede merge briefing part-*.jsonl                      (the whole report)
--   lede extract --fields id,title,clean corpus/ | jq -r .clean
--
-- A record: id, index, path, line, title, subtitle, date (date_doubtful and
-- date_evidence when the reader doubted it), source, url,
-- byline, dateline, agency, categories, boilerplate, text and clean (both
-- the clean body: "clean" tells lede's readers the text and its offsets are
-- kept as they are; records of older versions have "clean": true), and
-- annotations: { kind, start, stop (1-based inclusive byte offsets, as in
-- Lua), char_start, char_stop (the same in characters, for jq and other
-- tools that count characters: .text[.char_start - 1 : .char_stop]), text
-- (what the span covers), field ("title", "subtitle" or absent: the body),
-- attrs }.
--
-- --fields (also `-- --fields LIST` after the corpus) keeps only the fields
-- named, in that order of precedence as JSON sorts them; "annotations" may
-- be narrowed to "annotations.kind,annotations.text" and so on. A record
-- without every field is for reading, not for lede merge.
--
-- Articles are read one at a time (streaming), so memory stays flat. The
-- last line is {"articles": N, "lede_extract_end": true}: N records came
-- before it, and the output is complete.

-- --fields LIST: from the options the CLI parsed, or the script arguments
local function fields_arg()
  local o = rawget(_G, "options")
  if type(o) == "table" and o.fields ~= nil then return o.fields end
  for i = 1, #arg do
    local v = arg[i]:match("^%-%-fields=(.*)$")
    if v then return v end
    if arg[i] == "--fields" then return arg[i + 1] or "" end
  end
  return nil
end

-- A write that fails (a full disk, a closed pipe) stops the run: exit 2.
local function put(line)
  local ok, err = io.stdout:write(line, "\n")
  if not ok then
    io.stderr:write("lede: extract: cannot write the output: ", tostring(err), "\n")
    os.exit(2)
  end
end

local FIELDS = fields_arg()
local record = require("lib.extract_record").new(FIELDS)
-- -j N: workers make the lines ahead (nil without -j, or when they cannot)
local ahead = require("lib.prefetch").records(FIELDS)

local n = 0
corpus:each(function(a)
  put(ahead and ahead(a) or lede.json.encode(record(a)))
  n = n + 1
end)
-- The last line says the output is whole: `lede merge` checks it is there
-- and counts the articles before it (a run stopped half way has none). A
-- JSON Lines reader skips it: it has no "text".
put(lede.json.encode{ lede_extract_end = true, articles = n })

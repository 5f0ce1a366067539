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

local RECORD_FIELDS = { "id", "index", "path", "line", "title", "subtitle", "date", "date_doubtful",
                        "date_evidence", "source", "url",
                        "byline", "dateline", "agency", "categories", "boilerplate", "text", "clean",
                        "annotations" }
local ANN_FIELDS = { "kind", "start", "stop", "char_start", "char_stop", "text", "field", "attrs" }

local function set_of(list)
  local s = {}
  for _, k in ipairs(list) do s[k] = true end
  return s
end
local KNOWN, KNOWN_ANN = set_of(RECORD_FIELDS), set_of(ANN_FIELDS)

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

local function usage(msg)
  io.stderr:write("lede: extract: ", msg, "\n")
  os.exit(2)
end

-- the record fields and annotation fields to keep (nil: all)
local function parse_fields(s)
  if s == nil then return nil, nil end
  local keep, ann = {}, nil
  for f in s:gmatch("[^,%s]+") do
    local sub = f:match("^annotations%.(.+)$")
    if sub then
      if not KNOWN_ANN[sub] then
        usage(string.format("unknown annotation field '%s' (fields: %s)", sub, table.concat(ANN_FIELDS, ", ")))
      end
      ann = ann or {}
      ann[sub] = true
      keep.annotations = true
    elseif KNOWN[f] then
      keep[f] = true
    else
      usage(string.format("unknown field '%s' (fields: %s, annotations.FIELD)", f,
                          table.concat(RECORD_FIELDS, ", ")))
    end
  end
  if next(keep) == nil then usage("--fields names no field") end
  return keep, ann
end

local KEEP, KEEP_ANN = parse_fields(fields_arg())

-- 1-based character position of byte `b` in s (b on a character's start),
-- counted on from the last position asked: annotations come sorted by
-- start, so a whole article is walked once
local function char_counter(s)
  local byte, char = 1, 1
  return function(b)
    if b < byte then byte, char = 1, 1 end
    char = char + (utf8.len(s, byte, b - 1) or (b - byte))   -- characters before b
    byte = b
    return char
  end
end

local function record(a)
  local anns = {}
  local body = a.text or ""
  local counters = {}
  local function counter(field)
    local k = field or "text"
    local c = counters[k]
    if not c then c = char_counter(field and (a[field] or "") or body); counters[k] = c end
    return c
  end
  for i, x in ipairs(a:annotations()) do
    local field = rawget(x, "field")
    local cs = counter(field)(x.start)
    local span = x.text
    local ce = cs + (utf8.len(span) or #span) - 1   -- the span's own characters
    local r = { kind = x.kind, start = x.start, stop = x.stop, char_start = cs, char_stop = ce,
                text = x.text, field = field, attrs = x.attrs }
    if KEEP_ANN then
      for k in pairs(r) do if not KEEP_ANN[k] then r[k] = nil end end
    end
    anns[i] = r
  end
  local rec = {
    id = a.id, index = a.index, path = a.path, line = a.line,
    title = a.title, subtitle = a.subtitle, date = a.date, source = a.source, url = a.url,
    byline = a.byline, dateline = a.dateline, agency = a.agency,
    categories = lede.json.array(a.categories), boilerplate = lede.json.array(a.boilerplate),
    date_doubtful = a.date_doubtful or nil, date_evidence = a.date_evidence,
    text = body, clean = body,
    annotations = lede.json.array(anns),
  }
  if KEEP then
    for k in pairs(rec) do if not KEEP[k] then rec[k] = nil end end
  end
  return rec
end

-- A write that fails (a full disk, a closed pipe) stops the run: exit 2.
local function put(line)
  local ok, err = io.stdout:write(line, "\n")
  if not ok then
    io.stderr:write("lede: extract: cannot write the output: ", tostring(err), "\n")
    os.exit(2)
  end
end

local n = 0
corpus:each(function(a)
  put(lede.json.encode(record(a)))
  n = n + 1
end)
-- The last line says the output is whole: `lede merge` checks it is there
-- and counts the articles before it (a run stopped half way has none). A
-- JSON Lines reader skips it: it has no "text".
put(lede.json.encode{ lede_extract_end = true, articles = n })

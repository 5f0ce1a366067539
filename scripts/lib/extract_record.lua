-- lib.extract_record: the record `lede extract` writes for an article (see
-- scripts/lib/extract.lua for its fields). A module of its own because -j
-- workers make the records too (lib.prefetch), each in its own Lua state.

local M = {}

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


local annotate = require "lib.annotate"

local function record(a, KEEP, KEEP_ANN)
  local body = a.text or ""
  -- the annotations' JSON is made in C from the store (lib.annotate.json):
  -- the same text lede.json.encode made of a table per annotation
  -- (made, so the rules run, even when --fields leaves them out, as before)
  local anns = lede.json.raw(annotate.json(a, KEEP_ANN))
  local rec = {
    id = a.id, index = a.index, path = a.path, line = a.line,
    title = a.title, subtitle = a.subtitle, date = a.date, source = a.source, url = a.url,
    byline = a.byline, dateline = a.dateline, agency = a.agency,
    categories = lede.json.array(a.categories), boilerplate = lede.json.array(a.boilerplate),
    date_doubtful = a.date_doubtful or nil, date_evidence = a.date_evidence,
    text = body, clean = body,
    annotations = anns,
  }
  if KEEP then
    for k in pairs(rec) do if not KEEP[k] then rec[k] = nil end end
  end
  return rec
end


--- The record function for --fields LIST (nil: every field): a bad list is
--- a usage error (exit 2). Returns function(article) -> record table.
function M.new(fields)
  local KEEP, KEEP_ANN = parse_fields(fields)
  return function(a) return record(a, KEEP, KEEP_ANN) end
end

return M

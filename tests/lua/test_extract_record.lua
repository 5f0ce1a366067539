-- test_extract_record.lua: lede.extract_record(line), lede merge's check of
-- an extract line in C (src/lua/lua_record.c), gives the verdict, message
-- and fields that lib/merge_read.lua's Lua checks gave on the decoded line
-- (the reference below, as it was): on hand-made bad records, on the
-- sample's real records, and on thousands of records mutated at random
-- (a fixed seed).
local T = require "testlib"
local json = lede.json
local null = json.null

local function is_int(v) return math.type(v) == "integer" end
local function not_a_record(r)
  if type(r) ~= "table" then return "not a JSON object" end
  if type(r.text) ~= "string" then return 'no "text" string' end
  if r.clean ~= true and r.clean ~= r.text then return 'not an extract record (no "clean" text)' end
  if not is_int(r.index) or r.index < 1 or r.index >= 4e9 then
    return 'not an extract record (no positive integer "index")'
  end
  if type(r.annotations) ~= "table" then return 'not an extract record (no "annotations" list)' end
  if not utf8.len(r.text) then return "the text is not valid UTF-8" end
  if r.text:find("\0", 1, true) then return "a NUL in the text" end
  for _, k in ipairs{ "id", "path", "title", "subtitle", "date", "source", "url", "byline",
                      "dateline", "agency" } do
    local v = r[k]
    if v ~= nil and v ~= null and type(v) ~= "string" then return 'field "' .. k .. '" is not a string' end
  end
  for i, x in ipairs(r.annotations) do
    if type(x) ~= "table" or type(x.kind) ~= "string" or x.kind == "" or not is_int(x.start)
       or not is_int(x.stop) or (x.attrs ~= nil and type(x.attrs) ~= "table") then
      return "annotation " .. i .. " is malformed"
    end
    local field = x.field
    if field == null then field = nil end
    if field == nil and x.attrs ~= nil and x.attrs.field ~= null then field = x.attrs.field end
    if field ~= nil and field ~= "title" and field ~= "subtitle" then
      return "annotation " .. i .. " is in an unknown field"
    end
    local within = r.text
    if field then within = r[field] end
    if type(within) ~= "string" or x.start < 1 or x.stop < x.start - 1 or x.stop > #within then
      return "annotation " .. i .. " is outside the " .. (field or "text")
    end
  end
  return nil
end
-- the verdict of the old Lua code, as one comparable string
local function reference(line)
  local ok, r = pcall(json.decode, line)
  if not ok then
    return "bad: not an extract record: " .. tostring(r):gsub("^lede%.json%.decode: ", "")
  end
  if type(r) == "table" and r.lede_extract_end == true then
    return "end: " .. tostring(math.type(r.articles) or type(r.articles)) .. " " ..
           (type(r.articles) == "number" and tostring(r.articles) or "")
  end
  local why = not_a_record(r)
  if why then return "bad: " .. why end
  return string.format("ok: %s|%s|%s|%s", tostring(r.index), r.text,
                       r.title == null and "null" or tostring(r.title),
                       r.subtitle == null and "null" or tostring(r.subtitle))
end
local function verdict(line)
  local r, why = lede.extract_record(line)
  if not r then return "bad: " .. why end
  if r.lede_extract_end then
    return "end: " .. tostring(math.type(r.articles) or type(r.articles)) .. " " ..
           (type(r.articles) == "number" and tostring(r.articles) or "")
  end
  return string.format("ok: %s|%s|%s|%s", tostring(r.index), r.text,
                       r.title == null and "null" or tostring(r.title),
                       r.subtitle == null and "null" or tostring(r.subtitle))
end
local function same(line, what)
  T.eq(verdict(line), reference(line), what or line)
end

local CASES = {
  '', '{', '[1, 2]', '"text"', '5', 'null', 'true', '{} x', '{"a": 1}   ', '{"a": 1}\t\r\n',
  '{"lede_extract_end": true, "articles": 3}', '{"lede_extract_end": true, "articles": 2.5}',
  '{"lede_extract_end": true, "articles": "x"}', '{"lede_extract_end": true}',
  '{"lede_extract_end": false, "articles": 3}', '[{"lede_extract_end": true}]',
  '{"text": 5}', '{"text": "a"}', '{"text": "a", "clean": "b"}', '{"text": "a", "clean": "a"}',
  '{"text": "a", "clean": true, "index": 0, "annotations": []}',
  '{"text": "a", "clean": true, "index": 1.5, "annotations": []}',
  '{"text": "a", "clean": true, "index": 4e9, "annotations": []}',
  '{"text": "a", "clean": true, "index": 3999999999, "annotations": []}',
  '{"text": "a", "clean": true, "index": 1e300, "annotations": []}',
  '{"text": "a", "clean": true, "index": 2}',
  '{"text": "a", "clean": true, "index": 2, "annotations": {}}',
  '{"text": "a", "clean": true, "index": 2, "annotations": {"1": 5}}',
  '{"text": "a", "clean": true, "index": 2, "annotations": "no"}',
  '{"text": "a", "clean": true, "index": 2, "annotations": null}',
  '{"text": "\\ud800", "clean": true, "index": 2, "annotations": []}',
  '{"text": "a\\u0000b", "clean": "a", "index": 2, "annotations": []}',
  '{"text": "a", "clean": true, "index": 2, "annotations": [], "title": 5}',
  '{"text": "a", "clean": true, "index": 2, "annotations": [], "agency": [], "id": null}',
  '{"text": "a", "clean": true, "index": 2, "annotations": [5]}',
  '{"text": "a", "clean": true, "index": 2, "annotations": [null]}',
  '{"text": "a", "clean": true, "index": 2, "annotations": [[1]]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 2}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "", "start": 1, "stop": 2}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1.0, "stop": 2}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1.5, "stop": 2}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 3}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 3, "stop": 2}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 2, "stop": 0}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 0, "stop": 1}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "attrs": null}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "attrs": [1]}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "attrs": 7}]}',
  '{"text": "ab", "title": "T", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "field": "title"}]}',
  '{"text": "ab", "title": "T", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 2, "field": "title"}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "field": "title"}]}',
  '{"text": "ab", "title": null, "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "field": "title"}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "field": "body"}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "field": 5}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "field": null, "attrs": {"field": "subtitle"}}]}',
  '{"text": "ab", "subtitle": "Sub", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 3, "attrs": {"field": "subtitle"}}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "attrs": {"field": null}}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1, "field": "title", "field": null}]}',
  '{"text": "ab", "text": "abc", "clean": "abc", "index": 2, "index": 3, "annotations": [{"kind": "X", "start": 1, "stop": 3}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [], "annotations": 5}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "kind": 5, "start": 1, "stop": 1}]}',
  '{"text": "Zürich", "title": "Ça", "subtitle": null, "clean": true, "index": 9, "annotations": [{"kind": "LOC", "start": 1, "stop": 7}]}',
  '{"text": "ab", "clean": true, "index": 2, "annotations": [{"kind": "X", "start": 1, "stop": 1}, {"kind": "Y", "start": 1, "stop": 9}]}',
}

T.test("hand-made records: the verdict and message of the Lua checks", function()
  for _, line in ipairs(CASES) do same(line) end
  T.eq(verdict(CASES[#CASES]), "bad: annotation 2 is outside the text")
  T.eq(verdict('{"lede_extract_end": true, "articles": 3}'), "end: integer 3")
end)

T.test("the sample's records pass, with their fields", function()
  local rec = require("lib.extract_record").new(nil)
  local n = 0
  for a in corpus:articles() do
    local line = json.encode(rec(a))
    same(line, a.id)
    T.match(verdict(line), "^ok: ")
    n = n + 1
  end
  T.ok(n >= 5)
end)

T.test("records mutated at random", function()
  local rec = require("lib.extract_record").new(nil)
  local lines = {}
  for a in corpus:articles() do lines[#lines + 1] = json.encode(rec(a)) end
  local bits = { '"', '{', '}', '[', ']', ',', ':', 'null', 'true', '0', '-1', '2.5', '"title"',
                 '"subtitle"', '"field"', '"kind"', '"start"', '"stop"', '"attrs"', '\\u0000', ' ' }
  math.randomseed(20261204)
  local kinds = {}
  for _ = 1, 3000 do
    local line = lines[math.random(#lines)]
    for _ = 1, math.random(3) do
      local at = math.random(#line)
      local cut = math.random(0, 3)
      line = line:sub(1, at - 1) .. bits[math.random(#bits)] .. line:sub(at + cut)
    end
    if utf8.len(line) then
      local v = reference(line)
      T.eq(verdict(line), v)
      kinds[v:match("^%a+: [^0-9]*")] = true
    end
  end
  local n = 0
  for _ in pairs(kinds) do n = n + 1 end
  T.ok(n >= 5, "the mutations reach several verdicts")
end)

T.done()

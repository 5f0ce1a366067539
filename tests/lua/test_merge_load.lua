-- test_merge_load.lua: lede merge reads an extract record's annotations into
-- the store in C (st:load through lib.annotate.preload_line): the same
-- annotations, in the same order, with the same attributes, as the Lua
-- tables of lede.json.decode gave lib.annotate.preload before (the
-- reference below): keys given twice (the last counts), JSON nulls,
-- "field" given on the record and among the attributes, attributes that
-- are arrays or objects, more attributes than the store holds inline,
-- headline fields, and the records lede extract writes for the sample.
local T = require "testlib"
local annotate = require "lib.annotate"
local json = lede.json
local null = json.null

-- What lib/merge_read.lua's R.corpus gave annotate.preload before.
local function reference_list(r)
  local list = {}
  for j, x in ipairs(r.annotations) do
    local attrs = x.attrs or {}
    if x.field ~= nil and x.field ~= null then attrs.field = x.field end
    for k, v in pairs(attrs) do if v == null then attrs[k] = nil end end
    list[j] = { kind = x.kind, start = x.start, stop = x.stop, attrs = attrs }
  end
  return list
end

local function deep(v)
  if type(v) ~= "table" then
    return (math.type(v) or type(v)) .. ":" .. tostring(v)
  end
  local ks = {}
  for k in pairs(v) do ks[#ks + 1] = k end
  table.sort(ks, function(a, b) return tostring(a) < tostring(b) end)
  local out = {}
  for _, k in ipairs(ks) do out[#out + 1] = tostring(k) .. "=" .. deep(v[k]) end
  return "{" .. table.concat(out, ",") .. "}"
end
local function dump(article)
  local out = {}
  for _, a in ipairs(article:annotations()) do
    out[#out + 1] = string.format("%s %d %d %s %s", a.kind, a.start, a.stop, tostring(rawget(a, "field")),
                                  deep(a.attrs))
  end
  return table.concat(out, "\n")
end

-- one article of the record's line, annotated both ways
local function both(line)
  local r = json.decode(line)
  local old = lede.parse(line, { format = "jsonl", quiet = true })[1]
  local new = lede.parse(line, { format = "jsonl", quiet = true })[1]
  annotate.preload(old, reference_list(r), {})
  annotate.preload_line(new, line, {})
  return dump(old), dump(new)
end

T.test("the sample's extract records load as preload took them", function()
  local n = 0
  for a in corpus:articles() do
    local line = json.encode(require("lib.extract_record").new(nil)(a))
    local old, new = both(line)
    T.eq(new, old, a.id)
    T.ok(#new > 0)
    n = n + 1
  end
  T.ok(n >= 5)
end)

lede.rules.clear()

T.test("keys twice, nulls, fields, nested and many attributes", function()
  local many = {}
  for i = 1, 40 do many[#many + 1] = string.format('"k%02d": %d', i, i) end
  local line = '{"text": "Alpha Beta said hello to Gamma.", "title": "Big news", ' ..
    '"subtitle": "Small", "clean": true, "index": 1, "annotations": [' ..
    '{"kind": "PERSON", "start": 1, "stop": 10, "attrs": {"canonical": "A", "canonical": "Alpha Beta", ' ..
    '"n": 3, "f": 0.25, "big": 9007199254740993, "whole": 2.0, "gone": null, "yes": true, "no": false}},' ..
    '{"kind": "X", "kind": "LOC", "start": 26, "stop": 30, "start": 26, "field": null},' ..
    '{"kind": "ORG", "start": 1, "stop": 3, "field": "title", "attrs": {"field": "subtitle"}},' ..
    '{"kind": "ORG", "start": 1, "stop": 5, "attrs": {"field": "subtitle", "s": "a\\u00e9\\n"}},' ..
    '{"kind": "Q", "start": 12, "stop": 15, "attrs": {"list": [1, 2, null], "o": {"a": null, "b": 1}}},' ..
    '{"kind": "M", "start": 1, "stop": 0, "attrs": {' .. table.concat(many, ", ") .. '}},' ..
    '{"kind": "E", "start": 5, "stop": 4}' ..
    '], "annotations": [{"kind": "SECOND", "start": 1, "stop": 5}, ' ..
    '{"kind": "LAST", "start": 1, "stop": 5, "attrs": {"x": "the last list counts"}}]}'
  -- the second "annotations" is the one decode (and merge's checks) read
  local old, new = both(line)
  T.eq(new, old)
  T.match(new, "LAST 1 5 nil")
  local first = line:gsub(', "annotations": %[{"kind": "SECOND".*$', "}")
  old, new = both(first)
  T.eq(new, old)
  T.match(new, "PERSON 1 10 nil {big=float:[^,]*,canonical=string:Alpha Beta,f=float:0.25,n=integer:3,no=boolean:false,whole=integer:2,yes=boolean:true}", "nulls left out, the last of a key twice")
  T.match(new, "LOC 26 30 nil {}")
  T.match(new, "ORG 1 3 title {field=string:title}")
  T.match(new, "Q 12 15 nil {list={1=integer:1,2=integer:2,3=userdata:")
  T.match(new, "M 1 0 nil {k01=integer:1,")
end)

T.test("a list named with \\u escapes, read as decode reads it", function()
  local line = '{"text": "Alpha Beta.", "clean": true, "index": 1, ' ..
    '"annotations": [{"kind": "PLAIN", "start": 1, "stop": 5}], ' ..
    '"annot\\u0061tions": [{"kind": "ESCAPED", "start": 7, "stop": 10, "attrs": {"s": "\\u00e9"}}]}'
  local old, new = both(line)
  T.eq(new, old)
  T.eq(new, "ESCAPED 7 10 nil {s=string:\u{e9}}", "the last list, as lede.json.decode reads it")
  local a = lede.parse(line, { format = "jsonl", quiet = true })[1]
  T.match(a.attached, "PLAIN", "a.attached: the first list, as the C reader reads it")
end)

T.test("a record that is not one is an error, not a crash", function()
  local a = lede.parse('{"text": "Alpha beta.", "clean": true, "index": 1, "annotations": []}',
                       { format = "jsonl", quiet = true })[1]
  T.raises(function() annotate.preload_line(a, "{nope", {}) end, "does not read as JSON")
  T.raises(function()
    annotate.preload_line(a, '{"annotations": [{"kind": "X", "start": 1, "stop": 99}]}', {})
  end, "annotation 1 is outside the text")
  T.raises(function()
    annotate.preload_line(a, '{"annotations": [{"kind": "X", "start": 1, "stop": 2, "field": "body"}]}', {})
  end, "annotation 1 is in an unknown field")
  T.raises(function() annotate.preload_line(a, '{"annotations": [5]}', {}) end, "annotation 1 is malformed")
end)

T.done()

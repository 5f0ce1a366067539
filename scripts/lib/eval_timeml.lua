-- Measure the date and time rules against TimeML (TempEval-3 Task A).
--
--   lede eval --format timeml DIR...     (DIR: *.tml files, or .tml files given directly)
--
-- Each file becomes one article: the TIMEX3 whose functionInDocument is
-- CREATION_TIME gives the article date, and the content of <TEXT>, its tags
-- removed and its entities decoded, is the article text. The TIMEX3 inside
-- <TEXT> are the gold expressions; the rules' DATE, TIME, DURATION, SET and
-- TIMEREF annotations are the predictions (their `type` attribute is the
-- TimeML type; without one the kind is taken: TIMEREF is type DATE).
--
-- Measures, as TempEval-3's scorer computes them:
--   strict     P/R/F1 of predictions whose span is exactly a gold span
--   relaxed    P/R/F1 of predictions that overlap a gold span (one-to-one,
--              first overlap in order)
--   type       accuracy of the TimeML type over relaxed matches
--   value      accuracy of the normalised value over relaxed matches
--   value F1   value accuracy x relaxed F1
-- and the most frequent errors: missed (by gold type and lower-cased text),
-- extra, wrong value, wrong type. LEDE_EVAL_TOP=N lists N errors (default
-- 25; "all"). With -o json, one object.

local output = require "lib.output"

local args = arg or {}
if #args == 0 then error("usage: lede eval --format timeml DIR...", 0) end

local function die(msg) error(msg, 0) end

local function readall(path)
  local f, err = io.open(path, "rb")
  if not f then die(err) end
  local s = f:read("a")
  f:close()
  return s
end

------------------------------------------------------------ reading TimeML

local ENT = { amp = "&", lt = "<", gt = ">", quot = '"', apos = "'" }
local function utf8_char(n)
  if n < 0 or n > 0x10FFFF or (n >= 0xD800 and n <= 0xDFFF) then return "\239\191\189" end
  return utf8.char(n)
end
-- &amp; &#38; &#x26; -> the character (an unknown entity is kept as written)
local function decode(s)
  return (s:gsub("&(#?[xX]?)(%w+);", function(h, name)
    if h == "" then return ENT[name] end
    local n = (h == "#") and tonumber(name) or tonumber(name, 16)
    return n and utf8_char(n) or nil
  end))
end

local function attrs_of(tag)
  local t = {}
  for k, v in tag:gmatch('([%w_:]+)%s*=%s*"([^"]*)"') do t[k] = decode(v) end
  for k, v in tag:gmatch("([%w_:]+)%s*=%s*'([^']*)'") do t[k] = decode(v) end
  return t
end

-- A TimeML file -> { date, text, timexes = { {start, stop, type, value, text}... } }
-- start/stop are 1-based inclusive byte offsets into text.
local function read_tml(path)
  -- line ends as lede reads them (CR LF and CR are LF), so offsets agree
  local s = readall(path):gsub("\r\n?", "\n")
  local date
  for tag in s:gmatch("<TIMEX3%s[^>]*>") do
    local a = attrs_of(tag)
    if a.functionInDocument == "CREATION_TIME" then date = a.value break end
  end
  if date then date = date:match("^%d%d%d%d%-%d%d%-%d%d") end
  local t0, t1 = s:find("<TEXT[^>]*>")
  local t2 = t1 and s:find("</TEXT>", t1 + 1, true)
  if not t2 then die(path .. ": no <TEXT> element") end
  local body = s:sub(t1 + 1, t2 - 1)
  local lineno = select(2, s:sub(1, t0):gsub("\n", "")) + 1
  local parts, len, timexes, open = {}, 0, {}, nil
  local i = 1
  while i <= #body do
    local lt = body:find("<", i, true)
    local chunk = body:sub(i, (lt or #body + 1) - 1)
    if chunk ~= "" then
      chunk = decode(chunk)
      parts[#parts + 1] = chunk
      len = len + #chunk
    end
    if not lt then break end
    local gt = body:find(">", lt, true)
    if not gt then
      die(string.format("%s:%d: unclosed tag", path, lineno + select(2, body:sub(1, lt):gsub("\n", ""))))
    end
    local tag = body:sub(lt, gt)
    if tag:match("^<TIMEX3[%s>]") then
      if open then die(string.format("%s: TIMEX3 inside TIMEX3 (%s)", path, tag)) end
      local a = attrs_of(tag)
      open = { start = len + 1, type = a.type, value = a.value, mod = a.mod, tid = a.tid }
    elseif tag:match("^</TIMEX3") then
      if not open then die(path .. ": </TIMEX3> without <TIMEX3>") end
      open.stop = len
      if open.stop >= open.start then timexes[#timexes + 1] = open end
      open = nil
    end
    i = gt + 1
  end
  if open then die(string.format("%s: <TIMEX3 tid=\"%s\"> is not closed", path, tostring(open.tid))) end
  local raw = table.concat(parts)
  -- lede makes each non-blank line of a JSON Lines text a paragraph (trimmed,
  -- a blank line between two): build that text, and map every raw byte kept
  -- to its place in it, so the gold offsets are offsets into the article
  local out, map, n = {}, {}, 0
  for ls, line in raw:gmatch("()([^\n]*)") do
    local a, b = line:find("^%s*"), #line
    a = select(2, line:find("^%s*")) + 1
    while b >= a and line:sub(b, b):match("%s") do b = b - 1 end
    if b >= a then
      if n > 0 then out[#out + 1] = "\n\n"; n = n + 2 end
      out[#out + 1] = line:sub(a, b)
      for k = a, b do map[ls + k - 1] = n + k - a + 1 end
      n = n + b - a + 1
    end
  end
  local text = table.concat(out)
  local kept = {}
  for _, x in ipairs(timexes) do
    local s0, s1 = x.start, x.stop
    while s0 <= s1 and not map[s0] do s0 = s0 + 1 end
    while s1 >= s0 and not map[s1] do s1 = s1 - 1 end
    if s0 <= s1 then
      x.start, x.stop = map[s0], map[s1]
      x.text = text:sub(x.start, x.stop)
      kept[#kept + 1] = x
    end
  end
  timexes = kept
  return { date = date, text = text, timexes = timexes }
end

------------------------------------------------------------ files

local files = {}
for _, p in ipairs(args) do
  if p:match("%.tml$") then
    files[#files + 1] = p
  else
    local names = lede.listdir(p)
    if not names then die(p .. ": not a folder or a .tml file") end
    for _, n in ipairs(names) do
      if n:match("%.tml$") then files[#files + 1] = p:gsub("/+$", "") .. "/" .. n end
    end
  end
end
if #files == 0 then die("eval --format timeml: no .tml file in " .. table.concat(args, ", ")) end
table.sort(files)

------------------------------------------------------------ scoring

local KINDS = { DATE = "DATE", TIME = "TIME", DURATION = "DURATION", SET = "SET", TIMEREF = "DATE" }
local C = { gold = 0, pred = 0, strict = 0, relaxed = 0, type_ok = 0, value_ok = 0 }
local ERR, err_order = {}, {}
local function note(what, gtype, text, detail)
  local key = what .. "\0" .. gtype .. "\0" .. text .. "\0" .. (detail or "")
  local e = ERR[key]
  if not e then
    e = { what = what, type = gtype, text = text, detail = detail or "", count = 0 }
    ERR[key] = e
    err_order[#err_order + 1] = e
  end
  e.count = e.count + 1
end
local function lc(s) return (s:gsub("%s+", " "):lower()) end
-- LEDE_EVAL_CONTEXT=1: each error also on stderr with its document and the text around it
local CONTEXT = os.getenv("LEDE_EVAL_CONTEXT") == "1"
local function context(doc, what, x, detail)
  if not CONTEXT then return end
  local a, b = math.max(1, x.start - 80), math.min(#doc.text, x.stop + 60)
  io.stderr:write(string.format("%s\t%s\t%s\t%s\t%s[[%s]]%s\n", doc.path:match("[^/]+$"), what,
    x.text, detail or "", doc.text:sub(a, x.start - 1):gsub("%s+", " "), x.text,
    doc.text:sub(x.stop + 1, b):gsub("%s+", " ")))
end

-- lede writes a decade 199X (ISO 8601's reduced precision with its
-- unknown digit shown); TimeML writes 199
local function same_value(g, p)
  if p == g then return true end
  return type(p) == "string" and type(g) == "string" and p:match("^%d%d%dX$") ~= nil and p:sub(1, 3) == g
end

local function score(doc, preds)
  C.gold, C.pred = C.gold + #doc.timexes, C.pred + #preds
  local used = {}
  for _, g in ipairs(doc.timexes) do
    local best
    for pi, p in ipairs(preds) do
      -- the prediction of the same span, else the first that overlaps
      if not used[pi] and p.start <= g.stop and g.start <= p.stop then
        if p.start == g.start and p.stop == g.stop then best = pi; break end
        best = best or pi
      end
      if p.start > g.stop then break end
    end
    if best then
      local p = preds[best]
      used[best] = true
      C.relaxed = C.relaxed + 1
      if p.start == g.start and p.stop == g.stop then C.strict = C.strict + 1
      else
        note("span", g.type, lc(g.text), "got '" .. lc(p.text) .. "'")
        context(doc, "span", g, "got '" .. p.text .. "'")
      end
      if p.type == g.type then C.type_ok = C.type_ok + 1
      else note("type", g.type, lc(g.text), "got " .. p.type) end
      if same_value(g.value, p.value) then C.value_ok = C.value_ok + 1
      else
        note("value", g.type, lc(g.text), "gold " .. tostring(g.value) .. ", got " .. tostring(p.value))
        context(doc, "value", g, "gold " .. tostring(g.value) .. ", got " .. tostring(p.value) .. " (" .. tostring(doc.date) .. ")")
      end
    else
      note("missed", g.type, lc(g.text))
      context(doc, "missed", g, g.type .. " " .. tostring(g.value))
    end
  end
  for pi, p in ipairs(preds) do
    if not used[pi] then
      note("extra", p.type, lc(p.text))
      context(doc, "extra", p, p.type .. " " .. tostring(p.value))
    end
  end
end

local records = {}
local docs = {}
for i, path in ipairs(files) do
  local d = read_tml(path)
  d.path = path
  docs[i] = d
  records[i] = lede.json.encode{ id = path:match("([^/]+)%.tml$"), date = d.date, text = d.text }
end
local corpus_t = lede.parse(table.concat(records, "\n") .. "\n",
                            { format = "jsonl", name = "timeml.jsonl", quiet = true })
if #corpus_t ~= #docs then die(string.format("%d TimeML files made %d articles", #docs, #corpus_t)) end

local ndocs, nodate = 0, 0
for i, d in ipairs(docs) do
  local a = corpus_t[i]
  if a.text ~= d.text then
    local k = 1
    while k <= #d.text and d.text:byte(k) == (a.text or ""):byte(k) do k = k + 1 end
    die(string.format("%s: the article text is not the text of <TEXT> (from byte %d: %q, article: %q)", d.path, k, d.text:sub(k, k + 40), (a.text or ""):sub(k - 40, k + 40)))
  end
  if not d.date then nodate = nodate + 1 end
  ndocs = ndocs + 1
  local preds = {}
  for _, x in ipairs(a:annotations()) do
    local t = KINDS[x.kind]
    if t and not x.field then
      preds[#preds + 1] = { start = x.start, stop = x.stop, text = x.text,
                            type = x.type or t, value = x.value }
    end
  end
  table.sort(preds, function(p, q) return p.start < q.start end)
  score(d, preds)
end

------------------------------------------------------------ report

local function ratio(a, b) return b > 0 and a / b or 0 end
local function r3(x) return tonumber(string.format("%.3f", x)) end
local function prf(tp_p, tp_r)
  local p, r = ratio(tp_p, C.pred), ratio(tp_r, C.gold)
  return p, r, (p + r) > 0 and 2 * p * r / (p + r) or 0
end
local sp, sr, sf = prf(C.strict, C.strict)
local rp, rr, rf = prf(C.relaxed, C.relaxed)
local tacc, vacc = ratio(C.type_ok, C.relaxed), ratio(C.value_ok, C.relaxed)
local vf1 = vacc * rf

local rows = {
  { measure = "strict", precision = r3(sp), recall = r3(sr), f1 = r3(sf) },
  { measure = "relaxed", precision = r3(rp), recall = r3(rr), f1 = r3(rf) },
}
table.sort(err_order, function(x, y)
  if x.count ~= y.count then return x.count > y.count end
  if x.what ~= y.what then return x.what < y.what end
  return x.text < y.text
end)
local top = os.getenv("LEDE_EVAL_TOP")
top = (top == "all") and math.huge or tonumber(top) or 25
local erows = {}
for i = 1, math.min(#err_order, top) do
  local e = err_order[i]
  erows[i] = { count = e.count, error = e.what, type = e.type, text = e.text, detail = e.detail }
end

output.emit{
  title = string.format("TimeML evaluation: %d document%s, %d gold expressions, %d predicted",
                        ndocs, ndocs == 1 and "" or "s", C.gold, C.pred),
  summary = {
    string.format("strict   P %.3f  R %.3f  F1 %.3f", sp, sr, sf),
    string.format("relaxed  P %.3f  R %.3f  F1 %.3f", rp, rr, rf),
    string.format("type accuracy %.3f  value accuracy %.3f  value F1 %.3f", tacc, vacc, vf1),
    nodate > 0 and string.format("%d document%s without a creation time", nodate, nodate == 1 and "" or "s") or nil,
  },
  meta = { documents = ndocs, gold = C.gold, predicted = C.pred,
           strict = { precision = r3(sp), recall = r3(sr), f1 = r3(sf) },
           relaxed = { precision = r3(rp), recall = r3(rr), f1 = r3(rf) },
           type_accuracy = r3(tacc), value_accuracy = r3(vacc), value_f1 = r3(vf1) },
  sections = {
    { name = "scores", layout = "table", columns = { "measure", "precision", "recall", "f1" }, rows = rows },
    { name = "errors", layout = "table",
      title = string.format("errors (%s, by count)", top == math.huge and "all" or "top " .. top),
      note = "missed: a gold expression no prediction overlaps; extra: a prediction overlapping none; span/type/value: of an overlapping pair",
      columns = { "count", "error", "type", "text", "detail" },
      rows = erows },
  },
}

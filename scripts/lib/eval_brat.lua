-- Measure the quote rule on brat standoff attributions (PolNeAR and the like).
--
--   lede eval --format brat DIR...
--
-- A DIR holds text/NAME.txt (the article) and attributions/NAME_ANNOTATOR.ann
-- (or attributions/NAME.ann): brat standoff with `Source`, `Cue` and `Content`
-- text-bound spans ("T3<TAB>Content 115 290;300 310<TAB>..."; offsets in
-- Unicode characters, 0-based, end exclusive, ";" between the pieces of a
-- discontinuous span) tied by event lines ("E1<TAB>Attribution:T4 Content:T3
-- Cue:T2 Source:T1", also Content2:, Source2:, Attribution-no-source:). When an
-- article has several annotators' files, the first by name is used.
--
-- Each article is fed to the rules whole, as the `text` of a JSON Lines record
-- (so no line is dropped by the plain-text recovery and article.text is the
-- file byte for byte); QUOTE byte spans are then mapped to character offsets.
-- A file whose text lede changes (invalid UTF-8 repaired, white space
-- changed, characters normalized to NFC) is mapped by aligning the two texts.
--
-- Gold: one item per event with a Content (events sharing the same content
-- spans are one item, their sources joined). A gold item is direct when its
-- content, bar spaces and final punctuation, is within quotation marks;
-- otherwise it is reported speech (including reported speech holding a
-- quoted fragment). Predictions: the body QUOTE annotations (headline ones,
-- with a field, are not counted; the records have no title), one per
-- utterance: a fragment marked as part of reported speech (attrs.part) is
-- not counted apart from the reported QUOTE that holds it.
--
-- Match: one-to-one, greedy by coverage, a prediction and a gold item pair
-- when more than 30 % (and, second measure, 80 %) of the gold content's
-- characters fall inside the predicted span. P = matched predictions /
-- predictions, R = matched gold / gold, also for direct and reported apart
-- (gold by its kind, predictions by attrs.direct).
--
-- Speaker accuracy (of the gold items matched at 30 % that have a Source):
-- the QUOTE's speaker mention (attrs.speaker_start..speaker_stop, the span
-- 40_quotes.lua records) overlaps a gold Source span; a QUOTE with a speaker
-- name but no mention span is right when the name and the gold source text
-- share a word (case- and accent-folded, three letters or more); no speaker
-- is wrong. The rows say how many were decided each way.
--
-- Prints the scores and the most frequent errors (20; all with
-- LEDE_EVAL_VERBOSE=1). Honours -o text|json|csv|md.

local output = require "lib.output"

local TOP_ERRORS = os.getenv("LEDE_EVAL_VERBOSE") and math.huge or 20
-- LEDE_EVAL_DUMP=FILE: one JSON line per gold item and per unmatched
-- prediction (kind, matched, cue, source, content, predicted span and
-- speaker), for error analysis by cue word
local DUMP = os.getenv("LEDE_EVAL_DUMP")
local dump_f = nil
if DUMP then
  dump_f = io.open(DUMP, "w")
  if not dump_f then io.stderr:write("lede: eval: cannot write " .. DUMP .. "\n") os.exit(2) end
end
local function dump(rec) if dump_f then dump_f:write(lede.json.encode(rec), "\n") end end
local dirs = {}
for i = 1, #(arg or {}) do dirs[i] = arg[i] end
if #dirs == 0 then
  io.stderr:write("usage: lede eval --format brat DIR...\n")
  os.exit(2)
end

local function die(msg)
  io.stderr:write("lede: eval: " .. msg .. "\n")
  os.exit(2)
end

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then die(err or path) end
  local s = f:read("a")
  f:close()
  return s
end

------------------------------------------------------------ brat reading

-- Parse one .ann file: { items = { {content = {{a,b},...}, sources = {{a,b},...},
-- cue = {...}, line = n} }, discarded = n }. Offsets stay 0-based characters.
local function parse_ann(path, text_chars)
  local spans = {}            -- T id -> { type, ranges }
  local events = {}
  local ln = 0
  for line in (read_file(path) .. "\n"):gmatch("([^\n]*)\n") do
    ln = ln + 1
    line = line:gsub("\r$", "")
    local id, rest = line:match("^(T%d+)\t([^\t]*)")
    if id then
      local ty, offs = rest:match("^(%S+)%s+(.+)$")
      if not ty then die(string.format("%s:%d: a text-bound line without a type and offsets", path, ln)) end
      local ranges = {}
      for piece in offs:gmatch("[^;]+") do
        local a, b = piece:match("^%s*(%d+)%s+(%d+)%s*$")
        if not a then die(string.format("%s:%d: bad offsets '%s'", path, ln, offs)) end
        a, b = tonumber(a), tonumber(b)
        if b < a or b > text_chars then
          die(string.format("%s:%d: offsets %d %d outside the text (%d characters)", path, ln, a, b, text_chars))
        end
        ranges[#ranges + 1] = { a, b }
      end
      spans[id] = { type = ty, ranges = ranges }
    elseif line:match("^E%d+\t") then
      local args = line:match("^E%d+\t(.*)$")
      local ev = { line = ln, args = {} }
      for role, tid in args:gmatch("([%w%-_]+):(T%d+)") do ev.args[#ev.args + 1] = { role, tid } end
      events[#events + 1] = ev
    end
  end
  local items, by_key = {}, {}
  for _, ev in ipairs(events) do
    local content, sources, cues = {}, {}, {}
    for _, ra in ipairs(ev.args) do
      local role, tid = ra[1], ra[2]
      local sp = spans[tid]
      if not sp then die(string.format("%s:%d: event names %s, which is not defined", path, ev.line, tid)) end
      local r = role:gsub("%d+$", "")
      local into = (r == "Content" and content) or (r == "Source" and sources) or (r == "Cue" and cues) or nil
      if into then for _, g in ipairs(sp.ranges) do into[#into + 1] = g end end
    end
    if #content > 0 then
      table.sort(content, function(x, y) return x[1] < y[1] end)
      local parts = {}
      for _, g in ipairs(content) do parts[#parts + 1] = g[1] .. "-" .. g[2] end
      local key = table.concat(parts, ",")
      local it = by_key[key]
      if it then
        for _, g in ipairs(sources) do it.sources[#it.sources + 1] = g end
      else
        it = { content = content, sources = sources, cues = cues, line = ev.line }
        by_key[key] = it
        items[#items + 1] = it
      end
    end
  end
  return items
end

------------------------------------------------------------ offsets

-- Character starts of a UTF-8 string: starts[c] is the 1-based byte where the
-- 0-based character c begins (starts[n] = #s + 1), and char_at[byte] the
-- 0-based character holding that byte.
local function char_index(s)
  local starts, char_at = {}, {}
  local c = 0
  local ok = utf8.len(s)
  if not ok then return nil end
  for p, code in utf8.codes(s) do
    starts[c] = p
    local len = code < 0x80 and 1 or code < 0x800 and 2 or code < 0x10000 and 3 or 4
    for b = p, p + len - 1 do char_at[b] = c end
    c = c + 1
  end
  starts[c] = #s + 1
  return { starts = starts, char_at = char_at, n = c }
end

-- The file's text and the article's differ (the JSON Lines reader makes each
-- line a paragraph: "\n" becomes "\n\n", spaces at a line's end go; a bad
-- byte becomes U+FFFD): a map from article bytes to file bytes, by walking
-- both. Equal bytes pair; otherwise white space is skipped on either side.
local function ws_len(s, i)
  local b = s:byte(i)
  if b == 32 or b == 9 or b == 10 or b == 13 or b == 11 or b == 12 then return 1 end
  local two, three = s:sub(i, i + 1), s:sub(i, i + 2)
  if two == "\u{A0}" then return 2 end
  if three == "\u{FEFF}" or three == "\u{3000}" or three == "\u{2028}" or three == "\u{2029}"
     or three == "\u{202F}" or three == "\u{205F}" then return 3 end
  if three:match("^\xE2\x80[\x80-\x8B]$") then return 3 end
  return nil
end
-- the length of a UTF-8 character by its first byte
local function char_len(b)
  if b >= 0xF0 then return 4 elseif b >= 0xE0 then return 3 elseif b >= 0xC0 then return 2 end
  return 1
end
local function align(file_text, art_text)
  local map = {}
  local i, j = 1, 1
  local nf, na = #file_text, #art_text
  while j <= na do
    local fb, ab = file_text:byte(i), art_text:byte(j)
    if fb and fb == ab then
      map[j] = i; i = i + 1; j = j + 1
    elseif ws_len(art_text, j) then
      for k = j, j + ws_len(art_text, j) - 1 do map[k] = math.min(i, nf) end
      j = j + ws_len(art_text, j)                       -- inserted white space
    elseif fb and ws_len(file_text, i) then
      i = i + ws_len(file_text, i)                      -- dropped white space
    elseif fb and art_text:sub(j, j + 2) == "\u{FFFD}" then
      map[j], map[j + 1], map[j + 2] = i, i, i          -- a bad byte replaced
      i = i + 1; j = j + 3
    elseif fb and ab then
      -- a character normalized (NFC: a letter and its combining marks made
      -- one character): the file's character with the combining marks
      -- (U+0300..U+036F) after it is the text's one character; another
      -- changed character only when what follows agrees again
      local fi = i + char_len(fb)
      while file_text:sub(fi, fi + 1):match("^[\xCC\xCD][\x80-\xBF]$") do fi = fi + 2 end
      local aj = j + char_len(ab)
      local composed = fi > i + char_len(fb)
      if not composed and file_text:sub(fi, fi + 3) ~= art_text:sub(aj, aj + 3) then return nil end
      for k = j, aj - 1 do map[k] = i end
      i, j = fi, aj
    else
      return nil
    end
  end
  return map
end

------------------------------------------------------------ gold kinds

local OPEN = { ["\""] = true, ["“"] = true, ["‘"] = true, ["«"] = true, ["„"] = true, ["'"] = true, ["”"] = true }
local CLOSE = { ["\""] = true, ["”"] = true, ["’"] = true, ["»"] = true, ["“"] = true, ["'"] = true }
local TRAIL = { ["."] = true, [","] = true, [";"] = true, [":"] = true, ["!"] = true, ["?"] = true,
                ["—"] = true, ["-"] = true, [")"] = true }

-- chars: list of characters (strings) of the file
local function is_direct(chars, content)
  local a, b = content[1][1], content[#content][2] - 1
  while a <= b and chars[a]:match("^%s$") do a = a + 1 end
  while b >= a and (chars[b]:match("^%s$") or TRAIL[chars[b]]) do b = b - 1 end
  if a > b then return false end
  local opened = OPEN[chars[a]]
  if not opened then
    local p = a - 1
    while p >= 0 and chars[p]:match("^%s$") do p = p - 1 end
    opened = p >= 0 and OPEN[chars[p]] and chars[p] ~= "’"
  end
  if not opened then return false end
  local closed = CLOSE[chars[b]] and b > a
  if not closed then
    local q = content[#content][2]
    while chars[q] and (TRAIL[chars[q]] or chars[q]:match("^%s$")) and q < content[#content][2] + 2 do
      if CLOSE[chars[q]] then break end
      q = q + 1
    end
    closed = chars[q] ~= nil and CLOSE[chars[q]]
  end
  return closed and true or false
end

------------------------------------------------------------ scoring

local THRESHOLDS = { 0.3, 0.8 }
local function new_counts()
  return { gold = 0, pred = 0, mg = 0, mp = 0 }
end
local S = {}
for _, th in ipairs(THRESHOLDS) do
  S[th] = { all = new_counts(), direct = new_counts(), reported = new_counts() }
end
local SPK = { matched = 0, with_source = 0, correct = 0, by_span = 0, by_name = 0, no_speaker = 0,
              span_correct = 0, name_correct = 0 }
local stats = { articles = 0, files = 0, skipped_annotators = 0, gold = 0, direct = 0, reported = 0,
                predicted = 0, realigned = 0 }
local errors, error_order = {}, {}
local function note(kind, doc, text, extra)
  local label = kind .. ": " .. text
  local e = errors[label]
  if not e then
    e = { label = label, what = kind, article = doc, text = text, detail = extra, count = 0 }
    errors[label] = e
    error_order[#error_order + 1] = e
  end
  e.count = e.count + 1
end

local function overlap(a1, b1, a2, b2)            -- half-open [a, b)
  local x, y = math.max(a1, a2), math.min(b1, b2)
  return y > x and (y - x) or 0
end

local function words_of(s)
  local w = {}
  for x in lede.fold(s):gmatch("[%w\x80-\xff]+") do if #x >= 3 then w[x] = true end end
  return w
end

local function snippet(chars, a, b)
  local out = {}
  for c = a, math.min(b - 1, a + 89) do out[#out + 1] = chars[c] end
  local s = table.concat(out):gsub("%s+", " ")
  if b - a > 90 then s = s .. "…" end
  return s
end

local function score_article(name, chars, golds, preds)
  stats.gold = stats.gold + #golds
  stats.predicted = stats.predicted + #preds
  for _, g in ipairs(golds) do
    g.kind = g.direct and "direct" or "reported"
    stats[g.kind] = stats[g.kind] + 1
    g.len = 0
    for _, r in ipairs(g.content) do g.len = g.len + (r[2] - r[1]) end
  end
  for _, p in ipairs(preds) do p.kind = p.direct and "direct" or "reported" end
  local pairs_ = {}
  for gi, g in ipairs(golds) do
    for pi, p in ipairs(preds) do
      local cov = 0
      for _, r in ipairs(g.content) do cov = cov + overlap(r[1], r[2], p.a, p.b) end
      if g.len > 0 and cov > 0 then pairs_[#pairs_ + 1] = { gi = gi, pi = pi, cov = cov / g.len } end
    end
  end
  table.sort(pairs_, function(x, y)
    if x.cov ~= y.cov then return x.cov > y.cov end
    if x.gi ~= y.gi then return x.gi < y.gi end
    return x.pi < y.pi
  end)
  for _, th in ipairs(THRESHOLDS) do
    local gm, pm = {}, {}
    for _, pr in ipairs(pairs_) do
      if pr.cov > th and not gm[pr.gi] and not pm[pr.pi] then
        gm[pr.gi], pm[pr.pi] = pr.pi, pr.gi
      end
    end
    local C = S[th]
    for gi, g in ipairs(golds) do
      C.all.gold = C.all.gold + 1
      C[g.kind].gold = C[g.kind].gold + 1
      if gm[gi] then C.all.mg = C.all.mg + 1; C[g.kind].mg = C[g.kind].mg + 1 end
    end
    for pi, p in ipairs(preds) do
      C.all.pred = C.all.pred + 1
      C[p.kind].pred = C[p.kind].pred + 1
      if pm[pi] then C.all.mp = C.all.mp + 1; C[p.kind].mp = C[p.kind].mp + 1 end
    end
    if th == 0.3 then
      for gi, g in ipairs(golds) do
        local pi = gm[gi]
        local gtext = snippet(chars, g.content[1][1], g.content[#g.content][2])
        if not pi then
          -- partly covered? say by how much
          local best = 0
          for _, pr in ipairs(pairs_) do if pr.gi == gi then best = math.max(best, pr.cov) end end
          local cue = {}
          for _, r in ipairs(g.cues) do cue[#cue + 1] = snippet(chars, r[1], r[2]) end
          local detail = #cue > 0 and "cue " .. table.concat(cue, " ") or "no cue"
          if best > 0 then detail = detail .. string.format("; best cover %.2f", best) end
          note("missed " .. g.kind, name, gtext, detail)
        else
          local p = preds[pi]
          SPK.matched = SPK.matched + 1
          if #g.sources > 0 then
            SPK.with_source = SPK.with_source + 1
            local ok
            if p.sa then
              SPK.by_span = SPK.by_span + 1
              ok = false
              for _, r in ipairs(g.sources) do if overlap(r[1], r[2], p.sa, p.sb) > 0 then ok = true end end
              if ok then SPK.span_correct = SPK.span_correct + 1 end
            elseif p.speaker then
              SPK.by_name = SPK.by_name + 1
              local gw = {}
              for _, r in ipairs(g.sources) do
                for w in pairs(words_of(snippet(chars, r[1], r[2]))) do gw[w] = true end
              end
              ok = false
              for w in pairs(words_of(p.speaker)) do if gw[w] then ok = true end end
              if ok then SPK.name_correct = SPK.name_correct + 1 end
            else
              SPK.no_speaker = SPK.no_speaker + 1
              ok = false
            end
            g.speaker_ok = ok
            if ok then SPK.correct = SPK.correct + 1
            else
              local src = {}
              for _, r in ipairs(g.sources) do src[#src + 1] = snippet(chars, r[1], r[2]) end
              local said = p.sa and snippet(chars, p.sa, p.sb) or p.speaker or "(none)"
              note("wrong speaker", name, said .. " for " .. table.concat(src, " / "), gtext)
            end
          end
        end
        if dump_f then
          local cue, src = {}, {}
          for _, r in ipairs(g.cues) do cue[#cue + 1] = snippet(chars, r[1], r[2]) end
          for _, r in ipairs(g.sources) do src[#src + 1] = snippet(chars, r[1], r[2]) end
          local p = pi and preds[pi]
          local cover = 0
          for _, pr in ipairs(pairs_) do if pr.gi == gi then cover = math.max(cover, pr.cov) end end
          dump{ article = name, gold = g.kind, matched = pi ~= nil, cue = table.concat(cue, " "), cover = cover,
                source = table.concat(src, " / "), content = gtext,
                predicted = p and snippet(chars, p.a, p.b) or nil, pred_kind = p and p.kind or nil,
                speaker = p and (p.sa and snippet(chars, p.sa, p.sb) or p.speaker) or nil,
                speaker_ok = g.speaker_ok }
        end
      end
      for pi, p in ipairs(preds) do
        if not pm[pi] then
          note("spurious " .. p.kind, name, snippet(chars, p.a, p.b))
          dump{ article = name, spurious = p.kind, predicted = snippet(chars, p.a, p.b),
                speaker = p.sa and snippet(chars, p.sa, p.sb) or p.speaker }
        end
      end
    end
  end
end

------------------------------------------------------------ the sets

local function join(a, b) return (a:gsub("/+$", "")) .. "/" .. b end

for _, dir in ipairs(dirs) do
  local tdir, adir = join(dir, "text"), join(dir, "attributions")
  local tnames = lede.listdir(tdir)
  local anames = lede.listdir(adir)
  if not tnames or not anames then
    die(dir .. ": expected text/ and attributions/ folders (brat standoff)")
  end
  local has_text = {}
  for _, n in ipairs(tnames) do
    local base = n:match("^(.*)%.txt$")
    if base then has_text[base] = n end
  end
  local chosen, order = {}, {}
  for _, n in ipairs(anames) do
    local base = n:match("^(.*)%.ann$")
    if base then
      local name = has_text[base] and base or (base:match("^(.*)_[^_]+$"))
      if name and has_text[name] then
        if chosen[name] then stats.skipped_annotators = stats.skipped_annotators + 1
        else chosen[name] = join(adir, n); order[#order + 1] = name end
      else
        die(join(adir, n) .. ": no text/" .. (name or base) .. ".txt for it")
      end
    end
  end
  if #order == 0 then die(dir .. ": no .ann file in attributions/") end
  -- read every article and its gold first
  local docs, records = {}, {}
  for _, name in ipairs(order) do
    local tpath = join(tdir, has_text[name])
    local t = read_file(tpath)
    local ci = char_index(t)
    if not ci then die(tpath .. ": not valid UTF-8 (brat offsets are characters)") end
    local chars = {}
    for c = 0, ci.n - 1 do chars[c] = t:sub(ci.starts[c], ci.starts[c + 1] - 1) end
    local golds = parse_ann(chosen[name], ci.n)
    for _, g in ipairs(golds) do g.direct = is_direct(chars, g.content) end
    docs[#docs + 1] = { name = name, text = t, ci = ci, chars = chars, golds = golds }
    records[#records + 1] = lede.json.encode{ id = name, text = t }
    stats.files = stats.files + 1
  end
  local corpus_c = lede.parse(table.concat(records, "\n") .. "\n",
                              { format = "jsonl", name = dir, quiet = true })
  if #corpus_c ~= #docs then die(string.format("%s: %d articles made %d", dir, #docs, #corpus_c)) end
  for i, d in ipairs(docs) do
    local a = corpus_c[i]
    local map = nil
    if a.text ~= d.text then
      map = align(d.text, a.text)
      if not map then die(d.name .. ": lede's text of the article cannot be aligned with the file") end
      stats.realigned = stats.realigned + 1
    end
    local function to_char(byte, at_end)
      if map then byte = map[byte] or (at_end and #d.text or 1) end
      local c = d.ci.char_at[byte]
      if not c then c = at_end and d.ci.n - 1 or 0 end
      return c
    end
    local preds = {}
    for _, q in ipairs(a:quotes()) do
      -- a quoted fragment inside reported speech (attrs.part) is counted
      -- with its utterance, not as a quote of its own
      if not rawget(q, "field") and not q.part then
        local p = { a = to_char(q.start), b = to_char(q.stop, true) + 1, direct = q.direct and true or false,
                    speaker = q.speaker }
        if q.speaker_start and q.speaker_stop then
          p.sa, p.sb = to_char(q.speaker_start), to_char(q.speaker_stop, true) + 1
        end
        preds[#preds + 1] = p
      end
    end
    stats.articles = stats.articles + 1
    score_article(d.name, d.chars, d.golds, preds)
  end
end

------------------------------------------------------------ output
if dump_f then dump_f:close() end

local function ratio(a, b) return b > 0 and a / b or 0 end
local function r3(x) return tonumber(string.format("%.3f", x)) end
local rows = {}
for _, th in ipairs(THRESHOLDS) do
  for _, kind in ipairs { "all", "direct", "reported" } do
    local c = S[th][kind]
    local p, r = ratio(c.mp, c.pred), ratio(c.mg, c.gold)
    local f = (p + r) > 0 and 2 * p * r / (p + r) or 0
    rows[#rows + 1] = { match = string.format("%d%%", math.floor(th * 100 + 0.5)), quotes = kind,
                        gold = c.gold, predicted = c.pred, matched_gold = c.mg, matched_predicted = c.mp,
                        precision = r3(p), recall = r3(r), f1 = r3(f) }
  end
end
local function get(th, kind, field)
  for _, r in ipairs(rows) do
    if r.match == th and r.quotes == kind then return r[field] end
  end
end
local speaker_acc = r3(ratio(SPK.correct, SPK.with_source))
local spk_rows = {
  { measure = "matched at 30% with a gold source", count = SPK.with_source },
  { measure = "speaker right", count = SPK.correct, share = speaker_acc },
  { measure = "decided by the speaker mention span (overlaps the source)", count = SPK.by_span,
    right = SPK.span_correct },
  { measure = "decided by the speaker name (a word shared with the source)", count = SPK.by_name,
    right = SPK.name_correct },
  { measure = "no speaker predicted", count = SPK.no_speaker },
  { measure = "matched without a gold source (not counted)", count = SPK.matched - SPK.with_source },
}

table.sort(error_order, function(x, y)
  if x.count ~= y.count then return x.count > y.count end
  return x.label < y.label
end)
local erows = {}
for i = 1, math.min(#error_order, TOP_ERRORS) do
  local e = error_order[i]
  erows[i] = { error = e.label .. (e.count > 1 and " x" .. e.count or ""), what = e.what, article = e.article,
               text = e.text, detail = e.detail, count = e.count }
end

output.emit{
  title = string.format("brat attribution evaluation: %d article%s, %d gold attributions (%d direct, %d reported), %d predicted quotes (%s)",
                        stats.articles, stats.articles == 1 and "" or "s", stats.gold, stats.direct,
                        stats.reported, stats.predicted, table.concat(dirs, ", ")),
  summary = {
    string.format("quotes at 30%%: P %.3f  R %.3f  F1 %.3f; at 80%%: P %.3f  R %.3f  F1 %.3f",
                  get("30%", "all", "precision"), get("30%", "all", "recall"), get("30%", "all", "f1"),
                  get("80%", "all", "precision"), get("80%", "all", "recall"), get("80%", "all", "f1")),
    string.format("recall at 30%%: direct %.3f, reported %.3f", get("30%", "direct", "recall"),
                  get("30%", "reported", "recall")),
    string.format("speaker accuracy %.3f (%d of %d matched with a source; %d by mention span, %d by name)",
                  speaker_acc, SPK.correct, SPK.with_source, SPK.by_span, SPK.by_name),
  },
  meta = { articles = stats.articles, gold = stats.gold, gold_direct = stats.direct,
           gold_reported = stats.reported, predicted = stats.predicted,
           other_annotators = stats.skipped_annotators, realigned = stats.realigned,
           f1 = get("30%", "all", "f1"), f1_80 = get("80%", "all", "f1"),
           precision = get("30%", "all", "precision"), recall = get("30%", "all", "recall"),
           direct_recall = get("30%", "direct", "recall"), reported_recall = get("30%", "reported", "recall"),
           speaker_accuracy = speaker_acc, speaker_matched = SPK.with_source, speaker_correct = SPK.correct,
           speaker_by_span = SPK.by_span, speaker_by_name = SPK.by_name },
  sections = {
    { name = "scores", layout = "table",
      note = "direct/reported: gold by its kind (content within quotation marks or not), predictions by attrs.direct",
      columns = { "match", "quotes", "gold", "predicted", "matched_gold", "matched_predicted",
                  "precision", "recall", "f1" },
      rows = rows },
    { name = "speakers", layout = "table", columns = { "measure", "count", "right", "share" }, rows = spk_rows },
    { name = "errors", layout = "table",
      title = string.format("errors (%s, by count)", TOP_ERRORS == math.huge and "all" or "top " .. TOP_ERRORS),
      columns = { "error", "what", "article", "text", "detail", "count" },
      show = { "error", "article" }, max_width = 140,
      rows = erows },
  },
}

-- lib.utterances: QUOTE annotations folded into utterances, from plain
-- per-article records, so that an in-memory corpus (article:utterances())
-- and a streamed one (lib.pass) fold them with the same code.
--
--   local U = require "lib.utterances"
--   local recs = U.records(article, keep_objects)  -- the article's QUOTEs
--   local utts = U.fold(recs, article, who)        -- who(raw speaker) -> name
--   local rows, of = U.speakers(utts, keep)        -- corpus:speakers()
--
-- One utterance per thing a speaker said: a reported sentence and the
-- quoted fragments inside it ("Stoltenberg said the attack is “totally
-- unacceptable”") are one, and so are the fragments of one sentence
-- ("stressed that the mission works under a “clear” mandate “to ensure a safe
-- environment”"). QUOTE annotations of the same speaker in the same sentence
-- are folded into one utterance, whether the quote rule made a QUOTE that
-- holds them (the fragments inside it) or only the fragments. A headline
-- quote whose words all come back in one of the body's utterances of the
-- same speaker ("calls on Kosovo to use ‘patience, perseverance,
-- compromise’") is that utterance, told again. The speaker is the
-- corpus-wide name, so the folding is done once that is known (after a
-- stream's last article); a record holds what it needs as plain values.

local M = {}

M.UNATTRIBUTED = "(unattributed)"

--- The article's QUOTE annotations as records: start, stop, direct, cue,
--- part, utterance_start, speaker (the rule's), field (headline), sent (its
--- sentence's index), text, sentence_text; with keep_objects also ann (the
--- annotation) and sentence (the object), which utterances then give back.
function M.records(article, keep_objects)
  local out, stext = {}, {}
  for _, q in ipairs(article:quotes()) do
    local field = rawget(q, "field")
    local r = { start = q.start, stop = q.stop, direct = q.direct, cue = q.cue, part = q.part,
                utterance_start = q.utterance_start, speaker = q.speaker, field = field,
                text = q.text }
    if not field then
      local s = q.sentence
      if s then
        r.sent = s.index
        local t = stext[s.index]       -- one string per sentence, shared
        if not t then t = s.text; stext[s.index] = t end
        r.sentence_text = t
        if keep_objects then r.sentence = s end
      end
    end
    if keep_objects then r.ann = q end
    out[#out + 1] = r
  end
  return out
end

-- Records packed for keeping (lib.pass keeps every article's until the
-- speakers' corpus-wide names are known): the numbers and flags of all an
-- article's records in one binary string, the speakers once each, and the
-- texts only when wanted ("all"), or when a headline quote is matched
-- against the body's words ("needed"; else a count of utterances needs no
-- text). A table per QUOTE was most of a streamed report's memory.
local FIELD_CODE = { title = 1, subtitle = 2 }
local FIELD_NAME = { "title", "subtitle" }
local FORMAT = "<i4i4i4i4I4B"
local SIZE = string.packsize(FORMAT)

function M.pack(records, texts)
  local keep = texts == "all"
  if texts == "needed" then
    for _, r in ipairs(records) do if r.field then keep = true break end end
  end
  local speakers, index, bin = {}, {}, {}
  local x = { speakers = speakers }
  if keep then x.text, x.sentence_text, x.cue = {}, {}, {} end
  for i, r in ipairs(records) do
    local si = 0
    if r.speaker then
      si = index[r.speaker]
      if not si then si = #speakers + 1; speakers[si] = r.speaker; index[r.speaker] = si end
    end
    local flags = (r.direct and 1 or 0) | (r.part and 2 or 0) | ((FIELD_CODE[r.field] or 0) << 2)
    bin[i] = string.pack(FORMAT, r.start, r.stop, r.utterance_start or -1, r.sent or 0, si, flags)
    if keep then x.text[i], x.sentence_text[i], x.cue[i] = r.text, r.sentence_text, r.cue end
  end
  x.bin = table.concat(bin)
  return x
end

--- The records of M.pack's x again (without the objects).
function M.unpack(x)
  local out, bin = {}, x.bin
  for i = 1, #bin // SIZE do
    local start, stop, ustart, sent, si, flags = string.unpack(FORMAT, bin, (i - 1) * SIZE + 1)
    out[i] = { start = start, stop = stop, utterance_start = ustart >= 0 and ustart or nil,
               sent = sent > 0 and sent or nil, speaker = x.speakers[si],
               direct = flags & 1 ~= 0, part = flags & 2 ~= 0 or nil,
               field = FIELD_NAME[flags >> 2],
               text = x.text and x.text[i], sentence_text = x.sentence_text and x.sentence_text[i],
               cue = x.cue and x.cue[i] }
  end
  return out
end

local function folded_words(s)
  local w = {}
  for x in lede.fold(s):gmatch("[%w']+") do w[#w + 1] = x end
  return w
end

-- the utterance a group of records (one speaker, one sentence, in text
-- order) makes: its head is the widest QUOTE; when the head holds them all
-- its words are the utterance's (unless they are a word or two), else the
-- sentence's
local function make_utterance(group, speaker, article)
  local head = group[1]
  local lo, hi = head.start, head.stop
  local all_direct = true
  for _, q in ipairs(group) do
    if q.stop - q.start > head.stop - head.start then head = q end
    if q.start < lo then lo = q.start end
    if q.stop > hi then hi = q.stop end
    if not q.direct then all_direct = false end
  end
  local whole = head.start == lo and head.stop == hi
  local cue = head.cue
  if not cue then
    for _, q in ipairs(group) do if q.cue then cue = q.cue break end end
  end
  local parts = {}
  for i, q in ipairs(group) do parts[i] = q.ann or q end
  -- a quoted word or two ("constructively", "security vacuum") reads only in
  -- its sentence: the utterance's text is then the sentence
  local text = head.text     -- nil in records packed without their texts
  if text and head.sent and (not whole or (head.direct and select(2, text:gsub("%S+", "")) < 3)) then
    text = head.sentence_text
  end
  return { speaker = speaker, direct = whole and (head.direct and true or false) or all_direct,
           cue = cue, text = text,
           article = article, sentence = head.sentence, field = head.field,
           start = lo, stop = hi, quote = head.ann or head, parts = parts }
end

--- The utterances of one article's records, in text order (headline
--- first): { speaker, direct, cue, text, article, sentence, field, start,
--- stop, quote (the widest QUOTE), parts (every QUOTE folded in) }.
--- who(raw) is the speaker's corpus-wide name (raw nil: unattributed).
function M.fold(records, article, who_of)
  local body, heads, out = {}, {}, {}
  local groups = {}
  for _, q in ipairs(records) do
    local who = q.speaker and who_of(q.speaker) or M.UNATTRIBUTED
    if q.field then
      heads[#heads + 1] = { q = q, who = who }
    else
      local key = who .. "\0" .. (q.sent or ("@" .. q.start))
      local g = groups[key]
      if not g then
        g = { who = who }
        groups[key] = g
        body[#body + 1] = g
      end
      g[#g + 1] = q
    end
  end
  -- a fragment the quote rule marks as part of a reported QUOTE (attrs.part,
  -- utterance_start) joins that QUOTE's utterance, whatever else differs
  local host_group = {}
  for _, g in ipairs(body) do
    for _, q in ipairs(g) do if not q.part then host_group[q.start] = g end end
  end
  for _, g in ipairs(body) do
    for i = #g, 1, -1 do
      local q = g[i]
      local h = q.part and q.utterance_start and host_group[q.utterance_start]
      if h and h ~= g then
        table.remove(g, i)
        h[#h + 1] = q
      end
    end
  end
  local made = {}
  for _, g in ipairs(body) do
    if #g > 0 then
      table.sort(g, function(x, y) return x.start < y.start end)
      made[#made + 1] = make_utterance(g, g.who, article)
    end
  end
  for _, h in ipairs(heads) do
    local words, home = folded_words(h.q.text), nil
    for _, u in ipairs(made) do
      if u.speaker == h.who and #words > 0 then
        local have = {}
        for _, x in ipairs(folded_words(u.text)) do have[x] = true end
        local all = true
        for _, x in ipairs(words) do if not have[x] then all = false break end end
        if all then home = u break end
      end
    end
    if home then
      home.parts[#home.parts + 1] = h.q.ann or h.q
    else
      out[#out + 1] = make_utterance({ h.q }, h.who, article)
    end
  end
  for _, u in ipairs(made) do out[#out + 1] = u end
  return out
end

--- A counter of utterances by speaker: counter(u) counts one (fed in
--- corpus order); counter.rows is M.speakers' rows. With `of`, the table
--- from each utterance and each of its parts to its row is filled too.
function M.speaker_counter(keep, of)
  local by_name, rows = {}, {}
  local seen = {}            -- row -> { article id = true }, kept out of the rows
  local counter = { rows = rows, of = of }
  setmetatable(counter, { __call = function(_, u)
    if keep and not keep(u) then return end
    local s = by_name[u.speaker]
    if not s then
      s = { speaker = u.speaker, quotes = 0, direct = 0, reported = 0, articles = {} }
      by_name[u.speaker] = s
      rows[#rows + 1] = s
      seen[s] = {}
    end
    s.quotes = s.quotes + 1
    if u.direct then s.direct = s.direct + 1 else s.reported = s.reported + 1 end
    local id = u.article.id
    if not seen[s][id] then
      seen[s][id] = true
      s.articles[#s.articles + 1] = id
    end
    if of then
      of[u] = s
      for _, q in ipairs(u.parts) do
        if type(q) == "table" then of[q] = s end   -- lib.pass keeps only offsets
      end
    end
  end })
  return counter
end

--- Rows { speaker, quotes, direct, reported, articles } in order of first
--- utterance, and a table from each utterance and each of its parts to its
--- row; only the utterances u with keep(u) true count (keep nil: all).
function M.speakers(utts, keep)
  local count = M.speaker_counter(keep, {})
  for _, u in ipairs(utts) do count(u) end
  return count.rows, count.of
end

return M

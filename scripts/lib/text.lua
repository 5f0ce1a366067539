-- lib.text: small text and calendar helpers shared by the rules and the
-- output library.

local M = {}

--- text:sub(s, e) moved forward to a UTF-8 character boundary, so the
--- piece is valid UTF-8 for lede.re.
function M.usub(text, s, e)
  if s < 1 then s = 1 end
  while s <= e do
    local b = text:byte(s)
    if not b or b < 0x80 or b >= 0xC0 then break end
    s = s + 1
  end
  return text:sub(s, e)
end

--- Year, month, day of a count of days since 1970-01-01 (proleptic
--- Gregorian; Howard Hinnant's civil_from_days, with Lua's floor division).
function M.from_days(z)
  z = z + 719468
  local era = z // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return y, m, d
end

--- Days since 1970-01-01 of a civil date (proleptic Gregorian; Hinnant's
--- days_from_civil, with Lua's floor division), the inverse of from_days.
function M.to_days(y, m, d)
  if m <= 2 then y = y - 1; m = m + 12 end
  local era = y // 400
  local yoe = y - era * 400
  local doy = (153 * (m - 3) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local MONTH_DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

function M.days_in_month(y, m)
  if m == 2 and ((y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0) then return 29 end
  return MONTH_DAYS[m]
end

--- The span of days an ISO value of lede's date rules covers: first, last
--- (inclusive), for 2023-09-24, 2023-09, 2023-W37, 2023 and 199X; nil for
--- values without a known year (XXXX-09-24) or anything else.
function M.date_span(v)
  if type(v) ~= "string" then return nil end
  local to_days = M.to_days
  local y, m, d = v:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if y then
    local n = to_days(tonumber(y), tonumber(m), tonumber(d))
    return n, n
  end
  y, m = v:match("^(%d%d%d%d)%-(%d%d)$")
  if y then
    y, m = tonumber(y), tonumber(m)
    local ny, nm = y, m + 1
    if nm > 12 then ny, nm = y + 1, 1 end
    return to_days(y, m, 1), to_days(ny, nm, 1) - 1
  end
  local w
  y, w = v:match("^(%d%d%d%d)%-W(%d%d)$")
  if y then
    y, w = tonumber(y), tonumber(w)
    local jan4 = to_days(y, 1, 4)
    local monday = jan4 - ((jan4 + 3) % 7)   -- 1970-01-01 was a Thursday
    local s = monday + (w - 1) * 7
    return s, s + 6
  end
  y = v:match("^(%d%d%d%d)$")
  if y then y = tonumber(y); return to_days(y, 1, 1), to_days(y + 1, 1, 1) - 1 end
  local dec = v:match("^(%d%d%d)X$")
  if dec then
    y = tonumber(dec) * 10
    return to_days(y, 1, 1), to_days(y + 10, 1, 1) - 1
  end
  return nil
end

--- A set { word = true } of the words of a whitespace-separated string.
function M.word_set(words)
  local t = {}
  for w in words:gmatch("%S+") do t[w] = true end
  return t
end

--- Lower-case particles inside personal names ("Ursula von der Leyen",
--- "Mohammed bin Salman", "Luiz Inácio Lula da Silva"): the entities rule
--- joins names over them, the quotes rule walks subjects through them.
M.NAME_PARTICLES = M.word_set [[ von van der den de del della di da du dos das la le
  bin ibn al ter ten zu do ]]

--- fn memoized by its one argument (a word), in a table emptied past `max`
--- entries (default 200000): rules test words per token, and a news
--- vocabulary is small next to its token count. nil results are not kept.
function M.memo(fn, max)
  max = max or 200000
  local t, n = {}, 0
  return function(w)
    local r = t[w]
    if r == nil then
      r = fn(w)
      if r ~= nil then
        if n >= max then t, n = {}, 0 end
        t[w] = r
        n = n + 1
      end
    end
    return r
  end
end

--- Single-token hits of C matchers (gazetteer or pattern hits over an
--- article: tok_first, tok_last, start, stop) grouped by sentence, for rules
--- that act at a few cue tokens instead of walking every token in Lua. A hit
--- must cover its whole token (a gazetteer also matches a part of a
--- hyphenated word). Returns { {sent = s, toks = s:tokens(), [1..] = index
--- of the token in toks}, ... } in text order, each index once.
function M.token_hits_by_sentence(article, ...)
  local at = {}
  for _, hits in ipairs { ... } do
    for _, h in ipairs(hits) do
      if h.tok_first == h.tok_last then at[#at + 1] = h end
    end
  end
  table.sort(at, function(x, y) return x.tok_first < y.tok_first end)
  local groups, all, last = {}, nil, nil
  for _, h in ipairs(at) do
    if h.tok_first ~= last then
      last = h.tok_first
      all = all or article:tokens()
      local tk = all[h.tok_first]
      if tk.start == h.start and tk.stop == h.stop then
        local g = groups[#groups]
        if not g or h.start > g.sent.stop then
          local sent = article:sentence_at(h.start)
          if sent then
            local toks = sent:tokens()
            g = { sent = sent, toks = toks, base = toks[1].index - 1 }
            groups[#groups + 1] = g
          end
        end
        if g then g[#g + 1] = h.tok_first - g.base end
      end
    end
  end
  return groups
end

------------------------------------------------------------ article labels

--- s cut to at most `max` characters (default 60) at a word boundary, with
--- "…" marking the cut; s itself when it fits. White space runs become one
--- space.
function M.short(s, max)
  max = max or 60
  s = (s or ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  local n = utf8.len(s)
  if not n then return s end
  if n <= max then return s end
  local cut = utf8.offset(s, max + 1) - 1      -- bytes of the first max characters
  local head = s:sub(1, cut)
  if s:sub(cut + 1, cut + 1) ~= " " then       -- inside a word: back to its start
    local at = head:match("^.*() ")
    if at and at > 1 then head = head:sub(1, at - 1) end
  end
  head = head:gsub("[%s%p]+$", "")
  if head == "" then head = s:sub(1, cut) end
  return head .. "…"
end

--- The title of an article, and whether it was made from the lead (the
--- article has none): the first sentence stands in for it.
function M.article_title(a)
  if a.title and a.title ~= "" then return a.title, false end
  local s = a:sentences()[1]
  if s then return s.text, true end
  return nil, false
end

-- labels per corpus, made once for all its articles so that two articles
-- that would read the same (wire copies) are told apart: " (2)", " (3)"
local labels = setmetatable({}, { __mode = "k" })

local function label_of(a, max)
  local title, from_lead = M.article_title(a)
  local t = title and M.short(title, max) or "(no title)"
  if from_lead then t = "[" .. t .. "]" end   -- a supplied title, as catalogues mark one
  local src = a.source or a.agency
  local head = {}
  if src then head[#head + 1] = src end
  if a.date then head[#head + 1] = a.date_doubtful == true and (a.date .. "?") or a.date end
  if #head == 0 then return t end
  return table.concat(head, ", ") .. ": " .. t
end

--- A labeler: a function giving the labels of a corpus's articles passed
--- to it in corpus order, each unique among those before it (the second
--- article that would read the same gets " (2)"): one pass over a stream
--- labels as article_label does over the whole corpus.
function M.labeler()
  local count = {}
  return function(a)
    local l = label_of(a, 40)
    count[l] = (count[l] or 0) + 1
    if count[l] > 1 then l = l .. " (" .. count[l] .. ")" end
    return l
  end
end

--- How reports name an article to a reader: source, date and a short title
--- ("Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…";
--- a title made from the lead is in brackets, a doubtful date has a "?"). Ids are for machines: JSON and
--- CSV keep them. Unique within the article's corpus.
function M.article_label(a)
  local c = a.corpus
  local t = labels[c]
  if not t or t.n ~= #c then
    t = { n = #c, of = {} }
    local label = M.labeler()
    for i = 1, #c do
      local x = c[i]
      t.of[x.index] = label(x)
    end
    labels[c] = t
  end
  return t.of[a.index] or label_of(a, 40)
end

--- Is an article date (ISO, "2023-09-07") within since..until (ISO dates,
--- either may be nil)? A partial bound ("2023-06") takes the whole month,
--- year or week it names. With a bound given, an undated article is out: it
--- cannot be placed.
function M.date_within(date, since, till)
  if not since and not till then return true end
  if type(date) ~= "string" then return false end
  local lo = M.date_span(date)
  if not lo then return false end
  if since then
    local s = M.date_span(since)
    if s and lo < s then return false end
  end
  if till then
    local _, t = M.date_span(till)
    if t and lo > t then return false end
  end
  return true
end

--- Does a name match what a user typed (--speaker Stoltenberg)? Folded
--- (case and accents), the words typed found as whole words in the name.
function M.name_matches(name, typed)
  if not typed then return true end
  local words = " " .. lede.fold(name or ""):gsub("[^%w]+", " ") .. " "
  for w in lede.fold(typed):gsub("[^%w]+", " "):gmatch("%S+") do
    if not words:find(" " .. w .. " ", 1, true) then return false end
  end
  return true
end

------------------------------------------------------------ what figures count

-- Plural nouns to singular: enough English for the units news counts.
local IRREGULAR = { men = "man", women = "woman", people = "people", children = "child",
                    police = "police", personnel = "personnel", staff = "staff", media = "media",
                    feet = "foot", teeth = "tooth", mice = "mouse", geese = "goose",
                    series = "series", species = "species", news = "news",
                    specimen = "specimen", abdomen = "abdomen", omen = "omen" }
function M.singular(w)
  w = lede.fold(w)
  if IRREGULAR[w] then return IRREGULAR[w] end
  if #w > 4 and w:match(".men$") then return (w:gsub("men$", "man")) end   -- gunmen, servicemen
  if #w > 4 and w:match("[^aeiou]ies$") then return (w:gsub("ies$", "y")) end  -- casualties
  if w:match("sses$") or w:match("xes$") or w:match("[cs]hes$") then return (w:gsub("es$", "")) end
  if w:match("ss$") or w:match("us$") or w:match("is$") then return w end
  return (w:gsub("s$", ""))
end

-- scripts/data/unit_classes.tsv: noun (or noun phrase) -> class
local unit_classes
local function classes()
  if unit_classes then return unit_classes end
  unit_classes = {}
  local path = require("lib.rules").data("unit_classes.tsv")
  if not path then return unit_classes end
  local n = 0
  for line in io.lines(path) do
    n = n + 1
    if line ~= "" and not line:match("^#") then
      local class, nouns = line:match("^([^\t]+)\t([^\t]+)$")
      if not class then error(string.format("%s:%d: expected CLASS<TAB>noun|noun...", path, n), 0) end
      for noun in nouns:gmatch("[^|]+") do unit_classes[lede.fold(noun)] = class end
    end
  end
  return unit_classes
end

--- What a FIGURE's unit counts: class, literal. The literal is the unit
--- folded with its last word singular ("additional troops" -> "additional
--- troop"); the class comes from scripts/data/unit_classes.tsv ("93 of its
--- soldiers", "93 troops": troops), else is the head noun (the last word
--- before "of": "two incidents" -> incident). Percent and money keep their
--- whole unit ("percent of GDP"). nil for no unit.
function M.unit_class(unit)
  if not unit or unit == "" then return nil end
  local u = lede.fold(unit)
  if u:match("^percent") or u == "dollars" or u == "euros" or u == "pounds" then return u, u end
  local head = u:match("^(.-)%s+of%s") or u
  local words = {}
  for w in head:gmatch("%S+") do words[#words + 1] = w end
  if #words == 0 then return nil end
  words[#words] = M.singular(words[#words])
  local full = table.concat(words, " ")
  local c = classes()
  if c[full] then return c[full], full end
  if #words >= 2 then
    local last2 = words[#words - 1] .. " " .. words[#words]
    if c[last2] then return c[last2], full end
  end
  return c[words[#words]] or words[#words], full
end

--- The labels of a list of article ids (or articles) of `corpus`, "; "
--- between them (labels hold commas), at most `max` (default 3) and
--- "(+N more)" after: a cell a reader can take in.
function M.labels_of(corpus, list, max)
  max = max or 3
  local t = {}
  for i = 1, math.min(#list, max) do
    local x = list[i]
    local a = type(x) == "string" and corpus:article(x) or x
    t[i] = (type(a) ~= "string" and a) and M.article_label(a) or tostring(x)
  end
  local s = table.concat(t, "; ")
  if #list > max then s = s .. string.format(" (+%d more)", #list - max) end
  return s
end

return M

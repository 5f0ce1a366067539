-- Where sources disagree: the same fact reported with different figures or dates in different articles, and claims one side denies.
--
-- @option --top=N  number  20  facts shown (the most confident first)
-- @option --kind=KIND  string  -  only facts of this kind: figure, date or claim
-- @option --since=DATE  date  -  only articles dated on or after DATE (undated ones are left out)
-- @option --until=DATE  date  -  only articles dated on or before DATE (undated ones are left out)
-- @option --min-confidence=X  number  0.05  facts less confident than X are left out
-- @option --reports=N  number  20  report rows per fact (a wire story copied 100 times shows N)
--
-- Usage: lede report disagreements [-o text|json|csv|md|html] CORPUS...
-- Copy this file to change it: it uses only the public lede Lua API and
-- lib.pass, so it runs the same with --stream.
--
-- Which dates are trusted. A page date the story's own evidence contradicts
-- (article.date_doubtful, with article.date_evidence saying why; or, here, a
-- text that names its own day as another date: "met today (13 June 2023)")
-- anchors nothing: its relative dates ("in May") are left out, and it counts
-- for no "days apart". And a year that only the article date supplied ("in
-- May" resolved to 2024-05) never makes a disagreement on its own: two sources
-- differ on a year only when both wrote one.
--
-- Claims and denials. "Kosovo has blamed Serbia for the attack" (blamed,
-- accused, held responsible) is a claim by the names before the verb against
-- the first name after it; "Belgrade denies any connection with the attack"
-- (denied, rejected, dismissed, with allegations, accusations, claims,
-- involvement, connection, responsibility...) a denial by the names before the
-- verb. A capital stands for its country (Belgrade: Serbia). A claim and the
-- denials of the side it names, in articles of one story, are one fact of kind
-- "claim": both sides' sentences and sources.
--
-- How figures are grouped. Every FIGURE annotation (scripts/rules/30_figures.lua)
-- gets a key made of
--   * what it counts: the unit's head noun, singular and folded, mapped to a
--     class (troops = troop, soldier, peacekeeper, service member, personnel…;
--     police officers = policeman, officer…; armed men = gunman, attacker,
--     "masked men"…; otherwise the head noun itself); percent and money units
--     keep their full unit ("percent of GDP", "dollars");
--   * what happened to it: the FIGURE's own `event` when the rule set one
--     ("killing 120", "the death toll rose to 143"), else the event word nearest
--     to the figure in its sentence
--     (within 8 tokens, a word after the figure preferred to one before):
--     injured/wounded → "injured", killed/dead → "killed", deploy/sent/
--     reinforcements or "more"/"additional" inside the figure → "sent / deployed",
--     arrested, displaced, attacked, protested, spending…; no event word → "in total".
-- Figures are compared only within one story: their articles must name at
-- least two of the same people or places (a corpus may hold a flood and a
-- war); a figure with no event word joins only figures whose sentences share a
-- name; a bare percentage with no event ("rose 0.2%") is not compared at all.
-- A proper-noun modifier inside the figure ("500 Turkish service members")
-- names a subset: such a figure joins only the figures with the same modifier or
-- whose sentence mentions it. Within a group the figures of *different* articles
-- are compared as ranges: exact values as themselves, "over N" as N…1.5N, "about
-- N" as ±15%, "nearly N" as 0.85N…N, "dozens" as 24…99, "hundreds" as 200…999…
-- Ranges that do not overlap are a disagreement ("700 more troops" vs "over
-- 1,000 additional troops"); groups whose values all overlap are listed too, as
-- corroboration ("93 soldiers injured" = "93 troops wounded" = "dozens injured").
--
-- How dates are grouped. Every resolved DATE annotation is described by its
-- sentence: the canonical entities (corpus:canonical, so aliases merge) and the
-- content words (folded, 6-letter stems, no stop words, no date words). Two dates
-- of different articles refer to the same event when that description is similar
-- enough (0.4 × entity Jaccard + 0.6 × word Jaccard, at least one shared
-- entity and one shared word; words are taken within 8 tokens of the date, so
-- two dates in one sentence get their own context). Dates next to a speech verb
-- ("said Monday") are the day of the telling, not of an event, and are skipped. They disagree when their values cannot be the same day:
-- 2023-05 vs 2024-05; XXXX-09-24 (year unknown) agrees with 2023-09. A pair that
-- differs in only one part (the year by one, or the day) is the typical reporting
-- or resolution error and needs a similarity of 0.2; dates that differ more need
-- 0.45 and two shared words. Relative dates ("in May") are resolved against the article
-- date, so a wrong article date shows up here; the report says so.
--
-- Confidence (0–1) ranks the facts: how alike the sentences are (entities),
-- whether the event was explicit, whether the units are literally the same,
-- how many articles take part, and — for figures — whether the dates in the
-- sentences agree (figures about May and about September are likely different
-- facts, so such a group loses confidence rather than being hidden), and whether
-- the articles are days apart (a death toll a month later is an update).

local output = require "lib.output"
local textlib = require "lib.text"
local pass = require "lib.pass"

local options = options or {}
local TOP = tonumber(options.top) or 20
local MIN_CONFIDENCE = tonumber(options["min-confidence"] or options.min_confidence) or 0.05
local MAX_REPORTS = tonumber(options.reports) or 20   -- report rows per fact
local KINDS = { figure = true, date = true, claim = true }
if options.kind ~= nil and not KINDS[options.kind] then
  output.usage_error("disagreements: --kind is figure, date or claim, not '" .. tostring(options.kind) .. "'")
end
local label_of = function(a) return a.label end   -- a: an article's lib.pass summary

------------------------------------------------------------------ helpers

local set = textlib.word_set

local function jaccard(a, b)
  local inter, union = 0, 0
  for k in pairs(a) do
    union = union + 1
    if b[k] then inter = inter + 1 end
  end
  for k in pairs(b) do if not a[k] then union = union + 1 end end
  if union == 0 then return 0, 0 end
  return inter / union, inter
end

local function keys_sorted(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = k end
  table.sort(out)
  return out
end

local function source_of(a)
  local s = a.source or a.agency
  if a.source and a.agency and a.agency ~= a.source then s = a.source .. " (" .. a.agency .. ")" end
  return s or a.id
end

local function fmt_number(v)
  if v == nil then return nil end
  if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 2^53 then v = math.tointeger(v) end
  local s = tostring(v)
  local int, rest = s:match("^(%d+)(.*)$")
  if not int then return s end
  int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return int .. rest
end

-- the articles looked at (--since, --until)
local function wanted(a)
  return textlib.date_within(a.date, options.since, options["until"])
end

-- Is an article's date to be trusted? Not when the loader found it doubtful
-- (date_doubtful, date_evidence), nor when the text names its own day as
-- another date ("met today (13 June 2023)").
local OWN_DAY = set "today tonight"
local function compute_trusted(a)
  local t = true
  if a.date_doubtful == true then t = false
  elseif a.date then
    local sents = a:sentences()
    for i = 1, math.min(2, #sents) do
      local s = sents[i]
      for _, d in ipairs(s:annotations("DATE")) do
        if d.how == "absolute" and d.precision == "day" and d.value and d.value ~= a.date then
          local before = lede.fold(a.text:sub(math.max(s.start, d.start - 12), d.start - 1))
          for w in before:gmatch("%a+") do if OWN_DAY[w] then t = false end end
        end
      end
    end
  end
  return t
end
-- the pass sets art.trusted on each article's summary
local function date_trusted(art) return art.trusted end
local function doubt_of(a)
  if date_trusted(a) then return nil end
  return a.date_evidence or "the text names its own day as another date"
end

-- canonical entity names of the annotations starting in a sentence: S is
-- the pass's plain record of the sentence, S.raw its entities as the article
-- named them; the corpus-wide names are known after the pass (p:canonical)
local p = pass.new(corpus, { entities = true })
local function sentence_entities(S)
  local c = S.ents
  if c then return c end
  c = {}
  for _, e in ipairs(S.raw) do c[p:canonical(e)] = true end
  S.ents = c
  return c
end



------------------------------------------------------------------ dates as ranges

-- A DATE value as { y, m, d } (nil parts unknown) and its day range
-- lo..hi when the year is known (lib.text.date_span).
local function parse_date(v)
  if type(v) ~= "string" then return nil end
  local m, d = v:match("^XXXX%-(%d%d)%-(%d%d)$")
  if m then return { m = tonumber(m), d = tonumber(d) } end
  local r
  local y
  y, m, d = v:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if y then
    r = { y = tonumber(y), m = tonumber(m), d = tonumber(d) }
  else
    y, m = v:match("^(%d%d%d%d)%-(%d%d)$")
    if y then r = { y = tonumber(y), m = tonumber(m) }
    elseif v:match("^%d%d%d%d%-W%d%d$") then r = { y = tonumber(v:sub(1, 4)), week = true }
    elseif v:match("^%d%d%d%d$") then r = { y = tonumber(v) }
    elseif v:match("^%d%d%dX$") then r = { decade = true }
    else return nil end
  end
  r.lo, r.hi = textlib.date_span(v)
  return r
end

-- A DATE annotation parsed, its year dropped when only the article date
-- gave it ("in May" -> 2024-05 is May of a year the writer did not say).
local function parse_ann(d)
  local p = parse_date(d.value)
  if p and d.how == "relative" and p.m and not p.week then
    return { m = p.m, d = p.d, inferred = p.y }
  end
  return p
end

-- resolved DATE values in a sentence (not those a doubtful article date
-- resolved), and the same parsed for comparison (years only the article date
-- gave dropped)
local function sentence_dates(s, trusted)
  local out, parsed = {}, {}
  for _, d in ipairs(s:annotations("DATE")) do
    if d.value and (trusted or d.how ~= "relative") then
      out[#out + 1] = d.value
      parsed[#parsed + 1] = parse_ann(d)
    end
  end
  return out, parsed
end

-- "same" (can be the same day), "part" (differ in one part only: year, or
-- day), "far" (differ in more), or nil when not comparable
local function date_relation(p, q)
  if not p or not q then return nil end
  if p.lo and q.lo then
    if p.lo <= q.hi and q.lo <= p.hi then return "same" end
    if p.decade or q.decade then return "far" end
    if p.y and q.y and math.abs(p.y - q.y) <= 1 and not p.week and not q.week then
      -- same month, year off by one; same month and year, another day; or
      -- years off by one where one side has only the year
      if p.m and q.m and p.m == q.m then return "part" end
      if not p.m or not q.m then
        if p.y ~= q.y then return "part" end
      end
    end
    return "far"
  end
  -- at least one has no year: compare month and day
  if p.m and q.m then
    if p.m ~= q.m then return "far" end
    if p.d and q.d and p.d ~= q.d then return "part" end
    return "same"
  end
  return nil
end

------------------------------------------------------------------ figures

-- what a figure counts: scripts/data/unit_classes.tsv, through lib.text
local unit_class = textlib.unit_class

local EVENT_LABEL = {
  injured = "injured", killed = "killed", deployed = "sent or deployed",
  arrested = "arrested", displaced = "displaced", missing = "missing",
  attacked = "attacking", protest = "protesting", withdrawn = "withdrawn",
  spending = "spent or targeted", total = "in total",
}
local EVENT_WORDS = {}
local function events(name, words) for w in words:gmatch("%S+") do EVENT_WORDS[w] = name end end
events("injured", [[injured injure injures injuring injuries injury wounded wound wounds
  wounding hurt hospitalized hospitalised casualties]])
events("killed", [[killed kill kills killing dead died die dies dying death deaths
  fatalities fatality slain murdered executed]])
events("deployed", [[deploy deployed deploying deploys deployment deployments send sent
  sending sends dispatch dispatched dispatching reinforce reinforced reinforcing
  reinforcement reinforcements bolster bolstered boost boosted surge troop-increase]])
events("arrested", [[arrested arrest arrests detained detain detention custody jailed
  imprisoned]])
events("displaced", [[displaced fled fleeing evacuated evacuation evacuate homeless]])
events("missing", [[missing disappeared abducted kidnapped]])
events("attacked", [[attacked attack attacks assault assaulted stormed ambushed shootout
  gunfire]])
events("protest", [[protest protests protested protesting protesters demonstrators
  demonstration rallied marched]])
events("withdrawn", [[withdraw withdrew withdrawn withdrawal withdrawing]])
events("spending", [[spend spending spent budget funding fund funds allocated pledged
  target targets]])
events("total", [[stationed strong strength total presence comprises numbers]])
-- inside the figure, after the number: "700 more troops", "1,000 additional troops"
local INCREASE_MOD = set "more additional extra further fresh new"

-- the event of a FIGURE: the one the rule gave it ("the death toll rose to
-- 143": killed), else the nearest event word in the sentence
local function figure_event(f)
  if f.event and EVENT_LABEL[f.event] then return f.event end
  local s = f.sentence
  if not s then return "total" end
  local toks = s:tokens()
  local first, last, num
  for i, t in ipairs(toks) do
    if t.start >= f.start and t.stop <= f.stop then
      first = first or i
      last = i
      if not num and (t.kind == "number" or t.text:match("^%d")) then num = i end
    end
  end
  if not first then return "total" end
  for i = (num or first) + 1, last do
    if INCREASE_MOD[toks[i].lower] then return "deployed" end
  end
  local best, cost = nil, math.huge
  for i, t in ipairs(toks) do
    local ev = EVENT_WORDS[t.lower]
    if not ev and t.lower == "fire" and toks[i - 1] and toks[i - 1].lower:match("^open") then
      ev = "attacked"
    end
    if ev then
      local c
      if i < first then c = first - i + 0.5
      elseif i > last then c = i - last
      else c = 0 end
      if c <= 8 and c < cost then best, cost = ev, c end
    end
  end
  return best or "total"
end

-- proper-noun modifiers inside a figure, after its number ("500 Turkish service members")
local function figure_qualifier(f)
  local s = f.sentence
  if not s then return nil end
  local seen_num = false
  local unit = lede.fold(f.unit or "")
  local quals = {}
  for _, t in ipairs(s:tokens()) do
    if t.start >= f.start and t.stop <= f.stop then
      if t.kind == "number" or t.text:match("^%d") then
        seen_num = true
      elseif seen_num and t.kind == "word" and t.text:match("^%u") and not unit:find(t.lower, 1, true) then
        quals[#quals + 1] = t.lower
      end
    end
  end
  if #quals == 0 then return nil end
  return table.concat(quals, " ")
end

local VAGUE = { dozens = { 24, 99 }, scores = { 40, 199 }, hundreds = { 200, 999 },
                thousands = { 2000, 9999 }, millions = { 2e6, 999e6 } }

local function value_range(f)
  local v, ap = f.value, f.approx
  if type(v) ~= "number" then
    local r = VAGUE[ap]
    if r then return r[1], r[2] end
    return nil
  end
  if ap == nil then return v, v end
  if ap == "over" or ap == "at least" then return v, v * 1.5 end
  if ap == "about" or ap == "around" then return v * 0.85, v * 1.15 end
  if ap == "nearly" then return v * 0.85, v end
  if ap == "up to" or ap == "under" then return v * 0.5, v end
  if ap == "between" and type(f.low) == "number" then return f.low, v end   -- "between 200 and 300"
  return v, v
end

------------------------------------------------------------------ dates

local STOP = set [[
  a an the and or but nor of in on at to for from with without by about against among
  between into onto over under after before during since until across through near
  is are was were be been being has have had do does did will would shall should can
  could may might must not no also still already only just even then there here
  it its they them their he she his her we our you your i me us him this that these
  those which who whom whose what where when while if because as than so such very
  said says say told tell stated added according also more most other another some any
  all both each every one two three last next first new over including
  monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
  january february march april june july august september october november december
  week weeks month months year years day days ago decade decades
]]

local WINDOW = 8          -- words this many tokens either side of a date describe it
local SPEECH = set [[said says say told tells stated states called calls announced
  announces added adds noted notes warned warns urged urges declared declares]]

local display = {}        -- stem -> the first word seen with it

-- content words near the date (tok_first..tok_last in the sentence's
-- tokens), but for the words of the names in the sentence as written
-- (ents_folded): the pass keeps them, words_near makes the stems
local function words_near_candidates(toks, first, last, ents_folded)
  local out = {}
  for i = math.max(1, first - WINDOW), math.min(#toks, last + WINDOW) do
    local t = toks[i]
    local l = t.lower
    if (i < first or i > last) and t.kind == "word" and #l >= 4 and not STOP[l]
       and not SPEECH[l] and not ents_folded[l] and not l:match("^%d") then
      out[#out + 1] = l
    end
  end
  return out
end

-- their stems, but for the words of the names' corpus-wide forms
local function words_near(candidates, ents_folded)
  local w = {}
  for _, l in ipairs(candidates) do
    if not ents_folded[l] then
      local stem = l:sub(1, 6)
      w[stem] = true
      display[stem] = display[stem] or l
    end
  end
  return w
end

-- the tokens of a sentence covered by an annotation
local function token_span(toks, ann)
  local first, last
  for i, t in ipairs(toks) do
    if t.start >= ann.start and t.stop <= ann.stop then
      first = first or i
      last = i
    end
  end
  return first, last
end

-- "Stoltenberg said Monday", "said on Monday": the day of the telling, not of an event
local function speech_date(toks, first, last)
  for i = first - 2, last + 2 do
    local t = toks[i]
    if t and (i < first or i > last) and SPEECH[t.lower] then return true end
  end
  return false
end

-- What a date fact is about, for a reader: "date of the attack" when the
-- sentences name an event, else "date of what the sentences share: ...".
local EVENT_NOUNS = { "attack", "assault", "shootout", "shooting", "clashes", "clash", "violence",
  "unrest", "riot", "riots", "protest", "protests", "bombing", "explosion", "strike", "raid",
  "ambush", "killing", "arrest", "election", "elections", "vote", "referendum", "meeting",
  "visit", "summit", "talks", "agreement", "deal", "ceasefire", "deployment", "earthquake",
  "flood", "storm", "fire", "crash", "incident", "incidents" }
local function date_label(members, common)
  local counts = {}
  for _, m in ipairs(members) do
    local words = set(lede.fold(m.ann.sentence.text):gsub("[^%w]+", " "))
    for _, w in ipairs(EVENT_NOUNS) do
      if words[w] then counts[w] = (counts[w] or 0) + 1 end
    end
  end
  local best, n = nil, 1
  for _, w in ipairs(EVENT_NOUNS) do
    if (counts[w] or 0) > n then best, n = w, counts[w] end
  end
  if best then return "date of the " .. best end
  return "date of what the sentences share: " .. table.concat(common, ", ")
end

------------------------------------------------------------------ claims and denials

local BLAME = set "blamed blames blame blaming accused accuses accuse accusing"
local DENY = set [[denied denies deny denying rejected rejects reject rejecting dismissed
  dismisses dismissing refuted refutes]]
-- what a denial denies: without one of these "rejected the proposal" is no denial
local DENIED = set [[allegation allegations accusation accusations claim claims charge charges
  involvement connection connections link links responsibility role report reports
  suggestion suggestions]]
local TOPIC_STOP = set "which who that, when where while but however"
-- a capital stands for its government ("Belgrade denies"): the side is the country
local CAPITAL = {
  Belgrade = "Serbia", Pristina = "Kosovo", Moscow = "Russia", Kyiv = "Ukraine", Kiev = "Ukraine",
  Washington = "United States", Beijing = "China", London = "United Kingdom", Paris = "France",
  Berlin = "Germany", Ankara = "Turkey", Tehran = "Iran", Jerusalem = "Israel", Damascus = "Syria",
  Baghdad = "Iraq", Kabul = "Afghanistan", Tripoli = "Libya", Cairo = "Egypt", Riyadh = "Saudi Arabia",
  Tokyo = "Japan", Seoul = "South Korea", Pyongyang = "North Korea", Taipei = "Taiwan",
  ["New Delhi"] = "India", Islamabad = "Pakistan", Minsk = "Belarus", Tbilisi = "Georgia",
  Yerevan = "Armenia", Baku = "Azerbaijan", Sarajevo = "Bosnia and Herzegovina", Zagreb = "Croatia",
  Tirana = "Albania", Skopje = "North Macedonia", Podgorica = "Montenegro", Brussels = "European Union",
}
local function side_of(name) return CAPITAL[name] or name end


-- words after "for"/"of" up to the next clause: what a claim is about
local function topic_after(toks, i)
  for j = i + 1, math.min(#toks, i + 6) do
    local l = toks[j].lower
    if l == "for" or l == "of" or l == "over" then
      local w = {}
      for k = j + 1, math.min(#toks, j + 10) do
        local t = toks[k]
        if t.kind == "punct" or TOPIC_STOP[t.lower] then break end
        w[#w + 1] = t.text
      end
      if #w > 0 then return table.concat(w, " ") end
    end
  end
  return nil
end

-- the cue words found by one gazetteer pass per article (no Lua walk over
-- every token): lib.text groups the hits by sentence
local CUES = lede.gazetteer()
for w in pairs(BLAME) do CUES:add(w) end
for w in pairs(DENY) do CUES:add(w) end

------------------------------------------------------------------ the pass

-- One pass over the corpus (lib.pass: in memory or --stream alike). Each
-- article looked at gives plain records: its figures and dates with what
-- the grouping needs of their sentences (text, the names as the article
-- gave them, the dates, the words near), and the claim and denial cues with
-- the names before and after them. Names become corpus-wide after the pass.

-- the names of an article that tie it to a story (see same_story)
local function story_names(a)
  local s = { n = 0, set = {} }
  for _, e in ipairs(a:entities()) do
    if (e.kind == "PERSON" or e.kind == "LOC") and not s.set[e.canonical] then
      s.set[e.canonical] = true
      s.n = s.n + 1
    end
  end
  return s
end

local articles, figures, dates, cues = {}, {}, {}, {}
local function raw_name(e) return { kind = e.kind, canonical = e.canonical or e.text } end

p:each(function(a, art)
  if not wanted(a) then return end
  articles[#articles + 1] = art
  art.trusted = compute_trusted(a)
  art.names = story_names(a)
  local sents = {}
  local function plain(s)                 -- one record per sentence
    local S = sents[s.index]
    if not S then
      local raw = {}
      for _, e in ipairs(s:entities()) do raw[#raw + 1] = raw_name(e) end
      S = { text = s.text, raw = raw }
      sents[s.index] = S
    end
    return S
  end

  for _, f in ipairs(a:figures()) do
    local lo, hi = value_range(f)
    local class, literal = unit_class(f.unit)
    -- a bare percentage with no event ("17%", "rose 0.2%") says too little
    -- of what it measures to be compared with another
    if (f.unit == "percent" or f.unit == "percentage points") and figure_event(f) == "total" then
      class = nil
    end
    if lo and class and f.sentence then
      local S = plain(f.sentence)
      if not S.folded then     -- once per sentence, shared by its figures
        S.dates, S.parsed_dates = sentence_dates(f.sentence, art.trusted)
        S.folded = lede.fold(S.text)
      end
      figures[#figures + 1] = {
        kind = "figure", article = art, lo = lo, hi = hi, class = class, unit = literal,
        ann = { value = f.value, approx = f.approx, unit = f.unit, text = f.text, sentence = S },
        event = figure_event(f), qualifier = figure_qualifier(f),
        sent = S, dates = S.dates, parsed_dates = S.parsed_dates, folded = S.folded,
      }
    end
  end

  local trusted = art.trusted
  for _, d in ipairs(a:dates()) do
    local pd = (trusted or d.how ~= "relative") and parse_ann(d) or nil
    local toks = d.sentence and d.sentence:tokens()
    local first, last
    if toks then first, last = token_span(toks, d) end
    if pd and first and not speech_date(toks, first, last) then
      local ef = {}
      for _, e in ipairs(d.sentence:entities()) do
        for w in lede.fold(e.text):gmatch("%S+") do ef[w] = true end
      end
      local S = plain(d.sentence)
      dates[#dates + 1] = { kind = "date", article = art, parsed = pd, sent = S,
                            ann = { value = d.value, how = d.how, text = d.text, anchor = d.anchor,
                                    precision = d.precision, start = d.start, sentence = S },
                            near = words_near_candidates(toks, first, last, ef) }
    end
  end

  for _, g in ipairs(textlib.token_hits_by_sentence(a, CUES:match(a))) do
    local s, toks = g.sent, g.toks
    for _, i in ipairs(g) do
      local t = toks[i]
      local l = t.lower
      if BLAME[l] or DENY[l] then
        local by, against = nil, nil
        for _, e in ipairs(s:entities()) do
          local tok = token_span(toks, e)
          if tok then
            if tok < i and tok >= i - 6 then by = e end   -- the nearest before
            if tok > i and not against then against = e end
          end
        end
        if by then
          local c = { article = art, sentence = plain(s), cue = t.text, by = raw_name(by),
                      against = against and raw_name(against) }
          if BLAME[l] then
            c.blame, c.topic = true, topic_after(toks, i)
          else
            for j = i + 1, math.min(#toks, i + 4) do
              if DENIED[toks[j].lower] then c.denied = true break end
            end
          end
          cues[#cues + 1] = c
        end
      end
    end
  end
end)
p:run()

-- the names, corpus-wide now
for _, m in ipairs(figures) do m.entities = sentence_entities(m.sent) end
for _, d in ipairs(dates) do
  local ents = sentence_entities(d.sent)
  local ef = {}
  for e in pairs(ents) do for w in lede.fold(e):gmatch("%S+") do ef[w] = true end end
  d.entities, d.words, d.near = ents, words_near(d.near, ef), nil
end
local claims, denials = {}, {}
for _, c in ipairs(cues) do
  local by = p:canonical(c.by)
  local against = c.against and p:canonical(c.against)
  if c.blame and against and side_of(by) ~= side_of(against) then
    claims[#claims + 1] = { article = c.article, sentence = c.sentence, by = side_of(by), by_name = by,
                            against = side_of(against), topic = c.topic, cue = c.cue }
  elseif c.denied then
    denials[#denials + 1] = { article = c.article, sentence = c.sentence, by = side_of(by), by_name = by,
                              cue = c.cue }
  end
end
cues = nil

------------------------------------------------------------------ figures: facts

-- group by (class, event), then split by qualifier compatibility
local by_key, key_order = {}, {}
for _, m in ipairs(figures) do
  local key = m.class .. "\0" .. m.event
  if not by_key[key] then by_key[key] = {}; key_order[#key_order + 1] = key end
  table.insert(by_key[key], m)
end

-- Do two articles tell the same story? A corpus may hold several: figures
-- of a Libyan flood and of a Ukrainian drone strike are not one fact. They
-- do when they name at least two of the same people and places (or one,
-- when an article names three or fewer).
-- (the pass sets art.names from story_names, below)
local function names_of(art) return art.names end
local related_memo = {}
local function same_story(a, b)
  if a == b then return true end
  local key = a.index < b.index and (a.index .. ":" .. b.index) or (b.index .. ":" .. a.index)
  local r = related_memo[key]
  if r == nil then
    local x, y = names_of(a), names_of(b)
    local shared = 0
    for k in pairs(x.set) do if y.set[k] then shared = shared + 1 end end
    r = shared >= 2 or (shared >= 1 and math.min(x.n, y.n) <= 3)
    related_memo[key] = r
  end
  return r
end

local function compatible(x, y)
  if not same_story(x.article, y.article) then return false end
  -- with no event word, only the sentences tie two figures together: they
  -- must name someone or somewhere in common ("10 goals" of one player and
  -- "27 goals" of another are not one fact)
  if x.event == "total" and x.article ~= y.article then
    local shared = false
    for e in pairs(x.entities) do if y.entities[e] then shared = true break end end
    if not shared then return false end
  end
  if x.qualifier == y.qualifier then return true end
  if x.qualifier and y.qualifier then return false end
  local q, other = x.qualifier or y.qualifier, x.qualifier and y or x
  return other.folded:find(q, 1, true) ~= nil
end

local function components(list)
  local parent = {}
  for i = 1, #list do parent[i] = i end
  local function find(i) while parent[i] ~= i do i = parent[i] end return i end
  for i = 1, #list do
    for j = i + 1, #list do
      if compatible(list[i], list[j]) then parent[find(j)] = find(i) end
    end
  end
  local comps, order = {}, {}
  for i = 1, #list do
    local r = find(i)
    if not comps[r] then comps[r] = {}; order[#order + 1] = r end
    table.insert(comps[r], list[i])
  end
  local out = {}
  for _, r in ipairs(order) do out[#out + 1] = comps[r] end
  return out
end

local facts = {}

-- entity overlap between members of different articles (mean pairwise Jaccard)
local function cross_article_overlap(members)
  local sum, n = 0, 0
  for i = 1, #members do
    for j = i + 1, #members do
      if members[i].article ~= members[j].article then
        sum = sum + jaccard(members[i].entities, members[j].entities)
        n = n + 1
      end
    end
  end
  return n > 0 and sum / n or 0
end

-- entities named in the sentences of at least two articles of the group
local function shared_entities(members, limit)
  local count = {}
  local seen = {}
  for _, m in ipairs(members) do
    for e in pairs(m.entities) do
      local k = m.article.id .. "\0" .. e
      if not seen[k] then seen[k] = true; count[e] = (count[e] or 0) + 1 end
    end
  end
  local names = {}
  for e, n in pairs(count) do if n >= 2 then names[#names + 1] = e end end
  table.sort(names, function(x, y)
    if count[x] ~= count[y] then return count[x] > count[y] end
    return x < y
  end)
  while #names > limit do table.remove(names) end
  return names
end

-- the most days between the dates of the members' articles (nil when
-- fewer than two articles have a full date)
local function day_number(iso)
  local y, m, d = tostring(iso or ""):match("^(%d%d%d%d)-(%d%d)-(%d%d)")
  if not y then return nil end
  return os.time { year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 } // 86400
end
local function article_days_apart(members)
  local lo, hi
  for _, m in ipairs(members) do
    local n = date_trusted(m.article) and day_number(m.article.date)
    if n then
      lo = lo and math.min(lo, n) or n
      hi = hi and math.max(hi, n) or n
    end
  end
  if lo and hi > lo then return hi - lo end
  return nil
end

local function article_count(members)
  local ids, n = {}, 0
  for _, m in ipairs(members) do
    if not ids[m.article] then ids[m.article] = true; n = n + 1 end
  end
  return n
end

for _, key in ipairs(key_order) do
  for _, comp in ipairs(components(by_key[key])) do
    -- one figure per article and value (a fact repeated in one article counts once)
    local members, seen = {}, {}
    for _, m in ipairs(comp) do
      local k = m.article.id .. "\0" .. m.lo .. "\0" .. m.hi
      if not seen[k] then seen[k] = true; members[#members + 1] = m end
    end
    if article_count(members) >= 2 then
      local conflict, spread = false, 0
      for i = 1, #members do
        for j = i + 1, #members do
          local x, y = members[i], members[j]
          if x.article ~= y.article and (x.hi < y.lo or y.hi < x.lo) then
            conflict = true
            local big = math.max(x.lo, y.lo)
            local gap = math.abs(math.max(x.lo, y.lo) - math.min(x.hi, y.hi))
            if big > 0 and gap / big > spread then spread = gap / big end
          end
        end
      end
      -- dates named in the sentences: agree, disagree, or unknown
      local date_agree, date_clash = false, nil
      for i = 1, #members do
        for j = i + 1, #members do
          local x, y = members[i], members[j]
          if x.article ~= y.article then
            for i2, dp in ipairs(x.parsed_dates) do
              for j2, ep in ipairs(y.parsed_dates) do
                local rel = date_relation(dp, ep)
                if rel == "same" then date_agree = true
                elseif rel == "far" and not date_clash then
                  date_clash = x.dates[i2] .. " vs " .. y.dates[j2]
                end
              end
            end
          end
        end
      end
      local overlap = cross_article_overlap(members)
      local same_unit = true
      for _, m in ipairs(members) do if m.unit ~= members[1].unit then same_unit = false end end
      local event = members[1].event
      local conf = 0.35 + 0.3 * overlap
      local why = {}
      why[#why + 1] = string.format("entity overlap %.2f", overlap)
      if event ~= "total" then conf = conf + 0.15; why[#why + 1] = "same event: " .. EVENT_LABEL[event] end
      if same_unit then conf = conf + 0.05; why[#why + 1] = "same unit" end
      conf = conf + 0.05 * math.min(article_count(members) - 2, 2)
      if date_clash then
        conf = conf - (date_agree and 0.1 or 0.2)
        why[#why + 1] = "sentences name different dates (" .. date_clash .. "): may be different facts"
      elseif date_agree then
        conf = conf + 0.1
        why[#why + 1] = "sentences name compatible dates"
      end
      -- a toll reported days apart grows: the later count is an update
      local days = article_days_apart(members)
      if conflict and days and days > 2 then
        conf = conf - 0.2
        why[#why + 1] = string.format("articles %d days apart: a later count may be an update", days)
      end
      if members[1].qualifier then why[#why + 1] = "only: " .. members[1].qualifier end
      conf = math.max(0.05, math.min(1, conf))
      local label = members[1].class .. " " .. EVENT_LABEL[event]
      if members[1].qualifier then label = members[1].qualifier .. " " .. label end
      local ents = shared_entities(members, 3)
      if #ents > 0 then label = label .. " (" .. table.concat(ents, ", ") .. ")" end
      table.sort(members, function(x, y)
        if x.lo ~= y.lo then return x.lo < y.lo end
        return x.article.index < y.article.index
      end)
      facts[#facts + 1] = { kind = "figure", verdict = conflict and "differ" or "agree",
                            confidence = conf, fact = label, members = members,
                            spread = spread, why = why }
    end
  end
end

------------------------------------------------------------------ dates: facts

local function date_similarity(x, y)
  local je, ne = jaccard(x.entities, y.entities)
  local jw, nw = jaccard(x.words, y.words)
  if ne == 0 or nw == 0 then return 0, 0 end
  return 0.4 * je + 0.6 * jw, nw
end

-- Identical descriptions with the same value (wire copies, repeated sentences)
-- are compared once: a variant holds every occurrence.
local variants, by_sig = {}, {}
for _, d in ipairs(dates) do
  local sig = d.ann.value .. "\1" .. tostring(d.ann.how) .. "\1" .. table.concat(keys_sorted(d.words), " ") .. "\1"
              .. table.concat(keys_sorted(d.entities), "\2")
  local v = by_sig[sig]
  if not v then
    v = { value = d.ann.value, parsed = d.parsed, words = d.words, entities = d.entities,
          occ = {}, articles = {}, n_articles = 0 }
    by_sig[sig] = v
    variants[#variants + 1] = v
  end
  v.occ[#v.occ + 1] = d
  if not v.articles[d.article] then v.articles[d.article] = true; v.n_articles = v.n_articles + 1 end
end

-- true when some occurrence of x and some of y are in different articles
local function across(x, y)
  if x.n_articles > 1 or y.n_articles > 1 then return true end
  return x.occ[1].article ~= y.occ[1].article
end

local NEED = { part = 0.2, far = 0.45 }
-- conflicting pairs of similar dates, strongest first
local pairs_found = {}
for i = 1, #variants do
  for j = i + 1, #variants do
    local x, y = variants[i], variants[j]
    local rel = date_relation(x.parsed, y.parsed)
    -- two dates of one sentence ("in May and September") are two events
    if (rel == "part" or rel == "far") and across(x, y)
       and x.occ[1].ann.sentence.text ~= y.occ[1].ann.sentence.text then
      local sim, shared = date_similarity(x, y)
      if sim >= NEED[rel] and (rel == "part" or shared >= 2) then
        pairs_found[#pairs_found + 1] = { x = x, y = y, sim = sim, rel = rel }
      end
    end
  end
end
local function first_pos(v) return v.occ[1].article.index * 1e9 + v.occ[1].ann.start end
table.sort(pairs_found, function(p, q)
  if p.sim ~= q.sim then return p.sim > q.sim end
  if first_pos(p.x) ~= first_pos(q.x) then return first_pos(p.x) < first_pos(q.x) end
  return first_pos(p.y) < first_pos(q.y)
end)

-- each pair seeds a group; other variants join it when they are similar to a
-- seed (as similar as a conflict needs, or 0.2 when they can be the same day);
-- a variant already in a stronger group joins or seeds no other
local used = {}
for _, p in ipairs(pairs_found) do
  if not (used[p.x] and used[p.y]) then
    local group = { p.x, p.y }
    for _, z in ipairs(variants) do
      if z ~= p.x and z ~= p.y and not used[z] then
        local join = false
        for _, seed in ipairs { p.x, p.y } do
          local rel = date_relation(z.parsed, seed.parsed)
          local sim, shared = date_similarity(z, seed)
          if (rel == "same" and sim >= 0.2) or
             ((rel == "part" or rel == "far") and sim >= NEED[rel] and (rel == "part" or shared >= 2)) then
            join = true
          end
        end
        if join then group[#group + 1] = z end
      end
    end
    local members, seen = {}, {}
    for _, v in ipairs(group) do
      used[v] = true
      for _, m in ipairs(v.occ) do
        local k = m.article.id .. "\0" .. m.ann.value
        if not seen[k] then seen[k] = true; members[#members + 1] = m end
      end
    end
    local why = { string.format("sentence similarity %.2f", p.sim) }
    if p.rel == "part" then why[#why + 1] = "dates differ in one part only" end
    local relative = 0
    for _, m in ipairs(members) do
      if m.ann.how == "relative" and m.ann.anchor then
        relative = relative + 1
        if relative <= 3 then
          why[#why + 1] = string.format("%s: '%s' resolved against the article date %s",
                                        label_of(m.article), m.ann.text, m.ann.anchor)
        end
      end
    end
    if relative > 3 then
      why[#why + 1] = string.format("%d more relative dates", relative - 3)
    end
    local conf = 0.3 + 0.6 * p.sim + (p.rel == "part" and 0.1 or 0)
                 + 0.05 * math.min(article_count(members) - 2, 2)
    conf = math.max(0.05, math.min(1, conf))
    local ents = shared_entities(members, 3)
    local common = {}
    for _, w in ipairs(keys_sorted(p.x.words)) do
      if p.y.words[w] then common[#common + 1] = display[w] end
    end
    local label = date_label(members, common)
    if #ents > 0 then label = label .. " (" .. table.concat(ents, ", ") .. ")" end
    table.sort(members, function(x, y)
      if x.ann.value ~= y.ann.value then return x.ann.value < y.ann.value end
      if x.article.index ~= y.article.index then return x.article.index < y.article.index end
      return x.ann.start < y.ann.start
    end)
    facts[#facts + 1] = { kind = "date", verdict = "differ", confidence = conf, fact = label,
                          members = members, spread = 0, why = why }
  end
end

------------------------------------------------------------------ claims: facts

-- one fact per (claimant, accused): the claims, and the accused side's denials
local claim_facts, claim_key = {}, {}
for _, c in ipairs(claims) do
  local key = c.by .. "\0" .. c.against
  local f = claim_key[key]
  if not f then
    f = { by = c.by, against = c.against, claims = {}, denials = {}, topic = c.topic }
    claim_key[key] = f
    claim_facts[#claim_facts + 1] = f
  end
  f.claims[#f.claims + 1] = c
  f.topic = f.topic or c.topic
end
for _, d in ipairs(denials) do
  for _, f in ipairs(claim_facts) do
    if d.by == f.against then
      local related = false
      for _, c in ipairs(f.claims) do
        if same_story(c.article, d.article) then related = true break end
      end
      if related then f.denials[#f.denials + 1] = d end
    end
  end
end
for _, f in ipairs(claim_facts) do
  if #f.denials > 0 then
    local members, arts = {}, {}
    for _, c in ipairs(f.claims) do
      members[#members + 1] = { kind = "claim", side = "claim", who = c.by_name, sentence = c.sentence,
                                article = c.article, text = c.sentence.text }
      arts[c.article] = true
    end
    for _, d in ipairs(f.denials) do
      members[#members + 1] = { kind = "claim", side = "denial", who = d.by_name, sentence = d.sentence,
                                article = d.article, text = d.sentence.text }
      arts[d.article] = true
    end
    local n = 0
    for _ in pairs(arts) do n = n + 1 end
    local what = f.topic and (" for " .. f.topic) or ""
    local why = { string.format("%d claim%s, %d denial%s", #f.claims, #f.claims == 1 and "" or "s",
                                #f.denials, #f.denials == 1 and "" or "s") }
    local said = {}
    for _, d in ipairs(f.denials) do
      local w = d.by_name ~= d.by and (d.by_name .. " speaks for " .. d.by)
      if w and not said[w] then said[w] = true; why[#why + 1] = w end
    end
    facts[#facts + 1] = {
      kind = "claim", verdict = "disputed",
      confidence = math.min(1, 0.6 + 0.1 * math.min(#f.denials, 2) + 0.05 * math.min(n - 1, 2)),
      fact = string.format("%s blames %s%s; %s denies it", f.by, f.against, what, f.against),
      members = members, spread = 0, why = why,
    }
  end
end

------------------------------------------------------------------ output

-- --kind, --min-confidence, --top
do
  local kept = {}
  for _, f in ipairs(facts) do
    if (not options.kind or f.kind == options.kind) and f.confidence >= MIN_CONFIDENCE then
      kept[#kept + 1] = f
    end
  end
  facts = kept
end

table.sort(facts, function(x, y)
  if (x.verdict == "agree") ~= (y.verdict == "agree") then return y.verdict == "agree" end
  if x.confidence ~= y.confidence then return x.confidence > y.confidence end
  if x.kind ~= y.kind then return x.kind == "figure" end
  return x.fact < y.fact
end)
for i = #facts, TOP + 1, -1 do facts[i] = nil end

local MAX_SHOWN = 3        -- articles named per value in the facts summary

local fact_rows, report_rows = {}, {}
local n_differ = 0
for rank, f in ipairs(facts) do
  if f.verdict ~= "agree" then n_differ = n_differ + 1 end
  -- one entry per distinct value as written, in member order
  local groups, order, ids, seen, labels = {}, {}, {}, {}, {}
  local firsts, rest = {}, {}
  for _, m in ipairs(f.members) do
    local a = m.article
    local v
    if m.kind == "figure" then v = "'" .. m.ann.text .. "'"
    elseif m.kind == "claim" then v = m.side .. " by " .. m.who .. ": '" .. m.text .. "'"
    else v = m.ann.value .. " ('" .. m.ann.text .. "')" end
    local g = groups[v]
    if not g then g = { text = v, where = {} }; groups[v] = g; order[#order + 1] = g end
    g.where[#g.where + 1] = label_of(a)
    if not seen[a.id] then seen[a.id] = true; ids[#ids + 1] = a.id; labels[#labels + 1] = label_of(a) end
    if #g.where == 1 then firsts[#firsts + 1] = m else rest[#rest + 1] = m end
  end
  local values = {}
  for _, g in ipairs(order) do
    local shown = {}
    for k = 1, math.min(#g.where, MAX_SHOWN) do shown[k] = g.where[k] end
    local more = #g.where > MAX_SHOWN and string.format(" (+%d more)", #g.where - MAX_SHOWN) or ""
    values[#values + 1] = g.text .. " in " .. table.concat(shown, "; ") .. more
  end
  -- each distinct value's first report first, then the others, up to MAX_REPORTS
  local listed = 0
  for _, list in ipairs { firsts, rest } do
    for _, m in ipairs(list) do
      if listed < MAX_REPORTS then
        listed = listed + 1
        local a = m.article
        local ann = m.ann or {}
        report_rows[#report_rows + 1] = {
          fact = rank, verdict = f.verdict, kind = f.kind, description = f.fact,
          side = m.side, who = m.who,
          value = m.kind == "figure" and (type(ann.value) == "number" and ann.value or lede.json.null)
                  or ann.value,
          approx = m.kind == "figure" and ann.approx or nil,
          unit = m.kind == "figure" and ann.unit or nil,
          precision = m.kind == "date" and ann.precision or nil,
          how = m.kind == "date" and ann.how or nil,
          sentence_dates = m.kind == "figure" and lede.json.array(m.dates) or nil,
          text = m.kind ~= "claim" and ann.text or nil, article = a.id, label = label_of(a),
          source = source_of(a), date = a.date, date_doubtful = doubt_of(a),
          sentence = m.kind == "claim" and m.text or ann.sentence.text,
        }
      end
    end
  end
  local why = f.why
  if #f.members > MAX_REPORTS then
    why[#why + 1] = string.format("%d reports, first %d listed", #f.members, MAX_REPORTS)
  end
  fact_rows[#fact_rows + 1] = {
    fact = rank, kind = f.kind, verdict = f.verdict,
    confidence = math.floor(f.confidence * 100 + 0.5) / 100,
    description = f.fact, values = table.concat(values, " | "), articles = lede.json.array(ids),
    labels = table.concat(labels, "; "), why = table.concat(why, "; "),
  }
end

local title = string.format("Where sources disagree: %d fact%s reported differently, %d corroborated (%d article%s)",
  n_differ, n_differ == 1 and "" or "s", #facts - n_differ, #articles, #articles == 1 and "" or "s")

-- the doubtful article dates, said once
local summary = {}
for _, a in ipairs(articles) do
  local why = doubt_of(a)
  if why then
    summary[#summary + 1] = string.format("Not trusted: the date %s of %s (%s); its relative dates are left out.",
                                          a.date, label_of(a), why)
  end
end

output.emit({
  title = title,
  summary = #summary > 0 and summary or nil,
  meta = { articles = #articles, differ = n_differ, agree = #facts - n_differ },
  sections = {
    { name = "facts", title = "Facts", layout = "records",
      columns = { "fact", "kind", "verdict", "confidence", "description", "values", "articles", "labels", "why" },
      headers = { "fact", "kind", "verdict", "confidence", "description", "values", "article ids", "articles", "why" },
      show = { "fact", "kind", "verdict", "confidence", "description", "values", "why" },
      rows = fact_rows },
    { name = "reports", title = "Who reported what", layout = "records",
      columns = { "fact", "verdict", "kind", "description", "side", "who", "value", "approx", "unit",
                  "precision", "how", "sentence_dates", "text", "article", "label", "source", "date",
                  "date_doubtful", "sentence" },
      headers = { "fact", "verdict", "kind", "description", "side", "who", "value", "approx", "unit",
                  "precision", "how", "sentence_dates", "text", "article id", "article", "source", "date",
                  "date doubtful", "sentence" },
      show = { "fact", "verdict", "kind", "description", "side", "who", "value", "approx", "unit",
               "precision", "how", "sentence_dates", "text", "label", "date_doubtful", "sentence" },
      rows = report_rows },
  },
}, { section = "reports" })

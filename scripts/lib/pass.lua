-- lib.pass: a report's one pass over a corpus, in memory or streamed.
--
-- A stream (`lede report NAME --stream`) is read once, one article at a
-- time, each article freed after its turn; corpus:people(), corpus:canonical
-- and labels unique across the corpus need every article. A report that
-- streams therefore works in two steps: a per-article step that keeps what
-- it needs as plain values (strings, numbers, small tables: never the
-- article, its sentences or annotations), and a finish that works on those.
-- lib.pass reads the corpus once, keeps the summaries every report needs,
-- and gives the corpus-level functions from them, identically for an
-- in-memory corpus and a stream:
--
--   local pass = require "lib.pass"
--   local p = pass.new(corpus, { entities = true, quotes = true })
--   p:each(function(a, s) ... end)   -- per-article step: a the article, s
--                                    -- its summary (below); several allowed
--   p:run()                          -- the one pass
--   -- the finish:
--   p.count                          -- articles read
--   p.articles                       -- summaries, in corpus order
--   p:label(s_or_id)                 -- as lib.text.article_label
--   p:labels_of(ids, max)            -- as lib.text.labels_of
--   p:canonical(x)                   -- as corpus:canonical (needs entities)
--   p:people(), p:orgs(), p:places() -- as corpus:people() (needs entities)
--   p:entity_groups(kind)            -- the same, unsorted and not copied
--   p:utterances()                   -- as corpus:utterances() (needs quotes),
--                                    -- u.article being the summary
--   p:speakers(keep, utts)           -- as corpus:speakers(keep, utts)
--
-- A summary s: id, index, date, date_doubtful, date_evidence, source,
-- agency, label (unique in the corpus: " (2)" for a second article that
-- would read the same). Memory is the summaries (a few hundred bytes per
-- article), the entity names with their counts and article ids, the QUOTEs'
-- records when asked for, and what the report's own step keeps.

local textlib = require "lib.text"
local canon = require "lib.canon"
local U = require "lib.utterances"

local M = {}
local Pass = {}
Pass.__index = Pass

local KINDS = { "PERSON", "ORG", "LOC" }

--- A pass over corpus (a corpus or a stream); needs: { entities = true }
--- (entity names resolved corpus-wide), { quotes = true } (utterances and
--- speakers; implies entities), { quotes = "counts" } (speakers only: the
--- QUOTEs kept without their texts where the counts do not need them).
function M.new(corpus, needs)
  needs = needs or {}
  local p = setmetatable({ corpus = corpus, count = 0, articles = {}, steps = {},
                           by_id = {}, needs = needs }, Pass)
  if needs.entities or needs.quotes then
    p.groups = {}
    for _, k in ipairs(KINDS) do p.groups[k] = canon.groups(k) end
  end
  if needs.quotes then
    p.quote_recs = {}
    p.quote_texts = needs.quotes == "counts" and "needed" or "all"
  end
  p.labeler = textlib.labeler()
  return p
end

--- fn(article, summary) runs for every article, in corpus order, after the
--- pass's own summaries of it.
function Pass:each(fn)
  self.steps[#self.steps + 1] = fn
  return self
end

-- the summary of an article: its metadata and label, plain values
local function summarize(p, a)
  local s = { id = a.id, index = a.index, date = a.date,
              date_doubtful = a.date_doubtful, date_evidence = a.date_evidence,
              source = a.source, agency = a.agency }
  s.label = p.labeler(a)
  if p.by_id[s.id] == nil then p.by_id[s.id] = s end
  return s
end

function Pass:run()
  if self.done then error("lib.pass: run() twice (a stream is read once)", 2) end
  local groups, recs = self.groups, self.quote_recs
  -- A stream's memory is what the report keeps, which the collector lets
  -- grow to 3 times its size between cycles (lede's pause, 300, tuned for
  -- the rules' garbage); 150 keeps a streamed report's peak near its result
  -- (figures over 3,000 articles: 87 -> 58 MB) for 5-10% more CPU time.
  if self.corpus.streaming == true then collectgarbage("incremental", 150) end
  for a in self.corpus:each_article() do
    self.count = self.count + 1
    local s = summarize(self, a)
    self.articles[#self.articles + 1] = s
    if groups then
      local id = a.id
      for _, m in ipairs(a:entities()) do
        groups[m.kind]:add(id, m.canonical or m.text, m.text)
      end
    end
    if recs then
      local r = U.records(a)
      if #r > 0 then recs[#recs + 1] = { s, U.pack(r, self.quote_texts) } end
    end
    for _, fn in ipairs(self.steps) do fn(a, s) end
  end
  self.done = true
  return self
end

local function need(p, what)
  if not p.done then error("lib.pass: " .. what .. " before run()", 3) end
  if what ~= "label" and not p.groups then
    error("lib.pass: " .. what .. " needs pass.new(corpus, { entities = true })", 3)
  end
end

--- The label of a summary (or article, or id) as lib.text.article_label
--- gives it in an in-memory corpus.
function Pass:label(x)
  if type(x) == "string" then
    local s = self.by_id[x]
    return s and s.label or x
  end
  if x.label then return x.label end
  local s = self.by_id[x.id]
  return s and s.label or textlib.article_label(x)
end

--- As lib.text.labels_of: the labels of a list of ids, "; " between them,
--- at most max (default 3), "(+N more)" after.
function Pass:labels_of(list, max)
  max = max or 3
  local t = {}
  for i = 1, math.min(#list, max) do
    local x = list[i]
    local s = type(x) == "string" and self.by_id[x] or x
    t[i] = type(s) == "table" and self:label(s) or tostring(x)
  end
  local out = table.concat(t, "; ")
  if #list > max then out = out .. string.format(" (+%d more)", #list - max) end
  return out
end

--- The corpus-wide canonical name of an entity mention (x.kind, and
--- x.canonical or x.text), as corpus:canonical.
function Pass:canonical(x)
  need(self, "canonical")
  local name = x.canonical or x.text
  local g = self.groups[x.kind]
  return g and g:canonical(name) or name
end

function Pass:people() need(self, "people"); return canon.entities(self.groups.PERSON) end
function Pass:orgs() need(self, "orgs"); return canon.entities(self.groups.ORG) end
function Pass:places() need(self, "places"); return canon.entities(self.groups.LOC) end

--- The canonical entities of a kind as lib.canon keeps them: { name,
--- kind, mentions, articles (ids, in order of first mention) } for every
--- corpus-wide name (a merged shorter form's counts are in its longer form),
--- in order of first mention; not to be changed.
function Pass:entity_groups(kind)
  need(self, "entity_groups")
  local out = {}
  for _, g in ipairs((self.groups[kind]:finish())) do
    if not g.merged then out[#out + 1] = g end
  end
  return out
end

-- fn(u) for every utterance, in corpus order, folded article by article
local function each_utterance(p, fn)
  need(p, "utterances")
  if not p.quote_recs then error("lib.pass: utterances need pass.new(corpus, { quotes = true })", 3) end
  local person = p.groups.PERSON
  local function who(raw) return person:canonical(raw) end
  for _, x in ipairs(p.quote_recs) do
    for _, u in ipairs(U.fold(U.unpack(x[2]), x[1], who)) do
      -- the records (a table per QUOTE) are dropped: a report holding every
      -- utterance would hold them all; the parts' start offsets stay
      local parts = {}
      for i, q in ipairs(u.parts) do parts[i] = q.start end
      u.parts, u.quote = parts, nil
      fn(u)
    end
  end
end

--- Every article's utterances, in corpus order (u.article: the summary;
--- u.parts: the start offsets of the QUOTEs folded in; no u.quote or
--- u.sentence: a stream's annotations are gone). With needs.quotes =
--- "counts" the utterances have no text unless their article has a headline
--- quote: enough for p:speakers(), in less memory.
function Pass:utterances()
  local out = {}
  each_utterance(self, function(u) out[#out + 1] = u end)
  return out
end

--- As corpus:speakers(keep, utts). Without utts the utterances are counted
--- article by article and never all held, and only the rows are returned.
function Pass:speakers(keep, utts)
  if utts then return U.speakers(utts, keep) end
  local count = U.speaker_counter(keep)
  each_utterance(self, count)
  return count.rows
end

return M

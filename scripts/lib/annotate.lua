-- lib.annotate: annotations on articles, and the methods that give them.
--
-- Loaded by lede at start-up. It adds to the object model:
--
--   article:annotate(kind, start, stop [, attrs]) -> annotation
--   article:annotations([kind])   every annotation, sorted by position
--   article:entities([kind])      PERSON, ORG and LOC annotations
--   article:dates(), article:figures(), article:quotes()
--   sentence:annotations([kind]), sentence:entities([kind])
--   corpus:entities([kind]), corpus:annotations([kind])
--   corpus:people(), corpus:places(), corpus:orgs()   canonical entities
--
-- An annotation has kind, start, stop (1-based inclusive byte offsets into
-- article.text, like sentences), text, article, sentence and attrs; an
-- attribute can also be read directly (ann.canonical, ann.value).
--
-- The rules (lede.rules) run lazily, once per article, on the first call
-- that needs annotations. Annotations are kept per article in a table with
-- weak keys, so they live exactly as long as the article object.

local rules = require "lib.rules"

local M = {}

local ENTITY = { PERSON = true, ORG = true, LOC = true }
M.ENTITY_KINDS = ENTITY

------------------------------------------------------------ annotation class

local Annotation = {}
local methods = {}
lede.Annotation = methods

Annotation.__name = "lede.Annotation"
Annotation.__index = function(self, k)
  local m = methods[k]
  if m ~= nil then return m end
  if k == "text" then
    local art = rawget(self, "article")
    local base = art[rawget(self, "field") or "text"] or ""
    local t = base:sub(rawget(self, "start"), rawget(self, "stop"))
    rawset(self, "text", t)
    return t
  elseif k == "sentence" then
    if rawget(self, "field") then return nil end   -- in the headline
    local s = rawget(self, "article"):sentence_at(rawget(self, "start"))
    rawset(self, "sentence", s)
    return s
  end
  local attrs = rawget(self, "attrs")
  return attrs and attrs[k]
end
Annotation.__tostring = function(self)
  return string.format("%s[%d..%d] %s", self.kind, self.start, self.stop, self.text)
end
Annotation.__len = function(self) return self.stop - self.start + 1 end
Annotation.__tojson = function(self)
  local o = { kind = self.kind, start = self.start, stop = self.stop, text = self.text,
              article = self.article.id, field = rawget(self, "field") }
  for k, v in pairs(self.attrs or {}) do
    -- plain values and plain tables; not objects (an article would drag
    -- its whole text along)
    if o[k] == nil and (type(v) ~= "table" or getmetatable(v) == nil) then o[k] = v end
  end
  return o
end

function methods.overlaps(self, other)
  return self.start <= other.stop and other.start <= self.stop
end

function methods.contains(self, other)
  return self.start <= other.start and other.stop <= self.stop
end

M.Annotation = Annotation

-------------------------------------------------------------- per article

local store = setmetatable({}, { __mode = "k" })   -- article -> state

-- An article's annotations live in a C store (lede.annstore,
-- src/lua/lua_annotation.c, src/annstore.c), which checks each new one and
-- keeps them sorted: headline ones (field "title", "subtitle") before the
-- body, then by start, the longer span first, then by kind, equal ones in
-- the order they came. The Lua table of an annotation is made when read,
-- and cached while anything holds it. Kept here as Lua tables, they were
-- 33 MB of Lua heap on a 3 MB corpus, which the collector let grow to
-- three times that.
local function state(article)
  local st = store[article]
  if not st then
    st = { store = lede.annstore(article, Annotation), done = {}, running = false }
    store[article] = st
  end
  return st
end

local made_kinds
local function add(st, kind, start, stop, attrs)
  local a, err = st.store:add(kind, start, stop, attrs)
  if not a then error(err, 2) end   -- at the line that called annotate
  made_kinds[kind] = true
  return a
end

-- The kinds a query asks for, as a set (nil: every kind)
local function want_set(kind)
  if kind == nil then return nil end
  if type(kind) == "string" then return { [kind] = true } end
  if kind[1] then
    local want = {}
    for _, k in ipairs(kind) do want[k] = true end
    return want
  end
  return kind
end

-- The annotations whose kind is in the set want (all when nil), sorted, as
-- a new list.
local function filter(st, want) return st.store:list(want) end
local function filter_range(st, want, from, to) return st.store:list(want, from, to) end

-- The context rules see while they run on one article.
local function make_ctx(article, st)
  local ctx = {}
  function ctx.annotate(_, kind, start, stop, attrs)
    return add(st, kind, start, stop, attrs)
  end
  function ctx.annotations(_, kind) return filter(st, want_set(kind)) end
  function ctx.count(_) return st.store:count() end
  function ctx.remove(_, ann) return st.store:remove(ann) end
  -- annotations packed by st.store:pack() in another state (lib.prefetch)
  function ctx.unpack(_, packed)
    for _, kind in ipairs(st.store:unpack(packed)) do made_kinds[kind] = true end
  end
  ctx.data = rules.data
  ctx.article = article
  return ctx
end

-- Run the rules a query for the kinds in the set want needs (all of them
-- when want is nil).
local function ensure_run(article, want)
  local st = state(article)
  if not st.running then
    st.running = true
    local ok, err = pcall(rules.run, article, make_ctx(article, st), st.done, want)
    st.running = false
    if not ok then error(err, 0) end
    st.store:compact()   -- its arrays trimmed: most articles get no more
    if not st.counted then     -- the progress line counts each article once
      st.counted = true
      lede.progress.article(article)
    end
  end
  return st
end

--- The article's annotations (every rule run) as the JSON array lede
--- extract writes, made in C from the store without a Lua table per
--- annotation (lede.annstore's st:json); keep: a set of annotation fields
--- to keep (nil: all).
function M.json(article, keep)
  return ensure_run(article, nil).store:json(keep)
end

--- Drop an article's annotations and the record of which rules ran, so
--- that the next query runs them all again (lib.prefetch, after a rule
--- failed on a share it annotated ahead of the script: the script then
--- meets the error itself, as it would without -j).
function M.forget(article)
  store[article] = nil
end

--- Run every rule on an article and give its annotations packed in one
--- string (lede.annstore's pack, for ctx:unpack in another Lua state), or
--- nil when some annotation's attributes are kept in Lua (then the caller
--- lists them).
function M.pack(article)
  return ensure_run(article, nil).store:pack()
end

--- Give an article annotations made elsewhere (lede merge, -j workers)
--- and mark the rules that made them as done: list = { {kind=, start=,
--- stop=, attrs=}, ... }; names: the rule names (default: every rule
--- loaded now).
function M.preload(article, list, names)
  local st = state(article)
  for _, x in ipairs(list) do add(st, x.kind, x.start, x.stop, x.attrs) end
  for _, name in ipairs(names or rules.names()) do st.done[name] = true end
end

--- As preload, from an extract record's JSON line (lede merge: its
--- annotations go into the store in C, without a Lua table each; the
--- line was checked by lib/merge_read.lua).
function M.preload_line(article, line, names)
  local st = state(article)
  st.store:load(line)
  for _, name in ipairs(names or rules.names()) do st.done[name] = true end
end

local Article = lede.Article
local Sentence = lede.Sentence
local Corpus = lede.Corpus

------------------------------------------------ one convention for lists

-- Methods that give several things return a list; their iterator forms are
-- named each_*. corpus:articles() was an iterator: the list it gives now can
-- still be called by a generic for (`for a in corpus:articles() do`), so
-- scripts written for it keep running. A stream has no list (it is read
-- once, one article at a time): stream:articles() stays its iterator, and
-- stream:each_article() is the same.
local c_each_article = Corpus.articles
Corpus.each_article = c_each_article
if lede.Stream and lede.Stream.articles then lede.Stream.each_article = lede.Stream.articles end

local cursor = setmetatable({}, { __mode = "k" })
local CallableList = {
  __name = "lede.List",
  __call = function(t, _, prev)
    local i = (prev == nil) and 1 or (cursor[t] or 0) + 1
    cursor[t] = i
    return t[i]
  end,
}

function Corpus.articles(self)
  local t = {}
  for i = 1, #self do t[i] = self[i] end
  return setmetatable(t, CallableList)
end

-- corpus:article(id) -> the article with that id, or nil. The index is made
-- on the first call and again when the corpus grew (corpus:add).
local by_id = setmetatable({}, { __mode = "k" })
function Corpus.article(self, id)
  local ix = by_id[self]
  if not ix or ix.n ~= #self then
    ix = { n = #self, map = {} }
    for i = 1, #self do
      local a = self[i]
      if ix.map[a.id] == nil then ix.map[a.id] = a end
    end
    by_id[self] = ix
  end
  return ix.map[tostring(id)]
end

-- A kind nobody makes is most likely a typing error ("FIGURES"): it is an
-- error naming the kinds there are: those the loaded rules declare and
-- those annotations were made with (by hand, by lede merge). When a loaded
-- rule declares no kinds it may make any, and nothing is refused.
made_kinds = {}
-- the kinds the API names (entities(), dates(), figures(), quotes()): known
-- even when no rule is loaded (--no-default-rules), then simply empty
local API_KINDS = { "PERSON", "ORG", "LOC", "DATE", "TIME", "FIGURE", "QUOTE" }
local function known_kinds()
  local k, open = {}, false
  for _, x in ipairs(API_KINDS) do k[x] = true end
  for _, r in ipairs(rules.list()) do
    if type(r.kinds) ~= "table" or #r.kinds == 0 then open = true end
    for _, x in ipairs(type(r.kinds) == "table" and r.kinds or {}) do k[x] = true end
  end
  for x in pairs(made_kinds) do k[x] = true end
  return k, open
end

local function check_kinds(want, level)
  if not want then return end
  local known, open
  local asked = {}     -- in sorted order, so the kind named is always the same
  for k in pairs(want) do asked[#asked + 1] = tostring(k) end
  table.sort(asked)
  for _, k in ipairs(asked) do
    if not made_kinds[k] then
      if not known then known, open = known_kinds() end
      if not open and not known[k] then
        local names = {}
        for x in pairs(known) do names[#names + 1] = x end
        table.sort(names)
        error(string.format("unknown annotation kind '%s' (the kinds are %s)", tostring(k),
                            table.concat(names, ", ")), level + 1)
      end
    end
  end
end
M.check_kinds = check_kinds

function Article.annotate(self, kind, start, stop, attrs)
  return add(state(self), kind, start, stop, attrs)
end

-- the annotations of the kinds in `want` (a set, or nil for all), the
-- rules run as far as they need; callers check the kinds (check_kinds)
local function article_annotations(article, want)
  return filter(ensure_run(article, want), want)
end

function Article.annotations(self, kind)
  local want = want_set(kind)
  local out = article_annotations(self, want)
  check_kinds(want, 2)
  return out
end

function Article.entities(self, kind)
  local want = want_set(kind or ENTITY)
  local out = article_annotations(self, want)
  check_kinds(want, 2)
  return out
end

function Article.dates(self) return article_annotations(self, { DATE = true }) end
function Article.figures(self) return article_annotations(self, { FIGURE = true }) end
function Article.quotes(self) return article_annotations(self, { QUOTE = true }) end

-- the body's annotations that start in the sentence: the store finds them
-- by binary search (was a walk over the article's list per sentence)
local function sentence_annotations(self, want)
  local out = filter_range(ensure_run(self.article, want), want, self.start, self.stop)
  check_kinds(want, 2)   -- the public method tail-calls this: level 3 is the caller
  return out
end

function Sentence.annotations(self, kind) return sentence_annotations(self, want_set(kind)) end
function Sentence.entities(self, kind) return sentence_annotations(self, want_set(kind or ENTITY)) end

local function corpus_annotations(self, want)
  local out = {}
  for a in self:each_article() do
    for _, x in ipairs(article_annotations(a, want)) do out[#out + 1] = x end
  end
  check_kinds(want, 2)   -- the public method tail-calls this: level 3 is the caller
  return out
end

function Corpus.annotations(self, kind) return corpus_annotations(self, want_set(kind)) end
function Corpus.entities(self, kind) return corpus_annotations(self, want_set(kind or ENTITY)) end

---------------------------------------------------- canonical entities

-- Entity mentions grouped by canonical name across the corpus, and
-- shorter forms merged into longer ones ("Stoltenberg" -> "Jens
-- Stoltenberg"): lib.canon, from per-name aggregates, as lib.pass does for
-- a streamed report.
local canon = require "lib.canon"

local function entity_groups(corpus, kind)
  local g = canon.groups(kind)
  for a in corpus:each_article() do
    local id = a.id
    for _, m in ipairs(article_annotations(a, { [kind] = true })) do
      g:add(id, m.canonical or m.text, m.text)
    end
  end
  return g
end

local function canonical_entities(corpus, kind)
  return canon.entities(entity_groups(corpus, kind))
end

-- corpus:canonical(ann) -> the corpus-wide canonical name of an entity
-- mention (per-article canonicals merged as above). Cached per corpus.
local resolved = setmetatable({}, { __mode = "k" })
function Corpus.canonical(self, ann)
  local r = resolved[self]
  if not r then
    r = {}
    for kind in pairs(ENTITY) do r[kind] = entity_groups(self, kind) end
    resolved[self] = r
  end
  local name = ann.canonical or ann.text
  local g = r[ann.kind]
  return g and g:canonical(name) or name
end

--------------------------------------------------------------- utterances

-- QUOTE annotations folded into utterances (one per thing a speaker said;
-- lib.utterances, shared with lib.pass), the speaker being the corpus-wide
-- canonical name.
local U = require "lib.utterances"
M.UNATTRIBUTED = U.UNATTRIBUTED

local function article_utterances(corpus, article)
  local function who(raw) return Corpus.canonical(corpus, { kind = "PERSON", canonical = raw }) end
  return U.fold(U.records(article, true), article, who)
end

--- article:utterances() -> the article's utterances in text order
--- (headline first): { speaker, direct, cue, text, article, sentence, field,
--- start, stop, quote (the widest QUOTE), parts (every QUOTE folded in) }.
function Article.utterances(self)
  return article_utterances(self.corpus, self)
end

--- corpus:utterances() -> every article's utterances, in corpus order.
function Corpus.utterances(self)
  local out = {}
  for a in self:each_article() do
    for _, u in ipairs(article_utterances(self, a)) do out[#out + 1] = u end
  end
  return out
end

--- corpus:quotes() -> every QUOTE annotation (as article:quotes(), over the
--- corpus); corpus:utterances() counts what was said.
function Corpus.quotes(self) return corpus_annotations(self, { QUOTE = true }) end

--- corpus:speakers() -> rows { speaker, quotes, direct, reported, articles }
--- in order of first utterance (speaker: the corpus-wide canonical name, or
--- "(unattributed)"; quotes: utterances, direct + reported; articles: ids),
--- and a table from each utterance and each QUOTE annotation to its row.
--- Reports sort the rows their own way. corpus:speakers(keep) counts only
--- the utterances u for which keep(u) is true; a third argument gives the
--- utterances to count when the caller already has corpus:utterances().
function Corpus.speakers(self, keep, utts)
  return U.speakers(utts or Corpus.utterances(self), keep)
end

function Corpus.people(self) return canonical_entities(self, "PERSON") end
function Corpus.places(self) return canonical_entities(self, "LOC") end
function Corpus.orgs(self) return canonical_entities(self, "ORG") end

M.canonical_entities = canonical_entities

-- A stream is read once, one article at a time: the corpus-level methods
-- above would need every article at once. Calling one says what to do.
if lede.Stream then
  local IN_PASS = { people = true, places = true, orgs = true, canonical = true, utterances = true,
                    speakers = true }
  for _, name in ipairs { "people", "places", "orgs", "canonical", "utterances", "speakers",
                          "quotes", "annotations", "entities", "article" } do
    local how = IN_PASS[name] and ("use lib.pass (one pass over the stream, then p:" .. name .. "())")
                or "read each article's own in corpus:each_article(), or use lib.pass"
    lede.Stream[name] = function()
      error("corpus:" .. name .. "() needs the whole corpus, and a stream is read one article at a "
            .. "time: " .. how .. "; see README, 'Reports that stream'", 2)
    end
  end
end

lede.rules = rules
return M

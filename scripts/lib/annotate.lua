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

-- Headline annotations (field "title", "subtitle") sort before the body.
local FIELD_ORDER = { title = 1, subtitle = 2 }
local function by_position(a, b)
  local fa, fb = a.order, b.order
  if fa ~= fb then return fa < fb end
  if a.start ~= b.start then return a.start < b.start end
  if a.stop ~= b.stop then return a.stop > b.stop end
  return a.kind < b.kind
end

-- Byte length of an article field, cached in the article's state:
-- reading article.text makes a Lua string of the whole body, too dear to
-- do per annotation.
local function field_len(article, st, field)
  local key = field or "text"
  local n = st.len[key]
  if not n then
    local base = article[key]
    n = base and #base or 0
    st.len[key] = n
  end
  return n
end

local function new_annotation(article, st, kind, start, stop, attrs)
  if type(kind) ~= "string" or kind == "" then
    error("annotate: kind must be a non-empty string", 3)
  end
  start, stop = math.tointeger(start), math.tointeger(stop)
  -- attrs.field = "title" | "subtitle" puts the span in that field instead
  -- of the body (headlines have entities too).
  local field = attrs and attrs.field
  local order = 3
  if field ~= nil then
    order = FIELD_ORDER[field]
    if not order then error("annotate: field must be \"title\" or \"subtitle\"", 3) end
  end
  local len = field_len(article, st, field)
  if not start or not stop or start < 1 or stop < start - 1 or stop > len then
    error(string.format("annotate: span %s..%s is outside the article %s (1..%d)",
                        tostring(start), tostring(stop), field or "text", len), 3)
  end
  return setmetatable({ kind = kind, start = start, stop = stop, article = article,
                        field = field, order = order, attrs = attrs or {} }, Annotation)
end

local function state(article)
  local st = store[article]
  if not st then
    st = { list = {}, done = {}, running = false, len = {} }
    store[article] = st
  end
  return st
end

-- The list stays sorted as annotations arrive: appended when they come in
-- text order (the usual case), else inserted at their place found by
-- binary search. Sorting the whole list on every query cost a fifth of
-- the extraction time.
local function add(article, st, kind, start, stop, attrs)
  local a = new_annotation(article, st, kind, start, stop, attrs)
  local list = st.list
  local n = #list
  if n == 0 or not by_position(a, list[n]) then
    list[n + 1] = a
    return a
  end
  local lo, hi = 1, n
  while lo < hi do
    local mid = (lo + hi) // 2
    if by_position(a, list[mid]) then hi = mid else lo = mid + 1 end
  end
  table.insert(list, lo, a)
  return a
end

local function sorted(st) return st.list end

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

-- The annotations of list whose kind is in the set want (all when nil), as a
-- new list.
local function filter(list, want)
  local out = {}
  if want == nil then
    for i, a in ipairs(list) do out[i] = a end
    return out
  end
  for _, a in ipairs(list) do
    if want[a.kind] then out[#out + 1] = a end
  end
  return out
end

-- The context rules see while they run on one article.
local function make_ctx(article, st)
  local ctx = {}
  function ctx.annotate(_, kind, start, stop, attrs)
    return add(article, st, kind, start, stop, attrs)
  end
  function ctx.annotations(_, kind) return filter(sorted(st), want_set(kind)) end
  function ctx.count(_) return #st.list end
  function ctx.remove(_, ann)
    for i, a in ipairs(st.list) do
      if a == ann then table.remove(st.list, i) return true end
    end
    return false
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
  end
  return st
end

--- Drop an article's annotations and the record of which rules ran, so
--- that the next query runs them all again (lib.prefetch, after a rule
--- failed on a share it annotated ahead of the script: the script then
--- meets the error itself, as it would without -j).
function M.forget(article)
  store[article] = nil
end

--- Give an article annotations made elsewhere (lede merge, -j workers)
--- and mark the rules that made them as done: list = { {kind=, start=,
--- stop=, attrs=}, ... }; names: the rule names (default: every rule
--- loaded now).
function M.preload(article, list, names)
  local st = state(article)
  for _, x in ipairs(list) do add(article, st, x.kind, x.start, x.stop, x.attrs) end
  for _, name in ipairs(names or rules.names()) do st.done[name] = true end
end

local Article = lede.Article
local Sentence = lede.Sentence
local Corpus = lede.Corpus

function Article.annotate(self, kind, start, stop, attrs)
  return add(self, state(self), kind, start, stop, attrs)
end

function Article.annotations(self, kind)
  local want = want_set(kind)
  return filter(sorted(ensure_run(self, want)), want)
end

function Article.entities(self, kind)
  local want = want_set(kind or ENTITY)
  return filter(sorted(ensure_run(self, want)), want)
end

function Article.dates(self) return Article.annotations(self, "DATE") end
function Article.figures(self) return Article.annotations(self, "FIGURE") end
function Article.quotes(self) return Article.annotations(self, "QUOTE") end

function Sentence.annotations(self, kind)
  local out = {}
  local s, e = self.start, self.stop
  for _, a in ipairs(Article.annotations(self.article, kind)) do
    if not rawget(a, "field") and a.start >= s and a.start <= e then out[#out + 1] = a end
  end
  return out
end

function Sentence.entities(self, kind)
  return Sentence.annotations(self, kind or ENTITY)
end

function Corpus.annotations(self, kind)
  local out = {}
  for a in self:articles() do
    for _, x in ipairs(Article.annotations(a, kind)) do out[#out + 1] = x end
  end
  return out
end

function Corpus.entities(self, kind)
  return Corpus.annotations(self, kind or ENTITY)
end

---------------------------------------------------- canonical entities

-- Group entity mentions by canonical name across the corpus. Per-article
-- canonicals are then merged when one is a shorter form of another of the
-- same kind, compared folded (Geoana = Geoană):
--   one word       -> the unique longer name whose first or last word it is
--                     ("Stoltenberg" -> "Jens Stoltenberg")
--   several words  -> the unique longer name with the same first word whose
--                     last word starts with this one's last word before a
--                     hyphen ("Vjosa Osmani" -> "Vjosa Osmani-Sadriu")
local function words_of(name)
  local w = {}
  for x in lede.fold(name):gmatch("%S+") do w[#w + 1] = x end
  return w
end

local function shorter_form(short, long)
  local s, l = words_of(short), words_of(long)
  if #s >= #l and short ~= long then
    -- same length: only the hyphenated-surname case
    if #s ~= #l then return false end
  end
  if short == long then return false end
  local llast = l[#l]
  local llast_part = llast:match("^([^-]+)%-") or llast
  if #s == 1 then
    return #l > 1 and (s[1] == l[1] or s[1] == llast or s[1] == llast_part)
  end
  -- the longer name without its first names: "Tayyip Erdogan" is
  -- "Recep Tayyip Erdogan"
  if #s < #l then
    local tail = true
    for k = 1, #s do
      if s[k] ~= l[#l - #s + k] then tail = false break end
    end
    if tail then return true end
  end
  return s[1] == l[1] and (s[#s] == llast_part) and s[#s] ~= llast
end

local function group_mentions(corpus, kind)
  local groups, order = {}, {}
  for a in corpus:articles() do
    for _, m in ipairs(Article.annotations(a, kind)) do
      local name = m.canonical or m.text
      local g = groups[name]
      if not g then
        g = { name = name, kind = kind, mentions = 0, articles = {}, aliases = {}, seen = {} }
        groups[name] = g
        order[#order + 1] = g
      end
      g.mentions = g.mentions + 1
      g.aliases[m.text] = (g.aliases[m.text] or 0) + 1
      if not g.seen[a.id] then
        g.seen[a.id] = true
        g.articles[#g.articles + 1] = a.id
      end
    end
  end
  -- merge shorter forms into their unique longer form (longest first, so
  -- chains resolve: Osmani -> Vjosa Osmani -> Vjosa Osmani-Sadriu)
  local into = {}
  if kind == "PERSON" then
    local by_len = {}
    for _, g in ipairs(order) do by_len[#by_len + 1] = g end
    table.sort(by_len, function(x, y) return #x.name < #y.name end)
    for _, g in ipairs(by_len) do
      local target
      for _, h in ipairs(order) do
        if h ~= g and not into[h.name] and shorter_form(g.name, h.name) then
          if target and target ~= h then target = false break end
          target = h
        end
      end
      if target then
        into[g.name] = target
        g.merged = true
      end
    end
  end
  local function root(g)
    while into[g.name] do g = into[g.name] end
    return g
  end
  for _, g in ipairs(order) do
    if g.merged then
      local t = root(g)
      t.mentions = t.mentions + g.mentions
      for k, n in pairs(g.aliases) do t.aliases[k] = (t.aliases[k] or 0) + n end
      for _, id in ipairs(g.articles) do
        if not t.seen[id] then
          t.seen[id] = true
          t.articles[#t.articles + 1] = id
        end
      end
    end
  end
  local map = {}
  for _, g in ipairs(order) do map[g.name] = root(g).name end
  return order, map
end

local function canonical_entities(corpus, kind)
  local order = group_mentions(corpus, kind)
  local out = {}
  for _, g in ipairs(order) do
    if not g.merged then
      local aliases = {}
      for k in pairs(g.aliases) do aliases[#aliases + 1] = k end
      table.sort(aliases, function(x, y)
        if g.aliases[x] ~= g.aliases[y] then return g.aliases[x] > g.aliases[y] end
        return x < y
      end)
      table.sort(g.articles)
      out[#out + 1] = { name = g.name, kind = g.kind, mentions = g.mentions,
                        articles = lede.json.array(g.articles),
                        aliases = lede.json.array(aliases) }
    end
  end
  table.sort(out, function(x, y)
    if x.mentions ~= y.mentions then return x.mentions > y.mentions end
    return x.name < y.name
  end)
  return out
end

-- corpus:canonical(ann) -> the corpus-wide canonical name of an entity
-- mention (per-article canonicals merged as above). Cached per corpus.
local resolved = setmetatable({}, { __mode = "k" })
function Corpus.canonical(self, ann)
  local r = resolved[self]
  if not r then
    r = {}
    for kind in pairs(ENTITY) do
      local _, map = group_mentions(self, kind)
      r[kind] = map
    end
    resolved[self] = r
  end
  local name = ann.canonical or ann.text
  local m = r[ann.kind]
  return (m and m[name]) or name
end

--- corpus:speakers() -> rows { speaker, quotes, direct, reported, articles }
--- in order of first quote (speaker: the corpus-wide canonical name, or
--- "(unattributed)"), and a table from each QUOTE annotation to its row.
--- Reports sort the rows their own way.
M.UNATTRIBUTED = "(unattributed)"
function Corpus.speakers(self)
  local by_name, rows, by_quote = {}, {}, {}
  for _, q in ipairs(Corpus.annotations(self, "QUOTE")) do
    local name = q.speaker and Corpus.canonical(self, { kind = "PERSON", canonical = q.speaker })
                 or M.UNATTRIBUTED
    local s = by_name[name]
    if not s then
      s = { speaker = name, quotes = 0, direct = 0, reported = 0, articles = {}, seen = {} }
      by_name[name] = s
      rows[#rows + 1] = s
    end
    s.quotes = s.quotes + 1
    if q.direct then s.direct = s.direct + 1 else s.reported = s.reported + 1 end
    local id = q.article.id
    if not s.seen[id] then
      s.seen[id] = true
      s.articles[#s.articles + 1] = id
    end
    by_quote[q] = s
  end
  return rows, by_quote
end

function Corpus.people(self) return canonical_entities(self, "PERSON") end
function Corpus.places(self) return canonical_entities(self, "LOC") end
function Corpus.orgs(self) return canonical_entities(self, "ORG") end

M.canonical_entities = canonical_entities
lede.rules = rules
return M

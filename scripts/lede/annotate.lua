-- lede.annotate: annotations on articles, and the methods that give them.
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

local rules = require "lede.rules"

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
    local t = rawget(self, "article").text:sub(rawget(self, "start"), rawget(self, "stop"))
    rawset(self, "text", t)
    return t
  elseif k == "sentence" then
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
              article = self.article.id }
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

local function by_position(a, b)
  if a.start ~= b.start then return a.start < b.start end
  if a.stop ~= b.stop then return a.stop > b.stop end
  return a.kind < b.kind
end

local function new_annotation(article, kind, start, stop, attrs)
  if type(kind) ~= "string" or kind == "" then
    error("annotate: kind must be a non-empty string", 3)
  end
  start, stop = math.tointeger(start), math.tointeger(stop)
  local len = #article.text
  if not start or not stop or start < 1 or stop < start - 1 or stop > len then
    error(string.format("annotate: span %s..%s is outside the article text (1..%d)",
                        tostring(start), tostring(stop), len), 3)
  end
  return setmetatable({ kind = kind, start = start, stop = stop, article = article,
                        attrs = attrs or {} }, Annotation)
end

local function state(article)
  local st = store[article]
  if not st then
    st = { list = {}, sorted = true, ran = false, running = false }
    store[article] = st
  end
  return st
end

local function add(article, st, kind, start, stop, attrs)
  local a = new_annotation(article, kind, start, stop, attrs)
  st.list[#st.list + 1] = a
  st.sorted = false
  return a
end

local function sorted(st)
  if not st.sorted then
    table.sort(st.list, by_position)
    st.sorted = true
  end
  return st.list
end

local function filter(list, kind)
  if kind == nil then
    local out = {}
    for i, a in ipairs(list) do out[i] = a end
    return out
  end
  local want = kind
  if type(kind) == "string" then want = { [kind] = true }
  elseif kind[1] then
    want = {}
    for _, k in ipairs(kind) do want[k] = true end
  end
  local out = {}
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
  function ctx.annotations(_, kind) return filter(sorted(st), kind) end
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

local function ensure_run(article)
  local st = state(article)
  if not st.ran and not st.running then
    st.running = true
    local ok, err = pcall(rules.run, article, make_ctx(article, st))
    st.running = false
    st.ran = true
    if not ok then error(err, 0) end
  end
  return st
end

local Article = lede.Article
local Sentence = lede.Sentence
local Corpus = lede.Corpus

function Article.annotate(self, kind, start, stop, attrs)
  return add(self, state(self), kind, start, stop, attrs)
end

function Article.annotations(self, kind)
  return filter(sorted(ensure_run(self)), kind)
end

function Article.entities(self, kind)
  return filter(sorted(ensure_run(self)), kind or ENTITY)
end

function Article.dates(self) return Article.annotations(self, "DATE") end
function Article.figures(self) return Article.annotations(self, "FIGURE") end
function Article.quotes(self) return Article.annotations(self, "QUOTE") end

function Sentence.annotations(self, kind)
  local out = {}
  local s, e = self.start, self.stop
  for _, a in ipairs(Article.annotations(self.article, kind)) do
    if a.start >= s and a.start <= e then out[#out + 1] = a end
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

-- Group entity mentions by canonical name across the corpus. A canonical
-- that is one word ("Stoltenberg", from an article that never spelled the
-- full name) joins the one multi-word canonical of the same kind that ends
-- or starts with it, when exactly one exists.
local function canonical_entities(corpus, kind)
  local groups, order = {}, {}
  for a in corpus:articles() do
    for _, m in ipairs(Article.annotations(a, kind)) do
      local name = m.canonical or m.text
      local g = groups[name]
      if not g then
        g = { name = name, kind = kind, mentions = 0, articles = {}, aliases = {},
              seen = {} }
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
  -- merge single-word canonicals into a unique longer one
  for _, g in ipairs(order) do
    if not g.name:find("%s") then
      local target
      for _, h in ipairs(order) do
        if h ~= g and h.name:find("%s") and not h.merged then
          local first, last = h.name:match("^(%S+)"), h.name:match("(%S+)$")
          if last == g.name or first == g.name then
            if target then target = false break end
            target = h
          end
        end
      end
      if target then
        g.merged = true
        target.mentions = target.mentions + g.mentions
        for k, n in pairs(g.aliases) do target.aliases[k] = (target.aliases[k] or 0) + n end
        for _, id in ipairs(g.articles) do
          if not target.seen[id] then
            target.seen[id] = true
            target.articles[#target.articles + 1] = id
          end
        end
      end
    end
  end
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

function Corpus.people(self) return canonical_entities(self, "PERSON") end
function Corpus.places(self) return canonical_entities(self, "LOC") end
function Corpus.orgs(self) return canonical_entities(self, "ORG") end

M.canonical_entities = canonical_entities
lede.rules = rules
return M

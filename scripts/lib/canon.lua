-- lib.canon: canonical entities across a corpus, from per-name aggregates.
--
--   local canon = require "lib.canon"
--   local g = canon.groups("PERSON")
--   g:add(article_id, name, text)   -- one mention (name: its per-article
--                                   -- canonical, text: as written), in
--                                   -- corpus order
--   local order, map = g:finish()   -- groups in order of first mention,
--                                   -- map: name -> corpus-wide name
--   canon.entities(g)               -- corpus:people()'s rows
--
-- Only per-name aggregates are kept (mentions, spellings, article ids), never
-- the mentions: corpus:people() and lib.pass (streamed reports) both feed
-- them, so a stream resolves names exactly as an in-memory corpus does.
--
-- Per-article canonicals are merged when one is a shorter form of another of
-- the same kind, compared folded (Geoana = Geoană), PERSON only:
--   one word       -> the unique longer name whose first or last word it is
--                     ("Stoltenberg" -> "Jens Stoltenberg")
--   several words  -> the unique longer name with the same first word whose
--                     last word starts with this one's last word before a
--                     hyphen ("Vjosa Osmani" -> "Vjosa Osmani-Sadriu"), or
--                     that ends with these words ("Tayyip Erdogan" ->
--                     "Recep Tayyip Erdogan")

local M = {}

local function words_of(name)
  local w = {}
  for x in lede.fold(name):gmatch("%S+") do w[#w + 1] = x end
  return w
end

-- is `short` (words s) a shorter form of `long` (words l)?
local function shorter_form(short, long, s, l)
  if short == long then return false end
  if #s > #l then return false end     -- same length: only the hyphenated-surname case
  local llast = l[#l]
  local llast_part = llast:match("^([^-]+)%-") or llast
  if #s == 1 then
    return #l > 1 and (s[1] == l[1] or s[1] == llast or s[1] == llast_part)
  end
  if #s < #l then
    local tail = true
    for k = 1, #s do
      if s[k] ~= l[#l - #s + k] then tail = false break end
    end
    if tail then return true end
  end
  return s[1] == l[1] and (s[#s] == llast_part) and s[#s] ~= llast
end
M.shorter_form = function(short, long) return shorter_form(short, long, words_of(short), words_of(long)) end

local Groups = {}
Groups.__index = Groups

function M.groups(kind)
  return setmetatable({ kind = kind, by_name = {}, order = {}, ids = {} }, Groups)
end

-- Is id in g's article list? Mentions come article by article, so an id
-- is already there only as its last entry, unless the corpus gave the same
-- id to an earlier article too (JSON Lines ids are the user's): then, for
-- that group, a set of its ids, made once. (A set per group for every name
-- was most of a streamed report's memory.)
local function has_id(g, id, again)
  local list = g.articles
  if list[#list] == id then return true end
  if not again then return false end
  local seen = g.seen
  if not seen then
    seen = {}
    for _, x in ipairs(list) do seen[x] = true end
    g.seen = seen
  end
  return seen[id] == true
end

--- One mention, in corpus order: article id, its name (per-article
--- canonical), its text as written.
function Groups:add(id, name, text)
  if id ~= self.cur then                 -- the next article's mentions
    self.cur = id
    self.again = self.ids[id] == true    -- an id an earlier article had
    self.ids[id] = true
  end
  local g = self.by_name[name]
  if not g then
    g = { name = name, kind = self.kind, mentions = 0, articles = {}, aliases = {} }
    self.by_name[name] = g
    self.order[#self.order + 1] = g
  end
  g.mentions = g.mentions + 1
  g.aliases[text] = (g.aliases[text] or 0) + 1
  if not has_id(g, id, self.again) then
    g.articles[#g.articles + 1] = id
    if g.seen then g.seen[id] = true end
  end
end

-- The groups a shorter form of g's name may merge into: every other group
-- whose name holds g's first folded word (as a word, or as its last word
-- before a hyphen), which shorter_form requires; an index by word keeps the
-- search near linear instead of every name against every name.
local function word_index(order)
  local ix, words = {}, {}
  for _, g in ipairs(order) do
    local w = words_of(g.name)
    words[g] = w
    local put = {}
    for _, x in ipairs(w) do put[x] = true end
    if #w > 0 then put[w[#w]:match("^([^-]+)%-") or w[#w]] = true end
    for x in pairs(put) do
      local list = ix[x]
      if not list then list = {}; ix[x] = list end
      list[#list + 1] = g
    end
  end
  return ix, words
end

--- Merge shorter forms into their unique longer form (longest first, so
--- chains resolve: Osmani -> Vjosa Osmani -> Vjosa Osmani-Sadriu). Returns
--- the groups in order of first mention (merged ones marked g.merged, their
--- counts added to their root) and the map name -> corpus-wide name. Once.
function Groups:finish()
  if self.map then return self.order, self.map end
  local order = self.order
  local into = {}
  if self.kind == "PERSON" then
    local ix, words = word_index(order)
    local by_len = {}
    for _, g in ipairs(order) do by_len[#by_len + 1] = g end
    table.sort(by_len, function(x, y) return #x.name < #y.name end)
    for _, g in ipairs(by_len) do
      local target
      local s = words[g]
      for _, h in ipairs(s[1] and ix[s[1]] or {}) do
        if h ~= g and not into[h.name] and shorter_form(g.name, h.name, s, words[h]) then
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
  local root_ids = {}       -- root -> the set of its ids, while merging
  for _, g in ipairs(order) do
    if g.merged then
      local t = root(g)
      t.mentions = t.mentions + g.mentions
      for k, n in pairs(g.aliases) do t.aliases[k] = (t.aliases[k] or 0) + n end
      local seen = root_ids[t]
      if not seen then
        seen = {}
        for _, id in ipairs(t.articles) do seen[id] = true end
        root_ids[t] = seen
      end
      for _, id in ipairs(g.articles) do
        if not seen[id] then
          seen[id] = true
          t.articles[#t.articles + 1] = id
        end
      end
    end
  end
  local map = {}
  for _, g in ipairs(order) do map[g.name] = root(g).name; g.seen = nil end
  self.map = map
  self.ids = nil            -- no more mentions come
  return order, map
end

--- The corpus-wide name of a per-article name.
function Groups:canonical(name)
  local _, map = self:finish()
  return map[name] or name
end

--- Rows { name, kind, mentions, articles (ids, sorted), aliases (most
--- frequent first) }, most mentioned first: corpus:people()'s answer. New
--- tables each call.
function M.entities(groups)
  local order = groups:finish()
  local out = {}
  for _, g in ipairs(order) do
    if not g.merged then
      local aliases = {}
      for k in pairs(g.aliases) do aliases[#aliases + 1] = k end
      table.sort(aliases, function(x, y)
        if g.aliases[x] ~= g.aliases[y] then return g.aliases[x] > g.aliases[y] end
        return x < y
      end)
      local ids = {}
      for i, id in ipairs(g.articles) do ids[i] = id end
      table.sort(ids)
      out[#out + 1] = { name = g.name, kind = g.kind, mentions = g.mentions,
                        articles = lede.json.array(ids),
                        aliases = lede.json.array(aliases) }
    end
  end
  table.sort(out, function(x, y)
    if x.mentions ~= y.mentions then return x.mentions > y.mentions end
    return x.name < y.name
  end)
  return out
end

return M

-- lib.dates.scan: the rules of a grammar (lib.dates.grammar's shape),
-- compiled once, run over a text in one pass.
--
--   local scanner = scan.compile(rules, keysets)
--   for _, hit in ipairs(scanner(text)) do ... end
--      hit = { rule = rule, s = start, e = stop, c = captures }, by start
--
-- keysets: { NAME = { words = "w1 w2 ...", before = n, after = n } }; a
-- rule's `keys` names the sets it needs ("UNITS DAYS"): its every match holds
-- one of their words and stays within their reach.
--
-- How: the rules that need the same sets form a group. A trie of all the key
-- words (lede.keyscan, C) finds in one pass, for every group, the stretches
-- of text around its keys; only those are searched, with one PCRE2 pattern
-- per group that holds its rules as alternatives (at a position the first
-- rule that matches wins, and the search goes on after its match). The
-- rule that matched is the one whose group took part, and its named
-- groups are the captures that follow. The groups' hits are merged by start (and rule order). Trying
-- every rule at every word of a whole text, or one PCRE2 search per rule,
-- costs several times more.

local M = {}

-- A rule's pattern with its named groups made plain (numbered) ones, and
-- their names in order: in the group's pattern every capture is then known
-- by its number (the rule's own group first, then its named groups).
local function numbered(p)
  local names = {}
  p = p:gsub("%(%?<(%a[%w_]*)>", function(n)
    names[#names + 1] = n
    return "("
  end)
  return p, names
end

local function group_rules(rules)
  local groups, by_keys = {}, {}
  for k, r in ipairs(rules) do
    local names = {}
    for n in (r.keys or ""):gmatch("%S+") do names[#names + 1] = n end
    if #names == 0 then error("lib.dates.scan: rule '" .. tostring(r.name) .. "' names no key set", 2) end
    table.sort(names)
    local id = table.concat(names, " ")
    local g = by_keys[id]
    if not g then
      g = { sets = names, rules = {}, index = {} }
      by_keys[id] = g
      groups[#groups + 1] = g
    end
    g.rules[#g.rules + 1] = r
    g.index[#g.index + 1] = k
  end
  return groups
end

local function key_entries(groups, keysets)
  local mask = {}             -- set name -> groups mask
  for gi, g in ipairs(groups) do
    for _, n in ipairs(g.sets) do
      if not keysets[n] then error("lib.dates.scan: no key set named '" .. n .. "'", 3) end
      mask[n] = (mask[n] or 0) | (1 << (gi - 1))
    end
  end
  local entries = {}
  for n, m in pairs(mask) do
    local ks = keysets[n]
    for w in ks.words:gmatch("%S+") do entries[#entries + 1] = { w, ks.before, ks.after, m } end
  end
  return entries
end

function M.compile(rules, keysets, flags)
  flags = flags or "i"
  local groups = group_rules(rules)
  if #groups > 32 then error("lib.dates.scan: more than 32 groups of rules", 2) end
  for _, g in ipairs(groups) do
    local alts, at = {}, 1
    g.first, g.names = {}, {}
    for i, r in ipairs(g.rules) do
      local p, names = numbered(r.pattern)
      alts[i] = "(" .. p .. ")"
      g.first[i], g.names[i] = at, names
      at = at + 1 + #names
    end
    g.re = lede.re("(?<![\\w-])(?:" .. table.concat(alts, "|") .. ")(?![\\w])", flags)
    if g.re.groups ~= at - 1 then
      error("lib.dates.scan: a rule of the keys '" .. table.concat(g.sets, " ") ..
            "' has a capturing group without a name; write (?:...)", 2)
    end
  end
  local ks = lede.keyscan(key_entries(groups, keysets))
  local pack, sub = table.pack, string.sub

  local function search(text, g, st, hits)
    local re, grules, first, names, index = g.re, g.rules, g.first, g.names, g.index
    local n = #grules
    for j = 1, #st, 2 do
      local a = st[j]
      local seg = sub(text, a, st[j + 1])
      local off, at = a - 1, 1
      while true do
        local f = pack(re:find(seg, at))
        local s, e = f[1], f[2]
        if not s then break end
        for i = 1, n do
          local w = f[first[i] + 2]
          if w then
            s, e = s + off, e + off
            local c = { _s = s, _e = e, _text = w, _after = sub(text, e + 1, e + 24) }
            local base = first[i] + 2
            for q, name in ipairs(names[i]) do
              local v = f[base + q]
              if v then c[name] = v end
            end
            hits[#hits + 1] = { rule = grules[i], s = s, e = e, c = c, k = index[i] }
            break
          end
        end
        at = f[2] >= f[1] and f[2] + 1 or f[1] + 1
      end
    end
  end

  return function(text)
    local hits = {}
    local st = ks:stretches(text)
    for gi, g in ipairs(groups) do
      if st[gi] and #st[gi] > 0 then search(text, g, st[gi], hits) end
    end
    table.sort(hits, function(x, y)
      if x.s ~= y.s then return x.s < y.s end
      return x.k < y.k
    end)
    return hits
  end
end

return M

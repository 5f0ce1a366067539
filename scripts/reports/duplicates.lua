-- Articles that repeat one another: near-duplicate and shared text, by word shingles and MinHash.
--
-- @option --min-jaccard=X  number  0.2  pairs sharing fewer shingles (Jaccard) are left out, unless contained
-- @option --min-containment=X  number  0.5  pairs where less of the shorter article is in the longer are left out
--
-- Usage: lede report duplicates [-o text|json|csv|md|html] CORPUS...
-- Copy this file to change it: it uses only the public lede Lua API and
-- lib.pass, so it runs the same with --stream.
--
-- How it works.
--   1. Each article's body (title + text) becomes a set of shingles: every run of
--      K = 4 consecutive word/number tokens, folded (case, accents, curly quotes),
--      so punctuation and typography do not matter.
--   2. Each shingle is hashed (64-bit FNV-1a of its bytes), then PERMUTATIONS = 64
--      hash functions h_i(x) = (a_i * x + b_i) >> 32 (multiply-shift, 64-bit
--      wrap-around; a_i odd, a_i and b_i from a fixed splitmix64 seed, so every
--      run gives the same answer) map it to 32 bits. An article's MinHash
--      signature is the minimum of each h_i over its shingles; the share of equal
--      signature positions estimates the Jaccard similarity of two articles.
--   3. Locality-sensitive hashing: the signature is cut into BANDS = 32 bands of 2
--      values; two articles sharing any whole band are a candidate pair (a pair
--      with Jaccard 0.3 becomes a candidate with probability 0.95, 0.5 with
--      0.9997), so not every pair is compared.
--   4. For each candidate the exact Jaccard (shared shingles / all shingles) and
--      containment (shared / shingles of the smaller article) are computed from
--      the sets. A pair is reported when Jaccard >= MIN_JACCARD or containment >=
--      MIN_CONTAINMENT (one article is mostly inside the other: a shortened or
--      extended copy), sorted by Jaccard.
-- Verdict: "near-duplicate" (Jaccard >= 0.8), "edited copy" (>= 0.5),
-- "contained" (containment >= 0.8), otherwise "shared passages".
-- Articles about the same event written independently share few 4-word runs
-- (under 0.05 on the bundled sample), so this finds copies, syndicated wire
-- stories and rewrites of one text, not every article on a topic.

local output = require "lib.output"

local K = 4
local PERMUTATIONS = 64
local BANDS = 32
local ROWS = PERMUTATIONS // BANDS
local options = options or {}
local MIN_JACCARD = tonumber(options["min-jaccard"] or options.min_jaccard) or 0.2
local MIN_CONTAINMENT = tonumber(options["min-containment"] or options.min_containment) or 0.5

------------------------------------------------------------------ hashing

-- 64-bit FNV-1a; Lua integers wrap around on overflow
local FNV_OFFSET = -3750763034362895579        -- 0xcbf29ce484222325
local FNV_PRIME = 1099511628211                -- 0x100000001b3
local function fnv1a(s)
  local h = FNV_OFFSET
  for i = 1, #s do
    h = (h ~ s:byte(i)) * FNV_PRIME
  end
  return h
end

-- splitmix64: a fixed stream of well-mixed 64-bit numbers for the a_i, b_i
local state = 0x2545F4914F6CDD1D
local function splitmix64()
  state = state + -7046029254386353131        -- 0x9e3779b97f4a7c15
  local z = state
  z = (z ~ (z >> 30)) * -4658895280553007687   -- 0xbf58476d1ce4e5b9
  z = (z ~ (z >> 27)) * -7723592293110705685   -- 0x94d049bb133111eb
  return z ~ (z >> 31)
end

local A, B = {}, {}
for i = 1, PERMUTATIONS do
  A[i] = splitmix64() | 1
  B[i] = splitmix64()
end

------------------------------------------------------------------ shingles

local function shingles(a)
  local words = {}
  local function add_tokens(list)
    for _, t in ipairs(list) do
      if t.kind == "word" or t.kind == "number" then
        words[#words + 1] = t.lower or lede.fold(t.text)
      end
    end
  end
  if a.title then add_tokens(lede.tokenize(lede.fold(a.title))) end
  add_tokens(a:tokens())
  local set, n = {}, 0
  local k = math.min(K, #words)
  for i = 1, #words - k + 1 do
    if k == 0 then break end
    local sh = table.concat(words, " ", i, i + k - 1)
    if not set[sh] then set[sh] = true; n = n + 1 end
  end
  return set, n
end

local function signature(set)
  local sig = {}
  for i = 1, PERMUTATIONS do sig[i] = math.maxinteger end
  for sh in pairs(set) do
    local x = fnv1a(sh)
    for i = 1, PERMUTATIONS do
      local h = (A[i] * x + B[i]) >> 32          -- logical shift: 0 .. 2^32-1
      if h < sig[i] then sig[i] = h end
    end
  end
  return sig
end

-- One pass (lib.pass: in memory or --stream alike): each article's shingle
-- set and signature, with its summary (id, date, label, title).
local textlib = require "lib.text"
local pass = require "lib.pass"
local p = pass.new(corpus)
local docs = {}
p:each(function(a, art)
  local set, n = shingles(a)
  if n > 0 then
    art.title_shown, art.title_from_lead = textlib.article_title(a)
    docs[#docs + 1] = { article = art, set = set, n = n, sig = signature(set) }
  end
end)
p:run()

------------------------------------------------------------------ candidates

local buckets = {}
local candidates, cand_order = {}, {}
for di, d in ipairs(docs) do
  for b = 0, BANDS - 1 do
    local parts = { b }
    for r = 1, ROWS do parts[#parts + 1] = d.sig[b * ROWS + r] end
    local key = table.concat(parts, ":")
    local list = buckets[key]
    if not list then list = {}; buckets[key] = list end
    for _, dj in ipairs(list) do
      local pk = dj .. ":" .. di                -- dj < di
      if not candidates[pk] then
        candidates[pk] = { docs[dj], d }
        cand_order[#cand_order + 1] = pk
      end
    end
    list[#list + 1] = di
  end
end

------------------------------------------------------------------ scoring

local function title_of(a)
  return a.title_shown or a.id, a.title_from_lead
end

local rows = {}
for _, pk in ipairs(cand_order) do
  local x, y = candidates[pk][1], candidates[pk][2]
  local same = 0
  for i = 1, PERMUTATIONS do if x.sig[i] == y.sig[i] then same = same + 1 end end
  local small, big = x, y
  if small.n > big.n then small, big = big, small end
  local shared = 0
  for sh in pairs(small.set) do if big.set[sh] then shared = shared + 1 end end
  local jac = shared / (x.n + y.n - shared)
  local con = shared / small.n
  if jac >= MIN_JACCARD or con >= MIN_CONTAINMENT then
    local verdict = jac >= 0.8 and "near-duplicate" or jac >= 0.5 and "edited copy"
                    or con >= 0.8 and "contained" or "shared passages"
    local ax, ay = x.article, y.article
    rows[#rows + 1] = {
      jaccard = math.floor(jac * 1000 + 0.5) / 1000,
      estimate = math.floor(same / PERMUTATIONS * 1000 + 0.5) / 1000,
      containment = math.floor(con * 1000 + 0.5) / 1000,
      shared = shared, verdict = verdict,
      id_a = ax.id, title_a = title_of(ax), title_from_lead_a = select(2, title_of(ax)), date_a = ax.date,
      id_b = ay.id, title_b = title_of(ay), title_from_lead_b = select(2, title_of(ay)), date_b = ay.date,
      article_a = ax.label, article_b = ay.label,
      _a = ax.index, _b = ay.index,
    }
  end
end
table.sort(rows, function(p, q)
  if p.jaccard ~= q.jaccard then return p.jaccard > q.jaccard end
  if p.containment ~= q.containment then return p.containment > q.containment end
  if p._a ~= q._a then return p._a < q._a end
  return p._b < q._b
end)
for i, r in ipairs(rows) do r.rank = i end

local title = string.format("Duplicates: %d pair%s among %d articles (%d-word shingles, %d MinHash permutations, %d candidate pair%s)",
  #rows, #rows == 1 and "" or "s", #docs, K, PERMUTATIONS, #cand_order, #cand_order == 1 and "" or "s")

output.emit{
  title = title,
  meta = { articles = #docs, pair_count = #rows, candidates = #cand_order, k = K,
           permutations = PERMUTATIONS, bands = BANDS, min_jaccard = MIN_JACCARD,
           min_containment = MIN_CONTAINMENT },
  sections = {
    { name = "pairs", title = "Pairs", layout = "records",
      columns = { "rank", "jaccard", "estimate", "containment", "shared", "verdict",
                  "id_a", "title_a", "title_from_lead_a", "date_a", "article_a",
                  "id_b", "title_b", "title_from_lead_b", "date_b", "article_b" },
      headers = { "rank", "jaccard", "estimate", "containment", "shared", "verdict",
                  "id_a", "title_a", "title_from_lead_a", "date_a", "article",
                  "id_b", "title_b", "title_from_lead_b", "date_b", "copy" },
      show = { "rank", "jaccard", "estimate", "containment", "shared", "verdict", "article_a", "article_b" },
      rows = rows },
  },
}

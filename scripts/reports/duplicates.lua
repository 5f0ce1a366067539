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
--      the sets, kept as each article's sorted shingle hashes (lede.shingles: 8
--      bytes a shingle; two distinct shingles of one 64-bit hash would count as
--      one). A pair is reported when Jaccard >= MIN_JACCARD or containment >=
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

-- An article's shingles, kept as lede.shingles makes them (the 64-bit
-- FNV-1a hash of each, distinct, sorted, packed: 8 bytes a shingle, where
-- a table of the shingle strings took some 100), and how many.
local SH = lede.shingles
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
  return SH.hashes(words, K)
end

-- One pass (lib.pass: in memory or --stream alike): each article's shingle
-- hashes and signature (packed: 4 bytes a value), with its summary (id,
-- date, label, title).
local textlib = require "lib.text"
local pass = require "lib.pass"
local p = pass.new(corpus)
local docs = {}
p:each(function(a, art)
  local hashes, n = shingles(a)
  if n > 0 then
    art.title_shown, art.title_from_lead = textlib.article_title(a)
    docs[#docs + 1] = { article = art, hashes = hashes, n = n, sig = SH.minhash(hashes, A, B) }
  end
end)
p:run()

------------------------------------------------------------------ candidates

-- a band's key: its number and its ROWS values as they are packed; a
-- candidate pair: dj << 32 | di (dj < di: the docs' places), one integer
local BAND_BYTES = ROWS * 4
local buckets = {}
local candidates, cand_order = {}, {}
for di, d in ipairs(docs) do
  for b = 0, BANDS - 1 do
    local key = string.char(b) .. d.sig:sub(b * BAND_BYTES + 1, (b + 1) * BAND_BYTES)
    local list = buckets[key]
    if not list then list = {}; buckets[key] = list end
    for _, dj in ipairs(list) do
      local pk = dj << 32 | di
      if not candidates[pk] then
        candidates[pk] = true
        cand_order[#cand_order + 1] = pk
      end
    end
    list[#list + 1] = di
  end
end
candidates, buckets = nil, nil

------------------------------------------------------------------ scoring

-- A row keeps its numbers and its two docs' places (x, y); the columns
-- about the articles are read from their summaries when the output asks
-- (a row of 20 fields was 1 KB, and this corpus of copies gives 99,500).
local SIDE = { a = "x", b = "y" }
local FIELD = {
  id = function(art) return art.id end,
  title = function(art) return art.title_shown or art.id end,
  title_from_lead = function(art) return art.title_from_lead end,
  date = function(art) return art.date end,
  article = function(art) return art.label end,
}
local Row = { __index = function(r, k)
  local name, side = k:match("^(.-)_([ab])$")
  if not side then return nil end
  local art = docs[rawget(r, SIDE[side])].article
  if name == "" then return art.index end      -- _a, _b
  local f = FIELD[name]
  return f and f(art)
end }

local rows = {}
for _, pk in ipairs(cand_order) do
  local xi, yi = pk >> 32, pk & 0xffffffff
  local x, y = docs[xi], docs[yi]
  local same = SH.same(x.sig, y.sig)
  local small = x
  if x.n > y.n then small = y end
  local shared = SH.shared(x.hashes, y.hashes)
  local jac = shared / (x.n + y.n - shared)
  local con = shared / small.n
  if jac >= MIN_JACCARD or con >= MIN_CONTAINMENT then
    local verdict = jac >= 0.8 and "near-duplicate" or jac >= 0.5 and "edited copy"
                    or con >= 0.8 and "contained" or "shared passages"
    rows[#rows + 1] = setmetatable({
      jaccard = math.floor(jac * 1000 + 0.5) / 1000,
      estimate = math.floor(same / PERMUTATIONS * 1000 + 0.5) / 1000,
      containment = math.floor(con * 1000 + 0.5) / 1000,
      shared = shared, verdict = verdict, x = xi, y = yi, rank = false,
    }, Row)
  end
end
-- docs are in corpus order: x, y order the pairs as the articles' indexes
table.sort(rows, function(p, q)
  if p.jaccard ~= q.jaccard then return p.jaccard > q.jaccard end
  if p.containment ~= q.containment then return p.containment > q.containment end
  if p.x ~= q.x then return p.x < q.x end
  return p.y < q.y
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

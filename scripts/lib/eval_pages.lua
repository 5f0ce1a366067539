-- Measure lede's reading of HTML pages against the article bodies people marked.
--
--   lede eval --format pages DIR [MIN_F1]
--
-- DIR holds html/ID.html (or ID.html.gz, .htm) and ground-truth.json, an
-- object ID -> {articleBody = "...", url = "..."} (the layout of Zyte's
-- article-extraction benchmark). Each page is read as any HTML input is
-- (lede.load), and its clean body (article.text) is compared with the
-- articleBody:
--
--   words     maximal runs of letters, digits and non-ASCII bytes, ASCII
--             lowercased
--   shingles  every 4 consecutive words (a text of fewer than 4 words is
--             one shingle), counted as a multiset
--   F1        2PR/(P+R) of the shingle multisets (both empty: 1)
--
-- The title is compared with the headline the page shows, its <h1> texts
-- (article.headings; the ground truth has no headline): equal after case
-- and white space, over the pages that have an h1.
--
-- Prints the pages, the mean F1 over pages, the share of pages with F1 >= 0.9,
-- the share of titles equal to an h1
-- and the worst pages (all with LEDE_EVAL_VERBOSE=1). With -o json, one JSON
-- object. With MIN_F1, exits 1 when the mean is below it.

local dir = arg and arg[1]
if not dir then error("usage: lede eval --format pages DIR [MIN_F1]", 0) end
local floor = arg[2] and tonumber(arg[2])

local function readall(path)
  local f, err = io.open(path, "rb")
  if not f then error(err, 0) end
  local s = f:read("a")
  f:close()
  return s
end

local truth = lede.json.decode(readall(dir .. "/ground-truth.json"))

local function shingles(text)
  local words = {}
  for w in (text or ""):gmatch("[%w\128-\255]+") do words[#words + 1] = w:lower() end
  local bag, n = {}, 0
  if #words == 0 then return bag, 0 end
  if #words < 4 then
    bag[table.concat(words, " ")] = 1
    return bag, 1
  end
  for i = 1, #words - 3 do
    local k = words[i] .. " " .. words[i + 1] .. " " .. words[i + 2] .. " " .. words[i + 3]
    bag[k] = (bag[k] or 0) + 1
    n = n + 1
  end
  return bag, n
end

local function f1(pred, gold)
  local pb, pn = shingles(pred)
  local gb, gn = shingles(gold)
  if pn == 0 and gn == 0 then return 1, 1, 1 end
  if pn == 0 or gn == 0 then return 0, 0, 0 end
  local common = 0
  for k, c in pairs(pb) do
    local g = gb[k]
    if g then common = common + (c < g and c or g) end
  end
  local p, r = common / pn, common / gn
  if common == 0 then return 0, p, r end
  return 2 * p * r / (p + r), p, r
end

local function norm(s)
  return ((s or ""):lower():gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local names = lede.listdir(dir .. "/html") or error(dir .. "/html: not a folder", 0)
local rows, sum, good = {}, 0, 0
local titled, title_ok = 0, 0   -- pages with an h1; of them, title equal to one
for _, name in ipairs(names) do
  local id = name:match("^(.-)%.x?html?%.gz$") or name:match("^(.-)%.x?html?$")
  local gt = id and truth[id]
  if gt then
    local c = lede.load(dir .. "/html/" .. name, { quiet = true })
    local text, title, headings = "", nil, nil
    if #c > 0 then
      text = c[1].text or ""
      title = c[1].title
      headings = c[1].headings
    end
    local f, p, r = f1(text, gt.articleBody)
    local row = { id = id, f1 = f, precision = p, recall = r, title = title }
    rows[#rows + 1] = row
    sum = sum + f
    if f >= 0.9 then good = good + 1 end
    -- the title against the headline the page shows (its h1 elements; the
    -- ground truth has no headline): equal after case and spaces
    if headings then
      titled = titled + 1
      local want = norm(title)
      for h in headings:gmatch("[^\n]+") do
        if want ~= "" and norm(h) == want then
          title_ok = title_ok + 1
          row.title_is_h1 = true
          break
        end
      end
    end
  end
end
if #rows == 0 then error(dir .. ": no page has a ground truth", 0) end

local mean = sum / #rows
local share = good / #rows
if lede.options.output == "json" then
  print(lede.json.encode({ pages = #rows, f1 = mean, share_ge_0_9 = share,
                           title = titled > 0 and title_ok / titled or 0,
                           pages_with_h1 = titled, title_is_h1 = title_ok,
                           per_page = lede.json.array(rows) }))
else
  print(string.format("pages %d  body F1 %.3f  F1 >= 0.9 on %d (%.3f)", #rows, mean, good, share))
  print(string.format("title equal to the page's h1 on %d of %d pages with one (%.3f)",
                      title_ok, titled, titled > 0 and title_ok / titled or 0))
  table.sort(rows, function(a, b) return a.f1 < b.f1 end)
  local show = os.getenv("LEDE_EVAL_VERBOSE") == "1" and #rows or math.min(10, #rows)
  for i = 1, show do
    local r = rows[i]
    print(string.format("  %.3f  P %.3f R %.3f  %s  %s", r.f1, r.precision, r.recall,
                        r.id:sub(1, 12), r.title or "-"))
  end
end
if floor and mean < floor then
  io.stderr:write(string.format("lede: body F1 %.3f is below the floor %.3f\n", mean, floor))
  os.exit(1)
end

-- scripts/rules/30_figures.lua: number phrases that count or measure (FIGURE).
--
-- attrs:
--   value   the number (1000 for "1,000", 2 for "two", 1200000 for "1.2 million");
--           nil for vague plurals ("dozens of", "hundreds of")
--   approx  nil, or "over" (over, well over, more than, just over, upwards of),
--           "about" (about, approximately, roughly, some, an estimated),
--           "around", "nearly" (nearly, almost, close to, just under),
--           "up to" (up to, as many as), "at least", "under" (less/fewer than),
--           or the vague word itself: "dozens", "hundreds", "thousands", "scores"
--   unit    what is counted: the head noun of the phrase, with a noun modifier
--           kept ("police officer", "service members"; "masked men" keeps its
--           modifier because "men" says little by itself), adjectives and proper
--           modifiers dropped ("additional troops" -> "troops", "Serb gunmen" ->
--           "gunmen"); "percent" (5%, 5 percent), "percent of GDP"; "dollars",
--           "euros", "pounds" for money; nil when nothing is counted
--   event   only for a number with no noun after it that a casualty verb or a
--           death toll explains (unit "people"): "killed" ("killing 120", "the
--           death toll rose to 143"), "injured", "arrested", "displaced"
--
-- Not figures: numbers inside DATE annotations (years, days), ordinals (65th),
-- numbers labelling a name ("Resolution 1244", "Article 5"), durations
-- ("two-day", "for three years"), the article "a", "one of", bare numbers with
-- nothing counted (scores, ages, times).

local textlib = require "lib.text"
local NUMWORDS = {
  one = 1, two = 2, three = 3, four = 4, five = 5, six = 6, seven = 7, eight = 8,
  nine = 9, ten = 10, eleven = 11, twelve = 12, thirteen = 13, fourteen = 14,
  fifteen = 15, sixteen = 16, seventeen = 17, eighteen = 18, nineteen = 19,
  twenty = 20, thirty = 30, forty = 40, fifty = 50, sixty = 60, seventy = 70,
  eighty = 80, ninety = 90, hundred = 100, thousand = 1000, dozen = 12,
}
-- "twenty-three", "ninety-nine": one token each
for _, tens in ipairs { "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" } do
  for _, unit in ipairs { "one", "two", "three", "four", "five", "six", "seven", "eight", "nine" } do
    NUMWORDS[tens .. "-" .. unit] = NUMWORDS[tens] + NUMWORDS[unit]
  end
end
local SCALE = { hundred = 100, thousand = 1e3, million = 1e6, billion = 1e9, trillion = 1e12,
                mn = 1e6, m = 1e6, bn = 1e9, b = 1e9, k = 1e3, tn = 1e12,
                -- South Asian scales: "Rs 48 lakh crore" is 4.8e13 rupees
                lakh = 1e5, lakhs = 1e5, crore = 1e7, crores = 1e7 }
local VAGUE = { dozens = "dozens", hundreds = "hundreds", thousands = "thousands",
                millions = "millions", scores = "scores", tens = "thousands" }

-- approximators, longest first; the value is the normalised form
local APPROX = {
  { "well over", "over" }, { "just over", "over" }, { "more than", "over" },
  { "upwards of", "over" }, { "in excess of", "over" }, { "over", "over" },
  { "at least", "at least" }, { "up to", "up to" }, { "as many as", "up to" },
  { "an estimated", "about" }, { "approximately", "about" }, { "roughly", "about" },
  { "about", "about" }, { "some", "about" }, { "around", "around" },
  { "nearly", "nearly" }, { "almost", "nearly" }, { "close to", "nearly" },
  { "just under", "nearly" }, { "less than", "under" }, { "fewer than", "under" },
  { "under", "under" }, { "below", "under" }, { "above", "over" }, { "at most", "up to" },
  { "just", nil },
}

local set = textlib.word_set

-- words that end a counted noun phrase
local STOP = set [[
  of in on at to for from with without by about against among between into onto over
  under after before during since until across through throughout near behind
  and or but nor so yet as than that which who whom whose where when while if because
  the a an this these those its their his her our your my some any each every all both
  is are was were be been being has have had do does did will would shall should can
  could may might must not no also still already only just even then there here
  it they them he she we you i me us him
  more most less fewer many much several few other another such same
  per each either neither whether
  said says say told reported according including like
  too very well now again ago later earlier away back up down out off
]]
-- pre-head modifiers that are not part of the unit (kept out of STOP above when they
-- can precede a head: "700 more troops", "1,000 additional troops")
local DROP_MOD = set [[
  more additional extra further other new former young old big small large many several
  few total overall fresh individual separate different various key major minor
  top senior junior main special regular international local foreign national
  unarmed armed masked wounded injured dead missing
]]
-- words after a number that are not a head but make the number a non-figure
-- words after "5%" that start a time phrase ("0.3% last year"), not a noun
local NOT_AFTER_PERCENT = {
  last = true, next = true, this = true, previous = true, same = true, each = true,
  every = true, per = true, year = true, month = true, week = true, day = true,
}

local TIME_UNITS = set [[
  second seconds minute minutes hour hours day days week weeks month months
  year years decade decades century centuries night nights weekend weekends
  o'clock am pm a.m. p.m. times time
]]
-- heads that say little alone: keep one modifier ("masked men", "service members")
local LIGHT_HEAD = set [[ men women people persons members ones individuals children ]]
local IRREGULAR_PLURAL = set [[
  people men women children police personnel staff cattle feet teeth mice geese
  media data crew clergy militia youth aircraft spacecraft livestock sheep deer fish species
  series offspring
]]
-- participles/adjectives used as nouns after a number: "93 injured", "12 dead"
local NOMINAL = set [[ injured wounded dead killed missing arrested detained displaced
  homeless dying ]]
-- post-nominal words that end a singular phrase: "one officer dead"
local POSTNOMINAL = set [[ dead alive injured wounded killed missing arrested detained
  hurt present absent ]]
local MEASURE = set [[
  km kilometres kilometers kilometre kilometer miles mile metres meters metre meter m
  kg kilograms kilogram tonnes tons tonne ton hectares hectare acres acre litres liters
  barrels mph degrees percent points kph sq square cubic bpd mw gw kwh mwh gwh twh ft feet
  cm mm
]]
local CURRENCY_WORD = { dollars = "dollars", dollar = "dollars", usd = "dollars",
  euros = "euros", euro = "euros", eur = "euros", pounds = "pounds", gbp = "pounds",
  yen = "yen", yuan = "yuan", rubles = "rubles", roubles = "rubles", francs = "francs",
  dinars = "dinars", lira = "lira", rupees = "rupees", rupee = "rupees", inr = "rupees" }
-- the letters before "$" that say whose dollars
local DOLLAR_OF = { US = "dollars", A = "Australian dollars", AU = "Australian dollars",
  C = "Canadian dollars", CA = "Canadian dollars", NZ = "New Zealand dollars",
  HK = "Hong Kong dollars", S = "Singapore dollars", NT = "Taiwan dollars" }
local CURRENCY_SYMBOL = { ["$"] = "dollars", ["€"] = "euros", ["£"] = "pounds", ["¥"] = "yen",
                          ["₹"] = "rupees" }
-- currency abbreviations written before the number: "Rs 500", "Rs. 500"
local CURRENCY_PREFIX = { Rs = "rupees", INR = "rupees", USD = "dollars", EUR = "euros",
                          GBP = "pounds" }

local function is_cap(w) return w:match("^%u") ~= nil or w:match("^[\xC3-\xC5]") ~= nil end

-- words before a number that names a kind or a rank, not a count
local LABEL_BEFORE = set [[ type phase stage level grade category tier class step round
  number no size version zone gate terminal platform route line channel
  chapter page section article paragraph item ]]

local function adjective_like(w)
  w = w:lower()
  if DROP_MOD[w] then return true end
  for _, suf in ipairs { "al", "ive", "ous", "ent", "ant", "ic", "ful", "less", "able",
                         "ible", "ish", "ian", "ese", "ed", "ing", "ary", "ly", "est" } do
    if #w > #suf + 2 and w:sub(-#suf) == suf then return true end
  end
  return false
end

local function plural_like(w)
  local l = w:lower()
  if IRREGULAR_PLURAL[l] then return true end
  if l:match("men$") and #l > 3 then return true end          -- gunmen, policemen
  if #l < 3 then return false end
  if l:match("ss$") or l:match("us$") or l:match("is$") or l:match("ous$") then return false end
  return l:match("s$") ~= nil
end

local function parse_number(s)
  -- "1,000" "4.5" "2.5bn" "10m" "1.000.000" (European thousands)
  local num, suffix = s:match("^([%d.,]+)(%a*)$")
  if not num then return nil end
  local v
  if num:match("^%d%d?%d?,%d%d%d") or num:match("^%d+$") then
    v = tonumber((num:gsub(",", "")))
  elseif num:match("^%d%d?%d?%.%d%d%d%.%d%d%d") then
    v = tonumber((num:gsub("%.", "")))
  else
    v = tonumber(num)
  end
  if not v then return nil end
  if suffix ~= "" then
    local sc = SCALE[suffix:lower()]
    if not sc then return nil end
    v = v * sc
  end
  if v == math.floor(v) and v < 2^53 then v = math.tointeger(v) or v end
  return v
end

-- APPROX precomputed: each entry's words, and the words that may precede a
-- labelled number ("Resolution 1244" is not a figure, "over 1244" may be)
local APPROX_WORDS = {}
local APPROX_OK_PREV = {}
for idx, a in ipairs(APPROX) do
  local words = {}
  for w in a[1]:gmatch("%S+") do words[#words + 1] = w end
  APPROX_WORDS[idx] = words
  APPROX_OK_PREV[a[1]] = true
  APPROX_OK_PREV[a[1]:match("(%S+)$")] = true
end
local NOT_LABEL_PREV = { the = true, all = true, only = true, another = true, nearly = true }
local NOT_ONE_PREV = { no = true, any = true, the = true, every = true, each = true, this = true,
                       that = true, which = true, someone = true, only = true }
local PARTITIVE_DET = { the = true, its = true, their = true, his = true, her = true, our = true,
                        those = true, these = true, them = true, your = true, my = true }

-- token text -> lede.fold(text) (what token.lower gives), memoized
local byte = string.byte
local lower_of = textlib.memo(lede.fold)

-- What happened to an uncounted number, from the word before it (the
-- figure's first token is toks[k]): a casualty verb ("killing 120",
-- "injuring more than 1,500"), or a death toll that rose to / stands at it.
local VERB_EVENT = {
  killing = "killed", killed = "killed", injuring = "injured", injured = "injured",
  wounding = "injured", wounded = "injured", hurting = "injured",
  arresting = "arrested", arrested = "arrested", detaining = "arrested", detained = "arrested",
  displacing = "displaced", displaced = "displaced", evacuating = "displaced",
  evacuated = "displaced",
}
local TOLL_LINK = { to = true, at = true, of = true, reached = true, hit = true, is = true,
                    was = true, stands = true, stood = true, topped = true, passed = true,
                    exceeded = true }
local function bare_event(toks, k)
  local p = toks[k - 1]
  if not p or p.kind ~= "word" then return nil end
  local pl = p.lower
  if VERB_EVENT[pl] then return VERB_EVENT[pl] end
  if not TOLL_LINK[pl] then return nil end
  for q = k - 2, math.max(2, k - 14), -1 do
    local t = toks[q]
    if t.kind == "punct" and (t.text == "." or t.text == ";" or t.text == ",") then return nil end
    if t.lower == "toll" then
      return toks[q - 1].lower == "death" and "killed" or nil
    end
  end
  return nil
end

-- Only a token starting with an ASCII digit (every number token and
-- "2.5bn"-style word) or a number/vague word can start a figure. The C
-- engines find those tokens over the whole article in two calls; Lua looks
-- only at them.
local START_WORDS = lede.gazetteer()
for w in pairs(NUMWORDS) do START_WORDS:add(w) end
for w in pairs(VAGUE) do START_WORDS:add(w) end
local START_DIGIT = lede.pattern { { re = "^[0-9]" } }

local function run(article, ctx)
  local text = article.text
  if not text or text == "" then return end
  -- Does [s, e] overlap a DATE? The dates' spans sorted by start, with the
  -- largest stop so far: a binary search finds the last date starting at or
  -- before e, and it overlaps when that prefix reaches s (log n a figure;
  -- a loop over every date for every figure was quadratic).
  local spans = {}
  for _, d in ipairs(ctx:annotations("DATE")) do spans[#spans + 1] = { d.start, d.stop } end
  table.sort(spans, function(x, y) return x[1] < y[1] end)
  local starts, reach = {}, {}
  for i, sp in ipairs(spans) do
    starts[i] = sp[1]
    reach[i] = math.max(reach[i - 1] or sp[2], sp[2])
  end
  local function in_date(s, e)
    local lo, hi = 1, #starts
    while lo <= hi do
      local mid = (lo + hi) // 2
      if starts[mid] <= e then lo = mid + 1 else hi = mid - 1 end
    end
    return hi >= 1 and reach[hi] >= s
  end

  local starts = textlib.token_hits_by_sentence(article, START_DIGIT:match(article),
                                                START_WORDS:match(article))
  for _, cands in ipairs(starts) do
    local toks = cands.toks
    local next_i = 1       -- tokens before it are inside an accepted figure
    for _, at in ipairs(cands) do
     if at >= next_i then
      local i = at
      local t = toks[i]
      local ttext = t.text
      local lw = lower_of(ttext)
      -- only a token starting with a digit or a number/vague word can start
      -- a figure; the kind of any other token is not needed here
      local kind
      local b = byte(ttext)
      if (b and b >= 48 and b <= 57) or NUMWORDS[lw] or VAGUE[lw] then
        kind = t.kind
      end
      local value, vague, num_first, num_last, currency, is_word
      -- 1. find a number at token i
      if kind == "number" then
        value = parse_number(ttext)
        num_first, num_last = i, i
      elseif kind == "word" and ttext:match("^%d[%d.,]*%a+$") then
        value = parse_number(ttext)          -- 2.5bn, 10m (not 65th: no scale)
        num_first, num_last = i, i
      elseif kind == "word" and NUMWORDS[lw] and lw ~= "hundred" and lw ~= "thousand" then
        value = NUMWORDS[lw]; is_word = true
        num_first, num_last = i, i
        if lw == "dozen" then
          -- "a dozen X", "half a dozen"
          local p = toks[i - 1]
          if p and p.lower == "a" then
            num_first = i - 1
            if toks[i - 2] and toks[i - 2].lower == "half" then num_first = i - 2; value = 6 end
          else
            value = nil
          end
        end
      elseif kind == "word" and VAGUE[lw] and toks[i + 1] and toks[i + 1].lower == "of" then
        vague = VAGUE[lw]
        num_first, num_last = i, i
        -- "tens of thousands of", "hundreds of thousands of"
        if (lw == "tens" or lw == "hundreds") and toks[i + 2] and
           (toks[i + 2].lower == "thousands" or toks[i + 2].lower == "millions") and
           toks[i + 3] and toks[i + 3].lower == "of" then
          vague = toks[i + 2].lower
          num_last = i + 2
        end
      end

      local accepted = false
      if (value or vague) and num_first then
        repeat
          local first, last = toks[num_first], toks[num_last]
          -- not glued to other digits/letters: 2023-24, 10:30, 3-1, 1/2
          local before = text:sub(first.start - 1, first.start - 1)
          local after = text:sub(last.stop + 1, last.stop + 2)
          if before:match("[%-:/.]") and text:sub(first.start - 2, first.start - 2):match("%w") then break end
          if after:match("^[%-:/]%w") then break end
          if value and in_date(first.start, last.stop) then break end
          -- a bare year the date rule left alone: "compared with 2021 levels"
          -- (counts of 1,000 and more are written with a separator)
          if first == last and (first.text:match("^1[89]%d%d$") or first.text:match("^20%d%d$")) then
            break
          end

          -- scale words: "1.2 million", "two hundred", "5 thousand"
          local j = num_last + 1
          while value and toks[j] and toks[j].kind == "word" and SCALE[toks[j].lower]
                and #toks[j].text > 2 do
            value = value * SCALE[toks[j].lower]
            if value == math.floor(value) then value = math.tointeger(value) or value end
            num_last = j; j = j + 1
          end

          -- a currency abbreviation before: "Rs 11.11 lakh crore", "Rs. 500"
          local prev = toks[num_first - 1]
          local prefix_first = nil
          if prev and prev.kind == "word" and CURRENCY_PREFIX[prev.text] then
            prefix_first = num_first - 1
          elseif prev and prev.text == "." and toks[num_first - 2]
                 and CURRENCY_PREFIX[toks[num_first - 2].text]
                 and toks[num_first - 2].stop + 1 == prev.start then
            prefix_first = num_first - 2
          end
          if prefix_first then
            currency = CURRENCY_PREFIX[toks[prefix_first].text]
            prev = nil
          end
          -- a number that labels rather than counts: "type 2 diabetes",
          -- "phase 3 trials", "category 5 storm"
          if prev and prev.kind == "word" and not is_word and LABEL_BEFORE[prev.lower] then break end
          -- a number labelling a name: "Resolution 1244", "Article 5", "Flight 17"
          if prev and prev.kind == "word" and is_cap(prev.text) and not is_word and
             num_first - 1 ~= 1 then
            local pl = prev.lower
            local ok_prev = APPROX_OK_PREV[pl] or false
            if not ok_prev and not NOT_LABEL_PREV[pl] then break end
          end
          -- currency before: "$5 million", "€2.5bn"
          local span_first = prefix_first or num_first
          if prev and prev.kind == "symbol" and CURRENCY_SYMBOL[prev.text] then
            currency = CURRENCY_SYMBOL[prev.text]; span_first = num_first - 1
            -- "US$5", "A$49.5 million", "HK$2 billion": the country's dollars
            local pp = toks[num_first - 2]
            if pp and prev.text == "$" and pp.stop + 1 == prev.start and DOLLAR_OF[pp.text] then
              span_first = num_first - 2
              currency = DOLLAR_OF[pp.text]
            end
          end
          if is_word and lw == "one" then
            local p = toks[num_first - 1]
            if p and NOT_ONE_PREV[p.lower] then break end
          end

          -- approximator before
          local approx, approx_first = nil, nil
          if not vague then
            for idx, a in ipairs(APPROX) do
              local words = APPROX_WORDS[idx]
              local k = span_first - #words
              if k >= 1 then
                local okw = true
                for q = 1, #words do
                  local tk = toks[k + q - 1]
                  if not tk or tk.lower ~= words[q] then okw = false break end
                end
                if okw then approx = a[2]; approx_first = k; break end
              end
            end
          else
            approx = vague
          end
          -- a range: "between 200 and 300 companies", "from 200 to 300 troops"
          -- is one figure, value the upper bound, low the lower one
          local low
          if not approx then
            -- "between 58.3% and 60.7%": the lower bound may carry its % sign
            local pct = toks[span_first - 2] and toks[span_first - 2].text == "%" and 1 or 0
            local t1, t2, t3 = toks[span_first - 1], toks[span_first - 2 - pct], toks[span_first - 3 - pct]
            if t1 and t2 and t3 and t2.kind == "number" and
               ((t1.lower == "and" and t3.lower == "between") or (t1.lower == "to" and t3.lower == "from")) then
              low = tonumber((t2.text:gsub(",", "")))
              if low then approx = "between"; approx_first = span_first - 3 - pct end
            end
          end

          -- 2. the counted unit
          local unit, span_last, event
          local k = num_last + 1
          local nt = toks[k]
          local nl = nt and nt.lower
          if nt and (nt.text == "%" or nl == "percent" or (nl == "per" and toks[k + 1] and toks[k + 1].lower == "cent")
                     or (nl == "percentage" and toks[k + 1] and toks[k + 1].lower == "points")) then
            if nl == "per" or nl == "percentage" then
              unit = nl == "per" and "percent" or "percentage points"; k = k + 1
            else
              unit = "percent"
            end
            span_last = k
            local a1, a2, a3 = toks[k + 1], toks[k + 2], toks[k + 3]
            -- the lower bound of "between 58.3% and 60.7%" is the range's
            local b0 = toks[span_first - 1]
            if b0 and (b0.lower == "between" or b0.lower == "from") and a1 and a2
               and (a1.lower == "and" or a1.lower == "to") and a2.kind == "number" then
              break
            end
            if a1 and a1.lower == "of" and a2 and a2.kind == "word" then
              -- "of GDP", "of the cases", "of global demand", "of the
              -- world's oil": up to three words, through adjectives and
              -- possessives to the noun
              local q, words, n = k + 2, {}, 0
              if a2.lower == "the" then words[1] = "the"; q = q + 1 end
              while n < 3 and toks[q] and toks[q].kind == "word" and not STOP[toks[q].lower]
                    and not toks[q].text:match("^%d") do
                local w = toks[q].text
                words[#words + 1] = w
                n = n + 1
                q = q + 1
                if not w:find("['’]s$") and not adjective_like(w) then break end
              end
              if n > 0 then
                unit = unit .. " of " .. table.concat(words, " "); span_last = q - 1
              end
            elseif a1 and a1.kind == "word" and not STOP[a1.lower] and not is_cap(a1.text)
                   and not a1.text:match("ly$") and not a1.text:match("ed$")
                   and not NOT_AFTER_PERCENT[a1.lower]
                   and not (a2 and a2.kind == "word" and TIME_UNITS[a2.lower])
                   -- one word only when it ends the phrase: not "10% car import duty"
                   and not (a2 and a2.kind == "word" and not STOP[a2.lower] and not is_cap(a2.text)) then
              span_last = k + 1       -- "100% alignment": the phrase, unit stays percent
            end
          elseif currency then
            unit = currency; span_last = num_last
          elseif nt and nt.kind == "word" and CURRENCY_WORD[nl] then
            unit = CURRENCY_WORD[nl]; span_last = k
          else
            -- partitive: "93 of its soldiers", "dozens of peacekeepers"
            local q = k
            local partitive = false
            if nl == "of" then
              if is_word and lw == "one" then break end
              partitive = true
              q = k + 1
              local d = toks[q]
              if d and PARTITIVE_DET[d.lower] then
                if d.lower == "them" then break end
                q = q + 1
              end
              -- the whole's own count: "Twenty-three of the 32 allies",
              -- "59% of the 33,000 machinists", "Ten of the EU's 27 members"
              if toks[q] and toks[q].kind == "word" and toks[q].text:find("['’]s$") and toks[q + 1]
                 and toks[q + 1].kind == "number" then
                q = q + 1
              end
              if toks[q] and toks[q].kind == "number" and toks[q + 1] and toks[q + 1].kind == "word" then
                q = q + 1
              end
            end
            -- walk the noun phrase
            local mods, head = {}, nil
            local singular = (value == 1)
            local w = q
            while toks[w] and toks[w].kind == "word" and w - q < 6 do
              local tw = toks[w]
              local l = tw.lower
              if STOP[l] and not (DROP_MOD[l] and not head) then break end
              if TIME_UNITS[l] then head = false break end
              if head then
                -- after the head only another plural noun continues a compound
                if not singular and plural_like(tw.text) and not is_cap(tw.text)
                   and not l:match("ed$") and not l:match("ing$") and not STOP[l] then
                  mods[#mods + 1] = head; head = w
                else
                  break
                end
              elseif is_cap(tw.text) then
                mods[#mods + 1] = w              -- proper modifier: Kosovo, Serb, Turkish
              elseif singular then
                if POSTNOMINAL[l] and #mods > 0 then break end
                if l:match("ly$") then break end
                mods[#mods + 1] = w
              elseif MEASURE[l] then
                head = w
              elseif plural_like(tw.text) and not l:match("ed$") then
                head = w
              else
                mods[#mods + 1] = w
              end
              w = w + 1
            end
            if head == false then break end      -- a duration
            -- "13,300 Palestinians have been killed": a capitalized plural
            -- (a people) ending the phrase is the head, not a modifier
            if not head and not singular and #mods > 0 then
              -- ("101 Republicans voting against it": a participle may follow)
              local last = #mods
              while last > 1 and (toks[mods[last]].lower:match("ing$") or toks[mods[last]].lower:match("ed$")) do
                last = last - 1
              end
              local z = mods[last]
              if is_cap(toks[z].text) and plural_like(toks[z].text) and toks[z].text:match("s$") then
                for _ = #mods, last + 1, -1 do table.remove(mods) end
                head = table.remove(mods)
              end
            end
            if singular and not head and #mods > 0 then
              -- the last lowercase word of the run is the head
              for z = #mods, 1, -1 do
                if not is_cap(toks[mods[z]].text) then head = mods[z]; table.remove(mods, z) break end
                break
              end
              -- drop modifiers after the head (there are none by construction)
            end
            if not head and #mods >= 1 and not singular then
              -- "93 injured", "12 dead": a nominal participle alone
              local only = toks[mods[1]]
              if #mods == 1 and NOMINAL[only.lower] then head = mods[1]; mods = {} end
            end
            if not head then
              -- nothing counted after the number, but the verb before it or a
              -- death toll says what: "killing 120", "injuring more than
              -- 1,500", "the death toll rose to 143": people, with the event
              event = #mods == 0 and not partitive and not is_word
                      and bare_event(toks, approx_first or span_first)
              if not event then break end
              unit = "people"
              span_last = num_last
            else
              local htok = toks[head]
              local parts = { htok.text }
              local m = mods[#mods] and toks[mods[#mods]]
              if m and mods[#mods] == head - 1 and not is_cap(m.text) and m.kind == "word" and
                 (LIGHT_HEAD[htok.lower] or not adjective_like(m.text)) then
                table.insert(parts, 1, m.text)
              end
              unit = table.concat(parts, " ")
              span_last = head
            end
          end
          if not unit then break end
          if is_word and not (unit and span_last) then break end

          local s = toks[approx_first or span_first].start
          local e = toks[span_last].stop
          ctx:annotate("FIGURE", s, e, { value = (not vague) and value or nil, approx = approx, unit = unit,
                                          low = low, event = event or nil })
          accepted = true
          i = span_last
        until true
      end
      next_i = i + 1
     end
    end
  end
end

return {
  name = "figures",
  kinds = { "FIGURE" },
  description = "counts and measures: value, approximation and the counted unit",
  run = run,
}

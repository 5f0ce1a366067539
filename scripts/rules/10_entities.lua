-- Named entities: PERSON, ORG and LOC, with one canonical name per entity.
--
-- 0. An organisation that defines its acronym ("Indian Space Research
--    Organisation (ISRO)") is one ORG, and so is every later "ISRO".
-- 1. Gazetteers (scripts/data/places.tsv, orgs.tsv) matched over tokens by
--    lede.gazetteer: case- and diacritic-insensitive, longest match; an
--    acronym entry matches only in its exact case ("AP", not "ap"). A name
--    found case-insensitively must still start with a capital in the text.
--    An acronym right before a speech verb is an ORG ("KCNA said"); the
--    dateline's city is a LOC; a place or an organisation followed by
--    organisation words is one ORG ("United States Maritime Alliance").
-- 2. People, from three cues, none of them a list of people:
--      a title before a capitalized name  (Secretary General Jens Stoltenberg)
--      a speech verb after or before it   (Stoltenberg said, said Vucic)
--      two or three capitalized words that are not places, organisations,
--        titles, months, days or sentence openers (Miroslav Lajcak)
--    A capitalized sequence ending in an organisation word (Agency, Force,
--    Council, Ministry, ...) is an ORG instead, one ending in a place word
--    (City, Square, Strait, ...) a LOC, and one after in/near/at a LOC;
--    nationalities (scripts/data/demonyms.txt), events, storms and names
--    ending in one letter are nobody.
-- 3. Aliases inside the article: a later "Stoltenberg" or "Osmani" is the
--    person whose full name ends with it; "Vjosa Osmani" is "Vjosa
--    Osmani-Sadriu". Across the corpus, corpus:people() merges what is left.
--
-- Copy this file to change it: `lede run --rules my_entities.lua ...` runs
-- yours after the defaults; a file named 10_entities.lua in a LEDE_PATH
-- root's rules/ folder replaces this one.

local rules = require "lib.rules"
local textlib = require "lib.text"

---------------------------------------------------------------- resources

local function read_lines(name)
  local path = rules.data(name)
  if not path then error("data file not found: " .. name, 0) end
  local out = {}
  for line in io.lines(path) do
    if line ~= "" and not line:find("^#") then out[#out + 1] = line end
  end
  return out
end

local function set_of(list, fold)
  local s = {}
  for _, w in ipairs(list) do s[fold and lede.fold(w) or w] = true end
  return s
end

local GAZ, TITLES, CUES
local NOT_NAME                  -- below
local DEMONYM = {}              -- "French", "Indian": scripts/data/demonyms.txt
local function resources()
  if GAZ then return end
  GAZ = lede.gazetteer()
  for _, file in ipairs { "places.tsv", "orgs.tsv" } do
    for _, line in ipairs(read_lines(file)) do
      local kind, canonical, names, flags = line:match("^([^\t]+)\t([^\t]+)\t([^\t]*)\t?(.*)$")
      if kind then
        local value = { kind = kind, canonical = canonical, case = flags == "case" }
        for name in names:gmatch("[^|]+") do
          GAZ:add(name, value, { case = value.case })
        end
      end
    end
  end
  TITLES = lede.gazetteer()
  for _, t in ipairs(read_lines("titles.txt")) do TITLES:add(t, t) end
  CUES = set_of(read_lines("person_cues.txt"))
  for _, w in ipairs(read_lines("demonyms.txt")) do DEMONYM[w] = true end
end

-- Runs of capitalized words outside gazetteer names ("G") and titles
-- ("T"), at most 12 at a time: a longer run (a headline in Title Case, a
-- list of names) comes in pieces. lede.entity.caps_runs finds what
-- lede.pattern { { kind = "word", is_cap = true, ["not"] = { ent = { "G",
-- "T" } }, op = "{1,12}" } } finds with u.blocked (which holds only those
-- kinds), as a flat list of token indexes (first, last, first, last, ...).
local caps_runs, CAPS_MAX = lede.entity.caps_runs, 12

-- Capitalized words that start sentences or name times, never people.
NOT_NAME = set_of({
  "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
  "I", "You", "His", "Her", "Their", "Our", "In", "On", "At", "By", "For", "From", "With",
  "As", "After", "Before", "During", "Since", "Under", "Over", "But", "And", "Or", "If",
  "When", "While", "Although", "Though", "Because", "Meanwhile", "However", "Also", "Last",
  "Next", "Earlier", "Later", "According", "Speaking", "Asked", "Both", "All", "Some",
  "Many", "Most", "Several", "No", "Not", "There", "Here", "What", "Who", "How", "Why",
  "Where", "Which", "Such", "Other", "Another", "Each", "Every", "One", "Two", "Three",
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
  "Sep", "Sept", "Oct", "Nov", "Dec", "Today", "Yesterday", "Tomorrow",
  "Western", "Eastern", "Northern", "Southern", "Serb", "Serbs", "Serbian", "Albanian",
  "Albanians", "European", "Russian", "American", "Turkish", "Ukrainian", "Chinese",
  "Euro-Atlantic", "Balkan", "Allies", "Alliance", "West", "East", "Dialogue", "Mission",
  "Government", "Related", "View", "Update", "Photo", "Video", "Read", "More",
  -- named storms are not people: "Storm Daniel", "Hurricane Ian"
  "Storm", "Hurricane", "Typhoon", "Cyclone", "Tropical",
  "About", "Jr", "Sr", "Slam",
})

-- Titles that are also surnames: "Martin Luther King", "John Major"
local SURNAME_TITLE = set_of({ "King", "Major", "Bishop", "Judge", "Marshal", "Sheriff",
                               "Sergeant", "Constable", "Prince", "Queen", "Chancellor" })

local ORG_OF = set_of({ "of", "for", "on" })

local COMPASS = set_of({ "North", "South", "East", "West", "Northern", "Southern", "Eastern",
                         "Western", "Central" })

local HYPHEN_ADJ = set_of({ "made", "backed", "led", "based", "born", "owned", "run",
                            "controlled", "funded", "occupied", "speaking", "allied", "style",
                            "era", "held", "linked", "affiliated", "built", "trained" })

-- The last word of the name of an event or a day, not of a person:
-- "Holodomor Remembrance Day", "Champions League Cup", "French Open"
local EVENT_END = set_of({ "Day", "Week", "Festival", "Games", "Cup", "Olympics", "Open",
                           "Championship", "Championships", "Prize", "Awards", "Marathon",
                           "War", "Revolution", "Expo", "Grand", "Prix", "Slam", "Series",
                           "Trophy", "Classic", "Masters" })

-- First words of organisations' names, never of people's: "National Rally",
-- "United Russia", "Islamic Jihad"
local ORG_FIRST = set_of({ "National", "Federal", "Royal", "International", "Popular",
                           "Socialist", "Islamic", "Supreme", "Central", "Democratic",
                           "Republican", "United", "Liberal", "Conservative", "Progressive" })

-- After a name of a body, not of a person: "the Georgian Dream party"
local ORG_NOUN_AFTER = set_of({ "party", "movement", "coalition", "alliance", "bloc", "faction",
                                "militia", "group", "government", "company", "firm", "network",
                                "agency", "organisation", "organization" })

-- After the name of a document or an event, not of a person
local DOC_NOUN_AFTER = set_of({ "report", "index", "act", "plan", "law", "bill", "treaty",
                                "agreement", "accord", "initiative", "project", "summit",
                                "conference", "strategy", "deal", "survey", "study", "fund",
                                "programme", "program", "scheme", "award", "prize", "resolution" })

local DETERMINER = set_of({ "the", "The", "a", "an", "A", "An" })

-- Before a place, not a person: "reporters in Santa Maria"
local PLACE_PREP = set_of({ "in", "near", "at", "outside", "across", "around" })
-- sports that name a country's governing body: "Tennis Australia"
local SPORT = set_of({ "Tennis", "Cricket", "Rugby", "Football", "Swimming", "Athletics", "Cycling",
                       "Hockey", "Golf", "Netball", "Basketball", "Volleyball", "Rowing", "Gymnastics",
                       "Sailing", "Skiing", "Boxing" })

-- people named by their work before "at <employer>"
local WORKS_AT = set_of({ "analyst", "analysts", "economist", "economists", "strategist",
                          "strategists", "researcher", "researchers", "scientist", "scientists",
                          "professor", "lecturer", "fellow", "engineer", "engineers", "trader",
                          "traders", "executive", "executives", "director", "partner",
                          "employee", "employees", "staff", "official", "officials" })

-- lower-case nouns of places before "of <Name>"
local PLACE_NOUN = set_of({ "city", "town", "village", "county", "province", "state", "region",
                            "district", "island", "islands", "port", "capital", "municipality",
                            "prefecture", "governorate", "oblast", "suburb", "neighbourhood",
                            "neighborhood" })
-- before a one-word place: not "at" ("an economist at Nomura")
local ONE_WORD_PLACE_PREP = set_of({ "in", "near", "outside" })

local PARTICLES = textlib.NAME_PARTICLES

local ORG_WORDS = set_of({
  "Agency", "Force", "Forces", "Union", "Council", "Ministry", "Organization", "Organisation",
  "Party", "Bank", "Association", "Institute", "Commission", "Parliament", "Army", "Police",
  "Office", "Committee", "Court", "University", "Company", "Group", "Network", "Foundation",
  "Service", "Services", "Movement", "Front", "League", "Corporation", "Inc", "Ltd", "Assembly",
  "Ministry", "Department", "Authority", "Centre", "Center", "Centres", "Centers", "Fund",
  "Program", "Programme",
  "Brigade", "Battalion", "Regiment", "Command", "Chambers", "Tribunal", "Times", "Post",
  "News", "Press", "Radio", "Television", "TV", "Headquarters", "HQ", "Secretariat", "Palace",
  -- the fields of agencies: "Customs and Border Protection", "Homeland Security"
  "Protection", "Security", "Affairs", "Enforcement", "Intelligence", "Immigration",
  "Defence", "Defense", "Rescue", "Workers", "Employees", "Teachers", "Nurses",
  "Development", "Relations", "Administration", "Directorate",
  -- companies: "Kissinger Associates", "Alameda Research", "Bombay Stock Exchange"
  "Associates", "Partners", "Holdings", "Industries", "Technologies", "Systems", "Airlines",
  "Airways", "Motors", "Pharmaceuticals", "Laboratories", "Research", "Exchange", "Energy",
  "Media", "Sports", "Insurance", "Electric", "Society", "Societies", "Federation", "Bureau",
  "Ratings", "Economics", "Securities", "Analytics", "Advisors", "Advisers", "Consulting",
  "Investments", "Forum", "Alliance", "Robotics", "Software", "Solutions", "Therapeutics",
  "Biosciences", "Semiconductor", "Semiconductors", "Networks", "Devices", "Dynamics",
  "Aerospace", "Foods", "Brands", "Entertainment", "Studios", "Pictures", "Records",
  "Museum", "Hospital", "School", "College", "Academy",
  -- parties named by their members: "Free Democrats", "Social Democrats"
  "Democrats", "Republicans", "Socialists", "Conservatives", "Liberals", "Greens",
  "Nationalists", "Communists", "Progressives", "Unionists",
})

-- A capitalized name ending in one of these is a place: "Emirates Stadium",
-- "Mexico City", "Tahrir Square", "Gaza Strip".
local PLACE_WORDS = set_of({
  "City", "Stadium", "Square", "Street", "Avenue", "Airport", "Bridge", "River", "Lake",
  "Mountains", "Valley", "Island", "Islands", "Province", "County", "District", "Region",
  "Park", "Station", "Sea", "Ocean", "Gulf", "Bay", "Strait", "Strip", "Peninsula", "Desert",
  "Canal", "Harbour", "Harbor", "Camp", "Plaza", "Arena",
})

---------------------------------------------------------------- helpers

-- Does s start with an uppercase letter? lede.shape knows Unicode case
-- (Š, Ž, Ć), string patterns only ASCII.
-- "Stoltenberg’s" -> "Stoltenberg" (’ is three bytes: no character class)
local function strip_possessive(w)
  return (w:gsub("’s$", ""):gsub("'s$", ""))
end

local function first_upper(s)
  local c = s:match("^[%z\1-\127\194-\244][\128-\191]*")
  if not c then return false end
  if #c == 1 then return c:find("^%u") ~= nil end
  return lede.shape(c) == "X"
end

-- A lower-case particle joined to a surname: "al-Sisi", "el-Erian", "bin-Laden"
local JOINED_PARTICLE = set_of({ "al", "el", "ad", "as", "ash", "at", "az", "bin", "ben", "abu",
                                 "ibn", "ul", "ud" })
local function joined_particle(w)
  local p = w:match("^(%l+)%-%u")
  return p ~= nil and JOINED_PARTICLE[p] == true
end

-- Could this word be part of a person's name? (memoized by text)
local function name_text(w)
  if joined_particle(w) then return true end
  if not first_upper(w) then return false end
  if NOT_NAME[w] then return false end
  -- all-caps words of 2-5 letters are acronyms, not names (NATO, KFOR),
  -- and so are their plurals (MPs, CEOs, NGOs)
  if #w <= 5 and w:upper() == w and w:find("%u%u") then return false end
  -- adjectives made with a hyphen: "Iranian-made", "Russian-backed"
  local suffix = w:match("%-(%l+)$")
  if suffix and HYPHEN_ADJ[suffix] then return false end
  if w:find("^%u%u+s$") then return false end
  if w:find("%d") then return false end
  return true
end

local name_text_memo = textlib.memo(name_text)
local function name_word(t)
  if t.kind ~= "word" then return false end
  return name_text_memo(t.text)
end

-- "May" after a first name is a surname ("Theresa May", "Robin May"),
-- unless a number follows ("Trump May 5")
local function month_day_after(toks, k)
  local n = toks[k + 1]
  return n ~= nil and n.kind == "number"
end

-- A surname that is also a month, in a date: "in May 2019", "on May 5"
local DATE_PREP = set_of({ "in", "on", "since", "until", "by", "from", "of", "last", "next",
                           "early", "late", "mid", "through", "before", "after", "during" })
local function as_date(toks, k)
  local p = toks[k - 1]
  return month_day_after(toks, k) or (p ~= nil and DATE_PREP[p.lower] == true)
end

-- What the matchers run over: the title and subtitle (strings, tokenized
-- by lede.tokenize) and the body (the article: the C engines match it one
-- sentence at a time in a single call, and hits index article:tokens()).
-- `starts` holds the byte offsets where a sentence begins: a token there
-- opens its sentence, and a run of words never continues across one.
local function headline_units(article, texts)
  local units = {}
  for _, field in ipairs { "title", "subtitle" } do
    local text = texts[field]
    if text then
      local toks = lede.tokenize(text)
      if #toks > 0 then
        units[#units + 1] = { toks = toks, target = text, field = field,
                              starts = { [toks[1].start] = true } }
      end
    end
  end
  return units
end

local function body_unit(article)
  -- (lede.entity.tokens: the tokens as plain tables, each made when the
  -- rule first reads it; the rule looks at a few around each candidate)
  return { toks = lede.entity.tokens(article), target = article, field = nil,
           starts = lede.entity.sentence_starts(article) }
end

-- first_upper of a matched name, memoized like name_word
local starts_upper = textlib.memo(first_upper)

-- Is this text (an acronym) a name the gazetteers know? (memoized)
local known_name = textlib.memo(function(text)
  for _, h in ipairs(GAZ:match(text)) do
    if h.start == 1 and h.stop == #text then return true end
  end
  return false
end)

-- words for a company before its name: "carmaker BYD" (a gazetteer: the
-- article's tokens are folded once for all of them)
local COMPANY_NOUN_GAZ = lede.gazetteer()
for w in ("carmaker automaker chipmaker drugmaker planemaker broadcaster retailer airline "
          .. "insurer lender miner conglomerate start-up startup supermarket outlet newspaper "
          .. "tabloid operator manufacturer supplier"):gmatch("%S+") do
  COMPANY_NOUN_GAZ:add(w)
end

-- does a name end in an organisation word? (memoized by text)
local ends_in_org_word = textlib.memo(function(text)
  return ORG_WORDS[text:match("(%a+)$") or ""] == true
end)

-- acronyms of roles, not bodies: "the CEO said"
local ROLE_ACRONYM = set_of({ "CEO", "CFO", "COO", "CTO", "CIO", "MP", "MPs", "MEP", "PM", "DJ",
                              "VP", "GM" })
local ACRONYM_SAYS = lede.re("(?<![\\w.])(?<acr>[A-Z]{2,6})(?=\\s+(?:said|says|told|reported|added|announced|stated|warned|confirmed)\\b)")

-- Connecting words inside an organisation's name
local NAME_CONNECTOR = set_of({ "of", "for", "and", "the", "on", "in", "de", "del", "des", "du",
                                "la", "le", "&" })

-- The initials of an organisation's name of two or more capitalized words
-- that no gazetteer knows as a name ("Liberal Democratic Party" -> "LDP"),
-- else false (memoized by text)
local initials_of = textlib.memo(function(text)
  local initials, words = "", 0
  for w in text:gmatch("[^%s%-]+") do
    if w:find("^%u") then initials = initials .. w:sub(1, 1); words = words + 1
    elseif not NAME_CONNECTOR[w] then return false end
  end
  if words < 2 or known_name(initials) then return false end
  return initials
end)


-- The name before "(ACR)" at byte `at` of unit u whose capitalized words'
-- initials spell ACR: returns the name, its first and last byte, or nil.
-- Are the letters of a, in order, among those of b?
local function subsequence(a, b)
  local j = 1
  for i = 1, #b do
    if b:sub(i, i) == a:sub(j, j) then
      j = j + 1
      if j > #a then return true end
    end
  end
  return false
end

local function defined_acronym(u, base, at, acr)
  local toks = u.toks
  -- the token that opens the parenthesis (binary search on start)
  local lo, hi = 1, #toks
  while lo < hi do
    local mid = (lo + hi) // 2
    if toks[mid].start < at then lo = mid + 1 else hi = mid end
  end
  if not toks[lo] or toks[lo].start ~= at then return nil end
  local last = lo - 1
  if last < 1 or toks[last].kind ~= "word" then return nil end
  -- Walk back over the name's words. The initials spell the acronym
  -- ("Indian Space Research Organisation (ISRO)"), or the acronym skips a
  -- few of them, keeping the first ("International Association of
  -- Machinists and Aerospace Workers (IAM)").
  local initials, best = "", nil
  for k = last, math.max(1, last - 14), -1 do
    local t = toks[k]
    if t.kind == "word" and first_upper(t.text) and (DEMONYM[t.text] or not NOT_NAME[t.text]) then
      initials = t.text:sub(1, 1) .. initials
      if initials == acr then best = k break end
      if initials:sub(1, 1) == acr:sub(1, 1) and #initials <= #acr + 3 and subsequence(acr, initials) then
        best = k
      end
      if #initials > #acr + 3 then break end
    elseif not NAME_CONNECTOR[t.text] or k == last then
      break
    end
    if u.starts[t.start] then break end   -- the name opens its sentence
  end
  if not best then return nil end
  local a, b = toks[best].start, toks[last].stop
  return base:sub(a, b), a, b
end

---------------------------------------------------------------- the tagger

-- The tagger's types as lede's kinds; MISC has none (and neither has
-- "?", a span whose kind the rules decide).
local TAG_KIND = { PER = "PERSON", ORG = "ORG", LOC = "LOC" }
local checked_span   -- below
local TAGGER_ON = os.getenv("LEDE_NO_TAGGER") == nil
-- Rule evidence weaker than the tagger's reading of the context: a place
-- name from the gazetteer (a city is also its sports team, "Chicago beat
-- Boston"), a run of capitalized words with no other cue. Where such a
-- name meets a tagger span, the tagger's boundary and kind hold; every
-- other rule (titles, speech verbs, organisation and place words, defined
-- acronyms, company nouns, ...) wins over the tagger.
local WEAK_HOW = { capitalized = true, ["speech verb"] = true, alias = true,
                   ["after a place preposition"] = true, ["before an organisation noun"] = true }
-- Does a strong rule's kind hold over the tagger's on the same span? A
-- place word does ("Emirates Stadium", "Rod Laver Arena"), but "City" and
-- "County" only against PERSON: "Bristol City" is a club as the tagger says.
local STORM = set_of({ "Storm", "Hurricane", "Typhoon", "Cyclone", "Tropical" })
local CLUB_PLACE_WORD = set_of({ "City", "County" })   -- "Bristol City", "Notts County"
-- What a rule's `how` says, tested once per distinct how (a handful of
-- strings) instead of a string search per name.
local HOW = setmetatable({}, { __index = function(t, how)
  local p = { place_word = how:find("place word$") ~= nil, org_word = how:find("org word$") ~= nil,
              nationality = how:find("nationality$") ~= nil }
  p.capitalized = how:find("^capitalized") ~= nil and not p.place_word
  t[how] = p
  return p
end })

local function overrides(e, tagger_kind)
  if HOW[e.how or ""].place_word then
    return tagger_kind == "PERSON" or not CLUB_PLACE_WORD[e.text:match("(%S+)$")]
  end
  return true
end

-- The tagger's kind, checked: a "person" whose last word is an
-- organisation or place word ("NATO Headquarters", "Rod Laver Arena") is
-- that organisation or place.
local function checked_kind(text, kind)
  if kind ~= "PERSON" then return kind end
  local last = text:match("([^%s]+)$")
  if ORG_WORDS[last] then return "ORG" end
  if PLACE_WORDS[last] then return "LOC" end
  return kind
end

-- A tagger span as the rules read it (sp changed in place), or nil for
-- none: a nationality at its end is no part of the name ("Kosovo Serbs":
-- "Kosovo", of a kind the rules decide, "?"); a lone initial ("Y.") names
-- nothing; a "person" before "report", "act", "index" is a document, and
-- one before "party", "group" an organisation ("the ruling Georgian Dream
-- party").
-- a nationality, or a people by its plural ("Serbs", "Albanians")
-- Is text, whole, a place the gazetteers know?
local function exact_place(text)
  for _, h in ipairs(GAZ:match(text)) do
    if h.start == 1 and h.stop == #text and h.value.kind == "LOC" then return true end
  end
  return false
end

local nationality_memo = textlib.memo(function(w)
  return DEMONYM[w] or DEMONYM[(w:gsub("s$", ""))] or (NOT_NAME[w] and w:find("^%u.*s$")) and true
         or false
end)
local function nationality(w)
  if not w then return false end
  return nationality_memo(w)
end

-- What checked_span decides from a span's text and kind alone, kept per
-- (kind, text): the text it keeps, its kind, the bytes cut at its front,
-- whether its stop moved (to the kept text's end), or false to drop it.
-- (at most 50,000 texts, then emptied: a few MB at most)
local span_memo, span_memo_n = {}, 0
local checked_text
local function checked_text_memo(text, kind)
  local m = span_memo[kind]
  if not m then m = {}; span_memo[kind] = m end
  local r = m[text]
  if r == nil then
    if span_memo_n >= 50000 then span_memo, span_memo_n = {}, 0 end
    local t2, k2, shift, moved = checked_text(text, kind)
    r = t2 and { t2, k2, shift, moved } or false
    m = span_memo[kind]
    if not m then m = {}; span_memo[kind] = m end
    m[text] = r
    span_memo_n = span_memo_n + 1
  end
  return r
end

checked_span = function(sp, base)
  local r = checked_text_memo(sp.text, sp.kind)
  if not r then return nil end
  local text = r[1]
  if text ~= sp.text then sp.text = text end
  sp.kind = r[2]
  sp.start = sp.start + r[3]
  if r[4] then sp.stop = sp.start + #text - 1 end
  -- a name particle and a capitalized word go on with the name: "Rio
  -- Grande do Sul", "Abdulaziz bin Salman"
  if TAG_KIND[sp.kind] then
    for _ = 1, 3 do
      local p, w = base:match("^ (%l+) (%u[%w%-]*)", sp.stop + 1)
      if not (p and PARTICLES[p] and not ORG_OF[p]) then break end
      sp.stop = sp.stop + 2 + #p + #w
      sp.text = base:sub(sp.start, sp.stop)
    end
  end
  local after = sp.kind == "PER" and base:match("^%s+(%a+)", sp.stop + 1)
  if after then
    if DOC_NOUN_AFTER[after] then return nil end
    if ORG_NOUN_AFTER[after] then sp.kind = "ORG" end
  end
  return sp
end

-- checked_span's tests of the text: text, kind, shift, moved (see
-- checked_text_memo), or nil for no name.
checked_text = function(text, kind)
  local shift, moved = 0, false
  local head, last = text:match("^(.-)%s*([^%s]+)$")
  if nationality(last) then
    while nationality(last) and head ~= "" do
      text = head
      head, last = text:match("^(.-)%s*([^%s]+)$")
    end
    if nationality(text) or text == "" then return nil end
    moved = true
    kind = "?"
  end
  if text:find("^%a%.?$") and #text <= 2 and text:find("%.$") then return nil end
  -- a compass adjective is no part of a place's name, unless the whole
  -- is a name ("Northern Kosovo" is Kosovo; "Northern Ireland" stays)
  local adj, rest = text:match("^(%u%l+ern) (.+)$")
  if not adj then adj, rest = text:match("^(Central) (.+)$") end
  if adj and kind == "LOC" and exact_place(rest) and not exact_place(text) then
    shift = shift + #adj + 1
    text = rest
  end
  -- a name ends in a capitalized word: "the Association of municipalities
  -- with a Serbian majority" names no body ("Association" alone is none)
  if text:find("%s%l+$") and TAG_KIND[kind] then
    local cut = text:gsub("%s+%l+$", ""):gsub("%s+%l+$", "")
    if cut == "" or not cut:find("%s") and (ORG_WORDS[cut] or NOT_NAME[cut]) then return nil end
    moved = true
    text = cut
  end
  -- a named storm is nobody: "Storm Daniel", "Hurricane Ian"
  if kind == "PER" and STORM[text:match("^%S+")] then return nil end
  return text, kind, shift, moved
end

-- Could a name the tagger did not see be one? Not one letter ("I"), in
-- capitals ("BASEBALL"), a people ("Iraqis"), or,
-- unless it is a surname the article gave in full ("May" of "Robin May"),
-- a NOT_NAME word.
local function gap_name(text, how)
  local first = text:match("^%S+")
  return #text >= 2 and text:find("%l") ~= nil and not nationality(text)
         and (how == "alias" or not NOT_NAME[first])
end

local function weak_how(e)
  local how = e.how or ""
  return (how == "gazetteer" and e.kind == "LOC") or WEAK_HOW[how]
         or HOW[how].capitalized
end
local TAGGER
local function tagger()
  if not TAGGER then
    local path = rules.data("entities.model")
    if not path then error("data file not found: entities.model", 0) end
    TAGGER = lede.tagger.load(path)
  end
  return TAGGER
end

---------------------------------------------------------------- the rule

local coverage, cov_free, cov_mark = lede.entity.coverage, lede.entity.free, lede.entity.mark

-- table.sort(list, less), where key(x) is an integer that orders as less
-- does: when no two keys are equal, the keys are sorted instead (compared
-- in C, not by a Lua call per comparison) and the list rebuilt from them;
-- with a tie, the list is sorted by less as before (an unstable sort puts
-- equal elements in an order only the same sort reproduces).
local function sort_by_key(list, key, less)
  local keys, by = {}, {}
  for k, x in ipairs(list) do
    local v = key(x)
    if by[v] then table.sort(list, less) return end
    by[v] = x
    keys[k] = v
  end
  table.sort(keys)
  for k, v in ipairs(keys) do list[k] = by[v] end
end

local function run(article, ctx)
  resources()
  -- each field's text read once: article.text copies the body every time
  local texts = { text = article.text or "", title = article.title, subtitle = article.subtitle }
  local found = {}            -- list of {kind, start, stop, field, canonical, text, how}
  -- Bytes already covered by a name, per field: a set of positions. Names
  -- are short, so testing or marking one costs its length, and an article
  -- of thousands of names stays linear (a sorted list of intervals paid a
  -- shift of the list for every insertion).
  -- (a set of positions in C, lede.entity.coverage: a loop over a name's
  -- bytes in Lua cost more than the rest of a test)
  local covered = { text = coverage(), title = coverage(), subtitle = coverage() }
  local function free(field, a, b)
    return cov_free(covered[field or "text"], a, b)
  end
  local function mark(field, a, b)
    cov_mark(covered[field or "text"], a, b)
  end
  -- The tagger's spans, per field, in text order (disjoint). A rule's name
  -- that meets one either gives way (weak_how) or sets it aside; what the
  -- rules leave, the tagger's spans fill (step T).
  local tagged = { text = {}, title = {}, subtitle = {} }
  if TAGGER_ON then
    for _, sp in ipairs(tagger():tag(article)) do
      if checked_span(sp, texts[sp.field or "text"]) then
        local l = tagged[sp.field or "text"]
        l[#l + 1] = sp
      end
    end
  end
  -- the first tagger span of field ending at or after a: its index
  -- (binary search; the spans are disjoint and in order)
  local first_after = lede.entity.first_after
  -- the spans overlapping e, as an iterator: only those, so that each
  -- rule's name costs a binary search and its own overlaps (an article of
  -- thousands of names stays linear)
  local function overlapping(e)
    local l = tagged[e.field or "text"]
    local k = first_after(l, e.start) - 1
    return function()
      k = k + 1
      local o = l[k]
      if o and o.start <= e.stop then return o end
    end
  end
  -- How a rule's name e meets the tagger's spans: "none"; "same" (one
  -- span, the same bytes); "covers" (e holds every span it meets: "Tennis
  -- Australia" over "Australia"); "word" (e lies inside one hyphenated word
  -- of a span: "EU" in "EU-facilitated", "Belgrade" in "Belgrade-Pristina
  -- Dialogue"); "cut" (e cuts a span, or lies inside one: "Red Cross" in
  -- "International Red Cross").
  local function meeting(e)
    -- (tagged_over and overlapping's loop, from one search)
    local l = tagged[e.field or "text"]
    local k = first_after(l, e.start)
    local sp = l[k]
    if not (sp and sp.start <= e.stop) then return "none" end
    if sp.start == e.start and sp.stop == e.stop then return "same", sp end
    local covers = true
    while true do
      local o = l[k]
      if not (o and o.start <= e.stop) then break end
      if o.start < e.start or o.stop > e.stop then covers = false end
      k = k + 1
    end
    if covers then return "covers", sp end
    if sp.start <= e.start and sp.stop >= e.stop then
      local base = texts[e.field or "text"]
      if (e.start > sp.start and base:sub(e.start - 1, e.start - 1) == "-")
         or (e.stop < sp.stop and base:sub(e.stop + 1, e.stop + 1) == "-") then
        return "word", sp
      end
    end
    return "cut", sp
  end
  local function set_aside(e)
    for o in overlapping(e) do o.taken = true end
  end
  -- A strong rule's name whose spans the tagger began too early: every
  -- span it meets ends inside it, and one that starts before it holds a
  -- title ("Justice John Roberts", "Prince Mohammed" of "Crown Prince
  -- Mohammed bin Salman"), "The " ("The Associated Press"), words an
  -- acronym does not spell ("U.S. Securities and Exchange Commission
  -- (SEC)"), or, before a
  -- name an organisation word ends, a lower-case word ("Officers of
  -- Customs and Border Protection").
  local function front_cut(e)
    local base = texts[e.field or "text"]
    local how = e.how or ""
    for o in overlapping(e) do
      if o.stop > e.stop then return false end
      local before = o.start < e.start and base:sub(o.start, e.start - 1)
      if before and not (how == "title" or how == "acronym defined" or before == "The "
                         or (HOW[how].org_word and (" " .. before):find("%s%l"))) then
        return false
      end
    end
    return true
  end
  -- An organisation word's name over spans the tagger gave no kind of
  -- ours: "Acme Robotics" over a MISC "Robotics"
  local function covers_misc_only(e)
    if not HOW[e.how or ""].org_word then return false end
    for o in overlapping(e) do
      if TAG_KIND[o.kind] then return false end
    end
    return true
  end
  local function take(e)
    local rel, sp = meeting(e)
    local weak = weak_how(e)
    if rel == "none" then
      -- a weak cue alone, where the tagger sees no name, is no name; but
      -- a name the article gave a person in full is that person's
      -- anywhere ("Sisi" after "Abdel Fattah al-Sisi"), and a name before
      -- "network", "party", "group" is a body's ("the X network")
      if TAGGER_ON and weak and not ((e.how == "alias" or e.how == "speech verb")
                                     and gap_name(e.text, e.how))
         and not (e.how == "before an organisation noun" and not nationality(e.text)) then
        return false
      end
    elseif rel == "same" then
      if sp.taken then return false end
      local kind = TAG_KIND[sp.kind]
      if sp.kind == "?" or (not kind and HOW[e.how or ""].org_word)
         or (HOW[e.how or ""].nationality and kind and kind ~= "ORG"
             and not nationality(e.text:match("(%S+)$"))) then
        -- the rules decide ("Kosovo" of "Kosovo Serbs"; "Social Democrats",
        -- a MISC to the tagger, a party by its last word; "Bavarian Nordic",
        -- a company: no place is named with a nationality first)
        weak, kind = false, nil
      end
      if weak or (kind and not overrides(e, kind)) then
        if not kind then return false end
        e.kind = checked_kind(sp.text, kind)
      end
      sp.taken = true
    elseif rel == "word" or (rel == "covers" and (not weak or covers_misc_only(e))) then
      set_aside(e)
    elseif rel == "cut" and not weak and sp.start == e.start and sp.stop > e.stop
           and DOC_NOUN_AFTER[texts[e.field or "text"]:sub(e.stop + 1, sp.stop):match("^%s+(%a+)[%s%d]*$")
                              and texts[e.field or "text"]:sub(e.stop + 1, sp.stop):match("^%s+(%a+)"):lower() or ""] then
      -- an organisation and the name of one of its papers: "United Nations
      -- Security Council Resolution 1244" is the Council's resolution
      set_aside(e)
    elseif rel == "cut" and not weak and front_cut(e) then
      -- what the tagger had before the name stays, of a kind the rules
      -- decide ("U.S." of "U.S. Securities and Exchange Commission")
      local base = texts[e.field or "text"]
      set_aside(e)
      for o in overlapping(e) do
        if o.start < e.start and o.stop >= e.start then
          local pre = base:sub(o.start, e.start - 1):gsub("%s+$", "")
          o.stop, o.text, o.kind, o.taken = o.start + #pre - 1, pre, "?", pre == "" or nil
        end
      end
    elseif rel == "cut" and not weak and sp.start == e.start and sp.stop > e.stop
           and texts[e.field or "text"]:sub(e.stop + 1, e.stop + 5) == " and "
           and ORG_WORDS[sp.text:match("(%S+)$")] then
      -- two names the tagger ran together, each with its organisation word:
      -- "the Bureau of Labor Statistics and Fitch Ratings"
      sp.start = e.stop + 6
      sp.text = texts[e.field or "text"]:sub(sp.start, sp.stop)
    else
      return false
    end
    mark(e.field, e.start, e.stop)
    found[#found + 1] = e
    return true
  end
  -- a known name (a gazetteer or dateline hit h in unit u), also kept from
  -- the capitalized runs below
  local function take_hit(u, h, kind, canonical, how)
    take { kind = kind, start = h.start, stop = h.stop, field = u.field,
           canonical = canonical, text = h.text, how = how }
    u.blocked = u.blocked or {}
    u.blocked[#u.blocked + 1] = { kind = "G", start = h.start, stop = h.stop }
  end
  -- tokens i..j of unit u as one name of this kind
  local function take_tokens(u, i, j, kind, how)
    local toks = u.toks
    take { kind = kind, start = toks[i].start, stop = toks[j].stop, field = u.field,
           text = texts[u.field or "text"]:sub(toks[i].start, toks[j].stop), how = how }
  end

  local units = headline_units(article, texts)
  units[#units + 1] = body_unit(article)

  -- map[key] = value when key has one value so far, false when two compete
  local function note_unique(map, key, value)
    if map[key] == nil then map[key] = value
    elseif map[key] ~= value then map[key] = false end
  end
  -- Short names that each stand for one organisation of the article (map:
  -- name -> canonical, false when two compete), taken wherever the text
  -- holds them (present(name): a cheap test first; ok(u, h): a test of each
  -- hit, optional): a gazetteer built for this article only.
  local function take_org_aliases(map, present, ok, how)
    local gaz = nil
    for key, canonical in pairs(map) do
      if canonical and present(key) then
        gaz = gaz or lede.gazetteer()
        gaz:add(key, canonical, { case = true })
      end
    end
    if not gaz then return end
    for _, u in ipairs(units) do
      for _, h in ipairs(gaz:match(u.target)) do
        if (not ok or ok(u, h)) and free(u.field, h.start, h.stop) then
          take_hit(u, h, "ORG", h.value, how)
        end
      end
    end
  end

  -- 0. an organisation that defines its acronym: "Indian Space Research
  -- Organisation (ISRO)", "Organisation for Economic Co-operation and
  -- Development (OECD)". The name and every "ISRO" in the article are one
  -- organisation, named in full. Acronyms the gazetteers know keep their
  -- canonical names (found in step 1).
  local acronyms = nil                  -- ACRONYM -> full name
  for _, u in ipairs(units) do
    local base = texts[u.field or "text"]
    -- a plain search for "(" first: a pattern scan of the whole text cost
    -- as much as the rest of this step
    local at = base:find("(", 1, true)
    while at do
      local acr = base:match("^%((%u[%u&]+)%)", at)
      if acr and #acr <= 8 and not known_name(acr) then
        local full, a, b = defined_acronym(u, base, at, acr)
        if full then
          acronyms = acronyms or {}
          acronyms[acr] = acronyms[acr] or full
          take_hit(u, { start = a, stop = b, text = full }, "ORG", acronyms[acr], "acronym defined")
        end
      end
      at = base:find("(", at + 1, true)
    end
  end
  if acronyms then
    take_org_aliases(acronyms, function() return true end, nil, "acronym")
  end

  -- 1. gazetteer: places and organisations. A one-word place right after
  -- a title and before a name is a first name: "RN president Jordan
  -- Bardella", "Foreign Minister Israel Katz".
  for _, u in ipairs(units) do
    u.title_hits = TITLES:match(u.target)
    local title_end = {}
    for _, h in ipairs(u.title_hits) do title_end[h.tok_last] = true end
    local toks = u.toks
    for _, h in ipairs(GAZ:match(u.target)) do
      local v = h.value
      if (v.case or starts_upper(h.text)) and free(u.field, h.start, h.stop) then
        local k = h.tok_first
        local nxt = toks[k + 1]
        local of, body = toks[k - 1], toks[k - 2]
        if v.kind == "LOC" and k == h.tok_last and title_end[k - 1] and nxt
           and name_word(nxt) and nxt.start - toks[k].stop <= 2 and not u.starts[nxt.start]
           and not ORG_WORDS[nxt.text] and not PLACE_WORDS[nxt.text] then
          -- left to the person rules
        elseif v.kind == "LOC" and k == h.tok_last and of and SPORT[of.text]
               and h.start - of.stop <= 2 and free(u.field, of.start, of.stop) then
          -- a sport's governing body: "Tennis Australia", "Cricket Australia"
          local name = texts[u.field or "text"]:sub(of.start, h.stop)
          take_hit(u, { start = of.start, stop = h.stop, text = name }, "ORG", name, "sport body")
        elseif v.kind == "LOC" and of and body and ORG_OF[of.text] and ORG_WORDS[body.text]
               and free(u.field, body.start, body.stop) then
          -- "University of Sydney", "Bank of England": left to the
          -- organisation-word rule, which joins "X of Y"
        else
          -- a generic body's name with a name before it is a longer name:
          -- "Liberal Democratic Party" is not the "Democratic Party"
          local p = k
          if v.kind == "ORG" and ends_in_org_word(h.text) then
            while p > 1 and k - p < 2 and not u.starts[toks[p].start] and name_word(toks[p - 1])
                  and not title_end[p - 1] and toks[p].start - toks[p - 1].stop <= 2
                  and free(u.field, toks[p - 1].start, toks[p - 1].stop) do
              p = p - 1
            end
          end
          if p < k then
            local base = texts[u.field or "text"]
            local full = base:sub(toks[p].start, h.stop)
            take_hit(u, { start = toks[p].start, stop = h.stop, text = full }, "ORG", full,
                     "gazetteer+name")
          else
            take_hit(u, h, v.kind, v.canonical, "gazetteer")
          end
        end
      end
    end
  end

  -- An acronym that speaks is an organisation: "state media KCNA said",
  -- "OCHA reported" (one JIT regex over each field; the acronym must not be
  -- a gazetteer name, those were taken above)
  for _, u in ipairs(units) do
    local base = texts[u.field or "text"]
    for m in ACRONYM_SAYS:gmatch(base) do
      local a, b = m.start, m.start + #m.acr - 1
      if not ROLE_ACRONYM[m.acr] and free(u.field, a, b) then
        take { kind = "ORG", start = a, stop = b, field = u.field, text = m.acr,
               canonical = m.acr, how = "acronym+speech verb" }
      end
    end
  end

  -- A name after a word for a company is a company: "carmaker BYD",
  -- "chipmaker Nvidia", "broadcaster ITV"
  for _, u in ipairs(units) do
    local toks = u.toks
    for _, h in ipairs(COMPANY_NOUN_GAZ:match(u.target)) do
      local n1, n2 = toks[h.tok_last + 1], toks[h.tok_last + 2]
      if n1 and n1.kind == "word" and n1.text:find("^%u") and n1.start - h.stop <= 2
         and not NOT_NAME[n1.text] and not DEMONYM[n1.text] then
        local last = n1
        if n2 and n2.kind == "word" and n2.text:find("^%u") and n2.start - n1.stop <= 2
           and not NOT_NAME[n2.text] then
          last = n2
        end
        if free(u.field, n1.start, last.stop) then
          local name = texts[u.field or "text"]:sub(n1.start, last.stop)
          take { kind = "ORG", start = n1.start, stop = last.stop, field = u.field, text = name,
                 canonical = name, how = "after a company noun" }
        end
      end
    end
  end

  -- A company or body found so is one wherever the article names it: "ASML
  -- said ..." makes "will hit ASML" and "ASML's machines" ASML too.
  local named = {}
  for _, e in ipairs(found) do
    if e.how == "acronym+speech verb" or e.how == "after a company noun" then
      named[e.text] = e.canonical or e.text
    end
  end
  if next(named) then
    take_org_aliases(named, function() return true end, nil, "alias")
  end

  -- The dateline's city ("PORTO ALEGRE, Brazil (AP) —") is a place wherever
  -- the article names it, in capitals or not; its name is the spelling the
  -- text uses in mixed case, else the dateline's, capitalized per word.
  local city = article.dateline and (article.dateline:match("^%s*([^,(]-)%s*[,(]")
                                     or article.dateline:match("^%s*(.-)%s*$"))
  if city and #city >= 3 and city:find("^%u") then
    local here = lede.gazetteer()
    here:add(city)
    local hits, canonical = {}, nil
    for _, u in ipairs(units) do
      for _, h in ipairs(here:match(u.target)) do
        hits[#hits + 1] = { u = u, h = h }
        if not canonical and h.text:upper() ~= h.text then canonical = h.text end
      end
    end
    canonical = canonical or city:gsub("(%S)(%S*)", function(a, b) return a .. lede.fold(b) end)
    for _, x in ipairs(hits) do
      local u, h = x.u, x.h
      if starts_upper(h.text) and free(u.field, h.start, h.stop) then
        take_hit(u, h, "LOC", canonical, "dateline")
      end
    end
  end

  -- Title words ("Secretary General", "Prime Minister") are never part of
  -- a name. The token after a title starts a name (2a below).
  for _, u in ipairs(units) do
    u.blocked = u.blocked or {}         -- annotations for the pattern's `ent`
    u.after_title = {}
    u.title_tok = {}
    for _, h in ipairs(u.title_hits) do
      -- a title in capitals, or in lower case right before a name ("former
      -- president Andrés Manuel López Obrador", Reuters style); a title that
      -- is also a surname ends a name after a first name when no name
      -- follows it ("Martin Luther King Jr.", "John Major said")
      local nxt = u.toks[h.tok_last + 1]
      local prev = u.toks[h.tok_first - 1]
      local surname = SURNAME_TITLE[h.text] and prev and name_word(prev) and not u.starts[h.start]
                      and h.start - prev.stop <= 2 and free(u.field, prev.start, prev.stop)
                      and not (nxt and name_word(nxt) and nxt.start - h.stop <= 2)
      if surname then
        -- part of the name before it
      elseif starts_upper(h.text) or (nxt and name_word(nxt) and not u.starts[nxt.start]) then
        mark(u.field, h.start, h.stop)
        u.blocked[#u.blocked + 1] = { kind = "T", start = h.start, stop = h.stop }
        u.after_title[h.tok_last + 1] = true
        for k = h.tok_first, h.tok_last do u.title_tok[k] = true end
      end
    end
  end

  -- An organisation followed by up to three capitalized words, the last an
  -- organisation word, is one name: "NATO Headquarters", "UN Security
  -- Council", "United Nations Environment Programme".
  -- A place so followed is one too: "United States Maritime Alliance",
  -- "Kosovo Police".
  for _, e in ipairs(found) do
    if e.kind == "ORG" or e.kind == "LOC" then
      local base = texts[e.field or "text"]
      local pos, upto = e.stop + 1, nil
      for _ = 1, 3 do
        local word = base:match("^ (%u%l+)", pos)
        if not word or not free(e.field, pos + 1, pos + #word) then break end
        pos = pos + 1 + #word
        if ORG_WORDS[word] then upto = pos - 1 end
      end
      -- and its complement: "U.S. Circuit Court of Appeals"
      if upto then
        local of, words = base:match("^ (%l+)( %u%l+[%u%l ]*)", upto + 1)
        if of and ORG_OF[of] then
          local n, stop = 0, upto + 1 + #of
          for w in words:gmatch(" (%S+)") do
            if n == 3 or not w:find("^%u%l") or NOT_NAME[w] then break end
            n, stop = n + 1, stop + 1 + #w
          end
          if n > 0 and free(e.field, upto + 1, stop) then upto = stop end
        end
      end
      if upto then
        mark(e.field, e.stop + 1, upto)
        e.kind = "ORG"
        e.stop = upto
        e.text = base:sub(e.start, e.stop)
        e.canonical = e.text
      end
    end
  end

  local function add_person(u, i, j, how)
    local toks = u.toks
    local base = texts[u.field or "text"]
    if ORG_WORDS[toks[j].text] then
      -- a title word just before belongs to the name: "Justice Department",
      -- "Premier League", "Foreign Ministry"
      while i > 1 and u.title_tok[i - 1] and toks[i].start - toks[i - 1].stop <= 2 do i = i - 1 end
      -- and so does a nationality or a compass word: "Indian Space Research
      -- Organisation", "West Yorkshire Police"
      if i > 1 and (DEMONYM[toks[i - 1].text] or COMPASS[toks[i - 1].text])
         and toks[i].start - toks[i - 1].stop <= 2 then
        i = i - 1
      end
      take_tokens(u, i, j, "ORG", how .. "+org word")
      return
    end
    if PLACE_WORDS[toks[j].text] and j > i then
      take_tokens(u, i, j, "LOC", how .. "+place word")
      return
    end
    if EVENT_END[toks[j].text] and j > i then return end
    -- after a compass word: a body or a region, never a person ("Northern
    -- Powergrid said"); taken as an organisation when it speaks
    local cp = toks[i - 1]
    if cp and COMPASS[cp.text] and toks[i].start - cp.stop <= 2 and how ~= "title" then
      if how == "speech verb" then take_tokens(u, i - 1, j, "ORG", how .. "+compass") end
      return
    end
    if (DEMONYM[toks[i].text] or ORG_FIRST[toks[i].text]) and j > i and how ~= "title" then
      -- people are not named with a nationality first: "Bavarian Nordic"
      -- and "Turkish Airlines" are companies, "National Rally" a party
      take_tokens(u, i, j, "ORG", how .. "+nationality")
      return
    end
    -- a possessive ’s / 's stays outside the name
    local stop = toks[j].stop
    local text = base:sub(toks[i].start, stop)
    local trimmed = strip_possessive(text)
    stop = stop - (#text - #trimmed)
    take { kind = "PERSON", start = toks[i].start, stop = stop, field = u.field,
           text = trimmed, how = how }
  end

  -- 2. people. The C pattern engine finds runs of capitalized words outside
  -- places, organisations and titles; Lua looks only at those runs, split
  -- where a word cannot be part of a name (NOT_NAME, acronyms, digits).
  local runs = {}                       -- {u, i, j} token ranges
  for _, u in ipairs(units) do
    local toks = u.toks
    local caps = caps_runs(u.target, u.blocked, CAPS_MAX)
    for c = 1, #caps, 2 do
      local tok_first, tok_last = caps[c], caps[c + 1]
      local i = nil
      -- one overlap test for the whole run, per word only when it fails
      local all_free = free(u.field, toks[tok_first].start, toks[tok_last].stop)
      for k = tok_first, tok_last + 1 do
        local t = k <= tok_last and toks[k]
        local ok = t and (name_word(t) or (i and t.text == "May" and not month_day_after(toks, k)))
                   and (all_free or free(u.field, t.start, t.stop))
        if ok and not i then
          i = k
        elseif not ok and i then
          local j = math.min(k - 1, i + 3)          -- at most four words
          runs[#runs + 1] = { u = u, i = i, j = j }
          i = nil
        end
        -- a possessive ends a name: "Lindner's Free Democrats" (but not
        -- before an organisation word: "International Longshoremen's Association")
        if ok and i and k < tok_last and t.text:find("['’]s$") and not ORG_WORDS[toks[k + 1].text] then
          runs[#runs + 1] = { u = u, i = i, j = math.min(k, i + 3) }
          i = nil
        end
      end
    end
  end

  -- Name particles join two runs into one name: "Ursula von der Leyen",
  -- "Ludwig van Beethoven", "Osama bin Laden". An organisation word, then
  -- of/for/on, then a run is one organisation: "Office for Budget
  -- Responsibility", "Ministry of Foreign Affairs".
  local merged = {}
  for _, r in ipairs(runs) do
    local prev = merged[#merged]
    local joined = false
    if prev and prev.u == r.u and r.i > prev.j + 1 and not r.u.starts[r.u.toks[r.i].start] then
      local toks = r.u.toks
      local all_particles = true
      for k = prev.j + 1, r.i - 1 do
        if not PARTICLES[toks[k].text] then all_particles = false break end
      end
      local pt = toks[prev.j]
      if all_particles and r.i - prev.j - 1 <= 2 then
        prev.j = r.j
        joined = true
      elseif r.i == prev.j + 2 and toks[prev.j + 1].text == "." and pt.text:find("^%u$")
             and toks[prev.j + 1].start == pt.stop + 1 and r.j - prev.i < 4 then
        -- a middle or first initial: "George W. Bush", "S. Somanath"
        prev.j = r.j
        joined = true
      elseif r.i == prev.j + 2 and ORG_OF[toks[prev.j + 1].text] and ORG_WORDS[toks[prev.j].text] then
        prev.j = r.j
        prev.org = true
        joined = true
      elseif r.i == prev.j + 2 and toks[prev.j + 1].text == "and" and ORG_WORDS[toks[prev.j].text]
             and ORG_WORDS[toks[r.j].text] then
        -- one body of two fields: "Fire Service and Civil Defence"
        prev.j = r.j
        prev.org = true
        joined = true
      end
    end
    if not joined then merged[#merged + 1] = r end
  end
  runs = merged

  -- words the article capitalizes somewhere other than a sentence start
  local midcap = {}
  for _, r in ipairs(runs) do
    local toks = r.u.toks
    for k = r.i, r.j do
      local t = toks[k]
      if not r.u.starts[t.start] then
        local prev = toks[k - 1].text
        if prev ~= "." and prev ~= "“" and prev ~= "\"" then midcap[t.text] = true end
      end
    end
  end

  local lone_places = {}
  for _, r in ipairs(runs) do
    local u, i, j = r.u, r.i, r.j
    local toks = u.toks
    -- an apostrophe and an organisation word after: "Manchester
    -- Magistrates' Court" is a court, not a person
    local ap, ow = toks[j + 1], toks[j + 2]
    if ap and ow and (ap.text == "'" or ap.text == "’") and ap.start == toks[j].stop + 1
       and ORG_WORDS[ow.text] and ow.start - ap.stop <= 2 then
      j = j + 2
      r.j = j
      r.org = true
    end
    -- a surname with a joined lower-case particle ends the name: "Abdel
    -- Fattah al-Sisi" (the pattern engine takes capitalized words only)
    local nx = toks[j + 1]
    if nx and j - i < 3 and joined_particle(nx.text) and not u.starts[nx.start]
       and nx.start - toks[j].stop <= 2 and free(u.field, nx.start, nx.stop) then
      j = j + 1
      r.j = j
    end
    local first_in_unit = u.starts[toks[i].start] or false
    local before = not first_in_unit and toks[i - 1] or nil
    local after = toks[j + 1]
    if after and u.starts[after.start] then after = nil end
    -- nationalities, alone or with a compass word ("North Korean")
    local only_demonyms = DEMONYM[toks[j].text] == true
    for k = i, j - 1 do
      if not DEMONYM[toks[k].text] and not COMPASS[toks[k].text] then only_demonyms = false break end
    end
    if j > i and #toks[j].text == 1 then
      -- "Series C", "Plan B", "Hepatitis B": no one's name ends in a letter
    elseif only_demonyms then
      -- "met French officials": a nationality alone names nobody
    elseif r.org then
      -- an organisation word with its complement: "Office for Budget Responsibility"
      take_tokens(u, i, j, "ORG", "organisation word")
    elseif u.after_title[i] then
      -- 2a. a title before: "President Aleksandar Vucic"
      add_person(u, i, j, "title")
    elseif u.title_tok[j + 1] and not ORG_WORDS[toks[j].text] then
      -- a word or two right before a title name a place or a body, not a
      -- person: "French President Emmanuel Macron", "NASA Administrator"
    elseif (after and CUES[after.text:lower()]) or (before and CUES[before.text:lower()]) then
      -- 2b. a speech verb after or before: "Stoltenberg said", "said Vucic";
      -- one word first in its sentence ("Officials said") only if the
      -- article also capitalizes it mid-sentence
      if not (i == j and first_in_unit and not midcap[toks[i].text]) then
        add_person(u, i, j, "speech verb")
      end
    elseif j - i + 1 >= 2 and j - i + 1 <= 3 and not u.title_tok[j + 1] then
      -- 2c. two or three capitalized name words, unless a title follows
      -- ("Rio Grande do Sul Governor Eduardo Leite": a place or a body
      -- heads the title) or a place preposition comes before
      if after and DOC_NOUN_AFTER[after.text] then
        -- "the annual Emissions Gap report": the name of a thing, no person
      elseif after and ORG_NOUN_AFTER[after.text] then
        -- "the ruling Georgian Dream party", "the Islamic State group"
        take_tokens(u, i, j, "ORG", "before an organisation noun")
      elseif before and DETERMINER[before.text] and not ORG_WORDS[toks[j].text]
             and not PLACE_WORDS[toks[j].text] then
        -- "the Nasdaq Composite": people are not named with an article
      elseif before and PLACE_PREP[before.text] and not toks[j].text:find("['’]s$")
             and not ORG_WORDS[toks[j].text] then
        take_tokens(u, i, j, "LOC", "after a place preposition")
      else
        add_person(u, i, j, "capitalized")
      end
    elseif i == j and after and ORG_NOUN_AFTER[after.text] and before and not first_in_unit
           and before.text:find("^%l") and not DEMONYM[toks[i].text] then
      -- one word before "party", "group", "movement": "the ruling Morena
      -- party", "the Wagner group"
      take_tokens(u, i, j, "ORG", "before an organisation noun")
    elseif i == j and before and before.text == "of" and toks[i - 2] and PLACE_NOUN[toks[i - 2].text]
           and not DEMONYM[toks[i].text] and not ORG_WORDS[toks[i].text] then
      -- "the eastern county of Hualien", "the town of Bakhmut"
      take_tokens(u, i, j, "LOC", "after a place noun")
    elseif before and before.text == "at" and toks[i - 2] and WORKS_AT[toks[i - 2].lower]
           and not DEMONYM[toks[i].text] then
      -- where people work: "analysts at Jefferies", "economists at Capital Economics"
      take_tokens(u, i, j, "ORG", "employer")
    elseif i == j and before and ONE_WORD_PLACE_PREP[before.text] and not first_in_unit
           and not DEMONYM[toks[i].text] and not ORG_WORDS[toks[i].text]
           and not toks[i].text:find("['’]s$") and not (after and name_word(after)) then
      -- one word after in/near: "found dead in Leeds"; decided below, once
      -- the article's people are known ("confidence in Biden")
      lone_places[#lone_places + 1] = r
    end
  end

  -- "the Commission" after "the European Commission": the organisation's
  -- last word alone, after "the", is that organisation (when only one
  -- organisation of the article ends in it)
  local by_last = {}
  for _, e in ipairs(found) do
    if e.kind == "ORG" then
      local last = e.text:match("%s(%u%l+)$")
      if last and ORG_WORDS[last] then note_unique(by_last, last, e.canonical or e.text) end
    end
  end
  take_org_aliases(by_last,
    function(w) return texts.text:find("the " .. w, 1, true) end,
    function(u, h)
      local p = u.toks[h.tok_first - 1]
      return p ~= nil and p.lower == "the"
    end,
    "organisation's last word")

  -- An acronym the article never defines but that spells the initials of
  -- one of its organisations is that organisation: "LDP" after "Liberal
  -- Democratic Party", "NHS" after "National Health Service".
  local by_initials = {}
  for _, e in ipairs(found) do
    if e.kind == "ORG" then
      local initials = initials_of(e.text)
      if initials then note_unique(by_initials, initials, e.canonical or e.text) end
    end
  end
  -- (a plain search first: most articles never use the acronym)
  take_org_aliases(by_initials, function(acr)
    return texts.text:find(acr, 1, true) or (texts.title and texts.title:find(acr, 1, true))
           or (texts.subtitle and texts.subtitle:find(acr, 1, true))
  end, nil, "initials")

  -- T. the tagger's names that no rule took: PERSON, ORG and LOC as it
  -- says; a MISC span (a nationality, an event, a work) names nobody, and
  -- neither does one word that never names anything alone (NOT_NAME: "West",
  -- "Balkan"; a nationality).
  for field, l in pairs(tagged) do
    for _, sp in ipairs(l) do
      local kind = TAG_KIND[sp.kind]
      local one_word = not sp.text:find("%s")
      if not sp.taken and kind and free(field ~= "text" and field or nil, sp.start, sp.stop)
         and not (one_word and (NOT_NAME[sp.text] or DEMONYM[sp.text])) then
        take { kind = checked_kind(sp.text, kind), start = sp.start, stop = sp.stop,
               field = sp.field, text = sp.text, how = "tagger" }
      end
    end
  end

  -- A person a title names ("President ... Osmani") is that person
  -- wherever the tagger read the same name, or a longer one ending in it,
  -- as something else ("Vjosa Osmani" taken for an organisation)
  local titled = {}
  for _, e in ipairs(found) do
    if e.kind == "PERSON" and e.how == "title" then titled[e.text:match("(%S+)$")] = true end
  end
  if next(titled) then
    for _, e in ipairs(found) do
      if e.how == "tagger" and e.kind ~= "PERSON" and titled[e.text:match("(%S+)$")]
         and not ORG_WORDS[e.text:match("(%S+)$")] then
        e.kind = "PERSON"
      end
    end
  end
  -- No one's name starts with a country's: a tagger's person that opens
  -- with a place the gazetteer knows is that place and a person ("the
  -- president of Kosovo Vjosa Osmani")
  local n_found = #found
  for k = 1, n_found do
    local e = found[k]
    if e.how == "tagger" and e.kind == "PERSON" and e.text:find("%s") then
      local h = GAZ:match(e.text)[1]
      -- (the rest a full name: "Chad Brown" is a Chad)
      if h and h.start == 1 and h.value.kind == "LOC" and e.text:sub(h.stop + 1, h.stop + 1) == " "
         and e.text:sub(h.stop + 2):find("%S%s+%S") then
        found[#found + 1] = { kind = "LOC", start = e.start, stop = e.start + h.stop - 1,
                              field = e.field, canonical = h.value.canonical,
                              text = e.text:sub(1, h.stop), how = "tagger+gazetteer" }
        e.start = e.start + h.stop + 1
        e.text = e.text:sub(h.stop + 2)
      end
    end
  end
  if #found > n_found then
    local FIELD_RANK = { title = 2, subtitle = 1 }       -- as (field or "") compares
    sort_by_key(found, function(e) return (FIELD_RANK[e.field] or 0) * 67108864 + e.start end,
                function(a, b)
                  if (a.field or "") ~= (b.field or "") then return (a.field or "") < (b.field or "") end
                  return a.start < b.start
                end)
  end

  -- 3. aliases: canonical person names inside the article
  -- (the one-word places wait for this: a word of a person's name is no place)
  if #lone_places > 0 then
    local person_word = {}
    for _, e in ipairs(found) do
      if e.kind == "PERSON" then
        for w in (e.text:gsub("’", "'")):gmatch("[^%s']+") do person_word[w] = true end
      end
    end
    for _, r in ipairs(lone_places) do
      local t = r.u.toks[r.i]
      if not person_word[t.text] and free(r.u.field, t.start, t.stop) then
        take_tokens(r.u, r.i, r.i, "LOC", "after a place preposition")
      end
    end
  end
  local people = {}
  for _, e in ipairs(found) do
    if e.kind == "PERSON" and e.text:find("%s") then people[#people + 1] = e end
  end
  table.sort(people, function(a, b) return #a.text > #b.text end)
  -- words compared folded: "Geoana" is "Geoană"
  local fw_cache, fold_cache = {}, {}
  local function folded(text)
    local f = fold_cache[text]
    if not f then f = lede.fold(text); fold_cache[text] = f end
    return f
  end
  local function fwords(text)
    local w = fw_cache[text]
    if w then return w end
    w = {}
    for x in folded(text):gmatch("%S+") do w[#w + 1] = x end
    fw_cache[text] = w
    return w
  end
  -- The people indexed once (an article may name thousands: a scan of
  -- them all for every mention was quadratic): by folded full name, by
  -- last name ("osmani-sadriu" also as "osmani"; "al-sisi" as "sisi"), and
  -- by first and inner names; each list in the order of `people` (longest
  -- name first), which decides between candidates.
  local by_full, by_last, by_inner = {}, {}, {}
  local function index(map, key, k)
    local l = map[key]
    if not l then l = {}; map[key] = l end
    if l[#l] ~= k then l[#l + 1] = k end
  end
  for k, p in ipairs(people) do
    local pw = fwords(p.text)
    local plast = pw[#pw]
    local particle = plast:match("^(%l+)%-")
    local plast_first = (particle and JOINED_PARTICLE[particle] and plast:match("%-(.+)$"))
                        or plast:match("^([^-]+)%-") or plast
    local f = folded(p.text)
    if not by_full[f] then by_full[f] = k end
    index(by_last, plast, k)
    index(by_last, plast_first, k)
    for w = 1, #pw - 1 do
      if not PARTICLES[pw[w]] then index(by_inner, pw[w], k) end
    end
  end
  local function canonical_person(text, how)
    local words = fwords(text)
    local last = words[#words]
    -- the first person (in people's order) whose full name is this one, or
    -- whose last name this one ends with (and whose first name it starts
    -- with, for two words or more)
    local best = by_full[folded(text)]
    for _, k in ipairs(by_last[last] or {}) do
      if best and k >= best then break end
      if #words == 1 or words[1] == fwords(people[k].text)[1] then best = k break end
    end
    if best then return people[best].text end
    -- one word that is a first or inner name of exactly one longer name:
    -- "Lula" is "Luiz Inácio Lula da Silva" (not a particle), "Prince
    -- Mohammed" is "Mohammed bin Salman", and "Tedros" is "Tedros
    -- Adhanom Ghebreyesus" (who goes by his first name)
    if #words == 1 then
      local found = nil
      for _, k in ipairs(by_inner[words[1]] or {}) do
        local t = people[k].text
        if found and found ~= t then return text end
        found = t
      end
      if found then return found end
    end
    return text
  end
  -- single surnames not caught above: "Stoltenberg" alone, anywhere,
  -- found by a small gazetteer of this article's surnames
  local surnames = lede.gazetteer()
  for _, p in ipairs(people) do
    local last = p.text:match("(%S+)$")
    surnames:add(last)
    local part = last:match("^([^-]+)%-")
    if joined_particle(last) then
      surnames:add(last:match("%-(.+)$"))      -- "al-Sisi": "Sisi"
    elseif part then
      surnames:add(part)                       -- "Osmani-Sadriu": "Osmani"
    end
  end
  -- and a one-word speaker ("Biden said"): its other mentions too ("Biden
  -- and Xi met")
  for _, e in ipairs(found) do
    if e.kind == "PERSON" and e.how == "speech verb" and not e.text:find("%s") then
      surnames:add(e.text)
    end
  end
  if #surnames > 0 then
    for _, u in ipairs(units) do
      for _, h in ipairs(surnames:match(u.target)) do
        if starts_upper(h.text) and free(u.field, h.start, h.stop)
           and not (NOT_NAME[h.text] and as_date(u.toks, h.tok_first)) then
          take { kind = "PERSON", start = h.start, stop = h.stop, field = u.field,
                 text = h.text, how = "alias" }
        end
      end
    end
  end

  -- in text order, field by field (the tagger's names came last), so that
  -- the annotation list appends instead of inserting
  -- (one number per name: field, start, longest first; offsets below 2^26)
  local sorted = true
  for k, e in ipairs(found) do
    local rank = e.field == "title" and 1 or e.field == "subtitle" and 2 or 3
    e.order_key = (rank * 67108864 + e.start) * 67108864 + (67108863 - e.stop)
    if k > 1 and found[k - 1].order_key > e.order_key then sorted = false end
  end
  if not sorted then
    sort_by_key(found, function(e) return e.order_key end,
                function(a, b) return a.order_key < b.order_key end)
  end
  for _, e in ipairs(found) do
    local canonical = e.canonical
    if e.kind == "PERSON" then canonical = canonical_person(e.text, e.how) end
    ctx:annotate(e.kind, e.start, e.stop, { canonical = canonical or e.text, how = e.how,
                                            field = e.field })
  end
end

return {
  name = "entities",
  kinds = { "PERSON", "ORG", "LOC" },
  description = "people, organisations and places: gazetteers, title and verb cues, aliases",
  run = run,
}

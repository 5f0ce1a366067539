-- The Lua API's conventions (docs/lua-api.md): lists and each_* iterators,
-- corpus:article(id), corpus:quotes(), utterances, unknown kinds, no
-- internal fields; and lib.text's article labels. Run on the sample corpus.
local T = require "testlib"
local textlib = require "lib.text"

local function parse(text) return lede.parse(text, { quiet = true }) end

T.test("corpus:articles() is a list, each_article() the iterator; old for-loops still run", function()
  local list = corpus:articles()
  T.eq(type(list), "table")
  T.eq(#list, #corpus)
  local n = 0
  for i, a in ipairs(list) do n = n + 1; T.eq(a, corpus[i]) end
  T.eq(n, 5)
  n = 0
  for a in corpus:articles() do n = n + 1; T.eq(a, corpus[n]) end
  T.eq(n, 5, "generic for over the list")
  for _ = 1, 2 do                 -- the same list iterated twice starts over
    local k = 0
    for _ in list do k = k + 1 end
    T.eq(k, 5)
  end
  n = 0
  for a in corpus:each_article() do n = n + 1; T.eq(a.index, n) end
  T.eq(n, 5)
end)

T.test("corpus:article(id)", function()
  local a = corpus:article("001_5e1d57c8eee590f4")
  T.eq(a, corpus[2])
  T.eq(corpus:article("nope"), nil)
  for _, p in ipairs(corpus:people()) do
    for _, id in ipairs(p.articles) do T.ok(corpus:article(id), "people().articles are ids") end
  end
end)

T.test("an unknown or misspelt kind is an error naming the kinds", function()
  local err = T.raises(function() local x = corpus:annotations("FIGURES"); return x end,
                       "unknown annotation kind 'FIGURES' %(the kinds are DATE, [%u, ]*FIGURE, [%u, ]*PERSON, QUOTE[%u, ]*%)")
  T.match(tostring(err), "^[^:]*test_api%.lua:%d+:", "the error names the caller's line")
  T.raises(function() return corpus[1]:annotations({ "DATE", "dates" }) end, "'dates'")
  T.raises(function() return corpus[1]:entities("PEOPLE") end, "'PEOPLE'")
  T.eq(#corpus[1]:annotations("TIME") >= 0, true, "a declared kind with no hits is fine")
  local a = parse("A ceasefire was agreed.")[1]
  a:annotate("EVENT", 3, 11)
  T.eq(#a:annotations("EVENT"), 1, "a kind made by hand is known")
end)

T.test("corpus:quotes() is every QUOTE; corpus:utterances() one per thing said", function()
  T.eq(#corpus:quotes(), #corpus:annotations("QUOTE"))
  local us = corpus:utterances()
  T.ok(#us < #corpus:quotes(), "fragments fold")
  local by = {}
  for _, u in ipairs(us) do by[u.speaker] = (by[u.speaker] or 0) + 1 end
  -- as a reader counts them in the sample's five articles
  T.eq(by["Jens Stoltenberg"], 19)
  T.eq(by["NATO official"], 6)
  T.eq(by["Vjosa Osmani-Sadriu"], 3)
  T.eq(by["Mircea Geoană"], 3)
  T.eq(by["Albin Kurti"], 2)
  T.eq(by["Aleksandar Vucic"], 2)
end)

T.test("a reported sentence and the fragments inside it are one utterance", function()
  local a = parse("Stoltenberg said the attack is “totally unacceptable,” and asserted that it is “important that those who are responsible are held accountable.”\n\nHe stressed that the mission works under a “clear” mandate “to ensure a safe environment.”\n\n“We will stay,” he said.")[1]
  local us = a:utterances()
  T.eq(#us, 3)
  T.eq(us[1].speaker, "Stoltenberg")
  T.ok(#us[1].parts >= 1)
  T.match(us[1].text, "^Stoltenberg said the attack")
  T.match(us[2].text, "^He stressed that the mission works under a “clear” mandate", "fragments: the sentence")
  T.eq(us[3].text, "We will stay")
  -- every QUOTE belongs to exactly one utterance
  local n = 0
  for _, u in ipairs(us) do n = n + #u.parts end
  T.eq(n, #a:quotes())
end)

T.test("a fragment marked part of a reported QUOTE joins its utterance", function()
  local a = parse("Alpha beta gamma delta.\n\nEpsilon zeta eta theta.")[1]
  T.eq(#a:quotes(), 0)
  local host = a:annotate("QUOTE", 1, 23, { speaker = "Ann Lee", direct = false })
  a:annotate("QUOTE", 26, 37, { speaker = "Ann Lee", direct = true, part = true,
                                utterance_start = host.start, utterance_stop = host.stop })
  a:annotate("QUOTE", 26, 32, { speaker = "Bo Chen", direct = true })
  local us = a:utterances()
  T.eq(#us, 2, "Ann Lee's two QUOTEs are one; Bo Chen's is another")
  T.eq(us[1].speaker, "Ann Lee"); T.eq(#us[1].parts, 2); T.eq(us[1].quote, host)
  T.eq(us[2].speaker, "Bo Chen")
end)

T.test("a headline quote told again in the body is the body's utterance", function()
  local q = corpus[2]:quotes()
  local us = corpus[2]:utterances()
  local headline = 0
  for _, x in ipairs(q) do if rawget(x, "field") then headline = headline + 1 end end
  T.eq(headline, 1)
  for _, u in ipairs(us) do T.eq(u.field, nil, "no headline-only utterance") end
end)

T.test("corpus:speakers(): utterance counts, no internal fields", function()
  local rows, of = corpus:speakers()
  T.eq(#rows, 6)
  local keys = {}
  for k in pairs(rows[1]) do keys[#keys + 1] = k end
  table.sort(keys)
  T.eq(table.concat(keys, ","), "articles,direct,quotes,reported,speaker")
  local total = 0
  for _, r in ipairs(rows) do
    total = total + r.quotes
    T.eq(r.quotes, r.direct + r.reported)
  end
  T.eq(total, #corpus:utterances())
  for _, x in ipairs(corpus:quotes()) do T.ok(of[x], "every QUOTE maps to its row") end
end)

T.test("lib.text: short titles cut at a word, labels, made-up titles marked", function()
  T.eq(textlib.short("NATO chief calls for accountability over attack on NATO’s mission", 40),
       "NATO chief calls for accountability over…")
  T.eq(textlib.short("Short title", 40), "Short title")
  T.eq(textlib.short("Überlänge", 5), "Überl…", "characters, not bytes; one long word is cut")
  T.eq(textlib.article_label(corpus[2]), "Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…")
  T.eq(textlib.article_label(corpus[1]), "[NATO continues to urge Serbian…]")
  local t, lead = textlib.article_title(corpus[1])
  T.eq(lead, true); T.match(t, "^NATO continues to urge")
  local c = lede.parse('{"id":"a","title":"Same","source":"AP","date":"2024-01-02","text":"One."}\n'
                  .. '{"id":"b","title":"Same","source":"AP","date":"2024-01-02","text":"Two."}\n', { format = "jsonl", quiet = true })
  T.eq(textlib.article_label(c[1]), "AP, 2024-01-02: Same")
  T.eq(textlib.article_label(c[2]), "AP, 2024-01-02: Same (2)", "labels are unique in a corpus")
end)

T.test("lib.text: labels_of names the first articles and how many more", function()
  local ids = {}
  for i = 1, #corpus do ids[i] = corpus[i].id end
  T.eq(textlib.labels_of(corpus, ids, 2),
       "[NATO continues to urge Serbian…]; Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… (+3 more)")
  T.eq(textlib.labels_of(corpus, { corpus[5] }), "2023-06-13: NATO and EU together for stability in…")
  T.eq(textlib.labels_of(corpus, { "no-such-id" }), "no-such-id")
end)

T.test("lib.text: date and name filters", function()
  T.eq(textlib.date_within("2023-09-07", "2023-06-01", nil), true)
  T.eq(textlib.date_within("2023-05-31", "2023-06", nil), false)
  T.eq(textlib.date_within("2023-06-30", nil, "2023-06"), true, "a month bound takes the whole month")
  T.eq(textlib.date_within(nil, "2023", nil), false, "undated is out when a bound is given")
  T.eq(textlib.date_within(nil, nil, nil), true)
  T.eq(textlib.name_matches("Jens Stoltenberg", "stoltenberg"), true)
  T.eq(textlib.name_matches("Mircea Geoană", "Geoana"), true)
  T.eq(textlib.name_matches("Jens Stoltenberg", "Stolten"), false, "whole words")
end)

T.done()

-- scripts/rules/40_quotes.lua on real-news patterns (issue 15): plain
-- subjects, "according to", fragments inside reported speech, pronouns by
-- gender, surnames, and input that used to make the rule quadratic.
local T = require "testlib"

local quotes, find = T.quotes, T.quote_starting
local function none(list, prefix)
  for _, q in ipairs(list) do
    if q.text:sub(1, #prefix) == prefix then error("unexpected quote " .. q.text, 2) end
  end
end

T.test("reported speech after a subject that names no one (item 2, 12)", function()
  local q = quotes("Organizers say they want to avoid violence at the rally.\n\nThose surveyed say stricter gun laws would help.\n\n26% say they are conservative.")
  local a = find(q, "Organizers say")
  T.eq(a.direct, false); T.eq(a.speaker, "organizer")
  T.eq(find(q, "Those surveyed say").speaker, "Those surveyed")
  T.eq(find(q, "26% say").direct, false)
end)

T.test("a long appositive, a second verb of a body, two reports in a sentence (items 7, 11)", function()
  local q = quotes("President Obama, dedicating the National Museum of African American History and Culture on Saturday, said it would tell an American story.")
  T.eq(#q, 1); T.eq(q[1].speaker, "Obama")
  q = quotes("Authorities announced on Friday the arrest of a man and said a curfew would continue through the weekend.")
  T.eq(#q, 1); T.eq(q[1].speaker:lower(), "authorities")
  q = quotes("His aides say it's too early to discuss a run.")
  T.eq(#q, 1)
  q = quotes("The agency said it was taking additional steps and the S.E.C. said it would increase oversight as well.")
  T.eq(#q, 2)
  T.eq(q[1].text, "The agency said it was taking additional steps and")
  T.eq(find(q, "the S.E.C. said").direct, false)
  -- a report inside another's content is nested, not a second one
  q = quotes("Lynch said she recalled thinking that the museum was a turning point.")
  T.eq(#q, 1); T.eq(q[1].speaker, "Lynch")
end)

T.test("a parenthetical after the subject; a relative pronoun's antecedent", function()
  local q = quotes("Rep. Stephen Lynch (D-Mass.) said the law does not require witnesses to show up.")
  T.eq(#q, 1); T.eq(q[1].speaker, "Stephen Lynch")
  local a = lede.parse("The architect Tom Lee, who said he was never paid, sued the firm.", { quiet = true })[1]
  local r = a:quotes()[1]
  T.eq(r.direct, false); T.eq(r.speaker, "Tom Lee")
  T.eq(a.text:sub(r.speaker_start, r.speaker_stop):match("Tom Lee") ~= nil, true)
end)

T.test("end attribution by a body (item 7)", function()
  local q = quotes("Power will be restored to most homes by Friday, the utility said.")
  T.eq(#q, 1); T.eq(q[1].direct, false)
  T.eq(q[1].text, "Power will be restored to most homes by Friday, the utility said.")
end)

T.test("nouns that look like verbs and passives after a plain subject are no reports", function()
  none(quotes("Trump pushed for higher targets, sparking debate among member states.\n\nBoth sides have been previously warned by diplomats that refusal would cost them."), "")
end)

T.test("cues outside the old verb list (item 5)", function()
  local q = quotes("The Washington Post reported that the deal had collapsed.\n\nComey testified the emails were never classified.\n\n“I was not there,” the senator joked.\n\nKosovo declared its independence from Serbia in 2008, with most UN member states recognizing it.")
  T.eq(find(q, "The Washington Post reported").direct, false)
  T.eq(find(q, "Comey testified").speaker, "Comey")
  T.eq(find(q, "I was not there").cue, "joked")
  -- a noun object is no report
  none(q, "Kosovo declared")
end)

T.test("'according to' (item 4)", function()
  local q = quotes("According to the union's release, the strike will start on Monday.\n\nThe plant will close in May, according to two people familiar with the plan.")
  local a = find(q, "the strike will start")
  T.eq(a.direct, false); T.eq(a.cue, "according to")
  local b = find(q, "The plant will close")
  T.eq(b.text, "The plant will close in May"); T.eq(b.cue, "according to")
  T.eq(b.speaker, "two people familiar with the plan")
end)

T.test("a fragment inside reported speech is part of its utterance (item 1)", function()
  local text = "Smith said the police were \"very committed\" to the case and would \"leave no stone unturned.\""
  local a = lede.parse(text, { quiet = true })[1]
  local q = a:quotes()
  local host = find(q, "Smith said")
  T.eq(host.direct, false)
  T.eq(text:sub(host.quoted_start, host.quoted_stop), "very committed\" to the case and would \"leave no stone unturned.")
  local frag = find(q, "very committed")
  T.eq(frag.part, true); T.eq(frag.utterance_start, host.start)
  -- a quote after the speech verb is no fragment
  local q2 = quotes("The mayor said, \"We are ready for the storm.\"")
  T.eq(q2[1].part, nil)
end)

T.test("'he'/'she' by gender: titles and first names (item 9)", function()
  local q = quotes("John Smith met Mary Jones on Monday. “We agreed on the plan,” she said. “It was hard,” he said.")
  T.eq(find(q, "We agreed").speaker, "Mary Jones")
  T.eq(find(q, "It was hard").speaker, "John Smith")
  -- a title says it when the first name does not
  local q2 = quotes("Mrs. Okonkwo and Pat Reilly arrived late. “Nobody told us,” she said.")
  T.eq(find(q2, "Nobody told us").speaker, "Okonkwo")
end)

T.test("a signature after a dash; a quote continuing in the paragraph shares its attribution", function()
  local a = lede.parse("Voices\n\n“I just hope that this campaign gives us a voice.” ― Jorge Falcon, 30, Texas", { quiet = true })[1]
  local q
  for _, x in ipairs(a:quotes()) do if not x.field then q = x end end
  T.eq(q.speaker, "Jorge Falcon")
  T.eq(a.text:sub(q.speaker_start, q.speaker_stop), "Jorge Falcon")
  local b = lede.parse("Mary Jones met the crowd. “Here he is,” she said. “Donald’s here, babe.”", { quiet = true })[1]
  local qs = b:quotes()
  T.eq(#qs, 2)
  T.eq(b.text:sub(qs[2].speaker_start, qs[2].speaker_stop), "she")
  T.eq(qs[2].speaker, "Mary Jones")
end)

T.test("a lone surname is the person of that name named nearest before (item 10)", function()
  local q = quotes("Bill Clinton spoke first. “It was a good day,” Clinton said. Later Hillary Clinton took the stage. “We will win,” Clinton said.")
  T.eq(find(q, "It was a good day").speaker, "Bill Clinton")
  T.eq(find(q, "We will win").speaker, "Hillary Clinton")
end)

T.test("mixed and doubled quotation marks (item 8)", function()
  local q = quotes("Mr. Trump said his jet was a ''truly great aircraft'' with gold seats.\n\n“It was unfair,\" he said of the ruling. “We will win,” he said.\n\nShe called it ‘‘a farce’’ and left.")
  T.eq(find(q, "truly great aircraft").direct, true)
  T.eq(find(q, "It was unfair").text, "It was unfair")
  T.eq(find(q, "We will win").text, "We will win")
  T.eq(find(q, "a farce").text, "a farce")
end)

T.test("attribution after the quote: a title's abbreviation, a doubled closing mark (item 11)", function()
  local text = "The museum opened.\n\n\"There are certain things we can do by ourselves,\" Mr. Obama said.\n\n''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist."
  local a = lede.parse(text, { quiet = true })[1]
  local q = a:quotes()
  local one = find(q, "There are certain")
  T.eq(one.cue, "said"); T.eq(a.text:sub(one.speaker_start, one.speaker_stop):match("Obama") ~= nil, true)
  local two = find(q, "This isn't tax reform")
  T.eq(two.cue, "said"); T.eq(two.speaker:match("Holtz") ~= nil, true)
end)

T.test("speakers that are no entity (item 12)", function()
  -- "States" of "United States" is no speech verb
  local q = quotes("Officials met in Geneva. \"We are ready to talk,\" the United States delegate said. Diplomats say the United States Notes were late.")
  T.eq(find(q, "We are ready").cue, "said")
  T.eq(find(q, "Diplomats say").speaker, "diplomat")
  for _, x in ipairs(q) do T.eq(x.speaker ~= "United" and x.speaker ~= "the United", true) end
  -- a sentence's first word is no name: "Well, ..."
  local q2 = quotes("Well, the plan is \"a step forward for everyone in the room,\" according to nobody.")
  for _, x in ipairs(q2) do T.eq(x.speaker ~= "Well", true) end
end)

T.test("many quotation marks, links and capitals in one sentence stay linear", function()
  -- the rule re-scanned the sentence per mark (91 s for 2,000 quoted items)
  local parts = { "The spokesman said" }
  for i = 1, 2500 do
    parts[#parts + 1] = (i % 3 == 0) and ("\"item " .. i .. "\"") or (i % 3 == 1) and ("“word " .. i .. "”") or ("\"open " .. i .. " ” and")
  end
  local q = quotes(table.concat(parts, " ") .. " and more.")
  T.eq(#q > 1000, true)
  local caps = {}
  for i = 1, 5000 do caps[i] = ({ "Smith", "Jones", "Brown", "Lee" })[i % 4 + 1] end
  quotes(table.concat(caps, " ") .. " said it was fine.")
end)

T.done()

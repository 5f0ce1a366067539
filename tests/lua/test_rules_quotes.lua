-- scripts/rules/40_quotes.lua: QUOTE annotations.
local T = require "testlib"

local quotes, find = T.quotes, T.quote_starting

T.test("direct quotes: marks, attribution after the quote", function()
  local q = quotes("“We stand together,” Scholz told reporters in Berlin.\n\n\"Europe must be strong,\" said Emmanuel Macron.\n\n‘It was a mistake,’ he said.")
  T.eq(#q, 3)
  T.eq(q[1].text, "We stand together"); T.eq(q[1].direct, true)
  T.eq(q[1].speaker, "Scholz"); T.eq(q[1].cue, "told")
  T.eq(q[2].text, "Europe must be strong"); T.eq(q[2].speaker, "Emmanuel Macron"); T.eq(q[2].cue, "said")
  T.eq(q[3].text, "It was a mistake"); T.eq(q[3].speaker, "Emmanuel Macron", "he = the last speaker")
  local a = lede.parse("\"Europe must be strong,\" said Emmanuel Macron.", { quiet = true })[1]
  local x = a:quotes()[1]
  T.eq(a.text:sub(x.speaker_start, x.speaker_stop):match("Macron") ~= nil, true)
end)

T.test("speech verb before the quote, short phrases, no-cue continuation", function()
  local q = quotes("Mr. Jens Stoltenberg stressed that the mission works under a “clear” mandate. He called on all parties to “act with restraint” and use “patience”.\n\n“Violence is never the answer.”")
  local clear = find(q, "clear")
  T.eq(clear.direct, true); T.eq(clear.speaker, "Jens Stoltenberg"); T.eq(clear.cue, "stressed")
  T.eq(find(q, "act with restraint").speaker, "Jens Stoltenberg")
  T.eq(find(q, "patience").speaker, "Jens Stoltenberg")
  local cont = find(q, "Violence is never")
  T.eq(cont.speaker, "Jens Stoltenberg"); T.eq(cont.cue, nil)
end)

T.test("a quote over several sentences and paragraphs is one annotation", function()
  local text = "“Peace is fragile. It must be defended,” the minister said.\n\n“We will not give up.\n\n“Never,” Kurti added."
  local q = quotes(text)
  T.eq(q[1].text, "Peace is fragile. It must be defended")
  T.eq(q[2].text, "We will not give up.")
  T.eq(q[3].text, "Never"); T.eq(q[3].speaker, "Kurti")
end)

T.test("reported speech spans the clause from its subject", function()
  local q = quotes("On the eve of the visit, the Prime Minister of Kosovo, Albin Kurti, said that Russia aims to ignite a crisis. Serbia’s President Aleksandar Vucic said at a press conference that tensions rose.")
  T.eq(#q, 2)
  T.eq(q[1].direct, false)
  T.eq(q[1].text, "the Prime Minister of Kosovo, Albin Kurti, said that Russia aims to ignite a crisis.")
  T.eq(q[1].speaker, "Albin Kurti"); T.eq(q[1].cue, "said")
  T.eq(q[2].text:sub(1, 37), "Serbia’s President Aleksandar Vucic")
  T.eq(q[2].speaker, "Aleksandar Vucic")
end)

T.test("unnamed officials and attribution at the end", function()
  local q = quotes("NATO urges Serbia to prosecute those responsible, a NATO official stated on Monday.\n\n“We continue to call on Serbia,” the official told reporters. The official warned against any “security vacuum”.")
  T.eq(#q, 3)
  T.eq(q[1].direct, false); T.eq(q[1].text:sub(1, 10), "NATO urges")
  T.eq(q[1].speaker, "NATO official")
  T.eq(q[2].speaker, "NATO official")
  T.eq(q[3].text, "security vacuum"); T.eq(q[3].speaker, "NATO official")
end)

T.test("a speaker with an appositive after the quote; officials in a place", function()
  local q = quotes("\"Measles is back,\" Hans Kluge, WHO regional director for Europe, said in a statement. " ..
                   "\"Vaccinate now.\"\n\n" ..
                   "UNICEF regional director Regina De Dominicis told Reuters that millions were unprotected.\n\n" ..
                   "Health officials in Bucharest said they would expand the campaign.")
  T.eq(find(q, "Measles is back").speaker, "Hans Kluge"); T.eq(find(q, "Measles is back").cue, "said")
  T.eq(find(q, "Vaccinate now").speaker, "Hans Kluge", "continues the last speaker")
  T.eq(find(q, "UNICEF regional director").speaker, "Regina De Dominicis")
  T.eq(find(q, "Health officials in Bucharest").speaker, "Health official")
end)

T.test("headline people are not body speakers; a pronoun's subject is the sentence's first", function()
  local a = lede.parse("Why the coalition collapsed\n\nAnalysis by Katrin Bauer in Berlin\n\n" ..
                       "Chancellor Olaf Scholz fired his finance minister, Christian Lindner, on Wednesday.\n\n" ..
                       "\"Too often, he has broken my trust,\" the chancellor said.\n\n" ..
                       "Lindner, whose pro-business Free Democrats are polling at 4%, said Scholz had made demands. " ..
                       "\"I was not prepared to do that,\" he told reporters.", { quiet = true })[1]
  local q = a:quotes()
  T.eq(find(q, "Too often").speaker, "Olaf Scholz")
  T.eq(find(q, "I was not prepared").speaker, "Christian Lindner")
end)

T.test("straight single quotes, British style", function()
  local q = quotes("Housing minister Sarah Jennings resigned on Monday.\n\n" ..
                   "In a letter, she wrote: 'I have concluded that I can no longer serve.'\n\n" ..
                   "The party's chair said the ministers' votes in the '90s can't be compared.")
  T.eq(#q, 2)
  local a = find(q, "I have concluded")
  T.eq(a.text, "I have concluded that I can no longer serve."); T.eq(a.direct, true)
  T.eq(a.speaker, "Sarah Jennings"); T.eq(a.cue, "wrote")
  T.eq(find(q, "The party's chair said").direct, false, "apostrophes open no quote; the subject runs back to its article")
end)

T.test("reported speech from a name with a particle", function()
  local q = quotes("Saudi Energy Minister Prince Abdulaziz bin Salman said the group would remain cautious.")
  T.eq(#q, 1)
  T.eq(q[1].speaker, "Abdulaziz bin Salman")
  T.eq(q[1].text:sub(1, 55), "Saudi Energy Minister Prince Abdulaziz bin Salman said ",
       "the span starts with the whole subject")
end)

T.test("an organisation as speaker", function()
  local q = quotes("President Salome Zourabichvili said: \"This is a coup.\"\n\n" ..
                   "The US State Department said it was \"deeply concerned\" about the arrests.")
  T.eq(find(q, "This is a coup").speaker, "Salome Zourabichvili")
  T.eq(find(q, "deeply concerned").speaker, "State Department", "the organisation, not the last person")
  -- a role noun still names a person: "the NATO head" is the person with that title
  local r = quotes("NATO Secretary General Jens Stoltenberg visited Pristina. " ..
                   "\"We are ready,\" the NATO chief said.")
  T.eq(find(r, "We are ready").speaker, "Jens Stoltenberg")
end)

T.test("not quotes: passives, naming", function()
  -- (a parenthetical "This message, he said, will be broadcast." is reported
  -- speech: see "a parenthetical attribution reports its sentence")
  local q = quotes("Both sides have been warned by diplomats that refusal is costly. The group, known as “the Wolves”, fled.")
  T.eq(#q, 0)
end)

T.test("sample corpus", function()
  local by = {}
  for a in corpus:articles() do by[a.id:sub(1, 3)] = a end
  local q = by["004"]:quotes()
  T.eq(#q, 3)
  for _, x in ipairs(q) do T.eq(x.direct, true) end
  T.eq(q[1].text:sub(1, 33), "The excellent, long-standing coop")
  T.eq(q[2].cue, "added")
  T.eq(q[3].cue, "recalled")
  local q0 = by["000"]:quotes()
  T.eq(#q0, 7)
  for _, x in ipairs(q0) do T.eq(x.speaker, "NATO official") end
  local q2 = by["002"]:quotes()
  local vucic = find(q2, "are under threat in Kosovo")
  T.eq(vucic.cue, "insisted")
  T.match(vucic.speaker, "Vucic$")
end)

T.test("quotes in the headline", function()
  local q
  for _, x in ipairs(corpus[2]:quotes()) do if x.field == "subtitle" then q = x end end
  T.ok(q, "the subtitle's quoted phrase")
  T.eq(q.text, "patience, perseverance, compromise")
  T.eq(q.speaker, "Jens Stoltenberg"); T.eq(q.direct, true); T.eq(q.sentence, nil)
  -- no person in the headline: no speaker is guessed, nothing is made
  local a = lede.parse("Talks stall over ‘red lines’\n\nOfficials met on Monday in Brussels to talk.", { quiet = true })[1]
  for _, x in ipairs(a:quotes()) do T.ok(x.field == nil, "no headline quote without a person") end
end)

T.test("speakers with initials", function()
  local q = quotes("“America has lost a voice,” former President George W. Bush said in a statement.\n\n" ..
                   "“India is on the moon,” ISRO chairman S. Somanath told scientists.\n\n" ..
                   "\"We are glad,\" said John F. Kennedy on Monday.")
  T.eq(find(q, "America").speaker, "George W. Bush")
  T.eq(find(q, "India").speaker, "S. Somanath", "not the previous speaker")
  T.eq(find(q, "We are glad").speaker, "John F. Kennedy")
end)

T.test("reported speech in the dateline's sentence starts after the dateline", function()
  local a = lede.parse("Floods\n\nTRIPOLI, Sept 14 (Reuters) - The death toll from the floods rose to 11,300 on Thursday, the Libyan Red Crescent said.", { quiet = true })[1]
  local q = a:quotes()[1]
  T.ok(q, "an indirect quote")
  T.eq(q.text:sub(1, 14), "The death toll")
  T.eq(q.speaker, "Libyan Red Crescent")
end)

T.test("a body by its common noun is the organisation named before", function()
  local q = quotes("The United States Maritime Alliance represents employers. The alliance said it was \"pleased to have reached a fair deal\".\n\n" ..
                   "The Health Ministry in Gaza counted the dead. The ministry said the toll would rise.")
  T.eq(find(q, "pleased").speaker, "United States Maritime Alliance")
  local r = find(q, "The ministry said")
  T.eq(r.direct, false); T.eq(r.speaker, "Health Ministry")
  -- no organisation to point to: the body's own words name the speaker
  local gov = quotes("The government said the plan would work.")
  T.eq(#gov, 1); T.eq(gov[1].speaker, "government"); T.eq(gov[1].direct, false)
  local ec = quotes("ACCRA, Dec 9 (AP) — John Mahama has won the election, the electoral commission said Monday.")
  T.eq(#ec, 1); T.eq(ec[1].speaker, "electoral commission")
  T.eq(ec[1].text:sub(1, 11), "John Mahama", "after the dateline (its em dash is no quotation mark)")
end)

T.test("guillemets and German quotation marks", function()
  local q = quotes("«Spain does not need a saviour,» Sánchez told the chamber.\n\n" ..
                   "„Diese Entscheidung ist ein klares Signal“, Interior Minister Nancy Faeser told Bild.")
  T.eq(find(q, "Spain does not").speaker, "Sánchez")
  T.eq(find(q, "Diese Entscheidung").speaker, "Nancy Faeser")
  T.eq(find(q, "Diese Entscheidung").text, "Diese Entscheidung ist ein klares Signal")
end)

T.test("'the company said' is the company the headline names, never the last speaker", function()
  local a = lede.parse("Boeing to pay $200 million to settle charges\n\n" ..
    "\"Boeing put profits over people,\" SEC Chair Gary Gensler said.\n\n" ..
    "The company said in a statement that it had \"made fundamental changes\" to safety.", { quiet = true })[1]
  local q = a:quotes()
  T.eq(find(q, "Boeing put").speaker, "Gary Gensler")
  T.eq(find(q, "made fundamental").speaker, "Boeing")
  -- no organisation in the headline: no speaker rather than a wrong one
  local b = lede.parse("Settlement reached\n\n" ..
    "\"It was wrong,\" SEC Chair Gary Gensler said.\n\n" ..
    "The company said in a statement that it had \"made fundamental changes\" to safety.", { quiet = true })[1]
  T.eq(find(b:quotes(), "made fundamental").speaker, nil)
end)

T.test("a relative clause between the subject and the verb", function()
  local q = quotes("\"We are not at war,\" Rutte told reporters.\n\n" ..
                   "A senior U.S. official, who spoke on condition of anonymity, said the talks were \"candid\".")
  T.eq(find(q, "candid").speaker, "U.S. official", "not the previous speaker")
end)

T.test("reported speech: a time adverbial, a number, an acronym in brackets, a role's noun", function()
  local q = quotes("TOKYO, Aug 14 (Reuters) - Prime Minister Fumio Kishida said on Wednesday he would not run again.\n\n" ..
                   "The British Medical Association (BMA) said about 47,000 of its members had voted for action. " ..
                   "NHS England estimated that more than 100,000 appointments would be cancelled.\n\n" ..
                   "Mahama won 56.5% of the vote, commission chair Jean Mensa said.")
  T.eq(find(q, "Prime Minister Fumio Kishida said").speaker, "Fumio Kishida")
  T.eq(find(q, "The British Medical Association").speaker, "British Medical Association")
  T.ok(find(q, "NHS England estimated"), "estimated reports")
  T.eq(find(q, "Mahama won").speaker, "Jean Mensa")
end)

T.test("an organisation's head noun makes it the speaker", function()
  local q = quotes("Israel and Hamas agreed Monday to extend the truce for two days, Qatar’s Foreign Ministry said, raising hopes.")
  T.eq(#q, 1); T.eq(q[1].speaker, "Foreign Ministry")
end)

T.test("the verb first at the end; bodies by their nouns; 'for' inside a name", function()
  local q = quotes("Firefighters battled the blaze for five hours, said Talha Bin Zasim, a spokesman for the Fire Service.\n\n" ..
                   "A fire killed 11 workers on Saturday, fire officials said. Police said the cause was not yet known.\n\n" ..
                   "Inflation fell to 4.6% in October, the Office for National Statistics said last week.")
  T.eq(find(q, "Firefighters battled").speaker, "Talha Bin Zasim")
  T.eq(find(q, "A fire killed").speaker, "fire official")
  T.eq(find(q, "Police said").speaker, "police")
  T.eq(find(q, "Inflation fell").speaker, "Office for National Statistics")
end)

T.test("a described subject, 'authorities said', a ruling, an object is no report", function()
  local q = quotes("Taiwan Semiconductor Manufacturing Co (TSMC), the world's largest contract chipmaker, said it had evacuated some factories.\n\n" ..
                   "The quake killed nine people on Wednesday, authorities said.\n\n" ..
                   "The Supreme Court ruled Monday that former presidents have broad immunity. Chief Justice John Roberts wrote the opinion.")
  T.eq(find(q, "Taiwan Semiconductor").speaker, "Taiwan Semiconductor Manufacturing Co")
  T.eq(find(q, "The quake killed").speaker, "authorities")
  T.eq(find(q, "The Supreme Court ruled").speaker, "Supreme Court")
  for _, x in ipairs(q) do T.ok(not x.text:find("wrote the opinion", 1, true), "an object is no report") end
end)

T.test("a role's subject runs back over its modifiers to the article or possessive", function()
  local q = quotes("The EU's foreign policy chief, Josep Borrell, said the law was bad for Georgia.\n\n" ..
                   "On Thursday evening after Prime Minister Irakli Kobakhidze said Georgia would pass it, crowds grew.")
  T.eq(find(q, "The EU's foreign policy chief").speaker, "Josep Borrell")
  T.eq(find(q, "Prime Minister Irakli Kobakhidze said").speaker, "Irakli Kobakhidze", "no further than the title")
end)

T.test("a body with an adjective after a comma", function()
  local q = quotes("The death toll rose to 205 on Thursday, regional authorities said, as soldiers searched.")
  T.eq(#q, 1); T.eq(q[1].speaker, "regional authorities")
end)

T.test("a nation's body, officials at a sentence's start, a described company", function()
  local q = quotes("The Dutch government said on Friday it would require licences for exports.\n\n" ..
                   "Officials said only 3% of the burn area had been searched.\n\n" ..
                   "Bavarian Nordic makes a vaccine. The Danish company said it could supply 10 million doses.")
  T.eq(find(q, "The Dutch government").speaker, "Dutch government")
  T.eq(find(q, "Officials said").speaker, "official")
  T.eq(find(q, "The Danish company").speaker, nil, "no word of the description as a speaker")
end)

T.test("a second verb of the sentence's subject reports too", function()
  local q = quotes("Health Secretary Steve Barclay called the strike disappointing and said the offer was fair.")
  T.eq(#q, 1); T.eq(q[1].speaker, "Steve Barclay")
  T.eq(q[1].text:sub(1, 16), "Health Secretary", "the report starts with its sentence")
end)

T.test("reported speech without 'that': a finite clause after the verb", function()
  local q = quotes("Lohmar said officers later found the car. Critics say resources could be better spent. The mayor said goodbye to the crowd. Ruiz said in Madrid.")
  T.eq(#q, 2)
  T.eq(find(q, "Lohmar said").direct, false); T.eq(find(q, "Lohmar said").speaker, "Lohmar")
  T.eq(find(q, "Critics say").direct, false)
end)

T.test("'told X' without 'that'", function()
  local q = quotes("Jayme Ortiz told police she could hear the sirens. Anna Berg told CNN the plan would fail. Kurt Weil told reporters on Monday.")
  T.eq(#q, 2)
  T.eq(find(q, "Jayme Ortiz told").speaker, "Jayme Ortiz")
  T.eq(find(q, "Anna Berg told").cue, "told")
end)

T.test("a parenthetical attribution reports its sentence", function()
  local q = quotes("The museum, Mr. Bush said, celebrated several of his heroes.")
  T.eq(#q, 1); T.eq(q[1].direct, false)
  T.eq(q[1].text, "The museum, Mr. Bush said, celebrated several of his heroes.")
  T.eq(q[1].speaker, "Bush")
  local p = quotes("Anna Berg spoke. This message, she said, will be broadcast.")
  T.eq(#p, 1); T.eq(p[1].text, "This message, she said, will be broadcast.")
  T.eq(p[1].speaker, "Anna Berg")
end)

T.test("scare quotes, terms and titles are no quotes; attributed fragments are", function()
  local q = quotes("“We will win,” Anna Berg said. The plan looks “naive” to many. She watched “Face the Nation” at home.\n\nHe warned of a “security vacuum”.")
  T.eq(#q, 2)
  T.eq(q[1].text, "We will win")
  T.eq(find(q, "security vacuum").speaker, "Anna Berg")
end)

T.done()

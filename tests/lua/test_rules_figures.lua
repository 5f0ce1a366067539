-- scripts/rules/30_figures.lua: FIGURE annotations.
local T = require "testlib"

local function figures(text)
  local out, list = {}, lede.parse(text, { quiet = true })[1]:figures()
  for _, f in ipairs(list) do out[f.text] = out[f.text] or f end
  return out, list
end

-- the figures' texts in order, joined with "|"
local function figure_texts(text)
  local _, list = figures(text)
  local out = {}
  for _, f in ipairs(list) do out[#out + 1] = f.text end
  return table.concat(out, "|")
end

T.test("counts with units", function()
  local f, list = figures("NATO deployed 700 more troops after 93 of its soldiers were injured; about 30 masked men opened fire and three Serb gunmen died.")
  T.eq(#list, 4)
  T.eq(f["700 more troops"].value, 700); T.eq(f["700 more troops"].unit, "troops")
  T.eq(f["700 more troops"].approx, nil)
  T.eq(f["93 of its soldiers"].value, 93); T.eq(f["93 of its soldiers"].unit, "soldiers")
  T.eq(f["about 30 masked men"].value, 30); T.eq(f["about 30 masked men"].approx, "about")
  T.eq(f["about 30 masked men"].unit, "masked men")
  T.eq(f["three Serb gunmen"].value, 3); T.eq(f["three Serb gunmen"].unit, "gunmen")
end)

T.test("a range of percentages", function()
  local f, list = figures("Sheinbaum won between 58.3% and 60.7% of the vote.")
  T.eq(#list, 1, "the lower bound is not a figure of its own")
  local r = f["between 58.3% and 60.7% of the vote"]
  T.ok(r, "one range"); T.eq(r.value, 60.7); T.eq(r.low, 58.3); T.eq(r.unit, "percent of the vote")
end)

T.test("ranges", function()
  local f, list = figures("Between 200 and 300 companies filed each week, and from 1,000 to 1,500 troops left.")
  T.eq(#list, 2)
  local r = f["Between 200 and 300 companies"]
  T.ok(r, "between ... and ..."); T.eq(r.value, 300); T.eq(r.low, 200); T.eq(r.approx, "between")
  T.eq(r.unit, "companies")
  local t = f["from 1,000 to 1,500 troops"]
  T.ok(t, "from ... to ..."); T.eq(t.value, 1500); T.eq(t.low, 1000)
end)

T.test("percent before a time phrase", function()
  local f, list = figures("The economy shrank 0.3% last year and grew 1.3% this year, with 100% alignment.")
  T.eq(#list, 3)
  T.ok(f["0.3%"], "0.3% alone"); T.eq(f["0.3%"].value, 0.3); T.eq(f["0.3%"].unit, "percent")
  T.ok(f["1.3%"], "1.3% alone")
  T.ok(f["100% alignment"], "a noun after % stays in the phrase")
end)

T.test("a people as the counted noun", function()
  local f, list = figures("More than 13,300 Palestinians have been killed, and 150 Palestinian prisoners were freed.")
  T.eq(#list, 2)
  T.eq(f["More than 13,300 Palestinians"].value, 13300)
  T.eq(f["More than 13,300 Palestinians"].unit, "Palestinians")
  T.eq(f["150 Palestinian prisoners"].unit, "prisoners")
  local g = figures("The House approved it on Friday, with 101 Republicans voting against it.")
  T.ok(g["101 Republicans"], "a participle after the people"); T.eq(g["101 Republicans"].value, 101)
end)

T.test("thousands separators and approximators", function()
  local f = figures("NATO sent over 1,000 additional troops, well over 4,000 troops serve, and Around 500 Turkish service members came. Nearly 2,500 people fled.")
  T.eq(f["over 1,000 additional troops"].value, 1000)
  T.eq(f["over 1,000 additional troops"].approx, "over")
  T.eq(f["over 1,000 additional troops"].unit, "troops")
  T.eq(f["well over 4,000 troops"].value, 4000); T.eq(f["well over 4,000 troops"].approx, "over")
  T.eq(f["Around 500 Turkish service members"].approx, "around")
  T.eq(f["Around 500 Turkish service members"].unit, "service members")
  T.eq(f["Nearly 2,500 people"].approx, "nearly"); T.eq(f["Nearly 2,500 people"].value, 2500)
end)

T.test("number words, singular, vague plurals", function()
  local f, list = figures("The assault left one Kosovo police officer dead after two violent incidents, and dozens of peacekeepers were injured.")
  T.eq(#list, 3)
  T.eq(f["one Kosovo police officer"].value, 1); T.eq(f["one Kosovo police officer"].unit, "police officer")
  T.eq(f["two violent incidents"].value, 2); T.eq(f["two violent incidents"].unit, "incidents")
  T.eq(f["dozens of peacekeepers"].value, nil); T.eq(f["dozens of peacekeepers"].approx, "dozens")
  T.eq(f["dozens of peacekeepers"].unit, "peacekeepers")
end)

T.test("percent and money", function()
  local f = figures("Spending should reach 5% of GDP, with 100% alignment and 3.5 per cent growth; the bank lent $5.2 billion and 1.2 million people voted.")
  T.eq(f["5% of GDP"].value, 5); T.eq(f["5% of GDP"].unit, "percent of GDP")
  T.eq(f["100% alignment"].value, 100); T.eq(f["100% alignment"].unit, "percent")
  T.eq(f["3.5 per cent growth"].value, 3.5); T.eq(f["3.5 per cent growth"].unit, "percent")
  T.eq(f["$5.2 billion"].value, 5200000000); T.eq(f["$5.2 billion"].unit, "dollars")
  T.eq(f["1.2 million people"].value, 1200000); T.eq(f["1.2 million people"].unit, "people")
end)

T.test("percent of a noun phrase; measure abbreviations", function()
  local f = figures("The group pumps about 41% of the world's oil, equal to 5.7% of global demand " ..
                    "and 2% of GDP; cuts of 2.2 million bpd follow.")
  T.eq(f["about 41% of the world's oil"].unit, "percent of the world's oil")
  T.eq(f["5.7% of global demand"].unit, "percent of global demand")
  T.eq(f["2% of GDP"].unit, "percent of GDP")
  T.eq(f["2.2 million bpd"].value, 2200000); T.eq(f["2.2 million bpd"].unit, "bpd")
end)

T.test("uncounted numbers after a casualty verb or a death toll", function()
  local f, list = figures("The quake struck on Friday, killing 120 and injuring more than 1,500. " ..
                          "By night the death toll rose to 143. Police detained 12 after the riot.")
  T.eq(#list, 4)
  T.eq(f["120"].unit, "people"); T.eq(f["120"].event, "killed")
  T.eq(f["more than 1,500"].value, 1500); T.eq(f["more than 1,500"].approx, "over")
  T.eq(f["more than 1,500"].event, "injured")
  T.eq(f["143"].event, "killed"); T.eq(f["143"].unit, "people")
  T.eq(f["12"].event, "arrested")
  -- a counted noun keeps its own unit and gets no event from the verb
  local g = figures("The attack killed 14 soldiers.")
  T.eq(g["14 soldiers"].unit, "soldiers"); T.eq(g["14 soldiers"].event, nil)
  -- no casualty verb, no toll: nothing counted, no figure
  local _, none = figures("Prices rose to 143 and the index fell to 12, while turnout was 45.")
  T.eq(#none, 0)
  local _, other = figures("The toll road price rose to 12.")
  T.eq(#other, 0)
end)

T.test("rupees: Rs, ₹, lakh and crore", function()
  local f, list = figures("The Rs 48 lakh crore budget raised spending to Rs. 11.11 lakh crore; the scheme costs ₹500 crore.")
  T.eq(#list, 3)
  T.eq(f["Rs 48 lakh crore"].value, 48 * 10^12); T.eq(f["Rs 48 lakh crore"].unit, "rupees")
  T.eq(f["Rs. 11.11 lakh crore"].unit, "rupees", "Rs. does not end the sentence")
  T.ok(math.abs(f["Rs. 11.11 lakh crore"].value - 11.11e12) < 1, "11.11 lakh crore")
  T.eq(f["₹500 crore"].value, 5 * 10^9); T.eq(f["₹500 crore"].unit, "rupees")
end)

T.test("a bare year is not a count", function()
  T.eq(figure_texts("Carmakers must cut emissions by 55% compared with 2021 levels; 1,999 cars were sold."),
       "55%|1,999 cars")
end)

T.test("below, other countries' dollars, a percentage before a compound", function()
  local f, list = figures("Approval fell below 20%. Fines reach up to A$49.5 million; a 10% car import duty stays.")
  T.eq(#list, 3)
  T.eq(f["below 20%"].approx, "under")
  T.eq(f["up to A$49.5 million"].unit, "Australian dollars"); T.eq(f["up to A$49.5 million"].value, 49500000)
  T.ok(f["10%"], "not '10% car'")
end)

T.test("a partitive whose whole has its own count; hyphenated number words", function()
  T.eq(figure_texts("Twenty-three of the 32 allies agreed, and Ten of the EU's 27 members did."),
       "Twenty-three of the 32 allies|Ten of the EU's 27 members")
  local f = figures("Twenty-three of the 32 allies agreed.")
  T.eq(f["Twenty-three of the 32 allies"].value, 23)
end)

T.test("nouns whose plural is the singular", function()
  T.eq(figure_texts("Nearly 250 firefighters, backed by 18 aircraft, fought 40 fires."),
       "Nearly 250 firefighters|18 aircraft|40 fires")
end)

T.test("numbers that label a kind", function()
  T.eq(figure_texts("A higher risk of type 2 diabetes was found in phase 3 trials of 400 patients."),
       "400 patients")
end)

T.test("not figures", function()
  T.eq(figure_texts("Resolution 1244 of 1999 and the 2023 violence; Türkiye’s 65th brigade; a two-day summit; a Kosovo policeman; one of the leaders; for three years; Article 5 applies; it ended 3-1 at 10:30 in 2008."), "")
end)

T.test("sample corpus", function()
  local by = {}
  for a in corpus:articles() do by[a.id:sub(1, 3)] = a end
  local got = {}
  for _, f in ipairs(by["001"]:figures()) do got[#got + 1] = f.text .. "=" .. tostring(f.value) .. "/" .. tostring(f.unit) end
  T.eq(table.concat(got, " | "), "100% alignment=100/percent | 700 more troops=700/troops | 93 of its soldiers=93/soldiers | two Balkan countries=2/countries")
  local f = by["002"]:figures()
  local troops93
  for _, x in ipairs(f) do if x.text == "93 troops" then troops93 = x end end
  T.eq(troops93.value, 93)
  T.eq(by["003"]:figures()[1].value, 1000)
  T.eq(by["003"]:figures()[1].text, "1,000 additional troops")
  T.eq(#by["004"]:figures(), 2)
end)

T.done()

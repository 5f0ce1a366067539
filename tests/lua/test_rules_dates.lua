-- scripts/rules/20_dates.lua: DATE annotations.
local T = require "testlib"

local function article(text, date)
  if date then
    return lede.parse(lede.json.encode({ text = text, date = date }), { format = "jsonl", quiet = true })[1]
  end
  return lede.parse(text, { quiet = true })[1]
end

-- the DATE annotations of a text, as { [surface] = annotation } (first of each)
local function dates(text, date)
  local out, list = {}, article(text, date):dates()
  for _, d in ipairs(list) do out[d.text] = out[d.text] or d end
  return out, list
end

T.test("absolute dates", function()
  local d, list = dates("Talks were held on 13 June 2023 and on 07.09.2023. A deal followed on September 24, 2023, then 2023-10-02.")
  T.eq(#list, 4)
  T.eq(d["13 June 2023"].value, "2023-06-13"); T.eq(d["13 June 2023"].precision, "day")
  T.eq(d["13 June 2023"].how, "absolute"); T.eq(d["13 June 2023"].anchor, nil)
  T.eq(d["07.09.2023"].value, "2023-09-07")
  T.eq(d["September 24, 2023"].value, "2023-09-24")
  T.eq(d["2023-10-02"].value, "2023-10-02")
end)

T.test("an expectation lies ahead", function()
  local d = dates("\"We expect to reconnect everyone by Saturday,\" a spokeswoman said.", "2024-01-18")
  T.eq(d["Saturday"].value, "2024-01-20")
end)

T.test("mid-month", function()
  local d = dates("Talks on automation will resume in mid-April.", "2024-03-12")
  T.ok(d["mid-April"], "mid-April is a date")
  T.eq(d["mid-April"].value, "2024-04"); T.eq(d["mid-April"].precision, "month")
end)

T.test("abbreviated months with or without a dot", function()
  local d, list = dates("ANKARA, Feb 7 (Reuters) - The quake struck. The AP wrote Feb. 7; " ..
                        "Reuters had Sept 24 and Jan 5, 2024, and Oct 2023.", "2025-02-07")
  T.eq(#list, 5)
  T.eq(d["Feb 7"].value, "2025-02-07"); T.eq(d["Feb. 7"].value, "2025-02-07")
  T.eq(d["Sept 24"].value, "2024-09-24"); T.eq(d["Jan 5, 2024"].value, "2024-01-05")
  T.eq(d["Oct 2023"].value, "2023-10")
  -- an abbreviation alone is no date, nor are words that begin like one
  local _, none = dates("Jan said the Dec team would march in Mar del Plata.", "2025-02-07")
  T.eq(#none, 0)
end)

T.test("a day an event is called or set for lies ahead", function()
  -- article of Thursday 2024-11-28
  local d = dates("Opposition leaders called another rally for 7pm on Friday. The vote is set for Monday. " ..
                  "Police arrested two men for Tuesday's attack.", "2024-11-28")
  T.eq(d["Friday"].value, "2024-11-29")
  T.eq(d["Monday"].value, "2024-12-02")
  T.eq(d["Tuesday"].value, "2024-11-26", "a possessive day is past")
  -- what someone wants, hopes or aims for, or by the end of a month, is ahead
  local e = dates("Scholz wants a confidence vote on January 15, which could lead to an election " ..
                  "by the end of March. The talks failed on January 10.", "2024-11-07")
  T.eq(e["January 15"].value, "2025-01-15")
  -- TimeML takes the position into the expression: "the end of March", mod END
  T.eq(e["the end of March"].value, "2025-03"); T.eq(e["the end of March"].mod, "END")
  T.eq(e["January 10"].value, "2024-01-10", "past tense stays past")
end)

T.test("months with a year, years, decades", function()
  local d, list = dates("Clashes in May 2023 recalled the wars of the 1990s. Kosovo declared independence in 2008, and the 2023 violence shocked many.")
  T.eq(d["May 2023"].value, "2023-05"); T.eq(d["May 2023"].precision, "month")
  T.eq(d["1990s"].value, "199X"); T.eq(d["1990s"].precision, "decade")
  T.eq(d["2008"].value, "2008"); T.eq(d["2008"].precision, "year")
  T.eq(d["2023"].value, "2023")
  T.eq(#list, 4)
end)

T.test("numbers that are not years", function()
  local _, list = dates("Resolution 1244 of 1999 stands. About 2000 troops came; Flight 2020 landed at 10:30, score 3-1, 1,999 votes.")
  T.eq(#list, 1)
  T.eq(list[1].text, "1999")
end)

T.test("day and month without a year", function()
  local d = dates("The attack on September 24 and the clashes on May 29 were condemned.")
  T.eq(d["September 24"].value, "XXXX-09-24"); T.eq(d["September 24"].precision, "day")
  T.eq(d["September 24"].how, "unanchored")
  T.eq(d["May 29"].value, "XXXX-05-29")
  -- with an article date: the most recent one
  d = dates("The attack on September 24 was condemned.", "2023-10-24")
  T.eq(d["September 24"].value, "2023-09-24")
  d = dates("The attack on 24 December was condemned.", "2023-10-24")
  T.eq(d["24 December"].value, "2022-12-24")
  d = dates("Elections will be held on December 17.", "2023-10-24")
  T.eq(d["December 17"].value, "2023-12-17", "future tense looks forward")
end)

T.test("a period running until a date ends ahead", function()
  local d = dates("The package funds the government through Sept. 30. Lawmakers passed the other bills on March 8.",
                  "2024-03-23")
  T.eq(d["Sept. 30"].value, "2024-09-30")
  T.eq(d["March 8"].value, "2024-03-08")
end)

T.test("weekdays resolve to the most recent one", function()
  -- 2023-10-24 is a Tuesday
  local d = dates("Stoltenberg said Monday that troops arrived. On Tuesday he met Vucic, and on Friday Kurti.", "2023-10-24")
  T.eq(d["Monday"].value, "2023-10-23"); T.eq(d["Monday"].how, "relative"); T.eq(d["Monday"].anchor, "2023-10-24")
  T.eq(d["Tuesday"].value, "2023-10-24", "the article day itself")
  T.eq(d["Friday"].value, "2023-10-20")
  d = dates("The leaders will meet on Friday.", "2023-10-24")
  T.eq(d["Friday"].value, "2023-10-27", "future tense")
  d = dates("Stoltenberg said Monday that troops arrived.")
  T.eq(d["Monday"].value, nil); T.eq(d["Monday"].how, "unanchored")
end)

T.test("months alone", function()
  local d, list = dates("In May, protesters clashed with troops; the September shootout followed. Theresa May spoke.", "2023-10-24")
  T.eq(d["May"].value, "2023-05"); T.eq(d["May"].precision, "month")
  T.eq(d["September"].value, "2023-09")
  T.eq(#list, 2, "Theresa May is not a date")
  d = dates("In November, talks resumed.", "2023-10-24")
  T.eq(d["November"].value, "2022-11", "the most recent November")
  d = dates("In May, protesters clashed with troops.")
  T.eq(d["May"].value, "XXXX-05")
end)

T.test("relative expressions", function()
  local d = dates("Today the envoy arrived; yesterday he was in Paris. Talks resume next week. Last month saw riots, and last year elections. Two years ago it was calm. Borrell meets them this week.", "2023-09-07")
  T.eq(d["Today"].value, "2023-09-07")
  T.eq(d["yesterday"].value, "2023-09-06")
  T.eq(d["next week"].value, "2023-W37"); T.eq(d["next week"].precision, "week")
  T.eq(d["this week"].value, "2023-W36")
  T.eq(d["Last month"].value, "2023-08"); T.eq(d["Last month"].precision, "month")
  T.eq(d["last year"].value, "2022"); T.eq(d["last year"].precision, "year")
  T.eq(d["Two years ago"].value, "2021")
  d = dates("Talks resume next week.", "2021-01-01")
  T.eq(d["next week"].value, "2021-W01", "ISO week year differs from the calendar year")
  d = dates("Last month saw riots.")
  T.eq(d["Last month"].value, nil); T.eq(d["Last month"].how, "unanchored")
end)

T.test("no dates in durations and idioms", function()
  local _, list = dates("NATO has been present for decades, the largest increase in over a decade, after a two-day summit.")
  T.eq(#list, 0)
end)

T.test("sample corpus", function()
  local by = {}
  for a in corpus:articles() do by[a.id:sub(1, 3)] = a end
  local d = by["001"]:dates()
  T.eq(d[1].text, "Thursday"); T.eq(d[1].value, "2023-09-07")
  local nw
  for _, x in ipairs(d) do if x.text == "next week" then nw = x end end
  T.eq(nw.value, "2023-W37")
  local v = {}
  for _, x in ipairs(by["004"]:dates()) do v[#v + 1] = x.text .. "=" .. tostring(x.value) end
  T.eq(table.concat(v, " "), "today=2023-06-13 13 June 2023=2023-06-13 1999=1999 5 June 2023=2023-06-05")
  local n = 0
  for _, x in ipairs(by["003"]:dates()) do if x.text == "September 24" then n = n + 1; T.eq(x.value, "XXXX-09-24") end end
  T.eq(n, 4)
end)

T.done()

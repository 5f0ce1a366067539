-- scripts/rules/25_times.lua: TIME annotations.
local T = require "testlib"

local function times(text, date)
  local src = date and lede.json.encode({ text = text, date = date }) or text
  local a = lede.parse(src, { format = date and "jsonl" or "text", quiet = true })[1]
  local out = {}
  for _, t in ipairs(a:annotations("TIME")) do
    out[#out + 1] = string.format("%s=%s/%s%s", t.text, t.value, t.precision, t.zone and ("/" .. t.zone) or "")
  end
  return table.concat(out, "; ")
end

T.test("clock times, am/pm, zones", function()
  T.eq(times("The meeting began at 14:00 GMT and ended at 4:45 p.m. local time."),
       "14:00 GMT=T14:00/minute/GMT; 4:45 p.m. local time=T16:45/minute/local time")
  T.eq(times("Shots were heard around 3 a.m., and again at 11pm."), "3 a.m.=T03:00/hour; 11pm=T23:00/hour")
  T.eq(times("By 12 a.m. it was over; at 12 p.m. it resumed."), "12 a.m.=T00:00/hour; 12 p.m.=T12:00/hour")
  T.eq(times("Talks resume at noon and run until midnight."), "noon=T12:00/minute; midnight=T00:00/minute")
  T.eq(times("It was 9 o'clock."), "9 o'clock=T09:00/hour")
end)

T.test("not times", function()
  T.eq(times("Growth was 3.5 percent, the score 2:1, and 1.25 million people voted in 2023."), "")
  T.eq(times("He counted 10 am-bitious plans and 93 soldiers."), "")
end)

T.test("joined with the sentence's date", function()
  T.eq(times("The vote on 13 June 2023 closed at 19:00 CET.", "2023-06-20"),
       "19:00 CET=2023-06-13T19:00/minute/CET")
  T.eq(times("Polls closed at 19:00. Results came on Monday.", "2023-06-20"), "19:00=T19:00/minute")
end)

T.test("the sample has none", function()
  T.eq(#corpus:annotations("TIME"), 0)
end)

T.test("a time takes the day next to it (TimeML: 1998-02-11T22:00)", function()
  T.eq(times("He was taken at 10 p.m. Wednesday, police said on Friday, and talks broke off at noon Thursday.",
             "1998-02-13"),
       "10 p.m.=1998-02-11T22:00/hour; noon=1998-02-12T12:00/minute")
  T.eq(times("On Tuesday, at 9:30 a.m., they met.", "1998-02-13"), "9:30 a.m.=1998-02-10T09:30/minute")
end)

T.done()

-- The date rule at TimeML level (issue 14): one test per expression class,
-- with the TimeML type and value of each expression. Article dates: Friday
-- 2013-03-22 unless a test says otherwise.
local T = require "testlib"

local DCT = "2013-03-22"

-- every date-like annotation of a text: { [surface] = annotation }, and the list
local function timexes(text, date)
  local a = lede.parse(lede.json.encode({ text = text, date = date or DCT }), { format = "jsonl", quiet = true })[1]
  local out, list = {}, {}
  for _, x in ipairs(a:annotations()) do
    if x.kind == "DATE" or x.kind == "TIME" or x.kind == "DURATION" or x.kind == "SET" or x.kind == "TIMEREF" then
      list[#list + 1] = x
      out[x.text] = out[x.text] or x
    end
  end
  return out, list
end

local function is(d, text, kind, value, mod)
  local x = d[text]
  T.ok(x, "'" .. text .. "' is an expression")
  if not x then return end
  T.eq(x.kind, kind, text .. ": kind")
  T.eq(x.value, value, text .. ": value")
  if mod ~= nil then T.eq(x.mod, mod, text .. ": mod") end
end

T.test("durations", function()
  local d = timexes("Prices rose for 90 days, then a three-month slump hit a five year low. " ..
                    "Over the past two months sales fell; nearly forty years of rule ended. " ..
                    "The strike lasted 2 1/2 years, the talks 24 hours, the vote two decades later.")
  is(d, "90 days", "DURATION", "P90D")
  is(d, "three-month", "DURATION", "P3M")
  is(d, "five year", "DURATION", "P5Y")
  is(d, "the past two months", "DURATION", "P2M")
  is(d, "nearly forty years", "DURATION", "P40Y", "LESS_THAN")
  is(d, "2 1/2 years", "DURATION", "P2Y6M")
  is(d, "24 hours", "DURATION", "PT24H")
  T.eq(d["the 14-day"], nil)
  -- an age is not a duration, nor a share
  local e, list = timexes("A 6-year-old boy ate three-quarters of the cake.")
  T.eq(#list, 0, "no expression in an age or a share")
  T.eq(e["6-year-old"], nil)
end)

T.test("vague references: PRESENT_REF, PAST_REF, FUTURE_REF", function()
  local d = timexes("Prices are now higher. The company currently employs 90. It recently " ..
                    "sold a unit, and will grow in the future.")
  is(d, "now", "TIMEREF", "PRESENT_REF"); T.eq(d["now"].type, "DATE")
  is(d, "currently", "TIMEREF", "PRESENT_REF")
  is(d, "recently", "TIMEREF", "PAST_REF")
  is(d, "the future", "TIMEREF", "FUTURE_REF")
  -- "now that" is a conjunction
  local e = timexes("Now that the vote is over, talks resume.")
  T.eq(e["Now"], nil)
end)

T.test("quarters, halves and fiscal years", function()
  -- 1989-10-26: the third quarter has ended, the fourth has begun
  local d = timexes("Net income rose in the third quarter. Third-quarter sales fell. " ..
                    "The fiscal first quarter was flat; the company expects a loss in the fourth quarter " ..
                    "and in next year's first quarter. Fiscal 1990 starts soon; the third quarter of 1984 " ..
                    "was worse, as was the first half of 1988.", "1989-10-26")
  is(d, "the third quarter", "DATE", "1989-Q3")
  is(d, "Third-quarter", "DATE", "1989-Q3")
  is(d, "The fiscal first quarter", "DATE", "1989-Q1")
  is(d, "the fourth quarter", "DATE", "1989-Q4")
  is(d, "next year's first quarter", "DATE", "1990-Q1")
  is(d, "Fiscal 1990", "DATE", "1990")
  is(d, "the third quarter of 1984", "DATE", "1984-Q3")
  is(d, "the first half of 1988", "DATE", "1988-H1")
  -- in January the fourth quarter is the one just ended
  local e = timexes("Profit fell in the fourth quarter.", "1998-01-26")
  is(e, "the fourth quarter", "DATE", "1997-Q4")
  -- "a third-quarter loss": the determiner is not part of it
  local f = timexes("It posted a third-quarter loss.", "1989-10-26")
  is(f, "third-quarter", "DATE", "1989-Q3")
end)

T.test("last, past and next N units", function()
  local d = timexes("In the last twenty four hours the market fell. The next three years will tell; " ..
                    "the past few weeks were calm.")
  is(d, "the last twenty four hours", "DURATION", "PT24H")
  is(d, "The next three years", "DURATION", "P3Y")
  is(d, "the past few weeks", "DURATION", "PXW")
end)

T.test("modifiers: early, late, mid, the end of, nearly ... ago", function()
  local d = timexes("Talks began in early December and ended in late November. In mid-1996 the " ..
                    "party split; at the end of this week it votes. The war ended nearly four years ago. " ..
                    "Earlier this month the firm grew; the late 1970s were hard.", "1998-02-19")
  is(d, "early December", "DATE", "1997-12", "START")
  is(d, "late November", "DATE", "1997-11", "END")
  is(d, "mid-1996", "DATE", "1996", "MID")
  is(d, "the end of this week", "DATE", "1998-W08", "END")
  is(d, "nearly four years ago", "DATE", "1994", "LESS_THAN")
  is(d, "Earlier this month", "DATE", "1998-02", "START")
  is(d, "the late 1970s", "DATE", "197X", "END")
  -- "early Tuesday": the mod, but the day alone is the expression
  local e = timexes("The quake struck early Tuesday.")
  is(e, "Tuesday", "DATE", "2013-03-19", "START")
end)

T.test("offsets from the last named time", function()
  local d = timexes("Net income rose in the third quarter from $5 million a year earlier. " ..
                    "Sales in the year-ago quarter were lower. For the quarter, costs fell.", "1989-10-26")
  is(d, "a year earlier", "DATE", "1988-Q3")
  is(d, "the year-ago quarter", "DATE", "1988-Q3")
  is(d, "the quarter", "DATE", "1989-Q3")
  local e = timexes("The plant closed on May 5, 2010. A day earlier, workers marched; two weeks later " ..
                    "it was sold. Later that year it reopened.")
  is(e, "A day earlier", "DATE", "2010-05-04")
  is(e, "two weeks later", "DATE", "2010-05-19")
  is(e, "Later that year", "DATE", "2010", "END")
  -- with nothing named before: from the article date
  local f = timexes("A year earlier, sales were lower.")
  is(f, "A year earlier", "DATE", "2012-03-22")
end)

T.test("parts of the day", function()
  local d = timexes("The vote came Friday afternoon; yesterday morning the talks failed. " ..
                    "He spoke this evening, and last night the rebels attacked.")
  is(d, "Friday afternoon", "TIME", "2013-03-22TAF")
  is(d, "yesterday morning", "TIME", "2013-03-21TMO")
  is(d, "this evening", "TIME", "2013-03-22TEV")
  is(d, "last night", "TIME", "2013-03-21TNI")
end)

T.test("sets", function()
  local d = timexes("The paper is published daily and audited annually. Trains run every day and " ..
                    "twice a week buses come; flights leave on Tuesday nights and every Monday.")
  is(d, "daily", "SET", "P1D")
  is(d, "annually", "SET", "P1Y")
  is(d, "every day", "SET", "P1D")
  is(d, "twice a week", "SET", "P1W")
  is(d, "Tuesday nights", "SET", "XXXX-WXX-2TNI")
  is(d, "every Monday", "SET", "XXXX-WXX-1")
end)

T.test("combined expressions: a month of last or this year, seasons, the weekend", function()
  local d = timexes("In June last year prices fell, in January this year they rose. Last fall was " ..
                    "dry; this summer will be wet. The weekend was calm.", "1998-02-19")
  is(d, "June last year", "DATE", "1997-06")
  is(d, "January this year", "DATE", "1998-01")
  is(d, "Last fall", "DATE", "1997-FA")
  is(d, "this summer", "DATE", "1998-SU")
  is(d, "The weekend", "DATE", "1998-W07-WE")
end)

T.test("the direction of a day or month follows the clause", function()
  -- Wednesday 1990-08-15
  local d = timexes("The king met Bush on Monday. The monarch will meet him again on Thursday.", "1990-08-15")
  is(d, "Monday", "DATE", "1990-08-13")
  is(d, "Thursday", "DATE", "1990-08-16")
  -- a deadline, and a day a few weeks ahead, are that coming day
  local e = timexes("The boy must be returned by Jan. 14. The panel meets on Feb. 10.", "2000-01-06")
  is(e, "Jan. 14", "DATE", "2000-01-14")
  is(e, "Feb. 10", "DATE", "2000-02-10")
  -- "next to" is no cue of the future
  local f = timexes("A bomb exploded next to the embassy on Friday.", "1998-08-08")
  is(f, "Friday", "DATE", "1998-08-07")
end)

T.test("spoken years and decades", function()
  local d = timexes("In nineteen ninety-six the plant opened; by the year two thousand it was closed. " ..
                    "The nineties were good.")
  is(d, "nineteen ninety-six", "DATE", "1996")
  is(d, "the year two thousand", "DATE", "2000")
  is(d, "The nineties", "DATE", "199X")
end)

T.test("a no-break space between the words of a date", function()
  local d = timexes("It was signed on 13\u{a0}June 2023, three\u{a0}months ago.")
  is(d, "13\u{a0}June 2023", "DATE", "2023-06-13")
  is(d, "three\u{a0}months ago", "DATE", "2012-12")
end)

T.test("lede.keyscan finds the stretches around key words", function()
  local ks = lede.keyscan { { "quarter", 4, 3 }, { "19##", 0, 0, 2 } }
  local t = "Sales in the third-quarter of 1989 rose. Quarterly, yes."
  local st = ks:stretches(t)
  T.eq(#st, 2, "two groups")
  -- group 1: around "quarter" (in "third-quarter" and "Quarterly"), widened to whole words
  T.eq(t:sub(st[1][1], st[1][2]), "third-quarter of")
  T.eq(t:sub(st[1][3], st[1][4]), "rose. Quarterly,")
  T.eq(t:sub(st[2][1], st[2][2]), "1989")
  T.ok(not pcall(lede.keyscan, { { "bad key!", 0, 0 } }), "a key with a space or '!' is refused")
  T.ok(not pcall(lede.keyscan, { { "day", -1, 0 } }), "a negative reach is refused")
  T.ok(not pcall(lede.keyscan, { { "day", 0, 0, 0 } }), "an empty group mask is refused")
end)

T.done()

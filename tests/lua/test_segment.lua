-- Sentence boundaries on cases written for this repository, one class of
-- hard boundary each (inline lists, abbreviations before a capital, the
-- pronoun I, symbol-number abbreviations, citations after a quotation,
-- spaced ellipses) plus ordinary ones. Every case is read twice, as a
-- plain-text file and as a JSON Lines record: the sentences must be the
-- same, and a one-line plain file keeps its line as body text.
local T = require "testlib"

local cases = {
  -- inline lists
  { "1.) Pack the tent 2.) Load the car 3.) Drive north",
    "1.) Pack the tent", "2.) Load the car", "3.) Drive north" },
  { "1.) Pack the tent. 2.) Load the car. 3.) Drive north.",
    "1.) Pack the tent.", "2.) Load the car.", "3.) Drive north." },
  { "1) Feed the cat 2) Water the plants", "1) Feed the cat", "2) Water the plants" },
  { "1) Feed the cat. 2) Water the plants.", "1) Feed the cat.", "2) Water the plants." },
  { "1. Read the report 2. Write a summary 3. Send it on",
    "1. Read the report", "2. Write a summary", "3. Send it on" },
  { "1. Read the report. 2. Write a summary.", "1. Read the report.", "2. Write a summary." },
  { "a. Red paint b. Blue paint c. Green paint", "a. Red paint", "b. Blue paint", "c. Green paint" },
  { "a. Red paint. b. Blue paint. c. Green paint.",
    "a. Red paint.", "b. Blue paint.", "c. Green paint." },
  { "• 9. Check the oil • 10. Check the tyres", "• 9. Check the oil", "• 10. Check the tyres" },
  { "⁃9. Check the oil ⁃10. Check the tyres", "⁃9. Check the oil", "⁃10. Check the tyres" },
  { "• 4. Check the oil. • 5. Check the tyres.", "• 4. Check the oil.", "• 5. Check the tyres." },
  { "The plan has two steps: 1) raise funds and 2) build the school.",
    "The plan has two steps: 1) raise funds and 2) build the school." },
  { "Turnout fell to 41 per cent in 2019. 12 districts reported late.",
    "Turnout fell to 41 per cent in 2019.", "12 districts reported late." },
  -- abbreviations and initials before a capital
  { "The shop closes at 6 P.M. Mr. Brown locks the door.",
    "The shop closes at 6 P.M.", "Mr. Brown locks the door." },
  { "At 7 a.m. Mrs. Green opened the shop. She left at 9 p.m. Dr. Hale stayed late.",
    "At 7 a.m. Mrs. Green opened the shop.", "She left at 9 p.m.", "Dr. Hale stayed late." },
  { "The train leaves at 8 a.m. The bus leaves later.",
    "The train leaves at 8 a.m.", "The bus leaves later." },
  { "We met at 10 A.M. Tuesday in the hall.", "We met at 10 A.M. Tuesday in the hall." },
  { "It is just the two of us, you and I. Did you pack the map?",
    "It is just the two of us, you and I.", "Did you pack the map?" },
  { "Did you see Louis I. Jones at the fair?", "Did you see Louis I. Jones at the fair?" },
  { "Nobody knew but Anna and I. Everyone else was asleep.",
    "Nobody knew but Anna and I.", "Everyone else was asleep." },
  { "I asked Peter J. Smith. He said no.", "I asked Peter J. Smith.", "He said no." },
  { "The firm moved its offices to the U.S. Last year it grew.",
    "The firm moved its offices to the U.S.", "Last year it grew." },
  { "Sen. Warren met Gen. Ross in St. Louis today.", "Sen. Warren met Gen. Ross in St. Louis today." },
  -- symbols and numbers in abbreviations
  { "Please file it under N°. 1026.253.553. The clerk will call you.",
    "Please file it under N°. 1026.253.553.", "The clerk will call you." },
  { "Room Nº. 12 is on the left. Go there now.", "Room Nº. 12 is on the left.", "Go there now." },
  { "The form is listed as n°. 45 in the annual catalogue.",
    "The form is listed as n°. 45 in the annual catalogue." },
  { "He lives at No. 7 Elm Street. It is a red house.",
    "He lives at No. 7 Elm Street.", "It is a red house." },
  -- citations after a quotation
  { 'She wrote that "the river never sleeps." (Moore 112). Critics agreed.',
    'She wrote that "the river never sleeps." (Moore 112).', "Critics agreed." },
  { "The author calls it “a quiet revolution.” (Hart 7). Few noticed.",
    "The author calls it “a quiet revolution.” (Hart 7).", "Few noticed." },
  { 'He said "go home." (p. 4). Then he left.', 'He said "go home." (p. 4).', "Then he left." },
  { '"We are ready." (Reuters) The talks began.', '"We are ready."', "(Reuters) The talks began." },
  -- ellipses
  { "The fog rolled in . . . and the harbour went quiet.",
    "The fog rolled in . . . and the harbour went quiet." },
  { "I was going to say . . . I forget what it was.", "I was going to say . . . I forget what it was." },
  { "Old habits were weakened . . . but never lost. . . . New ones grew slowly.",
    "Old habits were weakened . . . but never lost.", ". . . New ones grew slowly." },
  { "New ones grew very slowly over the years. . . .", "New ones grew very slowly over the years. . . ." },
  { "He stopped writing after that . . . . Nobody knows why.",
    "He stopped writing after that . . . .", "Nobody knows why." },
  { "I never said that.... She walked out.", "I never said that....", "She walked out." },
  { "Well... maybe...see what happens next.", "Well... maybe...see what happens next." },
  { "It was late. . . . The guests had gone. . . . Only the cat stayed.",
    "It was late.", ". . . The guests had gone.", ". . . Only the cat stayed." },
  -- ordinary boundaries
  { "Hello there. My name is Ada.", "Hello there.", "My name is Ada." },
  { "What time is it?", "What time is it?" },
  { "milk eggs bread butter", "milk eggs bread butter" },
  { "Is this real?! Yes!", "Is this real?!", "Yes!" },
  { "The U.S. Army arrived. Then it left.", "The U.S. Army arrived.", "Then it left." },
  { "Mr. Smith went to Washington. He said hi.", "Mr. Smith went to Washington.", "He said hi." },
  { "Prices rose 3.5 per cent in 2023. Analysts expect more.",
    "Prices rose 3.5 per cent in 2023.", "Analysts expect more." },
  { "He works for Acme Inc. The firm is small.", "He works for Acme Inc.", "The firm is small." },
  { "“Stay,” she said. “Please.”", "“Stay,” she said.", "“Please.”" },
  { "Wait… What happened here?", "Wait…", "What happened here?" },
  { "She moved to the U.K. in 2019.", "She moved to the U.K. in 2019." },
  { "Send it by Jan. 5 at the latest.", "Send it by Jan. 5 at the latest." },
  { "Why not? Because I said so.", "Why not?", "Because I said so." },
}

local function sentences_of(c)
  local out = {}
  for a in c:articles() do
    for _, s in ipairs(a:sentences()) do out[#out + 1] = s.text end
  end
  return out
end

local function check(case, got, how)
  local want = { table.unpack(case, 2) }
  if #got ~= #want then
    error(string.format("%s %q: %d sentences, want %d:\n  %s", how, case[1], #got, #want,
                        table.concat(got, "\n  ")), 0)
  end
  for i = 1, #want do
    T.eq(got[i], want[i], how .. " sentence " .. i .. " of " .. case[1])
  end
end

local passed = { text = 0, jsonl = 0 }
for n, case in ipairs(cases) do
  T.test("plain " .. n, function()
    local c = lede.parse(case[1] .. "\n", { format = "text", quiet = true })
    T.eq(#c, 1)
    check(case, sentences_of(c), "plain")
    passed.text = passed.text + 1
  end)
  T.test("jsonl " .. n, function()
    local line = lede.json.encode({ id = "c" .. n, text = case[1] })
    local c = lede.parse(line .. "\n", { format = "jsonl", quiet = true })
    T.eq(#c, 1)
    T.eq(#c[1]:sentences(), #case - 1, "count")
    check(case, sentences_of(c), "jsonl")
    passed.jsonl = passed.jsonl + 1
  end)
end
io.stderr:write(string.format("segment cases: %d, passed %d plain, %d JSON Lines\n",
                              #cases, passed.text, passed.jsonl))

T.done()

-- lib.conll: the CoNLL reader the eval (and a tagger's trainer) share.
local T = require "testlib"
local conll = require "lib.conll"

local function spans(tags)
  local out = {}
  for _, e in ipairs(conll.spans(tags)) do out[#out + 1] = e.type .. ":" .. e.first .. "-" .. e.last end
  return table.concat(out, " ")
end

T.test("spans: IOB1, IOB2, IOBES, BILOU", function()
  -- IOB1: I- after O or another type starts; B- only between two of a type
  T.eq(spans { "I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "I-ORG" }, "PER:1-2 LOC:4-4 LOC:5-5 ORG:6-7")
  -- IOB2: B- starts every entity
  T.eq(spans { "B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-ORG", "I-ORG" }, "PER:1-2 LOC:4-4 LOC:5-5 ORG:6-7")
  -- an I- after another type's I-, without a B-
  T.eq(spans { "I-ORG", "I-LOC", "I-LOC" }, "ORG:1-1 LOC:2-3")
  T.eq(spans { "B-PER", "E-PER", "S-LOC", "S-LOC", "O" }, "PER:1-2 LOC:3-3 LOC:4-4")
  T.eq(spans { "U-PER", "B-ORG", "I-ORG", "L-ORG", "I-ORG" }, "PER:1-1 ORG:2-4 ORG:5-5")
  T.eq(spans { "O", "O" }, "")
  T.eq(spans {}, "")
end)

T.test("retag to IOB2 and BILOU", function()
  local iob1 = { "I-PER", "I-PER", "O", "I-LOC", "B-LOC", "O" }
  T.eq(table.concat(conll.retag(iob1, "iob2"), " "), "B-PER I-PER O B-LOC B-LOC O")
  T.eq(table.concat(conll.retag(iob1, "bilou"), " "), "B-PER L-PER O U-LOC U-LOC O")
end)

T.test("parse: documents, sentences, columns, lines", function()
  local text = "-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n" ..
               "Peter NNP I-NP I-PER\r\nBlackburn NNP I-NP I-PER\n\n\n" ..
               "-DOCSTART- -X- -X- O\n\nBRUSSELS I-LOC\n"
  local docs = assert(conll.parse(text, "t", { columns = true }))
  T.eq(#docs, 2)
  T.eq(#docs[1].sentences, 2)
  local s = docs[1].sentences[1]
  T.eq(table.concat(s.tokens, " "), "EU rejects")
  T.eq(table.concat(s.tags, " "), "I-ORG O")
  T.eq(s.lines[2], 4)
  T.eq(s.columns[1][2], "NNP")
  T.eq(docs[1].sentences[2].tags[1], "I-PER")       -- CRLF trimmed
  T.eq(docs[2].sentences[1].tokens[1], "BRUSSELS")  -- two columns
  -- no -DOCSTART-: one document
  T.eq(#assert(conll.parse("a O\n\nb O\n")), 1)
  T.eq(conll.parse("a O\n")[1].sentences[1].columns, nil)
end)

T.test("parse: errors name the file and line", function()
  local d, err = conll.parse("Paris I-LOC\nRome\n", "f.txt")
  T.eq(d, nil)
  T.match(err, "^f%.txt:2: expected a token and a tag")
  d, err = conll.parse("Paris I-LOC\nis X-FOO\n", "g.txt")
  T.eq(d, nil)
  T.match(err, "^g%.txt:2: bad tag 'X%-FOO'")
  T.match(select(2, conll.parse("x I-\n", "h")), "bad tag 'I%-'")
  T.match(select(2, conll.read("/nonexistent/file.conll")), "No such file")
end)

T.done()

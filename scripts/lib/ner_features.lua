-- lib.ner_features: the default feature templates and word lists of the
-- entity tagger (`lede train` without --features uses these).
--
-- A features file returns { lists = { NAME = "data file", ... },
-- templates = { "w[0]", ... } }. Template syntax (include/lede/tagger.h):
-- items joined by '|', each an attribute at an offset -4..4:
--
--   w lw shape sshape cap len pre1..pre6 suf1..suf6   the token
--   gaz:NAME   its place (B/I/L/U) in a match of word list NAME
--   dcase      how its lowercase form is written elsewhere in the document
--   hist       the types given to the same word earlier in the document
--   hl stype first bias                               sentence-wide
--
-- Lists are files under scripts/data/ (one name per line, '#' comments;
-- a .tsv file gives the '|'-separated names of its third column). They are
-- stored inside the model, so a model never changes when the files do.
--
-- Copy this file to try other features: `lede train --features mine.lua`.

local templates = {
  "bias",
  -- the word and its neighbours
  "w[0]", "lw[0]", "lw[-1]", "lw[1]", "lw[-2]", "lw[2]",
  "lw[-1]|lw[0]", "lw[0]|lw[1]", "lw[-2]|lw[-1]", "lw[1]|lw[2]",
  -- how it is written
  "shape[0]", "sshape[0]", "sshape[-1]", "sshape[1]",
  "sshape[-1]|sshape[0]", "sshape[0]|sshape[1]",
  "cap[0]", "cap[-1]|cap[0]", "cap[0]|cap[1]", "len[0]",
  "pre1[0]", "pre2[0]", "pre3[0]", "pre4[0]", "pre5[0]",
  "suf1[0]", "suf2[0]", "suf3[0]", "suf4[0]", "suf5[0]",
  "suf3[-1]", "suf3[1]", "suf4[-1]", "suf4[1]",
  "lw[-1]|lw[0]|lw[1]",
  "w[-1]", "w[1]", "lw[-3]", "lw[3]", "sshape[-2]", "sshape[2]",
  "lw[0]|sshape[1]", "lw[0]|sshape[-1]",
  "cap[0]|lw[-1]", "cap[0]|lw[1]",
  -- headlines, all-caps lines and sentence starts
  "hl|cap[0]", "hl|lw[0]", "hl|sshape[0]", "first|cap[0]", "first|lw[0]",
  -- the document: a capitalised word that is also written in lower case
  -- elsewhere is less likely a name; an all-caps headline word written in
  -- Title case in the body more likely one
  "dcase[0]", "dcase[0]|cap[0]", "dcase[0]|first", "dcase[0]|hl", "dcase[-1]|dcase[0]",
  "dcase[0]|lw[0]",
  -- what the tagger said of the same word earlier in the document: one
  -- "Pirelli" tagged ORG makes the next one likelier ORG
  "hist[0]", "hist[0]|cap[0]", "hist[0]|hl", "hist[-1]|hist[0]", "hist[0]|hist[1]",
  -- the kind of sentence: a line of a results table reads unlike prose
  "stype|cap[0]", "stype|sshape[0]|sshape[1]", "stype|sshape[-1]|sshape[0]",
  -- word lists from open data (scripts/data/gaz/README.md)
  "gaz:cities[0]", "gaz:countries[0]", "gaz:states[0]", "gaz:first_names[0]",
  "gaz:demonyms[0]", "gaz:orgs[0]", "gaz:places[0]",
  "gaz:first_names[-1]", "gaz:first_names[0]|cap[1]",
  "gaz:cities[0]|cap[0]", "gaz:countries[0]|cap[0]",
  "gaz:countries[0]|lw[1]", "gaz:cities[0]|lw[1]",
}

return {
  lists = {
    cities = "gaz/cities.txt",
    countries = "gaz/countries.txt",
    states = "gaz/states.txt",
    first_names = "gaz/first_names.txt",
    demonyms = "gaz/demonyms.txt",
    orgs = "orgs.tsv",
    places = "places.tsv",
  },
  templates = templates,
}

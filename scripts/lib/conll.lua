-- lib.conll: read CoNLL-format named-entity files (CoNLL-2003 and the like).
--
--   local conll = require "lib.conll"
--   local docs, err = conll.read("eng.testa")        -- or conll.parse(text, name)
--   if not docs then error(err) end                  -- "eng.testa:12: bad tag 'X-FOO' ..."
--   for _, doc in ipairs(docs) do
--     for _, s in ipairs(doc.sentences) do
--       -- s.tokens = {"West", "Indian", "all-rounder", ...}
--       -- s.tags   = {"I-MISC", "I-MISC", "O", ...}     (the last column, as written)
--       -- s.lines  = {21, 22, 23, ...}                   (line of each token)
--       for _, e in ipairs(conll.spans(s.tags)) do
--         print(e.type, e.first, e.last)                 -- MISC 1 2 (token indices)
--       end
--     end
--   end
--
-- The format: one token per line, columns separated by spaces or tabs, the
-- token first and the tag LAST (so "token tag" files and CoNLL-2003's
-- "token POS chunk tag" both read); a blank line ends a sentence; a line
-- whose token is -DOCSTART- separates documents (a file without any is one
-- document). Documents with no sentence are dropped.
--
-- Tags: O, or PREFIX-TYPE with PREFIX one of B, I (IOB1, IOB2/BIO), E, S
-- (IOBES) or L, U (BILOU), TYPE any non-empty name. conll.spans reads them
-- all the same way: B- and S-/U- always start an entity; I- (and E-/L-)
-- continue an entity of the same type just before, and otherwise start one
-- (IOB1: I-X after O or after another type); E-/L- and S-/U- end it.
--
-- opts (both functions): { columns = true } keeps every column of each token
-- too, as s.columns[i] = {"West", "NNP", "I-NP", "I-MISC"}.
--
-- Errors come back as nil, "FILE:LINE: message" (a line with one column, a
-- bad tag, an unreadable file); nothing is raised.

local M = {}

local PREFIXES = { B = true, I = true, E = true, S = true, L = true, U = true }

-- Is tag well formed? Returns prefix, type (nil, nil for "O"), or false.
local function split_tag(tag)
  if tag == "O" then return nil, nil end
  local p, t = tag:match("^(%u)%-(.+)$")
  if p and PREFIXES[p] then return p, t end
  return false
end
M.split_tag = split_tag

-- Parse CoNLL text; name is used in error messages.
function M.parse(text, name, opts)
  name = name or "conll"
  local keep_cols = opts and opts.columns
  local docs = {}
  local doc = { sentences = {} }
  local sent = nil
  local function end_sentence()
    if sent then
      doc.sentences[#doc.sentences + 1] = sent
      sent = nil
    end
  end
  local function end_doc()
    end_sentence()
    if #doc.sentences > 0 then docs[#docs + 1] = doc end
    doc = { sentences = {} }
  end
  local lineno = 0
  local pos, n = 1, #text
  while pos <= n do
    local nl = text:find("\n", pos, true)
    local line = text:sub(pos, (nl or n + 1) - 1)
    pos = (nl or n) + 1
    lineno = lineno + 1
    if line:byte(-1) == 13 then line = line:sub(1, -2) end   -- CRLF
    local first = line:match("^[ \t]*()%S")
    if not first then
      end_sentence()
    else
      local cols = {}
      for c in line:gmatch("[^ \t]+") do cols[#cols + 1] = c end
      if cols[1] == "-DOCSTART-" then
        end_doc()
        doc.line = lineno
      else
        if #cols < 2 then
          return nil, string.format("%s:%d: expected a token and a tag (2 or more columns), got 1 column: '%s'",
                                    name, lineno, line:sub(1, 60))
        end
        local tag = cols[#cols]
        if split_tag(tag) == false then
          return nil, string.format("%s:%d: bad tag '%s' (expected O, or B-, I-, E-, S-, L- or U- and a type, as I-PER)",
                                    name, lineno, tag:sub(1, 40))
        end
        if not sent then
          sent = { tokens = {}, tags = {}, lines = {}, columns = keep_cols and {} or nil }
          doc.line = doc.line or lineno
        end
        local k = #sent.tokens + 1
        sent.tokens[k] = cols[1]
        sent.tags[k] = tag
        sent.lines[k] = lineno
        if keep_cols then sent.columns[k] = cols end
      end
    end
  end
  end_doc()
  return docs
end

-- Read a CoNLL file: documents, or nil and "FILE:LINE: message".
function M.read(path, opts)
  local f, err = io.open(path, "rb")
  if not f then return nil, tostring(err) end
  local text = f:read("a")
  f:close()
  if not text then return nil, path .. ": cannot read" end
  return M.parse(text, path, opts)
end

-- The entities of one sentence's tags: a list of {type = "PER", first = i,
-- last = j} over token indices, in order. Reads IOB1, IOB2/BIO, IOBES and
-- BILOU alike (see the top of this file); a malformed tag counts as O.
function M.spans(tags)
  local out = {}
  local cur = nil
  for i, tag in ipairs(tags) do
    local p, t = split_tag(tag)
    if not p then                                  -- O (or malformed)
      cur = nil
    else
      if p == "B" or p == "S" or p == "U" or not cur or cur.type ~= t then
        cur = { type = t, first = i, last = i }
        out[#out + 1] = cur
      else
        cur.last = i
      end
      if p == "E" or p == "L" or p == "S" or p == "U" then cur = nil end
    end
  end
  return out
end

-- The tags of a sentence rewritten in one scheme ("iob2" or "bilou") from
-- its spans: what a tagger trains on whatever scheme the file used.
function M.retag(tags, scheme)
  local out = {}
  for i = 1, #tags do out[i] = "O" end
  for _, e in ipairs(M.spans(tags)) do
    if scheme == "bilou" then
      if e.first == e.last then
        out[e.first] = "U-" .. e.type
      else
        out[e.first] = "B-" .. e.type
        for i = e.first + 1, e.last - 1 do out[i] = "I-" .. e.type end
        out[e.last] = "L-" .. e.type
      end
    else
      out[e.first] = "B-" .. e.type
      for i = e.first + 1, e.last do out[i] = "I-" .. e.type end
    end
  end
  return out
end

return M

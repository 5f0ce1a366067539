-- lib.quotes.tokens: the quote rule's tokens are plain tables
-- (sentence:token_fields(): text, lower, kind, start, stop, index, built in
-- one C call), so its walks read Lua fields, not token objects (each field
-- of a token object is a C call: issue 13 measured ~1,170 instructions a read).

local M = {}

--- A per-article cache: returns fn(sent) -> the plain tokens of sent.
function M.cache()
  local by_start = {}
  return function(sent)
    local start = sent.start
    local toks = by_start[start]
    if not toks then
      toks = sent:token_fields()
      by_start[start] = toks
    end
    return toks
  end
end

--- Single-token hits of C matchers grouped by sentence, as
--- lib.text.token_hits_by_sentence does, with the plain tokens of `plain`
--- (a cache above): { {sent = s, toks = plain(s), [1..] = index of the
--- token in toks}, ... } in text order, each index once.
function M.hits_by_sentence(article, plain, ...)
  local at = {}
  for _, hits in ipairs { ... } do
    for _, h in ipairs(hits) do
      if h.tok_first == h.tok_last then at[#at + 1] = h end
    end
  end
  table.sort(at, function(x, y) return x.tok_first < y.tok_first end)
  local groups, last = {}, nil
  for _, h in ipairs(at) do
    if h.tok_first ~= last then
      last = h.tok_first
      local g = groups[#groups]
      if not g or h.start > g.sent.stop then
        local sent = article:sentence_at(h.start)
        g = nil
        if sent then
          local toks = plain(sent)
          g = { sent = sent, toks = toks, base = toks[1].index - 1 }
          groups[#groups + 1] = g
        end
      end
      -- (a gazetteer also matches a part of a hyphenated word: the hit
      -- must cover its whole token)
      local tk = g and g.toks[h.tok_first - g.base]
      if tk and tk.start == h.start and tk.stop == h.stop then g[#g + 1] = h.tok_first - g.base end
    end
  end
  return groups
end

return M

-- A fixed entity rule for tests/cli/test_eval_conll.sh: it marks every
-- whole-word occurrence of the names below, in the headline and the body,
-- so the scores of `lede eval --format conll` on tiny.*.txt are known
-- whatever the default rules do. Run with --no-default-rules --rules THIS.
local NAMES = {
  { "Acme Corp", "ORG" }, { "Paris", "LOC" }, { "Jane Doe", "PERSON" }, { "Tom Lee", "PERSON" },
  { "Italy", "LOC" }, { "Germany", "LOC" },
  { "Bank", "PERSON" },      -- spurious
  { "Jordan", "LOC" },       -- gold PER: PERSON as LOC
  { "French", "ORG" },       -- gold MISC: MISC as ORG
  { "Monday", "DATE" },      -- not an entity kind: not counted
}

local function each(s, name, fn)
  local init = 1
  while true do
    local a, b = s:find(name, init, true)
    if not a then return end
    local before, after = s:sub(a - 1, a - 1), s:sub(b + 1, b + 1)
    if not before:match("%w") and not after:match("%w") then fn(a, b) end
    init = b + 1
  end
end

return {
  name = "conll_test_entities", kinds = { "PERSON", "ORG", "LOC", "DATE" },
  run = function(article, ctx)
    for _, n in ipairs(NAMES) do
      each(article.title or "", n[1], function(a, b) ctx:annotate(n[2], a, b, { field = "title" }) end)
      each(article.text, n[1], function(a, b) ctx:annotate(n[2], a, b) end)
    end
  end,
}

-- A fixed quote rule for tests/cli/test_eval_brat.sh, so every count is known:
-- each “...” is a direct QUOTE (the text between the marks, a final comma
-- left out) with the speaker name "Anna Müller" and no mention span; each
-- "WORD said that CLAUSE." is a reported QUOTE of CLAUSE (without its full
-- stop) whose speaker mention is WORD.
return {
  name = "quotes",
  kinds = { "QUOTE" },
  run = function(article, ctx)
    local text = article.text
    for s, e in text:gmatch("“()[^”]-()”") do
      local stop = e - 1
      if text:sub(stop, stop) == "," then stop = stop - 1 end
      ctx:annotate("QUOTE", s, stop, { direct = true, speaker = "Anna Müller" })
    end
    for ws, w, s, e in text:gmatch("()(%a+) said that ()[^.]*()%.") do
      ctx:annotate("QUOTE", s, e - 1, { direct = false, speaker = w,
                                         speaker_start = ws, speaker_stop = ws + #w - 1 })
    end
  end,
}

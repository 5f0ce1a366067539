-- lede extract CORPUS... : one JSON line per article with its metadata,
-- clean text and every annotation the rules made. The output is the input
-- of `lede merge`, and itself a JSON Lines corpus lede reads back exactly
-- ("clean": true keeps the text and its offsets as they are).
--
--   lede extract --shard 2/8 corpus/ > part-2.jsonl      (one of 8 machines)
--   lede merge briefing part-*.jsonl                      (the whole report)
--
-- Articles are read one at a time (streaming), so memory stays flat. The
-- last line is {"articles": N, "lede_extract_end": true}: N records came
-- before it, and the output is complete.

local function record(a)
  local anns = {}
  for i, x in ipairs(a:annotations()) do
    anns[i] = { kind = x.kind, start = x.start, stop = x.stop, field = rawget(x, "field"),
                attrs = x.attrs }
  end
  return {
    id = a.id, index = a.index, path = a.path, line = a.line,
    title = a.title, subtitle = a.subtitle, date = a.date, source = a.source, url = a.url,
    byline = a.byline, dateline = a.dateline, agency = a.agency,
    categories = lede.json.array(a.categories), boilerplate = lede.json.array(a.boilerplate),
    text = a.text, clean = true,
    annotations = lede.json.array(anns),
  }
end

-- A write that fails (a full disk, a closed pipe) stops the run: exit 2.
local function put(line)
  local ok, err = io.stdout:write(line, "\n")
  if not ok then
    io.stderr:write("lede: extract: cannot write the output: ", tostring(err), "\n")
    os.exit(2)
  end
end

local n = 0
corpus:each(function(a)
  put(lede.json.encode(record(a)))
  n = n + 1
end)
-- The last line says the output is whole: `lede merge` checks it is there
-- and counts the articles before it (a run stopped half way has none). A
-- JSON Lines reader skips it: it has no "text".
put(lede.json.encode{ lede_extract_end = true, articles = n })

# lede run --stream: the corpus is read one article at a time, in bounded
# memory, with the same results and the same diagnostics as a normal run.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/per_article.lua" <<'LUA'
local rows = 0
corpus:each(function(a)
  local words = 0
  for _, t in ipairs(a:tokens()) do if t.kind == "word" then words = words + 1 end end
  print(a.index, a.id, a.title, a.date, #a:sentences(), words, #a:entities())
  rows = rows + 1
end)
io.stderr:write("rows ", rows, "\n")
LUA

run "$LEDE" run "$TMP/per_article.lua" "$CORPUS"
expect_rc 0
normal=$OUT
run "$LEDE" run --stream "$TMP/per_article.lua" "$CORPUS"
expect_rc 0
expect_eq "$OUT" "$normal" "(streamed output differs from the in-memory run)"
expect_out "$(printf '3\t002_38c80cf8b5a01419\tNATO head says violence in Kosovo unacceptable while calling for constructive dialogue with Serbia\t2025-04-26\t22')"

# for ... in corpus:articles() streams too; #corpus is a clear error
printf 'local n = 0\nfor a in corpus:articles() do n = n + 1 end\nprint(n, corpus.count, corpus.streaming)\nprint(#corpus)\n' > "$TMP/len.lua"
run "$LEDE" run --stream "$TMP/len.lua" "$CORPUS"
expect_rc 1
expect_out "$(printf '5\t5\ttrue')"
expect_err "a streamed corpus has no length"

# JSON Lines are read line by line, with line numbers in the warnings, and
# a missing path still gives exit status 2 after the rest is processed
cat > "$TMP/feed.jsonl" <<'JSONL'
{"id": "a", "text": "First article. It has two sentences.", "date": "2023-09-07"}
{"text": broken
{"id": "b", "text": "Second article here."}
JSONL
printf 'corpus:each(function(a) print(a.index, a.id, a.line, a.date) end)\nprint("warnings", corpus.warnings, "errors", corpus.errors)\n' > "$TMP/ids.lua"
run "$LEDE" run --stream "$TMP/ids.lua" "$TMP/feed.jsonl" "$TMP/missing.txt"
expect_rc 2
expect_out "$(printf '1\ta\t1\t2023-09-07')"
expect_out "$(printf '2\tb\t3\tnil')"
expect_out "$(printf 'warnings\t1\terrors\t1')"
expect_err_re "feed\.jsonl:2: warning: malformed JSON"
expect_err "missing.txt: error: cannot open"

# stdin streams as well
run_stdin "$TMP/feed.jsonl" "$LEDE" run --stream -q "$TMP/ids.lua" -
expect_rc 0
expect_out "$(printf '2\tb\t3\tnil')"

# bounded memory: 1,500 articles; the in-memory run keeps every object
# alive, the streamed one lets them go
mkdir -p "$TMP/big"
for i in $(seq 1 300); do
  for f in "$CORPUS"/*.txt; do cp "$f" "$TMP/big/$i-$(basename "$f")"; done
done
printf 'local n = 0\ncorpus:each(function(a) for _, s in ipairs(a:sentences()) do n = n + #s:tokens() end end)\nprint(n)\n' > "$TMP/tokens.lua"
# (under AddressSanitizer, freed memory sits in a quarantine that would hide
# the difference: turn it off for these two runs)
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=0"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$TMP/mem_normal" "$LEDE" run -q "$TMP/tokens.lua" "$TMP/big" > "$TMP/n1"
  /usr/bin/time -f '%M' -o "$TMP/mem_stream" "$LEDE" run -q --stream "$TMP/tokens.lua" "$TMP/big" > "$TMP/n2"
  expect_eq "$(cat "$TMP/n2")" "$(cat "$TMP/n1")" "(token counts)"
  normal_kb=$(tail -1 "$TMP/mem_normal"); stream_kb=$(tail -1 "$TMP/mem_stream")
  CHECKS=$((CHECKS + 1))
  [ $((stream_kb * 3)) -lt "$normal_kb" ] ||
    fail "streamed peak ${stream_kb} KB is not under a third of the in-memory ${normal_kb} KB"
else
  fail "/usr/bin/time is missing (contrib/install-deps.sh installs it)"
fi

finish

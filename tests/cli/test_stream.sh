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

# bounded memory: what a run holds beyond its fixed start-up memory (Lua,
# the libraries, the rules) grows with the corpus in memory and not when
# streamed. Peaks over 150 and 1,500 articles; the streamed growth must be
# under a tenth of the in-memory growth (a ratio of whole peaks would move
# with the start-up memory, which has nothing to do with streaming).
mkdir -p "$TMP/big" "$TMP/small"
for i in $(seq 1 300); do
  for f in "$CORPUS"/*.txt; do
    cp "$f" "$TMP/big/$i-$(basename "$f")"
    [ "$i" -le 30 ] && cp "$f" "$TMP/small/$i-$(basename "$f")"
  done
done
printf 'local n = 0\ncorpus:each(function(a) for _, s in ipairs(a:sentences()) do n = n + #s:tokens() end end)\nprint(n)\n' > "$TMP/tokens.lua"
# (under AddressSanitizer, freed memory sits in a quarantine that would hide
# the difference: turn it off for these runs)
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=0"
peak_kb() { # peak_kb NAME [--stream] DIR: a run's peak RSS in KB
  local name=$1; shift
  /usr/bin/time -f '%M' -o "$TMP/mem_$name" "$LEDE" run -q "$@" > "$TMP/out_$name"
  tail -1 "$TMP/mem_$name"
}
if [ -x /usr/bin/time ]; then
  normal_big=$(peak_kb nb "$TMP/tokens.lua" "$TMP/big")
  stream_big=$(peak_kb sb --stream "$TMP/tokens.lua" "$TMP/big")
  normal_small=$(peak_kb ns "$TMP/tokens.lua" "$TMP/small")
  stream_small=$(peak_kb ss --stream "$TMP/tokens.lua" "$TMP/small")
  expect_eq "$(cat "$TMP/out_sb")" "$(cat "$TMP/out_nb")" "(token counts)"
  normal_growth=$((normal_big - normal_small)); stream_growth=$((stream_big - stream_small))
  CHECKS=$((CHECKS + 1))
  [ "$normal_growth" -gt 0 ] && [ $((stream_growth * 10)) -lt "$normal_growth" ] ||
    fail "from 150 to 1,500 articles the streamed peak grew by ${stream_growth} KB (${stream_small} -> ${stream_big}), not under a tenth of the in-memory growth ${normal_growth} KB (${normal_small} -> ${normal_big})"
else
  fail "/usr/bin/time is missing (contrib/install-deps.sh installs it)"
fi

finish

# -j N over a stream (issue 13): lede extract and lede run --stream read a
# window of articles ahead and run the rules on worker threads; their
# output, warnings (and their order), counts and exit status are those of
# -j 1, byte for byte, with bad input, a failing rule, a rule stopped by
# its budget and the watchdog in the middle of the corpus.
. "$(dirname "$0")/lib.sh"

# ~200 varied articles: each sample article whole, without its first
# lines, and its first lines only, in three folders, with bad files among
# them
mkdir -p "$TMP/c/1" "$TMP/c/2/bad" "$TMP/c/3"
n=0
for f in "$DATA"/kosovo/*.txt "$DATA"/stories/*.txt "$DATA"/heldout/*.txt; do
  for cut in +1 +2 +3 +4 2 4 6; do
    case $cut in +*) tail -n "$cut" "$f";; *) head -n "$cut" "$f";; esac > "$TMP/cut"
    [ -s "$TMP/cut" ] || continue
    n=$((n + 1))
    mv "$TMP/cut" "$TMP/c/$((n % 3 + 1))/$(printf '%03d' "$n")-$(basename "$f")"
  done
done
printf 'bad \377 byte here. Second sentence.\n' > "$TMP/c/2/bad/latin.txt"
printf 'bin\000ary' > "$TMP/c/2/bad/blob.bin"
: > "$TMP/c/2/bad/empty.txt"
printf '{"id": "j1", "text": "Jens Stoltenberg spoke in Pristina on 3 May."}\n{"text": broken\n{"id": "j3", "text": "Three, said Albin Kurti."}\n' > "$TMP/c/2/feed.jsonl"
ARTICLES=$(( n + 2 + 1 ))   # the cut files, feed.jsonl's good lines, latin.txt
CHECKS=$((CHECKS + 1)); [ "$n" -ge 180 ] || fail "only $n articles made"

compare() { # compare ARGS...: the same command with -j 1, -j 2 and -j 4
  run "$LEDE" -j 1 "$@"
  local out1=$OUT err1=$ERR rc1=$RC
  for j in 2 4; do
    run "$LEDE" -j $j "$@"
    expect_eq "$RC" "$rc1" "(exit status of -j $j $*)"
    expect_eq "$OUT" "$out1" "(stdout of -j $j $*)"
    expect_eq "$ERR" "$err1" "(stderr of -j $j $*)"
  done
}

# extract: the bad files warn where they are read, a missing path is exit 2
compare extract "$TMP/c/1" "$TMP/c/2" "$TMP/nope" "$TMP/c/3"
expect_rc 2
expect_out "{\"articles\":$ARTICLES,\"lede_extract_end\":true}"
expect_out '"kind":"PERSON"'
expect_err "latin.txt:1: warning: invalid UTF-8"
expect_err "feed.jsonl:2"
expect_err "nope"
compare extract --fields id,annotations.kind,annotations.text "$TMP/c"
expect_rc 2

# run --stream: annotations and the stream's counts as each article comes
cat > "$TMP/each.lua" <<'LUA'
local n = 0
for a in corpus:articles() do
  n = n + 1
  local kinds = {}
  for _, x in ipairs(a:annotations()) do kinds[#kinds + 1] = x.kind .. ":" .. x.text end
  print(a.index, a.id, corpus.count, corpus.errors, corpus.warnings, #a:entities(), table.concat(kinds, "|"))
  if n == 40 then break end   -- the workers read ahead: not a word of it shows
end
print("counts", corpus.count, corpus.bytes, corpus.warnings, corpus.errors)
LUA
compare run --stream "$TMP/each.lua" "$TMP/c"
expect_rc 0   # the bad files come after the 40th article
expect_out "counts	40	"
cat > "$TMP/all.lua" <<'LUA'
corpus:each(function(a) print(a.index, a.id, #a:entities(), #a:dates(), #a:quotes()) end)
print("counts", corpus.count, corpus.bytes, corpus.warnings, corpus.errors)
LUA
compare run --stream "$TMP/all.lua" "$TMP/c/2" "$TMP/nope" "$TMP/c/3"
expect_rc 2
expect_err "blob.bin"
# only entities asked: the workers run the rules up to the entity rule
cat > "$TMP/ents.lua" <<'LUA'
corpus:each(function(a)
  local names = {}
  for _, e in ipairs(a:entities()) do names[#names + 1] = e.text end
  print(a.id, table.concat(names, ","))
end)
LUA
compare run --stream "$TMP/ents.lua" "$TMP/c"
expect_out "Stoltenberg"

# a rule that fails on one article in the middle: the same error at the
# same article, the same lines before it
cat > "$TMP/bad_rule.lua" <<'LUA'
return { name = "bad", run = function(a, ctx)
  if a.index == 50 then error("no figures here") end
  ctx:annotate("SEEN", 1, 1)
end }
LUA
compare extract --rules "$TMP/bad_rule.lua" "$TMP/c"
expect_rc 1
expect_err "rule 'bad'"
expect_err "no figures here"
expect_out '"index":49,'
expect_no_out '"index":50,'
compare run --stream --rules "$TMP/bad_rule.lua" "$TMP/all.lua" "$TMP/c"
expect_rc 1
expect_err "no figures here"
# protected by the script: every other article annotated
cat > "$TMP/guarded.lua" <<'LUA'
corpus:each(function(a)
  local ok, n = pcall(function() return #a:annotations("SEEN") end)
  print(a.index, ok and n or "failed")
end)
LUA
compare run --stream --rules "$TMP/bad_rule.lua" "$TMP/guarded.lua" "$TMP/c"
expect_rc 2
expect_out_re '^50	failed$'
expect_out_re '^51	1$'

# a rule stopped by its budget on two articles: the warnings in order,
# each before the lines of the articles after it
cat > "$TMP/slow_rule.lua" <<'LUA'
return { name = "slow", run = function(a, ctx)
  if a.index == 30 or a.index == 90 then while true do end end
end }
LUA
cat > "$TMP/budget.lua" <<'LUA'
lede.rules.budget{ instructions = 2e6 }
corpus:each(function(a) print(a.id, #a:entities()) io.stdout:flush() end)
LUA
compare run --stream --rules "$TMP/slow_rule.lua" "$TMP/budget.lua" "$TMP/c"
expect_rc 2
expect_err "rule 'slow'"
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$ERR" | grep -c "rule 'slow'")" = 2 ] || fail "expected two budget warnings"

# the watchdog: a rule that never ends on the first article; with -j the
# run stops the same way (exit 1, the limit named, the same message; on a
# later article, the lines before it would depend on the machine's speed)
cat > "$TMP/spin_rule.lua" <<'LUA'
return { name = "spin", run = function(a, ctx)
  if a.index == 1 then while true do end end
end }
LUA
cat > "$TMP/nobudget.lua" <<'LUA'
lede.rules.budget{ instructions = 0, seconds = 0 }   -- the watchdog alone stops the rule
corpus:each(function(a) print(a.index, #a:entities()) end)
LUA
compare run --stream --max-seconds 5 --rules "$TMP/spin_rule.lua" "$TMP/nobudget.lua" "$TMP/c/2"
expect_rc 1
expect_err "time limit reached (--max-seconds 5)"
expect_eq "$OUT" "" "(no article before the one that ran out of time)"

# bounded memory with -j 2: the window, not the corpus. Growth of the peak
# from 150 to 1,500 articles, streamed and in memory (a small rule, so the
# runs stay short); the streamed growth must be under a tenth of the other.
mkdir -p "$TMP/big" "$TMP/small"
for i in $(seq 1 300); do
  for f in "$CORPUS"/*.txt; do
    cp "$f" "$TMP/big/$i-$(basename "$f")"
    [ "$i" -le 30 ] && cp "$f" "$TMP/small/$i-$(basename "$f")"
  done
done
cat > "$TMP/words_rule.lua" <<'LUA'
return { name = "words", kinds = { "W" }, run = function(a, ctx)
  for _, s in ipairs(a:sentences()) do ctx:annotate("W", s.start, s.stop) end
end }
LUA
printf 'local n = 0\ncorpus:each(function(a) n = n + #a:annotations("W") end)\nprint(n)\n' > "$TMP/words.lua"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=0"
peak_kb() { # peak_kb NAME [--stream] DIR
  local name=$1; shift
  /usr/bin/time -f '%M' -o "$TMP/mem_$name" "$LEDE" -j 2 run -q --no-default-rules \
    --rules "$TMP/words_rule.lua" "$@" > "$TMP/out_$name"
  tail -1 "$TMP/mem_$name"
}
if [ -x /usr/bin/time ]; then
  nb=$(peak_kb nb "$TMP/words.lua" "$TMP/big"); sb=$(peak_kb sb --stream "$TMP/words.lua" "$TMP/big")
  ns=$(peak_kb ns "$TMP/words.lua" "$TMP/small"); ss=$(peak_kb ss --stream "$TMP/words.lua" "$TMP/small")
  expect_eq "$(cat "$TMP/out_sb")" "$(cat "$TMP/out_nb")" "(words, streamed and in memory)"
  CHECKS=$((CHECKS + 1))
  [ $(( (sb - ss) * 10 )) -lt $(( nb - ns )) ] ||
    fail "-j 2 --stream grew by $((sb - ss)) KB from 150 to 1,500 articles, in memory by $((nb - ns)) KB"
fi

finish

# -j N parses on N threads; everything a run prints (data, warnings and
# their order, exit status) is identical to -j 1.
. "$(dirname "$0")/lib.sh"

# a corpus with nested folders, bad files and JSON Lines
mkdir -p "$TMP/c/a/deep" "$TMP/c/b"
for i in 1 2 3 4 5 6; do
  for f in "$CORPUS"/*.txt; do cp "$f" "$TMP/c/$((i % 2 == 0 ? 1 : 0))$i-$(basename "$f")"; done
done
cp "$CORPUS"/00[12]*.txt "$TMP/c/a/deep/"
printf 'bad \377 byte here. Second sentence.\n' > "$TMP/c/a/latin.txt"
printf 'bin\000ary' > "$TMP/c/b/blob.bin"
: > "$TMP/c/b/empty.txt"
printf '{"id": "j1", "text": "One. Two."}\n{"text": broken\n{"id": "j3", "text": "Three."}\n' > "$TMP/c/b/feed.jsonl"

cat > "$TMP/dump.lua" <<'LUA'
for a in corpus:articles() do
  print(a.index, a.id, a.title, a.date, a.source, #a.paragraphs, #a:sentences(), #a:tokens(),
        #a:entities(), #a:figures())
end
print(#corpus, corpus.bytes, corpus.warnings, corpus.errors)
LUA

compare() { # compare ARGS...: the same command with -j 1 and -j 3
  run "$LEDE" -j 1 "$@"
  local out1=$OUT err1=$ERR rc1=$RC
  run "$LEDE" -j 3 "$@"
  expect_eq "$RC" "$rc1" "(exit status of $*)"
  expect_eq "$OUT" "$out1" "(stdout of $*)"
  expect_eq "$ERR" "$err1" "(stderr of $*)"
}

compare stats "$TMP/c"
expect_out_re '^articles +35$'
expect_err "latin.txt:1: warning: invalid UTF-8"
compare stats -o json "$TMP/c" "$TMP/nope" "$CORPUS"
expect_rc 2
compare run "$TMP/dump.lua" "$TMP/c"
compare report briefing -o json "$TMP/c"
compare report figures "$TMP/c"

# the rules run on worker threads; a rule the script adds still runs
cat > "$TMP/late_rule.lua" <<'LUA'
lede.rules.load{ name = "nato", run = function(a, ctx)
  for _, t in ipairs(a:tokens()) do
    if t.text == "NATO" then ctx:annotate("NATO", t.start, t.stop) end
  end
end }
for a in corpus:articles() do
  print(a.id, #a:annotations("NATO"), #a:entities("PERSON"), #a:quotes(), #a:dates())
end
LUA
compare run "$TMP/late_rule.lua" "$CORPUS"
expect_out "$(printf '001_5e1d57c8eee590f4\t3\t10')"

# a rule that fails on one article: with -j the script meets the same
# error, at the same article, whichever thread annotated it first
cat > "$TMP/bad_rule.lua" <<'LUA'
return { name = "bad", run = function(a, ctx)
  if a.id:find("^003") then error("no figures here") end
  ctx:annotate("SEEN", 1, 1)
end }
LUA
cat > "$TMP/each.lua" <<'LUA'
for a in corpus:articles() do print(a.id, #a:annotations("SEEN"), #a:entities()) end
LUA
compare run --rules "$TMP/bad_rule.lua" "$TMP/each.lua" "$CORPUS"
expect_rc 1
expect_err "rule 'bad'"
expect_err "no figures here"
expect_out "$(printf '002_38c80cf8b5a01419\t1')"
# protected by the script: the other articles are all annotated
cat > "$TMP/guarded.lua" <<'LUA'
for a in corpus:articles() do
  local ok, n = pcall(function() return #a:annotations("SEEN") end)
  print(a.id, ok and n or "failed")
end
LUA
compare run --rules "$TMP/bad_rule.lua" "$TMP/guarded.lua" "$CORPUS"
expect_rc 0
expect_out "$(printf '003_5436d8cd7f7d1021\tfailed')"
expect_out "$(printf '004_ecc3430881c5b6f9\t1')"

run "$LEDE" -j 0 stats "$CORPUS"
expect_rc 2; expect_err "-j needs a number from 1 to 64"
run "$LEDE" -j4 stats "$CORPUS"
expect_rc 0; expect_out_re '^articles +5$'

finish

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

# a script's own rules (issue 11, item 11): lede.rules.clear / load before
# its first query count with -j too (the rules ran before the script: 5
# PERSON with -j 1, 43 with -j 2)
cat > "$TMP/one.lua" <<'LUA'
return { name = "one", kinds = { "PERSON" }, run = function(a, ctx) ctx:annotate("PERSON", 1, 1) end }
LUA
cat > "$TMP/clear.lua" <<'LUA'
lede.rules.clear()
lede.rules.load(arg[1])
local n = 0
for a in corpus:articles() do n = n + #a:annotations("PERSON") end
print("PERSON", n)
LUA
compare run "$TMP/clear.lua" "$CORPUS" -- "$TMP/one.lua"
expect_rc 0
expect_out "$(printf 'PERSON\t5')"
# a rule file replacing a bundled rule by its name keeps its place
sed 's/name = "one"/name = "entities"/' "$TMP/one.lua" > "$TMP/entities.lua"
cat > "$TMP/replace.lua" <<'LUA'
lede.rules.load(arg[1])
for a in corpus:articles() do print(a.id, #a:annotations("PERSON"), #a:quotes(), #a:dates()) end
LUA
compare run "$TMP/replace.lua" "$CORPUS" -- "$TMP/entities.lua"
expect_out "$(printf '001_5e1d57c8eee590f4\t1\t')"
# rules cleared after the first query: the articles asked later get the
# new rules, as with -j 1 (what was prefetched with the old ones is dropped)
cat > "$TMP/later.lua" <<'LUA'
print(corpus[1].id, #corpus[1]:annotations("PERSON"))
lede.rules.clear()
lede.rules.load(arg[1])
for i = 2, #corpus do print(corpus[i].id, #corpus[i]:annotations("PERSON")) end
LUA
compare run "$TMP/later.lua" "$CORPUS" -- "$TMP/one.lua"
expect_out "$(printf '004_ecc3430881c5b6f9\t1')"
expect_no_out "$(printf '000_14052a908de9061f\t1\n')"

# the prefetch runs only the rules the query needs (issue 13): a rule for
# another kind never runs for report entities
cat > "$TMP/noisy.lua" <<'LUA'
return { name = "noisy", kinds = { "NOISE" }, run = function(a, ctx) io.stderr:write("noisy ran\n") end }
LUA
run "$LEDE" -j 2 report entities --rules "$TMP/noisy.lua" "$CORPUS"
expect_rc 0 "(report entities with a NOISE rule, -j 2)"
expect_out "Kurti"
CHECKS=$((CHECKS + 1)); case $ERR in *"noisy ran"*) fail "the NOISE rule ran for report entities";; esac

# what the workers hand the main state (annotations packed in C, or as
# JSON when an attribute is a table) comes back as -j 1 has it: every
# attribute type (2.0 a float, a 64-bit integer, a NUL in a string), the
# headline's field, equal annotations in the order they were made
cat > "$TMP/typed.lua" <<'LUA'
return { name = "typed", kinds = { "TYPED", "TABLED" }, run = function(a, ctx)
  ctx:annotate("TYPED", 1, 3, { s = a.id, i = #a.text, neg = -7, wide = 9007199254740993,
                                f = 0.5, whole = 2.0, t = true, no = false, nul = "a\0b" })
  ctx:annotate("TYPED", 1, 3, { second = 1 })
  if a.title and #a.title > 2 then ctx:annotate("TYPED", 1, 2, { field = "title" }) end
  if a.id:find("^002") then ctx:annotate("TABLED", 2, 4, { list = { 1, 2 }, s = "x" }) end
end }
LUA
cat > "$TMP/typed_dump.lua" <<'LUA'
local function show(v)
  if type(v) == "table" then return "table" .. #v end
  return string.format("%q", v)
end
for a in corpus:articles() do
  for _, x in ipairs(a:annotations({ "TYPED", "TABLED", "PERSON" })) do
    local kv = {}
    for k, v in pairs(x.attrs) do kv[#kv + 1] = k .. "=" .. show(v) end
    table.sort(kv)
    print(a.id, x.kind, x.start, x.stop, x.field, x.text, table.concat(kv, " "))
  end
end
LUA
compare run "$TMP/typed_dump.lua" --rules "$TMP/typed.lua" "$CORPUS"
expect_out 'whole=0x1p+1'
expect_out 'wide=9007199254740993'
expect_out 'TABLED'
compare run --stream "$TMP/typed_dump.lua" --rules "$TMP/typed.lua" "$CORPUS"
expect_out 'nul="a\0b"'

run "$LEDE" -j 0 stats "$CORPUS"
expect_rc 2; expect_err "-j needs a number from 1 to 64"
run "$LEDE" -j4 stats "$CORPUS"
expect_rc 0; expect_out_re '^articles +5$'

finish

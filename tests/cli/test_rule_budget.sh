# The per-article budget of each rule (issue 15): a rule that runs away on
# one article is stopped with a warning naming the article and the rule;
# that article keeps the other rules' annotations and the run goes on
# (exit 0); -j N gives the same output and warnings.
. "$(dirname "$0")/lib.sh"

A3=003_5436d8cd7f7d1021
cat > "$TMP/runaway.lua" <<'LUA'
return { name = "runaway", kinds = { "SEEN" }, run = function(a, ctx)
  ctx:annotate("SEEN", 1, 1)
  if a.id:find("^003") then while true do end end
  ctx:annotate("SEEN", 2, 2)
end }
LUA
cat > "$TMP/each.lua" <<'LUA'
if arg[1] then lede.rules.budget{ instructions = tonumber(arg[1]) } end
for a in corpus:articles() do
  print(a.id, #a:annotations("SEEN"), #a:entities(), #a:quotes(), #a:dates())
end
LUA
grep -v 'while true' "$TMP/runaway.lua" > "$TMP/calm.lua"
run "$LEDE" run --rules "$TMP/calm.lua" "$TMP/each.lua" "$CORPUS"
expect_rc 0
plain=$(printf '%s\n' "$OUT" | cut -f1,3-)

# the default budget (5e8 instructions or 30 s)
run timeout 300 "$LEDE" run --rules "$TMP/runaway.lua" "$TMP/each.lua" "$CORPUS"
expect_rc 0 "(a runaway rule, default budget)"
expect_err_re "lede: warning: rule 'runaway' \\($TMP/runaway.lua\\) stopped on article $A3 \\(index 4\\) after (500000000 instructions|30 s), its per-article budget: its 1 annotation there dropped, the other rules' kept"
expect_out "$(printf '%s\t0\t' "$A3")"
expect_out "$(printf '002_38c80cf8b5a01419\t2\t')"
expect_eq "$(printf '%s\n' "$OUT" | cut -f1,3-)" "$plain" "(the other rules' annotations)"

# a smaller budget, and -j: the same output and warnings
run timeout 120 "$LEDE" run --rules "$TMP/runaway.lua" "$TMP/each.lua" "$CORPUS" -- 3000000
expect_rc 0 "(a budget of 3e6 instructions)"
expect_err "stopped on article $A3 (index 4) after 3000000 instructions"
expect_eq "$(printf '%s\n' "$OUT" | cut -f1,3-)" "$plain" "(3e6: the other rules' annotations)"
out1=$OUT err1=$ERR
for j in 2 3; do
  run timeout 120 "$LEDE" -j $j run --rules "$TMP/runaway.lua" "$TMP/each.lua" "$CORPUS" -- 3000000
  expect_rc 0 "(-j $j)"
  expect_eq "$OUT" "$out1" "(stdout of -j $j)"
  expect_eq "$ERR" "$err1" "(stderr of -j $j)"
done

# a rule that catches the budget's error cannot go on
cat > "$TMP/stubborn.lua" <<'LUA'
return { name = "stubborn", kinds = { "SEEN" }, run = function(a, ctx)
  if a.id:find("^001") then
    while true do pcall(function() while true do end end) end
  end
end }
LUA
run timeout 120 "$LEDE" run --rules "$TMP/stubborn.lua" "$TMP/each.lua" "$CORPUS" -- 3000000
expect_rc 0 "(a rule catching the budget's error)"
expect_err "rule 'stubborn' ($TMP/stubborn.lua) stopped on article 001_5e1d57c8eee590f4 (index 2)"
expect_eq "$(printf '%s\n' "$OUT" | cut -f1,3-)" "$plain" "(stubborn: the other rules' annotations)"

# the time budget: a rule that calls C in a loop (few Lua instructions)
cat > "$TMP/slow.lua" <<'LUA'
return { name = "slow", run = function(a, ctx)
  if a.id:find("^004") then
    local s = string.rep("x", 100000)
    while true do s:rep(50):find("y", 1, true) end
  end
end }
LUA
cat > "$TMP/timed.lua" <<'LUA'
lede.rules.budget{ instructions = 0, seconds = 0.5 }
for a in corpus:articles() do print(a.id, #a:entities()) end
LUA
run timeout 120 "$LEDE" run --rules "$TMP/slow.lua" "$TMP/timed.lua" "$CORPUS"
expect_rc 0 "(the time budget)"
expect_err "rule 'slow' ($TMP/slow.lua) stopped on article 004_ecc3430881c5b6f9 (index 5) after 0.5 s"
expect_out "$(printf '004_ecc3430881c5b6f9\t')"

# a bundled report over a runaway rule that declares no kinds (so it runs
# for every query): the report is the one without it, and exit 0
sed 's/kinds = { "SEEN" }, //' "$TMP/runaway.lua" > "$TMP/anykind.lua"
run "$LEDE" report entities "$CORPUS"
want=$OUT
cat > "$TMP/rep.lua" <<'LUA'
lede.rules.budget{ instructions = 3e6 }
local chunk = assert(loadfile(arg[1]))
arg = { [0] = arg[1] }
return chunk()
LUA
run timeout 120 "$LEDE" run --rules "$TMP/anykind.lua" "$TMP/rep.lua" "$CORPUS" -- \
  "$LEDE_SRC/scripts/reports/entities.lua"
expect_rc 0 "(report entities over a runaway rule)"
expect_eq "$OUT" "$want" "(report entities with and without the runaway rule)"
expect_err "rule 'runaway' ($TMP/anykind.lua) stopped on article $A3"

# bad budgets are errors
printf 'lede.rules.budget{ instructions = -1 }\n' > "$TMP/neg.lua"
run "$LEDE" run "$TMP/neg.lua"
expect_rc 1
expect_err "lede.rules.budget: instructions must be a number >= 0"

finish

# The entity rule in time linear in its input (issue 11, item 13): an
# article of thousands of names, and one of tens of thousands of
# capitalized words, each within a Lua instruction budget that grows with
# the input. The budgets are a count, not a clock: the same on every
# machine. A rule that scans all the article's people for each mention, or
# spends the pattern engine's whole step budget at each word of an unbroken
# run, needs many times more and fails here.
. "$(dirname "$0")/lib.sh"
TO="timeout 120"

names() {   # names N FILE: N sentences, each naming a different person
  awk -v n="$1" 'BEGIN {
    split("John Mary Peter Anna Ivan Olga Ahmed Li Carlos Sofia", f, " ")
    split("Smith Brown Kowalski Petrov Haddad Wang Garcia Rossi Nakamura Okafor", l, " ")
    printf "A headline\n\n"
    for (i = 0; i < n; i++)
      printf "%s %s%d said the talks in Paris would go on. ", f[i % 10 + 1], l[int(i / 10) % 10 + 1], i
    printf "\n"
  }' > "$2"
}
cat > "$TMP/count.lua" <<'LUA'
local n, people = 0, 0
for a in corpus:articles() do
  for _, e in ipairs(a:entities()) do
    n = n + 1
    if e.kind == "PERSON" then people = people + 1 end
  end
end
print("entities", n, "people", people)
LUA

names 8000 "$TMP/names.txt"
# about 3,000 Lua instructions a name today; a quadratic step needs millions
run $TO "$LEDE" --max-instructions 60000000 run "$TMP/count.lua" "$TMP/names.txt"
expect_rc 0 "(8,000 names over 60 million instructions: a step is superlinear)"
expect_out_re "^entities	1[0-9]{4}	people	[0-9]{4}"

awk 'BEGIN { printf "Title\n\n"; for (i = 0; i < 64000; i++) printf "Word%d ", i; printf ".\n" }' \
  > "$TMP/caps.txt"
run $TO "$LEDE" --max-instructions 20000000 run "$TMP/count.lua" "$TMP/caps.txt"
expect_rc 0 "(64,000 capitalized words over 20 million instructions)"
expect_out "entities"

finish

# The Lua API's one convention, from the command line: lists, each_* iterators
# (on a stream too), corpus:article(id), unknown kinds as errors at the line.
. "$(dirname "$0")/lib.sh"

printf 'local n = 0\nfor a in corpus:each_article() do n = n + 1 end\nprint(n, corpus.streaming)\n' > "$TMP/each.lua"
run "$LEDE" run --stream "$TMP/each.lua" "$CORPUS"
expect_rc 0
expect_eq "$OUT" "$(printf '5\ttrue')"
run "$LEDE" run "$TMP/each.lua" "$CORPUS"
expect_eq "$OUT" "$(printf '5\tnil')"

printf 'for i, a in ipairs(corpus:articles()) do print(i, a.id, corpus:article(a.id) == a) end\n' > "$TMP/list.lua"
run "$LEDE" run "$TMP/list.lua" "$CORPUS/001_5e1d57c8eee590f4.txt"
expect_rc 0
expect_eq "$OUT" "$(printf '1\t001_5e1d57c8eee590f4\ttrue')"

printf 'local q = corpus:quotes()\nprint(#q, #corpus:utterances())\nlocal f = corpus:annotations("FIGURES")\n' > "$TMP/kind.lua"
run "$LEDE" run "$TMP/kind.lua" "$CORPUS"
expect_rc 1
expect_out_re '^[0-9]+	35$'
expect_err_re "kind.lua:3: unknown annotation kind 'FIGURES' \(the kinds are DATE, .*FIGURE"

# without any rule the API's own kinds are known, and empty; a misspelt one is not
printf 'print(#corpus:entities(), #corpus:quotes())\nprint(pcall(corpus.annotations, corpus, "QUOTES"))\n' > "$TMP/norules.lua"
run "$LEDE" run --no-default-rules "$TMP/norules.lua" "$CORPUS"
expect_rc 0
expect_out "$(printf '0\t0')"
expect_out_re "false	.*unknown annotation kind 'QUOTES' \(the kinds are DATE, FIGURE, LOC, ORG, PERSON, QUOTE, TIME\)"

finish

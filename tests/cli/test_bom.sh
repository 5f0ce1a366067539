# A UTF-8 byte order mark (issue 11, item 16): on stdin it turned JSON
# Lines into one plain-text article, silently. It is dropped before the
# format is judged, on stdin and in files (text and JSON Lines, with and
# without --stream); a text that starts with another EF.. character keeps it.
. "$(dirname "$0")/lib.sh"

BOM=$(printf '\357\273\277')
{ printf '%s' "$BOM"
  printf '{"id":"a","title":"One","text":"The minister said the talks went well."}\n'
  printf '{"id":"b","title":"Two","text":"The mayor said the bridge would open in May."}\n'
} > "$TMP/bom.jsonl"
printf 'print("n", #corpus)\nfor a in corpus:articles() do print(a.id, a.title) end\n' > "$TMP/ids.lua"
printf 'corpus:each(function(a) print(a.id, a.title) end)\n' > "$TMP/each.lua"

run_stdin "$TMP/bom.jsonl" "$LEDE" run "$TMP/ids.lua" -
expect_rc 0 "(BOM + JSON Lines on stdin)"
expect_out "$(printf 'n\t2')"
expect_out "$(printf 'a\tOne')"
expect_out "$(printf 'b\tTwo')"
expect_err_empty
run_stdin "$TMP/bom.jsonl" "$LEDE" run --stream "$TMP/each.lua" -
expect_rc 0 "(BOM + JSON Lines on stdin, --stream)"
expect_out "$(printf 'a\tOne')"
expect_out "$(printf 'b\tTwo')"
expect_err_empty

# a JSON Lines file with a BOM
run "$LEDE" run "$TMP/ids.lua" "$TMP/bom.jsonl"
expect_out "$(printf 'n\t2')"
expect_err_empty
run "$LEDE" run --stream "$TMP/each.lua" "$TMP/bom.jsonl"
expect_out "$(printf 'a\tOne')"
expect_err_empty

# a text file with a BOM: the title has no BOM in it
{ printf '%s' "$BOM"; printf 'Talks went well\n\nThe minister said the talks went well.\n'; } > "$TMP/bom.txt"
printf 'local a = corpus[1]\nprint("title", a.title == "Talks went well", a.text:byte(1))\n' > "$TMP/t.lua"
run "$LEDE" run "$TMP/t.lua" "$TMP/bom.txt"
expect_out "$(printf 'title\ttrue\t84')"
run_stdin "$TMP/bom.txt" "$LEDE" run "$TMP/t.lua" -
expect_out "$(printf 'title\ttrue\t84')"

# stdin text beginning with U+FF08 (EF BC 88) or with EF BB and no BF is kept whole
printf '\357\274\210Kosovo\357\274\211 talks\n\nThe minister said the talks went well.\n' > "$TMP/ff08.txt"
printf 'print("first", corpus[1].title:sub(1, 3) == "\\239\\188\\136")\n' > "$TMP/f.lua"
run_stdin "$TMP/ff08.txt" "$LEDE" run "$TMP/f.lua" -
expect_rc 0 "(U+FF08 first)"
expect_out "$(printf 'first\ttrue')"
printf '\357\273Kosovo talks\n\nThe minister said the talks went well.\n' > "$TMP/efbb.txt"
run_stdin "$TMP/efbb.txt" "$LEDE" stats -
expect_out_re "articles +1"
expect_err "invalid UTF-8 at byte 0"

# a BOM and blanks only: empty
printf '%s  \n' "$BOM" > "$TMP/bomonly.txt"
run_stdin "$TMP/bomonly.txt" "$LEDE" stats -
expect_err "empty input, skipped"

finish

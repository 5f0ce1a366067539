# Input edge cases of issue 11, item 17: a file of only Unicode spaces
# (U+3000, U+00A0, ...) was an article without a warning; UTF-16 files (a
# BOM, either order) were called binary and skipped. Now the first is empty
# (the same warning as a blank file), the second is read as its UTF-8, with
# surrogate pairs joined and an unpaired surrogate a U+FFFD with a warning.
. "$(dirname "$0")/lib.sh"
command -v iconv >/dev/null || { echo "iconv missing"; exit 1; }

# --- Unicode spaces only
printf '\343\200\200\302\240 \n\342\200\202\343\200\200\n' > "$TMP/spaces.txt"
printf '   \n\t\n' > "$TMP/blank.txt"
run "$LEDE" stats "$TMP/spaces.txt" "$TMP/blank.txt"
expect_rc 2 "(Unicode spaces: every file skipped)"
expect_err "lede: no articles in the corpus (every file was skipped or empty)"
expect_out_re "articles +0"
expect_err "lede: $TMP/spaces.txt: warning: empty file, skipped"
expect_err "lede: $TMP/blank.txt: warning: empty file, skipped"
# ... and a JSON Lines text of only those
printf '{"id":"x","text":"\\u3000\\u00a0 \\u2002"}\n{"id":"y","text":"The minister said the talks went well."}\n' > "$TMP/sp.jsonl"
run "$LEDE" stats "$TMP/sp.jsonl"
expect_out_re "articles +1"
expect_err "$TMP/sp.jsonl:1: warning: empty text, line skipped"
# a space inside words is still text
printf 'Talks\343\200\200went well\n\nThe minister said the talks went well.\n' > "$TMP/mixed.txt"
run "$LEDE" stats "$TMP/mixed.txt"
expect_out_re "articles +1"

# --- UTF-16 with a BOM, both orders, with a character outside the BMP
TXT='Pristina talks 😀

The minister said the talks in Prishtinë went well.
'
printf '%s' "$TXT" > "$TMP/u8.txt"
printf '\377\376' > "$TMP/le.txt"; printf '%s' "$TXT" | iconv -f UTF-8 -t UTF-16LE >> "$TMP/le.txt"
printf '\376\377' > "$TMP/be.txt"; printf '%s' "$TXT" | iconv -f UTF-8 -t UTF-16BE >> "$TMP/be.txt"
printf 'for a in corpus:articles() do print(a.id, a.title, #a:sentences(), a.text:find("Prishtinë", 1, true) ~= nil) end\n' > "$TMP/show.lua"
run "$LEDE" run "$TMP/show.lua" "$TMP/u8.txt" "$TMP/le.txt" "$TMP/be.txt"
expect_rc 0 "(UTF-16 files)"
expect_err_empty
expect_out "$(printf 'u8\tPristina talks 😀\t1\ttrue')"
expect_out "$(printf 'le\tPristina talks 😀\t1\ttrue')"
expect_out "$(printf 'be\tPristina talks 😀\t1\ttrue')"
# on stdin, and JSON Lines in UTF-16 on stdin are JSON Lines
run_stdin "$TMP/le.txt" "$LEDE" run "$TMP/show.lua" -
expect_out "$(printf -- '-\tPristina talks 😀\t1\ttrue')"
printf '{"id":"j1","title":"T1","text":"The minister said the talks went well."}\n{"id":"j2","title":"T2","text":"Prishtinë"}\n' > "$TMP/u8.jsonl"
printf '\377\376' > "$TMP/le.jsonl"; iconv -f UTF-8 -t UTF-16LE < "$TMP/u8.jsonl" >> "$TMP/le.jsonl"
run_stdin "$TMP/le.jsonl" "$LEDE" run "$TMP/show.lua" -
expect_out "$(printf 'j1\tT1')"
expect_out "$(printf 'j2\tT2')"
run "$LEDE" run "$TMP/show.lua" "$TMP/le.jsonl"
expect_out "$(printf 'j2\tT2')"
expect_err_empty

# an unpaired surrogate (a lone high one, then a lone low one): U+FFFD, warned
{ printf '\377\376'; printf 'Talks\n\nThe ' | iconv -f UTF-8 -t UTF-16LE; printf '\075\330'
  printf ' minister said the talks went well ' | iconv -f UTF-8 -t UTF-16LE; printf '\000\334'
  printf '.\n' | iconv -f UTF-8 -t UTF-16LE; } > "$TMP/lone.txt"
printf 'print(select(2, corpus[1].text:gsub("\\239\\191\\189", "")))\n' > "$TMP/fffd.lua"
run "$LEDE" run "$TMP/fffd.lua" "$TMP/lone.txt"
expect_rc 0 "(unpaired surrogates)"
expect_out "2"
expect_err "lede: $TMP/lone.txt: warning: UTF-16 (little-endian): 2 unpaired surrogates or odd bytes replaced with U+FFFD, the first at byte 24"

finish

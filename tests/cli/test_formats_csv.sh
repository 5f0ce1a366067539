# CSV and TSV exports with a header: one article per record; the text,
# title and date columns by name (defaults text/body/content, title/
# headline, date/published) or --text-column/--title-column/--date-column;
# RFC 4180 quoting: separators, doubled quotes and line breaks inside a
# quoted field. Found by extension or by a header naming a text column.
. "$(dirname "$0")/lib.sh"
printf 'id,headline,published,body,url\r\n' > "$TMP/export.csv"
printf 'k1,Kurti says talks will resume,2023-10-17,"Prime Minister Albin Kurti said, on Tuesday, that ""talks"" would resume.\r\n\r\nA second paragraph, in the same cell.",https://x.example/1\r\n' >> "$TMP/export.csv"
printf 'k2,NATO adds troops,"Oct 18, 2023",NATO Secretary General Jens Stoltenberg said more troops would go to Kosovo.,\r\n' >> "$TMP/export.csv"
printf '\r\n' >> "$TMP/export.csv"
printf 'k3,No text here,2023-10-19,,\r\n' >> "$TMP/export.csv"
cat > "$TMP/show.lua" <<'LUA'
for a in corpus:articles() do
  print(a.id, a.format, a.title, a.date, a.url, a.line)
  print("TEXT", (a.text:gsub("\n", "|")))
end
LUA
run "$LEDE" run "$TMP/show.lua" "$TMP/export.csv"
expect_rc 0
expect_out "$(printf 'k1\tcsv\tKurti says talks will resume\t2023-10-17\thttps://x.example/1\t2')"
expect_out 'TEXT	Prime Minister Albin Kurti said, on Tuesday, that "talks" would resume.||A second paragraph, in the same cell.'
expect_out "$(printf 'k2\tcsv\tNATO adds troops\t2023-10-18\tnil\t5')"
expect_err "export.csv:7: warning: no text in this row, skipped"
expect_no_out "No text here"
# TSV, columns named on the command line (both spellings of the option)
printf 'story\tname\twhen\n' > "$TMP/export.tsv"
printf 'EU envoy Miroslav Lajčák met both delegations.\tEU mediates\t19 October 2023\n' >> "$TMP/export.tsv"
run "$LEDE" run "$TMP/show.lua" "$TMP/export.tsv" --text-column story --title-column=name --date-column when
expect_rc 0
expect_out "$(printf 'export:2\ttsv\tEU mediates\t2023-10-19')"
expect_out "TEXT	EU envoy Miroslav Lajčák met both delegations."
# without the option the TSV has no text column: a warning and exit 2
run "$LEDE" stats "$TMP/export.tsv"
expect_rc 2; expect_err "export.tsv:1: warning: no text column in the header (text, body or content), skipped"
run "$LEDE" stats --text-column nope "$TMP/export.csv"
expect_rc 2; expect_err "no text column in the header (--text-column nope), skipped"
# a column option without a value is a usage error
run "$LEDE" stats "$TMP/export.csv" --text-column
expect_rc 2; expect_err "--text-column needs a value"
# by content: a header naming a text column, whatever the extension
printf 'title,text\nHello,"A short story, quoted."\n' > "$TMP/data.txt"
run "$LEDE" run "$TMP/show.lua" "$TMP/data.txt"
expect_rc 0; expect_out "$(printf 'data:2\tcsv\tHello')"; expect_out "TEXT	A short story, quoted."
# an unclosed quote: what was read is kept, with a warning naming the line
printf 'text\n"starts but never ends\nmore\n' > "$TMP/open.csv"
run "$LEDE" stats "$TMP/open.csv"
expect_out_re '^articles +1$'; expect_err "open.csv:4: warning: a quoted field is not closed"
# a bad date: a warning, the article kept without it
printf 'text,date\nSome text here.,someday\n' > "$TMP/baddate.csv"
run "$LEDE" stats "$TMP/baddate.csv"
expect_out_re '^articles +1$'; expect_err 'baddate.csv:2: warning: date "someday" not understood, ignored'
# streamed: the same records one at a time; sharded: every other record
run "$LEDE" --stream run "$TMP/show.lua" "$TMP/export.csv"
expect_rc 0; expect_eq "$(printf '%s\n' "$OUT" | grep -c '^TEXT')" 2
run "$LEDE" --shard 2/2 run "$TMP/show.lua" "$TMP/export.csv"
expect_out "k2	csv"; expect_no_out "k1	csv"
finish

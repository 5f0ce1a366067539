# PDF through poppler-glib: a PDF made here from a hard-wrapped text (with
# enscript and ghostscript's ps2pdf, Debian packages in install-deps)
# gives one article whose paragraphs are whole again, a word hyphenated at
# a line end joined, and the quotes found with their speakers. A PDF that
# cannot be read, or has no text, is a warning and exit 2.
. "$(dirname "$0")/lib.sh"
for tool in enscript ps2pdf; do
  command -v $tool >/dev/null || { echo "FAIL: $tool not installed (run contrib/install-deps.sh)"; exit 1; }
done
cat > "$TMP/story.txt" <<'TXT'
Kosovo talks to resume next week

PRISTINA, Kosovo (AP) -- Kosovo's Prime Minister Albin Kurti said on
Tuesday that talks with Serbia would resume in Brussels next week, after
months of tension in the north and a long dispute over the govern-
ment's plans. "We are ready to talk," Kurti told reporters, adding that
the European Union had invited both delegations to the meeting.

"There is no alternative to dialogue and we expect both sides to come to
the table in good faith," said the European Union's envoy Miroslav
Lajcak in a statement on Monday.
TXT
enscript -B -q -p "$TMP/story.ps" "$TMP/story.txt" && ps2pdf "$TMP/story.ps" "$TMP/story.pdf" ||
  { echo "FAIL: could not make the PDF"; exit 1; }
cat > "$TMP/show.lua" <<'LUA'
for a in corpus:articles() do
  print(a.id, a.format, a.title)
  for i, p in ipairs(a.paragraphs) do print("P" .. i, p) end
  for _, q in ipairs(a:annotations("QUOTE")) do print("Q", q.speaker) end
end
LUA
run "$LEDE" run "$TMP/show.lua" "$TMP/story.pdf"
expect_rc 0
expect_out "$(printf 'story\tpdf\tKosovo talks to resume next week')"
expect_out_re "^P1	PRISTINA, Kosovo \(AP\) -- Kosovo.s Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume in Brussels next week, after months of tension in the north and a long dispute over the government.s plans\. \"We are ready to talk,\" Kurti told reporters, adding that the European Union had invited both delegations to the meeting\.$"
expect_out_re "^P2	\"There is no alternative to dialogue and we expect both sides to come to the table in good faith,\" said the European Union.s envoy Miroslav Lajcak in a statement on Monday\.$"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^P')" 2
expect_out "Q	Miroslav Lajcak"
expect_out "Q	Albin Kurti"
# several pages with enscript's running header (file name, date, page
# number): the header goes, a paragraph broken by a page break is whole
towns="Pristina Belgrade Mitrovica Prizren Peja Gjakova Ferizaj Gjilan Podujeva Vushtrri Suhareka Rahovec Drenas Lipjan Malisheva Kamenica Viti Decan Istog Kline Skenderaj Dragash Fushe Obiliq Shtime Shterpce Novo Zvecan Leposavic Zubin"
i=0
for t in $towns; do
  i=$((i + 1))
  printf 'Item %s: the talks in Brussels went on for another day, officials said, and\nboth delegations met the envoy again to discuss the plans for the north\nof %s.\n\n' "$i" "$t"
done > "$TMP/long.txt"
enscript -q -p "$TMP/long.ps" "$TMP/long.txt" 2>/dev/null && ps2pdf "$TMP/long.ps" "$TMP/long.pdf"
run "$LEDE" run "$TMP/show.lua" "$TMP/long.pdf"
expect_rc 0
expect_no_out "long.txt"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^P[0-9]*	Item [0-9]*: the talks in Brussels went on for another day, officials said, and both delegations met the envoy again to discuss the plans for the north of [A-Z][a-z]*\.$')" 30
# by content whatever the name, and gzipped
cp "$TMP/story.pdf" "$TMP/story.bin"; gzip -c "$TMP/story.pdf" > "$TMP/story2.pdf.gz"
run "$LEDE" stats "$TMP/story.bin" "$TMP/story2.pdf.gz"
expect_rc 0; expect_out_re '^articles +2$'
expect_out_re '^format:pdf +2$'; expect_out_re '^compressed:gzip +1$'
# every format is named in --help
run "$LEDE" --help
for f in "HTML" "RSS and Atom" "WARC" "CSV/TSV" "PDF (.pdf)" "Factiva and LexisNexis" "gzip/zstd/xz" "--text-column" "--date DATE"; do
  expect_out "$f"
done
# damaged: a warning naming the file, exit 2, never a crash
head -c 300 "$TMP/story.pdf" > "$TMP/cut.pdf"
run "$LEDE" stats "$TMP/cut.pdf"
expect_rc 2; expect_err_re "cut\.pdf: warning: (unreadable PDF|PDF with no text)"
printf '%%PDF-1.4\ngarbage\n' > "$TMP/junk.pdf"
run "$LEDE" stats "$TMP/junk.pdf"
expect_rc 2; expect_err "junk.pdf: warning: unreadable PDF"
finish

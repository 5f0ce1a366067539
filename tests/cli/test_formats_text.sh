# Plain text as people keep it: hard-wrapped lines are joined into
# paragraphs (a sentence broken across lines reaches the rules whole); a
# Factiva or LexisNexis export is split into its articles with their
# metadata lines; a one-line file keeps its line as the body; text of one
# paragraph per line (the sample) is left as it is.
. "$(dirname "$0")/lib.sh"
cat > "$TMP/wrapped.txt" <<'TXT'
Kosovo talks to resume next week

By Ana Petrovic

PRISTINA, Kosovo (AP) -- Kosovo's Prime Minister Albin Kurti said on
Tuesday that talks with Serbia would resume in Brussels next week, after
months of tension in the north of the country. "We are ready to talk,"
Kurti told reporters, adding that the European Union had invited both
delegations.

"There is no alternative to dialogue and we expect both sides to come to
the table in good faith," said the European Union's envoy Miroslav
Lajcak in a statement on Monday.

Serbia's President Aleksandar Vucic has said he would send a delegation.
Belgrade does not recognise Kosovo's 2008 declaration of independence and
has repeatedly called on the international community to protect ethnic
Serbs in the north.
TXT
cat > "$TMP/show.lua" <<'LUA'
for a in corpus:articles() do
  print(a.id, a.format, a.title, a.date, a.source, a.byline)
  for i, p in ipairs(a.paragraphs) do print("P" .. i, p) end
  for _, q in ipairs(a:annotations("QUOTE")) do print("Q", q.speaker) end
end
LUA
run "$LEDE" run "$TMP/show.lua" "$TMP/wrapped.txt"
expect_rc 0
expect_out "$(printf 'wrapped\ttext\tKosovo talks to resume next week')"
expect_out "P1	PRISTINA, Kosovo (AP) -- Kosovo's Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume in Brussels next week, after months of tension in the north of the country. \"We are ready to talk,\" Kurti told reporters, adding that the European Union had invited both delegations."
expect_out "P2	\"There is no alternative to dialogue and we expect both sides to come to the table in good faith,\" said the European Union's envoy Miroslav Lajcak in a statement on Monday."
expect_out "Q	Miroslav Lajcak"
expect_out "Q	Albin Kurti"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^P')" 3
# the sample (one paragraph per line) is not touched: same counts as before
run "$LEDE" stats "$CORPUS"
expect_out_re '^paragraphs +[0-9]+$'
# a one-line file: its line is the body
printf 'Kurti said talks would resume.\n' > "$TMP/one.txt"
run "$LEDE" run "$TMP/show.lua" "$TMP/one.txt"
expect_out "P1	Kurti said talks would resume."
# Factiva: two articles, their metadata lines off the body
cat > "$TMP/factiva.txt" <<'TXT'
Kurti says talks with Serbia will resume
By Ana Petrovic
312 words
17 October 2023
Agence France Presse
AFPR
English
Copyright 2023 Agence France-Presse. All rights reserved.

Kosovo's Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume in Brussels next week.
"We are ready to talk," Kurti told reporters in Pristina.

Document AFPR000020231017ejah0005l

NATO to send more troops to Kosovo
145 words
18 October 2023
Reuters News
LBA
English
(c) 2023 Reuters Limited

NATO Secretary General Jens Stoltenberg said on Wednesday the alliance would send more troops to Kosovo.

Document LBA0000020231018ejai00123
TXT
run "$LEDE" run "$TMP/show.lua" "$TMP/factiva.txt"
expect_rc 0
expect_out "$(printf 'factiva:1\tfactiva\tKurti says talks with Serbia will resume\t2023-10-17\tAgence France Presse\tAna Petrovic')"
expect_out "P1	Kosovo's Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume in Brussels next week."
expect_out "$(printf 'factiva:2\tfactiva\tNATO to send more troops to Kosovo\t2023-10-18\tReuters News')"
expect_no_out "words"; expect_no_out "Document AFPR"; expect_no_out "Copyright"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^factiva:')" 2
# LexisNexis (Nexis Uni)
cat > "$TMP/nexis.txt" <<'TXT'
EU envoy meets both delegations
The Guardian (London)
October 19, 2023 Thursday
Copyright 2023 Guardian Newspapers Limited All Rights Reserved

Section: WORLD NEWS; Pg. 24
Length: 230 words
Byline: Miroslav Novak
Dateline: BRUSSELS

Body

EU envoy Miroslav Lajcak met both delegations in Brussels on Thursday and said progress was possible.

Load-Date: October 20, 2023

End of Document

Second story title
The Times
October 20, 2023 Friday

Body

Officials in Pristina said the border crossing would reopen on Saturday after talks.

End of Document
TXT
run "$LEDE" run "$TMP/show.lua" "$TMP/nexis.txt"
expect_rc 0
expect_out "$(printf 'nexis:1\tlexisnexis\tEU envoy meets both delegations\t2023-10-19\tThe Guardian (London)\tMiroslav Novak')"
expect_out "P1	EU envoy Miroslav Lajcak met both delegations in Brussels on Thursday and said progress was possible."
expect_out "$(printf 'nexis:2\tlexisnexis\tSecond story title\t2023-10-20\tThe Times')"
expect_no_out "Load-Date"; expect_no_out "Length:"; expect_no_out "End of Document"
run "$LEDE" stats "$TMP/factiva.txt" "$TMP/nexis.txt"
expect_out_re '^articles +4$'
finish

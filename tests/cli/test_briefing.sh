# The briefing report on the sample corpus, in every output format.
. "$(dirname "$0")/lib.sh"

run "$LEDE" report briefing "$CORPUS"
expect_rc 0
expect_err_empty
expect_out "Briefing: 5 articles, dated 2023-06-13 to 2025-04-26"
expect_out "title:     NATO chief calls for accountability over attack on NATO’s mission in Kosovo"
expect_out "dateline:  BELGRADE, Serbia"
expect_out "source:    Anadolu Agency"
expect_out "byline:    Agnes Szucs"
expect_out "lead:      NATO Secretary General Jens Stoltenberg Thursday called for holding accountable those who attacked NATO’s peacekeeping mission in Kosovo in May."
# dated articles come first, in date order: 004 (2023-06-13), 001, 002
first_ids=$(printf '%s\n' "$OUT" | sed -n 's/^id: *//p' | tr '\n' ' ')
expect_eq "$first_ids" "004_ecc3430881c5b6f9 001_5e1d57c8eee590f4 002_38c80cf8b5a01419 000_14052a908de9061f 003_5436d8cd7f7d1021 "

run "$LEDE" report briefing -o json "$CORPUS"
expect_rc 0
jq_eq '.articles | length' '5'
jq_eq '.first_date' '2023-06-13'
jq_eq '.articles[0].id' '004_ecc3430881c5b6f9'
jq_eq '.articles[1].date' '2023-09-07'
jq_eq '.articles[1].byline' 'Agnes Szucs'
jq_eq '.articles[2].dateline' 'BELGRADE, Serbia'
jq_eq '.articles[2].source' 'ValueCore'
jq_eq '.articles[2].lead | startswith("BELGRADE, Serbia (AP) — NATO Secretary General Jens Stoltenberg said Tuesday")' 'true'
jq_eq '.articles[3].title | startswith("NATO continues to urge")' 'true'
jq_eq '[.articles[].sentences | type] | unique | join(",")' 'number'
jq_eq '.articles[3].source' 'null'

run "$LEDE" report briefing -o csv "$CORPUS"
expect_rc 0
# one header and five records, each with 9 fields, counted by a quote-aware
# parser (Perl's core Text::ParseWords; perl-base is on every Debian system)
n=$(printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; my @f = parse_line(",", 1, $_); $ok++ if @f == 9; END { print $ok + 0 }')
expect_eq "$n" "6" "(CSV rows with 9 fields)"
expect_out "id,title,date,source,dateline,byline,sentences,words,lead"

run "$LEDE" report briefing -o md "$CORPUS"
expect_rc 0
expect_out "# Briefing: 5 articles"
expect_out "| id | title | date | source | dateline | byline | sentences | words | lead |"

run "$LEDE" report briefing -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out "<td>BELGRADE, Serbia</td>"

finish

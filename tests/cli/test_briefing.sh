# The briefing report on the sample corpus, in every output format.
. "$(dirname "$0")/lib.sh"

# csv_widths: the distinct field counts of the CSV on stdout ("9:6" = six
# records of 9 fields), counted by a quote-aware parser (Perl's core
# Text::ParseWords; perl-base is on every Debian system)
csv_widths() {
  printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; next if $_ eq ""; my @f = parse_line(",", 1, $_); $c{scalar @f}++; END { print join(" ", map { "$_:$c{$_}" } sort { $a <=> $b } keys %c) }'
}

run "$LEDE" report briefing "$CORPUS"
expect_rc 0
expect_err_empty
expect_out "Briefing: 5 articles, dated 2023-06-13 to 2025-04-26"
expect_out "title:     NATO chief calls for accountability over attack on NATO’s mission in Kosovo"
expect_out "dateline:  BELGRADE, Serbia"
expect_out "source:    Anadolu Agency"
expect_out "byline:    Agnes Szucs"
expect_out "lead:      NATO Secretary General Jens Stoltenberg Thursday called for holding accountable those who attacked NATO’s peacekeeping mission in Kosovo in May."
# dated articles come first, in date order: 004 (2023-06-13), 001, 002; no ids in text
first_titles=$(printf '%s\n' "$OUT" | sed -n 's/^title: *\(.\{12\}\).*/\1/p' | tr '\n' ';')
expect_eq "$first_titles" "NATO and EU ;NATO chief c;NATO head sa;[NATO contin;[NATO Secret;"
expect_no_out "001_5e1d57c8eee590f4"
# a title made from the lead: cut at a word, marked, flagged
expect_out "title:     [NATO continues to urge Serbian authorities to prosecute all…] (made from the lead: the article has no title)"
# the story at a glance: who, where, how many, who speaks
expect_out "People: Jens Stoltenberg (18), Vjosa Osmani-Sadriu (5), Albin Kurti (3)"
expect_out "Organisations: NATO (45), European Union (21), KFOR (11)"
expect_out "Places: Kosovo (50), Serbia (20), Belgrade (16)"
expect_out_re '^Anadolu Agency +1 +2023-09-07 +2023-09-07 +Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…$'
expect_out_re '^Jens Stoltenberg +18 +3 +Stoltenberg, Jens Stoltenberg$'
expect_out_re '^Vjosa Osmani-Sadriu +5 +2 +Vjosa Osmani, Osmani, Osmani-Sadriu, Vjosa Osmani-Sadriu$'
expect_out_re '^European Union +21 +5 +EU, European Union$'
expect_out_re '^Pristina +10 +4 +Pristina, Prishtina$'
expect_out_re '^4,000 +over +troops +well over 4,000 troops +2023-06-13: NATO and EU together for stability in…$'
expect_out_re '^700 +troops +700 more troops +Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…$'
expect_out_re '^93 +soldiers +93 of its soldiers +Anadolu Agency, 2023-09-07: NATO chief'
# quotes are utterances, as a reader counts them (Stoltenberg had 25 with fragments counted apart)
expect_out "16 figures, 35 quotes from 6 speakers, 3 sources"
# a date the loader doubts is said, with why, in the summary and the article
expect_out "Date in doubt: ValueCore, 2025-04-26?: NATO head says violence in Kosovo… (Jens Stoltenberg is called NATO Secretary General, an office left on 2024-10-01)"
expect_out "in doubt:  Jens Stoltenberg is called NATO Secretary General, an office left on 2024-10-01"
expect_out_re '^Jens Stoltenberg +19 +9 +10 +3$'
expect_out_re '^NATO official +6 +4 +2 +1$'
expect_out_re '^Mircea Geoană +3 +3 +0 +1$'
expect_out_re '^Vjosa Osmani-Sadriu +3 +3 +0 +2$'
expect_out_re '^Albin Kurti +2 +1 +1 +1$'
expect_out_re '^Aleksandar Vucic +2 +1 +1 +1$'
for h in "main people" "main organisations" "main places" "key figures" "most quoted" "sources"; do
  expect_out_re "^$h\$"
done

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
jq_eq '.articles[3].title' 'NATO continues to urge Serbian authorities to prosecute all…'
jq_eq '[.articles[].title_from_lead] | map(tostring) | join(",")' 'false,false,false,true,true'
jq_eq '.articles[1].label' 'Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…'
jq_eq '[.articles[].sentences | type] | unique | join(",")' 'number'
jq_eq '.articles[3].source' 'null'
jq_eq '.people[0] | "\(.name) \(.mentions) \(.articles)"' 'Jens Stoltenberg 18 3'
jq_eq '.people | length' '8'
jq_eq '[.organisations[].name] | .[0:3] | join(",")' 'NATO,European Union,KFOR'
jq_eq '.places[0].aliases | join(",")' 'Kosovo'
jq_eq '[.figures[] | select(.value == 700)][0] | "\(.unit) \(.article) \(.source)"' 'troops 001_5e1d57c8eee590f4 Anadolu Agency'
jq_eq '[.figures[] | select(.value == 1000) | .article] | sort | join(",")' '000_14052a908de9061f,003_5436d8cd7f7d1021'
jq_eq '.figures_total' '16'
jq_eq '.speakers[0].speaker' 'Jens Stoltenberg'
jq_eq '[.speakers[] | select(.speaker == "Vjosa Osmani-Sadriu")][0].quotes' '3'
jq_eq '[.sources[].source] | join(",")' '(unknown),Anadolu Agency,ValueCore'

run "$LEDE" report briefing -o csv "$CORPUS"
expect_rc 0
# CSV is one table: the articles (one header and five records of 9 fields)
expect_eq "$(csv_widths)" "13:6" "(CSV rows with 13 fields)"
expect_out "id,title,title_from_lead,shown_title,label,date,date_doubtful,source,dateline,byline,sentences,words,lead"
# another section on request
run "$LEDE" report briefing -o csv "$CORPUS" -- --section figures
expect_rc 0
expect_eq "$(csv_widths)" "8:11" "(figures CSV: header + 10 rows of 8 fields)"
expect_out "value,approx,unit,mention,article,label,source,date"
expect_out '700,,troops,700 more troops,001_5e1d57c8eee590f4,"Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…",Anadolu Agency,2023-09-07'
expect_out '4000,over,troops,"well over 4,000 troops",004_ecc3430881c5b6f9,2023-06-13: NATO and EU together for stability in…,,2023-06-13'
# every section in one table: a leading "section" column, the union of the columns
run "$LEDE" report briefing -o csv "$CORPUS" -- --section=all
expect_rc 0
expect_eq "$(csv_widths)" "31:49" "(all sections: every row 31 fields)"
expect_out_re '^section,id,title,title_from_lead,shown_title,label,date,date_doubtful,source,'
expect_out_re '^people,,+3,,+Jens Stoltenberg,18,'
run "$LEDE" report briefing -o csv "$CORPUS" -- --section nope
expect_rc 2
expect_err "no section 'nope' (sections: articles, sources, people, organisations, places, figures, speakers, all)"

run "$LEDE" report briefing -o md "$CORPUS"
expect_rc 0
expect_out "# Briefing: 5 articles"
expect_out "| title | date | in doubt | source | dateline | byline | sentences | words | lead |"
expect_out "## main people"
expect_out "| name | mentions | articles | aliases |"
expect_out "| Jens Stoltenberg | 18 | 3 | Stoltenberg, Jens Stoltenberg |"
expect_out "| 700 |  | troops | 700 more troops | Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… |"

run "$LEDE" report briefing -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out "<td>BELGRADE, Serbia</td>"
expect_out '<svg class="chart timeline"'
expect_out '<svg class="chart bars"'
expect_out "<h2>main people</h2>"
expect_out '<td class="nw">2023-09-07</td>'
expect_no_out "http://"
expect_no_out "https://"
expect_no_out "<script"
expect_no_out "<link"

finish

# The quotes report: who said what, grouped by speaker, in every format.
. "$(dirname "$0")/lib.sh"

# distinct field counts of the CSV on stdout ("8:43" = 43 lines of 8 fields),
# by a quote-aware parser (Perl's core Text::ParseWords)
csv_widths() {
  printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; next if $_ eq ""; my @f = parse_line(",", 1, $_); $c{scalar @f}++; END { print join(" ", map { "$_:$c{$_}" } sort { $a <=> $b } keys %c) }'
}

run "$LEDE" report --list
expect_out_re '^quotes +Who said what: quotes grouped by speaker'

run "$LEDE" report quotes "$CORPUS"
expect_rc 0
expect_err_empty
expect_out_re '^Quotes: [0-9]+ from 6 speakers$'
# most quoted first; per-article names merged (Vjosa Osmani in 003 is Vjosa Osmani-Sadriu)
heads=$(printf '%s\n' "$OUT" | sed -n 's/^▸ \(.*\) ([0-9]* quotes\{0,1\})$/\1/p' | tr '\n' ';')
expect_eq "$heads" "Jens Stoltenberg;NATO official;Vjosa Osmani-Sadriu;Mircea Geoană;Albin Kurti;Aleksandar Vucic;"
expect_out "▸ Vjosa Osmani-Sadriu (5 quotes)"
expect_out_re '^001_5e1d57c8eee590f4 +2023-09-07 +direct +said +totally unacceptable$'
expect_out_re '^002_38c80cf8b5a01419 +2025-04-26 +direct +said +I count on all sides to reduce tensions'
expect_out_re '^003_5436d8cd7f7d1021 +direct +said +Of course, he wants to open this front'
expect_out_re '^004_ecc3430881c5b6f9 +2023-06-13 +direct +recalled +NATO has been committed to stability'
expect_out_re '^000_14052a908de9061f +reported +stated +NATO continues to urge Serbian authorities'
# long quotes wrap instead of being cut
expect_out_re '^ {20,}are held accountable.”$'
expect_out_re '^Vjosa Osmani-Sadriu +5 +5 +0 +001_5e1d57c8eee590f4, 003_5436d8cd7f7d1021$'

run "$LEDE" report quotes -o json "$CORPUS"
expect_rc 0
jq_eq '.speakers | length' '6'
jq_eq '.speakers[0] | "\(.speaker) \(.articles | length)"' 'Jens Stoltenberg 3'
jq_eq '(.quotes | length) == (.speakers | map(.quotes) | add)' 'true'
jq_eq '[.quotes[] | select(.speaker == "Vjosa Osmani-Sadriu") | .article] | unique | join(",")' '001_5e1d57c8eee590f4,003_5436d8cd7f7d1021'
jq_eq '[.quotes[] | select(.speaker == "Aleksandar Vucic" and .direct)][0] | "\(.cue): \(.text) [\(.article) \(.date) \(.source)]"' 'insisted: are under threat in Kosovo [002_38c80cf8b5a01419 2025-04-26 ValueCore]'
jq_eq '[.quotes[] | select(.speaker == "Mircea Geoană") | .kind] | join(",")' 'direct,direct,direct'
jq_eq '[.quotes[] | select(.kind != "direct" and .kind != "reported")] | length' '0'

run "$LEDE" report quotes -o csv "$CORPUS"
expect_rc 0
n=$(printf '%s\n' "$OUT" | grep -c .)
expect_eq "$(csv_widths)" "8:$n" "(every CSV line has 8 fields)"
expect_out "speaker,article,date,source,kind,direct,cue,text"
expect_out 'Aleksandar Vucic,002_38c80cf8b5a01419,2025-04-26,ValueCore,direct,true,insisted,are under threat in Kosovo'
run "$LEDE" report quotes -o csv "$CORPUS" -- --section speakers
expect_rc 0
expect_eq "$(csv_widths)" "5:7" "(header + 6 speakers, 5 fields)"
expect_out 'Vjosa Osmani-Sadriu,5,5,0,"001_5e1d57c8eee590f4, 003_5436d8cd7f7d1021"'

run "$LEDE" report quotes -o md "$CORPUS"
expect_rc 0
expect_out "### Jens Stoltenberg (25 quotes)"
expect_out "| article | date | kind | cue | text |"
expect_out "| 002_38c80cf8b5a01419 | 2025-04-26 | direct | insisted | are under threat in Kosovo |"

run "$LEDE" report quotes -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out "<h3>Mircea Geoană <small>(3 quotes)</small></h3>"
expect_out "<td>I count on all sides to reduce tensions and to refrain from escalatory actions</td>"
expect_no_out "http://"
expect_no_out "https://"

finish

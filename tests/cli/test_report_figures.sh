# The figures report: every number, grouped by what it counts, in every format.
. "$(dirname "$0")/lib.sh"

# distinct field counts of the CSV on stdout ("9:17" = 17 lines of 9 fields),
# by a quote-aware parser (Perl's core Text::ParseWords)
csv_widths() {
  printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; next if $_ eq ""; my @f = parse_line(",", 1, $_); $c{scalar @f}++; END { print join(" ", map { "$_:$c{$_}" } sort { $a <=> $b } keys %c) }'
}

run "$LEDE" report --list
expect_out_re '^figures +Every reported number: value, approx, unit and sentence, grouped by what it counts'

run "$LEDE" report figures "$CORPUS"
expect_rc 0
expect_err_empty
expect_out "Figures: 16 reported numbers in 6 groups"
# what is counted, as data (scripts/data/unit_classes.tsv): soldiers, troops,
# peacekeepers and service members are troops; gunmen and masked men armed men
expect_out "▸ troops (8 figures)"
expect_out "▸ armed men (2 figures)"
expect_out "▸ police officers (1 figure)"
expect_out "▸ percent (2 figures)"
expect_no_out "▸ soldier"
# "93 soldiers" and "93 troops" in one group, with their sources by label
expect_out_re '^93 +soldiers +93 of its soldiers +Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… +NATO decided to deploy 700 more troops in the KFOR mission after 93 of$'
expect_out_re '^93 +troops +93 troops +ValueCore, 2025-04-26\?: NATO head says violence in Kosovo… +The NATO head said in Belgrade'
expect_out "its soldiers were injured amid unrest in May"
expect_out_re '^700 +troops +700 more troops +Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… +NATO decided'
expect_out_re '^1,000 +over +troops +over 1,000 additional troops +\[NATO continues to urge Serbian…\] +In response to the 2023 violence'
expect_out_re '^1,000 +troops +1,000 additional troops +\[NATO Secretary General Jens Stoltenberg…\] +NATO deployed 1,000 additional troops'
expect_out_re '^4,000 +over +troops +well over 4,000 troops +2023-06-13: NATO and EU together for stability in… '
expect_out_re '^ +dozens +peacekeepers +dozens of peacekeepers +\[NATO continues to urge Serbian…\] '
expect_no_out "001_5e1d57c8eee590f4"
# the troops group, largest first, the vague "dozens" last
troops=$(printf '%s\n' "$OUT" | sed -n '/^▸ troops /,/^$/p' | grep -oE '^[0-9,]+' | tr '\n' ' ')
expect_eq "$troops" "4,000 1,000 1,000 700 500 93 93 "
expect_out_re '^troops +8 +4,000, 1,000, 1,000, 700, 500, 93, 93, dozens +\[NATO continues to urge Serbian…\]; Anadolu Agency,$'
# a group names its first three articles, then how many more
expect_out_re '^ +\(\+2 more\)$'

run "$LEDE" report figures -o json "$CORPUS"
expect_rc 0
jq_eq '.count' '16'
jq_eq '.figures | length' '16'
jq_eq '[.figures[] | select(.value == 93)] | map("\(.counts) \(.unit) \(.article) \(.source)") | join(";")' 'troops soldiers 001_5e1d57c8eee590f4 Anadolu Agency;troops troops 002_38c80cf8b5a01419 ValueCore'
jq_eq '[.figures[] | select(.unit == "soldiers")][0].sentence | test("93 of its soldiers were injured")' 'true'
jq_eq '[.figures[] | select(.counts == "troops" and .value == 700)][0] | "\(.article) \(.source) \(.date) \(.label)"' '001_5e1d57c8eee590f4 Anadolu Agency 2023-09-07 Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…'
jq_eq '[.figures[] | select(.counts == "troops" and .value == 1000)] | map("\(.article)/\(.approx)") | join(",")' '000_14052a908de9061f/over,003_5436d8cd7f7d1021/null'
jq_eq '[.figures[] | select(.counts == "troops") | .value] | map(tostring) | join(",")' '4000,1000,1000,700,500,93,93,null'
jq_eq '[.figures[] | select(.value == null)][0] | "\(.approx) \(.unit)"' 'dozens peacekeepers'
jq_eq '.counts[0] | "\(.counts) \(.figures)"' 'troops 8'
jq_eq '[.counts[].counts] | sort | join(",")' 'armed men,country,incident,percent,police officers,troops'

run "$LEDE" report figures -o csv "$CORPUS"
expect_rc 0
expect_eq "$(csv_widths)" "10:17" "(header + 16 figures, 10 fields each)"
expect_out "counts,value,approx,unit,mention,article,label,source,date,sentence"
expect_out 'troops,93,,soldiers,93 of its soldiers,001_5e1d57c8eee590f4,"Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…",Anadolu Agency,2023-09-07,'
expect_out 'troops,1000,over,troops,"over 1,000 additional troops",000_14052a908de9061f,[NATO continues to urge Serbian…],,,'
run "$LEDE" report figures -o csv "$CORPUS" -- --section counts
expect_rc 0
expect_eq "$(csv_widths)" "5:7" "(header + 6 groups, 5 fields each)"
expect_out 'troops,8,"4000, 1000, 1000, 700, 500, 93, 93, dozens",'

run "$LEDE" report figures -o md "$CORPUS"
expect_rc 0
expect_out "# Figures: 16 reported numbers"
expect_out "### troops (8 figures)"
expect_out "| value | approx | unit | mention | article | sentence |"
expect_out "| 1,000 | over | troops | over 1,000 additional troops | \\[NATO continues to urge Serbian…\\] | In response to the 2023 violence, NATO deployed over 1,000 additional troops to Kosovo, significantly reinforcing KFOR’s presence in the north — marking the largest troop increase in over a decade. |"

run "$LEDE" report figures -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out "<h3>armed men <small>(2 figures)</small></h3>"
expect_out '<td class="num">1,000</td>'
expect_out '<svg class="chart bars"'
expect_no_out "http://"
expect_no_out "https://"

finish

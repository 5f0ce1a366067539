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
expect_out "Figures: 16 reported numbers in 10 groups"
# troops and soldiers: plural units grouped under their singular head noun
expect_out "▸ troop (5 figures)"
expect_out "▸ soldier (1 figure)"
expect_out "▸ man (1 figure)"
expect_out "▸ percent (2 figures)"
# 93 injured soldiers, and both 700 and 1,000 troops, with their sources
expect_out_re '^93 +soldiers +93 of its soldiers +001_5e1d57c8eee590f4 +Anadolu Agency +NATO decided to deploy 700 more troops in the KFOR mission after 93 of$'
expect_out "its soldiers were injured amid unrest in May"
expect_out_re '^700 +troops +700 more troops +001_5e1d57c8eee590f4 +Anadolu Agency +NATO decided'
expect_out_re '^1,000 +over +troops +over 1,000 additional troops +000_14052a908de9061f +In response to the 2023 violence'
expect_out_re '^1,000 +troops +1,000 additional troops +003_5436d8cd7f7d1021 +NATO deployed 1,000 additional troops'
expect_out_re '^4,000 +over +troops +well over 4,000 troops +004_ecc3430881c5b6f9 '
expect_out_re '^ +dozens +peacekeepers +dozens of peacekeepers +000_14052a908de9061f '
# the troop group, largest first
troops=$(printf '%s\n' "$OUT" | sed -n '/^▸ troop /,/^$/p' | grep -oE '^[0-9,]+' | tr '\n' ' ')
expect_eq "$troops" "4,000 1,000 1,000 700 93 "
expect_out_re '^troop +5 +4,000, 1,000, 1,000, 700, 93 +000_14052a908de9061f, '

run "$LEDE" report figures -o json "$CORPUS"
expect_rc 0
jq_eq '.count' '16'
jq_eq '.figures | length' '16'
jq_eq '[.figures[] | select(.counts == "soldier")] | map("\(.value) \(.unit) \(.article) \(.source)") | join(";")' '93 soldiers 001_5e1d57c8eee590f4 Anadolu Agency'
jq_eq '[.figures[] | select(.counts == "soldier")][0].sentence | test("93 of its soldiers were injured")' 'true'
jq_eq '[.figures[] | select(.counts == "troop" and .value == 700)][0] | "\(.article) \(.source) \(.date)"' '001_5e1d57c8eee590f4 Anadolu Agency 2023-09-07'
jq_eq '[.figures[] | select(.counts == "troop" and .value == 1000)] | map("\(.article)/\(.approx)") | join(",")' '000_14052a908de9061f/over,003_5436d8cd7f7d1021/null'
jq_eq '[.figures[] | select(.counts == "troop") | .value] | join(",")' '4000,1000,1000,700,93'
jq_eq '[.figures[] | select(.value == null)][0] | "\(.approx) \(.unit)"' 'dozens peacekeepers'
jq_eq '.counts[0] | "\(.counts) \(.figures)"' 'troop 5'
jq_eq '[.counts[].counts] | sort | join(",")' 'country,gunman,incident,man,member,officer,peacekeeper,percent,soldier,troop'

run "$LEDE" report figures -o csv "$CORPUS"
expect_rc 0
expect_eq "$(csv_widths)" "9:17" "(header + 16 figures, 9 fields each)"
expect_out "counts,value,approx,unit,mention,article,source,date,sentence"
expect_out 'soldier,93,,soldiers,93 of its soldiers,001_5e1d57c8eee590f4,Anadolu Agency,2023-09-07,'
expect_out 'troop,1000,over,troops,"over 1,000 additional troops",000_14052a908de9061f,,,'
run "$LEDE" report figures -o csv "$CORPUS" -- --section counts
expect_rc 0
expect_eq "$(csv_widths)" "4:11" "(header + 10 groups, 4 fields each)"
expect_out 'troop,5,"4000, 1000, 1000, 700, 93",'

run "$LEDE" report figures -o md "$CORPUS"
expect_rc 0
expect_out "# Figures: 16 reported numbers"
expect_out "### troop (5 figures)"
expect_out "| value | approx | unit | mention | article | source | sentence |"
expect_out "| 1,000 | over | troops | over 1,000 additional troops | 000_14052a908de9061f |  |"

run "$LEDE" report figures -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out "<h3>soldier <small>(1 figure)</small></h3>"
expect_out '<td class="num">1,000</td>'
expect_out '<svg class="chart bars"'
expect_no_out "http://"
expect_no_out "https://"

finish

# The timeline report: dated events in date order, in every format.
. "$(dirname "$0")/lib.sh"

# distinct field counts of the CSV on stdout, by a quote-aware parser
csv_widths() {
  printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; next if $_ eq ""; my @f = parse_line(",", 1, $_); $c{scalar @f}++; END { print join(" ", map { "$_:$c{$_}" } sort { $a <=> $b } keys %c) }'
}

run "$LEDE" report --list
expect_out_re '^timeline +Dated events across the corpus, in date order'

run "$LEDE" report timeline "$CORPUS"
expect_rc 0
expect_err_empty
expect_out "Timeline: 25 dated events, 199X to 2025-04-22"
expect_out "33 date expressions in 5 articles; 8 could not be placed on the calendar."
# articles by source, date and a short title (a made-up one in brackets); no ids
expect_out_re '^2025-04-22 +Tuesday → 2025-04-22 \(relative to article date 2025-04-26\) +ValueCore, 2025-04-26\?: NATO head says violence in Kosovo… +BELGRADE, Serbia \(AP\)'
expect_out_re '^2023-09-07 +Thursday → 2023-09-07 \(relative to article date 2023-09-07\) +Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… '
expect_out_re '^2023-W37 +next week → 2023-W37 \(relative to article date 2023-09-07\) +Anadolu Agency, 2023-09-07: '
expect_out_re '^2023-06-05 +5 June 2023 → 2023-06-05 \(absolute\) +2023-06-13: NATO and EU together for stability in… +NATO reinforcements arrived in Kosovo on 5 June 2023'
expect_out_re '^Monday → unresolved \(the article has no date to count from\) +\[NATO Secretary General Jens Stoltenberg…\] +NATO Secretary General'
expect_out_re '^September 24 → XXXX-09-24 \(year unknown: the article has no date\) +\[NATO Secretary General Jens Stoltenberg…\] '
expect_no_out "001_5e1d57c8eee590f4"

# ordered by resolved value: decade, years, months, weeks, days
dates=$(printf '%s\n' "$OUT" | sed -n '/^events in date order/,/^not placed/p' | grep -oE '^(1|2)[0-9X-]*[0-9X](-W[0-9]+)?' | tr '\n' ' ')
expect_eq "$dates" "199X 199X 1999 2008 2008 2011 2023 2023 2023 2023-05 2023-05 2023-05 2023-06-05 2023-06-13 2023-06-13 2023-09 2023-09-07 2023-W37 2024-05 2024-05 2024-09 2024-09 2024-09 2025-04-21 2025-04-22 "

run "$LEDE" report timeline -o json "$CORPUS"
expect_rc 0
jq_eq '.events | length' '25'
jq_eq '.unresolved | length' '8'
jq_eq '[.events[] | select(.expression == "Tuesday")][0] | "\(.date) \(.how) \(.article) \(.published)"' '2025-04-22 relative 002_38c80cf8b5a01419 2025-04-26'
jq_eq '[.events[] | select(.how == "relative") | .resolution | test("relative to article date [0-9-]+\\)$")] | all' 'true'
jq_eq '[.events[] | select(.expression == "13 June 2023")][0].resolution' '13 June 2023 → 2023-06-13 (absolute)'
jq_eq '[.unresolved[] | .how] | unique | join(",")' 'unanchored'
jq_eq '[.unresolved[] | select(.date == null) | .expression] | join(",")' 'Monday,Tuesday,Last month'
jq_eq '[.events[] | .date] == ([.events[] | .date] | sort_by(sub("X"; "0")))' 'true'

run "$LEDE" report timeline -o csv "$CORPUS"
expect_rc 0
expect_eq "$(csv_widths)" "10:26" "(header + 25 events, 10 fields)"
expect_out "date,precision,expression,how,resolution,article,label,source,published,sentence"
expect_out '2023-W37,week,next week,relative,next week → 2023-W37 (relative to article date 2023-09-07),001_5e1d57c8eee590f4,"Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…",Anadolu Agency,2023-09-07,'
run "$LEDE" report timeline -o csv "$CORPUS" -- --section unresolved
expect_rc 0
expect_eq "$(csv_widths)" "10:9" "(header + 8 unresolved, 10 fields)"

run "$LEDE" report timeline -o md "$CORPUS"
expect_rc 0
expect_out "## events in date order"
expect_out "| date | resolution | article | sentence |"
expect_out "| 2023-09-07 | Thursday → 2023-09-07 (relative to article date 2023-09-07) | Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… |"

run "$LEDE" report timeline -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out '<svg class="chart timeline"'
# one lane per article, named by its label
expect_out_re 'class="lanelabel">ValueCore, 2025-04-26\?: NATO head[^<]*</text>'
expect_no_out '>002_38c80cf8b5a01419'
expect_out '<title>2025-04-22 — Tuesday → 2025-04-22 (relative to article date 2025-04-26)</title>'
expect_no_out "http://"
expect_no_out "https://"

# --since / --until (the options global the CLI fills) keep the events in range
printf 'options = { since = "2023-06", ["until"] = "2023-09-07" }\ndofile(arg[1])\n' > "$TMP/range.lua"
run "$LEDE" run "$TMP/range.lua" -o json "$CORPUS" -- "$LEDE_SRC/scripts/reports/timeline.lua"
expect_rc 0
jq_eq '[.events[] | .date] | join(" ")' '2023 2023 2023 2023-06-05 2023-06-13 2023-06-13 2023-09 2023-09-07'
jq_eq '.unresolved | length' '0'

finish

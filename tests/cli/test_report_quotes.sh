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
# one quote per utterance: a reported sentence and the fragments quoted in it
# are one (19 for Stoltenberg, as a reader counts them; 25 before)
expect_out "Quotes: 35 from 6 speakers"
expect_out "21 direct, 14 reported, in 5 of 5 articles; a reported sentence and the fragments quoted inside it count as one quote."
# most quoted first; per-article names merged (Vjosa Osmani in 003 is Vjosa Osmani-Sadriu)
heads=$(printf '%s\n' "$OUT" | sed -n 's/^▸ \(.*\) ([0-9]* quotes\{0,1\})$/\1/p' | tr '\n' ';')
expect_eq "$heads" "Jens Stoltenberg;NATO official;Mircea Geoană;Vjosa Osmani-Sadriu;Albin Kurti;Aleksandar Vucic;"
expect_out "▸ Jens Stoltenberg (19 quotes)"
expect_out "▸ NATO official (6 quotes)"
expect_out "▸ Vjosa Osmani-Sadriu (3 quotes)"
# articles by source, date and a short title; a title made from the lead in brackets; no ids
expect_out_re '^Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… +reported +said +Stoltenberg said the attack on NATO.s Kosovo Force \(KFOR\) is “totally$'
expect_no_out "totally unacceptable$"
expect_out_re '^ValueCore, 2025-04-26\?: NATO head says violence in Kosovo… +direct +said +I count on all sides to reduce tensions'
expect_out_re '^\[NATO Secretary General Jens Stoltenberg…\] +direct +said +Of course, he wants to open this front'
expect_out_re '^2023-06-13: NATO and EU together for stability in… +direct +recalled +NATO has been committed to stability'
expect_out_re '^\[NATO continues to urge Serbian…\] +reported +stated +NATO continues to urge Serbian authorities'
expect_no_out "001_5e1d57c8eee590f4"
# fragments of one sentence: one quote, the sentence shown
expect_out_re 'stressed +He stressed that the KFOR mission works under a “clear” mandate by the UN “to$'
# a quoted word or two is shown in its sentence
expect_out_re 'urged +Stoltenberg also urged Serbia and Kosovo to engage “constructively” in a$'
expect_out_re 'warned +The official warned against any “security vacuum” and stressed NATO’s intention$'
CHECKS=$((CHECKS + 1)); printf '%s\n' "$OUT" | grep -qE 'urged +constructively$' && fail "a one-word quote shown alone"
# long quotes wrap instead of being cut
expect_out_re '^ {20,}are held accountable.”$'
expect_out_re '^Vjosa Osmani-Sadriu +3 +3 +0 +Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…; '

run "$LEDE" report quotes -o json "$CORPUS"
expect_rc 0
jq_eq '.speakers | length' '6'
jq_eq '.speakers[0] | "\(.speaker) \(.articles | length)"' 'Jens Stoltenberg 3'
jq_eq '(.quotes | length) == (.speakers | map(.quotes) | add)' 'true'
jq_eq '[.speakers[] | "\(.speaker)=\(.quotes)"] | join(" ")' 'Jens Stoltenberg=19 NATO official=6 Mircea Geoană=3 Vjosa Osmani-Sadriu=3 Albin Kurti=2 Aleksandar Vucic=2'
jq_eq '[.quotes[] | select(.text | startswith("Stoltenberg said the attack"))][0].fragments' '3'
jq_eq '.quotes[0].label' 'Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…'
jq_eq '[.quotes[] | select(.speaker == "Vjosa Osmani-Sadriu") | .article] | unique | join(",")' '001_5e1d57c8eee590f4,003_5436d8cd7f7d1021'
jq_eq '[.quotes[] | select(.speaker == "Aleksandar Vucic" and .direct)][0] | "\(.cue): \(.text) [\(.article) \(.date) \(.source)]"' 'insisted: are under threat in Kosovo [002_38c80cf8b5a01419 2025-04-26 ValueCore]'
jq_eq '[.quotes[] | select(.speaker == "Mircea Geoană") | .kind] | join(",")' 'direct,direct,direct'
jq_eq '[.quotes[] | select(.kind != "direct" and .kind != "reported")] | length' '0'

run "$LEDE" report quotes -o csv "$CORPUS"
expect_rc 0
n=$(printf '%s\n' "$OUT" | grep -c .)
expect_eq "$(csv_widths)" "10:$n" "(every CSV line has 10 fields)"
expect_out "speaker,article,label,date,source,kind,direct,cue,fragments,text"
expect_out 'Aleksandar Vucic,002_38c80cf8b5a01419,"ValueCore, 2025-04-26?: NATO head says violence in Kosovo…",2025-04-26,ValueCore,direct,true,insisted,1,are under threat in Kosovo'
run "$LEDE" report quotes -o csv "$CORPUS" -- --section speakers
expect_rc 0
expect_eq "$(csv_widths)" "6:7" "(header + 6 speakers, 6 fields)"
expect_out 'Vjosa Osmani-Sadriu,3,3,0,"001_5e1d57c8eee590f4, 003_5436d8cd7f7d1021","Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…; [NATO Secretary General Jens Stoltenberg…]"'

run "$LEDE" report quotes -o md "$CORPUS"
expect_rc 0
expect_out "### Jens Stoltenberg (19 quotes)"
expect_out "| article | kind | cue | text |"
expect_out "| ValueCore, 2025-04-26?: NATO head says violence in Kosovo… | direct | insisted | are under threat in Kosovo |"

run "$LEDE" report quotes -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out "<h3>Mircea Geoană <small>(3 quotes)</small></h3>"
expect_out "<td>I count on all sides to reduce tensions and to refrain from escalatory actions</td>"
expect_no_out "http://"
expect_no_out "https://"

# filters: --speaker (words of the name, folded), --since/--until (article
# dates; undated articles out), --kind, --top, read from the options global
printf 'options = { speaker = "stoltenberg", since = "2023-09-01" }\ndofile(arg[1])\n' > "$TMP/speaker.lua"
run "$LEDE" run "$TMP/speaker.lua" -o json "$CORPUS" -- "$LEDE_SRC/scripts/reports/quotes.lua"
expect_rc 0
jq_eq '[.speakers[] | "\(.speaker)=\(.quotes)"] | join(" ")' 'Jens Stoltenberg=12'
jq_eq '[.quotes[] | .date] | unique | join(",")' '2023-09-07,2025-04-26'
printf 'options = { kind = "reported", top = 2, ["until"] = "2025" }\ndofile(arg[1])\n' > "$TMP/kind.lua"
run "$LEDE" run "$TMP/kind.lua" -o json "$CORPUS" -- "$LEDE_SRC/scripts/reports/quotes.lua"
expect_rc 0
jq_eq '[.speakers[] | "\(.speaker)=\(.quotes)"] | join(" ")' 'Jens Stoltenberg=5 Aleksandar Vucic=1'
jq_eq '[.quotes[] | .kind] | unique | join(",")' 'reported'
# the same from the command line (the header's declarations)
run "$LEDE" report quotes --speaker Stoltenberg --since 2023-09-01 -o json "$CORPUS"
expect_rc 0
jq_eq '[.speakers[] | "\(.speaker)=\(.quotes)"] | join(" ")' 'Jens Stoltenberg=12'
run "$LEDE" report quotes --kind reported --top 2 --until 2025 -o json "$CORPUS"
expect_rc 0
jq_eq '[.speakers[] | "\(.speaker)=\(.quotes)"] | join(" ")' 'Jens Stoltenberg=5 Aleksandar Vucic=1'
printf 'options = { kind = "indirect" }\ndofile(arg[1])\n' > "$TMP/bad.lua"
run "$LEDE" run "$TMP/bad.lua" "$CORPUS" -- "$LEDE_SRC/scripts/reports/quotes.lua"
expect_rc 2
expect_err "quotes: --kind is direct or reported, not 'indirect'"

finish

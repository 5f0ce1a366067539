# The entities report: canonical people, organisations and places, in every format.
. "$(dirname "$0")/lib.sh"

# distinct field counts of the CSV on stdout, by a quote-aware parser
csv_widths() {
  printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; next if $_ eq ""; my @f = parse_line(",", 1, $_); $c{scalar @f}++; END { print join(" ", map { "$_:$c{$_}" } sort { $a <=> $b } keys %c) }'
}

run "$LEDE" report --list
expect_out_re '^entities +Canonical entities by kind'

run "$LEDE" report entities "$CORPUS"
expect_rc 0
expect_err_empty
expect_out "Entities: 42 in 5 articles"
expect_out "10 people, 12 organisations, 20 places"
heads=$(printf '%s\n' "$OUT" | sed -n 's/^▸ //p' | tr '\n' ';')
expect_eq "$heads" "people (10 entities);organisations (12 entities);places (20 entities);"
# the articles by label (source, date, short title), no ids
expect_out_re '^Jens Stoltenberg +18 +3 +Stoltenberg, Jens Stoltenberg +Anadolu Agency, 2023-09-07: NATO chief calls for$'
expect_out_re '^Mircea Geoană +3 +1 +Geoana, Geoană, Mircea Geoană +2023-06-13: NATO and EU together for stability in…$'
expect_no_out "001_5e1d57c8eee590f4"
expect_out_re '^KFOR +11 +4 +KFOR, Kosovo Force +'
expect_out_re '^United Nations +3 +2 +UN +Anadolu Agency, 2023-09-07: NATO chief calls for$'
expect_out_re '^Belgrade +16 +5 +Belgrade, BELGRADE +'
expect_out_re '^Zvečan +1 +1 +Zvecan +\[NATO continues to urge Serbian…\]$'

run "$LEDE" report entities -o json "$CORPUS"
expect_rc 0
jq_eq '.count' '42'
jq_eq '[.entities[] | .kind] | unique | join(",")' 'organisations,people,places'
jq_eq '[.entities[] | select(.kind == "people")] | length' '10'
jq_eq '[.entities[] | select(.name == "Vjosa Osmani-Sadriu")][0] | "\(.mentions) \(.ids | join(",")) \(.aliases | length)"' '5 001_5e1d57c8eee590f4,003_5436d8cd7f7d1021 4'
jq_eq '[.entities[] | select(.kind == "organisations")][0] | "\(.name) \(.mentions) \(.articles)"' 'NATO 45 5'
jq_eq '[.entities[] | select(.kind == "places")][0].name' 'Kosovo'
jq_eq '.mentions == ([.entities[].mentions] | add)' 'true'

run "$LEDE" report entities -o csv "$CORPUS"
expect_rc 0
expect_eq "$(csv_widths)" "7:43" "(header + 42 entities, 7 fields)"
expect_out "kind,name,mentions,articles,aliases,ids,labels"
expect_out 'people,Mircea Geoană,3,1,"Geoana, Geoană, Mircea Geoană",004_ecc3430881c5b6f9,2023-06-13: NATO and EU together for stability in…'

run "$LEDE" report entities -o md "$CORPUS"
expect_rc 0
expect_out "### places (20 entities)"
expect_out "| name | mentions | articles | aliases | in |"
expect_out '| Pristina | 10 | 4 | Pristina, Prishtina | \[NATO continues to urge Serbian…\]; Anadolu Agency, 2023-09-07: NATO chief calls for accountability over…; \[NATO Secretary General Jens Stoltenberg…\] (+1 more) |'
expect_out "| Pristina | 10 | 4 | Pristina, Prishtina |"

run "$LEDE" report entities -o html "$CORPUS"
expect_rc 0
expect_out "<!DOCTYPE html>"
expect_out "<h3>organisations <small>(12 entities)</small></h3>"
expect_out '<title>Jens Stoltenberg: 18</title>'
expect_no_out "http://"
expect_no_out "https://"

# --kind and --top (the options global the CLI fills)
printf 'options = { kind = "people", top = 2 }\ndofile(arg[1])\n' > "$TMP/opts.lua"
run "$LEDE" run "$TMP/opts.lua" -o json "$CORPUS" -- "$LEDE_SRC/scripts/reports/entities.lua"
expect_rc 0
jq_eq '[.entities[] | .name] | join(",")' 'Jens Stoltenberg,Vjosa Osmani-Sadriu'

finish

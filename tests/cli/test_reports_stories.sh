# Every bundled report over tests/data/stories, a corpus of six made-up
# stories in other styles than the sample (wire copy, a live blog, sport,
# economy, Gaza, two reports of one flood): each runs clean in every output
# format, and what it finds is what a reader of the stories would find.
. "$(dirname "$0")/lib.sh"
STORIES="$DATA/stories"

for r in briefing disagreements duplicates entities figures network quotes timeline; do
  for o in text json csv md; do
    extra=(); [ "$o" = csv ] && extra=(--section=all)  # every section (no note on stderr)
    run "$LEDE" report "$r" -o "$o" "${extra[@]}" "$STORIES"
    expect_rc 0
    expect_err_empty
  done
  run "$LEDE" report "$r" -o json "$STORIES"
  CHECKS=$((CHECKS + 1)); printf '%s' "$OUT" | jq -e . > /dev/null || fail "$r -o json does not parse"
done

run "$LEDE" report entities -o json "$STORIES"
jq_eq '[.entities[] | select(.kind == "people") | .name] | index("Volodymyr Zelenskyy") != null' 'true'
jq_eq '[.entities[] | select(.name == "Volodymyr Zelenskyy")][0].aliases | sort | join(",")' 'Volodymyr Zelenskyy,Zelenskyy'
jq_eq '[.entities[] | select(.kind == "organisations") | .name] | index("Bureau of Labor Statistics") != null' 'true'
jq_eq '[.entities[] | select(.kind == "organisations") | .name] | index("Manchester City") != null' 'true'
jq_eq '[.entities[] | select(.kind == "places") | .name] | index("Derna") != null' 'true'
# nothing that is not a person among the people
jq_eq '[.entities[] | select(.kind == "people") | .name] | map(select(test("Storm|Labor|Sky|Powergrid|Korean"))) | length' '0'

run "$LEDE" report quotes -o json "$STORIES"
jq_eq '[.quotes[] | select(.text | startswith("We are facing a catastrophe"))][0].speaker' 'Marie el-Drese'
jq_eq '[.quotes[] | select(.text | startswith("Nonfarm payrolls"))][0].speaker' 'Bureau of Labor Statistics'
jq_eq '[.quotes[] | select(.text | startswith("The labor market is cooling"))][0].speaker' 'Olu Sonola'

finish

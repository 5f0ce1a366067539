# The network report on the sample corpus: canonical entities linked by the
# sentences that name them together, as a table, JSON, CSV and Graphviz DOT.
. "$(dirname "$0")/lib.sh"

run "$LEDE" report network "$CORPUS"
expect_rc 0
expect_err_empty
expect_out_re "^Entity network: [0-9]+ entities, 100 links from [0-9]+ sentences \(heaviest 100 of [0-9]+\)"
expect_out "SOURCE"
# the heaviest link: Kosovo and NATO, named together in 20 sentences of all 5 articles
expect_out_re "^Kosovo +NATO +20 +5 "

run "$LEDE" report network -o json "$CORPUS"
expect_rc 0
jq_eq '.edges | length' '100'
jq_eq '.links' '100'
jq_eq '.edges[0] | [.source, .target, .weight, .n_articles] | map(tostring) | join(",")' 'Kosovo,NATO,20,5'
jq_eq '[.edges[].weight] | . == (sort | reverse)' 'true'
jq_eq '[.edges[] | select(.weight < 1)] | length' '0'
# aliases merge: "Stoltenberg" is Jens Stoltenberg, "Geoana" is Mircea Geoană, "EU" is the European Union
jq_eq '[.nodes[].name | select(. == "Stoltenberg" or . == "Geoana" or . == "EU")] | length' '0'
jq_eq '[.nodes[] | select(.name == "Jens Stoltenberg")][0] | [.kind, .mentions] | map(tostring) | join(",")' 'PERSON,18'
jq_eq '[.nodes[] | select(.name == "NATO")][0].kind' 'ORG'
jq_eq '[.nodes[] | select(.name == "Kosovo")][0].articles | length' '5'
jq_eq '[.edges[] | select(.source == "Jens Stoltenberg" and .target == "Kosovo")][0].weight' '10'
# links are undirected and listed once, names in order
jq_eq '[.edges[] | select(.source >= .target)] | length' '0'
jq_eq '[.edges[] | .source + "|" + .target] | (unique | length) == length' 'true'
# every endpoint is a listed node
jq_eq '([.edges[] | .source, .target] | unique) - [.nodes[].name] | length' '0'
jq_eq '.edges[0].example | type' 'string'

run "$LEDE" report network -o csv "$CORPUS"
expect_rc 0
expect_out "source,source_kind,target,target_kind,weight,n_articles,articles"
n=$(printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; my @f = parse_line(",", 1, $_); $ok++ if @f == 7; END { print $ok + 0 }')
expect_eq "$n" "101" "(CSV rows with 7 fields)"
expect_out "Kosovo,LOC,NATO,ORG,20,5,"

run "$LEDE" report network -o md "$CORPUS"
expect_rc 0
expect_out "| source | target | sentences | articles | in |"
# articles by label, the first two and how many more; no ids
expect_out "| Kosovo | NATO | 20 | 5 | \\[NATO continues to urge Serbian…\\]; Anadolu Agency, 2023-09-07: NATO chief calls for accountability over… (+3 more) |"
expect_no_out "001_5e1d57c8eee590f4"
expect_out "| Kosovo | NATO | 20 | 5 |"

run "$LEDE" report network -o html "$CORPUS"
expect_rc 0
expect_out_re "<td[^>]*>Kosovo</td><td[^>]*>NATO</td><td[^>]*>20</td>"

run "$LEDE" report network -o dot "$CORPUS"
expect_rc 0
expect_err_empty
first=$(printf '%s\n' "$OUT" | head -n 1)
expect_eq "$first" "graph lede_network {"
open=$(printf '%s' "$OUT" | tr -cd '{' | wc -c)
close=$(printf '%s' "$OUT" | tr -cd '}' | wc -c)
expect_eq "$open" "$close" "(balanced braces)"
expect_eq "$(printf '%s\n' "$OUT" | tail -n 1)" "}"
expect_out '"Kosovo" -- "NATO" [weight=20, penwidth=6.00'
expect_out '"Jens Stoltenberg" [label="Jens Stoltenberg", shape=ellipse'
expect_out '"NATO" [label="NATO", shape=box'
expect_out '"Kosovo" [label="Kosovo", shape=hexagon'
edges=$(printf '%s\n' "$OUT" | grep -c -- ' -- ')
expect_eq "$edges" "100" "(DOT edges)"
# every statement line ends in ; and every quote is paired
bad=$(printf '%s\n' "$OUT" | sed '1d;$d' | grep -vc ';$')
expect_eq "$bad" "0" "(DOT lines without ;)"
bad=$(printf '%s\n' "$OUT" | sed 's/\\"//g' | awk -F'"' 'NF % 2 == 0' | wc -l)
expect_eq "$bad" "0" "(DOT lines with an odd number of quotes)"
if command -v dot >/dev/null 2>&1; then
  printf '%s\n' "$OUT" | dot -Tsvg >/dev/null 2>"$TMP/dot.err"
  dot_rc=$?
  CHECKS=$((CHECKS + 1)); [ "$dot_rc" -eq 0 ] || fail "dot rejected the graph: $(cat "$TMP/dot.err")"
fi

# a one-article corpus: a small graph, still valid
cat >"$TMP/odd.txt" <<'TXT'
Odd names

Jens Stoltenberg met Vjosa Osmani in Pristina on Monday, and NATO said so.
TXT
run "$LEDE" report network -o dot "$TMP/odd.txt"
expect_rc 0
expect_out '"Jens Stoltenberg" -- "Pristina"'
expect_out '"NATO" [label="NATO", shape=box'
open=$(printf '%s' "$OUT" | tr -cd '{' | wc -c)
close=$(printf '%s' "$OUT" | tr -cd '}' | wc -c)
expect_eq "$open" "$close" "(balanced braces, small graph)"

finish

# The duplicates report: MinHash over word shingles finds an edited copy of an
# article and nothing among the five distinct sample articles.
. "$(dirname "$0")/lib.sh"

run "$LEDE" report duplicates "$CORPUS"
expect_rc 0
expect_err_empty
expect_out "Duplicates: 0 pairs among 5 articles (4-word shingles, 64 MinHash permutations"
expect_out "(none)"

run "$LEDE" report duplicates -o json "$CORPUS"
expect_rc 0
jq_eq '.pairs | length' '0'
jq_eq '.articles' '5'
jq_eq '.permutations' '64'

# a corpus with a lightly edited copy of 002: one word changed in the body,
# one paragraph dropped
mkdir "$TMP/corpus"
cp "$CORPUS"/*.txt "$TMP/corpus/"
orig="$CORPUS/002_38c80cf8b5a01419.txt"
grep -q "volatile Balkan region" "$orig" || fail "sample text changed: no 'volatile Balkan region'"
grep -q "^“This is unacceptable, the facts must be established" "$orig" || fail "sample text changed: no quote paragraph"
sed -e 's/volatile Balkan region/unstable Balkan region/' \
    -e '/^“This is unacceptable, the facts must be established/d' "$orig" >"$TMP/corpus/zz_copy.txt"
CHECKS=$((CHECKS + 1))
cmp -s "$orig" "$TMP/corpus/zz_copy.txt" && fail "the copy was not edited"

run "$LEDE" report duplicates -o json "$TMP/corpus"
expect_rc 0
jq_eq '.pairs | length' '1'
jq_eq '.pairs[0] | [.id_a, .id_b] | join(",")' '002_38c80cf8b5a01419,zz_copy'
jq_eq '.pairs[0].jaccard > 0.85' 'true'
jq_eq '.pairs[0].containment > 0.95' 'true'
jq_eq '(.pairs[0].estimate - .pairs[0].jaccard) | fabs < 0.15' 'true'
jq_eq '.pairs[0].verdict' 'near-duplicate'
jq_eq '.pairs[0].title_b | startswith("NATO head says violence in Kosovo unacceptable")' 'true'
jq_eq '.pairs[0].date_a' '2025-04-26'
jq_eq '.pairs[0].title_from_lead_a' 'false'

run "$LEDE" report duplicates "$TMP/corpus"
expect_rc 0
expect_out "Duplicates: 1 pair among 6 articles"
expect_out "verdict:     near-duplicate"
# the two articles by label; a copy that would read the same is told apart by "(2)"
expect_out "article:     ValueCore, 2025-04-26?: NATO head says violence in Kosovo…"
expect_out "copy:        ValueCore, 2025-04-26?: NATO head says violence in Kosovo… (2)"
expect_no_out "zz_copy"

run "$LEDE" report duplicates -o csv "$TMP/corpus"
expect_rc 0
expect_out "rank,jaccard,estimate,containment,shared,verdict,id_a,title_a,title_from_lead_a,date_a,article_a,id_b,title_b,title_from_lead_b,date_b,article_b"
n=$(printf '%s\n' "$OUT" | tr -d '\r' | perl -MText::ParseWords -ne 'chomp; my @f = parse_line(",", 1, $_); $ok++ if @f == 16; END { print $ok + 0 }')
expect_eq "$n" "2" "(CSV rows with 16 fields)"
expect_out ",002_38c80cf8b5a01419,"

run "$LEDE" report duplicates -o md "$TMP/corpus"
expect_rc 0
expect_out "| 1 | "
expect_out "| near-duplicate | ValueCore, 2025-04-26?: NATO head says violence in Kosovo… | ValueCore, 2025-04-26?: NATO head says violence in Kosovo… (2) |"

run "$LEDE" report duplicates -o html "$TMP/corpus"
expect_rc 0
expect_out_re "<td[^>]*>ValueCore, 2025-04-26\?: NATO head says violence in Kosovo… \(2\)</td>"

# the same run twice gives the same bytes (deterministic hashing)
run "$LEDE" report duplicates -o json "$TMP/corpus"
first=$OUT
run "$LEDE" report duplicates -o json "$TMP/corpus"
expect_eq "$OUT" "$first" "(deterministic output)"

# an exact copy under another name scores 1
cp "$CORPUS/004_ecc3430881c5b6f9.txt" "$TMP/corpus/zz_exact.txt"
run "$LEDE" report duplicates -o json "$TMP/corpus"
jq_eq '.pairs | length' '2'
jq_eq '.pairs[0] | [.jaccard, .estimate, .id_a, .id_b] | map(tostring) | join(",")' '1,1,004_ecc3430881c5b6f9,zz_exact'

finish

# `lede eval` on the sample corpus against its hand annotations: every score
# at or above its floor in tests/eval-floors.tsv, in every output format.
. "$(dirname "$0")/lib.sh"

run "$LEDE" eval -o json "$DATA/gold" "$CORPUS"
expect_rc 0
expect_err_empty
jq_eq '.articles' '5'
jq_eq '.scores | length' '11'
jq_eq '[.scores[] | select(.measure == "entities")][0].gold' '258'
jq_eq '[.scores[] | select(.measure == "DATE")][0].gold' '33'
jq_eq '[.scores[] | select(.measure == "FIGURE")][0].gold' '16'
jq_eq '[.scores[] | select(.measure == "QUOTE")][0].gold' '41'

# every score of the JSON in $OUT at or above its floor in FILE
check_floors() { # check_floors FILE LABEL
  while IFS=$'\t' read -r measure floor; do
    case "$measure" in ''|'#'*) continue ;; esac
    CHECKS=$((CHECKS + 1))
    f1=$(printf '%s' "$OUT" | jq -r --arg m "$measure" '.scores[] | select(.measure == $m) | .f1')
    if [ -z "$f1" ] || ! awk -v a="$f1" -v b="$floor" 'BEGIN { exit !(a + 1e-9 >= b) }'; then
      fail "$2$measure scored '$f1', below its floor $floor"
    fi
  done < "$1"
}
check_floors "$LEDE_SRC/tests/eval-floors.tsv" ""

# the held-out stories (tests/data/heldout): their own floors
run "$LEDE" eval -o json "$DATA/heldout-gold" "$DATA/heldout"
expect_rc 0
jq_eq '.articles' '18'
check_floors "$LEDE_SRC/tests/eval-floors-heldout.tsv" "held-out "
run "$LEDE" eval -o json "$DATA/gold" "$CORPUS"

# the misses are listed in JSON: each names its article
jq_eq '[.errors[] | select(.article == null)] | length' '0'

run "$LEDE" eval "$DATA/gold" "$CORPUS"
expect_rc 0
expect_out "Evaluation on 5 articles"
expect_out_re '^entities +258 '

run "$LEDE" eval -o csv "$DATA/gold" "$CORPUS"
expect_rc 0
expect_out "measure,gold,predicted,matched,precision,recall,f1"

# usage errors and a gold folder that matches nothing
run "$LEDE" eval "$DATA/gold"
expect_rc 2; expect_err "eval needs a GOLD folder and a CORPUS"
run "$LEDE" eval "$TMP" "$CORPUS"
expect_rc 2; expect_err "no article of the corpus has a gold file"

# the rules can be swapped out: without them nothing is found
run "$LEDE" eval --no-default-rules -o json "$DATA/gold" "$CORPUS"
expect_rc 0
jq_eq '[.scores[] | select(.measure == "entities")][0].predicted' '0'

finish

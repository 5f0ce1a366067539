# `lede eval --format conll FILE...`: PER/ORG/LOC exact-span scores on CoNLL
# files. A tiny made-up file (tests/data/conll/, IOB1 with four columns and
# the same in IOB2 with two) scored with a fixed rule, so every count is
# known; malformed files; then CoNLL-2003 eng.testa from ../shared/eval when
# it is there (never copied into the repository).
. "$(dirname "$0")/lib.sh"
CONLL="$DATA/conll"
FIXED=(--no-default-rules --rules "$CONLL/rules.lua")

score() { # score TYPE FIELD: a field of the scores row of TYPE
  printf '%s' "$OUT" | jq -r --arg t "$1" ".scores[] | select(.type == \$t) | .$2"
}

for f in tiny.iob1.txt tiny.iob2.txt; do
  run "$LEDE" eval --format conll -o json "${FIXED[@]}" "$CONLL/$f"
  expect_rc 0 "($f)"
  expect_err_empty
  jq_eq '.documents' '2'
  jq_eq '.sentences' '6'
  jq_eq '.tokens' '59'
  jq_eq '.ignored_gold' '1'
  # gold / predicted / correct per type; headline entities (Acme Corp,
  # Paris, Tom Lee) count; Italy Germany are two LOC (IOB1 B-); "Acme Corp
  # Paris" is an ORG and a LOC (IOB1 I- after another type)
  expect_eq "$(score PER gold) $(score PER predicted) $(score PER correct)" "4 4 3" "PER ($f)"
  expect_eq "$(score ORG gold) $(score ORG predicted) $(score ORG correct)" "5 4 3" "ORG ($f)"
  expect_eq "$(score LOC gold) $(score LOC predicted) $(score LOC correct)" "7 6 5" "LOC ($f)"
  expect_eq "$(score overall gold) $(score overall predicted) $(score overall correct)" "16 14 11" "overall ($f)"
  expect_eq "$(score overall precision) $(score overall recall) $(score overall f1)" "0.786 0.688 0.733"
  expect_eq "$(score ORG precision) $(score ORG recall) $(score ORG f1)" "0.75 0.6 0.667"
  jq_eq '[.errors[] | .error] | join("|")' \
    'missed ORG "Zeta Labs" x2|MISC as ORG "French" x1|PERSON as LOC "Jordan" x1|missed LOC "France" x1|missed LOC "Rome" x1|spurious PERSON "Bank" x1'
done

# both files together: the counts add up
run "$LEDE" eval --format conll -o json "${FIXED[@]}" "$CONLL/tiny.iob1.txt" "$CONLL/tiny.iob2.txt"
expect_rc 0
jq_eq '.documents' '4'
expect_eq "$(score overall gold) $(score overall predicted) $(score overall correct)" "32 28 22"
jq_eq '.errors[0].error' 'missed ORG "Zeta Labs" x4'

# text, csv and md
run "$LEDE" eval --format conll "${FIXED[@]}" "$CONLL/tiny.iob1.txt"
expect_rc 0
expect_out "CoNLL evaluation: 2 documents, 6 sentences, 59 tokens"
expect_out "PER/ORG/LOC exact-span micro P 0.786  R 0.688  F1 0.733"
expect_out_re 'ORG +ORG +5 +4 +3 +0\.75 +0\.6 +0\.667'
expect_out 'spurious PERSON "Bank" x1'
run "$LEDE" eval --format=conll -o csv "${FIXED[@]}" "$CONLL/tiny.iob1.txt"
expect_rc 0
expect_out "type,kind,gold,predicted,correct,precision,recall,f1"
expect_out "LOC,LOC,7,6,5,0.833,0.714,0.769"
run "$LEDE" eval --format conll -o md "${FIXED[@]}" "$CONLL/tiny.iob1.txt"
expect_rc 0
expect_out "| overall | micro | 16 | 14 | 11 | 0.786 | 0.688 | 0.733 |"

# the default rules run too (whatever they score)
run "$LEDE" eval --format conll -o json "$CONLL/tiny.iob2.txt"
expect_rc 0
jq_eq '[.scores[] | select(.type == "overall")][0].gold' '16'

# malformed files: FILE:LINE and exit 2, before any rule runs
printf 'Paris NNP I-NP I-LOC\nRome\n' > "$TMP/one_column.txt"
run "$LEDE" eval --format conll "$TMP/one_column.txt"
expect_rc 2
expect_err "$TMP/one_column.txt:2: expected a token and a tag (2 or more columns), got 1 column"
expect_eq "$OUT" ""
printf -- '-DOCSTART- -X- -X- O\n\nParis NNP I-NP B-LOC\nis VBZ I-VP X-FOO\n' > "$TMP/bad_tag.txt"
run "$LEDE" eval --format conll "$CONLL/tiny.iob1.txt" "$TMP/bad_tag.txt"
expect_rc 2
expect_err "$TMP/bad_tag.txt:4: bad tag 'X-FOO'"
run "$LEDE" eval --format conll "$TMP/missing.txt"
expect_rc 2
expect_err "missing.txt"
run "$LEDE" eval --format conll
expect_rc 2
expect_err "eval --format conll needs a FILE"
run "$LEDE" eval --format xml "$CONLL/tiny.iob1.txt"
expect_rc 2
expect_err "unknown input format 'xml'"
run "$LEDE" stats --format conll "$CONLL/tiny.iob1.txt"
expect_rc 2
expect_err "--format is an option of eval"

# `lede eval GOLD CORPUS...` is unchanged
run "$LEDE" eval -o json "$DATA/gold" "$CORPUS"
expect_rc 0
jq_eq '.articles' '5'

# CoNLL-2003 development split, when ../shared/eval is there
TESTA="$LEDE_SRC/../shared/eval/conll2003/eng.testa"
if [ -f "$TESTA" ]; then
  start=$(date +%s)
  run "$LEDE" eval --format conll -o json "$TESTA"
  secs=$(( $(date +%s) - start ))
  expect_rc 0
  jq_eq '.documents' '216'
  jq_eq '.tokens' '51362'
  jq_eq '.ignored_gold' '922'
  # conlleval's gold counts for eng.testa
  expect_eq "$(score PER gold) $(score ORG gold) $(score LOC gold)" "1842 1341 1837"
  jq_eq '.errors | length' '20'
  # seconds, not minutes (under the sanitizers too)
  CHECKS=$((CHECKS + 1))
  [ "$secs" -le 60 ] || fail "eng.testa took ${secs}s"
  # floors, only ever raised (tests/eval-floors-conll.tsv)
  while IFS=$'\t' read -r type floor; do
    case "$type" in ''|'#'*) continue ;; esac
    CHECKS=$((CHECKS + 1))
    f1=$(score "$type" f1)
    awk -v a="$f1" -v b="$floor" 'BEGIN { exit !(a + 1e-9 >= b) }' ||
      fail "eng.testa $type F1 '$f1' is below its floor $floor"
  done < "$LEDE_SRC/tests/eval-floors-conll.tsv"
  echo "eng.testa: F1 $(score overall f1) (PER $(score PER f1), ORG $(score ORG f1), LOC $(score LOC f1)) in ${secs}s"
else
  echo "SKIP [$T_NAME]: $TESTA not found (../shared/eval is not next to the repository); the CoNLL-2003 part is skipped"
fi

finish

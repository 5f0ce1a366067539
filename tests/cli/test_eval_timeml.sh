# `lede eval --format timeml DIR...`: TempEval-3 Task A scores of the date
# and time rules on TimeML files. A made-up file (tests/data/timeml/tiny.tml:
# CR LF line ends, entities before the expressions, a creation time) whose
# every count is known; bad input; then TimeBank/AQUAINT (TBAQ) from
# ../shared/eval when it is there (never copied into the repository),
# against tests/eval-floors-timeml.tsv.
. "$(dirname "$0")/lib.sh"

run "$LEDE" eval --format timeml -o json "$DATA/timeml"
expect_rc 0
expect_err_empty
jq_eq '.documents' '1'
jq_eq '.gold' '7'
jq_eq '.predicted' '6'
# offsets survive the decoded entities (&amp; &lt;) and CR LF: every span is exact
jq_eq '.strict.precision' '1'
jq_eq '.relaxed.recall' '0.857'
jq_eq '.type_accuracy' '1'
jq_eq '.value_accuracy' '0.833'
jq_eq '.value_f1' '0.769'
jq_eq '[.errors[] | "\(.error) \(.text)"] | join("|")' 'missed the day|value the spring of 1990'
jq_eq '.errors[1].detail' 'gold 1990, got 1990-SP'

# a file given by name, the text report
run "$LEDE" eval --format timeml "$DATA/timeml/tiny.tml"
expect_rc 0
expect_out 'strict   P 1.000  R 0.857  F1 0.923'
expect_out 'type accuracy 1.000  value accuracy 0.833  value F1 0.769'

# bad input: a clear message naming the file, exit non-zero
mkdir -p "$TMP/bad"
printf '<TimeML><DCT>x</DCT></TimeML>\n' > "$TMP/bad/notext.tml"
run "$LEDE" eval --format timeml "$TMP/bad"
expect_rc 1
expect_err 'notext.tml: no <TEXT> element'
printf '<TimeML><TEXT>It rose <TIMEX3 tid="t1" type="DATE" value="2013">in 2013\n</TEXT></TimeML>\n' > "$TMP/bad/notext.tml"
run "$LEDE" eval --format timeml "$TMP/bad"
expect_rc 1
expect_err 'notext.tml: <TIMEX3 tid="t1"> is not closed'
printf '<TimeML>\n<TEXT>\nIt rose\nin <TIMEX3 tid="t1" type="DATE"\n' > "$TMP/bad/notext.tml"
run "$LEDE" eval --format timeml "$TMP/bad"
expect_rc 1
expect_err 'notext.tml: no <TEXT> element'
printf '<TimeML>\n<TEXT>\nIt rose\nin <TIMEX3 tid="t1" type="DATE"\n</TEXT></TimeML>\n' > "$TMP/bad/notext.tml"
run "$LEDE" eval --format timeml "$TMP/bad"
expect_rc 1
expect_err 'notext.tml:4: unclosed tag'
run "$LEDE" eval --format timeml "$TMP/none"
expect_rc 1
expect_err 'not a folder or a .tml file'
run "$LEDE" eval --format timeml
expect_rc 2
expect_err 'eval --format timeml needs a DIR'

# TBAQ, the TempEval-3 development set, when ../shared/eval is there
TBAQ="$LEDE_SRC/../shared/eval/timeml/tbaq"
if [ -d "$TBAQ" ]; then
  start=$(date +%s)
  run "$LEDE" eval --format timeml -o json "$TBAQ"
  secs=$(( $(date +%s) - start ))
  expect_rc 0
  jq_eq '.documents' '256'
  jq_eq '.gold' '1822'
  CHECKS=$((CHECKS + 1))
  [ "$secs" -le 120 ] || fail "tbaq took ${secs}s"
  while IFS=$'\t' read -r measure floor; do
    case "$measure" in ''|'#'*) continue ;; esac
    CHECKS=$((CHECKS + 1))
    case "$measure" in
      strict|relaxed) v=$(printf '%s' "$OUT" | jq -r ".$measure.f1") ;;
      *) v=$(printf '%s' "$OUT" | jq -r ".$measure") ;;
    esac
    awk -v a="$v" -v b="$floor" 'BEGIN { exit !(a + 1e-9 >= b) }' ||
      fail "tbaq $measure '$v' is below its floor $floor"
  done < "$LEDE_SRC/tests/eval-floors-timeml.tsv"
  echo "tbaq: strict F1 $(printf '%s' "$OUT" | jq -r .strict.f1), relaxed F1 $(printf '%s' "$OUT" | jq -r .relaxed.f1), value accuracy $(printf '%s' "$OUT" | jq -r .value_accuracy), value F1 $(printf '%s' "$OUT" | jq -r .value_f1) in ${secs}s"
else
  echo "SKIP [$T_NAME]: $TBAQ not found (../shared/eval is not next to the repository); the TBAQ part is skipped"
fi

finish

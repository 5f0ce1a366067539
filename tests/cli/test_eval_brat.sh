# `lede eval --format brat DIR...`: quote detection and speaker accuracy on
# brat standoff attributions. A tiny made-up set (tests/data/brat/: two
# articles with multi-byte characters before the spans, so character offsets
# must be mapped to bytes; single newlines, trailing spaces and a no-break
# space that the JSON Lines reader changes; a discontinuous content span; a
# second annotator's file that is not used) scored with a fixed rule, so every
# count is known; bad input; then PolNeAR's dev split from ../shared/eval when
# it is there (never copied into the repository), against floors.
. "$(dirname "$0")/lib.sh"
BRAT="$DATA/brat"
FIXED=(--no-default-rules --rules "$BRAT/rules.lua")

row() { # row MATCH QUOTES FIELD
  printf '%s' "$OUT" | jq -r --arg m "$1" --arg q "$2" ".scores[] | select(.match == \$m and .quotes == \$q) | .$3"
}

run "$LEDE" eval --format brat -o json "${FIXED[@]}" "$BRAT"
expect_rc 0
expect_err_empty
jq_eq '.articles' '2'
jq_eq '.gold' '5'
jq_eq '.gold_direct' '2'
jq_eq '.gold_reported' '3'
jq_eq '.predicted' '7'
jq_eq '.other_annotators' '1'
jq_eq '.realigned' '2'
# at 30 %: "We are sad" covers 10 of the 13 characters of “We are sad,”; of
# the discontinuous “Rice is dear,” “and so is bread.” (33 characters) the
# larger piece (16) matches, the other is spurious (one-to-one)
expect_eq "$(row 30% all gold) $(row 30% all predicted) $(row 30% all matched_gold)" "5 7 4" "30% all"
expect_eq "$(row 30% all precision) $(row 30% all recall) $(row 30% all f1)" "0.571 0.8 0.667"
expect_eq "$(row 30% direct predicted) $(row 30% direct matched_predicted) $(row 30% direct recall)" "5 2 1"
expect_eq "$(row 30% reported predicted) $(row 30% reported matched_gold) $(row 30% reported recall)" "2 2 0.667"
# at 80 % only the two exact reported spans match
expect_eq "$(row 80% all matched_gold) $(row 80% all f1)" "2 0.333" "80% all"
expect_eq "$(row 80% direct matched_gold)" "0"
# speakers: "Müller" and "Tanaka" by their mention spans (character offsets
# after ü, é, —, “, Ō), "Anna Müller" by name for "Müller" (right) and for
# "she" (wrong); the attribution without a source is not counted
jq_eq '.speaker_matched' '4'
jq_eq '.speaker_correct' '3'
jq_eq '.speaker_by_span' '2'
jq_eq '.speaker_by_name' '2'
jq_eq '.speaker_accuracy' '0.75'
jq_eq '[.errors[] | .error] | join("|")' \
  'missed reported: Nobody knows why|spurious direct: Rice is dear|spurious direct: price|spurious direct: Ünïcode|wrong speaker: Anna Müller for she'

# text and md
run "$LEDE" eval --format brat "${FIXED[@]}" "$BRAT"
expect_rc 0
expect_out "brat attribution evaluation: 2 articles, 5 gold attributions (2 direct, 3 reported), 7 predicted quotes"
expect_out "quotes at 30%: P 0.571  R 0.800  F1 0.667; at 80%: P 0.286  R 0.400  F1 0.333"
expect_out "recall at 30%: direct 1.000, reported 0.667"
expect_out "speaker accuracy 0.750 (3 of 4 matched with a source; 2 by mention span, 2 by name)"
run "$LEDE" eval --format=brat -o md "${FIXED[@]}" "$BRAT"
expect_rc 0
expect_out "| 30% | all | 5 | 7 | 4 | 4 | 0.571 | 0.8 | 0.667 |"

# a quoted fragment marked as part of reported speech (attrs.part) is counted
# with its utterance, not as a prediction of its own: the fixed rule plus a
# part for every direct quote predicts the same 7
cat > "$TMP/parts.lua" <<'LUA'
return {
  name = "parts", kinds = { "QUOTE" },
  run = function(article, ctx)
    for _, q in ipairs(ctx:annotations("QUOTE")) do
      if q.direct then ctx:annotate("QUOTE", q.start, q.stop, { direct = true, part = true }) end
    end
  end,
}
LUA
run "$LEDE" eval --format brat -o json "${FIXED[@]}" --rules "$TMP/parts.lua" "$BRAT"
expect_rc 0
jq_eq '.predicted' '7'
jq_eq '.f1' '0.667'

# a file with decomposed letters (a letter and a combining mark), which lede
# reads composed (NFC): the offsets still map ("François" is 8 characters
# in lede's text, 9 in the file)
mkdir -p "$TMP/nfc/text" "$TMP/nfc/attributions"
printf 'Franc\xcc\xa7ois Dupont said that the plan works.\n' > "$TMP/nfc/text/n.txt"
printf 'T1\tSource 0 16\tFranc\xcc\xa7ois Dupont\nT2\tCue 17 21\tsaid\nT3\tContent 27 41\tthe plan works\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n' > "$TMP/nfc/attributions/n_a.ann"
run "$LEDE" eval --format brat -o json "${FIXED[@]}" "$TMP/nfc"
expect_rc 0
jq_eq '.gold' '1'
jq_eq '.recall' '1'
jq_eq '.speaker_accuracy' '1'

# the default rules run too (whatever they score)
run "$LEDE" eval --format brat -o json "$BRAT"
expect_rc 0
jq_eq '.gold' '5'

# bad input: a message naming the problem, exit 2
run "$LEDE" eval --format brat
expect_rc 2
expect_err "eval --format brat needs a DIR"
run "$LEDE" eval --format brat "$TMP/nothing"
expect_rc 2
expect_err "expected text/ and attributions/ folders"
mkdir -p "$TMP/bad/text" "$TMP/bad/attributions"
printf 'Short text.\n' > "$TMP/bad/text/x.txt"
printf 'T1\tContent 0 99\tShort\n' > "$TMP/bad/attributions/x_a.ann"
run "$LEDE" eval --format brat "$TMP/bad"
expect_rc 2
expect_err "x_a.ann:1: offsets 0 99 outside the text (12 characters)"
printf 'T1\tContent 0 5\tShort\nE1\tAttribution:T9 Content:T1\n' > "$TMP/bad/attributions/x_a.ann"
run "$LEDE" eval --format brat "$TMP/bad"
expect_rc 2
expect_err "x_a.ann:2: event names T9, which is not defined"
printf 'T1\tContent 0 5\tShort\n' > "$TMP/bad/attributions/y_a.ann"
run "$LEDE" eval --format brat "$TMP/bad"
expect_rc 2
expect_err "no text/y.txt for it"

# PolNeAR's development split, when ../shared/eval is there
DEV="$LEDE_SRC/../shared/eval/attribution/polnear/dev"
if [ -d "$DEV" ]; then
  start=$(date +%s)
  run "$LEDE" eval --format brat -o json "$DEV"
  secs=$(( $(date +%s) - start ))
  expect_rc 0
  jq_eq '.articles' '84'
  jq_eq '.gold' '2192'
  CHECKS=$((CHECKS + 1))
  [ "$secs" -le 120 ] || fail "PolNeAR dev took ${secs}s"
  # floors, only ever raised (tests/eval-floors-brat.tsv): a field of the JSON
  while IFS=$'\t' read -r field floor; do
    case "$field" in ''|'#'*) continue ;; esac
    CHECKS=$((CHECKS + 1))
    v=$(printf '%s' "$OUT" | jq -r ".$field")
    awk -v a="$v" -v b="$floor" 'BEGIN { exit !(a + 1e-9 >= b) }' ||
      fail "PolNeAR dev $field '$v' is below its floor $floor"
  done < "$LEDE_SRC/tests/eval-floors-brat.tsv"
  echo "PolNeAR dev: F1 $(printf '%s' "$OUT" | jq -r '.f1') at 30%, $(printf '%s' "$OUT" | jq -r '.f1_80') at 80%; recall direct $(printf '%s' "$OUT" | jq -r '.direct_recall'), reported $(printf '%s' "$OUT" | jq -r '.reported_recall'); speakers $(printf '%s' "$OUT" | jq -r '.speaker_accuracy') in ${secs}s"
else
  echo "SKIP [$T_NAME]: $DEV not found (../shared/eval is not next to the repository); the PolNeAR part is skipped"
fi

finish

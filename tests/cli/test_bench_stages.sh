# The per-stage benchmark (tests/bench/stages.c) runs the same C stages as
# lede: what it counts equals what `lede stats` counts. Its timings are for
# tests/bench/bench.sh, never checked here.
. "$(dirname "$0")/lib.sh"
STAGES="$(dirname "$LEDE")/lede-stages"
[ -x "$STAGES" ] || { echo "no lede-stages next to $LEDE"; exit 1; }

# a nested copy of the sample, so folders are walked as lede walks them
mkdir -p "$TMP/c/a/b"
cp "$CORPUS"/00[01]*.txt "$TMP/c/"
cp "$CORPUS"/00[234]*.txt "$TMP/c/a/b/"

run "$LEDE" stats -o json "$TMP/c"
expect_rc 0
want_articles=$(printf '%s' "$OUT" | jq -r .articles)
want_bytes=$(printf '%s' "$OUT" | jq -r .bytes)
want_sentences=$(printf '%s' "$OUT" | jq -r .sentences)
want_tokens=$(printf '%s' "$OUT" | jq -r .tokens)

run "$STAGES" --check "$TMP/c"
expect_rc 0
expect_out "articles $want_articles"
expect_out "bytes $want_bytes"
expect_out "sentences $want_sentences"
expect_out "tokens $want_tokens"
expect_out "tokens_alone $want_tokens"

# the timing report names every stage
run "$STAGES" "$TMP/c"
expect_rc 0
for stage in read utf8 recover tokenize segment all; do
  expect_out_re "^$stage +[0-9.]+ s +[0-9.]+ MB/s +[0-9]+ articles/s$"
done
expect_out "5 articles"

run "$STAGES"
expect_rc 2; expect_err "usage: lede-stages"
run "$STAGES" "$TMP/nope"
expect_rc 2; expect_err "cannot stat: $TMP/nope"

# the design's floor (tests/bench/floor.lua): exactly N annotations per
# article and no rule output
run "$LEDE" run "$LEDE_SRC/tests/bench/floor.lua" "$CORPUS" -- 12
expect_rc 0
expect_out "5 articles, 60 annotations"

finish


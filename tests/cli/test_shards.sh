# Beyond one machine: --shard I/N, lede extract (JSON Lines per article) and
# lede merge give the same report as a single run; the Hadoop Streaming
# recipe in contrib/ (simulated locally) too.
. "$(dirname "$0")/lib.sh"

# shards: every article in exactly one, with its position in the whole corpus
printf 'corpus:each(function(a) print(a.index, a.id) end)\n' > "$TMP/ids.lua"
run "$LEDE" run --shard 2/3 "$TMP/ids.lua" "$CORPUS"
expect_rc 0
expect_eq "$OUT" "$(printf '2\t001_5e1d57c8eee590f4\n5\t004_ecc3430881c5b6f9')"
run "$LEDE" run --stream --shard 1/3 "$TMP/ids.lua" "$CORPUS"
expect_eq "$OUT" "$(printf '1\t000_14052a908de9061f\n4\t003_5436d8cd7f7d1021')"
run "$LEDE" -j 3 run --shard 3/3 "$TMP/ids.lua" "$CORPUS"
expect_eq "$OUT" "$(printf '3\t002_38c80cf8b5a01419')"
run "$LEDE" stats --shard 0/3 "$CORPUS"
expect_rc 2; expect_err "--shard needs I/N"

# extract: one JSON line per article, a JSON Lines corpus lede reads back
for i in 1 2 3; do
  "$LEDE" extract --shard "$i/3" "$CORPUS" > "$TMP/part-$i.jsonl" || fail "extract shard $i"
done
run jq -s -c . "$TMP"/part-*.jsonl      # every line parses as JSON
expect_rc 0
# each part ends with extract's end record, counting the articles before it
jq_eq 'map(select(.lede_extract_end)) | map(.articles | tostring) | join(",")' '2,2,1'
run jq -s -c 'map(select(.lede_extract_end | not))' "$TMP"/part-*.jsonl
jq_eq 'length' '5'
jq_eq 'map(.index) | sort | map(tostring) | join(",")' '1,2,3,4,5'
jq_eq 'map(select(.id == "001_5e1d57c8eee590f4"))[0].title' 'NATO chief calls for accountability over attack on NATO’s mission in Kosovo'
jq_eq 'map(select(.id == "001_5e1d57c8eee590f4"))[0].annotations | map(select(.kind == "FIGURE")) | map(.attrs.value | tostring) | join(",")' '100,700,93,2'
# "clean" is the clean text itself (the same as "text"); older records had true
jq_eq 'map(.clean == .text) | unique | map(tostring) | join(",")' 'true'

# merge: every report, same as one run over the corpus
for r in briefing entities figures quotes timeline network disagreements duplicates; do
  run "$LEDE" report "$r" -o json "$CORPUS"
  single=$OUT
  run "$LEDE" merge "$r" -o json "$TMP/part-3.jsonl" "$TMP/part-1.jsonl" "$TMP/part-2.jsonl"
  expect_rc 0
  expect_eq "$OUT" "$single" "(merged $r differs from a single run)"
done
run "$LEDE" merge briefing "$TMP"/part-*.jsonl
expect_out "Briefing: 5 articles, dated 2023-06-13 to 2025-04-26"
run "$LEDE" merge nosuch "$TMP/part-1.jsonl"
expect_rc 2; expect_err "no report named 'nosuch'"

# the Hadoop Streaming recipe, simulated: a numbered JSON Lines corpus, 2
# map tasks reading stdin, shuffled outputs, one merge
printf 'local i = 0\ncorpus:each(function(a) i = i + 1\n  print(lede.json.encode{ id = a.id, text = a.raw, index = i }) end)\n' > "$TMP/tojsonl.lua"
"$LEDE" run "$TMP/tojsonl.lua" "$CORPUS" > "$TMP/corpus.jsonl"
run "$LEDE" report briefing -o json "$TMP/corpus.jsonl"
single=$OUT
run env LEDE="$LEDE" "$LEDE_SRC/contrib/hadoop/simulate.sh" "$TMP/corpus.jsonl" 2 briefing -o json
expect_rc 0
expect_eq "$OUT" "$single" "(Hadoop-style run differs from a single run)"
jq_eq '.articles | length' '5'

finish

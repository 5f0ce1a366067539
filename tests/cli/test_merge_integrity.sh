# Output integrity (issue 11, items 8, 9, 10, 14, 17): write errors are
# errors; lede extract output ends with a record that lede merge checks;
# merge reads its parts as extract output whatever their names, keeps
# headline-only articles, and names the file and line of a bad one.
. "$(dirname "$0")/lib.sh"
TO="timeout 60"

# 8. a full disk or a closed stdout is exit 2 with a message, not exit 0
if [ -w /dev/full ]; then
  "$LEDE" extract "$CORPUS" > /dev/full 2> "$TMP/err"; RC=$?; ERR=$(cat "$TMP/err")
  expect_rc 2 "(extract > /dev/full)"; expect_err "No space left on device"
  "$LEDE" stats "$CORPUS" > /dev/full 2> "$TMP/err"; RC=$?; ERR=$(cat "$TMP/err")
  expect_rc 2 "(stats > /dev/full)"; expect_err "error writing standard output"
  printf 'io.write("x")\nprint("y")\n' > "$TMP/w.lua"
  "$LEDE" run "$TMP/w.lua" > /dev/full 2> "$TMP/err"; RC=$?; ERR=$(cat "$TMP/err")
  expect_rc 2 "(Lua io.write/print > /dev/full)"; expect_err "error writing standard output"
  printf 'io.write("x")\nos.exit(0)\n' > "$TMP/x.lua"
  "$LEDE" run "$TMP/x.lua" > /dev/full 2> "$TMP/err"; RC=$?
  expect_rc 2 "(os.exit(0) after a failed write)"
fi
"$LEDE" extract "$CORPUS" >&- 2> "$TMP/err"; RC=$?; ERR=$(cat "$TMP/err")
expect_rc 2 "(extract >&-)"; expect_err "cannot write the output"
"$LEDE" report briefing "$CORPUS" >&- 2> "$TMP/err"; RC=$?; ERR=$(cat "$TMP/err")
expect_rc 2 "(report >&-)"; expect_err "error writing standard output"
# nothing to write, stdout closed: fine
printf 'local x = 1\n' > "$TMP/quiet.lua"
"$LEDE" run "$TMP/quiet.lua" >&- 2> "$TMP/err"; RC=$?
expect_rc 0 "(a run that writes nothing, stdout closed)"

# 17. a closed stdin is an error, not an empty corpus
"$LEDE" stats - <&- > "$TMP/out" 2> "$TMP/err"; RC=$?; ERR=$(cat "$TMP/err")
expect_rc 2 "(stats - <&-)"; expect_err "standard input"
"$LEDE" extract - <&- > "$TMP/out" 2> "$TMP/err"; RC=$?
expect_rc 2 "(extract - <&-)"

# the end record: last line of every extract output, ignored as a corpus
"$LEDE" extract "$CORPUS" > "$TMP/all.jsonl" || fail "extract"
run tail -n 1 "$TMP/all.jsonl"
jq_eq '.lede_extract_end' 'true'
jq_eq '.articles' '5'
run "$LEDE" stats -o json "$TMP/all.jsonl"
expect_rc 0; expect_err_empty
jq_eq '.articles' '5'
"$LEDE" extract --shard 3/3 -q - < /dev/null > "$TMP/none.jsonl"
run cat "$TMP/none.jsonl"
jq_eq '.articles' '0'

run "$LEDE" report briefing "$CORPUS"
single=$OUT
run "$LEDE" merge briefing "$TMP/all.jsonl"
expect_rc 0; expect_eq "$OUT" "$single"

# 8. an extract stopped half way (a cut last line, no end record): error
head -c 20000 "$TMP/all.jsonl" > "$TMP/cut.jsonl"
run $TO "$LEDE" merge briefing "$TMP/cut.jsonl"
expect_rc 2; expect_err "cut.jsonl:"; expect_no_out "Briefing"
head -n 3 "$TMP/all.jsonl" > "$TMP/noend.jsonl"
run $TO "$LEDE" merge briefing "$TMP/noend.jsonl"
expect_rc 2; expect_err "noend.jsonl:3: no end record"
# a lost line: the end record's count does not match
sed 2d "$TMP/all.jsonl" > "$TMP/lost.jsonl"
run $TO "$LEDE" merge briefing "$TMP/lost.jsonl"
expect_rc 2; expect_err "lost.jsonl:5: the end record counts 5 articles, but 4 came before it"
# parts may be concatenated: each run of records with its own end record
"$LEDE" extract --shard 1/2 "$CORPUS" > "$TMP/s1"
"$LEDE" extract --shard 2/2 "$CORPUS" > "$TMP/s2"
cat "$TMP/s2" "$TMP/s1" > "$TMP/both"
run_stdin "$TMP/both" "$LEDE" merge briefing -
expect_rc 0; expect_eq "$OUT" "$single"

# 9. Hadoop/Spark part files are extract output whatever their names
mkdir -p "$TMP/out-dir"
cp "$TMP/s1" "$TMP/out-dir/part-00000"; cp "$TMP/s2" "$TMP/out-dir/part-00001"
run "$LEDE" merge briefing "$TMP/out-dir/part-00000" "$TMP/out-dir/part-00001"
expect_rc 0; expect_eq "$OUT" "$single"
# ... and a file that is not extract output is an error naming it
cp "$CORPUS/000_14052a908de9061f.txt" "$TMP/part-00002"
run "$LEDE" merge briefing "$TMP/part-00002"
expect_rc 2; expect_err "part-00002:1: not an extract record"; expect_no_out "Briefing"
printf '{"id": "x", "text": "Plain JSON Lines, not extract output."}\n' > "$TMP/plain.jsonl"
run "$LEDE" merge briefing "$TMP/plain.jsonl"
expect_rc 2; expect_err "plain.jsonl:1: not an extract record"

# 14. one bad annotation: exit 2 naming file:line, or --skip-bad warns and goes on
{ head -n 2 "$TMP/all.jsonl"
  sed -n 3p "$TMP/all.jsonl" | jq -c '.annotations[0].start = "oops"'
  sed -n '4,$p' "$TMP/all.jsonl"; } > "$TMP/badann.jsonl"
run "$LEDE" merge briefing "$TMP/badann.jsonl"
expect_rc 2; expect_err "badann.jsonl:3: annotation 1 is malformed"; expect_no_out "Briefing"
run "$LEDE" merge --skip-bad briefing "$TMP/badann.jsonl"
expect_rc 0
expect_out "Briefing: 4 articles"
expect_err_re "warning: .*badann.jsonl:3: annotation 1 is malformed, skipped"
expect_err "1 bad line skipped"
run "$LEDE" merge --skip-bad briefing "$TMP/cut.jsonl" "$TMP/out-dir/part-00001"
expect_rc 0
expect_err_re "warning: .*cut.jsonl:[0-9]+: not an extract record"
expect_err_re "warning: .*cut.jsonl:[0-9]+: no end record"
run "$LEDE" stats --skip-bad "$CORPUS"
expect_rc 2; expect_err "--skip-bad is an option of merge"

# a key given twice: the C reader takes the first, lede.json.decode the
# last, so the spans checked against one text landed in another (found by
# fuzz_merge, tests/fuzz/regressions/merge/duplicate-text-key): a bad line
{ head -n 2 "$TMP/all.jsonl"
  sed -n 3p "$TMP/all.jsonl" | sed 's/^{/{"text":"Short.",/'
  sed -n '4,$p' "$TMP/all.jsonl"; } > "$TMP/twice.jsonl"
run "$LEDE" merge briefing "$TMP/twice.jsonl"
expect_rc 2 "(a record with two \"text\" keys)"
expect_err 'twice.jsonl:3: a key given twice ("text"): the record reads two ways'
expect_no_out "Briefing"
run "$LEDE" merge --skip-bad briefing "$TMP/twice.jsonl"
expect_rc 0 "(--skip-bad over two \"text\" keys)"
expect_out "Briefing: 4 articles"
expect_err_re "warning: .*twice.jsonl:3: a key given twice"
expect_err "1 bad line skipped"

# a span in the title of a record without a title was checked against the
# text (found by fuzz_merge, regressions/merge/title-span-without-title)
n=$(jq -s 'map(select(.annotations? and any(.annotations[]; .field == "title"))) | length' "$TMP/all.jsonl")
expect_eq "$([ "$n" -gt 0 ] && echo yes)" yes "(the sample has title annotations)"
{ head -n 2 "$TMP/all.jsonl"
  sed -n 3p "$TMP/all.jsonl" | jq -c 'del(.title) | .annotations |= [{"kind":"X","start":1,"stop":4,"field":"title"}] + .'
  sed -n '4,$p' "$TMP/all.jsonl"; } > "$TMP/notitle.jsonl"
run "$LEDE" merge briefing "$TMP/notitle.jsonl"
expect_rc 2 "(a title span without a title)"
expect_err "notitle.jsonl:3: annotation 1 is outside the title"

# ... and a field named only among the attributes counts as the field
# (found by fuzz_merge, regressions/merge/field-in-attrs)
{ head -n 2 "$TMP/all.jsonl"
  sed -n 3p "$TMP/all.jsonl" | jq -c '.annotations |= [{"kind":"X","start":1,"stop":4,"attrs":{"field":"titlte"}}] + .'
  sed -n '4,$p' "$TMP/all.jsonl"; } > "$TMP/attrfield.jsonl"
run "$LEDE" merge briefing "$TMP/attrfield.jsonl"
expect_rc 2 "(a field among the attributes)"
expect_err "attrfield.jsonl:3: annotation 1 is in an unknown field"

# 10. headline-only articles (an empty body) survive extract + merge
mkdir -p "$TMP/h"
printf 'Headline one\n' > "$TMP/h/a.txt"
printf 'Headline two\n' > "$TMP/h/b.txt"
cp "$CORPUS/000_14052a908de9061f.txt" "$CORPUS/001_5e1d57c8eee590f4.txt" "$TMP/h/"
run "$LEDE" report briefing -o json "$TMP/h"
hsingle=$OUT
jq_eq '.articles | length' '4'
"$LEDE" extract "$TMP/h" > "$TMP/h.jsonl"
run "$LEDE" merge briefing -o json "$TMP/h.jsonl"
expect_rc 0
jq_eq '.articles | length' '4'
expect_eq "$OUT" "$hsingle" "(merged headline-only corpus differs from a single run)"
run "$LEDE" report briefing -o json "$TMP/h.jsonl"
jq_eq '.articles | length' '4'

finish

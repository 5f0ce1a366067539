# lede extract for a reader with jq: each annotation's text and character
# offsets beside the byte offsets, "clean" as the clean text, --fields to
# choose; lede merge reads these records and the older ones ("clean": true).
. "$(dirname "$0")/lib.sh"

ONE="$CORPUS/001_5e1d57c8eee590f4.txt"
run "$LEDE" extract "$ONE"
expect_rc 0
printf '%s\n' "$OUT" | head -n 1 > "$TMP/rec.json"
rec() { jq -r "$1" "$TMP/rec.json"; }
CHECKS=$((CHECKS + 1))
[ "$(rec '.clean == .text')" = true ] || fail '"clean" is not the clean text'
# every body annotation: its text is the text's characters char_start..char_stop
# (jq slices strings by characters), and the bytes start..stop (Lua's way)
CHECKS=$((CHECKS + 1))
[ "$(rec '. as $r | [.annotations[] | select(.field == null) | $r.text[.char_start - 1 : .char_stop] == .text] | unique | map(tostring) | join(",")')" = true ] \
  || fail "char offsets do not slice the annotation text"
CHECKS=$((CHECKS + 1))
[ "$(rec '. as $r | [.annotations[] | select(.field == "title") | $r.title[.char_start - 1 : .char_stop] == .text] | unique | map(tostring) | join(",")')" = true ] \
  || fail "title char offsets do not slice the title"
# a span after a curly apostrophe: bytes and characters differ (’ is 3 bytes)
CHECKS=$((CHECKS + 1))
got=$(rec '[.annotations[] | select(.kind == "FIGURE" and .text == "700 more troops")][0] | "\(.start)-\(.stop) \(.char_start)-\(.char_stop)"')
[ "$got" = "1609-1623 1555-1569" ] || fail "700 more troops: byte and char offsets $got, expected 1609-1623 1555-1569 (Python's count)"
printf 'local r = lede.json.decode(io.read("a"))\nlocal x\nfor _, a in ipairs(r.annotations) do if a.text == "700 more troops" then x = a end end\nprint(r.text:sub(x.start, x.stop))\n' > "$TMP/bytes.lua"
run_stdin "$TMP/rec.json" "$LEDE" run "$TMP/bytes.lua"
expect_out "700 more troops"

# --fields: only these fields, annotations narrowed by annotations.FIELD
run "$LEDE" extract --fields id,title,clean "$ONE"
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | head -n 1 | jq -r 'keys | join(",")')" "clean,id,title"
expect_eq "$(printf '%s\n' "$OUT" | head -n 1 | jq -r '.clean | split("\n")[0]')" \
  "NATO Secretary General Jens Stoltenberg Thursday called for holding accountable those who attacked NATO’s peacekeeping mission in Kosovo in May."
expect_eq "$(printf '%s\n' "$OUT" | tail -n 1)" '{"articles":1,"lede_extract_end":true}'
run "$LEDE" extract --fields=id,annotations.kind,annotations.text "$ONE"
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | head -n 1 | jq -c '[.annotations[] | select(.kind == "PERSON")][0]')" '{"kind":"PERSON","text":"Jens Stoltenberg"}'
run "$LEDE" extract --fields id,nope "$ONE"
expect_rc 2
expect_err "lede: extract: unknown field 'nope' (fields: id, index, path, line, title, subtitle, date, date_doubtful, date_evidence, source, url, byline, dateline, agency, categories, boilerplate, text, clean, annotations, annotations.FIELD)"
run "$LEDE" extract --fields annotations.speaker "$ONE"
expect_rc 2
expect_err "lede: extract: unknown annotation field 'speaker' (fields: kind, start, stop, char_start, char_stop, text, field, attrs)"

# merge reads the new records, and records of older versions ("clean": true,
# no text or char offsets in the annotations), to the same report
"$LEDE" extract "$CORPUS" > "$TMP/new.jsonl" || fail "extract"
jq -c 'if .lede_extract_end then . else (.clean = true | .annotations |= map(del(.text, .char_start, .char_stop))) end' \
  "$TMP/new.jsonl" > "$TMP/old.jsonl"
run "$LEDE" report quotes -o json "$CORPUS"
single=$OUT
run "$LEDE" merge quotes -o json "$TMP/new.jsonl"
expect_rc 0
expect_eq "$OUT" "$single" "(merge of new records)"
run "$LEDE" merge quotes -o json "$TMP/old.jsonl"
expect_rc 0
expect_eq "$OUT" "$single" "(merge of old records)"
# a date the reader doubted stays doubted through extract and merge
expect_eq "$(jq -r 'select(.id == "002_38c80cf8b5a01419") | "\(.date_doubtful) \(.date_evidence)"' "$TMP/new.jsonl")" \
  "true Jens Stoltenberg is called NATO Secretary General, an office left on 2024-10-01"
run "$LEDE" report disagreements -o json "$CORPUS"
single_d=$OUT
run "$LEDE" merge disagreements -o json "$TMP/new.jsonl"
expect_eq "$OUT" "$single_d" "(merged disagreements keep the doubted date)"
# a record whose "clean" is neither true nor its text is no extract record
jq -c 'if .lede_extract_end then . else .clean = "something else" end' "$TMP/new.jsonl" > "$TMP/bad.jsonl"
run "$LEDE" merge quotes "$TMP/bad.jsonl"
expect_rc 2
expect_err 'bad.jsonl:1: not an extract record (no "clean" text)'
# extract output read back as a corpus keeps the text as it is
run "$LEDE" report quotes -o json "$TMP/new.jsonl"
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | jq '.count')" "$(printf '%s' "$single" | jq '.count')" "(quotes read back)"

finish

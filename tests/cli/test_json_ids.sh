# Numeric JSON Lines ids are kept as written (issue 11, item 15): 1.5 is
# "1.5", not "2" (which collided with id 2), and a 20-digit id keeps every
# digit; string ids and records without one are as before.
. "$(dirname "$0")/lib.sh"

printf '%s\n' '{"id": 1.5, "text": "One."}' '{"id": 2, "text": "Two."}' \
  '{"id": 12345678901234567890, "text": "Three."}' '{"text": "Four.", "id": -7e3}' \
  '{"id": "s", "text": "Five."}' '{"text": "Six."}' '{"title": "x", "id" : 0.1, "text": "Seven."}' \
  > "$TMP/ids.jsonl"
printf 'for a in corpus:articles() do print(a.id) end\n' > "$TMP/ids.lua"
run "$LEDE" run "$TMP/ids.lua" "$TMP/ids.jsonl"
expect_rc 0
expect_eq "$OUT" "$(printf '1.5\n2\n12345678901234567890\n-7e3\ns\nids:6\n0.1')"
run_stdin "$TMP/ids.jsonl" "$LEDE" run "$TMP/ids.lua" -
expect_eq "$OUT" "$(printf '1.5\n2\n12345678901234567890\n-7e3\ns\n-:6\n0.1')"
run "$LEDE" run --stream "$TMP/ids.lua" "$TMP/ids.jsonl"
expect_eq "$(printf '%s' "$OUT" | head -3)" "$(printf '1.5\n2\n12345678901234567890')"
# and through extract + merge
"$LEDE" extract "$TMP/ids.jsonl" > "$TMP/part"
run "$LEDE" merge "$TMP/ids.lua" "$TMP/part"
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | head -3)" "$(printf '1.5\n2\n12345678901234567890')"

finish

# Unicode normalisation: text is matched in NFC, so a name typed in NFD
# (a combining breve, as macOS and some CMSes store it) and in NFC is one
# person; the text as read stays in article.original, and
# article:original_offset maps a position of the NFC text back to it.
. "$(dirname "$0")/lib.sh"
nfc_a=$(printf 'Geo\304\203')           # a with breve, U+0103 precomposed
nfd_a=$(printf 'Geoa\314\206')          # a + U+0306 combining breve
printf 'Geoana visits Kosovo\n\nNATO Deputy Secretary General Mircea %s said on Tuesday that the alliance would stay in Kosovo.\nLater, Mircea %s told reporters that talks must go on.\n' "$nfd_a" "$nfc_a" > "$TMP/nfd.txt"
cat > "$TMP/show.lua" <<'LUA'
for a in corpus:articles() do
  local names = {}
  for _, e in ipairs(a:annotations("PERSON")) do names[#names + 1] = e.text end
  print("PERSONS", table.concat(names, ";"))
  print("LEN", #a.original, #a.raw, a.original ~= a.raw)
  local at = a.raw:find("Later", 1, true)
  local o = a:original_offset(at)
  print("ORIG", a.original:sub(o, o + 4), o - at)
  print("NFD", a.original:find("a\u{306}", 1, true) ~= nil, a.raw:find("a\u{306}", 1, true) ~= nil)
end
LUA
run "$LEDE" run "$TMP/show.lua" "$TMP/nfd.txt"
expect_rc 0
expect_out "PERSONS	Mircea $nfc_a;Mircea $nfc_a"
expect_out "LEN	$(wc -c < "$TMP/nfd.txt")	$(( $(wc -c < "$TMP/nfd.txt") - 1 ))	true"
expect_out "ORIG	Later	1"
expect_out "NFD	true	false"
run "$LEDE" report entities "$TMP/nfd.txt"
expect_rc 0
expect_out_re "^1 people"
# already NFC: nothing copied, original is the text itself
printf 'Mircea %s said so.\n' "$nfc_a" > "$TMP/nfc.txt"
run "$LEDE" run "$TMP/show.lua" "$TMP/nfc.txt"
expect_out "false"
# JSON Lines text is normalised too
printf '{"id":"j","text":"Mircea %s spoke. Then Mircea %s left."}\n' "$nfd_a" "$nfc_a" > "$TMP/n.jsonl"
run "$LEDE" run "$TMP/show.lua" "$TMP/n.jsonl"
expect_out "PERSONS	Mircea $nfc_a;Mircea $nfc_a"
finish

# Compressed files are read by their magic bytes whatever their names:
# gzip (multi-member too), zstd, xz; the name under .gz/.zst/.xz still
# tells the format (a .html.xz is a page). Damaged data is a warning that
# names the file; a file no reader takes is a warning and exit 2.
. "$(dirname "$0")/lib.sh"
for tool in gzip xz zstd; do
  command -v $tool >/dev/null || { echo "FAIL: $tool not installed (run contrib/install-deps.sh)"; exit 1; }
done
mkdir -p "$TMP/z"
cp "$CORPUS"/001_*.txt "$TMP/plain.txt"
gzip -c "$TMP/plain.txt" > "$TMP/z/a.txt.gz"
xz -c "$TMP/plain.txt" > "$TMP/z/b.txt.xz"
zstd -q -c "$TMP/plain.txt" > "$TMP/z/c.txt.zst"
# no telling suffix: the magic bytes decide
zstd -q -c "$TMP/plain.txt" > "$TMP/z/d.data"
run "$LEDE" stats "$TMP/plain.txt"
expect_rc 0
want=$(printf '%s\n' "$OUT" | grep -E '^(paragraphs|sentences|words)')
run "$LEDE" stats "$TMP/z"
expect_rc 0; expect_err_empty
expect_out_re '^articles +4$'
for k in paragraphs sentences words; do
  one=$(printf '%s\n' "$want" | awk -v k=$k '$1==k {print $2}')
  expect_out_re "^$k +$((one * 4))\$"
done
# ids drop the compression suffix and the extension; the text is the same
printf 'for a in corpus:articles() do print(a.id, a.compression, #a.text) end\n' > "$TMP/ids.lua"
run "$LEDE" run "$TMP/ids.lua" "$TMP/z"
expect_rc 0
n=$(printf '%s\n' "$OUT" | awk '{print $3}' | sort -u | wc -l)
expect_eq "$n" 1 "(one text length for all four)"
expect_out "$(printf 'a\tgzip')"; expect_out "$(printf 'b\txz')"; expect_out "$(printf 'c\tzstd')"
expect_out "$(printf 'd\tzstd')"
# two gzip members, concatenated (cat a.gz b.gz): one file, both parts
printf 'Talks resume\n\nFirst part of the story.\n' | gzip -c > "$TMP/m.txt.gz"
printf 'Second part of the story.\n' | gzip -c >> "$TMP/m.txt.gz"
printf 'for a in corpus:articles() do print(a.text) end\n' > "$TMP/text.lua"
run "$LEDE" run "$TMP/text.lua" "$TMP/m.txt.gz"
expect_rc 0; expect_out "First part of the story."; expect_out "Second part of the story."
# a page, xz-compressed, is read as HTML
printf '<html><head><title>Talks resume - Site</title></head><body><article><h1>Talks resume</h1><p>Prime Minister Albin Kurti said the talks would resume in Brussels next week, officials confirmed.</p></article></body></html>' | xz -c > "$TMP/page.html.xz"
printf 'for a in corpus:articles() do print(a.format, a.title) end\n' > "$TMP/fmt.lua"
run "$LEDE" run "$TMP/fmt.lua" "$TMP/page.html.xz"
expect_rc 0; expect_out "$(printf 'html\tTalks resume')"
# truncated: what came before the damage is read, with a warning naming the file
head -c 700 "$TMP/z/b.txt.xz" > "$TMP/cut.txt.xz"
run "$LEDE" stats "$TMP/cut.txt.xz"
expect_err_re "cut\.txt\.xz: warning: truncated or corrupt xz data"
head -c 40 "$TMP/z/c.txt.zst" > "$TMP/cut.zst"
run "$LEDE" stats "$TMP/cut.zst"
expect_err_re "cut\.zst: warning: (truncated or )?corrupt zstd data"
# corrupt beyond reading: no article, a warning, exit 2
printf '\375\067\172\130\132\000garbage garbage' > "$TMP/bad.xz"
run "$LEDE" stats "$TMP/bad.xz"
expect_rc 2; expect_err "bad.xz: warning: corrupt xz data, skipped"
# compressed inside compressed is not unpacked again
gzip -c "$TMP/z/a.txt.gz" > "$TMP/twice.gz"
run "$LEDE" stats "$TMP/twice.gz"
expect_rc 2; expect_err "compressed data inside compressed data, skipped"
# a binary file no reader takes: a warning and exit 2, the rest still read
printf 'PK\003\004\000\000junk' > "$TMP/z/e.zip"
run "$LEDE" stats "$TMP/z"
expect_rc 2; expect_out_re '^articles +4$'
expect_err "e.zip: warning: binary file (NUL byte at offset 4), skipped"
run "$LEDE" --stream run "$TMP/ids.lua" "$TMP/z"
expect_rc 2
finish

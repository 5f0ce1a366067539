# Bad input never crashes: each problem is named with its file (and line or
# byte), the rest of the corpus is still read, and the exit code says so.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/c"
cp "$CORPUS"/001_*.txt "$TMP/c/a_good.txt"
printf 'Title line\n\nA sentence with a bad byte \377 here. Another one.\n' > "$TMP/c/b_badutf8.txt"
printf 'binary\000stuff\000' > "$TMP/c/c_binary.bin"
: > "$TMP/c/d_empty.txt"
printf '   \n\n  \n' > "$TMP/c/e_blank.txt"

run "$LEDE" stats "$TMP/c"
expect_rc 2   # the binary file: no reader takes it (issue 16)
expect_out_re '^articles +2$'
expect_err_re "b_badutf8\.txt:3: warning: invalid UTF-8 at byte 39: 1 byte replaced with U\+FFFD"
expect_err_re "c_binary\.bin: warning: binary file \(NUL byte at offset 6\), skipped"
expect_err_re "d_empty\.txt: warning: empty file, skipped"
expect_err_re "e_blank\.txt: warning: empty file, skipped"
expect_out_re '^warnings +4$'

# the replacement character is in the text, and the text is valid UTF-8
printf 'for a in corpus:articles() do if a.text:find("\\u{FFFD}") then print(a.id, utf8.len(a.text) ~= nil) end end\n' > "$TMP/fffd.lua"
run "$LEDE" run "$TMP/fffd.lua" "$TMP/c/b_badutf8.txt"
expect_rc 0; expect_eq "$OUT" "$(printf 'b_badutf8\ttrue')"

# a missing path: reported, the rest still read, exit 2
run "$LEDE" stats "$TMP/missing.txt" "$CORPUS"
expect_rc 2
expect_err "missing.txt: error: cannot open: No such file or directory"
expect_out_re '^articles +5$'

# an unreadable file inside a folder (skip when running as root: root reads anything)
if [ "$(id -u)" != 0 ]; then
  cp "$CORPUS"/000_*.txt "$TMP/c/f_noread.txt"; chmod 000 "$TMP/c/f_noread.txt"
  run "$LEDE" stats "$TMP/c"
  expect_rc 2; expect_err "f_noread.txt: error: cannot open: Permission denied"
  rm -f "$TMP/c/f_noread.txt"
fi

# JSON Lines with a broken line, a line without text, a non-object, a bad date
cat > "$TMP/mixed.jsonl" <<'JSONL'
{"title": "First", "date": "2023-09-07", "source": "Wire", "text": "One sentence here. Two sentences here."}
{"title": "Broken", "text": "unterminated
{"title": "No text"}
[1, 2, 3]

{"id": "x9", "title": "Second", "date": "13 June 2023", "url": "https://example.org/a", "text": "NATO said so. It did."}
{"title": "Bad date", "date": "someday", "text": "Text here."}
JSONL
run "$LEDE" stats "$TMP/mixed.jsonl"
expect_rc 0
expect_out_re '^articles +3$'
expect_err_re "mixed\.jsonl:2: warning: malformed JSON near column [0-9]+, line skipped"
expect_err_re "mixed\.jsonl:3: warning: no \"text\" string field, line skipped"
expect_err_re "mixed\.jsonl:4: warning: not a JSON object, line skipped"
expect_err_re "mixed\.jsonl:7: warning: date \"someday\" not understood, ignored"

printf 'for a in corpus:articles() do print(a.id, a.title, a.date, a.source, a.url, a.line) end\n' > "$TMP/meta.lua"
run "$LEDE" run -q "$TMP/meta.lua" "$TMP/mixed.jsonl"
expect_rc 0
expect_err_empty
expect_out "$(printf 'mixed:1\tFirst\t2023-09-07\tWire\tnil\t1')"
expect_out "$(printf 'x9\tSecond\t2023-06-13\tnil\thttps://example.org/a\t6')"

# invalid UTF-8 inside a JSONL line is reported with its line
printf '{"text": "ok line."}\n{"text": "bad \377 byte"}\n' > "$TMP/bad.jsonl"
run "$LEDE" stats "$TMP/bad.jsonl"
expect_rc 0; expect_out_re '^articles +1$'; expect_err_re "bad\.jsonl:2: warning: invalid UTF-8"

# a \u0000 inside a JSON string cuts the text there: said, not silent
printf '{"text": "First sentence here. Second one\\u0000 hidden."}\n' > "$TMP/nul.jsonl"
run "$LEDE" stats "$TMP/nul.jsonl"
expect_rc 0; expect_out_re '^articles +1$'
expect_err "nul.jsonl:1: warning: a \\u0000 (NUL) in the line: the text is cut there"

# stdin: plain text and JSON Lines
run_stdin "$CORPUS/002_38c80cf8b5a01419.txt" "$LEDE" run "$TMP/meta.lua" -
expect_rc 0; expect_out_re "^-	NATO head says violence in Kosovo"
run_stdin "$TMP/mixed.jsonl" "$LEDE" stats -q -
expect_rc 0; expect_out_re '^articles +3$'

# a huge line (12 MB, no newline) is read and segmented
awk 'BEGIN { s = "Word after word goes on. "; for (i = 0; i < 500000; i++) printf "%s", s }' > "$TMP/huge.txt"
run "$LEDE" stats "$TMP/huge.txt"
expect_rc 0; expect_out_re '^articles +1$'; expect_out_re '^sentences +500000$'

# a folder that does not exist and an empty folder
mkdir -p "$TMP/emptydir"
run "$LEDE" stats "$TMP/emptydir"
expect_rc 0; expect_out_re '^articles +0$'

finish

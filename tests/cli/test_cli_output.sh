# Output (issue 18): CSV with LF line ends and RFC 4180 quoting, every
# section reachable (--section NAME|all, --output-dir), unknown sections
# and -o dot for a report without a graph are one-line usage errors; text
# tables aligned by display width (wide and combining characters); colour
# only on a terminal (--color, NO_COLOR).
. "$(dirname "$0")/lib.sh"

# A two-section report with awkward cells, through lib.output.
cat > "$TMP/cells.lua" <<'LUA'
-- Cells: wide, combining and quoted text in two sections.
local output = require "lib.output"
output.emit{
  title = "Cells",
  sections = {
    { name = "names", title = "Names", columns = { "name", "n" }, rows = {
      { name = "日本語", n = 1 },
      { name = "Cafe\u{301}", n = 22 },
      { name = "plain", n = 333 },
    } },
    { name = "notes", columns = { "note" }, rows = {
      { note = 'said "no", twice' },
      { note = "two\nlines" },
      { note = "a,b" },
    } },
  },
}
LUA

# text: the columns line up in terminal columns, not code points or bytes
run "$LEDE" run "$TMP/cells.lua"
expect_rc 0
expect_eq "$OUT" "$(printf '%s\n' 'Cells' '=====' '' 'Names' '-----' \
  'NAME    N' '日本語  1' $'Cafe\xcc\x81    22' 'plain   333' '' 'notes' '-----' \
  'NOTE' 'said "no", twice' 'two lines' 'a,b')" "(text table by display width)"

# CSV: the first section, a note on stderr naming the others
run "$LEDE" run -o csv "$TMP/cells.lua"
expect_rc 0
expect_eq "$OUT" "$(printf 'name,n\n日本語,1\nCafe\xcc\x81,22\nplain,333')"
expect_eq "$ERR" "lede: CSV holds the first of 2 sections (names, notes); --section NAME or all, or --output-dir DIR, for the others"
# LF line ends, no CR anywhere
"$LEDE" run -o csv "$TMP/cells.lua" >"$TMP/c.csv" 2>/dev/null
expect_eq "$(tr -cd '\r' <"$TMP/c.csv" | wc -c)" "0" "(no CR in CSV)"
expect_eq "$(tail -c 1 "$TMP/c.csv" | od -An -c | tr -d ' ')" '\n' "(ends with LF)"
# -q: no note
run "$LEDE" run -q -o csv "$TMP/cells.lua"
expect_rc 0; expect_err_empty
# RFC 4180 quoting of the second section
run "$LEDE" run -o csv --section notes "$TMP/cells.lua"
expect_rc 0; expect_err_empty
expect_eq "$OUT" "$(printf 'note\n"said ""no"", twice"\n"two\nlines"\n"a,b"')"
# every section in one table
run "$LEDE" run -o csv --section=all "$TMP/cells.lua"
expect_rc 0
expect_eq "$OUT" "$(printf 'section,name,n,note\nnames,日本語,1,\nnames,Cafe\xcc\x81,22,\nnames,plain,333,\nnotes,,,"said ""no"", twice"\nnotes,,,"two\nlines"\nnotes,,,"a,b"')"
# one file per section
mkdir "$TMP/secs"
run "$LEDE" run -o csv --output-dir "$TMP/secs" "$TMP/cells.lua"
expect_rc 0; expect_eq "$OUT" ""
expect_eq "$(cd "$TMP/secs" && ls | tr '\n' ' ')" "names.csv notes.csv "
expect_eq "$(cat "$TMP/secs/notes.csv")" "$(printf 'note\n"said ""no"", twice"\n"two\nlines"\n"a,b"')"
# the old spelling, a script argument, still works
run "$LEDE" run -o csv "$TMP/cells.lua" -- --section notes
expect_rc 0; expect_out '"a,b"'

# usage errors: one line, exit 2, no traceback
run "$LEDE" run -o csv --section nope "$TMP/cells.lua"
expect_rc 2
expect_eq "$ERR" "lede: no section 'nope' (sections: names, notes, all)"
run "$LEDE" run -o dot "$TMP/cells.lua"
expect_rc 2; expect_eq "$OUT" ""
expect_eq "$ERR" "lede: this report has no dot output (dot is for graphs: lede report network -o dot); use text, json, csv, md or html"
run "$LEDE" run --output-dir "$TMP/secs" "$TMP/cells.lua"
expect_rc 2
expect_eq "$ERR" "lede: --output-dir writes one CSV file per section: use it with -o csv"
run "$LEDE" report briefing -o csv --section nope "$CORPUS"
expect_rc 2
expect_eq "$ERR" "lede: no section 'nope' (sections: articles, sources, people, organisations, places, figures, speakers, all)"
run "$LEDE" report quotes -o dot "$CORPUS"
expect_rc 2; expect_err "this report has no dot output"
# ... while network draws its graph
run "$LEDE" report network -o dot "$CORPUS"
expect_rc 0; expect_out_re '^graph lede_network \{'

# colour: never into a pipe or file by default; always on request; on a
# terminal unless NO_COLOR; never on request
ESC=$(printf '\033')
run "$LEDE" run "$TMP/cells.lua"
expect_no_out "$ESC"
run "$LEDE" run --color=always "$TMP/cells.lua"
expect_eq "$(printf '%s' "$OUT" | head -1)" "${ESC}[1mCells${ESC}[0m"
expect_out "${ESC}[1mNAME    N${ESC}[0m"
run env NO_COLOR=1 "$LEDE" run --color=always "$TMP/cells.lua"
expect_out "${ESC}[1mCells"
run "$LEDE" run --color=always -o csv -q "$TMP/cells.lua"
expect_no_out "$ESC"
if command -v script >/dev/null; then
  tty_run() { script -qec "$*" /dev/null </dev/null | tr -d '\r'; }
  expect_eq "$(tty_run "'$LEDE' run '$TMP/cells.lua'" | head -1)" "${ESC}[1mCells${ESC}[0m" "(a terminal: colour)"
  expect_eq "$(tty_run "NO_COLOR=1 '$LEDE' run '$TMP/cells.lua'" | head -1)" "Cells" "(NO_COLOR)"
  expect_eq "$(tty_run "'$LEDE' run --color=never '$TMP/cells.lua'" | head -1)" "Cells" "(--color=never)"
  expect_eq "$(tty_run "TERM=dumb '$LEDE' run '$TMP/cells.lua'" | head -1)" "Cells" "(TERM=dumb)"
else
  echo "note: script(1) missing, terminal colour checks skipped" >&2
fi

finish

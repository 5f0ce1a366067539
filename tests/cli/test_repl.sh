# The REPL fed from a pipe: expressions print, statements run, errors do
# not end the session, multi-line input continues.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/in.txt" <<'IN'
#corpus
corpus[2].date
x = 40 + 2
x
for i = 1, 2 do
  print("line", i)
end
nosuch.field
corpus[3].dateline
:help
IN
run_stdin "$TMP/in.txt" "$LEDE" repl "$CORPUS"
expect_rc 0
expect_out "5"
expect_out "2023-09-07"
expect_out "42"
expect_out "$(printf 'line\t1')"
expect_out "$(printf 'line\t2')"
expect_err "attempt to index a nil value (global 'nosuch')"
expect_out "BELGRADE, Serbia"
expect_out ":quit"

finish

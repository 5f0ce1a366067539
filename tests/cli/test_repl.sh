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
local n = #corpus
n * 10
local a, b <const> = 3, 4
a * b
local function sq(v) return v * v end
sq(9)
local z
z == nil
for i = 1, 1 do local inner = 5 end
inner == nil
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
# a `local` at the prompt lives on for the next lines (one chunk per line)
expect_out "50"
expect_out "12"
expect_out "81"
expect_out_re "^true$"
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$OUT" | grep -c '^true$')" = 2 ] || fail "local z / a block's local"

# :run NAME FORMAT FILE: the sandbox refuses the write and says how to get the file;
# with --no-sandbox the report goes to the file, not to the screen
printf ':run figures json %s\n' "$TMP/fig.json" > "$TMP/run.txt"
run_stdin "$TMP/run.txt" "$LEDE" repl --sandbox "$CORPUS"
expect_err "start \`lede repl --no-sandbox\` to write files, or run \`lede report figures -o json CORPUS > $TMP/fig.json\`"
run_stdin "$TMP/run.txt" "$LEDE" repl --no-sandbox "$CORPUS"
expect_rc 0
expect_out_re "fig.json: [0-9]+ bytes written"
expect_no_out '"figures"'
CHECKS=$((CHECKS + 1))
jq -e '.count == 16' "$TMP/fig.json" > /dev/null || fail ":run wrote no JSON report to the file"

finish

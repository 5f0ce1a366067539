# Report options (issue 18): declared in the report's header with
# '-- @option', listed by 'lede report NAME --help', parsed like lede's own
# options, checked by type and given to the report as the table `options`.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/opts.lua" <<'LUA'
-- Options: what the report was given.
--
-- @option --top=N            number  20  rows shown
-- @option --speaker=NAME     string  -   only this speaker
-- @option --since=DATE       date    -   only articles dated on or after DATE
-- @option --min-weight=X     number  1.5 links lighter than X are left out
-- @option --all              flag    -   every row
-- more words of the header, not an option
local keys = {}
for k in pairs(options) do keys[#keys + 1] = k end
table.sort(keys)
local out = {}
for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(options[k]) .. ":" .. math.type(options[k]) or type(options[k]) end
print(#corpus .. " " .. table.concat(out, " "))
LUA
sed -i 's/math.type(options\[k\]) or type(options\[k\])/(math.type(options[k]) or type(options[k]))/' "$TMP/opts.lua"

run "$LEDE" report "$TMP/opts.lua" --help
expect_rc 0; expect_err_empty
expect_eq "$OUT" "usage: lede report $TMP/opts.lua [OPTIONS] CORPUS...

Options: what the report was given.

Report options:
  --top=N                rows shown (default 20)
  --speaker=NAME         only this speaker
  --since=DATE           only articles dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)
  --min-weight=X         links lighter than X are left out (default 1.5)
  --all                  every row

Output: -o text|json|csv|md|html (default text); CSV holds one section:
--section NAME picks it, --section all puts every section in one table
with a leading \"section\" column, --output-dir DIR writes DIR/NAME.csv for
each section. See 'lede help report' for the options of every report."
run "$LEDE" help report "$TMP/opts.lua"
expect_rc 0; expect_out "  --min-weight=X         links lighter than X are left out (default 1.5)"

# defaults, typed; a flag is false, an option without default is absent
run "$LEDE" report "$TMP/opts.lua" "$CORPUS"
expect_rc 0
expect_eq "$OUT" "5 all=false:boolean min_weight=1.5:float top=20:integer"
# given values: --opt value, --opt=value, before or after the corpus
run "$LEDE" report "$TMP/opts.lua" --top 5 "$CORPUS" --speaker=Stoltenberg --since 2023-06 --all --min-weight=2
expect_rc 0
expect_eq "$OUT" "5 all=true:boolean min_weight=2:integer since=2023-06:string speaker=Stoltenberg:string top=5:integer"
# mixed with lede's own (bundled) options
run "$LEDE" report "$TMP/opts.lua" -qj2 --top=-3 "$CORPUS"
expect_rc 0; expect_eq "$OUT" "5 all=false:boolean min_weight=1.5:float top=-3:integer"

# errors: one line, exit 2, pointing to the report's help
H="(see 'lede report $TMP/opts.lua --help')"
check_usage() { # check_usage 'expected stderr' ARGS...
  local want=$1; shift
  run "$LEDE" report "$TMP/opts.lua" "$@"
  expect_rc 2 "($*)"
  expect_eq "$ERR" "$want" "($*)"
  expect_eq "$OUT" "" "(no stdout: $*)"
}
check_usage "lede: unknown option '--bogus' $H" --bogus "$CORPUS"
check_usage "lede: --top needs a number, not 'many' $H" --top many "$CORPUS"
check_usage "lede: option '--top' needs a value $H" "$CORPUS" --top
check_usage "lede: --since needs a date YYYY-MM-DD, YYYY-MM or YYYY, not '2023-02-30' $H" --since 2023-02-30 "$CORPUS"
check_usage "lede: --since needs a date YYYY-MM-DD, YYYY-MM or YYYY, not 'June' $H" --since=June "$CORPUS"
check_usage "lede: option '--all' takes no value $H" --all=yes "$CORPUS"
check_usage "lede: --speaker needs a non-empty NAME $H" --speaker= "$CORPUS"
check_usage "lede: report $TMP/opts.lua needs a CORPUS (a file, a folder, or - for stdin) $H" --top 3
# a leap day is a date, the 29th of February 2023 is not
run "$LEDE" report "$TMP/opts.lua" --since 2024-02-29 "$CORPUS"
expect_rc 0; expect_out "since=2024-02-29:string"

# a corpus where every file was skipped: a message, exit 2, no report
mkdir "$TMP/skipped"; : > "$TMP/skipped/empty.txt"; printf 'a\0b' > "$TMP/skipped/bin.txt"
run "$LEDE" report "$TMP/opts.lua" -q "$TMP/skipped/empty.txt"
expect_rc 2; expect_eq "$OUT" ""
expect_eq "$ERR" "lede: no articles in the corpus (every file was skipped or empty)"
run "$LEDE" report "$TMP/opts.lua" "$TMP/skipped"
expect_rc 2; expect_eq "$OUT" ""; expect_err "skipped"

# the header's own mistakes name the file and line (a script error)
printf -- '-- Bad.\n-- @option --top=N  integer  3  rows\nprint(1)\n' > "$TMP/bad.lua"
run "$LEDE" report "$TMP/bad.lua" "$CORPUS"
expect_rc 1
expect_eq "$ERR" "lede: $TMP/bad.lua:2: @option --top: unknown type 'integer' (number, string, date, flag)"
printf -- '-- Bad.\n-- @option --output=F  string  -  shadows lede\nprint(1)\n' > "$TMP/bad2.lua"
run "$LEDE" report "$TMP/bad2.lua" "$CORPUS"
expect_rc 1; expect_eq "$ERR" "lede: $TMP/bad2.lua: @option --output is an option of lede itself"
printf -- '-- Bad.\n-- @option --top=N  number  lots  rows\nprint(1)\n' > "$TMP/bad3.lua"
run "$LEDE" report "$TMP/bad3.lua" "$CORPUS"
expect_rc 1; expect_eq "$ERR" "lede: $TMP/bad3.lua:2: --top needs a number, not 'lots'"

# lede run reads the same declarations
run "$LEDE" run "$TMP/opts.lua" "$CORPUS" --top 7
expect_rc 0; expect_out "top=7:integer"
run "$LEDE" run "$TMP/opts.lua" --help
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | sed -n '1p;5p')" "usage: lede run $TMP/opts.lua [OPTIONS] [CORPUS...] [-- ARGS...]
Script options:"
run "$LEDE" merge quotes --help
expect_rc 0; expect_eq "$(printf '%s' "$OUT" | head -1)" "usage: lede merge quotes [OPTIONS] PART..."

# the bundled reports: every header parses, the options the issue names are listed
for r in briefing disagreements duplicates entities figures network quotes timeline; do
  run "$LEDE" report "$r" --help
  expect_rc 0 "($r --help)"
  expect_out_re "^usage: lede report $r \[OPTIONS\] CORPUS\.\.\.$"
done
run "$LEDE" report quotes --help
for o in "--top=N" "--speaker=NAME" "--since=DATE" "--until=DATE" "--kind=KIND"; do
  expect_out_re "^  $o "
done
run "$LEDE" report quotes --speaker Stoltenberg --top 1 -o json "$CORPUS"
expect_rc 0
jq_eq '[.quotes[].speaker] | unique | join(",")' 'Jens Stoltenberg'
run "$LEDE" report quotes --speaker Stoltenberg --top 1 --bogus "$CORPUS"
expect_rc 2; expect_eq "$ERR" "lede: unknown option '--bogus' (see 'lede report quotes --help')"
# merge takes the report's options too
"$LEDE" extract -q "$CORPUS" > "$TMP/part" 2>/dev/null
run "$LEDE" merge quotes --speaker Stoltenberg -o json "$TMP/part"
expect_rc 0
jq_eq '[.quotes[].speaker] | unique | join(",")' 'Jens Stoltenberg'

finish

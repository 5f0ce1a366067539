# Option parsing (issue 18): getopt_long rules (bundled short options,
# --opt=value and --opt value, -- ends the options), unknown options and
# missing values are one-line usage errors (exit 2), lede help [COMMAND].
. "$(dirname "$0")/lib.sh"

run "$LEDE" stats -o json "$CORPUS"
expect_rc 0
REF=$OUT

# bundled short options, a value glued to its letter or after it
run "$LEDE" stats -qj2 -ojson "$CORPUS"
expect_rc 0; expect_eq "$OUT" "$REF" "(-qj2 -ojson)"
run "$LEDE" stats -qj 2 -o json "$CORPUS"
expect_rc 0; expect_eq "$OUT" "$REF" "(-qj 2 -o json)"
run "$LEDE" stats --jobs=2 --output=json --quiet "$CORPUS"
expect_rc 0; expect_eq "$OUT" "$REF" "(--jobs=2 --output=json)"
# options anywhere, also after the paths; an unambiguous prefix of a name
run "$LEDE" stats "$CORPUS" --qui --output json
expect_rc 0; expect_eq "$OUT" "$REF" "(--qui --output json after the path)"

# -- ends the options: the words after it are paths, even if they look
# like options (stats -- used to swallow them)
run "$LEDE" stats -o json -- "$CORPUS"
expect_rc 0; expect_eq "$OUT" "$REF" "(stats -- CORPUS)"
mkdir -p "$TMP/-o"
cp "$CORPUS"/* "$TMP/-o/"
(cd "$TMP" && "$LEDE" stats -o json -- -o >"$TMP/dash.out" 2>"$TMP/dash.err")
expect_eq "$?" "0" "(stats -- -o: a folder named -o)"
expect_eq "$(cat "$TMP/dash.out")" "$REF" "(stats -- -o)"
# ... and for run, the words after -- are the script's arguments
printf 'print(#corpus, table.concat(arg, "|"))\n' > "$TMP/args.lua"
run "$LEDE" run "$TMP/args.lua" "$CORPUS" -q -- -x --y=1 z
expect_rc 0; expect_eq "$OUT" "5	-x|--y=1|z"

# usage errors: one line on stderr, exit 2, nothing on stdout
check_usage() { # check_usage 'expected stderr' CMD...
  local want=$1; shift
  run "$@"
  expect_rc 2 "($*)"
  expect_eq "$ERR" "$want" "($*)"
  expect_eq "$OUT" "" "(no stdout: $*)"
}
check_usage "lede: unknown option '--bogus' (see 'lede --help')" "$LEDE" stats --bogus "$CORPUS"
check_usage "lede: unknown option '-x' (see 'lede --help')" "$LEDE" stats -qx "$CORPUS"
check_usage "lede: option '--quiet' takes no value (see 'lede --help')" "$LEDE" stats --quiet=yes "$CORPUS"
check_usage "lede: option '--output' needs a value (see 'lede --help')" "$LEDE" stats "$CORPUS" --output
check_usage "lede: option '-j' needs a value (see 'lede --help')" "$LEDE" stats "$CORPUS" -qj
check_usage "lede: -j needs a number from 1 to 64, not '0' (see 'lede --help')" "$LEDE" stats -j0 "$CORPUS"
check_usage "lede: ambiguous option '--outp' (--output, --output-dir) (see 'lede --help')" "$LEDE" stats --outp json "$CORPUS"
check_usage "lede: --color needs auto, always or never, not 'sometimes' (see 'lede --help')" \
  "$LEDE" stats --color=sometimes "$CORPUS"
check_usage "lede: unknown command 'frobnicate' (see 'lede --help')" "$LEDE" frobnicate

# lede help, lede help COMMAND, lede COMMAND --help
run "$LEDE" help
expect_rc 0; expect_out "usage: lede [OPTIONS] COMMAND [ARGS...]"; expect_err_empty
run "$LEDE" --help
expect_rc 0; expect_eq "$(printf '%s' "$OUT" | head -1)" "usage: lede [OPTIONS] COMMAND [ARGS...]"
run "$LEDE" help stats
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | head -1)" "usage: lede stats [OPTIONS] CORPUS..."
run "$LEDE" stats --help
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | head -1)" "usage: lede stats [OPTIONS] CORPUS..."
run "$LEDE" help merge
expect_rc 0; expect_out "--skip-bad        warn about bad lines"
for cmd in run report repl stats rules extract merge eval train help; do
  run "$LEDE" help "$cmd"
  expect_rc 0 "(help $cmd)"
  expect_out_re "^usage: lede $cmd "
done
check_usage "lede: no command 'nope' (see 'lede --help')" "$LEDE" help nope

finish

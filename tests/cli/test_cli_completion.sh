# Shell completion (issue 18): contrib/completion/lede.bash completes
# commands, report names, lede's options, a report's declared options and
# formats; contrib/completion/_lede does the same for zsh.
. "$(dirname "$0")/lib.sh"
BASH_COMP="$LEDE_SRC/contrib/completion/lede.bash"
ZSH_COMP="$LEDE_SRC/contrib/completion/_lede"

# sourcing registers the function
run bash -c ". '$BASH_COMP' && complete -p lede"
expect_rc 0; expect_eq "$OUT" "complete -o filenames -F _lede lede"

# complete WORD... : what _lede offers for the last word (the first is lede)
complete_words() {
  timeout 120 bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _lede
           printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_COMP" "$LEDE" "$@" | LC_ALL=C sort | tr '\n' ' '
}
expect_eq "$(complete_words "")" "eval extract help merge repl report rules run stats train " "(commands)"
expect_eq "$(complete_words re)" "repl report " "(re)"
expect_eq "$(complete_words report "")" \
  "briefing disagreements duplicates entities figures network quotes timeline " "(report names)"
expect_eq "$(complete_words -q report b)" "briefing " "(a report name after an option)"
expect_eq "$(complete_words merge q)" "quotes " "(merge NAME)"
expect_eq "$(complete_words help report q)" "quotes " "(help report NAME)"
# a report's declared options, beside lede's own
expect_eq "$(complete_words report quotes --sp)" "--speaker " "(--speaker)"
expect_eq "$(complete_words report quotes "$CORPUS" --top 5 --s)" \
  "--sandbox --section --shard --since --skip-bad --speaker --stream " "(--s after a value)"
expect_eq "$(complete_words report network --mi)" "--min-weight " "(network's --min-weight)"
expect_eq "$(complete_words stats --out)" "--output --output-dir " "(lede's options)"
expect_eq "$(complete_words extract --fi)" "--fields " "(extract's --fields)"
expect_eq "$(complete_words train --mod)" "--model " "(train's --model)"
# values
expect_eq "$(complete_words report quotes -o "")" "csv dot html json md text " "(-o formats)"
expect_eq "$(complete_words stats --color = a)" "always auto " "(--color=)"
expect_eq "$(complete_words eval --format "")" "brat conll pages timeml " "(--format)"
# paths after the report name
mkdir -p "$TMP/corp/sub" && : > "$TMP/corp/a.txt"
expect_eq "$(complete_words report quotes "$TMP/corp/")" "$TMP/corp/a.txt $TMP/corp/sub " "(paths)"

# zsh: the same, with compadd and _files stubbed. Under ASan, LeakSanitizer's
# ptrace stop of a lede inside zsh's $(a | b) can hang for good (zsh reaps
# the stop the tracer waits for): no leak check there (the other tests make
# it), and a timeout so a hang fails the test instead of blocking the suite.
if command -v zsh >/dev/null; then
  run zsh -n "$ZSH_COMP"
  expect_rc 0 "(zsh -n _lede)"
  zcomplete() {
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" timeout 120 zsh -f -c 'compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
               compset() { :; }; _files() { print -r -- "(files $*)"; }
               source "$1" >/dev/null 2>&1; shift; words=("$@"); CURRENT=${#words}; _lede' \
      _ "$ZSH_COMP" "$LEDE" "$@" | LC_ALL=C sort | tr '\n' ' '
  }
  expect_eq "$(zcomplete report "")" \
    "(files -g *.lua) briefing disagreements duplicates entities figures network quotes timeline " "(zsh report names)"
  CHECKS=$((CHECKS + 1))
  zcomplete report quotes --x | tr ' ' '\n' | grep -qx -- --speaker || fail "zsh: no --speaker for quotes"
  CHECKS=$((CHECKS + 1))
  zcomplete report quotes --x | tr ' ' '\n' | grep -qx -- --output-dir || fail "zsh: no --output-dir"
  expect_eq "$(zcomplete -o "")" "csv dot html json md text " "(zsh -o)"
  CHECKS=$((CHECKS + 1))
  zcomplete extract --x | tr ' ' '\n' | grep -qx -- --fields || fail "zsh: no --fields for extract"
  expect_eq "$(zcomplete stats --color=a)" "always auto never " "(zsh --color=)"
else
  echo "note: zsh is not installed, the zsh completion checks are skipped" >&2
fi

finish

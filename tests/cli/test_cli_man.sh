# The man page (issue 18): docs/lede.1 renders with man -l (and groff
# without warnings), names every option 'lede --help' lists, and
# 'cmake --install' puts it, the binary, the scripts and both shell
# completions where they belong.
. "$(dirname "$0")/lib.sh"
MAN="$LEDE_SRC/docs/lede.1"

command -v man >/dev/null || { echo "FAIL [$T_NAME]: man is not installed (man-db, contrib/install-deps.sh)" >&2; exit 1; }
run env MANWIDTH=80 man -l "$MAN"
expect_rc 0; expect_err_empty
expect_eq "$(printf '%s' "$OUT" | head -1 | tr -s ' ')" "LEDE(1) User Commands LEDE(1)"
for sec in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "REPORT OPTIONS" CORPUS OUTPUT ENVIRONMENT "EXIT STATUS" FILES EXAMPLES; do
  expect_out_re "^$sec\$"
done
expect_out "lede - read a pile of news articles as data"
expect_out "-- @option --top=N          number  20  rows per section"
run groff -man -Tutf8 -ww -z "$MAN"
expect_rc 0; expect_err_empty

# every long option of lede --help, and every command, is in the man page
TEXT=$(MANWIDTH=200 man -l "$MAN" 2>/dev/null)
for o in $("$LEDE" --help | sed -nE 's/^ +(-[a-zA-Z], )?(--[a-z][a-z0-9-]*).*/\2/p' | sort -u); do
  CHECKS=$((CHECKS + 1))
  printf '%s' "$TEXT" | grep -q -- "$o" || fail "lede --help lists $o, docs/lede.1 does not"
done
for cmd in run report repl stats rules extract merge eval train help; do
  CHECKS=$((CHECKS + 1))
  printf '%s' "$TEXT" | grep -qE -- "^       $cmd( |$)" || fail "docs/lede.1 has no entry for the command $cmd"
done

# cmake --install: the man page and the completions go with the binary
BUILD=$(dirname "$LEDE")
if [ -f "$BUILD/cmake_install.cmake" ] && command -v cmake >/dev/null; then
  run cmake --install "$BUILD" --prefix "$TMP/inst"
  expect_rc 0
  for f in bin/lede share/man/man1/lede.1 share/bash-completion/completions/lede \
           share/zsh/vendor-completions/_lede share/lede/scripts/reports/quotes.lua; do
    CHECKS=$((CHECKS + 1)); [ -f "$TMP/inst/$f" ] || fail "cmake --install did not install $f"
  done
  run env MANWIDTH=80 man -l "$TMP/inst/share/man/man1/lede.1"
  expect_rc 0; expect_out "REPORT OPTIONS"
  # the installed lede finds its installed reports and their options
  run env -u LEDE_PATH "$TMP/inst/bin/lede" report quotes --help
  expect_rc 0; expect_out_re "^  --speaker=NAME "
  run env -u LEDE_PATH bash -c ". '$TMP/inst/share/bash-completion/completions/lede';
    COMP_WORDS=('$TMP/inst/bin/lede' report qu); COMP_CWORD=2; _lede; echo \"\${COMPREPLY[*]}\""
  expect_rc 0; expect_eq "$OUT" "quotes" "(installed completion, installed reports)"
else
  echo "note: $LEDE is not in a CMake build folder; the install checks are skipped" >&2
fi

finish

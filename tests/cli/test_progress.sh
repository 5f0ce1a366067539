# The progress line: on a terminal (a pseudo-terminal made by script(1)),
# a run longer than a second shows articles, MB, MB/s and an ETA on one
# updating stderr line, cleared at the end; never when stderr is not a
# terminal, unless --progress; never with --no-progress or -q.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "SKIP [$T_NAME]: script(1) (util-linux) not found"; exit 77; }

# 40 articles; the script waits 50 ms on each after its rules ran, so the
# run lasts at least two seconds whatever the machine's speed
mkdir -p "$TMP/c"
for i in 1 2 3 4 5 6 7 8; do
  for f in "$CORPUS"/*.txt; do cp "$f" "$TMP/c/$i-${f##*/}"; done
done
cat > "$TMP/slow.lua" <<'LUA'
local n = 0
for _, a in ipairs(corpus:articles()) do
  a:annotations()
  os.execute("sleep 0.05")
  n = n + 1
end
print("done " .. n)
LUA

on_tty() { # on_tty CMD...: run with stdin/stdout/stderr on a pseudo-terminal
  local cmd; printf -v cmd '%q ' "$@"
  run script -qec "$cmd" /dev/null
}

on_tty "$LEDE" run "$TMP/slow.lua" "$TMP/c"
expect_rc 0
expect_out "done 40"
expect_out_re 'lede: extracting [0-9]+/40 articles, [0-9.]+ MB, [0-9.]+ MB/s, ETA [0-9]+:[0-9]{2}'
# each draw rewrites the line in place; the last thing before the output is
# the line cleared
printf '%s' "$OUT" | grep -q $'\r\033\[K' || fail "the line is not cleared"
printf '%s' "$OUT" | tr '\r' '\n' | grep -q $'^\033\[Kdone 40' || fail "the output does not start on a cleared line"

# stderr not a terminal: nothing; --progress: shown anyway
run "$LEDE" run "$TMP/slow.lua" "$TMP/c"
expect_rc 0
expect_eq "$ERR" ""
run "$LEDE" --progress run "$TMP/slow.lua" "$TMP/c"
expect_rc 0
expect_err_re 'lede: extracting [0-9]+/40 articles'
expect_eq "$OUT" "done 40"

# --no-progress and -q: nothing on a terminal either
on_tty "$LEDE" run --no-progress "$TMP/slow.lua" "$TMP/c"
expect_rc 0
expect_no_out "extracting"
on_tty "$LEDE" -q run "$TMP/slow.lua" "$TMP/c"
expect_no_out "extracting"
# a short run on a terminal shows nothing
on_tty "$LEDE" stats "$CORPUS"
expect_rc 0
expect_no_out "lede: reading"
run "$LEDE" --progress=yes stats "$CORPUS"
expect_rc 2
expect_err "progress"
# the line goes once every article has been through the rules: output
# printed after that starts on a clean line (checked above), and stats'
# reading line is cleared before its table
on_tty "$LEDE" --progress stats "$TMP/c"
expect_rc 0
expect_out "articles    40"
finish

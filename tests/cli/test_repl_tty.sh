# The REPL driven as a person would: in a real terminal (tmux), with tab
# completion, multi-line input, Ctrl-C and history, asserting on the screen.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "FAIL [test_repl_tty.sh]: tmux is not installed (contrib/install-deps.sh)" >&2; exit 1; }

SOCK="lede-test-$$"
T() { tmux -L "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

screen() { T capture-pane -p -t repl -S -200; }
# wait_for TEXT: up to 10 s for TEXT to appear on screen
wait_for() {
  CHECKS=$((CHECKS + 1))
  for _ in $(seq 1 100); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  FAILS=$((FAILS + 1))
  echo "FAIL [$T_NAME]: screen never showed: $1" >&2
  screen | tail -20 | sed 's/^/  | /' >&2
  return 1
}
# keys ARG...: a word in quotes is typed literally (-l: "end" is not the End
# key); the bare key names Enter, Tab, C-c, C-u are pressed.
keys() {
  for k in "$@"; do
    case "$k" in
      Enter|Tab|C-c|C-u) T send-keys -t repl "$k" ;;
      *) T send-keys -t repl -l "$k" ;;
    esac
  done
}

mkdir -p "$TMP/home"
T new-session -d -s repl -x 160 -y 50 \
  "env HOME='$TMP/home' TERM=xterm '$LEDE' repl '$CORPUS'; echo LEDE-EXITED-\$?; sleep 30"
wait_for "lede>"

# an expression is printed without `return`; objects print as one line
keys 'corpus[3]' Enter
wait_for "article 3 002_38c80cf8b5a01419"

# tab completion of a field: unique, completed in place
keys 'corpus[2].da' Tab
wait_for "lede> corpus[2].date"
keys Enter
wait_for "2023-09-07"

# tab completion of methods after ':' — two candidates listed on double Tab
keys 'corpus[1]:sentence' Tab Tab
wait_for "sentence_at"
wait_for "sentences"
keys C-u 'x = #corpus[1]:sentences()' Enter 'x' Enter
wait_for "19"

# globals complete too
keys 'cor' Tab
wait_for "lede> corpus"
keys C-u

# multi-line input continues with >>
keys 'for i = 1, 2 do' Enter
wait_for ">>"
keys 'print("row" .. i * 10)' Enter 'end' Enter
wait_for "row20"

# Ctrl-C drops a half-typed multi-line input and keeps the session
keys 'for i = 1, 3 do' Enter
wait_for ">>"
keys C-c
wait_for "^C"
keys '40 + 2' Enter
wait_for "42"

# Ctrl-C interrupts a running chunk
keys 'while true do end' Enter
sleep 0.3
keys C-c
wait_for "interrupted"
keys '"still here"' Enter
wait_for "still here"

# lists are truncated with a count; annotations and entities pretty-print
keys 'corpus[3]:sentences()' Enter
wait_for "… 12 more (22 in all)"
keys 'corpus:people()[1].name' Enter
wait_for "Jens Stoltenberg"

# commands
keys ':help' Enter
wait_for ":run NAME [FORMAT]"
keys ':reports' Enter
wait_for "briefing"
keys ':nosuch' Enter
wait_for "unknown command :nosuch"
keys ":load $DATA/kosovo/000_14052a908de9061f.txt" Enter
wait_for "1 article added, 6 in all"

# :run NAME html does not pour a web page into the terminal
keys ':run figures html' Enter
wait_for "would print a web page into the terminal: give a file"
CHECKS=$((CHECKS + 1))
screen | grep -qF '<!DOCTYPE' && fail ":run figures html printed HTML on the terminal"
# a local typed at the prompt is there on the next line
keys 'local n = 6 * 7' Enter 'n + 0.5' Enter
wait_for "42.5"

# errors print and the prompt stays
keys 'nosuch.field' Enter
wait_for "attempt to index a nil value (global 'nosuch')"

keys ':quit' Enter
wait_for "LEDE-EXITED-0"

# the history was saved
CHECKS=$((CHECKS + 1))
grep -qF 'corpus[2].date' "$TMP/home/.lede_history" || fail "history file lacks the typed line"

finish

# lib.sh — tiny assertion helpers for lede's end-to-end CLI tests.
# Each test script sources this, calls `run CMD...`, then checks
# $OUT (stdout), $ERR (stderr) and $RC (exit code). `finish` ends the test.
set -u
: "${LEDE:?set LEDE to the lede binary}"
: "${LEDE_SRC:?set LEDE_SRC to the source tree}"
DATA="$LEDE_SRC/tests/data"
CORPUS="$DATA/kosovo"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lede-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILS=0
CHECKS=0
T_NAME=${0##*/}

run() {
  "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
  RC=$?
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
}

run_stdin() { # run_stdin FILE CMD...
  local input=$1; shift
  "$@" >"$TMP/out" 2>"$TMP/err" <"$input"
  RC=$?
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
}

fail() {
  FAILS=$((FAILS + 1))
  echo "FAIL [$T_NAME]: $*" >&2
  echo "  stdout: $(printf '%s' "$OUT" | head -c 800)" >&2
  echo "  stderr: $(printf '%s' "$ERR" | head -c 800)" >&2
}

expect_rc() { CHECKS=$((CHECKS + 1)); [ "$RC" = "$1" ] || fail "exit code $RC, expected $1 ${2:-}"; }
expect_out() { CHECKS=$((CHECKS + 1)); printf '%s' "$OUT" | grep -qF -- "$1" || fail "stdout lacks: $1"; }
expect_out_re() { CHECKS=$((CHECKS + 1)); printf '%s' "$OUT" | grep -qE -- "$1" || fail "stdout lacks /$1/"; }
expect_no_out() { CHECKS=$((CHECKS + 1)); printf '%s' "$OUT" | grep -qF -- "$1" && fail "stdout has: $1"; true; }
expect_err() { CHECKS=$((CHECKS + 1)); printf '%s' "$ERR" | grep -qF -- "$1" || fail "stderr lacks: $1"; }
expect_err_re() { CHECKS=$((CHECKS + 1)); printf '%s' "$ERR" | grep -qE -- "$1" || fail "stderr lacks /$1/"; }
expect_err_empty() { CHECKS=$((CHECKS + 1)); [ -z "$ERR" ] || fail "stderr not empty"; }
expect_eq() { CHECKS=$((CHECKS + 1)); [ "$1" = "$2" ] || fail "got '$1', expected '$2' ${3:-}"; }
# jq_eq FILTER EXPECTED: evaluate a jq filter on stdout
jq_eq() {
  CHECKS=$((CHECKS + 1))
  local got
  got=$(printf '%s' "$OUT" | jq -r "$1" 2>&1) || { fail "stdout is not valid JSON for '$1': $got"; return; }
  [ "$got" = "$2" ] || fail "jq '$1' gave '$got', expected '$2'"
}

finish() {
  if [ "$FAILS" -ne 0 ]; then
    echo "$T_NAME: $FAILS of $CHECKS checks failed" >&2
    exit 1
  fi
  echo "$T_NAME: all $CHECKS checks passed"
  exit 0
}

#!/usr/bin/env bash
# Memcheck over the test suite: every cmocka test, every Lua test and the
# CLI commands of the end-to-end tests, under valgrind, on a build without
# sanitizers. PCRE2's JIT is turned off (LEDE_NO_JIT=1): valgrind cannot
# follow JIT-compiled code and reports false errors in it.
#   tests/valgrind.sh [BUILD_DIR]        (default: build-vg)
set -euo pipefail
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-vg}
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j2 >/dev/null
# LEDE_NO_POOL=1: Lua's blocks from malloc, so memcheck sees each one
export LEDE_NO_JIT=1 LEDE_NO_POOL=1 LEDE_PATH="$src/scripts"
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --suppressions="$src/tests/valgrind.supp")
fails=0; n=0
check() { # check NAME EXPECTED_EXIT CMD...
  local name=$1 want=$2; shift 2
  n=$((n + 1))
  local rc=0
  "${vg[@]}" "$@" > /tmp/lede-vg.out 2> /tmp/lede-vg.err || rc=$?
  if [ $rc = 99 ] || grep -q "^==[0-9]*== [A-Z]" /tmp/lede-vg.err; then
    echo "FAIL  $name (valgrind)"; fails=$((fails + 1)); grep "^==[0-9]*==" /tmp/lede-vg.err | head -20
  elif [ $rc != "$want" ]; then
    echo "FAIL  $name (exit $rc, expected $want)"; fails=$((fails + 1)); tail -5 /tmp/lede-vg.err
  else
    echo "ok    $name"
  fi
}
for t in "$build"/test_*; do
  [ -x "$t" ] || continue
  case "$(basename "$t")" in test_oom) continue ;; esac   # wraps malloc itself
  check "unit/$(basename "$t")" 0 "$t"
done
cd "$src/tests/lua"
for t in test_*.lua; do check "lua/$t" 0 "$build/lede" run "$t" ../data/kosovo; done
cd "$src"
K=tests/data/kosovo
check "stats" 0            "$build/lede" stats "$K"
check "stats -j 2" 0       "$build/lede" -j 2 stats "$K"
check "report briefing" 0  "$build/lede" report briefing -o html "$K"
for r in entities timeline quotes figures disagreements network duplicates; do
  check "report $r" 0 "$build/lede" report "$r" -o json "$K"
done
check "eval" 0             "$build/lede" eval tests/data/gold "$K"
check "run --stream" 0     "$build/lede" run --stream tests/bench/extract.lua "$K"
check "extract" 0          "$build/lede" extract --shard 1/2 "$K"
"$build/lede" extract "$K" > /tmp/lede-vg-part.jsonl
check "merge" 0            "$build/lede" merge briefing /tmp/lede-vg-part.jsonl
check "sandbox" 0          "$build/lede" run --sandbox --max-memory 64 tests/bench/extract.lua "$K"
check "bad inputs" 2       "$build/lede" stats tests/data /nonexistent
printf 'corpus[1]\n:reports\ncorpus:people()[1]\n' > /tmp/lede-vg-repl.txt
n=$((n + 1))
if "${vg[@]}" "$build/lede" repl "$K" < /tmp/lede-vg-repl.txt > /dev/null 2> /tmp/lede-vg.err; then
  echo "ok    repl"; else echo "FAIL  repl"; fails=$((fails + 1)); head -20 /tmp/lede-vg.err; fi
echo "valgrind: $((n - fails)) of $n clean"
[ $fails = 0 ]

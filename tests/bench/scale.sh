#!/usr/bin/env bash
# Issue 13's targets, measured in one run as ratios of CPU time (user +
# system, best of 3) on the same files, so that a loaded machine moves both
# sides of a ratio alike:
#   - full default extraction (tests/bench/extract.lua: every rule, every
#     article, in memory) against `lede stats` (target ≤ 10×) and against
#     wink-nlp's whole default pipeline (tests/bench/wink_extract.js, target:
#     lede ≥ 4× as fast; skipped with a message unless
#     `npm install --prefix $WINK_DIR wink-nlp wink-eng-lite-web-model` was
#     run, default WINK_DIR=/tmp/bench-npm, never inside the repository);
#   - the in-memory run's peak resident memory per input byte (target ≤ 4);
#   - the same extraction with --stream (bounded memory).
#
#   tests/bench/scale.sh [BUILD_DIR] [CORPUS...]
# The corpus defaults to the first folder of the benchmark corpus
# (tests/bench/out/corpus-50mb/000, made by tests/bench/bench.sh BUILD 50).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:-$src/build}
shift || true
lede="$build/lede"
[ -x "$lede" ] || { echo "no lede binary at $lede (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scale.sh needs GNU time (/usr/bin/time)" >&2; exit 2; }
if [ $# -eq 0 ]; then
  set -- "$here/out/corpus-50mb/000"
  [ -d "$1" ] || { echo "no corpus at $1: run tests/bench/bench.sh $build 50 once" >&2; exit 2; }
fi
export LEDE_PATH=${LEDE_PATH:-$src/scripts}
bytes=$(find "$@" -type f ! -name '.*' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lede-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cpu_of() { # cmd... ; prints "cpu-seconds peak-KB" (best CPU of 3, largest peak)
  local best="" peak=0 u s m c
  for _ in 1 2 3; do
    /usr/bin/time -f '%U %S %M' -o "$tmp/t" "$@" > "$tmp/out" 2> "$tmp/err" ||
      { echo "failed: $*" >&2; cat "$tmp/err" >&2; exit 1; }
    read -r u s m < "$tmp/t"
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')
    if [ -z "$best" ] || awk -v a="$c" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$c; fi
    [ "$m" -gt "$peak" ] && peak=$m
  done
  echo "$best $peak"
}
row() { # label cpu peak-KB
  awk -v l="$1" -v c="$2" -v m="$3" -v b="$bytes" 'BEGIN {
    printf "%-40s %7.2f s CPU  %7.2f MB/s  peak %7.1f MB  %5.1f B/B\n",
      l, c, b / 1048576 / (c > 0 ? c : 0.001), m / 1024, m * 1024 / b }'
}

echo "corpus: $* ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB)"
read -r scpu speak < <(cpu_of "$lede" stats -q "$@")
row "lede stats" "$scpu" "$speak"
read -r xcpu xpeak < <(cpu_of "$lede" run -q "$here/extract.lua" "$@")
row "extraction, all rules, in memory" "$xcpu" "$xpeak"
sed 's/^/  /' "$tmp/out"
read -r qcpu qpeak < <(cpu_of "$lede" run -q --stream "$here/extract.lua" "$@")
row "extraction, all rules, --stream" "$qcpu" "$qpeak"
awk -v x="$xcpu" -v s="$scpu" -v m="$xpeak" -v b="$bytes" 'BEGIN {
  printf "extraction / stats: %.1f× CPU (target ≤ 10×)\n", x / (s > 0 ? s : 0.001)
  printf "in-memory peak: %.1f bytes per input byte (target ≤ 4)\n", m * 1024 / b }'

wdir=${WINK_DIR:-/tmp/bench-npm}
if command -v node > /dev/null &&
   node -e 'require.resolve("wink-eng-lite-web-model", { paths: [process.argv[1]] })' "$wdir" 2> /dev/null; then
  read -r wcpu wpeak < <(cpu_of node "$here/wink_extract.js" "$wdir" "$@")
  row "wink-nlp (node), same files" "$wcpu" "$wpeak"
  sed 's/^/  /' "$tmp/out"
  awk -v x="$xcpu" -v w="$wcpu" 'BEGIN {
    printf "extraction vs wink-nlp: %.2f× as fast (target ≥ 4×)\n", w / (x > 0 ? x : 0.001) }'
else
  echo "wink-nlp: skipped (no node, or no wink-nlp under $wdir:" \
       "npm install --prefix $wdir wink-nlp wink-eng-lite-web-model)"
fi

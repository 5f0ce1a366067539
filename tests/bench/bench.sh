#!/usr/bin/env bash
# Benchmark: MB/s and peak memory of `lede stats` (load + metadata + segment
# + tokenize) on a generated corpus, against `wc -w` as the one-pass floor.
#
#   tests/bench/bench.sh [BUILD_DIR] [SIZE_MB]      (defaults: build, 200)
#
# The corpus is the five sample articles repeated with varied numbers and
# names, as files of ~4 KB in nested folders (the shape lede reads most),
# written once under tests/bench/out/ and reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:-$src/build}
size_mb=${2:-200}
lede="$build/lede"
[ -x "$lede" ] || { echo "no lede binary at $lede (build first)" >&2; exit 2; }
out="$here/out/corpus-${size_mb}mb"

if [ ! -f "$out/.done" ]; then
  echo "generating ${size_mb} MB corpus in $out ..." >&2
  rm -rf "$out"; mkdir -p "$out"
  target=$((size_mb * 1024 * 1024))
  total=0; i=0
  files=("$src"/tests/data/kosovo/*.txt)
  # Concatenate variants into one stream, then split into per-article files
  # with awk (fast) instead of one shell loop iteration per file.
  while [ $total -lt $target ]; do
    for f in "${files[@]}"; do
      printf '\036%d\n' "$i"
      sed "s/2023/$((1990 + i % 35))/g; s/93/$((i % 997))/g" "$f"
      printf '\n'
      i=$((i + 1))
    done
    total=$(( total + $(cat "${files[@]}" | wc -c) ))
    if [ $((i % 5000)) -eq 0 ]; then echo "  $((total / 1048576)) MB" >&2; fi
  done | awk -v dir="$out" '
    /^\036/ { if (f) close(f); n = substr($0, 2); d = sprintf("%s/%03d", dir, int(n / 1000));
              if (!(d in made)) { system("mkdir -p " d); made[d] = 1 }
              f = sprintf("%s/%07d.txt", d, n); next }
    { print > f }'
  touch "$out/.done"
fi

bytes=$(find "$out" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
nfiles=$(find "$out" -name '*.txt' | wc -l)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "corpus: $nfiles articles, $mb MB"

measure() { # label cmd... ; prints MB/s and peak RSS
  local label=$1; shift
  sync; cat $(find "$out" -name '*.txt' | head -2000) > /dev/null # warm the cache
  local t0 t1 rss
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M' -o "$here/out/time.txt" "$@" > "$here/out/last.txt"
    read -r secs rss < "$here/out/time.txt"
  else
    t0=$(date +%s.%N); "$@" > "$here/out/last.txt"; t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'); rss=0
  fi
  awk -v l="$label" -v b="$bytes" -v s="$secs" -v r="$rss" -v n="$nfiles" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "%-34s %7.2f s  %8.1f MB/s  %9.0f articles/s  peak %7.1f MB\n", l, s, b / 1048576 / s, n / s, r / 1024 }'
}

measure "wc -w (floor)" bash -c "find '$out' -name '*.txt' -print0 | xargs -0 cat | wc -w"
measure "lede stats (load+segment+tokenize)" "$lede" stats -q "$out"
cat "$here/out/last.txt"

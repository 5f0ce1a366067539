#!/usr/bin/env bash
# Benchmark: MB/s and peak memory of `lede stats` (load + metadata + segment
# + tokenize) on a generated corpus, against `wc -w` as the one-pass floor,
# and of each of those C stages alone (lede-stages), and HTML to clean
# article alone (lede-bench-html, on the dev pages);
# then of extraction (`lede run tests/bench/extract.lua`, all default rules)
# on a subset of it, with its cost relative to `lede stats` on that subset;
# then the entity step (issue 12): the current entity rule against the one
# before the tagger (scripts/rules/10_entities.lua at commit 4ef2a8b, taken
# from git at bench time), the tagger alone, the model's load time and size,
# and `lede report entities` against compromise (node) on the same subset.
#
#   tests/bench/bench.sh [BUILD_DIR] [SIZE_MB]      (defaults: build, 200)
#   EXTRACT_DIRS=N   folders of the corpus used for extraction (default 3)
#   BENCH_ONLY=entities   only the entity part (on the same corpus and subset)
#   BENCH_ONLY=dates      only the date and time rules, today's against b22a31c's
#   BENCH_ONLY=stream     only the bundled reports with --stream (REPORT_DIRS=N folders)
#   COMPROMISE_DIR=DIR    where `npm install compromise` was run, outside the
#                         repository (default /tmp/bench-npm); the comparison
#                         is skipped with a message when node or it is absent
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

time_once() { # cmd... ; runs it (stdout to out/last.txt), prints "seconds peak-RSS-KB"
  local t0 t1 s r
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M' -o "$here/out/time.txt" "$@" > "$here/out/last.txt"
    read -r s r < "$here/out/time.txt"
  else
    t0=$(date +%s.%N); "$@" > "$here/out/last.txt"; t1=$(date +%s.%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'); r=0
  fi
  echo "$s $r"
}

row() { # label bytes articles seconds rss-KB ; one result line
  awk -v l="$1" -v b="$2" -v n="$3" -v s="$4" -v r="$5" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "%-34s %7.2f s  %8.1f MB/s  %9.0f articles/s  peak %7.1f MB\n", l, s, b / 1048576 / s, n / s, r / 1024 }'
}

secs_of() { # cmd... ; prints elapsed seconds and peak RSS (KB), best of 3
  local best="" brss=0 s r
  for _ in 1 2 3; do
    read -r s r < <(time_once "$@")
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
    if [ "$r" -gt "$brss" ]; then brss=$r; fi
  done
  echo "$best $brss"
}

measure() { # label cmd... ; prints MB/s and peak RSS over the whole corpus
  local label=$1 secs rss; shift
  sync; cat $(find "$out" -name '*.txt' | head -2000) > /dev/null # warm the cache
  read -r secs rss < <(time_once "$@")
  row "$label" "$bytes" "$nfiles" "$secs" "$rss"
}

# Extraction and the entity part run on a subset: `lede run` keeps the corpus
# in memory (the first $EXTRACT_DIRS folders, ~3.2 MB each).
extract_dirs=${EXTRACT_DIRS:-3}
sub=$(find "$out" -mindepth 1 -maxdepth 1 -type d | sort | head -n "$extract_dirs")
if [ -n "$sub" ]; then
  # shellcheck disable=SC2086
  sbytes=$(find $sub -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  # shellcheck disable=SC2086
  snfiles=$(find $sub -name '*.txt' | wc -l)
fi
only=${BENCH_ONLY:-}

# -j 2 against -j 1 (issue 13: >= 1.7x faster on two free cores, <= 10 %
# more CPU, the same output) for lede extract (streamed: a window read
# ahead by the workers, which make the lines) and lede report entities (in
# memory: the workers run ahead of the report), on the first JOBS_DIRS
# folders (default 1). Best of 3 of the wall clock and of the CPU time
# (user + system); the wall ratio only means something on a quiet machine.
# BENCH_ONLY=jobs: this part alone.
if [ -z "$only" ] || [ "$only" = jobs ]; then
  jsub=$(find "$out" -mindepth 1 -maxdepth 1 -type d | sort | head -n "${JOBS_DIRS:-1}")
  jbest() { # cmd... ; best-of-3 "wall cpu" (stdout to out/last.txt)
    local bw="" bc="" w u s
    for _ in 1 2 3; do
      /usr/bin/time -f '%e %U %S' -o "$here/out/time.txt" "$@" > "$here/out/last.txt" || return 1
      read -r w u s < "$here/out/time.txt"
      bw=$(awk -v a="$w" -v b="$bw" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }')
      bc=$(awk -v a="$u" -v c="$s" -v b="$bc" 'BEGIN { x = a + c; print (b == "" || x < b + 0) ? x : b }')
    done
    echo "$bw $bc"
  }
  echo "-j 2 against -j 1 (issue 13), on $(echo $jsub | wc -w) folder(s); load: $(cut -d' ' -f1-3 /proc/loadavg)"
  for what in extract "report entities"; do
    # shellcheck disable=SC2086
    read -r w1 c1 < <(jbest "$lede" -j 1 $what -q $jsub) || { echo "-j 1 $what failed" >&2; exit 1; }
    cp "$here/out/last.txt" "$here/out/jobs1.txt"
    # shellcheck disable=SC2086
    read -r w2 c2 < <(jbest "$lede" -j 2 $what -q $jsub) || { echo "-j 2 $what failed" >&2; exit 1; }
    same=identical; cmp -s "$here/out/last.txt" "$here/out/jobs1.txt" || same=DIFFERENT
    awk -v l="$what" -v w1="$w1" -v c1="$c1" -v w2="$w2" -v c2="$c2" -v same="$same" 'BEGIN {
      printf "  %-16s -j 1 %6.2f s wall %6.2f s CPU; -j 2 %6.2f s wall %6.2f s CPU: %.2fx faster (target >= 1.7x), CPU %+.1f %% (target <= 10 %%), output %s\n",
        l, w1, c1, w2, c2, w1 / (w2 > 0 ? w2 : 0.01), (c2 / (c1 > 0 ? c1 : 0.01) - 1) * 100, same }'
  done
  [ "$only" = jobs ] && exit 0
fi

# Dates (issue 14), on the subset: the date and time rules alone
# (tests/bench/dates.lua under --no-default-rules), today's 20_dates.lua +
# 25_times.lua against b22a31c's (taken from git at bench time, never a copy
# in the tree); the runs alternate and the best "date step" (CPU seconds
# inside a:annotations()) of each counts. BENCH_ONLY=dates: this part alone.
if [ -n "$sub" ] && { [ -z "$only" ] || [ "$only" = dates ]; }; then
  dtmp=$(mktemp -d "${TMPDIR:-/tmp}/lede-bench-dates.XXXXXX")
  mkdir -p "$dtmp/old" "$dtmp/new"
  cp "$src/scripts/rules/20_dates.lua" "$src/scripts/rules/25_times.lua" "$dtmp/new/"
  if git -C "${LEDE_SRC:-$src}" show b22a31c:scripts/rules/20_dates.lua > "$dtmp/old/20_dates.lua" 2> /dev/null &&
     git -C "${LEDE_SRC:-$src}" show b22a31c:scripts/rules/25_times.lua > "$dtmp/old/25_times.lua" 2> /dev/null; then
    dstep() { sed -n 's/.*date step \([0-9.]*\) s.*/\1/p' "$here/out/last.txt"; }
    dmin() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }
    dnew="" dold=""
    for _ in 1 2 3; do
      for which in new old; do
        # shellcheck disable=SC2086
        time_once "$lede" run -q --no-default-rules --rules "$dtmp/$which" "$here/dates.lua" $sub > /dev/null ||
          { echo "date run failed ($which rules)" >&2; exit 1; }
        if [ "$which" = new ]; then dnew=$(dmin "$(dstep)" "$dnew"); nout=$(cat "$here/out/last.txt")
        else dold=$(dmin "$(dstep)" "$dold"); oout=$(cat "$here/out/last.txt"); fi
      done
    done
    echo "dates (issue 14), on the subset: date and time rules alone"
    echo "  new: $nout"
    echo "  old (b22a31c): $oout"
    awk -v b="$sbytes" -v n="$dnew" -v o="$dold" 'BEGIN {
      if (n <= 0) n = 0.001
      printf "date step, new: %.2f s (%.1f MB/s); old: %.2f s (%.1f MB/s); old/new %.2f× (target ≥ 2×)\n",
        n, b / 1048576 / n, o, b / 1048576 / (o > 0 ? o : 0.001), o / n }'
  else
    echo "dates: skipped (no git history with commit b22a31c in ${LEDE_SRC:-$src})"
  fi
  rm -rf "$dtmp"
  [ "$only" = dates ] && exit 0
fi

# Every bundled report with --stream (issue 13: bounded memory, the same
# output as in memory), on the subset: peak memory per report.
# BENCH_ONLY=stream: this part alone. REPORT_DIRS=N folders instead of the
# subset's (duplicates and disagreements compare pairs: on this corpus of
# copies their result grows with the square of the articles).
if [ -n "$sub" ] && { [ -z "$only" ] || [ "$only" = stream ]; }; then
  rsub=$sub
  [ -n "${REPORT_DIRS:-}" ] && rsub=$(find "$out" -mindepth 1 -maxdepth 1 -type d | sort | head -n "$REPORT_DIRS")
  # shellcheck disable=SC2086
  rbytes=$(find $rsub -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  # shellcheck disable=SC2086
  rnfiles=$(find $rsub -name '*.txt' | wc -l)
  for r in $(cd "$src/scripts/reports" && ls *.lua | sed 's/\.lua$//'); do
    # shellcheck disable=SC2086
    read -r rsecs rrss < <(time_once "$lede" report "$r" --stream -q -o json $rsub) ||
      { echo "report $r --stream failed" >&2; exit 1; }
    row "report $r --stream" "$rbytes" "$rnfiles" "$rsecs" "$rrss"
  done
  [ "$only" = stream ] && exit 0
fi

if [ "$only" != entities ]; then
measure "wc -w (floor)" bash -c "find '$out' -name '*.txt' -print0 | xargs -0 cat | wc -w"
measure "lede stats (load+segment+tokenize)" "$lede" stats -q "$out"
cat "$here/out/last.txt"
measure "lede -j 2 stats (2 threads)" "$lede" -j 2 stats -q "$out"
# the same C stages one at a time (tests/bench/stages.c), on one thread
if [ -x "$build/lede-stages" ]; then
  echo "stages, one thread (lede-stages):"
  "$build/lede-stages" "$out" | sed 's/^/  /'
fi
# HTML to clean article (issue 16), one thread: the dev pages when
# ../shared/eval is there, else the made-up pages of the tests
if [ -x "$build/lede-bench-html" ]; then
  pages="$src/../shared/eval/pages/html"
  [ -d "$pages" ] || pages="$src/tests/data"
  "$build/lede-bench-html" "$pages" | sed 's/^/  /' || echo "  html: no page found in $pages"
fi
fi

# Extraction, on the subset, with all default rules and every annotation
# kind (tests/bench/extract.lua); compared with `lede stats` on the same
# subset.
if [ -n "$sub" ] && [ "$only" != entities ]; then
  # shellcheck disable=SC2086
  read -r ssecs srss < <(secs_of "$lede" stats -q $sub) ||
    { echo "lede stats failed on the subset" >&2; exit 1; }
  # shellcheck disable=SC2086
  read -r xsecs xrss < <(secs_of "$lede" run -q "$here/extract.lua" $sub) ||
    { echo "extraction failed (lede run $here/extract.lua)" >&2; exit 1; }
  awk -v b="$sbytes" -v n="$snfiles" -v d="$extract_dirs" 'BEGIN {
    printf "subset: first %d folders, %d articles, %.1f MB\n", d, n, b / 1048576 }'
  row "lede stats (subset)" "$sbytes" "$snfiles" "$ssecs" "$srss"
  row "lede run extract.lua (all rules)" "$sbytes" "$snfiles" "$xsecs" "$xrss"
  awk -v s="$ssecs" -v x="$xsecs" 'BEGIN {
    if (s <= 0) s = 0.01
    if (x <= 0) x = 0.01
    printf "extraction adds %.1f× to stats\n", x / s }'
  cat "$here/out/last.txt"
  # The floor of the design (tests/bench/floor.lua): no analysis, only the
  # same number of annotation objects per article as the default rules made.
  per=$(awk '{ if ($1 > 0) printf "%.1f", $3 / $1 }' "$here/out/last.txt")
  # shellcheck disable=SC2086
  read -r fsecs frss < <(secs_of "$lede" run -q "$here/floor.lua" $sub -- "$per") ||
    { echo "floor run failed" >&2; exit 1; }
  row "annotations only (floor.lua)" "$sbytes" "$snfiles" "$fsecs" "$frss"
  awk -v s="$ssecs" -v f="$fsecs" -v p="$per" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "floor: %s annotation objects per article, no analysis: %.1f× stats\n", p, f / s }'
  # what each rule costs on the subset (lede rules CORPUS: CPU time per rule)
  # shellcheck disable=SC2086
  "$lede" rules -q $sub
fi

if [ -n "$sub" ] && [ "$only" != entities ]; then
  # shellcheck disable=SC2086
  read -r psecs prss < <(secs_of "$lede" -j 2 run -q "$here/extract.lua" $sub)
  # shellcheck disable=SC2086
  read -r qsecs qrss < <(secs_of "$lede" run -q --stream "$here/extract.lua" $sub)
  # shellcheck disable=SC2086
  read -r rsecs rrss < <(secs_of "$lede" report -q briefing $sub)
  # shellcheck disable=SC2086
  read -r r2secs r2rss < <(secs_of "$lede" -j 2 report -q briefing $sub)
  row "lede -j 2 run extract.lua" "$sbytes" "$snfiles" "$psecs" "$prss"
  row "lede run --stream extract.lua" "$sbytes" "$snfiles" "$qsecs" "$qrss"
  row "lede report briefing (full report)" "$sbytes" "$snfiles" "$rsecs" "$rrss"
  row "lede -j 2 report briefing" "$sbytes" "$snfiles" "$r2secs" "$r2rss"
fi

# Entities (issue 12), on the subset. The entity step alone: a query for
# entities runs only the rules those kinds need, the entity rule (first in
# order), so tests/bench/entities.lua times it and nothing after it. New:
# the current default rules. Old: scripts/rules/10_entities.lua as it was
# before the tagger (commit 4ef2a8b), taken from git at bench time (never a
# copy in the tree) and run alone (--no-default-rules --rules); its data
# files are found in scripts/data as the current rules' are. The runs
# alternate (new old new old new old) and the best of each counts; "step"
# is the CPU time inside a:entities() (the corpus load left out).
if [ -n "$sub" ]; then
  ltmp=$(mktemp -d "${TMPDIR:-/tmp}/lede-bench.XXXXXX")
  trap 'rm -rf "$ltmp"' EXIT
  awk -v b="$sbytes" -v n="$snfiles" -v d="$extract_dirs" 'BEGIN {
    printf "entities (issue 12), on the subset: first %d folders, %d articles, %.1f MB\n", d, n, b / 1048576 }'
  step_of() { sed -n 's/.*step \([0-9.]*\) s.*/\1/p' "$here/out/last.txt"; }
  min_of() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }
  max_of() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 > b + 0) ? a : b }'; }
  old_rules="$ltmp/old_rules"; mkdir -p "$old_rules"
  have_old=1
  git -C "${LEDE_SRC:-$src}" show 4ef2a8b:scripts/rules/10_entities.lua > "$old_rules/10_entities.lua" 2> /dev/null ||
    { have_old=0; echo "  old entity rule: skipped (no git history with commit 4ef2a8b in ${LEDE_SRC:-$src})"; }
  nsecs="" nrss="" nstep="" osecs="" orss="" ostep=""
  for _ in 1 2 3; do
    # shellcheck disable=SC2086
    read -r s r < <(time_once "$lede" run -q "$here/entities.lua" $sub) ||
      { echo "entity run failed (lede run $here/entities.lua)" >&2; exit 1; }
    nsecs=$(min_of "$s" "$nsecs"); nrss=$(max_of "$r" "$nrss"); nstep=$(min_of "$(step_of)" "$nstep")
    nout=$(cat "$here/out/last.txt")
    [ "$have_old" = 1 ] || continue
    # shellcheck disable=SC2086
    read -r s r < <(time_once "$lede" run -q --no-default-rules --rules "$old_rules/10_entities.lua" \
      "$here/entities.lua" $sub) || { echo "entity run with the old rule failed" >&2; exit 1; }
    osecs=$(min_of "$s" "$osecs"); orss=$(max_of "$r" "$orss"); ostep=$(min_of "$(step_of)" "$ostep")
    oout=$(cat "$here/out/last.txt")
  done
  row "entities.lua, new rule (tagger)" "$sbytes" "$snfiles" "$nsecs" "$nrss"
  echo "  new: $nout"
  if [ "$have_old" = 1 ]; then
    row "entities.lua, old rule (4ef2a8b)" "$sbytes" "$snfiles" "$osecs" "$orss"
    echo "  old: $oout"
  fi
  # the tagger alone: the model's m:tag on every article, no rule
  # shellcheck disable=SC2086
  read -r tsecs trss < <(secs_of "$lede" run -q "$here/tagger.lua" $sub) ||
    { echo "tagger run failed (lede run $here/tagger.lua)" >&2; exit 1; }
  row "tagger.lua (the tagger alone)" "$sbytes" "$snfiles" "$tsecs" "$trss"
  tout=$(cat "$here/out/last.txt"); echo "  tagger: $tout"
  ttag=$(sed -n 's/.*tag \([0-9.]*\) s.*/\1/p' "$here/out/last.txt")
  awk -v b="$sbytes" -v n="$nstep" -v o="${ostep:-0}" -v t="$ttag" -v ns="$nsecs" -v os="${osecs:-0}" 'BEGIN {
    mb = b / 1048576; if (n <= 0) n = 0.001; if (ns <= 0) ns = 0.01
    printf "entity step, new: %.2f s, %.1f MB/s (the tagger %.2f s, %.0f%%; the Lua rule %.2f s)\n",
      n, mb / n, t, 100 * t / n, n - t
    if (o > 0) {
      printf "entity step, old: %.2f s, %.1f MB/s\n", o, mb / o
      printf "entity step old/new: %.2f× (target ≥ 2×); whole run old/new: %.2f×\n", o / n, os / ns
    } }'

  # The model: load time (lede.tagger.load in a process of its own, CPU
  # seconds by os.clock, min of 5) and file size. Targets: < 0.2 s, < 50 MB.
  lmin=""
  for _ in 1 2 3 4 5; do
    read -r l size mpath < <("$lede" run -q "$here/model_load.lua") ||
      { echo "model load failed (lede run $here/model_load.lua)" >&2; exit 1; }
    lmin=$(min_of "$l" "$lmin")
  done
  awk -v l="$lmin" -v z="$size" -v p="$mpath" 'BEGIN {
    printf "model load: %.3f s (min of 5; target < 0.2 s); model file %.1f MB (target < 50 MB): %s\n",
      l, z / 1048576, p }'

  # `lede report entities` (new rule, and the old one) against compromise
  # (tests/bench/compromise_entities.js: people, places and organisations
  # by name over the same files), run once: it is slow.
  # shellcheck disable=SC2086
  read -r esecs erss < <(secs_of "$lede" report -q entities $sub) ||
    { echo "lede report entities failed" >&2; exit 1; }
  row "lede report entities" "$sbytes" "$snfiles" "$esecs" "$erss"
  sed -n 3p "$here/out/last.txt" | sed 's/^/  /'
  if [ "$have_old" = 1 ]; then
    # shellcheck disable=SC2086
    read -r e2secs e2rss < <(secs_of "$lede" report -q --no-default-rules --rules "$old_rules/10_entities.lua" \
      entities $sub) || { echo "lede report entities with the old rule failed" >&2; exit 1; }
    row "lede report entities, old rule" "$sbytes" "$snfiles" "$e2secs" "$e2rss"
  fi
  cdir=${COMPROMISE_DIR:-/tmp/bench-npm}
  if command -v node > /dev/null &&
     node -e 'require.resolve("compromise", { paths: [process.argv[1]] })' "$cdir" 2> /dev/null; then
    # shellcheck disable=SC2086
    read -r csecs crss < <(time_once node "$here/compromise_entities.js" "$cdir" $sub) ||
      { echo "compromise run failed" >&2; exit 1; }
    row "compromise (node), same files" "$sbytes" "$snfiles" "$csecs" "$crss"
    sed -n 1,2p "$here/out/last.txt" | sed 's/^/  /'
    awk -v c="$csecs" -v e="$esecs" -v o="${e2secs:-0}" 'BEGIN {
      if (e <= 0) e = 0.01
      printf "report entities vs compromise: %.1f× faster (target ≥ 20×)", c / e
      if (o > 0) printf "; with the old rule %.1f×", c / o
      printf "\n" }'
  else
    echo "compromise: skipped (no node, or no compromise under $cdir: npm install --prefix $cdir compromise)"
  fi
fi

# Scale: a 2 GB corpus (the 200 MB one ten times, as hard links: no extra
# disk) read in bounded memory by lede stats and by a streamed script.
# BENCH_2GB=0 skips it.
if [ "${BENCH_2GB:-1}" != 0 ] && [ "$size_mb" -ge 200 ] && [ "$only" != entities ]; then
  big="$here/out/corpus-2gb"
  if [ ! -f "$big/.done" ]; then
    rm -rf "$big"; mkdir -p "$big"
    for i in 0 1 2 3 4 5 6 7 8 9; do cp -al "$out" "$big/copy$i"; done
    touch "$big/.done"
  fi
  gbytes=$((bytes * 10)); gfiles=$((nfiles * 10))
  printf 'local s = 0\ncorpus:each(function(a) s = s + #a:sentences() end)\nprint(s)\n' > "$here/out/sentences.lua"
  for cmd in "stats" "run"; do
    if [ "$cmd" = stats ]; then set -- "$lede" stats -q "$big"; label="lede stats, 2 GB"
    else set -- "$lede" run -q --stream "$here/out/sentences.lua" "$big"; label="lede run --stream, 2 GB"; fi
    read -r secs rss < <(time_once "$@")
    row "$label" "$gbytes" "$gfiles" "$secs" "$rss"
  done
fi

# A real distributed run: a Dask scheduler and two workers on 127.0.0.1,
# contrib/dask/lede_dask.py running `lede extract --shard I/N` as tasks on
# them, the parts merged with `lede merge`; the reports must equal one local
# run. Needs Debian's python3-distributed (contrib/install-deps.sh installs
# it); skipped with a message (exit 77) where it is absent.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3   # Debian's python, where python3-distributed lives
if ! "$PY" -c 'import distributed' 2>/dev/null; then
  echo "SKIP [$T_NAME]: $PY cannot import distributed (apt-get install python3-distributed, or contrib/install-deps.sh)"
  exit 77
fi
RECIPE="$LEDE_SRC/contrib/dask/lede_dask.py"

pids=()
stop_cluster() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$TMP"; }
trap stop_cluster EXIT
# Dask writes its work files under the current folder and TMPDIR
cd "$TMP" || exit 1
export TMPDIR="$TMP"
"$PY" -m distributed.cli.dask_scheduler --host 127.0.0.1 --port 0 --no-dashboard \
  --scheduler-file "$TMP/sched.json" >"$TMP/sched.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$TMP/sched.json" ] && break; sleep 0.1; done
[ -s "$TMP/sched.json" ] || { OUT=""; ERR=$(cat "$TMP/sched.log"); fail "the scheduler did not start"; finish; }
for w in 1 2; do
  "$PY" -m distributed.cli.dask_worker --scheduler-file "$TMP/sched.json" --host 127.0.0.1 \
    --nthreads 1 --no-dashboard --local-directory "$TMP/w$w" >"$TMP/worker$w.log" 2>&1 &
  pids+=($!)
done

dask_run() { # dask_run PARTS OUT REPORT [MERGE OPTIONS]
  local parts=$1 out=$2 report=$3; shift 3
  run "$PY" "$RECIPE" --scheduler-file "$TMP/sched.json" --wait-workers 2 \
    --lede "$LEDE" --parts "$parts" --out "$out" --report "$report" "$CORPUS" -- "$@"
}

# briefing over 4 parts on the two workers equals the local report
run "$LEDE" report briefing -o json "$CORPUS"; single=$OUT
dask_run 4 "$TMP/parts" briefing -o json
expect_rc 0
expect_eq "$OUT" "$single" "(the Dask run's briefing differs from a single run)"
expect_err "lede_dask: 4 parts, 5 articles, on 2 workers"
run ls "$TMP/parts"
expect_eq "$OUT" "$(printf 'part-00001\npart-00002\npart-00003\npart-00004')"
# every part is a whole extract: its end record counts its articles
run sh -c "tail -qn1 '$TMP'/parts/part-* | jq -r .articles | paste -sd, -"
expect_eq "$OUT" "2,1,1,1"

# the same parts, merged into other reports, equal local runs too
for r in entities quotes figures; do
  run "$LEDE" report "$r" -o json "$CORPUS"; single=$OUT
  run "$LEDE" merge "$r" -o json "$TMP"/parts/part-*
  expect_rc 0
  expect_eq "$OUT" "$single" "(merged $r from the Dask parts differs from a single run)"
done

# more parts than articles: empty shards are whole parts too
dask_run 7 "$TMP/parts7" briefing -o json
expect_rc 0
run "$LEDE" report briefing -o json "$CORPUS"
single=$OUT
run "$LEDE" merge briefing -o json "$TMP"/parts7/part-*
expect_eq "$OUT" "$single" "(7 parts over 5 articles)"

# a failing task is exit 1 with lede's message, not a partial report
run "$PY" "$RECIPE" --scheduler-file "$TMP/sched.json" --lede "$LEDE" --parts 2 \
  --out "$TMP/bad2" --report briefing "$TMP/no-such-corpus"
expect_rc 1
expect_err "lede_dask:"
expect_err "no-such-corpus"
finish

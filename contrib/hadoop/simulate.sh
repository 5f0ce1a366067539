#!/usr/bin/env bash
# Hadoop Streaming on one machine: split INPUT.jsonl into N map tasks, run
# the job's mapper command on each (stdin -> stdout, as Hadoop does),
# shuffle the outputs, and merge them into REPORT. Prints the report.
#   contrib/hadoop/simulate.sh INPUT.jsonl N REPORT [lede merge options...]
set -euo pipefail
input=${1:?INPUT.jsonl}; n=${2:?N}; report=${3:?REPORT}; shift 3
lede=${LEDE:-lede}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
split -n "l/$n" -d "$input" "$work/split-"
for s in "$work"/split-*; do
  # the mapper, exactly as in streaming.sh
  "$lede" extract -q - < "$s" > "$s.out"
done
# Hadoop gives map outputs in no particular order: reverse them
cat $(ls "$work"/split-*.out | sort -r) | "$lede" merge "$report" - "$@"

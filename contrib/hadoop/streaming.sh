#!/usr/bin/env bash
# Run `lede extract` as a map-only Hadoop Streaming job (see README.md).
#   contrib/hadoop/streaming.sh INPUT.jsonl HDFS_OUTPUT_DIR
set -euo pipefail
input=${1:?INPUT.jsonl}; output=${2:?HDFS_OUTPUT_DIR}
here=$(cd "$(dirname "$0")/../.." && pwd)
lede=${LEDE:-$here/build/lede}
: "${HADOOP_STREAMING_JAR:?set HADOOP_STREAMING_JAR to hadoop-streaming-*.jar}"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$lede" "$work/lede"
tar -C "$here/scripts" -czf "$work/scripts.tar.gz" .
hadoop jar "$HADOOP_STREAMING_JAR" \
  -files "$work/lede,$work/scripts.tar.gz#scripts" \
  -D mapreduce.job.reduces=0 \
  -D mapreduce.job.name="lede extract" \
  -input "$input" -output "$output" \
  -mapper 'env LEDE_PATH=scripts ./lede extract --no-sandbox -q -'

"""lede on Spark: pipe every partition of a JSON Lines corpus through
`lede extract`, then merge into a report on the driver.

    spark-submit --files build/lede,scripts.tar.gz contrib/spark/lede_pipe.py \
        numbered.jsonl extracted/
    hadoop fs -cat extracted/part-* | lede merge briefing -

The input must carry an "index" per record (see contrib/hadoop/README.md)
so the merged report keeps corpus order.
"""
import sys

from pyspark import SparkContext, SparkFiles


def main(src, dst):
    sc = SparkContext(appName="lede extract")
    lede = SparkFiles.get("lede")
    scripts = SparkFiles.get("scripts.tar.gz")
    cmd = ("sh -c 'mkdir -p s && tar -xzf {s} -C s && LEDE_PATH=s {l} extract --no-sandbox -q -'"
           .format(s=scripts, l=lede))
    sc.textFile(src).pipe(cmd).saveAsTextFile(dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

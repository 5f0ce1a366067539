#!/usr/bin/env python3
"""lede on a Dask distributed cluster: `lede extract --shard I/N` as N tasks,
one `lede merge` on the client.

    contrib/dask/lede_dask.py --scheduler tcp://HOST:8786 --parts 8 \
        --out parts/ [--report briefing [-- MERGE-OPTIONS...]] CORPUS...

Each task runs, on whichever worker the scheduler gives it,

    lede extract --no-sandbox -q --shard I/N CORPUS...

and writes its output to OUT/part-0000I (the folder and the corpus must be
on a file system that the workers and the client share, as on most Dask
clusters: NFS, a cluster file system, or one machine). `--shard` keeps each
article's position in the whole corpus, so `lede merge REPORT OUT/part-*`
prints exactly what one `lede report REPORT CORPUS...` prints. With
`--report`, the client runs that merge itself and prints the report.

lede must be installed on every worker (`--lede PATH` if it is not on
PATH); `LEDE_PATH` is passed on as it is set for the client.

Exit status: 0 when every part was written and merged, 1 when a task
failed (its stderr is printed), 2 on a usage error.
"""
import argparse
import os
import subprocess
import sys


def extract_part(lede, index, nparts, corpus, out_dir, env_path):
    """One task: `lede extract` of shard index/nparts into out_dir.

    Runs on a worker. Returns (part file, worker address, articles) so the
    client can check that every part is whole and say where it ran."""
    from distributed import get_worker

    part = os.path.join(out_dir, "part-%05d" % index)
    env = dict(os.environ)
    if env_path:
        env["LEDE_PATH"] = env_path
    cmd = [lede, "extract", "--no-sandbox", "-q",
           "--shard", "%d/%d" % (index, nparts)] + list(corpus)
    with open(part + ".tmp", "wb") as out:
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=env)
    if done.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), done.returncode,
                                                 done.stderr.decode("utf-8", "replace")))
    os.replace(part + ".tmp", part)  # a part is either whole or absent
    articles = count_articles(part)
    return part, get_worker().address, articles


def count_articles(part):
    """The article count from extract's end record (its last line)."""
    import json
    last = None
    with open(part, "rb") as f:
        for line in f:
            last = line
    end = json.loads(last) if last else {}
    if not end.get("lede_extract_end"):
        raise RuntimeError("%s has no end record: the extract was cut" % part)
    return int(end["articles"])


def main(argv):
    p = argparse.ArgumentParser(
        description="lede extract over a Dask cluster, then lede merge")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="scheduler address, tcp://HOST:PORT")
    where.add_argument("--scheduler-file", help="file written by dask-scheduler --scheduler-file")
    p.add_argument("--parts", type=int, default=0,
                   help="number of tasks (default: 2 per worker thread)")
    p.add_argument("--out", required=True, help="folder for the parts (shared with the workers)")
    p.add_argument("--lede", default="lede", help="the lede binary on the workers (default: lede)")
    p.add_argument("--report", help="merge the parts into this report and print it")
    p.add_argument("--wait-workers", type=int, default=0,
                   help="wait until this many workers have joined (at most 60 s)")
    p.add_argument("corpus", nargs="+", help="corpus paths, as the workers see them")
    args, merge_opts = split_merge_options(p, argv)

    from distributed import Client

    client = Client(args.scheduler or None, scheduler_file=args.scheduler_file,
                    timeout="30s")
    try:
        if args.wait_workers:
            client.wait_for_workers(args.wait_workers, timeout=60)
        workers = sorted(client.scheduler_info()["workers"])
        if not workers:
            print("lede_dask: the cluster has no workers", file=sys.stderr)
            return 1
        nthreads = sum(client.nthreads().values())
        nparts = args.parts or 2 * nthreads
        os.makedirs(args.out, exist_ok=True)
        lede_path = os.environ.get("LEDE_PATH")
        # Parts are pinned round-robin (allow_other_workers keeps them
        # running if a worker leaves), so every worker takes a share.
        futures = [client.submit(extract_part, args.lede, i, nparts, args.corpus,
                                 os.path.abspath(args.out), lede_path,
                                 key="lede-extract-%d-of-%d" % (i, nparts),
                                 workers=[workers[(i - 1) % len(workers)]],
                                 allow_other_workers=True, pure=False)
                   for i in range(1, nparts + 1)]
        try:
            results = client.gather(futures)
        except Exception as e:  # a task's RuntimeError, re-raised here
            print("lede_dask: %s" % e, file=sys.stderr)
            return 1
    finally:
        client.close()

    total = sum(n for _, _, n in results)
    used = sorted({w for _, w, _ in results})
    print("lede_dask: %d parts, %d articles, on %d worker%s: %s" % (
        nparts, total, len(used), "" if len(used) == 1 else "s", " ".join(used)),
        file=sys.stderr)
    if args.report:
        parts = [part for part, _, _ in results]
        done = subprocess.run([args.lede, "merge", args.report] + merge_opts + parts)
        return done.returncode
    return 0


def split_merge_options(parser, argv):
    """Arguments after a lone `--` go to `lede merge` unchanged."""
    if "--" in argv:
        cut = argv.index("--")
        return parser.parse_args(argv[:cut]), argv[cut + 1:]
    return parser.parse_args(argv), []


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

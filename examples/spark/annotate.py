"""Annotate an archive of episodes on Spark with the tfacts binary.

Input: JSON Lines, one episode a line (`tfacts export jsonl` writes them from a transcripts
folder). Output: a folder of part files, one annotated episode document a line (what
`tfacts annotate FILE` prints, compact); `tfacts run --from-jsonl OUTPUT` turns them into
the dataset `tfacts run` writes.

    cargo build --profile dist                       # target/dist/tfacts, stripped
    python3 examples/spark/pack_dictionaries.py      # dictionaries.zip, contents at its root
    spark-submit --master local[2] \\
      --files target/dist/tfacts,examples/spark/tfacts-task.sh \\
      --archives dictionaries.zip#dictionaries \\
      examples/spark/annotate.py episodes.jsonl annotated/

The same command runs on YARN, Kubernetes or a standalone cluster with its `--master`
(the binary must be built for the executors' Linux). Each partition goes through
`tfacts-task.sh` with `rdd.pipe(..., checkCode=True)`: a task whose binary or dictionaries
are missing, or whose tfacts fails, fails the job; a bad input line does not (it is named on
the task's standard error, by episode id or byte offset, and left out).
"""

import argparse
import os
import sys

from pyspark import SparkConf, SparkContext, SparkFiles

TASK = "tfacts-task.sh"


def shipped(conf, keys):
    """The names tasks see for the files and archives passed with --files / --archives
    (`#name` when given, else the file name), on every cluster manager (YARN keeps them
    under its own keys)."""
    names = set()
    for key in keys:
        for uri in filter(None, (conf.get(key) or "").split(",")):
            path, _, alias = uri.partition("#")
            names.add(alias or os.path.basename(path.rstrip("/")))
    return names


def files_dir(sc):
    """Where tasks find the files shipped with --files and --archives.

    In local mode the tasks run in the driver's process and folder, while Spark keeps the
    shipped files in its own temporary folder: that folder is named to the task. On a cluster
    (YARN, Kubernetes, standalone) each executor fetches them into the folder its tasks run
    in, which is what the task script falls back to (the folder it was found in).
    """
    if sc.master.startswith("local"):
        return SparkFiles.getRootDirectory()
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description="Annotate episodes (JSON Lines) with tfacts on Spark.")
    parser.add_argument("input", help="episodes as JSON Lines (a file, folder or glob Spark reads)")
    parser.add_argument("output", help="folder for the annotated part files (must not exist)")
    parser.add_argument("--threads", type=int, default=1,
                        help="tfacts threads per task (default 1: Spark already runs a task per core)")
    parser.add_argument("--min-partitions", type=int, default=None,
                        help="split the input into at least this many tasks")
    args = parser.parse_args(argv)

    sc = SparkContext(conf=SparkConf().setAppName("tfacts annotate"))
    try:
        # Fail before any task starts when something was not shipped.
        conf = sc.getConf()
        files = shipped(conf, ("spark.files", "spark.yarn.dist.files"))
        archives = shipped(conf, ("spark.archives", "spark.yarn.dist.archives"))
        missing = [f"--files .../{n}" for n in ("tfacts", TASK) if n not in files]
        missing += ["--archives dictionaries.zip#dictionaries"] * ("dictionaries" not in archives)
        if missing:
            sys.exit("annotate.py: not shipped to the tasks: " + ", ".join(missing) +
                     f" (spark-submit --files target/dist/tfacts,examples/spark/{TASK} "
                     "--archives dictionaries.zip#dictionaries ...)")
        local = files_dir(sc)
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "TFACTS_THREADS": str(args.threads)}
        if local is not None:
            env["TFACTS_FILES_DIR"] = local
            command = f"sh {os.path.join(local, TASK)}"
        else:
            command = f"sh ./{TASK}"
        episodes = sc.textFile(args.input, minPartitions=args.min_partitions)
        docs = episodes.pipe(command, env=env, checkCode=True)
        docs.saveAsTextFile(args.output)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()

#!/bin/sh
# One cluster task: episodes as JSON Lines on standard input, annotated episode documents on
# standard output (`tfacts annotate --jsonl -`), for Spark's rdd.pipe and Hadoop Streaming.
#
# It looks for what the job shipped in $TFACTS_FILES_DIR (the Spark job sets it in local
# mode, where shipped files are not in the task's folder), else beside itself (the task's
# working folder on YARN, Kubernetes, standalone Spark and Hadoop):
#   tfacts          the binary (--files / -files)
#   dictionaries/   dictionaries.zip unpacked (--archives / -archives dictionaries.zip#dictionaries)
#
# Exit status: tfacts exits 1 when it skipped bad lines (each named on this task's standard
# error, by episode id or byte offset); that is success here, so one bad episode does not
# fail the job. Anything else fails the task, loudly: no binary (127), a broken dictionary (2).
dir=${TFACTS_FILES_DIR:-$(dirname "$0")}
bin=$dir/tfacts
dictionaries=$dir/dictionaries
if [ ! -x "$bin" ]; then
  echo "tfacts-task: no executable tfacts in $dir (working folder $(pwd)): ship it with --files (Spark) or -files (Hadoop)" >&2
  exit 127
fi
# A zip that holds the folder itself (dictionaries/dictionaries/entities): read it where it is.
if [ ! -d "$dictionaries/entities" ] && [ -d "$dictionaries/dictionaries/entities" ]; then
  dictionaries=$dictionaries/dictionaries
fi
if [ ! -d "$dictionaries/entities" ]; then
  echo "tfacts-task: no dictionaries/entities in $dir: ship dictionaries.zip (examples/spark/pack_dictionaries.py) with --archives dictionaries.zip#dictionaries" >&2
  exit 127
fi
"$bin" annotate --jsonl - --threads "${TFACTS_THREADS:-1}" --dictionaries "$dictionaries"
status=$?
if [ "$status" -eq 1 ]; then
  exit 0
fi
exit "$status"

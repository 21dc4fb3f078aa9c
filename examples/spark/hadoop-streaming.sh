#!/bin/sh
# Annotate an archive of episodes with Hadoop Streaming (map-only), the same task as the
# Spark job (examples/spark/annotate.py): tfacts-task.sh runs `tfacts annotate --jsonl -` in
# the task's folder, where -files puts the binary and the script and -archives unpacks
# dictionaries.zip (built by pack_dictionaries.py, contents at its root) as dictionaries/.
#
#   examples/spark/hadoop-streaming.sh INPUT OUTPUT [BINARY] [DICTIONARIES_ZIP]
#   examples/spark/hadoop-streaming.sh --print-mapper     # the mapper command (CI runs it)
#
# A bad input line is named on the task's standard error (its log) and left out; a missing
# binary or a broken dictionary fails the task. Map-only output lines end in a tab (Hadoop
# writes the line as a key with an empty value); `tfacts run --from-jsonl` reads them as is.
set -eu
MAPPER='sh tfacts-task.sh'
if [ "${1:-}" = "--print-mapper" ]; then
  echo "$MAPPER"
  exit 0
fi
[ $# -ge 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
here=$(dirname "$0")
exec hadoop jar "$HADOOP_HOME"/share/hadoop/tools/lib/hadoop-streaming-*.jar \
  -D mapreduce.job.reduces=0 \
  -D mapreduce.job.name="tfacts annotate" \
  -files "${3:-target/dist/tfacts},$here/tfacts-task.sh" \
  -archives "${4:-dictionaries.zip}#dictionaries" \
  -input "$1" -output "$2" \
  -mapper "$MAPPER"

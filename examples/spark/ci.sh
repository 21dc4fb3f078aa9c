#!/usr/bin/env bash
# CI: the Spark job for real (PySpark, local[2]) over a few dozen episodes, then the Hadoop
# Streaming task layout, then the annotated part files read back into the dataset.
#
#   examples/spark/ci.sh            # uses target/release/tfacts (TFACTS_BIN to override)
#
# Checks: every good episode's document equals `tfacts annotate FILE`'s; the bad lines are
# named on the job's standard error by episode id or byte offset; the job fails loudly when
# the binary is not shipped; a Hadoop task folder laid out as `-files`/`-archives` leave it
# gives the same documents; `tfacts run --from-jsonl` of the part files writes the `output/`
# that `tfacts run` writes over the same transcripts, byte for byte. Skipped (exit 0, saying
# so) only when Java is absent.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
PYSPARK_VERSION=3.5.3
bin=$repo/${TFACTS_BIN:-target/release/tfacts}
here=$repo/examples/spark
started=$SECONDS
elapsed() { echo "  ($((SECONDS - started)) s so far)"; }
fail() { echo "spark CI: FAILED: $*" >&2; exit 1; }

if ! command -v java >/dev/null 2>&1; then
  echo "spark CI: SKIPPED: no java on this machine (PySpark needs Java 17); install openjdk-17-jre-headless to run it"
  exit 0
fi
java -version 2>&1 | head -1
[ -x "$bin" ] || fail "$bin is not built (cargo build --release)"
[ -x target/release/bench-corpus ] || cargo build --release --quiet --bin bench-corpus

# PySpark in its own virtual environment, kept between runs (a system Python may refuse pip
# installs); the machine's python3 when no venv can be made.
has_pyspark() { [ "$("$1" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null)" = "$PYSPARK_VERSION" ]; }
python=python3
if ! has_pyspark python3; then
  venv=${TFACTS_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/tfacts/pyspark-$PYSPARK_VERSION}
  if [ ! -x "$venv/bin/python3" ]; then
    python3 -m venv "$venv" >/dev/null 2>&1 || rm -rf "$venv"
  fi
  if "$venv/bin/python3" -m pip --version >/dev/null 2>&1; then
    python=$venv/bin/python3
  fi
  if ! has_pyspark "$python"; then
    echo "installing pyspark==$PYSPARK_VERSION"
    "$python" -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
  fi
fi
"$python" -c 'import pyspark; print("pyspark", pyspark.__version__)'
spark_submit=$("$python" -c 'import os, pyspark; print(os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit"))')
# spark-submit runs the job with this Python, which has pyspark.
export PYSPARK_PYTHON=$python PYSPARK_DRIVER_PYTHON=$python
elapsed

work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"

# The episodes: the committed one, the dev set, generated ones (seeded) for a few dozen.
mkdir -p transcripts
cp "$repo"/transcripts/* "$repo"/tests/fixtures/dev/transcripts/* transcripts/
(cd "$repo" && target/release/bench-corpus --mb 0.4 --seed 16 --out "$work"/generated >/dev/null)
cp generated/transcripts/* transcripts/
good=$(ls transcripts/*.txt | wc -l)
"$bin" export jsonl --transcripts transcripts --out episodes.jsonl
# Two bad lines: one cut short after its id, one with no id at all.
printf '%s\n' '{"id": "2025-09-09_cut-short", "text": "智谱成立于' 'not an episode' >>episodes.jsonl
python3 "$here"/pack_dictionaries.py --dictionaries "$repo"/dictionaries --out dictionaries.zip

ship_files="$bin,$here/tfacts-task.sh"
submit() {
  "$spark_submit" --master 'local[2]' --conf spark.ui.enabled=false "$@"
}

echo "== the job, PySpark $PYSPARK_VERSION local[2], $good good episodes and 2 bad lines"
t0=$SECONDS
submit --files "$ship_files" --archives dictionaries.zip#dictionaries \
  "$here"/annotate.py --min-partitions 2 episodes.jsonl annotated >spark.out 2>spark.err ||
  { tail -40 spark.err >&2; fail "the Spark job failed"; }
echo "  spark-submit: $((SECONDS - t0)) s"
grep '^tfacts: ' spark.err || true
grep -q 'episode "2025-09-09_cut-short": bad JSON line' spark.err ||
  fail "the line cut short is not named by its episode id"
grep -Eq 'tfacts: stdin:[0-9]+: byte [0-9]+, line sha256 [0-9a-f]{16}: bad JSON line' spark.err ||
  fail "the line without an id is not named by byte offset and hash"
[ -f annotated/_SUCCESS ] || fail "no _SUCCESS in the job's output"

echo "== every document equals tfacts annotate FILE's"
mkdir -p expected
for f in transcripts/*.txt; do
  name=${f#transcripts/}
  "$bin" annotate "$f" --dictionaries "$repo"/dictionaries >"expected/${name%.txt}.json"
done
python3 - "$good" <<'EOF'
import glob, json, os, sys
docs = {}
for part in sorted(glob.glob("annotated/part-*")):
    for line in open(part, encoding="utf-8"):
        doc = json.loads(line)
        assert doc["id"] not in docs, f"{doc['id']} twice"
        docs[doc["id"]] = doc
want = int(sys.argv[1])
assert len(docs) == want, f"{len(docs)} documents for {want} good episodes"
for path in sorted(glob.glob("expected/*.json")):
    local = json.load(open(path, encoding="utf-8"))
    got = docs.get(local["id"])
    assert got is not None, f"{local['id']} is missing from the job's output"
    assert got == local, f"{local['id']}: the job's document differs from tfacts annotate FILE's"
    assert local["mentions"], f"{local['id']} has no mentions"
print(f"  {len(docs)} documents, each equal to tfacts annotate FILE's")
EOF

echo "== the job fails loudly when the binary is not shipped"
if submit --files "$here/tfacts-task.sh" --archives dictionaries.zip#dictionaries \
  "$here"/annotate.py episodes.jsonl missing >missing.out 2>missing.err; then
  fail "the job succeeded without the binary"
fi
# spark-submit passes the driver's standard error on to its standard output.
cat missing.out missing.err | grep 'annotate.py: not shipped' || fail "no message naming the missing binary"
[ ! -e missing/_SUCCESS ] || fail "the job without the binary wrote _SUCCESS"
elapsed

echo "== Hadoop Streaming: a task folder as -files and -archives leave it, the script's mapper"
mapper=$(sh "$here"/hadoop-streaming.sh --print-mapper)
mkdir -p task/dictionaries
cp "$bin" "$here"/tfacts-task.sh task/
(cd task/dictionaries && python3 -m zipfile -e ../../dictionaries.zip .)
(cd task && sh -c "$mapper" <../episodes.jsonl >../hadoop.jsonl 2>../hadoop.err) ||
  fail "the mapper failed: $(cat hadoop.err)"
grep -q 'episode "2025-09-09_cut-short"' hadoop.err || fail "the mapper did not name the bad line"
python3 - <<'EOF'
import glob, json
spark = {json.loads(l)["id"]: json.loads(l) for p in glob.glob("annotated/part-*") for l in open(p, encoding="utf-8")}
hadoop = {json.loads(l)["id"]: json.loads(l) for l in open("hadoop.jsonl", encoding="utf-8")}
assert spark == hadoop, "the Hadoop task's documents differ from the Spark job's"
print(f"  {len(hadoop)} documents, the same as the Spark job's")
EOF
rm task/tfacts
if (cd task && sh -c "$mapper" </dev/null >/dev/null 2>../nobin.err); then
  fail "the mapper succeeded without the binary"
fi
grep 'no executable tfacts' nobin.err

echo "== the part files read back: tfacts run --from-jsonl == tfacts run"
ledger=$repo/audit/verdicts.csv
"$bin" run --transcripts transcripts --dictionaries "$repo"/dictionaries --ledger "$ledger" --out local
"$bin" run --from-jsonl annotated --texts episodes.jsonl --dictionaries "$repo"/dictionaries \
  --ledger "$ledger" --out back
diff -r local back || fail "the dataset read back from the part files differs from tfacts run's"
echo "  output/ files identical: $(ls back | tr '\n' ' ')"
echo "spark CI: passed in $((SECONDS - started)) s"

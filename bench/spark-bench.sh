#!/usr/bin/env bash
# Benchmark: mlcd-spark (spark/target/mlcd-spark.jar) on a local Spark standalone cluster against
# the single-JVM CLI (bin/mlcd) on the same rows: Parquet for Spark, CSV for the CLI.
#
# Usage: bench/spark-bench.sh [--rows N] [--prediction-rows N] [--merge-rows N]
#                             [--workers N] [--skip profile|merge|validate]... [--delete-data]
#
#   data      bench/make_spark_bench_data.py: --rows rows (default 100,000,000) x 10 columns and
#             --prediction-rows prediction rows (label, score, group; default = --rows), each as a
#             folder of Parquet files (5M rows each) and one CSV, generated in chunks once into
#             bench/out/spark/data-ROWS-PREDICTIONROWS and reused.
#   cluster   a master and --workers workers (default 2, 1 core and 3 GB each) on 127.0.0.1 from
#             .venv-spark (bin/setup-python .venv-spark python/requirements-spark.txt), stopped on exit;
#             each application: one executor of 1 core, 2 GB per worker, driver 2 GB, event log on.
#   profile   spark-submit mlcd-spark.jar profile --input features.parquet  vs
#             bin/mlcd profile features.csv; rows/s, rows/s per core (cores given: Spark's executors,
#             the CLI's machine), rows per CPU second; the two profiles compared.
#   merge     the profile of --merge-rows rows (default 5,000,000; 64 Parquet files of one row
#             group) read as 1, 2, 4, 8, 16, 32 and 64 partitions (spark.sql.files.maxPartitionBytes):
#             job time, executor CPU, bytes of partial results, the merge tail (end of the scan
#             stage to the end of the job) and the driver's time after the job.
#   validate  spark-submit mlcd-spark.jar validate --input predictions.parquet  vs
#             bin/mlcd validate --predictions predictions.csv (label, score, group; gate roc_auc >= 0.5).
#             Skipped when the jar has no validate command.
# Spark figures come from the application's event log (bench/spark_events.py); CLI figures from
# /usr/bin/time. The load average before each run is printed: the machine may be shared.
# Prints a table and the ratios and writes bench/out/spark/spark-bench.json. --delete-data
# removes the generated data at the end. Exit status 0 when every run that was not skipped ran
# (verdicts 0/1/3 count as ran), 1 otherwise, 2 on a usage error.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

rows=100000000
prediction_rows=
merge_rows=5000000
workers=2
skip=" "
delete_data=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="${2:?--rows needs a value}"; shift 2 ;;
    --prediction-rows) prediction_rows="${2:?--prediction-rows needs a value}"; shift 2 ;;
    --merge-rows) merge_rows="${2:?--merge-rows needs a value}"; shift 2 ;;
    --workers) workers="${2:?--workers needs a value}"; shift 2 ;;
    --skip) skip+="${2:?--skip needs profile, merge or validate} "; shift 2 ;;
    --delete-data) delete_data=1; shift ;;
    -h|--help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "spark-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
prediction_rows=${prediction_rows:-$rows}
for n in "$rows" "$prediction_rows" "$merge_rows" "$workers"; do
  case "$n" in ''|*[!0-9]*) echo "spark-bench: counts must be whole numbers, got '$n'" >&2; exit 2 ;; esac
done
for part in $skip; do
  case "$part" in profile|merge|validate) ;; *) echo "spark-bench: cannot skip '$part'" >&2; exit 2 ;; esac
done
skipped() { [[ "$skip" == *" $1 "* ]]; }

out="$root/bench/out/spark"
data="$out/data-$rows-$prediction_rows"
merge_data="$out/merge-data-$merge_rows"
events="$out/events"
venv="$root/.venv-spark"
jar="$root/spark/target/mlcd-spark.jar"
mkdir -p "$out" "$events"

# ---------------------------------------------------------------- prerequisites
[ -x "$venv/bin/spark-class" ] || bin/setup-python .venv-spark python/requirements-spark.txt
[ -f "$jar" ] && [ -f cli/target/mlcd.jar ] || mvn -B -q -pl core,cli,spark -am package -DskipTests
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (/usr/bin/time)" >&2
  apt-get update -qq >&2 && apt-get install -y -qq time >&2
fi
# About 58 bytes a row of CSV and 19 of Parquet for the features, 11 and 2 for the predictions.
need=$(( (rows * 77 + prediction_rows * 13 + merge_rows * 19) / 1024 / 1024 ))
have=$(df -Pm "$out" | awk 'NR == 2 {print $4}')
if [ ! -f "$data/features.rows" ] || [ "$(cat "$data/features.rows")" != "$rows" ]; then
  if [ "$need" -gt "$have" ]; then
    echo "spark-bench: the data needs about $need MB, $have MB are free in $out" >&2
    exit 2
  fi
fi

load() { cut -d' ' -f1 /proc/loadavg; }
status=0

# ---------------------------------------------------------------- data
echo "data: $rows rows x 10 columns, $prediction_rows prediction rows (Parquet and CSV) in $data" >&2
"$venv/bin/python" bench/make_spark_bench_data.py "$data" --rows "$rows" --prediction-rows "$prediction_rows" >/dev/null
if ! skipped merge; then
  # 64 files of one row group each, so that Spark can read them as 1 to 64 whole-file partitions.
  "$venv/bin/python" bench/make_spark_bench_data.py "$merge_data" --rows "$merge_rows" \
    --file-rows $(( (merge_rows + 63) / 64 )) --prediction-rows 0 --no-csv >/dev/null
fi

# ---------------------------------------------------------------- cluster
spark_home=$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
cluster="$out/cluster"
rm -rf "$cluster"
mkdir -p "$cluster/conf" "$cluster/local" "$cluster/logs"
cat > "$cluster/conf/spark-defaults.conf" <<EOF
spark.master.rest.enabled false
spark.ui.enabled false
spark.eventLog.enabled true
spark.eventLog.dir file://$events
spark.eventLog.rolling.enabled false
spark.eventLog.compress false
EOF
cat > "$cluster/conf/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
EOF
export SPARK_HOME="$spark_home" SPARK_CONF_DIR="$cluster/conf" SPARK_LOCAL_IP=127.0.0.1 \
  SPARK_LOCAL_DIRS="$cluster/local" SPARK_DAEMON_MEMORY=256m
unset PYSPARK_PYTHON PYSPARK_DRIVER_PYTHON
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
master="spark://127.0.0.1:$port"
pids=()
stop_cluster() {
  local pid
  for pid in "${pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true   # the worker's executors
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_cluster EXIT
await() {
  local log=$1 text=$2 i
  for i in $(seq 1 240); do
    grep -q "$text" "$log" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "spark-bench: '$text' not in $log after 120 s" >&2
  exit 1
}
"$venv/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port 0 > "$cluster/logs/master.log" 2>&1 &
pids+=($!)
await "$cluster/logs/master.log" "elected leader"
for i in $(seq 1 "$workers"); do
  "$venv/bin/spark-class" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 3g \
    --work-dir "$cluster/work$i" --webui-port 0 "$master" > "$cluster/logs/worker$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$workers"); do await "$cluster/logs/worker$i.log" "registered with master"; done
echo "cluster: $master, $workers workers of 1 core" >&2

# spark_run NAME [--conf K=V ...] -- ARGS...: spark-submit; writes $out/NAME.{wall,err,events.json}
spark_run() {
  local name=$1 confs=() before after log rc
  shift
  while [ "$1" != "--" ]; do confs+=("$1"); shift; done
  shift
  before=$(ls "$events")
  echo "$name: load $(load)" >&2
  set +e
  /usr/bin/time -o "$out/$name.time" -f "%e %U %S %M" "$venv/bin/spark-submit" --master "$master" \
    --driver-memory 2g --executor-memory 2g --executor-cores 1 "${confs[@]}" "$jar" "$@" \
    > "$out/$name.out" 2> "$out/$name.err"
  rc=$?
  set -e
  echo "$rc" > "$out/$name.rc"
  after=$(ls "$events")
  log=$(comm -13 <(echo "$before") <(echo "$after") | head -1)
  if [ -n "$log" ]; then
    "$venv/bin/python" bench/spark_events.py "$events/$log" > "$out/$name.events.json"
  else
    echo '{}' > "$out/$name.events.json"
  fi
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" -ne 3 ]; then
    echo "$name: spark-submit exit $rc: $(grep -v '^[0-9][0-9]/' "$out/$name.err" | tail -3)" >&2
    status=1
  fi
}
# cli_run NAME ARGS...: bin/mlcd under /usr/bin/time; writes $out/NAME.{time,rc,out,err}
cli_run() {
  local name=$1 rc
  shift
  echo "$name: load $(load)" >&2
  set +e
  /usr/bin/time -o "$out/$name.time" -f "%e %U %S %M" bin/mlcd "$@" > "$out/$name.out" 2> "$out/$name.err"
  rc=$?
  set -e
  echo "$rc" > "$out/$name.rc"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" -ne 3 ]; then
    echo "$name: mlcd exit $rc: $(tail -3 "$out/$name.err")" >&2
    status=1
  fi
}

# ---------------------------------------------------------------- runs
if ! skipped profile; then
  spark_run spark-profile -- profile --input "$data/features.parquet" --format parquet -o "$out/spark-profile.json"
  cli_run cli-profile profile "$data/features.csv" -o "$out/cli-profile.json"
fi
if ! skipped merge; then
  total=$(du -sb "$merge_data/features.parquet" | cut -f1)
  file=$(( total / 64 ))
  for n in 1 2 4 8 16 32 64; do
    # Whole files packed into n partitions: each holds 64/n files (half a file of slack for sizes).
    spark_run "merge-$n" --conf spark.sql.files.maxPartitionBytes=$(( total / n + file / 2 )) \
      --conf spark.sql.files.openCostInBytes=0 --conf spark.sql.files.minPartitionNum=1 -- \
      profile --input "$merge_data/features.parquet" --format parquet -o "$out/merge-$n-profile.json"
  done
fi
if ! skipped validate; then
  if "$venv/bin/spark-submit" --master local[1] --conf spark.eventLog.enabled=false "$jar" --help 2>/dev/null \
      | grep -qE '^ +validate +'; then
    spark_run spark-validate -- validate --input "$data/predictions.parquet" --format parquet --label label \
      --score score --group group --gate 'roc_auc >= 0.5' --report-dir "$out/spark-validate-report"
  else
    echo "spark-validate: skipped (this mlcd-spark.jar has no validate command)" >&2
    skip+="spark-validate "
  fi
  cli_run cli-validate validate --predictions "$data/predictions.csv" --label label --score score --group group \
    --gate 'roc_auc >= 0.5' --report-dir "$out/cli-validate-report"
fi

# ---------------------------------------------------------------- report
"$venv/bin/python" - "$out" "$rows" "$prediction_rows" "$merge_rows" "$workers" "$(nproc)" <<'PY'
import json, os, sys

out, rows, prediction_rows, merge_rows, workers, cores = sys.argv[1], *map(int, sys.argv[2:])

def load(name, suffix):
    path = os.path.join(out, f"{name}.{suffix}")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        # /usr/bin/time starts with "Command exited with non-zero status N" when it did
        return json.load(f) if suffix.endswith("json") else f.read().strip().splitlines()[-1].split()

def timed(name):
    t = load(name, "time")
    if t is None:
        return None
    wall, user, system, rss = float(t[0]), float(t[1]), float(t[2]), int(t[3])
    return {"wall_s": wall, "cpu_s": user + system, "rss_mib": rss / 1024, "exit": int(load(name, "rc")[0])}

result = {"rows": rows, "prediction_rows": prediction_rows, "merge_rows": merge_rows,
          "spark_cores": workers, "machine_cores": cores}
lines = []

def spark(name, n):
    t, e = timed(name), load(name, "events.json")
    if t is None:
        return None
    r = dict(t, **(e or {}))
    if e:
        r["rows_per_s"] = n / e["job_s"]
        r["rows_per_s_per_core"] = r["rows_per_s"] / workers
        r["rows_per_cpu_s"] = n / e["executor_cpu_s"] if e["executor_cpu_s"] else None
    return r

def cli(name, n):
    t = timed(name)
    if t is None:
        return None
    return dict(t, rows_per_s=n / t["wall_s"], rows_per_s_per_core=n / t["wall_s"] / cores,
                rows_per_cpu_s=n / t["cpu_s"])

def row(label, r, n):
    if r is None:
        return
    job = f"{r['job_s']:.1f} s" if "job_s" in r else "-"
    lines.append(f"| {label} | {n:,} | {r['wall_s']:.1f} s | {job} | {r.get('executor_cpu_s', r['cpu_s']):.1f} s | "
                 f"{r['rows_per_s']:,.0f} | {r['rows_per_s_per_core']:,.0f} | {r['rows_per_cpu_s']:,.0f} | exit {r['exit']} |")

lines.append("| run | rows | wall (spark-submit / process) | job time | CPU (executors / process) | rows/s | rows/s per core | rows per CPU s | |")
lines.append("|---|---|---|---|---|---|---|---|---|")
for key, name, n, fn in [("spark_profile", "spark-profile", rows, spark), ("cli_profile", "cli-profile", rows, cli),
                         ("spark_validate", "spark-validate", prediction_rows, spark),
                         ("cli_validate", "cli-validate", prediction_rows, cli)]:
    r = fn(name, n)
    if r is not None and "rows_per_s" in r:
        result[key] = r
        row(name, r, n)
print("\n".join(lines))

def compare(a, b):
    pa, pb = (json.load(open(os.path.join(out, f))) for f in (a, b))
    diffs = []
    if pa["rows"] != pb["rows"]:
        diffs.append(f"rows {pa['rows']} vs {pb['rows']}")
    for ca, cb in zip(pa["columns"], pb["columns"]):
        for k in ("name", "type", "count", "missing", "unparseable"):
            if ca.get(k) != cb.get(k):
                diffs.append(f"{ca['name']}.{k}: {ca.get(k)} vs {cb.get(k)}")
    return diffs

print()
if "spark_profile" in result and "cli_profile" in result:
    s, c = result["spark_profile"], result["cli_profile"]
    try:
        diffs = compare("spark-profile.json", "cli-profile.json")
        result["profiles_agree"] = not diffs
        print("profiles: rows, column types, counts, missing " + ("equal" if not diffs else "DIFFER: " + "; ".join(diffs[:5])))
    except (OSError, ValueError, KeyError) as e:
        print(f"profiles not compared: {e}")
    print(f"profile rows/s per core, Spark (job) / CLI (wall / {cores} cores): "
          f"{s['rows_per_s_per_core'] / c['rows_per_s_per_core']:.2f}x")
    print(f"profile rows per CPU second, Spark executors / CLI process: {s['rows_per_cpu_s'] / c['rows_per_cpu_s']:.2f}x")
    print(f"profile wall time, spark-submit / CLI: {s['wall_s'] / c['wall_s']:.2f}x")
if "spark_validate" in result and "cli_validate" in result:
    s, c = result["spark_validate"], result["cli_validate"]
    print(f"validate wall time, spark-submit / CLI: {s['wall_s'] / c['wall_s']:.2f}x; "
          f"rows per CPU second, Spark / CLI: {s['rows_per_cpu_s'] / c['rows_per_cpu_s']:.2f}x")

merge = []
for n in (1, 2, 4, 8, 16, 32, 64):
    r = spark(f"merge-{n}", merge_rows)
    if r and "job_s" in r:
        merge.append(dict(partitions=n, **r))
if merge:
    result["merge"] = merge
    print()
    print(f"| partitions (asked) | scan tasks | tasks | job time | executor CPU | partial results to driver | shuffled | merge tail | driver after job |")
    print("|---|---|---|---|---|---|---|---|---|")
    for m in merge:
        tail = f"{m['merge_tail_s']:.2f} s" if m.get("merge_tail_s") is not None else "-"
        after = f"{m['driver_after_s']:.2f} s" if m.get("driver_after_s") is not None else "-"
        print(f"| {m['partitions']} | {m['scan_tasks']} | {m['tasks']} | {m['job_s']:.1f} s | {m['executor_cpu_s']:.1f} s | "
              f"{m['result_bytes'] / 1024:,.0f} KiB | {m['shuffle_write_bytes'] / 1024:,.0f} KiB | {tail} | {after} |")
with open(os.path.join(out, "spark-bench.json"), "w") as f:
    json.dump(result, f, indent=2)
PY

if [ "$delete_data" -eq 1 ]; then
  rm -rf "$data" "$merge_data"
  echo "deleted $data and $merge_data" >&2
fi
exit "$status"

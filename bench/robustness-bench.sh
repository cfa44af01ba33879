#!/usr/bin/env bash
# Benchmark: scoring a model served by `mlflow models serve` from mlcd, against calling the same
# model in-process in Python on the same rows (the ceiling); and the time of `mlcd robustness`'s
# default suite on 10,000 rows x 20 columns.
#
# Usage: bench/robustness-bench.sh [--rows N] [--model tree|logistic] [--workers N]
#
# Trains the two models of python/train_served_models.py (with 15 extra noise columns: 20
# feature columns) into bench/out/robustness/, serves --model (default logistic) with
# `mlflow models serve --env-manager local` (--workers, default 1), then measures (wall time; this
# machine's timings vary by +-20% run to run):
#   score       (median of 3) `mlcd validate --model-url` on --rows rows (default 100,000: test.csv repeated),
#               i.e. reading, scoring in batches of 1,000 with 4 requests in flight, validating;
#   engine      (median of 3) `mlcd robustness --perturb missing:x15` on the same rows: the rows
#               and one perturbation of them scored, i.e. 2 x --rows rows;
#   python-http (median of 3) bench/score_http.py: the same batches posted from Python, 4 in flight
#               (what the server sustains without mlcd);
#   in-process  bench/score_inprocess.py: the model's pyfunc predict on the same rows, all at
#               once and in batches of 1,000 (the ceiling: no HTTP, no JSON);
#   suite       (1 run) `mlcd robustness` with the default suite on the 10,000 test rows (label given,
#               so metric changes with intervals are computed too).
# Prints a table with rows/s and the ratios, and writes bench/out/robustness/bench.json.
# Exit status: 0 when every run succeeded, 1 otherwise, 2 on a usage error.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

rows=100000
model=logistic
workers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="${2:?--rows needs a value}"; shift 2 ;;
    --model) model="${2:?--model needs tree or logistic}"; shift 2 ;;
    --workers) workers="${2:?--workers needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "robustness-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$rows$workers" in ''|*[!0-9]*) echo "robustness-bench: --rows and --workers must be positive integers" >&2; exit 2 ;; esac
case "$model" in tree|logistic) ;; *) echo "robustness-bench: --model must be tree or logistic" >&2; exit 2 ;; esac

out="$root/bench/out/robustness"
py="$root/.venv/bin/python"
mlflow="$root/.venv/bin/mlflow"
jar="$root/cli/target/mlcd.jar"
if [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  mvn -q -B -o -pl core,cli -am package -DskipTests >&2
fi

# ---------------------------------------------------------------- models and data
if [ ! -f "$out/models/test.csv" ]; then
  rm -rf "$out"; mkdir -p "$out"
  "$py" "$root/python/train_served_models.py" "$out/models" --extra-columns 15 --test-rows 10000 > /dev/null
fi
data="$out/rows-$rows.csv"
if [ ! -f "$data" ]; then
  "$py" - "$out/models/test.csv" "$data" "$rows" <<'PY'
import sys
import pandas as pd
test = pd.read_csv(sys.argv[1])
rows = int(sys.argv[3])
repeated = pd.concat([test] * (rows // len(test) + 1), ignore_index=True).iloc[:rows]
repeated["id"] = range(1, rows + 1)
repeated.to_csv(sys.argv[2], index=False)
PY
fi

# ---------------------------------------------------------------- the server
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# mlflow starts uvicorn by name: the venv's bin goes first on PATH
PATH="$root/.venv/bin:$PATH" "$mlflow" models serve -m "$out/models/$model" --env-manager local -h 127.0.0.1 \
  -p "$port" -w "$workers" > "$out/serve.log" 2>&1 &
server=$!
# stops the server and the uvicorn processes it started (by their ids: children first)
tree() { local child; for child in $(pgrep -P "$1"); do tree "$child"; done; echo "$1"; }
stop() { kill $(tree "$server") 2> /dev/null; wait "$server" 2> /dev/null || true; }
trap stop EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 600); do
  curl -fs "$url/ping" > /dev/null 2>&1 && break
  kill -0 "$server" 2> /dev/null || { echo "mlflow models serve exited; see $out/serve.log" >&2; exit 1; }
  sleep 0.2
done
curl -fs "$url/ping" > /dev/null || { echo "mlflow models serve did not answer /ping" >&2; exit 1; }

# ---------------------------------------------------------------- runs
# median NAME REPEATS CMD...: runs CMD REPEATS times, prints and keeps the median wall time in seconds
declare -A wall
failed=0
median() {
  local name=$1 repeats=$2; shift 2
  local times=()
  echo "running $name ($repeats x): $*"
  for _ in $(seq "$repeats"); do
    local start end rc=0
    start=$(date +%s.%N)
    "$@" > "$out/$name.stdout" 2> "$out/$name.stderr" || rc=$?
    end=$(date +%s.%N)
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" -ne 3 ]; then
      echo "  $name failed (exit $rc):" >&2; tail -n 3 "$out/$name.stderr" | sed 's/^/    /' >&2
      failed=1; wall[$name]=""; return
    fi
    times+=("$(echo "$end - $start" | bc)")
  done
  wall[$name]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "  ${times[*]} s (median ${wall[$name]})"
}

median score 3 java -jar "$jar" validate --model-url "$url" --data "$data" --label label \
  --id id --gate 'roc_auc >= 0.5'
# the same scoring inside mlcd's robustness engine: the rows and one perturbation of them (2x the rows)
median engine 3 java -jar "$jar" robustness --model-url "$url" --data "$data" --drop id --drop label \
  --perturb missing:x15
echo "running python-http: bench/score_http.py (3 x)"
for _ in 1 2 3; do
  "$py" "$root/bench/score_http.py" "$url" "$data" --drop id --drop label
done > "$out/http.jsonl"
cat "$out/http.jsonl"
echo "running in-process: bench/score_inprocess.py"
"$py" "$root/bench/score_inprocess.py" "$out/models/$model" "$data" --drop id --drop label \
  > "$out/inprocess.json"
cat "$out/inprocess.json"
[ -f "$out/profile.json" ] || java -jar "$jar" profile "$out/models/train.csv" -o "$out/profile.json" > /dev/null
median suite 1 java -jar "$jar" robustness --model-url "$url" --data "$out/models/test.csv" --label label \
  --drop id --profile "$out/profile.json" --report-dir "$out/report"

# ---------------------------------------------------------------- table and JSON
BENCH_ROWS=$rows BENCH_MODEL=$model BENCH_WORKERS=$workers BENCH_SCORE="${wall[score]}" BENCH_ENGINE="${wall[engine]}" \
BENCH_SUITE="${wall[suite]}" BENCH_OUT="$out" "$py" - <<'PY'
import json, os

out = os.environ["BENCH_OUT"]
rows = int(os.environ["BENCH_ROWS"])
inprocess = json.load(open(os.path.join(out, "inprocess.json")))
http_runs = sorted((json.loads(line) for line in open(os.path.join(out, "http.jsonl"))), key=lambda r: r["seconds"])
http = http_runs[len(http_runs) // 2]
engine = float(os.environ["BENCH_ENGINE"]) if os.environ["BENCH_ENGINE"] else None
engine_rate = 2 * rows / engine if engine else None
score = float(os.environ["BENCH_SCORE"]) if os.environ["BENCH_SCORE"] else None
suite = float(os.environ["BENCH_SUITE"]) if os.environ["BENCH_SUITE"] else None
report = json.load(open(os.path.join(out, "report", "robustness.json"))) if suite else {}
perturbations = len(report.get("perturbations", []))
mlcd_rate = rows / score if score else None
result = {
    "rows": rows, "model": os.environ["BENCH_MODEL"], "server_workers": int(os.environ["BENCH_WORKERS"]),
    "mlcd_validate_model_url_s": score, "mlcd_rows_per_s": mlcd_rate,
    "mlcd_robustness_one_perturbation_s": engine, "mlcd_engine_rows_per_s": engine_rate,
    "python_http": http, "inprocess": inprocess,
    "ceiling_over_mlcd": inprocess["batched_rows_per_s"] / mlcd_rate if mlcd_rate else None,
    "ceiling_over_engine": inprocess["batched_rows_per_s"] / engine_rate if engine_rate else None,
    "python_http_over_engine": http["rows_per_s"] / engine_rate if engine_rate else None,
    "suite_s": suite, "suite_perturbations": perturbations,
    "suite_rows_scored": 10000 * (perturbations + 1) if suite else None,
}
with open(os.path.join(out, "bench.json"), "w") as f:
    json.dump(result, f, indent=2)
fmt = lambda v, spec: "n/a" if v is None else format(v, spec)
print()
print(f"scoring {rows:,} rows x {inprocess['columns']} columns, model {result['model']}, "
      f"mlflow models serve with {result['server_workers']} worker(s)")
print(f"{'run':<48}{'seconds':>10}{'rows/s':>12}")
print(f"{'mlcd validate --model-url (whole command)':<48}{fmt(score, '.2f'):>10}{fmt(mlcd_rate, ',.0f'):>12}")
print(f"{'mlcd robustness, 1 perturbation (2 x the rows)':<48}{fmt(engine, '.2f'):>10}{fmt(engine_rate, ',.0f'):>12}")
print(f"{'Python HTTP client, same batches, 4 in flight':<48}{http['seconds']:>10.2f}{http['rows_per_s']:>12,.0f}")
print(f"{'in-process pyfunc predict, batches of 1,000':<48}{inprocess['batched_s']:>10.2f}"
      f"{inprocess['batched_rows_per_s']:>12,.0f}")
print(f"{'in-process pyfunc predict, all rows at once':<48}{inprocess['whole_s']:>10.2f}"
      f"{inprocess['whole_rows_per_s']:>12,.0f}")
print(f"ceiling (in-process, batched) / mlcd validate: {fmt(result['ceiling_over_mlcd'], '.1f')}, "
      f"/ mlcd robustness engine: {fmt(result['ceiling_over_engine'], '.1f')}; "
      f"Python HTTP client / mlcd engine: {fmt(result['python_http_over_engine'], '.2f')}")
print()
print(f"default suite on 10,000 rows x {inprocess['columns']} columns: {fmt(suite, '.2f')} s, "
      f"{perturbations} perturbations, {fmt(result['suite_rows_scored'], ',')} rows scored")
print(f"\nwritten {os.path.join(out, 'bench.json')}")
PY
exit $failed

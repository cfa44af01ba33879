#!/usr/bin/env bash
# The end-to-end demo. Generates a credit-default data set and validates it against
# examples/schema.yaml (mlcd validate-data) before training on it; trains a champion and a
# challenger model with scikit-learn and logs both to MLflow; then mlcd
#   1. validates the champion, registers it, records an approval and promotes it (the
#      state a team has before its next release),
#   2. validates the challenger against the champion and the gates of examples/policy.yaml,
#      recording verdict, metrics and reports in the challenger's MLflow run,
#   3. registers the challenger with its lineage and records an approval,
#   4. runs a canary (examples/canary-demo.sh): the champion served by `mlflow models serve`
#      behind a local HAProxy under steady load, the challenger deployed beside it and
#      given 10% -> 50% -> 100% of the traffic, analysed at each step, then promoted to
#      champion (the old one becomes @previous),
#   5. validates a later production batch against the schema and the training data's
#      profile, then checks it for drift, both recorded on the new champion,
#   6. prints the champion's lineage (mlcd status).
# MLflow: the server at MLFLOW_TRACKING_URI, or else a local one (SQLite, served
# artifacts, under OUT/mlflow) on 127.0.0.1:${MLCD_DEMO_PORT:-5000}, left running so that
# you can browse the records in its UI; MLCD_DEMO_STOP_SERVER=1 stops it at the end.
# `examples/demo.sh --stop [OUT_DIR]` stops it later, with whatever else of that demo is
# still running (HAProxy, model servers, load generator, e.g. after an interrupted run).
# Usage: examples/demo.sh [OUT_DIR] | examples/demo.sh --stop [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# Every process the demo starts inherits MLCD_DEMO_RUN=OUT (the MLflow server's and model
# servers' worker processes, HAProxy, the load generator, the canary mlcd deploys), so that
# --stop finds exactly this demo's processes, orphans included, and nobody else's.
demo_processes() {
  local self=$BASHPID
  grep -slzxF -- "MLCD_DEMO_RUN=$1" /proc/[0-9]*/environ | sed 's#^/proc/\([0-9]*\)/environ$#\1#' \
    | grep -vxF -e "$$" -e "$self" || true
}
stop_demo() {
  local run=$1 pids
  unset MLCD_DEMO_RUN   # so that the commands below do not count themselves
  pids=$(demo_processes "$run")
  if [ -z "$pids" ]; then
    echo "demo: nothing of the demo in $run is running" >&2
    return 0
  fi
  echo "demo: stopping the demo in $run:" >&2
  # shellcheck disable=SC2086 # one pid a word
  ps -o pid=,args= -p "$(echo $pids | tr ' ' ,)" | cut -c1-150 | sed 's/^/  /' >&2
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 30); do
    [ -n "$(demo_processes "$run")" ] || break
    sleep 1
  done
  pids=$(demo_processes "$run")
  if [ -n "$pids" ]; then
    echo "demo: still running after 30 s, killing: $pids" >&2
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
  fi
  rm -f "$run/mlflow/server.pid"
  echo "demo: stopped" >&2
}

if [ "${1:-}" = --stop ]; then
  stop_demo "$(realpath -m "${2:-$root/demo-out}")"
  exit 0
fi
case ${1:-} in -*) echo "usage: examples/demo.sh [OUT_DIR] | examples/demo.sh --stop [OUT_DIR]" >&2; exit 2 ;; esac
out=$(realpath -m "${1:-$root/demo-out}")
export MLCD_DEMO_RUN=$out
mlcd=$root/bin/mlcd
model=${MLCD_DEMO_MODEL:-credit-default}
stop_hint="$0 --stop"
[ "$out" = "$root/demo-out" ] || stop_hint="$stop_hint $(printf %q "$out")"

"$root/bin/setup-python"
if [ ! -f "$root/cli/target/mlcd.jar" ]; then
  echo "demo: building mlcd (mvn package, tests skipped)" >&2
  (cd "$root" && mvn -q -B -DskipTests package)
fi
mkdir -p "$out"

if [ -z "${MLFLOW_TRACKING_URI:-}" ]; then
  port=${MLCD_DEMO_PORT:-5000}
  export MLFLOW_TRACKING_URI=http://127.0.0.1:$port
  if curl -fsS "$MLFLOW_TRACKING_URI/health" >/dev/null 2>&1; then
    echo "demo: using the MLflow server already answering at $MLFLOW_TRACKING_URI" >&2
  else
    echo "demo: starting a local MLflow server at $MLFLOW_TRACKING_URI (data in $out/mlflow)" >&2
    mkdir -p "$out/mlflow"
    # exec: the background job's pid ($!) is then MLflow's own, not a subshell's
    (cd "$out/mlflow" && exec nohup "$root/.venv/bin/mlflow" server --host 127.0.0.1 --port "$port" \
      --backend-store-uri "sqlite:///$out/mlflow/mlflow.db" --serve-artifacts \
      --artifacts-destination "$out/mlflow/artifacts" --workers 1 >"$out/mlflow/server.log" 2>&1) &
    echo $! >"$out/mlflow/server.pid"
    for _ in $(seq 120); do
      curl -fsS "$MLFLOW_TRACKING_URI/health" >/dev/null 2>&1 && break
      sleep 1
    done
    curl -fsS "$MLFLOW_TRACKING_URI/health" >/dev/null || { echo "demo: MLflow did not start, see $out/mlflow/server.log" >&2; exit 2; }
  fi
  if [ "${MLCD_DEMO_STOP_SERVER:-0}" = 1 ]; then
    trap 'stop_demo "$out"' EXIT
  fi
fi

# A verdict (0 PASSED, 3 WARNING, 1 FAILED) is a result to show; only 2 (bad input) fails the demo.
verdict() {
  local status=0
  "$@" || status=$?
  [ "$status" -ne 2 ] || exit 2
  return 0
}

echo "demo: 0. the training data, validated against examples/schema.yaml before training" >&2
"$root/.venv/bin/python" "$root/examples/train.py" --out "$out" --data-only >&2
status=0
"$mlcd" validate-data "$out/applicants.csv" --schema "$root/examples/schema.yaml" --dataset training \
  --report-dir "$out/report/training-data" || status=$?
case $status in
  0|3) ;;   # PASSED, or WARNING: train, the warnings are in the report
  1) echo "demo: the training data broke the schema; not training on it" >&2; exit 1 ;;
  *) exit 2 ;;
esac

echo "demo: training champion and challenger, logging both to MLflow" >&2
"$root/.venv/bin/python" "$root/examples/train.py" --out "$out" --data "$out/applicants.csv" \
  --tracking-uri "$MLFLOW_TRACKING_URI" 2>&1 \
  | grep -v "View run\|View experiment\|does not exist. Creating a new experiment" >&2
champion_run=$("$root/.venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["champion"])' "$out/runs.json")
challenger_run=$("$root/.venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["challenger"])' "$out/runs.json")

version_of() { "$root/.venv/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["version"])'; }

echo "demo: 1. the champion as it stands: validated, registered, approved, promoted" >&2
"$mlcd" validate --predictions "$out/baseline.csv" --label label --score score \
  --gate 'roc_auc >= 0.7' --run-id "$champion_run" --report-dir "$out/report/champion"
v1=$("$mlcd" register --run-id "$champion_run" --name "$model" --alias challenger --data "$out/training.csv" | version_of)
"$mlcd" approve --name "$model" --version "$v1" --by risk-officer --comment "baseline model" >/dev/null
"$mlcd" promote --name "$model" --version "$v1" --by demo >/dev/null

echo "demo: 2. validating the challenger against the champion" >&2
verdict "$mlcd" validate \
  --predictions "$out/predictions.csv" --baseline "$out/baseline.csv" --id id \
  --label label --score score --group sex --group region \
  --policy "$root/examples/policy.yaml" --report-dir "$out/report" --run-id "$challenger_run"
echo "demo:    the same gate on the metrics training logged, against @champion's run" >&2
verdict "$mlcd" validate --metrics-from-run "$challenger_run" --model "$model" --baseline-alias champion \
  --gate 'roc_auc >= baseline - 0.01'

echo "demo: 3. registering and approving the challenger" >&2
v2=$("$mlcd" register --run-id "$challenger_run" --name "$model" --alias challenger \
  --data "$out/training.csv" --description "HistGradientBoosting on all features" | version_of)
"$mlcd" approve --name "$model" --version "$v2" --by risk-officer \
  --comment "fairness warnings reviewed: within policy" >/dev/null

echo "demo: 4. canary: version $v2 takes live traffic behind HAProxy, step by step, then becomes champion" >&2
"$root/examples/canary-demo.sh" "$out" "$model" "$v1" "$v2"

echo "demo: 5. profiling the training data; validating a production batch, then checking it for drift" >&2
"$mlcd" profile "$out/training.csv" -o "$out/training-profile.json"
verdict "$mlcd" validate-data "$out/production.csv" --schema "$root/examples/schema.yaml" \
  --reference "$out/training-profile.json" --dataset production --history 5 \
  --report-dir "$out/report" --model "$model" --version "$v2"
verdict "$mlcd" drift \
  --reference "$out/training-profile.json" --current "$out/production.csv" \
  --prediction-column score --gate 'drift_share <= 0.5' --warn 'drifted[score] < 1' \
  --report-dir "$out/report" --model "$model" --version "$v2"

echo "demo: 6. the champion's lineage" >&2
"$mlcd" status --name "$model"

echo "demo: reports in $out/report (validate.html, validate-data.html, drift.html; training-data/); MLflow UI: $MLFLOW_TRACKING_URI/#/models/$model" >&2
if [ -f "$out/mlflow/server.pid" ] && [ "${MLCD_DEMO_STOP_SERVER:-0}" != 1 ]; then
  echo "demo: the local MLflow server (pid $(cat "$out/mlflow/server.pid")) keeps running; stop it with: $stop_hint" >&2
fi

#!/usr/bin/env bash
# The end-to-end demo: train a champion and a challenger credit-default model with
# scikit-learn, let mlcd validate the challenger against the champion and gates
# (examples/policy.yaml), then check a later production batch for drift against a profile
# of the training data. Writes HTML reports. Usage: examples/demo.sh [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/demo-out}

"$root/bin/setup-python"
if [ ! -f "$root/cli/target/mlcd.jar" ]; then
  echo "demo: building mlcd (mvn package, tests skipped)" >&2
  (cd "$root" && mvn -q -B -DskipTests package)
fi

echo "demo: training champion and challenger" >&2
"$root/.venv/bin/python" "$root/examples/train.py" --out "$out"

# A verdict (0 PASSED, 3 WARNING, 1 FAILED) is a result to show; only 2 (bad input) fails the demo.
verdict() {
  local status=0
  "$@" || status=$?
  [ "$status" -ne 2 ] || exit 2
  return 0
}

echo "demo: validating the challenger" >&2
verdict "$root/bin/mlcd" validate \
  --predictions "$out/predictions.csv" --baseline "$out/baseline.csv" --id id \
  --label label --score score --group sex --group region \
  --policy "$root/examples/policy.yaml" --report-dir "$out/report"

echo "demo: profiling the training data, checking production for drift" >&2
"$root/bin/mlcd" profile "$out/training.csv" -o "$out/training-profile.json"
verdict "$root/bin/mlcd" drift \
  --reference "$out/training-profile.json" --current "$out/production.csv" \
  --prediction-column score --gate 'drift_share <= 0.5' --warn 'drifted[score] < 1' \
  --report-dir "$out/report"

echo "demo: reports in $out/report: validate.html, drift.html" >&2

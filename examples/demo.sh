#!/usr/bin/env bash
# The end-to-end demo: train a champion and a challenger credit-default model with
# scikit-learn, then let mlcd validate the challenger against the champion and gates
# (examples/policy.yaml), writing an HTML report. Usage: examples/demo.sh [OUT_DIR]
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

echo "demo: validating the challenger" >&2
set +e
"$root/bin/mlcd" validate \
  --predictions "$out/predictions.csv" --baseline "$out/baseline.csv" --id id \
  --label label --score score --group sex --group region \
  --policy "$root/examples/policy.yaml" --report-dir "$out/report"
status=$?
set -e
echo "demo: exit status $status (0 PASSED, 3 WARNING, 1 FAILED); open $out/report/validate.html" >&2
[ "$status" -le 3 ] && [ "$status" -ne 2 ]

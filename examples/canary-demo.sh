#!/usr/bin/env bash
# The demo's canary: serves the champion (version STABLE) with `mlflow models serve` behind a
# local HAProxy, sends steady traffic through it (examples/load.py), and lets `mlcd canary`
# deploy version CANARY beside it and move the traffic 10% -> 50% -> 100%, analysing each step;
# on success mlcd moves @champion. The gates: no more errors than the champion (+2%), a p95
# latency SLO of 300 ms; WARN gates flag a latency over twice the champion's (the boosted trees
# are slower than the logistic regression) and a large shift in predictions. Everything listens
# on 127.0.0.1 and is stopped at the end.
# Usage: examples/canary-demo.sh OUT MODEL STABLE CANARY   (MLFLOW_TRACKING_URI set)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$1 model=$2 stable=$3 canary=$4
dir=$out/canary
mkdir -p "$dir"
export PATH="$root/.venv/bin:$PATH"   # mlflow models serve starts uvicorn from the same environment
free_port() { "$root/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  pkill -f "models:/$model/$canary " 2>/dev/null || true
}
trap cleanup EXIT

command -v haproxy >/dev/null || "$root/bin/setup-system"
stable_port=$(free_port) front_port=$(free_port) runtime_port=$(free_port) log_port=$(free_port)
"$root/.venv/bin/mlflow" models serve -m "models:/$model/$stable" --env-manager local -h 127.0.0.1 \
  -p "$stable_port" >"$dir/serve-stable.log" 2>&1 &
stable_pid=$!
pids+=($stable_pid)
for _ in $(seq 120); do
  curl -fsS "http://127.0.0.1:$stable_port/health" >/dev/null 2>&1 && break
  kill -0 "$stable_pid" 2>/dev/null || break
  sleep 1
done
curl -fsS "http://127.0.0.1:$stable_port/health" >/dev/null || { echo "demo: the champion did not start, see $dir/serve-stable.log" >&2; exit 2; }

cat >"$dir/haproxy.cfg" <<CFG
global
    stats socket ipv4@127.0.0.1:$runtime_port level admin
    log 127.0.0.1:$log_port local0
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    log global
    log-format "%b %s %ST %Tr %Ta"
frontend models
    bind 127.0.0.1:$front_port
    default_backend model
backend model
    server stable 127.0.0.1:$stable_port weight 100
    server canary 127.0.0.1:1 weight 0
CFG
haproxy -f "$dir/haproxy.cfg" -db >"$dir/haproxy.log" 2>&1 &
pids+=($!)
sleep 1
"$root/.venv/bin/python" "$root/examples/load.py" "http://127.0.0.1:$front_port" "$out/probe.json" \
  --seconds 900 >"$dir/load.log" 2>&1 &
load_pid=$!
pids+=($load_pid)

status=0
"$root/bin/mlcd" canary --model "$model" --version "$canary" --weights 10,50,100 --pause 15s --min-requests 50 \
  --haproxy-runtime "127.0.0.1:$runtime_port" --haproxy-logs "127.0.0.1:$log_port" \
  --deploy-command "$root/.venv/bin/mlflow models serve -m models:/{name}/{version} --env-manager local -h 127.0.0.1 -p {port}" \
  --probe "$out/probe.json" --stable-url "http://127.0.0.1:$stable_port" \
  --gate 'error_rate <= baseline + 2%' --gate 'latency_p95 <= 300ms' \
  --warn 'latency_p95 <= baseline * 2' --warn 'prediction_drift <= 0.3' --state "$dir/state.json" --report-dir "$out/report" --by demo || status=$?
kill -TERM "$load_pid" 2>/dev/null || true
wait "$load_pid" 2>/dev/null || true
cat "$dir/load.log" >&2
[ "$status" -ne 2 ] || exit 2

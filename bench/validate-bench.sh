#!/usr/bin/env bash
# Benchmark: `mlcd validate` against the Python stack (pandas + scikit-learn + fairlearn)
# and against the parse floor (FastCSV reading every record and nothing else) on a
# binary predictions CSV (label,score,group) of --rows rows (default 10,000,000).
#
# Usage: bench/validate-bench.sh [--rows N] [--skip mlcd|python|floor]...
#
# Each run is timed with /usr/bin/time -v (wall time, peak RSS); mlcd and the floor run three
# times (median wall time), the Python stack once. A last, in-process measurement compares
# the warmed-up engine with a warmed-up FastCSV parse in one JVM. The data file is
# generated once into bench/out/ and reused while its row count matches; the page cache
# is warmed before the runs so that no run pays for the first read from disk.
# Prints a table and writes bench/out/validate-bench.json. Targets:
#   python / mlcd wall time >= 5, mlcd / floor wall time <= 1.5, mlcd peak RSS <= 1024 MiB.
# Exit status: 0 when every run that was not skipped succeeded, 1 otherwise (missed
# targets are reported, not turned into a failure), 2 on a usage error.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

rows=10000000
skip=" "
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="${2:?--rows needs a value}"; shift 2 ;;
    --rows=*) rows="${1#--rows=}"; shift ;;
    --skip) skip+="${2:?--skip needs mlcd, python or floor} "; shift 2 ;;
    --skip=*) skip+="${1#--skip=} "; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "validate-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$rows" in ''|*[!0-9]*) echo "validate-bench: --rows must be a positive integer" >&2; exit 2 ;; esac
[ "$rows" -gt 0 ] || { echo "validate-bench: --rows must be a positive integer" >&2; exit 2; }
for part in $skip; do
  case "$part" in mlcd|python|floor) ;; *) echo "validate-bench: cannot skip '$part'" >&2; exit 2 ;; esac
done
skipped() { [[ "$skip" == *" $1 "* ]]; }

out="$root/bench/out"
mkdir -p "$out"
data="$out/predictions-$rows.csv"
jar="$root/cli/target/mlcd.jar"
fastcsv="$HOME/.m2/repository/de/siegmar/fastcsv/4.0.0/fastcsv-4.0.0.jar"
py="$root/.venv/bin/python"

# ---------------------------------------------------------------- prerequisites
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (/usr/bin/time)" >&2
  apt-get update -qq >&2 && apt-get install -y -qq time >&2
fi
"$root/bin/setup-python"
if ! skipped floor && [ ! -f "$fastcsv" ]; then
  mvn -q -B dependency:get -Dartifact=de.siegmar:fastcsv:4.0.0 >&2
fi
if ! skipped mlcd && [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  mvn -q -B -DskipTests package >&2
fi

# ---------------------------------------------------------------- data
lines=$(( rows + 1 ))
if [ -f "$data" ] && [ "$(wc -l < "$data")" -eq "$lines" ]; then
  echo "reusing $data ($rows rows)"
else
  "$py" "$root/bench/make_bench_data.py" "$data" --rows "$rows"
fi
cat "$data" > /dev/null  # warm the page cache

# ---------------------------------------------------------------- runs
# run NAME REPEATS CMD...: runs CMD REPEATS times under /usr/bin/time -v and keeps the median
# wall time and the largest peak RSS (this machine's timings vary by +-20% run to run);
# stdout/stderr/time of the last run go to bench/out/NAME.*
declare -A wall rss status
run() {
  local name=$1 repeats=$2; shift 2
  local tv="$out/$name.time" rc=0 walls=() rsses=()
  echo "running $name ($repeats x): $*"
  for _ in $(seq "$repeats"); do
    rc=0
    /usr/bin/time -v -o "$tv" "$@" > "$out/$name.stdout" 2> "$out/$name.stderr" || rc=$?
    [ "$rc" -eq 0 ] || break
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34"
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$tv")")
    # "Maximum resident set size (kbytes): 123456"
    rsses+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$tv")")
  done
  status[$name]=$rc
  if [ "$rc" -ne 0 ]; then
    echo "  $name failed (exit $rc); last lines of $out/$name.stderr:" >&2
    tail -n 5 "$out/$name.stderr" | sed 's/^/    /' >&2
    wall[$name]=""; rss[$name]=""
    return
  fi
  wall[$name]=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  rss[$name]=$(printf '%s\n' "${rsses[@]}" | sort -n | tail -n 1)
  echo "  wall ${walls[*]} s (median ${wall[$name]}), peak RSS ${rss[$name]} MiB, exit $rc"
}

if ! skipped floor; then
  # compiled ahead, so the floor's wall time holds no javac work (the source file also
  # runs as a single-file program: java -cp FASTCSV_JAR bench/ParseFloor.java FILE)
  rm -rf "$out/classes"
  javac -d "$out/classes" -cp "$fastcsv" "$root/bench/ParseFloor.java"
  run floor 3 java -cp "$fastcsv:$out/classes" ParseFloor "$data"
  sed 's/^/  /' "$out/floor.stdout"
fi
if ! skipped mlcd; then
  rm -rf "$out/report"
  run mlcd 3 "$root/bin/mlcd" validate --predictions "$data" --label label --score score \
    --group group --gate 'roc_auc >= 0.5' --report-dir "$out/report"
fi
if ! skipped python; then
  run python 1 "$py" "$root/bench/validate_python.py" "$data"
fi

# ---------------------------------------------------------------- table and JSON
export BENCH_ROWS=$rows BENCH_FILE=$data BENCH_JSON="$out/validate-bench.json"
for name in floor mlcd python; do
  if skipped "$name"; then continue; fi
  export "BENCH_${name^^}_WALL=${wall[$name]}" "BENCH_${name^^}_RSS=${rss[$name]}" \
    "BENCH_${name^^}_EXIT=${status[$name]}"
done
"$py" - <<'EOF'
import json, os

names = {"mlcd": "mlcd validate", "python": "pandas + sklearn + fairlearn",
         "floor": "parse floor (FastCSV)"}
runs = {}
for key in ("mlcd", "python", "floor"):
    rc = os.environ.get(f"BENCH_{key.upper()}_EXIT")
    if rc is None:
        continue  # skipped
    ok = rc == "0"
    wall = os.environ.get(f"BENCH_{key.upper()}_WALL", "")
    rss = os.environ.get(f"BENCH_{key.upper()}_RSS", "")
    # a failed run's time is not a result: only successful runs enter the ratios
    runs[key] = {"wall_s": float(wall) if ok and wall else None,
                 "peak_rss_mib": float(rss) if ok and rss else None,
                 "exit_status": int(rc)}

def ratio(a, b):
    x, y = runs.get(a, {}).get("wall_s"), runs.get(b, {}).get("wall_s")
    return round(x / y, 2) if x and y else None

ratios = {"python_over_mlcd": ratio("python", "mlcd"), "mlcd_over_floor": ratio("mlcd", "floor")}
mlcd_rss = runs.get("mlcd", {}).get("peak_rss_mib")
targets = {
    "python_over_mlcd >= 5": None if ratios["python_over_mlcd"] is None else ratios["python_over_mlcd"] >= 5,
    "mlcd_over_floor <= 1.5": None if ratios["mlcd_over_floor"] is None else ratios["mlcd_over_floor"] <= 1.5,
    "mlcd_peak_rss_mib <= 1024": None if mlcd_rss is None else mlcd_rss <= 1024,
}
report = {"rows": int(os.environ["BENCH_ROWS"]), "file": os.environ["BENCH_FILE"],
          "runs": runs, "ratios": ratios, "targets": targets}
with open(os.environ["BENCH_JSON"], "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")

fmt = lambda v, spec: "n/a" if v is None else format(v, spec)
print()
print(f"validate benchmark, {report['rows']:,} rows ({report['file']})")
print(f"{'run':<32}{'wall s':>10}{'peak RSS MiB':>15}{'exit':>6}")
for key, r in runs.items():
    print(f"{names[key]:<32}{fmt(r['wall_s'], '.2f'):>10}{fmt(r['peak_rss_mib'], '.1f'):>15}{r['exit_status']:>6}")
verdict = lambda ok: "n/a" if ok is None else ("met" if ok else "MISSED")
print()
print(f"python / mlcd   {fmt(ratios['python_over_mlcd'], '.2f'):>8}   target >= 5      {verdict(targets['python_over_mlcd >= 5'])}")
print(f"mlcd / floor    {fmt(ratios['mlcd_over_floor'], '.2f'):>8}   target <= 1.5    {verdict(targets['mlcd_over_floor <= 1.5'])}")
print(f"mlcd RSS MiB    {fmt(mlcd_rss, '.1f'):>8}   target <= 1024   {verdict(targets['mlcd_peak_rss_mib <= 1024'])}")
print(f"\nwritten {os.environ['BENCH_JSON']}")
EOF

if ! skipped mlcd && ! skipped floor; then
  # The same work in one warmed-up JVM, as in a long-running Jenkins agent: separates the
  # engine's cost from JVM start-up and JIT compilation, which dominate a cold 2-core run.
  echo
  java -XX:+UseParallelGC -cp "$jar:$out/classes" "$root/bench/WarmRatio.java" "$data" | tee "$out/warm.txt"
fi

for name in "${!status[@]}"; do
  [ "${status[$name]}" -eq 0 ] || exit 1
done
exit 0

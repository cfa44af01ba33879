#!/usr/bin/env bash
# Benchmark: `mlcd validate-data` against Great Expectations (pandas) on one CSV of --rows rows
# (default 1,000,000) x 20 columns (bench/make_validate_data.py: the drift benchmark's columns
# with a unique key `id`), checked against the same suite: bench/validate-data-schema.yaml,
# which bench/validate_data_gx.py turns into the equivalent expectations (completeness,
# in_set, between, match_regex, unique, mean between, table row count between: 44 in all).
#
# Usage: bench/validate-data-bench.sh [--rows N] [--big] [--skip mlcd|gx]...
#
#   (a) mlcd validate-data DATA --schema SCHEMA --report-dir bench/out/validate-data-report
#                                                                    (3 runs, median wall time)
#   (b) with --big: the same on 10,000,000 rows with MLCD_JAVA_OPTS=-Xmx512m     (1 run)
#   (c) bench/validate_data_gx.py DATA SCHEMA: pandas + Great Expectations 1.24.1 (1 run)
# Each run is timed with /usr/bin/time -v (wall time, peak RSS). Great Expectations runs in its
# own venv, bench/out/venv-gx, installed from bench/requirements-validate-data.txt. Data files
# are generated once into bench/out/ and reused while their row count matches; the schema's
# row bounds are set to the row count +-10%. Prints a table and the ratios, compares both
# tools' verdicts, and writes bench/out/validate-data-bench.json. Targets:
#   gx / mlcd wall time >= 20, gx / mlcd peak RSS >= 5.
# When this mlcd has no validate-data command yet, the mlcd runs are reported as skipped.
# Exit status: 0 when every run that was not skipped ran (mlcd's exit 0/1/3 are verdicts),
# 1 otherwise (missed targets are reported, not turned into a failure), 2 on a usage error.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

rows=1000000
big_rows=10000000
big=0
skip=" "
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="${2:?--rows needs a value}"; shift 2 ;;
    --rows=*) rows="${1#--rows=}"; shift ;;
    --big) big=1; shift ;;
    --skip) skip+="${2:?--skip needs mlcd or gx} "; shift 2 ;;
    --skip=*) skip+="${1#--skip=} "; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "validate-data-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$rows" in ''|*[!0-9]*) echo "validate-data-bench: --rows must be a positive integer" >&2; exit 2 ;; esac
[ "$rows" -gt 0 ] || { echo "validate-data-bench: --rows must be a positive integer" >&2; exit 2; }
for part in $skip; do
  case "$part" in mlcd|gx) ;; *) echo "validate-data-bench: cannot skip '$part'" >&2; exit 2 ;; esac
done
skipped() { [[ "$skip" == *" $1 "* ]]; }

out="$root/bench/out"
mkdir -p "$out"
py="$root/.venv/bin/python"
gxenv="$out/venv-gx"
gxreq="$root/bench/requirements-validate-data.txt"
jar="$root/cli/target/mlcd.jar"

# ---------------------------------------------------------------- prerequisites
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (/usr/bin/time)" >&2
  apt-get update -qq >&2 && apt-get install -y -qq time >&2
fi
"$root/bin/setup-python"
if ! skipped gx; then
  want=$(sha256sum "$gxreq" | cut -d' ' -f1)
  if [ ! -x "$gxenv/bin/python" ] || [ "$(cat "$gxenv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
    echo "setting up $gxenv (bench/requirements-validate-data.txt; takes a few minutes)" >&2
    rm -rf "$gxenv"
    python3 -m venv "$gxenv"
    "$gxenv/bin/pip" install --quiet --disable-pip-version-check -r "$gxreq" >&2
    echo "$want" > "$gxenv/.requirements.sha256"
  fi
fi
if ! skipped mlcd; then
  if [ ! -f "$jar" ]; then
    echo "building $jar" >&2
    mvn -q -B -DskipTests package >&2
  fi
  if ! "$root/bin/mlcd" validate-data --help > /dev/null 2>&1; then
    echo "this mlcd has no validate-data command yet: skipping the mlcd runs" >&2
    skip+="mlcd "
  fi
fi

# ---------------------------------------------------------------- data and schema
# data N: makes sure bench/out/validate-data-N.csv and its schema exist
data() {
  local n=$1 file="$out/validate-data-$1.csv"
  if [ -f "$file" ] && [ "$(wc -l < "$file")" -eq $(( n + 1 )) ]; then
    echo "reusing $file ($n rows)"
  else
    "$py" "$root/bench/make_validate_data.py" "$file" --rows "$n"
  fi
  sed -e "s/ROWS_MIN/$(( n - n / 10 ))/" -e "s/ROWS_MAX/$(( n + n / 10 ))/" \
    "$root/bench/validate-data-schema.yaml" > "$out/validate-data-schema-$n.yaml"
  cat "$file" > /dev/null  # warm the page cache
}
data "$rows"
file="$out/validate-data-$rows.csv"
schema="$out/validate-data-schema-$rows.yaml"

# ---------------------------------------------------------------- runs
# run NAME REPEATS CMD...: as in bench/drift-bench.sh: median wall time, largest peak RSS;
# stdout/stderr/time of the last run go to bench/out/NAME.*; mlcd's exits 1 (FAILED) and
# 3 (WARNING) are verdicts of a completed run when the run wrote its report.
declare -A wall rss cpu status report
run() {
  local name=$1 repeats=$2; shift 2
  local tv="$out/$name.time" rc walls=() rsses=() cpus=()
  echo "running $name ($repeats x): $*"
  for _ in $(seq "$repeats"); do
    rc=0
    [ -z "${report[$name]:-}" ] || rm -f "${report[$name]}"
    /usr/bin/time -v -o "$tv" "$@" > "$out/$name.stdout" 2> "$out/$name.stderr" || rc=$?
    if [ -n "${report[$name]:-}" ] && [ ! -f "${report[$name]}" ]; then
      [ "$rc" -ne 0 ] || rc=1
      break
    fi
    case "$name:$rc" in *:0|vd_mlcd*:1|vd_mlcd*:3) ;; *) break ;; esac
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$tv")")
    rsses+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$tv")")
    cpus+=("$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$tv")")
  done
  status[$name]=$rc
  if [ "${#walls[@]}" -lt "$repeats" ]; then
    echo "  $name failed (exit $rc); last lines of $out/$name.stderr:" >&2
    tail -n 5 "$out/$name.stderr" | sed 's/^/    /' >&2
    [ "$rc" -ne 0 ] || rc=1
    wall[$name]=""; rss[$name]=""; cpu[$name]=""; status[$name]=$rc
    return 0
  fi
  wall[$name]=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  rss[$name]=$(printf '%s\n' "${rsses[@]}" | sort -n | tail -n 1)
  cpu[$name]=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "  wall ${walls[*]} s (median ${wall[$name]}), CPU ${cpus[*]} s, peak RSS ${rss[$name]} MiB, exit $rc"
}

# the machine may be shared: the load before the runs goes into the results
load=$(cut -d' ' -f1-3 /proc/loadavg)
if ! skipped mlcd; then
  rm -rf "$out/validate-data-report"
  report[vd_mlcd]="$out/validate-data-report/validate-data.json"
  run vd_mlcd 3 "$root/bin/mlcd" validate-data "$file" --schema "$schema" \
    --report-dir "$out/validate-data-report"
  sed 's/^/  /' "$out/vd_mlcd.stdout"
fi
if ! skipped gx; then
  report[vd_gx]="$out/validate-data-gx.json"
  run vd_gx 1 "$gxenv/bin/python" "$root/bench/validate_data_gx.py" "$file" "$schema" \
    --out "$out/validate-data-gx.json"
fi
if [ "$big" -eq 1 ] && ! skipped mlcd; then
  data "$big_rows"
  rm -rf "$out/validate-data-report-big"
  report[vd_mlcd_big]="$out/validate-data-report-big/validate-data.json"
  MLCD_JAVA_OPTS="-Xmx512m" run vd_mlcd_big 1 "$root/bin/mlcd" validate-data \
    "$out/validate-data-$big_rows.csv" --schema "$out/validate-data-schema-$big_rows.yaml" \
    --report-dir "$out/validate-data-report-big"
  sed 's/^/  /' "$out/vd_mlcd_big.stdout"
fi

# ---------------------------------------------------------------- table and JSON
export BENCH_ROWS=$rows BENCH_BIG_ROWS=$big_rows BENCH_OUT=$out BENCH_FILE=$file BENCH_SCHEMA=$schema BENCH_LOAD="$load"
for name in vd_mlcd vd_gx vd_mlcd_big; do
  [ -n "${status[$name]+set}" ] || continue
  export "BENCH_${name^^}_WALL=${wall[$name]}" "BENCH_${name^^}_RSS=${rss[$name]}" "BENCH_${name^^}_CPU=${cpu[$name]}" \
    "BENCH_${name^^}_EXIT=${status[$name]}"
done
"$py" - <<'EOF'
import json
import os

out = os.environ["BENCH_OUT"]
labels = {"vd_mlcd": "mlcd validate-data", "vd_gx": "pandas + Great Expectations",
          "vd_mlcd_big": "mlcd validate-data, 10M rows, -Xmx512m"}
runs = {}
for key in labels:
    rc = os.environ.get(f"BENCH_{key.upper()}_EXIT")
    if rc is None:
        continue  # skipped
    wall = os.environ.get(f"BENCH_{key.upper()}_WALL", "")
    rss = os.environ.get(f"BENCH_{key.upper()}_RSS", "")
    cpu = os.environ.get(f"BENCH_{key.upper()}_CPU", "")
    ok = bool(wall)
    runs[key] = {"rows": int(os.environ["BENCH_BIG_ROWS" if key == "vd_mlcd_big" else "BENCH_ROWS"]),
                 "wall_s": float(wall) if ok else None,
                 "peak_rss_mib": float(rss) if ok else None,
                 "cpu_s": float(cpu) if ok and cpu else None,
                 "exit_status": int(rc)}


def load(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def ratio(field):
    a = runs.get("vd_gx", {}).get(field)
    b = runs.get("vd_mlcd", {}).get(field)
    return round(a / b, 2) if a and b else None


ratios = {"gx_over_mlcd_wall": ratio("wall_s"), "gx_over_mlcd_rss": ratio("peak_rss_mib"),
          "gx_over_mlcd_cpu": ratio("cpu_s")}  # CPU time: informative on a busy machine
targets = {
    "gx_over_mlcd_wall >= 20": None if ratios["gx_over_mlcd_wall"] is None
    else ratios["gx_over_mlcd_wall"] >= 20,
    "gx_over_mlcd_rss >= 5": None if ratios["gx_over_mlcd_rss"] is None
    else ratios["gx_over_mlcd_rss"] >= 5,
}
results = {}
for key, path in (("vd_mlcd", "validate-data-report/validate-data.json"),
                  ("vd_mlcd_big", "validate-data-report-big/validate-data.json")):
    doc = load(os.path.join(out, path)) if key in runs else None
    if doc:
        results[key] = {"verdict": doc.get("verdict"),
                        "anomalies": [(a.get("type"), a.get("column")) for a in doc.get("anomalies") or []],
                        "constraints": len(doc.get("constraints") or [])}
gx_doc = load(os.path.join(out, "validate-data-gx.json")) if "vd_gx" in runs else None
if gx_doc:
    results["vd_gx"] = {"version": gx_doc.get("great_expectations_version"), "success": gx_doc.get("success"),
                        "expectations": gx_doc.get("expectations"), "failed": gx_doc.get("failed"),
                        "seconds": gx_doc.get("seconds")}

report = {"rows": int(os.environ["BENCH_ROWS"]), "load_average": os.environ.get("BENCH_LOAD"),
          "data": os.environ["BENCH_FILE"],
          "schema": os.environ["BENCH_SCHEMA"], "columns": 20, "runs": runs, "ratios": ratios,
          "targets": targets, "results": results}
with open(os.path.join(out, "validate-data-bench.json"), "w", encoding="utf-8") as handle:
    json.dump(report, handle, indent=2)
    handle.write("\n")

fmt = lambda v, spec: "n/a" if v is None else format(v, spec)
print()
print(f"data validation benchmark, {report['rows']:,} rows x 20 columns")
print(f"{'run':<42}{'rows':>12}{'wall s':>10}{'CPU s':>9}{'peak RSS MiB':>15}{'exit':>6}")
for key, r in runs.items():
    print(f"{labels[key]:<42}{r['rows']:>12,}{fmt(r['wall_s'], '.2f'):>10}"
          f"{fmt(r['cpu_s'], '.2f'):>9}{fmt(r['peak_rss_mib'], '.1f'):>15}{r['exit_status']:>6}")
verdict = lambda ok: "n/a" if ok is None else ("met" if ok else "MISSED")
print()
print(f"gx / mlcd wall  {fmt(ratios['gx_over_mlcd_wall'], '.2f'):>8}   target >= 20   "
      f"{verdict(targets['gx_over_mlcd_wall >= 20'])}")
print(f"gx / mlcd RSS   {fmt(ratios['gx_over_mlcd_rss'], '.2f'):>8}   target >= 5    "
      f"{verdict(targets['gx_over_mlcd_rss >= 5'])}")
print(f"gx / mlcd CPU   {fmt(ratios['gx_over_mlcd_cpu'], '.2f'):>8}   (user + system time)")
print(f"load average before the runs: {os.environ.get('BENCH_LOAD', 'n/a')}")
if "vd_mlcd" in results:
    print(f"\nmlcd: {results['vd_mlcd']['verdict']}, {results['vd_mlcd']['constraints']} constraints, "
          f"anomalies: {results['vd_mlcd']['anomalies'] or 'none'}")
if "vd_gx" in results:
    print(f"Great Expectations: success={results['vd_gx']['success']}, "
          f"{results['vd_gx']['expectations']} expectations, failed: {results['vd_gx']['failed'] or 'none'}")
print(f"\nwritten {os.path.join(out, 'validate-data-bench.json')}")
EOF

for name in "${!status[@]}"; do
  [ -n "${wall[$name]}" ] || exit 1
done
exit 0

#!/usr/bin/env bash
# Benchmark: `mlcd drift` against Evidently's DataDriftPreset on a reference and a current CSV
# of --rows rows (default 1,000,000) x 20 columns (12 numeric, 8 categorical with 3-50
# categories, drift in 5 columns; bench/make_drift_data.py).
#
# Usage: bench/drift-bench.sh [--rows N] [--big] [--skip mlcd|evidently]...
#
#   (a) mlcd drift --reference REF --current CUR --report-dir bench/out/drift-report
#       --gate 'drift_share <= 0.5'                                 (3 runs, median wall time)
#   (b) with --big: the same on 10,000,000 rows with MLCD_JAVA_OPTS=-Xmx512m    (1 run)
#   (c) bench/drift_evidently.py REF CUR: pandas + Evidently DataDriftPreset     (1 run)
# Each run is timed with /usr/bin/time -v (wall time, peak RSS). Evidently runs in its own
# venv, bench/out/venv-evidently, installed from bench/requirements-drift.txt (evidently 0.7.x
# does not import with the pandas 3 that .venv pins). Data files are generated once into
# bench/out/ and reused while their row count matches. Prints a table, compares the two
# tools' per-column tests and verdicts, and writes bench/out/drift-bench.json. Targets:
#   evidently / mlcd wall time >= 20, evidently / mlcd peak RSS >= 10.
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
    --skip) skip+="${2:?--skip needs mlcd or evidently} "; shift 2 ;;
    --skip=*) skip+="${1#--skip=} "; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "drift-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$rows" in ''|*[!0-9]*) echo "drift-bench: --rows must be a positive integer" >&2; exit 2 ;; esac
[ "$rows" -gt 0 ] || { echo "drift-bench: --rows must be a positive integer" >&2; exit 2; }
for part in $skip; do
  case "$part" in mlcd|evidently) ;; *) echo "drift-bench: cannot skip '$part'" >&2; exit 2 ;; esac
done
skipped() { [[ "$skip" == *" $1 "* ]]; }

out="$root/bench/out"
mkdir -p "$out"
py="$root/.venv/bin/python"
evenv="$out/venv-evidently"
evreq="$root/bench/requirements-drift.txt"
jar="$root/cli/target/mlcd.jar"

# ---------------------------------------------------------------- prerequisites
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (/usr/bin/time)" >&2
  apt-get update -qq >&2 && apt-get install -y -qq time >&2
fi
"$root/bin/setup-python"
if ! skipped evidently; then
  want=$(sha256sum "$evreq" | cut -d' ' -f1)
  if [ ! -x "$evenv/bin/python" ] || [ "$(cat "$evenv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
    echo "setting up $evenv (bench/requirements-drift.txt; takes a few minutes)" >&2
    rm -rf "$evenv"
    python3 -m venv "$evenv"
    "$evenv/bin/pip" install --quiet --disable-pip-version-check -r "$evreq" >&2
    echo "$want" > "$evenv/.requirements.sha256"
  fi
fi
if ! skipped mlcd && [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  mvn -q -B -DskipTests package >&2
fi

# ---------------------------------------------------------------- data
# data N: makes sure bench/out/drift-{ref,cur}-N.csv exist with N rows each
data() {
  local n=$1 ref="$out/drift-ref-$1.csv" cur="$out/drift-cur-$1.csv"
  if [ -f "$ref" ] && [ -f "$cur" ] && [ "$(wc -l < "$ref")" -eq $(( n + 1 )) ] \
      && [ "$(wc -l < "$cur")" -eq $(( n + 1 )) ]; then
    echo "reusing $ref and $cur ($n rows)"
  else
    "$py" "$root/bench/make_drift_data.py" "$ref" "$cur" --rows "$n"
  fi
  cat "$ref" "$cur" > /dev/null  # warm the page cache
}
data "$rows"
ref="$out/drift-ref-$rows.csv"
cur="$out/drift-cur-$rows.csv"

# ---------------------------------------------------------------- runs
# run NAME REPEATS CMD...: runs CMD under /usr/bin/time -v REPEATS times; keeps the median wall
# time and the largest peak RSS; stdout/stderr/time of the last run go to bench/out/NAME.*.
# mlcd's exit codes 1 (FAILED) and 3 (WARNING) are verdicts of a completed run, not failures,
# provided the run wrote its report (a JVM that does not start also exits with 1).
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
    case "$name:$rc" in *:0|mlcd*:1|mlcd*:3) ;; *) break ;; esac
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
  rm -rf "$out/drift-report"
  report[mlcd]="$out/drift-report/drift.json"
  run mlcd 3 "$root/bin/mlcd" drift --reference "$ref" --current "$cur" \
    --report-dir "$out/drift-report" --gate 'drift_share <= 0.5'
  sed 's/^/  /' "$out/mlcd.stdout"
fi
if ! skipped evidently; then
  report[evidently]="$out/drift-evidently.json"
  run evidently 1 "$evenv/bin/python" "$root/bench/drift_evidently.py" "$ref" "$cur" \
    --out "$out/drift-evidently.json"
fi
if [ "$big" -eq 1 ] && ! skipped mlcd; then
  data "$big_rows"
  rm -rf "$out/drift-report-big"
  report[mlcd_big]="$out/drift-report-big/drift.json"
  MLCD_JAVA_OPTS="-Xmx512m" run mlcd_big 1 "$root/bin/mlcd" drift \
    --reference "$out/drift-ref-$big_rows.csv" --current "$out/drift-cur-$big_rows.csv" \
    --report-dir "$out/drift-report-big" --gate 'drift_share <= 0.5'
  sed 's/^/  /' "$out/mlcd_big.stdout"
fi

# ---------------------------------------------------------------- table and JSON
export BENCH_ROWS=$rows BENCH_BIG_ROWS=$big_rows BENCH_OUT=$out BENCH_REF=$ref BENCH_CUR=$cur BENCH_LOAD="$load"
for name in mlcd evidently mlcd_big; do
  [ -n "${status[$name]+set}" ] || continue
  export "BENCH_${name^^}_WALL=${wall[$name]}" "BENCH_${name^^}_RSS=${rss[$name]}" "BENCH_${name^^}_CPU=${cpu[$name]}" \
    "BENCH_${name^^}_EXIT=${status[$name]}"
done
"$py" - <<'EOF'
import json
import os

out = os.environ["BENCH_OUT"]
labels = {"mlcd": "mlcd drift", "evidently": "pandas + Evidently DataDriftPreset",
          "mlcd_big": "mlcd drift, 10M rows, -Xmx512m"}
runs = {}
for key in labels:
    rc = os.environ.get(f"BENCH_{key.upper()}_EXIT")
    if rc is None:
        continue  # skipped
    wall = os.environ.get(f"BENCH_{key.upper()}_WALL", "")
    rss = os.environ.get(f"BENCH_{key.upper()}_RSS", "")
    cpu = os.environ.get(f"BENCH_{key.upper()}_CPU", "")
    ok = bool(wall)  # a failed run has no time: only completed runs enter the ratios
    runs[key] = {"rows": int(os.environ["BENCH_BIG_ROWS" if key == "mlcd_big" else "BENCH_ROWS"]),
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
    a = runs.get("evidently", {}).get(field)
    b = runs.get("mlcd", {}).get(field)
    return round(a / b, 2) if a and b else None


ratios = {"evidently_over_mlcd_wall": ratio("wall_s"),
          "evidently_over_mlcd_rss": ratio("peak_rss_mib"),
          "evidently_over_mlcd_cpu": ratio("cpu_s")}  # CPU time: informative on a busy machine
targets = {
    "evidently_over_mlcd_wall >= 20": None if ratios["evidently_over_mlcd_wall"] is None
    else ratios["evidently_over_mlcd_wall"] >= 20,
    "evidently_over_mlcd_rss >= 10": None if ratios["evidently_over_mlcd_rss"] is None
    else ratios["evidently_over_mlcd_rss"] >= 10,
}

# what each tool concluded
results = {}
mlcd_json = load(os.path.join(out, "drift-report", "drift.json")) if "mlcd" in runs else None
if mlcd_json:
    columns = mlcd_json.get("columns") or []
    results["mlcd"] = {
        "verdict": mlcd_json.get("verdict"), "drift_share": mlcd_json.get("drift_share"),
        "columns": {c.get("name"): {"test": c.get("test"), "statistic": c.get("statistic"),
                                    "drifted": c.get("drifted")} for c in columns}}
big_json = load(os.path.join(out, "drift-report-big", "drift.json")) if "mlcd_big" in runs else None
if big_json:
    results["mlcd_big"] = {"verdict": big_json.get("verdict"),
                           "drift_share": big_json.get("drift_share"),
                           "drifted": sorted(c.get("name") for c in big_json.get("columns") or []
                                             if c.get("drifted"))}
ev_json = load(os.path.join(out, "drift-evidently.json")) if "evidently" in runs else None
if ev_json:
    results["evidently"] = {
        "version": ev_json.get("evidently_version"), "drift_share": ev_json.get("drift_share"),
        "seconds": ev_json.get("seconds"),
        "columns": {n: {"test": c["test"], "statistic": c["statistic"], "drifted": c["drifted"]}
                    for n, c in ev_json["columns"].items()}}
differences = []
if "mlcd" in results and "evidently" in results:
    m, e = results["mlcd"]["columns"], results["evidently"]["columns"]
    for name in sorted(set(m) | set(e)):
        a, b = m.get(name), e.get(name)
        if a is None or b is None:
            differences.append(f"{name}: only in {'evidently' if a is None else 'mlcd'}")
            continue
        if a["test"] != b["test"]:
            differences.append(f"{name}: test {a['test']} (mlcd) vs {b['test']} (evidently)")
        if bool(a["drifted"]) != bool(b["drifted"]):
            differences.append(f"{name}: drifted {a['drifted']} (mlcd) vs {b['drifted']} (evidently)")
        elif a["test"] == b["test"] and a["statistic"] is not None and b["statistic"] is not None:
            # 10% of the value, or of the default threshold when the value is smaller
            # (mlcd's sketch-based wasserstein is off by ~0.005-0.01 near zero)
            floor = 0.05 if a["test"] in ("ks", "chisquare", "z") else 0.1
            if abs(a["statistic"] - b["statistic"]) > 0.1 * max(abs(b["statistic"]), floor):
                differences.append(f"{name}: {a['test']} {a['statistic']:.6g} (mlcd) vs "
                                   f"{b['statistic']:.6g} (evidently)")

report = {"rows": int(os.environ["BENCH_ROWS"]), "load_average": os.environ.get("BENCH_LOAD"),
          "reference": os.environ["BENCH_REF"],
          "current": os.environ["BENCH_CUR"], "columns": 20,
          "runs": runs, "ratios": ratios, "targets": targets, "results": results,
          "differences": differences}
with open(os.path.join(out, "drift-bench.json"), "w", encoding="utf-8") as handle:
    json.dump(report, handle, indent=2)
    handle.write("\n")

fmt = lambda v, spec: "n/a" if v is None else format(v, spec)
print()
print(f"drift benchmark, {report['rows']:,} rows x 20 columns per file")
print(f"{'run':<40}{'rows':>12}{'wall s':>10}{'CPU s':>9}{'peak RSS MiB':>15}{'exit':>6}{'drift_share':>13}")
for key, r in runs.items():
    share = results.get(key, {}).get("drift_share")
    print(f"{labels[key]:<40}{r['rows']:>12,}{fmt(r['wall_s'], '.2f'):>10}"
          f"{fmt(r['cpu_s'], '.2f'):>9}{fmt(r['peak_rss_mib'], '.1f'):>15}{r['exit_status']:>6}{fmt(share, '.3f'):>13}")
verdict = lambda ok: "n/a" if ok is None else ("met" if ok else "MISSED")
print()
print(f"evidently / mlcd wall  {fmt(ratios['evidently_over_mlcd_wall'], '.2f'):>8}   target >= 20   "
      f"{verdict(targets['evidently_over_mlcd_wall >= 20'])}")
print(f"evidently / mlcd RSS   {fmt(ratios['evidently_over_mlcd_rss'], '.2f'):>8}   target >= 10   "
      f"{verdict(targets['evidently_over_mlcd_rss >= 10'])}")
print(f"evidently / mlcd CPU   {fmt(ratios['evidently_over_mlcd_cpu'], '.2f'):>8}   (user + system time)")
print(f"load average before the runs: {os.environ.get('BENCH_LOAD', 'n/a')}")
if "mlcd" in results and "evidently" in results:
    print()
    if differences:
        print("mlcd and Evidently differ on:")
        for line in differences:
            print(f"  {line}")
    else:
        print("mlcd and Evidently agree on every column's test and verdict "
              "(statistics within 10% of max(value, default threshold))")
print(f"\nwritten {os.path.join(out, 'drift-bench.json')}")
EOF

for name in "${!status[@]}"; do
  [ -n "${wall[$name]}" ] || exit 1
done
exit 0

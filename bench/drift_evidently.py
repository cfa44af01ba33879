#!/usr/bin/env python3
"""Evidently's data drift preset on two CSV files, for the drift benchmark.

Usage: drift_evidently.py REFERENCE.csv CURRENT.csv [--out RESULT.json]

Reads both files with pandas (default parsing: empty cell = missing), runs
Report([DataDriftPreset()]) with Evidently's defaults (auto-selected test per column,
default thresholds, drift_share 0.5) and prints one JSON object:

  {"evidently_version", "pandas_version", "reference_rows", "current_rows",
   "drift_share", "drifted_columns", "tested_columns", "dataset_drift",
   "columns": {name: {"type", "test", "test_display_name", "statistic", "threshold",
                      "drifted"}},
   "seconds": {"read", "report"}}

"test" is the key of the registered stattest ("ks", "wasserstein", "jensenshannon", ...).
The preset reports the score of each column (ValueDrift) and the number of drifted columns
(DriftedColumnsCount); the per-column drift flag is the stattest's own rule (ks:
p <= threshold; other p-value tests: p < threshold; distances: value >= threshold), and the
script checks that the flags add up to Evidently's count.

Needs evidently >= 0.7 (the `evidently.Report` / `evidently.presets` API). Evidently 0.7.x
imports pandas internals that pandas 3 removed, so this runs in its own venv with pandas 2.x
(bench/drift-bench.sh sets it up from bench/requirements-drift.txt).
"""

import argparse
import json
import math
import re
import sys
import time

import pandas as pd


P_VALUE_TESTS = {"ks", "chisquare", "z", "anderson", "cramer_von_mises", "t_test",
                 "empirical_mmd", "fisher_exact", "g_test", "mannw", "es", "TVD"}
INCLUSIVE_P_VALUE_TESTS = {"ks", "cramer_von_mises"}  # drift when p <= threshold


def stattest_names():
    """Maps display names ("Wasserstein distance (normed)") to stattest keys."""
    from evidently.legacy.calculations.stattests import registry
    names = {}
    for by_type in registry._registered_stat_tests.values():  # noqa: SLF001 (no public map)
        for test in by_type.values():
            names[test.display_name] = test.name
    return names


def is_drifted(test, value, threshold):
    if test in INCLUSIVE_P_VALUE_TESTS:
        return value <= threshold
    if test in P_VALUE_TESTS:
        return value < threshold
    return value >= threshold


def run(reference_path, current_path):
    import evidently
    from evidently import Dataset, Report
    from evidently.presets import DataDriftPreset

    started = time.perf_counter()
    reference = pd.read_csv(reference_path)
    current = pd.read_csv(current_path)
    read_s = time.perf_counter() - started

    started = time.perf_counter()
    current_ds = Dataset.from_pandas(current)
    definition = current_ds.data_definition
    reference_ds = Dataset.from_pandas(reference, data_definition=definition)
    snapshot = Report([DataDriftPreset()]).run(current_ds, reference_ds)
    result = snapshot.dict()
    report_s = time.perf_counter() - started

    names = stattest_names()
    columns = {}
    count = share = None
    for metric in result["metrics"]:
        config = metric["config"]
        kind = config.get("type", "")
        if kind.endswith(":DriftedColumnsCount"):
            count, share = metric["value"]["count"], metric["value"]["share"]
        elif kind.endswith(":ValueDrift"):
            column = config["column"]
            display = config.get("method")
            if display is None:  # older 0.7.x kept the method only in the metric name
                found = re.search(r"method=([^,]+),", metric["metric_name"])
                display = found.group(1) if found else None
            test = names.get(display, display)
            value = float(metric["value"])
            threshold = float(config["threshold"])
            columns[column] = {
                "type": definition.get_column_type(column).value,
                "test": test,
                "test_display_name": display,
                "statistic": value if math.isfinite(value) else None,
                "threshold": threshold,
                "drifted": bool(is_drifted(test, value, threshold)),
            }
    drifted = [c for c, e in columns.items() if e["drifted"]]
    if count is not None and int(count) != len(drifted):
        print(f"drift_evidently: per-column flags give {len(drifted)} drifted columns, "
              f"DriftedColumnsCount says {count}", file=sys.stderr)
    return {
        "evidently_version": evidently.__version__,
        "pandas_version": pd.__version__,
        "reference_rows": len(reference),
        "current_rows": len(current),
        "drift_share": share,
        "drifted_columns": drifted,
        "tested_columns": len(columns),
        "dataset_drift": None if share is None else share >= 0.5,
        "columns": columns,
        "seconds": {"read": round(read_s, 3), "report": round(report_s, 3)},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference")
    parser.add_argument("current")
    parser.add_argument("--out", help="also write the JSON to this file")
    args = parser.parse_args(argv)
    payload = run(args.reference, args.current)
    text = json.dumps(payload, indent=2, allow_nan=False)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

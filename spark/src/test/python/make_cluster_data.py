#!/usr/bin/env python3
"""Writes the inputs of the standalone-cluster test (SparkClusterIT), each twice: as Parquet for
spark-submit (a folder of three files, so the cluster reads several partitions) and as one CSV
file for the CLI, the same rows in the same order.

Usage: make_cluster_data.py OUTDIR

reference, current (24,000 rows each): age (int), income (2 decimals, 2% missing),
  tenure (int, 0-30: few distinct values), region (5 values, 1% missing), plan (3 values),
  active (boolean, 1% missing), signup (date, 60 days).
  current drifts in income (scale x1.4) and plan (shares), and breaks the schema of
  schema.yaml: 40 ages of 150 (out of range), 30 regions 'atlantis' (out of domain).
predictions (20,000 rows): id, label (0/1), score (4 decimals), group (a/b/c), and
  baseline (the same rows, shuffled, with a weaker model's score) for the paired tests.

Numbers are rounded before they are written, so the CSV text and the Parquet double are the
same number; CSV cells of missing values are empty.
"""

import datetime
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROWS = 24_000
PREDICTION_ROWS = 20_000
FILES = 3
REGIONS = ["north", "east", "south", "west", "central"]
PLANS = ["basic", "plus", "pro"]
START = datetime.date(2026, 9, 1)


def strings(rng, values, n, p=None, missing=0.0):
    picked = np.array(values, dtype=object)[rng.choice(len(values), n, p=p)]
    return pa.array(picked, type=pa.string(), mask=rng.random(n) < missing)


def features(rng, n, drifted):
    income = np.round(rng.lognormal(10.3, 0.5, n) * (1.4 if drifted else 1.0), 2)
    age = rng.integers(18, 91, n)
    region = np.array(REGIONS, dtype=object)[rng.integers(0, len(REGIONS), n)]
    if drifted:
        age[rng.choice(n, 40, replace=False)] = 150
        region[rng.choice(n, 30, replace=False)] = "atlantis"
    days = rng.integers(0, 60, n)
    return pa.table({
        "age": pa.array(age),
        "income": pa.array(income, mask=rng.random(n) < 0.02),
        "tenure": pa.array(rng.integers(0, 31, n)),
        "region": pa.array(region, type=pa.string(), mask=rng.random(n) < 0.01),
        "plan": strings(rng, PLANS, n, p=[0.25, 0.35, 0.40] if drifted else [0.5, 0.3, 0.2]),
        "active": pa.array(rng.random(n) < 0.6, mask=rng.random(n) < 0.01),
        "signup": pa.array([START + datetime.timedelta(days=int(d)) for d in days], type=pa.date32()),
    })


def predictions(rng, n):
    label = (rng.random(n) < 0.35).astype(np.int64)
    signal = 2 * label - 1
    score = np.round(1 / (1 + np.exp(-(rng.normal(0, 1, n) + 1.1 * signal))), 4)
    weak = np.round(1 / (1 + np.exp(-(rng.normal(0, 1, n) + 0.6 * signal))), 4)
    ids = np.arange(1, n + 1)
    table = pa.table({
        "id": pa.array(ids),
        "label": pa.array(label),
        "score": pa.array(score),
        "group": strings(rng, ["a", "b", "c"], n, p=[0.5, 0.3, 0.2]),
    })
    order = pa.array(rng.permutation(n))
    baseline = table.set_column(table.schema.get_field_index("score"), "score", pa.array(weak)).take(order)
    return table, baseline


def write(outdir, name, table):
    folder = os.path.join(outdir, name + ".parquet")
    os.makedirs(folder, exist_ok=True)
    step = -(-table.num_rows // FILES)
    for i in range(FILES):
        pq.write_table(table.slice(i * step, step), os.path.join(folder, f"part-{i:05d}.parquet"))
    pacsv.write_csv(table, os.path.join(outdir, name + ".csv"),
                    write_options=pacsv.WriteOptions(quoting_style="none"))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    rng = np.random.default_rng(14)
    write(outdir, "reference", features(rng, ROWS, drifted=False))
    write(outdir, "current", features(rng, ROWS, drifted=True))
    table, baseline = predictions(rng, PREDICTION_ROWS)
    write(outdir, "predictions", table)
    write(outdir, "baseline", baseline)


if __name__ == "__main__":
    main()

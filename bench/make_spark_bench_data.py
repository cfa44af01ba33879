#!/usr/bin/env python3
"""Writes the Spark benchmark's inputs, the same rows twice: Parquet for Spark, CSV for the CLI.

Usage: make_spark_bench_data.py OUTDIR [--rows N] [--prediction-rows N] [--seed S]
                                [--file-rows N] [--no-csv]

OUTDIR/features.parquet/part-NNNNN.parquet and OUTDIR/features.csv: N rows x 10 columns
  age (int 18-95), tenure (int 0-40), income (lognormal, 2 decimals, 1% missing),
  balance (normal, 2 decimals), utilization (uniform 0-1, 4 decimals),
  latency_ms (gamma, 1 decimal), region (6 values), segment (50 values, Zipf shares),
  product (400 values), active (boolean).
OUTDIR/predictions.parquet/... and OUTDIR/predictions.csv: label (0/1), score (4 decimals,
  informative: roc_auc about 0.8), group (4 values).

Rows are generated in chunks of 1,000,000 with numpy and written by pyarrow, so memory stays
flat whatever N is; one Parquet file per --file-rows rows (default 5,000,000; row groups of
1,000,000), so Spark reads the data as many partitions. Numbers are rounded before they are
written, so the CSV text and the Parquet double are the same number. Files are written under
a .tmp name and renamed when complete; a complete set whose row counts match is kept.
"""

import argparse
import json
import os
import shutil
import sys

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

CHUNK = 1_000_000
REGIONS = ["north", "east", "south", "west", "central", "overseas"]
SEGMENTS = [f"seg_{i:02d}" for i in range(50)]
PRODUCTS = [f"p{i:03d}" for i in range(400)]
GROUPS = ["a", "b", "c", "d"]


def zipf(k, s=1.1):
    w = 1.0 / np.arange(1, k + 1) ** s
    return w / w.sum()


SEGMENT_P = zipf(len(SEGMENTS))


def features(rng, n):
    income = np.round(rng.lognormal(10.5, 0.6, n), 2)
    income_missing = rng.random(n) < 0.01
    return pa.table({
        "age": pa.array(rng.integers(18, 96, n)),
        "tenure": pa.array(rng.integers(0, 41, n)),
        "income": pa.array(income, mask=income_missing),
        "balance": pa.array(np.round(rng.normal(2500.0, 900.0, n), 2)),
        "utilization": pa.array(np.round(rng.random(n), 4)),
        "latency_ms": pa.array(np.round(rng.gamma(2.0, 40.0, n), 1)),
        "region": pa.DictionaryArray.from_arrays(rng.integers(0, len(REGIONS), n).astype(np.int32), REGIONS)
        .cast(pa.string()),
        "segment": pa.DictionaryArray.from_arrays(rng.choice(len(SEGMENTS), n, p=SEGMENT_P).astype(np.int32),
                                                  SEGMENTS).cast(pa.string()),
        "product": pa.DictionaryArray.from_arrays(rng.integers(0, len(PRODUCTS), n).astype(np.int32), PRODUCTS)
        .cast(pa.string()),
        "active": pa.array(rng.random(n) < 0.7),
    })


def predictions(rng, n):
    label = (rng.random(n) < 0.3).astype(np.int64)
    logit = rng.normal(0.0, 1.0, n) + 1.2 * (2 * label - 1)
    score = np.round(1.0 / (1.0 + np.exp(-logit)), 4)
    return pa.table({
        "label": pa.array(label),
        "score": pa.array(score),
        "group": pa.DictionaryArray.from_arrays(rng.integers(0, len(GROUPS), n).astype(np.int32), GROUPS)
        .cast(pa.string()),
    })


def write(outdir, name, make, rows, file_rows, rng, csv=True):
    parquet_dir = os.path.join(outdir, name + ".parquet")
    csv_path = os.path.join(outdir, name + ".csv")
    stamp = os.path.join(outdir, name + ".rows")
    if os.path.exists(stamp) and open(stamp).read().strip() == str(rows):
        print(f"{name}: {rows:,} rows already written", file=sys.stderr)
        return
    for path in (parquet_dir, parquet_dir + ".tmp"):
        shutil.rmtree(path, ignore_errors=True)
    os.makedirs(parquet_dir + ".tmp")
    writer = None
    csv_writer = None
    part = 0
    in_file = 0
    done = 0
    with open(csv_path + ".tmp" if csv else os.devnull, "wb") as csv_out:
        while done < rows:
            n = min(CHUNK, rows - done, file_rows - in_file)
            table = make(rng, n)
            if writer is None:
                writer = pq.ParquetWriter(os.path.join(parquet_dir + ".tmp", f"part-{part:05d}.parquet"),
                                          table.schema, compression="snappy")
            writer.write_table(table, row_group_size=CHUNK)
            if csv and csv_writer is None:
                csv_writer = pacsv.CSVWriter(csv_out, table.schema,
                                             write_options=pacsv.WriteOptions(quoting_style="none"))
            if csv:
                csv_writer.write_table(table)
            done += n
            in_file += n
            if in_file == file_rows:
                writer.close()
                writer = None
                part += 1
                in_file = 0
            if done % (10 * CHUNK) == 0:
                print(f"{name}: {done:,} / {rows:,} rows", file=sys.stderr)
        if writer is not None:
            writer.close()
        if csv:
            csv_writer.close()
    os.rename(parquet_dir + ".tmp", parquet_dir)
    if csv:
        os.rename(csv_path + ".tmp", csv_path)
    with open(stamp, "w") as f:
        f.write(str(rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--prediction-rows", type=int, default=None)
    parser.add_argument("--file-rows", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--no-csv", action="store_true", help="Parquet only")
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    write(args.outdir, "features", features, args.rows, args.file_rows, rng, csv=not args.no_csv)
    prediction_rows = args.prediction_rows if args.prediction_rows is not None else args.rows
    if prediction_rows > 0:
        write(args.outdir, "predictions", predictions, prediction_rows, args.file_rows, rng, csv=not args.no_csv)
    sizes = {}
    for entry in sorted(os.listdir(args.outdir)):
        path = os.path.join(args.outdir, entry)
        if os.path.isdir(path):
            sizes[entry] = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
        elif entry.endswith(".csv"):
            sizes[entry] = os.path.getsize(path)
    print(json.dumps(sizes))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The ceiling for scoring a served model: the same MLflow model called in-process on the same rows.

Usage: score_inprocess.py MODEL_DIR DATA_CSV [--drop COL]... [--batch-size N] [--repeats N]

Loads MODEL_DIR with mlflow.pyfunc (what `mlflow models serve` calls for each request), reads
DATA_CSV with pandas (not timed) and times predict on all rows at once and in batches of
--batch-size rows (as mlcd sends them), --repeats times each after one warm-up call; prints JSON
with the median seconds and rows/s of each.
"""
import argparse
import json
import statistics
import time

import mlflow.pyfunc
import pandas as pd


def timed(call, repeats):
    call()  # warm-up: first-call costs (imports, caches) are not scoring
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("data")
    parser.add_argument("--drop", action="append", default=[])
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    model = mlflow.pyfunc.load_model(args.model)
    frame = pd.read_csv(args.data).drop(columns=args.drop)
    rows = len(frame)
    batches = [frame.iloc[i:i + args.batch_size] for i in range(0, rows, args.batch_size)]
    whole = timed(lambda: model.predict(frame), args.repeats)
    batched = timed(lambda: [model.predict(batch) for batch in batches], args.repeats)
    print(json.dumps({"rows": rows, "columns": frame.shape[1], "batch_size": args.batch_size,
                      "whole_s": whole, "whole_rows_per_s": rows / whole,
                      "batched_s": batched, "batched_rows_per_s": rows / batched}))


if __name__ == "__main__":
    main()

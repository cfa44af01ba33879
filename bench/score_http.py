#!/usr/bin/env python3
"""What the model server itself sustains: the same rows posted to it from Python, as mlcd posts them.

Usage: score_http.py URL DATA_CSV [--drop COL]... [--batch-size N] [--concurrency N]

Reads DATA_CSV with pandas (not timed), builds the dataframe_split JSON of every batch of
--batch-size rows (not timed), then posts them to URL/invocations with --concurrency requests in
flight (urllib, one connection per request) and checks the number of predictions; prints JSON with
the seconds and rows/s. Separates the server's cost from mlcd's: if mlcd is close to this, the
server is the bottleneck.
"""
import argparse
import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pandas as pd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("data")
    parser.add_argument("--drop", action="append", default=[])
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    frame = pd.read_csv(args.data).drop(columns=args.drop)
    bodies = []
    for start in range(0, len(frame), args.batch_size):
        batch = frame.iloc[start:start + args.batch_size]
        rows = [[None if pd.isna(v) else v for v in row] for row in batch.itertuples(index=False)]
        body = {"dataframe_split": {"columns": list(frame.columns), "data": rows}}
        bodies.append((len(batch), json.dumps(body).encode()))

    def post(item):
        count, body = item
        request = urllib.request.Request(args.url.rstrip("/") + "/invocations", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            predictions = json.load(answer)["predictions"]
        if len(predictions) != count:
            raise SystemExit(f"{len(predictions)} predictions for {count} rows")

    start = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as pool:
        list(pool.map(post, bodies))
    seconds = time.perf_counter() - start
    print(json.dumps({"rows": len(frame), "batch_size": args.batch_size, "concurrency": args.concurrency,
                      "seconds": seconds, "rows_per_s": len(frame) / seconds}))


if __name__ == "__main__":
    main()

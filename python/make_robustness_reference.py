#!/usr/bin/env python3
"""Flip rates of a binary classifier on mlcd's saved perturbed rows, computed in-process.

Usage: make_robustness_reference.py MODEL_DIR PERTURBED_DIR [--drop COL]... [--threshold T]

MODEL_DIR is an MLflow model (as python/train_served_models.py saves it); PERTURBED_DIR is what
`mlcd robustness --save-perturbed DIR` wrote: the unperturbed rows as original.csv, one CSV per
perturbation, each with mlcd's scored prediction in the column mlcd_prediction, and index.csv
naming each perturbation's file. Every file's rows
are scored again here with the model's own predict_proba (through mlflow.pyfunc, which is what
`mlflow models serve` calls), never through HTTP, so the numbers are independent of mlcd's client.

Prints JSON to stdout, keyed by the perturbation's id as index.csv gives it ("original" for the
unperturbed rows):
  {"rows": n,
   "flip_rate": share of rows whose class at the threshold (score >= T) differs from original.csv's,
   "mean_abs_change": mean |score - original score|,
   "max_served_difference": max |score - mlcd_prediction|, to show that the served model answered
       what the model computes in-process}
The score is the last column of predict_proba (the positive class of a binary model), as mlcd's
default --score-index. --drop names columns that are not model inputs (the label); mlcd_prediction
is always dropped.
"""
import argparse
import json
import math
import pathlib
import sys

import mlflow.pyfunc
import numpy as np
import pandas as pd

PREDICTION = "mlcd_prediction"


def scores(model, frame):
    answer = np.asarray(model.predict(frame), dtype=float)
    return answer[:, -1] if answer.ndim == 2 else answer


def read(path, drop):
    # round_trip: the exact doubles mlcd wrote and sent, not pandas' faster, inexact parse
    frame = pd.read_csv(path, float_precision="round_trip")
    served = frame[PREDICTION].to_numpy(dtype=float) if PREDICTION in frame else None
    return frame.drop(columns=[c for c in [PREDICTION, *drop] if c in frame]), served


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model")
    parser.add_argument("perturbed")
    parser.add_argument("--drop", action="append", default=[])
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    model = mlflow.pyfunc.load_model(args.model)
    folder = pathlib.Path(args.perturbed)
    original, _ = read(folder / "original.csv", args.drop)
    base = scores(model, original)
    files = {"original": "original.csv"}
    index = pd.read_csv(folder / "index.csv", dtype=str, keep_default_na=False)
    files.update(zip(index["perturbation"], index["file"]))
    result = {}
    for perturbation, name in files.items():
        path = folder / name
        frame, served = read(path, args.drop)
        if len(frame) != len(base):
            sys.exit(f"{path.name} has {len(frame)} rows, original.csv {len(base)}")
        score = scores(model, frame)
        entry = {"rows": len(frame),
                 "flip_rate": float(np.mean((score >= args.threshold) != (base >= args.threshold))),
                 "mean_abs_change": float(np.mean(np.abs(score - base)))}
        if served is not None:
            difference = float(np.max(np.abs(score - served))) if len(score) else 0.0
            entry["max_served_difference"] = difference if math.isfinite(difference) else None
        result[perturbation] = entry
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Trains two small scikit-learn models on synthetic data and saves them as MLflow models that
`mlflow models serve` can serve, for the tests and benchmarks of scoring a served model.

Usage: train_served_models.py OUTDIR [--seed N] [--train-rows N] [--test-rows N] [--extra-columns K]

Writes, all deterministic for a seed:
  OUTDIR/tree/                  a decision tree that depends sharply on `income` (a step at 0)
  OUTDIR/logistic/              a logistic regression on every feature (linear)
  OUTDIR/train.csv              the training rows (for profiles)
  OUTDIR/test.csv               held-out rows: id, the features, label
  OUTDIR/predictions-tree.csv   id, label, region, score = the model's own predict_proba[:, 1]
  OUTDIR/predictions-logistic.csv   on test.csv, computed in-process (the reference)
and prints one JSON object naming them.

Features: income, age, tenure, balance (numbers; age holds whole numbers), region (north,
south, east, west) and K extra noise columns x1..xK. Both models are pipelines that impute
missing numbers and one-hot encode region (unknown or missing regions encode as all zeros), so
they answer for rows with missing values too. They are saved with
pyfunc_predict_fn="predict_proba": the server answers [P(0), P(1)] per row.
"""
import argparse
import json
import os

import mlflow.sklearn
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

REGIONS = ["north", "south", "east", "west"]
# what MLflow's skops format asks to be named before it loads these models (made here, trusted)
TRUSTED = ["numpy.dtype", "sklearn.tree._tree.Tree"]


def make_rows(rng, rows, extra):
    frame = pd.DataFrame({
        "income": rng.normal(size=rows).round(4),
        "age": rng.integers(18, 80, size=rows).astype(np.int64),
        "tenure": rng.exponential(3.0, size=rows).round(3),
        "balance": rng.normal(1000.0, 250.0, size=rows).round(2),
        "region": rng.choice(REGIONS, size=rows, p=[0.4, 0.3, 0.2, 0.1]),
    })
    for k in range(1, extra + 1):
        frame[f"x{k}"] = rng.normal(size=rows).round(4)
    # income decides almost alone (a step), the rest nudges: the tree learns the step
    logit = (8.0 * np.sign(frame["income"]) + 0.02 * (frame["age"] - 50) + 0.15 * frame["tenure"]
             + 0.001 * (frame["balance"] - 1000) + frame["region"].map({"north": 0.3, "south": -0.3,
                                                                          "east": 0.1, "west": -0.1}))
    noisy = logit + rng.logistic(scale=2.0, size=rows)
    return frame, (noisy > 0).astype(np.int64)


def preprocessing(numeric, scale):
    numbers = [SimpleImputer(strategy="median")] + ([StandardScaler()] if scale else [])
    categories = make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                               OneHotEncoder(handle_unknown="ignore"))
    return ColumnTransformer([("numbers", make_pipeline(*numbers), numeric),
                              ("region", categories, ["region"])])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--train-rows", type=int, default=4000)
    parser.add_argument("--test-rows", type=int, default=1000)
    parser.add_argument("--extra-columns", type=int, default=0)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    train, train_labels = make_rows(rng, args.train_rows, args.extra_columns)
    test, test_labels = make_rows(rng, args.test_rows, args.extra_columns)
    numeric = [column for column in train.columns if column != "region"]
    models = {
        "tree": Pipeline([("prepare", preprocessing(numeric, False)),
                          ("model", DecisionTreeClassifier(max_depth=4, random_state=args.seed))]),
        "logistic": Pipeline([("prepare", preprocessing(numeric, True)),
                              ("model", LogisticRegression(max_iter=1000))]),
    }
    os.makedirs(args.outdir, exist_ok=True)
    train.assign(label=train_labels).to_csv(os.path.join(args.outdir, "train.csv"), index=False)
    test.insert(0, "id", np.arange(1, args.test_rows + 1))
    test.assign(label=test_labels).to_csv(os.path.join(args.outdir, "test.csv"), index=False)
    written = {"train": "train.csv", "test": "test.csv"}
    for name, model in models.items():
        model.fit(train, train_labels)
        path = os.path.join(args.outdir, name)
        if os.path.exists(path):
            raise SystemExit(f"{path} exists: give an empty OUTDIR")
        # no signature: the server then passes the columns as sent (no schema enforcement), so
        # rows with missing numbers or unknown categories reach the pipeline's imputers
        mlflow.sklearn.save_model(model, path, pyfunc_predict_fn="predict_proba",
                                  pip_requirements=["scikit-learn"], skops_trusted_types=TRUSTED)
        scores = model.predict_proba(test.drop(columns=["id"]))[:, 1]
        predictions = pd.DataFrame({"id": test["id"], "label": test_labels, "region": test["region"],
                                    "score": scores})
        predictions.to_csv(os.path.join(args.outdir, f"predictions-{name}.csv"), index=False,
                           float_format="%.17g")
        written[name] = name
        written[f"predictions-{name}"] = f"predictions-{name}.csv"
    print(json.dumps(written))


if __name__ == "__main__":
    main()

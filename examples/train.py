#!/usr/bin/env python3
"""Trains a champion and a challenger credit-default model for the mlcd demo.

The script is a small but real ML pipeline:

1. It generates a synthetic credit-default data set (``--rows``, default 20,000) with
   numpy: income, debt ratio, age, number of late payments, years of employment, sex
   (F/M) and region. The probability of default follows a known logistic relation in
   these features (with a non-linear effect of late payments and of the debt ratio,
   and a slight difference between the sexes), so the "truth" is known.
2. It splits the rows into a training and a test set (stratified, 30 % test).
3. It trains the *champion*: a LogisticRegression on three features, the model that
   "serves production" in the demo; and the *challenger*: a
   HistGradientBoostingClassifier on all features, the candidate that mlcd validates.
4. It writes, under ``--out DIR`` (default ``demo-out``):
   - ``predictions.csv``: ``id,label,score,sex,region`` for the challenger on the test set;
   - ``baseline.csv``: the same columns and ids with the champion's scores;
   - ``training.csv``: the training rows' inputs and the challenger's score, the
     reference of the drift check;
   - ``production.csv``: a later batch of applicants (lower incomes, higher debt: see
     ``--drift``) with the challenger's score, the current data of the drift check;
   - ``probe.json``: 200 test rows' inputs in MLflow's scoring format (``dataframe_split``),
     the canary's prediction probe and the demo's load.
   ``score`` is the predicted probability of default (label 1).

Then, for example:

    mlcd validate --predictions demo-out/predictions.csv --label label --score score \
        --group sex --gate 'roc_auc >= 0.75'

``baseline.csv`` is the champion's side for gates relative to the champion and for the
significance test of challenger vs champion (rows are matched by ``id``).

With ``--tracking-uri URI`` both models are also logged to MLflow, as a training job
would: one run each in the experiment ``mlcd-demo`` with params, the test-set roc_auc and
the fitted pipeline (``log_model`` under the name ``model``; a LoggedModel on MLflow 3).
Their run ids go to ``OUT/runs.json`` as ``{"champion": ..., "challenger": ...}``.
Credentials, if any, come from the standard MLFLOW_TRACKING_* variables.

Everything is seeded (``--seed``), so a run is reproducible. Runs in a few seconds
(about 20 more with ``--tracking-uri``).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

REGIONS = ["north", "south", "east", "west"]


def make_dataset(rows, rng, drift=0.0):
    """Synthetic applicants and whether they defaulted within a year (label 1).

    ``drift`` > 0 makes a later population: lower incomes and higher debt ratios.
    """
    sex = rng.choice(["F", "M"], size=rows, p=[0.47, 0.53])
    region = rng.choice(REGIONS, size=rows, p=[0.3, 0.25, 0.25, 0.2])
    age = np.clip(rng.normal(42, 12, size=rows), 18, 85).round().astype(int)
    employment_years = np.clip(
        (age - 18) * rng.beta(2.0, 2.5, size=rows), 0, None).round(1)
    income = np.round(np.exp(rng.normal(10.6 - 0.3 * drift, 0.5, size=rows)
                             + 0.01 * np.minimum(employment_years, 25)), -1)
    debt_ratio = np.clip(rng.gamma(2.0, 0.17 * (1 + drift), size=rows), 0, 3).round(3)
    late_payments = rng.poisson(np.where(debt_ratio > 0.5, 1.2, 0.5))

    region_effect = pd.Series([0.0, 0.25, -0.1, 0.15], index=REGIONS)[region].to_numpy()
    logit = (-1.9
             - 1.5 * (np.log(income) - 10.6)
             + 2.6 * np.minimum(debt_ratio, 1.2)
             + 1.5 * np.maximum(debt_ratio - 1.0, 0)
             + 0.9 * np.log1p(late_payments) * (1 + 0.8 * (late_payments >= 3))
             - 0.06 * np.minimum(employment_years, 20)
             + 0.0015 * (age - 45) ** 2 - 0.015 * (age - 45)
             + np.where(sex == "M", 0.15, 0.0)
             + region_effect)
    default = (rng.random(rows) < 1.0 / (1.0 + np.exp(-logit))).astype(int)
    return pd.DataFrame({
        "id": [f"a{i:06d}" for i in range(1, rows + 1)],
        "income": income,
        "debt_ratio": debt_ratio,
        "age": age,
        "late_payments": late_payments,
        "employment_years": employment_years,
        "sex": sex,
        "region": region,
        "default": default,
    })


def champion_model():
    """What serves today: a logistic regression on three hand-picked features."""
    features = ["income", "debt_ratio", "late_payments"]
    pre = ColumnTransformer([("num", StandardScaler(), features)])
    return features, make_pipeline(pre, LogisticRegression(max_iter=1000))


def challenger_model(seed):
    """The candidate: gradient-boosted trees on all features."""
    numeric = ["income", "debt_ratio", "age", "late_payments", "employment_years"]
    categorical = ["sex", "region"]
    pre = ColumnTransformer([
        ("num", "passthrough", numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical),
    ])
    model = HistGradientBoostingClassifier(
        learning_rate=0.06, max_iter=250, max_leaf_nodes=15, min_samples_leaf=40,
        l2_regularization=1.0, early_stopping=False, random_state=seed)
    return numeric + categorical, make_pipeline(pre, model)


def log_runs(uri, models, test, seed):
    """Logs each fitted model as an MLflow run; returns {name: run_id}."""
    import mlflow
    import mlflow.sklearn

    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment("mlcd-demo")
    runs = {}
    y = test["default"].to_numpy()
    for name, (features, model) in models.items():
        with mlflow.start_run(run_name=name) as run:
            mlflow.log_params({"model": type(model[-1]).__name__, "features": ",".join(features),
                               "seed": seed})
            mlflow.log_metric("roc_auc", roc_auc_score(y, model.predict_proba(test[features])[:, 1]))
            # served predictions are probabilities, so the canary can compare their distributions
            options = {"pip_requirements": ["scikit-learn"], "pyfunc_predict_fn": "predict_proba"}
            if mlflow.__version__.startswith("2."):
                mlflow.sklearn.log_model(model, artifact_path="model", **options)
            else:
                # MLflow 3 saves with skops, which asks to trust the tree type we built ourselves
                trusted = ["sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor"]
                mlflow.sklearn.log_model(model, name="model", skops_trusted_types=trusted, **options)
            runs[name] = run.info.run_id
    return runs


def write_probe(path, test, rows=200):
    """Model inputs in MLflow's scoring format, for the canary's prediction probe and load."""
    frame = test.drop(columns=["id", "default"]).head(rows)
    body = {"dataframe_split": {"columns": list(frame.columns),
                                "data": json.loads(frame.to_json(orient="values"))}}
    path.write_text(json.dumps(body) + "\n")


def write_scores(path, test, scores):
    out = pd.DataFrame({
        "id": test["id"].to_numpy(),
        "label": test["default"].to_numpy(),
        "score": np.round(scores, 6),
        "sex": test["sex"].to_numpy(),
        "region": test["region"].to_numpy(),
    })
    out.to_csv(path, index=False, lineterminator="\n")


def write_features(path, frame, scores):
    """Model inputs and the challenger's score: what a drift check watches in production."""
    out = frame.drop(columns=["id", "default"]).copy()
    out["score"] = np.round(scores, 6)
    out.to_csv(path, index=False, lineterminator="\n")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Train a champion and a challenger credit-default model and write "
                    "their test-set predictions for mlcd.")
    parser.add_argument("--out", default="demo-out", help="output folder (default demo-out)")
    parser.add_argument("--rows", type=int, default=20_000,
                        help="rows in the synthetic data set (default 20000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--tracking-uri", help="also log both models as runs to this MLflow server")
    parser.add_argument("--data-only", action="store_true",
                        help="only write the applicants data set (OUT/applicants.csv), so that it can be "
                             "validated before training (mlcd validate-data)")
    parser.add_argument("--data", type=Path,
                        help="train on this applicants file (written by --data-only with the same "
                             "--rows and --seed) instead of generating it again")
    parser.add_argument("--drift", type=float, default=0.5,
                        help="how far the production batch drifts from the training data "
                             "(0 = none; default 0.5)")
    args = parser.parse_args(argv)
    if args.rows < 200:
        parser.error("--rows must be at least 200")

    started = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    data = make_dataset(args.rows, rng)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.data_only:
        data.to_csv(out / "applicants.csv", index=False, lineterminator="\n")
        print(f"applicants: {len(data)} rows -> {out / 'applicants.csv'}")
        return 0
    if args.data:
        # what was validated is what is trained on; generating above kept the random
        # stream where the production batch below expects it
        data = pd.read_csv(args.data, keep_default_na=False, na_values=[""])
    train, test = train_test_split(data, test_size=0.3, stratify=data["default"],
                                   random_state=args.seed)

    scores = {}
    models = {}
    for name, (features, model) in {"champion": champion_model(),
                                    "challenger": challenger_model(args.seed)}.items():
        model.fit(train[features], train["default"])
        scores[name] = model.predict_proba(test[features])[:, 1]
        models[name] = (features, model)

    write_scores(out / "predictions.csv", test, scores["challenger"])
    write_scores(out / "baseline.csv", test, scores["champion"])

    # for the drift check: the training inputs, and a later production batch that drifted
    features, challenger = models["challenger"]
    write_features(out / "training.csv", train, challenger.predict_proba(train[features])[:, 1])
    production = make_dataset(max(args.rows // 4, 100), rng, drift=args.drift)
    write_features(out / "production.csv", production,
                   challenger.predict_proba(production[features])[:, 1])

    write_probe(out / "probe.json", test)

    if args.tracking_uri:
        runs = log_runs(args.tracking_uri, models, test, args.seed)
        (out / "runs.json").write_text(json.dumps(runs) + "\n")
        print(f"MLflow runs: champion {runs['champion']}, challenger {runs['challenger']} "
              f"-> {out / 'runs.json'}")

    y = test["default"].to_numpy()
    print(f"data: {len(data)} rows, default rate {data['default'].mean():.3f}; "
          f"train {len(train)}, test {len(test)}")
    print(f"champion   (LogisticRegression, 3 features):  "
          f"roc_auc {roc_auc_score(y, scores['champion']):.4f}  -> {out / 'baseline.csv'}")
    print(f"challenger (HistGradientBoosting, all features): "
          f"roc_auc {roc_auc_score(y, scores['challenger']):.4f}  -> {out / 'predictions.csv'}")
    print(f"drift check inputs: {out / 'training.csv'} ({len(train)} rows), "
          f"{out / 'production.csv'} ({len(production)} rows, drift {args.drift})")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

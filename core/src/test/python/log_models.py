#!/usr/bin/env python3
"""Logs small scikit-learn models to an MLflow server, the way a training script does.

Usage: log_models.py TRACKING_URI EXPERIMENT COUNT [REFERENCE_MODEL]

Starts COUNT runs in EXPERIMENT; each trains a logistic regression on synthetic data and logs
it with the MLflow version installed here (3.x: log_model(name="model"), a LoggedModel;
2.x: log_model(artifact_path="model"), run artifacts) plus its roc_auc metric. With
REFERENCE_MODEL, the first run's model is also registered by MLflow's own Python client
(mlflow.register_model("runs:/<id>/model", REFERENCE_MODEL)), so tests can compare the
version source mlcd registers with the one MLflow chooses.

Prints one JSON object: {"runs": [run_id, ...], "reference_source": "..." or null}.
Credentials, if any, come from the standard MLFLOW_TRACKING_* variables.
"""
import json
import sys

import mlflow
import mlflow.sklearn
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def main(uri, experiment, count, reference_model=None):
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(experiment)
    rng = np.random.default_rng(7)
    runs = []
    for i in range(count):
        features = rng.normal(size=(200, 3))
        labels = (features[:, 0] + rng.normal(scale=0.5 + i, size=200) > 0).astype(int)
        with mlflow.start_run() as run:
            model = LogisticRegression().fit(features, labels)
            mlflow.log_metric("roc_auc", roc_auc_score(labels, model.predict_proba(features)[:, 1]))
            if mlflow.__version__.startswith("2."):
                mlflow.sklearn.log_model(model, artifact_path="model", pip_requirements=["scikit-learn"])
            else:
                mlflow.sklearn.log_model(model, name="model", pip_requirements=["scikit-learn"])
            runs.append(run.info.run_id)
    source = None
    if reference_model:
        source = mlflow.register_model(f"runs:/{runs[0]}/model", reference_model).source
    print(json.dumps({"runs": runs, "reference_source": source}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)

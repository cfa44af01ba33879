#!/usr/bin/env python3
"""The Python stack's version of `mlcd validate` on the benchmark file.

Usage: validate_python.py FILE

Reads FILE (columns label,score,group) with pandas.read_csv, computes what mlcd
validate computes for a binary model with one group column at decision threshold 0.5
(score >= 0.5 -> positive) with scikit-learn and fairlearn, and prints the values as
JSON. This is what a user would write without mlcd; the benchmark times it.
"""

import json
import math
import sys

import pandas as pd
from fairlearn import metrics as flm
from sklearn import metrics as skm

THRESHOLD = 0.5


def main(argv):
    if len(argv) != 2:
        print("usage: validate_python.py FILE", file=sys.stderr)
        return 2
    frame = pd.read_csv(argv[1])
    y = frame["label"].to_numpy()
    score = frame["score"].to_numpy()
    group = frame["group"].to_numpy()
    pred = (score >= THRESHOLD).astype(y.dtype)

    result = {
        "rows": int(len(frame)),
        "accuracy": skm.accuracy_score(y, pred),
        "precision": skm.precision_score(y, pred, zero_division=0),
        "recall": skm.recall_score(y, pred, zero_division=0),
        "f1": skm.f1_score(y, pred, zero_division=0),
        "roc_auc": skm.roc_auc_score(y, score),
        "pr_auc": skm.average_precision_score(y, score),
        "log_loss": skm.log_loss(y, y_proba=score, labels=[0, 1]),
        "brier": skm.brier_score_loss(y, score, pos_label=1),
    }
    # one MetricFrame for the three rates (fairlearn's documented way to get several
    # group metrics at once); the parity figures are derived from it exactly as
    # fairlearn's demographic_parity_* / equalized_odds_* / equal_opportunity_* do
    rates = flm.MetricFrame(
        metrics={"selection_rate": flm.selection_rate,
                 "tpr": flm.true_positive_rate, "fpr": flm.false_positive_rate},
        y_true=y, y_pred=pred, sensitive_features=group)
    difference, ratio = rates.difference(), rates.ratio()
    result["selection_rate[group]"] = {
        str(k): float(v) for k, v in rates.by_group["selection_rate"].items()}
    result["demographic_parity_difference[group]"] = difference["selection_rate"]
    result["demographic_parity_ratio[group]"] = ratio["selection_rate"]
    result["equalized_odds_difference[group]"] = max(difference[["tpr", "fpr"]])
    result["equalized_odds_ratio[group]"] = min(ratio[["tpr", "fpr"]])
    result["equal_opportunity_difference[group]"] = difference["tpr"]

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        value = float(value)
        return value if math.isfinite(value) else None

    print(json.dumps({k: (v if k == "rows" else plain(v)) for k, v in result.items()},
                     indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

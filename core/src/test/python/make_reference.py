#!/usr/bin/env python3
"""Writes the reference cases that mlcd's metric engine is tested against.

Usage: make_reference.py OUTDIR

For every case a folder OUTDIR/<case>/ is written with
  predictions.csv    the input mlcd reads (header row, comma separated)
  baseline.csv       (only comparison cases) the champion's predictions
  predictions.jsonl  (only some cases) the same rows as JSON Lines
  expected.json      what scikit-learn / fairlearn / scipy compute on those files

The expected values are computed on the files *as written*: every file is read back
with pandas first, so the rounding of numbers in the CSV text is part of what is
measured. Data are synthetic and generated with fixed seeds, so the output is
identical on every run (for the pinned versions in python/requirements.txt).

expected.json:
  {"case", "task": "binary|multiclass|regression",
   "options": {"label", "score", "prediction", "positive_label", "decision_threshold",
               "groups", "id"},
   "metrics": {name: value},                 NaN is written as null
   "groups": {column: {value: {"count", "selection_rate", "true_positive_rate",
                               "false_positive_rate", "accuracy"}}},
   "comparison": {...}}                      only for the baseline cases

Conventions that mlcd follows (and which are therefore fixed here):
  * predicted class = positive iff score >= decision_threshold;
  * labels are mapped to 0/1 (positive_label -> 1) before any metric is computed;
  * precision / recall / f1 use zero_division=0;
  * log_loss is computed with labels=[0, 1], so it is defined even when y_true holds a
    single class (sklearn raises a ValueError without the labels argument);
  * fairness metrics are fairlearn's defaults (method="between_groups",
    agg="worst_case") on the thresholded class.
"""

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from sklearn import metrics as skm
from fairlearn import metrics as flm

Z_95 = 1.959963984540054  # two-sided 95 % normal quantile


# --------------------------------------------------------------------------- helpers
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def clean(value):
    """Converts numpy scalars to plain Python values and NaN / inf to None."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    return value


def write_csv(frame, path):
    frame.to_csv(path, index=False, lineterminator="\n")


def write_jsonl(frame, path):
    """Writes the rows of a frame (as read back from the CSV) as JSON Lines."""
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for row in frame.to_dict(orient="records"):
            out.write(json.dumps(clean(row), allow_nan=False) + "\n")


def write_expected(folder, expected):
    text = json.dumps(clean(expected), indent=2, allow_nan=False)
    (folder / "expected.json").write_text(text + "\n", encoding="utf-8")


class Captured:
    """Collects the warnings raised while computing a case (printed, never fatal)."""

    def __init__(self):
        self.messages = []

    def __enter__(self):
        self._ctx = warnings.catch_warnings(record=True)
        self._list = self._ctx.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        for w in self._list:
            text = f"{w.category.__name__}: {str(w.message).splitlines()[0]}"
            if text not in self.messages:
                self.messages.append(text)
        return self._ctx.__exit__(*exc)


# --------------------------------------------------------------------------- metrics
def binary_metrics(y, pred, score):
    """y, pred: int arrays of 0/1; score: float array or None."""
    out = {
        "accuracy": skm.accuracy_score(y, pred),
        "precision": skm.precision_score(y, pred, pos_label=1, zero_division=0),
        "recall": skm.recall_score(y, pred, pos_label=1, zero_division=0),
        "f1": skm.f1_score(y, pred, pos_label=1, zero_division=0),
    }
    if score is not None:
        out["roc_auc"] = skm.roc_auc_score(y, score)
        out["pr_auc"] = skm.average_precision_score(y, score, pos_label=1)
        out["log_loss"] = skm.log_loss(y, y_proba=score, labels=[0, 1])
        out["brier"] = skm.brier_score_loss(y, score, pos_label=1)
    return out


def fairness(y, pred, frame, group_columns):
    """Fairness metrics and per-group statistics, all with fairlearn."""
    out_metrics = {}
    out_groups = {}
    for column in group_columns:
        sensitive = frame[column].astype(str).to_numpy()
        kw = {"sensitive_features": sensitive}
        out_metrics[f"demographic_parity_difference[{column}]"] = (
            flm.demographic_parity_difference(y, pred, **kw))
        out_metrics[f"demographic_parity_ratio[{column}]"] = (
            flm.demographic_parity_ratio(y, pred, **kw))
        out_metrics[f"equalized_odds_difference[{column}]"] = (
            flm.equalized_odds_difference(y, pred, **kw))
        out_metrics[f"equalized_odds_ratio[{column}]"] = (
            flm.equalized_odds_ratio(y, pred, **kw))
        out_metrics[f"equal_opportunity_difference[{column}]"] = (
            flm.equal_opportunity_difference(y, pred, **kw))
        out_metrics[f"equal_opportunity_ratio[{column}]"] = (
            flm.equal_opportunity_ratio(y, pred, **kw))
        frame_metrics = flm.MetricFrame(
            metrics={
                "count": flm.count,
                "selection_rate": flm.selection_rate,
                "true_positive_rate": flm.true_positive_rate,
                "false_positive_rate": flm.false_positive_rate,
                "accuracy": skm.accuracy_score,
            },
            y_true=y, y_pred=pred, sensitive_features=sensitive)
        by_group = frame_metrics.by_group
        out_groups[column] = {
            str(value): {name: (int(by_group.loc[value, name]) if name == "count"
                                else by_group.loc[value, name])
                         for name in by_group.columns}
            for value in by_group.index
        }
    return out_metrics, out_groups


def binary_case(name, frame, *, label, positive_label, score=None, prediction=None,
                threshold=None, groups=(), id_column=None):
    y = (frame[label].astype(str) == positive_label).astype(np.int64).to_numpy()
    if score is not None:
        s = frame[score].to_numpy(dtype=np.float64)
        pred = (s >= threshold).astype(np.int64)
    else:
        s = None
        pred = (frame[prediction].astype(str) == positive_label).astype(np.int64).to_numpy()
    with Captured() as captured:
        metric_values = binary_metrics(y, pred, s)
        fair_metrics, group_stats = fairness(y, pred, frame, list(groups))
    metric_values.update(fair_metrics)
    expected = {
        "case": name,
        "task": "binary",
        "options": options(label=label, score=score, prediction=prediction,
                           positive_label=positive_label, threshold=threshold,
                           groups=groups, id_column=id_column),
        "metrics": metric_values,
        "groups": group_stats,
    }
    return expected, captured.messages


def options(*, label="label", score=None, prediction=None, positive_label=None,
            threshold=None, groups=(), id_column=None):
    return {"label": label, "score": score, "prediction": prediction,
            "positive_label": positive_label, "decision_threshold": threshold,
            "groups": list(groups), "id": id_column}


# --------------------------------------------------------------------------- DeLong
def midranks(values):
    """Average ranks (1-based) of values; tied values share the mean of their ranks."""
    return stats.rankdata(values, method="average")


def placement_values(pos_scores, neg_scores):
    """DeLong's structural components via midranks.

    V10[i] = fraction of negatives ranked below positive i (ties count 1/2);
    V01[j] = fraction of positives ranked above negative j (ties count 1/2).
    """
    m, n = len(pos_scores), len(neg_scores)
    combined = midranks(np.concatenate([pos_scores, neg_scores]))
    rank_pos_all, rank_neg_all = combined[:m], combined[m:]
    rank_pos_own = midranks(pos_scores)
    rank_neg_own = midranks(neg_scores)
    # number of negatives below positive i (+1/2 per tie) = overall midrank - own midrank
    v10 = (rank_pos_all - rank_pos_own) / n
    # number of positives below-or-tied negative j, counted the same way, then complement
    v01 = 1.0 - (rank_neg_all - rank_neg_own) / m
    return v10, v01


def placement_values_bruteforce(pos_scores, neg_scores):
    """Same as placement_values from the kernel psi(X, Y) = 1 / 0.5 / 0 (check only)."""
    psi = ((pos_scores[:, None] > neg_scores[None, :]).astype(np.float64)
           + 0.5 * (pos_scores[:, None] == neg_scores[None, :]))
    return psi.mean(axis=1), psi.mean(axis=0)


def delong_test(y, score_a, score_b):
    """DeLong, DeLong & Clarke-Pearson (1988) test of AUC(a) - AUC(b) on the same rows."""
    positives = y == 1
    m, n = int(positives.sum()), int((~positives).sum())
    comps10, comps01 = [], []
    for s in (score_a, score_b):
        v10, v01 = placement_values(s[positives], s[~positives])
        b10, b01 = placement_values_bruteforce(s[positives], s[~positives])
        assert np.allclose(v10, b10, rtol=0, atol=1e-12), "midrank V10 != kernel V10"
        assert np.allclose(v01, b01, rtol=0, atol=1e-12), "midrank V01 != kernel V01"
        comps10.append(v10)
        comps01.append(v01)
    v10 = np.vstack(comps10)  # 2 x m
    v01 = np.vstack(comps01)  # 2 x n
    aucs = v10.mean(axis=1)
    assert np.allclose(aucs, v01.mean(axis=1), rtol=0, atol=1e-12)
    s10 = np.cov(v10, ddof=1)  # 2 x 2, divisor m - 1
    s01 = np.cov(v01, ddof=1)  # 2 x 2, divisor n - 1
    cov = s10 / m + s01 / n
    contrast = np.array([1.0, -1.0])
    variance = float(contrast @ cov @ contrast)
    delta = float(aucs[0] - aucs[1])
    se = math.sqrt(variance) if variance > 0 else 0.0
    z = delta / se if se > 0 else math.nan
    p = 2.0 * (1.0 - stats.norm.cdf(abs(z))) if se > 0 else math.nan
    return {
        "challenger": float(aucs[0]), "baseline": float(aucs[1]), "delta": delta,
        "se": se, "z": z, "p_value": p,
        "ci_lower": delta - Z_95 * se, "ci_upper": delta + Z_95 * se,
    }


def mcnemar_exact(y, pred_a, pred_b):
    correct_a, correct_b = pred_a == y, pred_b == y
    n10 = int(np.sum(correct_a & ~correct_b))
    n01 = int(np.sum(~correct_a & correct_b))
    p = stats.binomtest(n10, n10 + n01, 0.5, alternative="two-sided").pvalue if n10 + n01 else 1.0
    acc_a, acc_b = skm.accuracy_score(y, pred_a), skm.accuracy_score(y, pred_b)
    return {"challenger": acc_a, "baseline": acc_b, "delta": acc_a - acc_b,
            "challenger_only_correct": n10, "baseline_only_correct": n01, "p_value": p}


# --------------------------------------------------------------------------- data
def latent_binary(rng, n, base_shift):
    """Labels from a latent risk plus a per-row shift; returns (z, label 0/1)."""
    z = rng.normal(size=n)
    p = sigmoid(1.6 * z - 0.4 + base_shift)
    return z, (rng.random(n) < p).astype(np.int64)


def noisy_score(rng, z, noise, slope=1.5, offset=-0.3):
    return sigmoid(slope * z + offset + rng.normal(scale=noise, size=len(z)))


def case_binary_basic(rng, folder):
    n = 5000
    sex = rng.choice(["F", "M"], size=n, p=[0.48, 0.52])
    region = rng.choice(["north", "south", "east", "west"], size=n, p=[0.3, 0.25, 0.25, 0.2])
    shift = np.where(sex == "M", 0.35, 0.0) + np.select(
        [region == "north", region == "south", region == "east"], [0.0, 0.4, -0.2], -0.5)
    z, label = latent_binary(rng, n, shift)
    score = noisy_score(rng, z + 0.25 * shift, noise=0.9)
    frame = pd.DataFrame({
        "id": [f"r{i:05d}" for i in range(1, n + 1)],
        "label": label,
        "score": np.round(score, 2),
        "sex": sex,
        "region": region,
    })
    write_csv(frame, folder / "predictions.csv")
    back = pd.read_csv(folder / "predictions.csv")
    write_jsonl(back, folder / "predictions.jsonl")
    back_jsonl = pd.read_json(folder / "predictions.jsonl", lines=True, precise_float=True)
    assert back_jsonl.equals(back), "predictions.jsonl does not hold the CSV rows"
    return binary_case("binary_basic", back, label="label", positive_label="1",
                       score="score", threshold=0.5, groups=["sex", "region"], id_column="id")


def case_binary_custom(rng, folder):
    n = 1500
    band = np.array(["18-29"] * 20 + ["30-59"] * 900 + ["60+"] * 580)
    rng.shuffle(band)
    shift = np.select([band == "18-29", band == "30-59"], [0.6, -0.1], -0.6)
    z, label = latent_binary(rng, n, shift - 0.5)
    score = np.round(noisy_score(rng, z, noise=1.1, offset=-0.9), 4)
    score[rng.choice(n, size=4, replace=False)] = 0.3  # exactly at the threshold: positive
    frame = pd.DataFrame({
        "label": np.where(label == 1, "yes", "no"),
        "score": score,
        "age_band": band,
    })
    write_csv(frame, folder / "predictions.csv")
    back = pd.read_csv(folder / "predictions.csv")
    return binary_case("binary_custom", back, label="label", positive_label="yes",
                       score="score", threshold=0.3, groups=["age_band"])


def case_binary_edges(rng, folder):
    # site A: mixed, confident model with exact 0.0 / 1.0 / 0.99 scores on both classes
    # site B: mixed labels, no score reaches the threshold (no row predicted positive)
    # site C: no positive label at all (TPR is 0/0 there)
    n_a, n_b, n_c = 180, 80, 40
    z_a, y_a = latent_binary(rng, n_a, 0.0)
    s_a = np.round(noisy_score(rng, z_a, noise=0.8, slope=3.0), 3)
    s_a[:6] = [1.0, 1.0, 1.0, 0.0, 0.0, 0.99]
    y_a[:6] = [1, 0, 1, 1, 0, 0]
    s_a[6:10] = [0.99, 1.0, 0.0, 0.0]
    y_a[6:10] = [1, 1, 0, 1]
    z_b, y_b = latent_binary(rng, n_b, 0.3)
    s_b = np.round(np.minimum(noisy_score(rng, z_b, noise=0.8), 0.98), 3)
    s_b[:2] = [0.0, 0.0]
    y_b[:2] = [1, 0]
    y_c = np.zeros(n_c, dtype=np.int64)
    s_c = np.round(rng.beta(1.5, 6.0, size=n_c), 3)
    s_c[:3] = [0.0, 1.0, 0.995]
    order = rng.permutation(n_a + n_b + n_c)
    frame = pd.DataFrame({
        "label": np.concatenate([y_a, y_b, y_c]),
        "score": np.concatenate([s_a, s_b, s_c]),
        "site": ["A"] * n_a + ["B"] * n_b + ["C"] * n_c,
    }).iloc[order]
    write_csv(frame, folder / "predictions.csv")
    back = pd.read_csv(folder / "predictions.csv")
    return binary_case("binary_edges", back, label="label", positive_label="1",
                       score="score", threshold=0.99, groups=["site"])


def case_binary_no_positive_predictions(rng, folder):
    # nothing reaches the threshold: precision 0/0, selection rates all 0 (ratio 0/0)
    n = 200
    sex = rng.choice(["F", "M"], size=n)
    z, label = latent_binary(rng, n, np.where(sex == "M", 0.3, 0.0))
    score = np.round(0.9 * noisy_score(rng, z, noise=1.0), 3)
    frame = pd.DataFrame({"label": label, "score": score, "sex": sex})
    write_csv(frame, folder / "predictions.csv")
    back = pd.read_csv(folder / "predictions.csv")
    return binary_case("binary_no_positive_predictions", back, label="label",
                       positive_label="1", score="score", threshold=0.95, groups=["sex"])


def case_binary_single_class(rng, folder):
    n = 50
    sex = rng.choice(["F", "M"], size=n)
    score = np.round(sigmoid(rng.normal(0.8, 1.2, size=n)), 3)
    frame = pd.DataFrame({"label": np.ones(n, dtype=np.int64), "score": score, "sex": sex})
    write_csv(frame, folder / "predictions.csv")
    back = pd.read_csv(folder / "predictions.csv")
    return binary_case("binary_single_class", back, label="label", positive_label="1",
                       score="score", threshold=0.5, groups=["sex"])


def case_binary_predicted_class(rng, folder):
    n = 1000
    sex = rng.choice(["F", "M"], size=n, p=[0.45, 0.55])
    z, label = latent_binary(rng, n, np.where(sex == "F", -0.4, 0.2))
    score = noisy_score(rng, z, noise=1.0)
    frame = pd.DataFrame({"label": label, "pred": (score >= 0.5).astype(np.int64), "sex": sex})
    write_csv(frame, folder / "predictions.csv")
    back = pd.read_csv(folder / "predictions.csv")
    return binary_case("binary_predicted_class", back, label="label",
                       positive_label="1", prediction="pred", groups=["sex"])


def case_multiclass(rng, folder):
    n = 2000
    classes = np.array(["bird", "cat", "dog", "fish"])
    label_idx = rng.choice(4, size=n, p=[0.1, 0.45, 0.35, 0.1])
    # a noisy classifier: logits = strong signal on the true class + noise + class priors
    logits = rng.normal(scale=1.0, size=(n, 4)) + np.log([0.1, 0.45, 0.35, 0.1])
    logits[np.arange(n), label_idx] += 1.8
    pred_idx = logits.argmax(axis=1)
    frame = pd.DataFrame({"label": classes[label_idx], "pred": classes[pred_idx]})
    write_csv(frame, folder / "predictions.csv")
    back = pd.read_csv(folder / "predictions.csv")
    y, p = back["label"].astype(str).to_numpy(), back["pred"].astype(str).to_numpy()
    with Captured() as captured:
        metric_values = {
            "accuracy": skm.accuracy_score(y, p),
            "f1_macro": skm.f1_score(y, p, average="macro", zero_division=0),
            "f1_weighted": skm.f1_score(y, p, average="weighted", zero_division=0),
        }
    return {"case": "multiclass", "task": "multiclass",
            "options": options(prediction="pred"),
            "metrics": metric_values, "groups": {}}, captured.messages


def regression_expected(name, back):
    y = back["label"].to_numpy(dtype=np.float64)
    p = back["pred"].to_numpy(dtype=np.float64)
    with Captured() as captured:
        metric_values = {
            "rmse": skm.root_mean_squared_error(y, p),
            "mae": skm.mean_absolute_error(y, p),
            "r2": skm.r2_score(y, p),
            "mape": skm.mean_absolute_percentage_error(y, p),
        }
    return {"case": name, "task": "regression", "options": options(prediction="pred"),
            "metrics": metric_values, "groups": {}}, captured.messages


def case_regression(rng, folder):
    n = 2000
    x = rng.gamma(2.0, 2.0, size=n)
    label = 3.0 + 1.7 * x + rng.normal(scale=1.5, size=n)
    pred = 3.2 + 1.6 * x + rng.normal(scale=0.8, size=n)
    # a few labels close to zero (never exactly zero) blow up the percentage error
    near_zero = rng.choice(n, size=12, replace=False)
    label[near_zero] = rng.choice([-1.0, 1.0], size=12) * rng.uniform(0.0005, 0.02, size=12)
    frame = pd.DataFrame({"label": np.round(label, 4), "pred": np.round(pred, 4)})
    assert (frame["label"] != 0).all()
    write_csv(frame, folder / "predictions.csv")
    return regression_expected("regression", pd.read_csv(folder / "predictions.csv"))


def case_regression_constant(rng, folder):
    n = 100
    frame = pd.DataFrame({"label": np.full(n, 4.25),
                          "pred": np.round(4.25 + rng.normal(scale=0.3, size=n), 3)})
    write_csv(frame, folder / "predictions.csv")
    return regression_expected("regression_constant", pd.read_csv(folder / "predictions.csv"))


def baseline_data(rng):
    n = 3000
    sex = rng.choice(["F", "M"], size=n, p=[0.5, 0.5])
    z, label = latent_binary(rng, n, np.where(sex == "M", 0.25, -0.1))
    shared = rng.normal(scale=0.7, size=n)  # error both models make: correlates the scores
    challenger = sigmoid(1.6 * z - 0.3 + shared + rng.normal(scale=0.5, size=n))
    champion = sigmoid(1.3 * z - 0.3 + shared + rng.normal(scale=0.8, size=n))
    ids = np.array([f"c{i:05d}" for i in range(1, n + 1)])
    return pd.DataFrame({"id": ids, "label": label, "score": np.round(challenger, 4), "sex": sex}), \
        pd.DataFrame({"id": ids, "label": label, "score": np.round(champion, 4), "sex": sex})


def comparison_expected(name, challenger, baseline, id_column):
    """Metrics of the challenger plus the challenger-vs-baseline comparison."""
    if id_column is not None:
        baseline = baseline.set_index(id_column).loc[challenger[id_column]].reset_index()
        assert (baseline[id_column].to_numpy() == challenger[id_column].to_numpy()).all()
    assert (baseline["label"].to_numpy() == challenger["label"].to_numpy()).all()
    expected, messages = binary_case(name, challenger, label="label", positive_label="1",
                                     score="score", threshold=0.5, groups=["sex"],
                                     id_column=id_column)
    y = challenger["label"].to_numpy(dtype=np.int64)
    s_a = challenger["score"].to_numpy(dtype=np.float64)
    s_b = baseline["score"].to_numpy(dtype=np.float64)
    roc = delong_test(y, s_a, s_b)
    assert abs(roc["challenger"] - skm.roc_auc_score(y, s_a)) <= 1e-12
    assert abs(roc["baseline"] - skm.roc_auc_score(y, s_b)) <= 1e-12
    assert abs(roc["challenger"] - expected["metrics"]["roc_auc"]) <= 1e-12
    acc = mcnemar_exact(y, (s_a >= 0.5).astype(np.int64), (s_b >= 0.5).astype(np.int64))
    expected["comparison"] = {"roc_auc": roc, "accuracy": acc}
    return expected, messages


def case_binary_baseline(rng, folder, state):
    challenger, champion = baseline_data(rng)
    write_csv(challenger, folder / "predictions.csv")
    write_csv(champion.iloc[rng.permutation(len(champion))], folder / "baseline.csv")
    state["baseline"] = (challenger, champion)
    expected, messages = comparison_expected("binary_baseline",
                                             pd.read_csv(folder / "predictions.csv"),
                                             pd.read_csv(folder / "baseline.csv"), "id")
    state["baseline_expected"] = expected
    return expected, messages


def case_binary_baseline_rowordered(rng, folder, state):
    # the rows of binary_baseline, both files in the challenger's order, no id column:
    # row i of baseline.csv belongs to row i of predictions.csv
    challenger, champion = state["baseline"]
    write_csv(challenger.drop(columns="id"), folder / "predictions.csv")
    write_csv(champion.drop(columns="id"), folder / "baseline.csv")
    expected, messages = comparison_expected("binary_baseline_rowordered",
                               pd.read_csv(folder / "predictions.csv"),
                               pd.read_csv(folder / "baseline.csv"), None)
    joined = state["baseline_expected"]
    for key in ("metrics", "groups", "comparison"):
        assert clean(expected[key]) == clean(joined[key]), f"row-ordered {key} differ"
    return expected, messages


CASES = [
    ("binary_basic", case_binary_basic),
    ("binary_custom", case_binary_custom),
    ("binary_edges", case_binary_edges),
    ("binary_no_positive_predictions", case_binary_no_positive_predictions),
    ("binary_single_class", case_binary_single_class),
    ("binary_predicted_class", case_binary_predicted_class),
    ("multiclass", case_multiclass),
    ("regression", case_regression),
    ("regression_constant", case_regression_constant),
    ("binary_baseline", case_binary_baseline),
    ("binary_baseline_rowordered", case_binary_baseline_rowordered),
]


def main(argv):
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    state = {}
    for index, (name, make) in enumerate(CASES):
        folder = out / name
        folder.mkdir(exist_ok=True)
        for stale in ("baseline.csv", "predictions.jsonl"):
            (folder / stale).unlink(missing_ok=True)
        rng = np.random.default_rng(20240 + index)
        if make in (case_binary_baseline, case_binary_baseline_rowordered):
            expected, messages = make(rng, folder, state)
        else:
            expected, messages = make(rng, folder)
        write_expected(folder, expected)
        rows = sum(1 for _ in open(folder / "predictions.csv", encoding="utf-8")) - 1
        files = sorted(p.name for p in folder.iterdir())
        note = f"  warnings: {'; '.join(messages)}" if messages else ""
        print(f"{name}: {rows} rows, {len(expected['metrics'])} metrics, "
              f"files {','.join(files)}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Writes the reference values the canary analysis' statistics are tested against.

Usage: make_canary_reference.py OUTFILE

OUTFILE (JSON) holds
  "proportions": [{x1, n1, x2, n2, confidence, wilson1: [lo, hi], newcombe: [lo, hi]}]
      statsmodels proportion_confint(method="wilson") and
      confint_proportions_2indep(method="newcomb", compare="diff");
  "quantiles": [{samples, q, confidence, estimate, interval: [lo, hi]}]
      numpy.quantile (linear) and scipy.stats.quantile_test(...).confidence_interval;
      an unbounded end is written as null;
  "mann_whitney": [{x, y, p_greater}]
      scipy.stats.mannwhitneyu(x, y, alternative="greater", method="asymptotic").
Latency-like samples are lognormal, rounded to 0.1 ms so that ties occur, as in real logs.
Seeded: the output is the same on every run.
"""
import json
import math
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint


def finite(value):
    return None if not math.isfinite(value) else float(value)


def main(path):
    rng = np.random.default_rng(2026)
    proportions = []
    for x1, n1, x2, n2, confidence in [(0, 200, 0, 220, 0.95), (5, 200, 2, 220, 0.95), (30, 400, 4, 410, 0.98),
                                       (1, 50, 0, 1000, 0.95), (120, 5000, 118, 5100, 0.99), (3, 3, 0, 7, 0.9)]:
        alpha = 1 - confidence
        wilson = proportion_confint(x1, n1, alpha=alpha, method="wilson")
        newcombe = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=alpha)
        proportions.append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "confidence": confidence,
                            "wilson1": [float(wilson[0]), float(wilson[1])],
                            "newcombe": [float(newcombe[0]), float(newcombe[1])]})
    quantiles = []
    for n, q, confidence in [(500, 0.95, 0.95), (40, 0.99, 0.95), (2000, 0.5, 0.98), (25, 0.5, 0.9), (300, 0.99, 0.9)]:
        samples = np.round(rng.lognormal(3.0, 0.5, n), 1)
        ci = stats.quantile_test(samples, q=float(np.quantile(samples, q)), p=q).confidence_interval(confidence)
        quantiles.append({"samples": samples.tolist(), "q": q, "confidence": confidence,
                          "estimate": float(np.quantile(samples, q)),
                          "interval": [finite(ci.low), finite(ci.high)]})
    mann_whitney = []
    for n1, n2, factor in [(300, 280, 1.0), (300, 320, 1.05), (1000, 900, 1.2), (50, 60, 0.9)]:
        x = np.round(rng.lognormal(3.0, 0.5, n1) * factor, 1)
        y = np.round(rng.lognormal(3.0, 0.5, n2), 1)
        p = stats.mannwhitneyu(x, y, alternative="greater", method="asymptotic").pvalue
        mann_whitney.append({"x": x.tolist(), "y": y.tolist(), "p_greater": float(p)})
    mann_whitney.append({"x": [5.0] * 10, "y": [5.0] * 12,
                         "p_greater": float(stats.mannwhitneyu([5.0] * 10, [5.0] * 12, alternative="greater",
                                                               method="asymptotic").pvalue)})
    with open(path, "w") as out:
        json.dump({"proportions": proportions, "quantiles": quantiles, "mann_whitney": mann_whitney}, out)
    print(f"canary reference: {len(proportions)} proportion, {len(quantiles)} quantile, "
          f"{len(mann_whitney)} Mann-Whitney cases")


if __name__ == "__main__":
    main(sys.argv[1])

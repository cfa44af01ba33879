#!/usr/bin/env python3
"""Writes the reference cases that mlcd's drift engine is tested against.

Usage: make_drift_reference.py OUTDIR

For every drift case a folder OUTDIR/<case>/ is written with
  reference.csv   the reference data (header row, comma separated, empty cell = missing)
  current.csv     the current data, same columns
  expected.json   what SciPy / NumPy compute on those files, following docs/drift.md

  small  500 / 400 rows: the n <= 1000 branch (ks, chisquare, z); a category only in current
         (chisquare statistic +inf); a numeric {8, 12} column (z on the numerically first value)
  large  5,000 / 3,000 rows: wasserstein / jensenshannon; shift, scale change, no change;
         <= 5 and <= 20 distinct values; 30 categories; missing values on both sides
  ties   2,000 / 2,000 rows rounded to 1 decimal: repeated decile edges merged
  rare   12,000 / 15,000 rows, categorical only: a share of 1/12000 <= 1e-4, so the empty-bin
         rule takes its min_nonzero / 1e6 branch
  All sides have at most 10,000 values per numeric column, so mlcd's exact mode applies.
  Every exact-mode KS p-value is also checked against an independent lattice-path
  computation (ks_exact_p_by_paths) to 1e-9 relative.

and for the profile merge property two folders
  OUTDIR/merge/           part1.csv, part2.csv, whole.csv (= part1 rows then part2 rows),
                          summary.json (note + per-column summaries of whole.csv); 7,500 rows,
                          below the 10,000-value exact cap
  OUTDIR/merge_over_cap/  the same layout with 6,000 + 5,500 rows: each part keeps its exact
                          values, the union (11,500) is past the cap

and OUTDIR/ks_pvalues.json, a small table of ks_2samp statistics and p-values computed with
both of SciPy's methods ("exact" and "asymp") for several sample sizes, to unit-test the KS
p-value functions on their own.

The expected values are computed on the files *as written*: every file is read back with
pandas first (empty cell = missing, nothing else; numbers parsed with Python's float(),
i.e. correctly rounded like Java's Double.parseDouble).
Data are synthetic with fixed seeds, so the output is identical on every run for the pinned
versions in python/requirements.txt.

expected.json:
  {"case", "reference_rows", "current_rows", "quantile_method": "inverted_cdf",
   "versions": {"numpy", "scipy", "pandas"},
   "columns": {name: {
       "type": "numeric|categorical|boolean",
       "reference": {"count", "missing", "distinct"}, "current": {...},
       "distinct_union": u,                         distinct non-missing values of ref U cur
       "test": auto-selected test, "threshold", "statistic", "p_value", "drifted",
       "tests": {"ks": {"statistic", "p_value", "method": "exact|asymp"},
                 "wasserstein": {"statistic"}, "psi": {"statistic"}, "kl_div": {"statistic"},
                 "jensenshannon": {"statistic"}, "hellinger": {"statistic"},
                 "chisquare": {"statistic", "p_value", "df", "computed_by", "infinite"},
                 "z": {"statistic", "p_value", "first_category"}},
       "bins": {"kind": "deciles", "edges": [...], "raw_edges": [...], "quantile_method"}
             | {"kind": "values", "values": [...]},
       "shares": {"reference": [...], "current": [...]}      raw shares per bin (no replacement)
   }},
   "drift_share", "drifted_columns", "tested_columns"}
  Non-finite numbers are written as null: a chisquare statistic of +inf (a category absent
  from the reference, expected count 0) is null with "infinite": true and p_value 0.

Conventions (docs/drift.md), fixed here:
  * missing values are dropped per column before any test; n = non-missing reference count;
  * auto test: n <= 1000: numeric u <= 5 ? (u > 2 ? chisquare : z) : ks,
    categorical/boolean u > 2 ? chisquare : z; n > 1000: numeric u <= 5 ? jensenshannon :
    wasserstein, categorical/boolean jensenshannon;
  * ks and wasserstein are computed for numeric columns; chisquare and z for categorical and
    boolean columns and for numeric columns with at most 20 distinct reference values;
    psi, kl_div, jensenshannon and hellinger for every column;
  * categories / bin values are sorted as numbers in numeric columns and as strings
    otherwise ("false" < "true"), so the first category of a numeric column {8, 12} is 8;
  * decile edges: np.quantile(ref, [0.1, ..., 0.9], method="inverted_cdf"), checked against
    the integer rank form x_(ceil(j * n / 10)) of the sorted reference; duplicates merged;
    bin 0 = (-inf, e1], bin i = (e_i, e_i+1], last = (e_last, +inf);
  * psi and kl_div replace a zero share by min_nonzero / 1e6 if min_nonzero <= 1e-4, else by
    1e-4, separately per side; kl_div = scipy.stats.entropy(p, q), which renormalises p and
    q to sum 1 AFTER the replacement (psi does not renormalise);
  * jensenshannon = scipy.spatial.distance.jensenshannon(p, q) (natural log, no replacement);
    hellinger = sqrt(sum((sqrt p - sqrt q)^2)) / sqrt 2 (no replacement);
  * z = (p_ref - p_cur) / sqrt(P (1 - P) (1/n_ref + 1/n_cur)), p = share of the first
    category, P pooled; p-value 2 * norm.sf(|z|). (Evidently codes the first category as 0,
    so its z has the opposite sign, and computes 2 * (1 - norm.cdf(|z|)), which is 0 past
    |z| ~ 8.3; the p-values agree otherwise.)
  * drifted: ks p <= thr; chisquare, z p < thr; the others statistic >= thr; thresholds
    0.05 (ks, chisquare, z) and 0.1 (the others).
"""

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
from scipy import stats
from scipy.spatial import distance

QUANTILE_METHOD = "inverted_cdf"
DECILES = np.arange(1, 10) / 10.0
DISCRETE_MAX_DISTINCT = 20  # numeric columns with at most this many reference values: value bins
THRESHOLDS = {"ks": 0.05, "chisquare": 0.05, "z": 0.05, "wasserstein": 0.1, "psi": 0.1,
              "kl_div": 0.1, "jensenshannon": 0.1, "hellinger": 0.1}
P_VALUE_TESTS = ("ks", "chisquare", "z")


# --------------------------------------------------------------------------- helpers
def clean(value):
    """Converts numpy scalars to plain Python values and NaN / inf to None."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
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


def read_csv(path, types):
    """Reads a case file back: empty cell = missing, categorical/boolean as strings.

    Numbers are parsed with Python's float(), which rounds correctly like Java's
    Double.parseDouble, whatever pandas' own float parser does in a given version.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    assert list(frame.columns) == list(types), f"{path}: columns {list(frame.columns)}"
    for column, column_type in types.items():
        if column_type == "numeric":
            frame[column] = np.array([math.nan if pd.isna(v) else float(v)
                                      for v in frame[column]], dtype=np.float64)
    return frame


def write_json(path, payload):
    text = json.dumps(clean(payload), indent=2, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")


def with_missing(rng, values, share):
    """Returns values as an object array with about `share` of the entries set to None."""
    out = np.asarray(values, dtype=object)
    out[rng.random(len(out)) < share] = None
    return out


def bool_text(mask):
    return np.where(mask, "true", "false")


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


# --------------------------------------------------------------------------- tests
def auto_test(column_type, n_ref, distinct_union):
    """Evidently's default test choice, as specified in docs/drift.md."""
    u = distinct_union
    if n_ref <= 1000:
        if column_type == "numeric":
            if u <= 5:
                return "chisquare" if u > 2 else "z"
            return "ks"
        return "chisquare" if u > 2 else "z"
    if column_type == "numeric":
        return "jensenshannon" if u <= 5 else "wasserstein"
    return "jensenshannon"


def is_drifted(test, statistic, p_value):
    threshold = THRESHOLDS[test]
    if test == "ks":
        return p_value <= threshold
    if test in P_VALUE_TESTS:
        return p_value < threshold
    return statistic >= threshold


def decile_edges(ref):
    """Reference decile edges (lower empirical quantile), raw and de-duplicated."""
    raw = np.quantile(ref, DECILES, method=QUANTILE_METHOD)
    ordered = np.sort(ref)
    n = len(ordered)
    by_rank = np.array([ordered[-(-j * n // 10) - 1] for j in range(1, 10)])  # x_(ceil(jn/10))
    assert np.array_equal(raw, by_rank), f"np.quantile {raw} != rank form {by_rank} (n={n})"
    return raw, np.unique(raw)


def binned_shares(ref, cur, column_type):
    """Bins per docs/drift.md; returns (bins description, ref shares, cur shares)."""
    ref_distinct = np.unique(ref)
    if column_type == "numeric" and len(ref_distinct) > DISCRETE_MAX_DISTINCT:
        raw, edges = decile_edges(ref)
        # searchsorted(side="left"): x <= e1 -> 0, e_i < x <= e_i+1 -> i, x > e_last -> len
        ref_counts = np.bincount(np.searchsorted(edges, ref, side="left"),
                                 minlength=len(edges) + 1)
        cur_counts = np.bincount(np.searchsorted(edges, cur, side="left"),
                                 minlength=len(edges) + 1)
        bins = {"kind": "deciles", "edges": edges, "raw_edges": raw,
                "quantile_method": QUANTILE_METHOD}
    else:
        values = np.unique(np.concatenate([ref, cur]))  # numbers as numbers, else strings
        ref_counts = np.array([np.sum(ref == v) for v in values])
        cur_counts = np.array([np.sum(cur == v) for v in values])
        bins = {"kind": "values", "values": values}
    assert ref_counts.sum() == len(ref) and cur_counts.sum() == len(cur)
    return bins, ref_counts / len(ref), cur_counts / len(cur)


def fill_zeroes(shares):
    """Evidently's empty-bin rule (psi and kl_div only), one side at a time."""
    shares = shares.copy()
    smallest = shares[shares != 0].min()
    shares[shares == 0] = smallest / 1e6 if smallest <= 1e-4 else 1e-4
    return shares


def chisquare_test(ref, cur, categories):
    observed = np.array([np.sum(cur == c) for c in categories], dtype=np.float64)
    ref_counts = np.array([np.sum(ref == c) for c in categories], dtype=np.float64)
    expected = ref_counts * (len(cur) / len(ref))
    computed_by = "scipy.stats.chisquare"
    try:
        statistic, p_value = stats.chisquare(observed, expected)
    except ValueError:  # sums differ beyond scipy's tolerance: compute it directly
        with np.errstate(divide="ignore"):
            statistic = float(np.sum((observed - expected) ** 2 / expected))
        p_value = stats.chi2.sf(statistic, len(categories) - 1)
        computed_by = "sum((o-e)^2/e), chi2.sf"
    infinite = bool(np.isinf(statistic))
    if infinite:
        assert p_value == 0.0, p_value
    return {"statistic": statistic, "p_value": p_value, "df": len(categories) - 1,
            "computed_by": computed_by, "infinite": infinite}


def z_test(ref, cur, categories):
    first = categories[0]
    n1, n2 = len(ref), len(cur)
    c1, c2 = int(np.sum(ref == first)), int(np.sum(cur == first))
    p1, p2 = c1 / n1, c2 / n2
    pooled = (c1 + c2) / (n1 + n2)
    if pooled in (0.0, 1.0):  # one identical value on both sides (Evidently: p = 1)
        return {"statistic": 0.0, "p_value": 1.0, "first_category": first}
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return {"statistic": z, "p_value": 2 * stats.norm.sf(abs(z)), "first_category": first}


def ks_exact_p_by_paths(n1, n2, d):
    """Two-sided P(D >= d) under H0 by walking the lattice paths, an independent check of
    scipy's exact method: the mass of a uniformly random path from (0, 0) to (n1, n2) is
    pushed diagonal by diagonal, and the mass entering a cell with
    |i/n1 - j/n2| >= d (d rounded to h / lcm as scipy does) is summed and removed. Summing
    the leaving mass (not 1 - inside) keeps tiny p-values accurate. Only the band of cells
    that still hold mass is updated, so 5000 x 3000 takes a fraction of a second."""
    g = math.gcd(n1, n2)
    lcm = n1 // g * n2
    bound = int(np.round(d * lcm)) * g  # |i*n2 - j*n1| >= bound <=> |i/n1 - j/n2| >= h/lcm
    if bound == 0:
        return 1.0
    total = n1 + n2
    index = np.arange(n1 + 1, dtype=np.float64)
    remaining_1 = n1 - index                               # values of sample 1 still to come
    scaled = np.arange(n1 + 1, dtype=np.int64) * total      # i*n2 - j*n1 = i*total - k*n1
    mass = np.zeros(n1 + 1)  # mass[i] = probability at cell (i, k - i) of the current diagonal
    mass[0] = 1.0
    a = b = 0                # cells a..b hold all of the mass
    outside = 0.0
    for k in range(1, total + 1):
        lo, hi = a, min(b + 1, n1)
        prev = mass[lo:hi + 1]
        # (i, j) -> (i, j + 1) with weight n2 - j = n2 - (k - 1 - i); (i - 1, j) -> (i, j)
        # with weight n1 - (i - 1); both over the values left, total - (k - 1). Cells off
        # the grid hold no mass, so they need no mask.
        new = prev * (index[lo:hi + 1] + (n2 - k + 1))
        new[1:] += prev[:-1] * remaining_1[lo:hi]
        new /= total - (k - 1)
        hit = np.abs(scaled[lo:hi + 1] - k * n1) >= bound
        outside += new[hit].sum()
        new[hit] = 0.0
        mass[lo:hi + 1] = new
        held = np.flatnonzero(new)
        if len(held) == 0:
            break
        a, b = lo + held[0], lo + held[-1]
    return outside


def column_tests(ref, cur, column_type):
    """All applicable tests for one column (missing values already dropped)."""
    tests = {}
    ref_distinct = len(np.unique(ref))
    if column_type == "numeric":
        n1, n2 = len(ref), len(cur)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ks = stats.ks_2samp(ref, cur)  # method="auto"
        method = "exact" if max(n1, n2) <= 10000 else "asymp"
        if any("Switching to" in str(w.message) for w in caught):
            method = "asymp"  # the exact computation failed and scipy fell back
        tests["ks"] = {"statistic": ks.statistic, "p_value": ks.pvalue, "method": method}
        if method == "exact":
            check = ks_exact_p_by_paths(n1, n2, ks.statistic)
            assert abs(check - ks.pvalue) <= 1e-9 * ks.pvalue + 1e-300, (ks.pvalue, check)
        tests["wasserstein"] = {
            "statistic": stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)}
    bins, p, q = binned_shares(ref, cur, column_type)
    pf, qf = fill_zeroes(p), fill_zeroes(q)
    tests["psi"] = {"statistic": np.sum((pf - qf) * np.log(pf / qf))}
    tests["kl_div"] = {"statistic": stats.entropy(pf, qf)}
    tests["jensenshannon"] = {"statistic": distance.jensenshannon(p, q)}
    tests["hellinger"] = {"statistic": math.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2))
                                       / math.sqrt(2)}
    if column_type != "numeric" or ref_distinct <= DISCRETE_MAX_DISTINCT:
        categories = np.unique(np.concatenate([ref, cur]))
        tests["chisquare"] = chisquare_test(ref, cur, categories)
        tests["z"] = z_test(ref, cur, categories)
    return tests, bins, p, q


def infer_type(values):
    """docs/drift.md type inference on the non-missing text values of a column."""
    text = [str(v) for v in values]
    if all(t.lower() in ("true", "false") for t in text):
        return "boolean"
    try:
        for t in text:
            float(t)
        return "numeric"
    except ValueError:
        return "categorical"


def drift_expected(name, folder, types):
    reference = read_csv(folder / "reference.csv", types)
    current = read_csv(folder / "current.csv", types)
    raw_ref = pd.read_csv(folder / "reference.csv", dtype=str, keep_default_na=False)
    columns = {}
    with Captured() as captured:
        for column, column_type in types.items():
            assert infer_type([v for v in raw_ref[column] if v != ""]) == column_type, column
            ref_series = reference[column].dropna()
            cur_series = current[column].dropna()
            if column_type == "numeric":
                ref = ref_series.to_numpy(dtype=np.float64)
                cur = cur_series.to_numpy(dtype=np.float64)
            else:
                ref = ref_series.to_numpy(dtype=object).astype(str)
                cur = cur_series.to_numpy(dtype=object).astype(str)
            union = len(np.unique(np.concatenate([ref, cur])))
            test = auto_test(column_type, len(ref), union)
            tests, bins, p, q = column_tests(ref, cur, column_type)
            chosen = tests[test]
            p_value = chosen.get("p_value")
            entry = {
                "type": column_type,
                "reference": {"count": len(ref), "missing": int(reference[column].isna().sum()),
                              "distinct": len(np.unique(ref))},
                "current": {"count": len(cur), "missing": int(current[column].isna().sum()),
                            "distinct": len(np.unique(cur))},
                "distinct_union": union,
                "test": test,
                "threshold": THRESHOLDS[test],
                "statistic": chosen["statistic"],
                "p_value": p_value,
                "drifted": is_drifted(test, chosen["statistic"], p_value),
                "tests": tests,
                "bins": bins,
                "shares": {"reference": p, "current": q},
            }
            columns[column] = entry
    drifted = [c for c, e in columns.items() if e["drifted"]]
    expected = {
        "case": name,
        "reference_rows": len(reference),
        "current_rows": len(current),
        "quantile_method": QUANTILE_METHOD,
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "pandas": pd.__version__},
        "columns": columns,
        "drift_share": len(drifted) / len(columns),
        "drifted_columns": drifted,
        "tested_columns": len(columns),
    }
    return expected, captured.messages


# --------------------------------------------------------------------------- cases
def case_small(rng, folder):
    """500 / 400 rows: the n <= 1000 branch (ks, chisquare, z)."""
    def make(n, drift):
        return pd.DataFrame({
            # mean shift of 0.45 sd in current
            "age": np.round(rng.normal(40.0 + (4.5 if drift else 0.0), 10.0, size=n), 1),
            # same distribution on both sides
            "balance": np.round(rng.gamma(2.0, 1500.0, size=n), 2),
            # 4 values -> chisquare
            "num_products": rng.choice([1, 2, 3, 4], size=n,
                                       p=[0.3, 0.3, 0.25, 0.15] if drift else [0.4, 0.35, 0.2, 0.05]),
            # numeric with 2 values -> z; first category is 8 (numeric order, not "12" < "8")
            "shift_hours": rng.choice([8, 12], size=n, p=[0.7, 0.3]),
            # binary categorical -> z, with drift
            "contract": rng.choice(["monthly", "yearly"], size=n,
                                   p=[0.45, 0.55] if drift else [0.6, 0.4]),
            # 4 categories in reference, a 5th ("central") only in current -> chisquare, inf
            "region": (rng.choice(["central", "east", "north", "south", "west"], size=n,
                                  p=[0.08, 0.23, 0.23, 0.23, 0.23]) if drift else
                       rng.choice(["east", "north", "south", "west"], size=n)),
            # boolean, no drift -> z
            "is_active": bool_text(rng.random(n) < 0.62),
        })
    write_csv(make(500, False), folder / "reference.csv")
    write_csv(make(400, True), folder / "current.csv")
    types = {"age": "numeric", "balance": "numeric", "num_products": "numeric",
             "shift_hours": "numeric", "contract": "categorical", "region": "categorical",
             "is_active": "boolean"}
    return drift_expected("small", folder, types)


def case_large(rng, folder):
    """5000 / 3000 rows: the n > 1000 branch (wasserstein, jensenshannon), missing values."""
    categories = np.array([f"mc{i:02d}" for i in range(1, 31)])
    base = rng.dirichlet(np.full(30, 2.0))
    moved = base.copy()
    moved[:6] = moved[:6] * 2.2  # six categories gain share, the others lose
    moved /= moved.sum()

    def make(n, drift):
        income = np.round(rng.lognormal(10.8 + (0.12 if drift else 0.0), 0.5, size=n), 2)
        session = np.round(rng.normal(12.0, 3.0 * (1.6 if drift else 1.0), size=n), 3)
        credit = np.round(rng.normal(680.0, 55.0, size=n))
        channel = rng.choice(["app", "store", "web"], size=n,
                             p=[0.45, 0.2, 0.35] if drift else [0.4, 0.25, 0.35])
        return pd.DataFrame({
            "income": income,                                   # shift (x 1.13)
            "session_minutes": session,                         # scale change, same mean
            "latency_ms": np.round(rng.gamma(3.0, 40.0, size=n), 1),   # no change
            "tenure_years": rng.binomial(15, 0.35 if drift else 0.3, size=n),  # 16 values
            "num_devices": rng.choice([1, 2, 3, 4, 5], size=n,  # <= 5 values -> jensenshannon
                                      p=[0.2, 0.3, 0.3, 0.15, 0.05] if drift
                                      else [0.35, 0.35, 0.2, 0.07, 0.03]),
            "merchant_category": rng.choice(categories, size=n, p=moved if drift else base),
            # missing values on both sides (3 % / 6 %), no drift
            "credit_score": with_missing(rng, credit, 0.06 if drift else 0.03),
            "channel": with_missing(rng, channel, 0.05 if drift else 0.02),
            "is_premium": bool_text(rng.random(n) < 0.18),
        })
    write_csv(make(5000, False), folder / "reference.csv")
    write_csv(make(3000, True), folder / "current.csv")
    types = {"income": "numeric", "session_minutes": "numeric", "latency_ms": "numeric",
             "tenure_years": "numeric", "num_devices": "numeric",
             "merchant_category": "categorical", "credit_score": "numeric",
             "channel": "categorical", "is_premium": "boolean"}
    return drift_expected("large", folder, types)


def case_ties(rng, folder):
    """2000 / 2000 rows of heavily tied values (1 decimal): repeated decile edges."""
    def make(n, drift):
        zero_share = 0.35 if drift else 0.45
        discount = np.where(rng.random(n) < zero_share, 0.0,
                            np.round(rng.exponential(2.0, size=n), 1))
        rating = np.round(5.0 * rng.beta(5.0, 2.0, size=n), 1)
        wait = np.round(rng.gamma(2.0, 1.5, size=n) + (0.3 if drift else 0.0), 1)
        # 40 % of rows exactly 1.0: q10..q40 all equal 1.0
        weight = np.where(rng.random(n) < 0.4, 1.0, np.round(rng.uniform(0.0, 5.0, size=n), 1))
        return pd.DataFrame({"discount": discount, "rating": rating, "wait_min": wait,
                             "weight": weight})
    write_csv(make(2000, False), folder / "reference.csv")
    write_csv(make(2000, True), folder / "current.csv")
    types = {"discount": "numeric", "rating": "numeric", "wait_min": "numeric",
             "weight": "numeric"}
    expected, messages = drift_expected("ties", folder, types)
    merged = [c for c, e in expected["columns"].items()
              if e["bins"]["kind"] == "deciles" and len(e["bins"]["edges"]) < 9]
    assert len(merged) >= 2, f"ties: expected repeated decile edges, got {merged}"
    return expected, messages


def case_rare(rng, folder):
    """12000 / 15000 rows, categorical and boolean only: a category seen once in the
    reference and never in current, another seen once in current only, so that psi and
    kl_div take the min_nonzero / 1e6 branch of the empty-bin rule (1 / 12000 <= 1e-4)."""
    products = np.array(["basic", "family", "plus", "pro", "student", "team"])

    def make(n, drift, rare):
        product = rng.choice(products, size=n, p=[0.3, 0.15, 0.2, 0.15, 0.1, 0.1] if drift
                             else [0.3, 0.15, 0.22, 0.15, 0.1, 0.08]).astype(object)
        product[rng.integers(n)] = rare
        return pd.DataFrame({
            "product": product,
            "device": rng.choice(["android", "desktop", "ios"], size=n,
                                 p=[0.42, 0.16, 0.42] if drift else [0.35, 0.3, 0.35]),
            "is_trial": bool_text(rng.random(n) < 0.1),
        })
    write_csv(make(12000, False, "legacy"), folder / "reference.csv")
    write_csv(make(15000, True, "enterprise"), folder / "current.csv")
    types = {"product": "categorical", "device": "categorical", "is_trial": "boolean"}
    return drift_expected("rare", folder, types)


def merge_frame(rng, n):
    amount = np.round(rng.lognormal(3.5, 0.8, size=n), 2)
    return pd.DataFrame({
        "amount": with_missing(rng, amount, 0.02),
        "items": rng.poisson(2.5, size=n),
        "country": with_missing(rng, rng.choice(["DE", "ES", "FR", "IT", "PL"], size=n,
                                                p=[0.3, 0.2, 0.25, 0.15, 0.1]), 0.01),
        "returning": bool_text(rng.random(n) < 0.55),
    })


def summary(frame, types):
    out = {}
    for column, column_type in types.items():
        values = frame[column].dropna()
        entry = {"type": column_type, "count": len(values),
                 "missing": int(frame[column].isna().sum())}
        if column_type == "numeric":
            x = values.to_numpy(dtype=np.float64)
            entry.update({"min": x.min(), "max": x.max(), "mean": x.mean(),
                          "std": x.std(ddof=0), "distinct": len(np.unique(x))})
        else:
            counts = values.astype(str).value_counts()
            entry["value_counts"] = {k: int(counts[k]) for k in sorted(counts.index)}
        out[column] = entry
    return out


def merge_case(rng, folder, n1, n2):
    part1, part2 = merge_frame(rng, n1), merge_frame(rng, n2)
    write_csv(part1, folder / "part1.csv")
    write_csv(part2, folder / "part2.csv")
    write_csv(pd.concat([part1, part2], ignore_index=True), folder / "whole.csv")
    types = {"amount": "numeric", "items": "numeric", "country": "categorical",
             "returning": "boolean"}
    back = {name: read_csv(folder / f"{name}.csv", types) for name in ("part1", "part2", "whole")}
    assert back["whole"].equals(pd.concat([back["part1"], back["part2"]], ignore_index=True))
    note = ("whole.csv holds the rows of part1.csv followed by those of part2.csv (one header). "
            "Property: profile(whole.csv) == merge(profile(part1.csv), profile(part2.csv)) -- "
            "counts, missing, min/max, value counts exactly; mean/std to float rounding; "
            "exact values concatenated (dropped when the union passes 10,000 values); KLL "
            "quantiles within the sketch's rank error.")
    payload = {"note": note, "rows": {k: len(v) for k, v in back.items()},
               "exact_cap": 10000, "whole_over_exact_cap": n1 + n2 > 10000,
               "columns": summary(back["whole"], types),
               "parts": {k: summary(back[k], types) for k in ("part1", "part2")}}
    write_json(folder / "summary.json", payload)
    return payload


def ks_pvalue_table(rng):
    """ks_2samp with method exact and asymp on a few sample-size pairs (unit-test table)."""
    rows = []
    for n1, n2, shift in [(30, 30, 0.6), (50, 40, 0.3), (400, 500, 0.25), (1000, 1000, 0.1),
                          (2000, 2000, 0.05), (3000, 5000, 0.05), (7, 13, 1.0),
                          (12000, 11000, 0.03), (20000, 15000, 0.0)]:
        a = np.round(rng.normal(0.0, 1.0, size=n1), 3)
        b = np.round(rng.normal(shift, 1.0, size=n2), 3)
        entry = {"n1": n1, "n2": n2}
        for method in ("exact", "asymp", "auto"):
            with Captured() as captured:
                result = stats.ks_2samp(a, b, method=method)
            entry[method] = {"statistic": result.statistic, "p_value": result.pvalue}
            if captured.messages:
                entry[method]["warnings"] = captured.messages
        en = n1 * n2 / (n1 + n2)
        entry["asymp_formula"] = "scipy.stats.kstwo.sf(D, round(n1*n2/(n1+n2)))"
        assert entry["asymp"]["p_value"] == stats.kstwo.sf(entry["asymp"]["statistic"],
                                                            np.round(en))
        entry["auto_method"] = "exact" if max(n1, n2) <= 10000 else "asymp"
        rows.append(entry)
    return {"note": "two-sided ks_2samp; 'auto' = exact when max(n1, n2) <= 10000, else asymp. "
                    "exact: D is rounded to h / lcm(n1, n2), h = round(D * lcm); n1 == n2 uses "
                    "_compute_prob_outside_square, else _compute_outer_prob_inside_method; on "
                    "floating-point failure scipy warns and falls back to asymp. asymp (two-"
                    "sided) is kstwo.sf(D, round(n1*n2/(n1+n2))), the one-sample exact "
                    "distribution at the effective n, not kstwobign.",
            "scipy": scipy.__version__, "rows": rows}


CASES = [("small", case_small), ("large", case_large), ("ties", case_ties), ("rare", case_rare)]


def main(argv):
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for index, (name, make) in enumerate(CASES):
        folder = out / name
        folder.mkdir(exist_ok=True)
        rng = np.random.default_rng(31400 + index)
        expected, messages = make(rng, folder)
        write_json(folder / "expected.json", expected)
        tests = ", ".join(f"{c}:{e['test']}{'*' if e['drifted'] else ''}"
                          for c, e in expected["columns"].items())
        note = f"  warnings: {'; '.join(messages)}" if messages else ""
        print(f"{name}: {expected['reference_rows']}/{expected['current_rows']} rows, "
              f"drift_share {expected['drift_share']:.3f} ({tests}){note}")
    for index, (name, n1, n2) in enumerate([("merge", 4000, 3500),
                                            ("merge_over_cap", 6000, 5500)]):
        folder = out / name
        folder.mkdir(exist_ok=True)
        payload = merge_case(np.random.default_rng(31500 + index), folder, n1, n2)
        print(f"{name}: part1 {payload['rows']['part1']} + part2 {payload['rows']['part2']} "
              f"= whole {payload['rows']['whole']} rows, summary.json")
    table = ks_pvalue_table(np.random.default_rng(31600))
    write_json(out / "ks_pvalues.json", table)
    print(f"ks_pvalues.json: {len(table['rows'])} sample-size pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Writes the drift benchmark's reference and current CSVs (20 columns).

Usage: make_drift_data.py REFERENCE.csv CURRENT.csv [--rows N] [--seed S]

12 numeric columns (normal, lognormal, gamma, beta, uniform, Poisson counts, a bimodal
mixture, negative values; 0 to 4 decimals) and 8 categorical columns with 3 to 50
categories. Two columns have about 1% empty cells (missing). The current file differs from
the reference in exactly five columns (DRIFTED below): a mean shift, a scale change, a
mixture-weight change, a shift of category shares and a new category taking 8% of rows;
the other 15 columns come from the same distributions on both sides.

Rows are produced in chunks with numpy and written as byte records without per-row Python:
each field is rendered right-aligned (numbers) or left-aligned (categories) into a fixed-
width byte block, and the padding is dropped with one boolean mask, so 1,000,000 rows per
file take a few seconds. Each file is written to NAME.tmp and renamed when complete.
"""

import argparse
import os
import sys

import numpy as np

CHUNK = 250_000
DRIFTED = ["income", "session_minutes", "latency_ms", "plan", "country"]

COUNTRIES = [f"C{i:02d}" for i in range(1, 51)]                       # 50 categories
MERCHANTS = [f"merchant_{i:02d}" for i in range(1, 31)]                # 30
REGIONS = ["north", "north-east", "east", "south-east", "south", "south-west", "west",
           "north-west", "central", "islands", "overseas", "capital"]  # 12
BROWSERS = ["chrome", "edge", "firefox", "opera", "safari", "samsung", "brave", "other"]


def zipf_shares(k, s=1.1):
    w = 1.0 / np.arange(1, k + 1) ** s
    return w / w.sum()


COUNTRY_P = zipf_shares(50)
MERCHANT_P = zipf_shares(30, 0.8)
REGION_P = zipf_shares(12, 0.6)
BROWSER_P = np.array([0.55, 0.08, 0.07, 0.02, 0.2, 0.04, 0.01, 0.03])


# --------------------------------------------------------------------------- rendering
def number_field(values, decimals, int_digits):
    """Bytes block and keep-mask of numbers rounded to `decimals` (NaN -> empty field)."""
    n = len(values)
    missing = np.isnan(values)
    v = np.where(missing, 0.0, values)
    scaled = np.rint(np.abs(v) * 10.0 ** decimals).astype(np.int64)
    negative = (v < 0) & (scaled > 0)
    width = 1 + int_digits + (1 + decimals if decimals else 0)
    assert scaled.max(initial=0) < 10 ** (int_digits + decimals), "widen int_digits"
    block = np.empty((n, width), dtype=np.uint8)
    keep = np.ones((n, width), dtype=bool)
    rest = scaled.copy()
    position = width - 1
    for _ in range(decimals):
        block[:, position] = ord("0") + rest % 10
        rest //= 10
        position -= 1
    if decimals:
        block[:, position] = ord(".")
        position -= 1
    integer = rest
    ndigits = np.ones(n, dtype=np.int64)  # digits of the integer part, at least one
    for k in range(1, int_digits):
        ndigits += integer >= 10 ** k
    for k in range(int_digits):
        block[:, position] = ord("0") + rest % 10
        rest //= 10
        keep[:, position] = k < ndigits
        position -= 1
    block[:, 0] = ord("-")
    keep[:, 0] = negative
    keep[missing] = False
    return block, keep


def category_field(labels, codes, missing=None):
    """Bytes block and keep-mask of category labels (missing -> empty field)."""
    encoded = [label.encode() for label in labels]
    width = max(len(e) for e in encoded)
    table = np.zeros((len(encoded), width), dtype=np.uint8)
    for i, e in enumerate(encoded):
        table[i, :len(e)] = np.frombuffer(e, dtype=np.uint8)
    lengths = np.array([len(e) for e in encoded])
    block = table[codes]
    keep = np.arange(width)[None, :] < lengths[codes][:, None]
    if missing is not None:
        keep[missing] = False
    return block, keep


def render(fields):
    """Joins (block, keep) fields with commas and newlines into one bytes object."""
    n = fields[0][0].shape[0]
    blocks, keeps = [], []
    for i, (block, keep) in enumerate(fields):
        sep = np.full((n, 1), ord("," if i < len(fields) - 1 else "\n"), dtype=np.uint8)
        blocks += [block, sep]
        keeps += [keep, np.ones((n, 1), dtype=bool)]
    return np.hstack(blocks)[np.hstack(keeps)].tobytes()


# --------------------------------------------------------------------------- columns
def chunk_fields(rng, n, current):
    """(name, (block, keep)) of all 20 columns for n rows of one side."""
    d = current  # drift applies only to the DRIFTED columns
    mix = rng.random(n) < (0.5 if d else 0.3)  # bimodal mixture weight (drifted)
    latency = np.where(mix, rng.normal(300.0, 40.0, n), rng.gamma(4.0, 25.0, n))
    temperature = rng.normal(12.0, 8.0, n)
    score = rng.beta(2.0, 5.0, n)
    income = rng.lognormal(10.6 + (0.15 if d else 0.0), 0.6, n)
    balance = rng.gamma(1.5, 2000.0, n)
    balance[rng.random(n) < 0.01] = np.nan  # ~1% missing
    plan_p = [0.25, 0.30, 0.30, 0.10, 0.05] if d else [0.40, 0.30, 0.15, 0.10, 0.05]
    country_codes = rng.choice(50, size=n, p=COUNTRY_P)
    countries = COUNTRIES
    if d:  # a new category takes 8 % of the rows
        countries = COUNTRIES + ["C99"]
        country_codes[rng.random(n) < 0.08] = 50
    channel_missing = rng.random(n) < 0.012
    numeric = [
        ("age", rng.normal(41.0, 12.0, n).clip(18, 95), 0, 3),
        ("income", income, 2, 8),
        ("balance", balance, 2, 7),
        ("tenure_days", rng.exponential(700.0, n), 0, 6),
        ("session_minutes", rng.normal(14.0, 4.0 * (1.7 if d else 1.0), n).clip(0, None), 3, 4),
        ("latency_ms", latency, 1, 5),
        ("score", score, 4, 1),
        ("ratio", rng.uniform(0.0, 1.0, n), 4, 1),
        ("txn_amount", rng.lognormal(3.2, 1.1, n), 2, 7),
        ("items", rng.poisson(3.0, n).astype(np.float64), 0, 3),
        ("temperature", temperature, 1, 4),
        ("discount", np.where(rng.random(n) < 0.6, 0.0, rng.exponential(8.0, n)), 1, 4),
    ]
    categorical = [
        ("country", countries, country_codes, None),
        ("device", ["desktop", "mobile", "tablet"], rng.choice(3, n, p=[0.35, 0.55, 0.1]), None),
        ("plan", ["free", "basic", "plus", "pro", "enterprise"], rng.choice(5, n, p=plan_p), None),
        ("channel", ["web", "app", "store", "partner"], rng.choice(4, n, p=[0.4, 0.35, 0.15, 0.1]),
         channel_missing),
        ("region", REGIONS, rng.choice(12, n, p=REGION_P), None),
        ("browser", BROWSERS, rng.choice(8, n, p=BROWSER_P), None),
        ("segment", ["A", "B", "C", "D", "E", "F"], rng.choice(6, n), None),
        ("merchant", MERCHANTS, rng.choice(30, n, p=MERCHANT_P), None),
    ]
    fields = [(name, number_field(v, dec, digits)) for name, v, dec, digits in numeric]
    fields += [(name, category_field(labels, codes, miss))
               for name, labels, codes, miss in categorical]
    return fields


def write_file(path, rows, seed, current):
    rng = np.random.default_rng(seed)
    tmp = path + ".tmp"
    with open(tmp, "wb") as handle:
        header_done = False
        left = rows
        while left > 0:
            n = min(CHUNK, left)
            fields = chunk_fields(rng, n, current)
            if not header_done:
                handle.write((",".join(name for name, _ in fields) + "\n").encode())
                header_done = True
            handle.write(render([f for _, f in fields]))
            left -= n
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference")
    parser.add_argument("current")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2718)
    args = parser.parse_args(argv)
    write_file(args.reference, args.rows, args.seed, current=False)
    write_file(args.current, args.rows, args.seed + 1, current=True)
    print(f"wrote {args.rows} rows to {args.reference} and {args.current} "
          f"(drift in {', '.join(DRIFTED)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

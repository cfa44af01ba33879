#!/usr/bin/env python3
"""Writes the reference cases that mlcd's data validation is tested against.

Usage: make_data_validation_reference.py OUTDIR

For every case a folder OUTDIR/<case>/ is written with
  batch.csv       the batch (header row, comma separated)
  reference.csv   the reference data for skew constraints
  schema.yaml     the schema (schema_version 1) the batch is checked against
  expected.json   what pandas computes on those files, per constraint name:
                  {"rows", "constraints": {name: {"type", "outcome", "count"|null, "share"|null,
                   "observed"|null, "examples": [...]}}, "anomalies": {type: n}}

  anomalies  6,000 rows (the schema asks 7,000 to 9,000): every anomaly type at least once, each with values planted at known
             rows (type mismatches, out-of-range, out-of-domain, long and badly formed
             strings, repeated ids, repeated keys, a shifted mean, skewed distributions), a
             column missing from the batch and one the schema does not name.
  clean      4,000 rows of the same kind with no anomaly: every constraint passes.

Conventions (docs/validate-data.md), as mlcd reads the files: pandas read_csv with every
column as text and pandas' default missing markers; a numeric value is readable when it
parses as a finite float (inf parses but counts as missing, not as a type mismatch); a boolean
when it is true/false in any case. A value is present when it is readable or not of the
column's type (completeness; pandas' notna() on the text, except that inf, -inf and Infinity in a
numeric column count as missing, as mlcd's profiles count them). Value constraints look at readable values only; count is
the number of values (rows) breaking the constraint, share = count / rows of the batch;
examples are the first 5 offending values in file order, as written. Repeats: pandas'
duplicated() (numbers compared as floats, keys as text, rows with a key column missing
dropped). Quantiles: pandas' default linear interpolation; stddev: ddof 0. Skew: L-infinity of
the value shares; Jensen-Shannon divergence, base 2, over the reference's decile bins
(numpy quantile method inverted_cdf, bins (-inf, e1], ..., (e9, +inf)), as TFDV defines them.
Data are synthetic with fixed seeds.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
from scipy.spatial import distance

EXAMPLES = 5


def fmt(value):
    """A number as mlcd writes it in constraint names: 1, not 1.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=True)


def numbers(text):
    """Readable numbers (NaN where missing or unreadable) and the unreadable mask."""
    parsed = pd.to_numeric(text, errors="coerce")
    present = text.notna()
    lowered = text.str.lower().str.lstrip("+-")
    infinite = lowered.isin(["inf", "infinity"])
    unreadable = present & parsed.isna() & ~infinite
    readable = parsed.where(np.isfinite(parsed.astype(float)))
    return readable.astype(float), unreadable


def first(values):
    return [str(v) for v in list(values)[:EXAMPLES]]


def result(kind, rows, count, observed, passed, examples):
    return {"type": kind, "outcome": "PASSED" if passed else "FAILED", "count": None if count is None else int(count),
            "share": None if count is None else count / rows, "observed": observed, "examples": examples}


def jensen_shannon(ref, cur):
    edges = np.unique(np.quantile(ref, [k / 10 for k in range(1, 10)], method="inverted_cdf"))
    def counts(values):
        bins = np.searchsorted(edges, values, side="left")
        return np.bincount(bins, minlength=len(edges) + 1).astype(float)
    p = counts(ref)
    q = counts(cur)
    return min(1.0, distance.jensenshannon(p / p.sum(), q / q.sum(), base=2) ** 2)


def l_infinity(ref, cur):
    p = ref.value_counts(normalize=True)
    q = cur.value_counts(normalize=True)
    values = set(p.index) | set(q.index)
    return max(abs(p.get(v, 0.0) - q.get(v, 0.0)) for v in values)


def expected(folder, schema):
    batch = read(os.path.join(folder, "batch.csv"))
    reference = read(os.path.join(folder, "reference.csv"))
    rows = len(batch)
    out = {}
    out[f"rows in [{schema['rows'][0]}, {schema['rows'][1]}]"] = result(
        "row_count_out_of_range", rows, 0 if schema["rows"][0] <= rows <= schema["rows"][1] else rows, rows,
        schema["rows"][0] <= rows <= schema["rows"][1], [])
    extra = [c for c in batch.columns if c not in schema["columns"]]
    out["new_columns fail"] = result("new_column", rows, rows if extra else 0, len(extra), not extra, first(extra))
    key = schema["primary_key"]
    keys = batch[key].dropna()
    repeated = keys.duplicated()
    out["primary_key[" + ", ".join(key) + "]"] = result(
        "not_unique", rows, repeated.sum(), int(repeated.sum()), repeated.sum() == 0,
        first("(" + ", ".join(row) + ")" for row in keys[repeated].itertuples(index=False)))
    for name, spec in schema["columns"].items():
        present = name in batch.columns
        out[f"column[{name}] present"] = result("missing_column", rows, 0 if present else rows, 0.0 if present else 1.0,
                                                present, [])
        if not present:
            continue
        text = batch[name]
        kind = spec["type"]
        if kind == "numeric":
            values, unreadable = numbers(text)
            readable = values.notna()
        elif kind == "boolean":
            lowered = text.str.lower()
            readable = lowered.isin(["true", "false"])
            unreadable = text.notna() & ~readable
            values = lowered
        else:
            readable = text.notna()
            unreadable = pd.Series(False, index=text.index)
            values = text
        if kind != "categorical":
            out[f"type[{name}] {kind}"] = result("type_mismatch", rows, unreadable.sum(), int(unreadable.sum()),
                                                 unreadable.sum() == 0, first(text[unreadable]))
        n = readable.sum()
        for constraint, arg in spec.items():
            if constraint == "completeness":
                present = readable | unreadable   # an infinity in a numeric column counts as missing
                observed = present.mean()
                out[f"completeness[{name}] >= {fmt(arg)}"] = result("low_completeness", rows, rows - present.sum(),
                                                               observed, observed >= arg, [])
            elif constraint in ("range", "between", "non_negative"):
                low, high, share = (0, math.inf, 1) if constraint == "non_negative" else (
                    arg[0], arg[1], arg[2] if len(arg) > 2 else 1)
                bad = readable & ~values.between(low, high)
                count = bad.sum()
                kept = 1 - count / n
                label = {"range": f"range[{name}] in [{low}, {high}]",
                         "between": f"between[{name}] in [{low}, {high}]" + (f" for {share}" if share < 1 else ""),
                         "non_negative": f"non_negative[{name}]"}[constraint]
                out[label] = result("out_of_range", rows, count, kept if share < 1 else int(count), kept >= share,
                                    first(text[bad]))
            elif constraint == "mean":
                observed = values[readable].mean()
                out[f"mean[{name}] in [{arg[0]}, {arg[1]}]"] = result("statistic_out_of_range", rows, None, observed,
                                                                      arg[0] <= observed <= arg[1], [])
            elif constraint == "stddev":
                observed = values[readable].std(ddof=0)
                out[f"stddev[{name}] <= {fmt(arg)}"] = result("statistic_out_of_range", rows, None, observed,
                                                         observed <= arg, [])
            elif constraint == "quantile":
                q, low, high = arg
                observed = values[readable].quantile(q)
                out[f"quantile[{name}, {q}] in [{low}, {high}]"] = result("statistic_out_of_range", rows, None,
                                                                          observed, low <= observed <= high, [])
            elif constraint == "domain":
                bad = readable & ~values.isin(arg)
                out[f"domain[{name}]"] = result("out_of_domain", rows, bad.sum(), int(bad.sum()), bad.sum() == 0,
                                                first(text[bad]))
            elif constraint == "length":
                lengths = text.str.len()
                bad = readable & ~lengths.between(arg[0], arg[1])
                out[f"length[{name}] in [{arg[0]}, {arg[1]}]"] = result(
                    "length_out_of_range", rows, bad.sum(), int(bad.sum()), bad.sum() == 0, first(text[bad]))
            elif constraint == "pattern":
                regex, share = arg
                bad = readable & ~text.str.contains(regex, regex=True, na=False)
                kept = 1 - bad.sum() / n
                out[f"pattern[{name}]" + (f" for {share}" if share < 1 else "")] = result(
                    "pattern_mismatch", rows, bad.sum(), kept if share < 1 else int(bad.sum()), kept >= share,
                    first(text[bad]))
            elif constraint == "unique":
                repeated = readable & values.where(readable).duplicated() & values.notna()
                out[f"unique[{name}]"] = result("not_unique", rows, repeated.sum(), int(repeated.sum()),
                                                repeated.sum() == 0, first(text[repeated]))
            elif constraint == "skew":
                if kind == "numeric":
                    ref_values, _ = numbers(reference[name])
                    observed = jensen_shannon(ref_values.dropna().to_numpy(), values[readable].to_numpy())
                else:
                    ref_text = reference[name].dropna()
                    if kind == "boolean":
                        ref_text = ref_text.str.lower()
                    observed = l_infinity(ref_text, values[readable])
                out[f"skew[{name}] <= {fmt(arg)}"] = result("skew_too_high", rows, None, observed, observed <= arg, [])
    anomalies = {}
    for item in out.values():
        if item["outcome"] == "FAILED":
            anomalies[item["type"]] = anomalies.get(item["type"], 0) + 1
    return {"rows": rows, "constraints": out, "anomalies": anomalies}


def schema_yaml(schema):
    lines = ["schema_version: 1", f"rows: {{min: {schema['rows'][0]}, max: {schema['rows'][1]}}}",
             "new_columns: fail", "primary_key: [" + ", ".join(schema["primary_key"]) + "]", "columns:"]
    for name, spec in schema["columns"].items():
        lines.append(f"  {name}:")
        lines.append(f"    type: {spec['type']}")
        for constraint, arg in spec.items():
            if constraint == "completeness":
                lines.append(f"    completeness: {arg}")
            elif constraint == "range":
                lines.append(f"    range: {{min: {arg[0]}, max: {arg[1]}}}")
            elif constraint == "between":
                lines.append(f"    between: {{min: {arg[0]}, max: {arg[1]}, share: {arg[2]}}}")
            elif constraint == "non_negative":
                lines.append("    non_negative: true")
            elif constraint == "mean":
                lines.append(f"    mean: {{min: {arg[0]}, max: {arg[1]}}}")
            elif constraint == "stddev":
                lines.append(f"    stddev: {{max: {arg}}}")
            elif constraint == "quantile":
                lines.append(f"    quantiles: [{{q: {arg[0]}, min: {arg[1]}, max: {arg[2]}}}]")
            elif constraint == "domain":
                lines.append("    domain: [" + ", ".join(f"'{v}'" for v in arg) + "]")
            elif constraint == "length":
                lines.append(f"    length: {{min: {arg[0]}, max: {arg[1]}}}")
            elif constraint == "pattern":
                lines.append(f"    pattern: {{regex: '{arg[0]}', share: {arg[1]}}}")
            elif constraint == "unique":
                lines.append("    unique: true")
            elif constraint == "skew":
                measure = "jensen_shannon" if spec["type"] == "numeric" else "l_infinity"
                lines.append(f"    skew: {{{measure}: {arg}}}")
    return "\n".join(lines) + "\n"


def frame(rng, n, shift=0.0, region_weights=(0.4, 0.3, 0.2, 0.1)):
    return pd.DataFrame({
        "id": [f"c{i:06d}" for i in range(n)],
        "day": rng.integers(1, 29, n).astype(str),
        "age": np.round(rng.normal(45 + shift, 12, n).clip(18, 95), 1).astype(str),
        "income": np.round(rng.lognormal(10 + shift / 8, 0.5, n), 2).astype(str),
        "region": rng.choice(["east", "west", "north", "south"], n, p=list(region_weights)),
        "active": rng.choice(["true", "false", "TRUE", "False"], n),
    })


SCHEMA = {
    "primary_key": ["id", "day"],
    "columns": {
        "id": {"type": "categorical", "completeness": 1.0, "unique": True, "pattern": ["^c[0-9]{6}$", 0.9999]},
        "day": {"type": "numeric", "range": [1, 28], "non_negative": True},
        "age": {"type": "numeric", "completeness": 0.99, "range": [18, 95], "between": [18, 70, 0.95],
                "mean": [40, 48], "stddev": 15, "quantile": [0.5, 40, 50], "skew": 0.1},
        "income": {"type": "numeric", "completeness": 1.0, "non_negative": True, "skew": 0.05},
        "region": {"type": "categorical", "completeness": 0.99, "domain": ["east", "north", "south", "west"],
                   "length": [4, 5], "skew": 0.1},
        "active": {"type": "boolean", "domain": ["true", "false"], "skew": 0.2},
        "score": {"type": "numeric"},
    },
}


def anomalies_case(rng):
    batch = frame(rng, 6000, shift=4, region_weights=(0.1, 0.3, 0.2, 0.4))
    reference = frame(np.random.default_rng(7), 5000)
    batch.loc[[10, 50, 3000], "age"] = ["forty", "n/a?", "17 years"]       # type mismatches
    batch.loc[[12, 900, 4000, 4500, 5999], "age"] = ["17", "96.5", "-3", "120", "18"]
    batch.loc[[20, 21, 22, 23, 5000], "age"] = ["", "NA", "null", "", "inf"]  # missing, inf counts missing
    batch.loc[[5, 77, 1000], "region"] = ["East", "centre", "southwest"]    # out of domain, lengths
    batch.loc[[6, 8], "region"] = ["", "N/A"]
    batch.loc[[30, 31, 2000, 2001], "id"] = ["c000001", "c000002", "X-1", "c000030"]   # repeats, pattern
    batch.loc[[40, 41, 42], "day"] = ["0", "31", "-1"]
    batch.loc[[31], "day"] = [batch.loc[2, "day"]]
    batch.loc[[60, 61], "income"] = ["-10.5", "-0.0"]
    batch.loc[[62, 63, 64], "income"] = ["", "NaN", "None"]
    batch.loc[[70, 71], "active"] = ["yes", "0"]
    batch["channel"] = rng.choice(["web", "app"], len(batch))              # a column the schema lacks
    return batch, reference


def clean_case(rng):
    batch = frame(rng, 4000)
    reference = frame(np.random.default_rng(8), 5000)
    batch["score"] = np.round(rng.uniform(0, 1, len(batch)), 3).astype(str)
    return batch, reference


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(13)
    for name, make, rows in (("anomalies", anomalies_case, [7000, 9000]), ("clean", clean_case, [3000, 5000])):
        schema = dict(SCHEMA, rows=rows)
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        batch, reference = make(rng)
        batch.to_csv(os.path.join(folder, "batch.csv"), index=False)
        reference.to_csv(os.path.join(folder, "reference.csv"), index=False)
        with open(os.path.join(folder, "schema.yaml"), "w") as f:
            f.write(schema_yaml(schema))
        result = expected(folder, schema)
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump(result, f, indent=1, default=float)
        failed = sorted(k for k, v in result["constraints"].items() if v["outcome"] == "FAILED")
        print(f"{name}: {result['rows']} rows, {len(result['constraints'])} constraints, failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()

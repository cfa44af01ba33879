#!/usr/bin/env python3
"""Writes data files and what pandas observes in them, for SchemaInferenceReferenceTest.

Usage: make_schema_reference.py OUTDIR

Writes OUTDIR/part1.csv and OUTDIR/part2.csv (3,000 rows together, same columns) and
OUTDIR/expected.json with, per column, what schema inference must be built on, computed by
pandas on both files read back as written (pandas' default missing markers, as mlcd's):

  {"rows": N, "columns": {name: {"present": n, "completeness": share inferred,
      "min": x, "max": x (numeric), "len_min": n, "len_max": n (texts),
      "unique": bool, "distinct": n}}}

completeness follows docs/schema.md: 1 when every row has a value, else the lower end of the
Wilson score interval at z = 4, floored to two decimals (here computed independently).

Columns: id (whole numbers, unique), age (whole, missing as "" and NA), income (fractions),
region (4 values, missing as "null"), name (unicode, 200 distinct texts: no domain), code
(unique texts), flag (true/false), across (unique within each file, repeated across them),
many (60 distinct values, over the default domain cap of 50), hostile (texts with commas,
quotes, "# ", ": ").
"""
import json
import math
import random
import sys
from pathlib import Path

import pandas as pd

N = 3000
HALF = 1500


def wilson_lower(k, n, z=4.0):
    p = k / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(13)
    ids = list(range(1, N + 1))
    rng.shuffle(ids)
    letters = "abcdefghijklmnopqrstuvwxyzéü中😀"
    names = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(200)]
    hostile = ["a: b # c", "x, y", 'say "hi"', "#hash", "- dash", "plain"]
    rows = []
    for i in range(N):
        age = "" if i % 97 == 0 else ("NA" if i % 101 == 0 else str(rng.randint(18, 95)))
        income = "" if i % 13 == 0 else f"{rng.uniform(0, 250000):.2f}"
        region = "null" if i % 50 == 0 else rng.choice(["east", "north", "south", "west"])
        rows.append({
            "id": str(ids[i]),
            "age": age,
            "income": income,
            "region": region,
            "name": rng.choice(names),
            "code": f"C-{ids[i]:05d}",
            "flag": rng.choice(["true", "false"]),
            "across": f"k{i % HALF}",
            "many": f"m{rng.randint(0, 59)}",
            "hostile": rng.choice(hostile),
        })
    frame = pd.DataFrame(rows)
    frame.iloc[:HALF].to_csv(out / "part1.csv", index=False)
    frame.iloc[HALF:].to_csv(out / "part2.csv", index=False)

    texts = ["region", "name", "code", "across", "many", "hostile", "flag"]
    read = pd.concat([pd.read_csv(out / f, dtype={c: str for c in texts}) for f in ("part1.csv", "part2.csv")],
                     ignore_index=True)
    columns = {}
    for name in read.columns:
        values = read[name].dropna()
        present = int(values.size)
        column = {
            "present": present,
            "completeness": 1.0 if present == N else math.floor(100 * wilson_lower(present, N)) / 100,
            "unique": bool(values.is_unique),
            "distinct": int(values.nunique()),
        }
        if name in texts:
            lengths = values.str.len()
            column["len_min"] = int(lengths.min())
            column["len_max"] = int(lengths.max())
            column["values"] = sorted(values.unique().tolist())
        else:
            column["min"] = float(values.min())
            column["max"] = float(values.max())
        columns[name] = column
    (out / "expected.json").write_text(json.dumps({"rows": int(len(read)), "columns": columns}, indent=1,
                                                  ensure_ascii=False), encoding="utf-8")
    print(f"schema reference: {len(read)} rows, {len(columns)} columns")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

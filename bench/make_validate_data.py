#!/usr/bin/env python3
"""Writes the data validation benchmark's CSV (20 columns): the drift benchmark's reference
columns (bench/make_drift_data.py) with its last numeric column, discount, replaced by a
unique key `id` ("u00000001", ...) in front, so that the suite has a column to check for
uniqueness and a pattern to match.

Usage: make_validate_data.py OUT.csv [--rows N] [--seed S]

Written to OUT.csv.tmp and renamed when complete; 1,000,000 rows take a few seconds.
"""

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_drift_data as drift  # noqa: E402 (the sibling generator, on this script's path)


def id_field(start, n):
    """Bytes block and keep-mask of ids u00000001... (fixed width: nothing to drop)."""
    numbers = np.arange(start + 1, start + n + 1, dtype=np.int64)
    assert numbers[-1] < 10 ** 8, "ids have 8 digits"
    block = np.empty((n, 9), dtype=np.uint8)
    block[:, 0] = ord("u")
    rest = numbers.copy()
    for position in range(8, 0, -1):
        block[:, position] = ord("0") + rest % 10
        rest //= 10
    return block, np.ones((n, 9), dtype=bool)


def write_file(path, rows, seed):
    rng = np.random.default_rng(seed)
    tmp = path + ".tmp"
    with open(tmp, "wb") as handle:
        done = 0
        while done < rows:
            n = min(drift.CHUNK, rows - done)
            fields = [("id", id_field(done, n))]
            fields += [(name, field) for name, field in drift.chunk_fields(rng, n, current=False)
                       if name != "discount"]
            if done == 0:
                handle.write((",".join(name for name, _ in fields) + "\n").encode())
            handle.write(drift.render([field for _, field in fields]))
            done += n
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=3141)
    args = parser.parse_args(argv)
    write_file(args.out, args.rows, args.seed)
    print(f"wrote {args.rows} rows x 20 columns to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes the benchmark's binary predictions CSV: label,score,group.

Usage: make_bench_data.py OUT.csv [--rows N] [--seed S]

label is 0/1, score a probability with 6 decimals, group one of four region codes with
different base rates. Rows are produced in chunks with numpy and written as fixed-width
byte records (no per-row Python), so 10,000,000 rows take a few seconds. The file is
written to OUT.csv.tmp and renamed when complete, so a half-written file is never
mistaken for a finished one.
"""

import argparse
import os
import sys

import numpy as np

GROUPS = np.array([b"NE", b"NW", b"SE", b"SW"])
GROUP_SHIFT = np.array([0.0, 0.3, -0.25, 0.5])
GROUP_P = np.array([0.35, 0.25, 0.25, 0.15])
CHUNK = 1_000_000
WIDTH = 14  # "1,0.123456,NE\n"


def chunk_bytes(rng, n):
    group = rng.choice(4, size=n, p=GROUP_P)
    z = rng.normal(size=n)
    label = rng.random(n) < 1.0 / (1.0 + np.exp(-(1.5 * z - 0.6 + GROUP_SHIFT[group])))
    logit = 1.3 * z - 0.4 + 0.2 * GROUP_SHIFT[group] + rng.normal(scale=1.0, size=n)
    micro = np.rint(1e6 / (1.0 + np.exp(-logit))).astype(np.int64)  # score * 10^6

    out = np.empty((n, WIDTH), dtype=np.uint8)
    out[:, 0] = ord("0") + label
    out[:, 1] = ord(",")
    out[:, 2] = ord("0") + micro // 1_000_000  # "1.000000" when the score rounds up to 1
    out[:, 3] = ord(".")
    rest = micro % 1_000_000
    for position in range(9, 3, -1):
        out[:, position] = ord("0") + rest % 10
        rest //= 10
    out[:, 10] = ord(",")
    codes = np.frombuffer(b"".join(GROUPS), dtype=np.uint8).reshape(4, 2)
    out[:, 11:13] = codes[group]
    out[:, 13] = ord("\n")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=12345)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as handle:
        handle.write(b"label,score,group\n")
        left = args.rows
        while left > 0:
            n = min(CHUNK, left)
            chunk_bytes(rng, n).tofile(handle)
            left -= n
    os.replace(tmp, args.out)
    print(f"wrote {args.rows} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Writes the 100,000 x 20 CSV of the advice-cost table in the README
(seeded): features with offsets and scales that differ, a logistic target.

    /usr/bin/python3 bench/advice/syn100k.py /tmp/syn100k.csv
"""
import sys
import numpy as np

rng = np.random.default_rng(1)
n, d = 100000, 20
X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, size=d) + rng.uniform(-2, 2, size=d)
w = rng.normal(size=d)
p = 1 / (1 + np.exp(-(X - X.mean(0)) @ w / X.std(0).mean()))
y = (rng.uniform(size=n) < p).astype(int)
with open(sys.argv[1], "w") as f:
    f.write(",".join([f"x{i}" for i in range(d)] + ["y"]) + "\n")
    np.savetxt(f, np.column_stack([X, y]), delimiter=",", fmt=["%.6g"] * d + ["%d"])

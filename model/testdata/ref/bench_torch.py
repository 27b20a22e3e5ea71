#!/usr/bin/python3
"""Reference timings on this machine for the numbers in bench_test.go.

  * full-batch linear-regression gradient on 1,000,000 x 100 float64 with
    numpy: g = 2/n X^T (X w + b - y) (two passes over X);
  * an MLP 784-256-10 (ReLU, softmax cross-entropy), float64, batch 128:
    forward + backward with PyTorch. Run once as is and once with
    OPENBLAS_NUM_THREADS=1 for a single core.

Run with Debian's python3: /usr/bin/python3 bench_torch.py
"""
import os
import time

import numpy as np
import torch


def best(f, reps):
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        t.append(time.perf_counter() - t0)
    return min(t)


rng = np.random.default_rng(0)
n, d = 1_000_000, 100
X = rng.standard_normal((n, d))
y = rng.standard_normal(n)
w = np.full(d, 0.01)


def lin():
    r = X @ w + 0.01 - y
    return 2 / n * (X.T @ r)


s = best(lin, 5)
print(f"numpy linear gradient 1e6x100: {s:.4f} s, {n*d*8/s/1e9:.1f} GB/s of X")

torch.set_default_dtype(torch.float64)
# torch's intra-op threads; its BLAS (OpenBLAS in Debian's build) has threads
# of its own, set by OPENBLAS_NUM_THREADS. "cores" is CPU time / wall time.
for threads in [1, 2]:
    torch.set_num_threads(threads)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    xb = torch.randn(128, 784)
    yb = torch.randint(0, 10, (128,))
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        model.zero_grad()
        loss_fn(model(xb), yb).backward()

    for _ in range(20):
        step()
    reps = 200
    walls = []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(reps):
            step()
        walls.append(((time.perf_counter() - t0) / reps, (time.process_time() - c0) / reps))
    s, cpu = min(walls)
    print(f"torch {torch.__version__} MLP 784-256-10 batch 128, set_num_threads({threads}), "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}: "
          f"{128/s:.0f} examples/s, {2*128*(2*784*256+3*256*10)/s/1e9:.1f} GFLOP/s, {cpu/s:.1f} cores")

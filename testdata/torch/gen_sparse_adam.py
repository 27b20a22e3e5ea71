#!/usr/bin/python3
"""Reference trajectories of torch.optim.SparseAdam for optim/sparse_adam_test.go.

Run from the repository root with Debian's Python (python3-torch 1.13.1):

    /usr/bin/python3 testdata/torch/gen_sparse_adam.py

It writes testdata/torch/sparse_adam.json. Every case runs SparseAdam on one
float64 parameter vector for STEPS steps, feeding it at every step a sparse
COO gradient whose indices are the non-zero elements of the gradient
computed in plain Python floats, and records x after every step (and, for lsq_sparse, the moments
exp_avg, exp_avg_sq).

Problems:
  lsq_sparse  least squares on a sparse 8×12 design (LIBSVM-like rows, a
              mini-batch of 2 rows per step, cycling): coordinates not in the
              batch's rows get no gradient, so their moments must not decay
              and they must not move.
  quad5, rosenbrock, beale  the dense functions of gen_optim.py (every
              element non-zero: SparseAdam is then Adam's rule with its own
              order of operations).

Which PyTorch: torch/optim/_functional.py's sparse_adam is the same sequence
of operations in 1.13.1 and in 2.x (github.com/pytorch/pytorch,
torch/optim/_functional.py: old_exp_avg_values, update values mul_(1 -
beta), numer = update + old, denom = sqrt(update_sq + old_sq) + eps,
step_size = lr * sqrt(1 - beta2**step) / (1 - beta1**step)).
"""

import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_optim import FUNCS  # noqa: E402

torch.set_default_dtype(torch.float64)
OUT = os.path.join(HERE, "sparse_adam.json")
STEPS = 40

# Sparse design: row r has entries (col, value); targets y.
ROWS = [
    [(0, 1.0), (3, -2.0), (7, 0.5)],
    [(1, 0.5), (3, 1.5)],
    [(2, -1.0), (5, 2.0), (11, 1.0)],
    [(0, 0.25), (6, -1.5)],
    [(4, 3.0), (8, 1.0), (9, -0.5)],
    [(1, -1.0), (10, 2.5)],
    [(2, 0.75), (7, -1.25), (9, 1.0)],
    [(5, -0.5), (8, 2.0)],
]
Y = [1.0, -0.5, 2.0, 0.25, -1.0, 0.75, 1.5, -2.0]
BATCH = 2


def lsq_grad_at(step):
    """Gradient of ½Σ(a_r·x − y_r)² over the rows of the mini-batch of this
    step (0-based), in the Go test's order of operations."""
    def grad(x):
        g = [0.0] * 12
        start = (step * BATCH) % len(ROWS)
        for r in range(start, start + BATCH):
            res = 0.0
            for j, a in ROWS[r]:
                res += a * x[j]
            res -= Y[r]
            for j, a in ROWS[r]:
                g[j] += a * res
        return g
    return grad


LSQ_X0 = [0.1 * (i % 5) - 0.2 for i in range(12)]

SETTINGS = [
    dict(),
    dict(lr=0.05),
    dict(lr=0.02, beta1=0.5, beta2=0.9, eps=1e-6),
    dict(lr=0.01, beta1=0.0),
]


def spec_of(hp):
    if not hp:
        return "sparse_adam"
    return "sparse_adam:" + ",".join(f"{k}={v}" for k, v in hp.items())


def run(hp, grad_of_step, x0):
    p = torch.tensor(x0, requires_grad=True)
    kw = dict(lr=hp.get("lr", 1e-3), betas=(hp.get("beta1", 0.9), hp.get("beta2", 0.999)),
              eps=hp.get("eps", 1e-8))
    opt = torch.optim.SparseAdam([p], **kw)
    traj, ms, vs = [], [], []
    for k in range(STEPS):
        g = grad_of_step(k)(p.detach().tolist())
        idx = [i for i, v in enumerate(g) if v != 0]
        p.grad = torch.sparse_coo_tensor([idx], [g[i] for i in idx], (len(g),), dtype=torch.float64)
        opt.step()
        traj.append(p.detach().tolist())
        st = opt.state[p]
        ms.append(st["exp_avg"].tolist())
        vs.append(st["exp_avg_sq"].tolist())
    return dict(traj=traj, exp_avg=ms, exp_avg_sq=vs)


def main():
    cases = []
    for hp in SETTINGS:
        r = run(hp, lsq_grad_at, LSQ_X0)
        r.update(spec=spec_of(hp), func="lsq_sparse", x0=LSQ_X0)
        cases.append(r)
        for fname, (grad, x0) in FUNCS.items():
            r = run(hp, lambda k, grad=grad: grad, x0)
            del r["exp_avg"], r["exp_avg_sq"]  # the trajectory pins them down
            r.update(spec=spec_of(hp), func=fname, x0=x0)
            cases.append(r)
    out = dict(torch_version=torch.__version__, steps=STEPS,
               rows=[[[j, a] for j, a in row] for row in ROWS], y=Y, batch=BATCH,
               defaults_2x=dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8),
               cases=cases)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()

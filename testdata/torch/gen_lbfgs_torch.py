#!/usr/bin/python3
"""Reference trajectories of torch.optim.LBFGS for optim/lbfgs_torch_test.go.

Run from the repository root with Debian's Python (python3-torch 1.13.1):

    /usr/bin/python3 testdata/torch/gen_lbfgs_torch.py

It writes testdata/torch/lbfgs_torch.json. Every case builds
torch.optim.LBFGS on one float64 parameter vector with the hyperparameters of
a descent specification ("lbfgs_torch:max_iter=5,..."), calls
opt.step(closure) STEPS times and records, after every call, x, the value
step() returned (f at the start of the call), and the state's cumulative
"func_evals" and "n_iter".

The closure evaluates the test function and its gradient in plain Python
floats (the same expressions as the Go copies in the test), so torch does
only LBFGS's own arithmetic: quad5 (an ill-conditioned quadratic, condition
number ~ 290), rosenbrock and beale (non-convex), x0 as in gen_optim.py.

Which PyTorch
-------------
torch/optim/lbfgs.py is the same algorithm in 1.13.1 and in 2.x: compared
with github.com/pytorch/pytorch at commit
045a976cc7fd4af11d46649bd90979d9a97fbc2a, the 2.x file only adds complex
parameters (views as real pairs in _numel, _gather_flat_grad, _add_grad),
type annotations and formatting; _cubic_interpolate, _strong_wolfe and step
are operation for operation the same (defaults too: lr=1, max_iter=20,
max_eval=max_iter*5//4, tolerance_grad=1e-7, tolerance_change=1e-9,
history_size=100, line_search_fn=None).
"""

import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "lbfgs_torch.json")
STEPS = 12

QUAD_D = [1.0, 4.0, 16.0, 64.0, 256.0]
QUAD_B = [1.0, -2.0, 0.5, 1.0, -1.0]


def rosenbrock(x):
    x0, x1 = x
    a = 1.0 - x0
    b = x1 - x0 * x0
    f = a * a + 100.0 * (b * b)
    return f, [-2.0 * a - 400.0 * x0 * b, 200.0 * b]


def quad5(x):
    f = 0.0
    g = []
    for i in range(5):
        f += 0.5 * QUAD_D[i] * x[i] * x[i] - QUAD_B[i] * x[i]
        if i < 4:
            f += 0.5 * x[i] * x[i + 1]
        gi = QUAD_D[i] * x[i]
        if i > 0:
            gi += 0.5 * x[i - 1]
        if i < 4:
            gi += 0.5 * x[i + 1]
        gi -= QUAD_B[i]
        g.append(gi)
    return f, g


def beale(x):
    x0, y = x
    y2 = y * y
    y3 = y2 * y
    t1 = 1.5 - x0 + x0 * y
    t2 = 2.25 - x0 + x0 * y2
    t3 = 2.625 - x0 + x0 * y3
    f = t1 * t1 + t2 * t2 + t3 * t3
    gx = 2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y2 - 1.0) + 2.0 * t3 * (y3 - 1.0)
    gy = 2.0 * t1 * x0 + 2.0 * t2 * (2.0 * x0 * y) + 2.0 * t3 * (3.0 * x0 * y2)
    return f, [gx, gy]


FUNCS = {
    "rosenbrock": (rosenbrock, [-1.2, 1.0]),
    "quad5": (quad5, [1.0, -0.5, 0.25, -1.0, 0.5]),
    "beale": (beale, [0.5, -1.0]),
}

DEFAULTS = dict(lr=1.0, max_iter=20, max_eval=None, tolerance_grad=1e-7,
                tolerance_change=1e-9, history_size=100, line_search_fn=None)

SETTINGS = [
    "lbfgs_torch",
    "lbfgs_torch:lr=0.1",
    "lbfgs_torch:line_search_fn=strong_wolfe",
    "lbfgs_torch:max_iter=1,history_size=3,line_search_fn=strong_wolfe",
    "lbfgs_torch:max_iter=5,history_size=2,lr=0.5",
    "lbfgs_torch:max_iter=4,max_eval=6,line_search_fn=strong_wolfe",
    "lbfgs_torch:max_iter=3,history_size=1,lr=0.05",
    "lbfgs_torch:tolerance_grad=0.001,tolerance_change=1e-06,line_search_fn=strong_wolfe",
    "lbfgs_torch:lr=0.7,max_iter=6,line_search_fn=strong_wolfe,history_size=4",
]


def parse_spec(s):
    _, _, rest = s.partition(":")
    hp = dict(DEFAULTS)
    if rest:
        for kv in rest.split(","):
            k, v = kv.split("=")
            if k not in hp:
                raise KeyError(f"{s}: unknown key {k}")
            if k == "line_search_fn":
                hp[k] = v
            elif k in ("max_iter", "max_eval", "history_size"):
                hp[k] = int(v)
            else:
                hp[k] = float(v)
    return hp


def run(hp, func, x0):
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([p], **hp)

    def closure():
        f, g = func(p.detach().tolist())
        p.grad = torch.tensor(g, dtype=torch.float64)
        return torch.tensor(f, dtype=torch.float64)

    traj, fs, evals, iters = [], [], [], []
    for _ in range(STEPS):
        f = float(opt.step(closure))
        x = p.detach().tolist()
        if not all(math.isfinite(v) and abs(v) < 1e6 for v in x):
            return None
        st = opt.state[p]
        traj.append(x)
        fs.append(f)
        evals.append(int(st["func_evals"]))
        iters.append(int(st["n_iter"]))
    return dict(traj=traj, f=fs, func_evals=evals, n_iter=iters)


def main():
    cases = []
    for s in SETTINGS:
        hp = parse_spec(s)
        for fname, (func, x0) in FUNCS.items():
            r = run(hp, func, x0)
            if r is None:
                print(f"skip {s} on {fname}: leaves |x| < 1e6")
                continue
            r.update(spec=s, func=fname, x0=x0)
            cases.append(r)
    out = dict(torch_version=torch.__version__, steps=STEPS,
               defaults_2x={k: v for k, v in DEFAULTS.items() if v is not None},
               cases=cases)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()

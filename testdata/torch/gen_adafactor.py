#!/usr/bin/python3
"""Reference trajectories of Adafactor (torch.optim.Adafactor, PyTorch 2.5+)
for optim/adafactor_test.go.

Run from the repository root with Debian's Python (numpy; torch 1.13.1 has
no Adafactor):

    /usr/bin/python3 testdata/torch/gen_adafactor.py

It writes testdata/torch/adafactor.json: for every setting and each of
gen_optim.py's test functions (quad5, ill-conditioned; rosenbrock and beale,
non-convex) x after each of STEPS steps.

The rule is transcribed from _single_tensor_adafactor in
torch/optim/_adafactor.py of github.com/pytorch/pytorch (read at commit
051d6a09bb159a48ac11006c454c0c979511d0f3; the file was added in 2.5 with
this single-tensor rule), branch grad.dim() == 1 (a flat parameter vector:
the second moment is a full vector "variance"), with the constructor's
defaults lr=1e-2, beta2_decay=-0.8, eps=(None, 1e-3) (eps1 None means
torch.finfo(float64).eps), d=1.0, weight_decay=0.0:

    step += 1
    one_minus_beta2_t = step ** beta2_decay
    rho_t = min(lr, 1 / step ** 0.5)
    alpha = max(eps2, param.norm(2) / numel ** 0.5) * rho_t
    if weight_decay != 0: param.mul_(1 - lr * weight_decay)
    variance.lerp_(grad * grad, one_minus_beta2_t)
    update = variance.clone().clamp_(min=eps1 * eps1).rsqrt_().mul_(grad)
    denom = max(1.0, update.norm(2) / (numel ** 0.5 * d))
    param.add_(update, alpha=-alpha / denom)

Rounding follows ATen's CPU kernels as gen_optim.py's check_kernel_order
pins them down: lerp_ is fma(w, b - a, a) for |w| < 0.5 and
fma(a - b, 1 - w, b) otherwise, add_(alpha=) is fma(alpha, update, param),
rsqrt is 1/sqrt. The norms are summed in order (torch's reduction order
may differ in the last bit: the Go test allows 1e-12 relative).
"""

import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_optim import FUNCS, fma  # noqa: E402

OUT = os.path.join(HERE, "adafactor.json")
STEPS = 100
DEFAULTS = dict(lr=1e-2, beta2_decay=-0.8, eps1=float(np.finfo(np.float64).eps), eps2=1e-3, d=1.0,
                weight_decay=0.0)

SETTINGS = [
    {},
    dict(lr=0.1),
    dict(lr=0.5, beta2_decay=-0.5, d=2.0),
    dict(lr=0.05, eps2=0.1, weight_decay=0.3),
    dict(lr=1.0, beta2_decay=0.0, eps1=1e-3),
]


def lerp(a, b, w):
    if abs(w) < 0.5:
        return fma(w, b - a, a)
    return fma(a - b, 1 - w, b)


def norm(v):
    s = 0.0
    for x in v:
        s += x * x
    return math.sqrt(s)


def run(hp, grad, x0):
    x = np.array(x0, dtype=np.float64)
    v = np.zeros_like(x)
    n = x.size
    traj = []
    for step in range(1, STEPS + 1):
        g = np.array(grad(x.tolist()), dtype=np.float64)
        w = float(step) ** hp["beta2_decay"]
        rho = min(hp["lr"], 1 / float(step) ** 0.5)
        alpha = max(hp["eps2"], norm(x) / n ** 0.5) * rho
        if hp["weight_decay"] != 0:
            x = x * (1 - hp["lr"] * hp["weight_decay"])
        v = np.array([lerp(float(v[i]), float(g[i] * g[i]), w) for i in range(n)])
        floor = hp["eps1"] * hp["eps1"]
        u = np.array([float(g[i]) * (1 / math.sqrt(max(float(v[i]), floor))) for i in range(n)])
        denom = max(1.0, norm(u) / (n ** 0.5 * hp["d"]))
        c = -alpha / denom
        x = np.array([fma(c, float(u[i]), float(x[i])) for i in range(n)])
        if not np.all(np.isfinite(x)):
            return None
        traj.append(x.tolist())
    return traj


def spec_of(hp):
    if not hp:
        return "adafactor"
    return "adafactor:" + ",".join(f"{k}={v}" for k, v in hp.items())


def main():
    cases = []
    for s in SETTINGS:
        hp = dict(DEFAULTS, **s)
        for fname, (grad, x0) in FUNCS.items():
            traj = run(hp, grad, x0)
            if traj is None:
                print(f"skip {spec_of(s)} on {fname}")
                continue
            cases.append(dict(spec=spec_of(s), func=fname, x0=x0, traj=traj))
    out = dict(source="torch/optim/_adafactor.py @ 051d6a09bb159a48ac11006c454c0c979511d0f3 (numpy transcription)",
               steps=STEPS, defaults_2x=DEFAULTS, cases=cases)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()

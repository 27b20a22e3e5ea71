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


# The factored branch (grad.dim() > 1) on parameter vectors laid out as
# torch tensors: matrices (offset, rows, cols), factored, and the runs
# between them, vectors. Each tensor has its own alpha, weight decay and
# clipping, as torch's loop over params does.
#
#     row_mean = vector_norm(grad, dim=-1).square() / cols
#     row_var.lerp_(row_mean, one_minus_beta2_t)
#     col_mean = vector_norm(grad, dim=-2).square() / rows
#     col_var.lerp_(col_mean, one_minus_beta2_t)
#     var_estimate = row_var @ col_var / row_var.mean(dim=-2).clamp_(min=eps1)
#     update = var_estimate.clamp_(min=eps1 * eps1).rsqrt_().mul_(grad)

LAYOUTS = {
    "w3x4_b3": (15, [(0, 3, 4)]),
    "mlp2x3_1x2": (11, [(0, 2, 3), (8, 1, 2)]),
}


def tensors(layout):
    n, blocks = LAYOUTS[layout]
    out, pos = [], 0
    for off, r, c in blocks:
        if off > pos:
            out.append((pos, off - pos, 0, 0))
        out.append((off, r * c, r, c))
        pos = off + r * c
    if pos < n:
        out.append((pos, n - pos, 0, 0))
    return out


def mquad_grad(x):
    # d_i = 1 + 10 i^2: kappa = 1001 for n = 11 (exact in binary)
    return [(1 + 10 * i * i) * x[i] for i in range(len(x))]


def mrosen_grad(x):
    n = len(x)
    g = [0.0] * n
    for i in range(n - 1):
        a = x[i + 1] - x[i] * x[i]
        g[i] += -400 * x[i] * a - 2 * (1 - x[i])
        g[i + 1] += 200 * a
    return g


def mlsq_grad(x):
    # W 3x4 at 0, b 3 at 12; data (exact in binary) x_k[j] = ((7k + 3j) mod 11 - 5)/4,
    # y_k[i] = ((5k + 2i) mod 7 - 3)/2, k < 6
    g = [0.0] * 15
    m = 6
    for k in range(m):
        xk = [((7 * k + 3 * j) % 11 - 5) / 4 for j in range(4)]
        for i in range(3):
            r = x[12 + i]
            for j in range(4):
                r += x[i * 4 + j] * xk[j]
            r -= ((5 * k + 2 * i) % 7 - 3) / 2
            for j in range(4):
                g[i * 4 + j] += r * xk[j] / m
            g[12 + i] += r / m
    return g


FACTORED = {
    "mquad": (mquad_grad, "mlp2x3_1x2", [1 + i / 8 for i in range(11)]),
    "mrosen": (mrosen_grad, "w3x4_b3", [-1.2 if i % 2 == 0 else 1.0 for i in range(15)]),
    "mlsq": (mlsq_grad, "w3x4_b3", [((3 * i) % 5 - 2) / 16 for i in range(15)]),
}


def run_factored(hp, grad, layout, x0):
    x = [float(v) for v in x0]
    ts = tensors(layout)
    v = [0.0] * len(x)
    rows = {t[0]: [0.0] * t[2] for t in ts if t[2]}
    cols = {t[0]: [0.0] * t[3] for t in ts if t[2]}
    traj = []
    floor = hp["eps1"] * hp["eps1"]
    for step in range(1, STEPS + 1):
        g = grad(x)
        w = float(step) ** hp["beta2_decay"]
        rho = min(hp["lr"], 1 / float(step) ** 0.5)
        for off, n, R, C in ts:
            xs, gs = x[off:off + n], g[off:off + n]
            alpha = max(hp["eps2"], norm(xs) / n ** 0.5) * rho
            if hp["weight_decay"] != 0:
                xs = [xi * (1 - hp["lr"] * hp["weight_decay"]) for xi in xs]
            if R == 0:
                for i in range(n):
                    v[off + i] = lerp(v[off + i], gs[i] * gs[i], w)
                u = [gs[i] * (1 / math.sqrt(max(v[off + i], floor))) for i in range(n)]
            else:
                row, col = rows[off], cols[off]
                for i in range(R):
                    nr = norm(gs[i * C:(i + 1) * C])
                    row[i] = lerp(row[i], nr * nr / C, w)
                for j in range(C):
                    nc = norm([gs[i * C + j] for i in range(R)])
                    col[j] = lerp(col[j], nc * nc / R, w)
                mean = 0.0
                for r in row:
                    mean += r
                mean = max(mean / R, hp["eps1"])
                u = [gs[k] * (1 / math.sqrt(max(row[k // C] * col[k % C] / mean, floor))) for k in range(n)]
            denom = max(1.0, norm(u) / (n ** 0.5 * hp["d"]))
            c = -alpha / denom
            for k in range(n):
                x[off + k] = fma(c, u[k], xs[k])
        if not all(math.isfinite(xi) for xi in x):
            return None
        traj.append(list(x))
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
    factored = []
    for s in SETTINGS:
        hp = dict(DEFAULTS, **s)
        for fname, (grad, layout, x0) in FACTORED.items():
            traj = run_factored(hp, grad, layout, x0)
            if traj is None:
                print(f"skip {spec_of(s)} on {fname}")
                continue
            factored.append(dict(spec=spec_of(s), func=fname, layout=LAYOUTS[layout][1], x0=x0, traj=traj))
    out = dict(source="torch/optim/_adafactor.py @ 051d6a09bb159a48ac11006c454c0c979511d0f3 (numpy transcription)",
               steps=STEPS, defaults_2x=DEFAULTS, cases=cases, factored=factored)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases, {len(factored)} factored")


if __name__ == "__main__":
    main()

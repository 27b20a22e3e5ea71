#!/usr/bin/python3
"""Reference values for Muon (optim/muon_test.go).

Run from the repository root with Debian's Python (numpy):

    /usr/bin/python3 testdata/torch/gen_muon.py

It writes testdata/torch/muon.json with
  ns     for random matrices G (3×5, 6×4, 8×8, 2×7): zeropower_via_newtonschulz5(G, 5)
         transcribed in float64 numpy, and U·Vᵀ from numpy's SVD of G;
  steps  three steps of SingleDeviceMuonWithAuxAdam on the flat parameters of a
         3→4→2 MLP (W1 4×3 at 0, b1 at 12, W2 2×4 at 16, b2 at 24; Muon for
         W1, W2, the auxiliary AdamW for the biases) for given gradients.

Transcribed from github.com/KellerJordan/Muon muon.py at commit
1430c3495b60613a6bb6f035ef38456529443a14 (zeropower_via_newtonschulz5,
muon_update, adam_update, SingleDeviceMuonWithAuxAdam.step), in float64
instead of the reference's bfloat16 Newton-Schulz.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "muon.json")
A, B, C = 3.4445, -4.7750, 2.0315


def ns5(G, steps=5):
    X = G.copy()
    tr = G.shape[0] > G.shape[1]
    if tr:
        X = X.T
    X = X / (np.linalg.norm(X) + 1e-7)
    for _ in range(steps):
        Am = X @ X.T
        Bm = B * Am + C * Am @ Am
        X = A * X + Bm @ X
    if tr:
        X = X.T
    return X


def lerp(a, b, w):
    return a + w * (b - a)


def main():
    rng = np.random.default_rng(7)
    ns = []
    for r, c in [(3, 5), (6, 4), (8, 8), (2, 7)]:
        G = rng.standard_normal((r, c))
        U, S, Vt = np.linalg.svd(G, full_matrices=False)
        ns.append(dict(rows=r, cols=c, g=G.ravel().tolist(), ns=ns5(G).ravel().tolist(),
                       uvt=(U @ Vt).ravel().tolist(), sv=S.tolist()))

    blocks = [(0, 4, 3), (16, 2, 4)]
    n = 26
    lr, mom, wd = 0.05, 0.9, 0.1
    alr, b1, b2, eps = 0.01, 0.9, 0.95, 1e-10
    x = rng.standard_normal(n) * 0.5
    x0 = x.copy()
    buf = np.zeros(n)
    m = np.zeros(n)
    v = np.zeros(n)
    inb = np.zeros(n, dtype=bool)
    for off, r, c in blocks:
        inb[off:off + r * c] = True
    grads, traj = [], []
    for step in range(1, 4):
        g = rng.standard_normal(n)
        grads.append(g.tolist())
        for off, r, c in blocks:
            k = r * c
            G = g[off:off + k].reshape(r, c)
            Bf = buf[off:off + k].reshape(r, c)
            Bf = lerp(Bf, G, 1 - mom)
            buf[off:off + k] = Bf.ravel()
            U = lerp(G, Bf, mom)  # nesterov
            upd = ns5(U) * max(1, r / c) ** 0.5
            W = x[off:off + k].reshape(r, c) * (1 - lr * wd)
            x[off:off + k] = (W - lr * upd).ravel()
        for i in range(n):
            if inb[i]:
                continue
            m[i] = lerp(m[i], g[i], 1 - b1)
            v[i] = lerp(v[i], g[i] * g[i], 1 - b2)
            u = (m[i] / (1 - b1 ** step)) / (np.sqrt(v[i] / (1 - b2 ** step)) + eps)
            x[i] = x[i] * (1 - alr * wd) - alr * u
        traj.append(x.tolist())
    out = dict(source="KellerJordan/Muon muon.py @ 1430c3495b60613a6bb6f035ef38456529443a14 (numpy float64)",
               ns=ns, blocks=[list(b) for b in blocks], n=n,
               spec=f"muon:lr={lr},momentum={mom},weight_decay={wd},adam_lr={alr},adam_beta1={b1},adam_beta2={b2},adam_eps={eps}",
               x0=x0.tolist(), grads=grads, traj=traj)
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference optima of the convex training objectives of `descent train`.

Run with Debian's interpreter (it has numpy, scipy and scikit-learn):

    /usr/bin/python3 testdata/ref/train_gen.py

It writes, next to itself,

    train_iris_setosa.csv   iris with the target 1 for setosa, 0 otherwise
    train_wine_class0.csv   wine with the target 1 for cultivar 0, 0 otherwise
    train_convex.json       the optimum of every case below

from the shipped data sets in testdata/datasets. The Go tests in package
train read these files and never need Python.

The objective, exactly as descent defines it (model/doc.go):

    F(W, b) = (1/n) sum_i loss(W x_i + b, y_i) + (l2/2) ||W||^2

with the bias b never penalized, on features standardized with the
statistics of the whole file (z = (x - mean)/std, population std, a
constant column keeping std 1), and

    linear    loss = (yhat - y)^2                     (no factor 1/2)
    logistic  loss = log(1 + e^z) - t z,  t in {0, 1}
    softmax   loss = log sum_c e^{z_c} - z_y

Every optimum is computed twice, by independent routes, and the two must
agree before anything is written:

  - linear: the normal equations solved with numpy.linalg.lstsq / solve
    (closed form), and scipy.optimize.minimize(method="L-BFGS-B").
  - logistic, softmax: scipy L-BFGS-B on F with an analytic gradient at
    ftol = gtol = 1e-15, polished by Newton steps with the exact Hessian, and
    scikit-learn's LogisticRegression (lbfgs) with C = 1/(n l2), whose
    objective C sum_i loss_i + ||W||^2/2 is n C F.

The weights are stored in descent's parameter layout: W row-major
(classes x features, one row for linear and logistic), then b.
"""

import csv
import json
import os
import sys
import warnings

import numpy as np
import scipy
import scipy.optimize
import sklearn
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.join(HERE, "..", "datasets")


def read_csv(path, target):
    with open(path) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    t = header.index(target)
    feats = [h for i, h in enumerate(header) if i != t]
    X = np.array([[float(v) for i, v in enumerate(r) if i != t] for r in body])
    y = np.array([float(r[t]) for r in body])
    return header, feats, X, y, body


def write_binary(src, target, positive, dst):
    """Copy src with the target replaced by 1 for the positive class."""
    with open(os.path.join(DATASETS, src)) as f:
        rows = list(csv.reader(f))
    t = rows[0].index(target)
    with open(os.path.join(HERE, dst), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(rows[0])
        for r in rows[1:]:
            r = list(r)
            r[t] = "1" if float(r[t]) == positive else "0"
            w.writerow(r)


def standardize(X):
    mean = X.mean(axis=0)
    std = X.std(axis=0)  # population std (ddof=0)
    const = np.all(X == X[0], axis=0)
    mean[const] = X[0, const]
    std[const] = 1
    return (X - mean) / std


def log1pexp(z):
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-np.where(z >= 0, z, 0))),
                    np.exp(np.where(z < 0, z, 0)) / (1 + np.exp(np.where(z < 0, z, 0))))


def objective(kind, X, y, l2, K):
    """F and its gradient as functions of theta = [W (K x d) row-major, b (K)]."""
    n, d = X.shape
    if kind == "softmax":
        classes = np.unique(y)
        T = (y[:, None] == classes[None, :]).astype(float)

    def f(theta):
        W = theta[: K * d].reshape(K, d)
        b = theta[K * d:]
        Z = X @ W.T + b
        if kind == "linear":
            r = Z[:, 0] - y
            loss = np.mean(r * r)
            dZ = (2 * r / n)[:, None]
        elif kind == "logistic":
            z = Z[:, 0]
            loss = np.mean(log1pexp(z) - y * z)
            dZ = ((sigmoid(z) - y) / n)[:, None]
        else:
            zmax = Z.max(axis=1, keepdims=True)
            E = np.exp(Z - zmax)
            S = E.sum(axis=1, keepdims=True)
            lse = zmax[:, 0] + np.log(S[:, 0])
            loss = np.mean(lse - (Z * T).sum(axis=1))
            dZ = (E / S - T) / n
        F = loss + l2 / 2 * np.sum(W * W)
        gW = dZ.T @ X + l2 * W
        gb = dZ.sum(axis=0)
        return F, np.concatenate([gW.ravel(), gb])

    return f


def hessian(kind, X, y, l2, K, theta):
    """Exact Hessian of F (for the Newton polish)."""
    n, d = X.shape
    Xa = np.hstack([X, np.ones((n, 1))])  # per class: d weights then bias
    W = theta[: K * d].reshape(K, d)
    b = theta[K * d:]
    Z = X @ W.T + b
    if kind == "linear":
        Hc = 2 * Xa.T @ Xa / n
        blocks = [[Hc]]
    elif kind == "logistic":
        p = sigmoid(Z[:, 0])
        Hc = (Xa * (p * (1 - p))[:, None]).T @ Xa / n
        blocks = [[Hc]]
    else:
        zmax = Z.max(axis=1, keepdims=True)
        P = np.exp(Z - zmax)
        P /= P.sum(axis=1, keepdims=True)
        blocks = [[None] * K for _ in range(K)]
        for a in range(K):
            for c in range(K):
                w = P[:, a] * ((a == c) - P[:, c])
                blocks[a][c] = (Xa * w[:, None]).T @ Xa / n
    # Reorder from per-class [w_c, b_c] to descent's [W, b] layout.
    H = np.block(blocks)
    order = []
    for c in range(K):
        order += [c * (d + 1) + j for j in range(d)]
    order += [c * (d + 1) + d for c in range(K)]
    H = H[np.ix_(order, order)]
    reg = np.zeros(K * d + K)
    reg[: K * d] = l2
    return H + np.diag(reg)


def solve(kind, X, y, l2, K):
    n, d = X.shape
    f = objective(kind, X, y, l2, K)
    p = K * d + K
    res = scipy.optimize.minimize(f, np.zeros(p), jac=True, method="L-BFGS-B",
                                  options={"ftol": 1e-15, "gtol": 1e-15, "maxiter": 100000, "maxcor": 30})
    theta = res.x
    for _ in range(10):  # Newton polish: quadratic convergence from near the optimum
        F, g = f(theta)
        # lstsq: softmax's Hessian is singular along b + c(1,...,1), which
        # leaves F unchanged (the biases are not penalized).
        step = np.linalg.lstsq(hessian(kind, X, y, l2, K, theta), g, rcond=None)[0]
        cand = theta - step
        if f(cand)[0] <= F:
            theta = cand
    F, g = f(theta)
    return theta, F, float(np.linalg.norm(g)), res


def check_close(name, a, b, rel):
    if abs(a - b) > rel * max(abs(a), abs(b)):
        sys.exit(f"{name}: the two references disagree: {a!r} vs {b!r}")


def check_optimum(name, F, F2, rel):
    """F (ours, Newton-polished) must agree with sklearn's F2 and not be worse."""
    check_close(name, F, F2, rel)
    if F > F2 * (1 + 1e-15):
        sys.exit(f"{name}: sklearn found a lower objective {F2!r} than {F!r}")


def case_linear(name, file, target, l2):
    _, feats, X, y, _ = read_csv(os.path.join(DATASETS, file), target)
    Xs = standardize(X)
    n, d = Xs.shape
    # Closed form: minimize mean (Xa beta - y)^2 + l2/2 ||w||^2
    # => (2/n Xa^T Xa + diag(l2,...,l2,0)) beta = 2/n Xa^T y.
    Xa = np.hstack([Xs, np.ones((n, 1))])
    R = np.diag([l2] * d + [0.0])
    beta = np.linalg.solve(2 / n * Xa.T @ Xa + R, 2 / n * Xa.T @ y)
    f = objective("linear", Xs, y, l2, 1)
    F, g = f(beta)
    theta2, F2, _, _ = solve("linear", Xs, y, l2, 1)
    check_close(name, F, F2, 1e-12)
    return dict(name=name, data=file, target=target, model=f"linear:l2={l2}", task="regression",
                l2=l2, n=n, d=d, objective=F, grad_norm=float(np.linalg.norm(g)),
                params=beta.tolist(), method="normal equations (numpy.linalg.solve), checked against scipy L-BFGS-B")


def case_logistic(name, file, target, l2, csvname):
    _, feats, X, y, _ = read_csv(os.path.join(HERE, csvname), target)
    Xs = standardize(X)
    n, d = Xs.shape
    theta, F, gn, res = solve("logistic", Xs, y, l2, 1)
    clf = LogisticRegression(C=1 / (n * l2), tol=1e-12, max_iter=100000, solver="lbfgs")
    clf.fit(Xs, y)
    th2 = np.concatenate([clf.coef_.ravel(), clf.intercept_])
    F2 = objective("logistic", Xs, y, l2, 1)(th2)[0]
    check_optimum(name, F, F2, 1e-8)
    return dict(name=name, data=csvname, target=target, model=f"logistic:l2={l2}", task="binary",
                l2=l2, n=n, d=d, objective=F, grad_norm=gn, sklearn_objective=F2,
                params=theta.tolist(),
                method="scipy L-BFGS-B (ftol=gtol=1e-15) + Newton polish; checked against sklearn LogisticRegression(C=1/(n*l2))")


def case_softmax(name, file, target, l2):
    _, feats, X, y, _ = read_csv(os.path.join(DATASETS, file), target)
    Xs = standardize(X)
    n, d = Xs.shape
    K = len(np.unique(y))
    theta, F, gn, res = solve("softmax", Xs, y, l2, K)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # multi_class is deprecated in newer sklearn
        clf = LogisticRegression(C=1 / (n * l2), tol=1e-12, max_iter=100000, solver="lbfgs",
                                 multi_class="multinomial")
        clf.fit(Xs, y)
    th2 = np.concatenate([clf.coef_.ravel(), clf.intercept_])
    F2 = objective("softmax", Xs, y, l2, K)(th2)[0]
    check_optimum(name, F, F2, 1e-8)
    return dict(name=name, data=file, target=target, model=f"softmax:l2={l2}", task="multiclass",
                l2=l2, n=n, d=d, objective=F, grad_norm=gn, sklearn_objective=F2,
                params=theta.tolist(),
                method="scipy L-BFGS-B (ftol=gtol=1e-15) + Newton polish; checked against sklearn LogisticRegression(multinomial, C=1/(n*l2))")


def main():
    write_binary("iris.csv", "species", 0, "train_iris_setosa.csv")
    write_binary("wine.csv", "cultivar", 0, "train_wine_class0.csv")
    cases = [
        case_linear("diabetes_ols", "diabetes.csv", "progression", 0.0),
        case_linear("diabetes_ridge", "diabetes.csv", "progression", 0.1),
        case_logistic("iris_setosa_logistic", "iris.csv", "species", 0.01, "train_iris_setosa.csv"),
        case_logistic("wine_class0_logistic", "wine.csv", "cultivar", 0.01, "train_wine_class0.csv"),
        case_softmax("iris_softmax", "iris.csv", "species", 0.01),
        case_softmax("wine_softmax", "wine.csv", "cultivar", 0.01),
    ]
    out = dict(
        generator="testdata/ref/train_gen.py",
        versions=dict(numpy=np.__version__, scipy=scipy.__version__, sklearn=sklearn.__version__),
        objective="F = mean loss + (l2/2)*||W||^2 on standardized features (population std), bias unpenalized",
        cases=cases,
    )
    with open(os.path.join(HERE, "train_convex.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for c in cases:
        print(f"{c['name']:24s} F* = {c['objective']:.17g}  |grad| = {c['grad_norm']:.2e}  sklearn gap {c.get('sklearn_objective', c['objective']) / c['objective'] - 1:.1e}")


if __name__ == "__main__":
    main()

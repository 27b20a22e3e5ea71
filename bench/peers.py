"""Peer implementations of the workloads of descent's benchmark (bench/main.go).

`go run ./bench` writes this script into its temporary directory and runs it
with one JSON job as argv[1], once per thread setting; the thread counts
come from the environment it sets before Python starts (OMP_NUM_THREADS,
MKL_NUM_THREADS, OPENBLAS_NUM_THREADS) and torch.set_num_threads(job["omp"]).
The data sets are the Go-generated ones, read from raw little-endian float64
files. Results are printed as JSON lines
{"workload", "impl", "variant", "metric", "value", "note"} on stdout;
progress goes to stderr.

Every measurement runs until its work is done or job["seconds"] have passed,
whichever comes first, and reports the rate over the work timed.
"""

import json
import os
import sys
import time
import warnings

import numpy as np

JOB = json.loads(sys.argv[1])
SECONDS = float(JOB.get("seconds", 5))


def emit(impl, variant, metric, value, note=""):
    d = {"workload": JOB["workload"], "impl": impl, "variant": variant,
         "metric": metric, "value": float(value)}
    if note:
        d["note"] = note
    print(json.dumps(d), flush=True)


def log(*a):
    print("    peers[%s %s]:" % (JOB["workload"], JOB["setting"]), *a,
          file=sys.stderr, flush=True)


def load(name, shape):
    return np.fromfile(os.path.join(JOB["dir"], name), dtype="<f8").reshape(shape)


def torch_import():
    import torch
    torch.set_num_threads(int(JOB["omp"]))
    return torch


def info():
    d = {"python": sys.version.split()[0], "numpy": np.__version__}
    try:
        import sklearn
        d["sklearn"] = sklearn.__version__
    except Exception:
        pass
    try:
        import torch
        d["torch"] = torch.__version__
        d["torch_blas"] = [l.strip() for l in torch.__config__.show().splitlines()
                           if "BLAS" in l or "MKL" in l or "OpenMP" in l][:4]
    except Exception:
        pass
    try:
        import threadpoolctl
        d["threadpools"] = [{k: p.get(k) for k in ("internal_api", "version", "num_threads", "threading_layer", "filepath")}
                            for p in threadpoolctl.threadpool_info()]
    except Exception:
        pass
    print(json.dumps({"info": d}), flush=True)


def best_rate(step, max_steps, chunk):
    """Runs step() up to max_steps times (or SECONDS), in chunks; returns the
    best time per step of a chunk, in ns."""
    for _ in range(min(chunk, 100)):  # warm-up
        step()
    best = float("inf")
    done = 0
    deadline = time.perf_counter() + SECONDS
    while done < max_steps and time.perf_counter() < deadline:
        t0 = time.perf_counter()
        for _ in range(chunk):
            step()
        best = min(best, (time.perf_counter() - t0) / chunk)
        done += chunk
    return best * 1e9


# ---------------------------------------------------------------- W1

def w1():
    steps = int(JOB["steps"])
    lr_adam, lr_gd, b1, b2, eps = 1e-3, 1e-4, 0.9, 0.999, 1e-8

    # numpy: the Rosenbrock gradient and the Adam / gd update on 2-element arrays.
    for opt in ("adam", "gd"):
        x = np.array([-1.2, 1.0])
        m = np.zeros(2)
        v = np.zeros(2)
        t = [0]

        def step():
            x0, x1 = x
            a = 1.0 - x0
            b = x1 - x0 * x0
            g = np.array([-2.0 * a - 400.0 * x0 * b, 200.0 * b])
            if opt == "gd":
                x[:] -= lr_gd * g
                return
            t[0] += 1
            m[:] = b1 * m + (1 - b1) * g
            v[:] = b2 * v + (1 - b2) * g * g
            mhat = m / (1 - b1 ** t[0])
            vhat = v / (1 - b2 ** t[0])
            x[:] -= lr_adam * mhat / (np.sqrt(vhat) + eps)

        emit("numpy", opt + "/hand-written", "ns/step", best_rate(step, steps, 1000))

    torch = torch_import()
    for opt in ("adam", "gd"):
        for grad in ("hand-written", "autograd"):
            x = torch.tensor([-1.2, 1.0], dtype=torch.float64, requires_grad=True)
            o = torch.optim.Adam([x], lr=lr_adam) if opt == "adam" else torch.optim.SGD([x], lr=lr_gd)
            if grad == "autograd":
                def step():
                    o.zero_grad()
                    f = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
                    f.backward()
                    o.step()
            else:
                def step():
                    with torch.no_grad():
                        x0, x1 = x[0], x[1]
                        a = 1 - x0
                        b = x1 - x0 * x0
                        x.grad = torch.stack((-2 * a - 400 * x0 * b, 200 * b))
                    o.step()
            emit("torch", opt + "/" + grad, "ns/step", best_rate(step, steps, 200))


# ---------------------------------------------------------------- W2

def w2():
    n, d, iters, lr = int(JOB["n"]), int(JOB["d"]), int(JOB["iters"]), 0.1
    X = load("w2_X.f64", (n, d))
    y = load("w2_y.f64", (n,))

    def run(one_iter):
        one_iter()  # warm-up
        best = float("inf")
        deadline = time.perf_counter() + SECONDS
        for _ in range(iters):
            t0 = time.perf_counter()
            one_iter()
            best = min(best, time.perf_counter() - t0)
            if time.perf_counter() > deadline:
                break
        return best

    # numpy: r = X·w + b − y, g = (2/n)·Xᵀr: two passes over X (BLAS gemv).
    w = np.zeros(d)
    b = np.zeros(1)

    def it_numpy():
        r = X @ w
        r += b[0]
        r -= y
        loss = (r @ r) / n
        g = X.T @ r
        g *= 2.0 / n
        w[:] -= lr * g
        b[0] -= lr * 2.0 * r.sum() / n
        return loss

    emit("numpy", "X@w, X.T@r", "s/iter", run(it_numpy))

    torch = torch_import()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    wt = torch.zeros(d, dtype=torch.float64)
    bt = torch.zeros(1, dtype=torch.float64)

    def it_torch():
        r = torch.mv(Xt, wt).add_(bt).sub_(yt)
        loss = r.dot(r) / n
        g = torch.mv(Xt.t(), r).mul_(2.0 / n)
        wt.sub_(g, alpha=lr)
        bt.sub_(r.sum() * (2.0 * lr / n))
        return loss

    emit("torch", "mv(X,w), mv(X.T,r) float64", "s/iter", run(it_torch))


# ---------------------------------------------------------------- W3

def w3():
    n, d, B, lr = int(JOB["n"]), int(JOB["d"]), int(JOB["batch"]), 0.01
    X = load("w3_X.f64", (n, d))
    y = load("w3_y.f64", (n,))
    epochs = int(JOB.get("epochs", 2))

    if JOB["setting"] == "1":  # SGDClassifier is single-threaded
        from sklearn.linear_model import SGDClassifier
        for shuffle in (False, True):
            best = 0.0
            for _ in range(epochs):
                kw = dict(loss="log_loss", learning_rate="constant", eta0=lr, max_iter=1, tol=None,
                          shuffle=shuffle, random_state=0)
                try:
                    clf = SGDClassifier(penalty=None, **kw)
                except TypeError:
                    clf = SGDClassifier(penalty="l2", alpha=1e-12, **kw)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    t0 = time.perf_counter()
                    clf.fit(X, y)
                    best = max(best, n / (time.perf_counter() - t0))
            emit("sklearn", "SGDClassifier log_loss, 1 epoch, batch 1, shuffle=%s" % shuffle, "examples/s", best)

    torch = torch_import()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)

    def epoch_rate(step):
        step(0)  # warm-up
        best = 0.0
        deadline = time.perf_counter() + SECONDS
        for _ in range(epochs):
            t0 = time.perf_counter()
            done = 0
            for lo in range(0, n, B):
                step(lo)
                done += min(B, n - lo)
                if done % (256 * B) == 0 and time.perf_counter() > deadline:
                    break
            best = max(best, done / (time.perf_counter() - t0))
            if time.perf_counter() > deadline:
                break
        return best

    w = torch.zeros(d, dtype=torch.float64)
    b = torch.zeros(1, dtype=torch.float64)

    def hand(lo):
        xb, yb = Xt[lo:lo + B], yt[lo:lo + B]
        r = torch.sigmoid(torch.mv(xb, w).add_(b)).sub_(yb)
        w.sub_(torch.mv(xb.t(), r), alpha=lr / len(yb))
        b.sub_(r.sum() * (lr / len(yb)))

    with torch.no_grad():
        emit("torch", "hand-written gradient float64", "examples/s", epoch_rate(hand))

    lin = torch.nn.Linear(d, 1, dtype=torch.float64)
    torch.nn.init.zeros_(lin.weight)
    torch.nn.init.zeros_(lin.bias)
    opt = torch.optim.SGD(lin.parameters(), lr=lr)
    lossf = torch.nn.BCEWithLogitsLoss()

    def auto(lo):
        opt.zero_grad()
        loss = lossf(lin(Xt[lo:lo + B]).squeeze(1), yt[lo:lo + B])
        loss.backward()
        opt.step()

    emit("torch", "autograd nn.Linear + BCEWithLogitsLoss float64", "examples/s", epoch_rate(auto))


# ---------------------------------------------------------------- W4

def w4():
    n, d, B, K = int(JOB["n"]), int(JOB["d"]), int(JOB["batch"]), int(JOB["classes"])
    X = load("w4_X.f64", (n, d))
    y = load("w4_y.f64", (n,)).astype(np.int64)
    torch = torch_import()
    yt = torch.from_numpy(y)
    for name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        Xt = torch.from_numpy(X).to(dtype)
        torch.manual_seed(1)
        net = torch.nn.Sequential(torch.nn.Linear(d, 256), torch.nn.ReLU(), torch.nn.Linear(256, K)).to(dtype)
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        lossf = torch.nn.CrossEntropyLoss()

        def step(lo):
            opt.zero_grad(set_to_none=True)
            loss = lossf(net(Xt[lo:lo + B]), yt[lo:lo + B])
            loss.backward()
            opt.step()

        for lo in range(0, 3 * B, B):  # warm-up
            step(lo % n)
        t0 = time.perf_counter()
        deadline = t0 + SECONDS
        done = 0
        for lo in range(0, n, B):
            step(lo)
            done += min(B, n - lo)
            if time.perf_counter() > deadline:
                break
        sec = time.perf_counter() - t0
        note = "" if done == n else "%d of %d examples (time cap)" % (done, n)
        emit("torch", "nn.Sequential " + name, "examples/s", done / sec, note)


if __name__ == "__main__":
    if JOB.get("info"):
        info()
    {"W1": w1, "W2": w2, "W3": w3, "W4": w4}[JOB["workload"]]()

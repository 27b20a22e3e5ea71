#!/usr/bin/python3
"""Reference minimizers and minimum values for package testfunc.

Every problem is written here again, independently of the Go code, in mpmath
with 60 significant digits. Each stationary point is found by Newton's method
on the analytic gradient (mpmath.findroot), starting from the rough location
given in the literature (Moré, Garbow & Hillstrom 1981 for the MGH problems),
and is then checked to be a minimum: the Hessian, by central differences at
high precision, must be positive definite. The output, minima.json, holds
every coordinate and value to 30 significant digits; minima_test.go reads it.

Run: /usr/bin/python3 minima.py > minima.json
"""
import json

import mpmath as mp

mp.mp.dps = 60


def sumsq(res):
    """f = Σ r_i² from a residual function."""
    return lambda x: mp.fsum(r * r for r in res(x))


def grad(f, x):
    """∇f by high-order numerical differentiation at 60 digits."""
    g = []
    for i in range(len(x)):
        def fi(t, i=i):
            y = list(x)
            y[i] = t
            return f(y)
        g.append(mp.diff(fi, x[i]))
    return g


def hessian(f, x):
    n = len(x)
    h = mp.matrix(n, n)
    for i in range(n):
        for j in range(n):
            def fij(s, t, i=i, j=j):
                y = list(x)
                y[i] += s
                y[j] += t
                return f(y)
            if i == j:
                def fii(s, i=i):
                    y = list(x)
                    y[i] += s
                    return f(y)
                h[i, i] = mp.diff(fii, 0, 2)
            else:
                h[i, j] = mp.diff(fij, (0, 0), (1, 1))
    return h


def stationary(f, x0):
    """Newton on ∇f = 0 from x0; returns x and checks ∇²f ≻ 0."""
    n = len(x0)
    x = [mp.mpf(v) for v in x0]
    for _ in range(100):
        g = mp.matrix(grad(f, x))
        h = hessian(f, x)
        dx = mp.lu_solve(h, g)
        x = [x[i] - dx[i] for i in range(n)]
        if mp.norm(dx) < mp.mpf(10) ** (-45) * (1 + mp.norm(mp.matrix(x))):
            break
    else:
        raise RuntimeError("Newton did not converge from %s" % (x0,))
    h = hessian(f, x)
    ev = mp.eigsy(h)[0]
    assert min(ev) > 0, ("not a minimum", x0, ev)
    return x


def s(v):
    return mp.nstr(v, 30, min_fixed=-1, max_fixed=-1)


out = {}


def record(name, kind, x, f):
    out.setdefault(name, {}).setdefault(kind, []).append(
        {"x": [s(v) for v in x], "f": s(f(x))})


# Himmelblau: (x²+y−11)² + (x+y²−7)², four minima near these points.
himmelblau = lambda v: (v[0] ** 2 + v[1] - 11) ** 2 + (v[0] + v[1] ** 2 - 7) ** 2
for x0 in [(3, 2), (-2.8, 3.1), (-3.8, -3.3), (3.6, -1.8)]:
    record("himmelblau", "global", stationary(himmelblau, x0), himmelblau)

# Three-hump camel: 2x² − 1.05x⁴ + x⁶/6 + xy + y²; two local minima ±(1.75, −0.87).
camel = lambda v: (2 * v[0] ** 2 - mp.mpf("1.05") * v[0] ** 4 + v[0] ** 6 / 6
                   + v[0] * v[1] + v[1] ** 2)
record("three-hump-camel", "global", stationary(camel, (0.1, -0.1)), camel)
for x0 in [(1.75, -0.87), (-1.75, 0.87)]:
    record("three-hump-camel", "local", stationary(camel, x0), camel)

# Styblinski–Tang, one coordinate: (t⁴ − 16t² + 5t)/2.
st = lambda v: (v[0] ** 4 - 16 * v[0] ** 2 + 5 * v[0]) / 2
record("styblinski-tang-1d", "global", stationary(st, (-2.9,)), st)
record("styblinski-tang-1d", "local", stationary(st, (2.75,)), st)

# Freudenstein and Roth (MGH 2).
froth = sumsq(lambda v: [-13 + v[0] + ((5 - v[1]) * v[1] - 2) * v[1],
                         -29 + v[0] + ((v[1] + 1) * v[1] - 14) * v[1]])
record("freudenstein-roth", "global", stationary(froth, (5.1, 3.9)), froth)
record("freudenstein-roth", "local", stationary(froth, (11.41, -0.8968)), froth)

# Powell badly scaled (MGH 3): zero residual; solve r(x) = 0 directly, since
# Newton on ∇f converges only linearly at a zero-residual minimum.
pbs_r = lambda a, b: [10 ** 4 * a * b - 1, mp.exp(-a) + mp.exp(-b) - mp.mpf("1.0001")]
x = mp.findroot(pbs_r, (mp.mpf("1.098e-5"), mp.mpf("9.106")))
record("powell-badly-scaled", "global", [x[0], x[1]], sumsq(lambda v: pbs_r(v[0], v[1])))

# Bard (MGH 8).
bard_y = [mp.mpf(t) for t in "0.14 0.18 0.22 0.25 0.29 0.32 0.35 0.39 0.37 0.58 "
          "0.73 0.96 1.34 2.10 4.39".split()]


def bard_r(v):
    r = []
    for i in range(1, 16):
        u, w = i, min(i, 16 - i)
        r.append(bard_y[i - 1] - (v[0] + u / ((16 - i) * v[1] + w * v[2])))
    return r


bard = sumsq(bard_r)
record("bard", "global", stationary(bard, (0.08, 1.13, 2.34)), bard)
# The local minimum lies at infinity: x2, x3 → −∞ leaves Σ (y_i − x1)²,
# minimized by the mean of y.
ybar = mp.fsum(bard_y) / 15
out["bard"]["local"] = [{"x": [s(ybar), "-inf", "-inf"],
                         "f": s(mp.fsum((t - ybar) ** 2 for t in bard_y))}]

# Gaussian (MGH 9).
gy = [mp.mpf(t) for t in "0.0009 0.0044 0.0175 0.0540 0.1295 0.2420 0.3521 0.3989 "
      "0.3521 0.2420 0.1295 0.0540 0.0175 0.0044 0.0009".split()]
gauss = sumsq(lambda v: [v[0] * mp.exp(-v[1] * (mp.mpf(8 - i) / 2 - v[2]) ** 2 / 2) - gy[i - 1]
                         for i in range(1, 16)])
record("gaussian", "global", stationary(gauss, (0.4, 1, 0.001)), gauss)

# Kowalik and Osborne (MGH 15).
ky = [mp.mpf(t) for t in "0.1957 0.1947 0.1735 0.1600 0.0844 0.0627 0.0456 0.0342 "
      "0.0323 0.0235 0.0246".split()]
ku = [mp.mpf(t) for t in "4 2 1 0.5 0.25 0.167 0.125 0.1 0.0833 0.0714 0.0625".split()]
kow = sumsq(lambda v: [ky[i] - v[0] * (ku[i] ** 2 + ku[i] * v[1]) / (ku[i] ** 2 + ku[i] * v[2] + v[3])
                       for i in range(11)])
record("kowalik-osborne", "global", stationary(kow, (0.1928, 0.1913, 0.1231, 0.1361)), kow)

# Jennrich and Sampson (MGH 6), m = 10.
js = sumsq(lambda v: [2 + 2 * i - (mp.exp(i * v[0]) + mp.exp(i * v[1])) for i in range(1, 11)])
record("jennrich-sampson", "global", stationary(js, (0.2578, 0.2578)), js)

print(json.dumps(out, indent=1))

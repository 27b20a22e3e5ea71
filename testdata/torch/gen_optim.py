#!/usr/bin/python3
"""Reference trajectories of the torch.optim family for descent's optim tests.

Run from the repository root with Debian's Python (which has torch):

    /usr/bin/python3 testdata/torch/gen_optim.py

It writes testdata/torch/optim.json. Every case runs one optimizer, given as
a descent specification string such as "adam:lr=0.01,amsgrad=true", for
STEPS steps on one test function in float64 and records x after every step.
optim/torch_test.go replays each case with the Go optimizer, computing the
gradients with its own copy of the functions below.

Which PyTorch
-------------
descent follows PyTorch 2.x (the single-tensor `_single_tensor_*` code path,
which is what torch.optim uses on CPU). The machine has Debian's torch 1.13.1,
so this script does two things:

1. Wherever the 1.13.1 class computes what 2.x computes, the reference is the
   real torch.optim class in float64 (source "torch.optim.X").
2. Where 1.13 differs from 2.x in meaning, the reference is `emulate_2x`,
   a transcription of the 2.x `_single_tensor_*` functions using the same
   float64 torch tensor operations in the same order (source "2.x
   emulation"). These cases are:
     * NAdam, all settings: 1.13 computes mu_product_next = mu_product*mu*
       mu_next after mu_product already holds mu, i.e. multiplies mu twice;
       2.0 fixed it to mu_product*mu_next. NAdam has no maximize and no
       decoupled_weight_decay in 1.13 either.
     * RAdam with maximize or decoupled_weight_decay (neither exists in 1.13).
   Adam with decoupled_weight_decay=True (new in 2.x) is, in 2.x, exactly
   AdamW: the reference for it is the real 1.13 torch.optim.AdamW class, whose
   single-tensor arithmetic (param.mul_(1 - lr*weight_decay) before the
   moments) is the 2.x decoupled path.

   Where the emulation's trajectory differs from the reference (by
   rounding only) it is stored too, as "emu_traj": the Go code follows the
   2.x arithmetic and must reproduce it bit for bit.

   The emulation itself is validated: every case that has a real-class
   reference is also run through `emulate_2x`, and the largest relative
   difference is stored in the case ("emu_max_rel_diff") and must stay below
   1e-11. The remaining differences are rounding only: 2.x updates the first
   moment with exp_avg.lerp_(grad, 1-beta1) where 1.13 uses
   exp_avg.mul_(beta1).add_(grad, alpha=1-beta1). For NAdam the emulator is
   also run in "1.13 mode" (the double mu) and checked against the real
   1.13 torch.optim.NAdam, which validates the harness for the one line
   that differs.

Rounding
--------
check_kernel_order() pins down how ATen's CPU kernels round on this machine
(several are fused multiply-adds), and the Go code copies it with math.FMA.
The Python-side scalars such as beta1 ** step go through glibc's pow, which
is correctly rounded in practice; the Go code computes these powers
correctly rounded too (double-double running products, not math.Pow). The
"pow096" list holds NAdam's 0.96 ** (k * psi) computed to 60 digits with
decimal and rounded once, next to glibc's value, to test that.

The 2.x defaults are spelled out in DEFAULTS_2X (from torch/optim/*.py of
PyTorch 2.x) and passed explicitly to the 1.13 classes; SGD's lr has no
default in 1.13 but 1e-3 in 2.x.

Test functions (gradients written out in plain float64 Python; the Go test
uses the same expressions in the same order, so gradients at equal points
are bitwise equal):
  rosenbrock  (1-x)^2 + 100 (y-x^2)^2 from (-1.2, 1)
  quad5       1/2 x'Ax - b'x, A = diag(1, 4, 16, 64, 256) + 1/2 on the first
              off-diagonals (condition number ~ 290), from
              (1, -0.5, 0.25, -1, 0.5)
  beale       (1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2 from
              (0.5, -1), where the gradient is (-8.5, 0.875)
A case with "negate": true feeds the gradient of -f to an optimizer with
maximize=true, which must reproduce the minimization of f.
"""

import json
import math
import os
import sys
from decimal import Decimal, getcontext
from fractions import Fraction

import torch

torch.set_default_dtype(torch.float64)

STEPS = 100
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "optim.json")

# ---------------------------------------------------------------- functions


def rosenbrock_grad(x):
    x0, x1 = x
    g0 = -2.0 * (1.0 - x0) - 400.0 * x0 * (x1 - x0 * x0)
    g1 = 200.0 * (x1 - x0 * x0)
    return [g0, g1]


QUAD_D = [1.0, 4.0, 16.0, 64.0, 256.0]
QUAD_B = [1.0, -2.0, 0.5, 1.0, -1.0]


def quad5_grad(x):
    g = []
    for i in range(5):
        gi = QUAD_D[i] * x[i]
        if i > 0:
            gi += 0.5 * x[i - 1]
        if i < 4:
            gi += 0.5 * x[i + 1]
        gi -= QUAD_B[i]
        g.append(gi)
    return g


def beale_grad(x):
    x0, y = x
    y2 = y * y
    y3 = y2 * y
    t1 = 1.5 - x0 + x0 * y
    t2 = 2.25 - x0 + x0 * y2
    t3 = 2.625 - x0 + x0 * y3
    gx = 2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y2 - 1.0) + 2.0 * t3 * (y3 - 1.0)
    gy = 2.0 * t1 * x0 + 2.0 * t2 * (2.0 * x0 * y) + 2.0 * t3 * (3.0 * x0 * y2)
    return [gx, gy]


FUNCS = {
    "rosenbrock": (rosenbrock_grad, [-1.2, 1.0]),
    "quad5": (quad5_grad, [1.0, -0.5, 0.25, -1.0, 0.5]),
    "beale": (beale_grad, [0.5, -1.0]),
}

# ---------------------------------------------------------------- defaults

# PyTorch 2.x defaults, from the constructors in torch/optim/*.py.
DEFAULTS_2X = {
    "gd": dict(lr=1e-3, weight_decay=0.0, maximize=False),
    "sgd": dict(lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0,
                nesterov=False, maximize=False),
    "adagrad": dict(lr=1e-2, lr_decay=0.0, weight_decay=0.0,
                    initial_accumulator_value=0.0, eps=1e-10, maximize=False),
    "rmsprop": dict(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0,
                    momentum=0.0, centered=False, maximize=False),
    "adadelta": dict(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0,
                     maximize=False),
    "adam": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0,
                 amsgrad=False, decoupled_weight_decay=False, maximize=False),
    "adamw": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
                  weight_decay=1e-2, amsgrad=False, maximize=False),
    "adamax": dict(lr=2e-3, beta1=0.9, beta2=0.999, eps=1e-8,
                   weight_decay=0.0, maximize=False),
    "nadam": dict(lr=2e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0,
                  momentum_decay=4e-3, decoupled_weight_decay=False,
                  maximize=False),
    "radam": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0,
                  decoupled_weight_decay=False, maximize=False),
}

# ---------------------------------------------------------------- settings

# (spec, negate): negate=True cases minimize f by maximizing -f.
SETTINGS = [
    ("gd", False),
    ("gd:lr=0.0005,weight_decay=0.5", False),
    ("gd:maximize=true", True),
    ("sgd", False),
    ("sgd:lr=0.0005,momentum=0.9", False),
    ("sgd:lr=0.0005,momentum=0.9,nesterov=true", False),
    ("sgd:lr=0.001,momentum=0.5,dampening=0.3,weight_decay=0.1", False),
    ("sgd:lr=0.0005,momentum=0.9,weight_decay=0.05,maximize=true", True),
    ("adagrad", False),
    ("adagrad:lr=0.1,lr_decay=0.01,weight_decay=0.05", False),
    ("adagrad:lr=0.05,initial_accumulator_value=0.5,eps=1e-06", False),
    ("adagrad:lr=0.1,maximize=true", True),
    ("rmsprop", False),
    ("rmsprop:lr=0.001,momentum=0.9", False),
    ("rmsprop:lr=0.005,centered=true,weight_decay=0.01", False),
    ("rmsprop:lr=0.001,alpha=0.9,momentum=0.5,centered=true,maximize=true", True),
    ("adadelta", False),
    ("adadelta:lr=0.5,rho=0.95,eps=0.0001,weight_decay=0.1", False),
    ("adadelta:maximize=true", True),
    ("adam", False),
    ("adam:lr=0.01", False),
    ("adam:lr=0.01,amsgrad=true", False),
    ("adam:lr=0.003,beta1=0.3,beta2=0.9,weight_decay=0.1", False),
    ("adam:lr=0.01,beta1=0", False),
    ("adam:lr=0.01,weight_decay=0.1,decoupled_weight_decay=true", False),
    ("adam:lr=0.01,amsgrad=true,maximize=true", True),
    ("adamw", False),
    ("adamw:lr=0.01,weight_decay=0.1,amsgrad=true", False),
    ("adamw:lr=0.01,maximize=true", True),
    ("adamax", False),
    ("adamax:lr=0.01,weight_decay=0.1", False),
    ("adamax:lr=0.02,beta1=0.2,beta2=0.5,maximize=true", True),
    ("nadam", False),
    ("nadam:lr=0.01,momentum_decay=0.01", False),
    ("nadam:lr=0.01,beta1=0.3,weight_decay=0.1", False),
    ("nadam:lr=0.01,weight_decay=0.1,decoupled_weight_decay=true", False),
    ("nadam:lr=0.01,maximize=true", True),
    ("radam", False),
    ("radam:lr=0.001,beta2=0.9", False),
    ("radam:weight_decay=0.1", False),
    ("radam:lr=0.002,weight_decay=0.1,decoupled_weight_decay=true", False),
    ("radam:lr=0.001,beta2=0.9,maximize=true", True),
]


def parse_spec(s):
    """'adam:lr=0.01,amsgrad=true' -> ('adam', full 2.x hyperparameters)."""
    name, _, rest = s.partition(":")
    hp = dict(DEFAULTS_2X[name])
    if rest:
        for kv in rest.split(","):
            k, v = kv.split("=")
            if k not in hp:
                raise KeyError(f"{s}: unknown key {k}")
            hp[k] = (v == "true") if isinstance(hp[k], bool) else float(v)
    return name, hp


# ---------------------------------------------------------------- real classes


def torch_class(name, hp):
    """The 1.13 torch.optim class and arguments that compute what 2.x
    computes, or None when 1.13 cannot (then the 2.x emulation is used)."""
    o = torch.optim
    betas = (hp.get("beta1"), hp.get("beta2"))
    if name == "gd":
        return o.SGD, dict(lr=hp["lr"], weight_decay=hp["weight_decay"],
                           maximize=hp["maximize"])
    if name == "sgd":
        return o.SGD, dict(lr=hp["lr"], momentum=hp["momentum"],
                           dampening=hp["dampening"],
                           weight_decay=hp["weight_decay"],
                           nesterov=hp["nesterov"], maximize=hp["maximize"])
    if name == "adagrad":
        return o.Adagrad, dict(lr=hp["lr"], lr_decay=hp["lr_decay"],
                               weight_decay=hp["weight_decay"],
                               initial_accumulator_value=hp["initial_accumulator_value"],
                               eps=hp["eps"], maximize=hp["maximize"])
    if name == "rmsprop":
        return o.RMSprop, dict(lr=hp["lr"], alpha=hp["alpha"], eps=hp["eps"],
                               weight_decay=hp["weight_decay"],
                               momentum=hp["momentum"],
                               centered=hp["centered"], maximize=hp["maximize"])
    if name == "adadelta":
        return o.Adadelta, dict(lr=hp["lr"], rho=hp["rho"], eps=hp["eps"],
                                weight_decay=hp["weight_decay"],
                                maximize=hp["maximize"])
    if name == "adam":
        if hp["decoupled_weight_decay"]:
            # 2.x Adam(decoupled_weight_decay=True) is AdamW.
            return o.AdamW, dict(lr=hp["lr"], betas=betas, eps=hp["eps"],
                                 weight_decay=hp["weight_decay"],
                                 amsgrad=hp["amsgrad"], maximize=hp["maximize"])
        return o.Adam, dict(lr=hp["lr"], betas=betas, eps=hp["eps"],
                            weight_decay=hp["weight_decay"],
                            amsgrad=hp["amsgrad"], maximize=hp["maximize"])
    if name == "adamw":
        return o.AdamW, dict(lr=hp["lr"], betas=betas, eps=hp["eps"],
                             weight_decay=hp["weight_decay"],
                             amsgrad=hp["amsgrad"], maximize=hp["maximize"])
    if name == "adamax":
        return o.Adamax, dict(lr=hp["lr"], betas=betas, eps=hp["eps"],
                              weight_decay=hp["weight_decay"],
                              maximize=hp["maximize"])
    if name == "nadam":
        return None  # 1.13 NAdam has the double-mu bug; no maximize/decoupled
    if name == "radam":
        if hp["maximize"] or hp["decoupled_weight_decay"]:
            return None  # not in 1.13
        return o.RAdam, dict(lr=hp["lr"], betas=betas, eps=hp["eps"],
                             weight_decay=hp["weight_decay"])
    raise KeyError(name)


def run_class(cls, kwargs, grad, x0, negate, steps=STEPS):
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    opt = cls([p], **kwargs)
    if "foreach" in opt.defaults:
        assert not opt.defaults["foreach"], "must use the single-tensor path"
    traj = []
    for _ in range(steps):
        g = grad(p.detach().tolist())
        if negate:
            g = [-v for v in g]
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        traj.append(p.detach().tolist())
    return traj


# ---------------------------------------------------------------- 2.x emulation


def emulate_2x(name, hp, grad, x0, negate, steps=STEPS, nadam_113=False):
    """PyTorch 2.x _single_tensor_<name>, transcribed op for op (one
    parameter tensor, float lr, capturable=differentiable=False)."""
    param = torch.tensor(x0, dtype=torch.float64)
    n = param.numel()
    lr, maximize = hp["lr"], hp["maximize"]
    wd = hp.get("weight_decay", 0.0)
    z = lambda: torch.zeros(n, dtype=torch.float64)  # noqa: E731
    st = {"step": torch.tensor(0.0)}
    if name == "adagrad":
        st["sum"] = torch.full((n,), hp["initial_accumulator_value"])
    traj = []
    for _ in range(steps):
        g = grad(param.tolist())
        if negate:
            g = [-v for v in g]
        grads = torch.tensor(g, dtype=torch.float64)
        grad_t = grads if not maximize else -grads

        if name in ("gd", "sgd"):
            momentum = hp.get("momentum", 0.0)
            dampening = hp.get("dampening", 0.0)
            nesterov = hp.get("nesterov", False)
            if wd != 0:
                grad_t = grad_t.add(param, alpha=wd)
            if momentum != 0:
                buf = st.get("momentum_buffer")
                if buf is None:
                    buf = grad_t.detach().clone()
                    st["momentum_buffer"] = buf
                else:
                    buf.mul_(momentum).add_(grad_t, alpha=1 - dampening)
                if nesterov:
                    grad_t = grad_t.add(buf, alpha=momentum)
                else:
                    grad_t = buf
            param.add_(grad_t, alpha=-lr)

        elif name == "adagrad":
            step_t = st["step"]
            step_t += 1
            step = step_t.item()
            if wd != 0:
                grad_t = grad_t.add(param, alpha=wd)
            clr = lr / (1 + (step - 1) * hp["lr_decay"])
            state_sum = st["sum"]
            state_sum.addcmul_(grad_t, grad_t, value=1)
            std = state_sum.sqrt().add_(hp["eps"])
            param.addcdiv_(grad_t, std, value=-clr)

        elif name == "rmsprop":
            alpha, eps, momentum = hp["alpha"], hp["eps"], hp["momentum"]
            if "square_avg" not in st:
                st["square_avg"] = z()
                if momentum > 0:
                    st["momentum_buffer"] = z()
                if hp["centered"]:
                    st["grad_avg"] = z()
            st["step"] += 1
            if wd != 0:
                grad_t = grad_t.add(param, alpha=wd)
            square_avg = st["square_avg"]
            square_avg.mul_(alpha).addcmul_(grad_t, grad_t, value=1 - alpha)
            if hp["centered"]:
                grad_avg = st["grad_avg"]
                grad_avg.lerp_(grad_t, 1 - alpha)
                avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
            else:
                avg = square_avg.sqrt()
            avg = avg.add_(eps)
            if momentum > 0:
                buf = st["momentum_buffer"]
                buf.mul_(momentum).addcdiv_(grad_t, avg)
                param.add_(buf, alpha=-lr)
            else:
                param.addcdiv_(grad_t, avg, value=-lr)

        elif name == "adadelta":
            rho, eps = hp["rho"], hp["eps"]
            if "square_avg" not in st:
                st["square_avg"], st["acc_delta"] = z(), z()
            st["step"] += 1
            if wd != 0:
                grad_t = grad_t.add(param, alpha=wd)
            square_avg, acc_delta = st["square_avg"], st["acc_delta"]
            square_avg.mul_(rho).addcmul_(grad_t, grad_t, value=1 - rho)
            std = square_avg.add(eps).sqrt_()
            delta = acc_delta.add(eps).sqrt_()
            delta.div_(std).mul_(grad_t)
            acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
            param.add_(delta, alpha=-lr)

        elif name in ("adam", "adamw"):
            beta1, beta2, eps = hp["beta1"], hp["beta2"], hp["eps"]
            amsgrad = hp["amsgrad"]
            decoupled = name == "adamw" or hp["decoupled_weight_decay"]
            if "exp_avg" not in st:
                st["exp_avg"], st["exp_avg_sq"] = z(), z()
                if amsgrad:
                    st["max_exp_avg_sq"] = z()
            exp_avg, exp_avg_sq = st["exp_avg"], st["exp_avg_sq"]
            step_t = st["step"]
            step_t += 1
            if wd != 0:
                if decoupled:
                    param.mul_(1 - lr * wd)
                else:
                    grad_t = grad_t.add(param, alpha=wd)
            exp_avg.lerp_(grad_t, 1 - beta1)
            exp_avg_sq.mul_(beta2).addcmul_(grad_t, grad_t, value=1 - beta2)
            step = step_t.item()
            bias_correction1 = 1 - beta1 ** step
            bias_correction2 = 1 - beta2 ** step
            step_size = lr / bias_correction1
            bias_correction2_sqrt = bias_correction2 ** 0.5
            if amsgrad:
                mx = st["max_exp_avg_sq"]
                torch.maximum(mx, exp_avg_sq, out=mx)
                denom = (mx.sqrt() / bias_correction2_sqrt).add_(eps)
            else:
                denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
            param.addcdiv_(exp_avg, denom, value=-step_size)

        elif name == "adamax":
            beta1, beta2, eps = hp["beta1"], hp["beta2"], hp["eps"]
            if "exp_avg" not in st:
                st["exp_avg"], st["exp_inf"] = z(), z()
            exp_avg, exp_inf = st["exp_avg"], st["exp_inf"]
            step_t = st["step"]
            step_t += 1
            if wd != 0:
                grad_t = grad_t.add(param, alpha=wd)
            exp_avg.lerp_(grad_t, 1 - beta1)
            torch.maximum(exp_inf.mul_(beta2), grad_t.abs().add_(eps), out=exp_inf)
            bias_correction = 1 - beta1 ** step_t.item()
            clr = lr / bias_correction
            param.addcdiv_(exp_avg, exp_inf, value=-clr)

        elif name == "nadam":
            beta1, beta2, eps = hp["beta1"], hp["beta2"], hp["eps"]
            momentum_decay = hp["momentum_decay"]
            if "exp_avg" not in st:
                st["exp_avg"], st["exp_avg_sq"] = z(), z()
                st["mu_product"] = torch.tensor(1.0)
            exp_avg, exp_avg_sq = st["exp_avg"], st["exp_avg_sq"]
            mu_product, step_t = st["mu_product"], st["step"]
            step_t += 1
            step = step_t.item()
            bias_correction2 = 1 - beta2 ** step
            if wd != 0:
                if hp["decoupled_weight_decay"]:
                    param.mul_(1 - lr * wd)
                else:
                    grad_t = grad_t.add(param, alpha=wd)
            mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * momentum_decay)))
            mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
            mu_product *= mu
            if nadam_113:
                # 1.13 only (bug fixed in 2.0): mu enters twice.
                exp_avg.mul_(beta1).add_(grad_t, alpha=1 - beta1)
                mu_product_next = (mu_product * mu * mu_next).item()
            else:
                exp_avg.lerp_(grad_t, 1 - beta1)
                mu_product_next = mu_product.item() * mu_next
            exp_avg_sq.mul_(beta2).addcmul_(grad_t, grad_t, value=1 - beta2)
            denom = exp_avg_sq.div(bias_correction2).sqrt()
            denom.add_(eps)
            param.addcdiv_(grad_t, denom,
                           value=(-lr * (1.0 - mu) / (1.0 - mu_product.item())))
            param.addcdiv_(exp_avg, denom,
                           value=(-lr * mu_next) / (1.0 - mu_product_next))

        elif name == "radam":
            beta1, beta2, eps = hp["beta1"], hp["beta2"], hp["eps"]
            if "exp_avg" not in st:
                st["exp_avg"], st["exp_avg_sq"] = z(), z()
            exp_avg, exp_avg_sq = st["exp_avg"], st["exp_avg_sq"]
            step_t = st["step"]
            step_t += 1
            step = step_t.item()
            if wd != 0:
                if hp["decoupled_weight_decay"]:
                    param.mul_(1 - lr * wd)
                else:
                    grad_t = grad_t.add(param, alpha=wd)
            exp_avg.lerp_(grad_t, 1 - beta1)
            exp_avg_sq.mul_(beta2).addcmul_(grad_t, grad_t, value=1 - beta2)
            bias_correction1 = 1 - beta1 ** step
            bias_correction2 = 1 - beta2 ** step
            bias_corrected_exp_avg = exp_avg / bias_correction1
            rho_inf = 2 / (1 - beta2) - 1
            rho_t = rho_inf - 2 * step * (beta2 ** step) / bias_correction2

            def _compute_rect():
                return ((rho_t - 4) * (rho_t - 2) * rho_inf
                        / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5

            def _compute_adaptive_lr():
                exp_avg_sq_sqrt = exp_avg_sq.sqrt()
                exp_avg_sq_sqrt = exp_avg_sq_sqrt.add_(eps)
                return (bias_correction2 ** 0.5) / exp_avg_sq_sqrt

            if rho_t > 5.0:
                param.add_(bias_corrected_exp_avg * lr * _compute_adaptive_lr()
                           * _compute_rect(), alpha=-1.0)
            else:
                param.add_(bias_corrected_exp_avg * lr, alpha=-1.0)
        else:
            raise KeyError(name)
        traj.append(param.tolist())
    return traj


# ---------------------------------------------------------------- checks


def max_rel_diff(a, b):
    worst = 0.0
    for ra, rb in zip(a, b):
        for u, v in zip(ra, rb):
            d = abs(u - v) / max(abs(v), 1e-300)
            if u != v:
                worst = max(worst, d)
    return worst


def fma(a, b, c):
    """a*b + c rounded once (exact, via fractions)."""
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def check_kernel_order():
    """Pin down how ATen's CPU kernels round, which the Go code copies.

    On this x86-64 machine (AVX2/FMA3 kernels; tensors of fewer than 8
    doubles take the scalar loop) they evaluate, each rounded once:
      add(other, alpha)      fma(alpha, other, self)
      addcmul(t1, t2, value) fma(value*t1, t2, self)
      addcdiv(t1, t2, value) self + (value*t1)/t2
      lerp(end, w)           fma(w, end-self, self)        if |w| < 0.5
                             fma(-(end-self), 1-w, end)    otherwise
      c / tensor             reciprocal(tensor) * c
    The Go code uses math.FMA for the fused ones, so its float64 arithmetic
    is the same as torch's here. Checked on random data."""
    gen = torch.Generator().manual_seed(1)
    for _ in range(500):
        s, a, b = (torch.randn(5, generator=gen, dtype=torch.float64) * 3 for _ in range(3))
        b = b.abs() + 0.1
        v = float(torch.randn(1, generator=gen, dtype=torch.float64)) * 7
        for k in range(5):
            S, A, B = s[k].item(), a[k].item(), b[k].item()
            assert s.add(a, alpha=v)[k].item() == fma(v, A, S)
            assert s.addcmul(a, b, value=v)[k].item() == fma(v * A, B, S)
            assert s.addcdiv(a, b, value=v)[k].item() == S + v * A / B
            for w in (0.1, 0.3, 0.7, 1.0):
                want = fma(w, A - S, S) if abs(w) < 0.5 else fma(-(A - S), 1 - w, A)
                assert s.lerp(a, w)[k].item() == want
            assert (v / b)[k].item() == (1.0 / B) * v


def pow096_refs():
    """0.96 ** (k * psi), NAdam's momentum schedule, correctly rounded (60
    significant digits with decimal, then rounded once), next to what this
    machine's pow (glibc, via Python) returns."""
    getcontext().prec = 60
    ln096 = Decimal(0.96).ln()  # 0.96 as the float64 Python uses
    out = []
    for psi in (0.004, 0.01, 0.0037, 0.123, 0.5, 3.0, 100.0):
        for k in list(range(1, 301)) + [1000, 4567, 100000]:
            e = k * psi  # a float, as in step * momentum_decay
            exact = float((Decimal(e) * ln096).exp())
            out.append([psi, k, exact, 0.96 ** e])
    return out


def main():
    check_kernel_order()
    cases = []
    for spec, negate in SETTINGS:
        name, hp = parse_spec(spec)
        for fname, (grad, x0) in FUNCS.items():
            emu = emulate_2x(name, hp, grad, x0, negate)
            ct = torch_class(name, hp)
            if ct is not None:
                cls, kwargs = ct
                ref = run_class(cls, kwargs, grad, x0, negate)
                source = f"torch.optim.{cls.__name__} {torch.__version__} (float64)"
                diff = max_rel_diff(emu, ref)
                if diff >= 1e-11: print("WARNING", spec, fname, diff, file=sys.stderr)
            else:
                ref = emu
                source = "PyTorch 2.x _single_tensor_%s emulated with float64 torch ops" % name
                diff = 0.0
                if name == "nadam" and not hp["maximize"] and not hp["decoupled_weight_decay"]:
                    # Validate the harness against the real 1.13 class.
                    kw = dict(lr=hp["lr"], betas=(hp["beta1"], hp["beta2"]),
                              eps=hp["eps"], weight_decay=hp["weight_decay"],
                              momentum_decay=hp["momentum_decay"])
                    real = run_class(torch.optim.NAdam, kw, grad, x0, negate)
                    emu113 = emulate_2x(name, hp, grad, x0, negate, nadam_113=True)
                    d113 = max_rel_diff(emu113, real)
                    assert d113 < 1e-11, (spec, fname, d113)
                    # ...and show the 2.0 fix matters.
                    assert max_rel_diff(emu, real) > 1e-6, (spec, fname)
            for row in ref:
                for v in row:
                    assert math.isfinite(v) and abs(v) < 1e6, (spec, fname, row)
            case = {
                "spec": spec,
                "func": fname,
                "negate": negate,
                "x0": x0,
                "source": source,
                "emu_max_rel_diff": diff,
                "traj": ref,
            }
            if emu != ref:
                case["emu_traj"] = emu
            cases.append(case)
            print(f"{spec:70s} {fname:10s} {source[:28]:28s} emu diff {diff:.1e}"
                  f" x_end={[round(v, 6) for v in ref[-1]]}", file=sys.stderr)
    out = {
        "generator": "testdata/torch/gen_optim.py",
        "torch_version": torch.__version__,
        "steps": STEPS,
        "defaults_2x": DEFAULTS_2X,
        "pow096": pow096_refs(),
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()

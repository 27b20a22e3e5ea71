#!/usr/bin/python3
"""Reference trajectories of Rprop, ASGD and Lion for descent's optim tests.

Run from the repository root with Debian's Python (python3-torch 1.13.1):

    /usr/bin/python3 testdata/torch/gen_optim_extra.py

It writes testdata/torch/optim_extra.json, read by optim/extra_torch_test.go.
The format is that of optim.json (see gen_optim.py): every case runs one
optimizer, given as a descent specification, for STEPS steps on one test
function in float64 and records x after every step. The test functions and
their gradients are gen_optim.py's (imported from it, so the Go copies in
optim/torch_test.go apply): quad5 (an ill-conditioned quadratic, condition
number ~ 290), rosenbrock and beale (non-convex).

Which PyTorch
-------------
descent follows PyTorch 2.x's single-tensor code. The machine has Debian's
torch 1.13.1, so, as in gen_optim.py, every case is run twice: through the
real 1.13 class (the reference, "traj") and through `emulate_2x`, a
transcription of the 2.x `_single_tensor_*` function with the same float64
torch operations in the same order. The two must agree bit for bit here
(asserted): for these two methods 1.13 and 2.x compute the same thing.

* Rprop, 2.x torch/optim/rprop.py `_single_tensor_rprop`: the same
  operations as 1.13 (sign of grad*prev; etaplus/etaminus/1; step_size
  mul_ then clamp_; grad zeroed where the sign flipped; param.addcmul_(
  grad.sign(), step_size, value=-1); prev.copy_(grad)). 2.x adds the
  capturable (torch.where) and differentiable (prev.clone()) variants,
  which compute the same values, and keeps "step" as a tensor. The state is
  initialized lazily at the first step with step_size = lr in both.
* ASGD, 2.x torch/optim/asgd.py `_single_tensor_asgd`: the same update as
  1.13 (param.mul_(1 - lambd*eta); param.add_(grad, alpha=-eta); ax
  averaging; eta = lr / (1 + lambd*lr*step) ** alpha; mu = 1/max(1,
  step - t0)). Differences that do not change values: 1.13 calls
  math.pow(b, alpha), 2.x writes b ** alpha (both are the C library's pow
  for floats); 2.x creates eta/mu/step with _get_scalar_dtype() (float64
  here, as the default dtype is float64, and torch.tensor(...) in 1.13
  makes float64 too); 2.x skips the mu.item() != 1 test when compiling or
  capturable, which is the same arithmetic.
* Lion is not in torch. Its cases ("source": "google/automl ...") run a
  transcription of the authors' reference code, lion/lion_pytorch.py at
  commit b21d6ced9bc9b748e1c8ab9fdebf2c44c57e63ae of github.com/google/automl
  (Chen et al. 2023, Program 1), with float64 torch tensors. The class Lion
  below is the same step as a torch.optim.Optimizer (for torch's
  schedulers, gen_momentum_cycle.py); main() asserts it gives the same
  trajectories bit for bit.

Besides the trajectories the JSON holds:
  asgd_pow  [b, alpha, b^alpha correctly rounded, b ** alpha (glibc),
            in_cases] for the bases the ASGD cases meet and random ones
            (see pow_refs).
  asgd_ax   per case, the averaged point ax after every step (state["ax"]).
  sign      torch.sign of [nan, -0.0, 0.0, 5e-324, -5e-324]: the Go code's
            sign is 0 for NaN and ±0, as torch's.
  defaults_2x  the 2.x constructor defaults (Lion: the reference code's),
            which optim's registry must list.
"""

import json
import math
import os
import random
import sys
from decimal import Decimal, getcontext

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_optim import FUNCS, STEPS, check_kernel_order, max_rel_diff  # noqa: E402

torch.set_default_dtype(torch.float64)
OUT = os.path.join(HERE, "optim_extra.json")

# PyTorch 2.x defaults (torch/optim/rprop.py, asgd.py); Lion: lion_pytorch.py.
DEFAULTS_2X = {
    "rprop": dict(lr=1e-2, etaminus=0.5, etaplus=1.2, step_min=1e-6,
                  step_max=50.0, maximize=False),
    "asgd": dict(lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0,
                 maximize=False),
    "lion": dict(lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0),
}

# (spec, negate). A (spec, function) pair whose trajectory leaves |x| < 1e6
# (asgd's default lr = 0.01 diverges on quad5 and rosenbrock) is skipped.
SETTINGS = [
    ("rprop", False),
    ("rprop:lr=0.001,etaminus=0.3,etaplus=1.5", False),
    ("rprop:lr=0.1,step_min=0.001,step_max=0.5", False),
    ("rprop:lr=100", False),  # above step_max: clamped to 50 at step 1
    ("rprop:lr=0.05,maximize=true", True),
    ("asgd", False),
    ("asgd:lr=0.001", False),
    ("asgd:lr=0.002,lambd=0.5,alpha=0.6,t0=20", False),
    ("asgd:lr=0.001,lambd=0.01,weight_decay=0.1,t0=0", False),
    ("asgd:lr=0.0015,alpha=1.3,t0=50,maximize=true", True),
    ("lion", False),
    ("lion:lr=0.01", False),
    ("lion:lr=0.003,beta1=0.5,beta2=0.9,weight_decay=0.5", False),
]


class Lion(torch.optim.Optimizer):
    """Lion as a torch.optim.Optimizer, for other scripts to run with torch's
    schedulers (gen_momentum_cycle.py): the operations of lion_pytorch.py's
    step (google/automl, commit b21d6ced), in its order, on param groups
    whose defaults hold lr, betas and weight_decay, as the reference's do
    (so OneCycleLR and CyclicLR set betas[0]). beta1 and beta2 are read from
    the group at every step. main() checks that it gives emulate_2x's Lion
    trajectories bit for bit."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        if not 0.0 <= lr:
            raise ValueError(f"invalid lr {lr}")
        for i, b in enumerate(betas):
            if not 0.0 <= b < 1.0:
                raise ValueError(f"invalid betas[{i}] {b}")
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None
        for group in self.param_groups:
            lr, wd = group["lr"], group["weight_decay"]
            b1, b2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state["exp_avg"] = torch.zeros_like(p)
                m = state["exp_avg"]
                p.mul_(1 - lr * wd)
                c = m * b1 + p.grad * (1 - b1)
                p.add_(c.sign_(), alpha=-lr)
                m.mul_(b2).add_(p.grad, alpha=1 - b2)


def parse_spec(s):
    name, _, rest = s.partition(":")
    hp = dict(DEFAULTS_2X[name])
    if rest:
        for kv in rest.split(","):
            k, v = kv.split("=")
            if k not in hp:
                raise KeyError(f"{s}: unknown key {k}")
            hp[k] = (v == "true") if isinstance(hp[k], bool) else float(v)
    return name, hp


def grads_of(grad, param, negate):
    g = grad(param.tolist())
    if negate:
        g = [-v for v in g]
    return torch.tensor(g, dtype=torch.float64)


def run_class(name, hp, grad, x0, negate):
    """The real 1.13 class; returns (trajectory, ax per step or None)."""
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    if name == "rprop":
        opt = torch.optim.Rprop([p], lr=hp["lr"], etas=(hp["etaminus"], hp["etaplus"]),
                                step_sizes=(hp["step_min"], hp["step_max"]),
                                maximize=hp["maximize"], foreach=False)
    else:
        opt = torch.optim.ASGD([p], lr=hp["lr"], lambd=hp["lambd"], alpha=hp["alpha"],
                               t0=hp["t0"], weight_decay=hp["weight_decay"],
                               maximize=hp["maximize"], foreach=False)
    traj, axs = [], []
    for _ in range(STEPS):
        p.grad = grads_of(grad, p.detach(), negate)
        opt.step()
        traj.append(p.detach().tolist())
        if name == "asgd":
            axs.append(opt.state[p]["ax"].tolist())
    return traj, (axs if name == "asgd" else None)


def emulate_2x(name, hp, grad_fn, x0, negate):
    """PyTorch 2.x _single_tensor_rprop / _single_tensor_asgd, and Lion's
    reference step, op for op on one float64 tensor."""
    param = torch.tensor(x0, dtype=torch.float64)
    traj, axs = [], []
    st = {}
    for _ in range(STEPS):
        grad = grads_of(grad_fn, param, negate)
        if name == "rprop":
            if not st:  # lazy state, as Rprop.step initializes it
                st["step"] = torch.tensor(0.0)
                st["prev"] = torch.zeros_like(param)
                st["step_size"] = torch.full_like(grad, hp["lr"])
            grad = grad if not hp["maximize"] else -grad
            prev, step_size = st["prev"], st["step_size"]
            st["step"] += 1
            sign = grad.mul(prev).sign()
            sign[sign.gt(0)] = hp["etaplus"]
            sign[sign.lt(0)] = hp["etaminus"]
            sign[sign.eq(0)] = 1
            step_size.mul_(sign).clamp_(hp["step_min"], hp["step_max"])
            grad = grad.clone(memory_format=torch.preserve_format)
            grad[sign.eq(hp["etaminus"])] = 0
            param.addcmul_(grad.sign(), step_size, value=-1)
            prev.copy_(grad)
        elif name == "asgd":
            lr, lambd, alpha, t0, wd = hp["lr"], hp["lambd"], hp["alpha"], hp["t0"], hp["weight_decay"]
            if not st:
                st["step"] = torch.zeros((), dtype=torch.float64)
                st["eta"] = torch.as_tensor(lr, dtype=torch.float64).clone().detach()
                st["mu"] = torch.ones((), dtype=torch.float64)
                st["ax"] = torch.zeros_like(param)
            grad = grad if not hp["maximize"] else -grad
            mu, ax, eta, step_t = st["mu"], st["ax"], st["eta"], st["step"]
            step_t += 1
            step = step_t.item()
            if wd != 0:
                grad = grad.add(param, alpha=wd)
            eta_value = eta.item()
            param.mul_(1 - lambd * eta_value)
            param.add_(grad, alpha=-eta_value)
            if mu.item() != 1:
                ax.add_(param.sub(ax).mul(mu))
            else:
                ax.copy_(param)
            eta.copy_(torch.as_tensor(lr / ((1 + lambd * lr * step) ** alpha)))
            mu.copy_(torch.as_tensor(1 / max(1, step - t0)))
            axs.append(ax.tolist())
        elif name == "lion":
            lr, b1, b2, wd = hp["lr"], hp["beta1"], hp["beta2"], hp["weight_decay"]
            if not st:
                st["exp_avg"] = torch.zeros_like(param)
            exp_avg = st["exp_avg"]
            param.mul_(1 - lr * wd)
            update = exp_avg * b1 + grad * (1 - b1)
            param.add_(update.sign_(), alpha=-lr)
            exp_avg.mul_(b2).add_(grad, alpha=1 - b2)
        else:
            raise KeyError(name)
        traj.append(param.tolist())
    return traj, (axs if name == "asgd" else None)


def run_lion_class(hp, grad, x0, negate):
    """The Lion class's trajectory, as run_class runs the torch classes."""
    p = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    opt = Lion([p], lr=hp["lr"], betas=(hp["beta1"], hp["beta2"]), weight_decay=hp["weight_decay"])
    traj = []
    for _ in range(STEPS):
        p.grad = grads_of(grad, p.detach(), negate)
        opt.step()
        traj.append(p.detach().tolist())
    return traj


def pow_refs(cases_hp):
    """[b, alpha, b^alpha correctly rounded, b ** alpha, in_cases]: every
    base 1 + lambd*lr*step of the ASGD settings (in_cases = 1), and random
    bases in [1, 1e6] (log-uniform) and near 1 (in_cases = 0).

    The correctly rounded value comes from 60-digit decimal arithmetic,
    rounded once. glibc's pow (Python's **) is not quite correctly rounded
    (its documented error bound is about 0.52 ULP): it differs from the
    correctly rounded value in a few near-ties among the random cases (the
    exact value within 0.003 ULP of the midpoint between two doubles), and
    in none of the cases' bases. The Go code rounds correctly."""
    getcontext().prec = 60
    out = []

    def row(b, a, in_cases):
        exact = float((Decimal(a) * Decimal(b).ln()).exp())
        out.append([b, a, exact, b ** a, in_cases])

    for hp in cases_hp:
        for step in range(1, STEPS + 1):
            row(1 + hp["lambd"] * hp["lr"] * float(step), hp["alpha"], 1)
    rnd = random.Random(7)
    for _ in range(3000):
        b = math.exp(rnd.uniform(0, math.log(1e6))) if rnd.random() < 0.7 else 1 + rnd.uniform(0, 1e-3)
        a = rnd.choice([0.5, 0.6, 0.75, 1.0, 1.3, 2.0, rnd.uniform(0, 3)])
        row(b, a, 0)
    for r in out:
        if r[4]:
            assert r[2] == r[3], r  # the trajectories' powers: glibc = exact
    return out


def main():
    check_kernel_order()
    sgn = torch.tensor([float("nan"), -0.0, 0.0, 5e-324, -5e-324]).sign().tolist()
    assert sgn[:3] == [0.0, 0.0, 0.0] and sgn[3:] == [1.0, -1.0], sgn
    cases, asgd_hps = [], []
    for spec, negate in SETTINGS:
        name, hp = parse_spec(spec)
        if name == "asgd":
            asgd_hps.append(hp)
        for fname, (grad, x0) in FUNCS.items():
            emu, emu_ax = emulate_2x(name, hp, grad, x0, negate)
            if name == "lion":
                ref, ax, diff = emu, None, 0.0
                # The Optimizer class other scripts import computes the same.
                cls = run_lion_class(hp, grad, x0, negate)
                assert repr(cls) == repr(emu), (spec, fname, max_rel_diff(cls, emu))
                source = ("google/automl lion/lion_pytorch.py@b21d6ced9bc9b748e1c8ab9fdebf2c44c57e63ae"
                          " transcribed with float64 torch ops")
            else:
                ref, ax = run_class(name, hp, grad, x0, negate)
                source = f"torch.optim.{'Rprop' if name == 'rprop' else 'ASGD'} {torch.__version__} (float64)"
                diff = max_rel_diff(emu, ref)
                # 1.13 and the 2.x transcription compute the same values.
                assert repr(emu) == repr(ref) and repr(emu_ax) == repr(ax), (spec, fname, diff)
            if not all(math.isfinite(v) and abs(v) < 1e6 for row in ref for v in row):
                print(f"skip {spec} on {fname}: leaves |x| < 1e6", file=sys.stderr)
                continue
            case = {"spec": spec, "func": fname, "negate": negate, "x0": x0,
                    "source": source, "emu_max_rel_diff": diff, "traj": ref}
            if ax is not None:
                case["asgd_ax"] = ax
            cases.append(case)
            print(f"{spec:50s} {fname:10s} x_end={[round(v, 6) for v in ref[-1]]}", file=sys.stderr)
    out = {
        "generator": "testdata/torch/gen_optim_extra.py",
        "torch_version": torch.__version__,
        "steps": STEPS,
        "defaults_2x": DEFAULTS_2X,
        "sign": sgn,
        "asgd_pow": pow_refs(asgd_hps),
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()

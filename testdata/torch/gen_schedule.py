#!/usr/bin/python3
"""Reference learning-rate sequences from torch.optim.lr_scheduler.

Run with Debian's interpreter (it has python3-torch):

    /usr/bin/python3 testdata/torch/gen_schedule.py > testdata/torch/schedule.json

For every case it builds the real PyTorch scheduler on a dummy SGD optimizer
with one float64 parameter, and records param_groups[0]["lr"] before each
scheduler.step() call, i.e. the rate used by optimizer step t = 0, 1, ...
(optimizer.step() is called before scheduler.step(), as PyTorch requires).
The Go test (schedule/torch_test.go) builds the same schedule from the
"spec" string with schedule.New, optionally wrapped in WithWarmup, and
compares every rate to 1e-12 relative.

PyTorch 1.13 vs 2.x. The machine has Debian's torch 1.13.1. For the classes
used here and a scheduler stepped only with step() from last_epoch=-1, the
arithmetic of 1.13.1 and of 2.x (checked against torch/optim/lr_scheduler.py
on the main branch) is the same expression for expression:
  - 2.x replaced some `last_epoch == 0` tests by `_is_initial`; both are true
    only for the constructor's initial step.
  - CosineAnnealingWarmRestarts: 1.13 wraps T_cur with `T_cur - T_i`, 2.x with
    `T_cur % T_i`; equal because T_cur grows by 1 and wraps when T_cur == T_i.
  - SequentialLR: 1.13 starts a later scheduler with `scheduler.step(0)`, 2.x
    with `scheduler._update_lr(0)`; both evaluate the closed form at epoch 0.
    The only difference is that step(0) also bumps _step_count, which only
    CosineAnnealingLR reads (`_step_count == 1 and last_epoch > 0`), and that
    branch is not taken in either version (count >= 2 at the next step).
  - CyclicLR: 1.13 requires momentum in the optimizer when cycle_momentum is
    on; we pass cycle_momentum=False (descent schedules only the rate).
  - ReduceLROnPlateau became an LRScheduler subclass in 2.x; same arithmetic.
So no emulation is needed; the script asserts the version it ran with.

Two cases are descent's own decisions, emulated here and marked in the case:
  - onecycle past total_steps: torch raises after step total_steps (and gives
    an extrapolated rate at step total_steps itself). descent holds the rate
    of step total_steps-1 (the final minimum) for every later step; the script
    records torch's rates for t < total_steps and repeats the last one.
  - inverse_time has no torch class: it is LambdaLR(lambda t: 1/(1+decay*t)).
Warmup is descent's WithWarmup(inner, w), which equals
    SequentialLR(opt, [LinearLR(opt, start_factor=1/w, end_factor=1,
                                total_iters=w-1), inner], milestones=[w]),
i.e. rate base*(t+1)/w for t < w, then the inner schedule from its step 0.
"""

import json
import math
import sys
import warnings

import torch
from torch.optim import lr_scheduler as S

warnings.simplefilter("ignore")
torch.set_default_dtype(torch.float64)

STEPS = 250


def optimizer(lr):
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    return torch.optim.SGD([p], lr=lr), p


def run(make, lr, steps=STEPS, metrics=None, hold_after=None):
    opt, p = optimizer(lr)
    sched = make(opt)
    out = []
    n = steps if hold_after is None else hold_after
    for t in range(n):
        out.append(float(opt.param_groups[0]["lr"]))
        opt.step()
        if metrics is not None:
            sched.step(metrics[t])
        else:
            sched.step()
    if hold_after is not None:
        out += [out[-1]] * (steps - n)
    return out


def warmup(make_inner, w):
    def make(opt):
        first = S.LinearLR(opt, start_factor=1.0 / w, end_factor=1.0, total_iters=w - 1)
        inner = make_inner(opt)
        return S.SequentialLR(opt, [first, inner], milestones=[w])
    return make


def plateau_losses():
    # A deterministic validation-loss curve: fast progress, a plateau with
    # insignificant relative gains (below threshold 1e-4), noise, a few
    # significant improvements, and a rise.
    m = []
    for t in range(STEPS):
        if t < 30:
            v = 1.0 / (1.0 + 0.1 * t)
        elif t < 60:
            v = 0.25 * (1.0 - 5e-5) ** (t - 30)  # rel gain 5e-5 < 1e-4
        elif t < 100:
            v = 0.24 + 0.01 * math.sin(0.9 * t)
        elif t < 140:
            v = 0.2 - 0.001 * (t - 100) + 0.003 * math.cos(1.3 * t)
        elif t < 190:
            v = 0.16 + 0.0004 * ((t * 7) % 5)
        else:
            v = 0.16 + 0.002 * (t - 190)
        m.append(v)
    return m


def plateau_scores():
    # An accuracy-like curve for mode=max.
    return [min(0.9, 0.5 + 0.01 * t) + 0.02 * math.sin(1.7 * t) if t < 120
            else 0.9 + 0.001 * ((t * 3) % 4) for t in range(STEPS)]


LOSS = plateau_losses()
SCORE = plateau_scores()

CASES = []


def case(spec, make, lr=0.1, warm=0, metrics=None, hold_after=None, note=None):
    m = warmup(make, warm) if warm else make
    c = {"spec": spec, "base_lr": lr, "warmup": warm,
         "lr": run(m, lr, metrics=metrics, hold_after=hold_after)}
    if metrics is not None:
        c["metrics"] = metrics
    if note:
        c["note"] = note
    CASES.append(c)


# constant
case("constant", lambda o: S.ConstantLR(o, factor=1.0, total_iters=0))
case("constant", lambda o: S.ConstantLR(o, factor=1.0, total_iters=0), lr=0.037)

# step
case("step:step_size=30", lambda o: S.StepLR(o, step_size=30))
case("step:step_size=7,gamma=0.5", lambda o: S.StepLR(o, step_size=7, gamma=0.5), lr=0.3)
case("step:step_size=1,gamma=0.97", lambda o: S.StepLR(o, step_size=1, gamma=0.97))

# multistep
case("multistep:milestones=30;80", lambda o: S.MultiStepLR(o, milestones=[30, 80]))
case("multistep:milestones=0;10;100;150,gamma=0.5",
     lambda o: S.MultiStepLR(o, milestones=[0, 10, 100, 150], gamma=0.5),
     note="a milestone at 0 applies gamma to step 0 (torch)")

# exponential
case("exponential:gamma=0.99", lambda o: S.ExponentialLR(o, gamma=0.99))
case("exponential:gamma=0.9", lambda o: S.ExponentialLR(o, gamma=0.9), lr=0.5)

# inverse_time (no torch class: LambdaLR)
case("inverse_time:decay=0.01", lambda o: S.LambdaLR(o, lambda t: 1.0 / (1.0 + 0.01 * t)))
case("inverse_time:decay=0.5", lambda o: S.LambdaLR(o, lambda t: 1.0 / (1.0 + 0.5 * t)), lr=0.02)

# polynomial
case("polynomial", lambda o: S.PolynomialLR(o))
case("polynomial:total_iters=150,power=2", lambda o: S.PolynomialLR(o, total_iters=150, power=2.0))
case("polynomial:total_iters=100,power=0.9", lambda o: S.PolynomialLR(o, total_iters=100, power=0.9))

# cosine (recursive chainable form; past t_max it rises again)
case("cosine:t_max=50", lambda o: S.CosineAnnealingLR(o, T_max=50))
case("cosine:t_max=100,eta_min=0.001", lambda o: S.CosineAnnealingLR(o, T_max=100, eta_min=0.001))
case("cosine:t_max=7,eta_min=0.01", lambda o: S.CosineAnnealingLR(o, T_max=7, eta_min=0.01), lr=0.05)
case("cosine:t_max=240", lambda o: S.CosineAnnealingLR(o, T_max=240))

# cosine_restarts
case("cosine_restarts:t_0=10", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10))
case("cosine_restarts:t_0=5,t_mult=2,eta_min=0.001",
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=0.001))
case("cosine_restarts:t_0=3,t_mult=3,eta_min=0.0005",
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=3, eta_min=0.0005), lr=0.2)

# linear
case("linear", lambda o: S.LinearLR(o))
case("linear:start_factor=1,end_factor=0,total_iters=150",
     lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.0, total_iters=150))
case("linear:start_factor=0.1,end_factor=0.5,total_iters=100",
     lambda o: S.LinearLR(o, start_factor=0.1, end_factor=0.5, total_iters=100))

# cyclic (overrides the optimizer's lr with base_lr; descent defaults base_lr
# to the optimizer's lr, so the last case omits it from the spec)
case("cyclic:base_lr=0.01,max_lr=0.1,step_size_up=20",
     lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=20, cycle_momentum=False))
case("cyclic:base_lr=0.001,max_lr=0.05,step_size_up=15,step_size_down=35,mode=triangular2",
     lambda o: S.CyclicLR(o, base_lr=0.001, max_lr=0.05, step_size_up=15, step_size_down=35,
                          mode="triangular2", cycle_momentum=False))
case("cyclic:base_lr=0.01,max_lr=0.1,step_size_up=10,mode=exp_range,gamma=0.99",
     lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=10, mode="exp_range",
                          gamma=0.99, cycle_momentum=False))
case("cyclic:max_lr=0.5,step_size_up=25",
     lambda o: S.CyclicLR(o, base_lr=0.1, max_lr=0.5, step_size_up=25, cycle_momentum=False),
     note="base_lr defaults to the optimizer's lr in descent")

# onecycle (ignores the optimizer's lr: starts at max_lr/div_factor)
case("onecycle:max_lr=0.1,total_steps=250",
     lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=250, cycle_momentum=False))
case("onecycle:max_lr=0.5,total_steps=200,pct_start=0.25,anneal_strategy=linear,div_factor=10,final_div_factor=100",
     lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=200, pct_start=0.25, anneal_strategy="linear",
                            div_factor=10.0, final_div_factor=100.0, cycle_momentum=False),
     hold_after=200)
case("onecycle:max_lr=0.2,total_steps=240,three_phase=true",
     lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=240, three_phase=True, cycle_momentum=False),
     hold_after=240)
case("onecycle:max_lr=0.1,total_steps=60,pct_start=0.4",
     lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=60, pct_start=0.4, cycle_momentum=False),
     hold_after=60, note="torch rates for t < 60, then descent holds the rate of step 59")

# plateau
case("plateau", lambda o: S.ReduceLROnPlateau(o), metrics=LOSS)
case("plateau:patience=3,cooldown=2,factor=0.5,threshold=0.01,threshold_mode=abs,min_lr=0.004",
     lambda o: S.ReduceLROnPlateau(o, patience=3, cooldown=2, factor=0.5, threshold=0.01,
                                   threshold_mode="abs", min_lr=0.004), metrics=LOSS)
case("plateau:mode=max,patience=2,factor=0.5,eps=0.001",
     lambda o: S.ReduceLROnPlateau(o, mode="max", patience=2, factor=0.5, eps=1e-3), metrics=SCORE)
case("plateau:patience=0,threshold=0",
     lambda o: S.ReduceLROnPlateau(o, patience=0, threshold=0.0, factor=0.9), metrics=LOSS,
     note="factor=0.9 is passed to torch; the spec sets it below")
CASES[-1]["spec"] = "plateau:patience=0,threshold=0,factor=0.9"
case("plateau:mode=max,threshold_mode=abs,threshold=0.005,patience=4,cooldown=3",
     lambda o: S.ReduceLROnPlateau(o, mode="max", threshold_mode="abs", threshold=0.005,
                                   patience=4, cooldown=3), metrics=SCORE)

# warmup: SequentialLR([LinearLR(1/w, 1, w-1), inner], milestones=[w])
case("cosine:t_max=190", lambda o: S.CosineAnnealingLR(o, T_max=190), warm=10)
case("step:step_size=30", lambda o: S.StepLR(o, step_size=30), warm=5)
case("exponential:gamma=0.98", lambda o: S.ExponentialLR(o, gamma=0.98), warm=20, lr=0.3)
case("multistep:milestones=50;120,gamma=0.2", lambda o: S.MultiStepLR(o, milestones=[50, 120], gamma=0.2), warm=7)
case("linear:start_factor=1,end_factor=0.01,total_iters=200",
     lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.01, total_iters=200), warm=25)

assert torch.__version__.startswith("1.13") or torch.__version__.startswith("2."), torch.__version__
for c in CASES:
    assert len(c["lr"]) == STEPS, c["spec"]
    assert all(math.isfinite(v) for v in c["lr"]), c["spec"]

json.dump({
    "generator": "testdata/torch/gen_schedule.py",
    "torch": torch.__version__,
    "steps": STEPS,
    "cases": CASES,
}, sys.stdout, indent=1)
sys.stdout.write("\n")

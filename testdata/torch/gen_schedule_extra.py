#!/usr/bin/python3
"""More reference sequences from torch.optim.lr_scheduler: momentum cycling,
composition and LambdaLR.

Run with Debian's interpreter (it has python3-torch 1.13.1):

    /usr/bin/python3 testdata/torch/gen_schedule_extra.py > testdata/torch/schedule_extra.json

The format is that of schedule.json (gen_schedule.py): for every case the
real PyTorch scheduler is built on a one-parameter float64 optimizer and
param_groups[0]["lr"] is recorded before each scheduler.step(), i.e. the
rate of optimizer step t = 0, 1, ...  schedule/torch_test.go replays the
cases of both files with schedule.New(spec) and compares every rate to 1e-12
relative.

Cases with "optimizer" also record "momentum": param_groups[0]["momentum"]
for SGD(momentum=0.9) or param_groups[0]["betas"][0] for Adam, read at the
same moment as the rate. OneCycleLR and CyclicLR overwrite it (their default
cycle_momentum=True; base_momentum=0.85, max_momentum=0.95), and the Go test
compares it to the schedule's Momentum().

Torch 1.13 vs 2.x: OneCycleLR's and CyclicLR's momentum arithmetic is the
same expression in both (2.x's CyclicLR also accepts optimizers with betas,
driving betas[0] with the same formula; 1.13 raises ValueError for them, so
there is no CyclicLR+Adam case). SequentialLR's step(0) at a milestone in
1.13 and _update_lr(0) in 2.x both evaluate the closed form at epoch 0 (see
gen_schedule.py). ChainedScheduler and LambdaLR are unchanged.

descent's decisions, emulated and marked in the case's note:
  - onecycle past total_steps holds the last rate and momentum (torch
    raises): recorded for t < total_steps, the last value repeated after.
  - lambda:expr=F is LambdaLR(lambda t: F) with F written in Python.
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


def make_opt(kind, lr):
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    if kind == "adam":
        return torch.optim.Adam([p], lr=lr)
    return torch.optim.SGD([p], lr=lr, momentum=0.9)


def momentum_of(opt, kind):
    g = opt.param_groups[0]
    return float(g["betas"][0]) if kind == "adam" else float(g["momentum"])


CASES = []


def case(spec, make, lr=0.1, opt="sgd", record_momentum=False, hold_after=None, note=None):
    o = make_opt(opt, lr)
    sched = make(o)
    lrs, moms = [], []
    n = STEPS if hold_after is None else hold_after
    for _ in range(n):
        lrs.append(float(o.param_groups[0]["lr"]))
        moms.append(momentum_of(o, opt))
        o.step()
        sched.step()
    if hold_after is not None:
        lrs += [lrs[-1]] * (STEPS - n)
        moms += [moms[-1]] * (STEPS - n)
    c = {"spec": spec, "base_lr": lr, "warmup": 0, "lr": lrs}
    if record_momentum:
        c["optimizer"] = opt
        c["momentum"] = moms
    if note:
        c["note"] = note
    CASES.append(c)


HOLD = "descent holds the last rate and momentum past total_steps (torch raises)"

# onecycle: momentum cycling with SGD(momentum=0.9) and Adam (betas[0]).
for opt in ("sgd", "adam"):
    case("onecycle:max_lr=0.5,total_steps=200",
         lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=200),
         opt=opt, record_momentum=True, hold_after=200, note=HOLD)
    case("onecycle:max_lr=1,total_steps=120,anneal_strategy=linear,three_phase=true",
         lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=120, anneal_strategy="linear", three_phase=True),
         opt=opt, record_momentum=True, hold_after=120, note=HOLD)
case("onecycle:max_lr=0.2,total_steps=250,pct_start=0.25,base_momentum=0.8,max_momentum=0.9",
     lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=250, pct_start=0.25, base_momentum=0.8, max_momentum=0.9),
     opt="adam", record_momentum=True)
case("onecycle:max_lr=0.2,total_steps=250,three_phase=true,base_momentum=0.7",
     lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=250, three_phase=True, base_momentum=0.7),
     opt="sgd", record_momentum=True)

# cyclic: momentum cycling with SGD(momentum=0.9) (torch 1.13 rejects Adam).
case("cyclic:base_lr=0.01,max_lr=0.1,step_size_up=20",
     lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=20),
     opt="sgd", record_momentum=True)
case("cyclic:base_lr=0.001,max_lr=0.1,step_size_up=15,step_size_down=35,mode=triangular2,base_momentum=0.8,max_momentum=0.99",
     lambda o: S.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=15, step_size_down=35, mode="triangular2",
                          base_momentum=0.8, max_momentum=0.99),
     opt="sgd", record_momentum=True)
case("cyclic:base_lr=0.01,max_lr=0.2,step_size_up=25,mode=exp_range,gamma=0.995",
     lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.2, step_size_up=25, mode="exp_range", gamma=0.995),
     opt="sgd", record_momentum=True)

# sequential: SequentialLR.
case("sequential:schedulers=linear:start_factor=0.1;total_iters=5|cosine:t_max=95,milestones=5",
     lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=5),
                                  S.CosineAnnealingLR(o, T_max=95)], milestones=[5]))
case("sequential:schedulers=linear:start_factor=0.25;total_iters=8|cosine:t_max=60;eta_min=0.01,milestones=10",
     lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.25, total_iters=8),
                                  S.CosineAnnealingLR(o, T_max=60, eta_min=0.01)], milestones=[10]), lr=0.3)
case("sequential:schedulers=constant:factor=0.5;total_iters=3|exponential:gamma=0.97|multistep:milestones=20;50;gamma=0.5,milestones=10;60",
     lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=3),
                                  S.ExponentialLR(o, gamma=0.97),
                                  S.MultiStepLR(o, milestones=[20, 50], gamma=0.5)], milestones=[10, 60]))

# Composition with momentum-cycling schedules: OneCycleLR's constructor sets
# initial_lr to max_lr/div_factor, so the LinearLR before it warms up to
# 0.02, and sets the momentum to its step-0 value, which stays during the
# warmup; a CyclicLR constructed first sets initial_lr to its base_lr, the
# base of the ExponentialLR after it, whose segment keeps the momentum
# CyclicLR set last.
case("sequential:schedulers=linear:start_factor=0.2;total_iters=4|onecycle:max_lr=0.5;total_steps=240,milestones=10",
     lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.2, total_iters=4),
                                  S.OneCycleLR(o, max_lr=0.5, total_steps=240)], milestones=[10]),
     opt="sgd", record_momentum=True)
case("sequential:schedulers=cyclic:base_lr=0.01;max_lr=0.1;step_size_up=10|exponential:gamma=0.99,milestones=35",
     lambda o: S.SequentialLR(o, [S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=10),
                                  S.ExponentialLR(o, gamma=0.99)], milestones=[35]),
     opt="sgd", record_momentum=True)

# chained: ChainedScheduler.
case("chained:schedulers=constant:factor=0.5;total_iters=10|exponential:gamma=0.98",
     lambda o: S.ChainedScheduler([S.ConstantLR(o, factor=0.5, total_iters=10), S.ExponentialLR(o, gamma=0.98)]))
case("chained:schedulers=linear:start_factor=0.2;total_iters=20|multistep:milestones=100;200;gamma=0.5|step:step_size=30;gamma=0.9",
     lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.2, total_iters=20),
                                   S.MultiStepLR(o, milestones=[100, 200], gamma=0.5),
                                   S.StepLR(o, step_size=30, gamma=0.9)]), lr=0.05)
case("chained:schedulers=polynomial:total_iters=200;power=2|exponential:gamma=0.999",
     lambda o: S.ChainedScheduler([S.PolynomialLR(o, total_iters=200, power=2.0), S.ExponentialLR(o, gamma=0.999)]))

# lambda: LambdaLR with the formula written in Python.
LAMBDA_NOTE = "LambdaLR with the formula in Python"
case("lambda:expr=0.95^t", lambda o: S.LambdaLR(o, lambda t: 0.95 ** t), note=LAMBDA_NOTE)
case("lambda:expr=min(1, (t+1)/10)", lambda o: S.LambdaLR(o, lambda t: min(1.0, (t + 1) / 10)), note=LAMBDA_NOTE)
case("lambda:expr=0.5*(1+cos(pi*t/250))",
     lambda o: S.LambdaLR(o, lambda t: 0.5 * (1 + math.cos(math.pi * t / 250))), lr=0.3, note=LAMBDA_NOTE)
case("lambda:expr=1/sqrt(max(t, 10))", lambda o: S.LambdaLR(o, lambda t: 1 / math.sqrt(max(t, 10))), note=LAMBDA_NOTE)


def main():
    assert torch.__version__.startswith("1.13") or torch.__version__.startswith("2."), torch.__version__
    json.dump({"generator": "testdata/torch/gen_schedule_extra.py", "torch": torch.__version__,
               "steps": STEPS, "cases": CASES}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

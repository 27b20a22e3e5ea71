#!/usr/bin/python3
"""Reference trajectories of optimizers whose momentum a schedule cycles
(PyTorch's cycle_momentum=True), for schedule/momentum_torch_test.go.

Run from the repository root with Debian's Python (python3-torch 1.13.1):

    /usr/bin/python3 testdata/torch/gen_momentum_cycle.py

It writes testdata/torch/momentum_cycle.json. Every case runs a torch
optimizer with a OneCycleLR or CyclicLR scheduler for STEPS steps on one of
gen_optim.py's test functions (quad5, rosenbrock, beale) in float64, the
usual loop (p.grad = ∇f; opt.step(); sched.step()), and records x after
every step together with the lr and the momentum (SGD, RMSprop: momentum;
Adam, AdamW, Adamax, RAdam, NAdam: betas[0]) that the step used.

Which PyTorch: 1.13.1's OneCycleLR and CyclicLR set group["momentum"] or
group["betas"] = (m, beta2) before every step exactly as 2.x's
torch/optim/lr_scheduler.py does, and 1.13's Adam, like 2.x's adam.py,
computes bias_correction1 = 1 - beta1 ** step with the beta1 of the
current step (Adamax and RAdam likewise); 1.13's NAdam, like 2.x's, reads
beta1 every step for mu_t = beta1·(1 − 0.5·0.96^(t·ψ)) and its product,
and runs here with the one line 2.0 fixed as 2.x has it (nadam_2x). 1.13's CyclicLR refuses optimizers without a "momentum"
default (Adam), which 2.x accepts through betas: the cyclic cases use SGD
and RMSprop.
"""

import inspect
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_optim import FUNCS  # noqa: E402

torch.set_default_dtype(torch.float64)


def nadam_2x():
    """Replaces 1.13's single-tensor NAdam step with its source where the
    one line 2.0 fixed reads as 2.x has it: 1.13 computes mu_product_next =
    mu_product * mu * mu_next (mu twice, see gen_optim.py), 2.x
    mu_product * mu_next. The rest of the step, β₁ read from
    group["betas"] at every step included, is 1.13's own."""
    mod = sys.modules[torch.optim.NAdam.__module__]
    src = inspect.getsource(mod._single_tensor_nadam)
    fixed = src.replace("mu_product_next = mu_product * mu * mu_next", "mu_product_next = mu_product * mu_next")
    assert fixed != src, "1.13's NAdam line not found"
    ns = dict(mod.__dict__)
    exec(fixed, ns)
    mod._single_tensor_nadam = ns["_single_tensor_nadam"]


nadam_2x()
OUT = os.path.join(HERE, "momentum_cycle.json")
STEPS = 60

# (descent optimizer spec, torch constructor, descent schedule spec, torch scheduler)
SETTINGS = [
    ("sgd:lr=0.001,momentum=0.9",
     lambda p: torch.optim.SGD([p], lr=0.001, momentum=0.9),
     "onecycle:max_lr=0.01,total_steps=60",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.01, total_steps=60)),
    ("sgd:lr=0.001,momentum=0.9,nesterov=true",
     lambda p: torch.optim.SGD([p], lr=0.001, momentum=0.9, nesterov=True),
     "onecycle:max_lr=0.005,total_steps=60,anneal_strategy=linear,three_phase=true",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.005, total_steps=60,
                                                   anneal_strategy="linear", three_phase=True)),
    ("adam:lr=0.001",
     lambda p: torch.optim.Adam([p], lr=0.001),
     "onecycle:max_lr=0.05,total_steps=60",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=60)),
    ("adamw:lr=0.001,weight_decay=0.1",
     lambda p: torch.optim.AdamW([p], lr=0.001, weight_decay=0.1),
     "onecycle:max_lr=0.02,total_steps=60,base_momentum=0.5,max_momentum=0.99",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.02, total_steps=60,
                                                   base_momentum=0.5, max_momentum=0.99)),
    ("adamax:lr=0.001",
     lambda p: torch.optim.Adamax([p], lr=0.001),
     "onecycle:max_lr=0.05,total_steps=60,pct_start=0.5",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=60, pct_start=0.5)),
    ("radam:lr=0.001",
     lambda p: torch.optim.RAdam([p], lr=0.001),
     "onecycle:max_lr=0.05,total_steps=60",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=60)),
    ("nadam:lr=0.001",
     lambda p: torch.optim.NAdam([p], lr=0.001),
     "onecycle:max_lr=0.05,total_steps=60",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=60)),
    ("sgd:lr=0.001",  # momentum 0 at construction: the schedule brings it in
     lambda p: torch.optim.SGD([p], lr=0.001),
     "cyclic:base_lr=0.001,max_lr=0.01,step_size_up=10",
     lambda o: torch.optim.lr_scheduler.CyclicLR(o, base_lr=0.001, max_lr=0.01, step_size_up=10)),
    ("rmsprop:lr=0.001,momentum=0.5",
     lambda p: torch.optim.RMSprop([p], lr=0.001, momentum=0.5),
     "cyclic:base_lr=0.0005,max_lr=0.005,step_size_up=7,step_size_down=13,mode=triangular2",
     lambda o: torch.optim.lr_scheduler.CyclicLR(o, base_lr=0.0005, max_lr=0.005, step_size_up=7,
                                                 step_size_down=13, mode="triangular2")),
]


def main():
    cases = []
    for ospec, mk_opt, sspec, mk_sched in SETTINGS:
        for fname, (grad, x0) in FUNCS.items():
            p = torch.tensor(x0, requires_grad=True)
            opt = mk_opt(p)
            sched = mk_sched(opt)
            traj, lrs, moms = [], [], []
            for _ in range(STEPS):
                g = opt.param_groups[0]
                lrs.append(g["lr"])
                moms.append(g["betas"][0] if "betas" in g else g["momentum"])
                p.grad = torch.tensor(grad(p.detach().tolist()))
                opt.step()
                sched.step()
                traj.append(p.detach().tolist())
            if not all(abs(v) < 1e6 for x in traj for v in x):  # also NaN
                print(f"skip {ospec} {sspec} on {fname}: diverges")
                continue
            cases.append(dict(opt=ospec, schedule=sspec, func=fname, x0=x0, traj=traj, lr=lrs, momentum=moms))
    with open(OUT, "w") as f:
        json.dump(dict(torch_version=torch.__version__, steps=STEPS, cases=cases), f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()

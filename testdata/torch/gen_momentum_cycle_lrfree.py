#!/usr/bin/python3
"""Reference trajectories of the learning-rate-free methods whose momentum a
schedule cycles (PyTorch's OneCycleLR with cycle_momentum=True), for
optim/momentum_cycle_test.go (TestMomentumCycleReference).

Run from the repository root with Debian's Python (python3-torch 1.13.1),
with the authors' reference code fetched beside it, as for gen_lrfree.py:

    PRODIGY_SRC=/path/to/konstmish/prodigy \\
    MECHANIC_SRC=/path/to/optimizedlearning/mechanic/src \\
    DADAPT_SRC=/path/to/facebookresearch/dadaptation \\
        /usr/bin/python3 testdata/torch/gen_momentum_cycle_lrfree.py

It writes testdata/torch/momentum_cycle_lrfree.json in the format of
momentum_cycle.json (see gen_momentum_cycle.py): every case runs the
reference class with a OneCycleLR scheduler for STEPS steps on one of
gen_optim.py's test functions in float64, the usual loop (p.grad = grad;
opt.step(); sched.step()), and records x after every step with the lr and
the momentum (group["betas"][0] or group["momentum"]) the step used.

The classes are imported from the authors' code, not copied, at the
commits descent transcribes (the same as gen_lrfree.py's):
  dadapt_sgd   facebookresearch/dadaptation c984980 dadaptation/dadapt_sgd.py:
               defaults hold momentum (lines 53-54), read at every step
               (line 79), so OneCycleLR sets group["momentum"].
  dadapt_adam  the same commit, dadaptation/dadapt_adam.py: defaults hold
               betas (line 82), read from the first group at every step
               (line 120), so OneCycleLR sets group["betas"][0].
  prodigy      konstmish/prodigy 3efb213 prodigyopt/prodigy.py: defaults
               hold betas (line 81), read at every step (line 116).
  mechanic     optimizedlearning/mechanic 4a037bc
               src/mechanic_pytorch/mechanic.py: mechanize(Base) subclasses
               the base class (line 325), whose defaults OneCycleLR reads:
               torch.optim.SGD's momentum, torch.optim.Adam's betas.
OneCycleLR in 1.13.1 sets the momentum as 2.x's does (see
gen_momentum_cycle.py).
"""

import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_optim import FUNCS  # noqa: E402

sys.path.insert(0, os.environ.get("PRODIGY_SRC", "/work/.mirror/konstmish+prodigy/src"))
from prodigyopt import Prodigy  # noqa: E402

sys.path.insert(0, os.environ.get("MECHANIC_SRC", "/work/.mirror/optimizedlearning+mechanic/src"))
from mechanic_pytorch import mechanize  # noqa: E402

sys.path.insert(0, os.environ.get("DADAPT_SRC", "/work/.mirror/facebookresearch+dadaptation/src"))
from dadaptation.dadapt_sgd import DAdaptSGD  # noqa: E402
from dadaptation.dadapt_adam import DAdaptAdam  # noqa: E402

torch.set_default_dtype(torch.float64)
OUT = os.path.join(HERE, "momentum_cycle_lrfree.json")
STEPS = 60

DSGD = "facebookresearch/dadaptation c984980 dadaptation/dadapt_sgd.py"
DADAM = "facebookresearch/dadaptation c984980 dadaptation/dadapt_adam.py"
PRODIGY = "konstmish/prodigy 3efb213 prodigyopt/prodigy.py"
MECH = "optimizedlearning/mechanic 4a037bc src/mechanic_pytorch/mechanic.py"


def onecycle(**kw):
    return lambda o: torch.optim.lr_scheduler.OneCycleLR(o, total_steps=STEPS, **kw)


# (descent optimizer spec, torch constructor, descent schedule spec, torch scheduler, source)
SETTINGS = [
    ("dadapt_sgd",  # momentum 0 at construction: the schedule brings it in
     lambda p: DAdaptSGD([p]),
     "onecycle:max_lr=1,total_steps=60",
     onecycle(max_lr=1.0), DSGD),
    ("dadapt_sgd:momentum=0.9,weight_decay=0.01",
     lambda p: DAdaptSGD([p], momentum=0.9, weight_decay=0.01),
     "onecycle:max_lr=0.5,total_steps=60,base_momentum=0.5,max_momentum=0.9",
     onecycle(max_lr=0.5, base_momentum=0.5, max_momentum=0.9), DSGD),
    ("dadapt_adam",
     lambda p: DAdaptAdam([p]),
     "onecycle:max_lr=1,total_steps=60",
     onecycle(max_lr=1.0), DADAM),
    ("dadapt_adam:bias_correction=true,weight_decay=0.01,decouple=true",
     lambda p: DAdaptAdam([p], use_bias_correction=True, weight_decay=0.01, decouple=True),
     "onecycle:max_lr=1,total_steps=60,anneal_strategy=linear,base_momentum=0.5,max_momentum=0.99",
     onecycle(max_lr=1.0, anneal_strategy="linear", base_momentum=0.5, max_momentum=0.99), DADAM),
    ("prodigy",
     lambda p: Prodigy([p]),
     "onecycle:max_lr=1,total_steps=60",
     onecycle(max_lr=1.0), PRODIGY),
    ("prodigy:bias_correction=true,weight_decay=0.01",
     lambda p: Prodigy([p], use_bias_correction=True, weight_decay=0.01),
     "onecycle:max_lr=1,total_steps=60,base_momentum=0,max_momentum=0.9",  # β₁ = 0 at the peak
     onecycle(max_lr=1.0, base_momentum=0.0, max_momentum=0.9), PRODIGY),
    ("mechanic:base=sgd,lr=0.01",
     lambda p: mechanize(torch.optim.SGD)([p], lr=0.01),
     "onecycle:max_lr=0.01,total_steps=60",
     onecycle(max_lr=0.01), MECH + " wrapping torch.optim.SGD"),
    ("mechanic:base=adam",
     lambda p: mechanize(torch.optim.Adam)([p]),
     "onecycle:max_lr=0.001,total_steps=60",
     onecycle(max_lr=0.001), MECH + " wrapping torch.optim.Adam"),
]


def main():
    cases = []
    for ospec, mk_opt, sspec, mk_sched, source in SETTINGS:
        for fname, (grad, x0) in FUNCS.items():
            p = torch.tensor(x0, requires_grad=True)
            opt = mk_opt(p)
            if "foreach" in opt.defaults:
                assert not opt.defaults["foreach"], "must use the single-tensor path"
            sched = mk_sched(opt)
            traj, lrs, moms = [], [], []
            for _ in range(STEPS):
                g = opt.param_groups[0]
                lrs.append(g["lr"])
                moms.append(g["betas"][0] if "betas" in opt.defaults else g["momentum"])
                p.grad = torch.tensor(grad(p.detach().tolist()))
                opt.step()
                sched.step()
                traj.append(p.detach().tolist())
            if not all(abs(v) < 1e6 for x in traj for v in x):  # also NaN
                print(f"skip {ospec} {sspec} on {fname}: diverges")
                continue
            cases.append(dict(opt=ospec, schedule=sspec, func=fname, x0=x0, source=source,
                              traj=traj, lr=lrs, momentum=moms))
    with open(OUT, "w") as f:
        json.dump(dict(torch_version=torch.__version__, steps=STEPS, cases=cases), f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()

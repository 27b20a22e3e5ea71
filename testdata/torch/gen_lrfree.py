#!/usr/bin/python3
"""Reference trajectories of the learning-rate-free methods for descent's
optim tests (optim/lrfree_test.go).

Run from the repository root with Debian's Python (python3-torch 1.13.1),
with the authors' reference code fetched beside it:

    DOG_SRC=/path/to/formll/dog/src /usr/bin/python3 testdata/torch/gen_lrfree.py

It writes testdata/torch/lrfree.json in the format of optim.json (see
gen_optim.py, whose test functions and run_class it imports): every case
runs one optimizer, given as a descent specification, for STEPS steps on
quad5 (ill-conditioned quadratic), rosenbrock and beale (non-convex) in
float64 and records x after every step.

References (the classes are imported from the authors' code, not copied):
  dog      DoG, Ivgi, Hinder & Carmon, "DoG is SGD's Best Friend: A
           Parameter-Free Dynamic Step Size Schedule" (ICML 2023);
           github.com/formll/dog src/dog/dog.py at commit 8d45cf5 (v1.0.3).
  prodigy  Prodigy, Mishchenko & Defazio, "Prodigy: An Expeditiously
           Adaptive Parameter-Free Learner" (ICML 2024);
           github.com/konstmish/prodigy prodigyopt/prodigy.py at commit
           3efb213 (PRODIGY_SRC, the repository root).
  cocob    COCOB-Backprop, Orabona & Tommasi, "Training Deep Networks
           without Learning Rates Through Coin Betting" (NeurIPS 2017);
           github.com/bremen79/parameterfree parameterfree/cocob.py at
           commit 8e130f2 (PARAMFREE_SRC).
  mechanic Mechanic, Cutkosky, Defazio & Mehta, "Mechanic: A Learning Rate
           Tuner" (NeurIPS 2023); github.com/optimizedlearning/mechanic
           src/mechanic_pytorch/mechanic.py at commit 4a037bc
           (MECHANIC_SRC), wrapping torch.optim.SGD and Adam.
  dadapt_sgd  D-Adaptation SGD, Defazio & Mishchenko, "Learning-Rate-Free
           Learning by D-Adaptation" (ICML 2023); github.com/
           facebookresearch/dadaptation dadaptation/dadapt_sgd.py at
           commit c984980 (DADAPT_SRC).
  dadapt_adam  D-Adaptation Adam, the same paper, dadaptation/dadapt_adam.py
           at commit c984980.
"""

import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_optim  # noqa: E402  (the test functions and run_class)

sys.path.insert(0, os.environ.get("DOG_SRC", "/work/.mirror/formll+dog/src"))
from dog import DoG  # noqa: E402

sys.path.insert(0, os.environ.get("PRODIGY_SRC", "/work/.mirror/konstmish+prodigy/src"))
from prodigyopt import Prodigy  # noqa: E402

sys.path.insert(0, os.environ.get("PARAMFREE_SRC", "/work/.mirror/bremen79+parameterfree/src"))
from parameterfree.cocob import COCOB  # noqa: E402

sys.path.insert(0, os.environ.get("MECHANIC_SRC", "/work/.mirror/optimizedlearning+mechanic/src"))
from mechanic_pytorch import mechanize  # noqa: E402

sys.path.insert(0, os.environ.get("DADAPT_SRC", "/work/.mirror/facebookresearch+dadaptation/src"))
from dadaptation.dadapt_sgd import DAdaptSGD  # noqa: E402
from dadaptation.dadapt_adam import DAdaptAdam  # noqa: E402

torch.set_default_dtype(torch.float64)

CASES = [
    ("dog", {}, "formll/dog 8d45cf5 src/dog/dog.py"),
    ("dog:reps_rel=1e-4", {"reps_rel": 1e-4}, "formll/dog 8d45cf5 src/dog/dog.py"),
    ("dog:lr=0.5,weight_decay=0.01", {"lr": 0.5, "weight_decay": 0.01}, "formll/dog 8d45cf5 src/dog/dog.py"),
    ("dog:init_eta=0.001", {"init_eta": 0.001}, "formll/dog 8d45cf5 src/dog/dog.py"),
]
COCOB_SRC = "bremen79/parameterfree 8e130f2 parameterfree/cocob.py"
CCASES = [
    ("cocob", {}, COCOB_SRC),
    ("cocob:alpha=10,weight_decay=0.01", {"alpha": 10, "weight_decay": 0.01}, COCOB_SRC),
]
DSGD = "facebookresearch/dadaptation c984980 dadaptation/dadapt_sgd.py"
DCASES = [
    ("dadapt_sgd", {}),
    ("dadapt_sgd:momentum=0.9,weight_decay=0.01", {"momentum": 0.9, "weight_decay": 0.01}),
    ("dadapt_sgd:d0=0.001,growth_rate=1.02", {"d0": 1e-3, "growth_rate": 1.02}),
]
DADAM = "facebookresearch/dadaptation c984980 dadaptation/dadapt_adam.py"
ACASES = [
    ("dadapt_adam", {}),
    ("dadapt_adam:bias_correction=true,weight_decay=0.01,decouple=true", {"use_bias_correction": True, "weight_decay": 0.01, "decouple": True}),
    ("dadapt_adam:weight_decay=0.1,d0=0.001,growth_rate=1.02", {"weight_decay": 0.1, "d0": 1e-3, "growth_rate": 1.02}),
]
MECH = "optimizedlearning/mechanic 4a037bc src/mechanic_pytorch/mechanic.py"
MCASES = [
    ("mechanic:base=sgd,lr=0.01", torch.optim.SGD, {"lr": 0.01}, {}),
    ("mechanic:base=adam", torch.optim.Adam, {}, {}),
    ("mechanic:base=sgd,lr=0.1,s_decay=0", torch.optim.SGD, {"lr": 0.1}, {"s_decay": 0.0}),
]
PRODIGY = "konstmish/prodigy 3efb213 prodigyopt/prodigy.py"
PCASES = [
    ("prodigy", {}, PRODIGY),
    ("prodigy:bias_correction=true,weight_decay=0.01", {"use_bias_correction": True, "weight_decay": 0.01}, PRODIGY),
    ("prodigy:beta1=0,d0=0.001,growth_rate=1.02", {"betas": (0.0, 0.999), "d0": 1e-3, "growth_rate": 1.02}, PRODIGY),
    ("prodigy:coupled=true,weight_decay=0.1,safeguard_warmup=true,d_coef=0.5", {"decouple": False, "weight_decay": 0.1, "safeguard_warmup": True, "d_coef": 0.5}, PRODIGY),
]


def main():
    out = {"torch_version": torch.__version__, "steps": gen_optim.STEPS, "cases": []}
    for spec, kwargs, source in CASES:
        for fn in ("quad5", "rosenbrock", "beale"):
            grad, x0 = gen_optim.FUNCS[fn]
            traj = gen_optim.run_class(DoG, kwargs, grad, x0, False)
            out["cases"].append({"spec": spec, "func": fn, "negate": False, "x0": x0, "source": source, "traj": traj})
    for spec, kwargs, source in CCASES:
        for fn in ("quad5", "rosenbrock", "beale"):
            grad, x0 = gen_optim.FUNCS[fn]
            traj = gen_optim.run_class(COCOB, kwargs, grad, x0, False)
            out["cases"].append({"spec": spec, "func": fn, "negate": False, "x0": x0, "source": source, "traj": traj})
    for spec, kwargs in DCASES:
        for fn in ("quad5", "rosenbrock", "beale"):
            grad, x0 = gen_optim.FUNCS[fn]
            # The reference itself blows up on beale after step 38 (d
            # grows without bound there): its first 30 steps are recorded.
            steps = 30 if fn == "beale" else gen_optim.STEPS
            traj = gen_optim.run_class(DAdaptSGD, kwargs, grad, x0, False, steps=steps)
            out["cases"].append({"spec": spec, "func": fn, "negate": False, "x0": x0, "source": DSGD, "traj": traj})
    for spec, kwargs in ACASES:
        for fn in ("quad5", "rosenbrock", "beale"):
            grad, x0 = gen_optim.FUNCS[fn]
            traj = gen_optim.run_class(DAdaptAdam, kwargs, grad, x0, False)
            out["cases"].append({"spec": spec, "func": fn, "negate": False, "x0": x0, "source": DADAM, "traj": traj})
    for spec, base, kwargs, mkw in MCASES:
        for fn in ("quad5", "rosenbrock", "beale"):
            grad, x0 = gen_optim.FUNCS[fn]
            cls = mechanize(base, **mkw)
            traj = gen_optim.run_class(cls, kwargs, grad, x0, False)
            out["cases"].append({"spec": spec, "func": fn, "negate": False, "x0": x0, "source": MECH, "traj": traj})
    for spec, kwargs, source in PCASES:
        for fn in ("quad5", "rosenbrock", "beale"):
            grad, x0 = gen_optim.FUNCS[fn]
            traj = gen_optim.run_class(Prodigy, kwargs, grad, x0, False)
            out["cases"].append({"spec": spec, "func": fn, "negate": False, "x0": x0, "source": source, "traj": traj})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lrfree.json")
    with open(path, "w") as f:
        json.dump(out, f)
    print(f"wrote {len(out['cases'])} cases to {path}")


if __name__ == "__main__":
    main()

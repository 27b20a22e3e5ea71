#!/usr/bin/python3
"""Reference trajectories of optimizers whose momentum a schedule cycles
(PyTorch's cycle_momentum=True), for optim/momentum_cycle_test.go.

Run from the repository root with Debian's Python (python3-torch 1.13.1):

    /usr/bin/python3 testdata/torch/gen_momentum_cycle.py

It writes testdata/torch/momentum_cycle.json. Every case runs a torch
optimizer with a OneCycleLR or CyclicLR scheduler for STEPS steps on one of
gen_optim.py's test functions (quad5, rosenbrock, beale) in float64, the
usual loop (p.grad = ∇f; opt.step(); sched.step()), and records x after
every step together with the lr and the momentum (SGD, RMSprop, Signum:
momentum; Adam, AdamW, Adamax, RAdam, NAdam, SparseAdam, Lion: betas[0])
that the step used.

Which PyTorch: 1.13.1's OneCycleLR and CyclicLR set group["momentum"] or
group["betas"] = (m, beta2) before every step exactly as 2.x's
torch/optim/lr_scheduler.py does, and 1.13's Adam, like 2.x's adam.py,
computes bias_correction1 = 1 - beta1 ** step with the beta1 of the
current step (Adamax and RAdam likewise); 1.13's NAdam, like 2.x's, reads
beta1 every step for mu_t = beta1·(1 − 0.5·0.96^(t·ψ)) and its product,
and runs here with the one line 2.0 fixed as 2.x has it (nadam_2x). 1.13's CyclicLR refuses optimizers without a "momentum"
default (Adam), which 2.x accepts through betas: the cyclic cases use SGD,
RMSprop and Signum.

Optimizers outside torch 1.13, whose reference code's defaults hold betas
or momentum, so that torch's schedulers cycle them as well:
  Lion     betas[0] (google/automl lion/lion_pytorch.py, commit b21d6ced:
           defaults dict(lr, betas, weight_decay), line 41; beta1 read at
           every step, line 76). It runs as gen_optim_extra.py's Lion class,
           whose trajectories that script checks bit for bit against its
           transcription of lion_pytorch.py.
  Signum   momentum (github.com/jiaweizzhao/Signum_pytorch Example/signum.py,
           commit f7ceb6a: defaults dict(lr, momentum, weight_decay), line
           54; momentum read at every step, line 70; buf = momentum*buf +
           (1-momentum)*g and p -= lr*sign(buf) when momentum != 0, else
           p -= lr*sign(g) with the buffer untouched, lines 78-92). It runs
           as the Signum class below, a transcription of that step written
           with 2.x's add_(alpha=) (the reference's add_(scalar, tensor) is
           the deprecated spelling of the same operation), without weight
           decay, which descent's signum does not have.
torch.optim.SparseAdam (1.13.1, the same operations as 2.x: see
gen_sparse_adam.py) has betas in its defaults and reads them at every
step, its bias correction 1 - beta1 ** step using the current beta1; it is
fed sparse gradients of the gradient's non-zero elements, as
gen_sparse_adam.py does (every element on these functions).
The learning-rate-free methods whose references take a cycled momentum
(dadapt_sgd, dadapt_adam, prodigy, mechanic) need the authors' code and run
in gen_momentum_cycle_lrfree.py.
"""

import inspect
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_optim import FUNCS  # noqa: E402
from gen_optim_extra import Lion  # noqa: E402

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


class Signum(torch.optim.Optimizer):
    """Signum as in Signum_pytorch's Example/signum.py (see above), without
    weight decay."""

    def __init__(self, params, lr=0.01, momentum=0.9):
        super().__init__(params, dict(lr=lr, momentum=momentum))

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None
        for group in self.param_groups:
            momentum = group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                d_p = p.grad
                if momentum != 0:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        state["momentum_buffer"] = torch.zeros_like(p)
                    buf = state["momentum_buffer"]
                    buf.mul_(momentum).add_(d_p, alpha=1 - momentum)
                    d_p = torch.sign(buf)
                else:
                    d_p = torch.sign(d_p)
                p.add_(d_p, alpha=-group["lr"])


def sparse(g):
    """g as a sparse COO gradient of its non-zero elements."""
    idx = [i for i, v in enumerate(g) if v != 0]
    return torch.sparse_coo_tensor([idx], [g[i] for i in idx], (len(g),), dtype=torch.float64)


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
    ("lion:lr=0.001",
     lambda p: Lion([p], lr=0.001),
     "onecycle:max_lr=0.01,total_steps=60",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.01, total_steps=60)),
    ("lion:lr=0.001,beta1=0.5,beta2=0.9,weight_decay=0.1",
     lambda p: Lion([p], lr=0.001, betas=(0.5, 0.9), weight_decay=0.1),
     "onecycle:max_lr=0.005,total_steps=60,anneal_strategy=linear,base_momentum=0.3,max_momentum=0.99",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.005, total_steps=60, anneal_strategy="linear",
                                                   base_momentum=0.3, max_momentum=0.99)),
    ("signum:lr=0.001",
     lambda p: Signum([p], lr=0.001),
     "onecycle:max_lr=0.01,total_steps=60",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.01, total_steps=60)),
    ("signum:lr=0.001,momentum=0",  # the momentum is 0 at the peak (step 18): sign(g), buffer kept
     lambda p: Signum([p], lr=0.001, momentum=0.0),
     "onecycle:max_lr=0.01,total_steps=60,base_momentum=0,max_momentum=0.9",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.01, total_steps=60,
                                                   base_momentum=0.0, max_momentum=0.9)),
    ("signum:lr=0.001",  # the momentum alternates 0.9, 0, 0.9, 0, ...: the buffer kept at 0 matters
     lambda p: Signum([p], lr=0.001),
     "cyclic:base_lr=0.001,max_lr=0.002,step_size_up=1,base_momentum=0,max_momentum=0.9",
     lambda o: torch.optim.lr_scheduler.CyclicLR(o, base_lr=0.001, max_lr=0.002, step_size_up=1,
                                                 base_momentum=0.0, max_momentum=0.9)),
    ("sparse_adam:lr=0.001",
     lambda p: torch.optim.SparseAdam([p], lr=0.001),
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
                g = grad(p.detach().tolist())
                p.grad = sparse(g) if isinstance(opt, torch.optim.SparseAdam) else torch.tensor(g)
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

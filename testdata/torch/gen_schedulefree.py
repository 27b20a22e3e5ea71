#!/usr/bin/python3
"""Reference trajectories of schedule-free SGD and AdamW for descent's optim tests.

Run from the repository root with Debian's Python (python3-torch 1.13):

    /usr/bin/python3 testdata/torch/gen_schedulefree.py

It writes testdata/torch/schedulefree.json, read by optim/schedulefree_test.go.

Source. The optimizers are the authors' reference code, Defazio et al., "The
Road Less Scheduled" (NeurIPS 2024), github.com/facebookresearch/schedule_free
at commit 70785b53e778d0e872c0bbb75ff4ee54ee10c291: the classes
SGDScheduleFree (schedulefree/sgd_schedulefree.py) and AdamWScheduleFree
(schedulefree/adamw_schedulefree.py), the versions with train()/eval() modes,
copied below verbatim without their docstrings (the package is pure torch and
not installed here; the files' license header and imports are replaced by the
imports below). Nothing in the class bodies is changed.

Torch 1.13. The classes default to foreach=hasattr(torch, "_foreach_mul_"),
which is True on 1.13, but 1.13 has no torch._foreach_lerp_, which the foreach
branch calls. Every case therefore passes foreach=False and runs the
per-parameter branch (p.lerp_, p.add_, z.sub_, exp_avg_sq.mul_().addcmul_(),
.div().sqrt_().add_(), grad.div_()), whose operations 1.13 has. The foreach
branch is meant to compute the same update (it is not run here).
No op is emulated.

Cases. Every case runs one optimizer, given as a descent specification
(sgd_sf:..., adamw_sf:...), for STEPS steps on one of gen_optim.py's test
functions (imported, so the Go copies in optim/torch_test.go apply): quad5 (an
ill-conditioned quadratic), rosenbrock and beale (non-convex), in float64.
The parameter tensor holds y, the point where the gradient is evaluated
(train mode). After every step the case records
  traj  the parameter y (what descent's Step writes into the caller's x),
  eval  the evaluation point x: what opt.eval() would put in the parameter,
        p.lerp(z, 1 - 1/beta1), computed out of place on a copy so that the
        training trajectory is not disturbed by an eval()/train() round trip.
The script checks at the last step that the copy equals what eval() gives.

Rounding. descent's Go code rounds as PyTorch 2.x's CPU kernels. Torch 1.13's
scalar lerp picks self + w*(end - self) when w < 0.5 where 2.x tests
|w| < 0.5, so for momentum 0.5 (eval's weight 1 - 1/0.5 = -1) the eval points
may differ from 2.x's in the last bit; the Go test allows that for those cases
only (they still agree to 1e-12 relative).
"""

import copy
import json
import os
import sys
from typing import Tuple, Union, Optional, Iterable, Dict, Callable, Any

import torch
import torch.optim

try:
    from typing_extensions import TypeAlias
except ImportError:  # only used for the annotation below
    TypeAlias = object
try:
    from torch.optim.optimizer import ParamsT
except ImportError:
    ParamsT = Union[Iterable[torch.Tensor], Iterable[Dict[str, Any]]]

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_optim import FUNCS  # noqa: E402

torch.set_default_dtype(torch.float64)
OUT = os.path.join(HERE, "schedulefree.json")
STEPS = 50
COMMIT = "70785b53e778d0e872c0bbb75ff4ee54ee10c291"

# ------------------------------------------------ the authors' code (verbatim)

class SGDScheduleFree(torch.optim.Optimizer):
    def __init__(self,
                 params: ParamsT,
                 lr: Union[float, torch.Tensor] = 1.0,
                 momentum: float = 0.9,
                 weight_decay: float = 0,
                 warmup_steps: int = 0,
                 r: float = 0.0,
                 weight_lr_power: float = 2,
                 foreach: Optional[bool] = hasattr(torch, "_foreach_mul_"),
                 ):
        if lr < 0.0:
            raise ValueError("Invalid learning rate: {}".format(lr))
        if weight_decay < 0.0:
            raise ValueError("Invalid weight_decay value: {}".format(weight_decay))
        if momentum <= 0 or momentum >= 1:
            raise ValueError("Momentum must be between 0 and 1 exclusive: {}".format(momentum))

        defaults = dict(lr=lr, 
                        momentum=momentum, 
                        r=r,
                        k=0,
                        warmup_steps=warmup_steps,
                        train_mode=False,
                        weight_sum=0.0,
                        lr_max=-1.0,
                        scheduled_lr=0.0,
                        weight_lr_power=weight_lr_power,
                        weight_decay=weight_decay,
                        foreach=foreach)
        super().__init__(params, defaults)
    
    @torch.no_grad()
    def eval(self):
        for group in self.param_groups:
            train_mode = group['train_mode']
            momentum = group['momentum']
            if train_mode:
                for p in group['params']:
                    state = self.state[p]
                    if 'z' in state:
                        # Set p to x
                        p.lerp_(end=state['z'].to(p.device), weight=1-1/momentum)
                group['train_mode'] = False

    @torch.no_grad()
    def train(self):
        for group in self.param_groups:
            train_mode = group['train_mode']
            momentum = group['momentum']
            if not train_mode:
                for p in group['params']:
                    state = self.state[p]
                    if 'z' in state:
                        # Set p to y
                        p.lerp_(end=state['z'].to(p.device), weight=1-momentum)
                group['train_mode'] = True

    @torch.no_grad()
    def step(self, closure: Optional[Callable[[], float]] = None) -> Optional[float]:
        """Performs a single optimization step.

        Arguments:
            closure (callable, optional): A closure that reevaluates the model
                and returns the loss.
        """
        if not self.param_groups[0]['train_mode']:
            raise Exception("Optimizer was not in train mode when step is called. "
                            "Please insert .train() and .eval() calls on the "
                            "optimizer. See documentation for details.")


        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        
        for group in self.param_groups:
            momentum = group['momentum']
            lr = group['lr']
            weight_decay = group['weight_decay']
            k = group['k']
            warmup_steps = group['warmup_steps']

            if k < warmup_steps:
              sched = (k+1) / warmup_steps
            else:
              sched = 1.0
            lr = group['lr']*sched
            group['scheduled_lr'] = lr # For logging purposes

            weight_lr_power = group['weight_lr_power']
            
            r = group['r']
            lr_max = group['lr_max'] = max(lr, group['lr_max'])
            
            weight = ((k+1)**r) * (lr_max**weight_lr_power)
            weight_sum = group['weight_sum'] = group['weight_sum'] + weight

            try:
                ckp1 = weight/weight_sum
            except ZeroDivisionError:
                ckp1 = 0

            active_p = [p for p in group['params'] if p.grad is not None]

            for p in active_p:
                if 'z' not in self.state[p]:
                    self.state[p]['z'] = torch.clone(p, memory_format=torch.preserve_format)

            if group['foreach'] and len(active_p) > 0:
                y, grad, z = zip(*[(p, p.grad, self.state[p]['z']) 
                                for p in active_p])

                # Apply weight decay
                if weight_decay != 0:
                    torch._foreach_add_(grad, y, alpha=weight_decay)

                # These operations update y in-place,
                # without computing x explicitly.
                torch._foreach_lerp_(y, z, weight=ckp1)
                torch._foreach_add_(y, grad, alpha=lr*(momentum*(1-ckp1)-1))

                # SGD step
                torch._foreach_sub_(z, grad, alpha=lr)
            else:
                for p in active_p:
                    y = p # Notation to match theory
                    grad = p.grad
                    z = self.state[p]['z']

                    # Apply weight decay
                    if weight_decay != 0:
                        grad.add_(y, alpha=weight_decay)

                    # These operations update y in-place,
                    # without computing x explicitly.
                    y.lerp_(end=z, weight=ckp1)
                    y.add_(grad, alpha=lr*(momentum*(1-ckp1)-1))

                    # SGD step
                    z.sub_(grad, alpha=lr)

            group['k'] = k+1
        return loss


class AdamWScheduleFree(torch.optim.Optimizer):
    def __init__(self,
                 params: ParamsT,
                 lr: Union[float, torch.Tensor] = 0.0025,
                 betas: Tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8,
                 weight_decay: float = 0,
                 warmup_steps: int = 0,
                 r: float = 0.0,
                 weight_lr_power: float = 2.0,
                 inner_momentum: float = 0.0,
                 foreach: Optional[bool] = hasattr(torch, "_foreach_mul_")
                 ):

        defaults = dict(lr=lr,
                        betas=betas,
                        eps=eps,
                        r=r,
                        k=0,
                        warmup_steps=warmup_steps,
                        train_mode=False,
                        weight_sum=0.0,
                        lr_max=-1.0,
                        scheduled_lr=0.0,
                        weight_lr_power=weight_lr_power,
                        weight_decay=weight_decay,
                        inner_momentum=inner_momentum,
                        foreach=foreach)
        super().__init__(params, defaults)

    @torch.no_grad()
    def eval(self):
        for group in self.param_groups:
            train_mode = group['train_mode']
            beta1, _ = group['betas']
            if train_mode:
                for p in group['params']:
                    state = self.state[p]
                    if 'z' in state:
                        # Set p to x
                        p.lerp_(end=state['z'].to(p.device), weight=1-1/beta1)
                group['train_mode'] = False

    @torch.no_grad()
    def train(self):
        for group in self.param_groups:
            train_mode = group['train_mode']
            beta1, _ = group['betas']
            if not train_mode:
                for p in group['params']:
                    state = self.state[p]
                    if 'z' in state:
                        # Set p to y
                        p.lerp_(end=state['z'].to(p.device), weight=1-beta1)
                group['train_mode'] = True

    @torch.no_grad()
    def step(self, closure: Optional[Callable[[], float]] = None) -> Optional[float]:
        """Performs a single optimization step.

        Arguments:
            closure (callable, optional): A closure that reevaluates the model
                and returns the loss.
        """
        if not self.param_groups[0]['train_mode']:
            raise Exception("Optimizer was not in train mode when step is called. "
                            "Please insert .train() and .eval() calls on the "
                            "optimizer. See documentation for details.")

        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()

        for group in self.param_groups:
            eps = group['eps']
            beta1, beta2 = group['betas']
            decay = group['weight_decay']
            k = group['k']
            r = group['r']
            warmup_steps = group['warmup_steps']
            weight_lr_power = group['weight_lr_power']
            inner_momentum = group['inner_momentum']

            if k < warmup_steps:
              sched = (k+1) / warmup_steps
            else:
              sched = 1.0

            bias_correction2 = 1 - beta2 ** (k+1)
            if inner_momentum != 0:
                bias_correction1 = 1 - inner_momentum ** (k+1)
            lr = group['lr']*sched
            group['scheduled_lr'] = lr # For logging purposes

            lr_max = group['lr_max'] = max(lr, group['lr_max'])

            weight = ((k+1)**r) * (lr_max**weight_lr_power)
            weight_sum = group['weight_sum'] = group['weight_sum'] + weight

            try:
                ckp1 = weight/weight_sum
            except ZeroDivisionError:
                ckp1 = 0

            active_p = [p for p in group['params'] if p.grad is not None]

            for p in active_p:
                if 'z' not in self.state[p]:
                    self.state[p]['z'] = torch.clone(p, memory_format=torch.preserve_format)
                    self.state[p]['exp_avg_sq'] = torch.zeros_like(p, memory_format=torch.preserve_format)
                    if inner_momentum != 0:
                        self.state[p]['exp_avg'] = torch.zeros_like(p, memory_format=torch.preserve_format)

            if group['foreach'] and len(active_p) > 0:
                y, grad, exp_avg_sq, z = zip(*[(p,
                                                p.grad,
                                                self.state[p]['exp_avg_sq'],
                                                self.state[p]['z'])
                                                for p in active_p])

                # Decay the first and second moment running average coefficient
                torch._foreach_mul_(exp_avg_sq, beta2)
                torch._foreach_addcmul_(exp_avg_sq, grad, grad, value=1-beta2)
                denom = torch._foreach_div(exp_avg_sq, bias_correction2)
                torch._foreach_sqrt_(denom)
                torch._foreach_add_(denom, eps)

                if inner_momentum != 0:
                    exp_avg = tuple(self.state[p]['exp_avg'] for p in active_p)
                    # exp_avg = inner_momentum*exp_avg + (1-inner_momentum)*grad
                    torch._foreach_mul_(exp_avg, inner_momentum)
                    torch._foreach_add_(exp_avg, grad, alpha=1-inner_momentum)
                    # grad_normalized = (exp_avg / bias_correction1) / denom
                    grad_normalized = torch._foreach_div(exp_avg, bias_correction1)
                    torch._foreach_div_(grad_normalized, denom)
                else:
                    # Normalize grad in-place for memory efficiency
                    torch._foreach_div_(grad, denom)
                    grad_normalized = grad

                # Weight decay calculated at y
                if decay != 0:
                    torch._foreach_add_(grad_normalized, y, alpha=decay)

                # These operations update y in-place,
                # without computing x explicitly.
                torch._foreach_lerp_(y, z, weight=ckp1)
                torch._foreach_add_(y, grad_normalized, alpha=lr*(beta1*(1-ckp1)-1))

                # z step
                torch._foreach_sub_(z, grad_normalized, alpha=lr)
            else:
                for p in active_p:
                    y = p # Notation to match theory
                    grad = p.grad

                    state = self.state[p]

                    z = state['z']
                    exp_avg_sq = state['exp_avg_sq']

                    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1-beta2)
                    denom = exp_avg_sq.div(bias_correction2).sqrt_().add_(eps)

                    if inner_momentum != 0:
                        exp_avg = state['exp_avg']
                        exp_avg.mul_(inner_momentum).add_(grad, alpha=1-inner_momentum)
                        grad_normalized = exp_avg.div(bias_correction1).div_(denom)
                    else:
                        # Reuse grad buffer for memory efficiency
                        grad_normalized = grad.div_(denom)

                    # Weight decay calculated at y
                    if decay != 0:
                        grad_normalized.add_(y, alpha=decay)

                    # These operations update y in-place,
                    # without computing x explicitly.
                    y.lerp_(end=z, weight=ckp1)
                    y.add_(grad_normalized, alpha=lr*(beta1*(1-ckp1)-1))

                    # z step
                    z.sub_(grad_normalized, alpha=lr)

            group['k'] = k+1
        return loss

# ------------------------------------------------------------------- cases

# The reference constructors' defaults, which descent's registry must list.
DEFAULTS = {
    "sgd_sf": dict(lr=1.0, momentum=0.9, weight_decay=0.0, warmup_steps=0,
                   r=0.0, weight_lr_power=2.0),
    "adamw_sf": dict(lr=0.0025, beta1=0.9, beta2=0.999, eps=1e-8,
                     weight_decay=0.0, warmup_steps=0, r=0.0,
                     weight_lr_power=2.0, inner_momentum=0.0),
}

# Learning rates for SGD-SF below 2/L on each function (the reference
# default lr = 1 is meant for normalized networks and is far above 2/L here).
SGD_LR = {"quad5": 0.005, "rosenbrock": 0.0005, "beale": 0.01}

SPECS = []
for fname in FUNCS:
    lr = SGD_LR[fname]
    SPECS += [
        (fname, f"sgd_sf:lr={lr}"),
        (fname, f"sgd_sf:lr={lr},momentum=0.5,weight_decay=0.1,warmup_steps=10,r=1,weight_lr_power=1.5"),
        (fname, f"sgd_sf:lr={2*lr},momentum=0.95,warmup_steps=60,r=0.5,weight_lr_power=0"),
        (fname, "adamw_sf"),
        (fname, "adamw_sf:lr=0.05,beta1=0.8,beta2=0.99,eps=1e-6,weight_decay=0.01,warmup_steps=5,r=0.5,weight_lr_power=1"),
        (fname, "adamw_sf:lr=0.01,beta1=0.95,weight_decay=0.5,warmup_steps=20,r=2,weight_lr_power=3"),
        (fname, "adamw_sf:lr=0.02,inner_momentum=0.9,weight_decay=0.1,warmup_steps=3"),
    ]


def parse(spec):
    name, _, args = spec.partition(":")
    hp = dict(DEFAULTS[name])
    for kv in filter(None, args.split(",")):
        k, v = kv.split("=")
        hp[k] = int(v) if k == "warmup_steps" else float(v)
    return name, hp


def build(name, hp, params):
    if name == "sgd_sf":
        return SGDScheduleFree(params, foreach=False, **hp)
    hp = dict(hp)
    betas = (hp.pop("beta1"), hp.pop("beta2"))
    return AdamWScheduleFree(params, betas=betas, foreach=False, **hp)


def run(spec, fname):
    name, hp = parse(spec)
    grad, x0 = FUNCS[fname]
    p = torch.tensor(x0, dtype=torch.float64)
    opt = build(name, hp, [p])
    beta1 = opt.param_groups[0]["momentum" if name == "sgd_sf" else "betas"]
    if name == "adamw_sf":
        beta1 = beta1[0]
    opt.train()
    traj, ev = [], []
    for _ in range(STEPS):
        p.grad = torch.tensor(grad(p.tolist()), dtype=torch.float64)
        opt.step()
        traj.append(p.tolist())
        z = opt.state[p]["z"]
        ev.append(p.clone().lerp_(end=z, weight=1 - 1 / beta1).tolist())
    # The copy is what eval() puts in the parameter.
    opt.eval()
    assert p.tolist() == ev[-1], (spec, fname)
    for row in traj + ev:
        for v in row:
            assert v == v and abs(v) < 1e300, (spec, fname, row)
    return traj, ev


def main():
    cases = []
    for fname, spec in SPECS:
        traj, ev = run(spec, fname)
        cases.append({"spec": spec, "func": fname, "x0": FUNCS[fname][1],
                      "source": f"facebookresearch/schedule_free {COMMIT}",
                      "traj": traj, "eval": ev})
    out = {"torch_version": torch.__version__, "steps": STEPS,
           "commit": COMMIT, "defaults": DEFAULTS, "cases": cases}
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()

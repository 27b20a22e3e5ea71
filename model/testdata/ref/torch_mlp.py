#!/usr/bin/python3
"""Reference losses and gradients of small MLPs and linear models from PyTorch.

Writes torch_mlp.json next to this script. Each case holds the data (X, y),
the parameters in descent's flat layout (per layer W row-major [out, in], then
b), the objective F = mean loss + (l2/2)||W||^2 + l1 ||W||_1 computed by
torch, its gradient by autograd, and the predictions for every row.

Run with Debian's python3 (torch 1.13): /usr/bin/python3 torch_mlp.py
"""
import json
import os

import torch

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)


def case(name, task, sizes, act, labels, l1, l2, n=9):
    d = sizes[0]
    X = torch.randn(n, d)
    if task == "regression":
        y = torch.randn(n)
    else:
        y = torch.tensor([labels[i % len(labels)] for i in range(n)], dtype=torch.float64)
    layers = []
    for i in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[i], sizes[i + 1])
        with torch.no_grad():
            lin.bias.normal_(0, 0.5)
        layers.append(lin)
    acts = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}

    def forward(x):
        h = x
        for i, lin in enumerate(layers):
            h = lin(h)
            if i + 1 < len(layers):
                h = acts[act](h)
        return h

    out = forward(X)
    classes = sorted(set(labels)) if task != "regression" else []
    if task == "regression":
        loss = ((out[:, 0] - y) ** 2).mean()
        pred = out[:, 0:1]
    elif task == "binary":
        t = (y == classes[1]).double()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(out[:, 0], t)
        pred = torch.sigmoid(out[:, 0:1])
    else:
        t = torch.tensor([classes.index(v) for v in y.tolist()])
        loss = torch.nn.functional.cross_entropy(out, t)
        pred = torch.softmax(out, dim=1)
    for lin in layers:
        loss = loss + l2 / 2 * (lin.weight ** 2).sum() + l1 * lin.weight.abs().sum()
    loss.backward()
    params, grad = [], []
    for lin in layers:
        params += lin.weight.detach().flatten().tolist() + lin.bias.detach().tolist()
        grad += lin.weight.grad.flatten().tolist() + lin.bias.grad.tolist()
    return {
        "name": name, "task": task, "act": act, "hidden": sizes[1:-1],
        "d": d, "l1": l1, "l2": l2,
        "X": X.flatten().tolist(), "y": y.tolist(),
        "params": params, "value": loss.item(), "grad": grad,
        "pred": pred.detach().flatten().tolist(),
    }


cases = [
    case("linear", "regression", [4, 1], "relu", [], 0.01, 0.1),
    case("logistic01", "binary", [4, 1], "relu", [0.0, 1.0], 0.02, 0.05),
    case("logisticpm1", "binary", [4, 1], "relu", [-1.0, 1.0], 0.0, 0.3),
    case("softmax3", "multiclass", [4, 3], "relu", [2.0, 5.0, 7.0], 0.01, 0.02),
    case("mlp_reg_relu", "regression", [5, 7, 3, 1], "relu", [], 0.01, 0.1),
    case("mlp_bin_tanh", "binary", [5, 6, 1], "tanh", [-1.0, 1.0], 0.02, 0.01),
    case("mlp_multi_sigmoid", "multiclass", [5, 8, 4], "sigmoid", [0.0, 1.0, 3.0, 9.0], 0.0, 0.05),
    case("mlp_multi_relu", "multiclass", [6, 9, 5, 3], "relu", [1.0, 2.0, 3.0], 0.03, 0.0, n=200),
]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_mlp.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
print("wrote", out)

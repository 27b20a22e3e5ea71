// Package model holds the trainable models of `descent train`: linear
// regression, logistic regression, softmax (multinomial logistic) regression
// and the multilayer perceptron, with hand-derived, fused, allocation-free
// gradients and a Backend that sums per-shard gradients in a fixed order.
//
// # Objective
//
// Every model is trained on n examples (xᵢ, yᵢ) by minimizing
//
//	F(θ) = (1/n) Σᵢ ℓ(f_θ(xᵢ), yᵢ) + (λ₂/2)·‖W‖₂² + λ₁·‖W‖₁
//
// where W are the weights of θ (never the biases), λ₂ = l2 and λ₁ = l1 in the
// model's specification, and the loss ℓ is fixed by the task:
//
//   - Regression (linear, mlp): the plain squared error ℓ = (ŷ − y)², so the
//     data term is the mean squared error (no factor ½); ∂ℓ/∂ŷ = 2(ŷ − y).
//   - Binary (logistic, mlp): binary cross-entropy on the logit z,
//     ℓ = log(1 + eᶻ) − t·z with t ∈ {0, 1}, computed stably as
//     max(z, 0) + log1p(e^−|z|) − t·z; ∂ℓ/∂z = σ(z) − t. Labels 0/1 and −1/1
//     map to t = 0/1 (in general the smaller of the two labels is t = 0).
//   - Multiclass (softmax, mlp): multinomial cross-entropy on K logits,
//     ℓ = log Σ_c e^{z_c} − z_t; ∂ℓ/∂z_c = softmax(z)_c − [c = t]. The classes
//     are the sorted distinct labels; t is the index of y among them, and
//     predictions are mapped back to the original label values.
//
// The penalty's subgradient is λ₂·w + λ₁·sign(w) with sign(0) = 0.
//
// # Models and parameter layout
//
// Specifications are parsed with package spec, for example
//
//	classes, err := model.Classes(model.Multiclass, ds.Y)
//	sp, _ := spec.Parse("mlp:hidden=64,32,act=relu,l2=1e-4") // as a front end does
//	m, err := model.New(sp, model.Multiclass, ds.D, classes)
//
// Each model's parameters are
// one flat []float64 θ, so any optim.Optimizer or optim.Method drives it. The
// layout is, layer by layer, the weight matrix (outputs × inputs, row-major,
// as torch.nn.Linear.weight) followed by the bias vector:
//
//	linear, logistic:  w (D), b (1)
//	softmax:           W (K×D), b (K)
//	mlp:               W₁ (h₁×D), b₁ (h₁), W₂ (h₂×h₁), b₂ (h₂), …, W_L (K×h_{L−1}), b_L (K)
//
// with K = 1 for regression and for binary logistic and mlp models (softmax
// keeps one row per class, K = 2 on a binary task). Model.Layout describes it.
// Hidden layers of the MLP apply act (relu, tanh or sigmoid); the output
// layer is linear and followed by the task's loss. Init draws MLP weights
// from a seeded math/rand/v2 PCG: He normal N(0, 2/fan_in) for relu (He et
// al., "Delving Deep into Rectifiers", ICCV 2015), Glorot uniform
// U(±√(6/(fan_in+fan_out))) otherwise (Glorot and Bengio, AISTATS 2010);
// biases, and all parameters of the convex models, start at zero.
//
// # Gradient contract
//
// LossGradDense and LossGradCSR return the SUM of the per-example losses over
// the rows they are given and ADD the sum of the per-example gradients of the
// data term (no penalty) into grad; with grad == nil they compute the losses
// only. Sums, not means, so that shards can be added in a fixed order and
// divided by n once. Penalty adds the penalty term. Objective combines them
// into the full-batch F as an fn.Func (for optim.Method and full-batch
// gradient descent), and BatchObjective / BatchObjectiveCSR give the
// mini-batch objective and its gradient for an optim.Optimizer step. The
// rows of a mini-batch are either a contiguous slice of X or an index list.
//
// # Kernels
//
// Linear and logistic regression process four rows at a time in one pass:
// the four residuals rᵢ = xᵢᵀw + b − yᵢ come from dot products that stream
// the rows in memory order, and grad += Σ cᵢ·xᵢ is applied by one fused
// 4-row update while the rows are still in L1, so X is read from memory once
// per evaluation. The MLP runs in chunks of 128 rows, each as two fixed
// halves, through a packed, cache-blocked GEMM; with Workspace.Threads > 1
// the halves run on two goroutines, with bit-identical results. On amd64
// with AVX2 and FMA the kernels are hand-written assembly (package
// internal/kernel), elsewhere, or with the build tag purego, portable Go.
//
// # Backends
//
// A Backend computes the full-batch sums as the sum of per-shard partial
// sums: Local splits the rows into contiguous shards whose boundaries depend
// only on n and the shard count (never on GOMAXPROCS), computes the shards on
// goroutines and adds them in shard order, so results are bit-identical for
// any number of threads.
package model

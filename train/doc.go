// Package train fits the models of package model to data sets by batch,
// mini-batch or stochastic gradient descent with any optimizer of package
// optim and any schedule of package schedule, and saves, evaluates and
// applies the trained models. It is the engine of `descent train`,
// `descent evaluate`, `descent predict` and `descent lrfind --data`.
//
// # Objective
//
// Training minimizes, over the n examples of the training split,
//
//	F(θ) = (1/n)·Σᵢ ℓ(f_θ(xᵢ), yᵢ) + (λ₂/2)·‖W‖₂² + λ₁·‖W‖₁
//
// where W are the weights (never the biases), λ₂ = Config.L2 and λ₁ =
// Config.L1, and ℓ is the squared error (ŷ − y)² for regression (no factor
// ½), the binary cross-entropy log(1 + eᶻ) − t·z for logistic regression and
// binary MLPs, and the multinomial cross-entropy log Σ_c e^{z_c} − z_y for
// softmax regression and multiclass MLPs (see package model). This is, for
// example, scikit-learn's LogisticRegression objective divided by n·C with
// λ₂ = 1/(n·C). The "train_loss" of the results is F; "train_data_loss",
// "val_loss" and the loss of Evaluate are the mean ℓ alone.
//
// # Data
//
// A Source is a CSV file with a header (target column by name, optional
// feature subset, missing values an error unless DropMissing) or a LIBSVM
// file, read by package data, whose error messages name file, line and
// column. With Standardize the features become z = (x − mean)/std with the
// population standard deviation of the training split (a constant column
// keeps std 1); sparse data are only divided by std, since subtracting the
// mean would fill in the zeros. The statistics are saved with the model and
// applied again by Evaluate and Predict. Val holds out round(Val·N) examples
// chosen by the seed. Classes are the sorted distinct labels of the whole
// file. The task is linear → regression, logistic → binary, softmax →
// multiclass; an MLP infers classification from integer targets with at
// most 20 distinct values (Config.Task overrides).
//
// With Source.Stream the file is read again for every pass in batches, with
// memory bounded by the batch size and the shuffle buffer (BufferRows, by
// default 10000 rows): mini-batches then come from a data.ShuffleBuffer,
// whose order is uniform only when the buffer holds the whole file. A
// streamed run cannot hold out a validation split.
//
// # The loop
//
// Epoch 0 is the start: its metrics are those of the initial weights (zero
// for the convex models, He or Glorot draws from the seed for an MLP).
//
// With Batch 0 (batch gradient descent, --batch full) every epoch is one
// step of an optim.Optimizer, or one iteration of an optim.Method (L-BFGS,
// CG, Barzilai–Borwein, line-search GD, which require it), on F over the
// whole training split, whose gradient a model.Local backend sums over
// shards in a fixed order. These runs stop like package minimize: on
// ‖∇F‖₂ < GradTol (converged_grad), on |F_k − F_{k−1}| ≤
// FTol·max(|F_k|, |F_{k−1}|, 1) (converged_f), or when a line search finds
// no better point (no_progress). The defaults (1e-8 and 1e-12) end a convex
// problem at its optimum to about 1e-11 relative in F.
//
// With Batch B > 0 every epoch visits the training examples once, in the
// order of data.EpochPermutation(seed, epoch), taking one optimizer step per
// batch of B examples (the last batch of an epoch may be smaller) on the
// gradient of the batch objective F_B = (1/|B|)Σ_{i∈B} ℓᵢ + penalty. B = 1 is
// stochastic gradient descent. The convergence rules do not apply: the
// gradients are noisy. ClipNorm and ClipValue clip every gradient before
// its step.
//
// After every epoch the loop measures, at the weights at its end, F and
// ‖∇F‖ on the training split, the data loss, and accuracy (classifiers) or
// R² = 1 − MSE/Var(y) (regression) on the training and validation splits,
// then applies in this order: divergence (F, ∇F or θ not finite, or F grew
// by more than 1e10·max(|F₀|, 1)), the convergence rules, early stopping
// (Patience epochs in a row without a validation loss strictly below the
// best so far: early_stopped) and the epoch budget (max_epochs). With
// Patience the final weights are those of the best epoch, whatever ended
// the run. A mini-batch whose objective is not finite ends the run as
// diverged at once. Package diagnose then reads the per-epoch F as it reads
// a minimization (iterations are epochs).
//
// Cancelling the context (Ctrl-C in the command) stops the run after the
// current batch (after the current epoch with full batches): the status is
// interrupted, and the model and a checkpoint are written as at any end. A
// diverged run writes neither.
//
// # Schedules
//
// A schedule steps once per optimizer step — per mini-batch, or per epoch
// with full batches — in PyTorch's order: the optimizer's rate is set to
// the schedule's LR() before the step and the schedule's Step is called
// after it. So onecycle, cosine and the others count batches, and
// onecycle's total_steps and cosine's t_max default to the run's number of
// steps (epochs × batches per epoch). The exception is plateau
// (ReduceLROnPlateau), which steps once per epoch with the validation loss,
// or with F when there is no validation split, so its patience and cooldown
// count epochs; a warmup composed with it counts epochs too.
//
// # Reproducibility
//
// The seed fixes the validation split (a PCG stream of its own), the order
// of every epoch (data.EpochPermutation(seed, epoch)) and the MLP's initial
// weights. Full-batch sums are reduced in shard order and the MLP's matrix
// products are bit-identical for any thread count, so the same Config gives
// the same model file, bit for bit, for any GOMAXPROCS. Changing Shards
// changes the order of the sums and so the last bits.
//
// # Checkpoints
//
// With Checkpoint set, Train writes Checkpoint/checkpoint.json atomically
// every CheckpointEvery epochs, on interruption and at the end. It holds the
// run-defining configuration, a fingerprint of the data, the position
// (epoch, and batch within the epoch when interrupted), the model at its
// current weights, the optimizer's and the schedule's state (optim.Stateful,
// schedule.Stateful), the best weights for early stopping, and the per-epoch
// history. The shuffling generator needs no state of its own: the order of
// an epoch is a function of the seed and the epoch number, so resuming at
// batch b of epoch e replays that permutation from b. Train with
// Config.Resume = ReadCheckpoint(dir) continues the run; the result is
// bit-identical to an uninterrupted run. A larger epoch budget extends a run
// that ended at its budget.
//
// # Model files
//
// Trained.Save writes versioned JSON (see Trained) atomically; Load and
// Decode check the format name and version, the specification and every
// size, so a corrupt, truncated or foreign file is a clear error.
package train

package train

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/descentgo/descent/diagnose"
)

// Config describes a training run. The zero value of a field means the
// default stated with it, except that GradTol and FTol are off at zero, as
// in package minimize; DefaultConfig returns the command's defaults.
type Config struct {
	Data Source

	// Model is the model specification, e.g. "softmax" or
	// "mlp:hidden=32,act=tanh" (see package model).
	Model string
	// Task is "regression", "binary" or "multiclass", or "" to infer it:
	// linear → regression, logistic → binary, softmax → multiclass, mlp →
	// classification when the targets are integers with at most 20
	// distinct values (binary for two), regression otherwise.
	Task string
	// L2 and L1 are the penalties (λ₂/2)‖W‖² and λ₁‖W‖₁ on the weights;
	// they may also be given in Model ("softmax:l2=0.01"), but not both.
	L2, L1 float64
	// Standardize rescales the features with statistics of the training
	// split (see Standardization).
	Standardize bool

	// Opt is the optimizer specification (package optim); "" means lbfgs.
	Opt string
	// Schedule is a learning-rate schedule specification (package
	// schedule), "" for none; Warmup adds a linear warmup of that many
	// schedule steps. See the package documentation for when a schedule
	// steps.
	Schedule string
	Warmup   int
	// ClipNorm and ClipValue clip mini-batch gradients before each step
	// (torch.nn.utils.clip_grad_norm_ and clip_grad_value_); 0 is off.
	ClipNorm, ClipValue float64

	// Batch is the mini-batch size; 0 means the full training split
	// (batch gradient descent), which line-search methods require.
	Batch int
	// Epochs is the epoch budget; 0 means 1000 for full-batch runs, whose
	// epochs are single iterations that usually end by convergence, and
	// 100 otherwise.
	Epochs int
	// GradTol and FTol are the convergence rules of full-batch runs:
	// ‖∇F‖₂ < GradTol, or |F_k − F_{k−1}| ≤ FTol·max(|F_k|, |F_{k−1}|, 1).
	// Zero turns a rule off. They do not apply to mini-batch runs.
	GradTol, FTol float64
	// Val is the fraction of the examples held out for validation, in
	// [0, 1); Patience > 0 stops training after that many epochs without
	// a lower validation loss and restores the best weights.
	Val      float64
	Patience int
	// Seed seeds the validation split, the shuffling of every epoch and
	// the initial weights of an MLP.
	Seed uint64
	// Shards is the number of shards of the full-batch backend; 0 means
	// model.DefaultShards. Results do not depend on GOMAXPROCS, but they
	// do depend on the shard count, which fixes the order of the sums.
	Shards int

	// Save, if set, is where the trained model is written (atomically),
	// also when the run is interrupted; not when it diverged.
	Save string
	// Checkpoint, if set, is a directory that receives checkpoint.json
	// every CheckpointEvery epochs (0 means 1), when the run is
	// interrupted, and when it ends.
	Checkpoint      string
	CheckpointEvery int
	// Resume continues the run of a checkpoint (see ReadCheckpoint); the
	// run-defining fields of the Config must match the checkpoint's.
	Resume *Checkpoint
	// Trace, if set, is a .csv or .jsonl file that receives one row per
	// epoch, written atomically when the run ends.
	Trace string

	// OnEpoch, if set, is called after every epoch (and for epoch 0, the
	// start) with the epoch's metrics; a non-nil error stops the run with
	// that error.
	OnEpoch func(EpochStats) error
	// OnBatch, if set, is called after every optimizer step with the
	// epoch (0-based), the number of batches done in it and the number of
	// batches per epoch.
	OnBatch func(epoch, batch, batches int)
}

// DefaultConfig returns the defaults of `descent train`: lbfgs, full batch,
// grad-tol 1e-8, f-tol 1e-12, seed 1.
func DefaultConfig() Config {
	return Config{Opt: "lbfgs", GradTol: 1e-8, FTol: 1e-12, Seed: 1}
}

// DefaultSeed is the seed of `descent train` when none is given.
const DefaultSeed = 1

// Status says why a run stopped.
type Status string

// The statuses of a finished run; the first five are those of package
// minimize.
const (
	ConvergedGrad Status = "converged_grad" // ‖∇F‖ < GradTol (full batch)
	ConvergedF    Status = "converged_f"    // the relative change of F ≤ FTol (full batch)
	NoProgress    Status = "no_progress"    // a line search found no better point
	Diverged      Status = "diverged"       // F or the weights stopped being finite, or F blew up
	Interrupted   Status = "interrupted"    // the context was cancelled (Ctrl-C)
	MaxEpochs     Status = "max_epochs"     // the epoch budget ran out
	EarlyStopped  Status = "early_stopped"  // Patience epochs without a lower validation loss
)

// EpochStats are the metrics of one epoch, measured at the weights at its
// end; epoch 0 is the start.
type EpochStats struct {
	Epoch int `json:"epoch"`
	Steps int `json:"steps"` // optimizer steps so far
	// LR is the rate of the epoch's last step (NaN for methods without
	// one, and for epoch 0 the initial rate).
	LR Float `json:"lr"`
	// TrainLoss is the training objective F (mean loss plus penalty) on
	// the training split; TrainDataLoss the mean loss alone.
	TrainLoss     Float `json:"train_loss"`
	TrainDataLoss Float `json:"train_data_loss"`
	GradNorm      Float `json:"grad_norm"` // ‖∇F‖₂ on the training split
	// BatchLoss is the mean of the mini-batch objectives of the epoch's
	// steps, each taken before its step (NaN for full batch and epoch 0).
	BatchLoss Float `json:"batch_loss"`
	ValLoss   Float `json:"val_loss"` // mean loss on the validation split (NaN without one)
	// Accuracy for classifiers, R² for regression; NaN when not defined.
	TrainAccuracy Float `json:"train_accuracy"`
	ValAccuracy   Float `json:"val_accuracy"`
	TrainR2       Float `json:"train_r2"`
	ValR2         Float `json:"val_r2"`
}

// Result is the outcome of a run, in the shape of the --json summary.
type Result struct {
	Status  Status `json:"status"`
	Message string `json:"message"`
	// Epochs is the number of epochs completed; BestEpoch the one with
	// the lowest validation loss (training objective without --val).
	Epochs    int `json:"epochs"`
	BestEpoch int `json:"best_epoch"`
	Steps     int `json:"steps"`
	// TrainLoss is the objective F on the training split at the final
	// weights, which are the best epoch's with Patience; ValLoss the mean
	// loss on the validation split (no penalty).
	TrainLoss     Float  `json:"train_loss"`
	TrainDataLoss Float  `json:"train_data_loss"`
	GradNorm      Float  `json:"grad_norm"`
	ValLoss       Float  `json:"val_loss"`
	TrainAccuracy *Float `json:"train_accuracy,omitempty"`
	ValAccuracy   *Float `json:"val_accuracy,omitempty"`
	TrainR2       *Float `json:"train_r2,omitempty"`
	ValR2         *Float `json:"val_r2,omitempty"`

	Seed           uint64             `json:"seed"`
	Diagnosis      diagnose.Diagnosis `json:"diagnosis"`
	ElapsedSeconds float64            `json:"elapsed_seconds"`

	Model     string    `json:"model"` // canonical model specification
	Task      string    `json:"task"`
	Classes   []float64 `json:"classes,omitempty"`
	Params    int       `json:"params"`
	Optimizer string    `json:"optimizer"`
	Schedule  string    `json:"schedule,omitempty"`
	Batch     string    `json:"batch"` // "full" or the size
	NTrain    int       `json:"n_train"`
	NVal      int       `json:"n_val"`
	Dropped   int       `json:"dropped_rows"`
	Resumed   bool      `json:"resumed"`
	Saved     string    `json:"saved,omitempty"`

	History []EpochStats `json:"-"`
	Trained *Trained     `json:"-"` // the model at the final weights (nil when diverged)
}

// check validates the fields that do not need the data.
func (c *Config) check() error {
	switch {
	case c.Batch < 0:
		return fmt.Errorf("--batch %d: must be full or a positive size", c.Batch)
	case c.Epochs < 0:
		return fmt.Errorf("--epochs %d: must be ≥ 1", c.Epochs)
	case !(c.GradTol >= 0) || math.IsInf(c.GradTol, 0):
		return fmt.Errorf("--grad-tol %g: must be a finite number ≥ 0", c.GradTol)
	case !(c.FTol >= 0) || math.IsInf(c.FTol, 0):
		return fmt.Errorf("--f-tol %g: must be a finite number ≥ 0", c.FTol)
	case !(c.L2 >= 0) || math.IsInf(c.L2, 0):
		return fmt.Errorf("--l2 %g: must be a finite number ≥ 0", c.L2)
	case !(c.L1 >= 0) || math.IsInf(c.L1, 0):
		return fmt.Errorf("--l1 %g: must be a finite number ≥ 0", c.L1)
	case !(c.Val >= 0 && c.Val < 1):
		return fmt.Errorf("--val %g: must be a fraction in [0, 1)", c.Val)
	case c.Patience < 0:
		return fmt.Errorf("--patience %d: must be ≥ 0", c.Patience)
	case c.Patience > 0 && c.Val == 0:
		return fmt.Errorf("--patience %d needs --val: early stopping watches the validation loss", c.Patience)
	case c.Warmup < 0:
		return fmt.Errorf("--warmup %d: must be ≥ 0", c.Warmup)
	case !(c.ClipNorm >= 0) || !(c.ClipValue >= 0):
		return fmt.Errorf("--clip-norm %g, --clip-value %g: must be ≥ 0", c.ClipNorm, c.ClipValue)
	case c.Shards < 0:
		return fmt.Errorf("shards %d: must be ≥ 0", c.Shards)
	case c.CheckpointEvery < 0:
		return fmt.Errorf("--checkpoint-every %d: must be ≥ 1", c.CheckpointEvery)
	case c.CheckpointEvery > 0 && c.Checkpoint == "":
		return fmt.Errorf("--checkpoint-every needs --checkpoint DIR")
	case c.Data.Stream && c.Val > 0:
		return fmt.Errorf("--val cannot be used with --stream: the validation split needs the data in memory")
	case c.Model == "":
		return fmt.Errorf("no model given (--model linear|logistic|softmax|mlp:hidden=...)")
	}
	return nil
}

func (c *Config) epochs() int {
	if c.Epochs > 0 {
		return c.Epochs
	}
	if c.Batch == 0 {
		return 1000
	}
	return 100
}

func (c *Config) optSpec() string {
	if c.Opt == "" {
		return "lbfgs"
	}
	return c.Opt
}

// batchName is "full" or the batch size.
func batchName(b int) string {
	if b == 0 {
		return "full"
	}
	return fmt.Sprint(b)
}

// canceled reports whether ctx is done, without blocking.
func canceled(ctx context.Context) bool {
	if ctx == nil {
		return false
	}
	select {
	case <-ctx.Done():
		return true
	default:
		return false
	}
}

func since(t time.Time) float64 { return time.Since(t).Seconds() }

// EpochBudget returns the epoch budget of the run: Epochs, or its default.
func (c *Config) EpochBudget() int { return c.epochs() }

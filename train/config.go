package train

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/internal/yield"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// Config describes a training run. It is the one configuration that every
// front end starts from (DefaultConfig) — the command line, the playground
// and Go programs — and that checkpoints and model files embed. Its JSON
// form is flat: the data source's fields ("data", "format", …) beside the
// run's ("model", "opt", "batch", …), with specifications in their text form
// ("adam:lr=0.01"). The zero value of a field means the default stated with
// it, except that GradTol and FTol are off at zero, as in package minimize.
type Config struct {
	// Source says where the examples come from (JSON: "data", "format",
	// "target", "features", "drop_missing", "stream", "buffer_rows").
	Source

	// Model is the model specification, e.g. softmax or
	// mlp:hidden=32,act=tanh (see package model).
	Model spec.Spec `json:"model"`
	// DType is the type the model computes in: model.F64 (the default) or
	// model.F32, float32 products and activations with float64 weights,
	// optimizer state and reductions (see model.DType); only mlp has F32.
	DType model.DType `json:"dtype"`
	// Task is "regression", "binary" or "multiclass", or "" to infer it:
	// linear → regression, logistic → binary, softmax → multiclass, mlp →
	// classification when the targets are integers with at most 20
	// distinct values (binary for two), regression otherwise.
	Task string `json:"task"`
	// L2 and L1 are the penalties (λ₂/2)‖W‖² and λ₁‖W‖₁ on the weights;
	// they may also be given in Model (softmax:l2=0.01), but not both.
	L2 float64 `json:"l2"`
	L1 float64 `json:"l1"`
	// Standardize rescales the features with statistics of the training
	// split (see Standardization).
	Standardize bool `json:"standardize"`

	// Opt is the optimizer (package optim); zero means DefaultOpt, L-BFGS.
	Opt spec.Spec `json:"opt"`
	// Schedule is a learning-rate schedule (package schedule), zero for
	// none; Warmup adds a linear warmup of that many schedule steps.
	// cosine's t_max and onecycle's total_steps default to the run's
	// steps. See the package documentation for when a schedule steps.
	Schedule spec.Spec `json:"schedule"`
	Warmup   int       `json:"warmup"`
	// ClipNorm and ClipValue clip every gradient before its step
	// (optim.WithClip: torch.nn.utils.clip_grad_norm_ and
	// clip_grad_value_); 0 is off.
	ClipNorm  float64 `json:"clip_norm"`
	ClipValue float64 `json:"clip_value"`

	// Batch is the mini-batch size; 0 means the full training split
	// (batch gradient descent), which line-search methods require.
	// DefaultBatch gives the default for an optimizer.
	Batch int `json:"batch"`
	// Epochs is the epoch budget; 0 means 1000 for full-batch runs, whose
	// epochs are single iterations that usually end by convergence, and
	// 100 otherwise.
	Epochs int `json:"epochs"`
	// GradTol and FTol are the convergence rules of full-batch runs
	// (minimize.Stop): ‖∇F‖₂ < GradTol, or |F_k − F_{k−1}| ≤
	// FTol·max(|F_k|, |F_{k−1}|, 1). Zero turns a rule off. They do not
	// apply to mini-batch runs.
	GradTol float64 `json:"grad_tol"`
	FTol    float64 `json:"f_tol"`
	// Val is the fraction of the examples held out for validation, in
	// [0, 1); Patience > 0 stops training after that many epochs without
	// a lower validation loss and restores the best weights.
	Val      float64 `json:"val"`
	Patience int     `json:"patience"`
	// EMA > 0 evaluates and saves an exponential moving average of the
	// weights, θ̄ ← βθ̄ + (1−β)θ after every step (β = EMA in (0, 1)); SWAStart
	// > 0 the mean of the weights at the end of epochs SWAStart, SWAStart+1,
	// … (stochastic weight averaging). Zero turns each off; they exclude each
	// other, early stopping and checkpoints. Without them an averaging
	// optimizer (asgd, sgd_sf, adamw_sf) gives the saved weights.
	EMA      float64 `json:"ema"`
	SWAStart int     `json:"swa_start"`
	// Seed seeds the validation split, the shuffling of every epoch and
	// the initial weights of an MLP.
	Seed uint64 `json:"seed"`
	// MetricRows bounds the training rows on which a mini-batch run
	// measures each epoch's metrics (F, ‖∇F‖, accuracy or R²): a larger
	// split is measured on a sample of MetricRows rows drawn with Seed,
	// so an epoch costs one pass over the data (see Result.MetricRows).
	// 0 means DefaultMetricRows (10,000); −1 every row, every epoch.
	MetricRows int `json:"metric_rows,omitempty"`
	// ShuffleBlock > 1 shuffles a mini-batch run's rows in memory by
	// blocks of ShuffleBlock consecutive rows every epoch
	// (data.EpochBlockPermutation: the blocks in a random order, the rows
	// of each block in a random order within it) instead of row by row, so
	// that a batch reads memory in runs as consecutive rows do. Every row
	// is still seen once per epoch, but a batch holds neighbouring rows:
	// use it when the rows are in random order (a shuffled file), not when
	// they are sorted by label or time. 0 or 1: every row on its own (the
	// default). A streamed source is shuffled through its buffer instead.
	ShuffleBlock int `json:"shuffle_block,omitempty"`
	// ShuffleWindow > 1, with ShuffleBlock, shuffles the rows across
	// windows of ShuffleWindow blocks (data.EpochWindowPermutation: the
	// blocks in a random order, cut into windows, the rows of each window
	// in a random order within it) instead of within each block: a batch
	// then draws its rows from ShuffleWindow blocks at random places,
	// which undoes most of the blocks' correlation on sorted rows, while
	// memory is still read in runs of blocks (keep ShuffleBlock ×
	// ShuffleWindow near 1,000 rows of 100 features). 0 or 1: within each
	// block.
	ShuffleWindow int `json:"shuffle_window,omitempty"`
	// LocalSteps > 0 trains by local SGD with model averaging (package
	// localsgd): every epoch is one round in which each shard — each block
	// of a data set stored as blocks — takes LocalSteps optimizer steps on
	// mini-batches of Batch of its own rows from the common weights, which
	// then become the shards' results averaged by their row counts. 0 is
	// off. It needs a mini-batch size and an optimizer that steps.
	LocalSteps int `json:"local_steps,omitempty"`
	// Shards is the number of shards of the full-batch backend; 0 means
	// model.DefaultShards. Results do not depend on GOMAXPROCS, but they
	// do depend on the shard count, which fixes the order of the sums.
	Shards int `json:"shards"`

	// The outputs of a run and its hooks are not part of its definition
	// (and not in the JSON form).

	// Save, if set, is where the trained model is written (atomically),
	// also when the run is interrupted; not when it diverged.
	Save string `json:"-"`
	// Checkpoint, if set, is a directory that receives checkpoint.json
	// every CheckpointEvery epochs (0 means 1), when the run is
	// interrupted, and when it ends.
	Checkpoint      string `json:"-"`
	CheckpointEvery int    `json:"-"`
	// Resume continues the run of a checkpoint (see ReadCheckpoint); the
	// run-defining fields of the Config must match the checkpoint's.
	Resume *Checkpoint `json:"-"`
	// Trace, if set, is a .csv or .jsonl file that receives one row per
	// epoch, written atomically when the run ends.
	Trace string `json:"-"`
	// Terms name the front end's controls in the advice (diagnose.Terms).
	Terms diagnose.Terms `json:"-"`
	// PrevLR is the learning rate of the run before this one, whose
	// advice led to this run's rate (0: none): the advice then turns back
	// at most halfway, on a log scale (diagnose.Input.PrevLR). It is not
	// part of a checkpoint.
	PrevLR float64 `json:"-"`
	// Backend, if set, trains on the blocks at Path (package shard) on a
	// distributed engine (the beam module); nil trains in this process.
	// It takes full-batch steps on the whole set: Batch, Val, Shards and
	// Stream must be zero.
	Backend Backend `json:"-"`

	// OnEpoch, if set, is called after every epoch (and for epoch 0, the
	// start) with the epoch's metrics; a non-nil error stops the run with
	// that error.
	OnEpoch func(EpochStats) error `json:"-"`
	// OnBatch, if set, is called after every optimizer step with the
	// epoch (0-based), the number of batches done in it and the number of
	// batches per epoch.
	OnBatch func(epoch, batch, batches int) `json:"-"`
	// OnWeights, if set, is called after OnEpoch (for epoch 0 too) with
	// the epoch and the model at the weights at its end, which a front end
	// uses to draw what the model predicts as it trains. t.Params is the
	// run's own weight vector, valid only during the call: copy what you
	// keep, change nothing. t.Training is nil.
	OnWeights func(epoch int, t *Trained) error `json:"-"`
}

// DefaultOpt is the optimizer of a training run whose Config.Opt is zero:
// L-BFGS on the full training objective.
var DefaultOpt = spec.Spec{Name: "lbfgs"}

// DefaultConfig returns the defaults of a training run in every front end:
// DefaultOpt (lbfgs) on the full batch, grad-tol 1e-8, f-tol 1e-12, seed 1.
func DefaultConfig() Config {
	return Config{Opt: DefaultOpt, GradTol: 1e-8, FTol: 1e-12, Seed: DefaultSeed}
}

// DefaultSeed is the seed of a training run when none is given.
const DefaultSeed = 1

// DefaultMiniBatch is the batch size of a step-based optimizer when none
// is given (see DefaultBatch).
const DefaultMiniBatch = 32

// DefaultBatch returns the batch size to use with the optimizer opt when
// the user gives none: 0 (the full batch) for methods that search along a
// line on the whole objective (lbfgs, cg, bb, gd with a line search), and
// DefaultMiniBatch for step-based optimizers. An invalid opt gives 0.
func DefaultBatch(opt spec.Spec) int {
	if opt.IsZero() {
		opt = DefaultOpt
	}
	if alg, err := optim.NewSpec(opt); err == nil && !optim.IsMethod(alg) {
		return DefaultMiniBatch
	}
	return 0
}

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
	Status  minimize.Status `json:"status"`
	Message string          `json:"message"`
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

	Seed uint64 `json:"seed"`
	// MetricRows is the number of training rows the history's epochs were
	// measured on when it is a seeded sample (Config.MetricRows); absent
	// when every row was. The final metrics above use every row.
	MetricRows int `json:"metric_rows,omitempty"`
	// Curvature is L = λmax(∇²F) of the training objective at the start
	// or the end of the run, with the optimizer's stable learning-rate
	// bound (nil when it could not be measured).
	Curvature *Curvature         `json:"curvature"`
	Diagnosis diagnose.Diagnosis `json:"diagnosis"`
	// ElapsedSeconds is the wall time of the run: loading, training,
	// the final metrics and the files written.
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// AdviceSeconds is the wall time of the analysis after it (the
	// curvature, the diagnosis and its probes), not in ElapsedSeconds:
	// their ratio is what the advice costs.
	AdviceSeconds float64 `json:"advice_seconds"`

	Model     string    `json:"model"` // canonical model specification
	Task      string    `json:"task"`
	Classes   []float64 `json:"classes,omitempty"`
	Params    int       `json:"params"`
	Optimizer string    `json:"opt"`
	Schedule  string    `json:"schedule,omitempty"`
	Batch     string    `json:"batch"` // "full" or the size
	// ShuffleBlock is Config.ShuffleBlock when rows were shuffled by
	// blocks (absent otherwise).
	ShuffleBlock int `json:"shuffle_block,omitempty"`
	// ShuffleWindow is Config.ShuffleWindow when the rows of windows of
	// blocks were shuffled together (absent otherwise).
	ShuffleWindow int    `json:"shuffle_window,omitempty"`
	NTrain        int    `json:"n_train"`
	NVal          int    `json:"n_val"`
	Dropped       int    `json:"dropped_rows"`
	Resumed       bool   `json:"resumed"`
	Saved         string `json:"saved,omitempty"`

	History []EpochStats `json:"-"`
	Trained *Trained     `json:"-"` // the model at the final weights (nil when diverged)
}

// check validates the fields that do not need the data. Errors are
// *spec.FieldError naming the field by its JSON name.
func (c *Config) check() error {
	bad := func(field, format string, args ...any) error {
		return &spec.FieldError{Field: field, Err: fmt.Errorf(format, args...)}
	}
	finite := func(v float64) bool { return v >= 0 && !math.IsInf(v, 0) }
	switch {
	case !(c.EMA >= 0 && c.EMA < 1):
		return bad("ema", "%g: must be in (0, 1) (0 = off)", c.EMA)
	case c.SWAStart < 0:
		return bad("swa_start", "%d: must be an epoch ≥ 1 (0 = off)", c.SWAStart)
	case c.EMA > 0 && c.SWAStart > 0:
		return bad("ema", "%g: give ema or swa_start, not both", c.EMA)
	case (c.EMA > 0 || c.SWAStart > 0) && (c.Patience > 0 || c.Checkpoint != "" || c.Resume != nil):
		return bad("ema", "weight averaging (ema, swa_start) cannot be combined with patience or checkpoints yet")
	case c.Batch < 0:
		return bad("batch", "%d: must be full (0) or a positive size", c.Batch)
	case c.LocalSteps < 0:
		return bad("local_steps", "%d: must be ≥ 1, or 0 for off", c.LocalSteps)
	case c.LocalSteps > 0 && c.Batch == 0:
		return bad("batch", "local SGD (local_steps %d) takes mini-batch steps: give a batch size", c.LocalSteps)
	case c.LocalSteps > 0 && (c.EMA > 0 || c.SWAStart > 0 || c.Stream):
		return bad("local_steps", "local SGD averages the shards' weights every round: it excludes ema, swa_start and stream")
	case c.Epochs < 0:
		return bad("epochs", "%d: must be ≥ 1", c.Epochs)
	case !finite(c.PrevLR):
		return bad("prev_lr", "%g: must be a learning rate > 0 (0 = none)", c.PrevLR)
	case !finite(c.GradTol):
		return bad("grad_tol", "%g: must be a finite number ≥ 0", c.GradTol)
	case !finite(c.FTol):
		return bad("f_tol", "%g: must be a finite number ≥ 0", c.FTol)
	case !finite(c.L2):
		return bad("l2", "%g: must be a finite number ≥ 0", c.L2)
	case !finite(c.L1):
		return bad("l1", "%g: must be a finite number ≥ 0", c.L1)
	case !(c.Val >= 0 && c.Val < 1):
		return bad("val", "%g: must be a fraction in [0, 1)", c.Val)
	case c.Patience < 0:
		return bad("patience", "%d: must be ≥ 0", c.Patience)
	case c.Patience > 0 && c.Val == 0:
		return bad("patience", "%d needs a validation split: early stopping watches the validation loss", c.Patience)
	case c.Warmup < 0:
		return bad("warmup", "%d: must be ≥ 0", c.Warmup)
	case !finite(c.ClipNorm):
		return bad("clip_norm", "%g: must be a finite number ≥ 0", c.ClipNorm)
	case !finite(c.ClipValue):
		return bad("clip_value", "%g: must be a finite number ≥ 0", c.ClipValue)
	case c.Shards < 0:
		return bad("shards", "%d: must be ≥ 0", c.Shards)
	case c.CheckpointEvery < 0:
		return bad("checkpoint_every", "%d: must be ≥ 1", c.CheckpointEvery)
	case c.CheckpointEvery > 0 && c.Checkpoint == "":
		return bad("checkpoint_every", "needs a checkpoint directory")
	case c.Stream && c.Val > 0:
		return bad("val", "cannot be used with a streamed source: the validation split needs the data in memory")
	case c.Model.IsZero():
		return bad("model", "no model given (linear, logistic, softmax or mlp:hidden=...)")
	}
	switch {
	case c.ShuffleBlock < 0:
		return bad("shuffle_block", "%d: must be ≥ 0 rows (0 or 1 shuffle every row on its own)", c.ShuffleBlock)
	case c.ShuffleBlock > 1 && c.Stream:
		return bad("shuffle_block", "applies to data in memory: a streamed source is shuffled through its buffer (buffer_rows)")
	case c.ShuffleBlock > 1 && c.Batch == 0:
		return bad("shuffle_block", "needs mini-batches: a full-batch run does not shuffle")
	case c.ShuffleWindow < 0:
		return bad("shuffle_window", "%d: must be ≥ 0 blocks (0 or 1 shuffle the rows within each block)", c.ShuffleWindow)
	case c.ShuffleWindow > 1 && c.ShuffleBlock <= 1:
		return bad("shuffle_window", "%d: a window of blocks needs shuffle_block > 1", c.ShuffleWindow)
	}
	if c.MetricRows < -1 {
		return bad("metric_rows", "%d: must be ≥ 1, 0 for the default (%d) or −1 for every row", c.MetricRows, DefaultMetricRows)
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

func (c *Config) opt() spec.Spec {
	if c.Opt.IsZero() {
		return DefaultOpt
	}
	return c.Opt
}

// definition returns the run-defining part of c, with its defaults filled
// in: what a checkpoint records and a resumed run must match.
func (c *Config) definition() Config {
	d := Config{Source: c.Source, Model: c.Model, DType: c.DType, Task: c.Task, L2: c.L2, L1: c.L1, Standardize: c.Standardize,
		Opt: c.opt(), Schedule: c.Schedule, Warmup: c.Warmup, ClipNorm: c.ClipNorm, ClipValue: c.ClipValue,
		Batch: c.Batch, Epochs: c.epochs(), GradTol: c.GradTol, FTol: c.FTol, Val: c.Val, Patience: c.Patience,
		Seed: c.Seed, Shards: c.Shards, ShuffleBlock: shuffleBlock(c), ShuffleWindow: shuffleWindow(c)}
	switch {
	case !d.Stream:
		d.BufferRows = 0 // unused
	case d.BufferRows == 0:
		d.BufferRows = DefaultBufferRows
	}
	return d
}

// batchName is "full" or the batch size.
func batchName(b int) string {
	if b == 0 {
		return "full"
	}
	return fmt.Sprint(b)
}

// canceled reports whether ctx is done, without blocking. Under js/wasm
// it first lets expired timers fire (yield.Point), a time budget among them.
func canceled(ctx context.Context) bool {
	yield.Point()
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

// shuffleBlock is Result.ShuffleBlock: the block of a run shuffled by
// blocks, 0 for one shuffled row by row.
func shuffleBlock(c *Config) int {
	if c.ShuffleBlock > 1 {
		return c.ShuffleBlock
	}
	return 0
}

// shuffleWindow is Result.ShuffleWindow: the window of a run shuffled by
// windows of blocks, 0 otherwise.
func shuffleWindow(c *Config) int {
	if c.ShuffleBlock > 1 && c.ShuffleWindow > 1 {
		return c.ShuffleWindow
	}
	return 0
}

// withDType returns m computing in t (model.WithDType), with an error that
// names the field.
func withDType(m model.Model, t model.DType) (model.Model, error) {
	m, err := model.WithDType(m, t)
	if err != nil {
		return nil, &spec.FieldError{Field: "dtype", Err: err}
	}
	return m, nil
}

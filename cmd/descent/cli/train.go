package cli

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/descentgo/descent/internal/atomicfile"
	"github.com/descentgo/descent/internal/progress"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
	"github.com/descentgo/descent/viz"
)

// dataFlags name a data file and how to read it.
type dataFlags struct {
	path, format, target, features string
	dropMissing, stream            bool
	buffer                         int
}

func (d *dataFlags) register(f *pflag.FlagSet, training bool) {
	f.StringVar(&d.path, "data", "", "`FILE` of examples: CSV with a header row, or LIBSVM (.svm, .libsvm)")
	f.StringVar(&d.format, "format", "", "data format csv|libsvm (default: from the extension)")
	f.BoolVar(&d.dropMissing, "drop-missing", false, "skip CSV rows with missing values instead of failing")
	if !training {
		return
	}
	f.StringVar(&d.target, "target", "", "CSV target column (default: the last column)")
	f.StringVar(&d.features, "features", "", "CSV feature columns a,b,c (default: every column but the target)")
	f.BoolVar(&d.stream, "stream", false, "read the file in batches again for every epoch (bounded memory)")
	f.IntVar(&d.buffer, "buffer", train.DefaultBufferRows, "with --stream: rows of the shuffle buffer")
}

func (d *dataFlags) source() train.Source {
	s := train.Source{Path: d.path, Format: d.format, Target: d.target, DropMissing: d.dropMissing,
		Stream: d.stream, BufferRows: d.buffer}
	if d.features != "" {
		for _, f := range strings.Split(d.features, ",") {
			s.Features = append(s.Features, strings.TrimSpace(f))
		}
	}
	return s
}

// modelFlags are the flags that define a model and its training data, shared
// by train and lrfind.
type modelFlags struct {
	data        dataFlags
	model, task string
	l2, l1      float64
	standardize bool
	batch       string
	seed        uint64
	dtype       string
}

func (m *modelFlags) register(f *pflag.FlagSet) {
	m.data.register(f, true)
	f.StringVar(&m.model, "model", "", "`SPEC` of the model: linear, logistic, softmax or mlp:hidden=64,32,act=relu (and l2=, l1=)")
	f.StringVar(&m.task, "task", "", "regression|binary|multiclass (default: from the model; for mlp from the target)")
	f.Float64Var(&m.l2, "l2", 0, "L2 penalty λ₂: adds (λ₂/2)·‖W‖² to the objective (weights only)")
	f.Float64Var(&m.l1, "l1", 0, "L1 penalty λ₁: adds λ₁·‖W‖₁ to the objective (weights only)")
	f.BoolVar(&m.standardize, "standardize", false, "standardize features with training-split statistics (saved with the model)")
	f.StringVar(&m.batch, "batch", "", "mini-batch size: full (batch GD) or `N` examples (1: stochastic); default full for lbfgs, cg, bb and line searches, 32 otherwise")
	f.Uint64Var(&m.seed, "seed", train.DefaultSeed, "seed of the validation split, the shuffling and the initial weights")
	f.StringVar(&m.dtype, "dtype", "f64", "f64|f32: compute type of the model; f32 (mlp only) runs the products and activations in float32, weights and sums in float64 (saved with the model)")
}

// parseBatch reads --batch: "full" is 0, and no value is the library's
// default for the optimizer (train.DefaultBatch).
func parseBatch(s string, opt spec.Spec) (int, error) {
	switch s {
	case "":
		return train.DefaultBatch(opt), nil
	case "full":
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, usagef("--batch %q: want full or a positive integer", s)
	}
	if n < 1 {
		return 0, usagef("--batch %d: must be full or a positive size", n)
	}
	return n, nil
}

// config returns the training configuration of the flags, starting from
// the library's defaults, with the optimizer opt (text of --opt).
func (m *modelFlags) config(opt string) (train.Config, error) {
	cfg := train.DefaultConfig()
	o, err := parseSpec("--opt", opt)
	if err != nil {
		return cfg, err
	}
	if !o.IsZero() {
		cfg.Opt = o
	}
	if cfg.Model, err = parseSpec("--model", m.model); err != nil {
		return cfg, err
	}
	b, err := parseBatch(m.batch, cfg.Opt)
	if err != nil {
		return cfg, err
	}
	cfg.Source, cfg.Task, cfg.L2, cfg.L1 = m.data.source(), m.task, m.l2, m.l1
	cfg.Standardize, cfg.Batch, cfg.Seed = m.standardize, b, m.seed
	if cfg.DType, err = model.ParseDType(m.dtype); err != nil {
		return cfg, usagef("--dtype: %v", err)
	}
	cfg.Terms = cliTerms("--epochs")
	return cfg, nil
}

// newTrainCmd returns the train command; hook, if set, adds flags and
// adapts the configuration (Options.Train).
func newTrainCmd(hook func(*pflag.FlagSet) func(*train.Config) error) *cobra.Command {
	var (
		mf                                                  modelFlags
		opt, sched                                          string
		warmup, epochs, shards                              int
		localSteps, metricRows, shuffleBlock, shuffleWindow int
		clipNorm, clipValue, prevLR                         float64
		gradTol, fTol, val                                  float64
		patience, ckEvery                                   int
		ema                                                 float64
		swaStart                                            int
		save, ckDir, resume                                 string
		tracePath, plot                                     string
		asJSON                                              bool
	)
	d := train.DefaultConfig()
	var adapt func(*train.Config) error
	c := &cobra.Command{
		Use:   "train --data FILE --model SPEC [flags]",
		Short: "Train a model on a data set by batch, mini-batch or stochastic gradient descent",
		Long: `train fits linear, logistic, softmax or MLP models to a CSV or LIBSVM data set by
minimizing, over the n training examples,

  F(θ) = (1/n)·Σᵢ loss(f_θ(xᵢ), yᵢ) + (l2/2)·‖W‖² + l1·‖W‖₁      (biases not penalized)

with loss = (ŷ − y)² (regression), binary cross-entropy (logistic) or
multinomial cross-entropy (softmax; mlp by task). --batch full runs one step
of the optimizer per epoch on F and stops on convergence like minimize;
--batch N takes one step per mini-batch of N shuffled examples. A schedule
steps once per batch, except plateau, which steps once per epoch on the
validation loss (the training objective without --val).`,
		Example: `  descent train --data iris.csv --model softmax --l2 0.01 --standardize
  descent train --data wine.csv --model mlp:hidden=32 --opt adam:lr=0.01 --batch 16 --epochs 200 --val 0.3 --patience 20 --standardize --save wine.json
  descent train --data diabetes.csv --model linear --opt sgd:lr=0.01 --batch 1 --epochs 20 --standardize --json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			var ck *train.Checkpoint
			if resume != "" {
				var err error
				if ck, err = train.ReadCheckpoint(resume); err != nil {
					return cliError(err)
				}
				run := ck.Config()
				run.Path = ck.DataPath() // the recorded absolute path from another directory
				inheritFlags(c.Flags(), run, &mf, &opt, &sched, &warmup, &epochs, &shards, &localSteps, &clipNorm, &clipValue, &gradTol, &fTol, &val, &patience)
			}
			cfg, err := mf.config(opt)
			if err != nil {
				return err
			}
			if ck != nil && !c.Flags().Changed("batch") {
				cfg.Batch = ck.Config().Batch
			}
			if cfg.Schedule, err = parseSpec("--schedule", sched); err != nil {
				return err
			}
			cfg.Warmup, cfg.Epochs, cfg.Shards, cfg.LocalSteps = warmup, epochs, shards, localSteps
			cfg.ClipNorm, cfg.ClipValue, cfg.GradTol, cfg.FTol = clipNorm, clipValue, gradTol, fTol
			cfg.Val, cfg.Patience, cfg.PrevLR = val, patience, prevLR
			cfg.MetricRows = metricRows
			if ck != nil && !c.Flags().Changed("metric-rows") {
				cfg.MetricRows = ck.Config().MetricRows
			}
			cfg.ShuffleBlock = shuffleBlock
			if ck != nil && !c.Flags().Changed("shuffle-block") {
				cfg.ShuffleBlock = ck.Config().ShuffleBlock
			}
			cfg.ShuffleWindow = shuffleWindow
			if ck != nil && !c.Flags().Changed("shuffle-window") {
				cfg.ShuffleWindow = ck.Config().ShuffleWindow
			}
			cfg.EMA, cfg.SWAStart = ema, swaStart
			if resume != "" && ckDir == "" {
				// A resumed run keeps checkpointing where it came from:
				// without --save, its model is in that checkpoint.
				ckDir = resume
			}
			cfg.Save, cfg.Checkpoint, cfg.CheckpointEvery, cfg.Trace, cfg.Resume = save, ckDir, ckEvery, tracePath, ck
			if epochs < 0 {
				return usagef("--epochs %d: must be ≥ 1", epochs)
			}
			if c.Flags().Changed("epochs") && epochs == 0 {
				return usagef("--epochs 0: must be ≥ 1")
			}
			if err := checkOutput("--save", save, ".json"); err != nil {
				return err
			}
			if err := checkOutput("--trace", tracePath, ".csv", ".jsonl"); err != nil {
				return err
			}
			if err := checkOutput("--plot", plot, imageExts...); err != nil {
				return err
			}
			if err := checkDir("--checkpoint", ckDir); err != nil {
				return err
			}
			if adapt != nil {
				if err := adapt(&cfg); err != nil {
					return cliError(err)
				}
			}
			bar := newTrainProgress(c.ErrOrStderr(), &cfg)
			res, err := train.Train(c.Context(), cfg)
			bar.finish()
			if err != nil {
				return cliError(err)
			}
			if plot != "" {
				if err := trainPlot(plot, cfg, res); err != nil {
					return err
				}
			}
			next := nextFlags(nextRun{train: true, opt: cfg.Opt, sched: cfg.Schedule, model: cfg.Model, l2: cfg.L2,
				standardized: cfg.Standardize, batch: cfg.Batch, budget: cfg.EpochBudget(), patience: cfg.Patience}, res.Diagnosis)
			out := c.OutOrStdout()
			if asJSON {
				if err := writeJSON(out, trainJSON{res, next}); err != nil {
					return err
				}
			} else {
				printTrainReport(out, cfg, res, next, plot)
			}
			if res.Status == minimize.Interrupted {
				return exitError{130}
			}
			if res.Status == minimize.Diverged {
				if save != "" && !asJSON {
					fmt.Fprintf(c.ErrOrStderr(), "descent: the run diverged: %s was not written\n", save)
				}
				return exitError{3}
			}
			return nil
		},
	}
	f := c.Flags()
	mf.register(f)
	f.StringVar(&opt, "opt", d.Opt.String(), "optimizer `NAME[:key=value,...]` (see: descent optimizers)")
	f.StringVar(&sched, "schedule", "", "learning-rate schedule NAME[:key=value,...]; onecycle's total_steps and cosine's t_max default to the run's steps")
	f.IntVar(&warmup, "warmup", 0, "linear warmup steps (batches; epochs for plateau), composed with the schedule")
	f.Float64Var(&prevLR, "prev-lr", 0, prevLRUsage)
	f.Float64Var(&clipNorm, "clip-norm", 0, "clip each gradient to global ℓ2 norm C before its step (0 = off)")
	f.Float64Var(&clipValue, "clip-value", 0, "clip each gradient component to [-V, V] (0 = off)")
	f.IntVar(&epochs, "epochs", 0, "epoch budget (default 1000 with --batch full, where an epoch is one iteration, else 100)")
	f.Float64Var(&gradTol, "grad-tol", d.GradTol, "full batch: stop when ‖∇F‖₂ < G (0 = off)")
	f.Float64Var(&fTol, "f-tol", d.FTol, "full batch: stop when |F_k − F_{k−1}| ≤ f-tol·max(|F_k|, |F_{k−1}|, 1) (0 = off)")
	f.Float64Var(&val, "val", 0, "hold out this fraction of the examples for validation (seeded)")
	f.IntVar(&patience, "patience", 0, "with --val: stop after K epochs without a lower validation loss and keep the best weights (0 = off)")
	f.Float64Var(&ema, "ema", 0, "evaluate and save an exponential moving average of the weights with decay β in (0, 1), updated every step (0 = off)")
	f.IntVar(&swaStart, "swa-start", 0, "evaluate and save the mean of the weights at the end of epochs ≥ E (stochastic weight averaging; 0 = off)")
	f.IntVar(&localSteps, "local-steps", 0, "local SGD with model averaging: every epoch, each shard (block) takes K steps on its own mini-batches from the common weights, which become the shards' average (0 = off)")
	f.IntVar(&shuffleBlock, "shuffle-block", 0, "mini-batch runs in memory: shuffle the rows every epoch by blocks of `ROWS` consecutive rows (blocks in a random order, rows within each block too) instead of row by row — several times faster on large data, but a batch then holds neighbouring rows: use it on rows in random order (0 = row by row)")
	f.IntVar(&shuffleWindow, "shuffle-window", 0, "with --shuffle-block: shuffle the rows across windows of `BLOCKS` blocks (the blocks in a random order, then the rows of each window together) instead of within each block, so that a batch draws from BLOCKS places in the data — nearly the row-by-row sampling, at nearly the speed of blocks (e.g. --shuffle-block 16 --shuffle-window 64; 0 = within each block)")
	f.IntVar(&metricRows, "metric-rows", 0, "mini-batch runs: measure each epoch's loss and accuracy on a seeded sample of `N` training rows when there are more (0 = 10000, -1 = every row); the final model is measured on every row")
	f.IntVar(&shards, "shards", 0, "shards of the full-batch gradient sum (0 = one per 8192 rows, at most 16); results depend on it, not on GOMAXPROCS")
	f.StringVar(&save, "save", "", "write the trained model to `FILE`.json (also when interrupted)")
	f.StringVar(&ckDir, "checkpoint", "", "write checkpoints into `DIR`")
	f.IntVar(&ckEvery, "checkpoint-every", 0, "checkpoint every N epochs (default 1; also on Ctrl-C and at the end)")
	f.StringVar(&resume, "resume", "", "continue the run checkpointed in `DIR` (flags not given are taken from it)")
	f.StringVar(&tracePath, "trace", "", "write one row per epoch to `FILE` (.csv or .jsonl)")
	f.StringVar(&plot, "plot", "", "draw training and validation loss per epoch to `FILE` (.png, .svg, .pdf)")
	f.BoolVar(&asJSON, "json", false, "print a JSON summary on stdout")
	if hook != nil {
		adapt = hook(f)
	}
	return c
}

// inheritFlags takes every run-defining flag that was not given from the
// checkpoint's configuration.
func inheritFlags(fl *pflag.FlagSet, b train.Config, mf *modelFlags, opt, sched *string, warmup, epochs, shards, localSteps *int,
	clipNorm, clipValue, gradTol, fTol, val *float64, patience *int) {
	keep := func(name string) bool { return fl.Changed(name) }
	if !keep("data") {
		mf.data.path = b.Path
	}
	if !keep("format") {
		mf.data.format = b.Format
	}
	if !keep("target") {
		mf.data.target = b.Target
	}
	if !keep("features") {
		mf.data.features = strings.Join(b.Features, ",")
	}
	if !keep("drop-missing") {
		mf.data.dropMissing = b.DropMissing
	}
	if !keep("stream") {
		mf.data.stream = b.Stream
	}
	if !keep("buffer") && b.BufferRows > 0 {
		mf.data.buffer = b.BufferRows
	}
	if !keep("model") {
		mf.model = b.Model.String()
	}
	if !keep("task") {
		mf.task = b.Task
	}
	if !keep("l2") {
		mf.l2 = b.L2
	}
	if !keep("l1") {
		mf.l1 = b.L1
	}
	if !keep("standardize") {
		mf.standardize = b.Standardize
	}
	if !keep("seed") {
		mf.seed = b.Seed
	}
	if !keep("dtype") {
		mf.dtype = b.DType.String()
	}
	if !keep("opt") {
		*opt = b.Opt.String()
	}
	if !keep("schedule") {
		*sched = b.Schedule.String()
	}
	if !keep("warmup") {
		*warmup = b.Warmup
	}
	if !keep("epochs") {
		*epochs = b.Epochs
	}
	if !keep("shards") {
		*shards = b.Shards
	}
	if !keep("local-steps") {
		*localSteps = b.LocalSteps
	}
	if !keep("clip-norm") {
		*clipNorm = b.ClipNorm
	}
	if !keep("clip-value") {
		*clipValue = b.ClipValue
	}
	if !keep("grad-tol") {
		*gradTol = b.GradTol
	}
	if !keep("f-tol") {
		*fTol = b.FTol
	}
	if !keep("val") {
		*val = b.Val
	}
	if !keep("patience") {
		*patience = b.Patience
	}
}

// checkDir verifies before any work that dir is a directory or can be
// created as one, without creating it.
func checkDir(flag, dir string) error {
	if dir == "" {
		return nil
	}
	fi, err := os.Stat(dir)
	if err == nil {
		if !fi.IsDir() {
			return usagef("%s %s: not a directory", flag, dir)
		}
		return nil
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if pi, err := os.Stat(parent); err != nil || !pi.IsDir() {
		return usagef("%s %s: the directory %s does not exist", flag, dir, parent)
	}
	return nil
}

// trainProgress shows a bar of optimizer steps on stderr when it is a
// terminal.
type trainProgress struct {
	w      io.Writer
	cfg    *train.Config
	bar    *progress.Bar
	epochs int
	status string
}

func newTrainProgress(w io.Writer, cfg *train.Config) *trainProgress {
	p := &trainProgress{w: w, cfg: cfg, epochs: cfg.EpochBudget()}
	cfg.OnBatch = p.batch
	cfg.OnEpoch = p.epoch
	return p
}

func (p *trainProgress) batch(epoch, batch, batches int) {
	if p.bar == nil {
		p.bar = progress.New(p.w, p.epochs*batches, "train "+filepath.Base(p.cfg.Path))
	}
	if p.bar.Due() {
		p.bar.Set(epoch*batches+batch, p.status)
	}
}

func (p *trainProgress) epoch(e train.EpochStats) error {
	s := fmt.Sprintf("epoch %d  loss %s", e.Epoch, num("%.4g", float64(e.TrainLoss)))
	if v := float64(e.ValLoss); !math.IsNaN(v) {
		s += "  val " + num("%.4g", v)
	}
	if a := float64(e.ValAccuracy); !math.IsNaN(a) {
		s += fmt.Sprintf("  val acc %.3f", a)
	} else if a := float64(e.TrainAccuracy); !math.IsNaN(a) {
		s += fmt.Sprintf("  acc %.3f", a)
	}
	p.status = s
	return nil
}

func (p *trainProgress) finish() { p.bar.Finish() }

// trainPlot draws the training objective and the validation loss per epoch.
func trainPlot(path string, cfg train.Config, r *train.Result) error {
	var trainL, valL []float64
	hasVal := false
	for _, h := range r.History {
		trainL = append(trainL, float64(h.TrainLoss))
		valL = append(valL, float64(h.ValLoss))
		hasVal = hasVal || !math.IsNaN(float64(h.ValLoss))
	}
	series := []viz.Series{{Label: "training objective", Values: trainL, Diverged: r.Status == minimize.Diverged}}
	if hasVal {
		series = append(series, viz.Series{Label: "validation loss", Values: valL})
	}
	title := fmt.Sprintf("%s — %s, %s, batch %s", filepath.Base(cfg.Path), r.Model, r.Optimizer, r.Batch)
	if err := viz.LossChart(path, series, viz.LossOptions{Title: title, XLabel: "epoch", YLabel: "loss"}); err != nil {
		return fmt.Errorf("--plot: %v", err)
	}
	return nil
}

func fmtMetric(name string, f *train.Float) string {
	if f == nil {
		return ""
	}
	return fmt.Sprintf("  %s %s", name, num("%.4g", float64(*f)))
}

// trainJSON is train's JSON output: the result, and the flags of the next
// run that the diagnosis's actions give as "next" (see nextFlags; absent
// when nothing changes).
type trainJSON struct {
	*train.Result
	Next []string `json:"next,omitempty"`
}

func printTrainReport(w io.Writer, cfg train.Config, r *train.Result, next []string, plot string) {
	what := r.Task
	if len(r.Classes) > 0 {
		what += fmt.Sprintf(", %d classes", len(r.Classes))
	}
	fmt.Fprintf(w, "%s — %s (%s, %d parameters), %s, batch %s, seed %d\n",
		filepath.Base(cfg.Path), r.Model, what, r.Params, r.Optimizer, r.Batch, r.Seed)
	fmt.Fprintf(w, "  status       %s: %s\n", r.Status, r.Message)
	fmt.Fprintf(w, "  epochs       %d (%d steps, %s; advice %s), best epoch %d\n", r.Epochs, r.Steps, fmtDuration(r.ElapsedSeconds), fmtDuration(r.AdviceSeconds), r.BestEpoch)
	if r.MetricRows > 0 {
		fmt.Fprintf(w, "  history      each epoch measured on a seeded sample of %d of the %d training rows (--metric-rows); the final model below on every row\n", r.MetricRows, r.NTrain)
	}
	switch {
	case r.ShuffleWindow > 0:
		fmt.Fprintf(w, "  shuffle      blocks of %d rows in a random order, the rows of each window of %d blocks shuffled together (--shuffle-block, --shuffle-window; seed %d)\n", r.ShuffleBlock, r.ShuffleWindow, r.Seed)
	case r.ShuffleBlock > 0:
		fmt.Fprintf(w, "  shuffle      blocks of %d rows in a random order, the rows of each block shuffled within it (--shuffle-block; seed %d)\n", r.ShuffleBlock, r.Seed)
	}
	fmt.Fprintf(w, "  train        n=%d  objective %s  loss %s%s%s  ‖∇F‖ %s\n", r.NTrain, num("%.10g", float64(r.TrainLoss)),
		num("%.6g", float64(r.TrainDataLoss)), fmtMetric("accuracy", r.TrainAccuracy), fmtMetric("R²", r.TrainR2), num("%.3g", float64(r.GradNorm)))
	if r.NVal > 0 {
		fmt.Fprintf(w, "  validation   n=%d  loss %s%s%s\n", r.NVal, num("%.6g", float64(r.ValLoss)), fmtMetric("accuracy", r.ValAccuracy), fmtMetric("R²", r.ValR2))
	}
	if r.Dropped > 0 {
		fmt.Fprintf(w, "  dropped      %d rows with missing values\n", r.Dropped)
	}
	if c := r.Curvature; c != nil {
		point := c.Point + " point"
		if c.Rows > 0 {
			point += fmt.Sprintf(" (estimated on %d of the %d training rows)", c.Rows, r.NTrain)
		}
		if b := float64(c.StableLRBound); b > 0 {
			fmt.Fprintf(w, "  curvature    L = %.4g at the %s; stable lr < %.4g by %s\n", float64(c.L), point, b, c.Rule)
		} else {
			fmt.Fprintf(w, "  curvature    L = %.4g at the %s; lr bound %s\n", float64(c.L), point, c.Rule)
		}
	}
	d := r.Diagnosis
	fmt.Fprintf(w, "  verdict      %s: %s\n", d.Verdict, d.Advice)
	if d.SuggestedLR > 0 {
		fmt.Fprintf(w, "  suggested %s %.4g\n", d.RateName(), d.SuggestedLR)
	}
	printNext(w, next)
	if r.Saved != "" {
		fmt.Fprintf(w, "  saved        %s\n", r.Saved)
	}
	if cfg.Checkpoint != "" && r.Status != minimize.Diverged {
		fmt.Fprintf(w, "  checkpoint   %s\n", filepath.Join(cfg.Checkpoint, train.CheckpointFile))
		if r.Saved == "" {
			fmt.Fprintf(w, "  model        in the checkpoint (resume it, or add --save FILE.json to write a model file)\n")
		}
	}
	if plot != "" {
		fmt.Fprintf(w, "  plot         %s\n", plot)
	}
}

func newEvaluateCmd() *cobra.Command {
	var (
		df        dataFlags
		modelPath string
		asJSON    bool
	)
	c := &cobra.Command{
		Use:   "evaluate --model MODEL.json --data FILE [flags]",
		Short: "Measure a trained model on a data set: loss and accuracy or R²",
		Long: `evaluate reads a model file written by train --save and a data file with the
model's feature and target columns, and reports n, the mean loss without the
penalty (squared error, or cross-entropy), and the accuracy of a classifier or
the R² of a regression.`,
		Example: `  descent evaluate --model iris.json --data iris.csv --json`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			t, err := loadModelFlag(modelPath)
			if err != nil {
				return err
			}
			ev, err := t.Evaluate(df.source())
			if err != nil {
				return cliError(err)
			}
			out := c.OutOrStdout()
			if asJSON {
				return writeJSON(out, ev)
			}
			fmt.Fprintf(out, "%s on %s\n", t.Model.Spec(), filepath.Base(df.path))
			fmt.Fprintf(out, "  n          %d\n  loss       %s\n", ev.N, num("%.10g", float64(ev.Loss)))
			if ev.Accuracy != nil {
				fmt.Fprintf(out, "  accuracy   %s\n", num("%.6g", float64(*ev.Accuracy)))
			}
			if ev.R2 != nil {
				fmt.Fprintf(out, "  r2         %s\n", num("%.6g", float64(*ev.R2)))
			}
			if ev.Dropped > 0 {
				fmt.Fprintf(out, "  dropped    %d rows with missing values\n", ev.Dropped)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&modelPath, "model", "", "`MODEL`.json written by train --save")
	df.register(f, false)
	f.BoolVar(&asJSON, "json", false, "print the result as JSON")
	return c
}

func loadModelFlag(path string) (*train.Trained, error) {
	if path == "" {
		return nil, usagef("no model file given (--model MODEL.json)")
	}
	t, err := train.Load(path)
	if err != nil {
		return nil, cliError(err)
	}
	return t, nil
}

func newPredictCmd() *cobra.Command {
	var (
		df        dataFlags
		modelPath string
		outPath   string
	)
	c := &cobra.Command{
		Use:   "predict --model MODEL.json --data FILE [--out FILE]",
		Short: "Predict with a trained model: one CSV line per example",
		Long: `predict writes one CSV line per example of the data file, after a header:
"prediction" for a regression; "label" and the probability of every class
("p_<class>") for a classifier. The data need the model's feature columns; the
target column may be missing.`,
		Example: `  descent predict --model iris.json --data new.csv --out predictions.csv`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			t, err := loadModelFlag(modelPath)
			if err != nil {
				return err
			}
			if err := checkOutput("--out", outPath, ".csv"); err != nil {
				return err
			}
			if outPath == "" {
				_, err := t.Predict(df.source(), c.OutOrStdout())
				return cliError(err)
			}
			err = atomicfile.Write(outPath, func(w io.Writer) error {
				_, err := t.Predict(df.source(), w)
				return err
			})
			return cliError(err)
		},
	}
	f := c.Flags()
	f.StringVar(&modelPath, "model", "", "`MODEL`.json written by train --save")
	df.register(f, false)
	f.StringVar(&outPath, "out", "", "write the predictions to `FILE`.csv (default: standard output)")
	return c
}

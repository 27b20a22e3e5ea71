package train

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/localsgd"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/trace"
)

// divergeFactor is minimize's default divergence threshold: the run
// diverged when |F − F₀| > divergeFactor·max(|F₀|, 1).
const divergeFactor = 1e10

// setup is a run ready to start: data, model, optimizer and schedule.
type setup struct {
	ctx    context.Context // of the run, for a Backend's jobs
	cfg    Config
	epochs int
	// schedSteps, when positive, is the length in steps the schedule is
	// built for in place of the run's own (a probe that follows the
	// first steps of a longer run's schedule).
	schedSteps int
	ds         *dataset
	li         labelInfo
	m          model.Model
	std        *Standardization
	tr         examples
	val        examples
	nTrain     int
	nVal       int
	obj        *objective
	// The per-epoch metrics of a mini-batch run are measured on mset (mN
	// rows, objective mobj): the training split or a seeded sample of it
	// (sampleMetrics).
	mset examples
	mN   int
	mobj *objective
	// sample is the metric sample when the epochs are measured on one
	// (mset until finish measures the final model on every row).
	sample *memSet
	// an is the set the analysis after the run works on (see analysis).
	an *analysisSet
	// pr is the probes' set (probeData), built after the run.
	pr *analysisSet
	// mom are the features' moments over the analysis set (moments),
	// made once when momDone.
	mom     *model.Moments
	momDone bool

	alg      optim.Algorithm
	opt      optim.Optimizer // nil for methods
	meth     optim.Method    // nil for optimizers
	lrer     optim.LRer      // nil without a learning rate
	sched    schedule.Schedule
	avg      *weightAverage // EMA or SWA of the weights (nil: off)
	rounds   Rounds         // local SGD (Config.LocalSteps; nil: off)
	perEpoch bool           // the schedule steps once per epoch (plateau)

	// A probe of the advice (see prober) starts from start instead of
	// the initial weights, skips the analysis of the run at its end and,
	// with lossOnly, the accuracy of every epoch.
	probe    bool
	lossOnly bool
	// endL is λmax(∇²F) at the final weights when curvature measured it
	// there (0 otherwise): the sharpness the advice compares with 2/lr.
	endL  float64
	start []float64
	// at0 holds F and ∇F at start, measured by a prober's first probe
	// and read by the next ones (the same weights, rows and objective).
	at0 *startPoint
	// first is the run's measure at its initial weights (the seeded
	// initialization, start0), on the rows of mobj then.
	first *startPoint
	// end is the last epoch's measure when it was taken at the final
	// weights (set by finish).
	end *measure
}

// startPoint is the training objective and its gradient at a probe's
// start weights (setup.at0): nil g until measured.
type startPoint struct {
	F   float64
	g   []float64
	obj *objective // where it was measured (setup.first)
}

func (s *setup) close() {
	if s.ds != nil && s.ds.stream != nil {
		s.ds.stream.Close()
	}
	if r, ok := s.tr.(*remoteSet); ok {
		r.sums.Close()
	}
	if s.rounds != nil && !s.probe {
		s.rounds.Close()
	}
}

// modelSpec merges Config.L2 and L1 into the model specification.
func modelSpec(c *Config) (spec.Spec, error) {
	sp := c.Model
	for _, pen := range []struct {
		key string
		v   float64
	}{{"l2", c.L2}, {"l1", c.L1}} {
		if pen.v == 0 {
			continue
		}
		if _, ok := sp.Get(pen.key); ok {
			return sp, &spec.FieldError{Field: pen.key, Err: fmt.Errorf("%g and the model %s both set the %s penalty: give it once", pen.v, c.Model, strings.ToUpper(pen.key))}
		}
		sp = sp.With(pen.key, strconv.FormatFloat(pen.v, 'g', -1, 64))
	}
	return sp, nil
}

// newAlgorithm builds the optimizer, checks it against the batch size and
// wraps it with gradient clipping.
// algorithm is newAlgorithm with the model's weight matrices given to the
// optimizers that step matrices as matrices (SetBlocks).
func (s *setup) algorithm(c *Config) (optim.Algorithm, error) {
	a, err := newAlgorithm(c)
	if err == nil && s.m != nil {
		SetBlocks(a, s.m)
	}
	return a, err
}

func newAlgorithm(c *Config) (optim.Algorithm, error) {
	alg, err := optim.NewSpec(c.opt())
	if err != nil {
		return nil, &spec.FieldError{Field: "opt", Err: err}
	}
	if optim.IsMethod(alg) {
		if c.Batch != 0 {
			return nil, &spec.FieldError{Field: "batch", Err: fmt.Errorf("%d: %s chooses its steps by a line search on the whole training objective: it needs the full batch", c.Batch, c.opt())}
		}
		if c.ClipNorm > 0 || c.ClipValue > 0 {
			return nil, &spec.FieldError{Field: "clip_norm", Err: minimize.ErrClipMethod}
		}
		return alg, nil
	}
	return optim.WithClip(alg.(optim.Optimizer), c.ClipNorm, c.ClipValue), nil
}

func newSetup(ctx context.Context, cfg Config) (*setup, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.Trace != "" {
		if _, err := trace.FormatOf(cfg.Trace); err != nil {
			return nil, &spec.FieldError{Field: "trace", Err: err}
		}
	}
	sp, err := modelSpec(&cfg)
	if err != nil {
		return nil, err
	}
	auto, err := optim.Auto(cfg.opt())
	if err != nil {
		return nil, spec.Fielded("opt", err)
	}
	var alg optim.Algorithm
	if !auto { // lr=auto is resolved once the model and the data are known
		if alg, err = newAlgorithm(&cfg); err != nil {
			return nil, err
		}
	}
	s := &setup{ctx: ctx, cfg: cfg, epochs: cfg.epochs(), alg: alg, avg: newWeightAverage(&cfg)}
	ok := false
	defer func() {
		if !ok {
			s.close()
		}
	}()
	if err := s.loadData(sp); err != nil {
		return nil, err
	}
	if auto {
		if err := s.resolveAuto(); err != nil {
			return nil, err
		}
	}
	if err := optim.CheckMemory(s.alg, s.m.NumParams(), s.epochs); err != nil {
		return nil, &spec.FieldError{Field: "opt", Err: err}
	}
	if err := optim.CheckSparse(s.alg, sparseSet(s.tr)); err != nil {
		return nil, &spec.FieldError{Field: "opt", Err: err}
	}
	SetBlocks(s.alg, s.m)
	if err := s.newSchedule(); err != nil {
		return nil, err
	}
	if cfg.LocalSteps > 0 {
		if err := s.checkLocalResume(); err != nil {
			return nil, err
		}
		if s.rounds == nil {
			if err := s.newRounds(); err != nil {
				return nil, err
			}
		}
	}
	ok = true
	return s, nil
}

// loadData reads the data, builds the model and the splits.
func (s *setup) loadData(sp spec.Spec) error {
	cfg := &s.cfg
	if cfg.Backend != nil {
		return s.remoteSplits(s.ctx, sp)
	}
	var err error
	if cfg.Stream {
		chunk := cfg.Batch
		if chunk == 0 {
			chunk = data.DefaultChunkRows
		}
		s.ds, err = openStream(cfg.Source, chunk)
	} else {
		s.ds, err = load(cfg.Source, 0)
	}
	if err != nil {
		return err
	}
	// Only a checkpoint, written or resumed, needs the data's fingerprint.
	if s.li, err = s.ds.scan(cfg.Checkpoint != "" || cfg.Resume != nil); err != nil {
		return err
	}
	task, err := resolveTask(sp.Name, cfg.Task, s.li)
	if err != nil {
		return err
	}
	classes, err := classesOf(task, s.li, s.ds.path, s.ds.target)
	if err != nil {
		return err
	}
	s.m, err = model.New(sp, task, s.ds.dim(), classes)
	if err != nil {
		return err
	}
	if s.m, err = withDType(s.m, cfg.DType); err != nil {
		return err
	}
	_, sparseModel := s.m.(model.Sparse)
	if s.ds.csr != nil && !sparseModel {
		if s.ds.dense, err = densify(s.ds.csr, s.ds.features); err != nil {
			return fmt.Errorf("%s: %v", s.ds.path, err)
		}
		s.ds.csr = nil
	}
	if s.ds.stream != nil {
		err = s.streamSplits(sparseModel && s.ds.format == data.LIBSVM)
	} else {
		err = s.memSplits()
	}
	if err != nil {
		return err
	}
	return s.sampleMetrics()
}

func (s *setup) memSplits() error {
	cfg := &s.cfg
	ds := s.ds
	var trD, vaD *data.Dense
	var trC, vaC *data.CSR
	switch {
	case ds.dense != nil && cfg.Val > 0:
		trD, vaD = data.Split(ds.dense, cfg.Val, cfg.Seed)
	case ds.dense != nil:
		trD = ds.dense
	case cfg.Val > 0:
		trC, vaC = data.SplitCSR(ds.csr, cfg.Val, cfg.Seed)
	default:
		trC = ds.csr
	}
	n := ds.n()
	if cfg.Val > 0 {
		nVal := 0
		if vaD != nil {
			nVal = vaD.N
		} else {
			nVal = vaC.N
		}
		if nVal == 0 {
			return &spec.FieldError{Field: "val", Err: fmt.Errorf("%g leaves no validation examples out of %d", cfg.Val, n)}
		}
		if nVal == n {
			return &spec.FieldError{Field: "val", Err: fmt.Errorf("%g leaves no training examples out of %d", cfg.Val, n)}
		}
	}
	var trY []float64
	if trD != nil {
		trY = trD.Y
	} else {
		trY = trC.Y
	}
	if err := checkTrainClasses(s.m, trY, ds.path, ds.target); err != nil {
		return err
	}
	if cfg.Standardize {
		var st data.Standardizer
		if trD != nil {
			st.Fit(trD)
			s.std = &Standardization{Mean: st.Mean, Std: st.Std, Center: true}
			s.std.applyDense(trD) // in place: the data set is ours
			if vaD != nil {
				s.std.applyDense(vaD)
			}
		} else {
			st.FitCSR(trC)
			s.std = &Standardization{Mean: st.Mean, Std: st.Std}
			s.std.applyCSR(trC)
			if vaC != nil {
				s.std.applyCSR(vaC)
			}
		}
	}
	// Blocks are the shards, unless a split or a shard count reorders them.
	var bounds []int
	if ds.bounds != nil && cfg.Val == 0 && (cfg.Shards == 0 || cfg.Shards == len(ds.bounds)-1) {
		bounds = ds.bounds
	}
	tr, err := newMemSet(s.m, trD, trC, cfg.Shards, bounds, cfg.Batch, cfg.Seed)
	if err != nil {
		return fmt.Errorf("%s: %v", ds.path, err)
	}
	tr.block, tr.window = cfg.ShuffleBlock, cfg.ShuffleWindow
	s.tr, s.nTrain = tr, tr.size()
	if vaD != nil || vaC != nil {
		va, err := newMemSet(s.m, vaD, vaC, cfg.Shards, nil, 0, cfg.Seed)
		if err != nil {
			return fmt.Errorf("%s: %v", ds.path, err)
		}
		s.val, s.nVal = va, va.size()
	}
	s.obj = newObjective(s.m, s.tr)
	return nil
}

// checkTrainClasses checks that the training labels hold two classes.
func checkTrainClasses(m model.Model, y []float64, path, target string) error {
	if m.Task() == model.Regression {
		return nil
	}
	for _, v := range y[1:] {
		if v != y[0] {
			return nil
		}
	}
	return fmt.Errorf("%s: the training examples of target %q all have the label %g: a classifier needs at least two classes", path, target, y[0])
}

func (s *setup) streamSplits(sparse bool) error {
	cfg := &s.cfg
	st := s.ds.stream
	if cfg.Standardize {
		var z data.Standardizer
		if err := z.FitSource(st); err != nil {
			return fileErr(err)
		}
		s.std = &Standardization{Mean: z.Mean, Std: z.Std, Center: !sparse}
	}
	if s.m.Task() != model.Regression && len(s.li.distinct) < 2 {
		return fmt.Errorf("%s: target %q has only one value: a classifier needs at least two classes", s.ds.path, s.ds.target)
	}
	rows := cfg.BufferRows
	if rows == 0 {
		rows = DefaultBufferRows
	}
	s.tr = newStreamSet(s.m, st, s.ds.path, sparse, rows, cfg.Seed, s.std, s.li.mean, s.li.yVar())
	s.nTrain = st.N()
	s.obj = newObjective(s.m, s.tr)
	return nil
}

// stepsPerEpoch is the number of optimizer steps in an epoch: the
// training set's batches on mini-batches, 1 on the full batch.
func (s *setup) stepsPerEpoch() int {
	if s.cfg.Batch > 0 {
		return s.tr.batches()
	}
	return 1
}

// newSchedule builds the schedule. onecycle's total_steps and cosine's t_max
// default to the run's number of steps.
func (s *setup) newSchedule() error {
	cfg := &s.cfg
	if o, ok := s.alg.(optim.Optimizer); ok {
		s.opt = o
	}
	if m, ok := s.alg.(optim.Method); ok {
		s.meth, s.opt = m, nil
	}
	s.lrer, _ = s.alg.(optim.LRer)
	s.alg.Init(s.m.NumParams())
	if cfg.Schedule.IsZero() && cfg.Warmup == 0 {
		return nil
	}
	if s.lrer == nil {
		return &spec.FieldError{Field: "schedule", Err: fmt.Errorf("optimizer %s has no learning rate to schedule", cfg.opt())}
	}
	sched := cfg.Schedule
	if sched.IsZero() {
		sched = spec.Spec{Name: "constant"}
	}
	steps := s.epochs * s.stepsPerEpoch()
	if s.schedSteps > 0 {
		steps = s.schedSteps // a probe that takes the first steps of the run's schedule
	}
	sch, err := schedule.NewSpec(sched, schedule.Context{BaseLR: s.lrer.LR(), Steps: steps})
	if err != nil {
		return &spec.FieldError{Field: "schedule", Err: err}
	}
	if schedule.WatchesMetric(sch) && cfg.Batch > 0 {
		// A metric-watching schedule steps once per epoch.
		if sch, err = schedule.NewSpec(sched, schedule.Context{BaseLR: s.lrer.LR(), Steps: s.epochs}); err != nil {
			return &spec.FieldError{Field: "schedule", Err: err}
		}
	}
	s.perEpoch = schedule.WatchesMetric(sch)
	if cfg.Warmup > 0 {
		sch = schedule.WithWarmup(sch, cfg.Warmup)
		sch.Init(s.lrer.LR())
	}
	if err := schedule.ApplyMomentum(sch, optim.Unwrap(s.alg)); err != nil {
		return &spec.FieldError{Field: "schedule", Err: err}
	}
	s.sched = sch
	return nil
}

// state is what a checkpoint carries besides the configuration.
type state struct {
	epoch, batch int
	steps        int
	batchSum     float64
	lr           float64
	bestEpoch    int
	bestLoss     float64
	bestParams   []float64
	bad          int
	hist         []EpochStats
	// cos[e] is the cosine between the parameter displacements of epochs
	// e and e−1 (minimize.StepCosine), NaN where it is not defined
	// (epochs 0 and 1, and epochs before a resume); it is the training
	// counterpart of minimize.History.StepCos, fed to diagnose.
	cos              []float64
	prevTheta, moved []float64
	moves            int
	status           minimize.Status
	msg              string
	mon              *minimize.Monitor
	// last is the objective measured at the end of the last epoch.
	last measure
}

// measure is a measurement of the training objective obj at the end of
// an epoch, after steps optimizer steps: F, ‖∇F‖ and ∇F·∇F (ok false
// until one was taken).
type measure struct {
	ok       bool
	steps    int
	F, gnorm float64
	gg       float64
	obj      *objective
	at       []float64 // the weights measured (set by finish)
}

// Train runs the training that cfg describes: it reads the data, trains the
// model and writes the outputs that cfg names (model file, checkpoints,
// trace). Cancelling ctx stops the run after the current batch with status
// Interrupted; the model and a checkpoint are still written. Train returns
// an error for invalid configurations and data, and for failed writes; a
// run that diverged is a Result with status Diverged.
func Train(ctx context.Context, cfg Config) (*Result, error) {
	start := time.Now()
	s, err := newSetup(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer s.close()
	return s.run(ctx, start)
}

func (s *setup) run(ctx context.Context, start time.Time) (*Result, error) {
	cfg := &s.cfg
	n := s.m.NumParams()
	theta := make([]float64, n)
	g := make([]float64, n)
	if s.start != nil {
		copy(theta, s.start)
	} else {
		s.m.Init(theta, cfg.Seed)
	}
	st := &state{bestEpoch: -1, bestLoss: math.Inf(1), lr: math.NaN()}
	fp := strconv.FormatUint(s.li.fp, 16)
	resumed := cfg.Resume != nil
	if resumed {
		if err := s.restore(cfg.Resume, fp, theta, st); err != nil {
			return nil, err
		}
	}
	var F float64
	if c := s.at0; c != nil && c.g != nil {
		F = c.F
		copy(g, c.g)
	} else {
		F = s.mobj.ValueGrad(g, theta) // s.obj unless a mini-batch run measures a sample
		if err := s.tr.err(); err != nil {
			return nil, err
		}
		if c != nil {
			c.F, c.g = F, slices.Clone(g)
		}
		if !s.probe && !resumed && s.start == nil {
			s.first = &startPoint{F: F, g: slices.Clone(g), obj: s.mobj}
		}
	}
	if !resumed {
		if math.IsNaN(F) || math.IsInf(F, 0) || !fn.AllFinite(g) {
			return nil, &NonFiniteStartError{F: F}
		}
		st.lr = s.currentLR()
		row, err := s.metrics(theta, F, fn.Norm2(g))
		if err != nil {
			return nil, err
		}
		row.LR, row.BatchLoss = Float(st.lr), Float(math.NaN())
		st.hist = append(st.hist, row)
		st.move(theta)
		s.track(st, row, theta)
		if cfg.OnEpoch != nil {
			if err := cfg.OnEpoch(row); err != nil {
				return nil, err
			}
		}
		if err := s.weights(0, theta); err != nil {
			return nil, err
		}
	}
	st.mon = s.stop().Start(nil, minimize.Epochs, float64(st.hist[0].TrainLoss))
	defer st.mon.Close()
	var err error
	if st.status == 0 {
		switch {
		case s.rounds != nil:
			err = s.localRounds(ctx, st, theta, g)
		case cfg.Batch == 0:
			err = s.fullBatch(ctx, st, theta, g, F)
		default:
			err = s.miniBatch(ctx, st, theta, g)
		}
	}
	if err != nil {
		return nil, err
	}
	if st.status == 0 {
		st.status = minimize.MaxEpochs
		st.msg = fmt.Sprintf("reached the epoch budget of %d with ‖∇F‖ = %.3g", s.epochs, float64(st.hist[len(st.hist)-1].GradNorm))
	}
	return s.finish(st, theta, fp, start, resumed)
}

func (s *setup) currentLR() float64 {
	switch {
	case s.sched != nil:
		return s.sched.LR()
	case s.lrer != nil && s.meth == nil:
		return s.lrer.LR()
	}
	return math.NaN()
}

// fullBatch runs batch gradient descent: one step (or one line-search
// iteration) on the whole training objective per epoch.
func (s *setup) fullBatch(ctx context.Context, st *state, theta, g []float64, F float64) error {
	cfg := &s.cfg
	for st.epoch < s.epochs {
		if s.sched != nil {
			s.lrer.SetLR(s.sched.LR())
			_ = schedule.ApplyMomentum(s.sched, optim.Unwrap(s.alg)) // checked in newSchedule
		}
		lr := s.currentLR()
		if s.meth != nil {
			fNew, _, err := s.meth.Iterate(s.obj, theta, g, F)
			if e := s.tr.err(); e != nil {
				return e
			}
			if err != nil {
				if !errors.Is(err, optim.ErrNoProgress) {
					return err
				}
				st.status, st.msg = minimize.NoProgress, err.Error()
				return nil
			}
			F = fNew
		} else {
			s.opt.Step(theta, g)
			F = s.obj.ValueGrad(g, theta)
			if e := s.tr.err(); e != nil {
				return e
			}
		}
		st.steps++
		s.avg.step(theta)
		st.lr = lr
		if s.sched != nil && !s.perEpoch {
			s.sched.Step(F)
		}
		st.epoch++
		if cfg.OnBatch != nil {
			cfg.OnBatch(st.epoch-1, 1, 1)
		}
		gn := fn.Norm2(g)
		if s.meth == nil && s.obj == s.mobj {
			st.last = measure{ok: true, steps: st.steps, F: F, gnorm: gn, gg: fn.Dot(g, g), obj: s.obj}
		}
		stop, err := s.endEpoch(st, theta, F, gn, math.NaN())
		if err != nil || stop {
			return err
		}
		if canceled(ctx) {
			st.status, st.msg = minimize.Interrupted, fmt.Sprintf("interrupted after epoch %d", st.epoch)
			return nil
		}
	}
	return nil
}

// miniBatch runs mini-batch (or, with batch 1, stochastic) gradient
// descent: every epoch visits the training examples once in an order drawn
// from the seed and the epoch number, one optimizer step per batch.
func (s *setup) miniBatch(ctx context.Context, st *state, theta, g []float64) error {
	cfg := &s.cfg
	nb := s.tr.batches()
	for st.epoch < s.epochs {
		if err := s.tr.startEpoch(st.epoch); err != nil {
			return err
		}
		if st.batch > 0 {
			if err := s.tr.skip(st.batch); err != nil {
				return err
			}
		}
		for st.batch < nb {
			if s.sched != nil {
				s.lrer.SetLR(s.sched.LR())
				_ = schedule.ApplyMomentum(s.sched, optim.Unwrap(s.alg)) // checked in newSchedule
			}
			v, err := s.tr.next(g, theta)
			if err != nil {
				return err
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				st.status = minimize.Diverged
				st.msg = fmt.Sprintf("the mini-batch objective became %g at epoch %d, batch %d", v, st.epoch+1, st.batch+1)
				s.divergedRow(st, theta, g)
				return nil
			}
			st.lr = s.lrer.LR()
			s.opt.Step(theta, g)
			st.steps++
			s.avg.step(theta)
			st.batch++
			st.batchSum += v
			if s.sched != nil && !s.perEpoch {
				s.sched.Step(v)
			}
			if cfg.OnBatch != nil {
				cfg.OnBatch(st.epoch, st.batch, nb)
			}
			if st.batch < nb && canceled(ctx) {
				st.status = minimize.Interrupted
				st.msg = fmt.Sprintf("interrupted in epoch %d after batch %d of %d", st.epoch+1, st.batch, nb)
				return nil
			}
		}
		mean := st.batchSum / float64(nb)
		st.batch, st.batchSum = 0, 0
		if stop, err := s.closeEpoch(ctx, st, theta, g, mean, "epoch"); err != nil || stop {
			return err
		}
	}
	return nil
}

// closeEpoch ends an epoch of a mini-batch or local-SGD run: the full
// objective at theta, the epoch's row (endEpoch), and Ctrl-C. unit names
// the epoch in the interruption message ("epoch", "round").
func (s *setup) closeEpoch(ctx context.Context, st *state, theta, g []float64, mean float64, unit string) (bool, error) {
	st.epoch++
	F := s.mobj.ValueGrad(g, theta)
	if err := s.tr.err(); err != nil {
		return true, err
	}
	gn := fn.Norm2(g)
	st.last = measure{ok: true, steps: st.steps, F: F, gnorm: gn, gg: fn.Dot(g, g), obj: s.mobj}
	stop, err := s.endEpoch(st, theta, F, gn, mean)
	if err != nil || stop {
		return true, err
	}
	if canceled(ctx) {
		st.status, st.msg = minimize.Interrupted, fmt.Sprintf("interrupted after %s %d", unit, st.epoch)
		return true, nil
	}
	return false, nil
}

// localRounds runs local SGD with model averaging: one round per epoch
// (Config.LocalSteps). A schedule sets every shard's rate at the start of
// a round and steps once per round.
func (s *setup) localRounds(ctx context.Context, st *state, theta, g []float64) error {
	for st.epoch < s.epochs {
		if s.sched != nil {
			s.lrer.SetLR(s.sched.LR())
		}
		lr := s.currentLR()
		mean, err := s.rounds.Round(theta, st.epoch, lr)
		if err != nil {
			return err
		}
		st.lr = lr
		st.steps += s.cfg.LocalSteps
		if math.IsNaN(mean) || math.IsInf(mean, 0) || !fn.AllFinite(theta) {
			st.status = minimize.Diverged
			st.msg = fmt.Sprintf("the mean mini-batch objective of round %d became %g", st.epoch+1, mean)
			s.divergedRow(st, theta, g)
			return nil
		}
		if s.sched != nil {
			s.sched.Step(mean)
		}
		if stop, err := s.closeEpoch(ctx, st, theta, g, mean, "round"); err != nil || stop {
			return err
		}
	}
	return nil
}

// newRounds builds the in-process rounds of local SGD over the training
// split's shards (the blocks of a data set stored as blocks), with one
// optimizer per shard built like the run's.
func (s *setup) newRounds() error {
	ms, ok := s.tr.(*memSet)
	if !ok {
		return &spec.FieldError{Field: "local_steps", Err: errors.New("local SGD needs the data in memory or on a distributed backend")}
	}
	if ms.dense == nil {
		return &spec.FieldError{Field: "local_steps", Err: errors.New("local SGD needs dense data")}
	}
	if _, ok := s.alg.(optim.Optimizer); !ok {
		return &spec.FieldError{Field: "opt", Err: fmt.Errorf("%s chooses its own steps: local SGD needs an optimizer that steps on mini-batches", s.cfg.opt())}
	}
	cfg := s.cfg
	av, err := localsgd.New(s.m, ms.be, localsgd.Settings{Batch: cfg.Batch, Steps: cfg.LocalSteps, Seed: cfg.Seed,
		New: func() optim.Optimizer {
			a, err := s.algorithm(&cfg)
			if err != nil {
				panic(err) // built once already in newSetup
			}
			return a.(optim.Optimizer)
		}})
	if err != nil {
		return err
	}
	s.rounds = localRounds{av}
	return nil
}

// resolveAuto replaces lr=auto (gd, sgd) and momentum=auto (sgd) by the
// best constant steps of the training objective's quadratic model at the
// initial weights (optim.BestConstant): L and μ are the extreme Hessian
// eigenvalues that model.Curvature measures there (exact for the
// generalized linear models, whose Hessian it forms up to 64 parameters;
// a Ritz value bounds μ from above beyond). For linear regression, whose
// Hessian is constant, 2/(L+μ) is the optimal constant step of gradient
// descent on the whole run. It is for full-batch runs.
func (s *setup) resolveAuto() error {
	cfg := &s.cfg
	if cfg.Batch != 0 || cfg.LocalSteps > 0 {
		return &spec.FieldError{Field: "opt", Err: fmt.Errorf("%s: lr=auto is the best step for the whole objective: it needs full-batch steps (batch full)", cfg.opt())}
	}
	theta := make([]float64, s.m.NumParams())
	s.m.Init(theta, cfg.Seed)
	est, err := model.Curvature(s.m, s.tr.rows(), theta)
	if err != nil || s.tr.err() != nil {
		est.Min = 0
	}
	if cfg.Opt, err = optim.ResolveAuto(cfg.opt(), est.L, est.Min); err != nil {
		return &spec.FieldError{Field: "opt", Err: err}
	}
	s.alg, err = s.algorithm(cfg)
	return err
}

// checkLocalResume refuses to resume local SGD with an optimizer that
// keeps moments: each shard's state lives with the rounds, not in the
// checkpoint, so the resumed run would not be the run that was stopped.
func (s *setup) checkLocalResume() error {
	if s.cfg.Resume == nil {
		return nil
	}
	a, err := s.algorithm(&s.cfg)
	if err != nil {
		return err
	}
	a.Init(s.m.NumParams())
	if st, ok := a.(optim.Stateful); ok && len(st.State().Vectors) > 0 {
		return &spec.FieldError{Field: "resume", Err: fmt.Errorf("local SGD with %s keeps optimizer state on every shard, which checkpoints do not hold: restart the run, or use sgd without momentum", s.cfg.opt())}
	}
	return nil
}

// localRounds adapts localsgd.Averager to Rounds.
type localRounds struct{ *localsgd.Averager }

func (localRounds) Close() error { return nil }

// divergedRow records the epoch in which a mini-batch loss blew up.
func (s *setup) divergedRow(st *state, theta, g []float64) {
	F := s.mobj.ValueGrad(g, theta)
	nan := Float(math.NaN())
	st.hist = append(st.hist, EpochStats{Epoch: st.epoch + 1, Steps: st.steps, LR: Float(st.lr),
		TrainLoss: Float(F), TrainDataLoss: nan, GradNorm: Float(fn.Norm2(g)), BatchLoss: nan, ValLoss: nan,
		TrainAccuracy: nan, ValAccuracy: nan, TrainR2: nan, ValR2: nan})
	st.move(theta)
	st.epoch++
}

// move records the cosine between the displacement of θ over the epoch
// just recorded and that of the epoch before it. On a resumed run the
// epochs before the resume have none (NaN).
func (st *state) move(theta []float64) {
	for len(st.cos) < len(st.hist)-1 {
		st.cos = append(st.cos, math.NaN())
	}
	c := math.NaN()
	if st.prevTheta == nil {
		st.prevTheta = append([]float64(nil), theta...)
		st.moved = make([]float64, len(theta))
	} else {
		st.moves++
		c = minimize.StepCosine(st.moved, st.prevTheta, theta, st.moves)
	}
	st.cos = append(st.cos, c)
}

// metrics measures the model at theta, whose training objective is F.
func (s *setup) metrics(theta []float64, F, gn float64) (EpochStats, error) {
	nan := Float(math.NaN())
	row := EpochStats{TrainLoss: Float(F), GradNorm: Float(gn), ValLoss: nan,
		TrainAccuracy: nan, ValAccuracy: nan, TrainR2: nan, ValR2: nan}
	dl := F - s.m.Penalty(nil, theta)
	row.TrainDataLoss = Float(dl)
	if s.m.Task() == model.Regression {
		row.TrainR2 = Float(r2(dl, s.mset.yVar()))
	} else if !s.lossOnly { // a probe needs F only
		row.TrainAccuracy = Float(float64(s.mset.correct(theta)) / float64(s.mN))
	}
	if err := s.tr.err(); err != nil {
		return row, err
	}
	if s.val != nil {
		vl := s.val.sum(nil, theta) / float64(s.nVal)
		row.ValLoss = Float(vl)
		if s.m.Task() == model.Regression {
			row.ValR2 = Float(r2(vl, s.val.yVar()))
		} else {
			row.ValAccuracy = Float(float64(s.val.correct(theta)) / float64(s.nVal))
		}
	}
	return row, nil
}

// r2 is the coefficient of determination 1 − MSE/Var(y) (NaN for a
// constant target).
func r2(mse, vy float64) float64 {
	if vy == 0 {
		return math.NaN()
	}
	return 1 - mse/vy
}

// monitor is the quantity early stopping and plateau watch: the validation
// loss, or the training objective without a validation split.
func (s *setup) monitor(row EpochStats) float64 {
	if s.val != nil {
		return float64(row.ValLoss)
	}
	return float64(row.TrainLoss)
}

// track updates the best epoch.
func (s *setup) track(st *state, row EpochStats, theta []float64) {
	v := s.monitor(row)
	if v < st.bestLoss || st.bestEpoch < 0 {
		st.bestEpoch, st.bestLoss, st.bad = row.Epoch, v, 0
		if s.cfg.Patience > 0 {
			st.bestParams = append(st.bestParams[:0], theta...)
		}
		return
	}
	st.bad++
}

// stop is the stopping rule of the run: the epoch budget, and the
// convergence rules on full-batch runs only (a mini-batch run's objective
// does not settle to a point).
func (s *setup) stop() minimize.Stop {
	r := minimize.Stop{MaxIters: s.epochs, DivergeFactor: divergeFactor, Patience: 1}
	if s.cfg.Batch == 0 {
		r.GradTol, r.FTol = s.cfg.GradTol, s.cfg.FTol
	}
	return r
}

// endEpoch records the epoch just completed and applies the stopping rules
// of minimize.Stop (divergence, gradient norm, change of F), then early
// stopping, then the epoch budget. It writes a checkpoint when one is due.
func (s *setup) endEpoch(st *state, theta []float64, F, gn, batchLoss float64) (stop bool, err error) {
	cfg := &s.cfg
	s.avg.epoch(st.epoch, theta)
	row, err := s.metrics(theta, F, gn)
	if err != nil {
		return true, err
	}
	row.Epoch, row.Steps, row.LR, row.BatchLoss = st.epoch, st.steps, Float(st.lr), Float(batchLoss)
	st.hist = append(st.hist, row)
	st.move(theta)
	if s.sched != nil && s.perEpoch {
		s.sched.Step(s.monitor(row))
	}
	s.track(st, row, theta)
	k := st.epoch
	if st.status, st.msg = st.mon.Converged(k, F, gn, theta); st.status == 0 {
		if cfg.Patience > 0 && st.bad >= cfg.Patience {
			st.status, st.msg = minimize.EarlyStopped, fmt.Sprintf("the validation loss has not improved for %d epochs: best %.6g at epoch %d", st.bad, st.bestLoss, st.bestEpoch)
		} else {
			st.status, st.msg = st.mon.Budget(k, gn)
		}
	}
	if st.status == 0 && cfg.Checkpoint != "" && k%max(cfg.CheckpointEvery, 1) == 0 {
		if err := s.checkpoint(st, theta); err != nil {
			return true, err
		}
	}
	if cfg.OnEpoch != nil {
		if err := cfg.OnEpoch(row); err != nil {
			return true, err
		}
	}
	if err := s.weights(st.epoch, theta); err != nil {
		return true, err
	}
	return st.status != 0, nil
}

// restore loads a checkpoint into theta and st, and the optimizer's and
// schedule's states.
// checkCheckpoint validates the fields of a checkpoint that neither
// ReadCheckpoint (position and history) nor the model file inside it
// checks: counters in range, the best weights' length and finiteness. The
// error names the field (its JSON name).
func checkCheckpoint(c *checkpointJSON, n int) error {
	bad := func(field string, format string, args ...any) error {
		return fmt.Errorf("field %q: %s", field, fmt.Sprintf(format, args...))
	}
	switch {
	case c.Steps < 0:
		return bad("steps", "%d: must be ≥ 0", c.Steps)
	case c.BadEpochs < 0 || c.BadEpochs > c.Epoch:
		return bad("bad_epochs", "%d: must be in [0, epoch = %d]", c.BadEpochs, c.Epoch)
	case c.Best.Epoch < 0 || c.Best.Epoch > c.Epoch:
		return bad("best.epoch", "%d: must be in [0, epoch = %d]", c.Best.Epoch, c.Epoch)
	case c.Best.Params != nil && len(c.Best.Params) != n:
		return bad("best.params", "%d values for a model of %d parameters", len(c.Best.Params), n)
	case float64(c.LR) < 0 || math.IsInf(float64(c.LR), 0): // NaN: a method without a rate
		return bad("lr", "%g: must be a number ≥ 0", float64(c.LR))
	}
	for i, v := range c.Best.Params {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return bad("best.params", "value %d is %g", i+1, float64(v))
		}
	}
	if c.Optimizer != nil && c.Optimizer.Step < 0 {
		return bad("optimizer.step", "%d: must be ≥ 0", c.Optimizer.Step)
	}
	return nil
}

func (s *setup) restore(ck *Checkpoint, fp string, theta []float64, st *state) error {
	c := &ck.c
	if err := mismatch(ck.Dir, c.Run, s.cfg.definition(), c.DataAbs); err != nil {
		return err
	}
	if c.Fingerprint != fp {
		return resumeErr(ck.Dir, fmt.Errorf("the data in %s differ from those the checkpoint was made with", s.cfg.Path))
	}
	t, err := Decode(c.Model)
	if err != nil {
		return resumeErr(ck.Dir, err)
	}
	if t.Model.Spec() != s.m.Spec() || len(t.Params) != len(theta) {
		return resumeErr(ck.Dir, fmt.Errorf("the checkpoint holds model %s, this run builds %s", t.Model.Spec(), s.m.Spec()))
	}
	if err := checkCheckpoint(c, len(theta)); err != nil {
		return resumeErr(ck.Dir, err)
	}
	copy(theta, t.Params)
	if c.Optimizer != nil {
		so, ok := s.alg.(optim.Stateful)
		if !ok {
			return resumeErr(ck.Dir, fmt.Errorf("optimizer %s keeps no state to restore", s.cfg.opt()))
		}
		if err := so.SetState(c.Optimizer.state()); err != nil {
			return resumeErr(ck.Dir, err)
		}
	}
	if c.Schedule != nil {
		ss, ok := s.sched.(schedule.Stateful)
		if !ok {
			return resumeErr(ck.Dir, errors.New("the checkpoint has a schedule state but this run has no schedule"))
		}
		if err := ss.SetState(*c.Schedule); err != nil {
			return resumeErr(ck.Dir, err)
		}
	}
	st.epoch, st.batch, st.steps = c.Epoch, c.Batch, c.Steps
	st.batchSum, st.lr = float64(c.BatchSum), float64(c.LR)
	st.bestEpoch, st.bestLoss, st.bestParams = c.Best.Epoch, float64(c.Best.Loss), unfloats(c.Best.Params)
	st.bad, st.hist = c.BadEpochs, c.History
	if s.cfg.Batch > 0 && st.batch >= s.tr.batches() {
		return resumeErr(ck.Dir, fmt.Errorf("batch %d is past the end of the epoch (%d batches)", st.batch, s.tr.batches()))
	}
	switch c.Status {
	case 0, minimize.Interrupted, minimize.MaxEpochs:
	default:
		st.status, st.msg = c.Status, c.Message
	}
	return nil
}

// checkpoint writes the state of the run.
func (s *setup) checkpoint(st *state, theta []float64) error {
	cfg := &s.cfg
	t := s.trained(theta, st, 0)
	t.Training = nil
	mb, err := t.Encode()
	if err != nil {
		return &spec.FieldError{Field: "checkpoint", Err: fmt.Errorf("%s: %v", cfg.Checkpoint, err)}
	}
	c := &checkpointJSON{
		Format: CheckpointName, Version: CheckpointVersion,
		Run: cfg.definition(), Fingerprint: strconv.FormatUint(s.li.fp, 16), DataAbs: absPath(cfg.Path),
		Status: st.status, Message: st.msg,
		Epoch: st.epoch, Batch: st.batch,
		RNG:   fmt.Sprintf("pcg: epoch e shuffles with seed %d, stream e; the split uses stream 0x53504c4954", cfg.Seed),
		Steps: st.steps, BatchSum: Float(st.batchSum), LR: Float(st.lr),
		Model:     mb,
		Best:      bestJSON{Epoch: st.bestEpoch, Loss: Float(st.bestLoss), Params: floats(st.bestParams)},
		BadEpochs: st.bad, History: st.hist,
	}
	if so, ok := s.alg.(optim.Stateful); ok {
		c.Optimizer = optStateOf(so.State())
	}
	if ss, ok := s.sched.(schedule.Stateful); ok && s.sched != nil {
		x := ss.State()
		c.Schedule = &x
	}
	return writeCheckpoint(cfg.Checkpoint, c)
}

// weights calls Config.OnWeights, if set, with the model at theta (not
// copied).
func (s *setup) weights(epoch int, theta []float64) error {
	if s.cfg.OnWeights == nil {
		return nil
	}
	return s.cfg.OnWeights(epoch, &Trained{Model: s.m, Params: theta, Features: s.ds.features, Target: s.ds.target, Std: s.std, Seed: s.cfg.Seed})
}

// trained packs the model at theta.
func (s *setup) trained(theta []float64, st *state, status minimize.Status) *Trained {
	cfg := &s.cfg
	info := &TrainingInfo{Config: cfg.definition(), Status: status, Epochs: st.epoch, BestEpoch: st.bestEpoch,
		Steps: st.steps, NTrain: s.nTrain, NVal: s.nVal}
	if f, err := cfg.format(); err == nil && info.Format == "" {
		info.Format = f.String()
		if cfg.Blocks() {
			info.Format = BlocksFormat
		}
	}
	return &Trained{Model: s.m, Params: append([]float64(nil), theta...), Features: s.ds.features,
		Target: s.ds.target, Std: s.std, Seed: cfg.Seed, Training: info}
}

// finish measures the final model, writes the outputs and diagnoses the run.
func (s *setup) finish(st *state, theta []float64, fp string, start time.Time, resumed bool) (*Result, error) {
	cfg := &s.cfg
	final := s.avg.point(s.alg, theta)
	if cfg.Patience > 0 && st.status != minimize.Diverged && st.bestParams != nil {
		final = st.bestParams
	}
	s.end = nil
	if l := st.last; l.ok && l.steps == st.steps && len(final) > 0 && &final[0] == &theta[0] {
		l.at = final
		s.end = &l // the final weights, measured by the last epoch
	}
	var row EpochStats
	if st.status == minimize.Diverged {
		row = st.hist[len(st.hist)-1]
	} else {
		// The final model is measured on every training row; a probe of
		// the advice on the rows its run's epochs were measured on, so
		// that the diagnosis compares like with like.
		if !s.probe {
			s.mset, s.mN, s.mobj = s.tr, s.nTrain, s.obj
		}
		var F, gn float64
		if l := s.end; s.probe && l != nil && l.obj == s.mobj {
			// A probe's last epoch measured these weights on these rows.
			F, gn = l.F, l.gnorm
		} else {
			g := make([]float64, len(final))
			F = s.mobj.ValueGrad(g, final)
			gn = fn.Norm2(g)
		}
		var err error
		if row, err = s.metrics(final, F, gn); err != nil {
			return nil, err
		}
	}
	res := &Result{
		Status: st.status, Message: st.msg, Epochs: st.epoch, BestEpoch: st.bestEpoch, Steps: st.steps,
		TrainLoss: row.TrainLoss, TrainDataLoss: row.TrainDataLoss, GradNorm: row.GradNorm, ValLoss: row.ValLoss,
		Seed: cfg.Seed, Model: s.m.Spec(), Task: s.m.Task().String(), Classes: s.m.Classes(),
		Params: s.m.NumParams(), Optimizer: cfg.opt().String(), Schedule: cfg.Schedule.String(), Batch: batchName(cfg.Batch), ShuffleBlock: shuffleBlock(cfg), ShuffleWindow: shuffleWindow(cfg),
		NTrain: s.nTrain, NVal: s.nVal, Dropped: s.ds.dropped, Resumed: resumed, History: st.hist,
	}
	if s.sample != nil {
		res.MetricRows = s.sample.size()
	}
	if s.m.Task() == model.Regression {
		res.TrainR2 = &row.TrainR2
		if s.val != nil {
			res.ValR2 = &row.ValR2
		}
	} else {
		res.TrainAccuracy = &row.TrainAccuracy
		if s.val != nil {
			res.ValAccuracy = &row.ValAccuracy
		}
	}
	if st.status != minimize.Diverged {
		res.Trained = s.trained(final, st, st.status)
		res.Trained.Training.TrainLoss, res.Trained.Training.ValLoss = row.TrainLoss, row.ValLoss
	}
	if cfg.Checkpoint != "" && st.status != minimize.Diverged {
		if err := s.checkpoint(st, theta); err != nil {
			return nil, err
		}
	}
	if cfg.Trace != "" {
		if err := writeTrace(cfg.Trace, st.hist, s.m.Task() == model.Regression); err != nil {
			return nil, err
		}
	}
	if cfg.Save != "" && res.Trained != nil {
		if err := res.Trained.Save(cfg.Save); err != nil {
			return nil, err
		}
		res.Saved = cfg.Save
	}
	res.ElapsedSeconds = since(start)
	if !s.probe {
		t0 := time.Now()
		sc := &scaling{}
		if st.status != minimize.EarlyStopped { // its diagnosis needs no scaling
			sc = s.scaling()
		}
		res.Curvature = s.curvature(st, final)
		res.Diagnosis = s.diagnose(st, final, res.Curvature, sc)
		if sc.rate != nil {
			sc.rate() // the standardized probe has ended before the setup closes
		}
		res.AdviceSeconds = since(t0)
	}
	return res, nil
}

// NonFiniteStartError reports a training objective (or gradient) that is
// not finite at the initial weights — almost always features on scales so
// large that the first predictions overflow. Front ends name their control
// that standardizes the features.
type NonFiniteStartError struct {
	F float64 // the objective at the initial weights
}

func (e *NonFiniteStartError) Error() string {
	return fmt.Sprintf("the training objective is %g at the initial weights: are the features badly scaled (standardize them)?", e.F)
}

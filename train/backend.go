package train

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/localsgd"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/spec"
)

// Backend is a distributed engine that trains on a data set stored as
// blocks (package shard) without bringing the rows into this process: the
// driver (Train) keeps the weights and takes the optimizer's steps, the
// engine computes the sums over the blocks where they are. The beam module
// implements it on Apache Beam. Config.Backend nil means in process.
type Backend interface {
	// Open reads the headers of the blocks at path (a directory or a file
	// pattern on any file system the engine reads) and checks that they
	// form one set (shard.NewSet).
	Open(ctx context.Context, path string) (*shard.Set, error)
	// Bind returns the sums of model m over the blocks of set, whose rows
	// are standardized with the set's statistics when standardize is set
	// (x ← (x − mean)/std, as data.Standardization.Apply). Calls on the
	// result use ctx: cancelling it cancels the job that is running.
	Bind(ctx context.Context, m model.Model, set *shard.Set, standardize bool) (Sums, error)
}

// Sums are the full-batch computations of a Backend over its blocks.
type Sums interface {
	// SumGrad is model.Backend's: the sum of the losses and of their
	// gradients over every row, added in block order so that the result,
	// to the bit, equals the in-process backend's with the blocks as its
	// shards (model.NewLocalBounds). After a failure it returns NaN and
	// Err reports why.
	model.Backend
	// Correct returns the number of rows that the model classifies
	// correctly at params (classification only).
	Correct(params []float64) int
	// Block reads block s, for the computations the driver makes row by
	// row (the curvature and the feature scales of the advice).
	Block(s int) (*shard.Block, error)
	// Err returns the first error of a computation (a failed job, a bad
	// block), nil if none.
	Err() error
	// Close releases what the sums hold (temporary files).
	Close() error
}

// Averaging is a Backend that also runs local SGD with model averaging,
// one job per round (Config.LocalSteps).
type Averaging interface {
	Backend
	// Rounds returns the rounds of local SGD of m over the blocks of set
	// with the optimizer opt on every block and the batch, steps and seed
	// of s (s.New is not used). Each block keeps its optimizer's state
	// from round to round.
	Rounds(ctx context.Context, m model.Model, set *shard.Set, standardize bool, opt spec.Spec, s localsgd.Settings) (Rounds, error)
}

// Rounds runs rounds of local SGD: localsgd.Averager's Round, and Close.
type Rounds interface {
	Round(params []float64, round int, lr float64) (float64, error)
	Close() error
}

// checkBackend refuses what a Backend cannot do: it trains on the whole
// set of blocks by full-batch steps.
func (c *Config) checkBackend() error {
	switch {
	case c.Memory != nil:
		return &spec.FieldError{Field: "data", Err: errors.New("a distributed backend reads blocks, not data in memory")}
	case c.Path == "":
		return &spec.FieldError{Field: "data", Err: errors.New("no blocks given")}
	case c.Format != "" && c.Format != BlocksFormat:
		return &spec.FieldError{Field: "format", Err: fmt.Errorf("%q: a distributed backend reads blocks (write them with descent shard)", c.Format)}
	case c.Target != "" || len(c.Features) > 0 || c.DropMissing:
		return &spec.FieldError{Field: "target", Err: errors.New("does not apply to blocks, which hold their target and features")}
	case c.Stream:
		return &spec.FieldError{Field: "stream", Err: errors.New("blocks are not streamed: each is read whole by a worker")}
	case c.Batch != 0 && c.LocalSteps == 0:
		return &spec.FieldError{Field: "batch", Err: fmt.Errorf("%d: a distributed backend takes full-batch steps (batch full), or runs local SGD (local_steps)", c.Batch)}
	case c.LocalSteps > 0 && (c.ClipNorm > 0 || c.ClipValue > 0):
		return &spec.FieldError{Field: "clip_norm", Err: errors.New("does not apply to local SGD on a distributed backend")}
	case c.Val != 0:
		return &spec.FieldError{Field: "val", Err: errors.New("a distributed backend trains on every block: hold out validation data as blocks of their own and evaluate on them")}
	case c.Shards != 0:
		return &spec.FieldError{Field: "shards", Err: errors.New("the blocks are the shards of a distributed backend")}
	}
	return nil
}

// remoteSplits opens the blocks on the backend, builds the model from the
// blocks' headers and binds the training split to the backend's sums.
func (s *setup) remoteSplits(ctx context.Context, sp spec.Spec) error {
	cfg := &s.cfg
	if err := cfg.checkBackend(); err != nil {
		return err
	}
	set, err := cfg.Backend.Open(ctx, cfg.Path)
	if err != nil {
		return err
	}
	l := set.Labels
	li := labelInfo{distinct: l.Distinct, allInt: l.AllInt, n: set.TotalRows, mean: l.Mean, m2: l.Var * float64(set.TotalRows)}
	if l.Truncated {
		li.distinct = append(li.distinct, math.NaN()) // more than MaxClasses
	}
	if li.fp, err = strconv.ParseUint(set.DataID, 16, 64); err != nil {
		return fmt.Errorf("%s: bad data id %q", set.Files[0], set.DataID)
	}
	s.li = li
	s.ds = &dataset{path: cfg.Path, format: data.CSV, features: set.Features, target: set.Target}
	task, err := resolveTask(sp.Name, cfg.Task, li)
	if err != nil {
		return err
	}
	classes, err := classesOf(task, li, cfg.Path, set.Target)
	if err != nil {
		return err
	}
	if s.m, err = model.New(sp, task, set.Cols, classes); err != nil {
		return err
	}
	if s.m, err = withDType(s.m, cfg.DType); err != nil {
		return err
	}
	if task != model.Regression && len(l.Distinct) < 2 {
		return fmt.Errorf("%s: target %q has only one value: a classifier needs at least two classes", cfg.Path, set.Target)
	}
	if cfg.Standardize {
		st := set.Standardization
		s.std = &Standardization{Mean: st.Mean, Std: st.Std, Center: true}
	}
	sums, err := cfg.Backend.Bind(ctx, s.m, set, cfg.Standardize)
	if err != nil {
		return err
	}
	s.tr = &remoteSet{m: s.m, sums: sums, set: set, std: s.std, my: l.Mean, vy: l.Var}
	if cfg.LocalSteps > 0 {
		av, ok := cfg.Backend.(Averaging)
		if !ok {
			return &spec.FieldError{Field: "local_steps", Err: fmt.Errorf("the backend %T does not run local SGD", cfg.Backend)}
		}
		settings := localsgd.Settings{Batch: cfg.Batch, Steps: cfg.LocalSteps, Seed: cfg.Seed}
		if s.rounds, err = av.Rounds(ctx, s.m, set, cfg.Standardize, cfg.opt(), settings); err != nil {
			return err
		}
	}
	s.nTrain = set.TotalRows
	s.obj = newObjective(s.m, s.tr)
	return s.sampleMetrics() // every row: a remote split keeps the full pass
}

// remoteSet is the training split of a Backend.
type remoteSet struct {
	m    model.Model
	sums Sums
	set  *shard.Set
	std  *Standardization
	my   float64 // the targets' mean
	vy   float64
	rerr error // first error of rows()
}

func (r *remoteSet) size() int                         { return r.set.TotalRows }
func (r *remoteSet) sum(grad, theta []float64) float64 { return r.sums.SumGrad(grad, theta) }
func (r *remoteSet) correct(theta []float64) int       { return r.sums.Correct(theta) }
func (r *remoteSet) yVar() float64                     { return r.vy }
func (r *remoteSet) yMean() float64                    { return r.my }

func (r *remoteSet) err() error {
	if err := r.sums.Err(); err != nil {
		return err
	}
	return r.rerr
}

// rows visits the blocks one at a time in the driver, standardized as the
// workers see them.
func (r *remoteSet) rows() model.Rows {
	return func(visit func(*data.Dense, *data.CSR)) {
		for s := range r.set.Files {
			b, err := r.sums.Block(s)
			if err != nil {
				if r.rerr == nil {
					r.rerr = err
				}
				return
			}
			d := &data.Dense{N: b.Rows, D: b.Cols, X: b.X, Y: b.Y, Features: b.Features, Target: b.Target}
			r.std.applyDense(d)
			visit(d, nil)
		}
	}
}

var errFullBatch = errors.New("train: a distributed backend takes full-batch steps only")

func (r *remoteSet) batches() int                         { return 1 }
func (r *remoteSet) startEpoch(int) error                 { return errFullBatch }
func (r *remoteSet) skip(int) error                       { return errFullBatch }
func (r *remoteSet) next(_, _ []float64) (float64, error) { return math.NaN(), errFullBatch }

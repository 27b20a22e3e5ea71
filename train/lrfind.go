package train

import (
	"context"
	"fmt"

	"github.com/descentgo/descent/lrfind"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/spec"
)

// LRFind runs the learning-rate range test of package lrfind on the model
// and data of cfg: from the model's initial weights, one optimizer step per
// rate, each on the next mini-batch of cfg.Batch examples (epochs of
// shuffled batches, as in training), returning the loss of the following
// mini-batch at the new weights; with Batch 0 every step is on the whole
// training objective, as in function mode. Unless s.SkipValidation, the
// suggestion is then validated (lrfind.Validate) by short runs from the
// initial weights with fresh optimizer state over the same sequence of
// mini-batches, each judged by the whole training objective at its end.
// The initial weights are not trained: the sweep works on a copy, so a run
// started afterwards begins from the same point. cfg's schedule, budget and
// outputs are ignored; the optimizer must have a learning rate and take
// steps (not a line search).
func LRFind(cfg Config, s lrfind.Settings) (*lrfind.Result, error) {
	cfg.Schedule, cfg.Warmup, cfg.Epochs, cfg.Patience = spec.Spec{}, 0, 0, 0
	cfg.Save, cfg.Checkpoint, cfg.CheckpointEvery, cfg.Resume, cfg.Trace = "", "", 0, nil, ""
	if cfg.Opt.IsZero() {
		cfg.Opt = spec.Spec{Name: "gd"}
	}
	su, err := newSetup(context.Background(), cfg)
	if err != nil {
		return nil, err
	}
	defer su.close()
	if su.opt == nil || su.lrer == nil {
		return nil, &spec.FieldError{Field: "opt", Err: fmt.Errorf("%s: the range test needs a step-based optimizer with a learning rate (gd, sgd, adam, ...), not a line search", cfg.Opt)}
	}
	n := su.m.NumParams()
	start := make([]float64, n)
	su.m.Init(start, cfg.Seed)
	if cfg.Batch == 0 {
		return lrfind.ForFunc(su.obj, start, su.opt, s)
	}
	theta := make([]float64, n)
	g := make([]float64, n)
	nb := su.tr.batches()
	var epoch, b int
	var ioErr error
	next := func() float64 {
		if b == nb {
			epoch, b = epoch+1, 0
		}
		if b == 0 {
			if err := su.tr.startEpoch(epoch); err != nil && ioErr == nil {
				ioErr = err
			}
		}
		v, err := su.tr.next(g, theta)
		if err != nil && ioErr == nil {
			ioErr = err
		}
		b++
		return v
	}
	// restart puts the weights back at the start, clears the optimizer and
	// starts the batches again from the first of epoch 0.
	restart := func() (func(float64) float64, func() float64, error) {
		if ioErr != nil {
			return nil, nil, ioErr
		}
		copy(theta, start)
		su.opt.Init(n)
		epoch, b = 0, 0
		next()
		step := func(lr float64) float64 {
			su.lrer.SetLR(lr)
			su.opt.Step(theta, g)
			return next()
		}
		return step, func() float64 { return su.obj.Value(theta) }, nil
	}
	step, _, _ := restart()
	res, err := lrfind.Sweep(step, s)
	if ioErr != nil {
		return nil, ioErr
	}
	if err != nil || s.SkipValidation {
		return res, err
	}
	if err := lrfind.Validate(res, restart, s); err != nil {
		return nil, err
	}
	if err := su.tr.err(); ioErr == nil && err != nil {
		ioErr = err
	}
	if ioErr != nil {
		return nil, ioErr
	}
	return res, nil
}

// StartCurvature is the curvature of the training objective of cfg at the
// start weights, with the optimizer's stable bound (the "curvature" object
// that Train reports): what the range test of cfg sweeps against. It
// returns nil when L cannot be measured.
func StartCurvature(cfg Config) (*Curvature, error) {
	cfg.Schedule, cfg.Warmup, cfg.Patience = spec.Spec{}, 0, 0
	cfg.Save, cfg.Checkpoint, cfg.CheckpointEvery, cfg.Resume, cfg.Trace = "", "", 0, nil, ""
	if cfg.Opt.IsZero() {
		cfg.Opt = spec.Spec{Name: "gd"}
	}
	su, err := newSetup(context.Background(), cfg)
	if err != nil {
		return nil, err
	}
	defer su.close()
	theta := su.start0()
	return su.curvature(&state{status: minimize.MaxEpochs}, theta), nil
}

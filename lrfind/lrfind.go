// Package lrfind implements the learning-rate range test (Smith 2017,
// "Cyclical Learning Rates for Training Neural Networks"; the fastai
// lr_find): take one optimizer step per learning rate on an exponential
// sweep from StartLR to EndLR, smooth the losses, stop when the loss blows
// up, and suggest a rate.
//
// Learning rates: lr_i = StartLR·(EndLR/StartLR)^(i/(Steps−1)), i = 0…Steps−1.
// Each step continues from the previous point (the test trains as it sweeps);
// the caller's start point is never modified.
//
// Smoothing: an exponential moving average with bias correction,
// s_i = (β·a_{i−1} + (1−β)·loss_i)/(1 − β^(i+1)) with β = Smoothing (0.98
// by default, fastai's value; 0.98 averages over ~50 steps, so short sweeps
// use β = 1 − 2/Steps when that is smaller).
//
// Stopping: when s_i > DivergeRatio·min_{j≤i} s_j (4 by default; for losses
// that go negative, s_i − best > (DivergeRatio − 1)·|best|) or the loss is
// not finite.
//
// Suggestions, all reported:
//
//	minimum   a tenth of the lr where the smoothed loss is lowest
//	          (fastai's "minimum" suggestion): one order of magnitude below
//	          the rate where the loss stops improving.
//	steepest  the lr where the smoothed loss falls fastest per unit of
//	          log lr (the most negative finite difference of s over
//	          log lr), taken over the sweep before the stop.
//	valley    fastai's valley rule: the longest run over which the smoothed
//	          loss keeps decreasing (longest decreasing subsequence); the
//	          suggestion sits 1/2 of the way into its middle third.
//
// Suggested follows Settings.Rule: "minimum" by default, which on
// quadratics of very different scales lands inside [0.25, 0.6]·2/L (see
// the tests). The steepest rule reads the lagging smoothed curve and lands
// anywhere in [0.1, 5]·2/L there. The valley rule suits noisy mini-batch
// losses (it is fastai's default) but on smooth deterministic functions it
// picks rates far too small: the loss falls a little at every step of the
// sweep, so the longest decreasing stretch starts at the smallest rates.
// Result.Rule says which rule was used.
package lrfind

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// Settings of the sweep. Zero values mean the defaults.
type Settings struct {
	StartLR      float64 // 1e-7
	EndLR        float64 // 10
	Steps        int     // 100
	Smoothing    float64 // β of the moving average, 0.98
	DivergeRatio float64 // stop when the smoothed loss exceeds this × its best, 4
	Rule         string  // "minimum" (default), "steepest" or "valley"
}

func (s Settings) withDefaults() (Settings, error) {
	if s.StartLR == 0 {
		s.StartLR = 1e-7
	}
	if s.EndLR == 0 {
		s.EndLR = 10
	}
	if s.Steps == 0 {
		s.Steps = 100
	}
	if s.Smoothing == 0 {
		s.Smoothing = 0.98
		if b := 1 - 2/float64(s.Steps); b < s.Smoothing {
			s.Smoothing = math.Max(b, 0)
		}
	}
	if s.DivergeRatio == 0 {
		s.DivergeRatio = 4
	}
	if s.Rule == "" {
		s.Rule = "minimum"
	}
	switch {
	case !(s.StartLR > 0) || math.IsInf(s.StartLR, 0):
		return s, &spec.FieldError{Field: "start_lr", Err: fmt.Errorf("%g: must be a positive number", s.StartLR)}
	case !(s.EndLR > s.StartLR) || math.IsInf(s.EndLR, 0):
		return s, &spec.FieldError{Field: "end_lr", Err: fmt.Errorf("%g: must be larger than the start rate %g", s.EndLR, s.StartLR)}
	case s.Steps < 5:
		return s, &spec.FieldError{Field: "steps", Err: fmt.Errorf("%d: need at least 5", s.Steps)}
	case s.Smoothing < 0 || s.Smoothing >= 1:
		return s, fmt.Errorf("smoothing %g: must be in [0, 1)", s.Smoothing)
	case s.Rule != "minimum" && s.Rule != "steepest" && s.Rule != "valley":
		return s, &spec.FieldError{Field: "rule", Err: fmt.Errorf("%q: use minimum, steepest or valley", s.Rule)}
	case s.DivergeRatio <= 1:
		return s, fmt.Errorf("divergence ratio %g: must be > 1", s.DivergeRatio)
	}
	return s, nil
}

// Result of a sweep.
type Result struct {
	LRs      []float64 // the rates tried (up to the stop)
	Losses   []float64 // the loss after each step
	Smoothed []float64 // the smoothed loss
	// StoppedEarly says the sweep ended at LRs[len-1] because the loss blew
	// up (rather than reaching EndLR).
	StoppedEarly bool
	Minimum      float64 // a tenth of the rate at the lowest smoothed loss (0 if none)
	Steepest     float64 // the steepest-descent rate (0 if none)
	Valley       float64 // the valley rate (0 if none)
	Suggested    float64 // the suggestion (0 if none)
	Rule         string  // the rule behind Suggested
}

// Sweep runs the range test with step, which takes one optimizer step with
// the given learning rate and returns the loss after it.
func Sweep(step func(lr float64) float64, s Settings) (*Result, error) {
	s, err := s.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &Result{}
	ratio := math.Log(s.EndLR / s.StartLR)
	var avg, best float64
	best = math.Inf(1)
	for i := 0; i < s.Steps; i++ {
		lr := s.StartLR * math.Exp(ratio*float64(i)/float64(s.Steps-1))
		loss := step(lr)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			r.StoppedEarly = true
			break
		}
		avg = s.Smoothing*avg + (1-s.Smoothing)*loss
		sm := avg / (1 - math.Pow(s.Smoothing, float64(i+1)))
		r.LRs = append(r.LRs, lr)
		r.Losses = append(r.Losses, loss)
		r.Smoothed = append(r.Smoothed, sm)
		best = math.Min(best, sm)
		// s.DivergeRatio × best for positive losses, measured from best so
		// that losses that go negative are handled too.
		if sm > best+(s.DivergeRatio-1)*math.Abs(best) && i > 0 {
			r.StoppedEarly = true
			break
		}
	}
	r.Minimum = minimum(r.LRs, r.Smoothed)
	r.Steepest = steepest(r.LRs, r.Smoothed)
	r.Valley = valley(r.LRs, r.Smoothed)
	const (
		minimumRule  = "minimum: a tenth of the rate where the smoothed loss is lowest"
		valleyRule   = "valley (fastai): middle of the longest decreasing stretch of the smoothed loss"
		steepestRule = "steepest: where the smoothed loss falls fastest per unit of log lr"
	)
	switch {
	case s.Rule == "minimum" && r.Minimum > 0:
		r.Suggested, r.Rule = r.Minimum, minimumRule
	case s.Rule == "valley" && r.Valley > 0:
		r.Suggested, r.Rule = r.Valley, valleyRule
	case s.Rule == "steepest" && r.Steepest > 0:
		r.Suggested, r.Rule = r.Steepest, steepestRule
	default:
		r.Rule = "none: the loss never decreased during the sweep"
	}
	return r, nil
}

// minimum returns a tenth of the lr at the lowest smoothed loss, or 0 if the
// loss never fell below its first value.
func minimum(lrs, s []float64) float64 {
	at := 0
	for i, v := range s {
		if v < s[at] {
			at = i
		}
	}
	if at == 0 {
		return 0
	}
	return lrs[at] / 10
}

// steepest returns the lr at the most negative slope of s over log lr.
func steepest(lrs, s []float64) float64 {
	bestSlope, at := 0.0, -1
	for i := 1; i < len(s); i++ {
		slope := (s[i] - s[i-1]) / (math.Log(lrs[i]) - math.Log(lrs[i-1]))
		if slope < bestSlope {
			bestSlope, at = slope, i
		}
	}
	if at < 0 {
		return 0
	}
	return lrs[at]
}

// valley is fastai's valley rule (fastai.callback.schedule.valley).
func valley(lrs, s []float64) float64 {
	n := len(s)
	if n < 3 {
		return 0
	}
	lds := make([]int, n)
	for i := range lds {
		lds[i] = 1
	}
	maxStart, maxEnd := 0, 0
	for i := 1; i < n; i++ {
		for j := 0; j < i; j++ {
			if s[i] < s[j] && lds[i] < lds[j]+1 {
				lds[i] = lds[j] + 1
			}
			if lds[maxEnd] < lds[i] {
				maxEnd = i
				maxStart = maxEnd - lds[maxEnd]
			}
		}
	}
	if maxEnd == 0 {
		return 0
	}
	sections := float64(maxEnd-maxStart) / 3
	idx := maxStart + int(sections) + int(sections/2)
	if idx >= n {
		idx = n - 1
	}
	return lrs[idx]
}

// ForFunc runs the range test on a function: one step of opt per rate from
// x0 (which is not modified). opt must have a learning rate.
func ForFunc(f fn.Func, x0 []float64, opt optim.Optimizer, s Settings) (*Result, error) {
	lrer, ok := opt.(optim.LRer)
	if !ok {
		return nil, fmt.Errorf("the optimizer %T has no learning rate to sweep", opt)
	}
	n := f.Dim()
	x := append([]float64(nil), x0...)
	g := make([]float64, n)
	opt.Init(n)
	if v := f.ValueGrad(g, x); math.IsNaN(v) || math.IsInf(v, 0) || !fn.AllFinite(g) {
		return nil, fmt.Errorf("f(x0) = %g: not finite at the start point %v", v, x0)
	}
	return Sweep(func(lr float64) float64 {
		lrer.SetLR(lr)
		opt.Step(x, g)
		return f.ValueGrad(g, x)
	}, s)
}

package run

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/lrfind"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/spec"
)

// LRFindReport is the JSON output of `descent lrfind`.
type LRFindReport struct {
	Spec         string       `json:"spec"`
	Sweep        []SweepPoint `json:"sweep"`
	StoppedEarly bool         `json:"stopped_early"`
	SuggestedLR  Float        `json:"suggested_lr"` // null when the loss never fell
	Rule         string       `json:"rule"`
	MinimumLR    Float        `json:"minimum_lr"`
	SteepestLR   Float        `json:"steepest_lr"`
	ValleyLR     Float        `json:"valley_lr"`
	Curvature    *Curvature   `json:"curvature"`

	Result *lrfind.Result `json:"-"`
}

// SweepPoint is one step of the range test.
type SweepPoint struct {
	LR       Float `json:"lr"`
	Loss     Float `json:"loss"`
	Smoothed Float `json:"smoothed"`
}

// LRFind runs the learning-rate range test on a problem from its start
// point with the optimizer opt (zero: DefaultOpt) and puts the suggestion
// next to the optimizer's own stable bound measured at the start.
func LRFind(p *problem.Problem, opt spec.Spec, s lrfind.Settings) (*LRFindReport, error) {
	if opt.IsZero() {
		opt = DefaultOpt
	}
	alg, err := optim.NewSpec(opt)
	if err != nil {
		return nil, &spec.FieldError{Field: "opt", Err: err}
	}
	o, ok := alg.(optim.Optimizer)
	if _, hasLR := optim.StepLR(alg); !ok || !hasLR {
		return nil, &spec.FieldError{Field: "opt", Err: fmt.Errorf("%s: the range test needs a step-based optimizer with a learning rate (gd, sgd, adam, ...), not a line search", opt)}
	}
	f := p.Objective()
	res, err := lrfind.ForFunc(f, p.Start, o, s)
	if err != nil {
		return nil, err
	}
	rep := &LRFindReport{Spec: opt.String(), StoppedEarly: res.StoppedEarly, Rule: res.Rule,
		SuggestedLR: nanIfZero(res.Suggested), MinimumLR: nanIfZero(res.Minimum), SteepestLR: nanIfZero(res.Steepest), ValleyLR: nanIfZero(res.Valley), Result: res}
	for i := range res.LRs {
		rep.Sweep = append(rep.Sweep, SweepPoint{Float(res.LRs[i]), Float(res.Losses[i]), Float(res.Smoothed[i])})
	}
	if est, err := curvature.At(f, p.Start); err == nil {
		rep.Curvature = curvatureOf(alg, est, "start")
	}
	return rep, nil
}

func nanIfZero(v float64) Float {
	if v == 0 {
		return Float(math.NaN())
	}
	return Float(v)
}

package run

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/lrfind"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
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
// point and puts the suggestion next to the stable bound 2/L (or the rule of
// the optimizer family) measured at the start.
func LRFind(p *problem.Problem, optSpec string, s lrfind.Settings) (*LRFindReport, error) {
	if optSpec == "" {
		optSpec = "gd"
	}
	alg, err := optim.New(optSpec)
	if err != nil {
		return nil, fmt.Errorf("--opt: %v", err)
	}
	opt, ok := alg.(optim.Optimizer)
	if _, isMeth := alg.(optim.Method); !ok || isMeth {
		return nil, fmt.Errorf("--opt %s: the range test needs a step-based optimizer with a learning rate (gd, sgd, adam, ...), not a line search", optSpec)
	}
	res, err := lrfind.ForFunc(p.F, p.Start, opt, s)
	if err != nil {
		return nil, err
	}
	rep := &LRFindReport{Spec: optSpec, StoppedEarly: res.StoppedEarly, Rule: res.Rule,
		SuggestedLR: nanIfZero(res.Suggested), MinimumLR: nanIfZero(res.Minimum), SteepestLR: nanIfZero(res.Steepest), ValleyLR: nanIfZero(res.Valley), Result: res}
	for i := range res.LRs {
		rep.Sweep = append(rep.Sweep, SweepPoint{Float(res.LRs[i]), Float(res.Losses[i]), Float(res.Smoothed[i])})
	}
	if est, err := curvature.At(p.F, p.Start); err == nil {
		kind, beta, scale := stability(optSpec)
		b := curvature.StableLR(kind, est.L, beta)
		if b.LR > 0 && scale > 0 && scale < 1 {
			b.LR /= scale
		}
		rep.Curvature = &Curvature{L: Float(est.L), StableLRBound: nanIfZero(b.LR), Rule: b.Rule, Point: "start", Exact: est.Exact}
	}
	return rep, nil
}

func nanIfZero(v float64) Float {
	if v == 0 {
		return Float(math.NaN())
	}
	return Float(v)
}

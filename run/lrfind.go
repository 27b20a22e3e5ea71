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

// LRFindReport is the JSON output of `descent lrfind`: the sweep, the
// three rules' rates, the chosen rule's proposal and the validated
// suggestion (see package lrfind).
type LRFindReport struct {
	Spec         string       `json:"opt"`
	Sweep        []SweepPoint `json:"sweep"`
	StoppedEarly bool         `json:"stopped_early"`
	SuggestedLR  Float        `json:"suggested_lr"` // null when there is no suggestion
	Rule         string       `json:"rule"`         // valley, steep or minimum
	ProposedLR   Float        `json:"proposed_lr"`  // the rule's rate before validation; null when none
	MinimumLR    Float        `json:"minimum_lr"`
	SteepestLR   Float        `json:"steepest_lr"` // the steep rule's rate
	ValleyLR     Float        `json:"valley_lr"`
	Validated    bool         `json:"validated"`  // suggested_lr passed a validation run
	StartLoss    Float        `json:"start_loss"` // the validation runs' start loss; null without runs
	Validation   []LRCheck    `json:"validation"` // the validation runs in the order they were made
	Note         string       `json:"note"`       // how suggested_lr was chosen
	Curvature    *Curvature   `json:"curvature"`

	Result *lrfind.Result `json:"-"`
}

// LRCheck is one validation run of the range test's suggestion.
type LRCheck struct {
	LR      Float  `json:"lr"`
	Loss    Float  `json:"loss"`    // the final loss; null when the run diverged
	Verdict string `json:"verdict"` // ok, diverged or no_progress
}

// NewLRFindReport is the report of a range test res made with the
// optimizer spec (its text), without curvature.
func NewLRFindReport(spec string, res *lrfind.Result) *LRFindReport {
	rep := &LRFindReport{Spec: spec, StoppedEarly: res.StoppedEarly, Rule: string(res.Rule),
		SuggestedLR: nanIfZero(res.Suggested), ProposedLR: nanIfZero(res.Proposed),
		MinimumLR: nanIfZero(res.Minimum), SteepestLR: nanIfZero(res.Steep), ValleyLR: nanIfZero(res.Valley),
		Validated: res.Validated, StartLoss: Float(math.NaN()), Validation: []LRCheck{}, Note: res.Note, Result: res}
	if len(res.Validation) > 0 {
		rep.StartLoss = Float(res.F0)
	}
	for _, c := range res.Validation {
		loss := c.Loss
		if math.IsInf(loss, 0) {
			loss = math.NaN()
		}
		rep.Validation = append(rep.Validation, LRCheck{LR: Float(c.LR), Loss: Float(loss), Verdict: string(c.Verdict)})
	}
	for i := range res.LRs {
		rep.Sweep = append(rep.Sweep, SweepPoint{Float(res.LRs[i]), Float(res.Losses[i]), Float(res.Smoothed[i])})
	}
	return rep
}

// SweepPoint is one step of the range test.
type SweepPoint struct {
	LR       Float `json:"lr"`
	Loss     Float `json:"loss"`
	Smoothed Float `json:"smoothed"`
}

// LRFind runs the learning-rate range test on a problem from its start
// point with the optimizer opt (zero: DefaultOpt), validates the suggestion
// with short runs from the start (unless s.SkipValidation; see package
// lrfind) and puts it next to the optimizer's own stable bound measured at
// the start.
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
	rep := NewLRFindReport(opt.String(), res)
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

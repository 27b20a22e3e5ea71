package run

import (
	"math"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
)

// Curvature is the "curvature" object of the JSON output.
type Curvature struct {
	L             Float  `json:"L"`
	StableLRBound Float  `json:"stable_lr_bound"` // null when no bound applies
	Rule          string `json:"rule"`
	Point         string `json:"point"` // where L was measured: "start" or "best"
	Exact         bool   `json:"exact_hessian"`
}

// analyze measures the curvature at the start and the best point (the larger
// L gives the bound: stability must hold everywhere on the way), asks the
// optimizer for its stable bound there and diagnoses the run. f is the
// function minimized.
func analyze(f fn.Func, x0 []float64, alg optim.Algorithm, s minimize.Settings, res *minimize.Result, terms diagnose.Terms) (*Curvature, diagnose.Diagnosis) {
	var cv *Curvature
	est, err := curvature.At(f, x0)
	point := "start"
	if bestX := res.Best.X; err == nil && fn.AllFinite(bestX) {
		if e2, err2 := curvature.At(f, bestX); err2 == nil && e2.L > est.L {
			est, point = e2, "best"
		}
	}
	_, hasLR := optim.StepLR(alg)
	in := diagnose.Input{
		Status: res.Status, Message: res.Message, History: res.History, Unit: minimize.Iterations,
		GradTol: s.GradTol, DivergeFactor: s.DivergeFactor, HasLR: hasLR, Terms: terms,
	}
	if err == nil && !math.IsNaN(est.L) {
		cv = curvatureOf(alg, est, point)
		if b := float64(cv.StableLRBound); b > 0 {
			in.Bound, in.L = b, est.L
		}
	}
	return cv, diagnose.Diagnose(in)
}

// curvatureOf is the JSON curvature object of an estimate, with the
// optimizer's own stable bound.
func curvatureOf(alg optim.Algorithm, est curvature.Estimate, point string) *Curvature {
	b := optim.StableLR(alg, est.L)
	return &Curvature{L: Float(est.L), StableLRBound: nanIfZero(b.LR), Rule: b.Rule, Point: point, Exact: est.Exact}
}

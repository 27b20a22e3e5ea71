package run

import (
	"math"
	"strconv"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/spec"
)

// Curvature is the "curvature" object of the JSON output.
type Curvature struct {
	L             Float  `json:"L"`
	StableLRBound Float  `json:"stable_lr_bound"` // null when no bound applies
	Rule          string `json:"rule"`
	Point         string `json:"point"` // where L was measured: "start" or "best"
	Exact         bool   `json:"exact_hessian"`
}

// stability returns the optimizer family for the stable-step rule and its
// momentum coefficient, and the factor that dampening divides the step by.
func stability(optSpec string) (kind string, beta, stepScale float64) {
	sp, err := spec.Parse(optSpec)
	if err != nil {
		return "", 0, 1
	}
	param := func(k string) (string, bool) {
		for _, p := range sp.Params {
			if p.Key == k {
				return p.Value, true
			}
		}
		return "", false
	}
	num := func(k string) float64 {
		v, _ := param(k)
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	switch sp.Name {
	case "gd":
		if v, ls := param("linesearch"); ls && v != "none" {
			return "linesearch", 0, 1
		}
		return "gd", 0, 1
	case "sgd":
		m := num("momentum")
		if m == 0 {
			return "gd", 0, 1
		}
		scale := 1 - num("dampening")
		if v, _ := param("nesterov"); v == "true" {
			return "nesterov", m, scale
		}
		return "momentum", m, scale
	case "bb", "cg", "lbfgs":
		return "linesearch", 0, 1
	}
	return "adaptive", 0, 1
}

// analyze measures the curvature at the start and the best point (the larger
// L gives the bound: stability must hold everywhere on the way) and
// diagnoses the run.
func analyze(f fn.Func, x0 []float64, optSpec string, s minimize.Settings, res *minimize.Result, hasLR bool) (*Curvature, diagnose.Diagnosis) {
	kind, beta, stepScale := stability(optSpec)
	var cv *Curvature
	est, err := curvature.At(f, x0)
	point := "start"
	if bestX := res.Best.X; err == nil && fn.AllFinite(bestX) {
		if e2, err2 := curvature.At(f, bestX); err2 == nil && e2.L > est.L {
			est, point = e2, "best"
		}
	}
	in := diagnose.Input{
		Status: res.Status, Message: res.Message, History: res.History, Maximize: res.Maximize,
		GradTol: s.GradTol, DivergeFactor: s.DivergeFactor, HasLR: hasLR,
	}
	if err == nil && !math.IsNaN(est.L) {
		L := est.L
		if res.Maximize {
			L = -est.Min // maximizing f is minimizing −f, whose largest eigenvalue is −λmin(f)
		}
		b := curvature.StableLR(kind, L, beta)
		if b.LR > 0 && stepScale > 0 && stepScale < 1 {
			b.LR /= stepScale
			b.Rule += " divided by (1 − dampening)"
		}
		cv = &Curvature{L: Float(L), Rule: b.Rule, Point: point, Exact: est.Exact}
		if b.LR > 0 {
			cv.StableLRBound = Float(b.LR)
			in.Bound, in.L = b.LR, L
		} else {
			cv.StableLRBound = Float(math.NaN())
		}
	}
	return cv, diagnose.Diagnose(in)
}

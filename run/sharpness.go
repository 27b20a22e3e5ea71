package run

import (
	"math"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/trace"
)

// Sharpness along a run (Cohen, Kaur, Li, Kolter & Talwalkar, "Gradient
// Descent on Neural Networks Typically Occurs at the Edge of Stability",
// ICLR 2021): every minimize.Settings.SharpnessEvery iterations the top
// Hessian eigenvalue λmax(∇²f(x)) is measured by Lanczos (package
// curvature) and recorded with the iteration, so that it can be compared
// with the stability limit 2/lr of gradient descent on the local quadratic
// model.

// SharpnessFunc returns the measurement minimize.Settings.Sharpness takes
// for f: λmax(∇²f(x)) by curvature.At — Lanczos with min(n, 40) steps on
// exact Hessian–vector products when f has them (formulas), central
// differences of gradients otherwise — and NaN when the products are not
// finite or the eigen-decomposition fails. For n ≤ 40 the value is exact up
// to rounding (and the differences' error for non-quadratics).
func SharpnessFunc(f fn.Func) func(x []float64) float64 {
	return func(x []float64) float64 {
		est, err := curvature.At(f, x)
		if err != nil {
			return math.NaN()
		}
		return est.L
	}
}

// withSharpness completes s for a run of the objective f: when
// s.SharpnessEvery > 0 and s.Sharpness is nil it measures with
// SharpnessFunc(f), and the trace options add the sharpness column. The
// sharpness is that of the function minimized (−F when maximizing), whose
// curvature the optimizer meets.
func withSharpness(s minimize.Settings, f fn.Func) (minimize.Settings, []trace.Option) {
	if s.SharpnessEvery <= 0 {
		return s, nil
	}
	if s.Sharpness == nil {
		s.Sharpness = SharpnessFunc(f)
	}
	return s, []trace.Option{trace.WithSharpness()}
}

// SharpnessPoint is one sharpness measurement of a run in the JSON output.
type SharpnessPoint struct {
	Iter      int   `json:"iter"`
	LambdaMax Float `json:"lambda_max"` // λmax(∇²f) at iteration Iter; null if not measurable
}

// SharpnessPoints returns the rows of h where the sharpness was measured
// (every minimize.Settings.SharpnessEvery iterations from 0), in order; nil
// when the run did not measure it. A measurement that failed (NaN) is kept
// at its row, so the iterations stay regular.
func SharpnessPoints(h minimize.History, every int) []SharpnessPoint {
	if every <= 0 || h.Sharpness == nil {
		return nil
	}
	out := make([]SharpnessPoint, 0, len(h.Sharpness)/every+1)
	for k := 0; k < len(h.Sharpness); k += every {
		out = append(out, SharpnessPoint{Iter: k, LambdaMax: Float(h.Sharpness[k])})
	}
	return out
}

package optim

import (
	"math"

	"github.com/descentgo/descent/fn"
)

// torchWolfe is torch's strong-Wolfe line search, _strong_wolfe in
// torch/optim/lbfgs.py (ported there from lswolfe.lua of torch7's optim,
// itself after minFunc): c₁ = 1e-4, c₂ = 0.9, at most 25 evaluations, a
// bracketing phase that extrapolates by cubic interpolation within
// [t + 0.01(t − t_prev), 10t], then a zoom phase that bisects by cubic
// interpolation, kept 10% of the bracket away from its ends after a step
// of insufficient progress, until the bracket is shorter than
// tolerance_change/max|d|. It is LBFGSTorch's; it allocates nothing after
// resize.
type torchWolfe struct {
	xt     []float64    // x + t·d
	gNew   []float64    // the gradient at the newest trial point
	gPrev  []float64    // the gradient at the previous trial point
	g0     []float64    // the gradient at t = 0
	bg     [2][]float64 // the gradients at the bracket's ends
	spare  []float64
	spare2 []float64
}

func (w *torchWolfe) resize(n int) {
	w.xt = zeros(w.xt, n)
	w.gNew = zeros(w.gNew, n)
	w.gPrev = zeros(w.gPrev, n)
	w.g0 = zeros(w.g0, n)
	w.bg[0] = zeros(w.bg[0], n)
	w.bg[1] = zeros(w.bg[1], n)
}

const (
	torchWolfeC1    = 1e-4
	torchWolfeC2    = 0.9
	torchWolfeMaxLS = 25
)

// eval returns f(x + t·d) and stores the gradient there in w.gNew. The
// point is x + t·d fused, as torch's _directional_evaluate forms it.
func (w *torchWolfe) eval(obj fn.Func, x []float64, t float64, d []float64) (float64, float64) {
	for i, xi := range x {
		w.xt[i] = math.FMA(t, d[i], xi)
	}
	f := obj.ValueGrad(w.gNew, w.xt)
	return f, fn.Dot(w.gNew, d)
}

// search runs _strong_wolfe from x along d with first trial step t, where
// f = f(x), g = ∇f(x) and gtd = gᵀd. It returns the accepted f and t and
// the number of evaluations, and leaves the gradient at x + t·d in g.
func (w *torchWolfe) search(obj fn.Func, x []float64, t float64, d []float64, f float64, g []float64, gtd, tolChange float64) (float64, float64, int) {
	dNorm := maxAbs(d)
	copy(w.g0, g)
	fNew, gtdNew := w.eval(obj, x, t, d)
	evals := 1
	tPrev, fPrev, gtdPrev := 0.0, f, gtd
	copy(w.gPrev, w.g0)
	done := false
	lsIter := 0
	var br, bf, bgtd [2]float64
	nb := 2 // bracket length: 1 when done in the bracketing phase
	for lsIter < torchWolfeMaxLS {
		if fNew > f+float64(torchWolfeC1*t)*gtd || (lsIter > 1 && fNew >= fPrev) {
			br, bf, bgtd = [2]float64{tPrev, t}, [2]float64{fPrev, fNew}, [2]float64{gtdPrev, gtdNew}
			copy(w.bg[0], w.gPrev)
			copy(w.bg[1], w.gNew)
			break
		}
		if math.Abs(gtdNew) <= -torchWolfeC2*gtd {
			br[0], bf[0] = t, fNew
			copy(w.bg[0], w.gNew)
			nb, done = 1, true
			break
		}
		if gtdNew >= 0 {
			br, bf, bgtd = [2]float64{tPrev, t}, [2]float64{fPrev, fNew}, [2]float64{gtdPrev, gtdNew}
			copy(w.bg[0], w.gPrev)
			copy(w.bg[1], w.gNew)
			break
		}
		minStep := t + 0.01*(t-tPrev)
		maxStep := t * 10
		tmp := t
		t = torchCubic(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep)
		tPrev, fPrev, gtdPrev = tmp, fNew, gtdNew
		copy(w.gPrev, w.gNew)
		fNew, gtdNew = w.eval(obj, x, t, d)
		evals++
		lsIter++
	}
	if lsIter == torchWolfeMaxLS {
		br, bf = [2]float64{0, t}, [2]float64{f, fNew}
		copy(w.bg[0], w.g0)
		copy(w.bg[1], w.gNew)
	}
	insufProgress := false
	low, high := 0, 1
	if !(bf[0] <= bf[nb-1]) {
		low, high = 1, 0
	}
	for !done && lsIter < torchWolfeMaxLS {
		if math.Abs(br[1]-br[0])*dNorm < tolChange {
			break
		}
		lo, hi := math.Min(br[0], br[1]), math.Max(br[0], br[1])
		t = torchCubic(br[0], bf[0], bgtd[0], br[1], bf[1], bgtd[1], lo, hi)
		eps := 0.1 * (hi - lo)
		if math.Min(hi-t, t-lo) < eps {
			if insufProgress || t >= hi || t <= lo {
				if math.Abs(t-hi) < math.Abs(t-lo) {
					t = hi - eps
				} else {
					t = lo + eps
				}
				insufProgress = false
			} else {
				insufProgress = true
			}
		} else {
			insufProgress = false
		}
		fNew, gtdNew = w.eval(obj, x, t, d)
		evals++
		lsIter++
		if fNew > f+float64(torchWolfeC1*t)*gtd || fNew >= bf[low] {
			br[high], bf[high], bgtd[high] = t, fNew, gtdNew
			copy(w.bg[high], w.gNew)
			if bf[0] <= bf[1] {
				low, high = 0, 1
			} else {
				low, high = 1, 0
			}
		} else {
			if math.Abs(gtdNew) <= -torchWolfeC2*gtd {
				done = true
			} else if gtdNew*(br[high]-br[low]) >= 0 {
				br[high], bf[high], bgtd[high] = br[low], bf[low], bgtd[low]
				copy(w.bg[high], w.bg[low])
			}
			br[low], bf[low], bgtd[low] = t, fNew, gtdNew
			copy(w.bg[low], w.gNew)
		}
	}
	copy(g, w.bg[low])
	return bf[low], br[low], evals
}

// torchCubic is _cubic_interpolate of torch/optim/lbfgs.py (from
// polyinterp.lua): the minimizer of the cubic through (x₁, f₁, g₁) and
// (x₂, f₂, g₂), clamped to [lo, hi], or the middle of [lo, hi] when the
// cubic has no minimizer.
func torchCubic(x1, f1, g1, x2, f2, g2, lo, hi float64) float64 {
	d1 := g1 + g2 - 3*(f1-f2)/(x1-x2)
	d2sq := float64(d1*d1) - float64(g1*g2)
	if d2sq >= 0 {
		d2 := math.Sqrt(d2sq)
		var minPos float64
		if x1 <= x2 {
			minPos = x2 - (x2-x1)*((g2+d2-d1)/(g2-g1+2*d2))
		} else {
			minPos = x1 - (x1-x2)*((g1+d2-d1)/(g1-g2+2*d2))
		}
		return math.Min(math.Max(minPos, lo), hi)
	}
	return (lo + hi) / 2
}

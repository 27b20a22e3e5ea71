package diagnose

import (
	"fmt"
	"math"
)

// spiralShrink is the least factor by which each of a full-batch run's
// last spiralSwings swings of the loss must shrink for spiral to call the
// zig-zag a converging spiral.
const (
	spiralShrink = 4
	spiralSwings = 2
)

// spiral recognizes a damped spiral: a momentum method (heavy ball, or
// Adam's β₁) near a minimum circles it, the loss rising and falling once a
// turn, with each turn's swing — a peak of F over the trough that follows
// it — shrinking by a steady factor, as the iterates of heavy ball on a
// quadratic below its critical damping do (Polyak 1964; Goh, "Why
// Momentum Really Works", 2017). The zig-zag then converges: halving the
// rate only slows it. It returns the smallest of the last spiralSwings
// swings' shrink factors when each is at least spiralShrink, on a full
// batch (mini-batch noise makes swings of its own), and 0 otherwise.
// Adam at 0.0316 on log cosh(x−1) + log cosh(2(y+2)) from (6, 6): swings
// of 4.5e-3, 4.0e-5 and 4.8e-7, 44 iterations apart.
func spiral(in Input, F []float64) float64 {
	if in.stochastic() || in.Family == Plain {
		return 0
	}
	// Swings from the end backwards: a peak and the lowest value after it
	// up to the next peak.
	var swings []float64
	low := math.Inf(1)
	for i := len(F) - 2; i >= 1 && len(swings) <= spiralSwings; i-- {
		if math.IsNaN(F[i]) || math.IsInf(F[i], 0) {
			return 0
		}
		low = math.Min(low, F[i+1])
		if F[i] > F[i-1] && F[i] >= F[i+1] {
			swings = append(swings, F[i]-low)
			low = math.Inf(1)
		}
	}
	if len(swings) <= spiralSwings {
		return 0
	}
	shrink := math.Inf(1)
	for j := 0; j < spiralSwings; j++ {
		r := swings[j+1] / swings[j] // an older swing over the one after it
		if !(swings[j] > 0) || !(r >= spiralShrink) {
			return 0
		}
		shrink = math.Min(shrink, r)
	}
	return shrink
}

// spiralAdvice is the verdict on a run at rate lr > 0 whose zig-zag is a
// converging spiral (see spiral): too slow, lr kept, a larger budget to
// settle.
func spiralAdvice(w words, lr, shrink float64) Diagnosis {
	d := Diagnosis{Verdict: TooSlow, SuggestedLR: lr, Actions: []Action{{Kind: KeepLR, LR: lr}, {Kind: RaiseBudget}}}
	d.Advice = fmt.Sprintf("%s circles its minimum in a damped spiral: each of its last %d swings is %.3g times smaller than the one before or more, so the zig-zag converges; keep lr %s and raise %s to settle", w.loss, spiralSwings, shrink, g4(lr), w.budget)
	return d
}

package diagnose

import (
	"fmt"
	"math"
)

// jitterFloor caps a full-batch adaptive method's raise where its jitter
// would rest above the run: with a constant rate c, Adam's and RMSProp's
// steps do not shrink as the gradient does (m̂/√v̂ stays about ±1 across a
// valley), so the iterate keeps jumping by about c per coordinate around
// the minimum and stays about c from it along the stiffest direction
// (curvature L), where f rests about L·c²/2 above f*. A raise whose floor
// lies near or above the run's own gap to the lower bound cannot end well
// below the run: the raise is cut to c = √(gap/(2L)), whose floor is a
// quarter of the gap, or lr is kept when c is not above it. Without a
// known lower bound, the lowest value the run and its probes reached
// stands in for it. The rule applies to a slow run within a tenth of the way to the lower bound (a
// run farther off is not yet in the jitter's regime, and a run that
// converged in another basin needs a jump, see localMin), on a full batch
// (mini-batch noise has its own floor, see noiseFloor). RMSProp on
// Rosenbrock at 0.00316 ends 1,000 iterations at 0.28 (L = 378 at its
// best point): the raise to 0.154 ends its run at 0.5–1.7 (½·L·c² = 4.5),
// 0.077 at 0.76 (1.1), 0.0385 at 0.27–0.37 (0.28), and the cap 0.019 at
// 0.12 (0.07).
func jitterFloor(in Input, d Diagnosis) Diagnosis {
	lr := userLR(in)
	s := d.SuggestedLR
	lb, known := lowerBound(in)
	if in.Family != Adaptive || in.SelfAnnealing || in.stochastic() || !(in.LBest > 0) || !(lr > 0) || !(s > lr) || len(in.History.F) == 0 {
		return d
	}
	last := lastFinite(in.History.F)
	below := "f*"
	if !known {
		// Without a known lower bound, the lowest value the run and its
		// probes reached stands in for one: f* lies at or below it, so
		// the gap is understated and the cap errs low (a skewed bowl,
		// (x+y)² + 100(x−y)² + (z−1)², under RMSprop at 0.00316: f 5.79,
		// the raise to 5.6 reaches 0.32 in a tenth of the budget and ends
		// its run at 2.4e4 — RMSprop's late jitter, once v has decayed to
		// the gradients near the minimum).
		below, lb = "the lowest value seen", last
		if in.Probe != nil && !math.IsNaN(in.ProbeFrom) {
			lb = math.Min(lb, in.ProbeFrom)
			for _, c := range []float64{lr, s} {
				if v := in.Probe(c); finite(v) {
					lb = math.Min(lb, v)
				}
			}
		}
	} else if in.HasFLower {
		below = "its lower bound"
	}
	gap := last - lb
	if !(gap > 0) || d.Verdict != TooSlow || !(gap <= jitterReach*(in.History.F[0]-lb)) {
		return d
	}
	c := math.Sqrt(gap / (2 * in.LBest))
	if c >= s {
		return d
	}
	w := wordsOf(in)
	why := fmt.Sprintf("; but at lr %s an adaptive method's steps would jump by about lr per coordinate around the minimum and rest about L·lr²/2 = %.3g above %s %.6g (L = %.4g at the best point), more than the %.3g this run is above it", g4(s), in.LBest*s*s/2, below, w.v(lb), in.LBest, gap)
	if c <= lr {
		keepRate(&d, lr)
		d.Advice += why + fmt.Sprintf(": keep lr %s", g4(lr))
		return d
	}
	setAction(&d, c)
	d.SuggestedLR = c
	d.Advice += why + fmt.Sprintf(": use lr %s, whose jitter would rest a quarter as high as this run is (√(gap/(2L)))", g4(c))
	return d
}

// jitterReach is the share of the way from the start to the lower bound
// within which jitterFloor caps a raise.
const jitterReach = 0.1

package diagnose

import (
	"fmt"
	"math"
)

// flatterBest lets a slow run's rate past the stable bound measured at the
// start when the run's best point is flatter. The bound 2/L (2(1+β)/L for
// heavy ball: Bound·L is the method's constant) is a fact about the
// curvature where it was measured; a raise capped at half of it (or a rate
// kept "near the stable limit") holds back a run whose path leaves the
// steep start for flatter ground. Half the bound at the best point,
//
//	c = Bound·L/(2·LBest),
//
// and, failing that, √(c·s) are tried from the start (ProbeStartCompare:
// the probes are long enough to rank rates): the first that neither blows
// up nor ends above the start's objective, and goes further there than the
// suggestion s, is suggested. Gradient descent on Freudenstein–Roth: L =
// 3334 at the start caps every raise at 3e-4, which ends at 78 after 1,000
// iterations, while 0.001 — above the start's bound 6e-4 — ends at 58; at
// the best point L is lower and its half-bound passes from the start.
// Every set, failures honest/helpful/one-hop/reach-3: 4/68/213/92 →
// 4/68/209/80, none gained.
func flatterBest(in Input, d Diagnosis) Diagnosis {
	lr, s := userLR(in), d.SuggestedLR
	if d.Verdict != TooSlow || !(lr > 0) || !(s >= lr) || in.Family == Adaptive || in.Family == Method ||
		!(in.Bound > 0) || !(in.L > 0) || !(in.LBest > 0) || in.ProbeStart == nil || !in.ProbeStartCompare || len(in.History.F) == 0 {
		return d
	}
	if !(s >= 0.99*in.Bound/2) {
		return d // the start's bound did not hold the rate back
	}
	c0 := in.Bound * in.L / (2 * in.LBest)
	ok := startOK(in)
	base := in.ProbeStart(s)
	for _, c := range []float64{c0, math.Sqrt(c0 * s)} {
		if !(c > 1.05*s) || !ok(c) {
			continue
		}
		if v := in.ProbeStart(c); better(v, base) {
			setRate(&d, c)
			w := wordsOf(in)
			d.Advice += fmt.Sprintf("; but the bound was measured at the start (L = %.4g), and the best point is flatter (L = %.4g): from the start, lr %s neither blows up nor overshoots and goes further than lr %s (%s %.6g after a tenth of the budget, against %.6g): use lr %s", in.L, in.LBest, g4(c), g4(s), w.f, w.v(v), w.v(base), g4(c))
			return d
		}
	}
	return d
}

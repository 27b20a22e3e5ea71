package diagnose

import (
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestFlatterBestPointLiftsTheStartBound: gradient descent kept at half
// the stable bound measured at the start (Bound 0.0006, L 3000, lr
// 0.0003, too slow) is raised to half the bound at a flatter best point
// (LBest 1500: 0.0006) when its probe from the start neither blows up nor
// ends above the start and goes further than lr's; if it blows up,
// √(0.0006·0.0003) is tried. A best point as steep as the start, an
// adaptive method, or probes too short to rank rates leave lr.
func TestFlatterBestPointLiftsTheStartBound(t *testing.T) {
	h := slowHistory(0.9999, 0.0003, 200)
	further := func(blowUpAbove float64) func(float64) float64 {
		return func(c float64) float64 {
			if c > blowUpAbove {
				return math.Inf(1)
			}
			return 1 - 10*c // a higher rate goes further; none as far as the run (0.98)
		}
	}
	mid := math.Sqrt(0.0006 * 0.0003)
	for _, tc := range []struct {
		name    string
		fam     Family
		lBest   float64
		probe   func(float64) float64
		compare bool
		want    float64
	}{
		{"flatter, the half-bound passes", Plain, 1500, further(1), true, 0.0006},
		{"flatter, the half-bound blows up", Plain, 1500, further(0.0005), true, mid},
		{"as steep as the start", Plain, 3000, further(1), true, 0.0003},
		{"adaptive", Adaptive, 1500, further(1), true, 0.0003},
		{"probes too short to rank", Plain, 1500, further(1), false, 0.0003},
	} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: tc.fam,
			Bound: 0.0006, L: 3000, LBest: tc.lBest, ProbeStart: tc.probe, ProbeStartCompare: tc.compare})
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-tc.want) > 1e-12 {
			t.Errorf("%s: %s, suggested %g, want too_slow and %g (%s)", tc.name, d.Verdict, d.SuggestedLR, tc.want, d.Advice)
		}
	}
}

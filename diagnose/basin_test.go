package diagnose

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestPlateauBelowTheStartBound: gradient descent far above the stable
// bound measured at the start (1e-6; L = 2e6) jumps onto a plateau in its
// first step (Jennrich–Sampson: f = 2020 against the known minimum 124.4)
// and converges there. Every rate localMin's ladder tries (lr/100 …
// 100·lr) lands on the plateau too; from the start, probes at rates up to
// 2e-5 follow 124 + 1e12·(c − 1.6e-6)². Half the bound (5e-7) goes below
// the plateau, √10 higher (1.58e-6) further, √10 higher again (5e-6) not:
// the advice is 1.58e-6. Without the bound, or at a rate below it, the
// advice is still to try another start point.
func TestPlateauBelowTheStartBound(t *testing.T) {
	start := func(c float64) float64 {
		if c > 2e-5 {
			return 2020
		}
		return 124 + 1e12*(c-1.6e-6)*(c-1.6e-6)
	}
	h := restedAt(4171, 1e5, 2020, 0.00316)
	for _, tc := range []struct {
		name  string
		bound float64
		want  float64
	}{
		{"far above the start's bound", 1e-6, 1e-6 / 2 * math.Sqrt(10)},
		{"no bound", 0, 0.00316},
		{"below the bound", 0.01, 0.00316},
	} {
		L := 0.0
		if tc.bound > 0 {
			L = 2 / tc.bound
		}
		d := Diagnose(Input{Status: minimize.ConvergedGrad, History: h, HasLR: true, Family: Plain, KnownMin: true, FStar: 124.4,
			Bound: tc.bound, L: L, ProbeStart: start, ProbeStartCompare: true,
			Probe: func(float64) float64 { return 2020 }, ProbeFrom: 2020})
		if math.Abs(d.SuggestedLR-tc.want) > 1e-9*tc.want {
			t.Errorf("%s: %s, suggested %g, want %g: %s", tc.name, d.Verdict, d.SuggestedLR, tc.want, d.Advice)
		}
		if blames := strings.Contains(d.Advice, "another start point"); blames != (tc.want == 0.00316) {
			t.Errorf("%s: the advice blames the start point: %v: %s", tc.name, blames, d.Advice)
		}
	}
}

// TestOtherBasinFromTheStart: a run that converged at f = −0.5 from
// f₀ = 1 on a formula (no known minimum, no lower bound) moves its rate
// to the first of lr/√10, √10·lr, lr/10, 10·lr whose probe from the start
// ends below −0.5 by a tenth of the progress (0.15); a probe 0.1 lower is
// not enough, and without ProbeStartCompare, or with a known minimum
// (localMin's case), nothing moves.
func TestOtherBasinFromTheStart(t *testing.T) {
	h := restedAt(1, 1, -0.5, 1)
	lower := func(depth float64) func(float64) float64 {
		return func(c float64) float64 {
			if c < 0.5 {
				return -0.5 - depth
			}
			return -0.5
		}
	}
	for _, tc := range []struct {
		name    string
		depth   float64
		compare bool
		known   bool
		want    float64
	}{
		{"lower basin", 1, true, false, 1 / math.Sqrt(10)},
		{"a little lower", 0.1, true, false, 1},
		{"short probes", 1, false, false, 1},
		{"known minimum", 1, true, true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Diagnose(Input{Status: minimize.ConvergedGrad, History: h, HasLR: true, GradTol: 1e-8,
				ProbeStart: lower(tc.depth), ProbeStartCompare: tc.compare, KnownMin: tc.known})
			if d.Verdict != Converged || math.Abs(d.SuggestedLR-tc.want) > 1e-12 {
				t.Errorf("%s, suggested %g, want %g: %s", d.Verdict, d.SuggestedLR, tc.want, d.Advice)
			}
			if tc.want != 1 && !strings.Contains(d.Advice, "another basin") {
				t.Errorf("advice does not name the other basin: %s", d.Advice)
			}
		})
	}
}

// restedAt is a 100-iteration run at rate lr that left f0 (‖∇f‖ = g0) in
// its first step and rested at f with ‖∇f‖ = 1e-9: converged there.
func restedAt(f0, g0, f, lr float64) minimize.History {
	var h minimize.History
	for k := 0; k <= 100; k++ {
		fk, g := f, 1e-9
		if k == 0 {
			fk, g = f0, g0
		}
		h.F = append(h.F, fk)
		h.GradNorm = append(h.GradNorm, g)
		h.LR = append(h.LR, lr)
		h.StepCos = append(h.StepCos, 1)
	}
	return h
}

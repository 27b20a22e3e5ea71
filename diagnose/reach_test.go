package diagnose

import (
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestReachFloor: a sign method at lr 0.01 zig-zags for 200 steps, and
// the verdict halves lr to 0.005. Every coordinate moves by exactly the
// rate per step, so at 0.005 none moves more than 1 in the budget: with
// the best point 1.5 from the start along a coordinate the cut is raised
// to 1.5/200 = 0.0075; at 3 from it no rate below lr covers the way and lr
// is kept. A method whose step is not bounded by lr, or a best point 0.5
// away, keeps the halving; so does a mini-batch run, whose way is its
// noise's (TestReachFloorNotOnMiniBatches).
func TestReachFloor(t *testing.T) {
	for _, c := range []struct {
		name    string
		bounded bool
		coord   float64
		want    float64
	}{
		{"raised to the way", true, 1.5, 0.0075},
		{"kept", true, 3, 0.01},
		{"within reach", true, 0.5, 0.005},
		{"step not bounded by lr", false, 3, 0.005},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Diagnose(Input{Status: minimize.MaxIters, History: zigzag(10, 1, 1, 0.1, 1, 0.01), HasLR: true, Family: Adaptive,
				StepAtMostLR: c.bounded, CoordTravel: c.coord})
			if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-c.want) > 1e-12 {
				t.Errorf("%s, suggested %g, want oscillating and %g: %s", d.Verdict, d.SuggestedLR, c.want, d.Advice)
			}
		})
	}
}

// TestReachFloorNotOnMiniBatches: a mini-batch run on a high noise floor
// (SGD on ½x² at 0.1 with gradient noise 30: the floor's spread is far
// above the progress, and the noise-floor rule cuts the rate) whose best
// point lies far from its start, 1e6 along a coordinate — farther than
// any cut could go in the budget. There the way is the noise's doing, not
// the next run's: the cut stands.
func TestReachFloorNotOnMiniBatches(t *testing.T) {
	in := Input{Status: minimize.MaxIters, History: sgdOnHalfSquare(0.1, 30, 10, 400), HasLR: true, Family: Adaptive,
		StepAtMostLR: true, CoordTravel: 1e6, Batch: 16, N: 1000}
	if d := Diagnose(in); d.Verdict != NoiseFloor || !(d.SuggestedLR < 0.1) {
		t.Errorf("%s, suggested %g, want noise_floor and a cut below 0.1: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

// TestInterceptReach: a sign method's slow run at lr 0.001 over 40 units
// of 14 steps (R = 560 steps at lr) on a linear regression whose
// intercept must travel 152 to the targets' mean is sent at least to
// c = 2·152/560 ≈ 0.543, which brings it there in half the budget. A
// method whose step is not exactly lr, an unknown way, or a suggestion
// already above c (within the rounding of a printed rate) are left as they
// were.
func TestInterceptReach(t *testing.T) {
	const lr, gap = 0.001, 152.0
	c := 2 * gap / 560
	for _, tc := range []struct {
		name string
		sign bool
		gap  float64
		lr   float64
		want float64 // 0: the advice without the rule
	}{
		{"raised to the way", true, gap, lr, c},
		{"not a sign method", false, gap, lr, 0},
		{"way unknown", true, 0, lr, 0},
		{"already there", true, gap, c * 1.005, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Status: minimize.MaxIters, Unit: minimize.Epochs, History: slowHistory(0.999, tc.lr, 40), HasLR: true, Family: Adaptive,
				Batch: 32, N: 442, StepsPerUnit: 14, SignStep: tc.sign, InterceptGap: tc.gap}
			d := Diagnose(in)
			want := tc.want
			if want == 0 {
				in.SignStep, in.InterceptGap = false, 0
				want = Diagnose(in).SuggestedLR
				if !(want < c/1.01) && tc.name != "already there" {
					t.Fatalf("the advice without the rule suggests %g, not below c = %g: the case tests nothing", want, c)
				}
			}
			if math.Abs(d.SuggestedLR-want) > 1e-9*want {
				t.Errorf("suggested %g, want %g: %s", d.SuggestedLR, want, d.Advice)
			}
		})
	}
}

package diagnose

import (
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestSelfSized: a method whose rate is only its first step size (Rprop)
// and whose steps grew from lr 0.01 to 5 is started at 5 next time; when
// they grew to the ceiling Δmax = 50 the next run starts at 50 and the
// advice raises Δmax tenfold; steps that did not grow past √10·lr leave
// the advice as it was, as does a probe from the start that blows up at
// the grown size. A zig-zag is not cut: the method halves a step at each
// sign flip by itself, unless a probe from the start shows the cut going
// further (the first steps, of size lr, threw the run). Without StepCeiling (another method) each case
// gets the ordinary advice: a raise of at most 10× and a halving.
func TestSelfSized(t *testing.T) {
	const lr = 0.01
	safe := func(float64) float64 { return 0.5 }
	blowUp := func(float64) float64 { return math.Inf(1) }
	lowerIsBetter := func(c float64) float64 { return c }
	for _, c := range []struct {
		name       string
		hist       minimize.History
		grown, top float64
		probe      func(float64) float64
		want       float64
		verdict    Verdict
		raiseCeil  bool
	}{
		{"grew", slowHistory(0.999, lr, 200), 5, 50, safe, 5, TooSlow, false},
		{"grew to the ceiling", slowHistory(0.999, lr, 200), 50, 50, safe, 50, TooSlow, true},
		{"blows up from the start", slowHistory(0.999, lr, 200), 5, 50, blowUp, 0, TooSlow, false},
		{"did not grow", slowHistory(0.999, lr, 200), 0.02, 50, safe, 0, TooSlow, false},
		{"zig-zag", zigzag(10, 1, 1, 0.1, 1, lr), 0.001, 50, safe, lr, Oscillating, false},
		{"zig-zag, the cut goes further from the start", zigzag(10, 1, 1, 0.1, 1, lr), 0.001, 50, lowerIsBetter, lr / 2, Oscillating, false},
		{"not self-sized, slow", slowHistory(0.999, lr, 200), 5, 0, safe, 0, TooSlow, false},
		{"not self-sized, zig-zag", zigzag(10, 1, 1, 0.1, 1, lr), 0.001, 0, safe, lr / 2, Oscillating, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Status: minimize.MaxIters, History: c.hist, HasLR: true, Family: Adaptive,
				GrownStep: c.grown, StepCeiling: c.top, StepCeilingParam: "step_max", ProbeStart: c.probe}
			if c.top == 0 {
				in.GrownStep = 0
			}
			d := Diagnose(in)
			base := Diagnose(Input{Status: minimize.MaxIters, History: c.hist, HasLR: true, Family: Adaptive, ProbeStart: c.probe})
			want := c.want
			if want == 0 {
				want = base.SuggestedLR // the ordinary advice
			}
			if d.Verdict != c.verdict || math.Abs(d.SuggestedLR-want) > 1e-12*want {
				t.Errorf("%s, suggested %g, want %s and %g: %s", d.Verdict, d.SuggestedLR, c.verdict, want, d.Advice)
			}
			if c.want == 5 || c.want == 50 {
				if !(base.SuggestedLR <= 10*lr) {
					t.Errorf("ordinary advice raises to %g, want at most 10×: the case would not test the rule", base.SuggestedLR)
				}
			}
			a := action(d, SetParam)
			if c.raiseCeil != (a != nil) || (a != nil && (a.Param != "step_max" || a.Value != 500)) {
				t.Errorf("set_param %+v, want it %v (step_max 500): %s", a, c.raiseCeil, d.Advice)
			}
		})
	}
}

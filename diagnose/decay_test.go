package diagnose

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestDecayBound: a run whose largest weight is at half of 1/λ or more is
// told to lower the decoupled weight decay tenfold, first of its actions,
// with the rate the rest of the advice chose; a weight well inside the
// bound, no decay, or a run that converged or diverged gets no such
// action, nor does a run whose weights are not finite (no bound to
// name).
func TestDecayBound(t *testing.T) {
	const eta = 0.1
	noise := sgdOnHalfSquare(eta, 1, 10, 400) // a noise floor at lr 0.1, kept
	div := slowHistory(0.9999, eta, 20)
	div.F[20], div.GradNorm[20] = math.Inf(1), math.Inf(1)
	for _, c := range []struct {
		name string
		in   Input
		want Verdict
		wd   float64 // the weight decay to try, 0: no action
		lr   float64 // the rate the advice keeps
	}{
		{"noise floor at the bound", Input{Status: minimize.MaxIters, History: noise, Batch: 1, N: 1000, DecayCap: 100, MaxAbsX: 93.2}, NoiseFloor, 0.001, eta},
		{"noise floor at half the bound", Input{Status: minimize.MaxIters, History: noise, Batch: 1, N: 1000, DecayCap: 100, MaxAbsX: 50}, NoiseFloor, 0.001, eta},
		{"noise floor inside the bound", Input{Status: minimize.MaxIters, History: noise, Batch: 1, N: 1000, DecayCap: 100, MaxAbsX: 49}, NoiseFloor, 0, eta},
		{"noise floor, weights not finite", Input{Status: minimize.MaxIters, History: noise, Batch: 1, N: 1000, DecayCap: 100, MaxAbsX: math.Inf(1)}, NoiseFloor, 0, eta},
		{"noise floor, no decay", Input{Status: minimize.MaxIters, History: noise, Batch: 1, N: 1000, MaxAbsX: 93.2}, NoiseFloor, 0, eta},
		{"slow at the bound", Input{Status: minimize.MaxIters, History: slowHistory(0.9999, eta, 200), DecayCap: 20, MaxAbsX: 19}, TooSlow, 0.005, 0},
		{"converged", Input{Status: minimize.ConvergedGrad, History: sgdOnHalfSquare(eta, 0, 10, 200), DecayCap: 20, MaxAbsX: 19}, Converged, 0, 0},
		{"diverged", Input{Status: minimize.Diverged, History: div, DecayCap: 20, MaxAbsX: 19}, Diverged, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.in.HasLR = true
			d := Diagnose(c.in)
			if d.Verdict != c.want {
				t.Fatalf("verdict %s (%s), want %s", d.Verdict, d.Advice, c.want)
			}
			a := action(d, SetWeightDecay)
			switch {
			case c.wd == 0 && a != nil:
				t.Errorf("set_weight_decay %+v, want none (%s)", a, d.Advice)
			case c.wd == 0:
			case a == nil || d.Actions[0].Kind != SetWeightDecay || math.Abs(a.WeightDecay-c.wd) > 1e-15:
				t.Errorf("actions %+v, want set_weight_decay %g first", d.Actions, c.wd)
			case !strings.Contains(d.Advice, "lower weight_decay to "+g4(c.wd)):
				t.Errorf("advice %q does not name weight_decay %g", d.Advice, c.wd)
			}
			if c.lr > 0 && d.SuggestedLR != c.lr {
				t.Errorf("suggested lr %g, want %g kept", d.SuggestedLR, c.lr)
			}
		})
	}
}

// TestStandardizedDecay: the advice to standardize a linear regression
// under decoupled weight decay λ = 0.01 looks ahead: the intercept alone
// must then reach the targets' mean, 152 here, beyond 1/λ = 100, so
// lowering λ tenfold comes first, with the standardizing. A mean within
// half the bound (40), an MLP (whose hidden units can carry the mean), or
// no decay leaves the advice as it was.
func TestStandardizedDecay(t *testing.T) {
	for _, c := range []struct {
		name   string
		mean   float64
		linear bool
		cap    float64
		lower  bool
	}{
		{"linear, mean beyond the bound", 152, true, 100, true},
		{"linear, mean within half the bound", 40, true, 100, false},
		{"mlp", 152, false, 100, false},
		{"no decay", 152, true, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Diagnose(Input{Status: minimize.MaxIters, History: slowHistory(0.9999, 0.01, 200), HasLR: true, HasFLower: true,
				ScaleSpread: 100, StandardizedLR: 0.3, TargetMean: c.mean, LinearModel: c.linear, DecayCap: c.cap})
			if a := action(d, Standardize); a == nil {
				t.Fatalf("no standardize action: %+v (%s)", d.Actions, d.Advice)
			}
			first := d.Actions[0].Kind == SetWeightDecay && d.Actions[0].WeightDecay == 0.001
			if first != c.lower {
				t.Errorf("actions %+v: set_weight_decay 0.001 first %v, want %v (%s)", d.Actions, first, c.lower, d.Advice)
			}
		})
	}
}

package diagnose

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// slowRun is a gradient-descent run at rate lr on ½·x² with curvature
// 1e-4 from x = 10 for k steps: F and ‖∇F‖ shrink by (1 − lr·1e-4) a
// step, far from the minimum when the budget ends (too_slow).
func slowRun(lr float64, k int) minimize.History {
	var h minimize.History
	x := 10.0
	for range k + 1 {
		h.F = append(h.F, 0.5e-4*x*x)
		h.GradNorm = append(h.GradNorm, 1e-4*math.Abs(x))
		h.LR = append(h.LR, lr)
		h.StepCos = append(h.StepCos, 1)
		x -= lr * 1e-4 * x
	}
	return h
}

// fastRun is slowRun with curvature 1: ‖∇F‖ falls below 1e-8 by the end.
func fastRun(lr float64, k int) minimize.History {
	var h minimize.History
	x := 10.0
	for range k + 1 {
		h.F = append(h.F, 0.5*x*x)
		h.GradNorm = append(h.GradNorm, math.Abs(x))
		h.LR = append(h.LR, lr)
		h.StepCos = append(h.StepCos, 1)
		x -= lr * x
	}
	return h
}

// TestDecayBound: a run whose largest weight is at half of 1/λ or more is
// told to lower the decoupled weight decay tenfold, first of its actions,
// with the rate the rest of the advice chose; a weight well inside the
// bound, no decay, or a run that converged or diverged gets no such
// action.
func TestDecayBound(t *testing.T) {
	const eta = 0.1
	noise := sgdOnHalfSquare(eta, 1, 10, 400) // a noise floor at lr 0.1, kept
	div := slowRun(eta, 20)
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
		{"noise floor, no decay", Input{Status: minimize.MaxIters, History: noise, Batch: 1, N: 1000, MaxAbsX: 93.2}, NoiseFloor, 0, eta},
		{"slow at the bound", Input{Status: minimize.MaxIters, History: slowRun(eta, 200), DecayCap: 20, MaxAbsX: 19}, TooSlow, 0.005, 0},
		{"converged", Input{Status: minimize.ConvergedGrad, History: fastRun(eta, 200), DecayCap: 20, MaxAbsX: 19}, Converged, 0, 0},
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
			d := Diagnose(Input{Status: minimize.MaxIters, History: slowRun(0.01, 200), HasLR: true, HasFLower: true,
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

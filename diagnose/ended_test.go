package diagnose

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// quadraticUnder is the history of gradient descent on f(x) = x²/2 (L = 1)
// from x₀ = 1 with lr_t = lr(t) for the step into row t+1: x_{t+1} =
// (1 − lr_t)·x_t, F = x²/2, ‖∇f‖ = |x| — a closed form, not the package's
// run. Row 0 records lr(0), as minimize does.
func quadraticUnder(lr func(t int) float64, rows int) minimize.History {
	var h minimize.History
	x := 1.0
	for k := 0; k < rows; k++ {
		if k > 0 {
			x *= 1 - lr(k-1)
		}
		h.F = append(h.F, x*x/2)
		h.GradNorm = append(h.GradNorm, math.Abs(x))
		h.LR = append(h.LR, lr(max(k-1, 0)))
		h.StepCos = append(h.StepCos, math.NaN())
	}
	return h
}

// TestScheduleEnded: gradient descent on x²/2 (stable bound 2/L = 2) under
// a linear decay of lr_t = 0.01·(1 − t/200) to 0 at step 200, over a
// budget of 300: the last 100 iterations take steps of length 0 and f
// stands still. At 0.01, a two-hundredth of the bound, the run is far too
// slow: the advice must raise the rate the user sets (to at most the
// bound), say where the rate ended, and stretch the schedule over the
// run's 300 steps rather than raise the budget, which changes nothing at
// a rate of 0. Whether f's flat tail ended the run by the budget or by an
// f-change rule (converged_f) the advice is the same. Where the rate
// reached 0 after the run had converged (lr 0.9 from x₀ = 1 reaches
// ‖∇f‖ < 1e-8 in 8 steps, the rate ends at step 200), the verdict stays
// converged, without a stretch.
func TestScheduleEnded(t *testing.T) {
	const base, ends, rows = 0.01, 200, 301
	linear := func(b float64) func(int) float64 {
		return func(t int) float64 { return b * max(0, 1-float64(t)/ends) }
	}
	for _, status := range []minimize.Status{minimize.MaxIters, minimize.ConvergedF} {
		t.Run(status.String(), func(t *testing.T) {
			h := quadraticUnder(linear(base), rows)
			if h.LR[ends] <= 0 || h.LR[ends+1] != 0 || h.F[rows-1] != h.F[ends+1] {
				t.Fatalf("the history does not end its rate at row %d: lr %g, %g", ends, h.LR[ends], h.LR[ends+1])
			}
			d := Diagnose(Input{Status: status, History: h, HasLR: true, BaseLR: base, Bound: 2, L: 1})
			if d.Verdict != TooSlow || !(d.SuggestedLR > base) || d.SuggestedLR > 2 {
				t.Errorf("%s, suggested %g; want too_slow and a raise of lr %g up to the bound 2: %s", d.Verdict, d.SuggestedLR, base, d.Advice)
			}
			if a := action(d, StretchSchedule); a == nil || a.Steps != rows-1 {
				t.Errorf("actions %+v: want stretch_schedule to %d steps", d.Actions, rows-1)
			}
			if a := action(d, RaiseBudget); a != nil {
				t.Errorf("a raise_budget action under a rate of 0: %+v", *a)
			}
			if !strings.Contains(d.Advice, "reached 0 after iteration 200 of 300") {
				t.Errorf("the advice does not say where the rate ended: %s", d.Advice)
			}
		})
	}
	t.Run("f moves at rate 0", func(t *testing.T) {
		// A method whose steps do not scale with the rate (Rprop) goes
		// on after its rate reached 0: the run is not cut, and no stretch
		// is asked for.
		h := quadraticUnder(linear(base), rows)
		for k := ends + 1; k < rows; k++ {
			h.F[k] = h.F[ends] * math.Pow(0.99, float64(k-ends))
		}
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, BaseLR: base, Bound: 2, L: 1})
		if action(d, StretchSchedule) != nil || strings.Contains(d.Advice, "reached 0") {
			t.Errorf("actions %+v; want no stretch where f moved at rate 0: %s", d.Actions, d.Advice)
		}
	})
	t.Run("converged first", func(t *testing.T) {
		h := quadraticUnder(linear(0.9), rows)
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, BaseLR: 0.9, Bound: 2, L: 1})
		if d.Verdict != Converged || action(d, StretchSchedule) != nil {
			t.Errorf("%s, actions %+v; want converged without a stretch: %s", d.Verdict, d.Actions, d.Advice)
		}
	})
}

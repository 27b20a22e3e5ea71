package minimize

import (
	"context"
	"math"
	"testing"

	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// TestScheduleCyclesMomentum: with onecycle (cycle_momentum=true) on SGD
// with momentum, Minimize's iterates on f = ½·a·x² follow the heavy-ball
// recursion b₁ = g₁, bₖ = μₖbₖ₋₁ + gₖ, xₖ = xₖ₋₁ − lrₖbₖ with the
// schedule's rate and momentum of every step; with cycle_momentum=false μ
// stays 0.9. An optimizer without momentum is refused.
func TestScheduleCyclesMomentum(t *testing.T) {
	const a, steps = 3.0, 25
	q := quad{a: []float64{a}}
	for _, cycle := range []bool{true, false} {
		sp := spec.MustParse("onecycle:max_lr=0.2,total_steps=25")
		if !cycle {
			sp = sp.With("cycle_momentum", "false")
		}
		newSched := func() schedule.Schedule {
			s, err := schedule.NewSpec(sp, schedule.Context{BaseLR: 0.01, Steps: steps})
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		res, err := Minimize(context.Background(), q, []float64{2}, &optim.SGD{LearningRate: 0.01, Momentum: 0.9},
			Settings{Stop: Stop{MaxIters: steps}, KeepPath: true, Schedule: newSched()})
		if err != nil {
			t.Fatal(err)
		}
		ref := newSched()
		x, b := 2.0, 0.0
		for k := 1; k <= steps; k++ {
			lr, mu := ref.LR(), 0.9
			if m, ok := schedule.MomentumOf(ref); ok {
				mu = m
			}
			g := a * x
			if k == 1 {
				b = g
			} else {
				b = mu*b + g
			}
			x -= lr * b
			ref.Step(math.NaN())
			if got := res.History.X[k][0]; math.Abs(got-x) > 1e-13*math.Max(1, math.Abs(x)) {
				t.Fatalf("cycle_momentum=%v, step %d: x = %.17g, heavy ball %.17g", cycle, k, got, x)
			}
		}
	}
	s, _ := schedule.NewSpec(spec.MustParse("onecycle:max_lr=0.2,total_steps=25"), schedule.Context{BaseLR: 0.01, Steps: steps})
	if _, err := Minimize(context.Background(), q, []float64{2}, &optim.Adagrad{}, Settings{Stop: Stop{MaxIters: steps}, Schedule: s}); err == nil {
		t.Error("onecycle with adagrad (no momentum) was not refused")
	}
}

// TestAveragedReport: Result.Averaged is the optimizer's averaged point
// with f there. For ASGD before averaging starts (t₀ = 1e6) it is the last
// iterate; averaging from t₀ = 0 on f = x₁² + 2.5x₂², whose iterates
// decrease monotonically from x₀ = 1, the mean lies strictly between the
// last iterate and x₀. Non-averaging optimizers leave it nil.
func TestAveragedReport(t *testing.T) {
	q := quad{a: []float64{2, 5}}
	run := func(o optim.Algorithm) *Result {
		r, err := Minimize(context.Background(), q, []float64{1, -1}, o, Settings{Stop: Stop{MaxIters: 30}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := run(&optim.ASGD{LearningRate: 0.05})
	if r.Averaged == nil || r.Averaged.X[0] != r.X[0] || r.Averaged.X[1] != r.X[1] || r.Averaged.F != q.Value(r.X) || r.Averaged.Iteration != 30 {
		t.Errorf("asgd before averaging: Averaged %+v, X %v", r.Averaged, r.X)
	}
	r = run(&optim.ASGD{LearningRate: 0.05, T0: optim.Zero})
	if a := r.Averaged; a == nil || !(a.X[0] > r.X[0] && a.X[0] < 1) || a.F != q.Value(a.X) {
		t.Errorf("asgd averaging from t0 = 0: Averaged %+v, last iterate %v", r.Averaged, r.X)
	}
	if r := run(&optim.Adam{}); r.Averaged != nil {
		t.Errorf("adam: Averaged = %+v, want nil", r.Averaged)
	}
}

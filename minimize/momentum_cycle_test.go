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

package optim

import (
	"math"
	"testing"

	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// TestMomentumCycleTorch replays torch 1.13.1 runs of SGD (plain, Nesterov,
// and momentum 0 at construction), RMSprop, Adam, AdamW, Adamax, RAdam and
// NAdam under
// OneCycleLR / CyclicLR with cycle_momentum=True
// (testdata/torch/gen_momentum_cycle.py), driven as the engines drive
// them: before every step SetLR(s.LR()) and schedule.ApplyMomentum, after
// it s.Step. The rate and momentum of every step equal torch's, and x
// after every step is within 1e-12 relative (bit for bit in practice).
func TestMomentumCycleTorch(t *testing.T) {
	var f struct {
		Cases []struct {
			Opt, Schedule, Func string
			X0                  []float64
			Traj                [][]float64
			LR, Momentum        []float64
		}
	}
	readTorchJSON(t, "momentum_cycle.json", &f)
	if len(f.Cases) < 24 {
		t.Fatalf("%d cases, want ≥ 24", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Opt+"/"+c.Schedule+"/"+c.Func, func(t *testing.T) {
			o := torchNew(t, c.Opt)
			sp, err := spec.Parse(c.Schedule)
			if err != nil {
				t.Fatal(err)
			}
			s, err := schedule.NewSpec(sp, schedule.Context{BaseLR: o.(LRer).LR(), Steps: len(c.Traj)})
			if err != nil {
				t.Fatal(err)
			}
			obj := torchObjective(c.Func, false, false)
			x := append([]float64(nil), c.X0...)
			g := make([]float64, len(x))
			o.Init(len(x))
			if err := schedule.ApplyMomentum(s, o); err != nil {
				t.Fatal(err)
			}
			for k, want := range c.Traj {
				o.(LRer).SetLR(s.LR())
				if err := schedule.ApplyMomentum(s, o); err != nil {
					t.Fatal(err)
				}
				m, _ := schedule.MomentumOf(s)
				if s.LR() != c.LR[k] || m != c.Momentum[k] {
					t.Fatalf("step %d: lr %v, momentum %v; torch %v, %v", k+1, s.LR(), m, c.LR[k], c.Momentum[k])
				}
				obj.ValueGrad(g, x)
				o.Step(x, g)
				s.Step(math.NaN())
				for i, w := range want {
					if math.Abs(x[i]-w) > 1e-12*math.Abs(w) {
						t.Fatalf("step %d: x = %.17g, torch %.17g", k+1, x, want)
					}
				}
			}
		})
	}
}

// TestPowInt: powInt(b, t) is b^t correctly rounded: against exact
// rational powers for the β₁ values schedules produce.
func TestPowInt(t *testing.T) {
	for _, b := range []float64{0.9, 0.85, 0.95, 0.8999999999999999, 0.5, 0.99, 0.123456789} {
		for _, n := range []int{1, 2, 3, 7, 10, 64, 100, 1000, 12345} {
			if got, want := powInt(b, n), torchExactPow(b, n); got != want {
				t.Errorf("powInt(%v, %d) = %v, want %v", b, n, got, want)
			}
		}
	}
}

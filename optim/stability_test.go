package optim

import (
	"math"
	"testing"
)

// TestBoundIsSharp steps the real optimizers on f = ½L·x² at 0.98 and 1.02
// times their StableLR bound and checks that the iterates contract below
// it and grow above it, so the bounds are sharp, not just safe.
func TestBoundIsSharp(t *testing.T) {
	const L = 4.0
	for _, o := range []Optimizer{
		&GD{},
		&SGD{Momentum: 0.7},
		&SGD{Momentum: 0.7, Nesterov: true},
		&SGD{Momentum: 0.7, Dampening: 0.5},
	} {
		b := StableLR(o, L)
		if !(b.LR > 0) {
			t.Fatalf("%+v: no bound (%s)", o, b.Rule)
		}
		for _, c := range []struct {
			factor float64
			stable bool
		}{{0.98, true}, {1.02, false}} {
			o.Init(1)
			o.(LRer).SetLR(b.LR * c.factor)
			x, g := []float64{1}, []float64{0}
			for k := 0; k < 5000; k++ {
				g[0] = L * x[0]
				o.Step(x, g)
			}
			if got := math.Abs(x[0]) < 1; got != c.stable {
				t.Errorf("%+v at %.2f×bound (%s): |x| = %g, stable=%v", o, c.factor, b.Rule, math.Abs(x[0]), c.stable)
			}
		}
	}
}

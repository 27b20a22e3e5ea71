package diagnose

import (
	"testing"

	"github.com/descentgo/descent/optim"
)

// TestFamilyOf: each kind of step rule is advised as its family — the
// sign methods, Muon and Rprop, whose steps do not scale with the
// gradient, as adaptive ones, never told to add momentum or held to a 2/L bound.
func TestFamilyOf(t *testing.T) {
	for _, c := range []struct {
		alg  optim.Algorithm
		want Family
	}{
		{&optim.SGD{LearningRate: 0.1}, Plain},
		{&optim.SGD{LearningRate: 0.1, Momentum: 0.9}, Momentum},
		{&optim.Adam{}, Adaptive},
		{&optim.RMSprop{}, Adaptive},
		{&optim.Lion{}, Adaptive},
		{&optim.SignSGD{}, Adaptive},
		{&optim.Signum{}, Adaptive},
		{&optim.Muon{}, Adaptive},
		{&optim.Rprop{}, Adaptive},
		{&optim.Clipped{Opt: &optim.Lion{}, MaxNorm: 1}, Adaptive},
		{&optim.LBFGS{}, Method},
	} {
		if got := FamilyOf(c.alg); got != c.want {
			t.Errorf("%T: family %v, want %v", optim.Unwrap(c.alg), got, c.want)
		}
	}
}

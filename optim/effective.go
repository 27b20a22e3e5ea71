package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
)

// Effective learning rates of the adaptive methods (PerCoordinate).
//
// Each EffectiveLR is computed from the state now, after the last step t:
// the per-coordinate denominator (√v̂ᵢ+ε, or the method's own) and bias
// corrections of step t, and the learning rate in use now (so a schedule's
// SetLR after the step is reflected). It is the rate the last step applied
// to each coordinate per unit of its (bias-corrected, momentum-averaged)
// gradient, and the rate the next step will apply if its gradient leaves
// the running averages unchanged. The arithmetic is the Step's, so the
// values are the ones the update multiplies by.

// effectiveDst returns dst ready for n values: a new slice when dst is nil;
// it panics when dst has another length (a programmer error, as in Step).
func effectiveDst(name string, dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("optim: %s.EffectiveLR: len(dst)=%d, want %d (the n given to Init)", name, len(dst), n))
	}
	return dst
}

// fill sets every element of dst to v and returns dst.
func fill(dst []float64, v float64) []float64 {
	for i := range dst {
		dst[i] = v
	}
	return dst
}

// FirstStepPerLR returns ‖x₁ − x₀‖₂/lr for the first step of a fresh copy
// of the optimizer a (built by newAlg, which must return a new instance of
// a's kind) from x0 with gradient g0 — for an adaptive method the length of
// its first step per unit of rate, which does not depend on the gradient's
// size: √(number of nonzero gᵢ) for Adam, Adagrad and Adamax (their first
// step moves each such coordinate by lr·gᵢ/(|gᵢ|+ε)), 1/√(1−α) times that
// for RMSprop. It returns 0 when the algorithm has no learning rate or is
// not an Optimizer. The advice of package diagnose uses it to keep a raise
// of an adaptive method's rate within the distance a run travelled.
func FirstStepPerLR(newAlg func() Algorithm, x0, g0 []float64) float64 {
	a := newAlg()
	o, ok := a.(Optimizer)
	if !ok {
		return 0
	}
	o.Init(len(x0))
	lr, hasLR := StepLR(a)
	if !hasLR || !(lr > 0) {
		return 0
	}
	x := append([]float64(nil), x0...)
	o.Step(x, g0)
	d := fn.Dist(x, x0) / lr
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return 0
	}
	return d
}

// EffectiveStepper is a learning-rate-free method that reports the step
// size it chose at its last step (DoG's η = c·r̄/√G, Prodigy's d·lr): the
// rate it found, which traces record in their "step" column.
type EffectiveStepper interface {
	EffectiveStep() float64
}

// distanceEstimate resolves and checks the parameters shared by the
// methods that estimate the distance d to the solution (Prodigy,
// D-Adaptation): d₀ (0 means 1e-6) must be a positive number, growth_rate
// (0 means unlimited) at least 1.
func distanceEstimate(d0, growth float64) (float64, float64, error) {
	if d0 == 0 {
		d0 = 1e-6
	}
	if growth == 0 {
		growth = math.Inf(1)
	}
	switch {
	case !(d0 > 0) || math.IsInf(d0, 0):
		return 0, 0, fmt.Errorf("invalid d0 %g: must be > 0", d0)
	case !(growth >= 1):
		return 0, 0, fmt.Errorf("invalid growth_rate %g: must be ≥ 1 (0: unlimited)", growth)
	}
	return d0, growth, nil
}

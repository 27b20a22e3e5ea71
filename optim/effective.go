package optim

import "fmt"

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

package optim

import (
	"math"

	"github.com/descentgo/descent/fn"
)

// ClipNorm rescales g in place so that ‖g‖₂ ≤ maxNorm, exactly as
// torch.nn.utils.clip_grad_norm_ does: g ← g·min(1, maxNorm/(‖g‖₂ + 1e-6)).
// It returns the norm before clipping. maxNorm ≤ 0 leaves g unchanged.
//
// Clipping is Pascanu, Mikolov & Bengio, "On the difficulty of training
// recurrent neural networks" (ICML 2013).
func ClipNorm(g []float64, maxNorm float64) float64 {
	norm := fn.Norm2(g)
	if maxNorm > 0 {
		if coef := maxNorm / (norm + 1e-6); coef < 1 {
			for i := range g {
				g[i] *= coef
			}
		}
	}
	return norm
}

// ClipValue clamps every component of g in place to [−maxValue, maxValue],
// as torch.nn.utils.clip_grad_value_ does. maxValue ≤ 0 leaves g unchanged.
func ClipValue(g []float64, maxValue float64) {
	if maxValue <= 0 {
		return
	}
	for i, v := range g {
		g[i] = math.Max(-maxValue, math.Min(maxValue, v))
	}
}

// Clip applies ClipNorm and then ClipValue; a zero threshold skips its part.
func Clip(g []float64, maxNorm, maxValue float64) {
	if maxNorm > 0 {
		ClipNorm(g, maxNorm)
	}
	ClipValue(g, maxValue)
}

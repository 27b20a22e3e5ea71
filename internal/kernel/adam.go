package kernel

import "math"

// AdamCoef holds the scalars of one Adam step (see AdamStep).
type AdamCoef struct {
	W1, B2, W2 float64 // 1 − β₁, β₂, 1 − β₂
	NegStep    float64 // −lr/(1 − β₁ᵗ)
	BC2Sqrt    float64 // √(1 − β₂ᵗ)
	Eps        float64
}

// AdamStep applies Adam's update without weight decay or AMSGrad to every
// element i of x, from g, m and v (all of len(x) or more), as
// torch.optim.Adam's single-tensor loop does:
//
//	m ← fma(W1, g − m, m)            (torch.lerp for W1 < ½)
//	v ← fma(W2·g, g, v·B2)
//	x ← x + (NegStep·m)/(√v/BC2Sqrt + Eps)
//
// The AVX2/FMA assembly computes four elements at once with the same
// correctly rounded operations in the same order, so its result is the
// scalar loop's to the bit. It panics if W1 ≥ ½ (torch.lerp then uses the
// other form) or a slice is shorter than x.
func AdamStep(x, g, m, v []float64, c *AdamCoef) {
	n := len(x)
	if len(g) < n || len(m) < n || len(v) < n {
		panic("kernel: AdamStep: a slice is shorter than x")
	}
	if !(c.W1 < 0.5) {
		panic("kernel: AdamStep: W1 ≥ ½")
	}
	k := 0
	if useAsm && n >= 4 {
		k = n &^ 3
		adamAsm(k, &x[0], &g[0], &m[0], &v[0], c)
	}
	adamGeneric(x[k:], g[k:n], m[k:n], v[k:n], c)
}

func adamGeneric(x, g, m, v []float64, c *AdamCoef) {
	for i, gi := range g {
		mi := math.FMA(c.W1, gi-m[i], m[i])
		m[i] = mi
		vi := math.FMA(c.W2*gi, gi, v[i]*c.B2)
		v[i] = vi
		x[i] += c.NegStep * mi / (math.Sqrt(vi)/c.BC2Sqrt + c.Eps)
	}
}

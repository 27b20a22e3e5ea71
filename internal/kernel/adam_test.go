package kernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAdamStepMatchesScalar: the AVX2 loop gives the scalar loop's bits
// (adamGeneric, the formula of torch.optim.Adam's single-tensor step) for
// lengths 0 … 37 and 1000, over values spanning 1e−300 … 1e300 with zeros,
// signs, NaN and ±Inf mixed in, for several steps' coefficients.
func TestAdamStepMatchesScalar(t *testing.T) {
	if !useAsm {
		t.Skip("no AVX2/FMA")
	}
	r := rand.New(rand.NewPCG(3, 4))
	val := func() float64 {
		switch r.IntN(20) {
		case 0:
			return 0
		case 1:
			return math.NaN()
		case 2:
			return math.Inf(1 - 2*r.IntN(2))
		}
		return r.NormFloat64() * math.Pow(10, float64(r.IntN(601)-300))
	}
	coefs := []AdamCoef{
		{W1: 0.1, B2: 0.999, W2: 0.001, NegStep: -0.001 / (1 - 0.9), BC2Sqrt: math.Sqrt(1 - 0.999), Eps: 1e-8},
		{W1: 0.1, B2: 0.999, W2: 0.001, NegStep: -0.01 / (1 - math.Pow(0.9, 37)), BC2Sqrt: math.Sqrt(1 - math.Pow(0.999, 37)), Eps: 1e-8},
		{W1: 0.25, B2: 0.9, W2: 0.1, NegStep: -3, BC2Sqrt: 0.3, Eps: 0},
	}
	for _, n := range append([]int{1000}, func() []int {
		s := make([]int, 38)
		for i := range s {
			s[i] = i
		}
		return s
	}()...) {
		for ci := range coefs {
			c := coefs[ci]
			x, g, m, v := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range x {
				x[i], g[i], m[i], v[i] = val(), val(), val(), math.Abs(val())
			}
			x2, m2, v2 := append([]float64(nil), x...), append([]float64(nil), m...), append([]float64(nil), v...)
			AdamStep(x, g, m, v, &c)
			adamGeneric(x2, g, m2, v2, &c)
			for i := range x {
				for _, p := range [][2]float64{{x[i], x2[i]}, {m[i], m2[i]}, {v[i], v2[i]}} {
					if math.Float64bits(p[0]) != math.Float64bits(p[1]) && !(math.IsNaN(p[0]) && math.IsNaN(p[1])) {
						t.Fatalf("n %d, coef %d, element %d: assembly %v, scalar %v", n, ci, i, p[0], p[1])
					}
				}
			}
		}
	}
}

func BenchmarkAdamStep(b *testing.B) {
	const n = 203530 // the W4 MLP's parameters
	x, g, m, v := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range g {
		g[i] = float64(i%7) - 3
	}
	c := AdamCoef{W1: 0.1, B2: 0.999, W2: 0.001, NegStep: -0.01, BC2Sqrt: 0.03, Eps: 1e-8}
	for _, impl := range []struct {
		name string
		f    func()
	}{{"asm", func() { AdamStep(x, g, m, v, &c) }}, {"scalar", func() { adamGeneric(x, g, m, v, &c) }}} {
		b.Run(impl.name, func(b *testing.B) {
			for range b.N {
				impl.f()
			}
		})
	}
}

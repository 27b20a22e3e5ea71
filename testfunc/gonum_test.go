package testfunc

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/optimize/functions"
)

// TestAgainstGonum compares values and gradients with the independent
// implementations in gonum.org/v1/gonum/optimize/functions, where gonum
// has the same function (gonum's ExtendedRosenbrock is the chained form,
// equal to ours only for n = 2; its vlse functions have no gradients).
func TestAgainstGonum(t *testing.T) {
	type gfunc interface{ Func([]float64) float64 }
	type ggrad interface{ Grad(grad, x []float64) }
	cases := []struct {
		spec string
		g    gfunc
	}{
		{"beale", functions.Beale{}},
		{"box-3d", functions.Box3D{}},
		{"brown-badly-scaled", functions.BrownBadlyScaled{}},
		{"gaussian", functions.Gaussian{}},
		{"helical-valley", functions.HelicalValley{}},
		{"powell-badly-scaled", functions.PowellBadlyScaled{}},
		{"powell-singular", functions.ExtendedPowellSingular{}},
		{"wood", functions.Wood{}},
		{"sphere", functions.Sphere{}},
		{"sphere:n=7", functions.Sphere{}},
		{"rosenbrock", functions.ExtendedRosenbrock{}},
		{"ackley", functions.Ackley{}},
		{"ackley:n=5", functions.Ackley{}},
		{"three-hump-camel", functions.CamelThree{}},
		{"rastrigin:n=3", functions.Rastrigin{}},
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, c := range cases {
		f, err := lookup(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		pts := testPoints(f, rng)
		for _, m := range f.Minima {
			pts = append(pts, m)
		}
		for _, x := range pts {
			want := c.g.Func(x)
			got := f.Value(x)
			if math.Abs(got-want) > 1e-13*math.Max(1, math.Abs(want)) {
				t.Errorf("%s at %v: f = %.17g, gonum %.17g", c.spec, x, got, want)
			}
			gg, ok := c.g.(ggrad)
			if !ok {
				continue
			}
			wg := make([]float64, f.N)
			gg.Grad(wg, x)
			g := make([]float64, f.N)
			f.ValueGrad(g, x)
			scale := math.Max(normInf(wg), 1e-300)
			for i := range g {
				// The floor covers rounding noise at the minimizers.
				if math.Abs(g[i]-wg[i]) > 1e-12*scale+1e-15 {
					t.Errorf("%s at %v: ∇f = %v, gonum %v", c.spec, x, g, wg)
					break
				}
			}
		}
	}
}

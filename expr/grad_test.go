package expr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// gradCase is a formula in x, y, z with an independent Go implementation.
type gradCase struct {
	src string
	f   func(x, y, z float64) float64
	pos bool // evaluate only at points with positive coordinates
}

var gradCases = []gradCase{
	{"x + y - z", func(x, y, z float64) float64 { return x + y - z }, false},
	{"x * y * z", func(x, y, z float64) float64 { return x * y * z }, false},
	{"x / y", func(x, y, z float64) float64 { return x / y }, false},
	{"x^2 + y^3 - z^4", func(x, y, z float64) float64 { return x*x + y*y*y - z*z*z*z }, false},
	{"x^-2 + y^-1", func(x, y, z float64) float64 { return 1/(x*x) + 1/y }, false},
	{"x^5 - 3*x^4*y", func(x, y, z float64) float64 { return math.Pow(x, 5) - 3*math.Pow(x, 4)*y }, false},
	{"x^70 / 2^70", func(x, y, z float64) float64 { return math.Pow(x/2, 70) }, true},
	{"x^0.5 + y^1.5 + z^-0.25", func(x, y, z float64) float64 { return math.Sqrt(x) + math.Pow(y, 1.5) + math.Pow(z, -0.25) }, true},
	{"2^x + 3^-y + 0.5^z", func(x, y, z float64) float64 { return math.Pow(2, x) + math.Pow(3, -y) + math.Pow(0.5, z) }, false},
	{"e^(x*y)", func(x, y, z float64) float64 { return math.Exp(x * y) }, false},
	{"pow(x, y) + pow(y, z)", func(x, y, z float64) float64 { return math.Pow(x, y) + math.Pow(y, z) }, true},
	{"sin(x) * cos(y) + z", func(x, y, z float64) float64 { return math.Sin(x)*math.Cos(y) + z }, false},
	{"tan(x) - tan(y*z)", func(x, y, z float64) float64 { return math.Tan(x) - math.Tan(y*z) }, false},
	{"exp(-x^2 - y^2) * z", func(x, y, z float64) float64 { return math.Exp(-x*x-y*y) * z }, false},
	{"log(x^2 + 1) + log(y)", func(x, y, z float64) float64 { return math.Log(x*x+1) + math.Log(y) }, true},
	{"sqrt(x^2 + y^2 + z^2)", func(x, y, z float64) float64 { return math.Sqrt(x*x + y*y + z*z) }, false},
	{"abs(x - y) + abs(z)", func(x, y, z float64) float64 { return math.Abs(x-y) + math.Abs(z) }, false},
	{"tanh(x*y) + tanh(3*z)", func(x, y, z float64) float64 { return math.Tanh(x*y) + math.Tanh(3*z) }, false},
	{"atan(x*y) + asin(z/4) - acos(x/5)", func(x, y, z float64) float64 { return math.Atan(x*y) + math.Asin(z/4) - math.Acos(x/5) }, false},
	{"sinh(x-y) + log(cosh(2*z))", func(x, y, z float64) float64 { return math.Sinh(x-y) + math.Log(math.Cosh(2*z)) }, false},
	{"sigmoid(x - 2*y) * z", func(x, y, z float64) float64 { return z / (1 + math.Exp(-(x - 2*y))) }, false},
	{"softplus(3*x) - softplus(-y) + softplus(z)", func(x, y, z float64) float64 {
		sp := func(t float64) float64 { return math.Log(1 + math.Exp(t)) }
		return sp(3*x) - sp(-y) + sp(z)
	}, false},
	{"min(x, y) * max(y, z^2)", func(x, y, z float64) float64 { return math.Min(x, y) * math.Max(y, z*z) }, false},
	{"atan2(y, x) + atan2(x*z, 1 - y)", func(x, y, z float64) float64 { return math.Atan2(y, x) + math.Atan2(x*z, 1-y) }, false},
	{"(1-x)^2 + 100*(y-x^2)^2", func(x, y, z float64) float64 { return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) }, false},
	{"-x^2 + 2^-y", func(x, y, z float64) float64 { return -x*x + math.Pow(2, -y) }, false},
	{"(x + y)^2 - (x - z)^2", func(x, y, z float64) float64 { return (x+y)*(x+y) - (x-z)*(x-z) }, false},
	{"(x + 3)^2 + (2 - y)^2 + (z - 1)^2", func(x, y, z float64) float64 { return (x+3)*(x+3) + (2-y)*(2-y) + (z-1)*(z-1) }, false},
	{"x - 3*y + 4*z*x - y*5", func(x, y, z float64) float64 { return x - 3*y + 4*z*x - 5*y }, false},
	{"1/x + 2/(y + 5)", func(x, y, z float64) float64 { return 1/x + 2/(y+5) }, false},
	{"x/3 - y*pi + z/e", func(x, y, z float64) float64 { return x/3 - y*math.Pi + z/math.E }, false},
	{"sin(x)^2 + cos(x)^2 + x*sin(x)", func(x, y, z float64) float64 { return 1 + x*math.Sin(x) }, false},
	{"pow(x, 3) * pow(2, y) + pow(z, 2)", func(x, y, z float64) float64 { return x*x*x*math.Pow(2, y)*1 + z*z }, false},
	{"x*x*x*x - y", func(x, y, z float64) float64 { return x*x*x*x - y }, false},
	{"sigmoid(x) * (1 - sigmoid(x))", func(x, y, z float64) float64 {
		s := 1 / (1 + math.Exp(-x))
		return s * (1 - s)
	}, false},
	{"3*(x - y)^2 / (1 + z^2)", func(x, y, z float64) float64 { return 3 * (x - y) * (x - y) / (1 + z*z) }, false},
	{"exp(sin(x) + cos(y*z))", func(x, y, z float64) float64 { return math.Exp(math.Sin(x) + math.Cos(y*z)) }, false},
	{"-(-x) + +y - -z", func(x, y, z float64) float64 { return x + y + z }, false},
	{"max(sqrt(x), 1/y) + min(log(z), 0)", func(x, y, z float64) float64 { return math.Max(math.Sqrt(x), 1/y) + math.Min(math.Log(z), 0) }, true},
	{"sigmoid(40*x) + softplus(50*y)", func(x, y, z float64) float64 {
		return 1/(1+math.Exp(-40*x)) + math.Log1p(math.Exp(50*y))
	}, false},
	{"x*y*(x + y) - (x*y)^2 + sin(x*y)", func(x, y, z float64) float64 { return x*y*(x+y) - x*y*x*y + math.Sin(x*y) }, false},
	{"(x*y - z)^2 + 2*(x*y - z)", func(x, y, z float64) float64 { return (x*y-z)*(x*y-z) + 2*(x*y-z) }, false},
	{"pow(x - 1, 2) + pow(y, -3)", func(x, y, z float64) float64 { return (x-1)*(x-1) + 1/(y*y*y) }, false},
	{"x^2.5 * log(1 + y) / sqrt(z)", func(x, y, z float64) float64 { return math.Pow(x, 2.5) * math.Log(1+y) / math.Sqrt(z) }, true},
}

// testPoints returns points at which to check derivatives. They avoid the
// kinks of abs, min and max and the singularities of the test formulas.
func testPoints(pos bool) [][]float64 {
	if pos {
		return [][]float64{{0.7, 1.3, 0.4}, {2.1, 0.35, 1.7}, {1.05, 2.6, 3.2}, {0.2, 0.9, 0.6}}
	}
	return [][]float64{{0.7, -0.4, 1.3}, {-1.1, 0.6, -0.8}, {0.3, 1.9, 0.45}, {-0.55, -1.35, 2.2}, {1.6, 0.15, -0.3}}
}

// centralDiff returns the central finite-difference gradient of f at x.
func centralDiff(f func([]float64) float64, x []float64) []float64 {
	g := make([]float64, len(x))
	xx := append([]float64(nil), x...)
	for i := range x {
		h := 1e-6 * math.Max(1, math.Abs(x[i]))
		xx[i] = x[i] + h
		fp := f(xx)
		xx[i] = x[i] - h
		fm := f(xx)
		xx[i] = x[i]
		g[i] = (fp - fm) / (2 * h)
	}
	return g
}

func close(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestGradientFiniteDifferences(t *testing.T) {
	if len(gradCases) < 30 {
		t.Fatalf("only %d gradient cases", len(gradCases))
	}
	vars := []string{"x", "y", "z"}
	for _, c := range gradCases {
		p, err := Compile(c.src, vars)
		if err != nil {
			t.Errorf("Compile(%q): %v", c.src, err)
			continue
		}
		ref := func(x []float64) float64 { return c.f(x[0], x[1], x[2]) }
		for _, x := range testPoints(c.pos) {
			want := ref(x)
			if v := p.Value(x); !close(v, want, 1e-13) {
				t.Errorf("%s at %v = %v, want %v", c.src, x, v, want)
			}
			g := make([]float64, 3)
			v := p.ValueGrad(g, x)
			if !close(v, want, 1e-13) {
				t.Errorf("%s: ValueGrad at %v = %v, want %v", c.src, x, v, want)
			}
			fd := centralDiff(ref, x)
			for i := range g {
				if !close(g[i], fd[i], 1e-6) {
					t.Errorf("%s at %v: ∂/∂%s = %v, finite differences %v", c.src, x, vars[i], g[i], fd[i])
				}
			}
		}
	}
}

func TestHessVecFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range gradCases {
		p := MustCompile(c.src, []string{"x", "y", "z"})
		for _, x := range testPoints(c.pos) {
			v := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
			hv := make([]float64, 3)
			p.HessVec(hv, x, v)
			// (∇f(x+hv) - ∇f(x-hv)) / 2h, with the gradient checked above.
			const h = 1e-5
			xp, xm := make([]float64, 3), make([]float64, 3)
			for i := range x {
				xp[i], xm[i] = x[i]+h*v[i], x[i]-h*v[i]
			}
			gp, gm := make([]float64, 3), make([]float64, 3)
			p.ValueGrad(gp, xp)
			p.ValueGrad(gm, xm)
			for i := range hv {
				fd := (gp[i] - gm[i]) / (2 * h)
				if !close(hv[i], fd, 1e-5) {
					t.Errorf("%s at %v, v=%v: (Hv)[%d] = %v, finite differences %v", c.src, x, v, i, hv[i], fd)
				}
			}
		}
	}
}

func TestHessVecQuadratic(t *testing.T) {
	// f(x) = Σ a_ij x_i x_j + Σ b_i x_i has Hessian A + Aᵀ everywhere.
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 1; n <= 6; n++ {
		a := make([][]float64, n)
		src := ""
		vars := make([]string, n)
		for i := range vars {
			vars[i] = fmt.Sprintf("x%d", i)
		}
		for i := range a {
			a[i] = make([]float64, n)
			for j := range a[i] {
				a[i][j] = float64(rng.IntN(11) - 5)
				src += fmt.Sprintf("%+g*x%d*x%d ", a[i][j], i, j)
			}
			src += fmt.Sprintf("%+g*x%d ", float64(rng.IntN(7)-3), i)
		}
		p := MustCompile(src, vars)
		for trial := 0; trial < 3; trial++ {
			x, v := make([]float64, n), make([]float64, n)
			for i := range x {
				x[i], v[i] = rng.NormFloat64(), float64(rng.IntN(5)-2)
			}
			hv := make([]float64, n)
			p.HessVec(hv, x, v)
			for i := range n {
				var want float64
				for j := range n {
					want += (a[i][j] + a[j][i]) * v[j]
				}
				if !close(hv[i], want, 1e-13) {
					t.Errorf("n=%d: (Hv)[%d] = %v, want %v\n%s", n, i, hv[i], want, src)
				}
			}
		}
	}
}

func TestSecondDerivativesClosedForm(t *testing.T) {
	sech2 := func(x float64) float64 { c := math.Cosh(x); return 1 / (c * c) }
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	for _, test := range []struct {
		src string
		x   float64
		d2  float64 // f''(x)
	}{
		{"sin(x)", 0.8, -math.Sin(0.8)},
		{"cos(x)", 0.8, -math.Cos(0.8)},
		{"tan(x)", 0.8, 2 * math.Tan(0.8) / (math.Cos(0.8) * math.Cos(0.8))},
		{"exp(x)", 0.8, math.Exp(0.8)},
		{"log(x)", 0.8, -1 / 0.64},
		{"sqrt(x)", 0.8, -0.25 * math.Pow(0.8, -1.5)},
		{"abs(x)", -0.8, 0},
		{"tanh(x)", 0.8, -2 * math.Tanh(0.8) * sech2(0.8)},
		{"tanh(x)", 3, -2 * math.Tanh(3) * sech2(3)},
		{"sigmoid(x)", 0.8, sig(0.8) * (1 - sig(0.8)) * (1 - 2*sig(0.8))},
		{"softplus(x)", -1.7, sig(-1.7) * (1 - sig(-1.7))},
		{"sinh(x)", 0.8, math.Sinh(0.8)},
		{"cosh(x)", -1.3, math.Cosh(-1.3)},
		{"log(cosh(x))", 0.8, 1 / (math.Cosh(0.8) * math.Cosh(0.8))},
		{"atan(x)", 0.8, -2 * 0.8 / (1.64 * 1.64)},
		{"asin(x)", 0.6, 0.6 / math.Pow(0.64, 1.5)},
		{"acos(x)", -0.6, 0.6 / math.Pow(0.64, 1.5)},
		{"x^2", -3, 2},
		{"x^3", -3, -18},
		{"x^7", -1.5, 42 * math.Pow(-1.5, 5)},
		{"x^-3", -1.5, 12 * math.Pow(-1.5, -5)},
		{"x^2.5", 1.5, 2.5 * 1.5 * math.Pow(1.5, 0.5)},
		{"3^x", 0.8, math.Pow(3, 0.8) * math.Log(3) * math.Log(3)},
		{"1/x", 0.8, 2 / (0.8 * 0.8 * 0.8)},
		{"x/4", 0.8, 0},
		{"min(x^2, 1)", 0.8, 2},
		{"max(x^2, 1)", 0.8, 0},
	} {
		p := MustCompile(test.src, []string{"x"})
		hv := make([]float64, 1)
		p.HessVec(hv, []float64{test.x}, []float64{1})
		if !close(hv[0], test.d2, 1e-13) {
			t.Errorf("%s: f''(%v) = %v, want %v", test.src, test.x, hv[0], test.d2)
		}
	}

	// Two-variable functions with closed-form Hessians.
	for _, test := range []struct {
		src  string
		x, y float64
		h    [2][2]float64
	}{
		{"pow(x, y)", 1.5, 2.5, [2][2]float64{
			{2.5 * 1.5 * math.Pow(1.5, 0.5), math.Pow(1.5, 1.5) * (1 + 2.5*math.Log(1.5))},
			{math.Pow(1.5, 1.5) * (1 + 2.5*math.Log(1.5)), math.Pow(1.5, 2.5) * math.Log(1.5) * math.Log(1.5)},
		}},
		// atan2(y, x) with r² = x² + y².
		{"atan2(y, x)", 1.5, 2.5, func() [2][2]float64 {
			x, y := 1.5, 2.5
			r4 := (x*x + y*y) * (x*x + y*y)
			return [2][2]float64{{2 * x * y / r4, (y*y - x*x) / r4}, {(y*y - x*x) / r4, -2 * x * y / r4}}
		}()},
		{"x / y", 1.5, 2.5, [2][2]float64{{0, -1 / 6.25}, {-1 / 6.25, 2 * 1.5 / (2.5 * 2.5 * 2.5)}}},
		{"x * y", 1.5, 2.5, [2][2]float64{{0, 1}, {1, 0}}},
		{"(x - y)^2", 1.5, 2.5, [2][2]float64{{2, -2}, {-2, 2}}},
		{"(x + y)^2", 1.5, 2.5, [2][2]float64{{2, 2}, {2, 2}}},
	} {
		p := MustCompile(test.src, []string{"x", "y"})
		for j := range 2 {
			e := []float64{0, 0}
			e[j] = 1
			hv := make([]float64, 2)
			p.HessVec(hv, []float64{test.x, test.y}, e)
			for i := range 2 {
				if !close(hv[i], test.h[i][j], 1e-13) {
					t.Errorf("%s: H[%d][%d] = %v, want %v", test.src, i, j, hv[i], test.h[i][j])
				}
			}
		}
	}
}

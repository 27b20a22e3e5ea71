package testfunc

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/descentgo/descent/fn"
)

var _ fn.Func = (*Function)(nil)

// instances returns every default instance plus parameterized ones.
func instances(t *testing.T) []*Function {
	t.Helper()
	out := All()
	for _, s := range []string{
		"sphere:n=5", "rosenbrock:n=10", "rastrigin:n=3", "ackley:n=4",
		"styblinski-tang:n=3", "quadratic:n=6,kappa=1000", "quadratic:n=1,kappa=1",
	} {
		f, err := lookup(s)
		if err != nil {
			t.Fatalf("lookup(%q): %v", s, err)
		}
		out = append(out, f)
	}
	return out
}

// fdGrad approximates ∇f(x) by the fourth-order central difference
// (8(f(x+h)−f(x−h)) − (f(x+2h)−f(x−2h)))/(12h), h_i = 1e-4·max(|x_i|, 1).
func fdGrad(f *Function, x []float64) []float64 {
	g := make([]float64, len(x))
	y := slices.Clone(x)
	at := func(i int, d float64) float64 {
		y[i] = x[i] + d
		v := f.Value(y)
		y[i] = x[i]
		return v
	}
	for i := range x {
		h := 1e-4 * math.Max(math.Abs(x[i]), 1)
		g[i] = (8*(at(i, h)-at(i, -h)) - (at(i, 2*h) - at(i, -2*h))) / (12 * h)
	}
	return g
}

func normInf(v []float64) float64 {
	var m float64
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// testPoints returns the start and six random points: points on the segment
// from the start to a minimizer (or around the start), each perturbed by up
// to 10% of max(|x_i|, 1).
func testPoints(f *Function, rng *rand.Rand) [][]float64 {
	pts := [][]float64{slices.Clone(f.Start)}
	for k := 0; k < 6; k++ {
		p := slices.Clone(f.Start)
		if len(f.Minima) > 0 {
			m := f.Minima[k%len(f.Minima)]
			t := rng.Float64()
			for i := range p {
				p[i] += t * (m[i] - p[i])
			}
		}
		for i := range p {
			p[i] += 0.1 * math.Max(math.Abs(p[i]), 1) * (2*rng.Float64() - 1)
		}
		pts = append(pts, p)
	}
	return pts
}

func TestGradientFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range instances(t) {
		worst := 0.0
		for _, x := range testPoints(f, rng) {
			g := make([]float64, f.N)
			v := f.ValueGrad(g, x)
			if v2 := f.Value(x); v2 != v {
				t.Errorf("%s at %v: ValueGrad returned %v, Value %v", f.Spec, x, v, v2)
			}
			fd := fdGrad(f, x)
			scale := normInf(g)
			for i := range g {
				// The difference quotient itself carries a rounding error
				// of about ε·|f|/h; allow 100 times that (it matters only
				// for brown-badly-scaled at its start, where f ≈ 1e12 does
				// not depend on x2).
				h := 1e-4 * math.Max(math.Abs(x[i]), 1)
				bound := math.Max(1e-6*scale, 100*0x1p-52*math.Abs(v)/h)
				rel := math.Abs(g[i]-fd[i]) / scale
				worst = math.Max(worst, rel)
				if !(math.Abs(g[i]-fd[i]) <= bound) {
					t.Errorf("%s at %v: ∂f/∂x%d = %.12g, finite difference %.12g (relative error %.2g)",
						f.Spec, x, i+1, g[i], fd[i], rel)
				}
			}
		}
		t.Logf("%-26s largest error relative to ‖∇f‖∞: %.2g", f.Spec, worst)
	}
}

// minTol is |f(x*) − FMin| allowed at a listed minimizer: the stored
// minimizers are rounded to double precision, and f is evaluated in it.
func minTol(fmin float64) float64 { return 1e-12*math.Abs(fmin) + 1e-20 }

func TestValueAtMinima(t *testing.T) {
	for _, f := range instances(t) {
		if f.Unbounded {
			if len(f.Minima) != 0 || !math.IsInf(f.FMin, -1) {
				t.Errorf("%s: unbounded but Minima = %v, FMin = %v", f.Spec, f.Minima, f.FMin)
			}
			continue
		}
		if len(f.Minima) == 0 {
			t.Errorf("%s: no minimizer listed", f.Spec)
		}
		for _, m := range f.Minima {
			if len(m) != f.N {
				t.Fatalf("%s: minimizer %v has wrong length", f.Spec, m)
			}
			if v := f.Value(m); !(math.Abs(v-f.FMin) <= minTol(f.FMin)) {
				t.Errorf("%s: f(%v) = %.17g, want FMin %.17g", f.Spec, m, v, f.FMin)
			}
		}
		for _, m := range f.LocalMinima {
			if v := f.Value(m.X); !(math.Abs(v-m.F) <= minTol(m.F)) {
				t.Errorf("%s: f(local %v) = %.17g, want %.17g", f.Spec, m.X, v, m.F)
			}
			if !(m.F > f.FMin) {
				t.Errorf("%s: local minimum %v is not above FMin %v", f.Spec, m.F, f.FMin)
			}
		}
		if v := f.Value(f.Start); !(v > f.FMin) {
			t.Errorf("%s: f(start) = %v is not above FMin %v", f.Spec, v, f.FMin)
		}
	}
}

// TestGradientAtMinima checks ∇f(x*) ≈ 0 at every finite listed minimizer,
// scaled by the coordinate: |∂f/∂x_i|·max(|x_i|, 1) ≤ 1e-8·max(1, |f*|).
// This measures how much f can change by moving x_i by a relative 1.
func TestGradientAtMinima(t *testing.T) {
	for _, f := range instances(t) {
		pts := slices.Clone(f.Minima)
		for _, m := range f.LocalMinima {
			if fn.AllFinite(m.X) {
				pts = append(pts, m.X)
			}
		}
		for _, x := range pts {
			g := make([]float64, f.N)
			f.ValueGrad(g, x)
			for i := range g {
				s := math.Abs(g[i]) * math.Max(math.Abs(x[i]), 1)
				if !(s <= 1e-8*math.Max(1, math.Abs(f.FMin))) {
					t.Errorf("%s: at %v ∂f/∂x%d = %g, not ≈ 0", f.Spec, x, i+1, g[i])
				}
			}
		}
	}
}

func TestNoAllocations(t *testing.T) {
	for _, f := range instances(t) {
		x := slices.Clone(f.Start)
		g := make([]float64, f.N)
		if a := testing.AllocsPerRun(20, func() { f.ValueGrad(g, x) }); a != 0 {
			t.Errorf("%s: ValueGrad allocates %v times", f.Spec, a)
		}
		if a := testing.AllocsPerRun(20, func() { f.Value(x) }); a != 0 {
			t.Errorf("%s: Value allocates %v times", f.Spec, a)
		}
		if f.N == 2 {
			if a := testing.AllocsPerRun(20, func() { f.Eval2(x[0], x[1]) }); a != 0 {
				t.Errorf("%s: Eval2 allocates %v times", f.Spec, a)
			}
		}
	}
}

func TestEval2(t *testing.T) {
	for _, f := range All() {
		if f.N != 2 {
			func() {
				defer func() {
					if r := recover(); r == nil {
						t.Errorf("%s: Eval2 did not panic for N = %d", f.Spec, f.N)
					}
				}()
				f.Eval2(1, 2)
			}()
			continue
		}
		x := []float64{0.3, -0.7}
		if a, b := f.Eval2(x[0], x[1]), f.Value(x); a != b {
			t.Errorf("%s: Eval2 = %v, Value = %v", f.Spec, a, b)
		}
	}
}

func TestWrongLengthPanics(t *testing.T) {
	f, _ := lookup("wood")
	for name, call := range map[string]func(){
		"Value short x":     func() { f.Value(make([]float64, 3)) },
		"ValueGrad short x": func() { f.ValueGrad(make([]float64, 4), make([]float64, 3)) },
		"ValueGrad long g":  func() { f.ValueGrad(make([]float64, 5), make([]float64, 4)) },
	} {
		func() {
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(r.(string), "testfunc: wood: len(") {
					t.Errorf("%s: panic %v, want a length message", name, r)
				}
			}()
			call()
		}()
	}
}

func TestLookupErrors(t *testing.T) {
	known := "ackley, bard, beale, booth, box-3d, brown-badly-scaled, freudenstein-roth, gaussian, " +
		"goldstein-price, helical-valley, himmelblau, jennrich-sampson, kowalik-osborne, matyas, " +
		"powell-badly-scaled, powell-singular, quadratic, rastrigin, rosenbrock, saddle, sphere, " +
		"styblinski-tang, three-hump-camel, wood"
	for _, c := range []struct{ in, want string }{
		{"rosenbrok", `unknown function "rosenbrok" (known: ` + known + `); did you mean "rosenbrock"?`},
		{"Rosenbrock", `unknown function "Rosenbrock" (known: ` + known + `); did you mean "rosenbrock"?`},
		{"three_hump_camel", `unknown function "three_hump_camel" (known: ` + known + `); did you mean "three-hump-camel"?`},
		{"powell", `unknown function "powell" (known: ` + known + `); did you mean "powell-badly-scaled" or "powell-singular"?`},
		{"styblinski", `unknown function "styblinski" (known: ` + known + `); did you mean "styblinski-tang"?`},
		{"boxx3d", `unknown function "boxx3d" (known: ` + known + `); did you mean "box-3d"?`},
		{"nothing-like-it", `unknown function "nothing-like-it" (known: ` + known + `)`},
		{"rosenbrock:n=3", `function "rosenbrock": n=3 must be even (the extended Rosenbrock function couples the variables in pairs)`},
		{"rosenbrock:n=0", `function "rosenbrock": n=0 must be at least 1`},
		{"sphere:n=-2", `function "sphere": n=-2 must be at least 1`},
		{"ackley:n=2000000", `function "ackley": n=2000000 is larger than the maximum 1000000`},
		{"quadratic:kappa=0.5", `function "quadratic": kappa=0.5 must be at least 1`},
		{"quadratic:n=1", `function "quadratic": kappa=10 needs n ≥ 2 (with n=1 the only eigenvalue is 1)`},
		{"quadratic:kappa=big", `function "quadratic": kappa=big: "big" is not a finite number`},
		{"sphere:n=2.5", `function "sphere": n=2.5: "2.5" is not an integer`},
		{"beale:n=3", `function "beale" has no parameter "n" (valid: none)`},
		{"rosenbrock:m=3", `function "rosenbrock" has no parameter "m" (valid: n)`},
		{"", `empty specification`},
	} {
		f, err := lookup(c.in)
		if err == nil {
			t.Errorf("lookup(%q) = %s, want error", c.in, f.Spec)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("lookup(%q) error\n got: %s\nwant: %s", c.in, err, c.want)
		}
	}
}

func TestLookupParameters(t *testing.T) {
	f, err := lookup("rosenbrock:n=10")
	if err != nil {
		t.Fatal(err)
	}
	ones := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	if f.N != 10 || f.Dim() != 10 || len(f.Minima) != 1 || !slices.Equal(f.Minima[0], ones) {
		t.Errorf("rosenbrock:n=10: N = %d, Minima = %v", f.N, f.Minima)
	}
	if want := []float64{-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1}; !slices.Equal(f.Start, want) {
		t.Errorf("rosenbrock:n=10 start = %v, want %v", f.Start, want)
	}
	if v := f.Value(ones); v != 0 {
		t.Errorf("rosenbrock:n=10 at ones = %v", v)
	}
	// The extended form is 5 uncoupled copies of the 2-D function.
	r2, _ := lookup("rosenbrock")
	if v, v2 := f.Value(f.Start), r2.Value(r2.Start); v != 5*v2 {
		t.Errorf("rosenbrock:n=10 at start = %v, want 5 × %v", v, v2)
	}
	if f.Spec != "rosenbrock:n=10" || r2.Spec != "rosenbrock" {
		t.Errorf("specs %q, %q", f.Spec, r2.Spec)
	}

	q, err := lookup("quadratic:kappa=1000,n=4")
	if err != nil {
		t.Fatal(err)
	}
	if q.N != 4 || q.Spec != "quadratic:n=4,kappa=1000" {
		t.Errorf("quadratic: N = %d, Spec = %q", q.N, q.Spec)
	}
	want := []float64{1, 10, 100, 1000}
	for i, l := range q.Eigenvalues {
		if math.Abs(l-want[i]) > 1e-13*want[i] {
			t.Errorf("quadratic eigenvalue %d = %v, want %v", i, l, want[i])
		}
	}
	if q.Eigenvalues[0] != 1 || q.Eigenvalues[3] != 1000 {
		t.Errorf("quadratic: extreme eigenvalues %v, want exactly 1 and 1000", q.Eigenvalues)
	}
	// f(e_i) = λ_i/2 checks that Value uses these eigenvalues.
	for i := range 4 {
		e := make([]float64, 4)
		e[i] = 1
		if v := q.Value(e); v != q.Eigenvalues[i]/2 {
			t.Errorf("quadratic: f(e_%d) = %v, want %v", i+1, v, q.Eigenvalues[i]/2)
		}
	}
	// Changing the exported field does not change the function.
	q.Eigenvalues[3] = 0
	if v := q.Value([]float64{0, 0, 0, 1}); v != 500 {
		t.Errorf("quadratic: f(e_4) = %v after editing Eigenvalues, want 500", v)
	}

	st, _ := lookup("styblinski-tang:n=7")
	if math.Abs(st.FMin-(-39.16616570377142*7)) > 1e-12 {
		t.Errorf("styblinski-tang:n=7 FMin = %v", st.FMin)
	}
	if sp, _ := lookup(" sphere : n = 3 "); sp == nil || sp.N != 3 {
		t.Errorf("white space in the specification was not accepted")
	}
}

func TestCatalogue(t *testing.T) {
	all := All()
	names := Names()
	if len(all) != 24 || len(names) != len(all) {
		t.Fatalf("%d functions, %d names; want 24", len(all), len(names))
	}
	seen := map[string]bool{}
	for i, f := range all {
		if f.Name != names[i] || f.Spec != f.Name {
			t.Errorf("All()[%d] = %s (spec %s), Names()[%d] = %s", i, f.Name, f.Spec, i, names[i])
		}
		if seen[f.Name] {
			t.Errorf("duplicate name %s", f.Name)
		}
		seen[f.Name] = true
		if f.Title == "" || f.Formula == "" || f.Source == "" || f.Notes == "" {
			t.Errorf("%s: empty Title, Formula, Source or Notes", f.Name)
		}
		if len(f.Start) != f.N || f.N < 1 {
			t.Errorf("%s: N = %d, start %v", f.Name, f.N, f.Start)
		}
		if f.Eigenvalues != nil && !slices.IsSorted(f.Eigenvalues) {
			t.Errorf("%s: eigenvalues %v not ascending", f.Name, f.Eigenvalues)
		}
		g, err := lookup(f.Spec)
		if err != nil || g.Spec != f.Spec || g.N != f.N {
			t.Errorf("lookup(%q) = %v, %v", f.Spec, g, err)
		}
	}
	// Specs of parameterized instances rebuild the same instance.
	for _, f := range instances(t) {
		g, err := lookup(f.Spec)
		if err != nil || g.Spec != f.Spec || g.N != f.N || g.Value(f.Start) != f.Value(f.Start) {
			t.Errorf("lookup(%q) does not rebuild the instance: %v", f.Spec, err)
		}
	}
	if p := Params("quadratic"); len(p) != 2 || p[0].Key != "n" || p[1].Key != "kappa" || p[1].Default != "10" {
		t.Errorf("Params(quadratic) = %v", p)
	}
	if p := Params("wood"); p != nil {
		t.Errorf("Params(wood) = %v", p)
	}
}

// fdHessian approximates ∇²f(x) by fourth-order central differences of the
// analytic gradient, (8(g(x+h)−g(x−h)) − (g(x+2h)−g(x−2h)))/(12h) with
// h_j = 1e-3·max(|x_j|, 1e-3), symmetrized. The fairly large step keeps the
// rounding error of g small relative to the Hessian of badly scaled problems
// (powell-badly-scaled's Hessian has condition number ~1e18).
func fdHessian(f *Function, x []float64) [][]float64 {
	n := len(x)
	h := make([][]float64, n)
	g := [4][]float64{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
	y := slices.Clone(x)
	for j := range n {
		s := 1e-3 * math.Max(math.Abs(x[j]), 1e-3)
		for k, d := range []float64{s, -s, 2 * s, -2 * s} {
			y[j] = x[j] + d
			f.ValueGrad(g[k], y)
		}
		y[j] = x[j]
		h[j] = make([]float64, n)
		for i := range n {
			h[j][i] = (8*(g[0][i]-g[1][i]) - (g[2][i] - g[3][i])) / (12 * s)
		}
	}
	for i := range n {
		for j := range i {
			a := (h[i][j] + h[j][i]) / 2
			h[i][j], h[j][i] = a, a
		}
	}
	return h
}

// TestEigenvalues checks the documented Hessian eigenvalues of the quadratic
// functions against a finite-difference Hessian at a random point.
func TestEigenvalues(t *testing.T) {
	for _, f := range instances(t) {
		if f.Eigenvalues == nil {
			continue
		}
		ev := symEigen(fdHessian(f, []float64{0.3, -1.7, 2.9, 0.1, -0.4, 1.1}[:f.N]))
		for i := range ev {
			if math.Abs(ev[i]-f.Eigenvalues[i]) > 1e-6*math.Max(1, math.Abs(f.Eigenvalues[i])) {
				t.Errorf("%s: eigenvalues %v, finite-difference Hessian has %v", f.Spec, f.Eigenvalues, ev)
				break
			}
		}
	}
}

func TestSaddleUnbounded(t *testing.T) {
	f, _ := lookup("saddle")
	if !f.Unbounded || !math.IsInf(f.FMin, -1) || f.MinimaString() != "none (unbounded below)" {
		t.Fatalf("saddle: Unbounded %v, FMin %v, %q", f.Unbounded, f.FMin, f.MinimaString())
	}
	for _, y := range []float64{1e3, 1e6, 1e9} {
		if v := f.Value([]float64{0, y}); v != -y*y {
			t.Errorf("f(0, %g) = %v", y, v)
		}
	}
	g := make([]float64, 2)
	if f.ValueGrad(g, []float64{0, 0}); g[0] != 0 || g[1] != 0 {
		t.Errorf("∇f(0) = %v, want a stationary point", g)
	}
}

func TestAckleyOrigin(t *testing.T) {
	for _, n := range []string{"ackley", "ackley:n=4"} {
		f, _ := lookup(n)
		x := make([]float64, f.N)
		g := make([]float64, f.N)
		if v := f.ValueGrad(g, x); v != 0 || normInf(g) != 0 {
			t.Errorf("%s at 0: f = %v, ∇f = %v; want exactly 0 and the zero subgradient", n, v, g)
		}
	}
}

func TestHelicalValleyBranches(t *testing.T) {
	f, _ := lookup("helical-valley")
	// θ is continuous across the negative x1 axis and across x1 = 0 for
	// x2 > 0: compare f on both sides of each.
	for _, c := range [][2][]float64{
		{{-1, 1e-12, 0.3}, {-1, -1e-12, 0.3}},
		{{1e-12, 1, 0.3}, {-1e-12, 1, 0.3}},
	} {
		a, b := f.Value(c[0]), f.Value(c[1])
		if math.Abs(a-b) > 1e-8 {
			t.Errorf("f(%v) = %v, f(%v) = %v: discontinuous", c[0], a, c[1], b)
		}
	}
	// At x1 = 0 the value is the limit from x1 > 0 and finite.
	for _, x := range [][]float64{{0, -1, 0}, {math.Copysign(0, -1), 1, 0}, {0, 0, 0}} {
		if v := f.Value(x); math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("f(%v) = %v", x, v)
		}
	}
	if a, b := f.Value([]float64{0, -1, 0}), f.Value([]float64{1e-15, -1, 0}); math.Abs(a-b) > 1e-8 {
		t.Errorf("f(0, −1, 0) = %v is not the limit from x1 > 0, %v", a, b)
	}
	// On the x3 axis f is not differentiable: the documented NaN gradient.
	g := make([]float64, 3)
	if v := f.ValueGrad(g, []float64{0, 0, 0.5}); math.IsNaN(v) || !math.IsNaN(g[0]) || !math.IsNaN(g[1]) || g[2] != 2*(10*10*0.5+0.5) {
		t.Errorf("f(0, 0, 0.5) = %v, ∇f = %v; want finite f, NaN ∂f/∂x1,2 and ∂f/∂x3 = 101", v, g)
	}
	// θ(1, 0) = 0, θ(−1, 0) = ½, θ(0, 1) = ¼: f = 100(x3 − 10θ)² on the circle.
	for _, c := range []struct {
		x     []float64
		theta float64
	}{{[]float64{1, 0, 0}, 0}, {[]float64{-1, 0, 0}, 0.5}, {[]float64{0, 1, 0}, 0.25}, {[]float64{-1, -1e-300, 0}, 0.5}} {
		want := 100 * 100 * c.theta * c.theta
		if v := f.Value(c.x); math.Abs(v-want) > 1e-9*math.Max(1, want) {
			t.Errorf("f(%v) = %v, want %v", c.x, v, want)
		}
	}
}

func TestStrings(t *testing.T) {
	h, _ := lookup("himmelblau")
	if got, want := h.MinimaString(), "(3, 2), (-2.805118, 3.131313), (-3.77931, -3.283186), (3.584428, -1.848127)"; got != want {
		t.Errorf("himmelblau MinimaString = %q, want %q", got, want)
	}
	r, _ := lookup("rosenbrock:n=10")
	if got := r.MinimaString(); got != "(1, 1, …, 1)" {
		t.Errorf("rosenbrock:n=10 MinimaString = %q", got)
	}
	if got := VecString(r.Start); got != "(-1.2, 1, …, 1)" {
		t.Errorf("VecString(start) = %q", got)
	}
	b, _ := lookup("box-3d")
	if got := b.MinimaString(); got != "(1, 10, 1), (10, 1, -1), (1, 1, 0), and every point with x1 = x2, x3 = 0" {
		t.Errorf("box-3d MinimaString = %q", got)
	}
	if got := b.FMinString(); got != "0" {
		t.Errorf("FMinString = %q", got)
	}
	d := h.Describe()
	for _, s := range []string{"himmelblau — Himmelblau's function", "f(x)   = (x^2 + y - 11)^2", "start  = (0, 0)", "f*     = 0 at (3, 2)"} {
		if !strings.Contains(d, s) {
			t.Errorf("Describe lacks %q:\n%s", s, d)
		}
	}
	bd, _ := lookup("bard")
	if d := bd.Describe(); !strings.Contains(d, "local  = 17.42869 at (0.8406667, -∞, -∞)") {
		t.Errorf("bard Describe:\n%s", d)
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"wod", []string{"wood"}},
		{"HIMMELBLAU", []string{"himmelblau"}},
		{"goldstein", []string{"goldstein-price"}},
		{"ackly", []string{"ackley"}},
		{"xyz", nil},
		{"", nil},
	} {
		if got := suggest(c.in, Names()); !slices.Equal(got, c.want) {
			t.Errorf("suggest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func BenchmarkValueGrad(b *testing.B) {
	for _, spec := range []string{"rosenbrock", "rosenbrock:n=1000", "wood", "bard", "kowalik-osborne", "ackley:n=100"} {
		f, err := lookup(spec)
		if err != nil {
			b.Fatal(err)
		}
		x := slices.Clone(f.Start)
		g := make([]float64, f.N)
		b.Run(spec, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f.ValueGrad(g, x)
			}
		})
	}
}

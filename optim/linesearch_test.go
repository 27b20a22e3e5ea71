package optim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/param"
)

// quadFunc is f(x) = ½xᵀAx − bᵀx with a dense symmetric A.
type quadFunc struct {
	n    int
	a, b []float64 // a row-major n×n
}

func (q *quadFunc) Dim() int { return q.n }

func (q *quadFunc) Value(x []float64) float64 {
	var f float64
	for i := 0; i < q.n; i++ {
		var ax float64
		for j := 0; j < q.n; j++ {
			ax += q.a[i*q.n+j] * x[j]
		}
		f += 0.5*x[i]*ax - q.b[i]*x[i]
	}
	return f
}

func (q *quadFunc) ValueGrad(g, x []float64) float64 {
	var f float64
	for i := 0; i < q.n; i++ {
		var ax float64
		for j := 0; j < q.n; j++ {
			ax += q.a[i*q.n+j] * x[j]
		}
		g[i] = ax - q.b[i]
		f += 0.5*x[i]*ax - q.b[i]*x[i]
	}
	return f
}

// newQuad returns a quadratic with A = QΛQᵀ (Q a product of Householder
// reflections, Λ = geometric from 1 to cond) and minimizer xstar, so b = A·xstar.
func newQuad(n int, cond float64, xstar []float64) *quadFunc {
	// Two Householder reflections with fixed vectors make Q dense.
	q := make([]float64, n*n)
	for i := 0; i < n; i++ {
		q[i*n+i] = 1
	}
	for _, seed := range []float64{0.7, 1.9} {
		v := make([]float64, n)
		var vv float64
		for i := range v {
			v[i] = math.Sin(seed*float64(i+1)) + 0.3
			vv += v[i] * v[i]
		}
		// q ← q·(I − 2vvᵀ/vᵀv)
		for r := 0; r < n; r++ {
			var qv float64
			for c := 0; c < n; c++ {
				qv += q[r*n+c] * v[c]
			}
			for c := 0; c < n; c++ {
				q[r*n+c] -= 2 * qv * v[c] / vv
			}
		}
	}
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for k := 0; k < n; k++ {
				lam := math.Pow(cond, float64(k)/float64(n-1))
				s += q[i*n+k] * lam * q[j*n+k]
			}
			a[i*n+j] = s
		}
	}
	// Symmetrize exactly.
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			m := 0.5 * (a[i*n+j] + a[j*n+i])
			a[i*n+j], a[j*n+i] = m, m
		}
	}
	b := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			b[i] += a[i*n+j] * xstar[j]
		}
	}
	return &quadFunc{n: n, a: a, b: b}
}

// curvature returns dᵀAd.
func (q *quadFunc) curvature(d []float64) float64 {
	var s float64
	for i := 0; i < q.n; i++ {
		for j := 0; j < q.n; j++ {
			s += d[i] * q.a[i*q.n+j] * d[j]
		}
	}
	return s
}

// funcOf adapts plain functions to fn.Func.
type funcOf struct {
	n  int
	vg func(g, x []float64) float64
}

func (f funcOf) Dim() int                         { return f.n }
func (f funcOf) Value(x []float64) float64        { return f.vg(make([]float64, f.n), x) }
func (f funcOf) ValueGrad(g, x []float64) float64 { return f.vg(g, x) }
func (f funcOf) evalAt(x []float64) (float64, []float64) {
	g := make([]float64, f.n)
	return f.vg(g, x), g
}

// barrier is f(x) = −2x − log(1 − x): minimum at x = ½, descent direction +1
// at x = 0, and NaN or +Inf for x ≥ 1.
var barrier = funcOf{n: 1, vg: func(g, x []float64) float64 {
	g[0] = -2 + 1/(1-x[0])
	return -2*x[0] - math.Log(1-x[0])
}}

// newLine sets up a line from x along d (d = −∇f when dir is nil).
func newLine(obj fn.Func, x, dir []float64) *Line {
	n := len(x)
	g := make([]float64, n)
	f := obj.ValueGrad(g, x)
	if dir == nil {
		dir = make([]float64, n)
		for i := range g {
			dir[i] = -g[i]
		}
	}
	return &Line{Obj: obj, X: x, Dir: dir, F0: f, Slope0: fn.Dot(g, dir),
		XT: make([]float64, n), GT: make([]float64, n)}
}

// lineCases are starting points and directions for the line-search tests:
// the MGH problems at their standard start along −∇f and along a rotated
// direction, plus the barrier.
func lineCases() []struct {
	name string
	obj  fn.Func
	x    []float64
	dir  []float64
} {
	type c = struct {
		name string
		obj  fn.Func
		x    []float64
		dir  []float64
	}
	var out []c
	for _, p := range mghProblems() {
		out = append(out, c{p.name, p, append([]float64(nil), p.x0...), nil})
		// A descent direction that is not −∇f: −∇f plus a multiple of a
		// fixed vector orthogonal to it.
		g := make([]float64, p.n)
		p.ValueGrad(g, p.x0)
		v := make([]float64, p.n)
		for i := range v {
			v[i] = float64(i%3) - 1
		}
		vg := fn.Dot(v, g)
		gg := fn.Dot(g, g)
		d := make([]float64, p.n)
		for i := range d {
			d[i] = -g[i] + 0.5*(v[i]-vg/gg*g[i])*math.Sqrt(gg)
		}
		out = append(out, c{p.name + "/rotated", p, append([]float64(nil), p.x0...), d})
	}
	out = append(out, c{"barrier", barrier, []float64{0}, []float64{1}})
	return out
}

var trialSteps = []float64{1e-12, 1e-6, 1e-3, 0.1, 1, 10, 1e4, 1e10}

// TestArmijoConditionHolds checks, independently of the search, that every
// accepted step satisfies f(x+αd) ≤ f(x) + c₁α∇f(x)ᵀd, that it is the first
// of the sequence α₀ρᵏ to do so, and that XT, GT hold x+αd and the gradient.
func TestArmijoConditionHolds(t *testing.T) {
	for _, ls := range []Armijo{{}, {C1: 0.3, Rho: 0.1}, {C1: 1e-4, Rho: 0.9, MaxShrinks: 400}} {
		c1, rho := param.OrDefault(ls.C1, 1e-4), param.OrDefault(ls.Rho, 0.5)
		for _, c := range lineCases() {
			for _, a0 := range trialSteps {
				l := newLine(c.obj, c.x, c.dir)
				alpha, phi, evals, err := ls.Search(l, a0)
				if err != nil {
					// Only a step below the resolution of x may fail.
					if !errors.Is(err, ErrNoProgress) {
						t.Errorf("%s α₀=%g: error %v does not wrap ErrNoProgress", c.name, a0, err)
					}
					continue
				}
				xt := make([]float64, len(c.x))
				for i := range xt {
					xt[i] = c.x[i] + alpha*l.Dir[i]
				}
				g := make([]float64, len(c.x))
				f := c.obj.ValueGrad(g, xt)
				if f != phi {
					t.Errorf("%s α₀=%g: returned φ=%g, f(x+αd)=%g", c.name, a0, phi, f)
				}
				if !(f <= l.F0+c1*alpha*l.Slope0) {
					t.Errorf("%s α₀=%g: α=%g violates Armijo: f=%g > %g", c.name, a0, alpha, f, l.F0+c1*alpha*l.Slope0)
				}
				for i := range xt {
					if l.XT[i] != xt[i] || l.GT[i] != g[i] {
						t.Fatalf("%s α₀=%g: XT, GT = %v, %v; want %v, %v", c.name, a0, l.XT, l.GT, xt, g)
					}
				}
				// The accepted step is α₀ρᵏ with k = evals−1 and every larger
				// one in the sequence was rejected.
				want := a0
				for k := 1; k < evals; k++ {
					tr := make([]float64, len(c.x))
					for i := range tr {
						tr[i] = c.x[i] + want*l.Dir[i]
					}
					ft := c.obj.Value(tr)
					if ft <= l.F0+c1*want*l.Slope0 {
						t.Errorf("%s α₀=%g: step %g satisfied Armijo but was rejected", c.name, a0, want)
					}
					want *= rho
				}
				if alpha != want {
					t.Errorf("%s α₀=%g: α=%g after %d evaluations, want α₀ρ^%d = %g", c.name, a0, alpha, evals, evals-1, want)
				}
			}
		}
	}
}

// TestStrongWolfeConditionsHold checks, by evaluating f and ∇f in the test,
// that every step the Moré–Thuente search accepts satisfies both strong
// Wolfe conditions, from initial steps that need extrapolation and ones that
// need contraction.
func TestStrongWolfeConditionsHold(t *testing.T) {
	accepted := 0
	for _, ls := range []Wolfe{{}, {C2: 0.1}, {C1: 0.01, C2: 0.02}, {C1: 1e-4, C2: 1e-3, MaxEvals: 100}} {
		c1, c2 := param.OrDefault(ls.C1, 1e-4), param.OrDefault(ls.C2, 0.9)
		for _, c := range lineCases() {
			for _, a0 := range trialSteps {
				l := newLine(c.obj, c.x, c.dir)
				alpha, phi, _, err := ls.Search(l, a0)
				if err != nil {
					if !errors.Is(err, ErrNoProgress) {
						t.Errorf("%s α₀=%g: error %v does not wrap ErrNoProgress", c.name, a0, err)
					}
					t.Logf("%s c2=%g α₀=%g: %v", c.name, c2, a0, err)
					continue
				}
				accepted++
				xt := make([]float64, len(c.x))
				for i := range xt {
					xt[i] = c.x[i] + alpha*l.Dir[i]
				}
				g := make([]float64, len(c.x))
				f := c.obj.ValueGrad(g, xt)
				slope := fn.Dot(g, l.Dir)
				if f != phi {
					t.Errorf("%s α₀=%g: returned φ=%g, f(x+αd)=%g", c.name, a0, phi, f)
				}
				if !(f <= l.F0+c1*alpha*l.Slope0) {
					t.Errorf("%s c1=%g α₀=%g: α=%g violates sufficient decrease: %g > %g", c.name, c1, a0, alpha, f, l.F0+c1*alpha*l.Slope0)
				}
				if !(math.Abs(slope) <= c2*math.Abs(l.Slope0)) {
					t.Errorf("%s c2=%g α₀=%g: α=%g violates curvature: |%g| > %g", c.name, c2, a0, alpha, slope, c2*math.Abs(l.Slope0))
				}
				for i := range xt {
					if l.XT[i] != xt[i] || l.GT[i] != g[i] {
						t.Fatalf("%s α₀=%g: XT, GT = %v, %v; want %v, %v", c.name, a0, l.XT, l.GT, xt, g)
					}
				}
			}
		}
	}
	// 4 searches × 25 lines × 8 initial steps, from 1e-12 (extrapolation)
	// to 1e10 (contraction through non-finite values): all succeed.
	if total := 4 * len(lineCases()) * len(trialSteps); accepted != total {
		t.Errorf("%d of %d searches found a strong Wolfe point", accepted, total)
	}
}

// TestWolfeExactOnQuadratic: with a tight curvature condition the search
// must find the exact minimizer α* = −∇fᵀd/dᵀAd of a quadratic along d.
func TestWolfeExactOnQuadratic(t *testing.T) {
	xstar := []float64{1, -2, 3, -4, 5, -6}
	q := newQuad(6, 100, xstar)
	for _, a0 := range []float64{1e-3, 0.05, 1, 30} {
		l := newLine(q, make([]float64, 6), nil)
		want := -l.Slope0 / q.curvature(l.Dir)
		alpha, _, evals, err := (&Wolfe{C1: 1e-10, C2: 1e-9}).Search(l, a0)
		if err != nil {
			t.Fatalf("α₀=%g: %v", a0, err)
		}
		if math.Abs(alpha-want) > 1e-8*want {
			t.Errorf("α₀=%g: α = %.15g, exact minimizer %.15g", a0, alpha, want)
		}
		if evals > 6 {
			t.Errorf("α₀=%g: %d evaluations for a quadratic (cubic interpolation is exact)", a0, evals)
		}
	}
}

// TestLineSearchNonFinite: trial points where f is NaN or +Inf are rejected
// and never returned; the search recovers a finite acceptable step.
func TestLineSearchNonFinite(t *testing.T) {
	for _, ls := range []LineSearcher{&Armijo{}, &Armijo{Interpolate: true}, &Wolfe{}, &Wolfe{C2: 0.1}} {
		// Armijo's 60 halvings reach back from 1e15 to below 1.
		for _, a0 := range []float64{1, 2, 1e3, 1e15} {
			l := newLine(barrier, []float64{0}, []float64{1})
			alpha, phi, _, err := ls.Search(l, a0)
			if err != nil {
				t.Errorf("%T α₀=%g: %v", ls, a0, err)
				continue
			}
			if !(alpha < 1) || !lsFinite(phi) || !lsFinite(l.GT[0]) {
				t.Errorf("%T α₀=%g: α=%g, φ=%g, φ'=%g: a non-finite point escaped", ls, a0, alpha, phi, l.GT[0])
			}
		}
	}
	// A gradient that is NaN while f is finite is rejected too.
	nanGrad := funcOf{n: 1, vg: func(g, x []float64) float64 {
		g[0] = 2 * (x[0] - 1)
		if x[0] > 0.75 {
			g[0] = math.NaN()
		}
		return (x[0] - 1) * (x[0] - 1)
	}}
	for _, ls := range []LineSearcher{&Armijo{}, &Wolfe{}} {
		l := newLine(nanGrad, []float64{0}, nil)
		alpha, _, _, err := ls.Search(l, 0.5) // x = 1 has a NaN gradient
		if err != nil || !(alpha*2 <= 0.75) || math.IsNaN(l.GT[0]) {
			t.Errorf("%T: α=%g, GT=%v, err=%v: want a step to x ≤ 0.75 with a finite gradient", ls, alpha, l.GT, err)
		}
	}
}

// TestArmijoFailureMessage: an objective that is NaN away from x makes the
// search give up after 60 halvings with a message saying so.
func TestArmijoFailureMessage(t *testing.T) {
	nan := funcOf{n: 1, vg: func(g, x []float64) float64 {
		g[0] = 1
		if x[0] != 0 {
			return math.NaN()
		}
		return 0
	}}
	l := newLine(nan, []float64{0}, nil)
	_, _, evals, err := (&Armijo{}).Search(l, 1)
	if !errors.Is(err, ErrNoProgress) {
		t.Fatalf("err = %v, want ErrNoProgress", err)
	}
	want := "armijo line search failed: no decrease after 60 halvings (step 8.67e-19)"
	if err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if evals != 61 {
		t.Errorf("%d evaluations, want 61", evals)
	}
	// From x = 1 the step stops changing x long before 60 halvings.
	nan1 := funcOf{n: 1, vg: func(g, x []float64) float64 {
		g[0] = 1
		if x[0] != 1 {
			return math.NaN()
		}
		return 0
	}}
	l = newLine(nan1, []float64{1}, nil)
	_, _, evals, err = (&Armijo{}).Search(l, 1)
	if evals != 54 { // 1 − 2⁻⁵³ is the last representable step below 1
		t.Errorf("%d evaluations, want 54", evals)
	}
	if err == nil || !strings.Contains(err.Error(), "too small to change x") {
		t.Errorf("err = %v, want a step too small to change x", err)
	}
}

// TestLineSearchBadInput: an ascent direction or a bad initial step is an
// error, not a panic or a silent NaN.
func TestLineSearchBadInput(t *testing.T) {
	p := mghByName("rosenbrock")
	for _, ls := range []LineSearcher{&Armijo{}, &Wolfe{}, &Armijo{C1: 2}, &Wolfe{C1: 0.5, C2: 0.4}} {
		l := newLine(p, p.x0, nil)
		good := l.Slope0
		for _, c := range []struct {
			slope, a0 float64
		}{{-good, 1}, {0, 1}, {math.NaN(), 1}, {good, 0}, {good, -1}, {good, math.Inf(1)}, {good, math.NaN()}} {
			l.Slope0 = c.slope
			_, _, evals, err := ls.Search(l, c.a0)
			if !errors.Is(err, ErrNoProgress) || evals != 0 {
				t.Errorf("%+v slope=%g α₀=%g: err=%v evals=%d, want an error before any evaluation", ls, c.slope, c.a0, err, evals)
			}
		}
	}
}

// TestWolfeUnbounded: on f(x) = −x the search extrapolates to MaxStep and
// reports it, handing back the best step for callers that want it.
func TestWolfeUnbounded(t *testing.T) {
	lin := funcOf{n: 1, vg: func(g, x []float64) float64 { g[0] = -1; return -x[0] }}
	l := newLine(lin, []float64{0}, nil)
	alpha, _, evals, err := (&Wolfe{MaxStep: 1e6}).Search(l, 1)
	if !errors.Is(err, ErrNoProgress) || !strings.Contains(err.Error(), "maximum") {
		t.Fatalf("err = %v, want a step-at-maximum failure", err)
	}
	if alpha != 1e6 || evals > 12 {
		t.Errorf("best step %g after %d evaluations, want 1e6 after ≤ 12", alpha, evals)
	}
}

// TestLineSearchAllocs: a successful search allocates nothing.
func TestLineSearchAllocs(t *testing.T) {
	p := mghByName("wood")
	for _, ls := range []LineSearcher{&Armijo{}, &Wolfe{}, &Wolfe{C2: 0.1}} {
		l := newLine(p, p.x0, nil)
		if a := testing.AllocsPerRun(50, func() {
			if _, _, _, err := ls.Search(l, 1e-3); err != nil {
				t.Fatal(err)
			}
		}); a != 0 {
			t.Errorf("%T: %g allocations per search", ls, a)
		}
	}
}

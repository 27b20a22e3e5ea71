package optim

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/fn"
)

// exactSearch is the exact line search on a quadratic, α* = −∇fᵀd/dᵀAd,
// in closed form: one evaluation.
type exactSearch struct{ q *quadFunc }

func (e exactSearch) Search(l *Line, alpha0 float64) (float64, float64, int, error) {
	alpha := -l.Slope0 / e.q.curvature(l.Dir)
	phi, _ := l.Eval(alpha)
	return alpha, phi, 1, nil
}

// iterateN runs m from x0 for k iterations (or until an error) and returns
// x, g, f and the gradient norms after each iteration (index 0: at x0).
func iterateN(t *testing.T, m Method, obj fn.Func, x0 []float64, k int) (x, g []float64, f float64, gnorm []float64) {
	t.Helper()
	n := len(x0)
	x = append([]float64(nil), x0...)
	g = make([]float64, n)
	f = obj.ValueGrad(g, x)
	m.Init(n)
	gnorm = append(gnorm, fn.Norm2(g))
	for i := 0; i < k; i++ {
		var err error
		f, _, err = m.Iterate(obj, x, g, f)
		if err != nil {
			t.Fatalf("%T iteration %d: %v", m, i+1, err)
		}
		gnorm = append(gnorm, fn.Norm2(g))
	}
	return x, g, f, gnorm
}

func testXStar(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i%4) - 1.5 + 0.1*float64(i)
	}
	return x
}

func maxAbsDiff(a, b []float64) float64 {
	var m float64
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

// TestCGQuadraticFiniteTermination: with exact line searches on a strictly
// convex quadratic, nonlinear CG is linear CG and finds the minimizer in n
// iterations (Hestenes & Stiefel 1952; Nocedal & Wright Thm 5.2). The
// quadratic (n = 10, eigenvalues 10^(k/9)) is mild enough that rounding does
// not delay termination: linear CG in numpy reaches ‖g₁₀‖/‖g₀‖ = 3e-14 from
// ‖g₉‖/‖g₀‖ = 2e-4. Steepest descent with the same line search is far from
// the minimizer after n steps, which shows the test can fail.
func TestCGQuadraticFiniteTermination(t *testing.T) {
	const n = 10
	xstar := testXStar(n)
	q := newQuad(n, 10, xstar)
	x0 := make([]float64, n)
	for _, beta := range []CGBeta{PRPlus, HagerZhang} {
		x, _, _, gn := iterateN(t, &CG{Beta: beta, LineSearch: exactSearch{q}}, q, x0, n)
		if d := maxAbsDiff(x, xstar); d > 1e-10 {
			t.Errorf("%v: after n = %d iterations |x − x*|∞ = %g", beta, n, d)
		}
		if gn[n] > 1e-11*gn[0] {
			t.Errorf("%v: ‖g_n‖/‖g_0‖ = %g", beta, gn[n]/gn[0])
		}
		if gn[n-1] < 1e-6*gn[0] {
			t.Errorf("%v: ‖g_{n−1}‖/‖g_0‖ = %g: converged before n iterations, so the test shows nothing", beta, gn[n-1]/gn[0])
		}
	}
	_, _, _, gn := iterateN(t, &GDLS{LineSearch: exactSearch{q}}, q, x0, n)
	if gn[n] < 1e-2*gn[0] {
		t.Errorf("steepest descent: ‖g_n‖/‖g_0‖ = %g, expected no convergence in n steps", gn[n]/gn[0])
	}
}

// TestLBFGSQuadratic: with exact line searches on a quadratic, BFGS from a
// multiple of the identity generates the conjugate-gradient iterates and
// terminates in n iterations (Nazareth 1979); L-BFGS with m ≥ n stores every
// pair and is BFGS here. With its default Wolfe line search it converges to
// x* = A⁻¹b.
func TestLBFGSQuadratic(t *testing.T) {
	const n = 10
	xstar := testXStar(n)
	q := newQuad(n, 10, xstar)
	x0 := make([]float64, n)
	x, _, _, gn := iterateN(t, &LBFGS{History: n, LineSearch: exactSearch{q}}, q, x0, n)
	if d := maxAbsDiff(x, xstar); d > 1e-10 {
		t.Errorf("exact line search: after n iterations |x − x*|∞ = %g", d)
	}
	if gn[n-1] < 1e-6*gn[0] {
		t.Errorf("exact line search: converged before n iterations (‖g‖ ratio %g)", gn[n-1]/gn[0])
	}
	// With the Wolfe search on an ill-conditioned quadratic, iterate until
	// rounding in f stops the search: f* ≈ −800 limits the accuracy of x to
	// about √(ε|f*|/λ_min) ≈ 4e-7.
	q = newQuad(n, 1e3, xstar)
	o := &LBFGS{}
	x = make([]float64, n)
	g := make([]float64, n)
	f := q.ValueGrad(g, x)
	o.Init(n)
	k := 0
	for ; k < 200; k++ {
		var err error
		if f, _, err = o.Iterate(q, x, g, f); err != nil {
			break
		}
	}
	if d := maxAbsDiff(x, xstar); d > 1e-6 {
		t.Errorf("Wolfe line search: after %d iterations |x − x*|∞ = %g (f = %.17g)", k, d, f)
	}
}

// TestBBStepsClosedForm checks the step that BB computes after an iteration
// against sᵀs/sᵀAs (BB1) and sᵀAs/(As)ᵀ(As) (BB2) computed from A.
func TestBBStepsClosedForm(t *testing.T) {
	const n = 6
	q := newQuad(n, 50, testXStar(n))
	for _, c := range []struct {
		v     BBVariant
		short []bool // whether the step after iteration 1, 2, 3 is BB2
	}{
		{BBLong, []bool{false, false, false}},
		{BBShort, []bool{true, true, true}},
		{BBAlternate, []bool{true, false, true}},
	} {
		o := &BB{Variant: c.v, LearningRate: 0.01}
		x := make([]float64, n)
		g := make([]float64, n)
		f := q.ValueGrad(g, x)
		o.Init(n)
		for k, short := range c.short {
			xPrev := append([]float64(nil), x...)
			var err error
			if f, _, err = o.Iterate(q, x, g, f); err != nil {
				t.Fatal(err)
			}
			s := make([]float64, n)
			for i := range s {
				s[i] = x[i] - xPrev[i]
			}
			as := make([]float64, n)
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					as[i] += q.a[i*n+j] * s[j]
				}
			}
			want := fn.Dot(s, s) / fn.Dot(s, as)
			if short {
				want = fn.Dot(s, as) / fn.Dot(as, as)
			}
			if got := o.LR(); math.Abs(got-want) > 1e-10*want {
				t.Errorf("%v iteration %d: step %.15g, want %.15g", c.v, k+1, got, want)
			}
		}
	}
}

// TestBBQuadraticConverges: BB converges on a strictly convex quadratic
// (Raydan 1993) in all variants, to x* = A⁻¹b.
func TestBBQuadraticConverges(t *testing.T) {
	const n = 10
	xstar := testXStar(n)
	q := newQuad(n, 1e3, xstar)
	for _, v := range []BBVariant{BBLong, BBShort, BBAlternate} {
		for _, mem := range []int{10} {
			o := &BB{Variant: v, Memory: mem}
			x := make([]float64, n)
			g := make([]float64, n)
			f := q.ValueGrad(g, x)
			g0 := fn.Norm2(g)
			o.Init(n)
			k := 0
			for ; k < 2000 && fn.Norm2(g) > 1e-9*g0; k++ {
				var err error
				if f, _, err = o.Iterate(q, x, g, f); err != nil {
					t.Fatalf("%v M=%d iteration %d: %v", v, mem, k+1, err)
				}
			}
			// ‖x − x*‖ ≤ ‖g‖/λ_min = ‖g‖.
			if d := maxAbsDiff(x, xstar); d > 1e-9*g0 {
				t.Errorf("%v M=%d: |x − x*|∞ = %g after %d iterations", v, mem, d, k)
			}
			t.Logf("%v M=%d: %d iterations", v, mem, k)
		}
	}
}

// TestGDLSQuadratic: steepest descent with either line search converges on
// a well-conditioned quadratic, and every Armijo step satisfies the
// condition (checked here from f, not from the search).
func TestGDLSQuadratic(t *testing.T) {
	const n = 5
	xstar := testXStar(n)
	q := newQuad(n, 10, xstar)
	for _, ls := range []LineSearcher{&Armijo{}, &Wolfe{}} {
		for _, init := range []InitialStep{StepFChange, StepDouble} {
			o := &GDLS{LineSearch: ls, InitStep: init}
			x := make([]float64, n)
			g := make([]float64, n)
			f := q.ValueGrad(g, x)
			o.Init(n)
			g0 := fn.Norm2(g)
			// 1e-7·‖g₀‖ is above the floor that rounding in f sets for a
			// monotone line search here (‖x − x*‖ ≈ √(ε|f*|) ≈ 1e-7).
			for k := 0; k < 300 && fn.Norm2(g) > 1e-7*g0; k++ {
				xp, gp, fp := append([]float64(nil), x...), append([]float64(nil), g...), f
				var err error
				if f, _, err = o.Iterate(q, x, g, f); err != nil {
					t.Fatal(err)
				}
				// x − xp = −α·gp: recover α and check Armijo.
				var alpha float64
				for i := range x {
					if gp[i] != 0 {
						alpha = (xp[i] - x[i]) / gp[i]
						break
					}
				}
				if f != q.Value(x) || !(f <= fp-1e-4*alpha*fn.Dot(gp, gp)*(1-1e-12)) {
					t.Fatalf("%T %v iteration %d: f %g → %g with α %g violates Armijo", ls, init, k, fp, f, alpha)
				}
			}
			if d := maxAbsDiff(x, xstar); d > 1e-7*g0 {
				t.Errorf("%T %v: |x − x*|∞ = %g", ls, init, d)
			}
		}
	}
}

// fullBatchSpecs are the registry specifications of every full-batch method.
var fullBatchSpecs = []string{
	"gd:linesearch=armijo", "gd:linesearch=wolfe", "gd:linesearch=armijo,init=double,lr=0.01",
	"bb", "bb:variant=short", "bb:variant=alternate,memory=1",
	"cg", "cg:beta=hz", "cg:powell=false,restart=-1",
	"lbfgs", "lbfgs:history=3",
}

func newMethod(t testing.TB, s string) Method {
	t.Helper()
	a, err := New(s)
	if err != nil {
		t.Fatalf("New(%q): %v", s, err)
	}
	m, ok := a.(Method)
	if !ok {
		t.Fatalf("New(%q) is a %T, not a Method", s, a)
	}
	return m
}

// TestFullBatchMaximizeByNegate: the methods only minimize; descent
// maximizes h at the front end by minimizing fn.Negate{F: h} and reporting
// −f. For h = −f (maximized where f is minimized) that path is bit for bit
// the minimization of f itself: the same iterates, evaluations and values,
// since negating twice is exact. The value and gradient that Iterate hands
// back are those of fn.Negate{F: h}, and their negations those of h, checked
// by evaluating both.
func TestFullBatchMaximizeByNegate(t *testing.T) {
	p := mghByName("wood")
	h := fn.Negate{F: p} // the function to maximize
	obj := fn.Negate{F: h}
	for _, s := range fullBatchSpecs {
		minM, maxM := newMethod(t, s), newMethod(t, s)
		x1, x2 := append([]float64(nil), p.x0...), append([]float64(nil), p.x0...)
		g1, g2 := make([]float64, 4), make([]float64, 4)
		f1, f2 := p.ValueGrad(g1, x1), obj.ValueGrad(g2, x2)
		minM.Init(4)
		maxM.Init(4)
		for k := 0; k < 25; k++ {
			var e1, e2 int
			var err1, err2 error
			f1, e1, err1 = minM.Iterate(p, x1, g1, f1)
			f2, e2, err2 = maxM.Iterate(obj, x2, g2, f2)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s iteration %d: %v / %v", s, k, err1, err2)
			}
			if e1 != e2 || math.Float64bits(f2) != math.Float64bits(f1) || maxAbsDiff(x1, x2) != 0 || maxAbsDiff(g1, g2) != 0 {
				t.Fatalf("%s iteration %d: minimizing fn.Negate of −f took another path: f %g vs %g, evals %d vs %d", s, k, f2, f1, e1, e2)
			}
			want := make([]float64, 4)
			if fv := obj.ValueGrad(want, x2); fv != f2 || maxAbsDiff(want, g2) != 0 {
				t.Fatalf("%s iteration %d: returned f=%g, g=%v; fn.Negate{−f} at x is %g, gradient %v", s, k, f2, g2, fv, want)
			}
			if hv := h.ValueGrad(want, x2); hv != -f2 {
				t.Fatalf("%s iteration %d: reported maximum −f = %g, but h(x) = %g", s, k, -f2, hv)
			}
		}
	}
}

// TestFullBatchResume: a run checkpointed through State (as JSON) and
// resumed in a fresh method continues bit for bit like the uninterrupted run.
func TestFullBatchResume(t *testing.T) {
	p := mghByName("wood")
	for _, s := range fullBatchSpecs {
		ref := newMethod(t, s)
		x, g := append([]float64(nil), p.x0...), make([]float64, 4)
		f := p.ValueGrad(g, x)
		ref.Init(4)
		var xs [][]float64
		var fs []float64
		var snap []byte
		var xSnap, gSnap []float64
		var fSnap float64
		for k := 0; k < 30; k++ {
			if k == 12 {
				var err error
				if snap, err = json.Marshal(ref.(Stateful).State()); err != nil {
					t.Fatal(err)
				}
				xSnap, gSnap, fSnap = append([]float64(nil), x...), append([]float64(nil), g...), f
			}
			var err error
			if f, _, err = ref.Iterate(p, x, g, f); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
			xs = append(xs, append([]float64(nil), x...))
			fs = append(fs, f)
		}
		var st State
		if err := json.Unmarshal(snap, &st); err != nil {
			t.Fatal(err)
		}
		m := newMethod(t, s)
		m.Init(4)
		// Disturb the fresh method first: SetState must overwrite everything.
		x2, g2 := append([]float64(nil), p.x0...), make([]float64, 4)
		f2 := p.ValueGrad(g2, x2)
		for k := 0; k < 3; k++ {
			f2, _, _ = m.Iterate(p, x2, g2, f2)
		}
		if err := m.(Stateful).SetState(st); err != nil {
			t.Fatalf("%s: SetState: %v", s, err)
		}
		x, g, f = xSnap, gSnap, fSnap
		for k := 12; k < 30; k++ {
			var err error
			if f, _, err = m.Iterate(p, x, g, f); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
			if f != fs[k] || maxAbsDiff(x, xs[k]) != 0 {
				t.Fatalf("%s: resumed run differs at iteration %d: f %v vs %v", s, k+1, f, fs[k])
			}
		}
		// A state of the wrong size is an error.
		bad := newMethod(t, s)
		bad.Init(5)
		if err := bad.(Stateful).SetState(st); err == nil && (strings.HasPrefix(s, "lbfgs") || strings.HasPrefix(s, "cg")) {
			t.Errorf("%s: SetState of a 4-dimensional state after Init(5) succeeded", s)
		}
		if err := bad.(Stateful).SetState(State{Step: -1}); err == nil {
			t.Errorf("%s: SetState of an empty state succeeded", s)
		}
	}
}

// TestFullBatchAllocs: after Init, neither Init nor Iterate allocates.
func TestFullBatchAllocs(t *testing.T) {
	p := mghByName("rosenbrock")
	for _, s := range fullBatchSpecs {
		m := newMethod(t, s)
		x, g := make([]float64, 2), make([]float64, 2)
		m.Init(2)
		run := func() {
			copy(x, p.x0)
			f := p.ValueGrad(g, x)
			m.Init(2)
			for k := 0; k < 20; k++ {
				var err error
				if f, _, err = m.Iterate(p, x, g, f); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
		}
		run()
		if a := testing.AllocsPerRun(20, run); a != 0 {
			t.Errorf("%s: %g allocations per 20 iterations", s, a)
		}
	}
}

// TestFullBatchBadInput: non-finite f or g, a zero gradient and a failing
// line search give errors wrapping ErrNoProgress and leave x, g unchanged.
func TestFullBatchBadInput(t *testing.T) {
	p := mghByName("rosenbrock")
	nan := funcOf{n: 2, vg: func(g, x []float64) float64 {
		g[0], g[1] = 1, 1
		if x[0] != 0 || x[1] != 0 {
			return math.NaN()
		}
		return 0
	}}
	for _, s := range fullBatchSpecs {
		for _, c := range []struct {
			name string
			obj  fn.Func
			x, g []float64
			f    float64
			msg  string
		}{
			{"NaN f", p, []float64{1, 2}, []float64{1, 1}, math.NaN(), "f(x) = NaN is not finite"},
			{"Inf g", p, []float64{1, 2}, []float64{1, math.Inf(1)}, 1, "gradient element 1 is +Inf"},
			{"zero g", p, []float64{1, 1}, []float64{0, 0}, 0, "the gradient is zero"},
			{"NaN everywhere else", nan, []float64{0, 0}, []float64{1, 1}, 0, "line search failed"},
		} {
			m := newMethod(t, s)
			m.Init(2)
			x, g := append([]float64(nil), c.x...), append([]float64(nil), c.g...)
			f, _, err := m.Iterate(c.obj, x, g, c.f)
			if !errors.Is(err, ErrNoProgress) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%s, %s: err = %v, want ErrNoProgress saying %q", s, c.name, err, c.msg)
			}
			if maxAbsDiff(x, c.x) != 0 || !(f == c.f || math.IsNaN(c.f)) {
				t.Errorf("%s, %s: x moved to %v or f changed to %g on failure", s, c.name, x, f)
			}
			for i := range g {
				if g[i] != c.g[i] {
					t.Errorf("%s, %s: g changed to %v on failure", s, c.name, g)
				}
			}
		}
	}
	// Wrong lengths are a programmer error.
	defer func() {
		if recover() == nil {
			t.Error("Iterate with len(x) ≠ n did not panic")
		}
	}()
	m := &LBFGS{}
	m.Init(3)
	m.Iterate(p, make([]float64, 2), make([]float64, 2), 0)
}

// TestFullBatchRegistry checks how specifications map to methods and the
// exact errors for bad ones.
func TestFullBatchRegistry(t *testing.T) {
	m := newMethod(t, "lbfgs:history=5,c1=0.001,c2=0.8")
	if l := m.(*LBFGS); l.History != 5 || *l.LineSearch.(*Wolfe) != (Wolfe{C1: 0.001, C2: 0.8}) {
		t.Errorf("lbfgs: %+v", l)
	}
	if c := newMethod(t, "cg:beta=hz,restart=7,powell=false,lr=0.5").(*CG); c.Beta != HagerZhang || c.Restart != 7 || !c.NoPowell || c.LearningRate != 0.5 || c.LineSearch.(*Wolfe).C2 != 0.1 {
		t.Errorf("cg: %+v", c)
	}
	if b := newMethod(t, "bb:variant=alternate,memory=3").(*BB); b.Variant != BBAlternate || b.Memory != 3 || b.LearningRate != 0 {
		t.Errorf("bb: %+v", b)
	}
	g := newMethod(t, "gd:linesearch=armijo,c1=0.2,rho=0.3").(*GDLS)
	if *g.LineSearch.(*Armijo) != (Armijo{C1: 0.2, Rho: 0.3}) || g.LearningRate != 0 || g.InitStep != StepFChange {
		t.Errorf("gd armijo: %+v", g)
	}
	g = newMethod(t, "gd:linesearch=wolfe,lr=0.1,init=constant").(*GDLS)
	if *g.LineSearch.(*Wolfe) != (Wolfe{C1: 1e-4, C2: 0.9}) || g.LearningRate != 0.1 || g.InitStep != StepConstant {
		t.Errorf("gd wolfe: %+v", g)
	}
	if _, ok := newMethod(t, "gd:linesearch=armijo").(LRer); !ok {
		t.Error("GDLS is not an LRer")
	}
	if _, err := New("gd"); err != nil {
		t.Errorf("plain gd: %v", err)
	}
	for _, c := range []struct{ spec, err string }{
		{"gd:c1=0.1", `optimizer "gd": c1 applies only with linesearch=armijo or linesearch=wolfe`},
		{"gd:linesearch=armijo,c2=0.5", `optimizer "gd": c2 applies only with linesearch=wolfe`},
		{"gd:linesearch=wolfe,rho=0.5", `optimizer "gd": rho applies only with linesearch=armijo`},
		{"gd:linesearch=armijo,weight_decay=0.1", `optimizer "gd": weight_decay is not supported with a line search (add the penalty to the objective)`},
		{"gd:linesearch=armijo,lr=0", `optimizer "gd": invalid lr 0: the first trial step must be > 0`},
		{"gd:linesearch=armijo,rho=1", `optimizer "gd": invalid rho 1: must be in (0, 1)`},
		{"gd:linesearch=armijo,init=constant", `optimizer "gd": init=constant needs lr > 0`},
		{"gd:linesearch=bisect", `optimizer "gd": linesearch=bisect: "bisect" is not one of none, armijo, wolfe`},
		{"lbfgs:c2=1e-5", `optimizer "lbfgs": invalid c2 1e-05: must be in (c1, 1) = (0.0001, 1)`},
		{"lbfgs:history=0", `optimizer "lbfgs": invalid history 0: must be ≥ 1`},
		{"cg:c1=1", `optimizer "cg": invalid c1 1: must be in (0, 1)`},
		{"cg:restart=-2", `optimizer "cg": invalid restart -2: must be ≥ −1`},
		{"cg:beta=fr", `optimizer "cg": beta=fr: "fr" is not one of pr+, hz`},
		{"bb:memory=0", `optimizer "bb": invalid memory 0: must be ≥ 1`},
		{"bb:lr=-1", `optimizer "bb": invalid lr -1: must be > 0`},
		{"bb:variant=mid", `optimizer "bb": variant=mid: "mid" is not one of long, short, alternate`},
	} {
		_, err := New(c.spec)
		if err == nil || err.Error() != c.err {
			t.Errorf("New(%q) error = %v, want %q", c.spec, err, c.err)
		}
	}
}

// extRosenbrock is the extended Rosenbrock function of dimension n (even),
// MGH problem 21, for the benchmarks.
type extRosenbrock int

func (r extRosenbrock) Dim() int { return int(r) }
func (r extRosenbrock) Value(x []float64) float64 {
	var f float64
	for i := 0; i < len(x); i += 2 {
		a, b := 10*(x[i+1]-x[i]*x[i]), 1-x[i]
		f += a*a + b*b
	}
	return f
}
func (r extRosenbrock) ValueGrad(g, x []float64) float64 {
	var f float64
	for i := 0; i < len(x); i += 2 {
		a, b := 10*(x[i+1]-x[i]*x[i]), 1-x[i]
		f += a*a + b*b
		g[i] = -40*x[i]*a - 2*b
		g[i+1] = 20 * a
	}
	return f
}

// BenchmarkLBFGSIterate measures one L-BFGS iteration (line search included)
// on the extended Rosenbrock function, restarting from x₀ when converged.
func BenchmarkLBFGSIterate(b *testing.B) {
	for _, n := range []int{2, 1000} {
		b.Run(strings.Replace("rosenbrock-N", "N", itoa(n), 1), func(b *testing.B) {
			var r fn.Func = extRosenbrock(n) // converted once: no allocation per call
			x0 := make([]float64, n)
			for i := range x0 {
				x0[i] = 1
				if i%2 == 0 {
					x0[i] = -1.2
				}
			}
			x, g := make([]float64, n), make([]float64, n)
			m := &LBFGS{}
			var f float64
			restart := func() {
				copy(x, x0)
				f = r.ValueGrad(g, x)
				m.Init(n)
			}
			restart()
			evals := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				fNew, ev, err := m.Iterate(r, x, g, f)
				evals += ev
				f = fNew
				if err != nil || fn.Norm2(g) < 1e-10 {
					restart()
				}
			}
			b.ReportMetric(float64(evals)/float64(b.N), "evals/op")
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for ; n > 0; n /= 10 {
		i--
		buf[i] = byte('0' + n%10)
	}
	return string(buf[i:])
}

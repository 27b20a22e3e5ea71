package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/spec"
)

// BBVariant selects the Barzilai–Borwein step of BB.
type BBVariant int

// The step lengths of Barzilai & Borwein, with s = xₖ − xₖ₋₁ and
// y = ∇f(xₖ) − ∇f(xₖ₋₁).
const (
	// BBLong is BB1, α = sᵀs/sᵀy, the inverse of a Rayleigh quotient of the
	// average Hessian along s: the longer of the two steps.
	BBLong BBVariant = iota
	// BBShort is BB2, α = sᵀy/yᵀy: the shorter step (sᵀy/yᵀy ≤ sᵀs/sᵀy by
	// Cauchy–Schwarz).
	BBShort
	// BBAlternate uses BB1 on even and BB2 on odd iterations (Dai & Fletcher,
	// "Projected Barzilai–Borwein methods for large-scale box-constrained
	// quadratic programming", Numer. Math. 100 (2005)).
	BBAlternate
)

var bbVariantNames = []string{"long", "short", "alternate"}

// String returns the name used in specifications.
func (v BBVariant) String() string {
	if v >= 0 && int(v) < len(bbVariantNames) {
		return bbVariantNames[v]
	}
	return fmt.Sprintf("BBVariant(%d)", int(v))
}

// Step-length safeguards of BB.
const (
	bbMinStep = 1e-10
	bbMaxStep = 1e10
)

// BB is the two-point step-size gradient method of Barzilai & Borwein,
// "Two-point step size gradient methods", IMA J. Numer. Anal. 8 (1988):
//
//	xₖ₊₁ = xₖ − λαₖ∇f(xₖ),   αₖ = sᵀs/sᵀy (BB1)  or  sᵀy/yᵀy (BB2),
//
// globalized as in Raydan, "The Barzilai and Borwein gradient method for the
// large scale unconstrained minimization problem", SIAM J. Optim. 7(1)
// (1997): λ starts at 1 and is reduced (by safeguarded quadratic
// interpolation, factors in [0.1, 0.5]) until the nonmonotone Armijo
// condition of Grippo, Lampariello & Lucidi (1986)
//
//	f(xₖ − λαₖ∇f) ≤ max₀≤ⱼ<M f(xₖ₋ⱼ) − c₁λαₖ‖∇f(xₖ)‖²,   c₁ = 1e-4,
//
// holds. The step αₖ is clamped to [1e-10, 1e10]; when sᵀy ≤ 0 (no positive
// curvature along s) it is replaced by ‖s‖/‖y‖. The first step is the
// learning rate, or 1/‖∇f(x₀)‖ when none is set. With M = 1 the search is
// monotone. On a strictly convex quadratic BB converges R-linearly without
// any line search (Raydan 1993; Dai & Liao 2002).
//
// Iterate allocates nothing. The zero value is usable: BB1, M = 10.
type BB struct {
	Variant      BBVariant // which BB step; zero is BBLong
	Memory       int       // M, values in the nonmonotone reference; 0 means 10
	LearningRate float64   // first step α₀; 0 means 1/‖∇f(x₀)‖

	n, mem      int
	k           int     // iterations done
	alpha       float64 // BB step of the next iteration (0: choose)
	hist        []float64
	head, count int // ring of the last values of f
	searchWork
	search Armijo
}

func init() {
	Register(Entry{
		Name:    "bb",
		Summary: "Barzilai–Borwein gradient method with a nonmonotone line search (Barzilai & Borwein 1988, Raydan 1997)",
		Params: []spec.Field{
			{Key: "variant", Kind: spec.String, Default: "long", Choices: bbVariantNames, Doc: "long: sᵀs/sᵀy (BB1), short: sᵀy/yᵀy (BB2), alternate: BB1 and BB2 in turn"},
			{Key: "memory", Kind: spec.Int, Default: "10", Doc: "M, iterations in the nonmonotone reference max f (1: monotone)"},
			{Key: "lr", Kind: spec.Float, Doc: "first step (default 1/‖∇f(x₀)‖)"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			if a.Int("memory") < 1 {
				return nil, a.Errorf("invalid memory %d: must be ≥ 1", a.Int("memory"))
			}
			if a.Given("lr") && !(a.Float("lr") > 0) {
				return nil, a.Errorf("invalid lr %g: must be > 0", a.Float("lr"))
			}
			o := &BB{Memory: a.Int("memory"), LearningRate: a.Float("lr")}
			for i, name := range bbVariantNames {
				if a.String("variant") == name {
					o.Variant = BBVariant(i)
				}
			}
			return o, nil
		},
	})
}

// Init prepares BB for n parameters and clears its state.
func (o *BB) Init(n int) {
	o.mem = o.Memory
	if o.mem <= 0 {
		o.mem = 10
	}
	o.n, o.k, o.head, o.count = n, 0, 0, 0
	o.alpha = math.Max(o.LearningRate, 0)
	o.hist = fbResize(o.hist, o.mem)
	o.searchWork.resize(n)
	o.search = Armijo{Interpolate: true}
}

// Iterate takes one Barzilai–Borwein step.
func (o *BB) Iterate(obj fn.Func, x, g []float64, f float64) (fNew float64, evals int, err error) {
	fi, err := fbBegin("bb", o.n, x, g, f, o.gi)
	if err != nil {
		return f, 0, err
	}
	var gg float64
	for i, v := range o.gi {
		o.d[i] = -v
		gg += v * v
	}
	if gg == 0 {
		return f, 0, lsErrorf("bb: the gradient is zero: x is stationary")
	}
	alpha := o.alpha
	if !(alpha > 0) {
		alpha = 1 / math.Sqrt(gg)
	}
	// Nonmonotone reference: the largest of the last M values, this one
	// included.
	o.hist[o.head] = fi
	o.head = (o.head + 1) % o.mem
	if o.count < o.mem {
		o.count++
	}
	fref := fi
	for _, v := range o.hist[:o.count] {
		fref = math.Max(fref, v)
	}
	o.line.Obj, o.line.X, o.line.Dir = obj, x, o.d
	o.line.F0, o.line.Slope0 = fi, -gg
	_, phi, evals, err := o.search.search(&o.line, alpha, fref)
	if err != nil {
		// Forget the value just recorded so that a retry sees the same state.
		o.head = (o.head - 1 + o.mem) % o.mem
		o.count--
		return f, evals, fmt.Errorf("bb: %w", err)
	}
	var sy, ss, yy float64
	for i, xt := range o.line.XT {
		s := xt - x[i]
		y := o.line.GT[i] - o.gi[i]
		sy += s * y
		ss += s * s
		yy += y * y
	}
	fbEnd(x, g, &o.line)
	o.k++
	short := o.Variant == BBShort || (o.Variant == BBAlternate && o.k%2 == 1)
	switch {
	case sy > 0 && short:
		alpha = sy / yy
	case sy > 0:
		alpha = ss / sy
	case yy > 0:
		alpha = math.Sqrt(ss / yy)
	default:
		alpha = bbMaxStep // the gradient did not change: f is linear along s
	}
	if !(alpha >= bbMinStep) { // also NaN
		alpha = bbMinStep
	}
	o.alpha = math.Min(alpha, bbMaxStep)
	return phi, evals, nil
}

// LR returns the step α that the next iteration tries first (0 before the
// first iteration when it is chosen as 1/‖g‖).
func (o *BB) LR() float64 { return o.alpha }

// SetLR sets the step α of the next iteration; later iterations take the BB
// steps again.
func (o *BB) SetLR(lr float64) { o.alpha = lr }

// State returns the iteration count, the next step "alpha" and the ring of
// recent values "fhist" with its scalars "head" and "count". The vector
// aliases BB's buffer.
func (o *BB) State() State {
	return State{
		Step:    o.k,
		Scalars: map[string]float64{"alpha": o.alpha, "head": float64(o.head), "count": float64(o.count)},
		Vectors: map[string][]float64{"fhist": o.hist},
	}
}

// SetState restores a state saved by State into a BB initialized with the
// same memory.
func (o *BB) SetState(st State) error {
	head, count, err := fbRingScalars("bb", st, o.mem)
	if err != nil {
		return err
	}
	a, ok := st.Scalars["alpha"]
	if !ok {
		return fmt.Errorf("bb: state has no scalar \"alpha\"")
	}
	if err := fbCopyVectors("bb", st, map[string][]float64{"fhist": o.hist}); err != nil {
		return err
	}
	o.k, o.head, o.count, o.alpha = st.Step, head, count, a
	return nil
}

// MemorySize implements Memoried: the last Memory values of f.
func (o *BB) MemorySize(int) (string, int, int) {
	m := o.Memory
	if m <= 0 {
		m = 10
	}
	return "memory", m, m
}

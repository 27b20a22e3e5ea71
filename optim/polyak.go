package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Polyak is gradient descent with Polyak's step size, which needs the
// optimal value f* (or a lower bound of f):
//
//	γ = min( (f(x) − f*) / (c·‖∇f(x)‖²), γ_max ),   x ← x − γ·∇f(x).
//
// With c = 1 and no cap this is Polyak's step (B. T. Polyak, Introduction to
// Optimization, Optimization Software, 1987, the subgradient method with the
// step (f(x) − f*)/‖∂f(x)‖² of Ch. 5): for convex f it never increases the
// distance to a minimizer, ‖xₖ₊₁ − x*‖² ≤ ‖xₖ − x*‖² − (f(xₖ) − f*)²/‖∇f(xₖ)‖².
// The constant c and the cap γ_max are the stochastic Polyak step SPS_max of
// Loizou, Vaswani, Laradji & Lacoste-Julien, "Stochastic Polyak Step-size
// for SGD: An Adaptive Learning Rate for Fast Convergence" (AISTATS 2021),
// eq. (5), whose theory takes c = 1/2 (then on f = ½L‖x‖² one step reaches
// the minimum). On f = ½Lx² with f* = 0 and c = 1 the step is 1/(2L): each
// iteration halves x.
//
// Polyak is a Method: it evaluates the objective once per iteration (at the
// new point) and does not check for decrease, since the Polyak step need not
// decrease f. It needs f*: without it (HasFStar false, no fstar key) the
// first Iterate fails with "fstar: required"; an engine that knows the
// problem's minimum can supply it through SetFStar (see FStarUser). A value
// f(x) < f* is an error naming fstar, since f* must be a lower bound.
//
// The zero value has no f*; otherwise it is the default: c = 1, no cap.
type Polyak struct {
	FStar    float64 // f*, the optimal value or a lower bound of f; used when HasFStar
	HasFStar bool    // FStar is given
	C        float64 // c > 0; 0 means 1 (Polyak's step); Loizou et al.'s theory uses 0.5
	LRMax    float64 // γ_max > 0, the cap on the step; 0 means +Inf (no cap)

	n, k   int
	c, max float64
	gamma  float64 // the last step
}

// FStarUser is implemented by methods that step with the optimal value f*
// (Polyak). An engine that knows the problem's minimum (a catalogue
// function's) supplies it with SetFStar when NeedsFStar reports that the
// specification gave none.
type FStarUser interface {
	Method
	NeedsFStar() bool
	SetFStar(fstar float64)
}

func init() {
	Register(Entry{
		Name:    "polyak",
		Summary: "gradient descent with Polyak's step (f−f*)/(c‖∇f‖²), capped as SPS_max (Polyak 1987; Loizou et al. 2021)",
		Params: []spec.Field{
			{Key: "fstar", Kind: spec.Float, Doc: "f*, the optimal value or a lower bound of f (required)"},
			{Key: "c", Kind: spec.Float, Default: "1", Doc: "c > 0 in (f−f*)/(c‖∇f‖²): 1 is Polyak's step, 0.5 SPS's theory"},
			{Key: "lr_max", Kind: spec.Float, Doc: "cap γ_max > 0 on the step (default: none)"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Polyak{C: param.Explicit(a.Float("c")), LRMax: a.Float("lr_max")}
			if a.Given("fstar") {
				o.FStar, o.HasFStar = a.Float("fstar"), true
			}
			if a.Given("lr_max") && !(o.LRMax > 0) {
				return nil, a.Errorf("invalid lr_max %g: must be > 0", o.LRMax)
			}
			if _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *Polyak) resolve() (c float64, err error) {
	c = param.OrDefault(o.C, 1)
	if !(c > 0) || math.IsInf(c, 1) {
		return 0, fmt.Errorf("invalid c %g: must be > 0 and finite", c+0)
	}
	if o.LRMax < 0 || math.IsNaN(o.LRMax) {
		return 0, fmt.Errorf("invalid lr_max %g: must be > 0", o.LRMax)
	}
	if o.HasFStar && (math.IsNaN(o.FStar) || math.IsInf(o.FStar, 0)) {
		return 0, fmt.Errorf("invalid fstar %g: must be finite", o.FStar)
	}
	return c, nil
}

// Init prepares Polyak for n parameters and clears its state. It panics if
// a field is invalid.
func (o *Polyak) Init(n int) {
	c, err := o.resolve()
	mustInit("polyak", n, err)
	o.n, o.k, o.c, o.gamma = n, 0, c, 0
	o.max = math.Inf(1)
	if o.LRMax > 0 {
		o.max = o.LRMax
	}
}

// NeedsFStar reports whether f* is missing.
func (o *Polyak) NeedsFStar() bool { return !o.HasFStar }

// SetFStar sets f*, for the following iterations.
func (o *Polyak) SetFStar(fstar float64) { o.FStar, o.HasFStar = fstar, true }

// Iterate takes one Polyak step from x, where f = f(x) and g = ∇f(x), and
// evaluates obj at the new point. It returns an error (not ErrNoProgress)
// when f* is missing or above f(x); ErrNoProgress when f(x) = f* (x is
// optimal) or the gradient is zero above f*.
func (o *Polyak) Iterate(obj fn.Func, x, g []float64, f float64) (fNew float64, evals int, err error) {
	if len(x) != o.n || len(g) != o.n {
		panic(fmt.Sprintf("optim: polyak: Init(%d) but len(x)=%d, len(g)=%d", o.n, len(x), len(g)))
	}
	if !o.HasFStar {
		return f, 0, fmt.Errorf("polyak: fstar: required (the optimal value f* or a lower bound of f, e.g. polyak:fstar=0)")
	}
	if !lsFinite(f) {
		return f, 0, lsErrorf("polyak: f(x) = %g is not finite", f)
	}
	gap := f - o.FStar
	if gap < 0 {
		if o.k == 0 {
			return f, 0, fmt.Errorf("polyak: fstar %g is above f(x₀) = %g: f* must be a lower bound", o.FStar, f)
		}
		return f, 0, fmt.Errorf("polyak: fstar %g is above f(x) = %g at iteration %d: f* must be a lower bound", o.FStar, f, o.k)
	}
	var gg float64
	for i, gi := range g {
		if !lsFinite(gi) {
			return f, 0, lsErrorf("polyak: gradient element %d is %g", i, gi)
		}
		gg += gi * gi
	}
	if gap == 0 {
		return f, 0, lsErrorf("polyak: f(x) = f* = %g: x is optimal", f)
	}
	if gg == 0 {
		return f, 0, lsErrorf("polyak: the gradient is zero but f(x) − f* = %g > 0: x is stationary, not optimal (is fstar right?)", gap)
	}
	gamma := math.Min(gap/(o.c*gg), o.max)
	for i, gi := range g {
		x[i] -= gamma * gi
	}
	o.gamma = gamma
	o.k++
	return obj.ValueGrad(g, x), 1, nil
}

// LastStep returns the step γ of the last iteration (0 before the first).
func (o *Polyak) LastStep() float64 { return o.gamma }

// State returns the iteration count and the last step.
func (o *Polyak) State() State {
	return State{Step: o.k, Scalars: map[string]float64{"step_size": o.gamma}}
}

// SetState restores a state saved by State, after Init.
func (o *Polyak) SetState(st State) error {
	if err := loadState("polyak", st, o.n, []scalarSlot{{"step_size", &o.gamma}}, nil); err != nil {
		return err
	}
	o.k = st.Step
	return nil
}

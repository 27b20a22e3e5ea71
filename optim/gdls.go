package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/spec"
)

// InitialStep chooses the first trial step of each line search of GDLS.
type InitialStep int

// The initial-step strategies of GDLS. Here α₋ is the step accepted in the
// previous iteration and f₋ the previous value; the first iteration tries the
// learning rate, or 1/‖g‖ (a unit move) when none is set.
const (
	// StepFChange tries α₀ = 2(f₋ − f)/‖∇f‖², the step at which the linear
	// model predicts the decrease of the previous iteration (Nocedal &
	// Wright, Numerical Optimization (2006), eq. 3.60), or 2·α₋ when that is
	// not a positive number, kept within [α₋/100, 100·α₋] because near a
	// minimizer f₋ − f is mostly rounding. On the MGH test set it needs
	// fewer evaluations than StepDouble.
	StepFChange InitialStep = iota
	// StepDouble tries 2·α₋: the accepted step grows until the line search
	// has to shrink it, so the search adapts in both directions.
	StepDouble
	// StepConstant tries the learning rate in every iteration: the classical
	// Armijo rule.
	StepConstant
)

var initialStepNames = []string{"fchange", "double", "constant"}

// String returns the name used in specifications ("fchange", "double",
// "constant").
func (s InitialStep) String() string {
	if s >= 0 && int(s) < len(initialStepNames) {
		return initialStepNames[s]
	}
	return fmt.Sprintf("InitialStep(%d)", int(s))
}

// GDLS is steepest descent with a line search:
//
//	d = −∇f(x),   x ← x + α·d,
//
// with α from LineSearch, by default Armijo backtracking (Armijo 1966;
// Nocedal & Wright, Numerical Optimization (2006), Algorithm 3.1). The
// specification "gd:linesearch=armijo" or "gd:linesearch=wolfe" builds one.
// The zero value is usable: Armijo with c₁ = 1e-4, ρ = 0.5, first step 1/‖g‖
// and the StepFChange strategy. When a Wolfe search finds no strong Wolfe
// point but one with sufficient decrease, GDLS takes that point.
type GDLS struct {
	LineSearch   LineSearcher // nil means &Armijo{}
	LearningRate float64      // first trial step; 0 means 1/‖∇f(x₀)‖
	InitStep     InitialStep  // initial-step strategy for later iterations

	defLS  Armijo // the default line search, kept here so that Init does not allocate
	ls     LineSearcher
	n      int
	k      int     // iterations done
	alpha0 float64 // first trial step of the next iteration (0: choose)
	searchWork
}

// Init prepares GDLS for n parameters and clears its state.
func (o *GDLS) Init(n int) {
	o.n, o.k = n, 0
	o.alpha0 = math.Max(o.LearningRate, 0)
	o.searchWork.resize(n)
	o.ls = o.LineSearch
	if o.ls == nil {
		o.ls = &o.defLS
	}
}

// Iterate takes one steepest-descent step with a line search.
func (o *GDLS) Iterate(obj fn.Func, x, g []float64, f float64) (fNew float64, evals int, err error) {
	fi, err := fbBegin("gd", o.n, x, g, f, o.gi)
	if err != nil {
		return f, 0, err
	}
	var gg float64
	for i, gi := range o.gi {
		o.d[i] = -gi
		gg += gi * gi
	}
	if gg == 0 {
		return f, 0, lsErrorf("gd: the gradient is zero: x is stationary")
	}
	alpha0 := o.alpha0
	if !(alpha0 > 0) {
		alpha0 = 1 / math.Sqrt(gg)
	}
	o.line.Obj, o.line.X, o.line.Dir = obj, x, o.d
	o.line.F0, o.line.Slope0 = fi, -gg
	alpha, phi, evals, err := searchOrBest(o.ls, &o.line, alpha0)
	if err != nil {
		return f, evals, fmt.Errorf("gd: %w", err)
	}
	fbEnd(x, g, &o.line)
	o.k++
	switch o.InitStep {
	case StepConstant:
		o.alpha0 = math.Max(o.LearningRate, 0)
	case StepDouble:
		o.alpha0 = 2 * alpha
	default:
		// Near a minimizer the decrease fi − phi is dominated by rounding,
		// so the guess is kept within a factor 100 of the accepted step.
		ggNew := fn.Dot(o.line.GT, o.line.GT)
		a0 := 2 * (fi - phi) / ggNew
		if !(a0 > 0) || math.IsInf(a0, 0) {
			a0 = 2 * alpha
		}
		o.alpha0 = math.Min(math.Max(a0, 0.01*alpha), 100*alpha)
	}
	return phi, evals, nil
}

// LR returns the first trial step of the next iteration (0 before the first
// iteration when it is chosen as 1/‖g‖).
func (o *GDLS) LR() float64 { return o.alpha0 }

// SetLR sets the first trial step of the next iteration; later iterations
// follow the InitStep strategy from the step that is accepted.
func (o *GDLS) SetLR(lr float64) { o.alpha0 = lr }

// State returns the iteration count and the next trial step.
func (o *GDLS) State() State {
	return State{Step: o.k, Scalars: map[string]float64{"alpha0": o.alpha0}}
}

// SetState restores a state saved by State after Init.
func (o *GDLS) SetState(s State) error {
	a, ok := s.Scalars["alpha0"]
	if !ok {
		return fmt.Errorf("gd: state has no scalar \"alpha0\"")
	}
	if s.Step < 0 {
		return fmt.Errorf("gd: state step %d is negative", s.Step)
	}
	o.k, o.alpha0 = s.Step, a
	return nil
}

// searchWork is the workspace that the line-search methods share: the
// gradient at the iterate, the search direction, and the ray with its trial
// buffers.
type searchWork struct {
	gi, d []float64
	line  Line
}

// resize sizes the workspace for n parameters, reusing its storage.
func (w *searchWork) resize(n int) {
	w.gi = fbResize(w.gi, n)
	w.d = fbResize(w.d, n)
	w.line.XT = fbResize(w.line.XT, n)
	w.line.GT = fbResize(w.line.GT, n)
}

// fbResize returns buf with length n, reusing its storage when possible.
func fbResize(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	buf = buf[:n]
	for i := range buf {
		buf[i] = 0
	}
	return buf
}

// fbBegin checks the arguments of Iterate and copies the gradient g into
// gi, returning f.
func fbBegin(name string, n int, x, g []float64, f float64, gi []float64) (float64, error) {
	if len(x) != n || len(g) != n {
		panic(fmt.Sprintf("optim: %s: Init(%d) but len(x)=%d, len(g)=%d", name, n, len(x), len(g)))
	}
	if !lsFinite(f) {
		return 0, lsErrorf("%s: f(x) = %g is not finite", name, f)
	}
	for i, v := range g {
		if !lsFinite(v) {
			return 0, lsErrorf("%s: gradient element %d is %g", name, i, v)
		}
		gi[i] = v
	}
	return f, nil
}

// fbEnd moves the accepted point of a line search into x and its gradient
// into g.
func fbEnd(x, g []float64, l *Line) {
	copy(x, l.XT)
	copy(g, l.GT)
}

// newGDLS builds a GDLS from the keys of the "gd" registry entry when
// linesearch is armijo or wolfe.
func newGDLS(a spec.Args) (Algorithm, error) {
	if a.Float("weight_decay") != 0 {
		return nil, a.Errorf("weight_decay is not supported with a line search (add the penalty to the objective)")
	}
	lr := a.Float("lr")
	if a.Given("lr") && !(lr > 0) {
		return nil, a.Errorf("invalid lr %g: the first trial step must be > 0", lr)
	}
	if !a.Given("lr") {
		lr = 0 // 1/‖∇f(x₀)‖
	}
	o := &GDLS{LearningRate: lr}
	for i, name := range initialStepNames {
		if a.String("init") == name {
			o.InitStep = InitialStep(i)
		}
	}
	if o.InitStep == StepConstant && !(lr > 0) {
		return nil, a.Errorf("init=constant needs lr > 0")
	}
	c1 := a.Float("c1")
	switch a.String("linesearch") {
	case "armijo":
		if a.Given("c2") {
			return nil, a.Errorf("c2 applies only with linesearch=wolfe")
		}
		rho := a.Float("rho")
		if !(c1 > 0 && c1 < 1) {
			return nil, a.Errorf("invalid c1 %g: must be in (0, 1)", c1)
		}
		if !(rho > 0 && rho < 1) {
			return nil, a.Errorf("invalid rho %g: must be in (0, 1)", rho)
		}
		o.LineSearch = &Armijo{C1: c1, Rho: rho}
	case "wolfe":
		if a.Given("rho") {
			return nil, a.Errorf("rho applies only with linesearch=armijo")
		}
		ls, err := wolfeFromArgs(a)
		if err != nil {
			return nil, err
		}
		o.LineSearch = ls
	}
	return o, nil
}

package schedule

import (
	"math"

	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/spec"
)

// Lambda sets the rate to the base rate times a formula of the step,
// PyTorch's LambdaLR(lr_lambda=g):
//
//	lr_t = lr·g(t)
//
// g is a formula of package expr (see its grammar: numbers, pi, e, + − * /
// ^, sin, cos, exp, log, sqrt, min, max, …) over the one variable t, the
// step from 0. Examples: "0.95^t" (ExponentialLR), "min(1, (t+1)/10)" (a
// warmup), "1/(1+0.01*t)" (inverse_time). In a specification a formula's
// commas are kept ("lambda:expr=min(1, t/10)"); inside sequential or
// chained write ';' for ','.
//
// g must be finite and ≥ 0. NewSpec checks it at every step of the run
// (Context.Steps, or the first 10000 steps when the length is unknown) and
// reports the first step where it is not; past those steps LR returns
// lr·g(t) as it is, negative or not. Errors in the formula give its line
// and column ("expr:1:7: unexpected ...").
type Lambda struct {
	Expr string // the formula g over t (required)

	prog *expr.Program
	src  string // the formula prog was compiled from
	x    [1]float64
	base float64
	t    int
}

// lambdaCheckSteps is how many steps NewSpec checks when the run's length
// is unknown.
const lambdaCheckSteps = 10000

// lambdaCheckMax bounds the steps NewSpec checks one by one; beyond it, a
// long run (a milestone of 5·10⁸ in a sequential schedule) is checked at
// doubling steps and at its last, so that building the schedule stays fast.
const lambdaCheckMax = 1 << 20

func init() {
	Register(Entry{
		Name:    "lambda",
		Summary: "lr·g(t) for a formula g of the step t (torch LambdaLR)",
		Params: []spec.Field{
			{Key: "expr", Kind: spec.String, Doc: "formula g(t) of the step t ≥ 0, e.g. 0.95^t or min(1, (t+1)/10)"},
		},
		New: func(a spec.Args, c Context) (Schedule, error) {
			s := &Lambda{Expr: a.String("expr")}
			if err := s.compile(); err != nil {
				return nil, err
			}
			n := c.Steps
			if n <= 0 {
				n = lambdaCheckSteps
			}
			check := func(t int) error {
				s.x[0] = float64(t)
				if g := s.prog.Value(s.x[:]); !(g >= 0) || math.IsInf(g, 1) {
					return errf("lambda", "expr=%s: g(%d) = %g: the factor must be finite and ≥ 0", s.Expr, t, g)
				}
				return nil
			}
			for t := 0; t < min(n, lambdaCheckMax); t++ {
				if err := check(t); err != nil {
					return nil, err
				}
			}
			for t := lambdaCheckMax; t < n; t *= 2 {
				if err := check(t); err != nil {
					return nil, err
				}
			}
			if n > lambdaCheckMax {
				if err := check(n - 1); err != nil {
					return nil, err
				}
			}
			return s, nil
		},
	})
}

func (s *Lambda) compile() error {
	if s.prog != nil && s.src == s.Expr {
		return nil
	}
	p, err := expr.Compile(s.Expr, []string{"t"})
	if err != nil {
		return errf("lambda", "expr=%s: %v", s.Expr, err)
	}
	s.prog, s.src = p, s.Expr
	return nil
}

// Init compiles the formula (once) and starts at step 0.
func (s *Lambda) Init(baseLR float64) {
	mustValid(s.compile())
	s.base, s.t = initBase("lambda", baseLR), 0
}

// LR returns lr·g(t).
func (s *Lambda) LR() float64 {
	s.x[0] = float64(s.t)
	return s.base * s.prog.Value(s.x[:])
}

// Step advances one step.
func (s *Lambda) Step(float64) { s.t++ }

// State returns the position.
func (s *Lambda) State() State { return State{Name: "lambda", Base: s.base, Step: s.t, LR: s.LR()} }

// SetState restores a position returned by State.
func (s *Lambda) SetState(st State) error {
	if err := checkState("lambda", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t = st.Step
	return nil
}

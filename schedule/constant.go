package schedule

import (
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Constant keeps the learning rate at the optimizer's initial rate, or, with
// a factor, at a fraction of it for the first total_iters steps
// (PyTorch's ConstantLR):
//
//	lr_t = lr·factor   for t < total_iters
//	lr_t = lr          for t ≥ total_iters
//
// In PyTorch the plain form is running without a scheduler, or
// ConstantLR(factor=1, total_iters=0). The defaults here are factor=1 and
// total_iters=0, a constant rate, not ConstantLR's 1/3 and 5, so that
// "constant" stays constant. A factor ≠ 1 needs total_iters ≥ 1 (with
// total_iters=0 PyTorch applies the factor at step 0 and never removes it).
// Composed with chained, it multiplies the other schedules' rates, as in
// ChainedScheduler([ConstantLR(...), ...]).
type Constant struct {
	Factor     float64 // in [0, 1]; 0 means 1 (use Zero for 0)
	TotalIters int     // steps at lr·factor, ≥ 0

	t  int
	lr float64
}

func init() {
	Register(Entry{
		Name:    "constant",
		Summary: "constant rate lr_t = lr, or lr·factor for t < total_iters (torch ConstantLR)",
		Params: []spec.Field{
			{Key: "factor", Kind: spec.Float, Default: "1", Doc: "fraction of the rate for the first total_iters steps"},
			{Key: "total_iters", Kind: spec.Int, Default: "0", Doc: "steps at the reduced rate"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &Constant{Factor: param.Explicit(a.Float("factor")), TotalIters: a.Int("total_iters")}
			return s, s.check()
		},
	})
}

func (s *Constant) check() error {
	if f := s.Factor; !(f >= 0 && f <= 1) {
		return errf("constant", "invalid factor %g: must be in [0, 1]", f)
	}
	if s.TotalIters < 0 {
		return errf("constant", "invalid total_iters %d: must be ≥ 0", s.TotalIters)
	}
	if param.OrDefault(s.Factor, 1) != 1 && s.TotalIters == 0 {
		return errf("constant", "factor %g with total_iters 0 never applies: give total_iters ≥ 1", s.Factor)
	}
	return nil
}

// Init starts the schedule at baseLR.
func (s *Constant) Init(baseLR float64) {
	mustValid(s.check())
	s.lr, s.t = initBase("constant", baseLR), 0
}

// LR returns the rate.
func (s *Constant) LR() float64 {
	if s.t < s.TotalIters {
		return s.lr * param.OrDefault(s.Factor, 1)
	}
	return s.lr
}

// Step advances one step.
func (s *Constant) Step(float64) { s.t++ }

// State returns the position.
func (s *Constant) State() State { return State{Name: "constant", Base: s.lr, Step: s.t, LR: s.LR()} }

// SetState restores a position returned by State.
func (s *Constant) SetState(st State) error {
	if err := checkState("constant", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t = st.Step
	return nil
}

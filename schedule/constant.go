package schedule

import "github.com/descentgo/descent/spec"

// Constant keeps the learning rate at the optimizer's initial rate:
//
//	lr_t = lr
//
// In PyTorch this is running without a scheduler, or
// ConstantLR(factor=1, total_iters=0).
type Constant struct {
	t  int
	lr float64
}

func init() {
	Register(Entry{
		Name:    "constant",
		Summary: "constant rate lr_t = lr (no scheduler)",
		New:     func(spec.Args, Context) (Schedule, error) { return &Constant{}, nil },
	})
}

// Init starts the schedule at baseLR.
func (s *Constant) Init(baseLR float64) { *s = Constant{lr: initBase("constant", baseLR)} }

// LR returns the rate.
func (s *Constant) LR() float64 { return s.lr }

// Step advances one step; the rate does not change.
func (s *Constant) Step(float64) { s.t++ }

// State returns the position.
func (s *Constant) State() State { return State{Name: "constant", Base: s.lr, Step: s.t, LR: s.lr} }

// SetState restores a position returned by State.
func (s *Constant) SetState(st State) error {
	if err := checkState("constant", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t = st.Step
	return nil
}

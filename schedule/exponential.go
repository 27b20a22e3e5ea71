package schedule

import "github.com/descentgo/descent/spec"

// Exponential multiplies the rate by γ every step, PyTorch's ExponentialLR:
//
//	lr_t = lr · γ^t
//
// computed recursively as PyTorch does (lr_t = lr_{t−1}·γ).
type Exponential struct {
	Gamma float64 // multiplicative factor γ > 0 (required)

	base, lr float64
	t        int
}

func init() {
	Register(Entry{
		Name:    "exponential",
		Summary: "exponential decay lr·γ^t (torch ExponentialLR)",
		Params: []spec.Field{
			{Key: "gamma", Kind: spec.Float, Doc: "multiplicative factor of decay per step"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &Exponential{Gamma: a.Float("gamma")}
			return s, s.check()
		},
	})
}

func (s *Exponential) check() error { return positive("exponential", "gamma", s.Gamma, false) }

// Init starts the schedule at baseLR.
func (s *Exponential) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("exponential", baseLR)
	s.t, s.lr = 0, s.base
}

// LR returns the rate for the current step.
func (s *Exponential) LR() float64 { return s.lr }

// Step advances one step.
func (s *Exponential) Step(float64) {
	s.t++
	s.lr *= s.Gamma
}

// State returns the position.
func (s *Exponential) State() State {
	return State{Name: "exponential", Base: s.base, Step: s.t, LR: s.lr}
}

// SetState restores a position returned by State.
func (s *Exponential) SetState(st State) error {
	if err := checkState("exponential", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t, s.lr = st.Step, st.LR
	return nil
}

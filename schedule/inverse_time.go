package schedule

import "github.com/descentgo/descent/spec"

// InverseTime decays the rate as 1/t, the classical stochastic-approximation
// schedule (Robbins & Monro 1951; Keras InverseTimeDecay without staircase):
//
//	lr_t = lr / (1 + decay·t)
//
// PyTorch has no class for it; it equals LambdaLR(lambda t: 1/(1+decay·t)),
// whose arithmetic lr·(1/(1+decay·t)) is used here.
type InverseTime struct {
	Decay float64 // decay ≥ 0 (required)

	base float64
	t    int
}

func init() {
	Register(Entry{
		Name:    "inverse_time",
		Summary: "inverse-time decay lr/(1+decay·t) (torch LambdaLR)",
		Params: []spec.Field{
			{Key: "decay", Kind: spec.Float, Doc: "decay rate per step"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &InverseTime{Decay: a.Float("decay")}
			return s, s.check()
		},
	})
}

func (s *InverseTime) check() error { return nonNegative("inverse_time", "decay", s.Decay) }

// Init starts the schedule at baseLR.
func (s *InverseTime) Init(baseLR float64) {
	mustValid(s.check())
	s.base, s.t = initBase("inverse_time", baseLR), 0
}

// LR returns the rate for the current step.
func (s *InverseTime) LR() float64 { return s.base * (1 / (1 + s.Decay*float64(s.t))) }

// Step advances one step.
func (s *InverseTime) Step(float64) { s.t++ }

// State returns the position.
func (s *InverseTime) State() State {
	return State{Name: "inverse_time", Base: s.base, Step: s.t, LR: s.LR()}
}

// SetState restores a position returned by State.
func (s *InverseTime) SetState(st State) error {
	if err := checkState("inverse_time", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t = st.Step
	return nil
}

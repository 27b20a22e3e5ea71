package schedule

import (
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// StepDecay multiplies the rate by γ every StepSize steps, PyTorch's StepLR:
//
//	lr_t = lr · γ^⌊t/step_size⌋
//
// computed as PyTorch does, recursively: lr_t = lr_{t−1}·γ when t is a
// positive multiple of step_size. (Named StepDecay because Step is the
// interface's method.)
type StepDecay struct {
	StepSize int     // period of decay in steps, ≥ 1 (required)
	Gamma    float64 // multiplicative factor γ > 0; 0 means 0.1

	base, lr, gamma float64
	t               int
}

func init() {
	Register(Entry{
		Name:    "step",
		Summary: "step decay lr·γ^⌊t/step_size⌋ (torch StepLR)",
		Params: []spec.Field{
			{Key: "step_size", Kind: spec.Int, Doc: "period of decay in steps"},
			{Key: "gamma", Kind: spec.Float, Default: "0.1", Doc: "multiplicative factor of decay"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &StepDecay{StepSize: a.Int("step_size"), Gamma: param.Explicit(a.Float("gamma"))}
			return s, s.check()
		},
	})
}

func (s *StepDecay) check() error {
	if s.StepSize < 1 {
		return errf("step", "invalid step_size %d: must be ≥ 1", s.StepSize)
	}
	return positive("step", "gamma", s.Gamma, true)
}

// Init starts the schedule at baseLR.
func (s *StepDecay) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("step", baseLR)
	s.t, s.lr, s.gamma = 0, s.base, param.OrDefault(s.Gamma, 0.1)
}

// LR returns the rate for the current step.
func (s *StepDecay) LR() float64 { return s.lr }

// Step advances one step.
func (s *StepDecay) Step(float64) {
	s.t++
	if s.t%s.StepSize == 0 {
		s.lr *= s.gamma
	}
}

// State returns the position.
func (s *StepDecay) State() State { return State{Name: "step", Base: s.base, Step: s.t, LR: s.lr} }

// SetState restores a position returned by State.
func (s *StepDecay) SetState(st State) error {
	if err := checkState("step", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t, s.lr = st.Step, st.LR
	return nil
}

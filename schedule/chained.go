package schedule

import (
	"fmt"

	"github.com/descentgo/descent/spec"
)

// Chained applies several schedules at once by multiplying their factors,
// PyTorch's ChainedScheduler: with every schedule started from the
// optimizer's rate lr and stepped together,
//
//	lr_t = lr · Π_i (lr_i,t / lr)
//
// where lr_i,t is schedule i's own rate at step t (0 if lr is 0).
// ChainedScheduler calls each scheduler's step() in turn on the same
// param_groups, and each of the schedules accepted here (constant, step,
// multistep, exponential, linear, polynomial) multiplies the current rate by
// a factor that does not depend on it, so the result is this product.
// Schedules whose PyTorch step sets the rate outright or adds to it (lambda,
// inverse_time, cosine, cosine_restarts, cyclic, onecycle, plateau) would
// make ChainedScheduler's result depend on their order and are rejected.
//
// In a specification the schedules are one string separated by '|', with
// ';' standing for ',' inside each (as for sequential):
//
//	chained:schedulers=constant:factor=0.5;total_iters=10|exponential:gamma=0.98
//
// is ChainedScheduler([ConstantLR(factor=0.5, total_iters=10),
// ExponentialLR(gamma=0.98)]).
type Chained struct {
	Schedules []Schedule // at least one, each multiplicative (see above)

	base float64
	t    int
}

func init() {
	Register(Entry{
		Name:    "chained",
		Summary: "product of multiplicative schedules stepped together (torch ChainedScheduler)",
		Params: []spec.Field{
			{Key: "schedulers", Kind: spec.String, Doc: "specifications separated by |, with ; for , inside each (e.g. constant:factor=0.5;total_iters=10|exponential:gamma=0.98)"},
		},
		New: func(a spec.Args, c Context) (Schedule, error) {
			sps, err := nestedSpecs("chained", a.String("schedulers"))
			if err != nil {
				return nil, err
			}
			s := &Chained{}
			for i, sp := range sps {
				in, err := NewSpec(sp, c)
				if err != nil {
					return nil, fmt.Errorf("schedule \"chained\": schedulers[%d]: %v", i, err)
				}
				s.Schedules = append(s.Schedules, in)
			}
			return s, s.check()
		},
	})
}

// multiplicative reports whether PyTorch's step of s multiplies the rate by
// a factor independent of it.
func multiplicative(s Schedule) bool {
	switch s.(type) {
	case *Constant, *StepDecay, *MultiStep, *Exponential, *Linear, *Polynomial:
		return true
	}
	return false
}

func (s *Chained) check() error {
	if len(s.Schedules) == 0 {
		return errf("chained", "no schedules")
	}
	for i, in := range s.Schedules {
		if !multiplicative(in) {
			return errf("chained", "schedulers[%d]: %s does not multiply the rate by a factor, so chaining it is not a product (PyTorch's result would depend on the order); chain constant, step, multistep, exponential, linear or polynomial, or use sequential", i, scheduleName(in))
		}
	}
	return nil
}

// Init starts every schedule from baseLR.
func (s *Chained) Init(baseLR float64) {
	mustValid(s.check())
	s.base, s.t = initBase("chained", baseLR), 0
	for _, in := range s.Schedules {
		in.Init(baseLR)
	}
}

// LR returns the product of the schedules' factors times the base rate.
func (s *Chained) LR() float64 {
	lr := s.Schedules[0].LR()
	if s.base == 0 {
		return 0
	}
	for _, in := range s.Schedules[1:] {
		lr *= in.LR() / s.base
	}
	return lr
}

// Step steps every schedule.
func (s *Chained) Step(metric float64) {
	s.t++
	for _, in := range s.Schedules {
		in.Step(metric)
	}
}

// State returns the position, with every schedule's state in Parts.
func (s *Chained) State() State {
	st := State{Name: "chained", Base: s.base, Step: s.t, LR: s.LR(), Parts: make([]State, len(s.Schedules))}
	for i, in := range s.Schedules {
		st.Parts[i] = in.(Stateful).State()
	}
	return st
}

// SetState restores a position returned by State.
func (s *Chained) SetState(st State) error {
	if err := checkState("chained", st); err != nil {
		return err
	}
	if len(st.Parts) != len(s.Schedules) {
		return fmt.Errorf("schedule: chained: state has %d parts for %d schedules", len(st.Parts), len(s.Schedules))
	}
	s.Init(st.Base)
	for i, in := range s.Schedules {
		if err := in.(Stateful).SetState(st.Parts[i]); err != nil {
			return err
		}
	}
	s.t = st.Step
	return nil
}

package schedule

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Polynomial decays the rate to 0 over TotalIters steps, PyTorch's
// PolynomialLR:
//
//	lr_t = lr · (1 − min(t, T)/T)^power
//
// computed recursively as PyTorch does: for 1 ≤ t ≤ T,
// lr_t = lr_{t−1}·((1 − t/T)/(1 − (t−1)/T))^power, and the rate stays 0
// after T.
type Polynomial struct {
	TotalIters int     // T ≥ 1, the steps to reach 0; 0 means 5
	Power      float64 // power > 0; 0 means 1

	base, lr, power float64
	t, total        int
}

func init() {
	Register(Entry{
		Name:    "polynomial",
		Summary: "polynomial decay lr·(1−t/T)^power to 0 at T (torch PolynomialLR)",
		Length:  "total_iters",
		Params: []spec.Field{
			{Key: "total_iters", Kind: spec.Int, Default: "5", Doc: "steps T over which the rate decays to 0"},
			{Key: "power", Kind: spec.Float, Default: "1", Doc: "power of the polynomial"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &Polynomial{TotalIters: a.Int("total_iters"), Power: param.Explicit(a.Float("power"))}
			if s.TotalIters == 0 {
				return nil, errf("polynomial", "invalid total_iters 0: must be ≥ 1")
			}
			return s, s.check()
		},
	})
}

func (s *Polynomial) check() error {
	if s.TotalIters < 0 {
		return errf("polynomial", "invalid total_iters %d: must be ≥ 1", s.TotalIters)
	}
	return positive("polynomial", "power", s.Power, true)
}

// Init starts the schedule at baseLR.
func (s *Polynomial) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("polynomial", baseLR)
	s.t, s.lr = 0, s.base
	s.total, s.power = s.TotalIters, param.OrDefault(s.Power, 1)
	if s.total == 0 {
		s.total = 5
	}
}

// LR returns the rate for the current step.
func (s *Polynomial) LR() float64 { return s.lr }

// Step advances one step.
func (s *Polynomial) Step(float64) {
	s.t++
	if s.t > s.total {
		return
	}
	T := float64(s.total)
	f := (1 - float64(s.t)/T) / (1 - float64(s.t-1)/T)
	s.lr *= math.Pow(f, s.power)
}

// State returns the position.
func (s *Polynomial) State() State {
	return State{Name: "polynomial", Base: s.base, Step: s.t, LR: s.lr}
}

// SetState restores a position returned by State.
func (s *Polynomial) SetState(st State) error {
	if err := checkState("polynomial", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t, s.lr = st.Step, st.LR
	return nil
}

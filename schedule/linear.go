package schedule

import (
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Linear scales the rate by a factor that moves linearly from StartFactor to
// EndFactor over TotalIters steps, PyTorch's LinearLR:
//
//	lr_t = lr · (s + (e − s)·min(t, T)/T)
//
// computed recursively as PyTorch does: lr_0 = lr·s and, for 1 ≤ t ≤ T,
// lr_t = lr_{t−1}·(1 + (e − s)/(T·s + (t−1)·(e − s))). With the defaults
// (s = 1/3, e = 1, T = 5) it is a short warmup; with s = 1, e = 0 a linear
// decay to 0.
type Linear struct {
	StartFactor float64 // s in (0, 1]; 0 means 1/3
	EndFactor   float64 // e in [0, 1]; 0 means 1 (use Zero for 0)
	TotalIters  int     // T ≥ 1; 0 means 5

	base, lr, s, e float64
	t, total       int
}

func init() {
	Register(Entry{
		Name:    "linear",
		Summary: "factor moving linearly from start_factor to end_factor over total_iters (torch LinearLR)",
		Length:  "total_iters",
		Params: []spec.Field{
			{Key: "start_factor", Kind: spec.Float, Default: "0.3333333333333333", Doc: "factor of step 0, in (0, 1]"},
			{Key: "end_factor", Kind: spec.Float, Default: "1", Doc: "factor from step total_iters on, in [0, 1]"},
			{Key: "total_iters", Kind: spec.Int, Default: "5", Doc: "steps over which the factor moves"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &Linear{StartFactor: param.Explicit(a.Float("start_factor")), EndFactor: param.Explicit(a.Float("end_factor")), TotalIters: a.Int("total_iters")}
			if s.TotalIters == 0 {
				return nil, errf("linear", "invalid total_iters 0: must be ≥ 1")
			}
			return s, s.check()
		},
	})
}

func (s *Linear) check() error {
	if sf := s.StartFactor; !isDefault(sf) && !(sf > 0 && sf <= 1) {
		return errf("linear", "invalid start_factor %g: must be in (0, 1]", sf+0)
	}
	if ef := s.EndFactor; !(ef >= 0 && ef <= 1) {
		return errf("linear", "invalid end_factor %g: must be in [0, 1]", ef)
	}
	if s.TotalIters < 0 {
		return errf("linear", "invalid total_iters %d: must be ≥ 1", s.TotalIters)
	}
	return nil
}

// Init starts the schedule at baseLR.
func (s *Linear) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("linear", baseLR)
	s.s, s.e = param.OrDefault(s.StartFactor, 1.0/3), param.OrDefault(s.EndFactor, 1)
	s.total = s.TotalIters
	if s.total == 0 {
		s.total = 5
	}
	s.t, s.lr = 0, s.base*s.s
}

// LR returns the rate for the current step.
func (s *Linear) LR() float64 { return s.lr }

// Step advances one step.
func (s *Linear) Step(float64) {
	s.t++
	if s.t > s.total {
		return
	}
	d := s.e - s.s
	s.lr *= 1 + d/(float64(s.total)*s.s+float64(s.t-1)*d)
}

// State returns the position.
func (s *Linear) State() State { return State{Name: "linear", Base: s.base, Step: s.t, LR: s.lr} }

// SetState restores a position returned by State.
func (s *Linear) SetState(st State) error {
	if err := checkState("linear", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t, s.lr = st.Step, st.LR
	return nil
}

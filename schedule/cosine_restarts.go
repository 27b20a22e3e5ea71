package schedule

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/spec"
)

// CosineRestarts is SGDR, cosine annealing with warm restarts (Loshchilov &
// Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR
// 2017), PyTorch's CosineAnnealingWarmRestarts:
//
//	lr_t = η_min + (lr − η_min)·(1 + cos(π·T_cur/T_i))/2
//
// where T_cur counts the steps since the last restart and T_i is the current
// period: T_0 at first, multiplied by T_mult at each restart (T_cur reaching
// T_i resets it to 0, jumping the rate back to lr).
type CosineRestarts struct {
	T0     int     // T_0 ≥ 1, the first period in steps (required)
	TMult  int     // T_mult ≥ 1, growth of the period per restart; 0 means 1
	EtaMin float64 // minimum rate η_min ≥ 0

	base, lr float64
	t, tCur  int
	tI       int
}

func init() {
	Register(Entry{
		Name:    "cosine_restarts",
		Summary: "SGDR cosine annealing with warm restarts (torch CosineAnnealingWarmRestarts)",
		Params: []spec.Field{
			{Key: "t_0", Kind: spec.Int, Doc: "first period T_0 in steps"},
			{Key: "t_mult", Kind: spec.Int, Default: "1", Doc: "factor by which the period grows at each restart"},
			{Key: "eta_min", Kind: spec.Float, Default: "0", Doc: "minimum rate"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &CosineRestarts{T0: a.Int("t_0"), TMult: a.Int("t_mult"), EtaMin: a.Float("eta_min")}
			if s.TMult == 0 {
				return nil, errf("cosine_restarts", "invalid t_mult 0: must be ≥ 1")
			}
			return s, s.check()
		},
	})
}

func (s *CosineRestarts) check() error {
	if s.T0 < 1 {
		return errf("cosine_restarts", "invalid t_0 %d: must be ≥ 1", s.T0)
	}
	if s.TMult < 0 {
		return errf("cosine_restarts", "invalid t_mult %d: must be ≥ 1", s.TMult)
	}
	return nonNegative("cosine_restarts", "eta_min", s.EtaMin)
}

func (s *CosineRestarts) mult() int {
	if s.TMult == 0 {
		return 1
	}
	return s.TMult
}

// Init starts the schedule at baseLR.
func (s *CosineRestarts) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("cosine_restarts", baseLR)
	s.t, s.tCur, s.tI = 0, 0, s.T0
	s.update()
}

func (s *CosineRestarts) update() {
	s.lr = s.EtaMin + (s.base-s.EtaMin)*(1+cos(math.Pi*float64(s.tCur)/float64(s.tI)))/2
}

// LR returns the rate for the current step.
func (s *CosineRestarts) LR() float64 { return s.lr }

// Step advances one step.
func (s *CosineRestarts) Step(float64) {
	s.t++
	s.tCur++
	if s.tCur >= s.tI {
		s.tCur -= s.tI
		if s.tI <= math.MaxInt/s.mult() {
			s.tI *= s.mult()
		}
	}
	s.update()
}

// State returns the position.
func (s *CosineRestarts) State() State {
	return State{Name: "cosine_restarts", Base: s.base, Step: s.t, LR: s.lr, TCur: s.tCur, TI: s.tI}
}

// SetState restores a position returned by State.
func (s *CosineRestarts) SetState(st State) error {
	if err := checkState("cosine_restarts", st); err != nil {
		return err
	}
	if st.TI < 1 || st.TCur < 0 || st.TCur >= st.TI {
		return fmt.Errorf("schedule: cosine_restarts: state t_cur=%d, t_i=%d: need 0 ≤ t_cur < t_i", st.TCur, st.TI)
	}
	s.Init(st.Base)
	s.t, s.tCur, s.tI = st.Step, st.TCur, st.TI
	s.update()
	return nil
}

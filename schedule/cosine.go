package schedule

import (
	"math"

	"github.com/descentgo/descent/spec"
)

// Cosine anneals the rate along a half cosine from lr to EtaMin over TMax
// steps, PyTorch's CosineAnnealingLR, the annealing of SGDR (Loshchilov &
// Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017)
// without the restarts. The closed form is
//
//	lr_t = η_min + (lr − η_min)·(1 + cos(π·t/T_max))/2
//
// but PyTorch computes the rate recursively (its "chainable" form), and so
// does Cosine, expression for expression:
//
//	lr_t = η_min + (lr_{t−1} − η_min)·(1 + cos(π·t/T_max))/(1 + cos(π·(t−1)/T_max))
//	lr_t = lr_{t−1} + (lr − η_min)·(1 − cos(π/T_max))/2    when (t−1−T_max) mod 2T_max = 0
//
// Both agree with the closed form up to rounding, but past T_max the
// recursion's rounding near the minimum is carried into the following
// steps, where the closed form would differ from PyTorch by up to
// ~2e-17·T_max² relative. Past T_max the schedule does not stop: like
// PyTorch's it follows the cosine back up, reaching lr again at 2·T_max,
// and so on periodically. Use cosine_restarts for SGDR's jumps back to lr.
type Cosine struct {
	TMax   int     // T_max ≥ 1, the half period in steps (required)
	EtaMin float64 // minimum rate η_min ≥ 0

	base, lr float64
	t        int
}

func init() {
	Register(Entry{
		Name:    "cosine",
		Summary: "cosine annealing from lr to eta_min over t_max steps (torch CosineAnnealingLR; SGDR)",
		Horizon: "t_max",
		Params: []spec.Field{
			{Key: "t_max", Kind: spec.Int, Doc: "half period T_max in steps"},
			{Key: "eta_min", Kind: spec.Float, Default: "0", Doc: "minimum rate"},
		},
		New: func(a spec.Args, c Context) (Schedule, error) {
			s := &Cosine{TMax: horizon(a, "t_max", c), EtaMin: a.Float("eta_min")}
			return s, s.check()
		},
	})
}

func (s *Cosine) check() error {
	if s.TMax < 1 {
		return errf("cosine", "invalid t_max %d: must be ≥ 1", s.TMax)
	}
	return nonNegative("cosine", "eta_min", s.EtaMin)
}

// Init starts the schedule at baseLR.
func (s *Cosine) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("cosine", baseLR)
	s.t, s.lr = 0, s.base
}

// LR returns the rate for the current step.
func (s *Cosine) LR() float64 { return s.lr }

// Step advances one step.
func (s *Cosine) Step(float64) {
	s.t++
	t, T, em := s.t, s.TMax, s.EtaMin
	if pymod(t-1-T, 2*T) == 0 {
		s.lr = s.lr + (s.base-em)*(1-cos(math.Pi/float64(T)))/2
		return
	}
	s.lr = (1+cos(math.Pi*float64(t)/float64(T)))/
		(1+cos(math.Pi*float64(t-1)/float64(T)))*(s.lr-em) + em
}

// State returns the position.
func (s *Cosine) State() State { return State{Name: "cosine", Base: s.base, Step: s.t, LR: s.lr} }

// SetState restores a position returned by State.
func (s *Cosine) SetState(st State) error {
	if err := checkState("cosine", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t, s.lr = st.Step, st.LR
	return nil
}

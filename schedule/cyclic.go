package schedule

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Cyclic moves the rate back and forth between BaseLR and MaxLR in
// triangles, PyTorch's CyclicLR (Smith, "Cyclical Learning Rates for
// Training Neural Networks", WACV 2017). With u = step_size_up,
// d = step_size_down and r = u/(u+d):
//
//	cycle = ⌊1 + t/(u+d)⌋,  x = 1 + t/(u+d) − cycle
//	f     = x/r if x ≤ r, else (x − 1)/(r − 1)
//	lr_t  = base_lr + (max_lr − base_lr)·f·scale
//
// where scale is 1 (mode triangular), 1/2^(cycle−1) (triangular2: the
// amplitude halves every cycle) or γ^t (exp_range). As in PyTorch, the
// schedule replaces the optimizer's rate by base_lr from step 0 on; unlike
// PyTorch, base_lr may be omitted and then is the optimizer's rate.
//
// Momentum: as PyTorch does by default (cycle_momentum=True), the momentum
// cycles inversely to the rate, with the same f and scale:
//
//	m_t = max_momentum − (max_momentum − base_momentum)·f·scale
//
// so it is max_momentum (0.9) at the lowest rate and base_momentum (0.8)
// at the peak (CyclicLR's defaults; OneCycleLR's are 0.85 and 0.95).
// Momentum returns it; the driver passes it to the optimizer (see
// Momentumer, ApplyMomentum): SGD's momentum, or β₁ for the Adam family, as
// PyTorch 2.x does (1.13 accepted only optimizers with a momentum);
// MomentumSetter lists the optimizers that take it.
type Cyclic struct {
	BaseLR        float64 // lower rate ≥ 0; 0 means the optimizer's rate (use Zero for 0)
	MaxLR         float64 // upper rate ≥ 0 (required)
	StepSizeUp    int     // steps of the rising half ≥ 1; 0 means 2000
	StepSizeDown  int     // steps of the falling half ≥ 1; 0 means StepSizeUp
	Mode          string  // "triangular" (default), "triangular2" or "exp_range"
	Gamma         float64 // γ > 0 of exp_range; 0 means 1
	BaseMomentum  float64 // momentum at the peak rate, in [0, 1); 0 means 0.8 (use Zero for 0)
	MaxMomentum   float64 // momentum at base_lr, in [0, 1), ≥ BaseMomentum; 0 means 0.9 (use Zero for 0)
	FixedMomentum bool    // do not cycle the momentum (PyTorch's cycle_momentum=False)

	opt, base, total, ratio, gamma float64
	bm, mm                         float64 // momenta
	mode                           int
	t                              int
}

const (
	triangular = iota
	triangular2
	expRange
)

func init() {
	Register(Entry{
		Name:    "cyclic",
		Summary: "cyclical learning rate between base_lr and max_lr (torch CyclicLR; Smith 2017)",
		Ceiling: "max_lr",
		Params: []spec.Field{
			{Key: "base_lr", Kind: spec.Float, Doc: "lower rate (default: the optimizer's lr)"},
			{Key: "max_lr", Kind: spec.Float, Doc: "upper rate"},
			{Key: "step_size_up", Kind: spec.Int, Default: "2000", Doc: "steps of the rising half cycle"},
			{Key: "step_size_down", Kind: spec.Int, Doc: "steps of the falling half cycle (default: step_size_up)"},
			{Key: "mode", Kind: spec.String, Default: "triangular", Doc: "amplitude policy", Choices: []string{"triangular", "triangular2", "exp_range"}},
			{Key: "gamma", Kind: spec.Float, Default: "1", Doc: "exp_range: amplitude factor per step"},
			{Key: "cycle_momentum", Kind: spec.Bool, Default: "true", Doc: "cycle the momentum (β1 for the Adam family) inversely to the rate"},
			{Key: "base_momentum", Kind: spec.Float, Default: "0.8", Doc: "momentum at the peak rate"},
			{Key: "max_momentum", Kind: spec.Float, Default: "0.9", Doc: "momentum at base_lr"},
		},
		New: func(a spec.Args, c Context) (Schedule, error) {
			s := &Cyclic{MaxLR: a.Float("max_lr"), StepSizeUp: a.Int("step_size_up"),
				StepSizeDown: a.Int("step_size_down"), Mode: a.String("mode"), Gamma: param.Explicit(a.Float("gamma")),
				BaseMomentum: param.Explicit(a.Float("base_momentum")), MaxMomentum: param.Explicit(a.Float("max_momentum")),
				FixedMomentum: !a.Bool("cycle_momentum")}
			base := c.BaseLR
			if a.Given("base_lr") {
				s.BaseLR, base = param.Explicit(a.Float("base_lr")), a.Float("base_lr")
			}
			if s.StepSizeUp == 0 {
				return nil, errf("cyclic", "invalid step_size_up 0: must be ≥ 1")
			}
			if a.Given("step_size_down") && s.StepSizeDown == 0 {
				return nil, errf("cyclic", "invalid step_size_down 0: must be ≥ 1")
			}
			if err := s.check(); err != nil {
				return nil, err
			}
			if s.MaxLR < base {
				return nil, errf("cyclic", "max_lr %g < base_lr %g: the cycle would run below base_lr (swap them)", s.MaxLR, base)
			}
			return s, nil
		},
	})
}

func (s *Cyclic) check() error {
	if err := nonNegative("cyclic", "base_lr", s.BaseLR+0); err != nil {
		return err
	}
	if err := nonNegative("cyclic", "max_lr", s.MaxLR); err != nil {
		return err
	}
	if s.StepSizeUp < 0 {
		return errf("cyclic", "invalid step_size_up %d: must be ≥ 1", s.StepSizeUp)
	}
	if s.StepSizeDown < 0 {
		return errf("cyclic", "invalid step_size_down %d: must be ≥ 1", s.StepSizeDown)
	}
	switch s.Mode {
	case "", "triangular", "triangular2", "exp_range":
	default:
		return errf("cyclic", "invalid mode %q: must be triangular, triangular2 or exp_range", s.Mode)
	}
	if err := positive("cyclic", "gamma", s.Gamma, true); err != nil {
		return err
	}
	return checkMomenta("cyclic", s.BaseMomentum, s.MaxMomentum, 0.8, 0.9)
}

// Init starts the cycle; baseLR is used as base_lr if BaseLR is 0.
func (s *Cyclic) Init(baseLR float64) {
	mustValid(s.check())
	s.opt = initBase("cyclic", baseLR)
	s.base = param.OrDefault(s.BaseLR, s.opt)
	up := s.StepSizeUp
	if up == 0 {
		up = 2000
	}
	down := s.StepSizeDown
	if down == 0 {
		down = up
	}
	s.total = float64(up) + float64(down)
	s.ratio = float64(up) / s.total
	s.gamma = param.OrDefault(s.Gamma, 1)
	s.bm, s.mm = param.OrDefault(s.BaseMomentum, 0.8), param.OrDefault(s.MaxMomentum, 0.9)
	switch s.Mode {
	case "triangular2":
		s.mode = triangular2
	case "exp_range":
		s.mode = expRange
	default:
		s.mode = triangular
	}
	s.t = 0
}

// LR returns the rate for the current step.
func (s *Cyclic) LR() float64 {
	f, scale := s.phase()
	return s.base + (s.MaxLR-s.base)*f*scale
}

// Momentum returns the momentum for the current step and true, or 0 and
// false with FixedMomentum (see Momentumer).
func (s *Cyclic) Momentum() (float64, bool) {
	if s.FixedMomentum {
		return 0, false
	}
	f, scale := s.phase()
	return s.mm - (s.mm-s.bm)*f*scale, true
}

// phase returns f and the amplitude scale of the current step, in
// PyTorch's order of operations (base_height = (max−base)·f, then
// base_height·scale).
func (s *Cyclic) phase() (f, scale float64) {
	t := float64(s.t)
	cycle := math.Floor(1 + t/s.total)
	x := 1.0 + t/s.total - cycle
	if x <= s.ratio {
		f = x / s.ratio
	} else {
		f = (x - 1) / (s.ratio - 1)
	}
	switch s.mode {
	case triangular2:
		return f, 1 / math.Pow(2, cycle-1)
	case expRange:
		return f, math.Pow(s.gamma, t)
	}
	return f, 1.0
}

// Step advances one step.
func (s *Cyclic) Step(float64) { s.t++ }

// State returns the position.
func (s *Cyclic) State() State { return State{Name: "cyclic", Base: s.opt, Step: s.t, LR: s.LR()} }

// SetState restores a position returned by State.
func (s *Cyclic) SetState(st State) error {
	if err := checkState("cyclic", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t = st.Step
	return nil
}

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
// PyTorch, base_lr may be omitted and then is the optimizer's rate. PyTorch
// also cycles the momentum inversely (cycle_momentum); descent schedules
// only the rate.
type Cyclic struct {
	BaseLR       float64 // lower rate ≥ 0; 0 means the optimizer's rate (use Zero for 0)
	MaxLR        float64 // upper rate ≥ 0 (required)
	StepSizeUp   int     // steps of the rising half ≥ 1; 0 means 2000
	StepSizeDown int     // steps of the falling half ≥ 1; 0 means StepSizeUp
	Mode         string  // "triangular" (default), "triangular2" or "exp_range"
	Gamma        float64 // γ > 0 of exp_range; 0 means 1

	opt, base, total, ratio, gamma float64
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
		Params: []spec.Field{
			{Key: "base_lr", Kind: spec.Float, Doc: "lower rate (default: the optimizer's lr)"},
			{Key: "max_lr", Kind: spec.Float, Doc: "upper rate"},
			{Key: "step_size_up", Kind: spec.Int, Default: "2000", Doc: "steps of the rising half cycle"},
			{Key: "step_size_down", Kind: spec.Int, Doc: "steps of the falling half cycle (default: step_size_up)"},
			{Key: "mode", Kind: spec.String, Default: "triangular", Doc: "amplitude policy", Choices: []string{"triangular", "triangular2", "exp_range"}},
			{Key: "gamma", Kind: spec.Float, Default: "1", Doc: "exp_range: amplitude factor per step"},
		},
		New: func(a spec.Args, c Context) (Schedule, error) {
			s := &Cyclic{MaxLR: a.Float("max_lr"), StepSizeUp: a.Int("step_size_up"),
				StepSizeDown: a.Int("step_size_down"), Mode: a.String("mode"), Gamma: param.Explicit(a.Float("gamma"))}
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
	return positive("cyclic", "gamma", s.Gamma, true)
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
	t := float64(s.t)
	cycle := math.Floor(1 + t/s.total)
	x := 1.0 + t/s.total - cycle
	var f float64
	if x <= s.ratio {
		f = x / s.ratio
	} else {
		f = (x - 1) / (s.ratio - 1)
	}
	h := (s.MaxLR - s.base) * f
	switch s.mode {
	case triangular2:
		return s.base + h*(1/math.Pow(2, cycle-1))
	case expRange:
		return s.base + h*math.Pow(s.gamma, t)
	}
	return s.base + h*1.0
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

package schedule

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Plateau cuts the rate when a monitored metric stops improving, PyTorch's
// ReduceLROnPlateau. At each Step(metric):
//
//	metric is better   if  metric < best·(1 − threshold)   (mode min, rel)
//	                       metric < best − threshold       (mode min, abs)
//	                       metric > best·(1 + threshold)   (mode max, rel)
//	                       metric > best + threshold       (mode max, abs)
//	better: best = metric, bad = 0; else bad++
//	in cooldown: cooldown−−, bad = 0
//	bad > patience: lr = max(lr·factor, min_lr) unless that lowers lr by ≤ eps;
//	                cooldown = cooldown steps, bad = 0
//
// best starts at +∞ (−∞ in mode max), so the first metric is always better.
// A NaN metric is never better. Step it once per epoch with the validation
// loss: patience and cooldown count Step calls.
type Plateau struct {
	Mode          string  // "min" (default) or "max"
	Factor        float64 // factor in (0, 1) by which to cut; 0 means 0.1
	Patience      int     // bad steps tolerated before a cut; 0 means 10, negative means 0
	Threshold     float64 // threshold ≥ 0 for a significant improvement; 0 means 1e-4 (use Zero for 0)
	ThresholdMode string  // "rel" (default) or "abs"
	Cooldown      int     // steps after a cut during which bad steps are not counted
	MinLR         float64 // lower bound on the rate
	Eps           float64 // cuts smaller than eps are skipped; 0 means 1e-8 (use Zero for 0)

	base, lr, factor, threshold, eps float64
	max, abs                         bool
	patience                         int
	t, bad, cooldown                 int
	best                             float64
}

func init() {
	Register(Entry{
		Name:    "plateau",
		Summary: "cut the rate when the metric stops improving (torch ReduceLROnPlateau)",
		Params: []spec.Field{
			{Key: "mode", Kind: spec.String, Default: "min", Doc: "min: the metric should fall; max: rise", Choices: []string{"min", "max"}},
			{Key: "factor", Kind: spec.Float, Default: "0.1", Doc: "new lr = lr·factor"},
			{Key: "patience", Kind: spec.Int, Default: "10", Doc: "steps without improvement tolerated before a cut"},
			{Key: "threshold", Kind: spec.Float, Default: "1e-4", Doc: "minimal improvement that counts"},
			{Key: "threshold_mode", Kind: spec.String, Default: "rel", Doc: "threshold relative to best, or absolute", Choices: []string{"rel", "abs"}},
			{Key: "cooldown", Kind: spec.Int, Default: "0", Doc: "steps after a cut before counting resumes"},
			{Key: "min_lr", Kind: spec.Float, Default: "0", Doc: "lower bound on the rate"},
			{Key: "eps", Kind: spec.Float, Default: "1e-8", Doc: "cuts smaller than eps are skipped"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &Plateau{Mode: a.String("mode"), Factor: param.Explicit(a.Float("factor")), Patience: a.Int("patience"),
				Threshold: param.Explicit(a.Float("threshold")), ThresholdMode: a.String("threshold_mode"),
				Cooldown: a.Int("cooldown"), MinLR: a.Float("min_lr"), Eps: param.Explicit(a.Float("eps"))}
			if s.Patience < 0 {
				return nil, errf("plateau", "invalid patience %d: must be ≥ 0", s.Patience)
			}
			if s.Patience == 0 {
				s.Patience = -1 // literal 0
			}
			return s, s.check()
		},
	})
}

func (s *Plateau) check() error {
	switch s.Mode {
	case "", "min", "max":
	default:
		return errf("plateau", "invalid mode %q: must be min or max", s.Mode)
	}
	switch s.ThresholdMode {
	case "", "rel", "abs":
	default:
		return errf("plateau", "invalid threshold_mode %q: must be rel or abs", s.ThresholdMode)
	}
	if f := s.Factor; !isDefault(f) && !(f > 0 && f < 1) {
		return errf("plateau", "invalid factor %g: must be in (0, 1)", f+0)
	}
	if s.Cooldown < 0 {
		return errf("plateau", "invalid cooldown %d: must be ≥ 0", s.Cooldown)
	}
	for _, kv := range [...]struct {
		k string
		v float64
	}{{"threshold", s.Threshold}, {"min_lr", s.MinLR}, {"eps", s.Eps}} {
		if err := nonNegative("plateau", kv.k, kv.v); err != nil {
			return err
		}
	}
	return nil
}

// Init starts the schedule at baseLR with no best metric.
func (s *Plateau) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("plateau", baseLR)
	s.lr = s.base
	s.factor = param.OrDefault(s.Factor, 0.1)
	s.threshold = param.OrDefault(s.Threshold, 1e-4)
	s.eps = param.OrDefault(s.Eps, 1e-8)
	s.max, s.abs = s.Mode == "max", s.ThresholdMode == "abs"
	switch {
	case s.Patience == 0:
		s.patience = 10
	case s.Patience < 0:
		s.patience = 0
	default:
		s.patience = s.Patience
	}
	s.t, s.bad, s.cooldown = 0, 0, 0
	s.best = math.Inf(1)
	if s.max {
		s.best = math.Inf(-1)
	}
}

// LR returns the rate for the current step.
func (s *Plateau) LR() float64 { return s.lr }

func (s *Plateau) better(a float64) bool {
	switch {
	case !s.max && !s.abs:
		return a < s.best*(1-s.threshold)
	case !s.max && s.abs:
		return a < s.best-s.threshold
	case s.max && !s.abs:
		return a > s.best*(s.threshold+1)
	}
	return a > s.best+s.threshold
}

// Step records metric and cuts the rate if it has not improved for more
// than patience steps.
func (s *Plateau) Step(metric float64) {
	s.t++
	if s.better(metric) {
		s.best, s.bad = metric, 0
	} else {
		s.bad++
	}
	if s.cooldown > 0 {
		s.cooldown--
		s.bad = 0
	}
	if s.bad > s.patience {
		if n := math.Max(s.lr*s.factor, s.MinLR); s.lr-n > s.eps {
			s.lr = n
		}
		s.cooldown, s.bad = s.Cooldown, 0
	}
}

// State returns the position.
func (s *Plateau) State() State {
	return State{Name: "plateau", Base: s.base, Step: s.t, LR: s.lr, Best: s.best, BadEpochs: s.bad, Cooldown: s.cooldown}
}

// SetState restores a position returned by State.
func (s *Plateau) SetState(st State) error {
	if err := checkState("plateau", st); err != nil {
		return err
	}
	if st.BadEpochs < 0 || st.Cooldown < 0 {
		return fmt.Errorf("schedule: plateau: state num_bad_epochs=%d, cooldown_counter=%d: must be ≥ 0", st.BadEpochs, st.Cooldown)
	}
	s.Init(st.Base)
	s.t, s.lr, s.best, s.bad, s.cooldown = st.Step, st.LR, st.Best, st.BadEpochs, st.Cooldown
	return nil
}

// WatchesMetric reports true: plateau steps on the monitored metric.
func (s *Plateau) WatchesMetric() bool { return true }

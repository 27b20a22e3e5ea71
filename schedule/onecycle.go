package schedule

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// OneCycle is the 1cycle policy (Smith & Topin, "Super-Convergence: Very
// Fast Training of Neural Networks Using Large Learning Rates", 2019),
// PyTorch's OneCycleLR. The rate starts at initial = max_lr/div_factor,
// rises to max_lr over the first pct_start·total_steps steps, then anneals
// to min = initial/final_div_factor at step total_steps−1:
//
//	phase 1: t ∈ [0, p·N−1]:     initial → max_lr
//	phase 2: t ∈ [p·N−1, N−1]:   max_lr → min
//
// or, with three_phase, fastai's and the paper's symmetric form:
//
//	phase 1: [0, p·N−1]: initial → max_lr,  phase 2: [p·N−1, 2p·N−2]: max_lr → initial,
//	phase 3: [2p·N−2, N−1]: initial → min
//
// where within a phase from step a to b, with q = (t−a)/(b−a), the
// annealing is cos: end + (start−end)·(1+cos(π·q))/2, or linear:
// start + (end−start)·q. The optimizer's rate is ignored, as in PyTorch.
//
// Past the end: PyTorch raises an error when stepped more than total_steps
// times (and gives an extrapolated rate at step total_steps itself).
// descent instead holds the rate of step total_steps−1, the final minimum,
// for every later step, so a run longer than total_steps continues at min.
//
// Momentum: as PyTorch does by default (cycle_momentum=True), the momentum
// (SGD's momentum, β₁ of the Adam family; MomentumSetter lists the
// optimizers that take it) moves inversely to the rate with
// the same phases and annealing: max_momentum → base_momentum while the
// rate rises, base_momentum → max_momentum while it falls (three_phase:
// max → base, base → max, then max held). Momentum returns it; the driver
// passes it to the optimizer (see Momentumer, ApplyMomentum). Past
// total_steps it holds the final momentum, as the rate holds min.
type OneCycle struct {
	MaxLR          float64 // peak rate > 0 (required)
	TotalSteps     int     // N ≥ 1 (required)
	PctStart       float64 // p in [0, 1], fraction of N spent rising; 0 means 0.3 (use Zero for 0)
	AnnealStrategy string  // "cos" (default) or "linear"
	DivFactor      float64 // initial = max_lr/div_factor; 0 means 25
	FinalDivFactor float64 // min = initial/final_div_factor; 0 means 1e4
	ThreePhase     bool    // use the three-phase form
	BaseMomentum   float64 // lowest momentum in [0, 1), at the peak rate; 0 means 0.85 (use Zero for 0)
	MaxMomentum    float64 // highest momentum in [0, 1), ≥ BaseMomentum; 0 means 0.95 (use Zero for 0)
	FixedMomentum  bool    // do not cycle the momentum (PyTorch's cycle_momentum=False)

	base   float64 // the optimizer's rate (unused; kept for State)
	phases [3]phase
	moms   [3]phase // momentum phases (same end steps)
	n      int      // phases in use
	linear bool     // anneal linearly
	t      int
}

type phase struct{ end, start, stop float64 } // end step, start rate, end rate

func init() {
	Register(Entry{
		Name:    "onecycle",
		Summary: "1cycle policy: warm up to max_lr, anneal far below (torch OneCycleLR; Smith & Topin 2019)",
		Horizon: "total_steps",
		Rate:    "max_lr",
		Params: []spec.Field{
			{Key: "max_lr", Kind: spec.Float, Doc: "peak rate"},
			{Key: "total_steps", Kind: spec.Int, Doc: "steps in the cycle"},
			{Key: "pct_start", Kind: spec.Float, Default: "0.3", Doc: "fraction of the cycle spent raising the rate"},
			{Key: "anneal_strategy", Kind: spec.String, Default: "cos", Doc: "annealing shape", Choices: []string{"cos", "linear"}},
			{Key: "div_factor", Kind: spec.Float, Default: "25", Doc: "initial rate = max_lr/div_factor"},
			{Key: "final_div_factor", Kind: spec.Float, Default: "1e4", Doc: "final rate = initial rate/final_div_factor"},
			{Key: "three_phase", Kind: spec.Bool, Default: "false", Doc: "use a third phase (symmetric rise and fall, then annihilation)"},
			{Key: "cycle_momentum", Kind: spec.Bool, Default: "true", Doc: "cycle the momentum (β1 for the Adam family) inversely to the rate"},
			{Key: "base_momentum", Kind: spec.Float, Default: "0.85", Doc: "momentum at the peak rate"},
			{Key: "max_momentum", Kind: spec.Float, Default: "0.95", Doc: "momentum at the lowest rates"},
		},
		New: func(a spec.Args, c Context) (Schedule, error) {
			s := &OneCycle{MaxLR: a.Float("max_lr"), TotalSteps: horizon(a, "total_steps", c), PctStart: param.Explicit(a.Float("pct_start")),
				AnnealStrategy: a.String("anneal_strategy"), DivFactor: param.Explicit(a.Float("div_factor")),
				FinalDivFactor: param.Explicit(a.Float("final_div_factor")), ThreePhase: a.Bool("three_phase"),
				BaseMomentum: param.Explicit(a.Float("base_momentum")), MaxMomentum: param.Explicit(a.Float("max_momentum")),
				FixedMomentum: !a.Bool("cycle_momentum")}
			return s, s.check()
		},
	})
}

func (s *OneCycle) check() error {
	if err := positive("onecycle", "max_lr", s.MaxLR, false); err != nil {
		return err
	}
	if s.TotalSteps < 1 {
		return errf("onecycle", "invalid total_steps %d: must be ≥ 1", s.TotalSteps)
	}
	if p := s.PctStart; !(p >= 0 && p <= 1) {
		return errf("onecycle", "invalid pct_start %g: must be in [0, 1]", p)
	}
	if float64(param.OrDefault(s.PctStart, 0.3)*float64(s.TotalSteps))-1 == 0 {
		return errf("onecycle", "pct_start·total_steps = 1 gives a rising phase of zero length (PyTorch divides by zero); change pct_start or total_steps")
	}
	switch s.AnnealStrategy {
	case "", "cos", "linear":
	default:
		return errf("onecycle", "invalid anneal_strategy %q: must be cos or linear", s.AnnealStrategy)
	}
	if err := positive("onecycle", "div_factor", s.DivFactor, true); err != nil {
		return err
	}
	if err := positive("onecycle", "final_div_factor", s.FinalDivFactor, true); err != nil {
		return err
	}
	return checkMomenta("onecycle", s.BaseMomentum, s.MaxMomentum, 0.85, 0.95)
}

// Init starts the cycle. baseLR is not used: the cycle starts at
// max_lr/div_factor, as in PyTorch.
func (s *OneCycle) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("onecycle", baseLR)
	N := float64(s.TotalSteps)
	p := param.OrDefault(s.PctStart, 0.3)
	initial := s.MaxLR / param.OrDefault(s.DivFactor, 25)
	min := initial / param.OrDefault(s.FinalDivFactor, 1e4)
	bm, mm := param.OrDefault(s.BaseMomentum, 0.85), param.OrDefault(s.MaxMomentum, 0.95)
	if s.ThreePhase {
		s.phases = [3]phase{
			{p*N - 1, initial, s.MaxLR},
			{2*p*N - 2, s.MaxLR, initial},
			{N - 1, initial, min},
		}
		s.moms = [3]phase{{p*N - 1, mm, bm}, {2*p*N - 2, bm, mm}, {N - 1, mm, mm}}
		s.n = 3
	} else {
		s.phases = [3]phase{
			{p*N - 1, initial, s.MaxLR},
			{N - 1, s.MaxLR, min},
		}
		s.moms = [3]phase{{p*N - 1, mm, bm}, {N - 1, bm, mm}}
		s.n = 2
	}
	s.linear = s.AnnealStrategy == "linear"
	s.t = 0
}

// LR returns the rate for the current step.
func (s *OneCycle) LR() float64 { return s.at(&s.phases) }

// Momentum returns the momentum for the current step and true, or 0 and
// false with FixedMomentum (see Momentumer).
func (s *OneCycle) Momentum() (float64, bool) {
	if s.FixedMomentum {
		return 0, false
	}
	return s.at(&s.moms), true
}

// at anneals through the phases ph (PyTorch's get_lr loop).
func (s *OneCycle) at(phases *[3]phase) float64 {
	t := s.t
	if t > s.TotalSteps-1 {
		t = s.TotalSteps - 1
	}
	step := float64(t)
	start := 0.0
	for i := 0; i < s.n; i++ {
		ph := &phases[i]
		if step <= ph.end || i == s.n-1 {
			pct := (step - start) / (ph.end - start)
			if s.linear {
				return (ph.stop-ph.start)*pct + ph.start
			}
			return ph.stop + (ph.start-ph.stop)/2.0*(cos(math.Pi*pct)+1)
		}
		start = ph.end
	}
	panic("unreachable")
}

// Step advances one step.
func (s *OneCycle) Step(float64) { s.t++ }

// State returns the position.
func (s *OneCycle) State() State { return State{Name: "onecycle", Base: s.base, Step: s.t, LR: s.LR()} }

// SetState restores a position returned by State.
func (s *OneCycle) SetState(st State) error {
	if err := checkState("onecycle", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t = st.Step
	return nil
}

package schedule

import (
	"sort"
	"strconv"
	"strings"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// MultiStep multiplies the rate by γ at each milestone, PyTorch's
// MultiStepLR:
//
//	lr_t = lr · γ^|{m ∈ milestones : m ≤ t}|
//
// computed recursively as PyTorch does (lr_t = lr_{t−1}·γ when t is a
// milestone). As in PyTorch, a milestone at 0 already scales step 0.
// Milestones must be ≥ 0 and strictly increasing (PyTorch also accepts
// repeated milestones, counting them twice; descent asks for a smaller γ
// instead).
type MultiStep struct {
	Milestones []int   // steps at which to decay (required)
	Gamma      float64 // multiplicative factor γ > 0; 0 means 0.1

	base, lr, gamma float64
	t, next         int // next: index of the first milestone > t
}

func init() {
	Register(Entry{
		Name:    "multistep",
		Summary: "decay by γ at each milestone (torch MultiStepLR)",
		Params: []spec.Field{
			{Key: "milestones", Kind: spec.Ints, Doc: "increasing steps at which to decay, e.g. 30;80"},
			{Key: "gamma", Kind: spec.Float, Default: "0.1", Doc: "multiplicative factor of decay"},
		},
		New: func(a spec.Args, _ Context) (Schedule, error) {
			s := &MultiStep{Milestones: a.Ints("milestones"), Gamma: param.Explicit(a.Float("gamma"))}
			return s, s.check()
		},
	})
}

func (s *MultiStep) check() error {
	if len(s.Milestones) == 0 {
		return errf("multistep", "no milestones")
	}
	for i, m := range s.Milestones {
		if m < 0 {
			return errf("multistep", "invalid milestone %d: must be ≥ 0", m)
		}
		if i > 0 && m <= s.Milestones[i-1] {
			return errf("multistep", "milestones %s are not strictly increasing", joinInts(s.Milestones))
		}
	}
	return positive("multistep", "gamma", s.Gamma, true)
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ";")
}

// Init starts the schedule at baseLR.
func (s *MultiStep) Init(baseLR float64) {
	mustValid(s.check())
	s.base = initBase("multistep", baseLR)
	s.t, s.lr, s.gamma, s.next = 0, s.base, param.OrDefault(s.Gamma, 0.1), 0
	s.advance()
}

// advance applies the milestone at s.t, if any.
func (s *MultiStep) advance() {
	if s.next < len(s.Milestones) && s.Milestones[s.next] == s.t {
		s.lr *= s.gamma
		s.next++
	}
}

// LR returns the rate for the current step.
func (s *MultiStep) LR() float64 { return s.lr }

// Step advances one step.
func (s *MultiStep) Step(float64) {
	s.t++
	s.advance()
}

// State returns the position.
func (s *MultiStep) State() State { return State{Name: "multistep", Base: s.base, Step: s.t, LR: s.lr} }

// SetState restores a position returned by State.
func (s *MultiStep) SetState(st State) error {
	if err := checkState("multistep", st); err != nil {
		return err
	}
	s.Init(st.Base)
	s.t, s.lr = st.Step, st.LR
	s.next = sort.SearchInts(s.Milestones, s.t+1)
	return nil
}

package schedule

import (
	"fmt"
	"strings"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Sequential runs schedules one after another, PyTorch's SequentialLR:
// with milestones m₁ < m₂ < … (one fewer than the schedules), schedule i
// sets the rate for steps m_i ≤ t < m_{i+1} (m₀ = 0), starting from its own
// step 0 at m_i:
//
//	i = #{j : m_j ≤ t}   (bisect_right),   lr_t = schedule_i.LR() after t − m_i of its Steps
//
// which is what SequentialLR.step() does (it calls scheduler.step(0) at a
// milestone, and every schedule it supports starts there from the closed
// form at step 0).
//
// The base rate each schedule starts from is the one PyTorch leaves in
// param_groups' initial_lr, which constructing some schedulers changes:
// OneCycleLR sets it to max_lr/div_factor, and a CyclicLR constructed first
// to its base_lr. So with b the optimizer's rate, schedule k ≥ 1 starts
// from initial_lr as constructing schedules 0…k−1 left it, and schedule 0
// from b, except that a schedule 0 computed recursively from the current
// rate (constant, step, multistep, exponential, linear, polynomial, cosine)
// starts from initial_lr after all constructions: a linear warmup before
// onecycle warms up to onecycle's initial rate, not to b.
//
// In a specification the schedules are one string, separated by '|', and
// inside each of them ';' stands for ',' (spec.Parse splits the outer
// specification at commas):
//
//	sequential:schedulers=linear:start_factor=0.1;total_iters=5|cosine:t_max=95,milestones=5
//
// is SequentialLR([LinearLR(start_factor=0.1, total_iters=5),
// CosineAnnealingLR(T_max=95)], milestones=[5]). A schedule's horizon key
// (cosine's t_max, onecycle's total_steps) defaults to the length of its
// segment: m_{i+1} − m_i, and for the last schedule the run's length minus
// the last milestone. plateau, sequential and chained cannot be nested
// (PyTorch 2.x rejects ReduceLROnPlateau in SequentialLR too). When one of
// its schedules cycles the momentum, Sequential sets the momentum PyTorch
// leaves in the optimizer at every step (see Momentum), e.g. OneCycleLR's
// max_momentum during a warmup before it.
type Sequential struct {
	Schedules  []Schedule // at least one
	Milestones []int      // len(Schedules)−1 strictly increasing steps ≥ 1

	base  float64
	bases []float64 // each schedule's base rate (see above)
	t     int
	cur   int
}

func init() {
	Register(Entry{
		Name:    "sequential",
		Summary: "schedules one after another at milestones (torch SequentialLR)",
		Params: []spec.Field{
			{Key: "schedulers", Kind: spec.String, Doc: "specifications separated by |, with ; for , inside each (e.g. linear:start_factor=0.1;total_iters=5|cosine)"},
			{Key: "milestones", Kind: spec.Ints, Doc: "steps at which the next schedule starts, one fewer than the schedules (e.g. 5)"},
		},
		New: newSequential,
	})
}

func newSequential(a spec.Args, c Context) (Schedule, error) {
	sps, err := nestedSpecs("sequential", a.String("schedulers"))
	if err != nil {
		return nil, err
	}
	ms := a.Ints("milestones")
	s := &Sequential{Milestones: ms}
	if len(ms) != len(sps)-1 {
		return nil, errf("sequential", "milestones=%s has %d values; %d schedulers need %d", joinInts(ms), len(ms), len(sps), len(sps)-1)
	}
	if err := checkMilestones(ms); err != nil {
		return nil, err
	}
	for i, sp := range sps {
		ci := Context{BaseLR: c.BaseLR}
		start := 0
		if i > 0 {
			start = ms[i-1]
		}
		if i < len(ms) {
			ci.Steps = ms[i] - start
		} else if c.Steps > start {
			ci.Steps = c.Steps - start
		}
		in, err := NewSpec(sp, ci)
		if err != nil {
			return nil, fmt.Errorf("schedule \"sequential\": schedulers[%d]: %v", i, err)
		}
		s.Schedules = append(s.Schedules, in)
	}
	return s, s.check()
}

// nestedSpecs decodes the value of a schedulers key: specifications
// separated by '|', with ';' written for ','.
func nestedSpecs(name, v string) ([]spec.Spec, error) {
	items := strings.Split(v, "|")
	out := make([]spec.Spec, len(items))
	for i, it := range items {
		it = strings.TrimSpace(strings.ReplaceAll(it, ";", ","))
		if it == "" {
			return nil, errf(name, "schedulers[%d] is empty in %q: write SPEC|SPEC, with ; for , inside each", i, v)
		}
		if err := out[i].UnmarshalText([]byte(it)); err != nil {
			return nil, errf(name, "schedulers[%d]: %v (write SPEC|SPEC, with ; for , inside each)", i, err)
		}
		switch out[i].Name {
		case "sequential", "chained":
			return nil, errf(name, "schedulers[%d]: %s cannot be nested", i, out[i].Name)
		case "plateau":
			return nil, errf(name, "schedulers[%d]: plateau steps on a metric once per epoch and cannot be composed", i)
		}
	}
	return out, nil
}

func checkMilestones(ms []int) error {
	for i, m := range ms {
		if m < 1 {
			return errf("sequential", "invalid milestone %d: must be ≥ 1", m)
		}
		if i > 0 && m <= ms[i-1] {
			return errf("sequential", "milestones %s are not strictly increasing", joinInts(ms))
		}
	}
	return nil
}

func (s *Sequential) check() error {
	if len(s.Schedules) == 0 {
		return errf("sequential", "no schedules")
	}
	if len(s.Milestones) != len(s.Schedules)-1 {
		return errf("sequential", "milestones has %d values; %d schedulers need %d", len(s.Milestones), len(s.Schedules), len(s.Schedules)-1)
	}
	for i, in := range s.Schedules {
		if in == nil {
			return errf("sequential", "schedulers[%d] is nil", i)
		}
		if WatchesMetric(in) {
			return errf("sequential", "schedulers[%d]: plateau steps on a metric once per epoch and cannot be composed", i)
		}
	}
	return checkMilestones(s.Milestones)
}

// Init starts every schedule from baseLR and the first one at step 0.
func (s *Sequential) Init(baseLR float64) {
	mustValid(s.check())
	s.base, s.t, s.cur = initBase("sequential", baseLR), 0, 0
	s.bases = s.bases[:0]
	init := baseLR // param_groups' initial_lr during construction
	for k, in := range s.Schedules {
		s.bases = append(s.bases, init)
		switch in := in.(type) {
		case *OneCycle:
			init = in.MaxLR / param.OrDefault(in.DivFactor, 25)
		case *Cyclic:
			if k == 0 {
				init = param.OrDefault(in.BaseLR, baseLR)
			}
		}
	}
	switch s.Schedules[0].(type) {
	case *Constant, *StepDecay, *MultiStep, *Exponential, *Linear, *Polynomial, *Cosine:
		s.bases[0] = init
	}
	for k, in := range s.Schedules {
		in.Init(s.bases[k])
	}
}

// LR returns the active schedule's rate.
func (s *Sequential) LR() float64 { return s.Schedules[s.cur].LR() }

// Step advances the active schedule, or starts the next one at its
// milestone.
func (s *Sequential) Step(metric float64) {
	s.t++
	if s.cur < len(s.Milestones) && s.t >= s.Milestones[s.cur] {
		s.cur++ // fresh since Init: its step 0
		return
	}
	s.Schedules[s.cur].Step(metric)
}

// Momentum returns the momentum PyTorch's SequentialLR leaves in the
// optimizer: the active schedule's if it cycles the momentum; otherwise the
// last one set by an earlier schedule that cycles it (its final value);
// otherwise, as no schedule has been stepped yet, the step-0 momentum of the
// last momentum-cycling schedule in the list (in PyTorch, the last
// constructor to write it). false if no schedule cycles the momentum.
func (s *Sequential) Momentum() (float64, bool) {
	if m, ok := MomentumOf(s.Schedules[s.cur]); ok {
		return m, true
	}
	for j := s.cur - 1; j >= 0; j-- {
		if m, ok := MomentumOf(s.Schedules[j]); ok {
			return m, true
		}
	}
	for j := len(s.Schedules) - 1; j > s.cur; j-- {
		if m, ok := MomentumOf(s.Schedules[j]); ok {
			return m, true
		}
	}
	return 0, false
}

// State returns the position, with every schedule's state in Parts.
func (s *Sequential) State() State {
	st := State{Name: "sequential", Base: s.base, Step: s.t, LR: s.LR(), Parts: make([]State, len(s.Schedules))}
	for i, in := range s.Schedules {
		if sf, ok := in.(Stateful); ok {
			st.Parts[i] = sf.State()
		}
	}
	return st
}

// SetState restores a position returned by State.
func (s *Sequential) SetState(st State) error {
	if err := checkState("sequential", st); err != nil {
		return err
	}
	if len(st.Parts) != len(s.Schedules) {
		return fmt.Errorf("schedule: sequential: state has %d parts for %d schedules", len(st.Parts), len(s.Schedules))
	}
	for i, in := range s.Schedules {
		if _, ok := in.(Stateful); !ok {
			return fmt.Errorf("schedule: sequential: schedulers[%d] %T is not Stateful", i, in)
		}
	}
	s.Init(st.Base)
	for i, in := range s.Schedules {
		if err := in.(Stateful).SetState(st.Parts[i]); err != nil {
			return err
		}
	}
	s.t, s.cur = st.Step, 0
	for s.cur < len(s.Milestones) && s.t >= s.Milestones[s.cur] {
		s.cur++
	}
	return nil
}

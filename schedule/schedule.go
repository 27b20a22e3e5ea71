// Package schedule sets the learning rate step by step with the semantics,
// argument names and arithmetic of torch.optim.lr_scheduler (PyTorch 2.x).
// Every schedule reproduces PyTorch's rates to rounding; the tests replay
// sequences recorded from the real PyTorch classes (testdata/torch) and
// agree to 1e-12 relative.
//
// A schedule is named by a specification such as
// "cosine:t_max=100,eta_min=0.001" (see NewSpec) or built as a Go value such as
// &Cosine{TMax: 100}, whose zero fields mean PyTorch's defaults.
//
//	name             keys (default)                                      PyTorch class: rate at step t
//	constant         factor=1, total_iters=0                             ConstantLR: lr·factor for t < total_iters, then lr
//	step             step_size (required), gamma=0.1                     StepLR: lr·γ^⌊t/step_size⌋
//	multistep        milestones (required, e.g. 30;80), gamma=0.1        MultiStepLR: lr·γ^#{m ≤ t}
//	exponential      gamma (required)                                    ExponentialLR: lr·γ^t
//	inverse_time     decay (required)                                    LambdaLR: lr/(1+decay·t)
//	lambda           expr (required, a formula of t)                     LambdaLR: lr·g(t)
//	polynomial       total_iters=5, power=1                              PolynomialLR: lr·(1−min(t,T)/T)^power
//	cosine           t_max (required), eta_min=0                         CosineAnnealingLR (recursive form)
//	cosine_restarts  t_0 (required), t_mult=1, eta_min=0                 CosineAnnealingWarmRestarts (SGDR)
//	linear           start_factor=1/3, end_factor=1, total_iters=5       LinearLR
//	cyclic           base_lr=(optimizer's lr), max_lr (required),        CyclicLR (+ momentum)
//	                 step_size_up=2000, step_size_down=(step_size_up),
//	                 mode=triangular|triangular2|exp_range, gamma=1,
//	                 cycle_momentum=true, base_momentum=0.8,
//	                 max_momentum=0.9
//	onecycle         max_lr (required), total_steps (required),          OneCycleLR (1cycle, + momentum)
//	                 pct_start=0.3, anneal_strategy=cos|linear,
//	                 div_factor=25, final_div_factor=1e4,
//	                 three_phase=false, cycle_momentum=true,
//	                 base_momentum=0.85, max_momentum=0.95
//	plateau          mode=min|max, factor=0.1, patience=10,              ReduceLROnPlateau
//	                 threshold=1e-4, threshold_mode=rel|abs, cooldown=0,
//	                 min_lr=0, eps=1e-8
//	sequential       schedulers (required, SPEC|SPEC|…),                 SequentialLR
//	                 milestones (required, e.g. 5 or 10;60)
//	chained          schedulers (required, SPEC|SPEC|…)                  ChainedScheduler: lr·Π(lr_i,t/lr)
//
// sequential and chained take their schedules as one value: specifications
// separated by '|', in each of which ';' stands for ',' (the outer
// specification is split at commas), e.g.
//
//	sequential:schedulers=linear:start_factor=0.1;total_iters=5|cosine,milestones=5
//
// onecycle and cyclic also set the optimizer's momentum (β₁ for the Adam
// family), as PyTorch does by default; see Momentumer.
//
// Where PyTorch computes a rate recursively from the previous one (step,
// multistep, exponential, polynomial, cosine, linear) so does this package,
// expression for expression, and cosines are correctly rounded as glibc's
// are, so most rates are bit-identical to PyTorch's. descent departs from
// PyTorch in these documented places: onecycle holds its final rate and
// momentum past total_steps (PyTorch raises), cyclic's base_lr may be
// omitted, constant's defaults are factor=1, total_iters=0 (ConstantLR's
// 1/3 and 5 would not be constant), and chained accepts only schedules
// that multiply the rate. New also rejects settings PyTorch silently
// accepts: unsorted or repeated milestones, max_lr < base_lr,
// base_momentum > max_momentum, a plateau factor ≤ 0, γ ≤ 0.
//
// Any schedule can be preceded by a linear warmup: WithWarmup(s, w) gives
// lr·(t+1)/w for t < w and then s from its own step 0, which is PyTorch's
// SequentialLR([LinearLR(start_factor=1/w, total_iters=w−1), s],
// milestones=[w]).
//
// How a driver uses a schedule: it calls Init(lr) once with the optimizer's
// initial learning rate, then for every optimizer step sets the optimizer's
// rate to LR() before the step — and, for a schedule that cycles the
// momentum, the optimizer's momentum with ApplyMomentum(s, opt) — and calls
// Step(loss) after it, exactly PyTorch's optimizer.step();
// scheduler.step() order. Minimization steps the
// schedule once per iteration. Training steps it once per batch, except
// plateau, which is stepped once per epoch with the validation loss (its
// patience and cooldown count epochs). The metric passed to Step is read
// only by plateau.
//
// Step, LR and Momentum allocate nothing. Every schedule here implements Stateful, so a
// checkpointed run resumes bit-identically.
package schedule

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/descentgo/descent/internal/jsonnum"
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Schedule sets the learning rate step by step, like a
// torch.optim.lr_scheduler.
type Schedule interface {
	// Init starts the schedule from the optimizer's initial learning rate
	// baseLR, clearing all state. It panics if baseLR is negative or not
	// finite, or if the schedule's fields are invalid (New reports these as
	// errors instead).
	Init(baseLR float64)
	// LR returns the rate for the current step; before the first Step it
	// is the rate of step 0.
	LR() float64
	// Step advances one step (scheduler.step()). metric is the monitored
	// quantity (e.g. the validation loss); only plateau reads it.
	Step(metric float64)
}

// Stateful is implemented by schedules whose position can be saved and
// restored, so that a resumed run continues bit-identically.
type Stateful interface {
	State() State
	SetState(State) error
}

// State is a schedule's position, for checkpoints. It marshals to JSON with
// non-finite numbers (plateau's best before the first metric is ±Inf) written
// as the strings "+Inf", "-Inf" and "NaN".
type State struct {
	Name string  `json:"name"`    // the schedule's registered name, checked by SetState
	Base float64 `json:"base_lr"` // the rate given to Init
	Step int     `json:"step"`    // Step calls since Init
	LR   float64 `json:"lr"`      // the current rate (recursive schedules carry it)

	// plateau
	Best      float64 `json:"best,omitempty"`             // best metric so far
	BadEpochs int     `json:"num_bad_epochs,omitempty"`   // steps without improvement
	Cooldown  int     `json:"cooldown_counter,omitempty"` // steps of cooldown left

	// cosine_restarts
	TCur int `json:"t_cur,omitempty"` // steps since the last restart
	TI   int `json:"t_i,omitempty"`   // length of the current period

	// warmup
	Inner *State `json:"inner,omitempty"` // the wrapped schedule's state

	// sequential, chained
	Parts []State `json:"parts,omitempty"` // every composed schedule's state
}

type stateJSON struct {
	Name      string        `json:"name"`
	Base      jsonnum.Float `json:"base_lr"`
	Step      int           `json:"step"`
	LR        jsonnum.Float `json:"lr"`
	Best      jsonnum.Float `json:"best,omitempty"`
	BadEpochs int           `json:"num_bad_epochs,omitempty"`
	Cooldown  int           `json:"cooldown_counter,omitempty"`
	TCur      int           `json:"t_cur,omitempty"`
	TI        int           `json:"t_i,omitempty"`
	Inner     *State        `json:"inner,omitempty"`
	Parts     []State       `json:"parts,omitempty"`
}

// MarshalJSON encodes s, writing non-finite numbers as strings.
func (s State) MarshalJSON() ([]byte, error) {
	return json.Marshal(stateJSON{s.Name, jsonnum.Float(s.Base), s.Step, jsonnum.Float(s.LR), jsonnum.Float(s.Best), s.BadEpochs, s.Cooldown, s.TCur, s.TI, s.Inner, s.Parts})
}

// UnmarshalJSON decodes what MarshalJSON wrote.
func (s *State) UnmarshalJSON(b []byte) error {
	var j stateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = State{j.Name, float64(j.Base), j.Step, float64(j.LR), float64(j.Best), j.BadEpochs, j.Cooldown, j.TCur, j.TI, j.Inner, j.Parts}
	return nil
}

// Zero is negative zero, an alias of the one in package internal/param:
// stored in a float field whose zero value means a non-zero default
// (Linear.EndFactor, Cyclic.BaseLR, Plateau.Threshold, Plateau.Eps), it asks
// for a literal 0, as optim.Zero does for optimizers. A positive zero (the
// zero value) in such a field means "the default".
var Zero = param.Zero

// Entry describes a registered schedule.
type Entry struct {
	Name    string
	Summary string       // one line: what it is and where it comes from
	Params  []spec.Field // keys as PyTorch names them, with defaults
	// Horizon is the key, if any, whose value defaults to the length of
	// the run in steps (Context.Steps): cosine's t_max, onecycle's
	// total_steps.
	Horizon string
	// Rate is the key, if any, whose value sets the schedule's rates in
	// place of the optimizer's lr, which the schedule ignores: onecycle's
	// max_lr. Advice about the rate is advice about it (see RateParam).
	Rate string
	// Ceiling is the key, if any, whose value the optimizer's lr must not
	// exceed: cyclic's max_lr, the top of a cycle whose base is lr.
	// Advice that raises lr stops there (see RateCeiling).
	Ceiling string
	// Length is the key, if any, that sets after how many steps the rate
	// reaches its end and stays there: polynomial's total_iters (0 from
	// then on), linear's. Advice on a run that outlived a schedule whose
	// rate reached 0 stretches it there (see WithLength).
	Length string
	// New builds the schedule from bound parameters and the context of the
	// run, checking them. The package-level NewSpec calls Init(c.BaseLR)
	// on the result.
	New func(a spec.Args, c Context) (Schedule, error)
}

// Context is what a schedule may need to know of the run it serves.
type Context struct {
	// BaseLR is the optimizer's initial learning rate.
	BaseLR float64
	// Steps is the number of steps the run will take (0 if unknown): the
	// default of the Horizon key of schedules that anneal over the run.
	Steps int
}

// horizon returns the value of the Int key, or c.Steps when it was not
// written.
func horizon(a spec.Args, key string, c Context) int {
	if !a.Given(key) && c.Steps > 0 {
		return c.Steps
	}
	return a.Int(key)
}

// Watcher is implemented by schedules that react to a monitored metric
// (plateau): training steps them once per epoch with the validation loss
// rather than once per batch.
type Watcher interface {
	WatchesMetric() bool
}

// WatchesMetric reports whether s steps on a monitored metric (see
// Watcher).
func WatchesMetric(s Schedule) bool {
	w, ok := s.(Watcher)
	return ok && w.WatchesMetric()
}

var registry = spec.NewRegistry[Entry]("schedule")

// Register adds a schedule to the registry. It panics if the name is taken.
func Register(e Entry) { registry.Register(e.Name, e) }

// Lookup returns the registered entry for name.
func Lookup(name string) (Entry, bool) { return registry.Lookup(name) }

// RateParam returns the key of sp that sets its rates in place of the
// optimizer's lr (Entry.Rate: onecycle's max_lr) and its value, when sp
// names such a schedule and gives the key a positive finite value.
func RateParam(sp spec.Spec) (key string, v float64, ok bool) {
	e, found := registry.Lookup(sp.Name)
	if !found || e.Rate == "" {
		return "", 0, false
	}
	return positiveKey(sp, e.Rate)
}

// WithRate returns sp with the rate it sets in place of the optimizer's lr
// (RateParam's key: onecycle's max_lr) set to lr, and true — where a
// suggested rate goes in sp; sp and false when sp names no such key (the
// optimizer's lr is then the rate).
func WithRate(sp spec.Spec, lr float64) (spec.Spec, bool) {
	key, _, ok := RateParam(sp)
	if !ok {
		return sp, false
	}
	return sp.With(key, strconv.FormatFloat(lr, 'g', -1, 64)), true
}

// WithLength returns sp with its Length key (Entry.Length: polynomial's
// total_iters) set to steps, and true; sp and false when sp names no such
// schedule or steps < 1.
func WithLength(sp spec.Spec, steps int) (spec.Spec, bool) {
	e, found := registry.Lookup(sp.Name)
	if !found || e.Length == "" || steps < 1 {
		return sp, false
	}
	return sp.With(e.Length, strconv.Itoa(steps)), true
}

// RateCeiling returns the key of sp that caps the optimizer's lr
// (Entry.Ceiling: cyclic's max_lr) and its value, when sp names such a
// schedule and gives the key a positive finite value.
func RateCeiling(sp spec.Spec) (key string, v float64, ok bool) {
	e, found := registry.Lookup(sp.Name)
	if !found || e.Ceiling == "" {
		return "", 0, false
	}
	return positiveKey(sp, e.Ceiling)
}

// positiveKey returns key and its value in sp when sp gives it a positive
// finite number.
func positiveKey(sp spec.Spec, key string) (string, float64, bool) {
	text, written := sp.Get(key)
	if !written {
		return "", 0, false
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return "", 0, false
	}
	return key, v, true
}

// Names returns the registered names in sorted order.
func Names() []string { return registry.Names() }

// NewSpec builds a schedule from a parsed specification such as
// cosine:t_max=100,eta_min=0.001 (the front ends parse the text with
// spec.Parse) and initializes it with c.BaseLR. An unknown name or key, a
// missing required key or an invalid value is an error that says what is
// valid. A required Horizon key may be omitted when c.Steps is known.
func NewSpec(sp spec.Spec, c Context) (Schedule, error) {
	e, ok := registry.Lookup(sp.Name)
	if !ok {
		return nil, registry.Unknown(sp.Name)
	}
	if err := checkBaseLR(c.BaseLR); err != nil {
		return nil, fmt.Errorf("schedule %q: %v", sp.Name, err)
	}
	a, err := spec.Bind("schedule "+strconv.Quote(sp.Name), sp, e.Params)
	if err != nil {
		return nil, err
	}
	for _, f := range e.Params {
		if f.Default == "" && !a.Given(f.Key) && !optional[sp.Name+"."+f.Key] && !(f.Key == e.Horizon && c.Steps > 0) {
			return nil, a.Errorf("missing required %s (%s)", f.Key, f.Doc)
		}
	}
	s, err := e.New(a, c)
	if err != nil {
		return nil, err
	}
	s.Init(c.BaseLR)
	return s, nil
}

// optional lists the keys without a default that may still be omitted
// (their default depends on other values).
var optional = map[string]bool{
	"cyclic.base_lr":        true, // the optimizer's lr
	"cyclic.step_size_down": true, // step_size_up
}

func checkBaseLR(lr float64) error {
	if math.IsNaN(lr) || math.IsInf(lr, 0) || lr < 0 {
		return fmt.Errorf("invalid base learning rate %g: must be finite and ≥ 0", lr)
	}
	return nil
}

// initBase panics if baseLR is invalid (a programmer error in Init).
func initBase(name string, lr float64) float64 {
	if err := checkBaseLR(lr); err != nil {
		panic(errf(name, "%v", err).Error())
	}
	return lr
}

// mustValid panics with err, the result of a schedule's check in Init.
func mustValid(err error) {
	if err != nil {
		panic(err.Error())
	}
}

// checkState returns an error unless st is a state of the schedule name.
func checkState(name string, st State) error {
	if st.Name != name {
		return fmt.Errorf("schedule: state of %q given to %q", st.Name, name)
	}
	if st.Step < 0 {
		return fmt.Errorf("schedule: %s: state step %d < 0", name, st.Step)
	}
	if math.IsNaN(st.LR) || st.LR < 0 {
		return fmt.Errorf("schedule: %s: state lr %g is not a rate", name, st.LR)
	}
	if err := checkBaseLR(st.Base); err != nil {
		return fmt.Errorf("schedule: %s: state base_lr: %v", name, err)
	}
	return nil
}

// errf returns an error about the schedule name.
func errf(name, format string, args ...any) error {
	return fmt.Errorf("schedule %q: %s", name, fmt.Sprintf(format, args...))
}

// isDefault reports whether v is the zero value (positive zero), which
// stands for a default in fields that document so.
func isDefault(v float64) bool { return v == 0 && !math.Signbit(v) }

// positive checks that v > 0 and finite; if zeroDefault, the zero value
// (positive zero) is accepted as "default".
func positive(name, key string, v float64, zeroDefault bool) error {
	if zeroDefault && isDefault(v) {
		return nil
	}
	if !(v > 0) || math.IsInf(v, 1) {
		return errf(name, "invalid %s %g: must be > 0", key, v+0) // v+0: print -0 as 0
	}
	return nil
}

// nonNegative checks that v ≥ 0 and finite.
func nonNegative(name, key string, v float64) error {
	if !(v >= 0) || math.IsInf(v, 1) {
		return errf(name, "invalid %s %g: must be ≥ 0", key, v)
	}
	return nil
}

// pymod returns a mod m with the sign of m, as Python's % does.
func pymod(a, m int) int {
	r := a % m
	if r != 0 && (r < 0) != (m < 0) {
		r += m
	}
	return r
}

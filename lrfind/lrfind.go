// Package lrfind implements the learning-rate range test (Smith 2017,
// "Cyclical Learning Rates for Training Neural Networks", section 3.3; the
// fastai lr_find) and checks its suggestion with short real runs before
// anyone sees it.
//
// # The sweep
//
// One optimizer step per learning rate on an exponential sweep,
//
//	lr_i = StartLR·(EndLR/StartLR)^(i/(Steps−1)),  i = 0…Steps−1,
//
// 1e-7 to 10 in 100 steps by default (fastai's values; fastai's schedule
// uses i/Steps, so its last rate stops one step short of EndLR). Each step
// continues from the previous point (the test trains as it sweeps) with the
// optimizer's own state, only its learning rate set before every step, so
// adaptive methods (Adam, RMSProp, …) are swept like plain gradient
// descent; the caller's start point is never modified.
//
// Smoothing: fastai's AvgSmoothLoss, an exponential moving average with
// bias correction, a_i = β·a_{i−1} + (1−β)·loss_i, s_i = a_i/(1 − β^(i+1)),
// β = Smoothing (0.98 by default; 0.98 averages over ~50 steps, so sweeps
// shorter than 100 steps use β = 1 − 2/Steps; negative zero, optim.Zero,
// asks for β = 0: no smoothing).
//
// Stopping (fastai's LRFinder.after_batch): when s_i > DivergeRatio·min_{j≤i} s_j
// (4 by default; written s_i − best > (DivergeRatio − 1)·|best| so that
// losses that go negative are handled too) or the loss is not finite.
//
// # The rules
//
// The rules read the smoothed losses as fastai's Learner.lr_find passes
// them: without the first Steps/10 points (integer division) and the last 5
// (fastai/callback/schedule.py at fastai commit
// 0a049e8a90b86d70860f68072698245a1ee787ca; the rules below are transcribed
// from its functions valley, steep and minimum):
//
//	valley   the longest valley: lds_i is the length of the longest strictly
//	         decreasing subsequence of the losses ending at i; with e the
//	         first index of the largest lds and b = e − lds_e, the suggestion
//	         is lrs[b + ⌊(e−b)/3⌋ + ⌊(e−b)/6⌋], about halfway into the valley
//	         (fastai's default rule, and descent's).
//	steep    the lr where the smoothed loss falls fastest per unit of log lr:
//	         the left end lrs[k] of the segment k with the most negative
//	         (s_{k+1} − s_k)/(log lr_{k+1} − log lr_k).
//	minimum  a tenth of the lr at the lowest smoothed loss (the first one).
//
// When the smoothed loss never falls below its first value there is no
// suggestion (every rule is 0).
//
// # Validation
//
// A rule reads one noisy, moving curve; Validate checks its rate p with
// short real runs: each starts from the sweep's start point with fresh
// optimizer state and takes ValidationSteps steps (the sweep's Steps by
// default) at a constant rate. A run is rejected when it diverges (a loss
// not finite, or the losses of its steps, smoothed as in the sweep, above
// the start's loss f0 by (DivergeRatio − 1)·|f0|: the sweep's own stopping
// rule measured from the start; or a final loss above that) or ends without
// progress (final loss ≥ f0 up to rounding). The final loss is the loss on
// the whole objective, which for mini-batch steps the caller evaluates. The runs are at p and at its
// neighbours p/k and p·k (k = ValidationFactor, 3 by default):
//
//   - p rejected: the rate falls back to p/k, p/k², … (not below StartLR)
//     until a run is accepted; none accepted means no suggestion.
//   - p accepted: a neighbour whose final loss is clearly lower replaces
//     p, and the search goes on in that direction while the next rate's
//     loss keeps being clearly lower (never above the sweep's last rate).
//     Clearly lower: loss_n < loss_p − Margin·(f0 − loss_p) (10 % more of
//     the descent p achieved) or, for non-negative losses, loss_n < loss_p/2
//     (which tells apart two runs that both fell most of the way).
//
// Result.Suggested is the validated rate, Result.Proposed the rule's.
package lrfind

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// Rule names a suggestion rule.
type Rule string

// The suggestion rules (see the package documentation).
const (
	Valley  Rule = "valley"  // fastai's valley: about halfway into the longest valley (the default)
	Steep   Rule = "steep"   // fastai's steep: the steepest descent of the smoothed loss in log lr
	Minimum Rule = "minimum" // fastai's minimum: a tenth of the lr at the lowest smoothed loss
)

// Rules lists the rules in the order front ends show them.
var Rules = []Rule{Valley, Steep, Minimum}

// Valid reports whether r names a rule.
func (r Rule) Valid() bool { return r == Valley || r == Steep || r == Minimum }

// Margin is the "clearly lower" margin of the validation: a neighbour
// replaces the rate when its final loss is below the rate's by more than
// Margin·(f0 − loss), Margin of the descent the rate achieved.
const Margin = 0.1

// MaxSteps is the largest sweep (and validation run) length: 10⁶ steps.
const MaxSteps = 1_000_000

// Settings of the sweep and its validation. Zero values mean the defaults.
type Settings struct {
	StartLR      float64 // 1e-7
	EndLR        float64 // 10
	Steps        int     // 100
	Smoothing    float64 // β of the moving average, 0.98; optim.Zero: no smoothing
	DivergeRatio float64 // stop when the smoothed loss exceeds this × its best, 4
	Rule         Rule    // Valley by default

	ValidationSteps  int     // steps of each validation run; default Steps
	ValidationFactor float64 // the neighbours of a rate p are p/k and p·k; default 3
	SkipValidation   bool    // report the rule's rate unchecked
}

func (s Settings) withDefaults() (Settings, error) {
	if s.StartLR == 0 {
		s.StartLR = 1e-7
	}
	if s.EndLR == 0 {
		s.EndLR = 10
	}
	if s.Steps == 0 {
		s.Steps = 100
	}
	if s.Steps > 0 {
		s.Smoothing = param.OrDefault(s.Smoothing, math.Max(math.Min(0.98, 1-2/float64(s.Steps)), 0))
	}
	if s.DivergeRatio == 0 {
		s.DivergeRatio = 4
	}
	if s.Rule == "" {
		s.Rule = Valley
	}
	if s.ValidationSteps == 0 {
		s.ValidationSteps = s.Steps
	}
	if s.ValidationFactor == 0 {
		s.ValidationFactor = 3
	}
	switch {
	case !(s.StartLR > 0) || math.IsInf(s.StartLR, 0):
		return s, &spec.FieldError{Field: "start_lr", Err: fmt.Errorf("%g: must be a positive number", s.StartLR)}
	case !(s.EndLR > s.StartLR) || math.IsInf(s.EndLR, 0):
		return s, &spec.FieldError{Field: "end_lr", Err: fmt.Errorf("%g: must be larger than the start rate %g", s.EndLR, s.StartLR)}
	case s.Steps < 5:
		return s, &spec.FieldError{Field: "steps", Err: fmt.Errorf("%d: need at least 5", s.Steps)}
	case s.Steps > MaxSteps:
		return s, &spec.FieldError{Field: "steps", Err: fmt.Errorf("%d: at most %d (a sweep keeps every rate and loss; fastai uses 100)", s.Steps, MaxSteps)}
	case s.ValidationSteps > MaxSteps:
		return s, &spec.FieldError{Field: "validation_steps", Err: fmt.Errorf("%d: at most %d", s.ValidationSteps, MaxSteps)}
	case !(s.Smoothing >= 0 && s.Smoothing < 1):
		return s, &spec.FieldError{Field: "smoothing", Err: fmt.Errorf("%g: must be in [0, 1)", s.Smoothing)}
	case !s.Rule.Valid():
		return s, &spec.FieldError{Field: "rule", Err: fmt.Errorf("%q: use valley, steep or minimum", string(s.Rule))}
	case !(s.DivergeRatio > 1) || math.IsInf(s.DivergeRatio, 0):
		return s, &spec.FieldError{Field: "diverge_ratio", Err: fmt.Errorf("%g: must be > 1", s.DivergeRatio)}
	case s.ValidationSteps < 1:
		return s, &spec.FieldError{Field: "validation_steps", Err: fmt.Errorf("%d: need at least 1", s.ValidationSteps)}
	case !(s.ValidationFactor > 1) || math.IsInf(s.ValidationFactor, 0):
		return s, &spec.FieldError{Field: "validation_factor", Err: fmt.Errorf("%g: must be > 1", s.ValidationFactor)}
	}
	return s, nil
}

// Verdict of one validation run.
type Verdict string

// The verdicts of a validation run.
const (
	OK         Verdict = "ok"          // the loss fell and stayed finite and bounded
	Diverged   Verdict = "diverged"    // a loss was not finite or exceeded the bound from f0
	NoProgress Verdict = "no_progress" // the final loss was not below f0
)

// Check is one validation run.
type Check struct {
	LR      float64
	Loss    float64 // the final loss (+Inf when the run diverged)
	Verdict Verdict
}

// Result of a sweep.
type Result struct {
	LRs      []float64 // the rates tried (up to the stop)
	Losses   []float64 // the loss after each step
	Smoothed []float64 // the smoothed loss
	// StoppedEarly says the sweep ended at LRs[len-1] because the loss blew
	// up (rather than reaching EndLR).
	StoppedEarly bool
	// From and To delimit the points the rules read: LRs[From:To].
	From, To int

	Minimum float64 // the minimum rule's rate (0 if none)
	Steep   float64 // the steep rule's rate (0 if none)
	Valley  float64 // the valley rule's rate (0 if none)

	Rule      Rule    // the rule behind Proposed
	Proposed  float64 // the rule's rate (0 if none)
	Suggested float64 // the rate to use: Proposed after validation (0 if none)

	// Validated says Suggested passed a validation run; Validation lists
	// the runs in the order they were made, F0 is their start loss.
	Validated  bool
	Validation []Check
	F0         float64
	// Note says in a sentence how Suggested was chosen.
	Note string
}

// Sweep runs the range test with step, which takes one optimizer step with
// the given learning rate and returns the loss after it, and applies the
// rules. It does not validate (see Validate).
func Sweep(step func(lr float64) float64, s Settings) (*Result, error) {
	s, err := s.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &Result{Rule: s.Rule}
	ratio := math.Log(s.EndLR / s.StartLR)
	var avg float64
	best := math.Inf(1)
	for i := 0; i < s.Steps; i++ {
		lr := s.StartLR * math.Exp(ratio*float64(i)/float64(s.Steps-1))
		loss := step(lr)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			r.StoppedEarly = true
			break
		}
		avg = s.Smoothing*avg + (1-s.Smoothing)*loss
		sm := avg / (1 - math.Pow(s.Smoothing, float64(i+1)))
		r.LRs = append(r.LRs, lr)
		r.Losses = append(r.Losses, loss)
		r.Smoothed = append(r.Smoothed, sm)
		best = math.Min(best, sm)
		if i > 0 && sm-best > (s.DivergeRatio-1)*math.Abs(best) {
			r.StoppedEarly = true
			break
		}
	}
	r.suggest(s)
	return r, nil
}

// suggest applies the rules to the window fastai's lr_find passes them.
func (r *Result) suggest(s Settings) {
	r.From, r.To = window(len(r.Smoothed), s.Steps)
	if !fell(r.Smoothed) || r.To-r.From < 2 {
		if len(r.Smoothed) == 0 {
			r.Note = "the loss was not finite at the first rate"
		} else if !fell(r.Smoothed) {
			r.Note = "the smoothed loss never fell below its first value during the sweep"
		} else {
			r.Note = fmt.Sprintf("too few points (%d) before the loss blew up to apply the rules: sweep more finely or from a smaller rate", len(r.Smoothed))
		}
		return
	}
	lrs, sm := r.LRs[r.From:r.To], r.Smoothed[r.From:r.To]
	r.Minimum = minimum(lrs, sm)
	r.Steep = steep(lrs, sm)
	r.Valley = valley(lrs, sm)
	switch r.Rule {
	case Minimum:
		r.Proposed = r.Minimum
	case Steep:
		r.Proposed = r.Steep
	default:
		r.Proposed = r.Valley
	}
	r.Suggested = r.Proposed
	r.Note = "the " + string(r.Rule) + " rule's rate, not validated"
}

// window returns the range [from, to) of n recorded points that fastai's
// lr_find hands to the rules: recorder[num_it//10 : −5].
func window(n, steps int) (from, to int) {
	from, to = steps/10, n-5
	if to < from {
		to = from
	}
	if from > n {
		from, to = n, n
	}
	return from, to
}

// fell reports whether some s_i < s_0.
func fell(s []float64) bool {
	for _, v := range s {
		if v < s[0] {
			return true
		}
	}
	return false
}

// minimum is fastai's minimum: lrs[argmin losses]/10 (the first minimum).
func minimum(lrs, s []float64) float64 {
	at := 0
	for i, v := range s {
		if v < s[at] {
			at = i
		}
	}
	return lrs[at] / 10
}

// steep is fastai's steep: with g_k = (s_{k+1} − s_k)/(log lr_{k+1} − log
// lr_k), the rate lrs[argmin g] (the segment's left end).
func steep(lrs, s []float64) float64 {
	at, best := 0, math.Inf(1)
	for k := 0; k+1 < len(s); k++ {
		if g := (s[k+1] - s[k]) / (math.Log(lrs[k+1]) - math.Log(lrs[k])); g < best {
			at, best = k, g
		}
	}
	return lrs[at]
}

// valley is fastai's valley (see the package documentation). fastai's
// max_start = max_end − lds[max_end] can be −1 (a valley from the first
// point), where Python's lrs[−1] would read the last rate; it is 0 here.
func valley(lrs, s []float64) float64 {
	n := len(s)
	lds := make([]int, n)
	for i := range lds {
		lds[i] = 1
	}
	maxStart, maxEnd := 0, 0
	for i := 1; i < n; i++ {
		for j := 0; j < i; j++ {
			if s[i] < s[j] && lds[i] < lds[j]+1 {
				lds[i] = lds[j] + 1
			}
			if lds[maxEnd] < lds[i] {
				maxEnd = i
				maxStart = maxEnd - lds[maxEnd]
			}
		}
	}
	sections := float64(maxEnd-maxStart) / 3
	idx := maxStart + int(sections) + int(sections/2)
	idx = max(0, min(idx, n-1))
	return lrs[idx]
}

// A Restart starts a validation run from the sweep's start point with fresh
// optimizer state. step takes one optimizer step at rate lr and returns the
// loss after it (a mini-batch's when the steps are on mini-batches); loss
// returns the loss at the current point on the whole objective, and before
// the first step the start's loss f0.
type Restart func() (step func(lr float64) float64, loss func() float64, err error)

// Validate checks r.Proposed with runs made by restart (see the package
// documentation) and sets r.Suggested, r.Validated, r.Validation, r.F0 and
// r.Note. It does nothing when r has no proposal.
func Validate(r *Result, restart Restart, s Settings) error {
	s, err := s.withDefaults()
	if err != nil {
		return err
	}
	if r.Proposed <= 0 {
		return nil
	}
	k := s.ValidationFactor
	f0 := math.NaN()
	check := func(lr float64) (Check, error) {
		for _, c := range r.Validation {
			if c.LR == lr {
				return c, nil
			}
		}
		step, loss, err := restart()
		if err != nil {
			return Check{}, err
		}
		if math.IsNaN(f0) {
			f0 = loss()
			r.F0 = f0
		}
		c := trial(step, loss, lr, f0, s)
		r.Validation = append(r.Validation, c)
		return c, nil
	}
	p := r.Proposed
	c, err := check(p)
	if err != nil {
		return err
	}
	if math.IsNaN(f0) || math.IsInf(f0, 0) {
		r.Suggested = 0
		r.Note = fmt.Sprintf("the loss at the start is %g: nothing to validate against", f0)
		return nil
	}
	if c.Verdict != OK {
		for lr := p / k; lr >= s.StartLR*(1-1e-12); lr /= k {
			c, err := check(lr)
			if err != nil {
				return err
			}
			if c.Verdict == OK {
				r.Suggested, r.Validated = lr, true
				r.Note = fmt.Sprintf("the %s rule's %.4g %s in its validation run; the next lower candidate %.4g did not", r.Rule, p, words(r.Validation[0].Verdict), lr)
				return nil
			}
		}
		r.Suggested = 0
		r.Note = fmt.Sprintf("the %s rule's %.4g %s in its validation run, and so did every lower candidate down to %.4g", r.Rule, p, words(c.Verdict), s.StartLR)
		return nil
	}
	lo, err := check(p / k)
	if err != nil {
		return err
	}
	hi, err := check(p * k)
	if err != nil {
		return err
	}
	better := func(n, b Check) bool { return n.Verdict == OK && clearlyLower(n.Loss, b.Loss, f0) }
	best, factor := c, 1.0
	switch {
	case better(hi, c) && (!better(lo, c) || hi.Loss <= lo.Loss):
		best, factor = hi, k
	case better(lo, c):
		best, factor = lo, 1/k
	}
	top := s.EndLR
	if n := len(r.LRs); n > 0 {
		top = r.LRs[n-1]
	}
	for factor != 1 {
		next := best.LR * factor
		if next > top*(1+1e-12) || next < s.StartLR*(1-1e-12) {
			break
		}
		n, err := check(next)
		if err != nil {
			return err
		}
		if !better(n, best) {
			break
		}
		best = n
	}
	r.Suggested, r.Validated = best.LR, true
	switch {
	case best.LR == p:
		r.Note = fmt.Sprintf("the %s rule's rate; validated: neither %.4g nor %.4g reached a clearly lower loss", r.Rule, p/k, p*k)
	default:
		r.Note = fmt.Sprintf("validation replaced the %s rule's %.4g (final loss %.4g) by %.4g, which reached a clearly lower loss %.4g", r.Rule, p, c.Loss, best.LR, best.Loss)
	}
	return nil
}

// clearlyLower reports whether a final loss c is clearly below b for runs
// from f0: by more than Margin·(f0 − b), or, for non-negative losses, by
// half of b; differences within 1e-9·|f0| of each other (both runs
// converged to rounding) never are.
func clearlyLower(c, b, f0 float64) bool {
	d := b - c
	if !(d > 1e-9*math.Abs(f0)) {
		return false
	}
	return d > Margin*(f0-b) || (c >= 0 && c < b/2)
}

func words(v Verdict) string {
	if v == NoProgress {
		return "made no progress"
	}
	return "diverged"
}

// trial makes one validation run at lr.
func trial(step func(float64) float64, loss func() float64, lr, f0 float64, s Settings) Check {
	bound := f0 + (s.DivergeRatio-1)*math.Abs(f0)
	var avg float64
	for i := 0; i < s.ValidationSteps; i++ {
		v := step(lr)
		avg = s.Smoothing*avg + (1-s.Smoothing)*v
		if math.IsNaN(v) || math.IsInf(v, 0) || avg/(1-math.Pow(s.Smoothing, float64(i+1))) > bound {
			return Check{LR: lr, Loss: math.Inf(1), Verdict: Diverged}
		}
	}
	v := loss()
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || v > bound:
		return Check{LR: lr, Loss: math.Inf(1), Verdict: Diverged}
	case f0-v <= 1e-8*math.Max(math.Abs(f0), math.Abs(v)):
		return Check{LR: lr, Loss: v, Verdict: NoProgress}
	}
	return Check{LR: lr, Loss: v, Verdict: OK}
}

// ForFunc runs the range test on a function — one step of opt per rate from
// x0, which is not modified — and, unless s.SkipValidation, validates the
// suggestion with runs of opt from x0 (Init clears its state). opt must
// have a learning rate.
func ForFunc(f fn.Func, x0 []float64, opt optim.Optimizer, s Settings) (*Result, error) {
	lrer, ok := opt.(optim.LRer)
	if !ok {
		return nil, fmt.Errorf("the optimizer %T has no learning rate to sweep", opt)
	}
	n := f.Dim()
	x := make([]float64, n)
	g := make([]float64, n)
	var last float64
	restart := func() (func(float64) float64, func() float64, error) {
		copy(x, x0)
		opt.Init(n)
		last = f.ValueGrad(g, x)
		if math.IsNaN(last) || math.IsInf(last, 0) || !fn.AllFinite(g) {
			return nil, nil, fmt.Errorf("f(x0) = %g: not finite at the start point %v", last, x0)
		}
		step := func(lr float64) float64 {
			lrer.SetLR(lr)
			opt.Step(x, g)
			last = f.ValueGrad(g, x)
			return last
		}
		return step, func() float64 { return last }, nil
	}
	step, _, err := restart()
	if err != nil {
		return nil, err
	}
	r, err := Sweep(step, s)
	if err != nil || s.SkipValidation {
		return r, err
	}
	return r, Validate(r, restart, s)
}

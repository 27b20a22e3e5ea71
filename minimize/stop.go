package minimize

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/yield"
	"github.com/descentgo/descent/spec"
)

// Stop is the stopping rule of a run, shared by minimization (which counts
// iterations) and training (which counts epochs). A zero field disables its
// rule, so the zero value runs until the objective diverges.
//
//	GradTol   ‖∇f(x)‖₂ < GradTol                                  → ConvergedGrad
//	FTol      |f_k − f_{k−1}| ≤ FTol·max(|f_k|, |f_{k−1}|, 1) for
//	          Patience consecutive units                            → ConvergedF
//	MaxIters  k = MaxIters units                                    → MaxIters or MaxEpochs
//	Timeout   elapsed ≥ Timeout                                     → Timeout
//	ctx       the context is cancelled                              → Interrupted
//
// The f-change rule is SciPy's L-BFGS-B "ftol", which stays meaningful
// when f* = 0. Divergence is always checked, first: f, ∇f or x non-finite,
// or |f − f₀| > DivergeFactor·max(|f₀|, 1) with f having moved up, or down
// without bound.
type Stop struct {
	MaxIters int           // budget in the run's unit; 0 = none
	GradTol  float64       // stop when ‖∇f‖₂ < GradTol; 0 = off
	FTol     float64       // relative change of f (see above); 0 = off
	Patience int           // consecutive units for FTol; 0 means 1
	Timeout  time.Duration // wall-clock budget; 0 = none

	// DivergeFactor sets the divergence threshold |f − f₀| >
	// DivergeFactor·max(|f₀|, 1); 0 means 1e10.
	DivergeFactor float64

	// Negated says the objective is −f for an f being maximized. It
	// changes only the messages, which then speak of f: values shown as
	// −F, a rise of F told as a fall of f and the other way round.
	Negated bool
}

// Check returns a *spec.FieldError naming the first invalid field (by its
// snake-case name, e.g. "grad_tol"): a tolerance that is not a finite
// number ≥ 0, a negative budget, patience or timeout.
func (s Stop) Check() error {
	for _, v := range []struct {
		name string
		x    float64
	}{{"grad_tol", s.GradTol}, {"f_tol", s.FTol}, {"diverge_factor", s.DivergeFactor}} {
		if err := nonNegative(v.name, v.x); err != nil {
			return err
		}
	}
	switch {
	case s.MaxIters < 0:
		return &spec.FieldError{Field: "max_iters", Err: fmt.Errorf("%d: must be ≥ 0", s.MaxIters)}
	case s.Patience < 0:
		return &spec.FieldError{Field: "patience", Err: fmt.Errorf("%d: must be ≥ 1", s.Patience)}
	case s.Timeout < 0:
		return &spec.FieldError{Field: "timeout", Err: fmt.Errorf("%v: must be ≥ 0", s.Timeout)}
	}
	return nil
}

// checkSharpness returns a *spec.FieldError ("sharpness_every") for a
// negative SharpnessEvery, or one that is on without a Sharpness function.
func (s *Settings) checkSharpness() error {
	switch {
	case s.SharpnessEvery < 0:
		return &spec.FieldError{Field: "sharpness_every", Err: fmt.Errorf("%d: must be ≥ 0 (0 = off)", s.SharpnessEvery)}
	case s.SharpnessEvery > 0 && s.Sharpness == nil:
		return &spec.FieldError{Field: "sharpness_every", Err: fmt.Errorf("%d: no function to measure the sharpness with (Settings.Sharpness)", s.SharpnessEvery)}
	}
	return nil
}

// nonNegative returns a spec.FieldError unless v is a finite number ≥ 0.
func nonNegative(field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return &spec.FieldError{Field: field, Err: fmt.Errorf("%g: must be a finite number", v)}
	}
	if v < 0 {
		return &spec.FieldError{Field: field, Err: fmt.Errorf("%g: must be ≥ 0", v)}
	}
	return nil
}

// Unit is what a run counts: iterations of a minimization or epochs of a
// training run. It words the messages of the statuses.
type Unit int

// The units of a run.
const (
	Iterations Unit = iota // one optimizer step (or line-search iteration) on f
	Epochs                 // one pass over the training data; the objective is F
)

// String returns "iteration" or "epoch".
func (u Unit) String() string {
	if u == Epochs {
		return "epoch"
	}
	return "iteration"
}

// words returns how messages name the objective, its gradient and the
// point in this unit.
func (u Unit) words() (obj, sym, point string) {
	if u == Epochs {
		return "the training objective", "F", "the weights"
	}
	return "f", "f", "x"
}

// Monitor applies a Stop rule to one run: Start it with the value at the
// start point, then call Converged and Budget after every unit.
type Monitor struct {
	stop     Stop
	unit     Unit
	f0, prev float64
	diverge  float64
	patience int
	calm     int
	flag     atomic.Int32 // 1 = timeout, 2 = interrupted
	cleanup  []func() bool
}

// Start returns a Monitor of the rule s for a run in unit u whose
// objective is f0 at the start. Cancelling ctx (may be nil) makes Budget
// report Interrupted; Close releases the timer and the context hook.
func (s Stop) Start(ctx context.Context, u Unit, f0 float64) *Monitor {
	m := &Monitor{stop: s, unit: u, f0: f0, prev: f0, diverge: s.DivergeFactor, patience: max(s.Patience, 1)}
	if m.diverge == 0 {
		m.diverge = 1e10
	}
	if s.Timeout > 0 {
		t := time.AfterFunc(s.Timeout, func() { m.flag.CompareAndSwap(0, 1) })
		m.cleanup = append(m.cleanup, t.Stop)
	}
	if ctx != nil && ctx.Err() != nil {
		m.flag.Store(2)
	} else if ctx != nil && ctx.Done() != nil {
		m.cleanup = append(m.cleanup, context.AfterFunc(ctx, func() { m.flag.CompareAndSwap(0, 2) }))
	}
	return m
}

// Close releases the Monitor's timer and context hook.
func (m *Monitor) Close() {
	for _, c := range m.cleanup {
		c()
	}
	m.cleanup = nil
}

// AtStart returns ConvergedGrad if the gradient norm gn at the start point
// is already below GradTol, and 0 otherwise.
func (m *Monitor) AtStart(gn float64) (Status, string) {
	if m.stop.GradTol > 0 && gn < m.stop.GradTol {
		_, sym, _ := m.unit.words()
		return ConvergedGrad, fmt.Sprintf("‖∇%s‖ = %s < grad-tol %g at the start point", sym, Below(gn, m.stop.GradTol), m.stop.GradTol)
	}
	return 0, ""
}

// Converged applies the divergence and convergence rules to unit k, which
// ended at x with objective f and gradient norm gn. It returns 0 when the
// run goes on. x may be nil when the caller checks the point itself.
func (m *Monitor) Converged(k int, f, gn float64, x []float64) (Status, string) {
	obj, sym, point := m.unit.words()
	u, f0, fPrev := m.unit, m.f0, m.prev
	m.prev = f
	sg, grew, fell := 1.0, "grew", "fell"
	if m.stop.Negated {
		sg, grew, fell = -1, "fell", "grew"
	}
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return Diverged, fmt.Sprintf("%s became %g at %s %d", obj, sg*f, u, k)
	case !fn.AllFinite(x):
		return Diverged, fmt.Sprintf("%s became non-finite at %s %d", point, u, k)
	case math.IsNaN(gn) || math.IsInf(gn, 0):
		return Diverged, fmt.Sprintf("‖∇%s‖ became %g at %s %d", sym, gn, u, k)
	case gn == 0 && runOff(x):
		// An exactly zero gradient at a point this far out is an
		// underflow (exp(x) at x = −1e304), not a stationary point.
		return Diverged, fmt.Sprintf("%s ran off to max|%sᵢ| = %.3g at %s %d, where ‖∇%s‖ underflowed to 0: not a minimum", point, pointSym(point), maxAbs(x), u, k, sym)
	case f-f0 > m.diverge*math.Max(math.Abs(f0), 1):
		return Diverged, fmt.Sprintf("%s %s from %.6g to %.6g by %s %d", obj, grew, sg*f0, sg*f, u, k)
	case f0-f > m.diverge*math.Max(math.Abs(f0), 1):
		return Diverged, fmt.Sprintf("%s %s without bound from %.6g to %.6g by %s %d", obj, fell, sg*f0, sg*f, u, k)
	}
	s := m.stop
	if s.GradTol > 0 && gn < s.GradTol {
		return ConvergedGrad, fmt.Sprintf("‖∇%s‖ = %s < grad-tol %g after %d %ss", sym, Below(gn, s.GradTol), s.GradTol, k, u)
	}
	if s.FTol > 0 {
		if math.Abs(f-fPrev) <= s.FTol*math.Max(math.Max(math.Abs(f), math.Abs(fPrev)), 1) {
			m.calm++
		} else {
			m.calm = 0
		}
		if m.calm >= m.patience {
			units := u.String() + "s"
			if m.patience == 1 {
				units = u.String()
			}
			return ConvergedF, fmt.Sprintf("relative change of %s below f-tol %g for %d %s (%s %d)", sym, s.FTol, m.patience, units, u, k)
		}
	}
	return 0, ""
}

// Budget applies the budget rules after unit k, whose gradient norm is gn:
// the unit budget, then the time budget, then cancellation. It returns 0
// when the run goes on. Under js/wasm it first lets expired timers fire
// (yield.Point): the time budget and cancellation are timers.
func (m *Monitor) Budget(k int, gn float64) (Status, string) {
	yield.Point()
	_, sym, _ := m.unit.words()
	if s := m.stop; s.MaxIters > 0 && k >= s.MaxIters {
		st := MaxIters
		if m.unit == Epochs {
			st = MaxEpochs
		}
		return st, fmt.Sprintf("reached the %s budget of %d with ‖∇%s‖ = %.3g", m.unit, s.MaxIters, sym, gn)
	}
	switch m.flag.Load() {
	case 1:
		return Timeout, fmt.Sprintf("timeout %v after %d %ss", m.stop.Timeout, k, m.unit)
	case 2:
		return Interrupted, fmt.Sprintf("interrupted after %d %ss", k, m.unit)
	}
	return 0, ""
}

// RunOff is the magnitude of a coordinate beyond which a point with an
// exactly zero gradient is taken for an underflow rather than a
// stationary point (Monitor.Converged): no problem descent is meant for
// has its minimum there, and the gradients of exp, tanh, the logistic
// function and their kin underflow to 0 long before.
const RunOff = 1e150

func runOff(x []float64) bool { return maxAbs(x) > RunOff }

func maxAbs(x []float64) float64 {
	var m float64
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

func pointSym(point string) string {
	if point == "x" {
		return "x"
	}
	return "w"
}

// Below formats v < tol with 3 significant digits, or as many more as it
// takes for the printed number to read below tol (9.9999e-09, not 1e-08
// beside a tolerance of 1e-08).
func Below(v, tol float64) string {
	for p := 3; p < 17; p++ {
		t := strconv.FormatFloat(v, 'g', p, 64)
		if x, err := strconv.ParseFloat(t, 64); err == nil && (x < tol || !(v < tol)) {
			return t
		}
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Package minimize runs an optimization algorithm on a function until a
// stopping rule fires, and reports why it stopped.
//
// The loop follows torch.optim's convention: row 0 of the history is the
// start point, and row k holds the point after k calls of Step — the same
// point torch.optim reaches after k optimizer.step() calls. Each iteration
//
//  1. sets the learning rate from the schedule (Settings.Schedule),
//  2. clips the gradient (Settings.ClipNorm, Settings.ClipValue),
//  3. advances x by one Step (an optim.Optimizer) or one Iterate (an
//     optim.Method, which evaluates f itself),
//  4. evaluates f and ∇f at the new point and tells the schedule the loss,
//  5. checks the stopping rules in this order: divergence, gradient norm,
//     change of f, iteration budget, time budget, cancellation.
//
// Stopping rules (a zero disables a rule):
//
//	GradTol    ‖∇f(x)‖₂ < GradTol                        → converged_grad
//	FTol       |f_k − f_{k−1}| ≤ FTol·max(|f_k|, |f_{k−1}|, 1)
//	           for Patience consecutive iterations        → converged_f
//	MaxIters   k = MaxIters                               → max_iters
//	Timeout    elapsed ≥ Timeout                          → timeout
//	ctx        the context is cancelled                   → interrupted
//
// The f-change rule is the one of SciPy's L-BFGS-B (its "ftol"), which stays
// meaningful when f* = 0. Divergence is checked first and always: f or x
// non-finite, or |f − f₀| > DivergeFactor·max(|f₀|, 1) with f having moved
// the wrong way (up when minimizing) or without bound the right way.
// Budgets end a run with a status, not an error; Minimize returns an error
// only for invalid input (a non-finite start, mismatched dimensions).
package minimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/optim"
)

// Scheduler changes the learning rate between steps. It is satisfied by
// schedule.Schedule; see that package for the rates.
type Scheduler interface {
	Init(baseLR float64)
	LR() float64
	Step(metric float64)
}

// Observer receives every row of a run, starting with row 0, the start point.
// x aliases the iterate: copy it to keep it. Returning an error stops the run
// with that error (e.g. a trace file that cannot be written).
type Observer interface {
	Observe(r Row) error
}

// Row is one iteration of a run.
type Row struct {
	Iter     int       // 0 for the start point
	F        float64   // f(x)
	GradNorm float64   // ‖∇f(x)‖₂
	LR       float64   // the learning rate the step to this point used (row 0: the initial rate); NaN if the method has none
	X        []float64 // the point; aliases the iterate
}

// Settings hold the stopping rules and options of a run. The zero value runs
// with no budget; DefaultSettings gives the command's defaults.
type Settings struct {
	MaxIters int           // iteration budget; 0 = none
	GradTol  float64       // stop when ‖∇f‖₂ < GradTol; 0 = off
	FTol     float64       // relative change of f (see package doc); 0 = off
	Patience int           // consecutive iterations for FTol; 0 means 1
	Timeout  time.Duration // wall-clock budget; 0 = none

	// DivergeFactor sets the divergence threshold |f − f₀| >
	// DivergeFactor·max(|f₀|, 1); 0 means 1e10.
	DivergeFactor float64

	Schedule  Scheduler // learning-rate schedule; nil = constant rate
	ClipNorm  float64   // rescale g so that ‖g‖₂ ≤ ClipNorm (torch.nn.utils.clip_grad_norm_); 0 = off
	ClipValue float64   // clamp each g_i to [−ClipValue, ClipValue] (clip_grad_value_); 0 = off

	// Observers see every row (trace files, progress bars, live views).
	Observers []Observer
	// KeepPath records every iterate in Result.History.X (needed for
	// plots of the path); F, GradNorm and LR are always recorded.
	KeepPath bool
}

// DefaultSettings returns the defaults of `descent minimize`: 1000
// iterations, ‖∇f‖ < 1e-8, f-change rule off.
func DefaultSettings() Settings {
	return Settings{MaxIters: 1000, GradTol: 1e-8, Patience: 1}
}

// History is the per-iteration record of a run; index k is row k.
type History struct {
	F        []float64
	GradNorm []float64
	LR       []float64
	// StepCos[k] is the cosine between the steps x_k − x_{k−1} and
	// x_{k−1} − x_{k−2} (NaN for k < 2 or a zero step): values near −1 mean
	// the iterates zig-zag across a valley.
	StepCos []float64
	X       [][]float64 // only with Settings.KeepPath
}

// Point is an iterate with its value.
type Point struct {
	Iteration int       `json:"iteration"`
	X         []float64 `json:"x"`
	F         float64   `json:"f"`
}

// Result is the outcome of a run.
type Result struct {
	Status      Status
	Message     string // one line: why the run stopped, with the numbers
	Iterations  int    // steps taken
	X           []float64
	F           float64
	GradNorm    float64
	Best        Point // the best f seen (lowest, or highest when maximizing)
	Evaluations int   // evaluations of f (each ValueGrad counts once)
	Elapsed     time.Duration
	Maximize    bool
	History     History
}

// ErrBadStart is wrapped by the error Minimize returns when f or ∇f is not
// finite at the start point.
var ErrBadStart = errors.New("not finite at the start point")

// Minimize runs alg on f from x0 until a stopping rule of s fires. x0 is not
// modified. Cancelling ctx stops the run with status Interrupted after the
// current iteration.
func Minimize(ctx context.Context, f fn.Func, x0 []float64, alg optim.Algorithm, s Settings) (*Result, error) {
	n := f.Dim()
	if len(x0) != n {
		return nil, fmt.Errorf("start point has %d coordinates, the function has %d variables", len(x0), n)
	}
	if !fn.AllFinite(x0) {
		return nil, fmt.Errorf("start point %v: %w", x0, ErrBadStart)
	}
	opt, isOpt := alg.(optim.Optimizer)
	meth, isMeth := alg.(optim.Method)
	if !isOpt && !isMeth {
		panic(fmt.Sprintf("minimize: %T is neither an optim.Optimizer nor an optim.Method", alg))
	}
	for _, v := range []struct {
		name string
		x    float64
	}{{"GradTol", s.GradTol}, {"FTol", s.FTol}, {"ClipNorm", s.ClipNorm}, {"ClipValue", s.ClipValue}, {"DivergeFactor", s.DivergeFactor}} {
		if !(v.x >= 0) || math.IsInf(v.x, 0) {
			return nil, fmt.Errorf("minimize: Settings.%s = %g: must be a finite number ≥ 0", v.name, v.x)
		}
	}
	maximize := false
	if m, ok := alg.(optim.Maximizer); ok {
		maximize = m.Maximizes()
	}
	sign := 1.0 // sign·f is minimized
	if maximize {
		sign = -1
	}
	diverge := s.DivergeFactor
	if diverge == 0 {
		diverge = 1e10
	}
	patience := max(s.Patience, 1)

	start := time.Now()
	var stop atomic.Int32 // 1 = timeout, 2 = interrupted
	if s.Timeout > 0 {
		t := time.AfterFunc(s.Timeout, func() { stop.CompareAndSwap(0, 1) })
		defer t.Stop()
	}
	if ctx != nil && ctx.Err() != nil {
		stop.Store(2)
	} else if ctx != nil && ctx.Done() != nil {
		unreg := context.AfterFunc(ctx, func() { stop.CompareAndSwap(0, 2) })
		defer unreg()
	}

	alg.Init(n)
	x := append([]float64(nil), x0...)
	g := make([]float64, n)
	var gc []float64 // clipped gradient
	if isOpt && !isMeth && (s.ClipNorm > 0 || s.ClipValue > 0) {
		gc = make([]float64, n)
	}
	lrer, hasLR := alg.(optim.LRer)
	if s.Schedule != nil {
		if !hasLR {
			return nil, fmt.Errorf("%T has no learning rate for a schedule to set", alg)
		}
		s.Schedule.Init(lrer.LR())
	}

	r := &Result{Maximize: maximize}
	fx := f.ValueGrad(g, x)
	r.Evaluations = 1
	gn := fn.Norm2(g)
	if math.IsNaN(fx) || math.IsInf(fx, 0) || !fn.AllFinite(g) {
		return nil, fmt.Errorf("f(x0) = %g, ‖∇f(x0)‖ = %g: %w", fx, gn, ErrBadStart)
	}
	f0 := fx
	lr := math.NaN()
	if hasLR {
		lr = lrer.LR()
		if s.Schedule != nil {
			lr = s.Schedule.LR()
		}
	}
	r.Best = Point{Iteration: 0, X: append([]float64(nil), x...), F: fx}
	r.History.F = append(r.History.F, fx)
	r.History.GradNorm = append(r.History.GradNorm, gn)
	r.History.LR = append(r.History.LR, lr)
	r.History.StepCos = append(r.History.StepCos, math.NaN())
	if s.KeepPath {
		r.History.X = append(r.History.X, append([]float64(nil), x...))
	}
	xPrev := append([]float64(nil), x...)
	step := make([]float64, n) // x_{k−1} − x_{k−2}
	observe := func(k int) error {
		for _, o := range s.Observers {
			if err := o.Observe(Row{Iter: k, F: fx, GradNorm: gn, LR: lr, X: x}); err != nil {
				return err
			}
		}
		return nil
	}
	if err := observe(0); err != nil {
		return nil, err
	}

	finish := func(st Status, msg string, k int) (*Result, error) {
		r.Status, r.Message, r.Iterations = st, msg, k
		r.X, r.F, r.GradNorm = x, fx, gn
		r.Elapsed = time.Since(start)
		return r, nil
	}
	if s.GradTol > 0 && gn < s.GradTol {
		return finish(ConvergedGrad, fmt.Sprintf("‖∇f‖ = %.3g < grad-tol %g at the start point", gn, s.GradTol), 0)
	}
	calm := 0 // consecutive iterations with a small change of f
	for k := 1; ; k++ {
		if s.Schedule != nil {
			lrer.SetLR(s.Schedule.LR())
		}
		if hasLR {
			lr = lrer.LR()
		}
		fPrev := fx
		if isMeth {
			fNew, ev, err := meth.Iterate(f, x, g, fx)
			r.Evaluations += ev
			if err != nil {
				if !errors.Is(err, optim.ErrNoProgress) {
					return nil, err
				}
				return finish(NoProgress, err.Error(), k-1)
			}
			fx = fNew
		} else {
			gs := g
			if gc != nil {
				copy(gc, g)
				optim.Clip(gc, s.ClipNorm, s.ClipValue)
				gs = gc
			}
			opt.Step(x, gs)
			fx = f.ValueGrad(g, x)
			r.Evaluations++
		}
		gn = fn.Norm2(g)
		if s.Schedule != nil {
			s.Schedule.Step(fx)
		}
		r.History.F = append(r.History.F, fx)
		r.History.GradNorm = append(r.History.GradNorm, gn)
		r.History.LR = append(r.History.LR, lr)
		r.History.StepCos = append(r.History.StepCos, stepCosine(step, xPrev, x, k))
		if s.KeepPath {
			r.History.X = append(r.History.X, append([]float64(nil), x...))
		}
		if err := observe(k); err != nil {
			return nil, err
		}
		if sign*fx < sign*r.Best.F {
			r.Best.Iteration, r.Best.F = k, fx
			copy(r.Best.X, x)
		}

		switch {
		case math.IsNaN(fx) || math.IsInf(fx, 0):
			return finish(Diverged, fmt.Sprintf("f became %g at iteration %d", fx, k), k)
		case !fn.AllFinite(x):
			return finish(Diverged, fmt.Sprintf("x became non-finite at iteration %d", k), k)
		case math.IsNaN(gn) || math.IsInf(gn, 0):
			return finish(Diverged, fmt.Sprintf("‖∇f‖ became %g at iteration %d", gn, k), k)
		case sign*(fx-f0) > diverge*math.Max(math.Abs(f0), 1):
			return finish(Diverged, fmt.Sprintf("f grew from %.6g to %.6g by iteration %d", f0, fx, k), k)
		case sign*(f0-fx) > diverge*math.Max(math.Abs(f0), 1):
			return finish(Diverged, fmt.Sprintf("f fell without bound from %.6g to %.6g by iteration %d", f0, fx, k), k)
		}
		if s.GradTol > 0 && gn < s.GradTol {
			return finish(ConvergedGrad, fmt.Sprintf("‖∇f‖ = %.3g < grad-tol %g after %d iterations", gn, s.GradTol, k), k)
		}
		if s.FTol > 0 {
			if math.Abs(fx-fPrev) <= s.FTol*math.Max(math.Max(math.Abs(fx), math.Abs(fPrev)), 1) {
				calm++
			} else {
				calm = 0
			}
			if calm >= patience {
				return finish(ConvergedF, fmt.Sprintf("relative change of f below f-tol %g for %d iterations (iteration %d)", s.FTol, patience, k), k)
			}
		}
		if s.MaxIters > 0 && k >= s.MaxIters {
			return finish(MaxIters, fmt.Sprintf("reached max-iters %d with ‖∇f‖ = %.3g", s.MaxIters, gn), k)
		}
		switch stop.Load() {
		case 1:
			return finish(Timeout, fmt.Sprintf("timeout %v after %d iterations", s.Timeout, k), k)
		case 2:
			return finish(Interrupted, fmt.Sprintf("interrupted after %d iterations", k), k)
		}
	}
}

// stepCosine returns the cosine between the new step x − xPrev and the
// previous step, then stores the new step in step and x in xPrev.
func stepCosine(step, xPrev, x []float64, k int) float64 {
	var dot, nn, no float64
	for i, v := range x {
		d := v - xPrev[i]
		dot += d * step[i]
		nn += d * d
		no += step[i] * step[i]
		step[i] = d
		xPrev[i] = v
	}
	if k < 2 || nn == 0 || no == 0 {
		return math.NaN()
	}
	return dot / math.Sqrt(nn*no)
}

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
//  5. measures the sharpness λmax(∇²f(x)) every Settings.SharpnessEvery
//     iterations, if asked,
//  6. checks the stopping rules in this order: divergence, gradient norm,
//     change of f, iteration budget, time budget, cancellation.
//
// The stopping rules are those of Stop, which training shares; their
// statuses are the Status values. Budgets end a run with a status, not an
// error; Minimize returns an error only for invalid input (a non-finite
// start, mismatched dimensions, invalid Settings).
//
// Minimize minimizes. To maximize f, minimize fn.Negate{F: f} and report
// −f: package run does this for the front ends.
package minimize

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
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
	// Grad is ∇f(x) of the function minimized; it aliases the run's
	// gradient buffer: copy it to keep it.
	Grad []float64
	// Sharpness is λmax(∇²f(x)) on the rows where it is measured
	// (Settings.SharpnessEvery), NaN on the others.
	Sharpness float64
	// Step is the step size a learning-rate-free method chose for the
	// step to this point (optim.EffectiveStepper: DoG's η, Prodigy's
	// d·lr), NaN for other methods and on row 0.
	Step float64
}

// Settings hold the stopping rule and options of a run. The zero value runs
// with no budget; DefaultSettings gives the command's defaults.
type Settings struct {
	Stop // the stopping rule, in iterations

	Schedule  Scheduler // learning-rate schedule; nil = constant rate
	ClipNorm  float64   // rescale g so that ‖g‖₂ ≤ ClipNorm (see optim.WithClip); 0 = off
	ClipValue float64   // clamp each g_i to [−ClipValue, ClipValue] (see optim.WithClip); 0 = off

	// Resume, when set, is the state the optimizer continues from
	// (optim.Stateful: moments, step count) in place of a fresh one — a
	// run that goes on from where another stopped. The optimizer must be
	// Stateful and of the kind that saved it.
	Resume *optim.State

	// Observers see every row (trace files, progress bars, live views).
	Observers []Observer
	// KeepPath records every iterate in Result.History.X (needed for
	// plots of the path); F, GradNorm and LR are always recorded.
	KeepPath bool

	// SharpnessEvery > 0 measures the sharpness λmax(∇²f(x)) with
	// Sharpness at row 0 and at every row k with k mod SharpnessEvery = 0,
	// as Cohen et al., "Gradient Descent on Neural Networks Typically
	// Occurs at the Edge of Stability" (ICLR 2021), track it against the
	// stability limit 2/lr of gradient descent. 0 = off. The measurements
	// are in Row.Sharpness and History.Sharpness; their function
	// evaluations are not counted in Result.Evaluations, their time is in
	// Result.Elapsed.
	SharpnessEvery int
	// Sharpness returns λmax(∇²f(x)) of the function minimized, or NaN
	// when it cannot be measured; it must neither keep nor modify x.
	// Required when SharpnessEvery > 0 (package run supplies one built on
	// package curvature), so that this package needs no Hessians.
	Sharpness func(x []float64) float64
}

// DefaultSettings returns the defaults of `descent minimize`: 1000
// iterations, ‖∇f‖ < 1e-8, f-change rule off.
func DefaultSettings() Settings {
	return Settings{Stop: Stop{MaxIters: 1000, GradTol: 1e-8, Patience: 1}}
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
	// Sharpness[k] is λmax(∇²f(x_k)) at the rows measured (see
	// Settings.SharpnessEvery) and NaN at the others; nil when off.
	Sharpness []float64
	// Step[k] is the step size a learning-rate-free method chose for the
	// step to x_k (Row.Step; NaN at k = 0); nil for other methods.
	Step []float64
}

// Head returns the history of rows 0…n−1 only (all of it when n is at
// least its length): the record of the same run stopped after row n−1.
// The slices share h's storage.
func (h History) Head(n int) History {
	cut := func(s []float64) []float64 {
		if len(s) > n {
			return s[:n:n]
		}
		return s
	}
	x := h.X
	if len(x) > n {
		x = x[:n:n]
	}
	return History{F: cut(h.F), GradNorm: cut(h.GradNorm), LR: cut(h.LR), StepCos: cut(h.StepCos), X: x, Sharpness: cut(h.Sharpness), Step: cut(h.Step)}
}

// Point is an iterate with its value.
type Point struct {
	Iteration int       `json:"iteration"`
	X         []float64 `json:"x"`
	F         float64   `json:"f"`
}

// Result is the outcome of a run.
type Result struct {
	Status     Status
	Message    string // one line: why the run stopped, with the numbers
	Iterations int    // steps taken
	X          []float64
	F          float64
	GradNorm   float64
	Best       Point // the lowest f seen
	// Averaged is the point an averaging optimizer (optim.Averager: asgd,
	// sgd_sf, adamw_sf) reports, predicts and evaluates with, and f there
	// (one more evaluation, not counted); nil for other optimizers.
	Averaged    *Point
	Evaluations int // evaluations of f (each ValueGrad counts once)
	Elapsed     time.Duration
	History     History
}

// ErrClipMethod is returned for gradient clipping with a Method: a line
// search chooses its own steps, so clipping applies to step-based
// optimizers only.
var ErrClipMethod = errors.New("the method chooses its steps by a line search; clipping applies to step-based optimizers only")

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
	if _, isOpt := alg.(optim.Optimizer); !isOpt && !optim.IsMethod(alg) {
		panic(fmt.Sprintf("minimize: %T is neither an optim.Optimizer nor an optim.Method", alg))
	}
	if err := s.Stop.Check(); err != nil {
		return nil, err
	}
	if err := nonNegative("clip_norm", s.ClipNorm); err != nil {
		return nil, err
	}
	if err := nonNegative("clip_value", s.ClipValue); err != nil {
		return nil, err
	}
	if err := s.checkSharpness(); err != nil {
		return nil, err
	}
	if err := optim.CheckMemory(alg, n, s.MaxIters); err != nil {
		return nil, &spec.FieldError{Field: "opt", Err: err}
	}
	if err := optim.CheckSparse(alg, false); err != nil {
		return nil, &spec.FieldError{Field: "opt", Err: err}
	}
	if s.ClipNorm > 0 || s.ClipValue > 0 {
		opt, ok := alg.(optim.Optimizer)
		if !ok || optim.IsMethod(alg) {
			return nil, ErrClipMethod
		}
		alg = optim.WithClip(opt, s.ClipNorm, s.ClipValue)
	}
	opt, _ := alg.(optim.Optimizer)
	meth, isMeth := alg.(optim.Method)

	start := time.Now()
	alg.Init(n)
	if s.Resume != nil {
		st, ok := optim.Unwrap(alg).(optim.Stateful)
		if !ok {
			return nil, &spec.FieldError{Field: "opt", Err: fmt.Errorf("%T keeps no state to resume", optim.Unwrap(alg))}
		}
		if err := st.SetState(s.Resume.Clone()); err != nil {
			return nil, &spec.FieldError{Field: "opt", Err: err}
		}
	}
	x := append([]float64(nil), x0...)
	g := make([]float64, n)
	lrer, hasLR := alg.(optim.LRer)
	if s.Schedule != nil {
		if !hasLR {
			return nil, fmt.Errorf("%T has no learning rate for a schedule to set", alg)
		}
		s.Schedule.Init(lrer.LR())
		if err := cycleMomentum(s.Schedule, alg); err != nil {
			return nil, &spec.FieldError{Field: "schedule", Err: err}
		}
	}

	r := &Result{}
	fx := f.ValueGrad(g, x)
	r.Evaluations = 1
	gn := fn.Norm2(g)
	if math.IsNaN(fx) || math.IsInf(fx, 0) || !fn.AllFinite(g) {
		return nil, fmt.Errorf("f(x0) = %g, ‖∇f(x0)‖ = %g: %w", fx, gn, ErrBadStart)
	}
	mon := s.Stop.Start(ctx, Iterations, fx)
	defer mon.Close()
	lr := math.NaN()
	if hasLR {
		lr = lrer.LR()
		if s.Schedule != nil {
			lr = s.Schedule.LR()
		}
	}
	r.Best = Point{Iteration: 0, X: append([]float64(nil), x...), F: fx}
	// One allocation per series for the whole budget (up to 1<<16 rows),
	// so the loop appends without growing.
	if c := min(s.MaxIters, 1<<16) + 1; s.MaxIters > 0 {
		r.History.F = make([]float64, 0, c)
		r.History.GradNorm = make([]float64, 0, c)
		r.History.LR = make([]float64, 0, c)
		r.History.StepCos = make([]float64, 0, c)
		if s.SharpnessEvery > 0 {
			r.History.Sharpness = make([]float64, 0, c)
		}
	}
	r.History.F = append(r.History.F, fx)
	r.History.GradNorm = append(r.History.GradNorm, gn)
	r.History.LR = append(r.History.LR, lr)
	r.History.StepCos = append(r.History.StepCos, math.NaN())
	if _, ok := alg.(optim.EffectiveStepper); ok {
		r.History.Step = append(make([]float64, 0, cap(r.History.LR)), math.NaN())
	}
	if s.KeepPath {
		r.History.X = append(r.History.X, append([]float64(nil), x...))
	}
	sharp := math.NaN()
	measure := func(k int) {
		sharp = math.NaN()
		if s.SharpnessEvery > 0 {
			if k%s.SharpnessEvery == 0 {
				sharp = s.Sharpness(x)
			}
			r.History.Sharpness = append(r.History.Sharpness, sharp)
		}
	}
	measure(0)
	xPrev := append([]float64(nil), x...)
	step := make([]float64, n) // x_{k−1} − x_{k−2}
	es, hasStep := alg.(optim.EffectiveStepper)
	effStep := func(k int) float64 {
		if !hasStep || k == 0 {
			return math.NaN()
		}
		return es.EffectiveStep()
	}
	observe := func(k int) error {
		for _, o := range s.Observers {
			if err := o.Observe(Row{Iter: k, F: fx, GradNorm: gn, LR: lr, X: x, Grad: g, Sharpness: sharp, Step: effStep(k)}); err != nil {
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
		if a := optim.AveragedPoint(alg, nil); a != nil {
			r.Averaged = &Point{Iteration: k, X: a, F: f.Value(a)}
		}
		r.Elapsed = time.Since(start)
		return r, nil
	}
	if st, msg := mon.AtStart(gn); st != 0 {
		return finish(st, msg, 0)
	}
	for k := 1; ; k++ {
		if s.Schedule != nil {
			lrer.SetLR(s.Schedule.LR())
			_ = cycleMomentum(s.Schedule, alg) // checked before the loop
		}
		if hasLR {
			lr = lrer.LR()
		}
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
			opt.Step(x, g)
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
		r.History.StepCos = append(r.History.StepCos, StepCosine(step, xPrev, x, k))
		if r.History.Step != nil {
			r.History.Step = append(r.History.Step, effStep(k))
		}
		if s.KeepPath {
			r.History.X = append(r.History.X, append([]float64(nil), x...))
		}
		measure(k)
		if err := observe(k); err != nil {
			return nil, err
		}
		if fx < r.Best.F {
			r.Best.Iteration, r.Best.F = k, fx
			copy(r.Best.X, x)
		}
		if st, msg := mon.Converged(k, fx, gn, x); st != 0 {
			return finish(st, msg, k)
		}
		if st, msg := mon.Budget(k, gn); st != 0 {
			return finish(st, msg, k)
		}
	}
}

// StepCosine returns the cosine between the new step x − xPrev and the
// previous step stored in step,
//
//	cos θ_k = ⟨x_k − x_{k−1}, x_{k−1} − x_{k−2}⟩ / (‖x_k − x_{k−1}‖ ‖x_{k−1} − x_{k−2}‖),
//
// then stores the new step in step and x in xPrev. k is the number of the
// new step, counting from 1: the first step (k < 2) has no previous step
// and a zero step no direction, and for them the cosine is NaN. Values
// near −1 mean the iterates bounce back and forth across a valley (the
// learning rate is above the stable bound); near +1, steady progress.
func StepCosine(step, xPrev, x []float64, k int) float64 {
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

// cycleMomentum sets the optimizer's momentum (SGD, RMSprop) or β₁ (Adam,
// AdamW) from a schedule that cycles it (onecycle, cyclic: PyTorch's
// cycle_momentum=True), next to the rate; see schedule.ApplyMomentum.
func cycleMomentum(sch Scheduler, alg optim.Algorithm) error {
	ss, ok := sch.(schedule.Schedule)
	if !ok {
		return nil
	}
	return schedule.ApplyMomentum(ss, optim.Unwrap(alg))
}

// Package run carries out what the front ends ask for — a minimization with
// its trace, schedule and report — so that the command line and the
// playground server share one engine and one output format.
package run

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/trace"
)

// DefaultOpt is the optimizer of a minimization when Config.Opt is zero,
// the same in every front end: plain gradient descent with PyTorch's
// default rate 0.001.
var DefaultOpt = spec.Spec{Name: "gd"}

// Config is one minimization run. Its fields are typed values: the front
// ends parse text into them.
type Config struct {
	Problem  *problem.Problem
	Opt      spec.Spec // optimizer, e.g. adam:lr=0.01; zero = DefaultOpt
	Schedule spec.Spec // learning-rate schedule; zero = constant rate
	Warmup   int       // linear warmup steps composed with the schedule
	Settings minimize.Settings
	Trace    string // trace file path (.csv or .jsonl); "" = none
	// TraceEvery thins the trace to row 0, every TraceEvery-th row and
	// the last (trace.WithEvery); 0 or 1 keeps every row. A trace whose
	// estimate (trace.EstimateBytes) exceeds trace.MaxBytes needs it.
	TraceEvery int
	// Terms name the front end's controls in the advice.
	Terms diagnose.Terms
	// PrevLR is the learning rate of the run before this one, whose
	// advice led to this run's rate (0: none): the advice then turns back
	// at most halfway, on a log scale (diagnose.Input.PrevLR).
	PrevLR float64
	// Detail > 0 records the first Detail rows of the run in full
	// (Report.Steps): point, gradient, rate and optimizer state.
	Detail int
}

func (c *Config) opt() spec.Spec {
	if c.Opt.IsZero() {
		return DefaultOpt
	}
	return c.Opt
}

// Report is the outcome of a run in the shape of the JSON output.
type Report struct {
	Spec       string          `json:"opt"`
	LR         Float           `json:"lr"`
	Status     minimize.Status `json:"status"`
	Iterations int             `json:"iterations"`
	X          []Float         `json:"x"`
	F          Float           `json:"f"`
	GradNorm   Float           `json:"grad_norm"`
	Best       BestPoint       `json:"best"`
	// Averaged is the averaged point of an averaging optimizer (asgd's
	// Polyak–Ruppert average, schedule-free's x) at the end: the point to
	// use, evaluated; absent for other optimizers.
	Averaged       *BestPoint `json:"averaged,omitempty"`
	Evaluations    int        `json:"evaluations"`
	ElapsedSeconds float64    `json:"elapsed_seconds"`
	// AdviceSeconds is the wall time of the analysis after the run (the
	// curvature, the diagnosis and its probes), not in ElapsedSeconds:
	// their ratio is what the advice costs.
	AdviceSeconds float64            `json:"advice_seconds"`
	Message       string             `json:"message"`
	Curvature     *Curvature         `json:"curvature"`
	Diagnosis     diagnose.Diagnosis `json:"diagnosis"`
	// Steps are the first Config.Detail rows in full (absent without).
	Steps []Step `json:"steps,omitempty"`

	// Result is the run as minimized: its F and History.F are those of
	// the objective F, or of −F when the problem maximizes.
	Result *minimize.Result `json:"-"`
}

// BestPoint is the best iterate of a run.
type BestPoint struct {
	Iteration int     `json:"iteration"`
	X         []Float `json:"x"`
	F         Float   `json:"f"`
}

// NewAlgorithm builds the optimizer of opt (zero: DefaultOpt) and, if
// sched is not zero or warmup > 0, its schedule for a run of steps steps
// (0 if unknown: the length that cosine's t_max and onecycle's total_steps
// default to). Errors are *spec.FieldError about "opt", "schedule" or
// "warmup".
func NewAlgorithm(opt, sched spec.Spec, warmup, steps int) (optim.Algorithm, minimize.Scheduler, error) {
	if opt.IsZero() {
		opt = DefaultOpt
	}
	alg, err := optim.NewSpec(opt)
	if err != nil {
		return nil, nil, &spec.FieldError{Field: "opt", Err: err}
	}
	if sched.IsZero() && warmup == 0 {
		return alg, nil, nil
	}
	lr, ok := optim.StepLR(alg)
	if !ok {
		return nil, nil, &spec.FieldError{Field: "schedule", Err: fmt.Errorf("%s chooses its own steps (a line search); schedules apply to step-based optimizers", opt)}
	}
	if sched.IsZero() {
		sched = spec.Spec{Name: "constant"}
	}
	if warmup < 0 {
		return nil, nil, &spec.FieldError{Field: "warmup", Err: fmt.Errorf("%d steps: must be ≥ 0", warmup)}
	}
	s, err := schedule.NewSpec(sched, schedule.Context{BaseLR: lr, Steps: max(steps-warmup, 0)})
	if err != nil {
		return nil, nil, &spec.FieldError{Field: "schedule", Err: err}
	}
	if warmup > 0 {
		s = schedule.WithWarmup(s, warmup)
	}
	return alg, s, nil
}

// Minimize runs cfg. The trace file, if any, is written atomically: it
// appears only when the run finished (with any status). When the problem
// maximizes, the run minimizes −F and the report, trace and history give F.
func Minimize(ctx context.Context, cfg Config) (*Report, error) {
	s := cfg.Settings
	if !(cfg.PrevLR >= 0) || math.IsInf(cfg.PrevLR, 0) {
		return nil, &spec.FieldError{Field: "prev_lr", Err: fmt.Errorf("%g: must be a learning rate > 0 (0 = none)", cfg.PrevLR)}
	}
	if err := cfg.resolveAuto(); err != nil {
		return nil, err
	}
	alg, sched, err := NewAlgorithm(cfg.opt(), cfg.Schedule, cfg.Warmup, s.MaxIters)
	if err != nil {
		return nil, err
	}
	s.Schedule = sched
	p := cfg.Problem
	// A method that needs the minimum value (polyak) gets the catalogue's
	// when none was given.
	if fu, ok := alg.(optim.FStarUser); ok && fu.NeedsFStar() && p.Known != nil && !p.Known.Unbounded && !p.Maximize && !math.IsInf(p.Known.FMin, 0) {
		fu.SetFStar(p.Known.FMin)
	}
	s, traceOpts := withSharpness(s, p.Objective())
	if _, ok := alg.(optim.EffectiveStepper); ok {
		traceOpts = append(traceOpts, trace.WithStep())
	}
	sign, terms := 1.0, cfg.Terms
	if p.Maximize {
		sign = -1
		terms.Maximize = true
		s.Negated = true
	}
	var tw *trace.Writer
	if cfg.Trace != "" {
		if err := checkTraceSize(s.MaxIters, len(p.Start), cfg.TraceEvery); err != nil {
			return nil, err
		}
		tw, err = trace.Create(cfg.Trace, p.Vars, append(traceOpts, trace.WithEvery(cfg.TraceEvery))...)
		if err != nil {
			return nil, &spec.FieldError{Field: "trace", Err: err}
		}
		s.Observers = append(append([]minimize.Observer(nil), s.Observers...), signed{tw, sign})
	}
	var rec *stepRecorder
	if cfg.Detail > 0 {
		rec = &stepRecorder{alg: alg, limit: cfg.Detail, sign: sign}
		s.Observers = append(append([]minimize.Observer(nil), s.Observers...), rec)
	}
	res, err := minimize.Minimize(ctx, p.Objective(), p.Start, alg, s)
	if tw != nil {
		if err != nil {
			tw.Abort()
		} else if cerr := tw.Close(); cerr != nil {
			return nil, &spec.FieldError{Field: "trace", Err: cerr}
		}
	}
	if err != nil {
		return nil, err
	}
	rep := &Report{
		Spec:           cfg.opt().String(),
		Status:         res.Status,
		Iterations:     res.Iterations,
		X:              Floats(res.X),
		F:              Float(sign * res.F),
		GradNorm:       Float(res.GradNorm),
		Best:           BestPoint{Iteration: res.Best.Iteration, X: Floats(res.Best.X), F: Float(sign * res.Best.F)},
		Evaluations:    res.Evaluations,
		ElapsedSeconds: res.Elapsed.Seconds(),
		Message:        res.Message,
		Result:         res,
	}
	if rec != nil {
		rep.Steps = rec.rows
	}
	if a := res.Averaged; a != nil {
		rep.Averaged = &BestPoint{Iteration: a.Iteration, X: Floats(a.X), F: Float(sign * a.F)}
	}
	if len(res.History.LR) > 0 {
		rep.LR = Float(res.History.LR[0])
	}
	t0 := time.Now()
	rep.Curvature, rep.Diagnosis = analyze(&cfg, p.Objective(), p.Start, alg, s, res, terms)
	rep.AdviceSeconds = time.Since(t0).Seconds()
	return rep, nil
}

// signed passes rows to an observer with F multiplied by sign, so a trace
// of a maximization records F rather than the −F minimized.
type signed struct {
	o    minimize.Observer
	sign float64
}

func (s signed) Observe(r minimize.Row) error {
	r.F *= s.sign
	return s.o.Observe(r)
}

// checkTraceSize refuses a trace that would exceed trace.MaxBytes (a
// 10-million-iteration trace of a 2-D run is about 1.4 GB), naming the
// estimate and the thinning that keeps it under the limit.
func checkTraceSize(iters, dim, every int) error {
	rows := iters + 1
	if every > 1 {
		rows = iters/every + 2
	}
	est := trace.EstimateBytes(rows, dim)
	if est <= trace.MaxBytes {
		return nil
	}
	k := int(math.Ceil(trace.EstimateBytes(iters+1, dim) / trace.MaxBytes))
	return &spec.FieldError{Field: "trace", Err: fmt.Errorf("about %.3g GB for %d rows of %d numbers, above the %d MB limit: keep every k-th row with trace_every ≥ %d", est/1e9, rows, 4+dim, trace.MaxBytes>>20, k)}
}

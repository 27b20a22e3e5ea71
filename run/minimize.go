// Package run carries out what the front ends ask for — a minimization with
// its trace, schedule and report — so that the command line and the
// playground server share one engine and one output format.
package run

import (
	"context"
	"fmt"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/trace"
)

// Config is one minimization run.
type Config struct {
	Problem  *problem.Problem
	Opt      string // optimizer spec, e.g. "adam:lr=0.01"
	Schedule string // schedule spec; "" = constant
	Warmup   int    // linear warmup steps composed with the schedule
	Settings minimize.Settings
	Trace    string // trace file path (.csv or .jsonl); "" = none
}

// Report is the outcome of a run in the shape of the JSON output.
type Report struct {
	Spec           string             `json:"spec"`
	LR             Float              `json:"lr"`
	Status         string             `json:"status"`
	Iterations     int                `json:"iterations"`
	X              []Float            `json:"x"`
	F              Float              `json:"f"`
	GradNorm       Float              `json:"grad_norm"`
	Best           BestPoint          `json:"best"`
	Evaluations    int                `json:"evaluations"`
	ElapsedSeconds float64            `json:"elapsed_seconds"`
	Message        string             `json:"message"`
	Curvature      *Curvature         `json:"curvature"`
	Diagnosis      diagnose.Diagnosis `json:"diagnosis"`

	Result *minimize.Result `json:"-"`
}

// BestPoint is the best iterate of a run.
type BestPoint struct {
	Iteration int     `json:"iteration"`
	X         []Float `json:"x"`
	F         Float   `json:"f"`
}

// NewAlgorithm builds the optimizer of a spec and, if given, its schedule.
func NewAlgorithm(optSpec, schedSpec string, warmup int) (optim.Algorithm, minimize.Scheduler, error) {
	if optSpec == "" {
		optSpec = "gd"
	}
	alg, err := optim.New(optSpec)
	if err != nil {
		return nil, nil, fmt.Errorf("--opt: %v", err)
	}
	if schedSpec == "" && warmup == 0 {
		return alg, nil, nil
	}
	lrer, ok := alg.(optim.LRer)
	if _, isMeth := alg.(optim.Method); isMeth || !ok {
		return nil, nil, fmt.Errorf("--schedule/--warmup: %q chooses its own steps (a line search); schedules apply to step-based optimizers", optSpec)
	}
	alg.Init(0)
	if schedSpec == "" {
		schedSpec = "constant"
	}
	s, err := schedule.New(schedSpec, lrer.LR())
	if err != nil {
		return nil, nil, fmt.Errorf("--schedule: %v", err)
	}
	if warmup < 0 {
		return nil, nil, fmt.Errorf("--warmup: %d steps: must be ≥ 0", warmup)
	}
	if warmup > 0 {
		s = schedule.WithWarmup(s, warmup)
	}
	return alg, s, nil
}

// Minimize runs cfg. The trace file, if any, is written atomically: it
// appears only when the run finished (with any status).
func Minimize(ctx context.Context, cfg Config) (*Report, error) {
	alg, sched, err := NewAlgorithm(cfg.Opt, cfg.Schedule, cfg.Warmup)
	if err != nil {
		return nil, err
	}
	s := cfg.Settings
	s.Schedule = sched
	if (s.ClipNorm > 0 || s.ClipValue > 0) && !isOptimizer(alg) {
		return nil, fmt.Errorf("--clip-norm/--clip-value: %q chooses its steps by a line search; clipping applies to step-based optimizers only", cfg.Opt)
	}
	var tw *trace.Writer
	if cfg.Trace != "" {
		tw, err = trace.Create(cfg.Trace, cfg.Problem.Vars)
		if err != nil {
			return nil, fmt.Errorf("--trace: %v", err)
		}
		s.Observers = append(append([]minimize.Observer(nil), s.Observers...), tw)
	}
	res, err := minimize.Minimize(ctx, cfg.Problem.F, cfg.Problem.Start, alg, s)
	if tw != nil {
		if err != nil {
			tw.Abort()
		} else if cerr := tw.Close(); cerr != nil {
			return nil, fmt.Errorf("--trace: %v", cerr)
		}
	}
	if err != nil {
		return nil, err
	}
	rep := &Report{
		Spec:           specName(cfg.Opt),
		Status:         res.Status.String(),
		Iterations:     res.Iterations,
		X:              Floats(res.X),
		F:              Float(res.F),
		GradNorm:       Float(res.GradNorm),
		Best:           BestPoint{Iteration: res.Best.Iteration, X: Floats(res.Best.X), F: Float(res.Best.F)},
		Evaluations:    res.Evaluations,
		ElapsedSeconds: res.Elapsed.Seconds(),
		Message:        res.Message,
		Result:         res,
	}
	if len(res.History.LR) > 0 {
		rep.LR = Float(res.History.LR[0])
	}
	_, hasLR := alg.(optim.LRer)
	rep.Curvature, rep.Diagnosis = analyze(cfg.Problem.F, cfg.Problem.Start, cfg.Opt, s, res, hasLR && !isLineSearch(cfg.Opt))
	return rep, nil
}

func isLineSearch(optSpec string) bool {
	kind, _, _ := stability(optSpec)
	return kind == "linesearch"
}

func isOptimizer(a optim.Algorithm) bool {
	_, isOpt := a.(optim.Optimizer)
	_, isMeth := a.(optim.Method)
	return isOpt && !isMeth
}

func specName(s string) string {
	if s == "" {
		return "gd"
	}
	return s
}

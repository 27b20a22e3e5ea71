package run

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/spec"
)

// CompareConfig is several runs of one problem from the same start.
type CompareConfig struct {
	Problem    *problem.Problem
	Opts       []spec.Spec // optimizers, one run each (or one per lr); none = DefaultOpt
	LRs        []float64   // if set, every optimizer runs once per rate (its lr replaced)
	Schedule   spec.Spec
	Warmup     int
	Settings   minimize.Settings
	TraceDir   string // one trace file per run, named after the run; "" = none (created if missing)
	TraceEvery int    // thins the traces (Config.TraceEvery)
	KeepPath   bool   // record the iterates (for contour maps and animations)
	Terms      diagnose.Terms
}

// Expand returns the optimizers of a comparison in order: each of opts,
// once per learning rate when lrs is given (its lr key set to the rate).
func Expand(opts []spec.Spec, lrs []float64) []spec.Spec {
	if len(opts) == 0 {
		opts = []spec.Spec{DefaultOpt}
	}
	var out []spec.Spec
	for _, o := range opts {
		if len(lrs) == 0 {
			out = append(out, o)
			continue
		}
		for _, lr := range lrs {
			out = append(out, o.Without("lr").With("lr", strconv.FormatFloat(lr, 'g', -1, 64)))
		}
	}
	return out
}

// Compare runs every optimizer of cfg in order. All runs are checked
// (optimizers and schedules built, the trace directory present) before the
// first starts, so a bad configuration fails fast with no output written.
func Compare(ctx context.Context, cfg CompareConfig) ([]*Report, error) {
	specs := Expand(cfg.Opts, cfg.LRs)
	for _, s := range specs {
		if _, _, err := NewAlgorithm(s, cfg.Schedule, cfg.Warmup, cfg.Settings.MaxIters); err != nil {
			return nil, err
		}
	}
	if cfg.TraceDir != "" {
		if err := os.MkdirAll(cfg.TraceDir, 0o755); err != nil {
			return nil, &spec.FieldError{Field: "trace_dir", Err: fmt.Errorf("%s: %v", cfg.TraceDir, unwrapPath(err))}
		}
	}
	reports := make([]*Report, 0, len(specs))
	for _, s := range specs {
		st := cfg.Settings
		st.KeepPath = st.KeepPath || cfg.KeepPath
		c := Config{Problem: cfg.Problem, Opt: s, Schedule: cfg.Schedule, Warmup: cfg.Warmup, Settings: st, Terms: cfg.Terms}
		if cfg.TraceDir != "" {
			c.Trace, c.TraceEvery = filepath.Join(cfg.TraceDir, TraceName(s.String())+".csv"), cfg.TraceEvery
		}
		rep, err := Minimize(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("run %s: %w", s, err)
		}
		reports = append(reports, rep)
		if ctx.Err() != nil {
			break
		}
	}
	return reports, nil
}

// TraceName turns a run spec into a file name: "adam:lr=0.01,amsgrad=true"
// → "adam_lr=0.01_amsgrad=true".
func TraceName(s string) string {
	r := strings.NewReplacer(":", "_", ",", "_", ";", "-", "/", "-", " ", "")
	return r.Replace(s)
}

// Label is the legend text of a run: spec and verdict.
func (r *Report) Label() string {
	return fmt.Sprintf("%s — %s", r.Spec, r.Diagnosis.Verdict)
}

// FinitePath returns the 2-D path of a run up to its first non-finite point.
func (r *Report) FinitePath() (xs, ys []float64) {
	for _, p := range r.Result.History.X {
		if len(p) < 2 || math.IsNaN(p[0]+p[1]) || math.IsInf(p[0]+p[1], 0) {
			break
		}
		xs = append(xs, p[0])
		ys = append(ys, p[1])
	}
	return xs, ys
}

// unwrapPath drops the operation and path of an *os.PathError (the
// message names the directory already).
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

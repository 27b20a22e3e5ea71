package run

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/spec"
)

// CompareConfig is several runs of one problem from the same start.
type CompareConfig struct {
	Problem  *problem.Problem
	Opts     []string  // optimizer specs, one run each (or one per lr)
	LRs      []float64 // if set, every spec runs once per rate (its lr key replaced)
	Schedule string
	Warmup   int
	Settings minimize.Settings
	TraceDir string // one trace file per run, named after the run; "" = none
	KeepPath bool   // record the iterates (for contour maps and animations)
}

// Expand returns the run specs of a comparison in order: each optimizer
// spec, once per learning rate when lrs is given.
func Expand(opts []string, lrs []float64) ([]string, error) {
	if len(opts) == 0 {
		opts = []string{"gd"}
	}
	var out []string
	for _, o := range opts {
		sp, err := spec.Parse(o)
		if err != nil {
			return nil, fmt.Errorf("--opt: %v", err)
		}
		if len(lrs) == 0 {
			out = append(out, sp.String())
			continue
		}
		for _, lr := range lrs {
			s := spec.Spec{Name: sp.Name}
			for _, p := range sp.Params {
				if p.Key != "lr" {
					s.Params = append(s.Params, p)
				}
			}
			s.Params = append(s.Params, spec.Param{Key: "lr", Value: strconv.FormatFloat(lr, 'g', -1, 64)})
			out = append(out, s.String())
		}
	}
	return out, nil
}

// ParseLRs parses the --lr list: positive finite numbers separated by commas.
func ParseLRs(s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("--lr: empty list (give rates like 0.001,0.01,0.1)")
	}
	v, err := problem.ParseFloats("--lr", s)
	if err != nil {
		return nil, err
	}
	for i, x := range v {
		if x <= 0 {
			return nil, fmt.Errorf("--lr: item %d: learning rate %g must be positive", i+1, x)
		}
	}
	return v, nil
}

// Compare runs every spec of cfg in order. All runs are checked (specs
// parsed, trace paths writable) before the first starts, so a bad spec
// fails fast with no output written.
func Compare(ctx context.Context, cfg CompareConfig) ([]*Report, error) {
	specs, err := Expand(cfg.Opts, cfg.LRs)
	if err != nil {
		return nil, err
	}
	for _, s := range specs {
		if _, _, err := NewAlgorithm(s, cfg.Schedule, cfg.Warmup); err != nil {
			return nil, err
		}
	}
	if cfg.TraceDir != "" {
		if st, err := os.Stat(cfg.TraceDir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--trace-dir %s: not an existing directory", cfg.TraceDir)
		}
	}
	reports := make([]*Report, 0, len(specs))
	for _, s := range specs {
		st := cfg.Settings
		st.KeepPath = st.KeepPath || cfg.KeepPath
		c := Config{Problem: cfg.Problem, Opt: s, Schedule: cfg.Schedule, Warmup: cfg.Warmup, Settings: st}
		if cfg.TraceDir != "" {
			c.Trace = filepath.Join(cfg.TraceDir, TraceName(s)+".csv")
		}
		rep, err := Minimize(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("run %s: %v", s, err)
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

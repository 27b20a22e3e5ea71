package run

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"sync"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/spec"
)

// GridConfig is a learning-rate × momentum map: one heavy-ball run per
// pair, from the problem's start, with the same stopping rules.
type GridConfig struct {
	Problem *problem.Problem
	// Opt is the optimizer whose lr and momentum keys are set per cell;
	// zero means sgd (torch's heavy ball: v ← βv + g, x ← x − lr·v).
	Opt      spec.Spec
	LRs      []float64 // increasing
	Momenta  []float64 // increasing, in [0, 1)
	Settings minimize.Settings
	// Workers run cells in parallel (0: GOMAXPROCS); the result does not
	// depend on it.
	Workers int
}

// GridResult is the map, in the shape of the JSON output: row i is
// momentum Momenta[i], column j rate LRs[j].
type GridResult struct {
	Opt     string     `json:"opt"`
	LRs     []float64  `json:"lrs"`
	Momenta []float64  `json:"momenta"`
	F       [][]Float  `json:"f"`      // final f of each run (null or ±Inf when it diverged)
	Status  [][]string `json:"status"` // each run's minimize.Status
	Best    GridCell   `json:"best"`   // the lowest final f of the stable runs
	L       Float      `json:"L"`      // λmax of the Hessian at the start
	Theory  []Float    `json:"theory"` // 2(1+β)/L per row: heavy ball's stable bound on a quadratic (Polyak 1964); null without positive curvature
	Stable  []Float    `json:"stable"` // the largest rate of each row whose run did not diverge (null: none)
	Iters   int        `json:"iterations"`
}

// GridCell is one cell of the map.
type GridCell struct {
	LR       float64 `json:"lr"`
	Momentum float64 `json:"momentum"`
	F        Float   `json:"f"`
}

// Grid runs every cell of cfg. A run is stable when its status is not
// diverged and it ends at or below the start's f.
func Grid(ctx context.Context, cfg GridConfig) (*GridResult, error) {
	p := cfg.Problem
	if p == nil {
		return nil, fmt.Errorf("grid: no problem")
	}
	if len(cfg.LRs) == 0 || len(cfg.Momenta) == 0 {
		return nil, &spec.FieldError{Field: "grid", Err: fmt.Errorf("need at least one lr and one momentum")}
	}
	for _, lr := range cfg.LRs {
		if !(lr > 0) || math.IsInf(lr, 0) {
			return nil, &spec.FieldError{Field: "grid", Err: fmt.Errorf("lr %g: must be a positive number", lr)}
		}
	}
	for _, b := range cfg.Momenta {
		if !(b >= 0 && b < 1) {
			return nil, &spec.FieldError{Field: "grid", Err: fmt.Errorf("momentum %g: must be in [0, 1)", b)}
		}
	}
	base := cfg.Opt
	if base.IsZero() {
		base = spec.Spec{Name: "sgd"}
	}
	if e, ok := optim.Lookup(base.Name); !ok || !hasKey(e, "lr") || !hasKey(e, "momentum") {
		return nil, &spec.FieldError{Field: "opt", Err: fmt.Errorf("%s: the map needs an optimizer with lr and momentum keys (sgd, rmsprop)", base.Name)}
	}
	f := p.Objective()
	f0 := f.Value(p.Start)
	res := &GridResult{Opt: base.String(), LRs: cfg.LRs, Momenta: cfg.Momenta, Iters: cfg.Settings.MaxIters,
		F: make([][]Float, len(cfg.Momenta)), Status: make([][]string, len(cfg.Momenta))}
	for i := range cfg.Momenta {
		res.F[i] = make([]Float, len(cfg.LRs))
		res.Status[i] = make([]string, len(cfg.LRs))
	}
	type cell struct{ i, j int }
	cells := make(chan cell)
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	var firstErr error
	var mu sync.Mutex
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := ownObjective(p) // compiled formulas keep scratch buffers
			for c := range cells {
				sp := base.With("lr", strconv.FormatFloat(cfg.LRs[c.j], 'g', -1, 64)).With("momentum", strconv.FormatFloat(cfg.Momenta[c.i], 'g', -1, 64))
				alg, err := optim.NewSpec(sp)
				var r *minimize.Result
				if err == nil {
					r, err = minimize.Minimize(ctx, f, p.Start, alg, cfg.Settings)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = &spec.FieldError{Field: "opt", Err: fmt.Errorf("%s: %v", sp, err)}
					}
					mu.Unlock()
					continue
				}
				res.F[c.i][c.j], res.Status[c.i][c.j] = Float(r.F), r.Status.String()
			}
		}()
	}
	for i := range cfg.Momenta {
		for j := range cfg.LRs {
			cells <- cell{i, j}
		}
	}
	close(cells)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	res.Best.F = Float(math.Inf(1))
	res.Stable = make([]Float, len(cfg.Momenta))
	for i, b := range cfg.Momenta {
		res.Stable[i] = Float(math.NaN())
		for j, lr := range cfg.LRs {
			v := float64(res.F[i][j])
			if res.Status[i][j] == minimize.Diverged.String() || !(v <= f0) {
				continue
			}
			res.Stable[i] = Float(lr)
			if v < float64(res.Best.F) {
				res.Best = GridCell{LR: lr, Momentum: b, F: Float(v)}
			}
		}
	}
	res.L = Float(math.NaN())
	res.Theory = make([]Float, len(cfg.Momenta))
	if est, err := curvature.At(f, p.Start); err == nil && est.L > 0 {
		res.L = Float(est.L)
		for i, b := range cfg.Momenta {
			res.Theory[i] = Float(2 * (1 + b) / est.L)
		}
	} else {
		for i := range res.Theory {
			res.Theory[i] = Float(math.NaN())
		}
	}
	return res, nil
}

// LogSpace returns n values spaced evenly in log from lo to hi (lo, hi > 0;
// n = 1 gives lo), computed as exp(log lo + t·(log hi − log lo)) so that
// hi/lo cannot overflow: numpy.logspace(log10(lo), log10(hi), n) up to
// rounding.
func LogSpace(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	for k := range v {
		t := 0.0
		if n > 1 {
			t = float64(k) / float64(n-1)
		}
		v[k] = math.Exp(math.Log(lo) + t*(math.Log(hi)-math.Log(lo)))
	}
	return v
}

// LinSpace returns n values spaced evenly from lo to hi (n = 1 gives lo):
// numpy.linspace(lo, hi, n).
func LinSpace(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	for k := range v {
		t := 0.0
		if n > 1 {
			t = float64(k) / float64(n-1)
		}
		v[k] = lo + (hi-lo)*t
	}
	return v
}

func hasKey(e optim.Entry, key string) bool {
	for _, f := range e.Params {
		if f.Key == key {
			return true
		}
	}
	return false
}

// ownObjective returns the problem's objective for one goroutine: a
// compiled formula is cloned (it keeps scratch buffers); catalogue
// functions are safe to share.
func ownObjective(p *problem.Problem) fn.Func {
	prog, ok := p.F.(*expr.Program)
	if !ok {
		return p.Objective()
	}
	var f fn.Func = prog.Clone()
	if p.Maximize {
		f = fn.Negate{F: f}
	}
	return f
}

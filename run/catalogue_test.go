package run

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
)

// TestCatalogueMinima runs a stated optimizer from every smooth catalogue
// function's standard start and checks that it ends at a listed minimum
// (global, or a documented local one) within a stated tolerance.
func TestCatalogueMinima(t *testing.T) {
	tests := []struct {
		fn, opt string
		fTol    float64 // |f − f*| ≤ fTol·max(1, |f*|)
		xTol    float64 // distance to the nearest listed minimizer (0: not checked)
		iters   int
		start   []float64 // nil: the standard start
	}{
		{"sphere", "gd:lr=0.5", 1e-14, 1e-7, 100, nil},
		{"booth", "lbfgs", 1e-14, 1e-7, 200, nil},
		{"matyas", "lbfgs", 1e-14, 1e-7, 200, nil},
		{"three-hump-camel", "lbfgs", 1e-14, 1e-6, 200, nil},
		{"himmelblau", "lbfgs", 1e-14, 1e-6, 200, nil},
		{"rosenbrock", "lbfgs", 1e-14, 1e-6, 200, nil},
		{"rosenbrock", "adam:lr=0.05", 1e-12, 1e-5, 20000, nil},
		{"rosenbrock:n=10", "lbfgs", 1e-14, 1e-6, 500, nil},
		{"beale", "lbfgs", 1e-14, 1e-6, 200, nil},
		// From its standard start (0, 0), L-BFGS ends in the local minimum
		// f = 30 at (−0.6, −0.4); from (0, −0.5) it reaches the global one.
		{"goldstein-price", "lbfgs", 1e-12, 1e-6, 200, []float64{0, -0.5}},
		{"styblinski-tang", "lbfgs", 1e-12, 1e-6, 200, nil},
		{"quadratic:n=10,kappa=1000", "cg", 1e-14, 1e-6, 500, nil},
		{"quadratic:n=10,kappa=1000", "bb", 1e-14, 1e-6, 2000, nil},
		{"freudenstein-roth", "lbfgs", 1e-10, 1e-5, 500, nil},
		{"powell-badly-scaled", "lbfgs", 1e-10, 1e-4, 1000, nil},
		{"brown-badly-scaled", "lbfgs", 1e-10, 1e-4, 1000, nil},
		{"helical-valley", "lbfgs", 1e-12, 1e-6, 500, nil},
		{"bard", "lbfgs", 1e-8, 1e-4, 500, nil},
		{"gaussian", "lbfgs", 1e-8, 1e-4, 500, nil},
		{"box-3d", "lbfgs", 1e-12, 0, 500, nil},
		{"powell-singular", "lbfgs", 1e-10, 1e-2, 1000, nil},
		{"wood", "lbfgs", 1e-12, 1e-6, 1000, nil},
		{"kowalik-osborne", "lbfgs", 1e-8, 1e-4, 1000, nil},
		{"jennrich-sampson", "lbfgs", 1e-8, 1e-4, 1000, nil},
	}
	for _, tc := range tests {
		t.Run(tc.fn+"/"+tc.opt, func(t *testing.T) {
			p, err := problem.New(problem.Spec{Func: mustSpec(t, tc.fn), Start: tc.start})
			if err != nil {
				t.Fatal(err)
			}
			s := minimize.DefaultSettings()
			s.MaxIters = tc.iters
			rep, err := Minimize(context.Background(), Config{Problem: p, Opt: mustSpec(t, tc.opt), Settings: s})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Diagnosis.Verdict != "converged" {
				t.Fatalf("%s: verdict %s: %s", rep.Status, rep.Diagnosis.Verdict, rep.Diagnosis.Advice)
			}
			k := p.Known
			type target struct {
				x []float64
				f float64
			}
			var targets []target
			for _, m := range k.Minima {
				targets = append(targets, target{m, k.FMin})
			}
			for _, m := range k.LocalMinima {
				targets = append(targets, target{m.X, m.F})
			}
			f := float64(rep.F)
			x := make([]float64, len(rep.X))
			for i, v := range rep.X {
				x[i] = float64(v)
			}
			ok := false
			for _, tg := range targets {
				if math.Abs(f-tg.f) > tc.fTol*math.Max(1, math.Abs(tg.f)) {
					continue
				}
				if tc.xTol == 0 || dist(x, tg.x) <= tc.xTol*math.Max(1, norm(tg.x)) {
					ok = true
				}
			}
			if k.Family != "" && math.Abs(f-k.FMin) <= tc.fTol {
				ok = true
			}
			if !ok {
				t.Fatalf("ended at f = %.17g, x = %v after %d iterations (%d evaluations); minima %v, f* = %g", f, x, rep.Iterations, rep.Evaluations, k.Minima, k.FMin)
			}
			t.Logf("%d iterations, %d evaluations, f = %.3g", rep.Iterations, rep.Evaluations, f)
		})
	}
}

// TestSaddleEndsUnbounded: x² − y² has no minimum.
func TestSaddleEndsUnbounded(t *testing.T) {
	for _, opt := range []string{"gd", "gd:lr=0.1", "adam:lr=0.1", "lbfgs"} {
		p, _ := problem.New(problem.Spec{Func: spec.Spec{Name: "saddle"}})
		rep, err := Minimize(context.Background(), Config{Problem: p, Opt: mustSpec(t, opt), Settings: minimize.DefaultSettings()})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Diagnosis.Verdict != "unbounded" || rep.Status.Converged() {
			t.Errorf("%s: status %s, verdict %s (%s)", opt, rep.Status, rep.Diagnosis.Verdict, rep.Diagnosis.Advice)
		}
	}
}

func dist(a, b []float64) float64 {
	var s float64
	for i := range a {
		if math.IsInf(b[i], 0) {
			continue
		}
		s += (a[i] - b[i]) * (a[i] - b[i])
	}
	return math.Sqrt(s)
}

func norm(v []float64) float64 {
	var s float64
	for _, x := range v {
		if !math.IsInf(x, 0) {
			s += x * x
		}
	}
	return math.Sqrt(s)
}

var _ = testfunc.All

// mustSpec parses a specification string (tests only: the library takes
// parsed specifications).
func mustSpec(t testing.TB, s string) spec.Spec {
	t.Helper()
	sp, err := spec.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// TestPolyakTakesTheCatalogueMinimum: polyak needs f*; on a catalogue
// function the engine supplies the known minimum (Rosenbrock's 0), on a
// formula the user must.
func TestPolyakTakesTheCatalogueMinimum(t *testing.T) {
	p, err := problem.New(problem.Spec{Func: spec.Spec{Name: "rosenbrock"}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Minimize(context.Background(), Config{Problem: p, Opt: mustSpec(t, "polyak"), Settings: minimize.DefaultSettings()})
	if err != nil {
		t.Fatal(err)
	}
	if float64(rep.F) > 1e-6 || rep.Iterations < 2 {
		t.Errorf("polyak on rosenbrock: f %g after %d iterations (%s)", float64(rep.F), rep.Iterations, rep.Message)
	}
	q, err := problem.New(problem.Spec{Expr: "x^2+y^2", Start: []float64{1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Minimize(context.Background(), Config{Problem: q, Opt: mustSpec(t, "polyak"), Settings: minimize.DefaultSettings()}); err == nil || !strings.Contains(err.Error(), "fstar") {
		t.Errorf("polyak on a formula without fstar: %v, want an error naming fstar", err)
	}
}

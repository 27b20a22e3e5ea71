package run

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
)

// TestLRAuto: on ½(x² + 100y²), L = 100 and μ = 1, so gd:lr=auto is
// 2/(L+μ) = 2/101 and sgd:lr=auto,momentum=auto is Polyak's pair
// 4/(√L+√μ)² = 4/121, ((√L−√μ)/(√L+√μ))² = 81/121; the heavy ball then
// converges in far fewer iterations than gd (rates 9/11 vs 99/101).
func TestLRAuto(t *testing.T) {
	p, err := problem.New(problem.Spec{Expr: "0.5*(x^2+100*y^2)", Start: []float64{1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	iters := map[string]int{}
	for _, tc := range []struct{ opt, want string }{
		{"gd:lr=auto", "gd:lr=" + f(2.0/101)},
		{"sgd:lr=auto,momentum=auto", "sgd:lr=" + f(4.0/121) + ",momentum=" + f(81.0/121)},
	} {
		rep, err := Minimize(context.Background(), Config{Problem: p, Opt: mustSpec(t, tc.opt), Settings: minimize.DefaultSettings()})
		if err != nil {
			t.Fatalf("%s: %v", tc.opt, err)
		}
		// Lanczos on the exact Hessian: equal up to rounding.
		if !strings.HasPrefix(rep.Spec, tc.want[:len(tc.want)-3]) {
			t.Errorf("%s ran as %s, want %s", tc.opt, rep.Spec, tc.want)
		}
		iters[tc.opt] = rep.Iterations
	}
	if !(iters["sgd:lr=auto,momentum=auto"]*3 < iters["gd:lr=auto"]) {
		t.Errorf("iterations %v: the heavy-ball pair should be several times faster", iters)
	}
	saddle, err := problem.New(problem.Spec{Expr: "x^2-y^2", Start: []float64{1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		p    *problem.Problem
		opt  string
		want string
	}{
		{p, "adam:lr=auto", "applies to gd and sgd"},
		{p, "sgd:lr=0.1,momentum=auto", "momentum=auto needs lr=auto"},
		{p, "sgd:lr=auto,momentum=0.5", "use momentum=auto"},
		{saddle, "gd:lr=auto", "needs positive curvature"},
	} {
		_, err := Minimize(context.Background(), Config{Problem: tc.p, Opt: mustSpec(t, tc.opt), Settings: minimize.DefaultSettings()})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "opt: ") {
			t.Errorf("%s: %v, want an opt error with %q", tc.opt, err, tc.want)
		}
	}
}

package run

import (
	"context"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
)

// TestHonestReports (issue 13, "untrue statuses"): each run used to get a
// status or advice that was false — a converged verdict where the gradient
// had underflowed, a divergence where only ‖∇f‖² overflowed, a maximized f
// said to fall, and a schedule's suggestion computed from the annealed
// rate. The wanted words are what is true of the run, worked out by hand.
func TestHonestReports(t *testing.T) {
	for _, tc := range []struct {
		name, expr string
		start      float64
		maximize   bool
		opt, sched string
		iters      int
		status     minimize.Status
		want, not  []string
	}{
		// exp(x) from 700 with lr 1 jumps to x = 700 − e⁷⁰⁰ ≈ −1.01e304,
		// where exp and its derivative underflow to 0: no minimum there.
		{name: "exp-underflow", expr: "exp(x)", start: 700, opt: "gd:lr=1", iters: 100,
			status: minimize.Diverged, want: []string{"ran off", "underflowed"}, not: []string{"good choice", "converged"}},
		// x² from 1e154: ‖∇f‖ = 2e154 is finite although its square is not;
		// gd at 0.1 contracts x by 0.8 per step, so 1000 steps reach
		// 1e154·0.8¹⁰⁰⁰ ≈ 1.2e57 — slow, not diverged.
		{name: "norm-overflow", expr: "x^2", start: 1e154, opt: "gd:lr=0.1", iters: 1000,
			status: minimize.MaxIters, want: []string{"too_slow"}, not: []string{"diverged", "Inf"}},
		// Maximizing −(x−1)² from 3: f = −(x−1)² rises towards 0.
		{name: "maximize-rises", expr: "-(x-1)^2", start: 3, maximize: true, opt: "gd:lr=0.01", iters: 50,
			status: minimize.MaxIters, want: []string{"f rose"}, not: []string{"fell", "decreases"}},
		// Maximizing x² runs off to +∞: f grows without bound.
		{name: "maximize-unbounded", expr: "x^2", start: 3, maximize: true, opt: "gd:lr=0.1", iters: 1000,
			status: minimize.Diverged, want: []string{"f grew without bound from 9", "increases without bound", "no maximum"}, not: []string{"fell", "decreases", "-9"}},
		// Cosine from 0.001 on x² + 10y² (L = 20, bound 0.1): the raise is
		// of the rate the schedule starts from, to half the bound; the
		// annealed final rate (≈ 1e-9) must not be named as the rate to use.
		{name: "schedule-base", expr: "x^2+10*y^2", start: 1, opt: "gd:lr=0.001", sched: "cosine", iters: 200,
			status: minimize.MaxIters, want: []string{"lr to 0.05", "rate it starts from, now 0.001"}, not: []string{"lr to 1", "lr to 2", "e-0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := []float64{tc.start}
			if strings.Contains(tc.expr, "y") {
				start = []float64{tc.start, tc.start}
			}
			p, err := problem.New(problem.Spec{Expr: tc.expr, Start: start, Maximize: tc.maximize})
			if err != nil {
				t.Fatal(err)
			}
			s := minimize.DefaultSettings()
			s.MaxIters = tc.iters
			cfg := Config{Problem: p, Opt: mustSpec(t, tc.opt), Settings: s}
			if tc.sched != "" {
				cfg.Schedule = mustSpec(t, tc.sched)
			}
			rep, err := Minimize(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			text := rep.Message + " | " + string(rep.Diagnosis.Verdict) + ": " + rep.Diagnosis.Advice
			if rep.Status != tc.status {
				t.Errorf("status %s, want %s (%s)", rep.Status, tc.status, text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("want %q in %q", w, text)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(text, w) {
					t.Errorf("%q must not appear in %q", w, text)
				}
			}
		})
	}
}

package run

import (
	"context"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/spec"
)

// BenchmarkProbeParts splits the cost of one probe of the advice (issue
// 12: advice must cost ≤ 10 % of a run): the whole probe, building its
// optimizer (optim.NewSpec), and the 10-iteration minimization it runs.
// Measured 2026-12-05: 3.2 µs = 1.1 µs building (binding the spec without
// re-parsing it saved only 0.1 µs: tried and dropped) + 2.0 µs minimizing,
// of which 1.5 µs is Minimize's fixed cost.
func BenchmarkProbeParts(b *testing.B) {
	fs, _ := spec.Parse("rosenbrock")
	p, _ := problem.New(problem.Spec{Func: fs})
	opt, _ := spec.Parse("gd:lr=0.0005")
	cfg := &Config{Problem: p, Opt: opt}
	s := minimize.Settings{Stop: minimize.Stop{MaxIters: 2000, GradTol: 1e-12}}
	res := &minimize.Result{Iterations: 2000}
	pr := prober(cfg, newOpt(cfg.opt()), p.Objective(), p.Start, res, s, probeLen(res.Iterations), nil)
	b.Run("probe", func(b *testing.B) {
		for range b.N {
			pr(0.001)
		}
	})
	b.Run("newspec", func(b *testing.B) {
		for range b.N {
			optim.NewSpec(opt.With("lr", "0.001"))
		}
	})
	b.Run("minimize10", func(b *testing.B) {
		alg, _ := optim.NewSpec(opt)
		ps := minimize.Settings{Stop: s.Stop}
		ps.MaxIters = 10
		for range b.N {
			minimize.Minimize(context.Background(), p.Objective(), p.Start, alg, ps)
		}
	})
}

package run

import (
	"context"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/spec"
)

// BenchmarkAdviceOverhead measures a whole run (minimization, curvature,
// diagnosis and its probes) against the minimization alone, on runs whose
// advice probes the most: slow runs that the diagnosis checks. Compare the
// pairs' ns/op: the advice's share is whole/alone − 1.
func BenchmarkAdviceOverhead(b *testing.B) {
	for _, c := range []struct {
		name, fn, opt string
		iters         int
	}{
		{"rosenbrock-gd", "rosenbrock", "gd:lr=0.0005", 2000},
		{"rosenbrock-adam", "rosenbrock", "adam:lr=0.001", 2000},
		{"quadratic10-adam", "quadratic:n=10,kappa=100", "adam:lr=0.01", 1000},
		{"rosenbrock-adam-short", "rosenbrock", "adam:lr=0.001", 300},
	} {
		fs, err := spec.Parse(c.fn)
		if err != nil {
			b.Fatal(err)
		}
		p, err := problem.New(problem.Spec{Func: fs})
		if err != nil {
			b.Fatal(err)
		}
		opt, err := spec.Parse(c.opt)
		if err != nil {
			b.Fatal(err)
		}
		s := minimize.Settings{Stop: minimize.Stop{MaxIters: c.iters, GradTol: 1e-12}}
		b.Run(c.name+"/alone", func(b *testing.B) {
			for range b.N {
				alg, sched, err := NewAlgorithm(opt, spec.Spec{}, 0, c.iters)
				if err != nil {
					b.Fatal(err)
				}
				ss := s
				ss.Schedule = sched
				if _, err := minimize.Minimize(context.Background(), p.Objective(), p.Start, alg, ss); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/whole", func(b *testing.B) {
			for range b.N {
				if _, err := Minimize(context.Background(), Config{Problem: p, Opt: opt, Settings: s}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

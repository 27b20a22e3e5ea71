package run

import (
	"context"
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
)

// TestGridBoundary (issue 17): on f = x² + 10y² (Hessian diag(2, 20), so
// L = 20), heavy ball x ← x − lr·v, v ← βv + ∇f is stable iff
// lr < 2(1+β)/L (Polyak 1964). The largest stable rate the map measures in
// each momentum row is the grid rate just below that bound, within one
// grid cell; the runs are independent of the number of workers.
func TestGridBoundary(t *testing.T) {
	p, err := problem.New(problem.Spec{Expr: "x^2 + 10*y^2", Start: []float64{1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	var lrs []float64
	for k := range 25 {
		lrs = append(lrs, 0.01*math.Pow(10, float64(k)/12)) // 0.01 … 1, 12 per decade
	}
	momenta := []float64{0, 0.3, 0.6, 0.9}
	s := minimize.DefaultSettings()
	s.MaxIters = 2000
	res, err := Grid(context.Background(), GridConfig{Problem: p, LRs: lrs, Momenta: momenta, Settings: s})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(float64(res.L)-20) > 1e-9 {
		t.Fatalf("L = %g, want 20", float64(res.L))
	}
	idx := func(v float64) int { // the last grid rate ≤ v
		k := -1
		for j, lr := range lrs {
			if lr <= v {
				k = j
			}
		}
		return k
	}
	for i, b := range momenta {
		theory := 2 * (1 + b) / 20
		if math.Abs(float64(res.Theory[i])-theory) > 1e-12 {
			t.Errorf("β = %g: theory %g, want %g", b, float64(res.Theory[i]), theory)
		}
		got, want := idx(float64(res.Stable[i])), idx(theory)
		if d := got - want; d < -1 || d > 1 {
			t.Errorf("β = %g: largest stable lr %g (cell %d), theory %g (cell %d)", b, float64(res.Stable[i]), got, theory, want)
		}
	}
	if !(res.Best.LR > 0) || res.Best.F > 1e-6 {
		t.Errorf("best cell %+v", res.Best)
	}
	one, err := Grid(context.Background(), GridConfig{Problem: p, LRs: lrs, Momenta: momenta, Settings: s, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range momenta {
		for j := range lrs {
			a, b := float64(res.F[i][j]), float64(one.F[i][j])
			if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
				t.Fatalf("cell %d,%d: %g with GOMAXPROCS workers, %g with one", i, j, a, b)
			}
		}
	}
}

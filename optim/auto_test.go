package optim

import (
	"math"
	"testing"
)

// TestBestConstantClosedForms: L = 100, μ = 1 (√L = 10, √μ = 1): gd 2/101,
// heavy ball 4/121 and (9/11)² = 81/121; μ = L: both are Newton's 1/L with
// no momentum; no strong convexity: zeros.
func TestBestConstantClosedForms(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-15*math.Abs(b) }
	for _, c := range []struct{ L, mu, gd, hb, beta float64 }{
		{100, 1, 2.0 / 101, 4.0 / 121, 81.0 / 121},
		{4, 1, 2.0 / 5, 4.0 / 9, 1.0 / 9},
		{2.5, 2.5, 0.4, 0.4, 0},
		{1, 0, 0, 0, 0},
		{1, -1, 0, 0, 0},
		{1, 2, 0, 0, 0},
		{math.Inf(1), 1, 0, 0, 0},
		{math.NaN(), 1, 0, 0, 0},
	} {
		gd, hb, beta := BestConstant(c.L, c.mu)
		if !near(gd, c.gd) || !near(hb, c.hb) || !near(beta, c.beta) {
			t.Errorf("BestConstant(%g, %g) = %.17g, %.17g, %.17g; want %.17g, %.17g, %.17g", c.L, c.mu, gd, hb, beta, c.gd, c.hb, c.beta)
		}
	}
}

// bestConstantRun iterates on f = ½(μx² + Ly²) from (1, 1) with descent's
// sgd (momentum 0: gradient descent; else the heavy ball) and returns ‖x_k‖
// for k = 0..steps.
func bestConstantRun(L, mu, lr, beta float64, steps int) []float64 {
	o := &SGD{LearningRate: lr, Momentum: beta}
	x, g := []float64{1, 1}, make([]float64, 2)
	o.Init(2)
	norms := []float64{math.Sqrt2}
	for range steps {
		g[0], g[1] = mu*x[0], L*x[1]
		o.Step(x, g)
		norms = append(norms, math.Hypot(x[0], x[1]))
	}
	return norms
}

// TestBestConstantRates: on a diagonal quadratic with eigenvalues μ and L the
// measured contraction per step is (κ−1)/(κ+1) for gd and (√κ−1)/(√κ+1) for
// the heavy ball, and a step or momentum 10 % away from the best does worse.
func TestBestConstantRates(t *testing.T) {
	for _, c := range []struct{ L, mu float64 }{{100, 1}, {50, 2}, {1000, 1}} {
		kappa := c.L / c.mu
		gd, hb, beta := BestConstant(c.L, c.mu)
		const K = 150
		rate := func(lr, b float64) float64 {
			n := bestConstantRun(c.L, c.mu, lr, b, 2*K)
			return math.Pow(n[2*K]/n[K], 1.0/K)
		}
		// Gradient descent: each coordinate is multiplied by ±(κ−1)/(κ+1)
		// exactly, so the measured rate is exact.
		wantGD := (kappa - 1) / (kappa + 1)
		if got := rate(gd, 0); math.Abs(got-wantGD) > 1e-12 {
			t.Errorf("L=%g μ=%g: gd rate %.15g, want (κ−1)/(κ+1) = %.15g", c.L, c.mu, got, wantGD)
		}
		// Heavy ball: the optimal parameters make double roots ±√β, so
		// ‖x_k‖ ∝ (a + b·k)·rᵏ and the measured rate over [K, 2K] lies in
		// [r, r·2^(1/K)].
		wantHB := (math.Sqrt(kappa) - 1) / (math.Sqrt(kappa) + 1)
		got := rate(hb, beta)
		if !(got >= wantHB*(1-1e-9) && got <= wantHB*math.Pow(2, 1.0/K)*(1+1e-9)) {
			t.Errorf("L=%g μ=%g: heavy-ball rate %.15g, want (√κ−1)/(√κ+1) = %.15g (·2^(1/K) at most)", c.L, c.mu, got, wantHB)
		}
		if !(got < wantGD) {
			t.Errorf("L=%g μ=%g: heavy ball %.6g not faster than gd %.6g", c.L, c.mu, got, wantGD)
		}
		for _, off := range []struct{ lr, b float64 }{{gd * 0.9, 0}, {gd * 1.1, 0}} {
			if r := rate(off.lr, off.b); !(r > wantGD) {
				t.Errorf("L=%g μ=%g: gd at lr %g has rate %.6g ≤ the best %.6g", c.L, c.mu, off.lr, r, wantGD)
			}
		}
		for _, off := range []struct{ lr, b float64 }{{hb * 0.9, beta}, {hb * 1.1, beta}, {hb, beta * 0.9}, {hb, math.Min(beta*1.1, 0.999)}} {
			if r := rate(off.lr, off.b); !(r > got) {
				t.Errorf("L=%g μ=%g: heavy ball at lr %g, β %g has rate %.6g ≤ the best %.6g", c.L, c.mu, off.lr, off.b, r, got)
			}
		}
	}
}

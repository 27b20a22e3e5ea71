package testfunc

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/descentgo/descent/fn"
	"gonum.org/v1/gonum/mat"
)

// symEigen returns the eigenvalues of the symmetric matrix a, ascending.
func symEigen(a [][]float64) []float64 {
	n := len(a)
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, a[i][j])
		}
	}
	var e mat.EigenSym
	if !e.Factorize(s, false) {
		panic("eigen decomposition failed")
	}
	return e.Values(nil)
}

// newton minimizes f from x0 by Newton's method with a finite-difference
// Hessian (of the analytic gradient), Marquardt damping (H + μ·diag|H|) to
// keep the step a descent direction whatever the scaling, and acceptance only of steps that do not
// increase f. It is deliberately simple and independent of package optim.
// It returns the final point and the number of iterations.
func newton(f *Function, x0 []float64) ([]float64, int) {
	n := f.N
	x := slices.Clone(x0)
	g := make([]float64, n)
	trial := make([]float64, n)
	for it := 1; it <= 500; it++ {
		fx := f.ValueGrad(g, x)
		h := fdHessian(f, x)
		hmax := 0.0
		for i := range n {
			hmax = math.Max(hmax, math.Abs(h[i][i]))
		}
		mu := 0.0
		accepted := false
		for try := 0; try < 60; try++ {
			a := mat.NewSymDense(n, nil)
			for i := range n {
				for j := i; j < n; j++ {
					a.SetSym(i, j, h[i][j])
				}
				a.SetSym(i, i, h[i][i]+mu*math.Max(math.Abs(h[i][i]), 1e-12*hmax))
			}
			var ch mat.Cholesky
			if ch.Factorize(a) {
				p := mat.NewVecDense(n, nil)
				// A finite mat.Condition is only a warning about accuracy:
				// the badly scaled problems have cond(H) ~ 1e18.
				err := ch.SolveVecTo(p, mat.NewVecDense(n, slices.Clone(g)))
				var cond mat.Condition
				if err == nil || errors.As(err, &cond) && !math.IsInf(float64(cond), 0) {
					small := true
					for i := range n {
						trial[i] = x[i] - p.AtVec(i)
						if math.Abs(p.AtVec(i)) > 1e-15*math.Max(math.Abs(x[i]), 1e-300) {
							small = false
						}
					}
					if small {
						return x, it
					}
					if ft := f.Value(trial); ft <= fx {
						copy(x, trial)
						accepted = true
						break
					}
				}
			}
			mu = math.Max(4*mu, 1e-12)
		}
		if !accepted {
			return x, it
		}
	}
	return x, 500
}

// reachCase tunes TestReachesMinimum for one function.
type reachCase struct {
	skip string  // why Newton does not apply
	xtol float64 // |x_i − x*_i| ≤ xtol·max(|x*_i|, 1e-3); default 1e-9
}

var reachCases = map[string]reachCase{
	"ackley": {skip: "not differentiable at its minimizer; checked by sampling only"},
	// Singular Hessian at the minimizer: f grows like ‖x‖⁴ in two directions,
	// so x is determined only to about f^(1/4).
	"powell-singular": {xtol: 1e-4},
}

// TestReachesMinimum starts Newton's method near every listed minimizer
// (global and local, 1% away) and checks that it converges back to it, that
// the finite-difference Hessian there is positive semidefinite, and that f
// is no smaller at 200 random points on a small sphere around it.
func TestReachesMinimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, f := range instances(t) {
		c := reachCases[f.Name]
		if c.xtol == 0 {
			c.xtol = 1e-9
		}
		type target struct {
			x      []float64
			f      float64
			global bool
		}
		var targets []target
		for _, m := range f.Minima {
			targets = append(targets, target{m, f.FMin, true})
		}
		for _, m := range f.LocalMinima {
			if fn.AllFinite(m.X) {
				targets = append(targets, target{m.X, m.F, false})
			}
		}
		for k, tg := range targets {
			family := tg.global && f.Family != "" && k == len(f.Minima)-1
			sphereCheck(t, f, tg.x, rng)
			if c.skip != "" {
				continue
			}
			if ev := symEigen(fdHessian(f, tg.x)); ev[0] < -1e-6*math.Max(1, math.Abs(ev[len(ev)-1])) {
				t.Errorf("%s: Hessian at %v has eigenvalues %v: not a minimum", f.Spec, tg.x, ev)
			}
			x0 := slices.Clone(tg.x)
			for i := range x0 {
				s := 1.0
				if rng.IntN(2) == 0 {
					s = -1
				}
				if x0[i] == 0 {
					x0[i] = s * 1e-2
				} else {
					x0[i] *= 1 + s*1e-2
				}
			}
			x, iters := newton(f, x0)
			fx := f.Value(x)
			if !(math.Abs(fx-tg.f) <= 1e-10*math.Abs(tg.f)+1e-20) {
				t.Errorf("%s: Newton from %v stopped after %d iterations at %v with f = %.17g, want %.17g",
					f.Spec, x0, iters, x, fx, tg.f)
				continue
			}
			if family {
				// Any point of the line x1 = x2, x3 = 0 is a minimizer.
				if math.Abs(x[0]-x[1]) > 1e-6*math.Abs(x[0]) || math.Abs(x[2]) > 1e-8 {
					t.Errorf("%s: Newton near %v converged to %v, off the family %s", f.Spec, tg.x, x, f.Family)
				}
				continue
			}
			for i := range x {
				if math.Abs(x[i]-tg.x[i]) > c.xtol*math.Max(math.Abs(tg.x[i]), 1e-3) {
					t.Errorf("%s: Newton from %v converged to %v after %d iterations, not to the listed %v",
						f.Spec, x0, x, iters, tg.x)
					break
				}
			}
		}
	}
}

// sphereCheck evaluates f at 200 random points x* + r·u, |u| = 1, with
// r = 1e-4·max(|x*_i|, 1e-3) per coordinate, and reports any value below
// f(x*) by more than rounding. This holds for nonsmooth minima too.
func sphereCheck(t *testing.T, f *Function, xs []float64, rng *rand.Rand) {
	t.Helper()
	f0 := f.Value(xs)
	y := make([]float64, len(xs))
	for range 200 {
		var nrm float64
		u := make([]float64, len(xs))
		for i := range u {
			u[i] = rng.NormFloat64()
			nrm += u[i] * u[i]
		}
		nrm = math.Sqrt(nrm)
		for i := range y {
			y[i] = xs[i] + 1e-4*math.Max(math.Abs(xs[i]), 1e-3)*u[i]/nrm
		}
		if v := f.Value(y); v < f0-1e-14*math.Max(1, math.Abs(f0)) {
			t.Errorf("%s: f(%v) = %.17g < f(x*) = %.17g at the listed minimizer %v", f.Spec, y, v, f0, xs)
			return
		}
	}
}

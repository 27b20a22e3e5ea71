package viz

import (
	"fmt"
	"math"
)

// quad is f = x² + 10y², whose gradient has Lipschitz constant L = 20, so
// gradient descent converges for lr < 2/L = 0.1.
func quad(x, y float64) float64 { return x*x + 10*y*y }

func quadGrad(x, y float64) (float64, float64) { return 2 * x, 20 * y }

// rosen is the Rosenbrock function with its minimum 0 at (1, 1).
func rosen(x, y float64) float64 { return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) }

func rosenGrad(x, y float64) (float64, float64) {
	return -2*(1-x) - 400*x*(y-x*x), 200 * (y - x*x)
}

// descend runs gradient descent from (x0, y0) for at most n steps, stopping
// once the loss is below tol or not finite, and returns the path and the
// losses.
func descend(f func(x, y float64) float64, grad func(x, y float64) (float64, float64),
	x0, y0, lr float64, n int, tol float64) (Path, Series) {
	p := Path{X: []float64{x0}, Y: []float64{y0}}
	s := Series{Values: []float64{f(x0, y0)}}
	x, y := x0, y0
	for i := 0; i < n; i++ {
		gx, gy := grad(x, y)
		x, y = x-lr*gx, y-lr*gy
		v := f(x, y)
		p.X, p.Y = append(p.X, x), append(p.Y, y)
		s.Values = append(s.Values, v)
		if !finite(v) || v > 1e300 {
			s.Diverged = true
			break
		}
		if v < tol {
			break
		}
	}
	if last := s.Values[len(s.Values)-1]; !finite(last) || last > 10*s.Values[0] {
		s.Diverged = true
	}
	status := "converged"
	switch {
	case s.Diverged:
		status = "diverged"
	case s.Values[len(s.Values)-1] >= tol:
		status = fmt.Sprintf("%d steps, not converged", len(s.Values)-1)
	}
	p.Label = fmt.Sprintf("gd lr=%g — %s", lr, status)
	s.Label = p.Label
	return p, s
}

// quadRuns returns the four classic runs on quad from (3, 1).
func quadRuns() ([]Path, []Series) {
	var ps []Path
	var ss []Series
	for _, lr := range []float64{0.001, 0.05, 0.099, 0.11} {
		p, s := descend(quad, quadGrad, 3, 1, lr, 400, 1e-10)
		ps, ss = append(ps, p), append(ss, s)
	}
	return ps, ss
}

// rosenRuns returns gradient descent runs on Rosenbrock from (-1.5, 2).
func rosenRuns() ([]Path, []Series) {
	var ps []Path
	var ss []Series
	for _, lr := range []float64{0.0002, 0.001, 0.0021} {
		p, s := descend(rosen, rosenGrad, -1.5, 2, lr, 20000, 1e-8)
		ps, ss = append(ps, p), append(ss, s)
	}
	return ps, ss
}

var _ = math.Inf

// lrRange returns a synthetic learning-rate range test on quad: one step
// of gradient descent per learning rate from (3, 1), with noise-free losses
// and an exponential moving average.
func lrRange() (lrs, losses, smooth []float64) {
	x, y := 3.0, 1.0
	avg := 0.0
	for k := 0; k < 100; k++ {
		lr := 1e-4 * math.Pow(10, 4*float64(k)/99)
		gx, gy := quadGrad(x, y)
		x, y = x-lr*gx, y-lr*gy
		v := quad(x, y)
		lrs, losses = append(lrs, lr), append(losses, v*(1+0.1*math.Sin(float64(k)*1.7)))
		if k == 0 {
			avg = losses[0]
		} else {
			avg = 0.8*avg + 0.2*losses[k]
		}
		smooth = append(smooth, avg)
	}
	return lrs, losses, smooth
}

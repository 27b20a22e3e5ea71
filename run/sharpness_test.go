package run

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
)

// halfQuad is f = ½(x² + 100y²) as a plain function, without exact
// Hessian–vector products: its sharpness comes from differences of
// gradients.
type halfQuad struct{}

func (halfQuad) Dim() int                  { return 2 }
func (halfQuad) Value(x []float64) float64 { return 0.5 * (x[0]*x[0] + 100*x[1]*x[1]) }
func (halfQuad) ValueGrad(g, x []float64) float64 {
	g[0], g[1] = x[0], 100*x[1]
	return 0.5 * (x[0]*x[0] + 100*x[1]*x[1])
}

// rosenLambdaMax is the largest eigenvalue of the closed-form Hessian of
// f = (1−x)² + 100(y−x²)²,
//
//	∇²f = [[1200x² − 400y + 2, −400x], [−400x, 200]],
//
// by the formula for a symmetric 2×2 matrix [[a, b], [b, c]]:
// λmax = (a+c)/2 + √(((a−c)/2)² + b²).
func rosenLambdaMax(x, y float64) float64 {
	a, b, c := 1200*x*x-400*y+2, -400*x, 200.0
	return (a+c)/2 + math.Hypot((a-c)/2, b)
}

// runSharpness minimizes p's objective with opt for iters steps, measuring
// the sharpness every `every` steps as run.Minimize does (withSharpness),
// and keeps the path.
func runSharpness(t *testing.T, p *problem.Problem, opt optim.Algorithm, iters, every int) *minimize.Result {
	t.Helper()
	s := minimize.Settings{Stop: minimize.Stop{MaxIters: iters}, KeepPath: true, SharpnessEvery: every}
	s, topts := withSharpness(s, p.Objective())
	if len(topts) != 1 {
		t.Fatalf("withSharpness gave %d trace options, want 1 (the sharpness column)", len(topts))
	}
	res, err := minimize.Minimize(context.Background(), p.Objective(), p.Start, opt, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.History.Sharpness) != len(res.History.F) {
		t.Fatalf("History.Sharpness has %d rows, History.F %d", len(res.History.Sharpness), len(res.History.F))
	}
	return res
}

// TestSharpnessQuadratic: the Hessian of ½(x² + 100y²) is diag(1, 100)
// everywhere, so every measurement is 100 — to 1e-9 with the formula's
// exact Hessian–vector products (Lanczos on a 2×2 matrix in 2 steps is
// exact up to rounding), and with differences of a linear gradient, exact
// up to the rounding of (∇f(x+hv) − ∇f(x−hv))/2h.
func TestSharpnessQuadratic(t *testing.T) {
	formula, err := problem.New(problem.Spec{Expr: "0.5*(x^2 + 100*y^2)", Start: []float64{3, 1}})
	if err != nil {
		t.Fatal(err)
	}
	plain := &problem.Problem{Name: "halfQuad", F: halfQuad{}, Vars: []string{"x", "y"}, Start: []float64{3, 1}}
	for _, tc := range []struct {
		name string
		p    *problem.Problem
		tol  float64
	}{
		{"exact products", formula, 1e-9},
		{"differences", plain, 1e-9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const iters, every = 25, 4
			res := runSharpness(t, tc.p, &optim.GD{LearningRate: 0.015}, iters, every)
			worst := 0.0
			defer func() { t.Logf("largest |λ − 100| = %.2g", worst) }()
			for k, v := range res.History.Sharpness {
				if k%every != 0 {
					if !math.IsNaN(v) {
						t.Errorf("row %d not measured but Sharpness = %g, want NaN", k, v)
					}
					continue
				}
				worst = math.Max(worst, math.Abs(v-100))
				if math.Abs(v-100) > tc.tol*100 {
					t.Errorf("row %d at %v: sharpness %.17g, want 100", k, res.History.X[k], v)
				}
			}
			pts := SharpnessPoints(res.History, every)
			if len(pts) != iters/every+1 { // rows 0, 4, …, 24
				t.Fatalf("%d points, want %d", len(pts), iters/every+1)
			}
			for i, p := range pts {
				if p.Iter != i*every {
					t.Errorf("point %d at iteration %d, want %d", i, p.Iter, i*every)
				}
			}
		})
	}
}

// TestSharpnessRosenbrock compares the recorded sharpness with the closed
// form at the recorded points, along a gradient-descent run on Rosenbrock
// from (−1.2, 1): exactly (formula) and within the central differences'
// error (catalogue function: h ≈ 1e-5·‖x‖ ≈ 1.6e-5, truncation
// h²/6·∂⁴f/∂x⁴ = h²/6·2400 ≈ 1e-7 against λmax ≈ 1e3, rounding
// ε·‖∇f‖/h ≈ 1e-9: about 1e-10 relative; 1e-9 allowed).
func TestSharpnessRosenbrock(t *testing.T) {
	formula, err := problem.New(problem.Spec{Expr: "(1-x)^2 + 100*(y-x^2)^2", Start: []float64{-1.2, 1}})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := problem.New(problem.Spec{Func: mustSpec(t, "rosenbrock")})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		p    *problem.Problem
		tol  float64
	}{
		{"exact products", formula, 1e-12},
		{"differences", cat, 1e-9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const iters, every = 300, 10
			res := runSharpness(t, tc.p, &optim.GD{LearningRate: 0.001}, iters, every)
			seen, worst := math.Inf(1), 0.0
			for k := 0; k <= iters; k += every {
				x := res.History.X[k]
				want := rosenLambdaMax(x[0], x[1])
				got := res.History.Sharpness[k]
				worst = math.Max(worst, math.Abs(got-want)/want)
				if math.Abs(got-want) > tc.tol*want {
					t.Errorf("row %d at %v: sharpness %.15g, closed form %.15g", k, x, got, want)
				}
				seen = math.Min(seen, want)
			}
			t.Logf("largest relative error %.2g", worst)
			// The run moves: the points measured are not all alike.
			if first := rosenLambdaMax(-1.2, 1); math.Abs(seen-first) < 1 {
				t.Errorf("closed-form λmax stayed near %g: the run did not move", first)
			}
		})
	}
}

// TestSharpnessOff: no measurement, no column, no JSON key when off.
func TestSharpnessOff(t *testing.T) {
	s, topts := withSharpness(minimize.Settings{}, halfQuad{})
	if s.Sharpness != nil || topts != nil {
		t.Fatalf("off: Sharpness set %v, trace options %v", s.Sharpness != nil, topts)
	}
	p := &problem.Problem{Name: "halfQuad", F: halfQuad{}, Vars: []string{"x", "y"}, Start: []float64{3, 1}}
	res, err := minimize.Minimize(context.Background(), p.F, p.Start, &optim.GD{}, minimize.Settings{Stop: minimize.Stop{MaxIters: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if res.History.Sharpness != nil || SharpnessPoints(res.History, 0) != nil {
		t.Errorf("off: History.Sharpness = %v", res.History.Sharpness)
	}
}

// TestSharpnessPointsJSON: the JSON shape of the measurements, with null
// for a failed one.
func TestSharpnessPointsJSON(t *testing.T) {
	nan := math.NaN()
	h := minimize.History{Sharpness: []float64{100, nan, nan, nan, 50, nan, nan, nan}}
	h.Sharpness = append(h.Sharpness, nan) // row 8: measured, but failed
	b, err := json.Marshal(SharpnessPoints(h, 4))
	if err != nil {
		t.Fatal(err)
	}
	const want = `[{"iter":0,"lambda_max":100},{"iter":4,"lambda_max":50},{"iter":8,"lambda_max":null}]`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}

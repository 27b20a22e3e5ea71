package run

import (
	"context"
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
)

// TestDetailSteps checks Report.Steps against closed forms on
// f = x² + 10y²: ∇f = (2x, 20y); gradient descent moves by −lr·∇f; Adam
// (Kingma & Ba 2015, Algorithm 1) keeps m ← β₁m + (1−β₁)g and
// v ← β₂v + (1−β₂)g² and moves by −lr·m̂/(√v̂+ε), and its effective rate
// is lr/(√v̂+ε). Maximizing −f must report the same steps with F and the
// gradient of −f.
func TestDetailSteps(t *testing.T) {
	for _, tc := range []struct {
		name, opt, expr string
		maximize        bool
	}{
		{"gd", "gd:lr=0.04", "x^2 + 10*y^2", false},
		{"adam", "adam:lr=0.1", "x^2 + 10*y^2", false},
		{"gd maximize", "gd:lr=0.04", "-(x^2 + 10*y^2)", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := problem.New(problem.Spec{Expr: tc.expr, Start: []float64{1, -2}, Maximize: tc.maximize})
			if err != nil {
				t.Fatal(err)
			}
			st := minimize.DefaultSettings()
			st.MaxIters = 30
			rep, err := Minimize(context.Background(), Config{Problem: p, Opt: mustSpec(t, tc.opt), Settings: st, Detail: 12})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Steps) != 12 {
				t.Fatalf("%d steps recorded, want 12 (Detail)", len(rep.Steps))
			}
			sign := 1.0
			if tc.maximize {
				sign = -1
			}
			const lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
			m, v := [2]float64{}, [2]float64{}
			for k, s := range rep.Steps {
				x, y := float64(s.X[0]), float64(s.X[1])
				if s.Iter != k {
					t.Fatalf("row %d has iter %d", k, s.Iter)
				}
				wantF := sign * (x*x + 10*y*y)
				g := [2]float64{2 * x, 20 * y}
				if d := math.Abs(float64(s.F) - wantF); d > 1e-12*(1+math.Abs(wantF)) {
					t.Errorf("step %d: f = %g, want %g", k, s.F, wantF)
				}
				for i := range g {
					if d := math.Abs(float64(s.Grad[i]) - sign*g[i]); d > 1e-12*(1+math.Abs(g[i])) {
						t.Errorf("step %d: grad[%d] = %g, want %g", k, i, s.Grad[i], sign*g[i])
					}
				}
				if k+1 == len(rep.Steps) {
					break
				}
				next := rep.Steps[k+1]
				for i := range g {
					var want float64
					switch tc.opt {
					case "adam:lr=0.1":
						m[i] = b1*m[i] + (1-b1)*g[i]
						v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
						mh, vh := m[i]/(1-math.Pow(b1, float64(k+1))), v[i]/(1-math.Pow(b2, float64(k+1)))
						want = float64(s.X[i]) - lr*mh/(math.Sqrt(vh)+eps)
						if d := math.Abs(float64(next.State["exp_avg"][i]) - m[i]); d > 1e-12*(1+math.Abs(m[i])) {
							t.Errorf("step %d: m[%d] = %g, want %g", k+1, i, next.State["exp_avg"][i], m[i])
						}
						if d := math.Abs(float64(next.State["exp_avg_sq"][i]) - v[i]); d > 1e-12*(1+v[i]) {
							t.Errorf("step %d: v[%d] = %g, want %g", k+1, i, next.State["exp_avg_sq"][i], v[i])
						}
						if e := lr / (math.Sqrt(vh) + eps); math.Abs(float64(next.EffectiveLR[i])-e) > 1e-12*e {
							t.Errorf("step %d: effective lr[%d] = %g, want %g", k+1, i, next.EffectiveLR[i], e)
						}
					default:
						want = float64(s.X[i]) - 0.04*g[i]
						if next.State != nil || next.EffectiveLR != nil {
							t.Errorf("gd without momentum reports state %v, effective lr %v", next.State, next.EffectiveLR)
						}
					}
					if d := math.Abs(float64(next.X[i]) - want); d > 1e-12*(1+math.Abs(want)) {
						t.Errorf("step %d: x[%d] = %g, want %g", k+1, i, next.X[i], want)
					}
				}
			}
		})
	}
}

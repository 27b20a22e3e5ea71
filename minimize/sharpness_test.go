package minimize

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

type rowLog struct{ rows []Row }

func (l *rowLog) Observe(r Row) error { l.rows = append(l.rows, r); return nil }

// TestSharpnessEvery: with SharpnessEvery = K the measurement runs at rows
// 0, K, 2K, … on the iterate of that row, its value reaches the history
// and the observers, the other rows are NaN, and f-evaluations are not
// charged for it. The stand-in measurement returns |x₀|, whose value at
// row k is known in closed form for gradient descent on ½·a·x²:
// x₀(k) = (1 − lr·a)^k·x₀(0).
func TestSharpnessEvery(t *testing.T) {
	const a, lr, x0 = 2.0, 0.1, 3.0
	for _, every := range []int{1, 3, 7} {
		calls := 0
		log := &rowLog{}
		s := Settings{
			Stop:           Stop{MaxIters: 10},
			SharpnessEvery: every,
			Sharpness: func(x []float64) float64 {
				calls++
				return math.Abs(x[0])
			},
			Observers: []Observer{log},
		}
		res, err := Minimize(context.Background(), quad{[]float64{a}}, []float64{x0}, &optim.GD{LearningRate: lr}, s)
		if err != nil {
			t.Fatal(err)
		}
		if want := 10/every + 1; calls != want {
			t.Errorf("every %d: %d measurements, want %d", every, calls, want)
		}
		if res.Evaluations != 11 {
			t.Errorf("every %d: %d evaluations, want 11 (measurements not counted)", every, res.Evaluations)
		}
		if len(res.History.Sharpness) != 11 || len(log.rows) != 11 {
			t.Fatalf("every %d: %d history rows, %d observed, want 11", every, len(res.History.Sharpness), len(log.rows))
		}
		for k, v := range res.History.Sharpness {
			want := math.NaN()
			if k%every == 0 {
				want = x0 * math.Pow(1-lr*a, float64(k))
			}
			if math.IsNaN(want) != math.IsNaN(v) || (!math.IsNaN(want) && math.Abs(v-want) > 1e-14*x0) {
				t.Errorf("every %d: row %d sharpness %g, want %g", every, k, v, want)
			}
			if r := log.rows[k].Sharpness; !(r == v || math.IsNaN(r) && math.IsNaN(v)) {
				t.Errorf("every %d: row %d observed %g, history %g", every, k, r, v)
			}
		}
	}
}

// TestSharpnessOffAndErrors: off by default (nil history, NaN in rows); a
// negative period or a period without a measurement is a field error.
func TestSharpnessOffAndErrors(t *testing.T) {
	log := &rowLog{}
	res, err := Minimize(context.Background(), quad{[]float64{1}}, []float64{1}, &optim.GD{},
		Settings{Stop: Stop{MaxIters: 2}, Observers: []Observer{log}})
	if err != nil {
		t.Fatal(err)
	}
	if res.History.Sharpness != nil {
		t.Errorf("off: History.Sharpness = %v, want nil", res.History.Sharpness)
	}
	for _, r := range log.rows {
		if !math.IsNaN(r.Sharpness) {
			t.Errorf("off: row %d Sharpness = %g, want NaN", r.Iter, r.Sharpness)
		}
	}
	for _, s := range []Settings{
		{SharpnessEvery: -1, Sharpness: func([]float64) float64 { return 0 }},
		{SharpnessEvery: 5},
	} {
		_, err := Minimize(context.Background(), quad{[]float64{1}}, []float64{1}, &optim.GD{}, s)
		var fe *spec.FieldError
		if !errors.As(err, &fe) || fe.Field != "sharpness_every" {
			t.Errorf("SharpnessEvery %d (func set: %v): error %v, want a field error on sharpness_every", s.SharpnessEvery, s.Sharpness != nil, err)
		}
	}
}

package optim_test

import (
	"math"
	"testing"

	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
)

// FuzzBuilders: any spec text that parses is accepted or refused by every
// builder — optimizer, schedule, model, catalogue function — with an
// error, never a panic; an accepted optimizer takes ten steps on a
// 3-variable quadratic and an accepted schedule ten steps without
// panicking (issue 13: the builders, not only the spec syntax).
func FuzzBuilders(f *testing.F) {
	for _, s := range []string{"adam:lr=0.01", "sgd:lr=0.1,momentum=0.9,nesterov=true", "rmsprop:alpha=2", "lbfgs:history=3",
		"cosine:t_max=5", "onecycle:max_lr=1", "step:step_size=0", "mlp:hidden=3,2,act=tanh", "linear:l2=-1",
		"rosenbrock:n=4", "quadratic:n=3,kappa=1e300", "bb:memory=0", "adagrad:lr_decay=-1", "polyak:f_star=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sp, err := spec.Parse(text)
		if err != nil {
			return
		}
		if a, err := optim.NewSpec(sp); err == nil {
			if o, ok := a.(optim.Optimizer); ok && optim.CheckMemory(a, 3, 10) == nil {
				o.Init(3)
				x, g := []float64{1, -2, 3}, make([]float64, 3)
				for range 10 {
					for i, v := range x {
						g[i] = v * float64(i+1)
					}
					o.Step(x, g)
				}
			}
		}
		if s, err := schedule.NewSpec(sp, schedule.Context{BaseLR: 0.1, Steps: 10}); err == nil {
			s.Init(0.1)
			for range 10 {
				s.Step(1)
				if v := s.LR(); math.IsNaN(v) {
					t.Fatalf("schedule %s gives lr NaN", text)
				}
			}
		}
		if sp.Name == "mlp" || sp.Name == "linear" || sp.Name == "logistic" || sp.Name == "softmax" {
			model.New(sp, model.Multiclass, 4, []float64{0, 1, 2})
		}
		if fn, err := testfunc.New(sp); err == nil && fn.Dim() <= 1000 {
			x := make([]float64, fn.Dim())
			g := make([]float64, fn.Dim())
			fn.ValueGrad(g, x)
		}
	})
}

package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// DoG is Distance over Gradients, a learning-rate-free step size from
// Ivgi, Hinder & Carmon, "DoG is SGD's Best Friend: A Parameter-Free
// Dynamic Step Size Schedule" (ICML 2023), transcribed from the authors'
// PyTorch code (github.com/formll/dog, src/dog/dog.py at commit 8d45cf5,
// v1.0.3) for one parameter group. With g = ∇f(x) (plus λx when the weight
// decay λ is set) at step t:
//
//	r̄₀ = r_ε·(1 + ‖x₀‖),  G₀ = ‖g₀‖² + ε          (first step)
//	r̄_t = max(r̄_{t−1}, ‖x_t − x₀‖),  G_t = G_{t−1} + ‖g_t‖²
//	η_t = c·r̄_t/√G_t                              (init_eta overrides η₀)
//	x ← x − η_t·g
//
// The step grows with the distance travelled and shrinks with the gradients
// seen, so no learning rate is tuned: c (lr) is 1 and the authors advise
// keeping it. The effective step η_t is reported by EffectiveStep.
//
// The zero value is the reference defaults: r_ε = 1e-6, c = 1, ε = 1e-8,
// no weight decay, η₀ from r_ε.
type DoG struct {
	RepsRel      float64 // r_ε, relative to 1 + ‖x₀‖; 0 means 1e-6
	LearningRate float64 // c; 0 means 1
	WeightDecay  float64 // λ ≥ 0, added to the gradient
	Eps          float64 // ε > 0 added to G₀; 0 means 1e-8
	InitEta      float64 // η₀ when positive (r_ε is then ignored); 0 means none

	c, eps, reps, rbar, g2, eta float64
	n, t                        int
	x0                          []float64
}

func init() {
	Register(Entry{
		Name:    "dog",
		Summary: "DoG, distance over gradients: a learning-rate-free step r̄/√Σ‖g‖² (Ivgi et al. 2023, formll/dog)",
		Params: []spec.Field{
			{Key: "reps_rel", Kind: spec.Float, Default: "1e-06", Doc: "r_ε: the first step's distance, relative to 1 + ‖x₀‖"},
			{Key: "lr", Kind: spec.Float, Default: "1", Doc: "c, a multiplier of the step (the authors advise 1)"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "λ: λx is added to the gradient"},
			{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "ε added to the first squared gradient norm"},
			{Key: "init_eta", Kind: spec.Float, Default: "0", Doc: "the first step size, overriding reps_rel when positive"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &DoG{
				RepsRel:      a.Float("reps_rel"),
				LearningRate: param.Explicit(a.Float("lr")),
				WeightDecay:  a.Float("weight_decay"),
				Eps:          a.Float("eps"),
				InitEta:      a.Float("init_eta"),
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and checks them as the reference does: c
// > 0, r_ε > 0 unless init_eta is set, init_eta ≥ 0, λ ≥ 0, ε ≥ 0.
func (o *DoG) resolve() error {
	o.c = param.OrDefault(o.LearningRate, 1)
	o.eps = o.Eps
	if o.eps == 0 {
		o.eps = 1e-8
	}
	o.reps = o.RepsRel
	if o.reps == 0 {
		o.reps = 1e-6
	}
	switch {
	case !(o.c > 0) || math.IsInf(o.c, 0):
		return fmt.Errorf("invalid lr %g: must be > 0", o.c)
	case !(o.reps > 0) || math.IsInf(o.reps, 0):
		return fmt.Errorf("invalid reps_rel %g: must be > 0", o.reps)
	}
	if !(o.eps > 0) || math.IsInf(o.eps, 0) {
		// The reference asserts G > 0; with ε = 0 a zero first gradient
		// fails it.
		return fmt.Errorf("invalid eps %g: must be > 0", o.eps)
	}
	return firstErr(nonNegative("init_eta", o.InitEta), nonNegative("weight_decay", o.WeightDecay))
}

// Init prepares DoG for n parameters and clears its state. It panics if a
// field is invalid.
func (o *DoG) Init(n int) {
	err := o.resolve()
	mustInit("dog", n, err)
	o.n, o.t = n, 0
	o.rbar, o.g2, o.eta = 0, 0, 0
	o.x0 = zeros(o.x0, n)
}

// Step performs one DoG update of x in place from g = ∇f(x).
func (o *DoG) Step(x, g []float64) {
	checkStep("dog", x, g, o.n)
	g = g[:len(x)]
	wd := o.WeightDecay
	grad := func(i int) float64 {
		if wd > 0 {
			return g[i] + wd*x[i] // p.grad.add_(p, alpha=weight_decay)
		}
		return g[i]
	}
	var gg float64
	for i := range x {
		gi := grad(i)
		gg += gi * gi
	}
	if o.t == 0 {
		copy(o.x0, x)
		var xx float64
		for _, v := range x {
			xx += v * v
		}
		if o.InitEta > 0 {
			o.rbar = 0 // reps_rel = 0 in the reference
		} else {
			o.rbar = o.reps * (1 + math.Sqrt(xx))
		}
		o.g2 = gg + o.eps
	} else {
		var dd float64
		for i, v := range x {
			d := v - o.x0[i]
			dd += d * d
		}
		o.rbar = math.Max(o.rbar, math.Sqrt(dd))
		o.g2 += gg
	}
	o.eta = o.c * o.rbar / math.Sqrt(o.g2)
	if o.t == 0 && o.InitEta > 0 {
		o.eta = o.InitEta
	}
	o.t++
	for i := range x {
		x[i] -= o.eta * grad(i)
	}
}

// EffectiveStep returns η_t, the step size DoG chose at its last step (0
// before the first).
func (o *DoG) EffectiveStep() float64 { return o.eta }

// LR returns c, the multiplier of DoG's step.
func (o *DoG) LR() float64 { return o.c }

// SetLR sets c for the following steps.
func (o *DoG) SetLR(lr float64) { o.c = lr }

// State returns the step count, r̄, G, η, c and x₀.
func (o *DoG) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"rbar": o.rbar, "G": o.g2, "eta": o.eta, "lr": o.c},
		Vectors: map[string][]float64{"init_buffer": o.x0}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *DoG) SetState(st State) error {
	if err := loadState("dog", st, o.n, []scalarSlot{{"rbar", &o.rbar}, {"G", &o.g2}, {"eta", &o.eta}, {"lr", &o.c}}, []vectorSlot{{"init_buffer", o.x0}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

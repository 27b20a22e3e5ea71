package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Adagrad scales each coordinate's step by the root of its accumulated
// squared gradients, step for step torch.optim.Adagrad (PyTorch 2.x,
// single-tensor path). At step t, with g = ∇f(x):
//
//	g   ← g + λ·x                      (weight decay λ)
//	lr̃  ← lr / (1 + (t−1)·η)           (lr decay η)
//	s   ← s + g²                       (s₀ = initial accumulator value)
//	x   ← x − lr̃·g / (√s + ε)
//
// Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning
// and Stochastic Optimization", JMLR 12 (2011).
//
// The zero value is PyTorch's default: lr = 0.01, ε = 1e-10.
type Adagrad struct {
	LearningRate            float64 // lr; 0 means 0.01 (use Zero for a literal 0)
	LRDecay                 float64 // η ≥ 0
	WeightDecay             float64 // λ ≥ 0, L2 penalty added to the gradient
	InitialAccumulatorValue float64 // s₀ ≥ 0
	Eps                     float64 // ε; 0 means 1e-10 (use Zero for a literal 0)

	lr, eps float64
	n, t    int
	sum     []float64
}

func init() {
	Register(Entry{
		Name:    "adagrad",
		Summary: "Adagrad, per-coordinate steps lr/√Σg² (torch.optim.Adagrad; Duchi et al. 2011)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.01", Doc: "learning rate"},
			{Key: "lr_decay", Kind: spec.Float, Default: "0", Doc: "learning rate decay η: lr/(1+(t−1)η)"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "L2 penalty λ added to the gradient"},
			{Key: "initial_accumulator_value", Kind: spec.Float, Default: "0", Doc: "initial value of the sum of squared gradients"},
			{Key: "eps", Kind: spec.Float, Default: "1e-10", Doc: "term added to the denominator"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Adagrad{
				LearningRate:            param.Explicit(a.Float("lr")),
				LRDecay:                 a.Float("lr_decay"),
				WeightDecay:             a.Float("weight_decay"),
				InitialAccumulatorValue: a.Float("initial_accumulator_value"),
				Eps:                     param.Explicit(a.Float("eps")),
			}
			if _, _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *Adagrad) resolve() (lr, eps float64, err error) {
	lr, eps = param.OrDefault(o.LearningRate, 0.01), param.OrDefault(o.Eps, 1e-10)
	err = firstErr(
		nonNegative("lr", lr),
		nonNegative("lr_decay", o.LRDecay),
		nonNegative("weight_decay", o.WeightDecay),
		nonNegative("initial_accumulator_value", o.InitialAccumulatorValue),
		nonNegative("eps", eps),
	)
	return lr, eps, err
}

// Init prepares Adagrad for n parameters and clears its state (the
// accumulator starts at InitialAccumulatorValue). It panics if a field is
// invalid.
func (o *Adagrad) Init(n int) {
	lr, eps, err := o.resolve()
	mustInit("adagrad", n, err)
	o.lr, o.eps, o.n, o.t = lr, eps, n, 0
	o.sum = zeros(o.sum, n)
	if s0 := o.InitialAccumulatorValue; s0 != 0 {
		for i := range o.sum {
			o.sum[i] = s0
		}
	}
}

// Step performs one Adagrad update of x in place from g = ∇f(x).
func (o *Adagrad) Step(x, g []float64) {
	checkStep("adagrad", x, g, o.n)
	o.t++
	g = g[:len(x)]
	sum := o.sum[:len(x)]
	wd, eps := o.WeightDecay, o.eps
	clr := o.lr / (1 + float64(float64(o.t-1)*o.LRDecay)) // float64(): no FMA, as in Python
	for i, gi := range g {
		if wd != 0 {
			gi = math.FMA(wd, x[i], gi)
		}
		s := math.FMA(gi, gi, sum[i])
		sum[i] = s
		x[i] += -clr * gi / (math.Sqrt(s) + eps)
	}
}

// LR returns the learning rate in use (before lr decay).
func (o *Adagrad) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *Adagrad) SetLR(lr float64) { o.lr = lr }

// State returns the step count, learning rate and accumulator "sum".
func (o *Adagrad) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}, Vectors: map[string][]float64{"sum": o.sum}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *Adagrad) SetState(st State) error {
	if err := loadState("adagrad", st, o.n, []scalarSlot{{"lr", &o.lr}}, []vectorSlot{{"sum", o.sum}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

// EffectiveLR stores lr̃/(√sᵢ + ε) in dst and returns it, where sᵢ is the
// accumulated squared gradient and lr̃ = lr/(1 + (t−1)·η) the decayed rate
// of the last step t: the step coordinate i takes per unit of gradient.
// Before the first step every value is lr. A nil dst is allocated;
// otherwise len(dst) must be the n given to Init.
func (o *Adagrad) EffectiveLR(dst []float64) []float64 {
	dst = effectiveDst("adagrad", dst, o.n)
	if o.t == 0 {
		return fill(dst, o.lr)
	}
	clr := o.lr / (1 + float64(float64(o.t-1)*o.LRDecay))
	for i, s := range o.sum[:o.n] {
		dst[i] = clr / (math.Sqrt(s) + o.eps)
	}
	return dst
}

// momentum is 0: Adagrad has no momentum.
func (o *Adagrad) momentum() float64 { return 0 }

package optim

import (
	"math"

	"github.com/descentgo/descent/spec"
)

// NAdam is Adam with Nesterov momentum, step for step torch.optim.NAdam
// (PyTorch 2.x, single-tensor path; 1.x multiplied μₜ twice into the next
// μ-product, which 2.0 fixed and this follows). At step t, with g = ∇f(x)
// (−∇f(x) when maximizing) and momentum decay ψ:
//
//	x  ← (1 − lr·λ)·x  if decoupled, else  g ← g + λ·x    (weight decay λ)
//	μₜ ← β₁(1 − ½·0.96^(tψ)),   μₜ₊₁ ← β₁(1 − ½·0.96^((t+1)ψ))
//	Πₜ ← Πₜ₋₁·μₜ                                         (Π₀ = 1)
//	m  ← β₁·m + (1−β₁)·g,   v ← β₂·v + (1−β₂)·g²
//	d  ← √(v/(1−β₂ᵗ)) + ε
//	x  ← x − lr(1−μₜ)/(1−Πₜ) · g/d
//	x  ← x − lr·μₜ₊₁/(1−Πₜ·μₜ₊₁) · m/d
//
// Dozat, "Incorporating Nesterov Momentum into Adam" (ICLR 2016 workshop);
// decoupled weight decay (NAdamW) is Loshchilov & Hutter (ICLR 2019).
//
// The zero value is PyTorch's default: lr = 0.002, β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8, ψ = 0.004.
type NAdam struct {
	LearningRate         float64 // lr; 0 means 0.002 (use Zero for a literal 0)
	Beta1                float64 // β₁ ∈ [0, 1); 0 means 0.9 (use Zero for a literal 0)
	Beta2                float64 // β₂ ∈ [0, 1); 0 means 0.999 (use Zero for a literal 0)
	Eps                  float64 // ε; 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay          float64 // λ ≥ 0
	MomentumDecay        float64 // ψ ≥ 0; 0 means 0.004 (use Zero for a literal 0)
	DecoupledWeightDecay bool    // AdamW-style decay x ← (1−lr·λ)x instead of the L2 term
	Maximize             bool    // ascend instead of descend

	lr, beta1, beta2, eps, psi float64
	n, t                       int
	muProduct                  float64   // mu_product Πₜ
	m, v                       []float64 // exp_avg, exp_avg_sq
}

func init() {
	Register(Entry{
		Name:    "nadam",
		Summary: "NAdam, Adam with Nesterov momentum (torch.optim.NAdam; Dozat 2016)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.002", Doc: "learning rate"},
			{Key: "beta1", Kind: spec.Float, Default: "0.9", Doc: "decay β₁ of the first moment"},
			{Key: "beta2", Kind: spec.Float, Default: "0.999", Doc: "decay β₂ of the second moment"},
			{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "term added to the denominator"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "weight decay λ (L2 penalty, or decoupled)"},
			{Key: "momentum_decay", Kind: spec.Float, Default: "0.004", Doc: "momentum decay ψ"},
			{Key: "decoupled_weight_decay", Kind: spec.Bool, Default: "false", Doc: "decoupled weight decay (NAdamW)"},
			{Key: "maximize", Kind: spec.Bool, Default: "false", Doc: "maximize instead of minimize"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &NAdam{
				LearningRate:         explicit(a.Float("lr")),
				Beta1:                explicit(a.Float("beta1")),
				Beta2:                explicit(a.Float("beta2")),
				Eps:                  explicit(a.Float("eps")),
				WeightDecay:          a.Float("weight_decay"),
				MomentumDecay:        explicit(a.Float("momentum_decay")),
				DecoupledWeightDecay: a.Bool("decoupled_weight_decay"),
				Maximize:             a.Bool("maximize"),
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults (into the unexported fields) and checks them.
func (o *NAdam) resolve() error {
	o.lr, o.beta1, o.beta2 = orDefault(o.LearningRate, 0.002), orDefault(o.Beta1, 0.9), orDefault(o.Beta2, 0.999)
	o.eps, o.psi = orDefault(o.Eps, 1e-8), orDefault(o.MomentumDecay, 0.004)
	return firstErr(
		nonNegative("lr", o.lr),
		inUnit("beta1", o.beta1, false),
		inUnit("beta2", o.beta2, false),
		nonNegative("eps", o.eps),
		nonNegative("weight_decay", o.WeightDecay),
		nonNegative("momentum_decay", o.psi),
	)
}

// Init prepares NAdam for n parameters and clears its state. It panics if a
// field is invalid.
func (o *NAdam) Init(n int) {
	mustInit("nadam", n, o.resolve())
	o.n, o.t, o.muProduct = n, 0, 1
	o.m, o.v = zeros(o.m, n), zeros(o.v, n)
}

// Step performs one NAdam update of x in place from g = ∇f(x).
func (o *NAdam) Step(x, g []float64) {
	checkStep("nadam", x, g, o.n)
	o.t++
	g = g[:len(x)]
	m, v := o.m[:len(x)], o.v[:len(x)]
	lr, b1, b2, eps, wd, neg := o.lr, o.beta1, o.beta2, o.eps, o.WeightDecay, o.Maximize
	t := float64(o.t)
	bc2 := 1 - math.Pow(b2, t)
	decay, l2 := 1.0, 0.0
	if wd != 0 {
		if o.DecoupledWeightDecay {
			decay = 1 - lr*wd
		} else {
			l2 = wd
		}
	}
	mu := b1 * (1 - 0.5*math.Pow(0.96, t*o.psi))
	muNext := b1 * (1 - 0.5*math.Pow(0.96, (t+1)*o.psi))
	o.muProduct *= mu
	muProductNext := o.muProduct * muNext
	cg := -lr * (1 - mu) / (1 - o.muProduct)
	cm := -lr * muNext / (1 - muProductNext)
	w1, w2 := 1-b1, 1-b2
	for i, gi := range g {
		if neg {
			gi = -gi
		}
		if decay != 1 {
			x[i] *= decay
		}
		if l2 != 0 {
			gi = math.FMA(l2, x[i], gi)
		}
		mi := lerp(m[i], gi, w1)
		m[i] = mi
		vi := math.FMA(w2*gi, gi, v[i]*b2)
		v[i] = vi
		d := math.Sqrt(vi/bc2) + eps
		xi := x[i] + cg*gi/d
		x[i] = xi + cm*mi/d
	}
}

// LR returns the learning rate in use.
func (o *NAdam) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *NAdam) SetLR(lr float64) { o.lr = lr }

// Maximizes reports whether NAdam ascends.
func (o *NAdam) Maximizes() bool { return o.Maximize }

// State returns the step count, the learning rate and μ-product
// ("mu_product") scalars, and the exp_avg and exp_avg_sq vectors.
func (o *NAdam) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr, "mu_product": o.muProduct},
		Vectors: map[string][]float64{"exp_avg": o.m, "exp_avg_sq": o.v}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *NAdam) SetState(st State) error {
	err := loadState("nadam", st, o.n, []scalarSlot{{"lr", &o.lr}, {"mu_product", &o.muProduct}},
		[]vectorSlot{{"exp_avg", o.m}, {"exp_avg_sq", o.v}})
	if err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

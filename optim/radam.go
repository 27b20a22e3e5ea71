package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// RAdam is rectified Adam, step for step torch.optim.RAdam (PyTorch 2.x,
// single-tensor path): while the variance of the adaptive step is not yet
// tractable (ρₜ ≤ 5) it takes plain momentum steps, afterwards Adam steps
// scaled by the rectification rₜ. At step t, with g = ∇f(x):
//
//	x  ← (1 − lr·λ)·x  if decoupled, else  g ← g + λ·x    (weight decay λ)
//	m  ← β₁·m + (1−β₁)·g,   v ← β₂·v + (1−β₂)·g²
//	m̂  ← m/(1−β₁ᵗ)
//	ρ∞ ← 2/(1−β₂) − 1,   ρₜ ← ρ∞ − 2t·β₂ᵗ/(1−β₂ᵗ)
//	if ρₜ > 5:  rₜ ← √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))
//	            x ← x − lr·m̂ · √(1−β₂ᵗ)/(√v + ε) · rₜ
//	else:       x ← x − lr·m̂
//
// Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond"
// (ICLR 2020); decoupled weight decay is Loshchilov & Hutter (ICLR 2019).
//
// The zero value is PyTorch's default: lr = 0.001, β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8.
type RAdam struct {
	LearningRate         float64 // lr; 0 means 0.001 (use Zero for a literal 0)
	Beta1                float64 // β₁ ∈ [0, 1); 0 means 0.9 (use Zero for a literal 0)
	Beta2                float64 // β₂ ∈ [0, 1); 0 means 0.999 (use Zero for a literal 0)
	Eps                  float64 // ε; 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay          float64 // λ ≥ 0
	DecoupledWeightDecay bool    // AdamW-style decay x ← (1−lr·λ)x instead of the L2 term

	moments
	rhoInf, rhoDen float64 // ρ∞ = 2/(1−β₂) − 1 and (ρ∞−4)(ρ∞−2)
	n, t           int
	p1, p2         powSeq    // β₁ᵗ, β₂ᵗ
	m, v           []float64 // exp_avg, exp_avg_sq
}

func init() {
	Register(Entry{
		Name:    "radam",
		Summary: "RAdam, Adam with variance rectification (torch.optim.RAdam; Liu et al. 2020)",
		Params: momentFields("0.001", "decay β₂ of the second moment", "term added to the denominator",
			"0", "weight decay λ (L2 penalty, or decoupled)",
			spec.Field{Key: "decoupled_weight_decay", Kind: spec.Bool, Default: "false", Doc: "decoupled weight decay (RAdamW)"}),
		New: func(a spec.Args) (Algorithm, error) {
			lr, b1, b2, eps := momentArgs(a)
			o := &RAdam{
				LearningRate:         lr,
				Beta1:                b1,
				Beta2:                b2,
				Eps:                  eps,
				WeightDecay:          a.Float("weight_decay"),
				DecoupledWeightDecay: a.Bool("decoupled_weight_decay"),
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults (into the unexported fields) and checks them.
func (o *RAdam) resolve() error {
	o.moments = resolveMoments(o.LearningRate, o.Beta1, o.Beta2, o.Eps, 0.001)
	return o.moments.check(o.WeightDecay)
}

// Init prepares RAdam for n parameters and clears its state. It panics if a
// field is invalid.
func (o *RAdam) Init(n int) {
	mustInit("radam", n, o.resolve())
	o.n, o.t = n, 0
	o.rhoInf = 2/(1-o.beta2) - 1
	o.rhoDen = (o.rhoInf - 4) * (o.rhoInf - 2)
	o.p1.reset(o.beta1)
	o.p2.reset(o.beta2)
	o.m, o.v = zeros(o.m, n), zeros(o.v, n)
}

// UnscaledSteps returns the number of first steps with ρₜ ≤ 5, where
// RAdam takes momentum steps x ← x − lr·m̂ (5 at β₂ = 0.999; see
// Unscaled). At β₂ ≤ 2/3, where ρ∞ ≤ 5, every step is one: it returns
// maxUnscaled.
func (o *RAdam) UnscaledSteps() int {
	c := *o
	if c.resolve() != nil {
		return 0
	}
	rhoInf, b2t := 2/(1-c.beta2)-1, 1.0
	for t := 1; t <= maxUnscaled; t++ {
		b2t *= c.beta2
		if rhoInf-2*float64(t)*b2t/(1-b2t) > 5 {
			return t - 1
		}
	}
	return maxUnscaled
}

// maxUnscaled bounds RAdam.UnscaledSteps.
const maxUnscaled = 1 << 20

// SetMomentum sets β₁ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum); the bias correction uses the current
// β₁: 1 − β₁ᵗ, as torch's radam.py.
func (o *RAdam) SetMomentum(b1 float64) { o.setMomentum(b1) }

// Step performs one RAdam update of x in place from g = ∇f(x).
func (o *RAdam) Step(x, g []float64) {
	checkStep("radam", x, g, o.n)
	o.t++
	g = g[:len(x)]
	m, v := o.m[:len(x)], o.v[:len(x)]
	lr, b1, b2, eps, wd := o.lr, o.beta1, o.beta2, o.eps, o.WeightDecay
	t := float64(o.t)
	decay, l2 := 1.0, 0.0
	if wd != 0 {
		if o.DecoupledWeightDecay {
			decay = 1 - float64(lr*wd)
		} else {
			l2 = wd
		}
	}
	bc1 := 1 - o.pow1(&o.p1, o.t)
	b2t := o.p2.next()
	bc2 := 1 - b2t
	rhoInf := o.rhoInf
	rhoT := rhoInf - 2*t*b2t/bc2
	rectified := rhoT > 5
	var rect, bc2sqrt float64
	if rectified {
		rect = math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / (o.rhoDen * rhoT))
		bc2sqrt = math.Sqrt(bc2)
	}
	w1, w2 := 1-b1, 1-b2
	for i, gi := range g {
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
		mhat := mi / bc1
		if rectified {
			// torch evaluates c / tensor as tensor.reciprocal() * c.
			adaptive := 1 / (math.Sqrt(vi) + eps) * bc2sqrt
			x[i] -= mhat * lr * adaptive * rect
		} else {
			x[i] -= mhat * lr
		}
	}
}

// LR returns the learning rate in use.
func (o *RAdam) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *RAdam) SetLR(lr float64) { o.lr = lr }

// State returns the step count, learning rate and the exp_avg and
// exp_avg_sq vectors.
func (o *RAdam) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr},
		Vectors: map[string][]float64{"exp_avg": o.m, "exp_avg_sq": o.v}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *RAdam) SetState(st State) error {
	err := loadState("radam", st, o.n, []scalarSlot{{"lr", &o.lr}},
		[]vectorSlot{{"exp_avg", o.m}, {"exp_avg_sq", o.v}})
	if err != nil {
		return err
	}
	o.t = st.Step
	o.p1.seek(o.t)
	o.p2.seek(o.t)
	return nil
}

// EffectiveLR stores, per coordinate, the step RAdam takes per unit of the
// bias-corrected first moment m̂ at the last step t, and returns dst: when
// the rectification was on (ρₜ > 5), lr·rₜ·√(1−β₂ᵗ)/(√vᵢ + ε), that is
// lr·rₜ/(√v̂ᵢ + ε/√(1−β₂ᵗ)); when it was off (ρₜ ≤ 5, the first steps:
// t ≤ 5 for β₂ = 0.999) the step is plain momentum, x ← x − lr·m̂, with no
// division by the second moment, and every value is lr (Liu et al. 2020,
// Algorithm 2). Before the first step every value is lr. A nil dst is
// allocated; otherwise len(dst) must be the n given to Init.
func (o *RAdam) EffectiveLR(dst []float64) []float64 {
	dst = effectiveDst("radam", dst, o.n)
	if o.t == 0 {
		return fill(dst, o.lr)
	}
	t := float64(o.t)
	b2t := o.p2.hi // β₂ᵗ
	bc2 := 1 - b2t
	rhoT := o.rhoInf - 2*t*b2t/bc2
	if !(rhoT > 5) {
		return fill(dst, o.lr)
	}
	rect := math.Sqrt((rhoT - 4) * (rhoT - 2) * o.rhoInf / (o.rhoDen * rhoT))
	bc2sqrt := math.Sqrt(bc2)
	for i, vi := range o.v[:o.n] {
		adaptive := 1 / (math.Sqrt(vi) + o.eps) * bc2sqrt
		dst[i] = o.lr * adaptive * rect
	}
	return dst
}

// momentum is β₁, the first moment's decay.
func (o *RAdam) momentum() float64 { return param.OrDefault(o.Beta1, 0.9) }

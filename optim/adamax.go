package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Adamax is the infinity-norm variant of Adam, step for step
// torch.optim.Adamax (PyTorch 2.x, single-tensor path). At step t, with
// g = ∇f(x):
//
//	g ← g + λ·x                   (weight decay λ)
//	m ← β₁·m + (1−β₁)·g           (as torch: m.lerp_(g, 1−β₁))
//	u ← max(β₂·u, |g| + ε)
//	x ← x − (lr/(1−β₁ᵗ)) · m/u
//
// Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015),
// section 7.1.
//
// The zero value is PyTorch's default: lr = 0.002, β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8.
type Adamax struct {
	LearningRate float64 // lr; 0 means 0.002 (use Zero for a literal 0)
	Beta1        float64 // β₁ ∈ [0, 1); 0 means 0.9 (use Zero for a literal 0)
	Beta2        float64 // β₂ ∈ [0, 1); 0 means 0.999 (use Zero for a literal 0)
	Eps          float64 // ε; 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay  float64 // λ ≥ 0, L2 penalty added to the gradient

	moments
	n, t int
	p1   powSeq    // β₁ᵗ
	m, u []float64 // exp_avg, exp_inf
}

func init() {
	Register(Entry{
		Name:    "adamax",
		Summary: "Adamax, Adam with an infinity-norm second moment (torch.optim.Adamax; Kingma & Ba 2015)",
		Params: momentFields("0.002", "decay β₂ of the infinity norm", "term added to |g|",
			"0", "L2 penalty λ added to the gradient"),
		New: func(a spec.Args) (Algorithm, error) {
			lr, b1, b2, eps := momentArgs(a)
			o := &Adamax{
				LearningRate: lr,
				Beta1:        b1,
				Beta2:        b2,
				Eps:          eps,
				WeightDecay:  a.Float("weight_decay"),
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults (into the unexported fields) and checks them.
func (o *Adamax) resolve() error {
	o.moments = resolveMoments(o.LearningRate, o.Beta1, o.Beta2, o.Eps, 0.002)
	return o.moments.check(o.WeightDecay)
}

// Init prepares Adamax for n parameters and clears its state. It panics if
// a field is invalid.
func (o *Adamax) Init(n int) {
	mustInit("adamax", n, o.resolve())
	o.n, o.t = n, 0
	o.p1.reset(o.beta1)
	o.m, o.u = zeros(o.m, n), zeros(o.u, n)
}

// SetMomentum sets β₁ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum); the bias correction uses the current
// β₁: 1 − β₁ᵗ, as torch's adamax.py.
func (o *Adamax) SetMomentum(b1 float64) { o.setMomentum(b1) }

// Step performs one Adamax update of x in place from g = ∇f(x).
func (o *Adamax) Step(x, g []float64) {
	checkStep("adamax", x, g, o.n)
	o.t++
	g = g[:len(x)]
	m, u := o.m[:len(x)], o.u[:len(x)]
	b2, eps, wd := o.beta2, o.eps, o.WeightDecay
	w1 := 1 - o.beta1
	clr := o.lr / (1 - o.pow1(&o.p1, o.t))
	for i, gi := range g {
		if wd != 0 {
			gi = math.FMA(wd, x[i], gi)
		}
		mi := lerp(m[i], gi, w1)
		m[i] = mi
		ui := maxNaN(u[i]*b2, math.Abs(gi)+eps)
		u[i] = ui
		x[i] += -clr * mi / ui
	}
}

// LR returns the learning rate in use.
func (o *Adamax) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *Adamax) SetLR(lr float64) { o.lr = lr }

// State returns the step count, learning rate and the exp_avg and exp_inf
// vectors.
func (o *Adamax) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr},
		Vectors: map[string][]float64{"exp_avg": o.m, "exp_inf": o.u}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *Adamax) SetState(st State) error {
	err := loadState("adamax", st, o.n, []scalarSlot{{"lr", &o.lr}},
		[]vectorSlot{{"exp_avg", o.m}, {"exp_inf", o.u}})
	if err != nil {
		return err
	}
	o.t = st.Step
	o.p1.seek(o.t)
	return nil
}

// EffectiveLR stores lr/uᵢ in dst and returns it, u = max(β₂·u, |g|+ε) the
// exponentially weighted infinity norm after the last step: the step
// coordinate i takes per unit of the bias-corrected first moment
// m̂ = m/(1−β₁ᵗ), since the update is x ← x − (lr/(1−β₁ᵗ))·m/u = x − lr·m̂/u
// (Kingma & Ba 2015, Algorithm 2). Per unit of the raw m it is
// lr/((1−β₁ᵗ)·uᵢ). Before the first step every value is lr. A nil dst is
// allocated; otherwise len(dst) must be the n given to Init.
func (o *Adamax) EffectiveLR(dst []float64) []float64 {
	dst = effectiveDst("adamax", dst, o.n)
	if o.t == 0 {
		return fill(dst, o.lr)
	}
	for i, ui := range o.u[:o.n] {
		dst[i] = o.lr / ui
	}
	return dst
}

// momentum is β₁, the first moment's decay.
func (o *Adamax) momentum() float64 { return param.OrDefault(o.Beta1, 0.9) }

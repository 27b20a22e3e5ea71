package optim

import (
	"github.com/descentgo/descent/internal/kernel"

	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Adam is adaptive moment estimation, step for step torch.optim.Adam
// (PyTorch 2.x, single-tensor path), with the AMSGrad variant and optional
// decoupled (AdamW) weight decay. At step t, with g = ∇f(x):
//
//	x ← (1 − lr·λ)·x               (weight decay λ, decoupled)
//	g ← g + λ·x                    (weight decay λ, L2: not decoupled)
//	m ← β₁·m + (1−β₁)·g            (as torch: m.lerp_(g, 1−β₁))
//	v ← β₂·v + (1−β₂)·g²
//	v̂ ← max(v̂, v)                  (AMSGrad; else v̂ = v)
//	x ← x − (lr/(1−β₁ᵗ)) · m / (√v̂/√(1−β₂ᵗ) + ε)
//
// Kingma & Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015);
// AMSGrad is Reddi, Kale & Kumar, "On the Convergence of Adam and Beyond"
// (ICLR 2018); decoupled weight decay is Loshchilov & Hutter, "Decoupled
// Weight Decay Regularization" (ICLR 2019).
//
// The zero value is PyTorch's default: lr = 0.001, β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8, no weight decay.
type Adam struct {
	LearningRate         float64 // lr; 0 means 0.001 (use Zero for a literal 0)
	Beta1                float64 // β₁ ∈ [0, 1); 0 means 0.9 (use Zero for a literal 0)
	Beta2                float64 // β₂ ∈ [0, 1); 0 means 0.999 (use Zero for a literal 0)
	Eps                  float64 // ε; 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay          float64 // λ ≥ 0
	Amsgrad              bool    // AMSGrad: normalize by the running maximum of v
	DecoupledWeightDecay bool    // AdamW-style decay x ← (1−lr·λ)x instead of the L2 term

	c adamCore
}

func init() {
	Register(Entry{
		Name:    "adam",
		Summary: "Adam with AMSGrad and decoupled weight decay (torch.optim.Adam; Kingma & Ba 2015, Reddi et al. 2018)",
		Params: momentFields("0.001", "decay β₂ of the second moment", "term added to the denominator",
			"0", "weight decay λ (L2 penalty, or decoupled)",
			spec.Field{Key: "amsgrad", Kind: spec.Bool, Default: "false", Doc: "AMSGrad variant (Reddi et al. 2018)"},
			spec.Field{Key: "decoupled_weight_decay", Kind: spec.Bool, Default: "false", Doc: "decoupled weight decay, making this AdamW"}),
		New: func(a spec.Args) (Algorithm, error) {
			lr, b1, b2, eps := momentArgs(a)
			o := &Adam{
				LearningRate:         lr,
				Beta1:                b1,
				Beta2:                b2,
				Eps:                  eps,
				WeightDecay:          a.Float("weight_decay"),
				Amsgrad:              a.Bool("amsgrad"),
				DecoupledWeightDecay: a.Bool("decoupled_weight_decay"),
			}
			if _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *Adam) resolve() (adamCore, error) {
	c := adamCore{
		name:      "adam",
		moments:   resolveMoments(o.LearningRate, o.Beta1, o.Beta2, o.Eps, 0.001),
		wd:        o.WeightDecay,
		amsgrad:   o.Amsgrad,
		decoupled: o.DecoupledWeightDecay,
	}
	return c, c.check()
}

// Init prepares Adam for n parameters and clears its state. It panics if a
// field is invalid.
func (o *Adam) Init(n int) {
	c, err := o.resolve()
	mustInit("adam", n, err)
	o.c.init(c, n)
}

// Step performs one Adam update of x in place from g = ∇f(x).
func (o *Adam) Step(x, g []float64) { o.c.step(x, g) }

// LR returns the learning rate in use.
func (o *Adam) LR() float64 { return o.c.lr }

// SetLR sets the learning rate for the following steps.
func (o *Adam) SetLR(lr float64) { o.c.lr = lr }

// State returns the step count, learning rate and the exp_avg, exp_avg_sq
// and (AMSGrad) max_exp_avg_sq vectors.
func (o *Adam) State() State { return o.c.state() }

// SetState restores a state saved by State, after Init with the same n.
func (o *Adam) SetState(st State) error { return o.c.setState(st) }

// SetMomentum sets β₁ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum, as torch's OneCycleLR and CyclicLR set
// betas[0]); the bias correction uses the current β₁: 1 − β₁ᵗ.
func (o *Adam) SetMomentum(b1 float64) { o.c.setMomentum(b1) }

// adamCore is the resolved hyperparameters and the state of Adam and AdamW.
type adamCore struct {
	name string
	moments
	wd                 float64
	amsgrad, decoupled bool

	n, t       int
	p1, p2     powSeq    // β₁ᵗ, β₂ᵗ
	m, v, vmax []float64 // exp_avg, exp_avg_sq, max_exp_avg_sq

	// The step in progress, for stepRange on the split's parts.
	x, g                                 []float64
	stepSize, bc2sqrt, w1, w2, decay, l2 float64
	split                                splitter
	body                                 func(lo, hi int) // c.stepRange, made once
}

func (c *adamCore) check() error { return c.moments.check(c.wd) }

// init copies the hyperparameters of h and allocates zeroed state for n
// parameters, reusing the buffers.
func (c *adamCore) init(h adamCore, n int) {
	m, v, vmax := c.m, c.v, c.vmax
	*c = h
	c.n = n
	c.p1.reset(c.beta1)
	c.p2.reset(c.beta2)
	c.m, c.v = zeros(m, n), zeros(v, n)
	c.vmax = vmax[:0]
	if c.amsgrad {
		c.vmax = zeros(vmax, n)
	}
}

func (c *adamCore) step(x, g []float64) {
	checkStep(c.name, x, g, c.n)
	c.t++
	g = g[:len(x)]
	lr, b1, b2, wd := c.lr, c.beta1, c.beta2, c.wd
	c.stepSize = lr / (1 - c.pow1(&c.p1, c.t))
	c.bc2sqrt = math.Sqrt(1 - c.p2.next())
	c.w1, c.w2 = 1-b1, 1-b2
	c.decay, c.l2 = 1.0, 0.0
	if wd != 0 {
		if c.decoupled {
			c.decay = 1 - float64(lr*wd) // float64: rounded as in Python, never fused
		} else {
			c.l2 = wd
		}
	}
	c.x, c.g = x, g
	if c.body == nil {
		c.body = c.stepRange
	}
	// Element-wise: split across cores for many parameters, with the
	// same bits for any split (splitter).
	c.split.run(len(x), c.body)
	c.x, c.g = nil, nil
}

// stepRange is Adam's update of the elements [lo, hi) of the step in
// progress (torch.optim.Adam's single-tensor loop, element by element).
func (c *adamCore) stepRange(lo, hi int) {
	x, g := c.x[lo:hi], c.g[lo:hi]
	m, v := c.m[lo:hi], c.v[lo:hi]
	b2, eps := c.beta2, c.eps
	stepSize, bc2sqrt, w1, w2, decay, l2 := c.stepSize, c.bc2sqrt, c.w1, c.w2, c.decay, c.l2
	var vmax []float64
	if c.amsgrad {
		vmax = c.vmax[lo:hi]
	}
	if vmax == nil && decay == 1 && l2 == 0 && math.Abs(w1) < 0.5 {
		// The plain step, four elements at a time with the same
		// operations (kernel.AdamStep: bit-identical to this loop).
		coef := kernel.AdamCoef{W1: w1, B2: b2, W2: w2, NegStep: -stepSize, BC2Sqrt: bc2sqrt, Eps: eps}
		kernel.AdamStep(x, g, m, v, &coef)
		return
	}
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
		if vmax != nil {
			vi = maxNaN(vmax[i], vi)
			vmax[i] = vi
		}
		x[i] += -stepSize * mi / (math.Sqrt(vi)/bc2sqrt + eps)
	}
}

func (c *adamCore) slots() []vectorSlot {
	s := []vectorSlot{{"exp_avg", c.m}, {"exp_avg_sq", c.v}}
	if c.amsgrad {
		s = append(s, vectorSlot{"max_exp_avg_sq", c.vmax})
	}
	return s
}

func (c *adamCore) state() State {
	st := State{Step: c.t, Scalars: map[string]float64{"lr": c.lr}, Vectors: map[string][]float64{}}
	for _, s := range c.slots() {
		st.Vectors[s.name] = s.dst
	}
	return st
}

func (c *adamCore) setState(st State) error {
	if err := loadState(c.name, st, c.n, []scalarSlot{{"lr", &c.lr}}, c.slots()); err != nil {
		return err
	}
	c.t = st.Step
	c.p1.seek(c.t)
	c.p2.seek(c.t)
	return nil
}

// powInt returns bᵗ for 0 ≤ b < 1, t ≥ 1 rounded as Python's b**t
// (glibc's pow, correctly rounded in practice): square-and-multiply in
// double-double, whose relative error ~2·log₂(t)·2⁻¹⁰⁴ leaves only
// near-ties misrounded.
func powInt(b float64, t int) float64 {
	rh, rl := 1.0, 0.0
	bh, bl := b, 0.0
	for t > 0 {
		if t&1 == 1 {
			rh, rl = ddMul(rh, rl, bh, bl)
		}
		t >>= 1
		if t == 0 {
			break
		}
		bh, bl = ddMul(bh, bl, bh, bl)
		if bh < 0x1p-960 {
			return 0 // only ever meets 1 − bᵗ = 1 (see powSeq.next)
		}
	}
	return rh + rl
}

// powSeq yields bᵗ for t = 1, 2, … rounded as PyTorch's Python-side b**t is
// (glibc's pow, correctly rounded in practice), for two FMAs a step. It
// carries bᵗ as an unevaluated sum hi + lo of two float64s (double-double)
// whose relative error after t steps is about t·2⁻¹⁰⁴, and returns hi, the
// sum rounded to nearest. math.Pow would cost far more and is not correctly
// rounded for integer exponents (math.Pow(0.9, 4) = 0.6561000000000001).
type powSeq struct {
	b, hi, lo float64
	t         int
}

// reset starts the sequence of powers of b ≥ 0 at t = 0.
func (p *powSeq) reset(b float64) { *p = powSeq{b: b, hi: 1} }

// next advances t by one and returns bᵗ.
func (p *powSeq) next() float64 {
	p.t++
	if p.hi == 0 {
		return 0
	}
	ph := p.hi * p.b
	pl := math.FMA(p.hi, p.b, -ph) + p.lo*p.b
	hi := ph + pl
	p.lo = pl - (hi - ph)
	p.hi = hi
	if hi < 0x1p-960 {
		// Powers this small only ever meet 1 − bᵗ = 1 (and ρ∞ − 2t·bᵗ/(1−bᵗ)
		// = ρ∞ in RAdam); flushing them keeps lo out of the subnormals,
		// which are slow.
		p.hi, p.lo = 0, 0
	}
	return p.hi
}

// maxReplay is the number of products seek replays (about 0.2 s); beyond
// it the power comes from math.Pow.
const maxReplay = 1 << 26

// seek moves the sequence to step t by replaying the products, so that the
// state is bitwise the one an uninterrupted run reaches — up to maxReplay
// steps; a later step (a β within 1e-7 of 1, or a corrupt checkpoint's
// step of 4e18, which used to replay for minutes) takes exp(t·log1p(b−1)),
// within about 1e-14 relative of the replay.
func (p *powSeq) seek(t int) {
	p.reset(p.b)
	for p.t < min(t, maxReplay) && p.hi != 0 {
		p.next()
	}
	if t > p.t && p.hi != 0 {
		// exp(t·log1p(b−1)): b−1 is exact near 1, and math.Pow's repeated
		// squaring loses about t·2⁻⁵³ for a large integer t.
		p.hi, p.lo = math.Exp(float64(t)*math.Log1p(p.b-1)), 0
		if p.hi < 0x1p-960 {
			p.hi = 0
		}
	}
	p.t = t
}

// EffectiveLR stores lr/(√v̂ᵢ + ε) in dst and returns it, with v̂ = v/(1−β₂ᵗ)
// (AMSGrad: the running maximum of v, bias-corrected the same way) at the
// last step t: the step coordinate i takes per unit of the bias-corrected
// first moment m̂ = m/(1−β₁ᵗ) (Kingma & Ba 2015, Algorithm 1). Before the
// first step every value is lr. A nil dst is allocated; otherwise len(dst)
// must be the n given to Init.
func (o *Adam) EffectiveLR(dst []float64) []float64 { return o.c.effectiveLR(dst) }

// momentum is β₁, the first moment's decay.
func (o *Adam) momentum() float64 { return param.OrDefault(o.Beta1, 0.9) }

func (c *adamCore) effectiveLR(dst []float64) []float64 {
	dst = effectiveDst(c.name, dst, c.n)
	if c.t == 0 {
		return fill(dst, c.lr)
	}
	bc2sqrt := math.Sqrt(1 - c.p2.hi) // p2.hi = β₂ᵗ
	v := c.v[:c.n]
	if c.amsgrad {
		v = c.vmax[:c.n]
	}
	for i, vi := range v {
		dst[i] = c.lr / (math.Sqrt(vi)/bc2sqrt + c.eps)
	}
	return dst
}

package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// NAdam is Adam with Nesterov momentum, step for step torch.optim.NAdam
// (PyTorch 2.x, single-tensor path; 1.x multiplied μₜ twice into the next
// μ-product, which 2.0 fixed and this follows). At step t, with g = ∇f(x)
// and momentum decay ψ:
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

	moments
	psi       float64
	n, t      int
	muProduct float64   // mu_product Πₜ
	p2        powSeq    // β₂ᵗ
	p96       pow096    // 0.96^(tψ)
	m, v      []float64 // exp_avg, exp_avg_sq
}

func init() {
	Register(Entry{
		Name:    "nadam",
		Summary: "NAdam, Adam with Nesterov momentum (torch.optim.NAdam; Dozat 2016)",
		Params: momentFields("0.002", "decay β₂ of the second moment", "term added to the denominator",
			"0", "weight decay λ (L2 penalty, or decoupled)",
			spec.Field{Key: "momentum_decay", Kind: spec.Float, Default: "0.004", Doc: "momentum decay ψ"},
			spec.Field{Key: "decoupled_weight_decay", Kind: spec.Bool, Default: "false", Doc: "decoupled weight decay (NAdamW)"}),
		New: func(a spec.Args) (Algorithm, error) {
			lr, b1, b2, eps := momentArgs(a)
			o := &NAdam{
				LearningRate:         lr,
				Beta1:                b1,
				Beta2:                b2,
				Eps:                  eps,
				WeightDecay:          a.Float("weight_decay"),
				MomentumDecay:        param.Explicit(a.Float("momentum_decay")),
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
func (o *NAdam) resolve() error {
	o.moments = resolveMoments(o.LearningRate, o.Beta1, o.Beta2, o.Eps, 0.002)
	o.psi = param.OrDefault(o.MomentumDecay, 0.004)
	return firstErr(
		o.moments.check(o.WeightDecay),
		nonNegative("momentum_decay", o.psi),
	)
}

// Init prepares NAdam for n parameters and clears its state. It panics if a
// field is invalid.
func (o *NAdam) Init(n int) {
	mustInit("nadam", n, o.resolve())
	o.n, o.t, o.muProduct = n, 0, 1
	o.p2.reset(o.beta2)
	o.p96.reset(o.psi)
	o.m, o.v = zeros(o.m, n), zeros(o.v, n)
}

// SetMomentum sets β₁ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum): each step's μ_t = β₁·(1 − ½·0.96^(tψ))
// and the running product of the μ's use the current β₁, as torch's
// nadam.py reads group["betas"] at every step.
func (o *NAdam) SetMomentum(b1 float64) { o.setMomentum(b1) }

// Step performs one NAdam update of x in place from g = ∇f(x).
func (o *NAdam) Step(x, g []float64) {
	checkStep("nadam", x, g, o.n)
	o.t++
	g = g[:len(x)]
	m, v := o.m[:len(x)], o.v[:len(x)]
	lr, b1, b2, eps, wd := o.lr, o.beta1, o.beta2, o.eps, o.WeightDecay
	bc2 := 1 - o.p2.next()
	decay, l2 := 1.0, 0.0
	if wd != 0 {
		if o.DecoupledWeightDecay {
			decay = 1 - float64(lr*wd)
		} else {
			l2 = wd
		}
	}
	// 0.96^(tψ) of this step is the 0.96^((t+1)ψ) of the previous one.
	mu := b1 * (1 - 0.5*o.p96.cur)
	muNext := b1 * (1 - 0.5*o.p96.next())
	o.muProduct *= mu
	muProductNext := o.muProduct * muNext
	cg := -lr * (1 - mu) / (1 - o.muProduct)
	cm := -lr * muNext / (1 - muProductNext)
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
		d := math.Sqrt(vi/bc2) + eps
		xi := x[i] + cg*gi/d
		x[i] = xi + cm*mi/d
	}
}

// LR returns the learning rate in use.
func (o *NAdam) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *NAdam) SetLR(lr float64) { o.lr = lr }

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
	o.p2.seek(o.t)
	o.p96.seek(o.t)
	return nil
}

// pow096 yields 0.96^(t·ψ) for t = 1, 2, …, rounded as PyTorch's
// Python-side 0.96 ** (step * momentum_decay) is (glibc's pow, correctly
// rounded in practice). It keeps qₜ = cᵗ, c = 0.96^ψ, as a double-double
// running product and corrects for the rounding of the exponent: with
// e = fl(t·ψ) and δ = t·ψ − e (exact, by FMA), 0.96^e = qₜ·0.96^(−δ) ≈
// qₜ·(1 − δ·ln 0.96). After next, cur is 0.96^(tψ) for the current t and
// the value returned is the one for t+1.
type pow096 struct {
	psi    float64
	ch, cl float64 // c = 0.96^ψ
	qh, ql float64 // c^k
	k      int     // the power qh+ql holds
	cur    float64 // 0.96^(fl(k·ψ))
}

// ln(0.96) as a double-double (0.96 rounded to float64, as Python has it).
const (
	ln096hi = -0x1.4e69ed6d80eb3p-5
	ln096lo = -0x1.067d54cb9a84cp-60
)

// reset starts at t = 0 with cur = 0.96^ψ, the value for t = 1.
func (p *pow096) reset(psi float64) {
	p.psi = psi
	zh, zl := twoProd(psi, ln096hi)
	zh, zl = fastTwoSum(zh, zl+psi*ln096lo)
	p.ch, p.cl = expDD(zh, zl)
	p.qh, p.ql, p.k = 1, 0, 0
	p.cur = p.advance()
}

// advance moves q to the next power k and returns 0.96^(fl(k·ψ)).
func (p *pow096) advance() float64 {
	p.k++
	if p.qh != 0 {
		p.qh, p.ql = ddMul(p.qh, p.ql, p.ch, p.cl)
		if p.qh < 0x1p-960 {
			p.qh, p.ql = 0, 0 // see powSeq.next
		}
	}
	k := float64(p.k)
	e := k * p.psi
	delta := math.FMA(k, p.psi, -e)
	u := -delta * ln096hi
	return p.qh + (p.ql + p.qh*u)
}

// next returns 0.96^((t+1)ψ) and makes it cur.
func (p *pow096) next() float64 {
	p.cur = p.advance()
	return p.cur
}

// seek moves to step t (cur = 0.96^((t+1)ψ), as after t calls of next) by
// replaying the products, so that the state is bitwise an uninterrupted
// run's.
func (p *pow096) seek(t int) {
	p.reset(p.psi)
	for p.k <= t && p.qh != 0 {
		p.next()
	}
	if p.k <= t {
		p.k = t + 1
		p.cur = 0
	}
}

// Double-double arithmetic: a value is an unevaluated sum hi + lo with
// |lo| ≤ ulp(hi)/2.

func twoProd(a, b float64) (p, e float64) {
	p = a * b
	return p, math.FMA(a, b, -p)
}

// fastTwoSum needs |a| ≥ |b| (or a = 0).
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	return s, b - (s - a)
}

func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	return s, (a - (s - bb)) + (b - bb)
}

func ddAdd(ah, al, bh, bl float64) (float64, float64) {
	s, e := twoSum(ah, bh)
	return fastTwoSum(s, e+al+bl)
}

func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p, e := twoProd(ah, bh)
	return fastTwoSum(p, e+(ah*bl+al*bh))
}

// ln 2 as a double-double.
const (
	ln2hi = 0x1.62e42fefa39efp-1
	ln2lo = 0x1.abc9e3b39803fp-56
)

// expDD returns e^z for a double-double z ≤ 0 to about 2⁻¹⁰⁰ relative:
// z = k·ln 2 + r, |r| ≤ ln 2/2; e^r = (e^(r/2¹⁰))^(2¹⁰) with the Taylor
// series of e^s − 1 to s¹¹/11! and ten squarings in expm1 form.
func expDD(zh, zl float64) (float64, float64) {
	if zh < -746 {
		return 0, 0
	}
	k := math.Round(zh / ln2hi)
	ph, pl := twoProd(k, ln2hi)
	rh, rl := ddAdd(zh, zl, -ph, -pl)
	rh, rl = ddAdd(rh, rl, -k*ln2lo, 0)
	sh, sl := math.Ldexp(rh, -10), math.Ldexp(rl, -10)
	// e^s − 1 = s + s²/2! + … + s¹¹/11!
	th, tl := sh, sl
	eh, el := sh, sl
	for i := 2.0; i <= 11; i++ {
		th, tl = ddMul(th, tl, sh, sl)
		q := th / i
		r := math.FMA(-q, i, th) + tl
		th, tl = fastTwoSum(q, r/i)
		eh, el = ddAdd(eh, el, th, tl)
	}
	for range 10 { // e^(2s) − 1 = 2(e^s − 1) + (e^s − 1)²
		qh, ql := ddMul(eh, el, eh, el)
		eh, el = ddAdd(2*eh, 2*el, qh, ql)
	}
	eh, el = ddAdd(1, 0, eh, el)
	return math.Ldexp(eh, int(k)), math.Ldexp(el, int(k))
}

// EffectiveLR stores lr/(√v̂ᵢ + ε) in dst and returns it, with
// v̂ = v/(1−β₂ᵗ) at the last step t: the denominator d of both NAdam terms,
// so the step is this rate times (1−μₜ)/(1−Πₜ)·g + μₜ₊₁/(1−Πₜμₜ₊₁)·m
// (Dozat 2016). Before the first step every value is lr. A nil dst is
// allocated; otherwise len(dst) must be the n given to Init.
func (o *NAdam) EffectiveLR(dst []float64) []float64 {
	dst = effectiveDst("nadam", dst, o.n)
	if o.t == 0 {
		return fill(dst, o.lr)
	}
	bc2 := 1 - o.p2.hi // p2.hi = β₂ᵗ
	for i, vi := range o.v[:o.n] {
		dst[i] = o.lr / (math.Sqrt(vi/bc2) + o.eps)
	}
	return dst
}

// momentum is β₁, the first moment's decay (before the momentum-decay
// schedule μₜ = β₁(1 − ½·0.96^(tψ))).
func (o *NAdam) momentum() float64 { return param.OrDefault(o.Beta1, 0.9) }

package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// ASGD is averaged stochastic gradient descent, step for step
// torch.optim.ASGD (PyTorch 2.x, _single_tensor_asgd in
// torch/optim/asgd.py). It takes SGD steps of a decaying size ηₜ with a
// decay of x towards 0, and keeps a running average x̄ of the iterates from
// step t₀ on. At step t, with g = ∇f(x):
//
//	g ← g + λ_wd·x                       (weight decay λ_wd)
//	x ← (1 − λ·η)·x − η·g                (η₁ = lr)
//	x̄ ← x̄ + μ·(x − x̄)                   (x̄ ← x while μ = 1)
//	η ← lr / (1 + λ·lr·t)^α
//	μ ← 1 / max(1, t − t₀)
//
// The step rule is Bottou's schedule for SGD ("Stochastic Gradient Descent
// Tricks", Neural Networks: Tricks of the Trade, 2nd ed., 2012); the averaging
// is Polyak & Juditsky, "Acceleration of Stochastic Approximation by
// Averaging", SIAM J. Control Optim. 30(4), 1992. As in PyTorch, the
// iterate x is the SGD iterate: the average x̄ (Averaged) is kept in the
// state and never fed back, so the point to report at the end of a run is
// Averaged, not x.
//
// The learning rate enters η₁ (read at the first step) and every later η;
// SetLR takes effect from the η computed at the end of the next step, as a
// changed param-group lr does in PyTorch. The powers (·)^α are correctly
// rounded, which PyTorch's Python-side ** (glibc's pow, within about 0.52
// ULP) is in all but rare near-ties.
//
// ASGD is Bounded: with η ≤ lr it is stable on a quadratic of largest
// curvature L iff lr < 2/(L + λ + λ_wd).
//
// The zero value is PyTorch's default: lr = 0.01, λ = 1e-4, α = 0.75,
// t₀ = 1e6, no weight decay.
type ASGD struct {
	LearningRate float64 // lr; 0 means 0.01 (use Zero for a literal 0)
	Lambd        float64 // λ ≥ 0, the decay term; 0 means 1e-4 (use Zero for a literal 0)
	Alpha        float64 // α ≥ 0, the power of the η decay; 0 means 0.75 (use Zero for a literal 0)
	T0           float64 // t₀ ≥ 0, the step at which averaging starts; 0 means 1e6 (use Zero for a literal 0)
	WeightDecay  float64 // λ_wd ≥ 0, L2 penalty added to the gradient

	lr, lambd, alpha, t0 float64

	n, t    int
	eta, mu float64
	ax      []float64
}

func init() {
	Register(Entry{
		Name:    "asgd",
		Summary: "averaged SGD with decaying steps (torch.optim.ASGD; Polyak & Juditsky 1992, Bottou 2012)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.01", Doc: "learning rate"},
			{Key: "lambd", Kind: spec.Float, Default: "0.0001", Doc: "decay term λ: x ← (1−λη)x and η = lr/(1+λ·lr·t)^α"},
			{Key: "alpha", Kind: spec.Float, Default: "0.75", Doc: "power α of the step-size decay"},
			{Key: "t0", Kind: spec.Float, Default: "1e+06", Doc: "step at which averaging starts"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "L2 penalty added to the gradient"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &ASGD{
				LearningRate: param.Explicit(a.Float("lr")),
				Lambd:        param.Explicit(a.Float("lambd")),
				Alpha:        param.Explicit(a.Float("alpha")),
				T0:           param.Explicit(a.Float("t0")),
				WeightDecay:  a.Float("weight_decay"),
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and checks them: torch's checks (lr ≥ 0,
// weight_decay ≥ 0) and λ, α, t₀ ≥ 0, which torch does not check but
// which keep η positive and decreasing.
func (o *ASGD) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 0.01)
	o.lambd = param.OrDefault(o.Lambd, 1e-4)
	o.alpha = param.OrDefault(o.Alpha, 0.75)
	o.t0 = param.OrDefault(o.T0, 1e6)
	return firstErr(
		nonNegative("lr", o.lr),
		nonNegative("lambd", o.lambd),
		nonNegative("alpha", o.alpha),
		nonNegative("t0", o.t0),
		nonNegative("weight_decay", o.WeightDecay),
	)
}

// Init prepares ASGD for n parameters and clears its state. It panics if a
// field is invalid.
func (o *ASGD) Init(n int) {
	err := o.resolve()
	mustInit("asgd", n, err)
	o.n, o.t, o.eta, o.mu = n, 0, o.lr, 1
	o.ax = zeros(o.ax, n)
}

// Step performs one ASGD update of x in place from g = ∇f(x).
func (o *ASGD) Step(x, g []float64) {
	checkStep("asgd", x, g, o.n)
	if o.t == 0 {
		o.eta, o.mu = o.lr, 1 // torch's lazy state: eta = lr at the first step
	}
	o.t++
	g = g[:len(x)]
	ax := o.ax[:len(x)]
	wd, eta, mu := o.WeightDecay, o.eta, o.mu
	decay := 1 - float64(o.lambd*eta) // Python floats: rounded, never fused
	for i, gi := range g {
		if wd != 0 {
			gi = math.FMA(wd, x[i], gi)
		}
		xi := math.FMA(-eta, gi, x[i]*decay)
		x[i] = xi
		if mu != 1 {
			ax[i] += float64((xi - ax[i]) * mu) // ax.add_(param.sub(ax).mul(mu))
		} else {
			ax[i] = xi
		}
	}
	step := float64(o.t)
	o.eta = o.lr / powCR(1+float64(float64(o.lambd*o.lr)*step), o.alpha)
	o.mu = 1 / math.Max(1, step-o.t0)
}

// powCR returns b^a correctly rounded for b ≥ 1, a ≥ 0 (glibc's pow, which
// PyTorch's ** calls, agrees except in rare near-ties): b^(−a) = e^(a·ln(1/b)) in
// double-double (ln(1/b) by one Newton step on expDD from math.Log), then
// its reciprocal to double-double accuracy, rounded once.
func powCR(b, a float64) float64 {
	if b == 1 || a == 0 {
		return 1
	}
	qh, ql, ok := recipPowDD(b, a)
	if !ok {
		return math.Pow(b, a)
	}
	r := 1 / qh
	th, tl := twoProd(r, qh)
	res := ((1 - th) - tl) - r*ql // 1 − r·q
	return r + r*res
}

// recipPowCR returns b^(−a) correctly rounded for b ≥ 1, a ≥ 0 (as
// glibc's pow, up to rare near-ties), from recipPowDD.
func recipPowCR(b, a float64) float64 {
	if b == 1 || a == 0 {
		return 1
	}
	qh, ql, ok := recipPowDD(b, a)
	if !ok {
		return math.Pow(b, -a)
	}
	return qh + ql
}

// recipPowDD returns b^(−a) = e^(a·ln(1/b)) in double-double for b ≥ 1,
// a ≥ 0, or ok = false outside its range (then use math.Pow).
func recipPowDD(b, a float64) (qh, ql float64, ok bool) {
	if math.IsInf(b, 1) || math.IsNaN(b) || math.IsNaN(a) {
		return 0, 0, false
	}
	z0 := -math.Log(b)
	eh, el := expDD(z0, 0) // ≈ 1/b
	ph, pl := twoProd(b, eh)
	pl += b * el
	c := (1 - ph) - pl // 1 − b·e^z0 ≈ ln(1/b) − z0
	zh, zl := twoSum(z0, c)
	wh, wl := ddMul(a, 0, zh, zl)
	if wh < -700 {
		return 0, 0, false // beyond double-double range of expDD's use here
	}
	qh, ql = expDD(wh, wl)
	return qh, ql, true
}

// LR returns the learning rate.
func (o *ASGD) LR() float64 { return o.lr }

// SetLR sets the learning rate; it enters the step size η from the end of
// the next step on.
func (o *ASGD) SetLR(lr float64) { o.lr = lr }

// StableLR returns 2/(L + λ + λ_wd): on a quadratic of largest curvature L
// the step x ← x − η((L + λ + λ_wd)x) contracts iff η < 2/(L + λ + λ_wd),
// and ASGD's η never exceeds lr.
func (o *ASGD) StableLR(L float64) Bound {
	lambd := param.OrDefault(o.Lambd, 1e-4)
	return Bound{LR: 2 / (L + lambd + o.WeightDecay),
		Rule: fmt.Sprintf("2/(L+λ+weight_decay) (ASGD's steps η ≤ lr with decay λ=%g)", lambd)}
}

// Averaged stores the averaged point x̄ (torch's state "ax") in dst and
// returns it: after step t, the last iterate xₜ while t ≤ t₀ + 2, and then
// the mean of x_{t₀+2}, …, xₜ (for a whole number t₀; PyTorch's μ lags the
// step by one); nil before the first step (see Averager). A nil dst is
// allocated; otherwise len(dst) must be the n given to Init.
func (o *ASGD) Averaged(dst []float64) []float64 {
	if o.t == 0 {
		return nil
	}
	if dst == nil {
		dst = make([]float64, o.n)
	}
	if len(dst) != o.n {
		panic(fmt.Sprintf("optim: asgd.Averaged: len(dst)=%d, want %d (the n given to Init)", len(dst), o.n))
	}
	copy(dst, o.ax)
	return dst
}

// State returns the step count, the lr, eta and mu scalars and the
// averaged point "ax".
func (o *ASGD) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr, "eta": o.eta, "mu": o.mu},
		Vectors: map[string][]float64{"ax": o.ax}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *ASGD) SetState(st State) error {
	if err := loadState("asgd", st, o.n, []scalarSlot{{"lr", &o.lr}, {"eta", &o.eta}, {"mu", &o.mu}},
		[]vectorSlot{{"ax", o.ax}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

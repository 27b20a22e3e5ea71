package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Prodigy is Adam with its step size d estimated on the fly, from
// Mishchenko & Defazio, "Prodigy: An Expeditiously Adaptive Parameter-Free
// Learner" (ICML 2024), transcribed from the authors' code
// (github.com/konstmish/prodigy, prodigyopt/prodigy.py at commit 3efb213)
// for one parameter group. With g = ∇f(x), d₀ the initial estimate and
// β₃ = √β₂ by default, at step k (dlr = d·lr, times
// √(1−β₂^(k+1))/(1−β₁^(k+1)) with bias correction):
//
//	num ← β₃·num + (d/d₀)·dlr·⟨g, x₀ − x⟩
//	m ← β₁m + d(1−β₁)g,  v ← β₂v + d²(1−β₂)g²,  s ← β₃s + (d/d₀)·dlr·g
//	d̂ = d_coef·num/‖s‖₁;  d ← max(d, d̂) at the first growth; d_max ← max(d_max, d̂)
//	d ← min(d_max, growth_rate·d)
//	x ← x − dlr·m/(√v + d·ε)   (decoupled weight decay: x ← x − λ·dlr·x first)
//
// The step is lr times the estimate d of the distance to the solution, so
// lr stays 1. EffectiveStep reports dlr.
//
// The zero value is the reference defaults: lr = 1, β = (0.9, 0.999),
// β₃ = √β₂, ε = 1e-8, d₀ = 1e-6, d_coef = 1, no growth limit, decoupled
// weight decay 0, no bias correction, no safeguard warmup.
type Prodigy struct {
	LearningRate    float64 // lr; 0 means 1 (use Zero for a literal 0)
	Beta1, Beta2    float64 // 0 means 0.9 and 0.999 (use Zero for a literal 0)
	Beta3           float64 // 0 means √β₂
	Eps             float64 // 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay     float64 // λ ≥ 0
	Coupled         bool    // add λx to the gradient instead of decoupled decay (decouple=false)
	BiasCorrection  bool    // use_bias_correction
	SafeguardWarmup bool    // safeguard_warmup: s accumulates (d/d₀)·d·g
	D0              float64 // d₀; 0 means 1e-6
	DCoef           float64 // d_coef; 0 means 1
	GrowthRate      float64 // growth_rate; 0 means +Inf

	lr, b1, b2, b3, eps, d0, dcoef, growth float64
	d, dmax, num, dlr                      float64
	n, k                                   int
	x0, s, m, v                            []float64
}

func init() {
	Register(Entry{
		Name:    "prodigy",
		Summary: "Prodigy, Adam with a learning-rate-free step d estimated on the fly (Mishchenko & Defazio 2024, konstmish/prodigy)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "1", Doc: "multiplier of the estimated step d (the authors advise 1)"},
			{Key: "beta1", Kind: spec.Float, Default: "0.9", Doc: "β₁ of the first moment"},
			{Key: "beta2", Kind: spec.Float, Default: "0.999", Doc: "β₂ of the second moment"},
			{Key: "beta3", Kind: spec.Float, Default: "0", Doc: "β₃ of the d estimate's sums; 0 means √β₂"},
			{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "ε, times d, added to √v"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "λ, decoupled unless coupled=true"},
			{Key: "coupled", Kind: spec.Bool, Default: "false", Doc: "add λx to the gradient (the reference's decouple=false)"},
			{Key: "bias_correction", Kind: spec.Bool, Default: "false", Doc: "Adam's bias correction of the step"},
			{Key: "safeguard_warmup", Kind: spec.Bool, Default: "false", Doc: "leave lr out of the sum s (for warmup schedules)"},
			{Key: "d0", Kind: spec.Float, Default: "1e-06", Doc: "initial estimate d₀ of the distance to the solution"},
			{Key: "d_coef", Kind: spec.Float, Default: "1", Doc: "multiplier of the estimate d̂"},
			{Key: "growth_rate", Kind: spec.Float, Default: "0", Doc: "largest factor d may grow by per step; 0 means unlimited"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Prodigy{
				LearningRate: param.Explicit(a.Float("lr")), Beta1: param.Explicit(a.Float("beta1")), Beta2: param.Explicit(a.Float("beta2")),
				Beta3: a.Float("beta3"), Eps: param.Explicit(a.Float("eps")), WeightDecay: a.Float("weight_decay"),
				Coupled: a.Bool("coupled"), BiasCorrection: a.Bool("bias_correction"), SafeguardWarmup: a.Bool("safeguard_warmup"),
				D0: a.Float("d0"), DCoef: a.Float("d_coef"), GrowthRate: a.Float("growth_rate"),
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and checks them: lr ≥ 0, β₁, β₂ ∈ [0, 1)
// (the reference's checks), β₃ ∈ [0, 1), ε ≥ 0, λ ≥ 0, d₀ > 0, d_coef > 0,
// growth_rate ≥ 1 (or 0 for unlimited).
func (o *Prodigy) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 1)
	o.b1, o.b2 = param.OrDefault(o.Beta1, 0.9), param.OrDefault(o.Beta2, 0.999)
	o.b3 = o.Beta3
	if o.b3 == 0 {
		o.b3 = math.Sqrt(o.b2)
	}
	o.eps = param.OrDefault(o.Eps, 1e-8)
	o.dcoef = o.DCoef
	if o.dcoef == 0 {
		o.dcoef = 1
	}
	if err := firstErr(nonNegative("lr", o.lr), inUnit("beta1", o.b1, false), inUnit("beta2", o.b2, false), inUnit("beta3", o.b3, false),
		nonNegative("eps", o.eps), nonNegative("weight_decay", o.WeightDecay)); err != nil {
		return err
	}
	if !(o.dcoef > 0) || math.IsInf(o.dcoef, 0) {
		return fmt.Errorf("invalid d_coef %g: must be > 0", o.dcoef)
	}
	var err error
	o.d0, o.growth, err = distanceEstimate(o.D0, o.GrowthRate)
	return err
}

// Init prepares Prodigy for n parameters and clears its state. It panics
// if a field is invalid.
func (o *Prodigy) Init(n int) {
	err := o.resolve()
	mustInit("prodigy", n, err)
	o.n, o.k = n, 0
	o.d, o.dmax, o.num, o.dlr = o.d0, o.d0, 0, 0
	o.x0, o.s, o.m, o.v = zeros(o.x0, n), zeros(o.s, n), zeros(o.m, n), zeros(o.v, n)
}

// Step performs one Prodigy update of x in place from g = ∇f(x).
func (o *Prodigy) Step(x, g []float64) {
	checkStep("prodigy", x, g, o.n)
	g = g[:len(x)]
	if o.k == 0 {
		copy(o.x0, x)
	}
	bc := 1.0
	if o.BiasCorrection {
		bc = math.Sqrt(1-powInt(o.b2, o.k+1)) / (1 - powInt(o.b1, o.k+1)) // Python b**(k+1)
	}
	d, lr := o.d, o.lr
	dlr := d * lr * bc
	o.dlr = dlr
	num := o.num * o.b3
	wd := o.WeightDecay
	grad := func(i int) float64 {
		if wd != 0 && o.Coupled {
			return math.FMA(wd, x[i], g[i]) // grad.add_(p, alpha=decay)
		}
		return g[i]
	}
	var delta, denom float64
	if lr > 0 {
		var dot float64
		for i := range x {
			dot += grad(i) * (o.x0[i] - x[i])
		}
		delta = (d / o.d0) * dlr * dot
		sc := (d / o.d0) * dlr
		if o.SafeguardWarmup {
			sc = (d / o.d0) * d
		}
		c1, c2 := d*(1-o.b1), d*d*(1-o.b2)
		for i := range x {
			gi := grad(i)
			// torch's add_(t, alpha) and addcmul_ round as one FMA (see adam.go).
			if o.b1 > 0 {
				o.m[i] = math.FMA(c1, gi, o.m[i]*o.b1)
			}
			o.v[i] = math.FMA(c2*gi, gi, o.v[i]*o.b2)
			o.s[i] = math.FMA(sc, gi, o.s[i]*o.b3)
			denom += math.Abs(o.s[i])
		}
	}
	if denom == 0 {
		return // the reference returns before updating (a zero gradient)
	}
	if lr > 0 {
		num += delta
		dhat := o.dcoef * num / denom
		if o.d == o.d0 {
			o.d = math.Max(o.d, dhat)
		}
		o.dmax = math.Max(o.dmax, dhat)
		o.d = math.Min(o.dmax, o.d*o.growth)
		o.num = num
	}
	for i := range x {
		den := math.Sqrt(o.v[i]) + o.d*o.eps
		if wd != 0 && !o.Coupled {
			x[i] = math.FMA(-wd*dlr, x[i], x[i]) // p.add_(p, alpha=-decay*dlr)
		}
		if o.b1 > 0 {
			x[i] += -dlr * o.m[i] / den // addcdiv_(exp_avg, denom, value=-dlr)
		} else {
			x[i] += -dlr * o.d * grad(i) / den
		}
	}
	o.k++
}

// EffectiveStep returns dlr = d·lr (with bias correction) of the last step.
func (o *Prodigy) EffectiveStep() float64 { return o.dlr }

// SetMomentum sets β₁ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum). The reference's defaults hold betas
// (prodigy.py line 81), so torch's OneCycleLR and CyclicLR set
// group["betas"] = (m, β₂); its step reads them from the first group at
// every step (line 116), for m ← β₁m + d(1−β₁)g (line 199), the bias
// correction 1 − β₁^(k+1) (line 128) and the test β₁ > 0 (lines 197, 264),
// all with the current β₁ as here. β₃ = √β₂ is not affected.
func (o *Prodigy) SetMomentum(b1 float64) { o.b1 = b1 }

// LR returns lr, the multiplier of the estimated step.
func (o *Prodigy) LR() float64 { return o.lr }

// SetLR sets lr for the following steps.
func (o *Prodigy) SetLR(lr float64) { o.lr = lr }

// State returns the step count, d, d_max, the numerator sum and the
// vectors x₀, s, m, v.
func (o *Prodigy) State() State {
	return State{Step: o.k, Scalars: map[string]float64{"d": o.d, "d_max": o.dmax, "d_numerator": o.num, "lr": o.lr},
		Vectors: map[string][]float64{"p0": o.x0, "s": o.s, "exp_avg": o.m, "exp_avg_sq": o.v}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *Prodigy) SetState(st State) error {
	if err := loadState("prodigy", st, o.n, []scalarSlot{{"d", &o.d}, {"d_max", &o.dmax}, {"d_numerator", &o.num}, {"lr", &o.lr}},
		[]vectorSlot{{"p0", o.x0}, {"s", o.s}, {"exp_avg", o.m}, {"exp_avg_sq", o.v}}); err != nil {
		return err
	}
	o.k = st.Step
	return nil
}

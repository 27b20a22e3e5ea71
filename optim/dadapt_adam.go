package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// DAdaptAdam is D-Adaptation for Adam, from Defazio & Mishchenko,
// "Learning-Rate-Free Learning by D-Adaptation" (ICML 2023), transcribed
// from the authors' code (github.com/facebookresearch/dadaptation,
// dadaptation/dadapt_adam.py at commit c984980) for one parameter group
// (layer_scale 1). With g = ∇f(x) (+ λx when coupled), √β₂ = β₂^½ and
// dlr = d·lr (times √(1−β₂^(k+1))/(1−β₁^(k+1)) with bias correction):
//
//	num ← √β₂·num + (1−√β₂)·dlr·⟨g, s/(√v + ε)⟩
//	m ← β₁m + dlr(1−β₁)g,  v ← β₂v + (1−β₂)g²,  s ← √β₂·s + dlr(1−√β₂)g
//	d ← max(d, min(num/((1−√β₂)‖s‖₁), growth_rate·d))
//	x ← x − m/(√v + ε)   (decoupled decay: x ← x − λ·dlr·x first)
//
// EffectiveStep reports dlr. The zero value is the reference defaults:
// lr = 1, β = (0.9, 0.999), ε = 1e-8, coupled weight decay 0, no bias
// correction, d₀ = 1e-6, no growth limit.
type DAdaptAdam struct {
	LearningRate   float64 // lr; 0 means 1 (use Zero for a literal 0)
	Beta1, Beta2   float64 // 0 means 0.9 and 0.999 (use Zero for a literal 0)
	Eps            float64 // 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay    float64 // λ ≥ 0
	Decouple       bool    // decoupled weight decay (AdamW style)
	BiasCorrection bool    // use_bias_correction
	D0             float64 // 0 means 1e-6
	GrowthRate     float64 // 0 means +Inf

	lr, b1, b2, eps, growth, d0, d, num, dlr float64
	n, k                                     int
	s, m, v                                  []float64
}

func init() {
	Register(Entry{
		Name:    "dadapt_adam",
		Summary: "D-Adaptation Adam, learning-rate-free Adam with a growing estimate d (Defazio & Mishchenko 2023, facebookresearch/dadaptation)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "1", Doc: "multiplier of the adapted step (the authors advise 1)"},
			{Key: "beta1", Kind: spec.Float, Default: "0.9", Doc: "β₁"},
			{Key: "beta2", Kind: spec.Float, Default: "0.999", Doc: "β₂"},
			{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "ε"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "λ"},
			{Key: "decouple", Kind: spec.Bool, Default: "false", Doc: "decoupled (AdamW) weight decay"},
			{Key: "bias_correction", Kind: spec.Bool, Default: "false", Doc: "Adam's bias correction of the step"},
			{Key: "d0", Kind: spec.Float, Default: "1e-06", Doc: "initial estimate d₀"},
			{Key: "growth_rate", Kind: spec.Float, Default: "0", Doc: "largest factor d may grow by per step; 0 means unlimited"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &DAdaptAdam{LearningRate: param.Explicit(a.Float("lr")), Beta1: param.Explicit(a.Float("beta1")), Beta2: param.Explicit(a.Float("beta2")),
				Eps: param.Explicit(a.Float("eps")), WeightDecay: a.Float("weight_decay"), Decouple: a.Bool("decouple"),
				BiasCorrection: a.Bool("bias_correction"), D0: a.Float("d0"), GrowthRate: a.Float("growth_rate")}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *DAdaptAdam) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 1)
	o.b1, o.b2 = param.OrDefault(o.Beta1, 0.9), param.OrDefault(o.Beta2, 0.999)
	o.eps = param.OrDefault(o.Eps, 1e-8)
	if err := firstErr(nonNegative("lr", o.lr), inUnit("beta1", o.b1, false), inUnit("beta2", o.b2, false),
		nonNegative("eps", o.eps), nonNegative("weight_decay", o.WeightDecay)); err != nil {
		return err
	}
	var err error
	o.d0, o.growth, err = distanceEstimate(o.D0, o.GrowthRate)
	return err
}

// Init prepares DAdaptAdam for n parameters and clears its state. It
// panics if a field is invalid.
func (o *DAdaptAdam) Init(n int) {
	err := o.resolve()
	mustInit("dadapt_adam", n, err)
	o.n, o.k = n, 0
	o.d, o.num, o.dlr = o.d0, 0, 0
	o.s, o.m, o.v = zeros(o.s, n), zeros(o.m, n), zeros(o.v, n)
}

// Step performs one D-Adaptation Adam update of x in place from g = ∇f(x).
func (o *DAdaptAdam) Step(x, g []float64) {
	checkStep("dadapt_adam", x, g, o.n)
	g = g[:len(x)]
	bc := 1.0
	if o.BiasCorrection {
		bc = math.Sqrt(1-powInt(o.b2, o.k+1)) / (1 - powInt(o.b1, o.k+1)) // Python b**(k+1)
	}
	lr, d := o.lr, o.d
	dlr := d * lr * bc
	o.dlr = dlr
	sb2 := math.Sqrt(o.b2) // beta2**0.5
	grad := func(i int) float64 {
		if o.WeightDecay != 0 && !o.Decouple {
			return math.FMA(o.WeightDecay, x[i], g[i])
		}
		return g[i]
	}
	var acum, sk float64
	if lr > 0 {
		var dot float64
		for i := range x {
			dot += grad(i) * (o.s[i] / (math.Sqrt(o.v[i]) + o.eps))
		}
		acum = dlr * dot
		cm, cs := dlr*(1-o.b1), dlr*(1-sb2)
		for i := range x {
			gi := grad(i)
			o.m[i] = math.FMA(cm, gi, o.m[i]*o.b1)
			o.v[i] = math.FMA((1-o.b2)*gi, gi, o.v[i]*o.b2)
			o.s[i] = math.FMA(cs, gi, o.s[i]*sb2)
			sk += math.Abs(o.s[i])
		}
	}
	if sk == 0 {
		return // the reference returns before updating (a zero gradient)
	}
	num := sb2*o.num + (1-sb2)*acum
	if lr > 0 {
		dhat := num / ((1 - sb2) * sk)
		d = math.Max(d, math.Min(dhat, d*o.growth))
	}
	o.num, o.d = num, d
	for i := range x {
		den := math.Sqrt(o.v[i]) + o.eps
		if o.WeightDecay != 0 && o.Decouple {
			x[i] = math.FMA(-o.WeightDecay*dlr, x[i], x[i])
		}
		x[i] += -1 * o.m[i] / den // addcdiv_(exp_avg, denom, value=-1)
	}
	o.k++
}

// EffectiveStep returns dlr = d·lr (with bias correction) of the last step.
func (o *DAdaptAdam) EffectiveStep() float64 { return o.dlr }

// SetMomentum sets β₁ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum). The reference's defaults hold betas
// (dadapt_adam.py line 82), so torch's OneCycleLR and CyclicLR set
// group["betas"] = (m, β₂); its step reads them from the first group at
// every step (line 120), for m ← β₁m + dlr(1−β₁)g (line 187) and, with
// bias correction, 1 − β₁^(k+1) (line 127), both with the current β₁ as
// here.
func (o *DAdaptAdam) SetMomentum(b1 float64) { o.b1 = b1 }

// LR returns lr, the multiplier of the adapted step.
func (o *DAdaptAdam) LR() float64 { return o.lr }

// SetLR sets lr for the following steps.
func (o *DAdaptAdam) SetLR(lr float64) { o.lr = lr }

// State returns the step count, d, the numerator and the vectors s, m, v.
func (o *DAdaptAdam) State() State {
	return State{Step: o.k, Scalars: map[string]float64{"d": o.d, "numerator_weighted": o.num, "lr": o.lr},
		Vectors: map[string][]float64{"s": o.s, "exp_avg": o.m, "exp_avg_sq": o.v}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *DAdaptAdam) SetState(st State) error {
	if err := loadState("dadapt_adam", st, o.n, []scalarSlot{{"d", &o.d}, {"numerator_weighted", &o.num}, {"lr", &o.lr}},
		[]vectorSlot{{"s", o.s}, {"exp_avg", o.m}, {"exp_avg_sq", o.v}}); err != nil {
		return err
	}
	o.k = st.Step
	return nil
}

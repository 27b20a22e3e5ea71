package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// DAdaptSGD is D-Adaptation for SGD, from Defazio & Mishchenko,
// "Learning-Rate-Free Learning by D-Adaptation" (ICML 2023), transcribed
// from the authors' code (github.com/facebookresearch/dadaptation,
// dadaptation/dadapt_sgd.py at commit c984980) for one parameter group.
// With g = ∇f(x) (+ λx), ‖g₀‖ the first gradient's norm and ck = 1 − β:
//
//	dlr = d·lr/‖g₀‖
//	num ← num + dlr·⟨g, s⟩,  s ← s + dlr·g
//	d ← max(d, min(2·num/‖s‖, growth_rate·d))
//	z = x₀ − s,  x ← (1 − ck)·x + ck·z
//
// d is a lower bound on the distance ‖x₀ − x*‖ that grows as the run
// shows it to be larger, so lr stays 1. (The reference adds λx to the
// first gradient's norm out of place, so λ does not change ‖g₀‖: kept.)
// EffectiveStep reports dlr.
//
// The zero value is the reference defaults: lr = 1, no momentum, no
// weight decay, d₀ = 1e-6, no growth limit.
type DAdaptSGD struct {
	LearningRate float64 // lr; 0 means 1 (use Zero for a literal 0)
	Momentum     float64 // β ∈ [0, 1)
	WeightDecay  float64 // λ ≥ 0
	D0           float64 // d₀; 0 means 1e-6
	GrowthRate   float64 // 0 means +Inf

	lr, d0, d, num, g0, dlr, growth float64
	n, k                            int
	s, x0                           []float64
}

func init() {
	Register(Entry{
		Name:    "dadapt_sgd",
		Summary: "D-Adaptation SGD, learning-rate-free with a growing estimate d of ‖x₀ − x*‖ (Defazio & Mishchenko 2023, facebookresearch/dadaptation)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "1", Doc: "multiplier of the adapted step (the authors advise 1)"},
			{Key: "momentum", Kind: spec.Float, Default: "0", Doc: "β: x ← βx + (1−β)(x₀ − s)"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "λ: λx is added to the gradient"},
			{Key: "d0", Kind: spec.Float, Default: "1e-06", Doc: "initial estimate d₀ of ‖x₀ − x*‖"},
			{Key: "growth_rate", Kind: spec.Float, Default: "0", Doc: "largest factor d may grow by per step; 0 means unlimited"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &DAdaptSGD{LearningRate: param.Explicit(a.Float("lr")), Momentum: a.Float("momentum"), WeightDecay: a.Float("weight_decay"),
				D0: a.Float("d0"), GrowthRate: a.Float("growth_rate")}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *DAdaptSGD) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 1)
	if err := firstErr(nonNegative("lr", o.lr), inUnit("momentum", o.Momentum, false), nonNegative("weight_decay", o.WeightDecay)); err != nil {
		return err
	}
	var err error
	o.d0, o.growth, err = distanceEstimate(o.D0, o.GrowthRate)
	return err
}

// Init prepares DAdaptSGD for n parameters and clears its state. It
// panics if a field is invalid.
func (o *DAdaptSGD) Init(n int) {
	err := o.resolve()
	mustInit("dadapt_sgd", n, err)
	o.n, o.k = n, 0
	o.d, o.num, o.g0, o.dlr = o.d0, 0, 0, 0
	o.s, o.x0 = zeros(o.s, n), zeros(o.x0, n)
}

// Step performs one D-Adaptation SGD update of x in place from g = ∇f(x).
func (o *DAdaptSGD) Step(x, g []float64) {
	checkStep("dadapt_sgd", x, g, o.n)
	g = g[:len(x)]
	if o.k == 0 {
		var gg float64
		for _, v := range g {
			gg += v * v
		}
		if gg == 0 {
			return // x is stationary; the reference would divide by ‖g₀‖ = 0
		}
		o.g0 = math.Sqrt(gg)
		copy(o.x0, x)
	}
	lr, d := o.lr, o.d
	dlr := d * lr / o.g0
	o.dlr = dlr
	var delta, sk float64
	if lr > 0 {
		for i := range x {
			gi := g[i]
			if o.WeightDecay != 0 {
				gi = math.FMA(o.WeightDecay, x[i], gi) // grad.add_(p, alpha=decay)
			}
			delta += gi * o.s[i]               // ⟨g, s⟩ with s before its update
			o.s[i] = math.FMA(dlr, gi, o.s[i]) // s.add_(grad, alpha=dlr)
			sk += o.s[i] * o.s[i]
		}
	}
	delta *= dlr
	num := o.num + delta
	if lr > 0 {
		dhat := 2 * num / math.Sqrt(sk)
		d = math.Max(d, math.Min(dhat, d*o.growth))
	}
	if sk == 0 {
		return // the reference returns before updating (a zero gradient)
	}
	o.num, o.d = num, d
	ck := 1 - o.Momentum
	for i := range x {
		z := o.x0[i] - o.s[i]
		x[i] = math.FMA(ck, z, x[i]*(1-ck)) // p.mul_(1-ck).add_(z, alpha=ck)
	}
	o.k++
}

// EffectiveStep returns dlr = d·lr/‖g₀‖ of the last step.
func (o *DAdaptSGD) EffectiveStep() float64 { return o.dlr }

// SetMomentum sets β for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum). The reference's defaults hold momentum
// (dadapt_sgd.py lines 53–54), so torch's OneCycleLR and CyclicLR set
// group["momentum"], which its step reads at every step (lines 79 and 81:
// ck = 1 − momentum; then x ← (1 − ck)·x + ck·z).
func (o *DAdaptSGD) SetMomentum(b float64) { o.Momentum = b }

// LR returns lr, the multiplier of the adapted step.
func (o *DAdaptSGD) LR() float64 { return o.lr }

// SetLR sets lr for the following steps.
func (o *DAdaptSGD) SetLR(lr float64) { o.lr = lr }

// State returns the step count, d, the numerator, ‖g₀‖ and the vectors s
// and x₀.
func (o *DAdaptSGD) State() State {
	return State{Step: o.k, Scalars: map[string]float64{"d": o.d, "numerator_weighted": o.num, "g0_norm": o.g0, "lr": o.lr},
		Vectors: map[string][]float64{"s": o.s, "x0": o.x0}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *DAdaptSGD) SetState(st State) error {
	if err := loadState("dadapt_sgd", st, o.n, []scalarSlot{{"d", &o.d}, {"numerator_weighted", &o.num}, {"g0_norm", &o.g0}, {"lr", &o.lr}},
		[]vectorSlot{{"s", o.s}, {"x0", o.x0}}); err != nil {
		return err
	}
	o.k = st.Step
	return nil
}

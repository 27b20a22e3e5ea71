package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Adadelta adapts per-coordinate steps from running averages of squared
// gradients and squared updates, step for step torch.optim.Adadelta
// (PyTorch 2.x, single-tensor path). With g = ∇f(x):
//
//	g  ← g + λ·x                       (weight decay λ)
//	v  ← ρ·v + (1−ρ)·g²
//	Δ  ← √(u + ε) / √(v + ε) · g
//	u  ← ρ·u + (1−ρ)·Δ²
//	x  ← x − lr·Δ
//
// Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (2012).
//
// The zero value is PyTorch's default: lr = 1, ρ = 0.9, ε = 1e-6.
type Adadelta struct {
	LearningRate float64 // lr, scales Δ; 0 means 1 (use Zero for a literal 0)
	Rho          float64 // ρ ∈ [0, 1]; 0 means 0.9 (use Zero for a literal 0)
	Eps          float64 // ε; 0 means 1e-6 (use Zero for a literal 0)
	WeightDecay  float64 // λ ≥ 0, L2 penalty added to the gradient

	lr, rho, eps float64
	n, t         int
	squareAvg    []float64 // square_avg
	accDelta     []float64 // acc_delta
}

func init() {
	Register(Entry{
		Name:    "adadelta",
		Summary: "Adadelta, steps from running RMS of gradients and updates (torch.optim.Adadelta; Zeiler 2012)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "1", Doc: "coefficient that scales the update"},
			{Key: "rho", Kind: spec.Float, Default: "0.9", Doc: "decay ρ of the running averages"},
			{Key: "eps", Kind: spec.Float, Default: "1e-06", Doc: "term added inside the square roots"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "L2 penalty λ added to the gradient"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Adadelta{
				LearningRate: param.Explicit(a.Float("lr")),
				Rho:          param.Explicit(a.Float("rho")),
				Eps:          param.Explicit(a.Float("eps")),
				WeightDecay:  a.Float("weight_decay"),
			}
			if _, _, _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *Adadelta) resolve() (lr, rho, eps float64, err error) {
	lr, rho, eps = param.OrDefault(o.LearningRate, 1), param.OrDefault(o.Rho, 0.9), param.OrDefault(o.Eps, 1e-6)
	err = firstErr(
		nonNegative("lr", lr),
		inUnit("rho", rho, true),
		nonNegative("eps", eps),
		nonNegative("weight_decay", o.WeightDecay),
	)
	return lr, rho, eps, err
}

// Init prepares Adadelta for n parameters and clears its state. It panics
// if a field is invalid.
func (o *Adadelta) Init(n int) {
	lr, rho, eps, err := o.resolve()
	mustInit("adadelta", n, err)
	o.lr, o.rho, o.eps, o.n, o.t = lr, rho, eps, n, 0
	o.squareAvg = zeros(o.squareAvg, n)
	o.accDelta = zeros(o.accDelta, n)
}

// Step performs one Adadelta update of x in place from g = ∇f(x).
func (o *Adadelta) Step(x, g []float64) {
	checkStep("adadelta", x, g, o.n)
	o.t++
	g = g[:len(x)]
	sq, acc := o.squareAvg[:len(x)], o.accDelta[:len(x)]
	lr, rho, eps, wd := o.lr, o.rho, o.eps, o.WeightDecay
	r1 := 1 - rho
	for i, gi := range g {
		if wd != 0 {
			gi = math.FMA(wd, x[i], gi)
		}
		v := math.FMA(r1*gi, gi, sq[i]*rho)
		sq[i] = v
		delta := math.Sqrt(acc[i]+eps) / math.Sqrt(v+eps) * gi
		acc[i] = math.FMA(r1*delta, delta, acc[i]*rho)
		x[i] = math.FMA(-lr, delta, x[i])
	}
}

// LR returns the learning rate in use.
func (o *Adadelta) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *Adadelta) SetLR(lr float64) { o.lr = lr }

// State returns the step count, learning rate and the square_avg and
// acc_delta vectors.
func (o *Adadelta) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr},
		Vectors: map[string][]float64{"square_avg": o.squareAvg, "acc_delta": o.accDelta}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *Adadelta) SetState(st State) error {
	err := loadState("adadelta", st, o.n, []scalarSlot{{"lr", &o.lr}},
		[]vectorSlot{{"square_avg", o.squareAvg}, {"acc_delta", o.accDelta}})
	if err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

// EffectiveLR stores lr·√(uᵢ + ε)/√(vᵢ + ε) in dst and returns it, with u
// the running mean of squared updates and v of squared gradients after the
// last step: the step coordinate i takes per unit of gradient (Zeiler 2012,
// eq. 14, times lr). u is the one the next step divides with; v is the last
// step's, as for the other adaptive methods. Before the first step every
// value is lr (which √ε/√ε·lr also gives). A nil dst is allocated;
// otherwise len(dst) must be the n given to Init.
func (o *Adadelta) EffectiveLR(dst []float64) []float64 {
	dst = effectiveDst("adadelta", dst, o.n)
	if o.t == 0 {
		return fill(dst, o.lr)
	}
	acc := o.accDelta[:o.n]
	for i, v := range o.squareAvg[:o.n] {
		dst[i] = math.Sqrt(acc[i]+o.eps) / math.Sqrt(v+o.eps) * o.lr
	}
	return dst
}

// momentum is 0: Adadelta has no momentum.
func (o *Adadelta) momentum() float64 { return 0 }

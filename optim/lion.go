package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Lion is EvoLved Sign Momentum, from Chen et al., "Symbolic Discovery of
// Optimization Algorithms" (NeurIPS 2023), Program 1, transcribed from the
// authors' PyTorch code (github.com/google/automl, lion/lion_pytorch.py at
// commit b21d6ced9bc9b748e1c8ab9fdebf2c44c57e63ae) operation for
// operation. With g = ∇f(x) and decoupled weight decay λ:
//
//	c ← β₁·m + (1−β₁)·g
//	x ← x − lr·(sign(c) + λ·x)       (reference: x ← (1 − lr·λ)·x − lr·sign(c))
//	m ← β₂·m + (1−β₂)·g
//
// Every coordinate moves by exactly lr (plus the decay) per step, whatever
// the size of its gradient, so Lion is neither Bounded (no 2/L bound) nor
// PerCoordinate (it has no per-coordinate learning rate to report). The
// paper advises an lr 3–10 times smaller than AdamW's and a λ 3–10 times
// larger.
//
// The zero value is the reference code's default: lr = 1e-4, β₁ = 0.9,
// β₂ = 0.99, no weight decay.
type Lion struct {
	LearningRate float64 // lr; 0 means 1e-4 (use Zero for a literal 0)
	Beta1        float64 // β₁ ∈ [0, 1), the interpolation of the update; 0 means 0.9 (use Zero for a literal 0)
	Beta2        float64 // β₂ ∈ [0, 1), the decay of the momentum; 0 means 0.99 (use Zero for a literal 0)
	WeightDecay  float64 // λ ≥ 0, decoupled

	lr, beta1, beta2 float64
	n, t             int
	m                []float64 // exp_avg
}

func init() {
	Register(Entry{
		Name:    "lion",
		Summary: "Lion, the sign of an interpolated momentum (Chen et al. 2023, google/automl lion_pytorch.py)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.0001", Doc: "learning rate: every coordinate moves by lr per step"},
			{Key: "beta1", Kind: spec.Float, Default: "0.9", Doc: "β₁ of the update c = β₁m + (1−β₁)g"},
			{Key: "beta2", Kind: spec.Float, Default: "0.99", Doc: "decay β₂ of the momentum m"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "decoupled weight decay λ: x ← (1 − lr·λ)x"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Lion{
				LearningRate: param.Explicit(a.Float("lr")),
				Beta1:        param.Explicit(a.Float("beta1")),
				Beta2:        param.Explicit(a.Float("beta2")),
				WeightDecay:  a.Float("weight_decay"),
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and checks them as the reference code does
// (lr ≥ 0, β₁, β₂ ∈ [0, 1)), and λ ≥ 0.
func (o *Lion) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 1e-4)
	o.beta1 = param.OrDefault(o.Beta1, 0.9)
	o.beta2 = param.OrDefault(o.Beta2, 0.99)
	return firstErr(
		nonNegative("lr", o.lr),
		inUnit("beta1", o.beta1, false),
		inUnit("beta2", o.beta2, false),
		nonNegative("weight_decay", o.WeightDecay),
	)
}

// Init prepares Lion for n parameters and clears its state. It panics if a
// field is invalid.
func (o *Lion) Init(n int) {
	err := o.resolve()
	mustInit("lion", n, err)
	o.n, o.t = n, 0
	o.m = zeros(o.m, n)
}

// Step performs one Lion update of x in place from g = ∇f(x).
func (o *Lion) Step(x, g []float64) {
	checkStep("lion", x, g, o.n)
	o.t++
	g = g[:len(x)]
	m := o.m[:len(x)]
	lr, b1, b2 := o.lr, o.beta1, o.beta2
	w1, w2 := 1-b1, 1-b2
	decay := 1 - float64(lr*o.WeightDecay) // p.data.mul_(1 - lr*weight_decay)
	for i, gi := range g {
		if decay != 1 {
			x[i] *= decay
		}
		c := float64(m[i]*b1) + float64(gi*w1) // exp_avg*beta1 + grad*(1-beta1)
		x[i] = math.FMA(-lr, torchSign(c), x[i])
		m[i] = math.FMA(w2, gi, m[i]*b2) // exp_avg.mul_(beta2).add_(grad, alpha=1-beta2)
	}
}

// SignStep reports true: every coordinate moves by lr (see SignStepper).
func (o *Lion) SignStep() bool { return true }

// SetMomentum sets β₁, the interpolation c = β₁·m + (1−β₁)·g of the update,
// for the following steps (a schedule cycling the momentum,
// schedule.ApplyMomentum). The reference's defaults hold betas
// (lion_pytorch.py line 41: dict(lr=lr, betas=betas, weight_decay=...)),
// so torch's OneCycleLR and CyclicLR set group["betas"] = (m, β₂), and its
// step reads beta1, beta2 = group["betas"] at every step (line 76); β₂, the
// decay of m, stays.
func (o *Lion) SetMomentum(b1 float64) { o.beta1 = b1 }

// LR returns the learning rate in use.
func (o *Lion) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *Lion) SetLR(lr float64) { o.lr = lr }

// State returns the step count, the learning rate and the momentum
// "exp_avg".
func (o *Lion) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}, Vectors: map[string][]float64{"exp_avg": o.m}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *Lion) SetState(st State) error {
	if err := loadState("lion", st, o.n, []scalarSlot{{"lr", &o.lr}}, []vectorSlot{{"exp_avg", o.m}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

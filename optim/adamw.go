package optim

import (
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// AdamW is Adam with decoupled weight decay, step for step torch.optim.AdamW
// (PyTorch 2.x; the same arithmetic as Adam with DecoupledWeightDecay): each
// step first shrinks x ← (1 − lr·λ)·x, then takes the Adam step of the
// undecayed gradient. See Adam for the update.
//
// Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019).
//
// The zero value is PyTorch's default: lr = 0.001, β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8, λ = 0.01.
type AdamW struct {
	LearningRate float64 // lr; 0 means 0.001 (use Zero for a literal 0)
	Beta1        float64 // β₁ ∈ [0, 1); 0 means 0.9 (use Zero for a literal 0)
	Beta2        float64 // β₂ ∈ [0, 1); 0 means 0.999 (use Zero for a literal 0)
	Eps          float64 // ε; 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay  float64 // λ ≥ 0; 0 means 0.01 (use Zero for no decay)
	Amsgrad      bool    // AMSGrad: normalize by the running maximum of v

	c adamCore
}

func init() {
	Register(Entry{
		Name:    "adamw",
		Summary: "AdamW, Adam with decoupled weight decay (torch.optim.AdamW; Loshchilov & Hutter 2019)",
		Params: momentFields("0.001", "decay β₂ of the second moment", "term added to the denominator",
			"0.01", "decoupled weight decay λ: x ← (1−lr·λ)x",
			spec.Field{Key: "amsgrad", Kind: spec.Bool, Default: "false", Doc: "AMSGrad variant (Reddi et al. 2018)"}),
		New: func(a spec.Args) (Algorithm, error) {
			lr, b1, b2, eps := momentArgs(a)
			o := &AdamW{
				LearningRate: lr,
				Beta1:        b1,
				Beta2:        b2,
				Eps:          eps,
				WeightDecay:  param.Explicit(a.Float("weight_decay")),
				Amsgrad:      a.Bool("amsgrad"),
			}
			if _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *AdamW) resolve() (adamCore, error) {
	c := adamCore{
		name:      "adamw",
		moments:   resolveMoments(o.LearningRate, o.Beta1, o.Beta2, o.Eps, 0.001),
		wd:        param.OrDefault(o.WeightDecay, 0.01),
		amsgrad:   o.Amsgrad,
		decoupled: true,
	}
	return c, c.check()
}

// Init prepares AdamW for n parameters and clears its state. It panics if a
// field is invalid.
func (o *AdamW) Init(n int) {
	c, err := o.resolve()
	mustInit("adamw", n, err)
	o.c.init(c, n)
}

// Step performs one AdamW update of x in place from g = ∇f(x).
func (o *AdamW) Step(x, g []float64) { o.c.step(x, g) }

// LR returns the learning rate in use.
func (o *AdamW) LR() float64 { return o.c.lr }

// SetLR sets the learning rate for the following steps. As in PyTorch, the
// decoupled decay factor 1 − lr·λ follows the new rate.
func (o *AdamW) SetLR(lr float64) { o.c.lr = lr }

// State returns the step count, learning rate and the exp_avg, exp_avg_sq
// and (AMSGrad) max_exp_avg_sq vectors.
func (o *AdamW) State() State { return o.c.state() }

// SetState restores a state saved by State, after Init with the same n.
func (o *AdamW) SetState(st State) error { return o.c.setState(st) }

// SetMomentum sets β₁ for the following steps, as Adam.SetMomentum.
func (o *AdamW) SetMomentum(b1 float64) { o.c.setMomentum(b1) }

// EffectiveLR stores lr/(√v̂ᵢ + ε) in dst and returns it, as Adam's: the
// decoupled decay shrinks x but does not enter the rate. Before the first
// step every value is lr. A nil dst is allocated; otherwise len(dst) must be
// the n given to Init.
func (o *AdamW) EffectiveLR(dst []float64) []float64 { return o.c.effectiveLR(dst) }

// momentum is β₁, the first moment's decay.
func (o *AdamW) momentum() float64 { return param.OrDefault(o.Beta1, 0.9) }

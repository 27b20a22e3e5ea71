package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Rprop is resilient backpropagation, step for step torch.optim.Rprop
// (PyTorch 2.x, _single_tensor_rprop in torch/optim/rprop.py). Each
// coordinate keeps its own step size Δᵢ (Δ₀ = lr) and the gradient of the
// previous step gᵢ′ (0 at the start); only the sign of the gradient moves x.
// At every step, with g = ∇f(x):
//
//	Δᵢ ← min(Δᵢ·η₊, Δmax)   if gᵢ·gᵢ′ > 0
//	Δᵢ ← max(Δᵢ·η₋, Δmin)   if gᵢ·gᵢ′ < 0, and then gᵢ ← 0
//	Δᵢ ← clamp(Δᵢ, Δmin, Δmax) if gᵢ·gᵢ′ = 0
//	xᵢ ← xᵢ − Δᵢ·sign(gᵢ)
//	gᵢ′ ← gᵢ
//
// A coordinate whose gradient changed sign does not move and forgets its
// gradient, so the next step neither grows nor shrinks its Δ (the
// "iRprop−" variant of Igel & Hüsken, "Improving the Rprop Learning
// Algorithm", 2000). The method is Riedmiller & Braun, "A Direct Adaptive
// Method for Faster Backpropagation Learning: The RPROP Algorithm" (ICNN
// 1993). As in PyTorch the clamp applies at every step, so an lr above
// Δmax starts at Δmax.
//
// The learning rate is only the initial step size: it is read at the first
// step (as torch initializes its state lazily), and SetLR after that changes
// LR() but not the steps, which are governed by the Δᵢ alone (as changing a
// param group's lr does in PyTorch).
//
// Rprop is neither Bounded (steps of size Δᵢ do not scale with the
// gradient, so no 2/L bound applies) nor PerCoordinate (its step per unit
// of gradient, Δᵢ/|gᵢ|, is not a learning rate that a running average
// fixes).
//
// The zero value is PyTorch's default: lr = 0.01, (η₋, η₊) = (0.5, 1.2),
// (Δmin, Δmax) = (1e-6, 50).
type Rprop struct {
	LearningRate float64 // lr, the initial step size Δ₀; 0 means 0.01 (use Zero for a literal 0)
	EtaMinus     float64 // η₋ ∈ (0, 1), the factor on a sign change; 0 means 0.5
	EtaPlus      float64 // η₊ > 1, the factor when the sign is kept; 0 means 1.2
	StepMin      float64 // Δmin ≥ 0; 0 means 1e-6 (use Zero for a literal 0)
	StepMax      float64 // Δmax ≥ Δmin; 0 means 50 (use Zero for a literal 0)

	lr, etaMinus, etaPlus, stepMin, stepMax float64

	n, t       int
	prev, step []float64 // prev, step_size
}

func init() {
	Register(Entry{
		Name:    "rprop",
		Summary: "Rprop, per-coordinate steps grown or shrunk by the gradient's sign (torch.optim.Rprop; Riedmiller & Braun 1993)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.01", Doc: "initial step size of every coordinate"},
			{Key: "etaminus", Kind: spec.Float, Default: "0.5", Doc: "factor η₋ ∈ (0, 1) on the step size when the gradient changes sign"},
			{Key: "etaplus", Kind: spec.Float, Default: "1.2", Doc: "factor η₊ > 1 on the step size when the gradient keeps its sign"},
			{Key: "step_min", Kind: spec.Float, Default: "1e-06", Doc: "smallest step size"},
			{Key: "step_max", Kind: spec.Float, Default: "50", Doc: "largest step size"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Rprop{
				LearningRate: param.Explicit(a.Float("lr")),
				EtaMinus:     param.Explicit(a.Float("etaminus")),
				EtaPlus:      param.Explicit(a.Float("etaplus")),
				StepMin:      param.Explicit(a.Float("step_min")),
				StepMax:      param.Explicit(a.Float("step_max")),
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults (into the unexported fields) and checks
// them: torch's checks (lr ≥ 0, 0 < η₋ < 1 < η₊) and a valid clamp range.
func (o *Rprop) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 0.01)
	o.etaMinus = param.OrDefault(o.EtaMinus, 0.5)
	o.etaPlus = param.OrDefault(o.EtaPlus, 1.2)
	o.stepMin = param.OrDefault(o.StepMin, 1e-6)
	o.stepMax = param.OrDefault(o.StepMax, 50)
	if err := firstErr(
		nonNegative("lr", o.lr),
		finite("etaminus", o.etaMinus),
		finite("etaplus", o.etaPlus),
		nonNegative("step_min", o.stepMin),
		nonNegative("step_max", o.stepMax),
	); err != nil {
		return err
	}
	if !(o.etaMinus > 0 && o.etaMinus < 1) {
		return fmt.Errorf("invalid etaminus %g: must be in (0, 1)", o.etaMinus+0) // +0: print −0 as 0
	}
	if !(o.etaPlus > 1) {
		return fmt.Errorf("invalid etaplus %g: must be > 1", o.etaPlus+0)
	}
	if o.stepMax < o.stepMin {
		return fmt.Errorf("invalid step_max %g: must be ≥ step_min (%g)", o.stepMax+0, o.stepMin+0)
	}
	return nil
}

// Init prepares Rprop for n parameters and clears its state. It panics if
// a field is invalid.
func (o *Rprop) Init(n int) {
	err := o.resolve()
	mustInit("rprop", n, err)
	o.n, o.t = n, 0
	o.prev = zeros(o.prev, n)
	o.step = zeros(o.step, n)
}

// Step performs one Rprop update of x in place from g = ∇f(x).
func (o *Rprop) Step(x, g []float64) {
	checkStep("rprop", x, g, o.n)
	g = g[:len(x)]
	prev, step := o.prev[:len(x)], o.step[:len(x)]
	if o.t == 0 {
		fill(step, o.lr) // torch: state["step_size"] = full_like(grad, lr)
	}
	o.t++
	em, ep, lo, hi := o.etaMinus, o.etaPlus, o.stepMin, o.stepMax
	for i, gi := range g {
		f := 1.0
		switch p := gi * prev[i]; {
		case p > 0:
			f = ep
		case p < 0:
			f = em
			gi = 0
		} // p = 0 or NaN (torch.sign(NaN) = 0): f = 1
		s := step[i] * f
		if s < lo { // clamp_(min, max): max(s, min), then min(·, max); NaN stays
			s = lo
		}
		if s > hi {
			s = hi
		}
		step[i] = s
		x[i] = math.FMA(-torchSign(gi), s, x[i]) // addcmul_(sign(g), step, value=-1)
		prev[i] = gi
	}
}

// torchSign is torch.sign for float64: (0 < v) − (v < 0), so ±0 and NaN
// give 0 (checked against torch 1.13 by gen_optim_extra.py).
func torchSign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// LR returns the learning rate: the initial step size.
func (o *Rprop) LR() float64 { return o.lr }

// SetLR sets the learning rate. It is the initial step size, so it matters
// only before the first step.
func (o *Rprop) SetLR(lr float64) { o.lr = lr }

// StepSizes stores the current per-coordinate step sizes Δᵢ in dst and
// returns it (lr before the first step). A nil dst is allocated; otherwise
// len(dst) must be the n given to Init.
func (o *Rprop) StepSizes(dst []float64) []float64 {
	if dst == nil {
		dst = make([]float64, o.n)
	}
	if len(dst) != o.n {
		panic(fmt.Sprintf("optim: rprop.StepSizes: len(dst)=%d, want %d (the n given to Init)", len(dst), o.n))
	}
	if o.t == 0 {
		return fill(dst, o.lr)
	}
	copy(dst, o.step)
	return dst
}

// StepCeiling returns Δmax, the largest step size, and its parameter's
// name (see StepSizer).
func (o *Rprop) StepCeiling() (float64, string) {
	return param.OrDefault(o.StepMax, 50), "step_max"
}

// State returns the step count, the learning rate and the prev and
// step_size vectors (as torch's state names them).
func (o *Rprop) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr},
		Vectors: map[string][]float64{"prev": o.prev, "step_size": o.step}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *Rprop) SetState(st State) error {
	if err := loadState("rprop", st, o.n, []scalarSlot{{"lr", &o.lr}},
		[]vectorSlot{{"prev", o.prev}, {"step_size", o.step}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Adafactor is torch.optim.Adafactor (PyTorch 2.5+, _single_tensor_adafactor
// in torch/optim/_adafactor.py; Shazeer & Stern, "Adafactor: Adaptive
// Learning Rates with Sublinear Memory Cost", ICML 2018) on a flat parameter
// vector, which is torch's unfactored branch (grad.dim() == 1): the second
// moment is a full vector v, not row and column factors. At step t, with
// g = ∇f(x) and n parameters:
//
//	β̂ = t^τ                              (τ = beta2_decay ≤ 0; 1 − β₂ in the paper)
//	ρ = min(lr, 1/√t)
//	α = max(ε₂, ‖x‖₂/√n)·ρ               (x before the weight decay)
//	x ← (1 − lr·λ)·x                     (decoupled weight decay)
//	v ← v + β̂·(g² − v)                   (torch's lerp; v = g² at t = 1)
//	u = g/√max(v, ε₁²)
//	x ← x − α/max(1, ‖u‖₂/(√n·d)) · u
//
// ε₁ defaults to the float64 machine epsilon 2⁻⁵² (torch's finfo(dtype).eps).
// The first step is x₀ − max(ε₂, RMS(x₀))·min(lr, 1)·sign(g) where g has no
// zero element (u = sign(g), RMS(u) = 1). The factored branch (matrix
// parameters: row and column means of g²) needs the model's shapes and is
// not implemented: descent's parameters are one flat vector.
//
// The zero value is PyTorch's default: lr = 0.01, beta2_decay = −0.8,
// eps1 = 2⁻⁵², eps2 = 1e-3, d = 1, no weight decay.
type Adafactor struct {
	LearningRate float64 // lr ≥ 0; 0 means 0.01 (use Zero for a literal 0)
	Beta2Decay   float64 // τ ≤ 0; 0 means −0.8 (use Zero for a literal 0)
	Eps1         float64 // ε₁ ≥ 0; 0 means 2⁻⁵² (use Zero for a literal 0)
	Eps2         float64 // ε₂ ≥ 0; 0 means 1e-3 (use Zero for a literal 0)
	D            float64 // clipping threshold d ≥ 1; 0 means 1
	WeightDecay  float64 // λ ≥ 0

	lr, tau, eps1, eps2, d float64

	n, t int
	v    []float64
}

func init() {
	Register(Entry{
		Name:    "adafactor",
		Summary: "Adafactor, relative steps with RMS clipping (torch.optim.Adafactor, PyTorch 2.5; Shazeer & Stern 2018), unfactored",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.01", Doc: "cap of the relative step ρ = min(lr, 1/√t) and weight-decay factor"},
			{Key: "beta2_decay", Kind: spec.Float, Default: "-0.8", Doc: "τ ≤ 0: the second moment's weight 1 − β₂ = t^τ"},
			{Key: "eps1", Kind: spec.Float, Default: "2.220446049250313e-16", Doc: "ε₁: floor of √v (torch: finfo(float64).eps)"},
			{Key: "eps2", Kind: spec.Float, Default: "0.001", Doc: "ε₂: floor of RMS(x) in the step size"},
			{Key: "d", Kind: spec.Float, Default: "1", Doc: "clipping threshold d ≥ 1 on RMS(update)"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "decoupled weight decay λ: x ← (1 − lr·λ)x"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Adafactor{
				LearningRate: param.Explicit(a.Float("lr")),
				Beta2Decay:   param.Explicit(a.Float("beta2_decay")),
				Eps1:         param.Explicit(a.Float("eps1")),
				Eps2:         param.Explicit(a.Float("eps2")),
				D:            a.Float("d"),
				WeightDecay:  a.Float("weight_decay"),
			}
			if a.Given("d") && o.D == 0 {
				o.D = -1 // a written 0 is out of range, not the default
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and makes torch's checks.
func (o *Adafactor) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 0.01)
	o.tau = param.OrDefault(o.Beta2Decay, -0.8)
	o.eps1 = param.OrDefault(o.Eps1, 0x1p-52)
	o.eps2 = param.OrDefault(o.Eps2, 1e-3)
	o.d = o.D
	if o.d == 0 {
		o.d = 1
	}
	if err := finite("beta2_decay", o.tau); err != nil {
		return err
	}
	if o.tau > 0 {
		return fmt.Errorf("invalid beta2_decay %g: must be ≤ 0", o.tau)
	}
	if err := finite("d", o.d); err != nil {
		return err
	}
	if o.d < 1 {
		return fmt.Errorf("invalid d %g: must be ≥ 1", o.d)
	}
	return firstErr(
		nonNegative("lr", o.lr),
		nonNegative("eps1", o.eps1),
		nonNegative("eps2", o.eps2),
		nonNegative("weight_decay", o.WeightDecay),
	)
}

// Init prepares Adafactor for n parameters and clears its state. It panics
// if a field is invalid.
func (o *Adafactor) Init(n int) {
	mustInit("adafactor", n, o.resolve())
	o.n, o.t = n, 0
	o.v = zeros(o.v, n)
}

// LR returns lr, the cap of the relative step.
func (o *Adafactor) LR() float64 { return o.lr }

// SetLR sets lr for the next steps.
func (o *Adafactor) SetLR(lr float64) { o.lr = lr }

// Step performs one Adafactor update of x in place from g = ∇f(x).
func (o *Adafactor) Step(x, g []float64) {
	checkStep("adafactor", x, g, o.n)
	o.t++
	t := float64(o.t)
	w := recipPowCR(t, -o.tau) // t^τ, rounded as Python's ** (glibc)
	rho := math.Min(o.lr, 1/math.Sqrt(t))
	rootN := math.Sqrt(float64(o.n))
	alpha := math.Max(o.eps2, norm2(x)/rootN) * rho
	if o.WeightDecay != 0 {
		s := 1 - o.lr*o.WeightDecay
		for i := range x {
			x[i] *= s
		}
	}
	g = g[:len(x)]
	v := o.v[:len(x)]
	floor := o.eps1 * o.eps1
	var uu float64
	for i, gi := range g {
		v[i] = lerp(v[i], gi*gi, w)
		u := gi * (1 / math.Sqrt(math.Max(v[i], floor)))
		uu += float64(u * u)
	}
	denom := math.Max(1, math.Sqrt(uu)/(rootN*o.d))
	c := -alpha / denom
	for i, gi := range g {
		u := gi * (1 / math.Sqrt(math.Max(v[i], floor)))
		x[i] = math.FMA(c, u, x[i])
	}
}

// norm2 is ‖v‖₂ summed in order.
func norm2(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += float64(x * x)
	}
	return math.Sqrt(s)
}

// State returns the step count and the second moment "variance" (torch's
// name), with the scalar "lr"; the vector aliases Adafactor's buffer.
func (o *Adafactor) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}, Vectors: map[string][]float64{"variance": o.v}}
}

// SetState restores a state saved by State into an Adafactor initialized
// with the same n.
func (o *Adafactor) SetState(st State) error {
	if err := loadState("adafactor", st, o.n, []scalarSlot{{"lr", &o.lr}}, []vectorSlot{{"variance", o.v}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

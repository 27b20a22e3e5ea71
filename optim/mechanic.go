package optim

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// mechanicBetas are the reference's six decay rates of the scale tuner.
var mechanicBetas = [...]float64{0.9, 0.99, 0.999, 0.9999, 0.99999, 0.999999}

// Mechanic tunes the scale of a base optimizer's updates: Cutkosky,
// Defazio & Mehta, "Mechanic: A Learning Rate Tuner" (NeurIPS 2023),
// transcribed from the authors' code (github.com/optimizedlearning/
// mechanic, src/mechanic_pytorch/mechanic.py at commit 4a037bc, with its
// defaults: store_delta=False). With x_ref the start, u the base
// optimizer's update at x, S = Σⱼ sⱼ over the betas βⱼ and
// Δ = (x − x_ref)/(S + ε):
//
//	h = ⟨Δ, g + λ·S·‖g‖/(‖x+u‖ + ε)·(x+u)⟩
//	mⱼ ← max(βⱼmⱼ, |h|),  vⱼ ← βⱼ²vⱼ + h²,  rⱼ ← max(βⱼrⱼ − sⱼh, 0)
//	sⱼ = (s_init·mⱼ/6 + rⱼ)/(√vⱼ + ε)
//	x ← x_ref + (Δ + u)·max(Σⱼ sⱼ, 0)
//
// The base runs on its own (unscaled) view of the iterates; Mechanic
// learns by online betting the factor S by which to scale them from the
// start. The zero value tunes SGD (lr 0.001) with the reference's
// defaults: λ = 0.01, s_init = 1e-8, ε = 1e-8.
type Mechanic struct {
	Base   Optimizer // the tuned optimizer; nil means SGD with its defaults
	SDecay float64   // λ, the "weight decay" of the scale; 0 means 0.01 (use Zero for a literal 0)
	SInit  float64   // s_init; 0 means 1e-8
	Eps    float64   // ε; 0 means 1e-8

	sdecay, sinit, eps float64
	n, t               int
	s, m, v, r         [len(mechanicBetas)]float64
	ref, xb, u         []float64
}

func init() {
	Register(Entry{
		Name:    "mechanic",
		Summary: "Mechanic, a learning-rate tuner that scales a base optimizer's updates (Cutkosky, Defazio & Mehta 2023, optimizedlearning/mechanic)",
		Params: []spec.Field{
			{Key: "base", Kind: spec.String, Default: "sgd", Doc: "the base optimizer, with its defaults", Choices: []string{"sgd", "adam", "adamw", "rmsprop", "adagrad", "lion"}},
			{Key: "lr", Kind: spec.Float, Default: "0", Doc: "the base optimizer's lr; 0 means its default"},
			{Key: "s_decay", Kind: spec.Float, Default: "0.01", Doc: "λ, the weight decay of the scale"},
			{Key: "s_init", Kind: spec.Float, Default: "1e-08", Doc: "initial scale"},
			{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "ε"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			bs := spec.Spec{Name: a.String("base")}
			if lr := a.Float("lr"); lr != 0 {
				bs = bs.With("lr", strconv.FormatFloat(lr, 'g', -1, 64))
			}
			b, err := NewSpec(bs)
			if err != nil {
				return nil, a.Errorf("base: %v", err)
			}
			bo, ok := b.(Optimizer)
			if !ok || IsMethod(b) {
				return nil, a.Errorf("base %s: not a step-based optimizer", bs)
			}
			o := &Mechanic{Base: bo, SDecay: param.Explicit(a.Float("s_decay")), SInit: a.Float("s_init"), Eps: a.Float("eps")}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *Mechanic) resolve() error {
	o.sdecay = param.OrDefault(o.SDecay, 0.01)
	o.sinit, o.eps = o.SInit, o.Eps
	if o.sinit == 0 {
		o.sinit = 1e-8
	}
	if o.eps == 0 {
		o.eps = 1e-8
	}
	if o.Base == nil {
		o.Base = &SGD{}
	}
	return firstErr(nonNegative("s_decay", o.sdecay), nonNegative("s_init", o.sinit), nonNegative("eps", o.eps))
}

// Init prepares Mechanic and its base for n parameters and clears their
// state. It panics if a field is invalid.
func (o *Mechanic) Init(n int) {
	err := o.resolve()
	mustInit("mechanic", n, err)
	o.Base.Init(n)
	o.n, o.t = n, 0
	for j := range mechanicBetas {
		o.s[j], o.m[j], o.v[j], o.r[j] = 0, 1e-6, 0, 0
	}
	o.ref, o.xb, o.u = zeros(o.ref, n), zeros(o.xb, n), zeros(o.u, n)
}

// Step performs one Mechanic update of x in place from g = ∇f(x).
func (o *Mechanic) Step(x, g []float64) {
	checkStep("mechanic", x, g, o.n)
	g = g[:len(x)]
	if o.t == 0 {
		copy(o.ref, x)
	}
	o.t++
	// The base's step from x: xb = x + u.
	copy(o.xb, x)
	o.Base.Step(o.xb, g)
	var S float64
	for _, v := range o.s {
		S += v
	}
	var xn, gn float64
	for i := range x {
		o.u[i] = o.xb[i] - x[i]
		xn += o.xb[i] * o.xb[i]
		gn += g[i] * g[i]
	}
	xn, gn = math.Sqrt(xn), math.Sqrt(gn)
	var h float64
	den := S + o.eps
	for i := range x {
		d := (x[i] - o.ref[i]) / den
		decay := o.sdecay * o.xb[i] * S * gn / (xn + o.eps)
		h += d * (g[i] + decay)
	}
	for j, b := range mechanicBetas {
		o.m[j] = math.Max(b*o.m[j], math.Abs(h))
		o.v[j] = o.v[j]*(b*b) + h*h
		o.r[j] = math.Max(o.r[j]*b-o.s[j]*h, 0)
		w := o.m[j]*o.sinit/float64(len(mechanicBetas)) + o.r[j]
		o.s[j] = w / (math.Sqrt(o.v[j]) + o.eps)
	}
	var S2 float64
	for _, v := range o.s {
		S2 += v
	}
	S2 = math.Max(S2, 0)
	for i := range x {
		d := (x[i] - o.ref[i]) / den
		x[i] = o.ref[i] + (d+o.u[i])*S2
	}
}

// EffectiveStep returns S = Σⱼ sⱼ, the scale Mechanic applies to the
// base optimizer's iterates.
func (o *Mechanic) EffectiveStep() float64 {
	var S float64
	for _, v := range o.s {
		S += v
	}
	return S
}

// LR returns the base optimizer's learning rate (0 when it has none).
func (o *Mechanic) LR() float64 {
	if l, ok := o.Base.(LRer); ok {
		return l.LR()
	}
	return 0
}

// SetLR sets the base optimizer's learning rate.
func (o *Mechanic) SetLR(lr float64) {
	if l, ok := o.Base.(LRer); ok {
		l.SetLR(lr)
	}
}

// base returns the base optimizer, SGD when none is set (as resolve does).
func (o *Mechanic) base() Optimizer {
	if o.Base == nil {
		o.Base = &SGD{}
	}
	return o.Base
}

// RefuseMomentum reports whether a schedule may cycle the momentum
// (schedule.MomentumRefuser): when the base has one. The reference's
// mechanize(Base) returns a subclass of the base optimizer class
// (mechanic.py line 325, class Mechanized(Base, Mechanic)) and keeps its
// own betas in optimizer.state["_mechanic"] (line 33), so the defaults
// torch's OneCycleLR and CyclicLR read are the base's: they cycle SGD's
// momentum or Adam's β₁, and refuse Adagrad.
func (o *Mechanic) RefuseMomentum() error {
	b := o.base()
	if r, ok := b.(interface{ RefuseMomentum() error }); ok {
		if err := r.RefuseMomentum(); err != nil {
			return fmt.Errorf("mechanic's base: %w", err)
		}
	}
	if _, ok := b.(interface{ SetMomentum(float64) }); !ok {
		return fmt.Errorf("the optimizer mechanic's base %s has no momentum or β1 to set (torch's schedulers read the base's defaults, which mechanize subclasses)", baseName(b))
	}
	return nil
}

// baseName is the lower-case type name of b, which for the bases mechanic
// takes is the registered name (*Adagrad: adagrad).
func baseName(b Optimizer) string {
	n := fmt.Sprintf("%T", b)
	if i := strings.LastIndexByte(n, '.'); i >= 0 {
		n = n[i+1:]
	}
	return strings.ToLower(strings.TrimPrefix(n, "*"))
}

// SetMomentum sets the base optimizer's momentum (SGD's μ, β₁ of Adam) for
// the following steps, as torch's schedulers set the base's param groups
// (see RefuseMomentum); it does nothing when the base has none.
func (o *Mechanic) SetMomentum(m float64) {
	if s, ok := o.base().(interface{ SetMomentum(float64) }); ok {
		s.SetMomentum(m)
	}
}

// slots are the tuner's per-beta vectors, by their state names.
func (o *Mechanic) slots() []vectorSlot {
	return []vectorSlot{{"mechanic_s", o.s[:]}, {"mechanic_max_product", o.m[:]}, {"mechanic_sum_squared_products", o.v[:]}, {"mechanic_reward", o.r[:]}}
}

// State returns the tuner's state (prefixed "mechanic_") with the base
// optimizer's (as it returns it).
func (o *Mechanic) State() State {
	st := State{Step: o.t, Scalars: map[string]float64{}, Vectors: map[string][]float64{"mechanic_ref": o.ref}}
	for _, sl := range o.slots() {
		st.Vectors[sl.name] = sl.dst
	}
	if b, ok := o.Base.(Stateful); ok {
		bs := b.State()
		for k, v := range bs.Scalars {
			st.Scalars["base_"+k] = v
		}
		for k, v := range bs.Vectors {
			st.Vectors["base_"+k] = v
		}
		st.Scalars["base_step"] = float64(bs.Step)
	}
	return st
}

// SetState restores a state saved by State, after Init with the same n.
func (o *Mechanic) SetState(st State) error {
	for _, sl := range o.slots() {
		if v := st.Vectors[sl.name]; len(v) != len(sl.dst) {
			return fmt.Errorf("optim: mechanic: state vector %q has length %d, want %d", sl.name, len(v), len(sl.dst))
		}
	}
	if err := loadState("mechanic", State{Step: st.Step, Vectors: map[string][]float64{"mechanic_ref": st.Vectors["mechanic_ref"]}}, o.n, nil,
		[]vectorSlot{{"mechanic_ref", o.ref}}); err != nil {
		return err
	}
	for _, sl := range o.slots() {
		copy(sl.dst, st.Vectors[sl.name])
	}
	if b, ok := o.Base.(Stateful); ok {
		bst := State{Step: int(st.Scalars["base_step"]), Scalars: map[string]float64{}, Vectors: map[string][]float64{}}
		for k, v := range st.Scalars {
			if name, ok := strings.CutPrefix(k, "base_"); ok && name != "step" {
				bst.Scalars[name] = v
			}
		}
		for k, v := range st.Vectors {
			if name, ok := strings.CutPrefix(k, "base_"); ok {
				bst.Vectors[name] = v
			}
		}
		if err := b.SetState(bst); err != nil {
			return err
		}
	}
	o.t = st.Step
	return nil
}

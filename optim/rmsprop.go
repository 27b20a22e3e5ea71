package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// RMSprop divides the gradient by a running root mean square of recent
// gradients, step for step torch.optim.RMSprop (PyTorch 2.x, single-tensor
// path). With g = ∇f(x):
//
//	g ← g + λ·x                     (weight decay λ)
//	v ← α·v + (1−α)·g²
//	ḡ ← α·ḡ + (1−α)·g,  ṽ ← v − ḡ²   if centered, else ṽ ← v
//	b ← μ·b + g/(√ṽ + ε),  x ← x − lr·b      if μ > 0
//	x ← x − lr·g/(√ṽ + ε)                    otherwise
//
// Hinton, Srivastava & Swersky, "Neural Networks for Machine Learning",
// lecture 6e (2012); the centered variant is Graves, "Generating Sequences
// With Recurrent Neural Networks" (2013). As in PyTorch, ε is added after the
// square root.
//
// The zero value is PyTorch's default: lr = 0.01, α = 0.99, ε = 1e-8.
type RMSprop struct {
	LearningRate float64 // lr; 0 means 0.01 (use Zero for a literal 0)
	Alpha        float64 // smoothing constant α ≥ 0; 0 means 0.99 (use Zero for 0)
	Eps          float64 // ε; 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay  float64 // λ ≥ 0, L2 penalty added to the gradient
	Momentum     float64 // μ ≥ 0
	Centered     bool    // normalize by an estimate of the variance

	lr, alpha, eps float64
	n, t           int
	squareAvg      []float64 // square_avg
	gradAvg        []float64 // grad_avg (centered)
	buf            []float64 // momentum_buffer (μ > 0)
}

func init() {
	Register(Entry{
		Name:    "rmsprop",
		Summary: "RMSprop, steps scaled by a running RMS of gradients (torch.optim.RMSprop; Hinton 2012, Graves 2013)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.01", Doc: "learning rate"},
			{Key: "alpha", Kind: spec.Float, Default: "0.99", Doc: "smoothing constant α"},
			{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "term added to the denominator"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "L2 penalty λ added to the gradient"},
			{Key: "momentum", Kind: spec.Float, Default: "0", Doc: "momentum factor μ"},
			{Key: "centered", Kind: spec.Bool, Default: "false", Doc: "centered RMSprop (normalize by the variance)"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &RMSprop{
				LearningRate: param.Explicit(a.Float("lr")),
				Alpha:        param.Explicit(a.Float("alpha")),
				Eps:          param.Explicit(a.Float("eps")),
				WeightDecay:  a.Float("weight_decay"),
				Momentum:     a.Float("momentum"),
				Centered:     a.Bool("centered"),
			}
			if _, _, _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *RMSprop) resolve() (lr, alpha, eps float64, err error) {
	lr, alpha, eps = param.OrDefault(o.LearningRate, 0.01), param.OrDefault(o.Alpha, 0.99), param.OrDefault(o.Eps, 1e-8)
	err = firstErr(
		nonNegative("lr", lr),
		inUnit("alpha", alpha, false), // torch checks only α ≥ 0; α > 1 makes v negative (√v NaN), α = 1 leaves v at 0
		nonNegative("eps", eps),
		nonNegative("weight_decay", o.WeightDecay),
		nonNegative("momentum", o.Momentum),
	)
	return lr, alpha, eps, err
}

// Init prepares RMSprop for n parameters and clears its state. It panics if
// a field is invalid.
func (o *RMSprop) Init(n int) {
	lr, alpha, eps, err := o.resolve()
	mustInit("rmsprop", n, err)
	o.lr, o.alpha, o.eps, o.n, o.t = lr, alpha, eps, n, 0
	o.squareAvg = zeros(o.squareAvg, n)
	o.gradAvg = o.gradAvg[:0]
	if o.Centered {
		o.gradAvg = zeros(o.gradAvg, n)
	}
	o.buf = o.buf[:0]
	if o.Momentum > 0 {
		o.buf = zeros(o.buf, n)
	}
}

// Step performs one RMSprop update of x in place from g = ∇f(x).
func (o *RMSprop) Step(x, g []float64) {
	checkStep("rmsprop", x, g, o.n)
	o.t++
	g = g[:len(x)]
	sq := o.squareAvg[:len(x)]
	lr, alpha, eps, wd, mu := o.lr, o.alpha, o.eps, o.WeightDecay, o.Momentum
	a1 := 1 - alpha
	centered, momentum := o.Centered, mu > 0
	for i, gi := range g {
		if wd != 0 {
			gi = math.FMA(wd, x[i], gi)
		}
		v := math.FMA(a1*gi, gi, sq[i]*alpha)
		sq[i] = v
		var avg float64
		if centered {
			ga := lerp(o.gradAvg[i], gi, a1)
			o.gradAvg[i] = ga
			avg = math.Sqrt(math.FMA(-ga, ga, v))
		} else {
			avg = math.Sqrt(v)
		}
		avg += eps
		if momentum {
			b := o.buf[i]*mu + gi/avg
			o.buf[i] = b
			x[i] = math.FMA(-lr, b, x[i])
		} else {
			x[i] += -lr * gi / avg
		}
	}
}

// LR returns the learning rate in use.
func (o *RMSprop) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *RMSprop) SetLR(lr float64) { o.lr = lr }

// SetMomentum sets μ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum), as torch's schedulers set
// param_group["momentum"]. μ must be in [0, 1).
func (o *RMSprop) SetMomentum(mu float64) {
	o.Momentum = mu
	if mu > 0 && len(o.buf) != o.n {
		o.buf = zeros(o.buf, o.n)
	}
}

func (o *RMSprop) slots() []vectorSlot {
	v := []vectorSlot{{"square_avg", o.squareAvg}}
	if o.Momentum > 0 || (o.n > 0 && len(o.buf) == o.n) {
		v = append(v, vectorSlot{"momentum_buffer", o.buf})
	}
	if o.Centered {
		v = append(v, vectorSlot{"grad_avg", o.gradAvg})
	}
	return v
}

// State returns the step count, learning rate and the square_avg,
// momentum_buffer (μ > 0) and grad_avg (centered) vectors.
func (o *RMSprop) State() State {
	st := State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}, Vectors: map[string][]float64{}}
	for _, s := range o.slots() {
		st.Vectors[s.name] = s.dst
	}
	return st
}

// SetState restores a state saved by State, after Init with the same n.
func (o *RMSprop) SetState(st State) error {
	if _, ok := st.Vectors["momentum_buffer"]; ok && len(o.buf) != o.n {
		o.buf = zeros(o.buf, o.n) // saved while a schedule cycled μ
	}
	if err := loadState("rmsprop", st, o.n, []scalarSlot{{"lr", &o.lr}}, o.slots()); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

// EffectiveLR stores lr/(√vᵢ + ε) in dst and returns it, v the running
// mean of squared gradients after the last step; centered, lr/(√(vᵢ − ḡᵢ²)
// + ε) with ḡ the running mean of gradients. It is the step coordinate i
// takes per unit of gradient (with μ > 0, per unit added to the momentum
// buffer). Before the first step every value is lr. A nil dst is
// allocated; otherwise len(dst) must be the n given to Init.
func (o *RMSprop) EffectiveLR(dst []float64) []float64 {
	dst = effectiveDst("rmsprop", dst, o.n)
	if o.t == 0 {
		return fill(dst, o.lr)
	}
	for i, v := range o.squareAvg[:o.n] {
		var avg float64
		if o.Centered {
			ga := o.gradAvg[i]
			avg = math.Sqrt(math.FMA(-ga, ga, v))
		} else {
			avg = math.Sqrt(v)
		}
		dst[i] = o.lr / (avg + o.eps)
	}
	return dst
}

// momentum is μ, the heavy-ball coefficient of the buffer b ← μ·b + g/(√ṽ+ε).
func (o *RMSprop) momentum() float64 { return o.Momentum }

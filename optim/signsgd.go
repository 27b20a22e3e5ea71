package optim

import (
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// SignSGD moves every coordinate by lr against the sign of its gradient,
// from Bernstein, Wang, Azizzadenesheli & Anandkumar, "signSGD: Compressed
// Optimisation for Non-Convex Problems" (ICML 2018). With
// g = ∇f(x):
//
//	x ← x − lr·sign(g)               (sign(0) = 0)
//
// The step does not scale with the gradient, so no 2/L bound applies (not
// Bounded); with a constant lr the iterates end in a cycle of width about
// lr around a minimizer. The paper gives no default rate; the zero value is
// lr = 0.01, the default of MXNet's Signum optimizer, which the paper's
// authors contributed (apache/incubator-mxnet pull request 9220).
type SignSGD struct {
	LearningRate float64 // lr; 0 means 0.01 (use Zero for a literal 0)

	lr   float64
	n, t int
}

// Signum is signSGD with momentum (Bernstein et al. 2018, the same paper):
// with g = ∇f(x) and momentum β,
//
//	m ← β·m + (1−β)·g                (m₀ = 0)
//	x ← x − lr·sign(m)
//
// With β = 0 it is SignSGD. It is not Bounded, and its momentum is not the
// heavy ball's (MomentumOf reports 0): m only chooses a sign. The zero
// value is MXNet's Signum default: lr = 0.01, β = 0.9.
type Signum struct {
	LearningRate float64 // lr; 0 means 0.01 (use Zero for a literal 0)
	Momentum     float64 // β ∈ [0, 1); 0 means 0.9 (use Zero for a literal 0)

	lr, beta float64
	n, t     int
	m        []float64 // momentum_buffer
}

func init() {
	Register(Entry{
		Name:    "signsgd",
		Summary: "signSGD, x ← x − lr·sign(g) (Bernstein et al. 2018)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.01", Doc: "learning rate: every coordinate moves by lr per step"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &SignSGD{LearningRate: param.Explicit(a.Float("lr"))}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
	Register(Entry{
		Name:    "signum",
		Summary: "Signum, signSGD on a momentum average of the gradients (Bernstein et al. 2018)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.01", Doc: "learning rate: every coordinate moves by lr per step"},
			{Key: "momentum", Kind: spec.Float, Default: "0.9", Doc: "momentum β of m = βm + (1−β)g"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Signum{LearningRate: param.Explicit(a.Float("lr")), Momentum: param.Explicit(a.Float("momentum"))}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *SignSGD) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 0.01)
	return nonNegative("lr", o.lr)
}

// Init prepares SignSGD for n parameters. It panics if a field is invalid.
func (o *SignSGD) Init(n int) {
	err := o.resolve()
	mustInit("signsgd", n, err)
	o.n, o.t = n, 0
}

// Step performs one signSGD update of x in place from g = ∇f(x).
func (o *SignSGD) Step(x, g []float64) {
	checkStep("signsgd", x, g, o.n)
	o.t++
	g = g[:len(x)]
	lr := o.lr
	for i, gi := range g {
		x[i] = math.FMA(-lr, torchSign(gi), x[i])
	}
}

// SignStep reports true: every coordinate moves by lr (see SignStepper).
func (o *SignSGD) SignStep() bool { return true }

// LR returns the learning rate in use.
func (o *SignSGD) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *SignSGD) SetLR(lr float64) { o.lr = lr }

// State returns the step count and the learning rate (signSGD keeps no
// vectors).
func (o *SignSGD) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *SignSGD) SetState(st State) error {
	if err := loadState("signsgd", st, o.n, []scalarSlot{{"lr", &o.lr}}, nil); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

func (o *Signum) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 0.01)
	o.beta = param.OrDefault(o.Momentum, 0.9)
	return firstErr(nonNegative("lr", o.lr), inUnit("momentum", o.beta, false))
}

// Init prepares Signum for n parameters and clears its state. It panics if
// a field is invalid.
func (o *Signum) Init(n int) {
	err := o.resolve()
	mustInit("signum", n, err)
	o.n, o.t = n, 0
	o.m = zeros(o.m, n)
}

// Step performs one Signum update of x in place from g = ∇f(x).
func (o *Signum) Step(x, g []float64) {
	checkStep("signum", x, g, o.n)
	o.t++
	g = g[:len(x)]
	m := o.m[:len(x)]
	lr, b := o.lr, o.beta
	if b == 0 {
		// The reference's signSGD branch (signum.py lines 78–90): the step
		// is sign(g) and the buffer is left as it was, which matters once a
		// schedule sets the momentum back above 0.
		for i, gi := range g {
			x[i] = math.FMA(-lr, torchSign(gi), x[i])
		}
		return
	}
	w := 1 - b
	for i, gi := range g {
		mi := math.FMA(w, gi, m[i]*b)
		m[i] = mi
		x[i] = math.FMA(-lr, torchSign(mi), x[i])
	}
}

// SetMomentum sets β for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum). The PyTorch Signum of the paper's
// authors' group (github.com/jiaweizzhao/Signum_pytorch, Example/signum.py
// at commit f7ceb6a) has defaults dict(lr, momentum, weight_decay) (line
// 54), so torch's OneCycleLR and CyclicLR set group["momentum"], which its
// step reads at every step (line 70): buf ← momentum·buf + (1−momentum)·g
// (line 87), and sign(g) with the buffer untouched when it is 0.
func (o *Signum) SetMomentum(b float64) { o.beta = b }

// SignStep reports true: every coordinate moves by lr (see SignStepper).
func (o *Signum) SignStep() bool { return true }

// LR returns the learning rate in use.
func (o *Signum) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *Signum) SetLR(lr float64) { o.lr = lr }

// State returns the step count, the learning rate and the momentum
// "momentum_buffer".
func (o *Signum) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}, Vectors: map[string][]float64{"momentum_buffer": o.m}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *Signum) SetState(st State) error {
	if err := loadState("signum", st, o.n, []scalarSlot{{"lr", &o.lr}}, []vectorSlot{{"momentum_buffer", o.m}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

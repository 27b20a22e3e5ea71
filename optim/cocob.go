package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// COCOB is COntinuous COin Betting, the Backprop variant of Orabona &
// Tommasi, "Training Deep Networks without Learning Rates Through Coin
// Betting" (NeurIPS 2017), Algorithm 2, transcribed from the author's
// PyTorch code (github.com/bremen79/parameterfree, parameterfree/cocob.py
// at commit 8e130f2). Per coordinate, with g = lr·(∇f(x) + λx) (lr = 1:
// the method has no learning rate; a schedule may scale it) and x₀ the
// start:
//
//	L ← max(L, |g|)            (L₀ = ε)
//	θ ← θ − g,  G ← G + |g|
//	R ← max(R − g·(x − x₀), 0)  (the wealth won by betting)
//	x ← x₀ + θ·(R + L)/(L·max(G + L, α·L))
//
// It bets a fraction of the wealth on the sign of the summed negative
// gradients, so the step grows while the gradients agree and shrinks when
// they flip. The zero value is the reference defaults: α = 100, ε = 1e-8,
// no weight decay.
type COCOB struct {
	Alpha       float64 // α ≥ 0; 0 means 100 (use Zero for a literal 0)
	Eps         float64 // ε > 0, the initial scale L₀; 0 means 1e-8
	WeightDecay float64 // λ ≥ 0, added to the gradient

	alpha, eps, lr float64
	n, t           int
	theta, gsum    []float64
	l, r, x0       []float64
}

func init() {
	Register(Entry{
		Name:    "cocob",
		Summary: "COCOB-Backprop, learning-rate-free coin betting (Orabona & Tommasi 2017, bremen79/parameterfree)",
		Params: []spec.Field{
			{Key: "alpha", Kind: spec.Float, Default: "100", Doc: "α, which caps the first bets (the paper's 100)"},
			{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "ε, the initial gradient scale L"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "λ: λx is added to the gradient"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &COCOB{Alpha: param.Explicit(a.Float("alpha")), Eps: a.Float("eps"), WeightDecay: a.Float("weight_decay")}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and checks them as the reference does.
func (o *COCOB) resolve() error {
	o.alpha = param.OrDefault(o.Alpha, 100)
	o.eps = o.Eps
	if o.eps == 0 {
		o.eps = 1e-8
	}
	if o.lr == 0 {
		o.lr = 1
	}
	if !(o.eps > 0) || math.IsInf(o.eps, 0) {
		return fmt.Errorf("invalid eps %g: must be > 0", o.eps)
	}
	return firstErr(nonNegative("alpha", o.alpha), nonNegative("weight_decay", o.WeightDecay))
}

// Init prepares COCOB for n parameters and clears its state. It panics if
// a field is invalid.
func (o *COCOB) Init(n int) {
	o.lr = 0
	err := o.resolve()
	mustInit("cocob", n, err)
	o.n, o.t = n, 0
	o.theta, o.gsum, o.r, o.x0 = zeros(o.theta, n), zeros(o.gsum, n), zeros(o.r, n), zeros(o.x0, n)
	o.l = zeros(o.l, n)
	for i := range o.l {
		o.l[i] = o.eps
	}
}

// Step performs one COCOB update of x in place from g = ∇f(x).
func (o *COCOB) Step(x, g []float64) {
	checkStep("cocob", x, g, o.n)
	if o.t == 0 {
		copy(o.x0, x)
	}
	o.t++
	g = g[:len(x)]
	for i, gi := range g {
		if o.WeightDecay != 0 {
			gi = math.FMA(o.WeightDecay, x[i], gi) // grad.add(p, alpha=weight_decay)
		}
		gi *= o.lr
		o.l[i] = math.Max(o.l[i], math.Abs(gi))
		o.theta[i] -= gi
		o.gsum[i] += math.Abs(gi)
		o.r[i] = math.FMA(-gi, x[i]-o.x0[i], o.r[i]) // reward.addcmul_(grad, p - x0, value=-1)
		o.r[i] = math.Max(o.r[i], 0)
		x[i] = (o.r[i]+o.l[i])*o.theta[i]/o.den(i) + o.x0[i]
	}
}

// den is coordinate i's denominator L·max(G + L, α·L).
func (o *COCOB) den(i int) float64 {
	return math.Max(o.gsum[i]+o.l[i], o.l[i]*o.alpha) * o.l[i] // torch.maximum(G + L, L·α)·L
}

// EffectiveStep returns the mean over coordinates of |x − x₀|/|θ|, the
// fraction of the summed negative gradient the last step moved by (0
// before the first step or where θ = 0).
func (o *COCOB) EffectiveStep() float64 {
	var s float64
	k := 0
	for i, th := range o.theta {
		if th != 0 {
			s += (o.r[i] + o.l[i]) / o.den(i)
			k++
		}
	}
	if k == 0 {
		return 0
	}
	return s / float64(k)
}

// LR returns the multiplier of the gradient (1; schedules may scale it).
func (o *COCOB) LR() float64 { return o.lr }

// SetLR sets the multiplier for the following steps.
func (o *COCOB) SetLR(lr float64) { o.lr = lr }

// State returns the step count and the per-coordinate state.
func (o *COCOB) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}, Vectors: map[string][]float64{
		"sum_negative_gradients": o.theta, "grad_norm_sum": o.gsum, "L": o.l, "reward": o.r, "x0": o.x0}}
}

// SetState restores a state saved by State, after Init with the same n.
func (o *COCOB) SetState(st State) error {
	if err := loadState("cocob", st, o.n, []scalarSlot{{"lr", &o.lr}}, []vectorSlot{
		{"sum_negative_gradients", o.theta}, {"grad_norm_sum", o.gsum}, {"L", o.l}, {"reward", o.r}, {"x0", o.x0}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

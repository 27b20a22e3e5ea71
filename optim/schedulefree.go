package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Schedule-free SGD and AdamW: Defazio, Yang, Mehta, Mishchenko, Khaled &
// Cutkosky, "The Road Less Scheduled" (NeurIPS 2024), transcribed step for
// step from the authors' reference code, github.com/facebookresearch/
// schedule_free at commit 70785b53e778d0e872c0bbb75ff4ee54ee10c291:
// SGDScheduleFree (schedulefree/sgd_schedulefree.py) and AdamWScheduleFree
// (schedulefree/adamw_schedulefree.py), the versions with train()/eval()
// modes, per-parameter (non-foreach) branch. The element operations round
// as PyTorch 2.x's CPU kernels do (see lerp); torch 1.13's lerp picks its
// formula by w < 0.5 rather than |w| < 0.5, which changes the last bit of x
// when 1 − 1/β ≤ −0.5, i.e. β ≤ 2/3.
//
// The method keeps three sequences: z, the base iterate that takes the
// (S)GD or Adam steps; x, the weighted average of the z's, which is the
// point to report and predict with; and y, their interpolation, where the
// gradient is evaluated. With the step size γₜ (lr, times t/warmup during
// warmup), the weight wₜ = tʳ·(maxₛ≤ₜ γₛ)^p (p = weight_lr_power) and
// cₜ = wₜ/Σₛ≤ₜ wₛ, step t is
//
//	g = ∇f(yₜ)  (+ λ·yₜ, weight decay at y)
//	zₜ₊₁ = zₜ − γₜ·g
//	xₜ₊₁ = (1 − cₜ)·xₜ + cₜ·zₜ₊₁
//	yₜ₊₁ = (1 − β)·zₜ₊₁ + β·xₜ₊₁
//
// with z₁ = x₁ = y₁ = the starting point. For AdamW, β is β₁ and ∇f(yₜ) is
// divided by √(v/(1−β₂ᵗ)) + ε, v ← β₂v + (1−β₂)∇f², before the decay term
// is added (with inner momentum μ > 0 the numerator is m/(1−μᵗ),
// m ← μm + (1−μ)∇f). As in the reference, y is updated in place without
// forming x: y ← lerp(y, z, cₜ) + γₜ(β(1−cₜ) − 1)·g, and
// x = lerp(y, z, 1 − 1/β) (what eval() computes).
//
// In descent, Step(x, g) receives g = ∇f at the vector it holds, so that
// vector is y: Step writes yₜ₊₁ into the caller's vector (the point where the
// next gradient is taken) and keeps z and x internally. Engines should
// report, plot and predict with Eval, the average x, not with the caller's
// vector; the loss at y is only a training signal.

// SGDScheduleFree is schedule-free SGD (see above): no learning-rate schedule
// is needed, the averaging replaces it. The zero value is the reference
// default: lr = 1, β = momentum = 0.9, no warmup, r = 0, weight_lr_power =
// 2, no weight decay. (lr = 1 suits normalized networks; on a function of
// curvature L it needs lr ≲ 2/L like SGD.)
type SGDScheduleFree struct {
	LearningRate  float64 // γ; 0 means 1 (use Zero for a literal 0)
	Momentum      float64 // β ∈ (0, 1), the interpolation of y; 0 means 0.9
	WeightDecay   float64 // λ ≥ 0, L2 penalty λ·y added to the gradient
	WarmupSteps   int     // linear warmup γₜ = lr·t/warmup_steps for t ≤ warmup_steps
	R             float64 // r ≥ 0, polynomial weighting tʳ in the average
	WeightLRPower float64 // p ≥ 0, weights (max γ)^p; 0 means 2 (use Zero for a literal 0)

	c sfCore
}

// AdamWScheduleFree is schedule-free AdamW (see above). The zero value is the
// reference default: lr = 0.0025, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no
// warmup, r = 0, weight_lr_power = 2, no weight decay, no inner momentum
// (the reference's inner_momentum, added after the paper: an Adam first
// moment inside the z step).
type AdamWScheduleFree struct {
	LearningRate  float64 // γ; 0 means 0.0025 (use Zero for a literal 0)
	Beta1         float64 // β₁ ∈ (0, 1), the interpolation of y; 0 means 0.9
	Beta2         float64 // β₂ ∈ [0, 1); 0 means 0.999 (use Zero for a literal 0)
	Eps           float64 // ε ≥ 0; 0 means 1e-8 (use Zero for a literal 0)
	WeightDecay   float64 // λ ≥ 0, decay λ·y added to the normalized gradient
	WarmupSteps   int     // linear warmup γₜ = lr·t/warmup_steps for t ≤ warmup_steps
	R             float64 // r ≥ 0, polynomial weighting tʳ in the average
	WeightLRPower float64 // p ≥ 0, weights (max γ)^p; 0 means 2 (use Zero for a literal 0)
	InnerMomentum float64 // μ ∈ [0, 1), first-moment decay inside the z step; 0: none

	c sfCore
}

func sfFields(lr, betaKey, betaDoc string, adam bool) []spec.Field {
	f := []spec.Field{
		{Key: "lr", Kind: spec.Float, Default: lr, Doc: "learning rate γ of the base iterate z"},
		{Key: betaKey, Kind: spec.Float, Default: "0.9", Doc: betaDoc},
	}
	if adam {
		f = append(f,
			spec.Field{Key: "beta2", Kind: spec.Float, Default: "0.999", Doc: "decay β₂ of the second moment"},
			spec.Field{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "term added to the denominator"})
	}
	f = append(f,
		spec.Field{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "weight decay λ, λ·y added to the (normalized) gradient"},
		spec.Field{Key: "warmup_steps", Kind: spec.Int, Default: "0", Doc: "linear learning-rate warmup over this many steps"},
		spec.Field{Key: "r", Kind: spec.Float, Default: "0", Doc: "polynomial weighting tʳ of the average"},
		spec.Field{Key: "weight_lr_power", Kind: spec.Float, Default: "2", Doc: "average weights (max lr)^p (0: no lr weighting)"},
	)
	if adam {
		f = append(f, spec.Field{Key: "inner_momentum", Kind: spec.Float, Default: "0", Doc: "first-moment decay μ inside the z step (0: none; 0.9 recommended when on)"})
	}
	return f
}

func init() {
	Register(Entry{
		Name:    "sgd_sf",
		Summary: "schedule-free SGD: gradient at an interpolation, report the average (Defazio et al. 2024, facebookresearch/schedule_free)",
		Params:  sfFields("1", "momentum", "interpolation β ∈ (0, 1): y = (1−β)z + βx", false),
		New: func(a spec.Args) (Algorithm, error) {
			o := &SGDScheduleFree{
				LearningRate:  param.Explicit(a.Float("lr")),
				Momentum:      param.Explicit(a.Float("momentum")),
				WeightDecay:   a.Float("weight_decay"),
				WarmupSteps:   a.Int("warmup_steps"),
				R:             a.Float("r"),
				WeightLRPower: param.Explicit(a.Float("weight_lr_power")),
			}
			if _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
	Register(Entry{
		Name:    "adamw_sf",
		Summary: "schedule-free AdamW: gradient at an interpolation, report the average (Defazio et al. 2024, facebookresearch/schedule_free)",
		Params:  sfFields("0.0025", "beta1", "interpolation β₁ ∈ (0, 1): y = (1−β₁)z + β₁x", true),
		New: func(a spec.Args) (Algorithm, error) {
			o := &AdamWScheduleFree{
				LearningRate:  param.Explicit(a.Float("lr")),
				Beta1:         param.Explicit(a.Float("beta1")),
				Beta2:         param.Explicit(a.Float("beta2")),
				Eps:           param.Explicit(a.Float("eps")),
				WeightDecay:   a.Float("weight_decay"),
				WarmupSteps:   a.Int("warmup_steps"),
				R:             a.Float("r"),
				WeightLRPower: param.Explicit(a.Float("weight_lr_power")),
				InnerMomentum: a.Float("inner_momentum"),
			}
			if _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *SGDScheduleFree) resolve() (sfCore, error) {
	c := sfCore{
		name:   "sgd_sf",
		lr:     param.OrDefault(o.LearningRate, 1),
		beta:   param.OrDefault(o.Momentum, 0.9),
		wd:     o.WeightDecay,
		warmup: o.WarmupSteps,
		r:      o.R,
		power:  param.OrDefault(o.WeightLRPower, 2),
	}
	return c, firstErr(nonNegative("lr", c.lr), openUnit("momentum", c.beta), c.check())
}

func (o *AdamWScheduleFree) resolve() (sfCore, error) {
	c := sfCore{
		name:   "adamw_sf",
		adam:   true,
		lr:     param.OrDefault(o.LearningRate, 0.0025),
		beta:   param.OrDefault(o.Beta1, 0.9),
		beta2:  param.OrDefault(o.Beta2, 0.999),
		eps:    param.OrDefault(o.Eps, 1e-8),
		wd:     o.WeightDecay,
		warmup: o.WarmupSteps,
		r:      o.R,
		power:  param.OrDefault(o.WeightLRPower, 2),
		inner:  o.InnerMomentum,
	}
	return c, firstErr(nonNegative("lr", c.lr), openUnit("beta1", c.beta),
		inUnit("beta2", c.beta2, false), nonNegative("eps", c.eps), c.check(),
		inUnit("inner_momentum", c.inner, false))
}

// openUnit checks 0 < v < 1.
func openUnit(key string, v float64) error {
	if err := finite(key, v); err != nil {
		return err
	}
	if !(v > 0 && v < 1) {
		return fmt.Errorf("invalid %s %g: must be in (0, 1)", key, v+0) // v+0: a written 0 is Zero, printed as 0
	}
	return nil
}

// Init prepares schedule-free SGD for n parameters and clears its state. It
// panics if a field is invalid.
func (o *SGDScheduleFree) Init(n int) {
	c, err := o.resolve()
	mustInit("sgd_sf", n, err)
	o.c.init(c, n)
}

// Init prepares schedule-free AdamW for n parameters and clears its state.
// It panics if a field is invalid.
func (o *AdamWScheduleFree) Init(n int) {
	c, err := o.resolve()
	mustInit("adamw_sf", n, err)
	o.c.init(c, n)
}

// Step takes one schedule-free step from g = ∇f(y), where y is the vector
// x that the caller holds, and writes the next y into it. The point to
// report is Eval.
func (o *SGDScheduleFree) Step(x, g []float64) { o.c.step(x, g) }

// Step takes one schedule-free step from g = ∇f(y), where y is the vector
// x that the caller holds, and writes the next y into it. The point to
// report is Eval.
func (o *AdamWScheduleFree) Step(x, g []float64) { o.c.step(x, g) }

// Eval stores the evaluation point, the average x of the schedule-free
// iterates (what the reference's optimizer.eval() puts in the parameters),
// in dst and returns it. Engines should report f, plot and predict with this
// point, not with the vector passed to Step (the gradient point y). Before
// the first Step it returns nil: the evaluation point is then the caller's
// own starting point. A nil dst is allocated; otherwise len(dst) must be
// the n given to Init.
func (o *SGDScheduleFree) Eval(dst []float64) []float64 { return o.c.eval(dst) }

// Eval stores the evaluation point, the average x of the schedule-free
// iterates (what the reference's optimizer.eval() puts in the parameters),
// in dst and returns it. Engines should report f, plot and predict with this
// point, not with the vector passed to Step (the gradient point y). Before
// the first Step it returns nil: the evaluation point is then the caller's
// own starting point. A nil dst is allocated; otherwise len(dst) must be
// the n given to Init.
func (o *AdamWScheduleFree) Eval(dst []float64) []float64 { return o.c.eval(dst) }

// Averaged is Eval, under the name of the Averager interface.
func (o *SGDScheduleFree) Averaged(dst []float64) []float64 { return o.c.eval(dst) }

// Averaged is Eval, under the name of the Averager interface.
func (o *AdamWScheduleFree) Averaged(dst []float64) []float64 { return o.c.eval(dst) }

// RefuseMomentum refuses a cycled momentum (schedule.MomentumRefuser),
// although torch's schedulers would take the reference, whose defaults hold
// momentum (sgd_schedulefree.py at commit 70785b5, lines 63–64): β is not
// a momentum but the interpolation y = (1−β)z + βx between the base iterate
// z and the average x, and the reference keeps only y (in the parameters)
// and z, x being z + (y − z)/β (eval(), line 87). Its step updates y in
// place as if y = (1−β)z + βx held with the β of the current step (lines
// 182–183), so a β changed between steps moves the average x, the point
// that is reported and saved, by (y − z)(1/β′ − 1/β) with no gradient
// behind it, and x is no longer the average of the z's. A rate schedule
// alone is fine (the authors' README: "the code is compatible with one").
func (o *SGDScheduleFree) RefuseMomentum() error { return sfRefusal("sgd_sf", "momentum β") }

// RefuseMomentum refuses a cycled β₁ as SGDScheduleFree.RefuseMomentum
// does: torch's schedulers would set betas[0] (adamw_schedulefree.py lines
// 69–70), which is the interpolation y = (1−β₁)z + β₁x (eval(), line 95;
// the in-place step, lines 234–235), not Adam's first-moment decay (that is
// inner_momentum).
func (o *AdamWScheduleFree) RefuseMomentum() error { return sfRefusal("adamw_sf", "β1") }

func sfRefusal(name, beta string) error {
	return fmt.Errorf("the optimizer %s takes no cycled momentum: its %s is schedule-free's interpolation y = (1−β)z + βx between the base iterate z and the average x, not a momentum, and the reference keeps only y and z (x = z + (y−z)/β), so a β changed between steps would move the average x with no gradient behind it (torch's schedulers would set it anyway; a rate schedule alone is fine)", name, beta)
}

// LR returns the base learning rate (before warmup).
func (o *SGDScheduleFree) LR() float64 { return o.c.lr }

// SetLR sets the base learning rate for the following steps. Schedule-free
// methods need no schedule; a changed rate also changes the average's
// weights through max γ.
func (o *SGDScheduleFree) SetLR(lr float64) { o.c.lr = lr }

// LR returns the base learning rate (before warmup).
func (o *AdamWScheduleFree) LR() float64 { return o.c.lr }

// SetLR sets the base learning rate for the following steps. Schedule-free
// methods need no schedule; a changed rate also changes the average's
// weights through max γ.
func (o *AdamWScheduleFree) SetLR(lr float64) { o.c.lr = lr }

// StableLR reports that no closed-form bound applies: the averaging weight
// cₜ changes every step, so the iteration is not a fixed linear map on a
// quadratic.
func (o *SGDScheduleFree) StableLR(L float64) Bound {
	return Bound{Rule: "does not apply: schedule-free averaging changes the iteration every step (no closed-form bound)"}
}

// EffectiveLR stores lr/(√v̂ᵢ + ε), v̂ = v/(1−β₂ᵗ), in dst and returns it: the
// step z takes per unit of gradient at the last step t (lr for every
// coordinate before the first step). A nil dst is allocated.
func (o *AdamWScheduleFree) EffectiveLR(dst []float64) []float64 {
	c := &o.c
	dst = effectiveDst(c.name, dst, c.n)
	if c.k == 0 {
		return fill(dst, c.lr)
	}
	bc2 := 1 - c.p2.hi
	for i, vi := range c.v[:c.n] {
		dst[i] = c.lr / (math.Sqrt(vi/bc2) + c.eps)
	}
	return dst
}

// State returns the step count, the lr, weight_sum and lr_max scalars and
// the vectors z, x (the average) and, for AdamW, exp_avg_sq.
func (o *SGDScheduleFree) State() State { return o.c.state() }

// SetState restores a state saved by State, after Init with the same n.
func (o *SGDScheduleFree) SetState(st State) error { return o.c.setState(st) }

// State returns the step count, the lr, weight_sum and lr_max scalars and
// the vectors z, x (the average), exp_avg_sq and, with inner momentum,
// exp_avg.
func (o *AdamWScheduleFree) State() State { return o.c.state() }

// SetState restores a state saved by State, after Init with the same n.
func (o *AdamWScheduleFree) SetState(st State) error { return o.c.setState(st) }

// sfCore is the resolved hyperparameters and state of both methods.
type sfCore struct {
	name                 string
	adam                 bool
	lr, beta, beta2, eps float64
	wd, r, power, inner  float64
	warmup               int
	n, k                 int // k: steps taken (the reference's group['k'])
	weightSum, lrMax     float64
	p1, p2               powSeq // μᵗ, β₂ᵗ
	z, x, v, m           []float64
}

func (c *sfCore) check() error {
	if c.warmup < 0 {
		return fmt.Errorf("invalid warmup_steps %d: must be ≥ 0", c.warmup)
	}
	return firstErr(nonNegative("weight_decay", c.wd), nonNegative("r", c.r), nonNegative("weight_lr_power", c.power))
}

func (c *sfCore) init(h sfCore, n int) {
	z, x, v, m := c.z, c.x, c.v, c.m
	*c = h
	c.n, c.k = n, 0
	c.weightSum, c.lrMax = 0, -1
	c.p1.reset(c.inner)
	c.p2.reset(c.beta2)
	c.z, c.x = zeros(z, n), zeros(x, n)
	c.v, c.m = v[:0], m[:0]
	if c.adam {
		c.v = zeros(v, n)
	}
	if c.inner != 0 {
		c.m = zeros(m, n)
	}
}

// sfPow is Python's float ** for the weights: b^a correctly rounded (glibc's
// pow), exact for a ∈ {0, 1, 2}.
func sfPow(b, a float64) float64 {
	switch {
	case a == 0:
		return 1
	case a == 1:
		return b
	case a == 2:
		return b * b
	case b == 0:
		return 0
	case b < 0:
		return math.Pow(b, a)
	}
	return powCR(b, a)
}

func (c *sfCore) step(y, g []float64) {
	checkStep(c.name, y, g, c.n)
	g = g[:len(y)]
	z, x := c.z[:len(y)], c.x[:len(y)]
	if c.k == 0 {
		copy(z, y) // state['z'] = torch.clone(p)
	}
	sched := 1.0
	if c.k < c.warmup {
		sched = float64(c.k+1) / float64(c.warmup)
	}
	lr := c.lr * sched
	c.lrMax = math.Max(lr, c.lrMax)
	weight := sfPow(float64(c.k+1), c.r) * sfPow(c.lrMax, c.power)
	c.weightSum += weight
	ckp1 := 0.0
	if c.weightSum != 0 {
		ckp1 = weight / c.weightSum
	}
	alpha := lr * (c.beta*(1-ckp1) - 1) // Python floats: rounded, never fused
	evalW := 1 - 1/c.beta
	wd := c.wd
	var bc1, bc2, w2, b2, eps, mu, w1 float64
	var v, m []float64
	if c.adam {
		bc2 = 1 - c.p2.next()
		b2, w2, eps = c.beta2, 1-c.beta2, c.eps
		v = c.v[:len(y)]
		if c.inner != 0 {
			bc1 = 1 - c.p1.next()
			mu, w1 = c.inner, 1-c.inner
			m = c.m[:len(y)]
		}
	}
	for i, gi := range g {
		if v != nil {
			vi := math.FMA(w2*gi, gi, v[i]*b2)
			v[i] = vi
			denom := math.Sqrt(vi/bc2) + eps
			if m != nil {
				mi := math.FMA(w1, gi, m[i]*mu) // exp_avg.mul_(μ).add_(grad, alpha=1−μ)
				m[i] = mi
				gi = mi / bc1
			}
			gi /= denom
		}
		yi := y[i]
		if wd != 0 {
			gi = math.FMA(wd, yi, gi)
		}
		yi = math.FMA(alpha, gi, lerp(yi, z[i], ckp1))
		zi := math.FMA(-lr, gi, z[i])
		y[i], z[i] = yi, zi
		x[i] = lerp(yi, zi, evalW)
	}
	c.k++
}

func (c *sfCore) eval(dst []float64) []float64 {
	if c.k == 0 {
		return nil
	}
	if dst == nil {
		dst = make([]float64, c.n)
	}
	if len(dst) != c.n {
		panic(fmt.Sprintf("optim: %s.Eval: len(dst)=%d, want %d (the n given to Init)", c.name, len(dst), c.n))
	}
	copy(dst, c.x)
	return dst
}

func (c *sfCore) slots() []vectorSlot {
	s := []vectorSlot{{"z", c.z}, {"x", c.x}}
	if c.adam {
		s = append(s, vectorSlot{"exp_avg_sq", c.v})
	}
	if c.inner != 0 {
		s = append(s, vectorSlot{"exp_avg", c.m})
	}
	return s
}

func (c *sfCore) state() State {
	st := State{Step: c.k, Scalars: map[string]float64{"lr": c.lr, "weight_sum": c.weightSum, "lr_max": c.lrMax},
		Vectors: map[string][]float64{}}
	for _, s := range c.slots() {
		st.Vectors[s.name] = s.dst
	}
	return st
}

func (c *sfCore) setState(st State) error {
	if err := loadState(c.name, st, c.n,
		[]scalarSlot{{"lr", &c.lr}, {"weight_sum", &c.weightSum}, {"lr_max", &c.lrMax}}, c.slots()); err != nil {
		return err
	}
	c.k = st.Step
	c.p1.seek(c.k)
	c.p2.seek(c.k)
	return nil
}

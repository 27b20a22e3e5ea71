package optim

import "fmt"

// Bound is a stable learning-rate bound on the local quadratic model
// f(x) ≈ ½xᵀHx with largest Hessian eigenvalue L: rates below LR do not
// diverge. LR is 0 when no bound applies, and Rule says which formula gave
// the bound or why there is none.
type Bound struct {
	LR   float64
	Rule string
}

// Bounded is implemented by step-based optimizers whose stable range on a
// quadratic is known in closed form, so that the bound comes from the
// optimizer itself rather than from its name.
type Bounded interface {
	// StableLR returns the bound for a largest Hessian eigenvalue L > 0.
	StableLR(L float64) Bound
}

// StableLR returns the stable learning-rate bound of a at curvature L: the
// optimizer's own (Bounded) when L > 0, and otherwise a Bound with LR 0 and a
// Rule saying why none applies — no positive curvature, a line search that
// chooses its own steps, or an adaptive method that rescales each coordinate.
func StableLR(a Algorithm, L float64) Bound {
	switch b, ok := a.(Bounded); {
	case !(L > 0) || L > 1e308:
		return Bound{Rule: "no positive curvature at this point: no step-size bound"}
	case IsMethod(a):
		return Bound{Rule: "does not apply: the method chooses its steps by a line search"}
	case ok:
		return b.StableLR(L)
	}
	if _, ok := Unwrap(a).(PerCoordinate); ok {
		return Bound{Rule: "does not apply: the optimizer rescales each coordinate by its gradient history"}
	}
	return Bound{Rule: "does not apply: the optimizer's step does not scale with the gradient (no bound in terms of L)"}
}

// gdBound is 2/L, the stability limit of gradient descent on a quadratic:
// the iteration x ← x − lr·Hx contracts along every eigenvector iff
// |1 − lr·λ| < 1 for every eigenvalue λ ≤ L (Nocedal & Wright, Numerical
// Optimization, 2nd ed., §3.3).
func gdBound(L float64) Bound {
	return Bound{LR: 2 / L, Rule: "2/L (gradient descent on the local quadratic model)"}
}

// heavyBallBound is 2(1+β)/L, the stability limit of Polyak's heavy ball
// x ← x − lr·∇f + β(x − x₋) on a quadratic (Polyak 1964; Goh, "Why Momentum
// Really Works", Distill 2017, §"The critical step size").
func heavyBallBound(L, beta float64) Bound {
	return Bound{LR: 2 * (1 + beta) / L, Rule: fmt.Sprintf("2(1+β)/L (heavy-ball momentum, β=%g)", beta)}
}

// nesterovBound is 2(1+β)/((1+2β)L), the stability limit of Nesterov's
// momentum in Sutskever's form on a quadratic: the characteristic roots of
// z² − (1+β)(1−lr·λ)z + β(1−lr·λ) stay inside the unit circle iff
// lr·λ < 2(1+β)/(1+2β).
func nesterovBound(L, beta float64) Bound {
	return Bound{LR: 2 * (1 + beta) / ((1 + 2*beta) * L), Rule: fmt.Sprintf("2(1+β)/((1+2β)L) (Nesterov momentum, β=%g)", beta)}
}

// PerCoordinate is implemented by adaptive methods that divide each
// coordinate's step by a running measure of its gradients (Adagrad,
// RMSprop, Adadelta and the Adam family): their effective step is
// lr/(√v̂+ε) per coordinate, so no single bound 2/L applies and momentum
// is already built in or not needed.
type PerCoordinate interface {
	Optimizer
	// EffectiveLR stores lr/(√v̂ᵢ+ε), the step each coordinate takes per
	// unit of (momentum-averaged) gradient at the last step, in dst
	// (len(dst) = n) and returns dst. Before the first step it returns
	// lr/(√0+ε)-free values: lr for every coordinate.
	EffectiveLR(dst []float64) []float64
}

// SelfAnnealing reports whether a's effective step shrinks with the number
// of steps on its own, whatever the schedule: Adagrad divides each step by
// the root of the sum of all squared gradients so far, √(Σg²) — about
// lr/(|g|·√t) for gradients of a steady size (Duchi, Hazan & Singer 2011,
// §1) — so the noise floor of a mini-batch run at a high rate falls as the
// run goes on instead of staying at lr's level, as RMSprop's and Adam's
// running averages do. Clipping wrappers are looked through.
func SelfAnnealing(a Algorithm) bool {
	_, ok := Unwrap(a).(*Adagrad)
	return ok
}

// MomentumOf returns the momentum coefficient of the heavy-ball or Nesterov
// rule of a (SGD's μ, RMSprop's momentum, Adam's β₁), 0 when it has none.
// Clipping wrappers are looked through.
func MomentumOf(a Algorithm) float64 {
	switch o := Unwrap(a).(type) {
	case *SGD:
		return o.Momentum
	case interface{ momentum() float64 }:
		return o.momentum()
	}
	return 0
}

// Unwrap returns the optimizer inside clipping wrappers.
func Unwrap(a Algorithm) Algorithm {
	for {
		c, ok := a.(*Clipped)
		if !ok {
			return a
		}
		a = c.Opt
	}
}

// Unscaled is implemented by adaptive methods whose first steps from a
// fresh state are not divided per coordinate by a running measure of the
// gradients: RAdam's, while the variance of its adaptive rate is
// intractable (ρₜ ≤ 5), are momentum steps x ← x − lr·m̂ (Liu et al. 2020,
// "On the Variance of the Adaptive Learning Rate and Beyond", Algorithm 2),
// whose step grows with the gradient and is stable on a quadratic of
// largest eigenvalue L only for lr below about 2/L, as gradient descent's.
type Unscaled interface {
	// UnscaledSteps returns the number of such first steps.
	UnscaledSteps() int
}

// UnscaledSteps returns the number of first steps a fresh a takes without
// its per-coordinate scaling (Unscaled), 0 for other methods. Clipping
// wrappers are looked through.
func UnscaledSteps(a Algorithm) int {
	if u, ok := Unwrap(a).(Unscaled); ok {
		return u.UnscaledSteps()
	}
	return 0
}

// SignStepper is implemented by the sign methods (SignSGD, Signum, Lion),
// which move every coordinate by ±lr whatever the size of its gradient.
// They have no per-coordinate rate to report (not PerCoordinate), but for
// advice they are the adaptive methods' limit: Adam with β₁ = β₂ = 0
// steps by lr·g/|g| (Balles & Hennig 2018, "Dissecting Adam: The Sign,
// Magnitude and Variance of Stochastic Gradients"), so no 2/L bound
// applies and a rate is judged against the distance to travel.
type SignStepper interface {
	// SignStep reports whether every step moves each coordinate by lr.
	SignStep() bool
}

// Normalized is implemented by methods whose step's size is set by lr,
// not by the gradient's: the sign methods (SignStepper) and Muon, whose
// step of a weight matrix is lr times an orthogonalized momentum, every
// singular value near 1 (Jordan et al. 2024). For advice they are
// adaptive: no 2/L bound applies, and a rate is judged against the
// distance to travel.
type Normalized interface {
	// NormalizedStep reports whether the step's size is set by lr alone.
	NormalizedStep() bool
}

// IsNormalized reports whether a is a Normalized method or a sign method.
// Clipping wrappers are looked through.
func IsNormalized(a Algorithm) bool {
	n, ok := Unwrap(a).(Normalized)
	return (ok && n.NormalizedStep()) || IsSignStep(a)
}

// IsSignStep reports whether a is a sign method (SignStepper). Clipping
// wrappers are looked through: clipping does not change a sign.
func IsSignStep(a Algorithm) bool {
	s, ok := Unwrap(a).(SignStepper)
	return ok && s.SignStep()
}

// StepSizer is implemented by methods whose learning rate is only the
// first of the per-coordinate step sizes Δᵢ that they then grow and
// shrink by themselves: Rprop's Δᵢ ← min(Δᵢ·η₊, Δmax) while gᵢ keeps its
// sign and Δᵢ ← max(Δᵢ·η₋, Δmin) when it flips (Riedmiller & Braun 1993),
// so after its first steps a run goes at the sizes the gradient's signs
// chose, whatever lr was. For advice, the rate to start the next run at
// is the size the steps grew to, and when they grew to the ceiling Δmax
// it is the ceiling, not the rate, that holds the run back.
type StepSizer interface {
	// StepSizes stores the current step sizes in dst and returns it (a
	// nil dst is allocated).
	StepSizes(dst []float64) []float64
	// StepCeiling returns Δmax and the name of its parameter.
	StepCeiling() (hi float64, param string)
}

// Grown returns the largest step size a StepSizer holds now (largest),
// the largest it may take (ceiling) and the ceiling's parameter; ok is
// false for other methods. Clipping wrappers are looked through: clipping
// changes the gradient, and a sign method's steps do not depend on its
// size.
func Grown(a Algorithm) (largest, ceiling float64, param string, ok bool) {
	s, ok := Unwrap(a).(StepSizer)
	if !ok {
		return 0, 0, "", false
	}
	for _, v := range s.StepSizes(nil) {
		if v > largest {
			largest = v
		}
	}
	ceiling, param = s.StepCeiling()
	return largest, ceiling, param, true
}

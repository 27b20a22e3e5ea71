package optim

import (
	"math"
	"testing"
)

// stepConst takes k steps of o from x = (1, −2) with the constant gradient
// g (which the problem never recomputes), and returns x before and after
// the last step.
func stepConst(o Optimizer, g []float64, k int) (before, after []float64) {
	o.Init(len(g))
	x := []float64{1, -2}
	for s := 0; s < k; s++ {
		before = append(before[:0], x...)
		o.Step(x, g)
	}
	return before, x
}

func closeRel(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))
}

// TestEffectiveLRConstantGradient checks EffectiveLR against closed forms
// of the update rules (each optimizer's doc comment, i.e. torch's formulas)
// after k steps with a constant gradient g = (3, −0.5). Everything below is
// derived by hand:
//
//   - Adam/AdamW/NAdam: v_k = (1−β₂ᵏ)g², so v̂ = g² and the rate is lr/(|g|+ε)
//     (AMSGrad: v increases, so its max is v and the rate is the same).
//   - Adamax: u = max(β₂u, |g|+ε) = |g|+ε from the first step: lr/(|g|+ε).
//   - RAdam: while ρₖ ≤ 5, lr; afterwards lr·rₖ/(|g| + ε/√(1−β₂ᵏ)).
//   - Adagrad: s = k·g², lr̃ = lr/(1+(k−1)η): lr̃/(√k·|g|+ε).
//   - RMSprop: v = (1−αᵏ)g²: lr/(√(1−αᵏ)|g|+ε); centered, ḡ = (1−αᵏ)g and
//     v − ḡ² = αᵏ(1−αᵏ)g².
func TestEffectiveLRConstantGradient(t *testing.T) {
	g := []float64{3, -0.5}
	const eps = 1e-8
	b2 := 0.999
	rho := func(k int) float64 {
		p := math.Pow(b2, float64(k))
		rinf := 2/(1-b2) - 1
		return rinf - 2*float64(k)*p/(1-p)
	}
	radam := func(lr float64, k int) func(gi float64) float64 {
		r := rho(k)
		if r <= 5 {
			return func(float64) float64 { return lr }
		}
		rinf := 2/(1-b2) - 1
		rect := math.Sqrt((r - 4) * (r - 2) * rinf / ((rinf - 4) * (rinf - 2) * r))
		return func(gi float64) float64 {
			return lr * rect / (math.Abs(gi) + eps/math.Sqrt(1-math.Pow(b2, float64(k))))
		}
	}
	adamLike := func(lr float64) func(float64) float64 {
		return func(gi float64) float64 { return lr / (math.Abs(gi) + eps) }
	}
	for _, c := range []struct {
		name string
		o    Optimizer
		k    int
		want func(gi float64) float64
		// moves: the last step moved x by −EffectiveLR·m̂ with m̂ = g
		// exactly or to rounding (false for NAdam, whose step mixes g
		// and m with two coefficients, and RMSprop with momentum).
		moves bool
		tol   float64 // relative; 0 means 1e-12
	}{
		{"adam k=1", &Adam{LearningRate: 0.01}, 1, adamLike(0.01), true, 0},
		{"adam k=50", &Adam{LearningRate: 0.01}, 50, adamLike(0.01), true, 0},
		{"adam amsgrad", &Adam{LearningRate: 0.01, Amsgrad: true}, 20, adamLike(0.01), true, 0},
		{"adamw decay", &AdamW{LearningRate: 0.01, WeightDecay: 0.1}, 20, adamLike(0.01), false, 0},
		{"nadam", &NAdam{}, 30, adamLike(0.002), false, 0},
		{"adamax", &Adamax{}, 30, adamLike(0.002), true, 0},
		{"radam k=5 (off)", &RAdam{}, 5, radam(0.001, 5), true, 0},
		// ρ₆ ≈ 6 = 1999 − 1993 cancels: an ulp of β₂⁶ is ~1e-11 of r₆.
		{"radam k=6 (on)", &RAdam{}, 6, radam(0.001, 6), true, 1e-10},
		{"radam k=100", &RAdam{}, 100, radam(0.001, 100), true, 0},
		{"adagrad", &Adagrad{LearningRate: 0.1, LRDecay: 0.5}, 4, func(gi float64) float64 {
			return 0.1 / (1 + 3*0.5) / (2*math.Abs(gi) + 1e-10)
		}, true, 0},
		{"rmsprop", &RMSprop{Alpha: 0.9}, 3, func(gi float64) float64 {
			return 0.01 / (math.Sqrt(1-0.729)*math.Abs(gi) + 1e-8)
		}, true, 0},
		{"rmsprop centered+momentum", &RMSprop{Alpha: 0.9, Centered: true, Momentum: 0.5}, 3, func(gi float64) float64 {
			return 0.01 / (math.Sqrt(0.729*(1-0.729))*math.Abs(gi) + 1e-8)
		}, false, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			pc, ok := c.o.(PerCoordinate)
			if !ok {
				t.Fatalf("%T is not PerCoordinate", c.o)
			}
			before, after := stepConst(c.o, g, c.k)
			got := pc.EffectiveLR(make([]float64, len(g)))
			tol := c.tol
			if tol == 0 {
				tol = 1e-12
			}
			for i, gi := range g {
				if w := c.want(gi); !closeRel(got[i], w, tol) {
					t.Errorf("EffectiveLR[%d] = %.17g, want %.17g", i, got[i], w)
				}
				if c.moves {
					// m̂ = g only to a relative 1e-15 or so (m is a lerp),
					// and before − after loses an ulp of x.
					d, w := before[i]-after[i], got[i]*gi
					if math.Abs(d-w) > 1e-13*math.Abs(w)+4e-16*math.Abs(before[i]) {
						t.Errorf("last step moved x[%d] by %.17g, want EffectiveLR·g = %.17g", i, d, w)
					}
				}
			}
		})
	}
	// The rectification switches on between steps 5 and 6 for β₂ = 0.999.
	if !(rho(5) <= 5 && rho(6) > 5) {
		t.Fatalf("ρ₅ = %g, ρ₆ = %g: test cases no longer straddle the switch", rho(5), rho(6))
	}
}

// TestEffectiveLRAdadelta checks two Adadelta steps with ρ = ½, ε = 1,
// lr = 1 and g = 1 by hand: v₁ = ½, Δ₁² = 1/(3/2) = 2/3, u₁ = ½·2/3 = 1/3,
// rate √(4/3)/√(3/2) = √(8/9); v₂ = ¾, Δ₂² = (4/3)/(7/4) = 16/21,
// u₂ = 1/6 + 8/21 = 23/42, rate √(65/42)/√(7/4) = √(130/147).
func TestEffectiveLRAdadelta(t *testing.T) {
	for k, want := range map[int]float64{1: math.Sqrt(8.0 / 9), 2: math.Sqrt(130.0 / 147)} {
		o := &Adadelta{Rho: 0.5, Eps: 1, LearningRate: 1}
		stepConst(o, []float64{1, 1}, k)
		got := o.EffectiveLR(nil)
		for i := range got {
			if !closeRel(got[i], want, 1e-15) {
				t.Errorf("k=%d: EffectiveLR[%d] = %.17g, want %.17g", k, i, got[i], want)
			}
		}
	}
}

// TestEffectiveLRBeforeFirstStep: before any step the rate is lr (for
// Adagrad with a non-zero initial accumulator too), and SetLR is followed.
func TestEffectiveLRBeforeFirstStep(t *testing.T) {
	for _, o := range []PerCoordinate{
		&Adagrad{InitialAccumulatorValue: 4}, &RMSprop{Centered: true}, &Adadelta{},
		&Adam{}, &AdamW{}, &NAdam{}, &RAdam{}, &Adamax{},
	} {
		o.Init(3)
		o.(LRer).SetLR(0.25)
		for i, v := range o.EffectiveLR([]float64{-1, -1, -1}) {
			if v != 0.25 {
				t.Errorf("%T: EffectiveLR[%d] = %g before the first step, want lr = 0.25", o, i, v)
			}
		}
	}
}

// TestEffectiveLRDst: nil is allocated, a wrong length panics.
func TestEffectiveLRDst(t *testing.T) {
	o := &Adam{}
	o.Init(2)
	if got := o.EffectiveLR(nil); len(got) != 2 {
		t.Fatalf("EffectiveLR(nil) has len %d, want 2", len(got))
	}
	defer func() {
		if recover() == nil {
			t.Error("EffectiveLR with len(dst) = 3 for n = 2 did not panic")
		}
	}()
	o.EffectiveLR(make([]float64, 3))
}

// TestMomentumOf: β₁ for the Adam family (defaults and explicit zeros),
// RMSprop's μ, 0 for Adagrad and Adadelta, through clipping wrappers.
func TestMomentumOf(t *testing.T) {
	for _, c := range []struct {
		a    Algorithm
		want float64
	}{
		{&Adam{}, 0.9}, {&Adam{Beta1: 0.8}, 0.8}, {&Adam{Beta1: Zero}, 0},
		{&AdamW{}, 0.9}, {&NAdam{Beta1: 0.7}, 0.7}, {&RAdam{}, 0.9}, {&Adamax{Beta1: 0.5}, 0.5},
		{&RMSprop{}, 0}, {&RMSprop{Momentum: 0.6}, 0.6},
		{&Adagrad{}, 0}, {&Adadelta{}, 0},
		{&SGD{Momentum: 0.3}, 0.3},
		{WithClip(&Adam{Beta1: 0.85}, 1, 0), 0.85},
	} {
		if got := MomentumOf(c.a); got != c.want {
			t.Errorf("MomentumOf(%T %+v) = %g, want %g", c.a, c.a, got, c.want)
		}
	}
}

// TestSelfAnnealing: Adagrad's step lr/√(Σg²) shrinks with the steps
// taken — on a constant gradient g, step t moves lr·g/(|g|√t) = lr/√t —
// and so through a clipping wrapper; the running averages of RMSprop and
// the Adam family, and plain SGD, keep a step of about lr.
func TestSelfAnnealing(t *testing.T) {
	for _, c := range []struct {
		a    Algorithm
		want bool
	}{
		{&Adagrad{}, true}, {WithClip(&Adagrad{LearningRate: 0.1}, 1, 0), true},
		{&RMSprop{}, false}, {&Adam{}, false}, {&Adadelta{}, false}, {&SGD{}, false},
	} {
		if got := SelfAnnealing(c.a); got != c.want {
			t.Errorf("SelfAnnealing(%T) = %v, want %v", c.a, got, c.want)
		}
	}
	// The premise, on Adagrad itself: steps of lr/√t on a constant
	// gradient.
	a := &Adagrad{LearningRate: 0.5}
	a.Init(1)
	x, g := []float64{0}, []float64{3}
	for k := 1; k <= 4; k++ {
		before := x[0]
		a.Step(x, g)
		if step, want := before-x[0], 0.5/math.Sqrt(float64(k)); math.Abs(step-want) > 1e-9 {
			t.Errorf("step %d: %g, want lr/√t = %g", k, step, want)
		}
	}
}

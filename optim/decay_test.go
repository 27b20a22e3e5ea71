package optim

import (
	"math"
	"testing"
)

// TestDecayCapIsTheFixedPoint: on a linear objective f(x) = −x (a
// constant gradient −1, which keeps its sign for good) the decoupled decay
// and the normalized step balance at (1 − lr·λ)x + lr·1 = x, x = 1/λ in
// closed form; a long run of each method settles there and DecayCap says
// so. Methods without decoupled decay report 0.
func TestDecayCapIsTheFixedPoint(t *testing.T) {
	for _, c := range []struct {
		name string
		alg  Optimizer
		want float64 // 1/λ, 0: no cap
	}{
		{"adamw default", &AdamW{LearningRate: 0.1}, 100},
		{"adamw λ=0.05", &AdamW{LearningRate: 0.1, WeightDecay: 0.05}, 20},
		{"adam decoupled", &Adam{LearningRate: 0.1, WeightDecay: 0.02, DecoupledWeightDecay: true}, 50},
		{"nadam decoupled", &NAdam{LearningRate: 0.1, WeightDecay: 0.02, DecoupledWeightDecay: true}, 50},
		{"radam decoupled", &RAdam{LearningRate: 0.1, WeightDecay: 0.02, DecoupledWeightDecay: true}, 50},
		{"lion", &Lion{LearningRate: 0.1, WeightDecay: 0.1}, 10},
		{"clipped adamw", &Clipped{Opt: &AdamW{LearningRate: 0.1}, MaxNorm: 10}, 100},
		{"adam L2", &Adam{LearningRate: 0.1, WeightDecay: 0.02}, 0},
		{"adamw no decay", &AdamW{LearningRate: 0.1, WeightDecay: Zero}, 0},
		{"sgd", &SGD{LearningRate: 0.1, WeightDecay: 0.02}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := DecayCap(c.alg); got != c.want {
				t.Fatalf("DecayCap = %g, want %g", got, c.want)
			}
			if c.want == 0 {
				return
			}
			x, g := []float64{0}, []float64{-1}
			c.alg.Init(1)
			for range 20000 {
				c.alg.Step(x, g)
			}
			// Adam's ε = 1e-8 beside |g| = 1 moves the fixed point by 1e-8;
			// NAdam's step is (1 − μₜ) + μₜ₊₁ times the normalized gradient,
			// 1 + 3e-6 at t = 20000, where its μₜ still creeps up to β₁.
			if math.Abs(x[0]-c.want) > 1e-5*c.want {
				t.Errorf("x settles at %.9g, want 1/λ = %g", x[0], c.want)
			}
		})
	}
}

// TestUnscaledSteps: RAdam's first steps are momentum steps while
// ρₜ = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ) ≤ 5 (ρ∞ = 2/(1−β₂) − 1): t = 1 … 5 at β₂ = 0.999
// (ρ₅ = 4.996, ρ₆ = 5.994, computed by hand) and at 0.99; a step-by-step
// run on a constant gradient −1 confirms the count: each of them moves x
// by lr (m̂ = g), the next by lr·r₆ ≪ lr. Other methods have none.
func TestUnscaledSteps(t *testing.T) {
	for _, c := range []struct {
		alg  Optimizer
		want int
	}{
		{&RAdam{LearningRate: 0.1}, 5},
		{&RAdam{LearningRate: 0.1, Beta2: 0.99}, 5},
		{&Clipped{Opt: &RAdam{LearningRate: 0.1}, MaxNorm: 10}, 5},
		{&Adam{LearningRate: 0.1}, 0},
		{&NAdam{LearningRate: 0.1}, 0},
	} {
		got := UnscaledSteps(c.alg)
		if got != c.want {
			t.Errorf("%T: UnscaledSteps = %d, want %d", Unwrap(c.alg), got, c.want)
		}
		if _, ok := Unwrap(c.alg).(*RAdam); !ok {
			continue
		}
		x, g := []float64{0}, []float64{-1}
		c.alg.Init(1)
		for k := 1; k <= got+1; k++ {
			prev := x[0]
			c.alg.Step(x, g)
			step := x[0] - prev
			if unscaled := math.Abs(step-0.1) < 1e-12; unscaled != (k <= got) {
				t.Errorf("%T step %d moved x by %g: unscaled %v, want %v", Unwrap(c.alg), k, step, unscaled, k <= got)
			}
		}
	}
}

// TestSignStep: the sign methods move every coordinate with a nonzero
// gradient by exactly lr on each step, whatever the gradient's size
// (gradients from 1e-6 to 1e6 here), which is what IsSignStep reports;
// Adam's first step does too (m̂/√v̂ = g/|g|) but its later ones do not,
// and it is not a sign method.
func TestSignStep(t *testing.T) {
	g := []float64{1e-6, -3, 1e6, -2e-3}
	for _, c := range []struct {
		alg  Optimizer
		sign bool
	}{
		{&Lion{LearningRate: 0.01}, true},
		{&SignSGD{LearningRate: 0.01}, true},
		{&Signum{LearningRate: 0.01}, true},
		{&Clipped{Opt: &Lion{LearningRate: 0.01}, MaxNorm: 1}, true},
		{&Adam{LearningRate: 0.01}, false},
		{&SGD{LearningRate: 0.01}, false},
	} {
		if got := IsSignStep(c.alg); got != c.sign {
			t.Errorf("%T: IsSignStep = %v, want %v", Unwrap(c.alg), got, c.sign)
		}
		if !c.sign {
			continue
		}
		x := make([]float64, len(g))
		c.alg.Init(len(g))
		for k := range 5 {
			prev := append([]float64(nil), x...)
			gk := append([]float64(nil), g...)
			for i := range gk {
				gk[i] *= float64(1 + k) // sizes change, signs do not
			}
			c.alg.Step(x, gk)
			for i := range x {
				if d := math.Abs(x[i] - prev[i]); math.Abs(d-0.01) > 1e-15 {
					t.Errorf("%T step %d: coordinate %d moved by %g, want lr 0.01", Unwrap(c.alg), k+1, i, d)
				}
			}
		}
	}
}

// TestNormalizedStep: Muon's step of a weight matrix does not depend on
// the gradient's size — the same gradient times 1000 moves the matrix by
// the same amount, as it does a sign method's coordinates — while
// gradient descent's step grows with it. IsNormalized says so.
func TestNormalizedStep(t *testing.T) {
	g := []float64{0.3, -1.2, 0.5, 2.0, -0.7, 0.1}
	step := func(a Optimizer, scale float64) []float64 {
		if b, ok := a.(Blocker); ok {
			b.SetBlocks([]Block{{Offset: 0, Rows: 2, Cols: 3}})
		}
		a.Init(len(g))
		x := make([]float64, len(g))
		gs := make([]float64, len(g))
		for i := range g {
			gs[i] = scale * g[i]
		}
		a.Step(x, gs)
		return x
	}
	for _, c := range []struct {
		alg        Optimizer
		normalized bool
	}{
		{&Muon{LearningRate: 0.02}, true},
		{&Lion{LearningRate: 0.02}, true},
		{&SGD{LearningRate: 0.02}, false},
	} {
		if got := IsNormalized(c.alg); got != c.normalized {
			t.Errorf("%T: IsNormalized = %v, want %v", c.alg, got, c.normalized)
		}
		small, big := step(c.alg, 1), step(c.alg, 1000)
		same := true
		for i := range small {
			// Muon normalizes by ‖U‖_F + 1e-7: 1e-7 relative at ‖U‖ ≈ 1.
			same = same && math.Abs(big[i]-small[i]) <= 1e-5*math.Abs(small[i])
		}
		if same != c.normalized {
			t.Errorf("%T: steps for g and 1000·g %v and %v: the same %v, want %v", c.alg, small, big, same, c.normalized)
		}
	}
}

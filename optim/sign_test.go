package optim

import (
	"math"
	"testing"
)

// Closed-form tests of the sign methods (lion, signsgd, signum) and of
// Rprop's and ASGD's first steps, on 1-D quadratics f(x) = ½(x − c)²
// (g = x − c), with trajectories worked out by hand in decimal arithmetic.
// They are compared to 1e-14 absolute: the float64 steps round only in the
// last bits.

type handCase struct {
	name string
	o    Optimizer
	c    float64   // minimizer of ½(x − c)²
	x0   float64   // start
	want []float64 // x after steps 1, 2, …
}

func runHand(t *testing.T, cases []handCase) {
	t.Helper()
	for _, hc := range cases {
		x := []float64{hc.x0}
		g := make([]float64, 1)
		hc.o.Init(1)
		for k, w := range hc.want {
			g[0] = x[0] - hc.c
			hc.o.Step(x, g)
			if math.Abs(x[0]-w) > 1e-14 {
				t.Errorf("%s: step %d: x = %.17g, want %g", hc.name, k+1, x[0], w)
				break
			}
		}
	}
}

func TestSignHandTrajectories(t *testing.T) {
	runHand(t, []handCase{
		// Lion, lr = 0.1, β₁ = 0.9, β₂ = 0.99 on ½(x − 0.15)² from 0.3:
		//  1: g = 0.15,  m = 0:        c = 0.015 > 0      → x = 0.2, m = 0.0015
		//  2: g = 0.05:  c = 0.00135 + 0.005 > 0          → x = 0.1, m = 0.001485 + 0.0005 = 0.001985
		//  3: g = −0.05: c = 0.0017865 − 0.005 < 0        → x = 0.2, m = 0.00196515 − 0.0005 = 0.00146515
		//  4: g = 0.05:  c = 0.001318635 + 0.005 > 0      → x = 0.1
		{"lion", &Lion{LearningRate: 0.1}, 0.15, 0.3, []float64{0.2, 0.1, 0.2, 0.1}},
		// Lion with β₁ = 0.99 keeps the momentum's sign against the gradient:
		//  1: g = 0.15:  c = 0.0015 > 0                   → x = 0.2,  m = 0.0015
		//  2: g = 0.05:  c = 0.001485 + 0.0005 > 0        → x = 0.1,  m = 0.001985
		//  3: g = −0.05: c = 0.00196515 − 0.0005 > 0      → x = 0.0,  m = 0.00146515
		//  4: g = −0.15: c = 0.0014504985 − 0.0015 < 0    → x = 0.1
		{"lion β₁=0.99", &Lion{LearningRate: 0.1, Beta1: 0.99}, 0.15, 0.3, []float64{0.2, 0.1, 0, 0.1}},
		// Lion with decoupled weight decay λ = 1: x ← 0.9x − 0.1·sign(c):
		//  1: g = 0.15:   c > 0                           → x = 0.27 − 0.1 = 0.17,  m = 0.0015
		//  2: g = 0.02:   c = 0.00135 + 0.002 > 0         → x = 0.153 − 0.1 = 0.053, m = 0.001685
		//  3: g = −0.097: c = 0.0015165 − 0.0097 < 0      → x = 0.0477 + 0.1 = 0.1477
		{"lion λ=1", &Lion{LearningRate: 0.1, WeightDecay: 1}, 0.15, 0.3, []float64{0.17, 0.053, 0.1477}},
		// signSGD, lr = 0.1: g = 0.15, 0.05, −0.05, 0.05 → 0.2, 0.1, 0.2, 0.1.
		{"signsgd", &SignSGD{LearningRate: 0.1}, 0.15, 0.3, []float64{0.2, 0.1, 0.2, 0.1}},
		// signSGD at the minimizer does not move (sign(0) = 0).
		{"signsgd at x*", &SignSGD{LearningRate: 0.1}, 0.25, 0.25, []float64{0.25, 0.25}},
		// Signum, lr = 0.1, β = 0.5: m ← 0.5m + 0.5g:
		//  1: g = 0.15:  m = 0.075                        → x = 0.2
		//  2: g = 0.05:  m = 0.0375 + 0.025 = 0.0625      → x = 0.1
		//  3: g = −0.05: m = 0.03125 − 0.025 = 0.00625    → x = 0.0 (momentum overrides g)
		//  4: g = −0.15: m = 0.003125 − 0.075 < 0         → x = 0.1
		{"signum β=0.5", &Signum{LearningRate: 0.1, Momentum: 0.5}, 0.15, 0.3, []float64{0.2, 0.1, 0, 0.1}},
		// Signum's default β = 0.9: m = 0.015, 0.0185, 0.01165, −0.004515.
		{"signum", &Signum{LearningRate: 0.1}, 0.15, 0.3, []float64{0.2, 0.1, 0, 0.1}},
	})
}

// TestSignProperty: a sign method's steps do not depend on the size of the
// gradient. Scaling every gradient by any positive factor (here, steps on
// s·f for s from 1e-8 to 1e8) gives the same trajectory bit for bit, and
// every coordinate moves by exactly lr (lion without decay, signsgd) or 0
// each step.
func TestSignProperty(t *testing.T) {
	for _, s := range []string{"lion:lr=0.01", "signsgd", "signum", "signum:momentum=0.5", "lion:lr=0.001,beta1=0.5,beta2=0.9"} {
		for fname, f := range torchFuncs {
			run := func(scale float64) [][]float64 {
				o := torchNew(t, s)
				x := append([]float64(nil), f.x0...)
				g := make([]float64, len(x))
				o.Init(len(x))
				var out [][]float64
				for range 60 {
					f.grad(g, x)
					for i := range g {
						g[i] *= scale
					}
					o.Step(x, g)
					out = append(out, append([]float64(nil), x...))
				}
				return out
			}
			ref := run(1)
			for _, scale := range []float64{1e-8, 0.37, 1e8} {
				if k, ok := torchSame(run(scale), ref); !ok {
					t.Errorf("%s on %s: gradients scaled by %g change step %d", s, fname, scale, k)
				}
			}
			o := torchNew(t, s)
			o.Init(1)
			step := o.(LRer).LR()
			prev := f.x0
			for k, x := range ref {
				for i := range x {
					d := math.Abs(x[i] - prev[i])
					if d != 0 && math.Abs(d-step) > 1e-15 {
						t.Errorf("%s on %s: step %d moves x[%d] by %g, not 0 or lr = %g", s, fname, k+1, i, d, step)
					}
				}
				prev = x
			}
		}
	}
}

// TestRpropHandTrajectory: Rprop on ½x² from 1 with lr = 0.5, worked out by
// hand (Δ is the step size, g′ the remembered gradient):
//
//	1: g = 1,    g′ = 0:     Δ = 0.5              x = 0.5,  g′ = 1
//	2: g = 0.5,  g·g′ > 0:   Δ = 0.6              x = −0.1, g′ = 0.5
//	3: g = −0.1, g·g′ < 0:   Δ = 0.3, no move     x = −0.1, g′ = 0
//	4: g = −0.1, g·g′ = 0:   Δ = 0.3              x = 0.2,  g′ = −0.1
//	5: g = 0.2,  g·g′ < 0:   Δ = 0.15, no move    x = 0.2,  g′ = 0
//	6: g = 0.2,  g·g′ = 0:   Δ = 0.15             x = 0.05
//
// and the clamps: with lr = 100 the first step is Δmax = 50; with
// step_max = 0.55 step 2 takes 0.55; with step_min = 0.4 step 3's Δ is 0.4.
func TestRpropHandTrajectory(t *testing.T) {
	runHand(t, []handCase{
		{"rprop lr=0.5", &Rprop{LearningRate: 0.5}, 0, 1, []float64{0.5, -0.1, -0.1, 0.2, 0.2, 0.05}},
		{"rprop lr=100", &Rprop{LearningRate: 100}, 0, 1, []float64{-49}},
		{"rprop step_max=0.55", &Rprop{LearningRate: 0.5, StepMax: 0.55}, 0, 1, []float64{0.5, -0.05}},
		// step 3: g = −0.05 flips: Δ = max(0.275, 0.4) = 0.4, no move; step 4: x = −0.05 + 0.4.
		{"rprop step_min=0.4", &Rprop{LearningRate: 0.5, StepMax: 0.55, StepMin: 0.4}, 0, 1, []float64{0.5, -0.05, -0.05, 0.35}},
	})
	o := &Rprop{LearningRate: 0.5}
	x := []float64{1}
	o.Init(1)
	if d := o.StepSizes(nil); d[0] != 0.5 {
		t.Errorf("StepSizes before the first step = %v, want lr", d)
	}
	for range 6 {
		o.Step(x, []float64{x[0]})
	}
	if d := o.StepSizes(make([]float64, 1)); math.Abs(d[0]-0.15) > 1e-15 {
		t.Errorf("StepSizes after 6 steps = %v, want [0.15]", d)
	}
	// lr is the initial step size: SetLR before the first step sets Δ₀,
	// afterwards it changes nothing.
	o.Init(1)
	o.SetLR(0.25)
	x[0] = 1
	o.Step(x, []float64{1})
	o.SetLR(7)
	o.Step(x, []float64{1})
	if x[0] != 1-0.25-0.3 || o.LR() != 7 {
		t.Errorf("rprop after SetLR(0.25), step, SetLR(7), step: x = %.17g, LR() = %g; want 0.45, 7", x[0], o.LR())
	}
}

// TestASGDHandTrajectory: ASGD on ½x² from 1 with lr = 0.1, λ = 0.5,
// α = 1 (η = lr/(1 + 0.05t)) and t₀ = 0, by hand:
//
//	1: η = 0.1:   x = (1 − 0.05)·1 − 0.1·1                = 0.85
//	2: η = 1/10.5: x = 0.85·(1 − 1.5/10.5) = 0.85·6/7     = 5.1/7
//	3: η = 1/11:  x = (5.1/7)·(1 − 1.5/11) = (5.1/7)(9.5/11) = 48.45/77
//
// μ after step t is 1/max(1, t − t₀) and is used at step t + 1: the average
// is x₁, x₂, then (x₂ + x₃)/2.
func TestASGDHandTrajectory(t *testing.T) {
	o := &ASGD{LearningRate: 0.1, Lambd: 0.5, Alpha: 1, T0: Zero}
	x := []float64{1}
	o.Init(1)
	xs := []float64{0.85, 5.1 / 7, 48.45 / 77}
	avg := []float64{0.85, 5.1 / 7, (5.1/7 + 48.45/77) / 2}
	for k := range xs {
		o.Step(x, []float64{x[0]})
		if math.Abs(x[0]-xs[k]) > 1e-15 {
			t.Errorf("asgd step %d: x = %.17g, want %.17g", k+1, x[0], xs[k])
		}
		if a := o.Averaged(nil); math.Abs(a[0]-avg[k]) > 1e-15 {
			t.Errorf("asgd step %d: Averaged = %.17g, want %.17g", k+1, a[0], avg[k])
		}
	}
	if st := o.State(); math.Abs(st.Scalars["eta"]-0.1/1.15) > 1e-16 || st.Scalars["mu"] != 1.0/3 || st.Step != 3 {
		t.Errorf("asgd state after 3 steps: %+v, want eta = 0.1/1.15, mu = 1/3", st)
	}
}

// TestGrown: Rprop's steps on f = Σxᵢ² from x = (10⁴, 0.001) at lr 0.01:
// x₁'s gradient keeps its sign, so its step grows by η₊ = 1.2 a step up
// to Δmax (0.01·1.2⁴⁷ > 50, while the steps cover less than 2000 of the
// way in 80); x₂ overshoots 0 at once and its step halves at each flip.
// After 80 steps the largest is Δmax = 50; with step_max = 5 it is 5. Methods that do not size their own steps report
// none.
func TestGrown(t *testing.T) {
	for _, c := range []struct {
		alg      Optimizer
		want, hi float64
		ok       bool
	}{
		{&Rprop{LearningRate: 0.01}, 50, 50, true},
		{&Rprop{LearningRate: 0.01, StepMax: 5}, 5, 5, true},
		{&Clipped{Opt: &Rprop{LearningRate: 0.01}, MaxNorm: 1e9}, 50, 50, true},
		{&Adam{}, 0, 0, false},
	} {
		x, g := []float64{1e4, 0.001}, make([]float64, 2)
		c.alg.Init(2)
		for range 80 {
			g[0], g[1] = 2*x[0], 2*x[1]
			c.alg.Step(x, g)
		}
		got, hi, param, ok := Grown(c.alg)
		if ok != c.ok || got != c.want || hi != c.hi || (ok && param != "step_max") {
			t.Errorf("%T: Grown = %g, %g, %q, %v; want %g, %g, \"step_max\", %v", Unwrap(c.alg), got, hi, param, ok, c.want, c.hi, c.ok)
		}
	}
}

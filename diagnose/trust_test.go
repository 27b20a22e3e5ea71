package diagnose

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/testfunc"
)

// sgdOnHalfSquare runs SGD on f(x) = ½x² with the stochastic gradient
// x + σξ (ξ standard normal, seeded): a noise-only objective whose full
// loss F = ½x² settles, at rate η, around the stationary mean
// ½·ησ²/(2−η) (the variance of x_{k+1} = (1−η)x_k − ησξ). It returns the
// history of F.
func sgdOnHalfSquare(eta, sigma, x0 float64, steps int) minimize.History {
	r := rand.New(rand.NewPCG(1, 2))
	x := x0
	var h minimize.History
	for k := 0; k <= steps; k++ {
		h.F = append(h.F, 0.5*x*x)
		h.GradNorm = append(h.GradNorm, math.Abs(x))
		h.LR = append(h.LR, eta)
		h.StepCos = append(h.StepCos, math.NaN())
		x -= eta * (x + sigma*r.NormFloat64())
	}
	return h
}

// zigzag is a run of 201 units at rate lr that starts at f0 (‖∇f‖ g0) and
// then zig-zags around level by ±amp, every step reversing direction, with
// ‖∇f‖ = g.
func zigzag(f0, g0, level, amp, g, lr float64) minimize.History {
	var h minimize.History
	for k := 0; k <= 200; k++ {
		f, gn := level+amp*math.Pow(-1, float64(k)), g
		if k == 0 {
			f, gn = f0, g0
		}
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, gn)
		h.LR = append(h.LR, lr)
		h.StepCos = append(h.StepCos, -1)
	}
	return h
}

// TestNoiseFloorIsNotOscillation: the same noisy loss is a noise floor for
// a mini-batch run (lr kept or halved, never the instability advice) and
// oscillation for a full-batch run, where bounces mean instability.
func TestNoiseFloorIsNotOscillation(t *testing.T) {
	const eta, sigma = 0.1, 1.0
	h := sgdOnHalfSquare(eta, sigma, 10, 400)
	// The floor is reached by about step 40 (50·0.81^k ≈ 0.026): early.
	floor := 0.5 * eta * sigma * sigma / (2 - eta)
	mini := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Batch: 1, N: 1000})
	if mini.Verdict != NoiseFloor {
		t.Fatalf("mini-batch: verdict %s (%s), want noise_floor", mini.Verdict, mini.Advice)
	}
	// The floor (mean ≈ 0.026, spread ≈ √2·mean for ½x² with Gaussian x)
	// is 0.1 % of the progress 50 → 0.026: lr is kept.
	if mini.SuggestedLR != eta {
		t.Errorf("mini-batch, low floor: suggested %g, want %g kept", mini.SuggestedLR, eta)
	}
	// σ = 30: the floor's mean is ησ²/(2(2−η)) ≈ 23.7 of F₀ = 50, its
	// spread ≈ 33.5, so the floor costs more than the descent gained: the
	// rate must be cut, by 2 to 10.
	loud := Diagnose(Input{Status: minimize.MaxIters, History: sgdOnHalfSquare(eta, 30, 10, 400), HasLR: true, Batch: 1, N: 1000})
	if loud.Verdict != NoiseFloor || !(loud.SuggestedLR >= eta/10 && loud.SuggestedLR <= eta/2) {
		t.Errorf("mini-batch, high floor: %s, suggested %g, want noise_floor and a cut to [%g, %g]", loud.Verdict, loud.SuggestedLR, eta/10, eta/2)
	}
	if !hasAction(mini, UseSchedule) || !hasAction(mini, RaiseBatch) {
		t.Errorf("mini-batch: actions %+v lack a schedule and a larger batch", mini.Actions)
	}
	// The advice quotes the floor it saw; check it against the theory.
	var mean float64
	for _, v := range h.F[200:] {
		mean += v
	}
	mean /= 201
	if math.Abs(mean-floor) > 0.35*floor {
		t.Errorf("simulated floor %g, theory %g: the test's premise is off", mean, floor)
	}
	full := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true})
	if full.Verdict != Oscillating {
		t.Errorf("full batch: verdict %s, want oscillating", full.Verdict)
	}
	// With a measured noise scale above the batch, the batch to try is it.
	withB := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Batch: 8, N: 1000, NoiseScale: 120.4})
	if a := action(withB, RaiseBatch); a == nil || a.Batch != 121 {
		t.Errorf("noise scale 120.4, batch 8: raise_batch %+v, want batch 121", a)
	}
}

// TestOverfitting: a constructed split whose validation loss is lowest at
// epoch 6 and rises for the last four epochs while the training loss falls.
func TestOverfitting(t *testing.T) {
	var h minimize.History
	var val []float64
	for e := 0; e <= 10; e++ {
		h.F = append(h.F, 1/float64(e+1))
		h.GradNorm = append(h.GradNorm, 1/float64(e+1))
		h.LR = append(h.LR, 0.01)
		d := float64(e - 6)
		val = append(val, 0.5+0.02*d*d)
	}
	d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, ValLoss: val})
	if d.Verdict != Overfitting {
		t.Fatalf("verdict %s (%s), want overfitting", d.Verdict, d.Advice)
	}
	if a := action(d, EarlyStop); a == nil || a.Epoch != 6 {
		t.Errorf("early_stop %+v, want epoch 6", a)
	}
	if !hasAction(d, SetL2) || !strings.Contains(d.Advice, "epoch 6") {
		t.Errorf("advice %q, actions %+v", d.Advice, d.Actions)
	}
	// A validation loss that still falls is no overfitting.
	for e := range val {
		val[e] = 1 / float64(e+2)
	}
	if d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, ValLoss: val}); d.Verdict == Overfitting {
		t.Errorf("falling validation loss called overfitting")
	}
}

// TestKnownMinimumIsNotUnbounded: gradient descent on Rosenbrock at lr
// 0.0005 for 1000 iterations falls ever faster out of the curved valley's
// flat start — the pattern of an unbounded slope — but f* = 0 is known and
// f is above it: the verdict must be one with a learning rate to try.
func TestKnownMinimumIsNotUnbounded(t *testing.T) {
	f, err := testfunc.Lookup("rosenbrock")
	if err != nil {
		t.Fatal(err)
	}
	s := minimize.Settings{Stop: minimize.Stop{MaxIters: 1000, GradTol: 1e-8}}
	res, err := minimize.Minimize(context.Background(), f, f.Start, &optim.GD{LearningRate: 0.0005}, s)
	if err != nil {
		t.Fatal(err)
	}
	d := Diagnose(Input{Status: res.Status, History: res.History, HasLR: true, KnownMin: true, FStar: f.FMin})
	if d.Verdict == Unbounded || !(d.SuggestedLR > 0) {
		t.Errorf("verdict %s, suggested %g: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
	// Told the function has no minimum, the same history reads as
	// unbounded: the knowledge is what tells them apart; without any, the
	// accelerating fall gets a rate to try.
	if d := Diagnose(Input{Status: res.Status, History: res.History, HasLR: true, KnownUnbounded: true}); d.Verdict != Unbounded {
		t.Errorf("premise: known unbounded, the verdict is %s, want unbounded", d.Verdict)
	}
	if d := Diagnose(Input{Status: res.Status, History: res.History, HasLR: true}); d.Verdict == Unbounded || !(d.SuggestedLR > 0) {
		t.Errorf("nothing known: verdict %s, suggested %g, want a rate to try", d.Verdict, d.SuggestedLR)
	}
}

// TestCheckPicksTheBetterRate: a probe whose objective (lr − 0.2)² is known
// in closed form. From lr 0.1 the rule's raise to s (0.49 here, probe
// 0.084) is worse than staying (0.01); the geometric mean √(0.1·s) ≈ 0.22
// (probe 4.6e-4) is better and is what the check suggests. When nothing
// beats the current rate, the current rate is kept.
func TestCheckPicksTheBetterRate(t *testing.T) {
	h := sgdOnHalfSquare(0.1, 0, 10, 40) // a clean, steady fall: too_slow
	rule := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive}).SuggestedLR
	if !(rule > 0.4) {
		t.Fatalf("the rule suggests %g: the premise (a raise above 0.4) is off", rule)
	}
	calls := 0
	probe := func(lr float64) float64 { calls++; return (lr - 0.2) * (lr - 0.2) }
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, Probe: probe})
	if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-math.Sqrt(0.1*rule)) > 1e-12 {
		t.Fatalf("verdict %s, suggested %g, want too_slow and %g: %s", d.Verdict, d.SuggestedLR, math.Sqrt(0.1*rule), d.Advice)
	}
	if calls > 5 {
		t.Errorf("%d probes, want at most 5", calls)
	}
	if a := action(d, SetLR); a == nil || a.LR != d.SuggestedLR {
		t.Errorf("set_lr action %+v does not carry the suggestion %g", a, d.SuggestedLR)
	}
	keep := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive,
		Probe: func(lr float64) float64 { return (lr - 0.1) * (lr - 0.1) }})
	if keep.SuggestedLR != 0.1 {
		t.Errorf("probe best at the current rate: suggested %g, want 0.1", keep.SuggestedLR)
	}
}

// TestAdaptiveGetsNoMomentumAdvice: Adam already has momentum.
func TestAdaptiveGetsNoMomentumAdvice(t *testing.T) {
	h := sgdOnHalfSquare(0.1, 1, 10, 400)
	for _, st := range []minimize.Status{minimize.MaxIters} {
		d := Diagnose(Input{Status: st, History: h, HasLR: true, Family: Adaptive})
		if hasAction(d, AddMomentum) || strings.Contains(d.Advice, "momentum") {
			t.Errorf("adaptive: %s %+v", d.Advice, d.Actions)
		}
		if p := Diagnose(Input{Status: st, History: h, HasLR: true, Family: Plain}); !hasAction(p, AddMomentum) {
			t.Errorf("plain gd, oscillating: no add_momentum in %+v", p.Actions)
		}
	}
}

// TestScheduleSuggestsTheBaseRate: a cosine-like decay from 0.1 to 0.001
// on a steady fall (too_slow): the suggestion is a raise of the rate the
// user sets (0.1), never a "raise" to something below it.
func TestScheduleSuggestsTheBaseRate(t *testing.T) {
	h := sgdOnHalfSquare(0.001, 0, 10, 100)
	for i := range h.LR {
		h.LR[i] = 0.001 + 0.099*0.5*(1+math.Cos(math.Pi*float64(i)/100))
	}
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, BaseLR: 0.1})
	if d.Verdict != TooSlow || !(d.SuggestedLR > 0.1) {
		t.Errorf("verdict %s, suggested %g, want a raise above 0.1: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

// TestSuggestionIsNeverNaN: no history of rates (a line search) and a
// history of NaN rates give no suggestion, and the JSON says null.
func TestSuggestionIsNeverNaN(t *testing.T) {
	h := sgdOnHalfSquare(0.1, 0, 10, 30)
	for i := range h.LR {
		h.LR[i] = math.NaN()
	}
	for _, st := range []minimize.Status{minimize.MaxIters, minimize.Diverged, minimize.ConvergedGrad, minimize.NoProgress} {
		for _, hasLR := range []bool{false, true} {
			d := Diagnose(Input{Status: st, History: h, HasLR: hasLR})
			if math.IsNaN(d.SuggestedLR) || d.SuggestedLR < 0 || math.IsInf(d.SuggestedLR, 0) {
				t.Errorf("%s hasLR=%v: suggested %g", st, hasLR, d.SuggestedLR)
			}
			b, _ := json.Marshal(d)
			if d.SuggestedLR == 0 && !strings.Contains(string(b), `"suggested_lr":null`) {
				t.Errorf("%s: %s", st, b)
			}
		}
	}
}

func action(d Diagnosis, k ActionKind) *Action {
	for i := range d.Actions {
		if d.Actions[i].Kind == k {
			return &d.Actions[i]
		}
	}
	return nil
}

func hasAction(d Diagnosis, k ActionKind) bool { return action(d, k) != nil }

// TestBadlyScaledFeaturesAskForStandardization: a slow run on features
// whose scales differ 1000-fold is told to standardize first, with the
// rate for the standardized problem; the same run on scaled features (1)
// and a run that converged are not.
func TestBadlyScaledFeaturesAskForStandardization(t *testing.T) {
	h := sgdOnHalfSquare(0.001, 0, 10, 100)
	d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, ScaleSpread: 1000, StandardizedLR: 0.25})
	if len(d.Actions) == 0 || d.Actions[0].Kind != Standardize || d.Actions[0].LR != 0.25 || !strings.Contains(d.Advice, "standardize") {
		t.Errorf("spread 1000: %s %+v", d.Advice, d.Actions)
	}
	if d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, ScaleSpread: 1}); hasAction(d, Standardize) {
		t.Errorf("spread 1: %+v", d.Actions)
	}
	if d := Diagnose(Input{Status: minimize.ConvergedGrad, History: h, HasLR: true, Unit: minimize.Epochs, ScaleSpread: 1000}); hasAction(d, Standardize) {
		t.Errorf("converged: %+v", d.Actions)
	}
	// Alike deviations, but offsets that condition the problem 100 times
	// worse (κ 5000 against 50): standardize first, saying why.
	d = Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, ScaleSpread: 2, ScaleGain: 100, KappaRaw: 5000, KappaStd: 50, StandardizedLR: 0.25})
	if len(d.Actions) == 0 || d.Actions[0].Kind != Standardize || !strings.Contains(d.Advice, "100 times worse conditioned") || !strings.Contains(d.Advice, "κ = 5e+03 against 50") {
		t.Errorf("gain 100: %s %+v", d.Advice, d.Actions)
	}
	if d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, ScaleSpread: 2, ScaleGain: 3}); hasAction(d, Standardize) {
		t.Errorf("gain 3: %+v", d.Actions)
	}
}

// TestEdgeOfStability: a loss that bounces every step yet falls 30 % over
// the window, with the sharpness measured at 2/lr, is the edge of
// stability (Cohen et al. 2021): lr is kept. The same history measured
// at half of 2/lr, or without measurements, is oscillation.
func TestEdgeOfStability(t *testing.T) {
	const lr = 0.1
	var h minimize.History
	for i := 0; i <= 100; i++ {
		f := 10 * math.Exp(-0.007*float64(i))
		if i%2 == 1 {
			f *= 1.05
		}
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, 1)
		h.LR = append(h.LR, lr)
		h.StepCos = append(h.StepCos, math.NaN())
	}
	withSharpness := func(l float64) minimize.History {
		c := h
		c.Sharpness = make([]float64, len(h.F))
		for i := range c.Sharpness {
			c.Sharpness[i] = math.NaN()
			if i%10 == 0 {
				c.Sharpness[i] = l
			}
		}
		return c
	}
	d := Diagnose(Input{Status: minimize.MaxIters, History: withSharpness(2 / lr), HasLR: true})
	if d.SuggestedLR != lr || d.Verdict == Oscillating || !strings.Contains(d.Advice, "edge of stability") {
		t.Errorf("at 2/lr: %s, suggested %g: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
	for _, hh := range []minimize.History{withSharpness(1 / lr), h} {
		if d := Diagnose(Input{Status: minimize.MaxIters, History: hh, HasLR: true}); d.Verdict != Oscillating {
			t.Errorf("sharpness %v: verdict %s, want oscillating", hh.Sharpness != nil, d.Verdict)
		}
	}
}

// TestMiniBatchMomentumCap: after a blow-up above the bound B = 0.4, heavy
// ball (β = 0.9) gets B/4 on full batch and (1−β)·B/2 = 0.02 on
// mini-batches, where momentum adds up the noise of about 1/(1−β) steps.
func TestMiniBatchMomentumCap(t *testing.T) {
	var h minimize.History
	for i := 0; i <= 20; i++ {
		h.F = append(h.F, math.Pow(2, float64(i)))
		h.GradNorm = append(h.GradNorm, math.Pow(2, float64(i)))
		h.LR = append(h.LR, 1)
	}
	for _, tc := range []struct {
		batch int
		want  float64
	}{{0, 0.1}, {32, 0.02}} {
		d := Diagnose(Input{Status: minimize.Diverged, History: h, HasLR: true, Family: Momentum, Beta: 0.9,
			Batch: tc.batch, N: 442, Bound: 0.4, L: 9.5, Unit: minimize.Epochs})
		if d.Verdict != Diverged || math.Abs(d.SuggestedLR-tc.want) > 1e-15 {
			t.Errorf("batch %d: %s, suggested %g, want %g", tc.batch, d.Verdict, d.SuggestedLR, tc.want)
		}
	}
}

// TestMomentumNoiseFloor: a mini-batch noise floor under heavy ball
// (β = 0.9) at lr 0.1, five times the momentum cap (1−β)·B/2 = 0.02 for
// B = 0.4: the rate is cut to the cap; plain SGD at the same rate keeps it.
func TestMomentumNoiseFloor(t *testing.T) {
	h := sgdOnHalfSquare(0.1, 1, 10, 400)
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Momentum, Beta: 0.9, Batch: 1, N: 1000, Bound: 0.4, L: 9.5})
	if d.Verdict != NoiseFloor || math.Abs(d.SuggestedLR-0.02) > 1e-15 {
		t.Errorf("momentum: %s, suggested %g, want noise_floor and 0.02: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
	if p := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Plain, Batch: 1, N: 1000, Bound: 0.4, L: 9.5}); p.SuggestedLR != 0.1 {
		t.Errorf("plain sgd: suggested %g, want 0.1 kept", p.SuggestedLR)
	}
}

// TestNoiseFloorStillFalling: a mini-batch loss that bounces on its noise
// every step (±0.3) but still falls through it (by 0.02 per step, 1 over
// the last 50) is not told to cut its rate, which would slow the fall more
// than it lowers the floor: lr is kept and the budget raised. The same
// bounces on a flat tail get the cut.
func TestNoiseFloorStillFalling(t *testing.T) {
	const eta = 0.05
	mk := func(slope float64) minimize.History {
		var h minimize.History
		for i := 0; i <= 200; i++ {
			f := 6 - slope*float64(i) + 0.3*float64(1-2*(i%2))
			if slope == 0 {
				f = 6 - 0.02*float64(min(i, 100)) + 0.3*float64(1-2*(i%2))
			}
			h.F = append(h.F, f)
			h.GradNorm = append(h.GradNorm, 1)
			h.LR = append(h.LR, eta)
			h.StepCos = append(h.StepCos, math.NaN())
		}
		return h
	}
	d := Diagnose(Input{Status: minimize.MaxIters, History: mk(0.02), HasLR: true, Batch: 1, N: 1000})
	if d.Verdict != NoiseFloor || d.SuggestedLR != eta || !hasAction(d, RaiseBudget) || !strings.Contains(d.Advice, "still falls through it") {
		t.Errorf("falling through the noise: %s, suggested %g, %+v: %s", d.Verdict, d.SuggestedLR, d.Actions, d.Advice)
	}
	if d := Diagnose(Input{Status: minimize.MaxIters, History: mk(0), HasLR: true, Batch: 1, N: 1000}); d.Verdict != NoiseFloor || !(d.SuggestedLR < eta) {
		t.Errorf("flat tail: %s, suggested %g: want the noise floor's cut", d.Verdict, d.SuggestedLR)
	}
}

// TestKeptAdaptiveRateLowersOnlyForARealGain: an adaptive run kept near
// its floor (F from 1 to 0.99³⁰⁰ ≈ 0.049, lower bound 0) is probed from
// its best point at lr/10 and 10·lr. A lower rate is taken only if its
// probe gains at least minGain (1 %) of the progress the run made
// (1 − 0.049 here, so 0.0095): a gain of 0.001 keeps lr 0.1, a gain of
// 0.02 lowers it to 0.01. The raise (10·lr) blows up in both.
func TestKeptAdaptiveRateLowersOnlyForARealGain(t *testing.T) {
	h := slowHistory(0.99, 0.1, 300)
	base := h.F[len(h.F)-1]
	for _, tc := range []struct {
		gain, want float64
	}{
		{0.001, 0.1},
		{0.02, 0.01},
	} {
		probe := func(lr float64) float64 {
			switch {
			case lr > 0.5:
				return math.Inf(1)
			case lr < 0.05:
				return base - tc.gain
			}
			return base
		}
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive,
			HasFLower: true, Probe: probe, ProbeFrom: base})
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-tc.want) > 1e-15 {
			t.Errorf("gain %g: verdict %s, suggested %g, want too_slow and %g: %s", tc.gain, d.Verdict, d.SuggestedLR, tc.want, d.Advice)
		}
	}
}

// TestStandardizeOrder: a run on badly scaled features (spread 100) is
// told to standardize first, with the front end's rate, when it has one,
// and last, without a rate, when it has none — for an adaptive method and
// for plain gradient descent (an MLP has no standardized bound to give
// one): at the run's rate the standardized run may barely move. Either way
// the words name the remedy.
func TestStandardizeOrder(t *testing.T) {
	h := slowHistory(0.999, 0.001, 100)
	for _, tc := range []struct {
		fam       Family
		std       float64
		first     bool
		wantSetLR float64
	}{
		{Adaptive, 0.1, true, 0.1},
		{Adaptive, 0, false, 0},
		{Plain, 0.1, true, 0.1},
		{Plain, 0, false, 0},
	} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: tc.fam, ScaleSpread: 100, StandardizedLR: tc.std,
			Terms: Terms{Standardize: "--standardize"}})
		i := slices.IndexFunc(d.Actions, func(a Action) bool { return a.Kind == Standardize })
		if i < 0 {
			t.Fatalf("%v, std lr %g: no standardize action in %+v", tc.fam, tc.std, d.Actions)
		}
		if first := i == 0; first != tc.first || d.Actions[i].LR != tc.wantSetLR {
			t.Errorf("%v, std lr %g: standardize at %d with lr %g, want first %v with lr %g: %s", tc.fam, tc.std, i, d.Actions[i].LR, tc.first, tc.wantSetLR, d.Advice)
		}
		if tc.first && tc.fam == Adaptive && !strings.Contains(d.Advice, "adaptive method") {
			t.Errorf("%v, std lr %g: the advice does not say why: %s", tc.fam, tc.std, d.Advice)
		}
		if !strings.Contains(d.Advice, "--standardize") {
			t.Errorf("%v, std lr %g: the advice does not name the remedy: %s", tc.fam, tc.std, d.Advice)
		}
	}
}

// well is f(x) = 1 − exp(−x²): a minimum 0 at x = 0 with L = f”(0) = 2
// (stable GD bound 2/L = 1), and a plateau at 1 far from it where the
// gradient 2x·exp(−x²) vanishes.
type well struct{}

func (well) Dim() int                  { return 1 }
func (well) Value(x []float64) float64 { return 1 - math.Exp(-x[0]*x[0]) }
func (w well) ValueGrad(g, x []float64) float64 {
	g[0] = 2 * x[0] * math.Exp(-x[0]*x[0])
	return w.Value(x)
}

// TestRestingAboveTheStartIsNotConvergence: gd at lr 20 from x = 0.5 jumps
// to x ≈ −15, onto the plateau f = 1 where ‖∇f‖ ≈ 0, and stops there with
// converged_grad. A run that came to rest above its start (0.221) did not
// converge: the verdict is diverged, and the suggestion, rerun, reaches
// the minimum.
func TestRestingAboveTheStartIsNotConvergence(t *testing.T) {
	for _, tc := range []struct {
		name  string
		bound float64 // 0: no curvature known
	}{{"bound known", 1}, {"no bound", 0}} {
		t.Run(tc.name, func(t *testing.T) {
			s := minimize.Settings{Stop: minimize.Stop{MaxIters: 200, GradTol: 1e-8}}
			res, err := minimize.Minimize(context.Background(), well{}, []float64{0.5}, &optim.GD{LearningRate: 20}, s)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != minimize.ConvergedGrad || res.F < 0.99 {
				t.Fatalf("the setup should stop on the plateau: %v at f = %g", res.Status, res.F)
			}
			in := Input{Status: res.Status, Message: res.Message, History: res.History, GradTol: 1e-8, HasLR: true}
			if tc.bound > 0 {
				in.Bound, in.L = tc.bound, 2
			}
			d := Diagnose(in)
			if d.Verdict != Diverged || !(d.SuggestedLR > 0 && d.SuggestedLR < 20) {
				t.Fatalf("verdict %s, suggestion %g (%s); want diverged with a lower rate", d.Verdict, d.SuggestedLR, d.Advice)
			}
			// Followed: with the bound, one hop reaches the minimum; without
			// it, lr/10 per hop, within three hops.
			hops := 3
			if tc.bound > 0 {
				hops = 1
			}
			for h := 1; ; h++ {
				lr := d.SuggestedLR
				res2, err := minimize.Minimize(context.Background(), well{}, []float64{0.5}, &optim.GD{LearningRate: lr}, minimize.Settings{Stop: minimize.Stop{MaxIters: 5000, GradTol: 1e-8}})
				if err != nil {
					t.Fatal(err)
				}
				if res2.F <= 1e-12 {
					break
				}
				if h == hops {
					t.Fatalf("hop %d at lr %g: f = %g (%v), not the minimum", h, lr, res2.F, res2.Status)
				}
				in.Status, in.Message, in.History = res2.Status, res2.Message, res2.History
				if d = Diagnose(in); !(d.SuggestedLR > 0 && d.SuggestedLR < lr) {
					t.Fatalf("hop %d at lr %g: %s, suggestion %g (%s); want a lower rate", h, lr, d.Verdict, d.SuggestedLR, d.Advice)
				}
			}
		})
	}
}

// TestAdaptiveFloorLoweredOnlyWhenItCostsTheFit: an adaptive mini-batch
// run kept on its noise floor (the loss still falls through the noise) is
// checked at lr/10 from the best point. The probe is the closed-form
// stationary loss of SGD on ½x² with gradient noise σ, ½ησ²/(2−η): lowering
// the rate always lowers it, by a share of the run's progress F₀ − F set by
// σ. A floor that costs ≥ minFloorGain of the progress is worth the slower
// start of a lower rate; one that costs less is not.
func TestAdaptiveFloorLoweredOnlyWhenItCostsTheFit(t *testing.T) {
	const eta = 0.5
	var h minimize.History
	for i := 0; i <= 200; i++ {
		h.F = append(h.F, 6-0.02*float64(i)+0.3*float64(1-2*(i%2)))
		h.GradNorm = append(h.GradNorm, 1)
		h.LR = append(h.LR, eta)
		h.StepCos = append(h.StepCos, math.NaN())
	}
	floor := func(lr, sigma float64) float64 { return 0.5 * lr * sigma * sigma / (2 - lr) }
	for _, tc := range []struct {
		sigma, want float64
	}{
		// The gain floor(0.5) − floor(0.05) = 0.154σ² against the progress
		// 6.3 − (2 + floor(0.5)) = 4.3 − 0.167σ².
		{0.5, eta},      // 0.9 % of the progress
		{1.2, eta},      // 5.5 %
		{1.7, eta / 10}, // 11.6 %
		{2, eta / 10},   // 16.9 %
	} {
		base := 2.0 + floor(eta, tc.sigma)
		probe := func(lr float64) float64 { return 2.0 + floor(lr, tc.sigma) }
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Batch: 8, N: 1000, Family: Adaptive,
			Probe: probe, ProbeFrom: base})
		if d.Verdict != NoiseFloor || math.Abs(d.SuggestedLR-tc.want) > 1e-12 {
			t.Errorf("σ %g: %s, suggested %g, want noise_floor and %g: %s", tc.sigma, d.Verdict, d.SuggestedLR, tc.want, d.Advice)
		}
	}
}

// TestScheduleCutScalesTheSchedule: a step schedule halved the rate three
// times (0.1 → 0.0125) and the loss still bounces at the end: the advice
// to halve lr halves the whole schedule, so the rate it starts from goes
// from 0.1 to 0.05 — not to 0.00625, half the last rate, which would put
// the end of the new schedule 16 times below the old one's. With a known
// stable bound the new peak stays at or below the safe rate (half the
// bound for plain gd).
func TestScheduleCutScalesTheSchedule(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 400; k++ {
		lr := 0.1 / math.Pow(2, float64(min(k/100, 3)))
		h.F = append(h.F, 1+0.2*math.Pow(-1, float64(k))+1e-4*float64(400-k))
		h.GradNorm = append(h.GradNorm, 1)
		h.LR = append(h.LR, lr)
		h.StepCos = append(h.StepCos, -1)
	}
	for _, c := range []struct {
		bound, want float64
	}{
		{0, 0.05},    // halve the schedule
		{1, 0.05},    // the new peak 0.05 is below the safe rate 0.5
		{0.06, 0.03}, // the new peak is capped at the safe rate, 0.03
	} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, BaseLR: 0.1, Bound: c.bound})
		if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-c.want) > 1e-12 {
			t.Errorf("bound %g: %s, suggested %g, want oscillating and %g: %s", c.bound, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestStandardizedRateFollowsTheOptimizer: the rate given with the
// standardize action is the safe rate at the standardized bound B, by the
// optimizer's rule: B/2 for gd, B/4 for heavy ball on full batches (no
// faster beyond), (1−β)·B/2 with mini-batches (the noise adds up over
// 1/(1−β) steps) — B = 0.4 here.
func TestStandardizedRateFollowsTheOptimizer(t *testing.T) {
	h := sgdOnHalfSquare(1e-4, 0, 10, 30)
	for _, c := range []struct {
		name   string
		family Family
		beta   float64
		batch  int
		want   float64
	}{
		{"gd", Plain, 0, 0, 0.2},
		{"momentum, full batch", Momentum, 0.9, 0, 0.1},
		{"momentum, batch 16", Momentum, 0.9, 16, 0.02},
	} {
		d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, ScaleSpread: 1000,
			StandardizedBound: 0.4, Family: c.family, Beta: c.beta, Batch: c.batch, N: 178})
		if len(d.Actions) == 0 || d.Actions[0].Kind != Standardize || math.Abs(d.Actions[0].LR-c.want) > 1e-12 {
			t.Errorf("%s: actions %+v, want standardize with lr %g first: %s", c.name, d.Actions, c.want, d.Advice)
		}
	}
}

// TestMiniBatchAdaptiveClimbStopsWhereItSaturates: a slow Adam-like run on
// mini-batches, whose one-epoch probe from the end reaches
//
//	v(c) = e^(−c) + 0.02·c
//
// (progress that grows with c·t, as an adaptive method's does, plus a
// noise floor that grows with c). The user's next run is 30 epochs:
// F₃₀(c) = e^(−30c) + 0.02·c, lowest on the climb's ladder {0.1, 1, 10} at
// c = 1 (0.02 against 0.2 at 10 and 0.052 at 0.1). The probe alone
// prefers 10 (0.2 < 0.388), but tenfold the rate adds less than half the
// gain 1 made: the climb stops at 1. On full batches (no noise floor to
// fear) it goes on to 10, where 100 does worse — a climb of three decades
// that stopped at a worse probe, which moves half a decade down, to 3.16
// (see TestMiniBatchAdaptiveClimbKneeMovesDown).
func TestMiniBatchAdaptiveClimbStopsWhereItSaturates(t *testing.T) {
	h := sgdOnHalfSquare(0.01, 0, 10, 30)
	probe := func(c float64) float64 { return math.Exp(-c) + 0.02*c }
	for _, c := range []struct {
		batch int
		want  float64
	}{{16, 1}, {0, 10 / math.Sqrt(10)}} {
		d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, Family: Adaptive,
			Batch: c.batch, N: 1000, Probe: probe, ProbeFrom: h.F[len(h.F)-1]})
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-c.want) > 1e-9*c.want {
			t.Errorf("batch %d: %s, suggested %g, want too_slow and %g: %s", c.batch, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
	// From lr = 1e-6 the ladder 1e-5 … 1 takes six probes (four stopped
	// at 1e-2, where F₃₀ = 0.74): the mini-batch climb reaches 1, its
	// reach, and — stopped there without a worse probe — moves half a
	// decade down, to 0.316, where F₃₀ = e^(−9.5) + 0.0063 = 0.0064 is
	// lower still than at 1 (0.02).
	h = sgdOnHalfSquare(1e-6, 0, 10, 30)
	d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, Family: Adaptive,
		Batch: 16, N: 1000, Probe: probe, ProbeFrom: h.F[len(h.F)-1]})
	if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-1/math.Sqrt(10)) > 1e-9 {
		t.Errorf("from 1e-6: %s, suggested %g, want too_slow and 0.316: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

// TestFloorCutIsNotUndoneByALuckyProbe: SGD on ½x² with gradient noise
// σ = 4 at η = 0.5 rests on the floor E[½x²] = ½ησ²/(2−η) = 2.67, whose
// spread is 8 % of the progress from 50: the rule cuts lr. A probe at η
// from the run's end lands on one draw of that floor; here a lucky one,
// 0.3, below what any smaller rate's floor (½cσ²/(2−c), the closed form)
// would give. The run's own history shows the floor's level, so the cut
// is kept: a probe at the cut rate that ends at its closed-form floor
// beats the floor the run rests on.
func TestFloorCutIsNotUndoneByALuckyProbe(t *testing.T) {
	const eta, sigma = 0.5, 4.0
	h := sgdOnHalfSquare(eta, sigma, 10, 400)
	floor := func(c float64) float64 { return 0.5 * c * sigma * sigma / (2 - c) }
	probe := func(c float64) float64 {
		if c == eta {
			return 0.3
		}
		return floor(c)
	}
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Batch: 1, N: 1000,
		Probe: probe, ProbeFrom: h.F[len(h.F)-1]})
	if d.Verdict != NoiseFloor || !(d.SuggestedLR < eta/1.5) {
		t.Errorf("%s, suggested %g, want noise_floor and a cut below %g: %s", d.Verdict, d.SuggestedLR, eta/1.5, d.Advice)
	}
}

// TestRaiseStepsDownWhereTheStartIsSteeper: gd on ½x² (from x = 10) at
// lr = 1e-3 is slow; from its end the climb goes up to the raise cap 0.45
// (half a stable bound of 0.9). The start lies where the curvature is 4
// (a probe from there follows f₀·(1−4c)^(2n), n = 30, in closed
// form): 0.45 does not blow up there (|1−1.8| = 0.8 < 1), but 0.142 goes
// further (|1−0.57| = 0.43) and 0.045 less far (0.82), so a probe from
// the start that is long enough to rank rates steps the raise down to
// 0.142. Without ProbeStartCompare the raise stays 0.45.
func TestRaiseStepsDownWhereTheStartIsSteeper(t *testing.T) {
	h := sgdOnHalfSquare(1e-3, 0, 10, 300)
	fEnd := h.F[len(h.F)-1]
	// n = 30 gd steps at rate c on λx²/2 from a point where it is f0.
	gd := func(lambda, f0 float64) func(float64) float64 {
		return func(c float64) float64 { return f0 * math.Pow(1-lambda*c, 60) }
	}
	for _, c := range []struct {
		compare bool
		want    float64
	}{{true, 0.45 / math.Sqrt(10)}, {false, 0.45}} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Plain, Bound: 0.9, L: 2 / 0.9,
			Probe: gd(1, fEnd), ProbeFrom: fEnd, ProbeStart: gd(4, h.F[0]), ProbeStartCompare: c.compare})
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-c.want) > 1e-9 {
			t.Errorf("compare %v: %s, suggested %g, want too_slow and %g: %s", c.compare, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
		if c.compare && (!strings.Contains(d.Advice, "goes further there than 0.45") || strings.Contains(d.Advice, "overshoots")) {
			t.Errorf("the advice does not say a lower rate went further from the start: %s", d.Advice)
		}
	}
}

// TestCutAfterBlowUpStepsDownFromTheStart: gd at lr = 1 on 2x² (curvature
// 4, from f = 50) blows up by a factor (1−4)² = 9 per step. The rate
// suggested from a stable bound of 0.9 measured elsewhere is half of it,
// 0.45; from the start, probes of n = 30 steps follow 50·(1−4c)^(2n) in
// closed form: 0.45 converges (|1−1.8| = 0.8), 0.142 converges faster
// (0.43) and 0.045 slower (0.82) — with a probe from the start the advice
// steps down to 0.142, whether or not the probe is long enough to rank a
// raise (ProbeStartCompare: a training run's probes are a twentieth of
// the run); without one, 0.45 stays.
func TestCutAfterBlowUpStepsDownFromTheStart(t *testing.T) {
	var h minimize.History
	for k := range 6 {
		h.F = append(h.F, 50*math.Pow(9, float64(k)))
		h.GradNorm = append(h.GradNorm, 20*math.Pow(3, float64(k)))
		h.LR = append(h.LR, 1)
		h.StepCos = append(h.StepCos, -1)
	}
	start := func(c float64) float64 { return 50 * math.Pow(1-4*c, 60) }
	for _, c := range []struct {
		name       string
		probeStart func(float64) float64
		compare    bool
		want       float64
	}{
		{"minimize", start, true, 0.45 / math.Sqrt(10)},
		{"train", start, false, 0.45 / math.Sqrt(10)},
		{"no probe from the start", nil, false, 0.45},
	} {
		d := Diagnose(Input{Status: minimize.Diverged, History: h, HasLR: true, Family: Plain, Bound: 0.9, L: 2 / 0.9,
			Probe: start, ProbeFrom: 50, ProbeStart: c.probeStart, ProbeStartCompare: c.compare})
		if d.Verdict != Diverged || math.Abs(d.SuggestedLR-c.want) > 1e-9 {
			t.Errorf("%s: %s, suggested %g, want diverged and %g: %s", c.name, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestNearTheFloorStandardizingIsNotFirst: a slow run on badly scaled
// features that got 99.99 % of the way from f = 0.69 to the loss's lower
// bound 0 (separable logistic regression, whose loss only creeps down)
// has little left for standardizing to speed up: the rate comes first and
// standardizing is offered after it. Halfway there, standardizing is
// first.
func TestNearTheFloorStandardizingIsNotFirst(t *testing.T) {
	for _, c := range []struct {
		end      float64
		stdFirst bool
	}{{1e-4, false}, {0.35, true}} {
		var h minimize.History
		for k := 0; k <= 200; k++ {
			f := c.end + (0.69-c.end)*math.Exp(-float64(k)/40)
			h.F = append(h.F, f)
			h.GradNorm = append(h.GradNorm, f)
			h.LR = append(h.LR, 0.1)
			h.StepCos = append(h.StepCos, 1)
		}
		d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, HasFLower: true,
			ScaleSpread: 100, StandardizedLR: 1.37})
		if len(d.Actions) == 0 || (d.Actions[0].Kind == Standardize) != c.stdFirst || !hasAction(d, Standardize) {
			t.Errorf("end %g: %s, actions %+v, want standardize first: %v", c.end, d.Verdict, d.Actions, c.stdFirst)
		}
		// With the standardized bound instead of a rate, the action
		// carries gd's safe rate there, half of it, wherever it stands.
		d = Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, HasFLower: true,
			ScaleSpread: 100, StandardizedBound: 2})
		for _, a := range d.Actions {
			if a.Kind == Standardize && a.LR != 1 {
				t.Errorf("end %g: standardize with lr %g, want 1 (half the bound 2)", c.end, a.LR)
			}
		}
	}
}

// TestOscillationCutCheckedFromTheStart: gd at lr = 1.9 on ½x² (λ = 1)
// zig-zags (lr·λ = 1.9 < 2) and is halved to 0.95, half the stable bound
// 2. Where it starts the curvature is 4 (probes of n = 30 steps from there
// follow f₀·(1−4c)^(2n)): 0.95 blows up there (|1−3.8| > 1), 0.3 does not
// (0.2) and beats 0.095 (0.62), so with ProbeStartCompare the advice is
// 0.3; without it, 0.95.
func TestOscillationCutCheckedFromTheStart(t *testing.T) {
	var h minimize.History
	x := 10.0
	for range 60 {
		h.F = append(h.F, 0.5*x*x)
		h.GradNorm = append(h.GradNorm, math.Abs(x))
		h.LR = append(h.LR, 1.9)
		h.StepCos = append(h.StepCos, -1)
		x -= 1.9 * x
	}
	from := func(lambda, f0 float64) func(float64) float64 {
		return func(c float64) float64 { return f0 * math.Pow(1-lambda*c, 60) }
	}
	fEnd := h.F[len(h.F)-1]
	for _, c := range []struct {
		compare bool
		want    float64
	}{{true, 0.95 / math.Sqrt(10)}, {false, 0.95}} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Plain, Bound: 2, L: 1,
			Probe: from(1, fEnd), ProbeFrom: fEnd, ProbeStart: from(4, h.F[0]), ProbeStartCompare: c.compare})
		if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-c.want) > 1e-9 {
			t.Errorf("compare %v: %s, suggested %g, want oscillating and %g: %s", c.compare, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestNoRaiseForACrumb: an adaptive run that fell from 1.5 to 5e-4, near
// its loss's lower bound 0, is kept even though tenfold the rate gets to
// 1e-4 from its end: 4e-4 is 0.03 % of the progress made, less than the
// 1 % a change of rate must gain (an MLP on wine at Adam 0.235 raised to
// 2.35 ended at 2.06).
func TestNoRaiseForACrumb(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 30; k++ {
		f := 5e-4 + 1.5*math.Exp(-float64(k)/4)
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, f)
		h.LR = append(h.LR, 0.235)
		h.StepCos = append(h.StepCos, 1)
	}
	probe := func(c float64) float64 {
		switch {
		case c > 0.3:
			return 1e-4
		case c < 0.2:
			return 6e-4
		}
		return 5e-4
	}
	d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, HasFLower: true,
		Family: Adaptive, Probe: probe, ProbeFrom: h.F[len(h.F)-1]})
	if d.SuggestedLR != 0.235 {
		t.Errorf("%s, suggested %g, want 0.235 kept: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

// TestNoiseFloorJudgedAtTheBoundWhereTheRunIs: SGD on ½x² with noise
// σ = 1 at η = 0.1 bounces on its floor (stable: ηλ = 0.1). Its rate is
// above the bound measured at the start (0.05, as for cross-entropy whose
// curvature shrinks as the fit improves) but below the one where the run
// is now (BoundEnd 20): the bounces are sampling noise, a noise floor,
// not oscillation; without BoundEnd the start's bound calls it unstable.
func TestNoiseFloorJudgedAtTheBoundWhereTheRunIs(t *testing.T) {
	h := sgdOnHalfSquare(0.1, 1, 10, 400)
	for _, c := range []struct {
		boundEnd float64
		want     Verdict
	}{{20, NoiseFloor}, {0, Oscillating}} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Batch: 1, N: 1000, Bound: 0.05, BoundEnd: c.boundEnd})
		if d.Verdict != c.want {
			t.Errorf("BoundEnd %g: %s, want %s: %s", c.boundEnd, d.Verdict, c.want, d.Advice)
		}
	}
}

// TestAdaptiveZigZagThatFallsIsNotOscillation: a full-batch adaptive run
// whose steps reverse direction at every step while its loss falls
// through the jitter (f = 100·e^(−k/100) ± 0.5) is not told to halve its
// rate; the same zig-zag around a flat loss (1 ± 0.5) is oscillation.
func TestAdaptiveZigZagThatFallsIsNotOscillation(t *testing.T) {
	for _, c := range []struct {
		name    string
		f       func(k int) float64
		wantOsc bool
	}{
		{"falling", func(k int) float64 { return 100*math.Exp(-float64(k)/100) + 0.5*math.Pow(-1, float64(k)) }, false},
		{"flat", func(k int) float64 { return 1 + 0.5*math.Pow(-1, float64(k)) }, true},
	} {
		var h minimize.History
		for k := 0; k <= 200; k++ {
			h.F = append(h.F, c.f(k))
			h.GradNorm = append(h.GradNorm, 1)
			h.LR = append(h.LR, 0.1)
			h.StepCos = append(h.StepCos, -1)
		}
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive})
		if (d.Verdict == Oscillating) != c.wantOsc {
			t.Errorf("%s: %s, want oscillating: %v: %s", c.name, d.Verdict, c.wantOsc, d.Advice)
		}
	}
}

// TestMiniBatchAdaptiveClimbKneeMovesDown: a slow Adam-like run at
// lr = 1e-3 on mini-batches, whose one-probe value from its end is
// v(c) = e^(−2c) + 0.05c: the climb 0.01, 0.1, 1 improves and 10 does
// worse, so one probe prefers 1. The user's run of ten probes ends at
// e^(−20c) + 0.05c, lowest on the ladder {0.1, 0.316, 1} at 0.316 (0.018,
// against 0.14 and 0.05): a training climb moves its knee half a decade
// down, on mini-batches or full ones (its probes are a twentieth of the
// run either way). A minimization ranks the raise from the start instead
// (probes a tenth of its budget; here the same v), where 1 goes further
// than 0.316, and keeps 1. Under a schedule that anneals (the last rate
// a thousandth of the base) the higher rate is paid for only until the
// schedule brings it down: the knee moves a quarter decade, to 10^−¼.
func TestMiniBatchAdaptiveClimbKneeMovesDown(t *testing.T) {
	h := sgdOnHalfSquare(1e-3, 0, 10, 30)
	probe := func(c float64) float64 { return math.Exp(-2*c) + 0.05*c }
	for _, c := range []struct {
		name     string
		batch    int
		unit     minimize.Unit
		annealed bool
		want     float64
		says     string
	}{
		{"mini-batch", 16, minimize.Epochs, false, 1 / math.Sqrt(10), "half a decade below lr 1,"},
		{"full batch", 0, minimize.Epochs, false, 1 / math.Sqrt(10), "half a decade below lr 1,"},
		{"minimization", 0, minimize.Iterations, false, 1, ""},
		{"mini-batch, annealed", 16, minimize.Epochs, true, math.Pow(10, -0.25), "a quarter decade below lr 1,"},
	} {
		h := h
		h.LR = append([]float64(nil), h.LR...)
		in := Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: c.unit, Family: Adaptive,
			Batch: c.batch, N: 1000, Probe: probe, ProbeFrom: h.F[len(h.F)-1]}
		if c.annealed {
			h.LR[len(h.LR)-1] = 1e-6
			in.BaseLR = 1e-3
		}
		if c.unit == minimize.Iterations {
			in.Status, in.N = minimize.MaxIters, 0
			in.ProbeStart, in.ProbeStartCompare = probe, true
		}
		d := Diagnose(in)
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-c.want) > 1e-9 {
			t.Errorf("%s: %s, suggested %g, want too_slow and %g: %s", c.name, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
		if c.says != "" && !strings.Contains(d.Advice, c.says) || c.says == "" && strings.Contains(d.Advice, "decade below lr 1,") {
			t.Errorf("%s: the advice does not say how far the knee moved (%q): %s", c.name, c.says, d.Advice)
		}
	}
}

// TestConvergedAboveTheKnownMinimum: gd converges on ½(x−3)² + 5, whose
// known minimum is 0 in another basin the formula does not show (as
// Freudenstein–Roth's 48.98 beside its 0): the run is converged, but the
// advice does not call lr a good choice; it says where the run rests and,
// when a larger rate probed from the start ends below the run by half its
// gap (here 10·lr reaches 1), suggests it.
func TestConvergedAboveTheKnownMinimum(t *testing.T) {
	var h minimize.History
	x := 0.0
	for range 200 {
		h.F = append(h.F, 0.5*(x-3)*(x-3)+5)
		h.GradNorm = append(h.GradNorm, math.Abs(x-3))
		h.LR = append(h.LR, 0.5)
		h.StepCos = append(h.StepCos, 1)
		x -= 0.5 * (x - 3)
	}
	for _, c := range []struct {
		start func(float64) float64
		want  float64
	}{
		{nil, 0.5},
		{func(c float64) float64 {
			if c > 4 {
				return 1
			}
			return 5
		}, 5},
	} {
		d := Diagnose(Input{Status: minimize.ConvergedGrad, History: h, HasLR: true, Family: Plain, KnownMin: true, FStar: 0,
			ProbeStart: c.start, ProbeStartCompare: c.start != nil})
		if d.Verdict != Converged || d.SuggestedLR != c.want || strings.Contains(d.Advice, "good choice") || !strings.Contains(d.Advice, "known minimum 0") {
			t.Errorf("%s, suggested %g, want converged, %g and the known minimum named: %s", d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestKickedProbeKeepsTheRate: an adaptive run on ½x² that converges
// (|x| × 0.93 per unit: ‖∇f‖ would reach 1e-8 in 54 more units) is kept at
// its rate, which is at the cap of a raise (half the bound 0.02). Its
// probes model a fresh adaptive state's first step, which moves a
// coordinate by 10·c (RMSprop, α = 0.99) however small the gradient, into
// a direction of curvature 2 that the probe has no time to come back
// from: v(c) = f_best + ½·2·(10c)². Every rate's probe ends above the
// point it started from, and lr/10 "wins" only by kicking less: the rate
// is kept. The same probes after a run that crawls (|x| × 0.9998 per
// unit, far from its minimum) still rank the rates: lr/10 is taken.
func TestKickedProbeKeepsTheRate(t *testing.T) {
	for _, c := range []struct {
		name string
		rho  float64
		want float64
	}{{"converging", 0.93, 0.01}, {"crawling", 0.9998, 0.001}} {
		var h minimize.History
		x := 1.0
		for k := 0; k <= 200; k++ {
			if k > 0 {
				x *= c.rho
			}
			h.F = append(h.F, 0.5*x*x)
			h.GradNorm = append(h.GradNorm, x)
			h.LR = append(h.LR, 0.01)
			h.StepCos = append(h.StepCos, 1)
		}
		fBest := 0.5 * x * x
		probe := func(lr float64) float64 { return fBest + 0.5*2*(10*lr)*(10*lr) }
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Unit: minimize.Iterations,
			Family: Adaptive, Bound: 0.02, Travel: 1 - x, Probe: probe, ProbeFrom: fBest})
		if d.SuggestedLR != c.want {
			t.Errorf("%s: %s, suggested %g, want %g: %s", c.name, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestRaiseRefusedWhereTheNoiseFloorRises: heavy ball (β = 0.9) at lr 0.2
// on mini-batches of 8 ends near the loss's lower bound, still falling.
// The raise to the cap 1.6 ((1−β)·half the bound 32) makes the stationary
// excess loss of SGD at η/(1−β), η·tr(Σ)/(4B) (Mandt, Hoffman & Blei
// 2017), with tr(Σ) = 0.068 (NoiseScale × ‖∇F‖²), rise by
// 1.4·10·0.068/32 ≈ 0.030. A probe that gains 6e-4 over the current rate
// does not pay for that: lr is kept. A probe that gains 0.01 does (the
// run is far from its floor): the raise is given.
func TestRaiseRefusedWhereTheNoiseFloorRises(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 30; k++ {
		f := 0.05 + 1.05*math.Exp(-float64(k)/3)
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, 0.016+math.Exp(-float64(k)/3))
		h.LR = append(h.LR, 0.2)
	}
	const trSigma = 0.068
	gn := h.GradNorm[30]
	for _, c := range []struct {
		gain, want float64
	}{{6e-4, 0.2}, {0.01, 1.6}} {
		base := h.F[30]
		probe := func(lr float64) float64 {
			if lr > 0.2 {
				return base - c.gain
			}
			return base
		}
		d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, HasFLower: true,
			Family: Momentum, Beta: 0.9, Batch: 8, N: 150, BoundEnd: 32, NoiseScale: trSigma / (gn * gn),
			Probe: probe, ProbeFrom: base})
		if math.Abs(d.SuggestedLR-c.want) > 1e-9 {
			t.Errorf("probe gain %g: %s, suggested %g, want %g: %s", c.gain, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestPlateauAboveTheKnownMinimum: a run whose rate overshoots onto a
// plateau (Jennrich–Sampson's x → −∞: f = 2020 against the known minimum
// 124.4) stays there — creeping (‖∇f‖ grows by 1.0005 per iteration, the
// rate kept as the largest the run's scale allows), or converged when the
// gradient falls below the tolerance. From the start, rates of 0.316 and
// above land on the plateau and rates of 0.1 and below reach 150 in a
// tenth of the budget: lr 0.1 is suggested from lr 1 and from lr √10 —
// not a larger rate, and not "try another start point".
func TestPlateauAboveTheKnownMinimum(t *testing.T) {
	start := func(c float64) float64 {
		if c > 0.2 {
			return 2020
		}
		return 150
	}
	for _, c := range []struct {
		lr     float64
		status minimize.Status
		gn     func(k int) float64
	}{
		{1, minimize.MaxIters, func(k int) float64 { return 7e-4 * math.Pow(1.0005, float64(k)) }},
		{math.Sqrt(10), minimize.ConvergedGrad, func(int) float64 { return 1e-9 }},
	} {
		var h minimize.History
		for k := 0; k <= 100; k++ {
			f, g := 2020-1e-4*float64(k), c.gn(k)
			if k == 0 {
				f, g = 4171, 900
			}
			h.F = append(h.F, f)
			h.GradNorm = append(h.GradNorm, g)
			h.LR = append(h.LR, c.lr)
			h.StepCos = append(h.StepCos, 1)
		}
		d := Diagnose(Input{Status: c.status, History: h, HasLR: true, Family: Adaptive, KnownMin: true, FStar: 124.4,
			Travel: 4.35, StepPerLR: 10 * math.Sqrt2,
			ProbeStart: start, ProbeStartCompare: true, Probe: func(float64) float64 { return 2020 }, ProbeFrom: 2020})
		if math.Abs(d.SuggestedLR-0.1) > 1e-12 || strings.Contains(d.Advice, "another start point") {
			t.Errorf("lr %g: %s, suggested %g, want 0.1 and no blame on the start point: %s", c.lr, d.Verdict, d.SuggestedLR, d.Advice)
		}
	}
}

// TestAdaptiveOscillationCutCheckedFromTheStart: an adaptive minimization
// whose iterates zig-zag on a flat loss (5 ± 0.5, ‖∇f‖ ≈ 1 throughout) is
// halved to 0.5 — and checked from the start, where probes of a tenth of
// the budget follow f(c) = 100(c − 0.05)² + 1: 0.5 ends above the start
// (21.25), 0.158 does not (2.17), and 0.05 goes furthest (1): the advice
// is 0.05. A run that zig-zags the same way after ‖∇f‖ fell a millionfold
// or more converged through it: probes from the start, which see only the
// first tenth of the way, do not move its halving. (From the best point,
// the probes end at f·min(1, c): the halving checks out there.)
func TestAdaptiveOscillationCutCheckedFromTheStart(t *testing.T) {
	start := func(c float64) float64 { return 100*(c-0.05)*(c-0.05) + 1 }
	for _, c := range []struct {
		name  string
		scale float64 // of f and ‖∇f‖ after the start
		want  float64
	}{{"flat", 1, 0.05}, {"settled", 1e-7, 0.5}} {
		h := zigzag(5.5, 1, 5*c.scale, 0.5*c.scale, c.scale, 1)
		fEnd := h.F[len(h.F)-1]
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive,
			Probe: func(lr float64) float64 { return fEnd * math.Min(1, lr) }, ProbeFrom: fEnd, ProbeStart: start, ProbeStartCompare: true})
		if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-c.want) > 1e-9 {
			t.Errorf("%s: %s, suggested %g, want oscillating and %g: %s", c.name, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestAdaptiveZigZagCutOnlyForARealGain: a full-batch adaptive training
// run that fell from 29,000 to 2,000 and zig-zags there by ±30 (diabetes'
// MLP under RMSprop at 0.316 does: its halved rate ended 15 % higher over
// the same 200 epochs) is not halved for a probe from its best point
// that gains about the jitter — 0.1 % of the progress, under minGain's
// 1 %, the same test a kept adaptive rate's change must pass. A probe that
// gains 10 % of the progress (a zig-zag that costs the fit) gets the cut.
func TestAdaptiveZigZagCutOnlyForARealGain(t *testing.T) {
	h := zigzag(29000, 500, 2000, 30, 500, 0.316)
	fEnd := h.F[len(h.F)-1]
	for _, c := range []struct {
		gain, want float64
	}{{30, 0.316}, {2700, 0.158}} {
		probe := func(lr float64) float64 {
			if lr < 0.3 {
				return fEnd - c.gain
			}
			return fEnd
		}
		d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, HasFLower: true,
			Family: Adaptive, Probe: probe, ProbeFrom: fEnd})
		if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-c.want) > 1e-9 {
			t.Errorf("probe gain %g: %s, suggested %g, want oscillating and %g: %s", c.gain, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestFullBatchAdaptiveClimbReach: a full-batch adaptive run at lr 1e-5
// that crawls (f falls by 1e-3 per unit, ‖∇f‖ constant) is raised by a
// climb of probes from its best point, tenfold per probe, as far as they
// improve — up to 10⁶·lr, as on mini-batches: the probes follow
// v(c) = (log₁₀ c − log₁₀ 3)², best near 3, so the climb 1e-4 … 1 stops at
// 10 (worse) with 1 the best, 10⁵ times lr (four probes and 10⁴·lr stopped
// at 0.1). A minimization, whose raise is ranked from the start, takes 1;
// a training run, whose probes are a twentieth of the run, moves half a
// decade below the one-probe best, to 0.316, as a mini-batch one does.
func TestFullBatchAdaptiveClimbReach(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 200; k++ {
		h.F = append(h.F, 100-1e-3*float64(k))
		h.GradNorm = append(h.GradNorm, 1)
		h.LR = append(h.LR, 1e-5)
		h.StepCos = append(h.StepCos, 1)
	}
	v := func(c float64) float64 {
		d := math.Log10(c) - math.Log10(3)
		return 100 - 1e-3*200 - 1 + d*d/100
	}
	for _, c := range []struct {
		name string
		unit minimize.Unit
		want float64
	}{{"minimize", minimize.Iterations, 1}, {"train", minimize.Epochs, 1 / math.Sqrt(10)}} {
		in := Input{Status: minimize.MaxIters, History: h, HasLR: true, Unit: c.unit, Family: Adaptive,
			Probe: v, ProbeFrom: h.F[200], ProbeStart: v, ProbeStartCompare: c.unit == minimize.Iterations}
		d := Diagnose(in)
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-c.want) > 1e-9*c.want {
			t.Errorf("%s: %s, suggested %g, want too_slow and %g: %s", c.name, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestAdviceFollowedTwiceBisects: a run at lr 0.314 that oscillates (the
// cut is 0.157), reached by following the advice of a run at 0.157 that
// was too slow, gets the geometric midpoint √(0.157·0.314) = 0.222 — not
// 0.157 again, which would cycle; a run too slow at 0.157 after a cut
// from 0.314 is raised at most to the same midpoint. A suggestion that
// keeps the direction of the previous hop, or one between the midpoint
// and lr, stands, and so does every suggestion without PrevLR.
func TestAdviceFollowedTwiceBisects(t *testing.T) {
	osc := func(lr float64) minimize.History {
		var h minimize.History
		for k := 0; k <= 60; k++ {
			h.F = append(h.F, 1+0.5*math.Pow(-1, float64(k)))
			h.GradNorm = append(h.GradNorm, 1)
			h.LR = append(h.LR, lr)
			h.StepCos = append(h.StepCos, -1)
		}
		h.F[0] = 10
		return h
	}
	slow := func(lr float64) minimize.History {
		var h minimize.History
		for k := 0; k <= 60; k++ {
			h.F = append(h.F, 10*math.Pow(0.999, float64(k)))
			h.GradNorm = append(h.GradNorm, 3*math.Pow(0.9995, float64(k)))
			h.LR = append(h.LR, lr)
			h.StepCos = append(h.StepCos, 1)
		}
		return h
	}
	mid := math.Sqrt(0.157 * 0.314)
	for _, c := range []struct {
		name     string
		h        minimize.History
		prev     float64
		want     float64 // 0: the suggestion without PrevLR
		wantVerd Verdict
	}{
		{"oscillating after a raise", osc(0.314), 0.157, mid, Oscillating},
		{"oscillating after a cut", osc(0.314), 0.628, 0, Oscillating},
		{"oscillating, no previous run", osc(0.314), 0, 0, Oscillating},
		{"slow after a cut", slow(0.157), 0.314, mid, TooSlow},
		{"slow after a raise", slow(0.157), 0.0785, 0, TooSlow},
	} {
		in := Input{Status: minimize.MaxIters, History: c.h, HasLR: true, Family: Plain, Bound: 1}
		free := Diagnose(in).SuggestedLR
		in.PrevLR = c.prev
		d := Diagnose(in)
		want := c.want
		if want == 0 {
			want = free
		}
		if d.Verdict != c.wantVerd || math.Abs(d.SuggestedLR-want) > 1e-12*want {
			t.Errorf("%s: %s, suggested %g, want %s and %g (without PrevLR %g): %s", c.name, d.Verdict, d.SuggestedLR, c.wantVerd, want, free, d.Advice)
		}
		lr := c.h.LR[0]
		if c.want > 0 && !(c.prev < lr && free < mid || c.prev > lr && free > mid) {
			t.Errorf("%s: the suggestion without PrevLR, %g, does not turn back past the midpoint %g: the case tests nothing", c.name, free, mid)
		}
	}
}

// TestMiniBatchAdaptiveClimbToTheReachMovesDown: a slow adaptive run at
// lr = 1e-6 whose probes from its end keep improving all the way up the
// climb, v(c) = 1 − (d/6)³ with d = log₁₀(c/lr) (growing gains: no
// saturation), stops at the reach 10⁶·lr = 1 without a worse probe. On
// mini-batches the probe cannot show the noise floor of the rate it
// climbed to, so the reach is treated as the knee: half a decade down,
// 0.316. On a full batch, with no floor to fear, it stays at 1.
func TestMiniBatchAdaptiveClimbToTheReachMovesDown(t *testing.T) {
	h := sgdOnHalfSquare(1e-6, 0, 10, 30)
	probe := func(c float64) float64 {
		d := math.Log10(c / 1e-6)
		return 1 - d*d*d/216
	}
	for _, c := range []struct {
		batch int
		want  float64
	}{{16, 1 / math.Sqrt(10)}, {0, 1}} {
		d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, Family: Adaptive,
			Batch: c.batch, N: 1000, Probe: probe, ProbeFrom: 1})
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-c.want) > 1e-9*c.want {
			t.Errorf("batch %d: %s, suggested %g, want too_slow and %g: %s", c.batch, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestKeptOscillationRankedFromTheStart: a minimization that zig-zags at
// lr 1 (f 1 ± 0.5, ‖∇f‖ ≈ 1, ending at 1.5) whose probes from the best
// point favour its own rate (v = |log₁₀ c|: the check keeps lr 1) is
// ranked from the start as well, where probes of a tenth of the budget
// follow f(c) = 100(c − 0.05)² + m: with ProbeStartCompare (probes long
// enough to rank rates) 0.5 ends above the start's 5.5, 0.158 at m + 1.17,
// 0.05 at m — below lr 1's m + 90 — so the advice is 0.05, whatever m.
// Without it (a training run) a cut is taken only where its short probe
// passes the whole run's 1.5 (keptFromStart, stepping down from 1/√10):
// at m = 1, 0.0316 reaches 1.03; at m = 2 no rate does, and lr 1 stands.
func TestKeptOscillationRankedFromTheStart(t *testing.T) {
	h := zigzag(5.5, 1, 1, 0.5, 1, 1)
	best := func(c float64) float64 { return math.Abs(math.Log10(c)) }
	for _, c := range []struct {
		compare bool
		m, want float64
	}{{true, 1, 0.05}, {true, 2, 0.05}, {false, 1, 0.1 / math.Sqrt(10)}, {false, 2, 1}} {
		start := func(r float64) float64 { return 100*(r-0.05)*(r-0.05) + c.m }
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive,
			Probe: best, ProbeFrom: 0.5, ProbeStart: start, ProbeStartCompare: c.compare})
		if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-c.want) > 1e-9 {
			t.Errorf("compare %v, m %g: %s, suggested %g, want oscillating and %g: %s", c.compare, c.m, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestKeptRateThatOvershootsFromTheStart: a mini-batch adaptive run at
// lr √10 that leapt from 1.79 to 11 in its first epoch and then settled on
// a floor (level ± 3 %), which probes from the best point cannot improve
// on, is kept by the noise-floor rule. From the start, where probes follow
// 11 for c ≥ 1 (above the start), 0.19 for 0.2 < c < 1 and 0.22 below:
// lr overshoots there and 0.316 goes furthest. On a floor of 0.15 that
// probe is within twice the run's end, so the advice is 0.316; on a floor
// of 0.01 (a run that recovered far below) lr is kept. A run that never
// rose above its start is held to the stricter test (0.19 is not below
// its 0.15: kept), and lr itself is not probed from the start.
func TestKeptRateThatOvershootsFromTheStart(t *testing.T) {
	lr := math.Sqrt(10)
	for _, c := range []struct {
		jump, level, want float64
	}{
		{11, 0.15, lr / 10},
		{11, 0.01, lr},
		{1.5, 0.15, lr},
	} {
		var h minimize.History
		for k := 0; k <= 30; k++ {
			f := c.level * (1 + 0.03*math.Pow(-1, float64(k)))
			switch k {
			case 0:
				f = 1.79
			case 1:
				f = c.jump
			}
			h.F = append(h.F, f)
			h.GradNorm = append(h.GradNorm, 0.02)
			h.LR = append(h.LR, lr)
		}
		lrCalls := 0
		start := func(r float64) float64 {
			if r == lr {
				lrCalls++
			}
			switch {
			case r >= 1:
				return 11
			case r > 0.2:
				return 0.19
			}
			return 0.22
		}
		d := Diagnose(Input{Status: minimize.MaxEpochs, Unit: minimize.Epochs, History: h, HasLR: true, Family: Adaptive,
			Batch: 32, N: 178, HasFLower: true,
			Probe: func(float64) float64 { return c.level }, ProbeFrom: c.level, ProbeStart: start})
		if math.Abs(d.SuggestedLR-c.want) > 1e-12 {
			t.Errorf("jump %g, floor %g: %s, suggested %g, want %g: %s", c.jump, c.level, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
		// The first action says what to do with the rate: set it to the
		// cut, or keep lr — never "keep" another rate.
		if a := d.Actions[0]; !(a.Kind == SetLR && a.LR == c.want && c.want != lr) && !(a.Kind == KeepLR && a.LR == lr && c.want == lr) ||
			slices.ContainsFunc(d.Actions[1:], func(a Action) bool { return a.Kind == SetLR || a.Kind == KeepLR }) {
			t.Errorf("jump %g, floor %g: actions %+v, want one rate action first: set %g or keep %g", c.jump, c.level, d.Actions, c.want, lr)
		}
		if c.jump < 1.79 && lrCalls > 0 {
			t.Errorf("jump %g: lr probed from the start, want no such probe", c.jump)
		}
	}
}

// TestNoiseFloorAboveItsStart: a mini-batch run whose loss bounces around
// 4 ± 3.5 after starting at 1.8 (it ends at 0.5) made no progress: the advice says so and
// cuts lr tenfold, with no ratio to a progress that is negative.
func TestNoiseFloorAboveItsStart(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 30; k++ {
		f := 4 - 3.5*math.Pow(-1, float64(k))
		if k == 0 {
			f = 1.8
		}
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, 1)
		h.LR = append(h.LR, 3)
	}
	d := Diagnose(Input{Status: minimize.MaxEpochs, Unit: minimize.Epochs, History: h, HasLR: true, Family: Adaptive, Batch: 32, N: 178})
	if d.Verdict != NoiseFloor || math.Abs(d.SuggestedLR-0.3) > 1e-12 || !strings.Contains(d.Advice, "above its start") || strings.Contains(d.Advice, "%") {
		t.Errorf("%s, suggested %g, want noise_floor, 0.3 and the loss above its start: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

// TestKeptRateBeatenFromTheStart: a heavy-ball minimization that crawls
// down at lr 1 (f from 5 to 1.4 in a straight line, ‖∇f‖ barely
// shrinking) is kept at its rate: the probes from the best point, which
// end at f·min(1, c), find no better one. From the start, probes of a
// tenth of the budget follow 100(c − 0.05)² + 1: 0.316 ends above the
// start (8.1), 0.1 at 1.25, 0.0316 at 1.03 and 0.01 at 1.16 — so 0.0316
// goes furthest there, and its 1.03 is below the whole run's 1.4: the
// advice is 0.0316. Where the run ended at 0.9, below that probe, lr is
// kept.
func TestKeptRateBeatenFromTheStart(t *testing.T) {
	start := func(c float64) float64 { return 100*(c-0.05)*(c-0.05) + 1 }
	for _, c := range []struct {
		end, want float64
	}{{1.4, 0.1 / math.Sqrt(10)}, {0.9, 1}} {
		var h minimize.History
		for k := 0; k <= 200; k++ {
			h.F = append(h.F, 5-(5-c.end)*float64(k)/200)
			h.GradNorm = append(h.GradNorm, 1-1e-4*float64(k))
			h.LR = append(h.LR, 1)
		}
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Momentum, Beta: 0.9,
			Probe: func(r float64) float64 { return c.end * math.Min(1, r) }, ProbeFrom: c.end,
			ProbeStart: start, ProbeStartCompare: true})
		if math.Abs(d.SuggestedLR-c.want) > 1e-12 {
			t.Errorf("run ends at %g: %s, suggested %g, want %g: %s", c.end, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestKeptRateStopsWhereTheRunWasFaster: a heavy-ball run at lr 0.1 that
// fell in a straight line from 5 to 0.9, kept at its rate, with probes
// from the start that follow 5 − 3.6c (a lower rate goes less far): lr is
// kept, and when the run's own pace at a probe's length is known
// (StartPace 4.59, where f stood after a tenth of the budget) only lr/√10
// is probed from the start — it falls short of the run there, so a lower
// rate would too. Without StartPace the step down probes lr/10 as well,
// and lr/10^1.5, a decade below lr/√10, when lr/10 goes less far.
func TestKeptRateStopsWhereTheRunWasFaster(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 200; k++ {
		h.F = append(h.F, 5-4.1*float64(k)/200)
		h.GradNorm = append(h.GradNorm, 1-1e-4*float64(k))
		h.LR = append(h.LR, 0.1)
	}
	for _, c := range []struct {
		pace  float64
		lower int // rates below lr probed from the start
	}{{4.59, 1}, {0, 3}} {
		lower := 0
		start := func(r float64) float64 {
			if r < 0.1 {
				lower++
			}
			return 5 - 3.6*r
		}
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Momentum, Beta: 0.9,
			Probe: func(r float64) float64 { return 0.9 * math.Min(1, 10*r) }, ProbeFrom: 0.9,
			ProbeStart: start, ProbeStartCompare: true, StartPace: c.pace})
		if d.SuggestedLR != 0.1 || lower != c.lower {
			t.Errorf("StartPace %g: suggested %g, %d rates below lr probed from the start; want 0.1 kept and %d: %s", c.pace, d.SuggestedLR, lower, c.lower, d.Advice)
		}
	}
}

// TestSetActionMovesAKeep: a keep_lr moved to another rate becomes a
// set_lr (keptFromStart's cut of a noise floor's keep of 3.16 was a
// "keep_lr 0.316"); a keep set to its own rate stays a keep, and a set_lr
// stays a set_lr.
func TestSetActionMovesAKeep(t *testing.T) {
	d := Diagnosis{Actions: []Action{{Kind: KeepLR, LR: 3.16}, {Kind: RaiseBudget}}}
	setAction(&d, 0.316)
	if (d.Actions[0].Kind != SetLR || d.Actions[0].LR != 0.316) || d.Actions[1].Kind != RaiseBudget {
		t.Errorf("keep of 3.16 moved to 0.316: %+v, want set_lr 0.316 then raise_budget", d.Actions)
	}
	d = Diagnosis{Actions: []Action{{Kind: KeepLR, LR: 1}}}
	setAction(&d, 1)
	if d.Actions[0].Kind != KeepLR || d.Actions[0].LR != 1 {
		t.Errorf("keep of 1 set to 1: %+v, want keep_lr 1", d.Actions)
	}
	d = Diagnosis{Actions: []Action{{Kind: SetLR, LR: 1}}}
	setAction(&d, 2)
	if d.Actions[0].Kind != SetLR || d.Actions[0].LR != 2 {
		t.Errorf("set of 1 moved to 2: %+v, want set_lr 2", d.Actions)
	}
}

// TestDecayedScheduleIsNotCutFromTheEnd: an adaptive run near its loss's
// floor whose step schedule took the rate from 0.0316 down to 0.0079 is
// kept; from its best point (0.0687) a constant lr/10 ends lower than a
// constant 0.0316 (0.05 against 0.147, as at the end of an annealed run),
// which is what the decay already does: no cut. The same run at a
// constant 0.0316 is cut to lr/10 by that probe, which ends below the
// point it started from (a probe at lr/10 ending above it, as lr's does,
// would show no gain over the run: see TestNoisyProbeAtLRDoesNotCutANearFloorRun).
func TestDecayedScheduleIsNotCutFromTheEnd(t *testing.T) {
	const base = 0.0316
	best := func(c float64) float64 {
		if c < base/2 {
			return 0.05
		}
		return 0.147
	}
	for _, c := range []struct {
		decay float64 // the rate's factor at the end
		want  float64
	}{{0.25, base}, {1, base / 10}} {
		var h minimize.History
		for k := 0; k <= 30; k++ {
			h.F = append(h.F, 1.38*math.Exp(-0.1*float64(k)))
			h.GradNorm = append(h.GradNorm, 0.5*math.Exp(-0.01*float64(k)))
			h.LR = append(h.LR, base*math.Pow(c.decay, float64(k)/30))
		}
		in := Input{Status: minimize.MaxEpochs, Unit: minimize.Epochs, History: h, HasLR: true, Family: Adaptive,
			Batch: 16, N: 150, HasFLower: true, Probe: best, ProbeFrom: h.F[30]}
		if c.decay != 1 {
			in.BaseLR = base
		}
		d := Diagnose(in)
		if math.Abs(d.SuggestedLR-c.want) > 1e-12 {
			t.Errorf("decay to %g·lr: %s, suggested %g, want %g: %s", c.decay, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestOscillationAboveTheBoundSaysSo: plain gradient descent zig-zagging
// at lr 3 with the stable bound 2/L = 1 is above the limit, and halving
// the bound gives 0.5; at lr 0.9 it is close to it, and the cut is 0.45.
func TestOscillationAboveTheBoundSaysSo(t *testing.T) {
	for _, c := range []struct {
		lr, want float64
		words    string
	}{{3, 0.5, "above the stability limit"}, {0.9, 0.45, "close to the stability limit"}} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: zigzag(5, 1, 1, 0.5, 1, c.lr), HasLR: true, Family: Plain, Bound: 1, L: 2})
		if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-c.want) > 1e-12 || !strings.Contains(d.Advice, c.words) {
			t.Errorf("lr %g: %s, suggested %g, want oscillating, %g and %q: %s", c.lr, d.Verdict, d.SuggestedLR, c.want, c.words, d.Advice)
		}
	}
}

// TestJitterAtTheMinimumIsConverged: an adaptive full-batch run that fell
// from 10 to about 5e-11 and then jitters there (a rise every other step,
// by 2e-11: a 2e-12 part of its fall) with ‖∇f‖ down from 5 to 1e-6 is
// converged, its rate kept; with ‖∇f‖ down to 1e-3 only, or a jitter of
// 1e-6 (a 1e-7 part of the fall), it is not, and the zig-zag rule halves
// the rate.
func TestJitterAtTheMinimumIsConverged(t *testing.T) {
	for _, c := range []struct {
		gEnd, amp float64
		want      Verdict
		lr        float64
	}{{1e-6, 1e-11, Converged, 0.1}, {1e-3, 1e-11, Oscillating, 0.05}, {1e-6, 1e-6, Oscillating, 0.05}} {
		var h minimize.History
		for k := 0; k <= 300; k++ {
			f, g := 10*math.Pow(1e-11, float64(k)/200), 5*math.Pow(c.gEnd/5, float64(k)/200)
			if k >= 200 {
				f, g = 5e-11+c.amp*math.Pow(-1, float64(k)), c.gEnd
			}
			h.F = append(h.F, f)
			h.GradNorm = append(h.GradNorm, g)
			h.LR = append(h.LR, 0.1)
		}
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive})
		if d.Verdict != c.want || math.Abs(d.SuggestedLR-c.lr) > 1e-12 {
			t.Errorf("‖∇f‖ %g, jitter %g: %s, suggested %g, want %s and %g: %s", c.gEnd, c.amp, d.Verdict, d.SuggestedLR, c.want, c.lr, d.Advice)
		}
	}
}

// straightFall is a slow minimization at lr 0.01 over 800 iterations: f
// falls in a straight line from 1000 to 500, ‖∇f‖ from 10 to 9.
func straightFall() minimize.History {
	var h minimize.History
	for k := 0; k <= 800; k++ {
		h.F = append(h.F, 1000-500*float64(k)/800)
		h.GradNorm = append(h.GradNorm, 10-float64(k)/800)
		h.LR = append(h.LR, 0.01)
	}
	return h
}

// TestLongClimbSteppedDownFromTheStart: a slow adaptive minimization at
// lr 0.01 (f from 1000 to 500 in a straight line) whose probes from the
// best point improve with every rate, 500/(1 + c), climbs six decades to
// 1e4. From the start a rate above 0.5 overshoots (its probe ends at 2000,
// above f₀) and a lower one reaches 1000 − 1000c: the four √10 steps down
// (1e4 … 316) all overshoot, the decades below go on to 0.1 (900, further
// than lr's 990), and √10 higher, 0.316, goes further still (684): the
// advice is 0.316, not lr kept.
func TestLongClimbSteppedDownFromTheStart(t *testing.T) {
	h := straightFall()
	start := func(c float64) float64 {
		if c > 0.5 {
			return 2000
		}
		return 1000 - 1000*c
	}
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive,
		Probe: func(c float64) float64 { return 500 / (1 + c) }, ProbeFrom: 500, ProbeStart: start, ProbeStartCompare: true})
	if want := 0.1 * math.Sqrt(10); d.Verdict != TooSlow || math.Abs(d.SuggestedLR-want) > 1e-12 {
		t.Errorf("%s, suggested %g, want too_slow and %g: %s", d.Verdict, d.SuggestedLR, want, d.Advice)
	}
}

// TestOneDirective: advice amended by several checks names one rate to
// act on, the last check's; the findings before it stay. Advice whose last
// clause names no rate, or with one amendment only, is left as it is.
func TestOneDirective(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"zig-zag: halve it to 0.5; but a check found nothing better (f 0.46 at lr 3.162): keep lr 3.162; but from the start lr 1 reaches 0.18: use lr 1",
			"zig-zag: halve it to 0.5; but a check found nothing better (f 0.46 at lr 3.162), and from the start lr 1 reaches 0.18: use lr 1"},
		{"slow; but a: the zig-zag costs little, keep lr 1e-05; but b: keep lr 3.162e+04; but c: use lr 2",
			"slow; but a: the zig-zag costs little, and b, and c: use lr 2"},
		{"slow; but a: keep lr 3; but b, bisected", "slow; but a: keep lr 3; but b, bisected"},
		{"slow; but a: keep lr 3", "slow; but a: keep lr 3"},
	} {
		if got := oneDirective(c.in); got != c.want {
			t.Errorf("oneDirective(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestRaiseStepsDownPastABounce: the slow adaptive run of
// TestLongClimbSteppedDownFromTheStart climbs to 1e4 from the best point.
// From the start every rate passes, but an adaptive probe's end value is
// not monotone in the rate (a rate can end mid-bounce): 1e4 ends at 300,
// 3162 at 600, 1000 at 250, 316 at 700 and 100 at 400. The step-down
// looks a decade ahead when √10 lower does not go further: 1000 is the
// advice, not 1e4 (NAdam on Goldstein–Price: 1 ends its probe at 30.0066,
// 0.316 mid-bounce at 57.7, 0.1 at 30.0017 — and a whole run at 1 is
// thrown out of the basin to 840).
func TestRaiseStepsDownPastABounce(t *testing.T) {
	h := straightFall()
	ends := map[float64]float64{4: 300, 3.5: 600, 3: 250, 2.5: 700, 2: 400}
	start := func(c float64) float64 {
		if v, ok := ends[math.Round(2*math.Log10(c))/2]; ok {
			return v
		}
		return 990
	}
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive,
		Probe: func(c float64) float64 { return 500 / (1 + c) }, ProbeFrom: 500, ProbeStart: start, ProbeStartCompare: true})
	if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-1000) > 1e-9 {
		t.Errorf("%s, suggested %g, want too_slow and 1000: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

// TestNoiseFloorNoBetterThanTheMean: a mini-batch regression that fell
// from 29,000 to a floor of 7,500 ± 800 made a large progress, and a
// spread of 3 % of it is kept — unless the targets' variance (the loss of
// predicting their mean) is 5,900: a floor above it is no fit at all, and
// lr is cut tenfold. A floor below the variance keeps lr.
func TestNoiseFloorNoBetterThanTheMean(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 20; k++ {
		f := 7500 + 800*math.Pow(-1, float64(k))
		if k == 0 {
			f = 29000
		}
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, 200)
		h.LR = append(h.LR, 10)
	}
	for _, c := range []struct{ fconst, want float64 }{{0, 10}, {5900, 1}, {9000, 10}} {
		d := Diagnose(Input{Status: minimize.MaxEpochs, Unit: minimize.Epochs, History: h, HasLR: true, Family: Adaptive,
			Batch: 8, N: 442, HasFLower: true, FConst: c.fconst})
		if d.Verdict != NoiseFloor || math.Abs(d.SuggestedLR-c.want) > 1e-12 {
			t.Errorf("FConst %g: %s, suggested %g, want noise_floor and %g: %s", c.fconst, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestSlowRunNearTheKnownMinimumKeepsItsRate: a slow minimization that
// fell from 41.68 to 0.009886 (‖∇f‖ barely shrinking) is told to raise its
// rate — unless the function's known minimum is 0.008215: within a
// hundredth of the way there, lr is fine and the budget is what to raise.
// A minimum of −1 leaves 2.4 % of the way: the raise stands.
func TestSlowRunNearTheKnownMinimumKeepsItsRate(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 800; k++ {
		h.F = append(h.F, 0.009886+41.67*math.Exp(-float64(k)/20)+0.001*(1-float64(k)/800))
		h.GradNorm = append(h.GradNorm, 0.01*(1-1e-5*float64(k)))
		h.LR = append(h.LR, 0.0316)
	}
	for _, c := range []struct {
		known bool
		fstar float64
		keep  bool
	}{{true, 0.008215, true}, {true, -1, false}, {false, 0, false}} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, KnownMin: c.known, FStar: c.fstar})
		if kept := d.SuggestedLR == 0.0316; d.Verdict != TooSlow || kept != c.keep {
			t.Errorf("known %v, f* %g: %s, suggested %g, want too_slow and lr kept %v: %s", c.known, c.fstar, d.Verdict, d.SuggestedLR, c.keep, d.Advice)
		}
	}
}

// TestKickedProbesDoNotRankRates: a full-batch adaptive minimization at
// lr 0.02 that fell from 14.2 to 1.4e-4, within a hundredth of the way to
// its known minimum 0, keeps its rate; from its best point a fresh
// optimizer's probe at lr kicks up to 0.25 and one at lr/10 to 0.0024 —
// both above the point they started from, so neither ranks the rates, and
// lr stays.
func TestKickedProbesDoNotRankRates(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 300; k++ {
		h.F = append(h.F, 1.4e-4+14.2*math.Exp(-float64(k)/15)+1e-4*(1-float64(k)/300))
		h.GradNorm = append(h.GradNorm, 0.05*(1-1e-4*float64(k)))
		h.LR = append(h.LR, 0.02)
	}
	probe := func(c float64) float64 {
		switch {
		case c < 0.015:
			return 0.0024
		case c < 0.05:
			return 0.25
		}
		return 5
	}
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, KnownMin: true,
		Probe: probe, ProbeFrom: h.F[300]})
	if d.SuggestedLR != 0.02 {
		t.Errorf("full batch: %s, suggested %g, want 0.02 kept: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

// TestLocalMinimumUnderASchedule: a run under a cosine schedule from lr 1
// converged on a plateau at f = 2020 where the known minimum is 124.4
// (Jennrich–Sampson under RMSprop). The rate to move is the schedule's
// base: from the start, constant probes at 1/√10 … leave the plateau only
// at or below 0.05 (f 124.5), so 0.0316 is advised, as for a constant
// rate.
func TestLocalMinimumUnderASchedule(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 500; k++ {
		f := 2020.0
		if k == 0 {
			f = 1e5
		}
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, 1e-3)
		h.LR = append(h.LR, 0.5*(1+math.Cos(math.Pi*float64(k)/500)))
	}
	h.LR[500] = 1e-5
	start := func(c float64) float64 {
		if c <= 0.05 {
			return 124.5
		}
		return 2020
	}
	d := Diagnose(Input{Status: minimize.ConvergedGrad, History: h, HasLR: true, Family: Adaptive, BaseLR: 1,
		KnownMin: true, FStar: 124.4, ProbeStart: start, ProbeStartCompare: true})
	if want := 0.1 / math.Sqrt(10); math.Abs(d.SuggestedLR-want) > 1e-12 {
		t.Errorf("%s, suggested %g, want %g: %s", d.Verdict, d.SuggestedLR, want, d.Advice)
	}
}

// TestRaiseThatStraysFromTheStartKeepsLR: the slow adaptive run of
// TestLongClimbSteppedDownFromTheStart (lr 0.01, f from 1000 to 500, f* =
// 0) climbs from the best point. From the start lr's probe ends at 400;
// when every higher rate's probe ends at 900, more than twice as far above
// f* (another path: helical valley under RAdam), lr is kept and the advice
// says why; when they end at 700, within twice, the raise stands — a
// probe of a tenth of the budget is still in its transient. The same
// holds for a training run's short probes from the start (no
// ProbeStartCompare, the loss's lower bound 0 in place of f*): the raise
// thrown off at the start (RAdam's first steps past 2/L) is refused, the
// one merely behind stands.
func TestRaiseThatStraysFromTheStartKeepsLR(t *testing.T) {
	for _, c := range []struct {
		higher  float64
		compare bool // probes of a tenth of the budget, f* known; else short ones, F ≥ 0
		keep    bool
	}{{900, true, true}, {700, true, false}, {900, false, true}, {700, false, false}} {
		start := func(lr float64) float64 {
			if lr <= 0.0101 {
				return 1000 - 6e4*lr // lr's 400; lower rates go less far
			}
			return c.higher
		}
		in := Input{Status: minimize.MaxIters, History: straightFall(), HasLR: true, Family: Adaptive, KnownMin: c.compare, HasFLower: !c.compare,
			Probe: func(c float64) float64 { return 500 / (1 + c) }, ProbeFrom: 500, ProbeStart: start, ProbeStartCompare: c.compare}
		d := Diagnose(in)
		kept := d.SuggestedLR == 0.01
		if d.Verdict != TooSlow || kept != c.keep || (c.keep && (!hasAction(d, KeepLR) || !strings.Contains(d.Advice, "takes another path"))) {
			t.Errorf("higher rates' probes at %g, compare %v: %s, suggested %g, want lr kept %v: %s", c.higher, c.compare, d.Verdict, d.SuggestedLR, c.keep, d.Advice)
		}
		if c.keep && strings.Contains(d.Advice, "tenth of the budget") != c.compare {
			t.Errorf("compare %v: the advice misnames the probe's length: %s", c.compare, d.Advice)
		}
	}
}

// TestRaiseCappedByTheAdaptiveJitter: a full-batch adaptive run at lr
// 0.001 that fell from 100 to 1 above f* = 0 (a hundredth of the way left)
// is too slow and raised tenfold, to 0.01. With curvature L at the best
// point, the raised rate's jitter rests about L·c²/2 above f*: for L =
// 5,000 that is 0.25, a quarter of the run's gap, and the raise stands;
// for L = 50,000 it is 2.5, and the raise is cut to √(gap/(2L)) = 0.00316;
// for L = 10⁶ that cut is below lr, which is kept. Adagrad, whose steps
// shrink by themselves, and a mini-batch run are not capped. Without a
// known minimum the lowest value seen stands in for it: with no probes
// that is the run's own end, and nothing is capped; with a probe of the
// raise that reached 0 from the best point, the cap is as with f* = 0.
func TestRaiseCappedByTheAdaptiveJitter(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 500; k++ {
		h.F = append(h.F, 1+99*math.Exp(-float64(k)/50)+0.01*(1-float64(k)/500))
		h.GradNorm = append(h.GradNorm, 1-1e-4*float64(k))
		h.LR = append(h.LR, 0.001)
	}
	last := h.F[len(h.F)-1] // the gap to 0, just above 1
	// From the best point the raise's probe reaches 0 and the others 0.5:
	// the raise stands the check, and the lowest value seen is 0.
	raiseToZero := func(r float64) float64 {
		if r > 0.005 && r < 0.02 {
			return 0
		}
		return 0.5
	}
	for _, c := range []struct {
		name      string
		L         float64
		annealing bool
		batch     int
		known     bool
		probe     func(float64) float64
		want      float64
	}{
		{"floor a quarter of the gap", 5000, false, 0, true, nil, 0.01},
		{"floor above the gap", 5e4, false, 0, true, nil, math.Sqrt(last / 1e5)},
		{"cap below lr", 1e6, false, 0, true, nil, 0.001},
		{"Adagrad", 5e4, true, 0, true, nil, 0.01},
		{"mini-batch", 5e4, false, 32, true, nil, 0.01},
		{"no known minimum, no probes", 5e4, false, 0, false, nil, 0.01},
		{"no known minimum, a probe at 0", 5e4, false, 0, false, raiseToZero, math.Sqrt(last / 1e5)},
	} {
		in := Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, KnownMin: c.known,
			LBest: c.L, SelfAnnealing: c.annealing, Batch: c.batch, N: 1000}
		if c.probe != nil {
			in.Probe, in.ProbeFrom = c.probe, last
		}
		d := Diagnose(in)
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-c.want) > 1e-9*c.want {
			t.Errorf("%s: %s, suggested %g, want %g: %s", c.name, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
		if c.probe != nil && !strings.Contains(d.Advice, "the lowest value seen") {
			t.Errorf("%s: the advice does not name what stands in for f*: %s", c.name, d.Advice)
		}
	}
}

// TestDampedSpiralIsNotOscillation: a full-batch momentum run whose loss
// rises and falls once every 40 iterations around its minimum, each swing
// 10 times smaller than the one before (a damped spiral: Adam at 0.0316
// on log cosh(x−1) + log cosh(2(y+2)) swings by 4.5e-3, 4e-5, 4.8e-7), is
// converging: lr is kept, with a larger budget. Swings that shrink by 0.9
// a turn are an oscillation, and lr is halved; a mini-batch run's swings
// are its noise floor's.
func TestDampedSpiralIsNotOscillation(t *testing.T) {
	for _, c := range []struct {
		shrink float64
		batch  int
		spiral bool
	}{{10, 0, true}, {1 / 0.9, 0, false}, {10, 16, false}} {
		var h minimize.History
		for k := 0; k <= 198; k++ {
			turn := float64(k) / 40
			h.F = append(h.F, 1e-2*math.Pow(c.shrink, -turn)*(1-math.Cos(2*math.Pi*turn)))
			h.GradNorm = append(h.GradNorm, 0.1*math.Pow(c.shrink, -turn/2))
			h.LR = append(h.LR, 0.0316)
		}
		h.F[0] = 20 // the start, far above
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, Batch: c.batch, N: 1000})
		spiralled := strings.Contains(d.Advice, "damped spiral")
		ok := spiralled == c.spiral
		if c.spiral {
			ok = ok && d.Verdict == TooSlow && d.SuggestedLR == 0.0316 && hasAction(d, KeepLR)
		} else if c.batch == 0 {
			ok = ok && d.Verdict == Oscillating && d.SuggestedLR < 0.0316
		}
		if !ok {
			t.Errorf("swings shrinking %g-fold, batch %d: %s, suggested %g; want a spiral %v: %s", c.shrink, c.batch, d.Verdict, d.SuggestedLR, c.spiral, d.Advice)
		}
	}
}

// TestNoisyProbeAtLRDoesNotCutANearFloorRun: a mini-batch adaptive run at
// lr 0.01 that fell from 1.42 to 0.0803, within a tenth of the way to its
// lower bound 0, and still falls, keeps its rate: its probe from the best
// point ends at 0.112, above the 0.0803 it started from — one draw of the
// noise floor, not the rate's worth — and lr/10's 0.0787 gains nothing
// over the start point. (The raw iris MLP under Adam at batch 16 was cut
// to 0.001, whose run ends at 0.51 against 0.080.) A full-batch run with
// the same probes is cut: its probe is not noisy.
func TestNoisyProbeAtLRDoesNotCutANearFloorRun(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 30; k++ {
		h.F = append(h.F, 0.0803+1.34*math.Exp(-float64(k)/4)-0.0003*float64(k)/30)
		h.GradNorm = append(h.GradNorm, 0.5)
		h.LR = append(h.LR, 0.01)
	}
	probe := func(c float64) float64 {
		switch {
		case c < 0.005:
			return 0.0787
		case c < 0.05:
			return 0.112
		}
		return 0.5
	}
	for _, batch := range []int{16, 0} {
		d := Diagnose(Input{Status: minimize.MaxIters, Unit: minimize.Epochs, History: h, HasLR: true, Family: Adaptive,
			Batch: batch, N: 150, HasFLower: true, Probe: probe, ProbeFrom: 0.0803})
		if kept := d.SuggestedLR == 0.01; d.Verdict != TooSlow || kept != (batch > 0) {
			t.Errorf("batch %d: %s, suggested %g; want too_slow, lr kept %v: %s", batch, d.Verdict, d.SuggestedLR, batch > 0, d.Advice)
		}
	}
}

// TestMiniBatchPlainRaiseCappedAtTheStartBound: a slow plain-SGD run at
// lr 0.001 with the stable bound 2 at the start and 4 where it ended
// (cross-entropy flattens along a fit) is raised to at most half the end
// bound, 2, on full batch, but to half the start's, 1, on mini-batches,
// whose noise floor grows with the rate.
func TestMiniBatchPlainRaiseCappedAtTheStartBound(t *testing.T) {
	for _, c := range []struct {
		batch int
		want  float64
	}{{0, 2}, {1, 1}} {
		d := Diagnose(Input{Status: minimize.MaxIters, Unit: minimize.Epochs, History: slowHistory(0.99999, 0.001, 30), HasLR: true, Family: Plain,
			Bound: 2, BoundEnd: 4, Batch: c.batch, N: 150})
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-c.want) > 1e-12 {
			t.Errorf("batch %d: %s, suggested %g, want too_slow and %g: %s", c.batch, d.Verdict, d.SuggestedLR, c.want, d.Advice)
		}
	}
}

// TestClimbPastTheVerdictsRaiseMovesDown: a slow adaptive training run at
// lr 0.1 whose own estimate asks for less than tenfold (s ≈ 0.66, the
// steps it still needs), and whose one-probe values from its end,
// v(c) = e^(−c/2) + 0.01c, improve up to 10·s and worsen at 100·s: the
// climb took the probes a decade past the verdict's raise, short of two
// decades above lr, and stopped at a knee — the best rate for one probe,
// not for a run many probes long — so it moves half a decade down, as a
// climb of two decades does.
func TestClimbPastTheVerdictsRaiseMovesDown(t *testing.T) {
	h := sgdOnHalfSquare(0.1, 0, 10, 30)
	probe := func(c float64) float64 { return math.Exp(-c/2) + 0.01*c }
	in := Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, Family: Adaptive,
		Batch: 16, N: 1000, Probe: probe, ProbeFrom: h.F[len(h.F)-1]}
	in0 := in
	in0.Probe = nil
	s := Diagnose(in0).SuggestedLR
	if !(s > 0.1 && s < 1) {
		t.Fatalf("the verdict raises to %g, want between lr and 10·lr: the case tests nothing", s)
	}
	d := Diagnose(in)
	if want := 10 * s / math.Sqrt(10); d.Verdict != TooSlow || math.Abs(d.SuggestedLR-want) > 1e-9*want {
		t.Errorf("%s, suggested %g, want too_slow and %g (10·%g/√10): %s", d.Verdict, d.SuggestedLR, want, s, d.Advice)
	}
}

// TestStalledRaiseClimbs: an adaptive run at lr 1e-5 whose loss did not
// move in 200 steps while its gradient stayed large is stalled, and its
// tenfold raise is checked by probes from its end like a slow run's: they
// improve up to 1e-2 and worsen at 1e-1 (v(c) = 1 − c·10 + (c·10)², least
// at 0.05; the probes from the start agree), so the advice climbs to
// 0.01, not 1e-4.
func TestStalledRaiseClimbs(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 200; k++ {
		h.F = append(h.F, 1)
		h.GradNorm = append(h.GradNorm, 2)
		h.LR = append(h.LR, 1e-5)
		h.StepCos = append(h.StepCos, 1)
	}
	probe := func(c float64) float64 { return 1 - 10*c + 100*c*c }
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, Probe: probe, ProbeFrom: 1,
		ProbeStart: probe, ProbeStartCompare: true})
	if d.Verdict != Stalled || math.Abs(d.SuggestedLR-0.01) > 1e-12 {
		t.Errorf("%s, suggested %g, want stalled and 0.01: %s", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

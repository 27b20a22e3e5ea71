package lrfind

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/optim"
)

// diagQuad is f = ½ Σ λ_i x_i², L = max λ_i.
type diagQuad struct{ lam []float64 }

func (q diagQuad) Dim() int { return len(q.lam) }
func (q diagQuad) Value(x []float64) float64 {
	var s float64
	for i, v := range x {
		s += 0.5 * q.lam[i] * v * v
	}
	return s
}
func (q diagQuad) ValueGrad(g, x []float64) float64 {
	for i, v := range x {
		g[i] = q.lam[i] * v
	}
	return q.Value(x)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Abs(b) }

// TestRulesOnConstructedCurve feeds the sweep a constructed loss curve,
// unsmoothed (Smoothing = optim.Zero), on rates lr_i = 2^i (StartLR 1,
// EndLR 2^29, 30 steps), so that every rule can be worked out by hand.
//
// The curve stops at i = 19 (20 > 4 × the minimum 2), so 20 points are
// recorded and the rules read i = 30/10 = 3 … 20−5−1 = 14:
//
//	i      3    4    5  6  7  8    9  10   11  12   13   14
//	loss   9  8.8    8  7  4  3  2.5   2  2.2   3  3.5  3.8
//
// minimum: the lowest loss 2 is at i = 10 → 2^10/10 = 102.4.
// steep: the differences over equal steps of log lr are −0.2, −0.8, −1,
// −3, …; the most negative, −3, is the segment 6→7, whose left end is
// i = 6 → 64 (the right end, 128, would be wrong).
// valley: the longest decreasing subsequence 9, 8.8, 8, 7, 4, 3, 2.5, 2
// has length 8 and ends at window index 7; fastai's max_start = 7 − 8 = −1,
// sections = 8/3, idx = −1 + 2 + 1 = 2 → i = 5 → 32.
func TestRulesOnConstructedCurve(t *testing.T) {
	curve := []float64{10, 10, 10, 9, 8.8, 8, 7, 4, 3, 2.5, 2, 2.2, 3, 3.5, 3.8, 5, 6, 7, 8, 20, 1, 1}
	for _, tc := range []struct {
		rule Rule
		want float64
	}{
		{Valley, 32},
		{"", 32}, // the default
		{Steep, 64},
		{Minimum, 102.4},
	} {
		i := 0
		r, err := Sweep(func(float64) float64 { i++; return curve[i-1] },
			Settings{StartLR: 1, EndLR: 1 << 29, Steps: 30, Smoothing: optim.Zero, Rule: tc.rule})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.LRs) != 20 || !r.StoppedEarly || r.From != 3 || r.To != 15 {
			t.Fatalf("%q: %d points, stopped early %v, window [%d, %d); want 20, true, [3, 15)", tc.rule, len(r.LRs), r.StoppedEarly, r.From, r.To)
		}
		if r.Smoothed[7] != 4 {
			t.Errorf("smoothed[7] = %g, want the raw loss 4 without smoothing", r.Smoothed[7])
		}
		if !near(r.Valley, 32) || !near(r.Steep, 64) || !near(r.Minimum, 102.4) {
			t.Errorf("valley %g, steep %g, minimum %g; want 32, 64, 102.4", r.Valley, r.Steep, r.Minimum)
		}
		if !near(r.Proposed, tc.want) || r.Suggested != r.Proposed || r.Validated {
			t.Errorf("rule %q: proposed %g, suggested %g, validated %v; want %g unvalidated", tc.rule, r.Proposed, r.Suggested, r.Validated, tc.want)
		}
	}
}

func TestRulesMatchFastai(t *testing.T) {
	// fastai's valley on this sequence (by hand): the longest decreasing
	// subsequence runs from index 1 (5) to 6 (0.5), lds[6] = 6, max_start =
	// 6 − 6 = 0, sections = 2, idx = 0 + 2 + 1 = 3.
	losses := []float64{4, 5, 3, 2.5, 2, 1, 0.5, 3, 9}
	lrs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}
	if got := valley(lrs, losses); got != 4 {
		t.Errorf("valley = %g, want 4", got)
	}
	if got := minimum(lrs, losses); got != 0.7 {
		t.Errorf("minimum = %g, want 0.7 (a tenth of lr 7 at the lowest loss 0.5)", got)
	}
	// slopes over log lr: (3−5)/log(3/2) = −4.93 (segment 1→2),
	// (2−2.5)/log(5/4) = −2.24, (1−2)/log(6/5) = −5.48 (segment 4→5, the
	// most negative), (0.5−1)/log(7/6) = −3.24. fastai returns the left end.
	if got := steep(lrs, losses); got != 5 {
		t.Errorf("steep = %g, want 5", got)
	}
	// A valley from the very first point: lds = 1, 2, 3 at the end 2,
	// max_start = 2 − 3 = −1, sections = 1, idx = −1 + 1 + 0 = 0.
	if got := valley([]float64{1, 2, 3}, []float64{3, 2, 1}); got != 1 {
		t.Errorf("valley of a descent from the first point = %g, want 1", got)
	}
	// A valley of two points: lds = 1, 2, 1, max_end = 1, max_start = −1,
	// sections = 2/3, idx = −1, which Python reads as the last rate (3);
	// here it is the first.
	if got := valley([]float64{1, 2, 3}, []float64{2, 1, 3}); got != 1 {
		t.Errorf("valley of a two-point valley = %g, want 1", got)
	}
}

// TestNoSuggestion: a loss that never falls has no rule rate and nothing to
// validate.
func TestNoSuggestion(t *testing.T) {
	r, err := Sweep(func(lr float64) float64 { return 1 + lr }, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Proposed != 0 || r.Suggested != 0 || r.Minimum != 0 || r.Steep != 0 || r.Valley != 0 || !strings.Contains(r.Note, "never fell") {
		t.Errorf("proposed %g, suggested %g, rules %g %g %g, note %q", r.Proposed, r.Suggested, r.Minimum, r.Steep, r.Valley, r.Note)
	}
	calls := 0
	if err := Validate(r, func() (func(float64) float64, func() float64, error) { calls++; return nil, nil, nil }, Settings{}); err != nil || calls != 0 {
		t.Errorf("Validate without a proposal: %v after %d runs", err, calls)
	}
}

// restartQuad returns the validation runs of gradient descent on
// f = ½Lx² from x0: x ← (1 − lr·L)x, so |1 − lr·L| < 1 ⇔ 0 < lr < 2/L.
func restartQuad(L, x0 float64) Restart {
	return func() (func(float64) float64, func() float64, error) {
		x := x0
		f := func() float64 { return 0.5 * L * x * x }
		return func(lr float64) float64 { x -= lr * L * x; return f() }, f, nil
	}
}

// TestValidationRejectsUnstableRates proposes rates ≥ 2/L on f = ½Lx²:
// at 2/L the iterate flips sign and the loss never falls (no progress); at
// 4/L it is multiplied by |1 − 4| = 3 per step (diverged). Validation falls
// back to a third of the rate, where |1 − lr·L| = 1/3 or 1/3: 2/(3L) and
// 4/(3L).
func TestValidationRejectsUnstableRates(t *testing.T) {
	for _, L := range []float64{1, 20, 1000} {
		for _, tc := range []struct {
			proposed, want float64
			verdict        Verdict
		}{
			{2 / L, 2 / (3 * L), NoProgress},
			{4 / L, 4 / (3 * L), Diverged},
			{10 / L, 10 / (9 * L), Diverged}, // 10/(3L): |1 − 10/3| > 1 as well
		} {
			r := &Result{Rule: Valley, Proposed: tc.proposed, Suggested: tc.proposed}
			if err := Validate(r, restartQuad(L, 1), Settings{}); err != nil {
				t.Fatal(err)
			}
			if !near(r.Suggested, tc.want) || !r.Validated || r.Suggested >= 2/L {
				t.Errorf("L=%g proposed %g: suggested %g (validated %v), want %g < 2/L", L, tc.proposed, r.Suggested, r.Validated, tc.want)
			}
			if r.Validation[0].LR != tc.proposed || r.Validation[0].Verdict != tc.verdict {
				t.Errorf("L=%g: first check %+v, want %g %s", L, r.Validation[0], tc.proposed, tc.verdict)
			}
			if r.F0 != 0.5*L {
				t.Errorf("F0 = %g, want ½L = %g", r.F0, 0.5*L)
			}
			for _, c := range r.Validation {
				if c.LR >= 2/L*(1-1e-12) && c.Verdict == OK {
					t.Errorf("L=%g: rate %g ≥ 2/L accepted: %+v", L, c.LR, c)
				}
			}
		}
	}
}

// TestValidationClimbs proposes 1e-4/L on f = ½Lx² (L = 2, f0 = 1): after
// 100 steps at r/L the loss is (1 − r)^200. The losses for r = 1e-4·3^m
// are 0.980, 0.942, 0.835, 0.582, 0.196, 7.3e-3, 2.7e-7, 3.6e-22 (m = 0…7),
// each clearly lower than the last (half or less, or 10 % more of the
// descent), and then 1e-93 at m = 8, which differs from 3.6e-22 by less
// than 1e-9·f0: the climb stops at r = 1e-4·3^7 = 0.2187.
func TestValidationClimbs(t *testing.T) {
	const L = 2
	r := &Result{Rule: Minimum, Proposed: 1e-4 / L, Suggested: 1e-4 / L}
	if err := Validate(r, restartQuad(L, 1), Settings{}); err != nil {
		t.Fatal(err)
	}
	if want := 1e-4 * math.Pow(3, 7) / L; !near(r.Suggested, want) {
		t.Errorf("suggested %g, want %g; checks %+v", r.Suggested, want, r.Validation)
	}
	if !strings.Contains(r.Note, "clearly lower") {
		t.Errorf("note %q", r.Note)
	}
	// A proposal already good: 1/L converges in one step (1 − 1 = 0), so
	// neither 1/(3L) nor 3/L (|1 − 3| = 2: diverged) is clearly lower.
	r = &Result{Rule: Minimum, Proposed: 1.0 / L, Suggested: 1.0 / L}
	if err := Validate(r, restartQuad(L, 1), Settings{}); err != nil {
		t.Fatal(err)
	}
	if r.Suggested != 1.0/L || len(r.Validation) != 3 || r.Validation[2].Verdict != Diverged {
		t.Errorf("suggested %g after %+v; want 1/L kept, 3/L diverged", r.Suggested, r.Validation)
	}
}

// TestAllDiverge: when every candidate down to StartLR diverges there is no
// suggestion.
func TestAllDiverge(t *testing.T) {
	restart := func() (func(float64) float64, func() float64, error) {
		f := 1.0
		return func(float64) float64 { f *= 10; return f }, func() float64 { return f }, nil
	}
	r := &Result{Rule: Valley, Proposed: 1e-3, Suggested: 1e-3}
	if err := Validate(r, restart, Settings{StartLR: 1e-5}); err != nil {
		t.Fatal(err)
	}
	// 1e-3, 3.3e-4, 1.1e-4, 3.7e-5, 1.2e-5 (the last ≥ 1e-5)
	if r.Suggested != 0 || r.Validated || len(r.Validation) != 5 {
		t.Errorf("suggested %g, validated %v after %d runs; want none after 5", r.Suggested, r.Validated, len(r.Validation))
	}
}

// TestGDQuadraticsStable: on quadratics of very different scales, every
// rule's validated suggestion for gradient descent is in (0, 2/L), and no
// validation run at a rate ≥ 2/L was accepted.
func TestGDQuadraticsStable(t *testing.T) {
	tests := []struct {
		name string
		lam  []float64
		x0   []float64
	}{
		{"x²+10y²", []float64{2, 20}, []float64{3, 1}},
		{"½Lx², L=1", []float64{1}, []float64{1}},
		{"½Lx², L=20", []float64{20}, []float64{-2}},
		{"isotropic L=1", []float64{1, 1}, []float64{1, 1}},
		{"L=1000 kappa=10", []float64{100, 1000}, []float64{1, 1}},
		{"L=0.5", []float64{0.5, 0.05, 0.2}, []float64{2, -1, 1}},
		{"kappa=100 n=5", []float64{1, 3, 10, 30, 100}, []float64{1, 1, 1, 1, 1}},
		{"kappa=1000, far start", []float64{1e-3, 1}, []float64{100, 1}},
		{"L=1e4", []float64{1e4}, []float64{1e-3}},
	}
	for _, tc := range tests {
		L := 0.0
		for _, l := range tc.lam {
			L = math.Max(L, l)
		}
		for _, rule := range Rules {
			x0 := append([]float64(nil), tc.x0...)
			r, err := ForFunc(diagQuad{tc.lam}, x0, &optim.GD{}, Settings{Rule: rule})
			if err != nil {
				t.Fatal(err)
			}
			if !(r.Suggested > 0 && r.Suggested < 2/L) || !r.Validated {
				t.Errorf("%s/%s: suggested %g (proposed %g, validated %v), want in (0, 2/L = %g); %s", tc.name, rule, r.Suggested, r.Proposed, r.Validated, 2/L, r.Note)
			}
			for _, c := range r.Validation {
				if c.LR >= 2/L && c.Verdict == OK {
					t.Errorf("%s/%s: validation accepted %g ≥ 2/L", tc.name, rule, c.LR)
				}
			}
			if x0[0] != tc.x0[0] {
				t.Fatal("x0 modified")
			}
		}
	}
}

// TestAdam: on x² + 10y² from (3, 1) Adam's suggestion (every rule) is
// below 0.5 — the old minimum rule said 1 — and an independent run of
// Adam at that rate for the sweep's 100 steps ends below f0 = 19.
func TestAdam(t *testing.T) {
	q := diagQuad{[]float64{2, 20}}
	for _, rule := range Rules {
		r, err := ForFunc(q, []float64{3, 1}, &optim.Adam{}, Settings{Rule: rule})
		if err != nil {
			t.Fatal(err)
		}
		if !(r.Suggested > 0 && r.Suggested < 0.5) || !r.Validated {
			t.Errorf("%s: suggested %g (validated %v), want in (0, 0.5)", rule, r.Suggested, r.Validated)
			continue
		}
		x, g := []float64{3, 1}, make([]float64, 2)
		a := &optim.Adam{LearningRate: r.Suggested}
		a.Init(2)
		f := q.ValueGrad(g, x)
		for i := 0; i < 100; i++ {
			a.Step(x, g)
			f = q.ValueGrad(g, x)
			if !(f < 4*19) {
				t.Fatalf("%s: Adam at %g: f = %g at step %d", rule, r.Suggested, f, i)
			}
		}
		if !(f < 19) {
			t.Errorf("%s: Adam at %g ends at %g, not below f0 = 19", rule, r.Suggested, f)
		}
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		s    Settings
		want string
	}{
		{Settings{StartLR: -1}, "start_lr: -1: must be a positive number"},
		{Settings{StartLR: 1, EndLR: 0.5}, "end_lr: 0.5: must be larger than the start rate 1"},
		{Settings{Steps: 3}, "steps: 3: need at least 5"},
		{Settings{Smoothing: 1}, "smoothing: 1: must be in [0, 1)"},
		{Settings{Rule: "steepest"}, `rule: "steepest": use valley, steep or minimum`},
		{Settings{DivergeRatio: 0.5}, "diverge_ratio: 0.5: must be > 1"},
		{Settings{ValidationSteps: -1}, "validation_steps: -1: need at least 1"},
		{Settings{ValidationFactor: 1}, "validation_factor: 1: must be > 1"},
	} {
		_, err := Sweep(func(float64) float64 { return 1 }, tc.s)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%+v: %v, want %q", tc.s, err, tc.want)
		}
	}
}

// TestTrialSpike: one mini-batch loss of 5 (above 4·f0 = 4) in a run whose
// losses are otherwise 0.5 is noise, not divergence: the smoothed losses
// stay near 0.5 + 0.02·4.5/(1 − 0.98⁵⁰) ≈ 0.64. A run whose losses grow
// ×2 per step diverges once their smoothed value passes 4.
func TestTrialSpike(t *testing.T) {
	s, _ := Settings{}.withDefaults()
	i := 0
	spiky := func(float64) float64 {
		i++
		if i == 50 {
			return 5
		}
		return 0.5
	}
	if c := trial(spiky, func() float64 { return 0.5 }, 0.1, 1, s); c.Verdict != OK || c.Loss != 0.5 {
		t.Errorf("spike: %+v, want ok at 0.5", c)
	}
	v := 1.0
	growing := func(float64) float64 { v *= 2; return v }
	if c := trial(growing, func() float64 { return v }, 0.1, 1, s); c.Verdict != Diverged {
		t.Errorf("growing: %+v, want diverged", c)
	}
	// ×2 per step: losses 2, 4, 8; bias-corrected averages 2, 3.01, 4.7.
	if v != 8 {
		t.Errorf("the growing run took %g steps, want 3 (stopped when the smoothed loss passed 4)", math.Log2(v))
	}
}

package diagnose

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// slowHistory is a run whose F = ρ^k and ‖∇f‖ = ρ^k fall steadily at
// rate ρ per unit for k = 0…n at the constant rate lr: the too_slow
// pattern, whose raise factor is (k+s)/k with s = log(tol/‖∇f‖)/log ρ.
func slowHistory(rho, lr float64, n int) minimize.History {
	var h minimize.History
	for k := 0; k <= n; k++ {
		v := math.Pow(rho, float64(k))
		h.F = append(h.F, v)
		h.GradNorm = append(h.GradNorm, v)
		h.LR = append(h.LR, lr)
		h.StepCos = append(h.StepCos, 1)
	}
	return h
}

// TestTravelCapsAdaptiveRaise: an adaptive method whose first step is
// StepPerLR·lr long is never raised to a rate whose first step would be
// longer than the distance the run travelled. With StepPerLR = 4 and
// Travel = 10 the cap is 2.5: from lr 0.5 the raise (ρ = 0.99 over 100
// steps: (100 + 1733)/100 ≈ 18×, at most 10× without a bound, so 5) must
// stop at 2.5; from lr 3, above the cap, the rate is kept; with a long
// travel (1000) the raise from 0.1 is the usual 10×.
func TestTravelCapsAdaptiveRaise(t *testing.T) {
	for _, tc := range []struct {
		lr, travel float64
		want       float64
	}{
		{0.5, 10, 2.5},
		{3, 10, 3},
		{0.1, 1000, 1},
	} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: slowHistory(0.99, tc.lr, 100), HasLR: true,
			Family: Adaptive, Travel: tc.travel, StepPerLR: 4})
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-tc.want) > 1e-9*tc.want {
			t.Errorf("lr %g, travel %g: %s, suggested %g, want too_slow and %g (%s)", tc.lr, tc.travel, d.Verdict, d.SuggestedLR, tc.want, d.Advice)
		}
	}
	// Without StepPerLR (unknown) the travel cap does not apply.
	d := Diagnose(Input{Status: minimize.MaxIters, History: slowHistory(0.99, 0.1, 100), HasLR: true, Family: Adaptive, Travel: 10})
	if math.Abs(d.SuggestedLR-1) > 1e-9 {
		t.Errorf("no StepPerLR: suggested %g, want 1 (10×)", d.SuggestedLR)
	}
}

// TestTravelCapWarmup: under a schedule that warms up from a fraction of
// the rate the user sets (onecycle: max_lr/25), the next run's first step
// is that fraction of StepPerLR·lr, and the travel cap grows by its
// inverse. With StepPerLR = 4 and Travel = 10 a constant rate's cap is
// 2.5; at base 0.5 warming up from 0.02, the raise from 0.5 to 5 (10×)
// is not capped (its first step, 5·4/25 = 0.8, is within the way).
func TestTravelCapWarmup(t *testing.T) {
	h := slowHistory(0.99, 0.5, 100)
	h.LR[0] = 0.5 / 25
	d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, Travel: 10, StepPerLR: 4, BaseLR: 0.5, RateParam: "max_lr"})
	if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-5) > 1e-9 {
		t.Errorf("warmup from max_lr/25: %s, suggested %g, want too_slow and 5 (%s)", d.Verdict, d.SuggestedLR, d.Advice)
	}
}

// TestTravelCapsAdaptiveCut: an oscillating adaptive run is cut at least
// to the rate whose step is a third of the way the run travelled. A
// zig-zag at lr 1 is halved to 0.5; with StepPerLR 4 and Travel 3 the
// step at 0.5 (2) is more than a third of the way (1), so the cut goes to
// 3/(3·4) = 0.25. With a long way (Travel 30: the cap is 2.5), for heavy
// ball, or without StepPerLR, the halving stands.
func TestTravelCapsAdaptiveCut(t *testing.T) {
	h := zigzag(100, 10, 1, 0.5, 1, 1)
	// A run bouncing back to its start (f = 100, then 100 + 1e-13 below
	// it by rounding): its best point is the start, and it made no way.
	back := zigzag(100, 10, 150, -50, 1, 1)
	back.F[2] = 100 * (1 - 1e-13)
	for _, tc := range []struct {
		name           string
		h              minimize.History
		fam            Family
		travel, perLR  float64
		want           float64
		saysTravelCaps bool
	}{
		{"adaptive, short way", h, Adaptive, 3, 4, 0.25, true},
		{"adaptive, long way", h, Adaptive, 30, 4, 0.5, false},
		{"heavy ball, short way", h, Momentum, 3, 4, 0.5, false},
		{"adaptive, no first step", h, Adaptive, 3, 0, 0.5, false},
		{"adaptive, never below its start", back, Adaptive, 4e-16, 4, 0.5, false},
	} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: tc.h, HasLR: true, Family: tc.fam, Beta: 0.9,
			Travel: tc.travel, StepPerLR: tc.perLR})
		if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-tc.want) > 1e-12 {
			t.Errorf("%s: %s, suggested %g, want oscillating and %g (%s)", tc.name, d.Verdict, d.SuggestedLR, tc.want, d.Advice)
		}
		if got := strings.Contains(d.Advice, "the run travelled"); got != tc.saysTravelCaps {
			t.Errorf("%s: the advice names the way travelled: %v, want %v (%s)", tc.name, got, tc.saysTravelCaps, d.Advice)
		}
	}
}

// TestEdgeOfStabilityBand: a full-batch run whose loss bounces while
// falling is at the edge of stability when λmax·lr/2 lies in [0.8, 1.25]
// (the sharpness hovers at or just above 2/lr: Cohen et al. 2021) — lr
// kept — and oscillating beyond it (λmax = 1.5·2/lr) — lr cut.
func TestEdgeOfStabilityBand(t *testing.T) {
	const lr = 0.01
	bouncing := func(lambda float64) minimize.History {
		var h minimize.History
		for k := 0; k <= 100; k++ {
			// A falling trend with a bounce of ±1 % on every other unit.
			f := 100 * (1 - 0.002*float64(k)) * (1 + 0.01*float64(k%2))
			h.F = append(h.F, f)
			h.GradNorm = append(h.GradNorm, 10)
			h.LR = append(h.LR, lr)
			h.StepCos = append(h.StepCos, -0.9)
			h.Sharpness = append(h.Sharpness, math.NaN())
		}
		h.Sharpness[100] = lambda
		return h
	}
	for _, tc := range []struct {
		ratio float64
		want  Verdict
	}{{0.9, TooSlow}, {1.22, TooSlow}, {1.5, Oscillating}, {0.5, Oscillating}} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: bouncing(tc.ratio * 2 / lr), HasLR: true})
		if d.Verdict != tc.want {
			t.Errorf("λmax·lr/2 = %g: %s (%s), want %s", tc.ratio, d.Verdict, d.Advice, tc.want)
		}
		if tc.want == TooSlow && (d.SuggestedLR != lr || !strings.Contains(d.Advice, "edge of stability")) {
			t.Errorf("λmax·lr/2 = %g: suggested %g (%s), want lr %g kept at the edge of stability", tc.ratio, d.SuggestedLR, d.Advice, lr)
		}
	}
}

// TestNearFloorChecksUpwards: gd that ended within a tenth of the way to
// the loss's lower bound 0 is kept — unless a probe from the best point
// at min(10·lr, half the stable bound) reaches a lower loss. The probe is
// a constructed function of the rate, so the answer is known: with a
// bound of 1 and lr 0.01 the candidate is 0.1; it is taken when it beats
// lr and not otherwise.
func TestNearFloorChecksUpwards(t *testing.T) {
	h := slowHistory(0.98, 0.01, 150) // F falls from 1 to 0.048: within a tenth of 0
	for _, tc := range []struct {
		probe func(lr float64) float64
		want  float64
	}{
		{func(lr float64) float64 { return 0.05 - lr*0.1 }, 0.1},  // faster is lower
		{func(lr float64) float64 { return 0.04 + lr*0.1 }, 0.01}, // faster is higher
	} {
		d := Diagnose(Input{Status: minimize.MaxEpochs, Unit: minimize.Epochs, History: h, HasLR: true,
			HasFLower: true, Bound: 1, L: 2, Probe: tc.probe, ProbeFrom: h.F[len(h.F)-1]})
		if d.Verdict != TooSlow || math.Abs(d.SuggestedLR-tc.want) > 1e-12 {
			t.Errorf("suggested %g (%s: %s), want %g", d.SuggestedLR, d.Verdict, d.Advice, tc.want)
		}
	}
}

// TestRaiseCheckedFromStart: a raise that the probe from the best point
// favours is cut by √10 while its probe from the start blows up (here any
// rate above 0.05 does), and dropped when no raise survives.
func TestRaiseCheckedFromStart(t *testing.T) {
	// Too slow: the rule raises to the cap, half the stable bound 1.
	h := slowHistory(0.999, 0.01, 200)
	best := func(lr float64) float64 { return 1 - lr } // from the best point, faster is better
	for _, tc := range []struct {
		limit, want float64
	}{
		{0.05, 0.05},  // 0.5 and 0.158 blow up, 0.05 does not
		{1, 0.5},      // nothing blows up: the raise stands
		{0.005, 0.01}, // every raise blows up: lr is kept
	} {
		start := func(lr float64) float64 {
			if lr > tc.limit {
				return math.Inf(1)
			}
			return 1 - 2*lr // a faster rate goes further from the start
		}
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Bound: 1, L: 2, Probe: best, ProbeFrom: h.F[200], ProbeStart: start})
		if math.Abs(d.SuggestedLR-tc.want) > 1e-12*tc.want {
			t.Errorf("blow-up above %g: suggested %g (%s), want %g", tc.limit, d.SuggestedLR, d.Advice, tc.want)
		}
	}
}

// TestTravelCapLiftedByAProbeFromTheStart: an adaptive run within a tenth
// of the way to its lower bound is kept by the near-floor rule; its raise
// to 10·lr would take a first step (10·lr·StepPerLR = 3.7) longer than the
// whole run travelled (3), which a probe from the best point cannot judge.
// A probe from the start can: where 10·lr ends below the start and below
// lr's probe there, the raise is checked from the best point (where it
// ends lower, 0.043 against 0.059) and taken; where it ends above the
// start, lr is kept.
func TestTravelCapLiftedByAProbeFromTheStart(t *testing.T) {
	const lr = 0.01
	var h minimize.History
	for k := 0; k <= 100; k++ {
		h.F = append(h.F, 0.693*math.Exp(-0.025*float64(k)))
		h.GradNorm = append(h.GradNorm, 0.5*math.Exp(-0.01*float64(k)))
		h.LR = append(h.LR, lr)
	}
	best := func(c float64) float64 { return 0.059 - 0.016*math.Log10(c/lr) }
	for _, tc := range []struct {
		startHigh float64 // the probe from the start at 10·lr
		want      float64
	}{{0.3, 10 * lr}, {0.9, lr}} {
		start := func(c float64) float64 {
			if c > lr*1.5 {
				return tc.startHigh
			}
			return 0.6
		}
		d := Diagnose(Input{Status: minimize.MaxEpochs, Unit: minimize.Epochs, History: h, HasLR: true, Family: Adaptive,
			HasFLower: true, Travel: 3, StepPerLR: 37, Probe: best, ProbeFrom: h.F[100], ProbeStart: start})
		if math.Abs(d.SuggestedLR-tc.want) > 1e-12 {
			t.Errorf("start probe at 10·lr %g: %s, suggested %g, want %g: %s", tc.startHigh, d.Verdict, d.SuggestedLR, tc.want, d.Advice)
		}
	}
}

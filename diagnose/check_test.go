package diagnose

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestWarmupKickKeepsLR: a slow adaptive run at lr 0.01 (f from 1000 to
// 500 in a straight line) kept at the largest rate its travel allows. Its
// probe from the best point climbs to 600 while lr/10's falls to 450. For
// RAdam (5 unscaled first steps) with L = 1000 at the best point, 2/L =
// 0.002 is below lr: the climb is the fresh state's momentum steps, and lr
// is kept. With L = 100 (2/L = 0.02 above lr), or for a method without
// unscaled steps, the probes rank the rates and the cut stands.
func TestWarmupKickKeepsLR(t *testing.T) {
	for _, c := range []struct {
		name     string
		unscaled int
		lBest    float64
		keep     bool
	}{
		{"radam past 2/L", 5, 1000, true},
		{"radam below 2/L", 5, 100, false},
		{"adam", 0, 1000, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Diagnose(Input{Status: minimize.MaxIters, History: straightFall(), HasLR: true, Family: Adaptive,
				Travel: 0.014, StepPerLR: 1.414, UnscaledSteps: c.unscaled, LBest: c.lBest,
				Probe: func(lr float64) float64 {
					if lr < 0.005 {
						return 450
					}
					return 600
				}, ProbeFrom: 500})
			if d.Verdict != TooSlow {
				t.Fatalf("verdict %s, want too_slow: %s", d.Verdict, d.Advice)
			}
			if kept := d.SuggestedLR == 0.01; kept != c.keep {
				t.Errorf("suggested %g, want lr 0.01 kept %v: %s", d.SuggestedLR, c.keep, d.Advice)
			}
		})
	}
}

// TestCycleAtTheStartIsCutFromTheStart: a run at lr 10 that bounces
// between f = 2 and f = 1, its start's value, never goes below its start;
// from its best point — the start — every probe bounces alike (f = 1), so
// the check from there ranks nothing and must not keep lr. The cut is
// ranked from the start instead: where rates of 1 and above bounce (f = 1)
// and lower ones reach 0.1·c, it steps down by √10 from the halving, 5, to
// the first rate below the start (0.5), then on while a lower rate goes
// further, three times: 0.0158. Where no rate goes below the start there,
// the halving stands. A run that once went below its start is kept, as
// before.
func TestCycleAtTheStartIsCutFromTheStart(t *testing.T) {
	slope := func(lr float64) float64 {
		if lr >= 1 {
			return 1
		}
		return 0.1 * lr
	}
	flat := func(float64) float64 { return 1 }
	for _, c := range []struct {
		name  string
		dip   bool // one unit of the run below the start
		start func(float64) float64
		want  float64
	}{
		{"never below", false, slope, 5 / math.Pow(10, 2.5)},
		{"never below, no rate below from the start", false, flat, 5},
		{"once below", true, flat, 10},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := zigzag(1, 1, 1.5, -0.5, 1, 10)
			if c.dip {
				h.F[3] = 0.9
			}
			d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive,
				Probe: flat, ProbeFrom: 1, ProbeStart: c.start})
			if d.Verdict != Oscillating || math.Abs(d.SuggestedLR-c.want) > 1e-9*c.want {
				t.Errorf("%s, suggested %g, want oscillating and %g: %s", d.Verdict, d.SuggestedLR, c.want, d.Advice)
			}
		})
	}
}

// TestRateCeiling: under cyclic:max_lr=0.05 the optimizer's lr may not
// pass 0.05. The slow run of TestRaiseThatStraysFromTheStartKeepsLR at lr
// 0.01, raised tenfold to 0.1 without the ceiling, is raised to 0.05; the
// rate to use after standardizing (0.3) stops there too, in the action
// and in the text; with the ceiling at lr itself, lr is kept.
func TestRateCeiling(t *testing.T) {
	for _, c := range []struct {
		top, want float64
	}{{0, 0.1}, {0.05, 0.05}, {0.01, 0.01}} {
		in := Input{Status: minimize.MaxIters, History: straightFall(), HasLR: true, RateCeiling: c.top, CeilingParam: "max_lr",
			ScaleSpread: 100, StandardizedLR: 0.3}
		d := Diagnose(in)
		if d.SuggestedLR != c.want {
			t.Errorf("ceiling %g: suggested %g, want %g: %s", c.top, d.SuggestedLR, c.want, d.Advice)
		}
		if c.top == 0 {
			continue
		}
		for _, a := range d.Actions {
			if a.LR > c.top {
				t.Errorf("ceiling %g: action %+v above it: %s", c.top, a, d.Advice)
			}
		}
		if a := action(d, Standardize); a == nil || a.LR != c.top {
			t.Errorf("ceiling %g: standardize %+v, want its rate at the ceiling", c.top, a)
		}
		if strings.Contains(d.Advice, "lr 0.3") {
			t.Errorf("ceiling %g: the advice still names lr 0.3: %s", c.top, d.Advice)
		}
	}
}

// TestAtTravelUsesTheStepPerRate: a slow adaptive run at lr 0.01 (f from
// 1000 to 500) that travelled 0.005 in all, whose probes from the best
// point improve with the rate (500/(1+c)). With a first step of 1.4 per
// unit of rate (Adam in two dimensions) lr is above the whole way: a
// higher rate is not tried and lr is kept. With 0.0045 per unit (Adadelta,
// whose first steps are lr·√(ε/(1−ρ)) per coordinate) a step at lr is
// 4.5e-5, far below the way: the run is slow, and the rate is raised.
func TestAtTravelUsesTheStepPerRate(t *testing.T) {
	for _, c := range []struct {
		perLR float64
		raise bool
	}{{1.414, false}, {0.0045, true}} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: straightFall(), HasLR: true, Family: Adaptive,
			Travel: 0.005, StepPerLR: c.perLR, Probe: func(lr float64) float64 { return 500 / (1 + lr) }, ProbeFrom: 500})
		if raised := d.SuggestedLR > 0.0101; raised != c.raise {
			t.Errorf("step per rate %g: suggested %g, want a raise %v: %s", c.perLR, d.SuggestedLR, c.raise, d.Advice)
		}
	}
}

// TestAnnealedClimbDoesNotSaturate: a slow mini-batch adaptive run at lr
// 1e-6 whose probes from its end gain less with every tenfold rate
// (v(c) = 1 − ½(1 − 0.4^d), d = log₁₀(c/lr): each decade adds 0.6·0.4^d,
// less than half the gain so far) stops climbing early at a constant
// rate: the whole run would rest on the higher rate's noise floor. Under
// a schedule that anneals to a thousandth of the rate by the end (onecycle,
// cosine) the last epochs rest on that small rate's floor instead, and the
// climb goes on (to the reach, then half a decade down).
func TestAnnealedClimbDoesNotSaturate(t *testing.T) {
	probe := func(c float64) float64 { return 1 - 0.5*(1-math.Pow(0.4, math.Log10(c/1e-6))) }
	for _, c := range []struct {
		annealed bool
		lo, hi   float64
	}{{false, 1e-6, 1e-4}, {true, 1e-3, 1}} {
		h := sgdOnHalfSquare(1e-6, 0, 10, 30)
		in := Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, Family: Adaptive,
			Batch: 16, N: 1000, Probe: probe, ProbeFrom: 1}
		if c.annealed {
			h.LR[len(h.LR)-1] = 1e-9
			in.BaseLR = 1e-6
		}
		d := Diagnose(in)
		if d.Verdict != TooSlow || !(d.SuggestedLR > c.lo && d.SuggestedLR <= c.hi) {
			t.Errorf("annealed %v: %s, suggested %g, want too_slow in (%g, %g]: %s", c.annealed, d.Verdict, d.SuggestedLR, c.lo, c.hi, d.Advice)
		}
	}
}

// TestNearFloorCutKeepsPaceFromTheStart: a slow adaptive run on
// mini-batches that ended near its loss's lower bound 0 (1.1 → 0.08,
// still falling) is checked from its end at lr/10, which goes lower there
// (its noise floor is lower). The cut is given only if lr/10 also keeps
// pace from the start, where the next run begins; when lr goes further
// there, lr is kept.
func TestNearFloorCutKeepsPaceFromTheStart(t *testing.T) {
	var h minimize.History
	for k := 0; k <= 40; k++ {
		f := 0.07 + 1.03*math.Exp(-float64(k)/6)
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, 0.3+math.Exp(-float64(k)/6))
		h.LR = append(h.LR, 0.1)
	}
	end := h.F[40]
	probe := func(c float64) float64 {
		if c < 0.05 {
			return end - 0.02
		}
		return end - 0.005
	}
	for _, c := range []struct {
		name      string
		lrFaster  bool
		wantLower bool
	}{{"lr faster from the start", true, false}, {"cut as fast from the start", false, true}} {
		start := func(r float64) float64 {
			if c.lrFaster && r > 0.05 {
				return 0.3
			}
			return 0.6
		}
		d := Diagnose(Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, HasFLower: true,
			Family: Adaptive, Batch: 32, N: 150, Probe: probe, ProbeFrom: end, ProbeStart: start})
		if lower := d.SuggestedLR < 0.1; lower != c.wantLower || d.Verdict != TooSlow {
			t.Errorf("%s: %s, suggested %g, want a cut %v: %s", c.name, d.Verdict, d.SuggestedLR, c.wantLower, d.Advice)
		}
	}
}

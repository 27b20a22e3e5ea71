package diagnose

import (
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

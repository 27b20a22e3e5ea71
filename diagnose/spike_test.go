package diagnose

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// spikyRun is a mini-batch run of 20 epochs at rate lr: the loss falls
// from 1.1 to 0.05 by epoch 8, then jumps to peak at epoch 14 and settles
// at end by epoch 20, bouncing ±0.02.
func spikyRun(lr, peak, end float64) minimize.History {
	var h minimize.History
	for k := 0; k <= 20; k++ {
		var v float64
		switch {
		case k <= 8:
			v = 0.05 + 1.05*math.Pow(0.5, float64(k))
		case k < 14:
			v = 0.05
		case k == 14:
			v = peak
		default:
			v = end
		}
		if k > 8 && k != 14 {
			v += 0.02 * float64(k%2)
		}
		h.F = append(h.F, v)
		h.GradNorm = append(h.GradNorm, v)
		h.LR = append(h.LR, lr)
		h.StepCos = append(h.StepCos, math.NaN())
	}
	return h
}

// TestSpiked: a mini-batch run whose loss, after falling to 0.05, jumped
// above its start (1.1) to 28.9 and ended at 0.35 is sent a decade down,
// to lr/10, whatever else its diagnosis said. A twin whose jump stayed
// below the start (0.9), one that came back to its best, or a full-batch
// run is left to the other rules.
func TestSpiked(t *testing.T) {
	const lr = 3.16
	for _, c := range []struct {
		name      string
		peak, end float64
		batch     int
		spiked    bool
	}{
		{"above the start", 28.9, 0.35, 8, true},
		{"just above the start", 1.2, 0.35, 8, true},
		{"below the start", 0.9, 0.35, 8, false},
		{"came back", 28.9, 0.06, 8, false},
		{"full batch", 28.9, 0.35, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Status: minimize.MaxIters, Unit: minimize.Epochs, History: spikyRun(lr, c.peak, c.end), HasLR: true, Family: Adaptive, Batch: c.batch, N: 150}
			d := Diagnose(in)
			got := math.Abs(d.SuggestedLR-lr/10) < 1e-12 && strings.Contains(d.Advice, "rose above its start")
			if got != c.spiked {
				t.Errorf("%s, suggested %g; want the decade cut %v: %s", d.Verdict, d.SuggestedLR, c.spiked, d.Advice)
			}
			if !c.spiked && strings.Contains(d.Advice, "rose above its start") {
				t.Errorf("spike named: %s", d.Advice)
			}
		})
	}
}

package diagnose

import (
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// annealedFall is a 40-epoch history of a mini-batch run under onecycle
// at max_lr 0.1: the rate rises to 0.1 by epoch 12 and anneals to
// 0.1/2.5e5; the loss falls from ln 3 to end, by ρ per epoch, with an
// optional rise at epoch 20.
func annealedFall(end float64, rise bool) minimize.History {
	var h minimize.History
	const n = 40
	f0 := math.Log(3)
	rho := math.Pow(end/f0, 1.0/n)
	for k := 0; k <= n; k++ {
		f := f0 * math.Pow(rho, float64(k))
		if rise && k == 20 {
			f = h.F[k-1] * 1.05
		}
		h.F = append(h.F, f)
		h.GradNorm = append(h.GradNorm, f)
		lr := 0.1 * (0.04 + 0.96*float64(k)/12)
		if k > 12 {
			lr = 0.1/2.5e5 + (0.1-0.1/2.5e5)*(1+math.Cos(math.Pi*float64(k-12)/float64(n-12)))/2
		}
		h.LR = append(h.LR, lr)
	}
	return h
}

// TestSmoothAnnealIsNotKeptNearTheFloor: a slow mini-batch run that ended
// within a tenth of the way to its loss's lower bound 0 keeps its rate
// (nearFloor) — unless it ran under an annealing schedule and its loss
// fell at every epoch, above a hundredth of the way: then it never met
// its noise floor and the advice raises max_lr. A rise, an end within a
// hundredth of the way, or a constant rate keeps it.
func TestSmoothAnnealIsNotKeptNearTheFloor(t *testing.T) {
	for _, c := range []struct {
		name     string
		end      float64
		rise     bool
		constant bool
		raise    bool
	}{
		{"smooth", 0.108, false, false, true},
		{"a rise", 0.108, true, false, false},
		{"within a hundredth", 0.005, false, false, false},
		{"constant rate", 0.108, false, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := annealedFall(c.end, c.rise)
			in := Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, HasFLower: true,
				Family: Adaptive, Batch: 32, N: 150, BaseLR: 0.1, RateParam: "max_lr"}
			if c.constant {
				for i := range in.History.LR {
					in.History.LR[i] = 0.1
				}
				in.BaseLR, in.RateParam = 0, ""
			}
			d := Diagnose(in)
			if got := d.SuggestedLR > 0.1*1.05; got != c.raise {
				t.Errorf("%s, suggested %g, raise %v, want %v: %s", d.Verdict, d.SuggestedLR, got, c.raise, d.Advice)
			}
			if d.Verdict != TooSlow {
				t.Errorf("verdict %s, want too_slow: %s", d.Verdict, d.Advice)
			}
		})
	}
}

// TestSmoothAnnealRaiseSurvivesConstantProbes: a slow adaptive mini-batch
// run under onecycle whose loss fell at every epoch (0.3 from ln 3: not
// near its floor) is told to raise max_lr. Probes from the best point at
// constant rates all lose to max_lr's own — they rank a higher rate by
// the noise floor the schedule anneals away — and the raise stands. With
// a rise in the loss, or for heavy ball, the probes keep max_lr.
func TestSmoothAnnealRaiseSurvivesConstantProbes(t *testing.T) {
	for _, c := range []struct {
		name   string
		rise   bool
		family Family
		raise  bool
	}{
		{"smooth adaptive", false, Adaptive, true},
		{"a rise", true, Adaptive, false},
		{"heavy ball", false, Momentum, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := annealedFall(0.3, c.rise)
			base := h.F[len(h.F)-1]
			probe := func(lr float64) float64 { return base + (lr - 0.1) } // higher rates end higher
			in := Input{Status: minimize.MaxEpochs, History: h, HasLR: true, Unit: minimize.Epochs, HasFLower: true,
				Family: c.family, Beta: 0.9, Batch: 32, N: 150, BaseLR: 0.1, RateParam: "max_lr", Probe: probe, ProbeFrom: base}
			d := Diagnose(in)
			if got := d.SuggestedLR > 0.1*1.05; got != c.raise {
				t.Errorf("%s, suggested %g, raise %v, want %v: %s", d.Verdict, d.SuggestedLR, got, c.raise, d.Advice)
			}
		})
	}
}

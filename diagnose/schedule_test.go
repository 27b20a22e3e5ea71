package diagnose

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestScheduleRaiseHeldAtTheBase: a slow adaptive run under a schedule
// that warmed up to its max_lr 0.001 and annealed to 4e-9 is raised
// tenfold at its last rate (4e-8). Scaled to the schedule that is a raise
// of max_lr — unless the raise cap is below it: here the first step at a
// larger rate would be longer than the 2e-5 the whole run travelled
// (the cap Travel/(StepPerLR·w), with w = 1/30 the share of max_lr the
// warmup's first step takes, is 2e-5·30/2 = 3e-4, below 0.001). Then the
// advice keeps max_lr, with a keep_lr action, and does not say "raise lr
// to 0.001". With room to raise (a travel of 100) the raise stands.
func TestScheduleRaiseHeldAtTheBase(t *testing.T) {
	const base = 0.001
	for _, c := range []struct {
		name   string
		travel float64
		keep   bool
	}{
		{"held", 2e-5, true},
		{"room", 100, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := slowHistory(0.9999, base, 300)
			for k := range h.LR {
				switch {
				case k < 30:
					h.LR[k] = base * float64(k+1) / 30
				default:
					h.LR[k] = base * 4e-6 / float64(k-28)
				}
			}
			h.LR[len(h.LR)-1] = 4e-9
			d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, BaseLR: base, RateParam: "max_lr",
				Travel: c.travel, StepPerLR: 2})
			a := action(d, KeepLR)
			if c.keep {
				if d.SuggestedLR != base || a == nil || a.Param != "max_lr" || strings.Contains(d.Advice, "raise lr to") {
					t.Errorf("suggested %g, actions %+v; want keep_lr max_lr %g and no raise of lr: %s", d.SuggestedLR, d.Actions, base, d.Advice)
				}
				return
			}
			if !(d.SuggestedLR > base) || a != nil {
				t.Errorf("suggested %g, actions %+v; want a raise of max_lr: %s", d.SuggestedLR, d.Actions, d.Advice)
			}
		})
	}
}

// TestSnap: a suggestion within a tenth of the rate the user set is a
// keep (keep_lr, the rate itself); a tenth or more away, or after a
// blow-up, it stands.
func TestSnap(t *testing.T) {
	const lr = 0.01
	h := slowHistory(0.99, lr, 40)
	for _, c := range []struct {
		s    float64
		v    Verdict
		want float64
	}{
		{0.01036, TooSlow, lr},
		{0.0095, NoiseFloor, lr},
		{0.0115, TooSlow, 0.0115},
		{0.0095, Diverged, 0.0095},
	} {
		d := snap(Input{History: h}, Diagnosis{Verdict: c.v, SuggestedLR: c.s, Actions: []Action{{Kind: SetLR, LR: c.s}}})
		keep := action(d, KeepLR) != nil
		if d.SuggestedLR != c.want || keep != (c.want == lr) {
			t.Errorf("%s at %g: suggested %g, keep_lr %v; want %g", c.v, c.s, d.SuggestedLR, keep, c.want)
		}
	}
}

// TestNoiseFloorUnderADecayingSchedule: a mini-batch run on its noise
// floor under a schedule that annealed the rate from 0.1 to 1e-6 is not
// told to use a decaying schedule (it has one) — whether its high floor
// is cut (gradient noise 30) or its low one kept (noise 1) — and the rate
// a keep names is the schedule's, 0.1, not the last step's. Without the
// schedule the cosine remedy stands.
func TestNoiseFloorUnderADecayingSchedule(t *testing.T) {
	for _, c := range []struct {
		sigma    float64
		annealed bool
	}{{30, true}, {30, false}, {1, true}, {1, false}} {
		h := sgdOnHalfSquare(0.1, c.sigma, 10, 400)
		in := Input{Status: minimize.MaxEpochs, Unit: minimize.Epochs, History: h, HasLR: true, Family: Plain, Batch: 16, N: 1000}
		if c.annealed {
			for k := range h.LR {
				h.LR[k] = 0.1 * math.Pow(1e-5, float64(k)/float64(len(h.LR)-1))
			}
			in.BaseLR = 0.1
		}
		d := Diagnose(in)
		if d.Verdict != NoiseFloor {
			t.Fatalf("%+v: %s, want noise_floor: %s", c, d.Verdict, d.Advice)
		}
		offers := action(d, UseSchedule) != nil || strings.Contains(d.Advice, "decaying schedule")
		if offers == c.annealed {
			t.Errorf("%+v: offers a decaying schedule: %v: %s", c, offers, d.Advice)
		}
		if keeps := action(d, KeepLR) != nil; keeps != (c.sigma == 1) {
			t.Fatalf("%+v: keep_lr %v: the case does not take the path it tests: %s", c, keeps, d.Advice)
		}
		if c.annealed && c.sigma == 1 && (strings.Contains(d.Advice, "keep lr "+g4(lastFinite(h.LR))) || !strings.Contains(d.Advice, "keep lr 0.1")) {
			t.Errorf("%+v: the keep does not name the schedule's rate 0.1: %s", c, d.Advice)
		}
	}
}

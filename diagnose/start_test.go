package diagnose

import (
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestWarmupRunRankedLikeForLike: a slow run under a schedule that warmed
// up from lr/25 (onecycle) ends at 0.82 after 200 units, and probes from
// its best point find no better rate, so lr is kept. From the start, a
// probe of a tenth of the budget at constant lr/√10 reaches 0.5, below the
// whole run's end — but constant lr reaches 0.1 there: the run was behind
// the probes because it warmed up, not because lr was too large, and lr
// stays. Without the warmup (the schedule starts at lr) the whole run is
// the fair measure, and the cut to lr/√10 stands.
func TestWarmupRunRankedLikeForLike(t *testing.T) {
	const lr = 0.001
	for _, c := range []struct {
		name string
		warm bool
		want float64
	}{
		{"warmed up", true, lr},
		{"no warmup", false, lr / math.Sqrt(10)},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := slowHistory(0.999, lr, 200)
			for k := range h.LR {
				if c.warm {
					h.LR[k] = lr * math.Min(1, float64(k+1)/25)
				}
			}
			start := func(r float64) float64 {
				switch {
				case r >= lr:
					return 0.1
				case r >= lr/4:
					return 0.5
				}
				return 0.9
			}
			in := Input{Status: minimize.MaxIters, History: h, HasLR: true, Family: Adaptive, BaseLR: lr,
				Probe: func(float64) float64 { return 0.9 }, ProbeFrom: lastFinite(h.F), ProbeStart: start, ProbeStartCompare: true}
			d := Diagnose(in)
			if math.Abs(d.SuggestedLR-c.want) > 1e-12 {
				t.Errorf("%s, suggested %g, want %g: %s", d.Verdict, d.SuggestedLR, c.want, d.Advice)
			}
		})
	}
}

// TestBlowUpCutStepsUpFromTheStart: an adaptive run at lr 0.1 that blew
// up is cut tenfold, to 0.01. Where the probes from the start rank rates
// (ProbeStartCompare) and, built so, end at 100·(log₁₀ c + 1.5)² + 1 —
// lowest at 10^−1.5 ≈ 0.0316, 26 at 0.01 and at 0.00316 — and blow up
// above 0.05, the cut is 0.0316, √10 above the tenfold cut, below lr,
// safe from the start and further there. Where the probes blow up above
// 0.02, or the run did not blow up (it ended 5 % above its start, an
// adaptive method's jitter at its rate's scale, which a probe of a tenth
// of the budget cannot see), the tenfold cut stands.
func TestBlowUpCutStepsUpFromTheStart(t *testing.T) {
	start := func(limit float64) func(float64) float64 {
		return func(c float64) float64 {
			if c > limit {
				return math.Inf(1)
			}
			l := math.Log10(c) + 1.5
			return 100*l*l + 1
		}
	}
	for _, c := range []struct {
		name   string
		status minimize.Status
		end    float64 // F at the run's last row; F₀ = 170
		limit  float64 // the probes blow up above it
		want   float64
	}{
		{"blew up", minimize.Diverged, 1e12, 0.05, 0.1 / math.Sqrt(10)},
		{"blew up, √10 higher blows up from the start", minimize.Diverged, 1e12, 0.02, 0.01},
		{"ended just above the start", minimize.MaxIters, 178.5, 0.05, 0.01},
	} {
		t.Run(c.name, func(t *testing.T) {
			var h minimize.History
			for k := 0; k <= 20; k++ {
				f := 170 * math.Pow(c.end/170, float64(k)/20)
				h.F = append(h.F, f)
				h.GradNorm = append(h.GradNorm, math.Sqrt(f))
				h.LR = append(h.LR, 0.1)
				h.StepCos = append(h.StepCos, math.NaN())
			}
			d := Diagnose(Input{Status: c.status, History: h, HasLR: true, Family: Adaptive, ProbeStart: start(c.limit), ProbeStartCompare: true})
			if d.Verdict != Diverged || math.Abs(d.SuggestedLR-c.want) > 1e-12*c.want {
				t.Errorf("%s, suggested %g; want diverged and %g: %s", d.Verdict, d.SuggestedLR, c.want, d.Advice)
			}
		})
	}
}

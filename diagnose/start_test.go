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

package diagnose

import "fmt"

// spiked reads a mini-batch run whose loss, measured on the training set
// at the end of a unit, rose above the start's after having fallen below
// it: at that point its weights were worse than the random ones it began
// with, which no sampling noise around a floor below the start explains —
// some step threw them off, and the rate is too large for this problem
// even if the run came back down (a ReLU MLP on iris under RAdam at 3.16,
// batch 8: 1.1 → 0.05 → 28.9 at epoch 17 → 0.35 at epoch 20). A rate √10
// lower is no safe landing — at 1 the same run goes 0.05 → 1.47 → 0.43 —
// so the advice goes at least a decade down: to lr/10 when its
// suggestion was higher. Only while the run still pays for it: a run that
// ends within spikeLeft of its progress above its best (a separable wine
// classifier under Adam at 10 spikes early and ends at 1e-6), one that
// converged, and one under a schedule that annealed the rate (the spike
// came while the rate was high: an iris MLP under AdamW with onecycle
// from 10 ends at 0.07, and 1 at 0.11) are left as they were.
func spiked(in Input, d Diagnosis) Diagnosis {
	F := in.History.F
	lr := userLR(in)
	if !in.stochastic() || !in.HasLR || !(lr > 0) || len(F) < 3 || !finite(F[0]) || annealed(in) {
		return d
	}
	switch d.Verdict {
	case Diverged, Overfitting, Converged:
		return d
	}
	lo := F[0]
	for _, v := range F {
		if v < lo {
			lo = v
		}
	}
	if last := lastFinite(F); !(last > lo+spikeLeft*(F[0]-lo)) {
		// It came back near its best: the spike is behind it.
		return d
	}
	below, at := false, -1
	for i, v := range F[1:] {
		if v < F[0] {
			below = true
		} else if below && v > F[0] {
			at = i + 1
			break
		}
	}
	if at < 0 {
		return d
	}
	c := lr / 10
	if s := d.SuggestedLR; s > 0 && s <= c {
		return d
	}
	setRate(&d, c)
	w := wordsOf(in)
	d.Advice += fmt.Sprintf("; but the loss rose above its start in %s %d (%.6g against %.6g) after falling below it: a step threw the weights off, and a rate √10 lower is no safe landing: use lr %s", w.unit, at, w.v(F[at]), w.v(F[0]), g4(c))
	return d
}

// spikeLeft is the share of a spiked run's progress, F₀ − min F, that it
// must end above its best for spiked to cut its rate.
const spikeLeft = 0.1

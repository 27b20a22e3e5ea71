package diagnose

import (
	"fmt"
	"math"
	"strings"
)

// BadScale is the spread of the features' standard deviations (largest
// over smallest) from which advice says to standardize: gradient descent's
// speed depends on the condition number κ(XᵀX), and columns whose scales
// differ by a factor r make κ grow like r² (see notes on feature scaling,
// e.g. LeCun, Bottou, Orr & Müller, "Efficient BackProp", 1998, §4.3).
const BadScale = 30

// BadlyScaled reports whether standardizing the features is the first
// remedy: their standard deviations differ by BadScale or more (spread),
// or the raw features condition a linear model BadScale times worse than
// standardized ones would (gain, see Input.ScaleGain).
func BadlyScaled(spread, gain float64) bool { return spread >= BadScale || gain >= BadScale }

// scaled puts standardization first when the features' scales differ by
// BadScale or more and the run did not converge: no learning rate makes
// gradient descent fast on such a problem, and standardizing does.
func scaled(in Input, d Diagnosis) Diagnosis {
	if !BadlyScaled(in.ScaleSpread, in.ScaleGain) || d.Verdict == Converged || d.Verdict == Overfitting || d.Verdict == Unbounded {
		return d
	}
	if !(in.StandardizedLR > 0) && in.StandardizedBound > 0 && in.Family != Adaptive {
		at := in
		at.Bound, at.BoundEnd = in.StandardizedBound, 0
		in.StandardizedLR, _ = boundCap(at, 0)
	}
	if d.Verdict == TooSlow && nearFloor(in) {
		// Within a tenth of the way to the objective's lower bound, a
		// slow run has little left for standardizing to speed up: it is
		// offered after the rate.
		d.Actions = append(d.Actions, Action{Kind: Standardize, LR: in.StandardizedLR})
		return d
	}
	w := wordsOf(in)
	if !(in.StandardizedLR > 0) {
		// Without a rate for standardized features (the front end's
		// probe, or half their stable bound), standardizing is offered
		// last: at the run's rate it may be far too slow (a raw diabetes
		// MLP under gd at 1e-5, the edge of its stability, ends at 4,745;
		// standardized at 1e-5 it barely moves from 28,000).
		d.Actions = append(d.Actions, Action{Kind: Standardize})
		if !strings.Contains(d.Advice, w.std) {
			d.Advice += fmt.Sprintf("; the features' scales are uneven (κ is %.3g times a standardized set's, scales %.3g apart): %s may also help, with its own rate to find", math.Max(in.ScaleGain, 1), in.ScaleSpread, w.std)
		}
		return d
	}
	a := Action{Kind: Standardize, LR: in.StandardizedLR}
	d.Actions = append([]Action{a}, d.Actions...)
	text := fmt.Sprintf("the features' scales differ by a factor of %.3g, which makes the problem ill-conditioned: %s", in.ScaleSpread, w.std)
	if in.ScaleSpread < BadScale {
		text = fmt.Sprintf("the features' offsets and scales make the problem %.3g times worse conditioned than standardized features would (κ = %.3g against %.3g): %s", in.ScaleGain, in.KappaRaw, in.KappaStd, w.std)
	}
	if in.StandardizedLR > 0 {
		text += fmt.Sprintf(" and use lr %s there", g4(in.StandardizedLR))
	}
	if in.Family == Adaptive {
		// Per-coordinate steps undo the gradients' scales, not the
		// features' offsets nor the different distances their weights
		// must travel; the front end gives a rate only when a short run
		// on standardized features made more progress than this run in
		// as many epochs.
		text += " (an adaptive method rescales each weight's step, but not the features' offsets nor the different distances their weights must travel; a short run on standardized features went further than this one in as many epochs)"
	}
	d.Advice = text + "; with these features: " + d.Advice
	return d
}

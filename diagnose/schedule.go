package diagnose

import (
	"fmt"
	"math"
)

// rebase expresses the suggestion in the rate the user sets when a
// schedule or warmup varies the rate: the same factor s/lr, measured
// against the last step's rate lr, applied to BaseLR — the whole schedule
// is scaled, so "halve lr" halves the rate it starts from. The factor of a
// raise is capped so that the scaled schedule's peak stays below the raise
// cap; that of a cut so that, when the stable bound is known, the scaled
// peak is at most max(s, the safe rate) — instability happens at the peak,
// which a decaying schedule left behind long before its last step. A raise
// therefore never suggests a rate below BaseLR, nor a cut one above it.
// When BaseLR is a schedule's own parameter (RateParam: onecycle's
// max_lr), the advice names it.
func rebase(in Input, d Diagnosis) Diagnosis {
	lr := lastFinite(in.History.LR)
	if in.BaseLR <= 0 || d.SuggestedLR <= 0 || !(lr > 0) {
		return d
	}
	var s float64
	peak := lr
	for _, v := range in.History.LR {
		if v > peak && !math.IsInf(v, 0) {
			peak = v
		}
	}
	switch {
	case d.SuggestedLR > lr:
		// The peak of the scaled schedule must stay below the cap.
		limit, _ := raiseCap(in, in.BaseLR)
		s = math.Max(in.BaseLR, math.Min(in.BaseLR*d.SuggestedLR/lr, limit*in.BaseLR/peak))
	case d.SuggestedLR < lr:
		s = in.BaseLR * d.SuggestedLR / lr
		if in.Bound > 0 {
			s = math.Min(s, in.BaseLR*math.Max(d.SuggestedLR, safeLR(in))/peak)
		}
		s = math.Min(in.BaseLR, s)
	default:
		s = in.BaseLR
	}
	setAction(&d, s)
	what := "the rate it starts from"
	if in.RateParam != "" {
		what = "its " + in.RateParam
	}
	if adv, ok := renumber(d.Advice, d.SuggestedLR, s); ok {
		d.Advice = adv + fmt.Sprintf(" (the schedule varies lr: %s is %s, now %s)", g4(s), what, g4(in.BaseLR))
	} else {
		d.Advice += fmt.Sprintf(" (the schedule varies lr: set %s, now %s, to %s)", what, g4(in.BaseLR), g4(s))
	}
	d.SuggestedLR = s
	return d
}

// nameRate marks the rate actions with the schedule's parameter they are
// about when it is not the optimizer's lr (Input.RateParam: onecycle's
// max_lr).
func nameRate(in Input, d Diagnosis) Diagnosis {
	if in.RateParam == "" || !(in.BaseLR > 0) {
		return d
	}
	for i := range d.Actions {
		if k := d.Actions[i].Kind; k == SetLR || k == KeepLR {
			d.Actions[i].Param = in.RateParam
		}
	}
	return d
}

// userLR is the rate the user sets: BaseLR under a schedule or warmup,
// else the last step's rate.
func userLR(in Input) float64 {
	if in.BaseLR > 0 {
		return in.BaseLR
	}
	return lastFinite(in.History.LR)
}

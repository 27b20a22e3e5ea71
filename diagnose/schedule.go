package diagnose

import (
	"fmt"
	"math"
	"strings"
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
	var held string // why a raise cannot go above BaseLR
	peak := lr
	for _, v := range in.History.LR {
		if v > peak && !math.IsInf(v, 0) {
			peak = v
		}
	}
	switch {
	case d.SuggestedLR > lr:
		// The peak of the scaled schedule must stay below the cap.
		limit, why := raiseCap(in, in.BaseLR)
		s = math.Max(in.BaseLR, math.Min(in.BaseLR*d.SuggestedLR/lr, limit*in.BaseLR/peak))
		if s <= in.BaseLR {
			held = why
		}
	case d.SuggestedLR < lr:
		s = in.BaseLR * d.SuggestedLR / lr
		if in.Bound > 0 {
			s = math.Min(s, in.BaseLR*math.Max(d.SuggestedLR, safeLR(in))/peak)
		}
		s = math.Min(in.BaseLR, s)
	default:
		s = in.BaseLR
	}
	what := "the rate it starts from"
	if in.RateParam != "" {
		what = "its " + in.RateParam
	}
	if held != "" {
		// The raise of the last step's rate, scaled to the schedule, would
		// not lift the rate the user sets: that is a keep, said as one.
		d.Advice = dropRaise(d.Advice, d.SuggestedLR)
		keepRate(&d, in.BaseLR)
		d.Advice += fmt.Sprintf(" (the schedule varies lr: %s, %s, is as large as the run allows — %s: keep it)", what, g4(in.BaseLR), held)
		return d
	}
	setAction(&d, s)
	if s == in.BaseLR {
		// A keep: the advice's "keep lr" named the last step's rate, and
		// its keep_lr action must stay a keep of the rate the user sets.
		d.Advice = strings.ReplaceAll(d.Advice, "keep lr "+g4(d.SuggestedLR), "keep lr "+g4(s))
		keepRate(&d, s)
		d.Advice += fmt.Sprintf(" (the schedule varies lr: keep %s, %s)", what, g4(s))
	} else if adv, ok := renumber(d.Advice, d.SuggestedLR, s); ok {
		d.Advice = adv + fmt.Sprintf(" (the schedule varies lr: the advice is about %s, now %s)", what, g4(in.BaseLR))
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

// ceiling keeps the advice's rates at or below the schedule's ceiling
// (Input.RateCeiling): cyclic refuses a base lr above its max_lr, so a
// raise of lr, or a rate to use after standardizing, above it would be a
// configuration the next run cannot start (a raw wine classifier under
// Adam with cyclic:max_lr=0.1 at lr 0.0316 was told to standardize and
// use lr 0.316). The rate stops at the ceiling, and the advice says how
// to go higher.
func ceiling(in Input, d Diagnosis) Diagnosis {
	top := in.RateCeiling
	if !(top > 0) || in.RateParam != "" {
		return d
	}
	name := in.CeilingParam
	if name == "" {
		name = "the schedule's ceiling"
	}
	capped := false
	for i, a := range d.Actions {
		if a.Kind == Standardize && a.LR > top {
			d.Advice, _ = renumber(d.Advice, a.LR, top)
			d.Actions[i].LR, capped = top, true
		}
	}
	if s := d.SuggestedLR; s > top {
		if lr := userLR(in); top <= lr*(1+1e-12) {
			keepRate(&d, lr)
		} else {
			setRate(&d, top)
		}
		d.SuggestedLR, capped = top, true
	}
	if capped {
		d.Advice += fmt.Sprintf("; the schedule runs lr up to %s = %s and refuses a larger lr: use at most lr %s (raise %s with it to go higher)", name, g4(top), g4(top), name)
	}
	return d
}

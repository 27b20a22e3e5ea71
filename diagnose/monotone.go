package diagnose

import (
	"fmt"
	"math"
	"slices"
)

// setAction changes the rate of the SetLR or KeepLR action to s; a keep
// moved to another rate becomes a set (a keep_lr names the run's rate).
func setAction(d *Diagnosis, s float64) {
	for i := range d.Actions {
		if a := &d.Actions[i]; a.Kind == SetLR || a.Kind == KeepLR {
			if a.Kind == KeepLR && a.LR != s {
				a.Kind = SetLR
			}
			a.LR = s
		}
	}
}

// setRate makes c the advice's rate, with a set_lr action first in place
// of any set_lr or keep_lr.
func setRate(d *Diagnosis, c float64) {
	d.SuggestedLR = c
	d.Actions = append([]Action{{Kind: SetLR, LR: c}}, slices.DeleteFunc(d.Actions, func(a Action) bool { return a.Kind == SetLR || a.Kind == KeepLR })...)
}

// keepRate makes lr the advice's rate, with a keep_lr action first in
// place of any set_lr.
func keepRate(d *Diagnosis, lr float64) {
	setAction(d, lr)
	d.SuggestedLR = lr
	d.Actions = slices.DeleteFunc(d.Actions, func(a Action) bool { return a.Kind == SetLR })
	d.Actions = append([]Action{{Kind: KeepLR, LR: lr}}, d.Actions...)
}

// monotone keeps following the advice monotone (issue: "following it
// twice never reverses direction unless the first hop overshot with
// evidence, in which case it bisects between the two last rates"): when
// the previous run's advice moved the rate from PrevLR to lr and this
// run's advice turns back, the new rate goes at most halfway back on a
// log scale, to √(PrevLR·lr). A suggestion between that midpoint and lr,
// or one that keeps the direction, stands.
func monotone(in Input, d Diagnosis) Diagnosis {
	prev, s := in.PrevLR, d.SuggestedLR
	lr := userLR(in)
	if !(prev > 0) || math.IsInf(prev, 0) || !(lr > 0) || !(s > 0) || math.Abs(prev-lr) <= 0.01*lr {
		return d
	}
	mid := math.Sqrt(prev * lr)
	back := "cut"
	switch {
	case prev < lr && s < mid*(1-1e-12):
	case prev > lr && s > mid*(1+1e-12):
		back = "raise"
	default:
		return d
	}
	setAction(&d, mid)
	d.SuggestedLR = mid
	d.Advice += fmt.Sprintf("; but the run before this one, at lr %s, was moved to lr %s, and this %s turns back: the rate to use lies between the two — bisected on a log scale, use lr %s", g4(prev), g4(lr), back, g4(mid))
	return d
}

// snapShare is the relative change of the rate below which a suggestion
// is a keep.
const snapShare = 0.1

// snap makes a suggestion within snapShare of the rate the user set a
// keep: a change of a few percent is below what the diagnosis resolves
// (a probe's ranking and a whole run's outcome differ by more from the
// batches' order alone), and printed to four digits it reads as a move
// the evidence does not support (a diabetes MLP under RAdam with cosine
// at 0.01, "raise lr to 0.01036", ends at 8,298 there against 5,878).
func snap(in Input, d Diagnosis) Diagnosis {
	lr, s := userLR(in), d.SuggestedLR
	if !(lr > 0) || !(s > 0) || s == lr || math.Abs(s-lr) > snapShare*lr || d.Verdict == Diverged {
		return d
	}
	keepRate(&d, lr)
	d.Advice += fmt.Sprintf("; but %s is within %.0f %% of lr: keep lr %s", g4(s), 100*snapShare, g4(lr))
	return d
}

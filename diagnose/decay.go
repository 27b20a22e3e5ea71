package diagnose

import (
	"fmt"
	"math"
	"slices"
)

// decayShare is the share of the decay's bound 1/λ at which a weight is
// held by the decay rather than by the objective: there the decay pulls
// it back by λ·|x| ≥ ½ per unit of rate, half the largest step a
// normalized update takes, so the point the run settles at is moved by
// the decay as much as by the gradient.
const decayShare = 0.5

// decayBound looks past the rate when decoupled weight decay holds the
// weights (Input.DecayCap, optim.DecayCapped): x ← (1 − lr·λ)x − lr·u with
// a normalized step |uᵢ| ≤ 1 keeps |xᵢ| ≤ 1/λ at every rate, so a run
// whose largest weight is at decayShare of 1/λ or more, and that has not
// converged, is held short of the fit by λ, not by lr. Unstandardized
// regression targets meet it first: AdamW's default λ = 0.01 caps the
// intercept at 100, and diabetes' targets average 152, so at every rate
// R² stays below 0 (batch 32: lr 1, 3.16, 10 end at 7800, 6876, 6453
// against the targets' variance 5930; with λ = 0.001, at 2932, 2897,
// 3094). The advice names the bound and lowers λ tenfold (the bound goes
// to 10/λ). The rate the other rules chose stands: which rate ends lowest
// under the bound was not measured to follow a rule (batch 32 ends lowest
// at 10, batch 8 at 1 … 3.16, and probes from the start prefer 10 in
// both).
func decayBound(in Input, d Diagnosis) Diagnosis {
	lr := userLR(in)
	if !(in.DecayCap > 0) || !finite(in.MaxAbsX) || !(in.MaxAbsX >= decayShare*in.DecayCap) || !in.HasLR || !(lr > 0) {
		return d
	}
	switch d.Verdict {
	case NoiseFloor, TooSlow, Stalled:
	default:
		return d
	}
	wd := 1 / in.DecayCap
	d.Advice += fmt.Sprintf("; but the weights press against the weight decay's bound: decoupled decay λ = %.3g holds each weight where its normalized step balances λ·x, so |x| ≤ 1/λ = %.4g at any rate, and the largest weight is %.4g: lower weight_decay to %.3g", wd, in.DecayCap, in.MaxAbsX, wd/10)
	return lowerDecay(d, wd)
}

// lowerDecay puts set_weight_decay (λ/10) first among d's actions.
func lowerDecay(d Diagnosis, wd float64) Diagnosis {
	act := Action{Kind: SetWeightDecay, WeightDecay: wd / 10}
	d.Actions = append([]Action{act}, slices.DeleteFunc(d.Actions, func(a Action) bool { return a.Kind == SetWeightDecay })...)
	return d
}

// standardizedDecay looks ahead of the advice to standardize a linear
// regression under decoupled weight decay: on standardized features the
// intercept carries the targets' mean alone (an MLP's hidden units can
// carry it too, each output weight within the bound), and the decay holds it within
// 1/λ (see decayBound), so when |mean| is at decayShare of 1/λ or more the
// standardized run meets the bound the raw one may not (AdamW's default λ
// = 0.01 on raw diabetes at batch 32 and lr 10: 4,371, where the features'
// offsets carry part of the mean; standardized at lr 1, 7,800). The
// advice then lowers λ tenfold first, with the standardizing.
func standardizedDecay(in Input, d Diagnosis) Diagnosis {
	if !in.LinearModel || !(in.DecayCap > 0) || !(math.Abs(in.TargetMean) >= decayShare*in.DecayCap) || !slices.ContainsFunc(d.Actions, func(a Action) bool { return a.Kind == Standardize }) {
		return d
	}
	wd := 1 / in.DecayCap
	if !slices.ContainsFunc(d.Actions, func(a Action) bool { return a.Kind == SetWeightDecay }) {
		d.Advice += fmt.Sprintf("; on standardized features the intercept must reach the targets' mean %.4g, and decoupled weight decay λ = %.3g holds every weight within 1/λ = %.4g at any rate: lower weight_decay to %.3g with it", in.TargetMean, wd, in.DecayCap, wd/10)
	}
	return lowerDecay(d, wd)
}

package diagnose

import (
	"fmt"
	"math"
)

// reachFloor keeps a cut of a run from a rate too small to make the way
// the run made, for the methods whose step is at most lr per coordinate
// (Input.StepAtMostLR): a sign method moves each coordinate by exactly lr
// per step (optim.SignStepper) and Adagrad by at most lr (|gₜ| ≤ √Σg²).
// In a budget whose rates sum to R·lr (R steps at a constant rate; a
// schedule's sum of rates, relative to the one the user sets) a
// coordinate then moves at most c·R at rate c. The run's best point is
// CoordTravel = ‖x_best − x₀‖∞ from its start along its farthest
// coordinate, so a next run from the start at a rate below
//
//	c = CoordTravel / R
//
// cannot get there in the budget: the cut is raised to c, and when c is
// not below lr, lr is kept (signSGD on Beale at 0.00316 for 800
// iterations bounces around its best point, 1.92 along x from the start;
// the halved rate 0.00158 covers at most 1.26 and ends at 0.211 against
// 0.0023, while 0.0024 and up end within 0.002). Not on mini-batches: a
// run there wanders with its noise, and how far it went says how noisy
// its rate is, not how far the next run must go (an iris MLP under Lion at
// 0.1, batch 16, drifted 30 along a weight while 0.01 fits from near the
// start: 0.059 against 0.296). The Adam family's steps
// stay below about lr only roughly (|m̂/(√v̂+ε)| can pass 1, RMSprop's
// first steps are 1/√(1−α) times lr): applied to them, the floor cost 12
// held-out sets a failure, and it is not.
func reachFloor(in Input, d Diagnosis) Diagnosis {
	lr, s := userLR(in), d.SuggestedLR
	if !in.StepAtMostLR || in.stochastic() || !(in.CoordTravel > 0) || !(s > 0) || !(s < lr) || d.Verdict == Diverged {
		return d
	}
	R, ok := budgetSteps(in, lr)
	if !ok {
		return d
	}
	c := in.CoordTravel / R
	if !(c > s) {
		return d
	}
	w := wordsOf(in)
	why := fmt.Sprintf("at lr %s no coordinate could move more than %.3g in the budget, less than the %.3g the run's best point lies from its start", g4(s), s*R, in.CoordTravel)
	if c >= lr {
		keepRate(&d, lr)
		d.Advice += fmt.Sprintf("; but %s: keep lr %s (to end lower, raise %s or decay the rate towards the end)", why, g4(lr), w.budget)
		return d
	}
	setRate(&d, c)
	d.Advice += fmt.Sprintf("; but %s: use lr %s, the least that covers it", why, g4(c))
	return d
}

// interceptReach keeps a sign method's rate from falling short of the
// intercept's way on a linear regression with standardized features
// (Input.InterceptGap): the intercept's optimum there is the targets'
// mean ȳ, and a sign method moves it by exactly lr per step, so in a
// budget whose rates sum to R·lr a rate below |ȳ − b₀|/R cannot bring it
// there, and one below twice that arrives only at the budget's end,
// leaving no steps to fit the rest. Any suggestion below
//
//	c = 2·|ȳ − b₀| / R
//
// is raised to c (Lion on standardized diabetes, batch 32, 40 epochs of
// 14 steps: ȳ = 152 needs lr ≥ 0.27 to arrive, and 0.0316 and 0.1 end at
// 21,000 and 12,100 against 2,898 at 1; c = 0.54 ends at 3,100).
func interceptReach(in Input, d Diagnosis) Diagnosis {
	lr, s := userLR(in), d.SuggestedLR
	if !in.SignStep || !(in.InterceptGap > 0) || !(s > 0) || !(lr > 0) || d.Verdict == Diverged {
		return d
	}
	R, ok := budgetSteps(in, lr)
	if !ok {
		return d
	}
	c := 2 * in.InterceptGap / R
	if !(c > s*1.01) {
		// Within the rounding of a rate the advice printed (4 digits).
		return d
	}
	setRate(&d, c)
	d.Advice += fmt.Sprintf("; but the method moves each weight by lr per step, and the intercept must travel %.4g to the targets' mean: at lr %s it covers at most %.3g in the budget; use lr %s, which brings it there in half the budget", in.InterceptGap, g4(s), s*R, g4(c))
	return d
}

// budgetSteps is the run's budget in steps at rate lr: the rates of its
// steps summed (a schedule's, relative to the rate the user sets lr) over
// lr, times the steps in a unit of History; ok is false when that is not
// a positive finite number.
func budgetSteps(in Input, lr float64) (R float64, ok bool) {
	var sum float64
	for _, r := range in.History.LR[min(1, len(in.History.LR)):] {
		if finite(r) && r > 0 {
			sum += r
		}
	}
	R = float64(max(1, in.StepsPerUnit)) * sum / lr
	return R, R > 0 && !math.IsInf(R, 0)
}

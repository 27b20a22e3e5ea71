package diagnose

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/minimize"
)

// diagnose is the base verdict — the rules of the package doc's table,
// read from the history alone (and the bound, the family and the known
// minimum); Diagnose then amends it with probes, one rule per file.
func diagnose(in Input) Diagnosis {
	h := in.History
	w := wordsOf(in)
	F := h.F
	k := len(F) - 1
	if k < 0 {
		return Diagnosis{Verdict: Stalled, Advice: "the run recorded no " + w.units, Actions: []Action{{Kind: RaiseBudget}}}
	}
	gradTol := in.GradTol
	if gradTol <= 0 {
		gradTol = 1e-8
	}
	divFactor := in.DivergeFactor
	if divFactor <= 0 {
		divFactor = 1e10
	}
	lr := lastFinite(h.LR)
	F0 := F[0]
	last := lastFinite(F)
	gn := lastFinite(h.GradNorm)
	g0 := h.GradNorm[0]
	boundText := ""
	if in.Bound > 0 {
		boundText = fmt.Sprintf(" (the stable bound is %s with L = %.4g)", g4(in.Bound), in.L)
	}
	setLR := func(v float64) Action { return Action{Kind: SetLR, LR: v} }
	clip := Action{Kind: ClipGradient}

	// A run that stopped on a vanishing gradient or a flat loss above the
	// point it started from did not converge: a step too long threw it
	// uphill onto a plateau, where ‖∇f‖ is small because the objective is
	// flat, not because it is at a minimum (e.g. a Gaussian fit whose
	// residuals saturate). It overshot: the same action as a blow-up.
	if stopped := in.Status == minimize.ConvergedGrad || in.Status == minimize.ConvergedF ||
		in.Status == minimize.NoProgress || gn <= gradTol; stopped && in.HasLR && lr > 0 &&
		last-F0 > 1e-9*math.Max(math.Abs(F0), math.Abs(last)) {
		return uphill(in, w, F0, last, lr)
	}

	switch in.Status {
	case minimize.ConvergedGrad, minimize.ConvergedF:
		text, acts := keepAdvice(in, lr)
		units := w.units
		if k == 1 {
			units = w.unit
		}
		return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr), Actions: acts,
			Advice: fmt.Sprintf("converged in %d %s to %s = %.6g; %s", k, units, w.f, w.v(last), text)}
	case minimize.Diverged:
		if last < F0 && belowMin(in, last) && (math.IsInf(lastF(F), -1) || F0-last > divFactor*math.Max(math.Abs(F0), 1)) {
			return unbounded(w, F0, last, k)
		}
		d := Diagnosis{Verdict: Diverged}
		blew := w.loss + " blew up"
		if gl := lastF(h.GradNorm); gl == 0 {
			blew = "the iterates ran off"
		}
		switch {
		case in.Bound > 0 && in.HasLR && lr >= in.Bound:
			d.SuggestedLR = safeLR(in)
			d.Actions = []Action{setLR(d.SuggestedLR)}
			d.Advice = fmt.Sprintf("%s (%s); lr %s is above the stable bound %s (L = %.4g): use lr ≈ %s", blew, in.Message, g4(lr), g4(in.Bound), in.L, g4(d.SuggestedLR))
		case in.Bound > 0 && in.HasLR && lr > 0:
			// Below the bound measured at the start and the best point, yet
			// it blew up: the curvature where the run went is larger.
			d.SuggestedLR = lr / 10
			d.Actions = []Action{setLR(d.SuggestedLR), clip}
			d.Advice = fmt.Sprintf("%s (%s) although lr %s is below the stable bound %s measured at the start (L = %.4g): the curvature is larger where the run went; reduce lr tenfold to %s, or clip the gradient%s", blew, in.Message, g4(lr), g4(in.Bound), in.L, g4(d.SuggestedLR), w.clip)
		case in.HasLR && lr > 0:
			d.SuggestedLR = lr / 10
			d.Actions = []Action{setLR(d.SuggestedLR), clip}
			d.Advice = fmt.Sprintf("%s (%s); reduce lr tenfold to %s, or clip the gradient%s", blew, in.Message, g4(d.SuggestedLR), w.clip)
		default:
			text, act := w.domainAdvice()
			d.Actions = []Action{act}
			d.Advice = fmt.Sprintf("the run blew up (%s); %s", in.Message, text)
		}
		return d
	case minimize.NoProgress:
		if gn <= math.Max(100*gradTol, 1e-6*g0) {
			return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr),
				Advice: fmt.Sprintf("the line search cannot improve %s = %.6g further (‖∇f‖ = %.3g): the point is a %s to the limit of floating-point precision", w.f, w.v(last), gn, w.extremum())}
		}
		return Diagnosis{Verdict: Stalled, Actions: []Action{{Kind: UseOptimizer, Optimizers: []string{"adam", "sgd"}}, {Kind: RescaleVars}},
			Advice: fmt.Sprintf("%s with ‖∇f‖ = %.3g still large: the function may be non-smooth (abs, min, max) or badly scaled here; line searches need smoothness: try a step-based optimizer (adam, or sgd with momentum) or rescale the variables", in.Message, gn)}
	}

	// A budget ran out (max_iters, max_epochs, timeout, interrupted).
	ranOut := "the budget ran out"
	if in.Status == minimize.Interrupted {
		ranOut = "the run was interrupted"
	}
	if gn <= gradTol {
		return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr), Actions: []Action{{Kind: SetGradTol}},
			Advice: fmt.Sprintf("‖∇f‖ = %.3g ≤ %g: the run sits at a stationary point (%s = %.6g) and only the budget stopped it; set a gradient tolerance to stop there", gn, gradTol, w.f, w.v(last))}
	}
	W := min(50, (k+1)/2)
	if W < 2 {
		return Diagnosis{Verdict: TooSlow, SuggestedLR: pos(lr), Actions: []Action{{Kind: RaiseBudget}},
			Advice: fmt.Sprintf("the run stopped after %d %s: too few to judge; raise the budget", k, w.units)}
	}
	// Converged to rounding: F has not moved over the window (beyond
	// 1e-12 relative) and ‖∇f‖ fell by six orders of magnitude: the
	// budget stopped a run that sits at a minimum, whatever the
	// gradient-norm tolerance says.
	if wf := F[k-W:]; in.Batch == 0 && maxSpread(wf) <= 1e-12*math.Max(1, math.Abs(last)) && gn <= 1e-6*g0 {
		text, acts := keepAdvice(in, lr)
		return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr), Actions: append(acts, Action{Kind: SetGradTol}),
			Advice: fmt.Sprintf("%s has not changed in the last %d %s (%.10g) and ‖∇f‖ fell from %.3g to %.3g: converged to rounding; %s (set a gradient tolerance above %.2g to stop there)", w.f, W, w.units, w.v(last), g0, gn, text, gn)}
	}
	// Unbounded: far below the start and falling faster and faster, or
	// falling ever faster on a slope whose gradient grows.
	if k >= 2*W && last < F0-1e6*math.Max(math.Abs(F0), 1) && belowMin(in, last) {
		recent := F[k-W] - F[k]
		before := F[k-2*W] - F[k-W]
		if recent > before && before > 0 {
			return unbounded(w, F0, last, k)
		}
	}
	if last < F0 && in.KnownUnbounded && accelerating(F[k-W:], h.GradNorm[k-W:]) {
		return unbounded(w, F0, last, k)
	}
	if last > F0 {
		// The loss ended above where it started: the steps overshoot.
		d := Diagnosis{Verdict: Diverged}
		switch {
		case in.Bound > 0 && in.HasLR && lr >= in.Bound:
			d.SuggestedLR = safeLR(in)
		case in.HasLR && lr > 0:
			d.SuggestedLR = lr / 10
		}
		d.Advice = fmt.Sprintf("%s %s from %.6g to %.6g in %d %s: the steps overshoot", w.f, w.rose, w.v(F0), w.v(last), k, w.units)
		if d.SuggestedLR > 0 {
			d.Actions = []Action{setLR(d.SuggestedLR), clip}
			d.Advice += fmt.Sprintf("; reduce lr to %s%s, or clip the gradient%s", g4(d.SuggestedLR), boundText, w.clip)
		}
		return d
	}
	backSteps, bounces, nCos, nDiff := 0, 0, 0, 0
	for i := k - W + 1; i <= k; i++ {
		if i < len(h.StepCos) && !math.IsNaN(h.StepCos[i]) {
			nCos++
			if h.StepCos[i] < -0.5 {
				backSteps++
			}
		}
		if i >= 2 {
			d1, d0 := F[i]-F[i-1], F[i-1]-F[i-2]
			if d1 != 0 && d0 != 0 {
				nDiff++
				if (d1 > 0) != (d0 > 0) {
					bounces++
				}
			}
		}
	}
	stochastic := in.stochastic()
	// The bound that tells a noise floor from instability is the one
	// where the run is now (BoundEnd, where set: cross-entropy flattens
	// as the fit improves), else the run's.
	nowBound := in.Bound
	if in.BoundEnd > 0 {
		nowBound = in.BoundEnd
	}
	if stochastic && (nDiff > 0 && 2*bounces >= nDiff) && !(nowBound > 0 && lr >= nowBound) {
		return noiseFloor(in, w, lr, F[k-W:], bounces, nDiff)
	}
	// An adaptive method's loss that rises in a quarter of its steps
	// without a noise source jumps around its minimum: its per-coordinate
	// steps (about lr each) are too large for the valley.
	jumpy := in.Family == Adaptive && !stochastic && 4*countRises(F[k-W:]) >= W
	if osc := (nCos > 0 && 2*backSteps >= nCos) || (nDiff > 0 && 2*bounces >= nDiff); osc && in.HasLR && lr > 0 && !stochastic {
		if d, ok := edgeOfStability(in, w, lr, F[k-W:], h.Sharpness); ok {
			return d
		}
	}
	// An adaptive method's steps zig-zag as it rescales each coordinate;
	// while its loss falls through the jitter (a least-squares fall over
	// the window above twice the scatter about the line, as for a noise
	// floor) the zig-zag costs less than halving the rate would.
	adaptiveFall := false
	if in.Family == Adaptive && !stochastic {
		drop, noise := trend(F[k-W:])
		adaptiveFall = drop > 2*noise
	}
	if ((nCos > 0 && 2*backSteps >= nCos) || (nDiff > 0 && 2*bounces >= nDiff) || jumpy) && !adaptiveFall {
		// A zig-zag that does not matter: a full-batch run whose loss,
		// over the window, moves by at most jitterShare of its whole
		// fall, with ‖∇f‖ down by settledFall or more, sits at its
		// minimum; an adaptive method's steps of about lr each keep it
		// jittering there (RAdam at 0.12 on log(1+(x−1)²) + (y+2)²/2:
		// from 14.8 to 5e-12, moving by 3e-11), and halving the rate for
		// that jitter only slows the way down.
		if spread := maxSpread(F[k-W:]); in.Batch == 0 && last < F0 && spread <= jitterShare*(F0-last) && gn <= settledFall*g0 {
			text, acts := keepAdvice(in, lr)
			return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr), Actions: acts,
				Advice: fmt.Sprintf("%s fell from %.6g to %.6g, and in the last %d %s it moved by %.2g only, a %.2g part of that fall, with ‖∇f‖ down from %.3g to %.3g: converged; the rest is the steps' jitter at the minimum; %s", w.f, w.v(F0), w.v(last), W, w.units, spread, spread/(F0-last), g0, gn, text)}
		}
		if shrink := spiral(in, F); shrink > 0 && in.HasLR && lr > 0 {
			return spiralAdvice(w, lr, shrink)
		}
		d := Diagnosis{Verdict: Oscillating}
		what := fmt.Sprintf("%d of the last %d steps reversed direction", backSteps, nCos)
		if !(nCos > 0 && 2*backSteps >= nCos) {
			what = fmt.Sprintf("%s changed direction %d times in the last %d %s", w.loss, bounces, nDiff, w.units)
		}
		if in.HasLR && lr > 0 {
			ref := lr
			if b := math.Max(in.Bound, in.BoundEnd); b > 0 {
				// BoundEnd, where set, is the bound where the run is now.
				ref = math.Min(lr, b)
			}
			d.SuggestedLR = ref / 2
			d.Actions = []Action{setLR(d.SuggestedLR)}
			if in.Family == Plain {
				d.Actions = append(d.Actions, Action{Kind: AddMomentum})
				near := "is close to the stability limit"
				if b := math.Max(in.Bound, in.BoundEnd); b > 0 && lr > b {
					near = "is above the stability limit"
				}
				d.Advice = fmt.Sprintf("the iterates zig-zag across a valley (%s): lr %s %s%s; halve it to %s, or add momentum", what, g4(lr), near, boundText, g4(d.SuggestedLR))
			} else {
				size := "is too large for the curvature here"
				if b := math.Max(in.Bound, in.BoundEnd); b > 0 && lr < b {
					// Below the bound (heavy ball near its optimal pair
					// spirals in): not too large, but close to the limit.
					size = "is close to the stability limit"
				}
				d.Advice = fmt.Sprintf("the iterates zig-zag across a valley (%s): lr %s %s%s; halve it to %s", what, g4(lr), size, boundText, g4(d.SuggestedLR))
			}
		} else {
			d.Actions = []Action{{Kind: UseOptimizer, Optimizers: []string{"lbfgs"}}}
			d.Advice = fmt.Sprintf("the iterates zig-zag (%s); try a method with curvature information (lbfgs)", what)
		}
		return d
	}
	change := math.Abs(F[k-W] - F[k])
	if change <= 1e-10*math.Max(math.Abs(last), 1e-300) && gn > 10*gradTol && gn >= 0.5*h.GradNorm[k-W] {
		d := Diagnosis{Verdict: Stalled}
		if in.HasLR && lr > 0 {
			d.SuggestedLR = 10 * lr
			d.Actions = []Action{setLR(d.SuggestedLR)}
			d.Advice = fmt.Sprintf("%s has not changed in the last %d %s although ‖∇f‖ = %.3g: the steps are too small to matter; raise lr to %s%s", w.f, W, w.units, gn, g4(d.SuggestedLR), boundText)
		} else {
			d.Advice = fmt.Sprintf("%s has not changed in the last %d %s although ‖∇f‖ = %.3g", w.f, W, w.units, gn)
		}
		return d
	}
	if last < F0 && in.HasLR && lr > 0 && nearFloor(in) && !smoothAnneal(in) {
		d := Diagnosis{Verdict: TooSlow, SuggestedLR: lr, Actions: []Action{{Kind: KeepLR, LR: lr}, {Kind: RaiseBudget}}}
		share, bound := "a tenth", "its lower bound"
		lower, _ := lowerBound(in)
		if !in.HasFLower {
			share, bound = "a hundredth", "the known minimum"
		}
		rate := "lr " + g4(lr)
		if in.BaseLR > 0 {
			rate = "the rate" // a schedule's last rate is not the one the user sets
		}
		d.Advice = fmt.Sprintf("%s fell from %.6g to %.6g, within %s of the way to %s %.6g, and still falls slowly: %s is fine; raise %s to go further", w.f, w.v(F0), w.v(last), share, bound, w.v(lower), rate, w.budget)
		return d
	}
	if last < F0 {
		d := Diagnosis{Verdict: TooSlow}
		fell := w.loss + " " + w.fell + " steadily"
		if rises := countRises(F[k-W:]); rises > W/10 {
			fell = fmt.Sprintf("%s %s overall (it %s in %d of the last %d %s)", w.loss, w.fell, w.rose, rises, W, w.units)
		}
		rho := math.Pow(gn/h.GradNorm[k-W], 1/float64(W))
		need := math.Inf(1)
		if rho < 1 && gn > gradTol {
			need = math.Log(gradTol/gn) / math.Log(rho)
		}
		budget := Action{Kind: RaiseBudget}
		if need < 1e9 {
			budget.Budget = k + int(math.Ceil(need))
		}
		if in.HasLR && lr > 0 {
			factor := (float64(k) + need) / float64(k)
			limit, capText := raiseCap(in, lr)
			s := math.Min(lr*factor, limit)
			if s <= lr*1.05 && in.Bound > 0 && lr > in.Bound {
				// Stable above the bound measured at the start: the
				// curvature fell along the run (a flattening loss).
				d.SuggestedLR = lr
				d.Actions = []Action{{Kind: KeepLR, LR: lr}, budget}
				d.Advice = fmt.Sprintf("%s but %s after %d %s (‖∇f‖ shrinks by %.4f per %s); lr %s is above the stable bound at the start (%s, L = %.4g) yet the run is stable: the curvature fell along the run; keep lr %s and raise %s", fell, ranOut, k, w.units, rho, w.unit, g4(lr), g4(in.Bound), in.L, g4(lr), w.budget)
			} else if s <= lr*1.05 {
				d.SuggestedLR = lr
				d.Actions = []Action{budget}
				remedy := "raise " + w.budget
				if overTravel(in, lr*1.05) {
					d.SuggestedLR = lr
					d.Actions = []Action{{Kind: KeepLR, LR: lr}, budget}
					d.Advice = fmt.Sprintf("%s %s slowly (‖∇f‖ shrinks by %.4f per %s) but lr %s is as large as the run's scale allows: a larger rate's first step alone would be longer than the %.3g the whole run travelled; keep lr %s and %s", w.loss, w.falls, rho, w.unit, g4(lr), in.Travel, g4(lr), remedy)
					return d
				}
				if in.Family == Plain {
					d.Actions = append(d.Actions, Action{Kind: AddMomentum}, Action{Kind: UseOptimizer, Optimizers: []string{"lbfgs"}})
					remedy += ", add momentum, or use lbfgs"
				} else if w.std != "" && (in.ScaleSpread > 10 || in.ScaleGain > 10) {
					d.Actions = append(d.Actions, Action{Kind: Standardize})
					remedy += " or " + w.std
				}
				d.Advice = fmt.Sprintf("%s %s slowly (‖∇f‖ shrinks by %.4f per %s) and lr %s is already near the stable limit%s: the problem is ill-conditioned — %s", w.loss, w.falls, rho, w.unit, g4(lr), boundText, remedy)
			} else {
				d.SuggestedLR = s
				d.Actions = []Action{setLR(s), budget}
				d.Advice = fmt.Sprintf("%s but %s after %d %s (‖∇f‖ shrinks by %.4f per %s; about %s more %s needed at this rate); raise lr to %s (%s) or raise %s", fell, ranOut, k, w.units, rho, w.unit, fmtSteps(need), w.units, g4(s), capText, w.budget)
			}
		} else {
			d.Actions = []Action{budget}
			d.Advice = fmt.Sprintf("%s but %s after %d %s; raise %s", fell, ranOut, k, w.units, w.budget)
		}
		return d
	}
	d := Diagnosis{Verdict: Stalled, Advice: fmt.Sprintf("%s did not %s its start value in %d %s", w.f, map[bool]string{false: "fall below", true: "rise above"}[w.max], k, w.units)}
	if in.HasLR && lr > 0 {
		d.SuggestedLR = 10 * lr
		d.Actions = []Action{setLR(d.SuggestedLR)}
		d.Advice += fmt.Sprintf("; raise lr to %s%s", g4(d.SuggestedLR), boundText)
	}
	return d
}

// nearFloor reports whether the run ended within a tenth of the way from
// its start to the objective's known lower bound (Input.FLower), or within
// nearMin of the way to its known minimum f* (a catalogue function: an
// adaptive method raised there zig-zags at the minimum's scale — Bard
// under NAdam at 0.0316 ends at 0.009886 against f* = 0.008215, and
// 0.316, faster over a probe from the best point, ends at 0.196).
func nearFloor(in Input) bool {
	F := in.History.F
	if len(F) == 0 {
		return false
	}
	last := lastFinite(F)
	if !in.HasFLower {
		// A known minimum: within nearMin of the way.
		return in.KnownMin && last < F[0] && last-in.FStar <= nearMin*(F[0]-in.FStar)
	}
	return last < F[0] && last-in.FLower <= 0.1*(F[0]-in.FLower)
}

// nearMin is nearFloor's share of the way from the start to a known
// minimum f* — the true minimum, where a training loss's bound 0 may lie
// far below the best fit (hence its tenth). On the advice benchmark 1e-3
// and 1e-2 gained 7 and 12 helpful hops and lost none; 3e-2 gained two
// honest ones (Rosenbrock under RMSprop at 0.00316, 1.2 % of the way) but
// lost a helpful one.
const nearMin = 1e-2

// accelerating reports whether F falls at every step of the window, each
// fall at least as large as the one before (to rounding), while ‖∇f‖ does
// not shrink: the path runs down a slope that stays as steep or steepens
// (a linear direction, or negative curvature). A convex function under a
// stable step makes ‖∇f‖ shrink, so it never matches.
func accelerating(F, gn []float64) bool {
	for i := 2; i < len(F); i++ {
		d1, d0 := F[i-1]-F[i], F[i-2]-F[i-1]
		if !(d1 > 0 && d0 > 0 && d1 >= d0*(1-1e-9)) {
			return false
		}
	}
	return gn[len(gn)-1] >= gn[0]*(1-1e-12)
}

// uphill is the diagnosis of a run that came to rest above its start.
// The rate to use is the stable one when the bound is known and lr is
// above it, else lr/10, as after a blow-up.
func uphill(in Input, w words, F0, last, lr float64) Diagnosis {
	d := Diagnosis{Verdict: Diverged, SuggestedLR: lr / 10}
	why := "a step too long threw the run onto a flat region, where the gradient vanishes without a minimum"
	if in.Bound > 0 && lr >= in.Bound {
		d.SuggestedLR = safeLR(in)
		why = fmt.Sprintf("lr %s is above the stable bound %s (L = %.4g): a step threw the run onto a flat region, where the gradient vanishes without a minimum", g4(lr), g4(in.Bound), in.L)
	}
	d.Actions = []Action{{Kind: SetLR, LR: d.SuggestedLR}}
	d.Advice = fmt.Sprintf("%s came to rest at %s = %.6g, worse than at its start (%.6g): it did not converge; %s; use lr ≈ %s", w.loss, w.f, w.v(last), w.v(F0), why, g4(d.SuggestedLR))
	return d
}

func unbounded(w words, F0, last float64, k int) Diagnosis {
	dir := "decreases"
	if w.max {
		dir = "increases"
	}
	return Diagnosis{Verdict: Unbounded, Actions: []Action{{Kind: CheckObjective}},
		Advice: fmt.Sprintf("%s %s without bound (from %.6g to %.6g in %d %s): the function has no %s along this path; no learning rate fixes that — bound the variables or check the formula", w.f, dir, w.v(F0), w.v(last), k, w.units, w.extremum())}
}

// extremum is what the run looks for: "minimum", or "maximum".
func (w words) extremum() string {
	if w.max {
		return "maximum"
	}
	return "minimum"
}

func keepAdvice(in Input, lr float64) (string, []Action) {
	if !in.HasLR || !(lr > 0) {
		return "nothing to change", nil
	}
	if in.Bound > 0 && lr < in.Bound/20 {
		return fmt.Sprintf("lr %s worked; up to %s would be stable and may be faster", g4(lr), g4(in.Bound/2)), []Action{{Kind: KeepLR, LR: lr}}
	}
	return goodChoice(lr), []Action{{Kind: KeepLR, LR: lr}}
}

// belowMin reports whether v lies below the known minimum (by more than
// rounding), or no minimum is known: only then can a fall be unbounded.
func belowMin(in Input, v float64) bool {
	return !in.KnownMin || v < in.FStar-1e-9*math.Max(1, math.Abs(in.FStar))
}

// jitterShare is the most a full-batch run's loss may move over the last
// window, as a share of its whole fall, for a run whose ‖∇f‖ fell by
// settledFall to be converged through its jitter (see diagnose).
const jitterShare = 1e-9

// settled reports whether ‖∇f‖ fell by settledFall or more from the
// run's start to its end: a zig-zag there is at the scale of the minimum,
// the run converged through it, and probes from the start — which see
// only the first tenth of the way — cannot rank rates by it.
func settled(in Input) bool {
	g := in.History.GradNorm
	if len(g) < 2 || !(g[0] > 0) {
		return false
	}
	last := lastFinite(g)
	return last <= settledFall*g[0]
}

// settledFall is the fall of ‖∇f‖ beyond which a run is settled.
const settledFall = 1e-6

// edgeOfStability recognizes a full-batch run at the edge of stability
// (Cohen, Kaur, Li, Kolter & Talwalkar, "Gradient Descent on Neural
// Networks Typically Occurs at the Edge of Stability", ICLR 2021): the
// sharpness λmax measured in the window (History.Sharpness, when the run
// tracked it) sits between 0.8 and 1.25 times 2/lr (the sharpness hovers at or just above 2/lr), and the loss, though it bounces,
// fell over the window by more than 1 % of its level. Such a run is not
// unstable: the sharpness adapts to the rate and the loss keeps falling,
// so lr is kept rather than halved.
func edgeOfStability(in Input, w words, lr float64, win, sharp []float64) (Diagnosis, bool) {
	k := len(in.History.F) - 1
	lambda := math.NaN()
	for i := k; i > k-len(win) && i >= 0; i-- {
		if i < len(sharp) && !math.IsNaN(sharp[i]) {
			lambda = sharp[i]
			break
		}
	}
	if r := lambda * lr / 2; math.IsNaN(lambda) || r < 0.8 || r > 1.25 {
		return Diagnosis{}, false
	}
	fall := win[0] - win[len(win)-1]
	if !(fall > 0.01*math.Max(math.Abs(win[len(win)-1]), 1e-300)) {
		return Diagnosis{}, false
	}
	return Diagnosis{Verdict: TooSlow, SuggestedLR: lr, Actions: []Action{{Kind: KeepLR, LR: lr}, {Kind: RaiseBudget}},
		Advice: fmt.Sprintf("%s bounces but %s from %.6g to %.6g over the last %d %s while the sharpness λmax = %.4g sits at the edge of stability 2/lr = %.4g (Cohen et al. 2021): the rate is not unstable, the curvature adapts to it; keep lr %s and raise %s", w.loss, w.fell, w.v(win[0]), w.v(win[len(win)-1]), len(win), w.units, lambda, 2/lr, g4(lr), w.budget)}, true
}

// smoothAnneal reports whether a mini-batch run under an annealing
// schedule (see annealed) fell at every unit of its history and ended
// above a hundredth of the way to the objective's lower bound. Such a run
// is not kept by the near-floor rule (nearFloor's tenth): a rate whose
// loss never rose on mini-batches, not even at the schedule's peak, never
// met its noise floor, and the schedule anneals a higher rate's floor
// away before the end, so the tenth left to the bound says nothing of the
// rate — the slow-run rule weighs a raise (a ReLU MLP on standardized iris
// under Adagrad, onecycle at max_lr 0.1, batch 32, 40 epochs: 1.098 →
// 0.1079 without a rise, kept as "within a tenth of the way to 0", while
// 0.316 ends at 0.0487 and 1 at 0.0367; the raise to 0.294 ends at
// 0.0506). Within a hundredth of the way the keep stands: a wine MLP
// under AdamW at 0.0316 ends at 0.0025 from 1.92, and 0.0996 at 0.0046.
// On every benchmark set this cut one-hop and reach-3 failures by
// 3 and 6 and added none.
func smoothAnneal(in Input) bool {
	F := in.History.F
	if !in.stochastic() || !annealed(in) || !in.HasFLower || len(F) < 2 || countRises(F) > 0 {
		return false
	}
	return lastFinite(F)-in.FLower > nearMin*(F[0]-in.FLower) // a hundredth, as to a known minimum
}

// goodChoice is the converged verdict's word on a rate lr.
func goodChoice(lr float64) string {
	return fmt.Sprintf("lr %s is a good choice for this problem", g4(lr))
}

// Package diagnose reads the history of a run and says what happened, what
// to change, and which learning rate to try next.
//
// # Verdicts and the rules behind them
//
// F is the loss as minimized (−f when maximizing), W = min(50, ⌈k/2⌉) the
// window of the last iterations of a k-iteration run, B the stable
// learning-rate bound (2/L for gradient descent; see package curvature) when
// one applies, and lr the learning rate of the last step.
//
//	converged    the run stopped on the gradient-norm or f-change rule, or a
//	             budget stopped it with ‖∇f‖ ≤ grad-tol (1e-8 when the rule
//	             was off), or a
//	             line search could not improve a point whose gradient norm is
//	             ≤ max(100·grad-tol, 1e-6·‖∇f(x₀)‖). suggested_lr = lr.
//	unbounded    F fell without bound: the run diverged downhill (F → −∞ or
//	             F₀ − F > DivergeFactor·max(|F₀|,1)), or the budget ran out
//	             while F fell below F₀ − 1e6·max(|F₀|,1) with the fall
//	             accelerating (the last W iterations fell more than the W
//	             before), or F fell at every step of the window by amounts
//	             that never shrink while ‖∇f‖ did not shrink either (a slope
//	             that stays as steep or steepens: a linear direction or
//	             negative curvature). No learning rate fixes it:
//	             suggested_lr = null.
//	diverged     f or x became non-finite, or F grew far above F₀.
//	             suggested_lr = B/2 when a bound exists (safely below it),
//	             else lr/10.
//	oscillating  in the last W iterations, at least half the successive
//	             steps point backwards (cosine between steps < −0.5: the
//	             iterates zig-zag across a valley), or at least half the
//	             changes of F change sign (the loss bounces).
//	             suggested_lr = min(lr, B)/2.
//	stalled      no progress although the gradient is not small: |ΔF| over
//	             the last W iterations ≤ 1e-10·|F| while ‖∇f‖ > 10·grad-tol
//	             and ‖∇f‖ did not halve over the window, or a line search
//	             failed far from a stationary point. suggested_lr = 10·lr (the step is too small to
//	             matter) when the method has a learning rate.
//	too_slow     the budget ran out while F kept falling steadily. From the
//	             observed geometric rate ρ of ‖∇f‖ over the window, the steps
//	             still needed are s = log(grad-tol/‖∇f‖)/log ρ; since the
//	             rate of gradient descent scales with lr on the slow modes,
//	             suggested_lr = lr·(k+s)/k, capped at B/2 (1/L for GD) when a bound
//	             exists (the fastest safe rate for the stiffest mode) and at
//	             10·lr otherwise.
//
// A run that a budget stopped with F above F₀ is diverged (its steps
// overshoot; suggested_lr as for diverged) — checked before oscillation, so
// a zig-zag that grows is diverged and one that shrinks is oscillating.
// When none of the patterns is clear, a run that lowered F is too_slow and
// one that ended at F₀ is stalled.
package diagnose

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/descentgo/descent/minimize"
)

// Verdict names what happened in a run.
type Verdict string

// The verdicts.
const (
	Converged   Verdict = "converged"
	TooSlow     Verdict = "too_slow"
	Oscillating Verdict = "oscillating"
	Diverged    Verdict = "diverged"
	Stalled     Verdict = "stalled"
	Unbounded   Verdict = "unbounded"
)

// Input is what the diagnosis reads.
type Input struct {
	Status   minimize.Status
	Message  string
	History  minimize.History
	Maximize bool
	GradTol  float64 // the run's grad-tol (0: 1e-8 is assumed for the rules)
	// DivergeFactor of the run (0 means minimize's default 1e10).
	DivergeFactor float64
	// Bound is the stable learning-rate bound (0 when none applies) and L
	// the largest Hessian eigenvalue it came from.
	Bound, L float64
	// HasLR says whether the method has a learning rate (line searches and
	// L-BFGS have none to suggest).
	HasLR bool
}

// Diagnosis is the verdict on a run, in the shape of the JSON output.
type Diagnosis struct {
	Verdict     Verdict `json:"verdict"`
	Advice      string  `json:"advice"`
	SuggestedLR float64 `json:"-"` // 0 when there is no suggestion
}

// MarshalJSON writes {"verdict", "advice", "suggested_lr"} with null for no
// suggestion.
func (d Diagnosis) MarshalJSON() ([]byte, error) {
	var s *float64
	if d.SuggestedLR > 0 && !math.IsInf(d.SuggestedLR, 0) {
		s = &d.SuggestedLR
	}
	return json.Marshal(struct {
		Verdict     Verdict  `json:"verdict"`
		Advice      string   `json:"advice"`
		SuggestedLR *float64 `json:"suggested_lr"`
	}{d.Verdict, d.Advice, s})
}

// Diagnose applies the rules of the package doc.
func Diagnose(in Input) Diagnosis {
	h := in.History
	sign := 1.0
	if in.Maximize {
		sign = -1
	}
	F := make([]float64, len(h.F))
	for i, v := range h.F {
		F[i] = sign * v
	}
	k := len(F) - 1
	if k < 0 {
		return Diagnosis{Verdict: Stalled, Advice: "the run recorded no iterations"}
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

	switch in.Status {
	case minimize.ConvergedGrad, minimize.ConvergedF:
		return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr),
			Advice: fmt.Sprintf("converged in %d iterations to f = %.6g; %s", k, sign*last, keepAdvice(in, lr))}
	case minimize.Diverged:
		if last < F0 && (math.IsInf(lastF(F), -1) || F0-last > divFactor*math.Max(math.Abs(F0), 1)) {
			return unbounded(F0, last, sign, k)
		}
		d := Diagnosis{Verdict: Diverged}
		switch {
		case in.Bound > 0:
			d.SuggestedLR = in.Bound / 2
			d.Advice = fmt.Sprintf("the loss blew up (%s); lr %s is above the stable bound %s (L = %.4g): use lr ≈ %s", in.Message, g4(lr), g4(in.Bound), in.L, g4(d.SuggestedLR))
		case in.HasLR && lr > 0:
			d.SuggestedLR = lr / 10
			d.Advice = fmt.Sprintf("the loss blew up (%s); reduce lr tenfold to %s, or clip the gradient (--clip-norm)", in.Message, g4(d.SuggestedLR))
		default:
			d.Advice = fmt.Sprintf("the run blew up (%s); check the formula's domain and the start point", in.Message)
		}
		return d
	case minimize.NoProgress:
		if gn <= math.Max(100*gradTol, 1e-6*g0) {
			return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr),
				Advice: fmt.Sprintf("the line search cannot improve f = %.6g further (‖∇f‖ = %.3g): the point is a minimum to the limit of floating-point precision", sign*last, gn)}
		}
		return Diagnosis{Verdict: Stalled, Advice: fmt.Sprintf("%s with ‖∇f‖ = %.3g still large: the function may be non-smooth (abs, min, max) or badly scaled here; line searches need smoothness: try a step-based optimizer (adam, or sgd with momentum) or rescale the variables", in.Message, gn)}
	}

	// A budget ran out (max_iters, timeout, interrupted).
	if gn <= gradTol {
		return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr),
			Advice: fmt.Sprintf("‖∇f‖ = %.3g ≤ %g: the run sits at a stationary point (f = %.6g) and only the budget stopped it; set a gradient tolerance to stop there", gn, gradTol, sign*last)}
	}
	W := min(50, (k+1)/2)
	if W < 2 {
		return Diagnosis{Verdict: TooSlow, SuggestedLR: pos(lr), Advice: fmt.Sprintf("the run stopped after %d iterations: too few to judge; raise the budget", k)}
	}
	// Unbounded: far below the start and falling faster and faster, or
	// falling ever faster on a slope whose gradient grows.
	if k >= 2*W && last < F0-1e6*math.Max(math.Abs(F0), 1) {
		recent := F[k-W] - F[k]
		before := F[k-2*W] - F[k-W]
		if recent > before && before > 0 {
			return unbounded(F0, last, sign, k)
		}
	}
	if last < F0 && accelerating(F[k-W:], h.GradNorm[k-W:]) {
		return unbounded(F0, last, sign, k)
	}
	if last > F0 {
		// The loss ended above where it started: the steps overshoot.
		d := Diagnosis{Verdict: Diverged}
		switch {
		case in.Bound > 0 && in.HasLR:
			d.SuggestedLR = in.Bound / 2
		case in.HasLR && lr > 0:
			d.SuggestedLR = lr / 10
		}
		d.Advice = fmt.Sprintf("f rose from %.6g to %.6g in %d iterations: the steps overshoot", sign*F0, sign*last, k)
		if d.SuggestedLR > 0 {
			d.Advice += fmt.Sprintf("; reduce lr to %s%s, or clip the gradient (--clip-norm)", g4(d.SuggestedLR), boundText)
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
	if (nCos > 0 && 2*backSteps >= nCos) || (nDiff > 0 && 2*bounces >= nDiff) {
		d := Diagnosis{Verdict: Oscillating}
		what := fmt.Sprintf("%d of the last %d steps reversed direction", backSteps, nCos)
		if !(nCos > 0 && 2*backSteps >= nCos) {
			what = fmt.Sprintf("the loss changed direction %d times in the last %d iterations", bounces, nDiff)
		}
		if in.HasLR && lr > 0 {
			ref := lr
			if in.Bound > 0 {
				ref = math.Min(lr, in.Bound)
			}
			d.SuggestedLR = ref / 2
			d.Advice = fmt.Sprintf("the iterates zig-zag across a valley (%s): lr %s is close to the stability limit%s; halve it to %s, or add momentum", what, g4(lr), boundText, g4(d.SuggestedLR))
		} else {
			d.Advice = fmt.Sprintf("the iterates zig-zag (%s); try a method with curvature information (lbfgs)", what)
		}
		return d
	}
	change := math.Abs(F[k-W] - F[k])
	if change <= 1e-10*math.Max(math.Abs(last), 1e-300) && gn > 10*gradTol && gn >= 0.5*h.GradNorm[k-W] {
		d := Diagnosis{Verdict: Stalled}
		if in.HasLR && lr > 0 {
			d.SuggestedLR = 10 * lr
			d.Advice = fmt.Sprintf("f has not changed in the last %d iterations although ‖∇f‖ = %.3g: the steps are too small to matter; raise lr to %s%s", W, gn, g4(d.SuggestedLR), boundText)
		} else {
			d.Advice = fmt.Sprintf("f has not changed in the last %d iterations although ‖∇f‖ = %.3g", W, gn)
		}
		return d
	}
	if last < F0 {
		d := Diagnosis{Verdict: TooSlow}
		rho := math.Pow(gn/h.GradNorm[k-W], 1/float64(W))
		need := math.Inf(1)
		if rho < 1 && gn > gradTol {
			need = math.Log(gradTol/gn) / math.Log(rho)
		}
		if in.HasLR && lr > 0 {
			factor := (float64(k) + need) / float64(k)
			capText := "at most 10× per change"
			limit := 10 * lr
			if in.Bound > 0 {
				limit = in.Bound / 2
				capText = fmt.Sprintf("capped at %s, half the stable bound", g4(limit))
			}
			s := math.Min(lr*factor, limit)
			if s <= lr*1.05 {
				d.SuggestedLR = lr
				d.Advice = fmt.Sprintf("the loss falls steadily but slowly (‖∇f‖ shrinks by %.4f per step) and lr %s is already near the stable limit%s: the problem is ill-conditioned — raise --max-iters, add momentum, or use lbfgs", rho, g4(lr), boundText)
			} else {
				d.SuggestedLR = s
				d.Advice = fmt.Sprintf("the loss fell steadily but the budget ran out after %d iterations (‖∇f‖ shrinks by %.4f per step; about %s more steps needed at this rate); raise lr to %s (%s) or raise --max-iters", k, rho, fmtSteps(need), g4(s), capText)
			}
		} else {
			d.Advice = fmt.Sprintf("the loss fell steadily but the budget ran out after %d iterations; raise --max-iters", k)
		}
		return d
	}
	d := Diagnosis{Verdict: Stalled, Advice: fmt.Sprintf("f did not fall below its start value in %d iterations", k)}
	if in.HasLR && lr > 0 {
		d.SuggestedLR = 10 * lr
		d.Advice += fmt.Sprintf("; raise lr to %s%s", g4(d.SuggestedLR), boundText)
	}
	return d
}

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

func unbounded(F0, last, sign float64, k int) Diagnosis {
	return Diagnosis{Verdict: Unbounded,
		Advice: fmt.Sprintf("f decreases without bound (from %.6g to %.6g in %d iterations): the function has no minimum along this path; no learning rate fixes that — bound the variables or check the formula", sign*F0, sign*last, k)}
}

func keepAdvice(in Input, lr float64) string {
	if !in.HasLR || !(lr > 0) {
		return "nothing to change"
	}
	if in.Bound > 0 && lr < in.Bound/20 {
		return fmt.Sprintf("lr %s worked; up to %s would be stable and may be faster", g4(lr), g4(in.Bound/2))
	}
	return fmt.Sprintf("lr %s is a good choice for this problem", g4(lr))
}

func lastFinite(v []float64) float64 {
	for i := len(v) - 1; i >= 0; i-- {
		if !math.IsNaN(v[i]) && !math.IsInf(v[i], 0) {
			return v[i]
		}
	}
	return math.NaN()
}

func lastF(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	return v[len(v)-1]
}

func pos(v float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return 0
}

func g4(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.4g", v), ".") }

func fmtSteps(s float64) string {
	if math.IsInf(s, 0) || s > 1e9 {
		return "a great many"
	}
	return fmt.Sprintf("%.0f", math.Ceil(s))
}

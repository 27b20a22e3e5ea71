package diagnose

import (
	"fmt"
	"math"
)

// selfSized reads a run of a method whose rate is only its first step
// size (Input.GrownStep, optim.StepSizer: Rprop). Such a method grows a
// coordinate's step Δᵢ by η₊ while its gradient keeps its sign and
// shrinks it by η₋ when the sign flips, within [Δmin, Δmax] (Riedmiller &
// Braun 1993), so after its first steps the run goes at the sizes the
// gradient's signs chose, whatever lr was:
//
//   - a zig-zag is how it closes in (every flip halves the step), not a
//     rate above a stability limit: a cut is not advised, unless a probe
//     from the start shows the cut going further — the first steps, of
//     size lr, can throw the run where it stays (Powell's badly scaled
//     function, whose x₁* is 1.1e-5, at 0.0316 and 0.1 zig-zags at 1.04
//     for 1000 iterations from 1.135; at 0.01 it ends at 0.0038);
//   - a slow run whose steps grew past lr would have gone further had it
//     started at the size they grew to, c = min(max Δᵢ, Δmax), which the
//     next run then starts at when a probe from the start at c neither
//     blows up nor ends above the start;
//   - a slow run whose steps reached Δmax is held back by the ceiling, not
//     by the rate: the advice raises Δmax tenfold (a set_param action).
//
// Brown's badly scaled function under Rprop from any lr in 1e-5 … 10 for
// 500 iterations: x must travel 10⁶ at steps of at most 50, and every run
// ends within 1 % of 9.5·10¹¹; the larger the first step, the sooner the
// steps reach 50.
func selfSized(in Input, d Diagnosis) Diagnosis {
	lr := userLR(in)
	if !(in.StepCeiling > 0) || !in.HasLR || !(lr > 0) || in.BaseLR > 0 {
		return d
	}
	switch d.Verdict {
	case Oscillating:
		if s := d.SuggestedLR; s > 0 && s < lr && !startPrefers(in, s, lr) {
			keepRate(&d, lr)
			d.Advice += fmt.Sprintf("; but the method halves a coordinate's step each time its gradient flips sign, so the zig-zag is how it closes in, and lr, only its first step, is not the cause: keep lr %s", g4(lr))
		}
		return d
	case TooSlow, Stalled:
	default:
		return d
	}
	top := in.StepCeiling
	name := in.StepCeilingParam
	if name == "" {
		name = "the largest step size"
	}
	capped := ""
	if in.GrownStep >= top*(1-1e-9) {
		capped = fmt.Sprintf("their ceiling %s = %s, which holds the run back more than any rate: raise %s to %s, and", name, g4(top), name, g4(10*top))
	}
	raiseCeiling := func(d Diagnosis) Diagnosis {
		if capped != "" {
			d.Actions = append(d.Actions, Action{Kind: SetParam, Param: name, Value: 10 * top})
		}
		return d
	}
	c := math.Min(in.GrownStep, top)
	if c > lr*math.Sqrt(10) && (d.SuggestedLR <= lr || d.SuggestedLR < c) && (in.ProbeStart == nil || startOK(in)(c)) {
		setRate(&d, c)
		if capped == "" {
			d.Advice += fmt.Sprintf("; but lr is only the method's first step, and its steps grew to %s: start there: use lr %s", g4(c), g4(c))
		} else {
			d.Advice += fmt.Sprintf("; but lr is only the method's first step, and its steps grew to %s start the next run at that size: use lr %s", capped, g4(c))
		}
		return raiseCeiling(d)
	}
	if capped != "" && d.SuggestedLR > 0 {
		verb := "use"
		if d.SuggestedLR == lr {
			verb = "keep"
		}
		d.Advice += fmt.Sprintf("; but the method's steps grew to %s %s lr %s", capped, verb, g4(d.SuggestedLR))
	}
	return raiseCeiling(d)
}

// startPrefers reports whether probes from the start show rate s going
// further than lr.
func startPrefers(in Input, s, lr float64) bool {
	if in.ProbeStart == nil {
		return false
	}
	vs, vl := in.ProbeStart(s), in.ProbeStart(lr)
	return finite(vs) && (!finite(vl) || vs < vl)
}

package diagnose

import "fmt"

// travelCap caps the cut of an oscillating adaptive run by the way the
// run travelled. An adaptive method moves every coordinate by about lr per
// step whatever the gradient's size, so its step is lr·StepPerLR long (the
// first step's length per unit of rate, optim.FirstStepPerLR), and a run
// whose steps are a sizeable part of the whole way from the start to its
// best point (Travel) cannot settle into the valley it reached: it bounces
// across it, and at such rates where a run ends is chaotic in the rate — a
// halved rate can end far higher than lr. The cut (from the verdict, the
// probes from the best point or from the start) is therefore lowered to
//
//	c = Travel / (travelSteps · StepPerLR),
//
// the rate whose step is a travelSteps-th of the way, when it is above
// that. For RMSprop, whose first step is 1/√(1−α) times its later ones,
// the cap is the more cautious.
//
// Cases (bench/advice, each the good rate sent out of the good set before
// the cap): NAdam on Booth at 3.16 for 300 iterations ends at 3.30; the
// halved rate 1.58 ends at 60.2, the cap 0.689 converges (1.5e-17). NAdam
// on (x+y+z−3)² + 2(x−y)² + 4(y−z)² from (4, −2, 1) at 3.16 ends at 4.0,
// 1.58 at 26.7, the cap 0.786 converges (2.8e-18). Standardized wine,
// linear model, full-batch RMSprop at 0.316 was cut to 0.158 (0.087) and
// then to 0.079 (0.32); the cap sends it to 0.0097 (0.0598). On every set
// of the benchmark, failures honest/helpful/one-hop/reach-3 went from
// 7/82/216/92 to 4/68/211/92 with travelSteps 3, and no set gained one; 2
// gave 4/74/211/92, 4 cost Holdout46 a reach-3.
func travelCap(in Input, d Diagnosis) Diagnosis {
	lr, s := userLR(in), d.SuggestedLR
	if d.Verdict != Oscillating || in.Family != Adaptive || !(in.StepPerLR > 0) || !(in.Travel > 0) || !(s > 0) || !(s < lr) || neverBelowStart(in) {
		// A run that never went below its start made no way to measure
		// (signSGD on Powell's singular function at 3.16 bounces back to
		// its start, 4e-16 from it: the cap would be 7e-17).
		return d
	}
	c := in.Travel / (travelSteps * in.StepPerLR)
	if !(c < s) {
		return d
	}
	setAction(&d, c)
	d.SuggestedLR = c
	d.Advice += fmt.Sprintf("; at lr %s each step would still be %.3g long, more than a %s of the %.3g the run travelled from its start to its best point, and an adaptive run bounces across a valley that few steps span: use lr %s, whose step is %.3g", g4(s), s*in.StepPerLR, travelShare, in.Travel, g4(c), c*in.StepPerLR)
	return d
}

// travelSteps is how many steps of an adaptive method's rate the way a run
// travelled must span at least, after a cut of its oscillation
// (travelCap); travelShare names its reciprocal in the advice.
const (
	travelSteps = 3
	travelShare = "third"
)

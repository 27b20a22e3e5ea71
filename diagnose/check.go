package diagnose

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// overTravel reports whether an adaptive method's first step at rate s
// would be longer than the distance the whole run travelled.
func overTravel(in Input, s float64) bool {
	return in.Family == Adaptive && in.StepPerLR > 0 && in.Travel > 0 && s*firstStepPerLR(in) > in.Travel
}

// firstStepPerLR is the length of the next run's first step per unit of
// the rate the user sets: StepPerLR, times the share of that rate the
// schedule starts at when it warms up (onecycle's first step is taken at
// max_lr/25). RAdam's first steps are unscaled: on standardized diabetes
// (the intercept must travel 152) the first step is 357·lr long, and a run
// under onecycle at max_lr 0.316, short of the way (10,555 against 2,864
// at 10), travelled 73 — a cap of 73/357 = 0.205 without the warmup's 1/25
// kept it there, while its first step at 1 is 14 long.
func firstStepPerLR(in Input) float64 {
	k := in.StepPerLR
	if lr := in.History.LR; in.BaseLR > 0 && len(lr) > 0 && lr[0] > 0 && lr[0] < in.BaseLR {
		k *= lr[0] / in.BaseLR
	}
	return k
}

// atTravel reports whether an adaptive method's rate lr is at or above the
// whole distance the run travelled: each coordinate moves by about lr per
// step — by StepPerLR·lr in all, at least lr along one coordinate — or by
// less when the first step per unit of rate is below 1 (Adadelta's
// first steps are lr·√(ε/(1−ρ)) per coordinate, 0.3 % of lr: a run at
// 1e-5 that travelled 1e-5 in 300 steps is slow, not too fast).
func atTravel(in Input, lr float64) bool {
	step := lr
	if in.StepPerLR > 0 {
		step *= math.Min(1, in.StepPerLR)
	}
	return in.Travel > 0 && step >= in.Travel
}

// check tests a suggestion s ≠ lr with the front end's probe before it is
// given: continuing from the best point, s must reach a lower objective
// than lr does; otherwise the geometric mean √(s·lr) is tried, and when
// neither beats lr the current rate is kept (the rule was wrong about this
// run, and a hop would make it worse). A run that blew up is not compared
// (its rate is not a reference); its suggestion is cut by √10 until its
// probe stays finite, at most twice.
func check(in Input, d Diagnosis) Diagnosis {
	w := wordsOf(in)
	lr := userLR(in)
	s := d.SuggestedLR
	if in.Probe == nil || !in.HasLR || !(lr > 0) || !(s > 0) {
		return d
	}
	if math.Abs(s-lr) <= 0.01*lr || (s > lr && in.Family == Adaptive && atTravel(in, lr)) {
		return checkKeep(in, d, lr)
	}
	if d.Verdict == Diverged {
		// From the best point, a rate that does not blow up must also not
		// climb: a probe that ends above where it started overshoots.
		fBest := in.ProbeFrom
		if !finite(fBest) {
			fBest = math.Inf(1)
		}
		for range 3 {
			if v := in.Probe(s); finite(v) && v <= fBest {
				if s != d.SuggestedLR {
					break
				}
				return d
			}
			s /= math.Sqrt(10)
		}
		setAction(&d, s)
		d.SuggestedLR = s
		d.Advice += fmt.Sprintf("; a check from the best point found that rate still overshoots: use lr %s", g4(s))
		return d
	}
	base := in.Probe(lr)
	if !finite(base) {
		return d
	}
	if d.Verdict == NoiseFloor && s < lr {
		base = math.Max(base, floorLevel(in))
	}
	if s > lr && (d.Verdict == TooSlow || d.Verdict == Stalled) {
		// A stalled run's tenfold raise is checked as a slow run's: Adam
		// on Brown's badly scaled function at 1e-5 has steps of about lr
		// where x must travel 10⁶, and 1e-4 stalls too.
		// Climb while the probe improves: s, then ×10 per probe, up to
		// the stable cap (or 10⁴·lr without a bound), at most 4 probes —
		// 6 probes and 10⁶·lr for an adaptive method, whose rate has no
		// bound to cap it (on mini-batches its climb stops where it
		// saturates instead, see saturates): from a rate 10⁵ times too
		// small, four probes stop short (diabetes' standardized linear
		// model under full-batch Adagrad from 1e-5: 0.1, where 10 is
		// best).
		hi, _ := raiseCap(in, lr)
		probes, reach := 4, 1e4
		if in.Family == Adaptive {
			probes, reach = 6, 1e6
		}
		if in.BoundEnd <= 0 && in.Bound <= 0 {
			hi = reach * lr
		}

		best, bestV := lr, base
		knee, kneeNote, top := false, "", false
		for c, i := s, 0; i < probes && c <= hi*(1+1e-12); c, i = math.Min(c*10, hi), i+1 {
			v := in.Probe(c)
			if !(finite(v) && better(v, bestV)) {
				knee = true
				break
			}
			if saturates(in, lr, best, base, bestV, v) {
				break
			}
			best, bestV = c, v
			if c == hi {
				top = true
				// On mini-batches a climb stopped by its reach (no bound
				// caps an adaptive rate) is treated as a knee too: the
				// probe could not show the noise floor of the rate it
				// climbed to (diabetes' linear Adam at batch 8 from 1e-5
				// reached 10, 4,427 against 2,870 at 1).
				knee = in.stochastic() && in.BoundEnd <= 0 && in.Bound <= 0
				break
			}
		}
		if knee && in.Family == Adaptive && !in.ProbeStartCompare && (best >= 100*lr || best >= 10*s*(1-1e-12)) {
			// An adaptive climb of a training run (no probes from the
			// start long enough to rank the rates) that went two decades
			// or more and stopped where the next rate did worse stopped
			// at the best rate for one probe: the user's run is many
			// probes long, covers the way at a lower rate and pays for
			// the higher one all along — its noise floor on mini-batches
			// (Holdout20: raises to 3.16 and 31.6 where 1 and 10 end
			// lower over the whole run), its zig-zag on full ones
			// (diabetes' MLP under full-batch RMSprop and Adagrad: 31.6
			// and 316 where 0.3–3 end lower). Half a decade lower is
			// closer to its best. So is a climb that went a decade past
			// the verdict's own raise s, even short of two decades above
			// lr (iris' third class under RAdam at 0.316, batch 32: s =
			// 2.94, the probes climbed to 29.4, whose run ends at 0.151
			// against 0.0997 at lr; 9.3 ends at 0.062).
			//
			// Under a schedule that anneals (annealed) the higher rate is
			// paid for only until the schedule brings it down, and the
			// step is a quarter decade, unless the climb stopped at its
			// reach, where the probe showed no knee at all (an iris ReLU
			// MLP under RAdam/onecycle from 1e-5 climbed to 0.1 and was
			// moved to 0.0316, which ends at 0.146 where 0.1 ends at
			// 0.060 and 0.316 at 0.040). On every benchmark set the
			// quarter decade cut one-hop failures from 528 to 494,
			// reach-3 from 225 to 221 and honest ones from 10 to 7 (a
			// diabetes MLP under RAdam/cosine whose good rates lie
			// between the knee's two steps), and added four
			// (helpful in H85, H94, H95; reach-3 in H93).
			why := "a run many probes long pays for a higher rate's noise floor all along"
			switch {
			case !in.stochastic():
				why = "a run many probes long pays for a higher rate's zig-zag all along"
			case annealed(in):
				why = "a run many probes long pays for a higher rate until its schedule anneals it"
			}
			step, span := math.Sqrt(10), "half a decade"
			if annealed(in) && !top {
				step, span = math.Pow(10, 0.25), "a quarter decade"
			}
			kneeNote = fmt.Sprintf(" (%s below lr %s, the best over one probe: %s)", span, g4(best), why)
			best /= step
			bestV = in.Probe(best)
		}
		if best != lr {
			if best != s {
				setAction(&d, best)
				d.SuggestedLR = best
				if best > 10*lr {
					// The climb went past the first tenfold raise.
					d.Advice = strings.Replace(d.Advice, " (at most 10× per change)", "", 1)
				}
				if best > s {
					// and past the cap the verdict gave, if any.
					d.Advice = capNote.ReplaceAllString(d.Advice, "")
				}
				d.Advice = retarget(d.Advice, s, best, fmt.Sprintf("checked from the best point: lr %s reaches %s %.6g where lr %s reaches %.6g%s", g4(best), w.f, w.v(bestV), g4(lr), w.v(base), kneeNote))
			}
			return d
		}
	}
	// A full-batch adaptive zig-zag is cut, without probes from the start
	// to rank the rates, only for a gain of minGain of the progress made,
	// as a kept adaptive rate is changed (checkKeep): a lower rate's probe
	// from the best point gains about the jitter at once, while the next
	// run pays for the lower rate all the way (diabetes' MLP under RMSprop
	// at 0.316, 200 epochs, full batch: 2,020 ± 30 after 29,000; the
	// halved rate ends at 2,370).
	need, small := 0.0, false
	if d.Verdict == Oscillating && in.Family == Adaptive && !in.stochastic() && !in.ProbeStartCompare && s < lr && len(in.History.F) > 0 {
		need = minGain * (in.History.F[0] - base)
	}
	for _, c := range []float64{s, math.Sqrt(s * lr)} {
		v := in.Probe(c)
		if finite(v) && better(v, base) && base-v < need {
			small = true
			continue
		}
		if finite(v) && better(v, base) {
			if c != s {
				setAction(&d, c)
				d.SuggestedLR = c
				d.Advice = retarget(d.Advice, s, c, fmt.Sprintf("checked from the best point: lr %s reaches %s %.6g where lr %s reaches %.6g, and %s does no better", g4(c), w.f, w.v(v), g4(lr), w.v(base), g4(s)))
			}
			return d
		}
	}
	if s < lr && neverBelowStart(in) && in.ProbeStart != nil {
		// A run that never went below its start gives lr no credit: its
		// best point is the start, where lr's probe and the cut's bounce
		// alike (Lion on Matyas at 10: every step of ±10 per coordinate
		// returns to where it began, f = 0.085 at both). The cut is ranked
		// from the start instead, to a rate that goes below it there.
		c, found := stepDownFromStart(in, s, startBelow(in))
		if !found {
			return d
		}
		setRate(&d, c)
		d.Advice += fmt.Sprintf("; the run never went below its start (%s %.6g): from there lr %s does (%s %.6g): use lr %s", w.f, w.v(in.History.F[0]), g4(c), w.f, w.v(in.ProbeStart(c)), g4(c))
		return d
	}
	if s > lr && d.Verdict == TooSlow && in.Family == Adaptive && !in.SignStep && smoothAnneal(in) {
		// An adaptive run that never met its noise floor (smoothAnneal):
		// the probes hold a constant rate and rank a higher one by its
		// noise floor, which the run's schedule anneals away (iris' third
		// class, logistic, Adagrad under cosine at 1, batch 8, 20 epochs:
		// 0.0853 without a rise; the probes at 3.45 and 1.86 from the end
		// lost to 1's, and the raise to 3.45 ends at 0.0542). On every
		// benchmark set this cut one-hop and reach-3 failures by 2 and 6
		// and added none; applied to momentum and sign methods it sent
		// good runs away (heavy ball on a diabetes MLP, Lion on an iris
		// MLP).
		d.Advice += fmt.Sprintf("; a check from the best point at constant rates found none better than lr %s, but the loss fell at every %s under a schedule that anneals the rate: it never met its noise floor; raise lr to %s", g4(lr), w.unit, g4(s))
		return d
	}
	d.SuggestedLR = lr
	setAction(&d, lr)
	if small {
		d.Advice += fmt.Sprintf("; but a check from the best point found a lower rate gains less than %g %% of the progress made (%s %.6g at lr %s): the zig-zag costs little, keep lr %s", 100*minGain, w.f, w.v(base), g4(lr), g4(lr))
		return d
	}
	d.Advice += fmt.Sprintf("; but a check from the best point found no better rate than the current one (%s %.6g at lr %s): keep lr %s", w.f, w.v(base), g4(lr), g4(lr))
	return d
}

// annealed reports whether the run's schedule ended at a hundredth of
// the rate the user sets or below (onecycle ends at max_lr/2.5e5, cosine
// at 0): its last epochs rest on the floor of that small rate, whatever
// the rate it started from.
func annealed(in Input) bool {
	end := lastFinite(in.History.LR)
	return in.BaseLR > 0 && end >= 0 && end <= in.BaseLR/100
}

// climbGain is the least share of the gain already made, base − v(prev),
// that the next tenfold rate of a mini-batch adaptive climb must add to be
// taken (see saturates).
const climbGain = 0.5

// saturates reports whether a mini-batch adaptive climb stops at prev
// (above lr) rather than take c = 10·prev, whose probe reached v < vPrev:
// when tenfold the rate adds less than climbGain of the gain prev made,
// the probe is past the regime where an adaptive method's progress grows
// with lr·t (each weight moves by about lr per step). The user's next run
// is many probes long, so prev covers in it what c covers in one probe —
// and it sits on a noise floor ten times lower (an adaptive step's floor
// grows with lr).
func saturates(in Input, lr, prev, base, vPrev, v float64) bool {
	if in.Family != Adaptive || !in.stochastic() || !(prev > lr) || annealed(in) {
		return false
	}
	return vPrev-v < climbGain*(base-vPrev)
}

// capNote matches the verdict's note on its raise's cap (raiseCap's text).
var capNote = regexp.MustCompile(` \(capped at [^()]*\)`)

// raiseCap is the largest rate a raise may suggest, and its explanation:
// half the stable bound at the best point (BoundEnd) or, without it, of
// the run (Bound) — the fastest safe rate for the stiffest mode where the
// run continues — and 10·lr when no bound applies.
func raiseCap(in Input, lr float64) (float64, string) {
	c, text := boundCap(in, lr)
	if t := in.Travel / firstStepPerLR(in); overTravel(in, c) && t < c {
		return t, fmt.Sprintf("capped at %s: at a larger rate the first step alone would be longer than the %.3g the whole run travelled", g4(t), in.Travel)
	}
	return c, text
}

// boundCap is raiseCap without the travel cap of adaptive methods. The
// bound where the run is (BoundEnd) caps it, except for plain SGD on
// mini-batches: there a rate sized to the flatter curvature at the end
// of a cross-entropy fit rests on a higher noise floor, and the start's
// bound holds (iris softmax at batch 1: half the end bound, 1.29, ends at
// 0.160; half the start's, 1.03, at 0.129; the best rate, 0.316, 0.086).
func boundCap(in Input, lr float64) (float64, string) {
	b := in.BoundEnd
	if b <= 0 || (in.Family == Plain && in.stochastic() && in.Bound > 0) {
		b = in.Bound
	}
	switch {
	case b > 0 && in.Family == Momentum && in.Beta > 0 && in.Beta < 1 && in.stochastic():
		// With mini-batches, heavy ball sums the gradient noise over about
		// 1/(1−β) steps: its stationary spread is that of plain SGD at
		// lr/(1−β) (e.g. Mandt, Hoffman & Blei 2017, §4), so the rate that
		// matches plain SGD's safe one is (1−β)·bound/2.
		c := (1 - in.Beta) * b / 2
		return c, fmt.Sprintf("capped at %s, (1−β)·half the stable bound: mini-batch noise adds up over the 1/(1−β) steps momentum remembers", g4(c))
	case b > 0 && in.Family == Momentum:
		// Heavy ball with momentum β contracts every mode with
		// (1−√β)² ≤ lr·λ ≤ (1+√β)² at the same, best rate √β (Polyak
		// 1964; Goh 2017): going nearer the bound gains nothing on a
		// quadratic and overshoots further away from one.
		return b / 4, fmt.Sprintf("capped at %s, a quarter of the stable bound: with momentum, larger rates are no faster", g4(b/4))
	case b > 0:
		return b / 2, fmt.Sprintf("capped at %s, half the stable bound", g4(b/2))
	}
	return 10 * lr, "at most 10× per change"
}

// better reports whether the probe value v beats ref by more than
// rounding: 1e-9 relative, so that two probes resting at the same minimum
// do not pick a rate by noise.
func better(v, ref float64) bool { return v < ref-1e-9*math.Max(1, math.Abs(ref)) }

// safeLR is the rate suggested after a blow-up above the stable bound:
// the cap of a raise (see raiseCap) at the run's bound.
func safeLR(in Input) float64 {
	in.BoundEnd = 0
	c, _ := raiseCap(in, 0)
	return c
}

// checkKeep tests a slow adaptive run whose rule keeps lr: an adaptive
// method moves each coordinate by about lr per step whatever the
// gradient's size, so a rate far above the problem's scale makes a run
// that wanders without settling — which the gradient-norm rate cannot
// tell from a slow one. The probe can: lr/10 and 10·lr from the best
// point, and the better of them if it beats lr.
//
// A plain or momentum run kept because it ended near the objective's
// lower bound (nearFloor) is checked upwards only: min(10·lr, the raise
// cap), taken if the probe beats lr — "within a tenth of the way" says
// little when the floor is far below what a faster rate reaches.
func checkKeep(in Input, d Diagnosis, lr float64) Diagnosis {
	floor := d.Verdict == NoiseFloor && in.Family == Adaptive
	if d.Verdict != TooSlow && !floor {
		return d
	}
	if in.Family != Adaptive {
		if (in.Family != Plain && in.Family != Momentum) || !nearFloor(in) {
			return d
		}
		c, _ := raiseCap(in, lr)
		c = math.Min(c, 10*lr)
		if c <= lr*1.05 {
			return d
		}
		base, v := in.Probe(lr), in.Probe(c)
		if !finite(base) || !finite(v) || !better(v, base) {
			return d
		}
		if rise := floorRise(in, lr, c); rise > floorRiseRatio*(base-v) {
			w := wordsOf(in)
			d.Advice += fmt.Sprintf("; a check from the best point found lr %s ahead by only %.3g, while its noise floor would sit about %.3g higher (η·tr(Σ)/(4B)): keep lr %s", g4(c), w.v(base)-w.v(v), rise, g4(lr))
			return d
		}
		w := wordsOf(in)
		setRate(&d, c)
		d.Advice += fmt.Sprintf("; but a check from the best point found lr %s better (%s %.6g vs %.6g at lr %s): use lr %s", g4(c), w.f, w.v(v), w.v(base), g4(lr), g4(c))
		return d
	}
	base := in.Probe(lr)
	if math.IsNaN(base) || math.IsInf(base, 0) {
		return d
	}
	best, bestV := lr, base
	// A slow mini-batch run near its lower bound whose probe at lr ended
	// above the point it started from drew high on its noise floor: the
	// other rates must beat that point, not the draw (the raw iris MLP
	// under Adam at 0.01, batch 16: its probe ended at 0.112 from 0.0803,
	// 0.001's at 0.0787, and the cut's run ends at 0.51 against 0.080).
	if kicked(in, base) || (in.stochastic() && d.Verdict == TooSlow && nearFloor(in) && base > in.ProbeFrom) {
		bestV = in.ProbeFrom
	}
	cands := []float64{lr / 10, lr * 10}
	switch {
	case floor:
		// On a noise floor a higher rate only raises the floor.
		cands = []float64{lr / 10}
	case atTravel(in, lr):
		cands = []float64{lr / 10, lr / 100}
	case overTravel(in, 10*lr) && !raiseFromStart(in, lr, 10*lr):
		cands = []float64{lr / 10}
	}
	if warmupKick(in, lr, base) {
		// Cut only on other evidence: from the best point a fresh
		// state's unscaled first steps overshoot at lr, which the run,
		// long past them, never takes there.
		cands = slices.DeleteFunc(cands, func(c float64) bool { return c < lr })
	}
	if end := lastFinite(in.History.LR); in.BaseLR > 0 && end < in.BaseLR {
		// A decaying schedule ended below the rate the user sets: from
		// the best point a lower constant rate does better than the
		// base for the reason the schedule decays (a step decay's run
		// at 0.0316 ended at 0.0079; from there 0.00316 beat a constant
		// 0.0316, and the cut ended 3× higher). Only a raise is checked.
		cands = slices.DeleteFunc(cands, func(c float64) bool { return c < lr })
	}
	// Another rate must gain at least minGain of the progress the run
	// made: the next run starts from the start, where a lower rate is
	// slower and a higher one may overshoot, and a gain this small at
	// the end does not pay for that.
	progress := in.History.F[0] - base
	gain := minGain
	if floor {
		gain = minFloorGain
	}
	for _, c := range cands {
		v := in.Probe(c)
		if !finite(v) || !better(v, bestV) {
			continue
		}
		if !in.stochastic() && nearFloor(in) && !(v < in.ProbeFrom) {
			// Near the objective's known minimum or lower bound (nearFloor),
			// a probe that ends above the point it started from ranks a fresh optimizer state's first steps —
			// each coordinate moves by about lr whatever its gradient —
			// not the rates (see kicked): Beale under RMSprop at 0.02, the
			// run at 1.4e-4, its probe kicked to 0.25, and 0.002's to
			// 0.0024 "won".
			continue
		}
		if !(bestV-v > gain*progress) {
			continue
		}
		if c < lr && in.stochastic() && d.Verdict == TooSlow && nearFloor(in) && in.ProbeStart != nil && better(in.ProbeStart(lr), in.ProbeStart(c)) {
			// A slow mini-batch run near its lower bound is cut only if
			// the cut also keeps pace from the start: from its end a
			// lower rate gains the noise floor's height at once, while
			// the next run, from the start, pays for the lower rate all
			// the way (an iris ReLU MLP under RAdam at 0.1, batch 32,
			// ends at 0.079; from its end 0.01 went lower, and its whole
			// run ends at 0.245). On the benchmark this removed one
			// honest failure and one helpful one and changed nothing else.
			continue
		}
		best, bestV = c, v
	}
	if best == lr {
		if d.SuggestedLR != lr {
			d.SuggestedLR = lr
			setAction(&d, lr)
			d.Advice += fmt.Sprintf("; but lr %s is already above the distance the run travelled (%.3g) and a check found no better rate: keep lr %s", g4(lr), in.Travel, g4(lr))
		}
		return d
	}
	d.SuggestedLR = best
	d.Actions = append([]Action{{Kind: SetLR, LR: best}}, d.Actions...)
	for i := 1; i < len(d.Actions); i++ {
		if d.Actions[i].Kind == SetLR {
			d.Actions = append(d.Actions[:i], d.Actions[i+1:]...)
			break
		}
	}
	w := wordsOf(in)
	d.Advice += fmt.Sprintf("; but a check from the best point found lr %s better (%s %.6g vs %.6g at lr %s): use lr %s", g4(best), w.f, w.v(bestV), w.v(base), g4(lr), g4(best))
	return d
}

// kicked reports whether the probe at the run's own rate, base, climbed
// above the point it started from while the run itself converged there:
// it fell at every unit of its last kickWindow units, and ‖∇f‖ shrank
// fast enough to reach the gradient tolerance within as many units again
// as the run has taken. The probe differs from the run only by its fresh
// optimizer state, and a fresh adaptive method's first steps move every
// coordinate by about lr whatever the gradient's size (RMSprop's by
// 10·lr at α = 0.99) — at a point the run approached with shrinking
// steps, a kick the run never took. Such a probe ranks the fresh state's
// first steps, not the rates: checkKeep then takes another rate only if
// its probe ends below the point the probes start from (Matyas RMSprop at
// 0.0158: the run fell to 4e-15, the probe at its rate ended at 0.024,
// and lr/10's at 2.4e-4 "won"). A run that crawls (Rosenbrock Adam at lr
// 10, ‖∇f‖ × 0.9998 per unit) is not converging, and its probes still
// rank the rates.
func kicked(in Input, base float64) bool {
	h := in.History
	k := len(h.F) - 1
	if k < kickWindow || len(h.GradNorm) != k+1 || !(base > in.ProbeFrom) || math.IsNaN(in.ProbeFrom) {
		return false
	}
	if countRises(h.F[k-kickWindow:]) > 0 {
		return false
	}
	gradTol := in.GradTol
	if gradTol <= 0 {
		gradTol = 1e-8
	}
	gn, g0 := h.GradNorm[k], h.GradNorm[k-kickWindow]
	if gn <= gradTol {
		return true
	}
	rho := math.Pow(gn/g0, 1/float64(kickWindow))
	return rho < 1 && math.Log(gradTol/gn)/math.Log(rho) <= 2*float64(k)
}

// warmupKick reports whether the probe at the run's own rate, base,
// climbed above the best point it started from in the unscaled first
// steps of a fresh state (Input.UnscaledSteps: RAdam's momentum steps
// x ← x − lr·m̂), which are stable only below 2/L at that point (LBest):
// the run took them at the start and is long past them at the best point,
// so the probes from there rank those steps, not the rates. A lower rate
// always wins that ranking (Goldstein–Price under RAdam at 0.001: L =
// 5,536 at the best point, 2/L = 3.6e-4; lr's probe climbed from 41.1
// to 54.3, 1e-4's fell to 33.8, and the whole runs end at 41.1 and 90.3).
func warmupKick(in Input, lr, base float64) bool {
	return in.UnscaledSteps > 0 && in.LBest > 0 && lr > 2/in.LBest && base > in.ProbeFrom
}

// kickWindow is the number of last units of a run that kicked inspects.
const kickWindow = 20

// minGain is the fraction of a run's progress F₀ − F that a lower rate's
// probe must gain over the current rate's for checkKeep to lower the rate
// of an adaptive run it keeps.
const minGain = 0.01

// minFloorGain is minGain for an adaptive run kept on a noise floor. There
// a lower rate's probe from the best point always gains (a lower rate
// lowers the floor at once), by about the floor's height, while the next
// run from the start pays for the lower rate with a slower descent; only a
// floor that costs a large share of the fit is worth that. Measured on the
// advice benchmark: gains of 1–5 % of the progress (diabetes' raw linear
// Adam at batch 32, iris' softmax Adam at batch 16) ended worse when
// followed, gains of 16–21 % (iris' MLP Adam at lr 1 and 3.16, batch 8)
// ended better.
const minFloorGain = 0.10

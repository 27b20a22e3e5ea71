package diagnose

import (
	"fmt"
	"math"
	"strings"
)

// localMin looks past a local minimum or a plateau: a run that converged
// well above the objective's known minimum f* (a catalogue function)
// rests in another basin, which no smaller step of the same rate leaves;
// a run kept at its rate (stalled, or slow at the largest rate its scale
// allows) as far above f* may sit on a plateau its rate overshot onto
// (Jennrich–Sampson: RMSprop at 0.316 … 10 jumps to x → −∞, where f =
// 2020 against f* = 124.4 and the gradient vanishes). Rates √10, 10,
// 10√10 and 100 times below and above lr, the lower first at each
// distance, are probed from the start (ProbeStartCompare: long enough to
// rank them), and the first that ends below the run's f by at least half
// its gap to f* is suggested; none, and the advice says the rate is not
// the cause.
func localMin(in Input, d Diagnosis) Diagnosis {
	F := in.History.F
	// With a schedule the rate to move is the one it starts from: the
	// probes from the start run a constant rate for a tenth of the budget,
	// where a decaying schedule is still near its start (cosine: 0.98 of
	// it) — Jennrich–Sampson under RMSprop with cosine from 1 jumps to
	// the plateau at 2020 as the constant rate does.
	lr, lastLR := userLR(in), lastFinite(in.History.LR)
	if !in.KnownMin || !in.HasLR || !(lr > 0) || len(F) == 0 {
		return d
	}
	kept := (d.Verdict == Stalled || d.Verdict == TooSlow) && d.SuggestedLR == lr
	if d.Verdict != Converged && !kept {
		return d
	}
	last := lastFinite(F)
	gap := last - in.FStar
	if !(gap > 1e-6*math.Max(1, math.Abs(F[0]-in.FStar))) {
		return d
	}
	if kept && !(gap > plateauGap*(F[0]-in.FStar)) {
		// A slow run most of the way to f* is slow, not stuck.
		return d
	}
	w := wordsOf(in)
	if d.Verdict == Converged {
		d.Advice = notAGoodChoice(d.Advice, lastLR, "found a local minimum")
		d.Advice += fmt.Sprintf("; %s = %.6g is above the known minimum %.6g: the run rests in another basin", w.f, w.v(last), w.v(in.FStar))
	}
	if in.ProbeStart != nil && in.ProbeStartCompare {
		for _, k := range []float64{math.Sqrt(10), 10, 10 * math.Sqrt(10), 100} {
			for _, c := range []float64{lr / k, lr * k} {
				v := in.ProbeStart(c)
				if !finite(v) || !(v < last-gap/2) {
					continue
				}
				setRate(&d, c)
				switch {
				case !kept && c > lr:
					d.Advice += fmt.Sprintf("; from the start, lr %s jumps past it (%s %.6g after a tenth of the budget): use lr %s, or start elsewhere", g4(c), w.f, w.v(v), g4(c))
				case !kept:
					d.Advice += fmt.Sprintf("; from the start, lr %s does not overshoot into it (%s %.6g after a tenth of the budget): use lr %s", g4(c), w.f, w.v(v), g4(c))
				default:
					d.Advice += fmt.Sprintf("; but %s = %.6g is far above the known minimum %.6g, and from the start lr %s reaches %s %.6g in a tenth of the budget: use lr %s", w.f, w.v(last), w.v(in.FStar), g4(c), w.f, w.v(v), g4(c))
				}
				return d
			}
		}
	}
	if c, v, ok := belowStartBound(in, lr, last-gap/2); ok {
		setRate(&d, c)
		d.Advice += fmt.Sprintf("; lr %s is %.3g times the stable bound at the start (%s, L = %.4g), where the first steps are thrown far: from the start, lr %s reaches %s %.6g in a tenth of the budget: use lr %s", g4(lr), lr/in.Bound, g4(in.Bound), in.L, g4(c), w.f, w.v(v), g4(c))
		return d
	}
	if !kept {
		d.Advice += "; no other rate left it from the start: try another start point"
	}
	return d
}

// belowStartBound is localMin's last resort for a run whose rate is above
// the stable bound measured at the start (Bound): its first steps can
// throw the iterate onto a plateau or into another basin far from the
// start, below every rate localMin's ladder tries (gradient descent on
// Jennrich–Sampson: L = 1.9e6 at the start, every rate from 3.16e-5 to 10
// jumps to the plateau at 2020 in its first step, f* = 124.4). Half the
// bound, then √10 higher while the probe goes further and the rate stays
// below lr/√10, is probed from the start; the rate whose probe ends lowest,
// if below target, is returned with its probe's value.
func belowStartBound(in Input, lr, target float64) (c, v float64, ok bool) {
	if !(in.Bound > 0) || !(lr > in.Bound) || in.ProbeStart == nil || !in.ProbeStartCompare {
		return 0, 0, false
	}
	c, v = in.Bound/2, in.ProbeStart(in.Bound/2)
	if !finite(v) {
		return 0, 0, false
	}
	for up := c * math.Sqrt(10); up < lr/math.Sqrt(10); up *= math.Sqrt(10) {
		u := in.ProbeStart(up)
		if !finite(u) || !better(u, v) {
			break
		}
		c, v = up, u
	}
	return c, v, v < target
}

// plateauGap is the share of the way from the start to a known minimum
// that a run kept at its rate must still have before localMin probes
// other rates from the start.
const plateauGap = 0.25

// otherBasin is localMin for a converged run whose objective has no known
// minimum or lower bound (a formula): the run rests at a stationary point
// whose value says nothing of the minimum, but a probe from the start
// that ends lower, by at least basinGain of the progress the run made,
// shows a lower basin within the rate's reach. Rates √10 and 10 times
// below and above lr, the lower first at each distance, are probed from
// the start (ProbeStartCompare), and the first that ends so low is
// suggested (the double well x⁴ − 2x² + y² + 0.5x from (0.1, 1) under Adam
// at 1: the first steps throw x into the upper well, f = −0.517; from the
// start, 0.316 goes down the slope into the lower one, f = −1.51).
func otherBasin(in Input, d Diagnosis) Diagnosis {
	F := in.History.F
	lr := userLR(in)
	if d.Verdict != Converged || in.KnownMin || in.HasFLower || !in.HasLR || !(lr > 0) || len(F) == 0 || in.ProbeStart == nil || !in.ProbeStartCompare {
		return d
	}
	last := lastFinite(F)
	progress := F[0] - last
	if !(progress > 0) {
		return d
	}
	w := wordsOf(in)
	for _, k := range []float64{math.Sqrt(10), 10} {
		for _, c := range []float64{lr / k, lr * k} {
			v := in.ProbeStart(c)
			if !finite(v) || !(v < last-basinGain*progress) {
				continue
			}
			setRate(&d, c)
			d.Advice = notAGoodChoice(d.Advice, lastFinite(in.History.LR), "found a stationary point")
			d.Advice += fmt.Sprintf("; but from the start lr %s reaches %s %.6g %s, below the %.6g the run converged to: the run rests in another basin; use lr %s", g4(c), w.f, w.v(v), probeSpan(in), w.v(last), g4(c))
			return d
		}
	}
	return d
}

// notAGoodChoice replaces the converged verdict's "lr X is a good choice
// for this problem" in advice with "lr X <what>": the run converged, but
// not to the minimum a rate can reach.
func notAGoodChoice(advice string, lr float64, what string) string {
	return strings.Replace(advice, goodChoice(lr), fmt.Sprintf("lr %s %s", g4(lr), what), 1)
}

// basinGain is the share of a converged run's progress that a probe from
// the start must end below the run's value for otherBasin to move the
// rate.
const basinGain = 0.1

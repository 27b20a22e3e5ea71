package diagnose

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/minimize"
)

// startOK reports whether a probe from the start at rate c neither blows
// up nor ends above the start's objective.
func startOK(in Input) func(c float64) bool {
	F0 := in.History.F[0]
	return func(c float64) bool {
		v := in.ProbeStart(c)
		return finite(v) && v <= F0
	}
}

// startBelow reports whether a probe from the start at rate c ends below
// the start's objective, by more than rounding.
func startBelow(in Input) func(c float64) bool {
	F0 := in.History.F[0]
	return func(c float64) bool {
		v := in.ProbeStart(c)
		return finite(v) && better(v, F0)
	}
}

// neverBelowStart reports whether no unit of the run after the start
// went below the start's objective by more than rounding (better).
func neverBelowStart(in Input) bool {
	F := in.History.F
	if len(F) < 2 {
		return false
	}
	for _, f := range F[1:] {
		if better(f, F[0]) {
			return false
		}
	}
	return true
}

// stepDownFromStart is the cut a probe from the start ranks: from s, down
// by √10 (at most three times) to a rate whose probe passes ok, then on
// down by √10 (at most three times) while the lower rate's probe goes
// further — or, where the probes can rank rates (ProbeStartCompare) and
// √10 lower ends mid-bounce, the rate a decade lower does (NAdam on
// Matyas at 10: 1.58 ends its probe above 5's and its run at 0.64, 0.5
// ends above 1.58's, 0.158 goes further and converges). found is false
// when no rate down to s/10^1.5 passes.
func stepDownFromStart(in Input, s float64, ok func(float64) bool) (c float64, found bool) {
	c = s
	for i := 0; i < 3 && !ok(c); i++ {
		c /= math.Sqrt(10)
	}
	if !ok(c) {
		return 0, false
	}
	further := func(lo, hi float64) bool { return ok(lo) && better(in.ProbeStart(lo), in.ProbeStart(hi)) }
	return walkDown(c, in.ProbeStartCompare, further), true
}

// walkDown steps c down, at most three times, while the rate √10 lower
// goes further from the start than c (further(lo, c)) — or, with
// lookAhead, when that one does not, while the rate a decade lower does:
// an adaptive probe's end is not monotone in the rate, and a rate can end
// mid-bounce.
func walkDown(c float64, lookAhead bool, further func(lo, hi float64) bool) float64 {
	for range 3 {
		switch lo := c / math.Sqrt(10); {
		case further(lo, c):
			c = lo
		case lookAhead && further(c/10, c):
			c /= 10
		default:
			return c
		}
	}
	return c
}

// fromStart checks a raise where the user's next run begins: a rate that
// is safe from the best point can blow up from the start, whose path
// crosses steeper ground (box-3d: half the start's stable bound diverges
// by the second iteration, as the exponential terms steepen). The raised
// rate is cut by √10 while its probe from the start blows up or ends above
// the start's objective, at most four times, then (a climb of more than two
// decades) by decades to a rate whose probe also goes further than lr's,
// tried √10 higher once; if no raise survives, lr is kept. Where the
// probes from the start are long enough to rank rates, the surviving raise
// steps down while a lower rate goes further there, and lr is kept when the
// raise's probe ends more than strayReach times as far above the lower
// bound as lr's.
func fromStart(in Input, d Diagnosis) Diagnosis {
	lr := userLR(in)
	s := d.SuggestedLR
	if in.ProbeStart == nil || !(lr > 0) || len(in.History.F) == 0 {
		return d
	}
	ok := startOK(in)
	// A cut after a blow-up is ranked from the start with any probe: the
	// rates around it differ by orders of magnitude in how far they go
	// from there, which a probe of a few dozen steps shows (a training
	// run's: a twentieth of the run). A cut after oscillation needs
	// ProbeStartCompare's longer probes, and for an adaptive method a run
	// not yet settled (a zig-zag after ‖∇f‖ fell a millionfold is at the
	// minimum's scale: RAdam on an ellipse at 0.1 ended at 6e-11, and the
	// probes from the start, in its rectification warmup, preferred 0.016,
	// which ended at 1.2).
	if (d.Verdict == Diverged || (d.Verdict == Oscillating && in.ProbeStartCompare && (in.Family != Adaptive || !settled(in)))) && s > 0 && s < lr {
		return cutFromStart(in, d, ok)
	}
	if !(s > lr*1.01) {
		return d
	}
	c, passed := s, false
	for i := 0; i < 4 && c > lr*1.01; i++ {
		if passed = ok(c); passed {
			break
		}
		c /= math.Sqrt(10)
	}
	// A climb of more than two decades (an adaptive method's, with no
	// bound to cap it) goes on down by decades towards lr, to a rate that
	// passes and goes further from the start than lr does, which is tried
	// √10 higher once: Box 3-D under Adagrad at 0.316 climbed from the
	// best point to 3.2e4, which overshoots from the start, as do 1e4 …
	// 1e3, while 3.16 goes to 0.04 where lr ends at 54.
	if !passed && c > lr*1.01 {
		for ; c > lr*1.01; c /= 10 {
			if passed = raiseFromStart(in, lr, c); passed {
				if up := c * math.Sqrt(10); raiseFromStart(in, lr, up) {
					c = up
				}
				break
			}
		}
	}
	// why says what the check found about the rate it turned down.
	why := fmt.Sprintf("a check from the start found lr %s overshoots there", g4(s))
	if passed && in.ProbeStartCompare {
		// Where the probe from the start is long enough to compare
		// rates, step down while a rate √10 lower goes further from the
		// start than c does — or, when it does not, the rate a decade
		// lower does: an adaptive probe's end is not monotone in the
		// rate, and a rate can end mid-bounce (NAdam on Goldstein–Price:
		// 1 ends at 30.0066, 0.316 at 57.7, 0.1 at 30.0017; a whole run
		// at 1 is thrown out of the basin to 840).
		first := c
		c = walkDown(c, true, func(lo, hi float64) bool {
			return lo > lr*1.01 && ok(lo) && better(in.ProbeStart(lo), in.ProbeStart(hi))
		})
		if first == s && c != s {
			why = fmt.Sprintf("a check from the start found lr %s goes further there than %s", g4(c), g4(s))
		}
	}
	// A raise whose probe from the start ends more than strayReach times
	// as far above the lower bound as lr's has left lr's path there: it
	// reaches another valley or basin, and the whole run ends there too
	// (helical valley under RAdam at 4.9e-4: 1.5e-3 ends its probe at 800
	// where lr ends at 220, and its run at 417 where lr's ends at 129;
	// Three-hump camel under NAdam at 0.5: 0.95 ends at 0.28 where lr
	// reaches 2e-8, and its run in a side basin). A probe of a tenth of the
	// budget is still in its transient, so a raise that ends a little
	// higher is kept (Rosenbrock under RAdam at 3.2e-4: 9.1e-4 ends its
	// probe at 4.82 against 4.55, and its run lower). A training run's
	// probes from the start are shorter (its first epochs): too short to
	// rank two rates that both descend, since the higher one is ahead
	// early, but one that ends so far behind was thrown off at the start
	// (diabetes' standardized linear model under RAdam at 0.1, batch 32:
	// 0.416, whose first, unrectified steps are plain momentum steps past
	// the stable bound 2/L = 0.25, ends its probe at 23,114 against 4,730,
	// and its run at 4,795 against 3,140).
	if lb, known := lowerBound(in); passed && known && in.ProbeStart(c)-lb > strayReach*(in.ProbeStart(lr)-lb) {
		w := wordsOf(in)
		keepRate(&d, lr)
		d.Advice += fmt.Sprintf("; but from the start, where the next run begins, lr %s reaches %s %.6g %s, more than %g times as far above %.6g as lr %s's %.6g: it takes another path there; keep lr %s", g4(c), w.f, w.v(in.ProbeStart(c)), probeSpan(in), float64(strayReach), w.v(lb), g4(lr), w.v(in.ProbeStart(lr)), g4(lr))
		return d
	}
	if c == s {
		return d
	}
	if !passed {
		c = lr
	}
	setAction(&d, c)
	d.SuggestedLR = c
	if c == lr {
		keepRate(&d, lr)
		d.Advice += fmt.Sprintf("; but a check from the start found lr %s overshoots there: keep lr %s", g4(s), g4(lr))
		return d
	}
	if adv, found := renumber(d.Advice, s, c); found {
		d.Advice = adv + " (" + why + ")"
		return d
	}
	d.Advice += fmt.Sprintf("; %s: use lr %s", why, g4(c))
	return d
}

// keptOscillation ranks from the start an oscillation cut that the probes
// from the best point turned down: an oscillating run's best point lies
// where the zig-zag once passed, not where it ends (NAdam on Beale at lr 1
// ended at 1.42, its best point 0.007), so a probe from there says little
// about the run; from the start (ProbeStartCompare: probes of a tenth of
// the budget) the cut, stepped down by √10 while a lower rate goes further
// there, is taken if it goes further than lr does.
func keptOscillation(in Input, pre, d Diagnosis) Diagnosis {
	lr := userLR(in)
	s := pre.SuggestedLR
	if pre.Verdict != Oscillating || d.Verdict != Oscillating || !in.ProbeStartCompare || in.ProbeStart == nil ||
		!(s > 0) || !(s < lr) || d.SuggestedLR != lr || (in.Family == Adaptive && settled(in)) || len(in.History.F) == 0 {
		return d
	}
	start := in.ProbeStart
	c, found := stepDownFromStart(in, s, startOK(in))
	if !found {
		return d
	}
	base := start(lr)
	if !(math.IsNaN(base) || math.IsInf(base, 0)) && !better(start(c), base) {
		return d
	}
	setAction(&d, c)
	d.SuggestedLR = c
	w := wordsOf(in)
	d.Advice += fmt.Sprintf("; but from the start, where the next run begins, lr %s goes further (%s %.6g after a tenth of the budget, against %.6g at lr %s): use lr %s", g4(c), w.f, w.v(start(c)), w.v(base), g4(lr), g4(c))
	return d
}

// keptFromStart checks a kept rate from the start, where the next run
// begins: a run kept at its rate (too slow, or on a noise floor — or an
// oscillation whose cut the probes from the best point turned down, when
// keptOscillation cannot rank it: a training run, whose probes from the
// start are too short to rank rates against each other) is cut
// when a lower rate, probed from the start, goes further in its short
// probe than the whole run went. The cut is stepped down from lr/√10 by
// stepDownFromStart (to a rate whose probe ends below the start, then on
// while a √10-lower rate goes further) and taken if its probe ends below
// the run's final value — a rate that reaches in a short probe what lr
// reached in the whole budget is the better rate (Kowalik–Osborne under
// heavy ball at lr 1 ended at 0.0014, and 0.316, which passes that within
// a tenth of the budget, ends at f* = 0.0003075; a wine MLP under Adam at
// 1 on batches of 8 ended at 0.49, and 0.1 ends at 7e-5; an iris MLP under
// plain SGD at 3.16, three times its stable bound, zig-zagged onto a
// plateau at 0.47 where no lower rate from the best point improves, and 1
// reaches 0.18 from the start in a short probe).
//
// A run that overshot at the start is held to less. An adaptive method at
// a rate far above the problem's scale throws the weights far from the
// start in its first steps (each coordinate moves by about lr whatever
// the gradient; heavy ball's velocity does the same on an MLP) and then
// settles on a high floor it cannot leave, which probes from the best
// point, all on that floor, cannot tell from a good rate's. When the run
// rose above its start and lr's probe from the start ends above the
// start's objective, the cut is taken if its probe ends within
// overshootReach times the run's final excess over the objective's lower
// bound (lowerBound) — the rest of the budget is then left to go further.
// A run that overshot and then recovered to far below (a convex softmax
// under RMSprop at 10 ends at 5e-7) keeps lr.
//
// A run whose schedule warmed up (Input.WarmsUp: onecycle starts at max_lr/25)
// was behind constant-rate probes over its first units whatever its rate,
// so there the cut's probe must also end below lr's own probe, like for
// like: RAdam with onecycle from max_lr 0.001 on Wood's function ends at
// 564, 1e-4's constant probe reaches 116 in a tenth of the budget, and the
// cut was taken — a whole run at max_lr 1e-4 ends at 13,730.
func keptFromStart(in Input, d Diagnosis) Diagnosis {
	lr := userLR(in)
	F := in.History.F
	if in.ProbeStart == nil || !in.HasLR || !(lr > 0) || d.SuggestedLR != lr || len(F) < 2 ||
		(d.Verdict != TooSlow && d.Verdict != NoiseFloor && !(d.Verdict == Oscillating && !in.ProbeStartCompare)) {
		return d
	}
	ok := startOK(in)
	// A run that never rose above its start did not overshoot there: its
	// probe from the start, which takes the run's own first steps, would
	// not either (the shortcut saves that probe on most runs).
	rose := false
	for _, f := range F[1:] {
		rose = rose || f > F[0]
	}
	over := rose && !ok(lr)
	last := lastFinite(F)
	if c := lr / math.Sqrt(10); !over && in.StartPace != 0 && ok(c) && in.ProbeStart(c) > math.Max(last, in.StartPace) {
		// The first rate down neither passes the run nor keeps its pace
		// from the start: lr was the faster there, and a rate further
		// down is slower still (one probe on most kept runs).
		return d
	}
	c, found := stepDownFromStart(in, lr/math.Sqrt(10), ok)
	if !found {
		return d
	}
	v := in.ProbeStart(c)
	reach := better(v, last)
	if lower, known := lowerBound(in); known && over {
		reach = v-lower <= overshootReach*(last-lower)
	}
	if !reach {
		return d
	}
	if in.WarmsUp() && !over && !better(v, in.ProbeStart(lr)) {
		// The run warmed up from a fraction of lr while the probes run a
		// constant rate from their first step: c's probe is ranked
		// against lr's, like for like.
		return d
	}
	setRate(&d, c)
	w := wordsOf(in)
	if over {
		d.Advice += fmt.Sprintf("; but from the start, where the next run begins, lr %s overshoots (%s %.6g after a short probe, above the start's %.6g), while lr %s there already reaches %.6g against the whole run's %.6g: use lr %s",
			g4(lr), w.f, w.v(in.ProbeStart(lr)), w.v(F[0]), g4(c), w.v(v), w.v(last), g4(c))
		return d
	}
	d.Advice += fmt.Sprintf("; but from the start, where the next run begins, lr %s reaches %s %.6g in a short probe, below the %.6g the whole run reached at lr %s: use lr %s",
		g4(c), w.f, w.v(v), w.v(last), g4(lr), g4(c))
	return d
}

// WarmsUp reports whether the run's schedule began below half the rate
// the user sets, BaseLR (onecycle starts at max_lr/25, a linear warmup at
// a fraction of lr): a probe at a constant rate is ahead of such a run
// over its first units, whatever the rate. Front ends ask it when they
// choose how to probe from the start (see ProbeStart).
func (in *Input) WarmsUp() bool {
	lr := in.History.LR
	return in.BaseLR > 0 && len(lr) > 1 && lr[0] < in.BaseLR/2
}

// lowerBound is the objective's known lower bound (Input.FLower) or, for
// a catalogue function, its known minimum.
func lowerBound(in Input) (float64, bool) {
	switch {
	case in.HasFLower:
		return in.FLower, true
	case in.KnownMin:
		return in.FStar, true
	}
	return 0, false
}

// strayReach bounds, for fromStart, a raise's probe from the start
// against lr's, both above the lower bound.
const strayReach = 2

// overshootReach bounds, for keptFromStart, a cut's short probe from the
// start against the run's final value, both above the lower bound.
const overshootReach = 2

// cutFromStart checks the rate suggested after a blow-up, or after
// oscillation for a plain or momentum method, s, from the start with
// probes long enough to rank two rates (ProbeStartCompare): it
// cuts s by √10 while the probe blows up or ends above the start's
// objective (at most three times), then steps down by √10 while the lower
// rate goes further (at most three times) — the bound or lr/10 behind s
// comes from the curvature at one point, and the path from the start can
// cross steeper ground. After a blow-up (blewUp) that s survives without a
// step down, and with probes long enough to rank rates, the rate √10 above
// s (still below lr) is taken if it is safe from the start and goes
// further there: a tenfold cut is a guess, and the rates between it and
// lr are where the run's own path lies (RAdam on Himmelblau at 0.1 blows
// up to 8.6e6; 0.01 ends at 17.1, 0.0316 at 0.012). Not after a run that
// ended a little above its start without blowing up: an adaptive method's
// jitter at its rate's scale, which a probe of a tenth of the budget
// cannot see (RMSprop on Rosenbrock at 1 ends at 25.7 from 24.2; 0.316,
// ahead of 0.1 over the probe, ends its run at 3.4, 0.1 near 0).
func cutFromStart(in Input, d Diagnosis, ok func(float64) bool) Diagnosis {
	s := d.SuggestedLR
	c, found := stepDownFromStart(in, s, ok)
	if found && c == s && blewUp(in) && in.ProbeStartCompare {
		if up := s * math.Sqrt(10); up < userLR(in)/1.01 && ok(up) && better(in.ProbeStart(up), in.ProbeStart(s)) {
			c = up
		}
	}
	if !found || c == s {
		return d
	}
	setAction(&d, c)
	d.SuggestedLR = c
	if adv, found := renumber(d.Advice, s, c); found && c < s {
		d.Advice = adv + fmt.Sprintf(" (a check from the start found lr %s goes further there than %s)", g4(c), g4(s))
		return d
	}
	// A cut taken back up: the text that led to s stays, and says why.
	d.Advice += fmt.Sprintf("; but a check from the start found lr %s goes further there than %s: use lr %s", g4(c), g4(s), g4(c))
	return d
}

// blewUp reports whether the run blew up: it stopped on divergence, or
// ended more than tenfold max(|F₀|, 1) above its start — not an adaptive
// method's jitter at its rate's scale that ends a little above it.
func blewUp(in Input) bool {
	F := in.History.F
	F0 := F[0]
	return in.Status == minimize.Diverged || lastFinite(F)-F0 > 10*math.Max(math.Abs(F0), 1)
}

// raiseFromStart reports whether a probe from the start finds rate c
// safe there and further than lr.
func raiseFromStart(in Input, lr, c float64) bool {
	if in.ProbeStart == nil || len(in.History.F) == 0 {
		return false
	}
	return startOK(in)(c) && better(in.ProbeStart(c), in.ProbeStart(lr))
}

package diagnose

import (
	"fmt"
	"math"
)

// noiseFloor is the verdict on a mini-batch run whose full objective
// bounces in the last window with lr below any stable bound: the
// fluctuation is sampling noise. On a quadratic, SGD at rate η and batch B
// settles where the excess loss is about η·tr(Σ)/(4B) (Mandt, Hoffman &
// Blei 2017), so halving η halves that floor but also the speed of the
// descent, while a decaying schedule or a larger batch lowers it without
// that trade. The gradient noise scale B_simple = tr(Σ)/|G|² (McCandlish
// et al. 2018), when known, sizes the larger batch.
func noiseFloor(in Input, w words, lr float64, win []float64, bounces, nDiff int) Diagnosis {
	F := in.History.F
	mean, sd := meanSD(win)
	d := Diagnosis{Verdict: NoiseFloor}
	acts := []Action{{Kind: UseSchedule, Schedule: "cosine"}}
	orSched := "a decaying schedule (cosine) or "
	if in.BaseLR > 0 && lastFinite(in.History.LR) <= in.BaseLR/2 {
		// The run's own schedule already decays the rate (onecycle,
		// cosine, step …): another is no remedy.
		acts, orSched = nil, ""
	}
	batchText := "a larger batch"
	if b := in.NoiseScale; b > float64(in.Batch) && in.Batch > 0 {
		nb := int(math.Min(math.Ceil(b), float64(max(in.N, in.Batch))))
		acts = append(acts, Action{Kind: RaiseBatch, Batch: nb})
		batchText = fmt.Sprintf("a batch of about %d (the gradient noise scale is %.3g, above the batch of %d)", nb, b, in.Batch)
	} else {
		acts = append(acts, Action{Kind: RaiseBatch, Batch: 0})
	}
	what := fmt.Sprintf("%s changed direction %d times in the last %d %s around %.6g ± %.2g", w.f, bounces, nDiff, w.units, w.v(mean), sd)
	// The excess loss of the floor is of the order of its spread (for a
	// quadratic, ½xᵀHx with Gaussian x has mean ≈ spread/√2). Against the
	// progress made, F₀ − mean, a spread above 5 % means the floor costs
	// more than the tail of the descent could gain: cut lr in proportion
	// (the floor scales with lr), by a factor between 2 and 10. Below, the
	// rate is kept: halving it halves the speed for a small gain.
	r := sd / math.Max(F[0]-mean, 1e-300)
	if c, _ := raiseCap(in, lr); in.HasLR && in.Family == Momentum && in.Bound > 0 && lr > 2*c {
		// Heavy ball on mini-batches: the floor of lr is that of plain SGD
		// at lr/(1−β); above twice the momentum cap it costs more than it
		// speeds (see raiseCap).
		d.SuggestedLR = c
		d.Actions = append([]Action{{Kind: SetLR, LR: c}}, acts...)
		d.Advice = fmt.Sprintf("the loss sits on a mini-batch noise floor (%s) that momentum β = %.3g raises %.3g-fold (it adds up the noise of 1/(1−β) steps): use lr %s, or keep lr and use %s%s", what, in.Beta, 1/(1-in.Beta), g4(c), orSched, batchText)
		return d
	}
	drop, noise := trend(win)
	falling := drop > 2*noise
	if in.HasLR && lr > 0 && in.FConst > 0 && mean >= in.FConst && F[0] > mean && !falling {
		// On a floor no better than predicting the targets' mean (R² ≤ 0),
		// the progress from the start is the intercept's: the floor is
		// the fit, and lr is far too large for it (diabetes' standardized
		// linear model under AdamW at 10, batch 8: 7,587 ± 830 against
		// the targets' variance 5,929, from 29,074; 0.316 … 3.16 reach
		// 2,900).
		d.SuggestedLR = lr / 10
		d.Actions = append([]Action{{Kind: SetLR, LR: d.SuggestedLR}}, acts...)
		d.Advice = fmt.Sprintf("the loss sits on a mini-batch noise floor (%s) no lower than predicting the targets' mean (%.6g, R² ≤ 0): the noise, not instability, keeps it there, and the floor scales with lr: use lr %s, or keep lr and use %s%s", what, w.v(in.FConst), g4(d.SuggestedLR), orSched, batchText)
		return d
	}
	if in.HasLR && lr > 0 && r > 0.05 && !falling {
		f := math.Max(0.1, math.Min(0.5, 0.02/r))
		d.SuggestedLR = lr * f
		d.Actions = append([]Action{{Kind: SetLR, LR: d.SuggestedLR}}, acts...)
		if !(F[0] > mean) {
			// No progress: the floor lies above the start.
			d.Advice = fmt.Sprintf("the loss bounces on mini-batch noise above its start (%s, against %.6g at the start): lr %s is too large for this problem; use lr %s, or keep lr and use %s%s", what, w.v(F[0]), g4(lr), g4(d.SuggestedLR), orSched, batchText)
			return d
		}
		size := fmt.Sprintf("a spread of %.0f%% of the progress made", 100*r)
		d.Advice = fmt.Sprintf("the loss sits on a high mini-batch noise floor (%s: %s): the noise, not instability, keeps it there, and the floor scales with lr: use lr %s, or keep lr and use %s%s", what, size, g4(d.SuggestedLR), orSched, batchText)
		return d
	}
	if in.HasLR && lr > 0 {
		d.SuggestedLR = lr
		d.Actions = append([]Action{{Kind: KeepLR, LR: lr}}, acts...)
	} else {
		d.Actions = acts
	}
	d.Advice = fmt.Sprintf("the loss sits on the mini-batch noise floor (%s), small beside the progress made: keep lr %s; to lower the floor further use %s%s", what, g4(lr), orSched, batchText)
	if falling {
		// Still falling through the noise: a smaller rate would lower
		// the floor later but slow the fall now.
		d.Actions = append(d.Actions, Action{Kind: RaiseBudget})
		d.Advice = fmt.Sprintf("the loss bounces on mini-batch noise (%s) but still falls through it (by %.3g over the last %d %s, against a noise of ±%.2g): keep lr %s and raise %s; %s%s lowers the floor at the end", what, drop, len(win)-1, w.units, noise, g4(lr), w.budget, orSched, batchText)
	}
	return d
}

// trend fits a line to v by least squares and returns the fall it makes
// over v (−slope·(len(v)−1), positive when v falls) and the standard
// deviation of v about the line: a loss falls through its noise when the
// first is well above the second.
func trend(v []float64) (drop, noise float64) {
	n := float64(len(v))
	if len(v) < 3 {
		return 0, 0
	}
	var mx, my float64
	for i, y := range v {
		mx += float64(i)
		my += y
	}
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for i, y := range v {
		sxy += (float64(i) - mx) * (y - my)
		sxx += (float64(i) - mx) * (float64(i) - mx)
	}
	slope := sxy / sxx
	var ss float64
	for i, y := range v {
		r := y - (my + slope*(float64(i)-mx))
		ss += r * r
	}
	return -slope * (n - 1), math.Sqrt(ss / (n - 2))
}

func meanSD(v []float64) (mean, sd float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(v)))
}

// floorLevel is where a run on a noise floor rests on average, in the
// probes' terms: ProbeFrom moved by the mean of the last W values of the
// history over its last value (the probes start from the run's end, and
// may measure on other rows). A probe at the run's own rate ends on one
// draw from that floor — a lucky low draw would keep a rate whose floor
// the run itself shows to be high — so a cut is compared with the higher
// of the two.
func floorLevel(in Input) float64 {
	F := in.History.F
	k := len(F) - 1
	if k < 1 || math.IsNaN(in.ProbeFrom) || math.IsInf(in.ProbeFrom, 0) {
		return math.Inf(-1)
	}
	W := min(50, (k+1)/2)
	mean, _ := meanSD(F[k-W+1:])
	if math.IsNaN(mean) || math.IsInf(mean, 0) || math.IsNaN(F[k]) {
		return math.Inf(-1)
	}
	return in.ProbeFrom + mean - F[k]
}

// floorRise is how much higher a mini-batch run's noise floor sits at rate
// c than at lr: SGD at rate η settles where the excess loss is about
// η·tr(Σ)/(4B) (Mandt, Hoffman & Blei 2017), heavy ball as SGD at
// η/(1−β); tr(Σ) is NoiseScale·‖∇F‖² at the run's end (McCandlish et al.
// 2018). 0 on a full batch or without a noise scale.
func floorRise(in Input, lr, c float64) float64 {
	gn := lastFinite(in.History.GradNorm)
	if !in.stochastic() || !(in.NoiseScale > 0) || !(gn > 0) {
		return 0
	}
	eff := 1.0
	if in.Family == Momentum && in.Beta > 0 && in.Beta < 1 {
		eff = 1 / (1 - in.Beta)
	}
	return (c - lr) * eff * in.NoiseScale * gn * gn / (4 * float64(in.Batch))
}

// floorRiseRatio is how many times the gain of checkKeep's probe at the
// raised rate the predicted rise of the noise floor (floorRise) may be
// before the raise is refused. The probe is at most a twentieth of the
// run, and a faster rate keeps gaining over the next run's whole length,
// so a rise a few times the probe's gain is paid for; one an order of
// magnitude above it is not. Measured on the advice benchmark: iris
// softmax, heavy ball at batch 8, 0.19 → 1.6, rise 16–50× the gain, the
// raised runs end at 0.08–0.11 against 0.05; separable wine logistic at
// batch 16–32, 0.032 → 0.32, rise 1.8–2×, the raised runs end 3–4× lower.
const floorRiseRatio = 10

package run

import (
	"context"
	"math"
	"slices"
	"strconv"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// Curvature is the "curvature" object of the JSON output.
type Curvature struct {
	L             Float  `json:"L"`
	StableLRBound Float  `json:"stable_lr_bound"` // null when no bound applies
	Rule          string `json:"rule"`
	Point         string `json:"point"` // where L was measured: "start" or "best"
	Exact         bool   `json:"exact_hessian"`
}

// analyze measures the curvature at the start and the best point (the larger
// L gives the bound: stability must hold everywhere on the way), asks the
// optimizer for its stable bound there and diagnoses the run. f is the
// function minimized.
func analyze(cfg *Config, f fn.Func, x0 []float64, alg optim.Algorithm, s minimize.Settings, res *minimize.Result, terms diagnose.Terms) (*Curvature, diagnose.Diagnosis) {
	var cv *Curvature
	est, err := curvature.At(f, x0)
	point := "start"
	var atBest curvature.Estimate
	// When the best point is the start, it is measured already.
	if bestX := res.Best.X; err == nil && res.Best.Iteration > 0 && fn.AllFinite(bestX) {
		e2, err2 := curvature.At(f, bestX)
		if err2 == nil {
			atBest = e2
		}
		if err2 == nil && e2.L > est.L {
			est, point = e2, "best"
		}
	}
	_, hasLR := optim.StepLR(alg)
	hasLR = hasLR && diagnose.FamilyOf(alg) != diagnose.Method // a learning-rate-free method has no rate to advise
	in := diagnose.Input{
		Status: res.Status, Message: res.Message, History: res.History, Unit: minimize.Iterations,
		GradTol: s.GradTol, DivergeFactor: s.DivergeFactor, HasLR: hasLR, Terms: terms,
		Family: diagnose.FamilyOf(alg), Beta: optim.MomentumOf(alg), PrevLR: cfg.PrevLR,
		SelfAnnealing: optim.SelfAnnealing(alg),
		DecayCap:      optim.DecayCap(alg),
		UnscaledSteps: optim.UnscaledSteps(alg),
		StepAtMostLR:  optim.IsSignStep(alg) || optim.SelfAnnealing(alg),
		MaxAbsX:       fn.MaxAbs(res.X),
	}
	in.GrownStep, in.StepCeiling, in.StepCeilingParam, _ = optim.Grown(alg)
	if k := cfg.Problem.Known; k != nil && !k.Unbounded && !cfg.Problem.Maximize && !math.IsInf(k.FMin, 0) {
		in.KnownMin, in.FStar = true, k.FMin
	}
	if k := cfg.Problem.Known; k != nil && k.Unbounded && !cfg.Problem.Maximize {
		in.KnownUnbounded = true
	}
	if hasLR {
		// One optimizer built from the spec serves the base rate, the
		// first step and every probe, one after another: Init resets it
		// (TestInitResets), and building one from a spec (reflection)
		// costs as much as a short run's probes.
		shared := newOpt(cfg.opt())
		if s.Schedule != nil {
			shared.Init(len(x0))
			in.BaseLR, _ = optim.StepLR(shared)
			if key, v, ok := schedule.RateParam(cfg.Schedule); ok {
				in.BaseLR, in.RateParam = v, key // onecycle ignores the optimizer's lr
			}
			if key, v, ok := schedule.RateCeiling(cfg.Schedule); ok {
				in.RateCeiling, in.CeilingParam = v, key // cyclic's max_lr
			}
		}
		// A probe from the best point, when that is where the run ended,
		// continues the run's optimizer state for a method whose fresh
		// state takes unscaled first steps (RAdam's unrectified ones move
		// by lr·|g|, a kick the run never takes there: Himmelblau under
		// RAdam/onecycle at 0.0316 kept its rate because every higher
		// rate's fresh probe overshot). Other adaptive methods start
		// fresh, as the rules were measured with: continuing every
		// adaptive state (as training's probes do) cut one-hop failures
		// on the benchmark by 9 but added an honest one and three
		// helpful ones; RAdam's alone cut one-hop and reach-3 by 25 each.
		var resume *optim.State
		if st, ok := optim.Unwrap(alg).(optim.Stateful); ok && in.UnscaledSteps > 0 && res.Status != minimize.Diverged && slices.Equal(res.Best.X, res.X) {
			c := st.State().Clone()
			resume = &c
		}
		in.Probe, in.ProbeFrom = prober(cfg, shared, f, res.Best.X, res, s, probeLen(res.Iterations), resume), res.Best.F
		in.ProbeStart = prober(cfg, shared, f, x0, res, s, startProbeLen(s.MaxIters, res.Iterations), nil)
		if in.WarmsUp() && (res.Status != minimize.Diverged || in.UnscaledSteps > 0) {
			// The schedule warms up: the next run's first steps are the
			// warmup's, which a constant rate does not take. After a
			// blow-up the probes hold the peak rate instead: a tenth of
			// the budget does not reach the warmup's peak, where the run
			// blew up (Himmelblau under Nesterov momentum with onecycle at
			// max_lr 10: 0.0316 passes the warmup's first tenth and blows
			// up at its peak) — except RAdam's (UnscaledSteps), as in
			// training: its unrectified first steps move by lr·|m̂|, and at
			// a constant rate they blow up where the warmup's do not
			// (Rosenbrock under onecycle at max_lr 0.316 blew up at
			// iteration 5; constant probes found every rate down to 0.001
			// overshooting, whose run ends at 4.2, and 0.0316's at 0.037).
			// On the benchmark: one-hop failures 499 -> 489, no set
			// worse; for every method it cost H74, H83 and H87 four.
			in.ProbeStart = warmProber(cfg, f, x0, s, startProbeLen(s.MaxIters, res.Iterations))
		}
		in.ProbeStartCompare = true
		if fn.AllFinite(res.Best.X) {
			in.Travel = fn.Dist(res.Best.X, x0)
			in.CoordTravel = fn.DistInf(res.Best.X, x0)
		}
		if in.Family == diagnose.Adaptive {
			g0 := make([]float64, len(x0))
			f.ValueGrad(g0, x0)
			in.StepPerLR = optim.FirstStepPerLR(func() optim.Algorithm { return shared }, x0, g0)
		}
	}
	if err == nil && !math.IsNaN(est.L) {
		cv = curvatureOf(alg, est, point)
		if b := float64(cv.StableLRBound); b > 0 {
			in.Bound, in.L = b, est.L
		}
		// BoundEnd stays 0: a formula's gradient may grow without bound
		// (a quartic), so a rate stable only near the best point can
		// blow up from the start. atBest is kept for the report.
		in.LBest = atBest.L
	}
	return cv, diagnose.Diagnose(in)
}

// curvatureOf is the JSON curvature object of an estimate, with the
// optimizer's own stable bound.
func curvatureOf(alg optim.Algorithm, est curvature.Estimate, point string) *Curvature {
	b := optim.StableLR(alg, est.L)
	return &Curvature{L: Float(est.L), StableLRBound: nanIfZero(b.LR), Rule: b.Rule, Point: point, Exact: est.Exact}
}

// newOpt builds opt, which NewAlgorithm has already accepted.
func newOpt(opt spec.Spec) optim.Algorithm {
	a, err := optim.NewSpec(opt)
	if err != nil {
		panic(err)
	}
	return a
}

// probeLen is the length of one probe of the advice: a two-hundredth of
// the run (at least 2 iterations), so that the at most five probes of a
// diagnosis cost about 2.5 % of the run.
func probeLen(iters int) int { return max(2, (iters+199)/200) }

// maxStartProbe bounds startProbeLen: the at most seven probes from the
// start then cost at most 7 % of a run of 10⁵ iterations.
const maxStartProbe = 1000

// startProbeLen is the length of a probe from the start: a tenth of the
// budget (of the run when it has none: a blow-up ends the run early, not
// the budget), long enough to rank two rates (ProbeStartCompare), at
// least probeLen and at most maxStartProbe iterations.
func startProbeLen(budget, iters int) int {
	if budget <= 0 {
		budget = iters
	}
	return max(probeLen(iters), min(budget/10, maxStartProbe))
}

// prober returns the diagnosis's probe: from x (the run's best point, or
// its start for diagnose.Input.ProbeStart), alg — an optimizer of the
// run's kind, reset by each probe — at rate lr (constant) for iters
// iterations (probeLen from the best point; startProbeLen, a tenth of the budget, from the
// start, long enough to rank two rates: ProbeStartCompare), with the run's
// clipping and tolerances; it returns the objective reached, +Inf when
// the probe blew up.
func prober(cfg *Config, alg optim.Algorithm, f fn.Func, x []float64, res *minimize.Result, s minimize.Settings, iters int, resume *optim.State) func(lr float64) float64 {
	if !fn.AllFinite(x) {
		return nil
	}
	ps := probeSettings(s, iters)
	ps.Resume = resume
	// alg, built from the run's spec, serves every probe: Init resets it
	// (TestInitResets) and a constant schedule sets the rate, so a probe
	// does not rebuild it from the spec (reflection: 8 % of a short
	// formula run's time).
	if b := optim.MomentumOf(alg); b > 0 && b < 1 {
		// Heavy ball needs about 1/(1−β) steps to build its velocity: a
		// shorter probe cannot see a rate overshoot (at most a tenth of
		// the run).
		ps.MaxIters = max(ps.MaxIters, min(int(math.Ceil(2/(1-b))), res.Iterations/10))
	}
	_, hasLR := alg.(optim.LRer)
	return func(lr float64) float64 {
		a, ps := alg, ps
		if hasLR {
			ps.Schedule = constantRate(lr)
		} else {
			var err error
			if a, err = optim.NewSpec(cfg.opt().With("lr", strconv.FormatFloat(lr, 'g', -1, 64))); err != nil {
				return math.Inf(1)
			}
		}
		return probeValue(minimize.Minimize(context.Background(), f, x, a, ps))
	}
}

// probeSettings are a probe's settings: the run's stopping rule and
// clipping, iters iterations, no timeout.
func probeSettings(s minimize.Settings, iters int) minimize.Settings {
	ps := minimize.Settings{Stop: s.Stop, ClipNorm: s.ClipNorm, ClipValue: s.ClipValue}
	ps.MaxIters, ps.Timeout = iters, 0
	return ps
}

// probeValue is the objective a probe reached, +Inf when it failed or
// blew up.
func probeValue(r *minimize.Result, err error) float64 {
	if err != nil || r.Status == minimize.Diverged || math.IsNaN(r.F) {
		return math.Inf(1)
	}
	return r.F
}

// warmProber is prober from x for a run whose schedule warms up from a
// fraction of the rate the user sets (onecycle starts at max_lr/25): each
// probe follows the run's own schedule and warmup, built for the whole
// budget with lr as the rate the user sets, for its first iters
// iterations — the first steps of the next run — with a fresh optimizer.
func warmProber(cfg *Config, f fn.Func, x []float64, s minimize.Settings, iters int) func(lr float64) float64 {
	if !fn.AllFinite(x) {
		return nil
	}
	ps := probeSettings(s, iters)
	return func(lr float64) float64 {
		rate := strconv.FormatFloat(lr, 'g', -1, 64)
		sched, _ := schedule.WithRate(cfg.Schedule, lr)
		a, sch, err := NewAlgorithm(cfg.opt().With("lr", rate), sched, cfg.Warmup, s.MaxIters)
		if err != nil {
			return math.Inf(1)
		}
		ps := ps
		ps.Schedule = sch
		return probeValue(minimize.Minimize(context.Background(), f, x, a, ps))
	}
}

// constantRate is a schedule that holds the rate at lr whatever the
// optimizer's own: a probe sets its rate through it, so that one optimizer
// built from the run's spec serves every probe (Init resets the rest).
type constantRate float64

func (c constantRate) Init(float64) {}
func (c constantRate) LR() float64  { return float64(c) }
func (c constantRate) Step(float64) {}

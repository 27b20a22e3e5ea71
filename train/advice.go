package train

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// Curvature is the "curvature" object of a training Result, in the shape
// of the minimize command's (run.Curvature): L = λmax(∇²F), the largest
// eigenvalue of the Hessian of the training objective F (without the l1
// term; see model.Curvature), where it was measured, and the stable
// learning-rate bound of the run's optimizer at that curvature
// (optim.StableLR), null with the reason in Rule when none applies.
type Curvature struct {
	L             Float  `json:"L"`
	StableLRBound Float  `json:"stable_lr_bound"` // null when no bound applies
	Rule          string `json:"rule"`
	// Point is where L was measured: "start" (the initial weights) or
	// "end" (the final weights), whichever has the larger L.
	Point string `json:"point"`
	// Exact: L from the exact Hessian (linear, logistic and softmax
	// models), not from finite differences of gradients (the MLP).
	Exact bool `json:"exact_hessian"`
	// Rows is the number of training rows L was measured on when it is a
	// seeded sample of the split (AnalysisRows); absent when every row was.
	Rows int `json:"rows,omitempty"`
}

// curvature measures L at the start and at the final weights and keeps
// the larger, as the minimize engine does: stability must hold on the
// whole way. The Hessian of linear regression is the same everywhere, and
// logistic regression's at its zero start, pᵢ(1−pᵢ) = ¼, is the largest
// anywhere (model.CurvatureBound), so for these the start suffices. An
// MLP is measured at both: the sharpness of a network often grows during
// training (Cohen, Kaur, Li, Kolter & Talwalkar, "Gradient Descent on
// Neural Networks Typically Occurs at the Edge of Stability", ICLR 2021),
// but it can also fall, and a rate stable only at the end blows up from
// the start (iris, mlp, momentum: 13.1 from a flat end point diverged).
// Each point costs at most 12 Lanczos steps of two gradients (fewer once
// L has converged to curvatureTol). It returns nil
// when L cannot be measured (a read error, or a Hessian that is not
// finite).
func (s *setup) curvature(st *state, final []float64) *Curvature {
	a := s.analysis()
	rows, nRows := a.set.rows(), a.n
	if model.SpecOf(s.m).Name == "mlp" {
		// An MLP's estimate costs 2·MLPCurvatureSteps gradient passes
		// per point (two points): its rows are bounded so that they
		// take at most curvatureShare of the run's work.
		work := float64(st.steps) * float64(min(max(s.cfg.Batch, 0), s.nTrain))
		if s.cfg.Batch == 0 {
			work = float64(st.epoch) * float64(s.nTrain)
		}
		m := int(curvatureShare * work / (2 * 2 * model.MLPCurvatureSteps))
		m = min(max(m, minCurvatureRows), a.n)
		if m < a.n {
			k := (a.n + m - 1) / m // StridedRows keeps every k-th row
			rows, nRows = model.StridedRows(rows, m), (a.n+k-1)/k
		}
	}
	theta0 := s.start0()
	name := model.SpecOf(s.m).Name
	endOK := st.status != minimize.Diverged && fn.AllFinite(final)
	at := func(theta []float64) (curvature.Estimate, bool) {
		var est curvature.Estimate
		var err error
		if name == "logistic" && !slices.ContainsFunc(theta, func(v float64) bool { return v != 0 }) {
			// At θ = 0 the Hessian is the bound's, formed without scores.
			if mo := s.moments(); mo != nil {
				est.L, err = mo.CurvatureBound() // the same rows: statRows
			} else {
				est.L, err = model.CurvatureBound(s.m, rows)
			}
			est.Exact = true
		} else {
			est, err = model.CurvatureTol(s.m, rows, theta, curvatureTol)
		}
		return est, err == nil && a.set.err() == nil && !math.IsNaN(est.L)
	}
	var est curvature.Estimate
	point := "start"
	switch {
	case name == "logistic" && endOK:
		// The start's bound is the largest anywhere; the end's is where a
		// slow run would continue (diagnose.Input.BoundEnd).
		e, ok := at(theta0)
		if !ok {
			return nil
		}
		est = e
		// The end's estimate only caps a raise: on at most
		// endCurvatureRows rows from 32 places spread over the analysis
		// rows, read where they are (a weighted Gram matrix over every
		// analysis row was a third of a short run's advice, and gathering
		// every k-th row into a fresh block a tenth of what was left).
		if a.n > endCurvatureRows {
			rows = model.SpreadRows(rows, endCurvatureRows)
		}
		if e, ok := at(final); ok {
			s.endL = e.L
		}
	case name == "linear", name == "logistic", !endOK:
		e, ok := at(theta0)
		if !ok {
			return nil
		}
		est = e
	default:
		e, ok := at(theta0)
		if !ok {
			return nil
		}
		est = e
		if e, ok := at(final); ok {
			s.endL = e.L
			if e.L > est.L {
				est, point = e, "end"
			}
		}
	}
	b := optim.StableLR(s.alg, est.L)
	bound := math.NaN()
	if b.LR > 0 {
		bound = b.LR
	}
	cv := &Curvature{L: Float(est.L), StableLRBound: Float(bound), Rule: b.Rule, Point: point, Exact: est.Exact}
	if nRows < s.nTrain {
		cv.Rows = nRows
	}
	return cv
}

// curvatureTol is the Ritz-estimate tolerance of an MLP's L for the
// advice (model.CurvatureTol): the residual bounds the top Ritz value's
// error by 1 % of L, and the error is far below it — on iris
// (mlp:hidden=16, std, adam, batch 8) L moved from 3.491981 (tolerance
// 1e-3) to 3.491760, on the 100k MLP runs by at most 1e-4 of L, with the
// same verdicts and rates; the 22 advice sets score the same. At 1e-3 the
// curvature was 13 % more of the iris command's advice.
const curvatureTol = 1e-2

// curvatureShare is the share of a run's work (the example gradients its
// steps computed) that an MLP's curvature estimate may take, on at least
// minCurvatureRows rows (a shorter run pays more, in proportion).
const (
	curvatureShare   = 0.04
	minCurvatureRows = 500
)

// scaling is what the advice learns of the features' scales: their
// spread (diagnose.Input.ScaleSpread), the conditioning's gain from
// standardizing them (ScaleGain, KappaRaw, KappaStd) and, when they are
// badly scaled, the stable bound of the standardized objective
// (StandardizedBound) or — for an adaptive method, or a model without that
// bound (an MLP) — the standardized probe, which runs meanwhile
// (standardizedAhead).
type scaling struct {
	spread, gain, kappaRaw, kappaStd float64
	bound                            float64
	rate                             func() (lr, f float64) // nil when no probe runs
}

// scaling gathers the run's scaling evidence; the advice calls it first,
// so that the standardized probe runs beside the rest of the advice.
func (s *setup) scaling() *scaling {
	sc := &scaling{spread: columnSpread(s.statRows(), s.m.Features())}
	if s.tr.err() != nil {
		sc.spread = 0
	}
	if s.cfg.Standardize || sparseSet(s.tr) {
		return sc
	}
	if s.tr.err() == nil {
		// From at most conditioningRows rows, evenly spread: an estimate
		// for a threshold of 30, at a fixed cost on large data sets.
		cond := func() (float64, float64, error) {
			return model.Conditioning(s.m, model.StridedRows(s.statRows(), conditioningRows))
		}
		if mo := s.moments(); mo != nil && s.analysis().n <= conditioningRows {
			cond = mo.Conditioning // StridedRows would keep every row
		}
		if raw, std, err := cond(); err == nil && s.analysis().set.err() == nil && std > 0 {
			sc.gain, sc.kappaRaw, sc.kappaStd = raw/std, raw, std
		}
	}
	if !diagnose.BadlyScaled(sc.spread, sc.gain) {
		return sc
	}
	if diagnose.FamilyOf(s.alg) != diagnose.Adaptive {
		// Half the stable bound of the standardized objective, for the
		// advice to standardize.
		if L, err := s.standardizedBound(); err == nil && s.analysis().set.err() == nil {
			sc.bound = optim.StableLR(s.alg, L).LR
			return sc
		}
		// No bound for the standardized objective (an MLP): the rate of
		// the standardized probe, as for an adaptive method.
	}
	if s.hasLR() {
		sc.rate = s.standardizedAhead()
	}
	return sc
}

// hasLR reports whether the run has a learning rate for the advice to
// set: not a learning-rate-free method nor a line search.
func (s *setup) hasLR() bool {
	return s.lrer != nil && s.meth == nil && diagnose.FamilyOf(s.alg) != diagnose.Method
}

// diagnose applies package diagnose to the per-epoch training objective,
// with what the run knows besides its history: the curvature bound, the
// optimizer's family, the batch and the training set's size, the
// validation loss per epoch, the spread of the feature scales (and the
// rate to use after standardizing them), the rate a
// schedule starts from, the gradient noise scale of a mini-batch run, and
// a probe that trains a copy from the final weights at another rate.
// final are the final weights (the best epoch's with early stopping).
func (s *setup) diagnose(st *state, final []float64, cv *Curvature, sc *scaling) diagnose.Diagnosis {
	if st.status == minimize.EarlyStopped {
		return diagnose.Diagnosis{Verdict: diagnose.Converged, SuggestedLR: posLR(st.lr), Unit: minimize.Epochs.String(),
			Actions: []diagnose.Action{{Kind: diagnose.KeepLR, LR: posLR(st.lr)}},
			Advice:  fmt.Sprintf("the validation loss stopped improving after epoch %d (%.6g) while training went on: the model began to overfit; the weights of epoch %d are kept", st.bestEpoch, st.bestLoss, st.bestEpoch)}
	}
	var h minimize.History
	for _, r := range st.hist {
		h.F = append(h.F, float64(r.TrainLoss))
		h.GradNorm = append(h.GradNorm, float64(r.GradNorm))
		h.LR = append(h.LR, float64(r.LR))
	}
	h.StepCos = st.cos
	if full := s.cfg.Batch == 0 || s.cfg.Batch >= s.nTrain; full && s.endL > 0 && len(h.F) > 0 {
		// The sharpness at the end, measured for the curvature report,
		// lets the advice tell a run at the edge of stability (λmax ≈
		// 2/lr, the loss bouncing yet falling) from an unstable one.
		h.Sharpness = make([]float64, len(h.F))
		for i := range h.Sharpness {
			h.Sharpness[i] = math.NaN()
		}
		h.Sharpness[len(h.F)-1] = s.endL
	}
	gradTol := s.cfg.GradTol
	if s.cfg.Batch > 0 {
		gradTol = 0
	}
	hasLR := s.hasLR()
	in := diagnose.Input{Status: st.status, Message: st.msg, History: h, Unit: minimize.Epochs,
		GradTol: gradTol, HasLR: hasLR, Terms: s.cfg.Terms,
		Family: diagnose.FamilyOf(s.alg), Beta: optim.MomentumOf(s.alg), Batch: s.cfg.Batch, N: s.nTrain,
		SelfAnnealing: optim.SelfAnnealing(s.alg),
		DecayCap:      optim.DecayCap(s.alg),
		UnscaledSteps: optim.UnscaledSteps(s.alg),
		StepAtMostLR:  optim.IsSignStep(s.alg) || optim.SelfAnnealing(s.alg),
		MaxAbsX:       fn.MaxAbs(final),
		HasFLower:     true, // every model's loss and penalty are ≥ 0
		LinearModel:   model.SpecOf(s.m).Name == "linear",
		ScaleSpread:   sc.spread,
		ScaleGain:     sc.gain, KappaRaw: sc.kappaRaw, KappaStd: sc.kappaStd,
		StandardizedBound: sc.bound,
		PrevLR:            s.cfg.PrevLR,
	}
	in.TargetMean, in.FConst = s.targets()
	in.SignStep = optim.IsSignStep(s.alg)
	if in.LinearModel && s.cfg.Standardize && s.m.Task() == model.Regression && s.m.NumParams() > 0 {
		// θ = [W, b] with one output: the intercept is the last weight.
		x0 := s.start0()
		in.InterceptGap = math.Abs(in.TargetMean - x0[len(x0)-1])
	}
	in.GrownStep, in.StepCeiling, in.StepCeilingParam, _ = optim.Grown(s.alg)
	if cv != nil && float64(cv.StableLRBound) > 0 {
		in.Bound, in.L = float64(cv.StableLRBound), float64(cv.L)
	}
	if n := model.SpecOf(s.m).Name; (n == "logistic" || n == "softmax") && s.endL > 0 {
		// Cross-entropy's gradient is bounded (by the features' norms),
		// so a rate above the start's bound cannot blow up; it can only
		// bounce while the curvature is high. Where the run would
		// continue, the bound at the end caps a raise.
		if b := optim.StableLR(s.alg, s.endL).LR; b > 0 {
			in.BoundEnd = b
		}
	}
	if s.val != nil {
		in.ValLoss = make([]float64, len(st.hist))
		for i, r := range st.hist {
			in.ValLoss[i] = float64(r.ValLoss)
		}
	}
	if hasLR && s.sched != nil {
		in.BaseLR = s.baseLR()
		if key, v, ok := schedule.RateParam(s.cfg.Schedule); ok {
			in.BaseLR, in.RateParam = v, key // onecycle ignores the optimizer's lr
		}
		if key, v, ok := schedule.RateCeiling(s.cfg.Schedule); ok {
			in.RateCeiling, in.CeilingParam = v, key // cyclic's max_lr
		}
	}
	if st.status != minimize.Diverged {
		in.NoiseScale = s.noiseScale(final)
	}
	if hasLR {
		// After a blow-up the final weights are no place to start from:
		// probe from the start weights then.
		from, fromF, atEnd := final, float64(st.hist[len(st.hist)-1].TrainLoss), true
		if st.status == minimize.Diverged || !fn.AllFinite(final) || math.IsNaN(fromF) || math.IsInf(fromF, 0) {
			from, fromF, atEnd = s.start0(), float64(st.hist[0].TrainLoss), false
		}
		at0 := new(startPoint)
		if a := s.probeData(); a.sampled {
			// The probes train and measure on their sample: they are
			// compared with the objective there, whose gradient their
			// first steps take (Value is ValueGrad's value, bit for bit).
			at0.g = make([]float64, len(from))
			fromF = a.obj.ValueGrad(at0.g, from)
			at0.F = fromF
		}
		// Adaptive probes from the final weights continue the run's
		// optimizer state (see prober).
		var state *optim.State
		if sf, ok := s.alg.(optim.Stateful); ok && in.Family == diagnose.Adaptive && atEnd {
			c := sf.State().Clone()
			state = &c
		}
		in.Probe, in.ProbeFrom = s.proberAt(from, state, at0, false), fromF
		// Under a schedule that warms up, RAdam's probes from the start
		// follow it: at a constant rate its unrectified first steps move
		// by lr·|g| at the full rate, which the next run never takes
		// there. Other optimizers keep constant-rate probes: over a
		// training run's first epochs a warm probe cannot see a rate
		// that overshoots at the schedule's peak, which the constant
		// one shows (following the warmup for every optimizer cost six
		// held-out sets failures; for RAdam alone it cut H102's one-hop
		// and reach-3 failures from 21/19 to 11/9 and added none).
		in.ProbeStart = s.proberAt(s.start0(), nil, new(startPoint), in.UnscaledSteps > 0 && in.WarmsUp())
		if k := s.probeEpochs(); k < len(h.F) {
			in.StartPace = h.F[k]
		}
		if fn.AllFinite(final) {
			in.Travel = fn.Dist(final, s.start0())
			in.CoordTravel = fn.DistInf(final, s.start0())
		}
		in.StepsPerUnit = s.stepsPerEpoch()
		if _, mem := s.analysis().set.(*memSet); mem && in.Family == diagnose.Adaptive && s.analysis().obj != nil {
			x0 := s.start0()
			g0 := make([]float64, len(x0))
			if f := s.first; f != nil && s.analysisRows(f.obj) {
				copy(g0, f.g) // the run measured ∇F at x0 on these rows
			} else {
				s.analysis().obj.ValueGrad(g0, x0)
			}
			in.StepPerLR = optim.FirstStepPerLR(func() optim.Algorithm {
				a, err := s.algorithm(&s.cfg)
				if err != nil {
					return nil
				}
				return a
			}, x0, g0)
		}
	}
	if sc.rate != nil {
		// Offered first, with its rate, only when the standardized probe
		// (which ran beside the rest) went further than this run did in
		// as many epochs.
		if lr, f := sc.rate(); f < h.F[min(s.probeEpochs(), len(h.F)-1)] {
			in.StandardizedLR = lr
		}
	}
	return diagnose.Diagnose(in)
}

// sparseSet reports whether the training split is CSR, which
// standardization scales without centring.
func sparseSet(e examples) bool {
	switch v := e.(type) {
	case *memSet:
		return v.csr != nil
	case *streamSet:
		return v.sp != nil
	}
	return false
}

func posLR(v float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return 0
}

// baseLR is the rate the user set: the configured optimizer's, which a
// schedule starts from (onecycle's max_lr takes its place: see
// schedule.RateParam).
func (s *setup) baseLR() float64 {
	a, err := optim.NewSpec(s.cfg.opt())
	if err != nil {
		return 0
	}
	a.Init(1)
	lr, _ := optim.StepLR(a)
	return posLR(lr)
}

// columnSpread returns the ratio of the largest to the smallest standard
// deviation of the d feature columns of rows (population standard
// deviations; zeros of CSR rows count), leaving out constant columns —
// those whose variance is at most 1e-12 of their mean square, which is
// rounding — and 0 when no column varies.
func columnSpread(rows model.Rows, d int) float64 {
	sum := make([]float64, d)
	sq := make([]float64, d)
	n := 0
	rows(func(dn *data.Dense, cs *data.CSR) {
		if dn != nil {
			for i := 0; i < dn.N; i++ {
				for j, v := range dn.X[i*dn.D : (i+1)*dn.D] {
					sum[j] += v
					sq[j] += v * v
				}
			}
			n += dn.N
			return
		}
		for t, j := range cs.Indices[:cs.Indptr[cs.N]] {
			v := cs.Values[t]
			sum[j] += v
			sq[j] += v * v
		}
		n += cs.N
	})
	if n == 0 {
		return 0
	}
	lo, hi := math.Inf(1), 0.0
	for j := range sum {
		mean, ms := sum[j]/float64(n), sq[j]/float64(n)
		v := ms - mean*mean
		if !(v > 1e-12*ms) {
			continue
		}
		sd := math.Sqrt(v)
		lo, hi = math.Min(lo, sd), math.Max(hi, sd)
	}
	if hi == 0 {
		return 0
	}
	return hi / lo
}

// statRows are the rows the advice estimates the features' statistics
// from (their spread and conditioning): the analysis set (see analysis).
func (s *setup) statRows() model.Rows { return s.analysis().set.rows() }

// moments returns the features' moments over statRows, made in one pass
// the first time (model.NewMoments): the logistic start's curvature
// bound, the conditioning and the standardized bound all start from them
// (three passes over the rows before). It returns nil when they cannot be
// made (more than 63 features, a read error).
func (s *setup) moments() *model.Moments {
	if !s.momDone {
		s.momDone = true
		if mo, err := model.NewMoments(s.m, s.statRows()); err == nil && s.analysis().set.err() == nil {
			s.mom = mo
		}
	}
	return s.mom
}

// targets returns the mean and the variance of a regression's targets on
// the rows its epochs' losses are measured on (diagnose.Input.TargetMean,
// and FConst: the training loss of the best constant prediction); 0 and 0
// for a classification.
func (s *setup) targets() (mean, variance float64) {
	if s.m.Task() != model.Regression || s.mset == nil {
		return 0, 0
	}
	return s.mset.yMean(), s.mset.yVar()
}

// standardizedBound is model.StandardizedBound over statRows.
func (s *setup) standardizedBound() (float64, error) {
	if mo := s.moments(); mo != nil {
		return mo.StandardizedBound()
	}
	return model.StandardizedBound(s.m, s.statRows())
}

// AnalysisRows bounds the training rows that the analysis after a run
// works on — the curvature, the features' statistics, the gradient noise
// scale and every probe of the diagnosis: a larger split is analysed on a
// seeded sample of this many rows (the metric sample when the run has
// one), so that the advice costs a bounded amount of work whatever the
// data's size — an estimate on 10,000 rows, where a full pass per
// Lanczos step on a million rows would cost more than the training.
const AnalysisRows = DefaultMetricRows

// analysisSet is the set the analysis works on (see AnalysisRows), with
// the run's batch, and its objective.
type analysisSet struct {
	set     examples
	obj     *objective
	n       int
	sampled bool // set is a sample of the training split
}

// analysis returns the analysis set, built once: the training split when
// it has at most AnalysisRows rows, or is sparse, remote or a stream
// without a metric sample; otherwise the metric sample (sampleMetrics) or,
// for a full-batch run, a sample drawn the same way (the same seed and
// PCG stream), iterated with the run's batch.
func (s *setup) analysis() *analysisSet {
	if s.an != nil {
		return s.an
	}
	s.an = &analysisSet{set: s.tr, obj: s.obj, n: s.nTrain}
	var d *data.Dense
	switch {
	case s.rounds != nil || s.nTrain <= AnalysisRows:
	case s.sample != nil && s.sample.dense != nil:
		d = s.sample.dense
	default:
		if ms, ok := s.tr.(*memSet); ok && ms.dense != nil && ms.csr == nil {
			d = gatherRows(ms.dense, sampleIndexes(s.nTrain, AnalysisRows, s.cfg.Seed))
		}
	}
	if d == nil {
		return s.an
	}
	set, err := newMemSet(s.m, d, nil, 0, nil, s.cfg.Batch, s.cfg.Seed)
	if err != nil {
		return s.an
	}
	s.an = &analysisSet{set: set, obj: newObjective(s.m, set), n: set.size(), sampled: true}
	return s.an
}

// probeData returns the set the diagnosis's probes train on, built once:
// the analysis set, or — for a run whose analysis set is a sample and
// whose budget is short — a seeded sample of it small enough that one
// probe (probeEpochs epochs of it) costs about probeShare of the run's
// budget of example gradients, and at least minProbeRows rows. A probe
// is at least an epoch, so without it a 3-epoch run on 100,000 rows paid
// a third of an epoch of the 10,000-row sample, 3 % of the run, per probe.
func (s *setup) probeData() *analysisSet {
	if s.pr != nil {
		return s.pr
	}
	a := s.analysis()
	s.pr = a
	src, idx := s.probeSample()
	if idx == nil {
		return a
	}
	d := gatherRows(src, idx)
	set, err := newMemSet(s.m, d, nil, 0, nil, s.cfg.Batch, s.cfg.Seed)
	if err != nil {
		return a
	}
	s.pr = &analysisSet{set: set, obj: newObjective(s.m, set), n: set.size(), sampled: true}
	return s.pr
}

// probeSample returns the rows of probeData's sample: the analysis set's
// dense block and the indexes drawn from it, or nil indexes when the
// probes train on the analysis set itself.
func (s *setup) probeSample() (*data.Dense, []int) {
	a := s.analysis()
	ms, ok := a.set.(*memSet)
	if !a.sampled || !ok || ms.dense == nil || ms.csr != nil {
		return nil, nil
	}
	budget := float64(s.epochs) * float64(s.nTrain)
	k := max(int(probeShare*budget/float64(s.probeEpochs())), minProbeRows)
	if k >= a.n {
		return nil, nil
	}
	return ms.dense, sampleIndexes(a.n, k, s.cfg.Seed)
}

// probeShare and minProbeRows size probeData's sample.
const (
	probeShare   = 0.007
	minProbeRows = 2000
)

// endCurvatureRows bounds the rows of a logistic regression's curvature
// at the final weights (see curvature).
const endCurvatureRows = 2000

// conditioningRows bounds the rows that estimate the features'
// conditioning (diagnose.Input.ScaleGain).
const conditioningRows = 20000

// noiseBatches bounds the mini-batches whose gradients estimate the
// gradient noise scale: at most this many, at least minNoiseBatches.
const (
	noiseBatches    = 32
	minNoiseBatches = 8
)

// noiseScale estimates the gradient noise scale B_simple = tr(Σ)/|G|² at
// theta for a mini-batch run in memory (0 otherwise): |G_b|² is the
// squared norm of the full-batch gradient (B_big = n), |G_s|² the mean
// squared norm of the gradients of min(32, max(8, n/B)) fresh mini-batches
// of B rows, drawn as the training loop draws them after its last epoch
// (see gradientNoiseScale).
func (s *setup) noiseScale(theta []float64) float64 {
	a := s.analysis()
	b, n := s.cfg.Batch, a.n
	ms, ok := a.set.(*memSet)
	if !ok || b <= 0 || b >= n || !fn.AllFinite(theta) {
		return 0
	}
	g := make([]float64, len(theta))
	var gb2 float64
	if e := s.end; e != nil && len(theta) > 0 && &e.at[0] == &theta[0] && s.analysisRows(e.obj) {
		gb2 = e.gg // the run's last epoch measured ∇F at theta on these rows
	} else {
		a.obj.ValueGrad(g, theta)
		gb2 = fn.Dot(g, g)
	}
	k := min(noiseBatches, max(minNoiseBatches, n/b))
	gs2 := ms.batchGradSq(g, theta, b, k, s.epochs)
	return gradientNoiseScale(gs2, gb2, b, n)
}

// analysisRows reports whether the objective o sums over the analysis
// set's rows as the analysis objective does — o is it, or o is the
// metric sample's, whose rows the analysis set holds (the same dense
// block, the same unsharded backend): the same sum, bit for bit.
func (s *setup) analysisRows(o *objective) bool {
	a := s.analysis()
	if o == a.obj {
		return true
	}
	as, ok1 := a.set.(*memSet)
	os, ok2 := o.s.(*memSet)
	return ok1 && ok2 && a.sampled && os == s.sample && as.dense != nil && as.dense == os.dense
}

// gradientNoiseScale is the estimator of McCandlish, Kaplan, Amodei et al.
// ("An Empirical Model of Large-Batch Training", 2018, appendix A) from the
// squared gradient norms |G_s|² = gs2 of batches of bs examples and
// |G_b|² = gb2 of batches of bb examples, bs < bb:
//
//	|G|²  ≈ (bb·|G_b|² − bs·|G_s|²)/(bb − bs)
//	tr(Σ) ≈ (|G_s|² − |G_b|²)/(1/bs − 1/bb)
//
// and B_simple = tr(Σ)/|G|². With bb = n (the full batch) and batches drawn
// without replacement, the tr(Σ) estimate is unbiased for the trace of
// the per-example gradients' sample covariance (denominator n − 1). It
// returns 0 when the noise estimate is not positive, and uses |G_b|²
// (which overstates |G|², so that B_simple is understated) when the |G|²
// estimate is not positive.
func gradientNoiseScale(gs2, gb2 float64, bs, bb int) float64 {
	fs, fb := float64(bs), float64(bb)
	tr := (gs2 - gb2) / (1/fs - 1/fb)
	g2 := (fb*gb2 - fs*gs2) / (fb - fs)
	switch {
	case !(tr > 0) || math.IsInf(tr, 0):
		return 0
	case g2 > 0:
		return tr / g2
	case gb2 > 0:
		return tr / gb2
	}
	return 0
}

// probeLen is the length in epochs of one probe of the advice: a
// hundredth of the run's budget (at least 1), so that the at most five
// probes of a diagnosis cost at most a twentieth of a long run, as in the
// minimize engine (a run of under 100 epochs pays one epoch per probe).
func probeLen(epochs int) int { return max(1, (epochs+99)/100) }

// minProbeSteps is the fewest optimizer steps a probe takes when the run
// allows it (see probeEpochs).
const minProbeSteps = 32

// probeEpochs is the length of one probe of the advice: probeLen epochs,
// or when that is fewer than minProbeSteps steps (a full batch, or a small
// data set in a handful of batches), enough epochs for minProbeSteps
// steps, at most a twentieth of the run — a probe of 7 steps (442 rows in
// batches of 64) cannot show that a rate ten times lower goes further.
func (s *setup) probeEpochs() int {
	return probeEpochsFor(s.epochs, s.stepsPerEpoch())
}

// probeEpochsFor is probeEpochs for a run of epochs epochs of batches
// steps each.
func probeEpochsFor(epochs, batches int) int {
	n := probeLen(epochs)
	if batches > 0 && n*batches < minProbeSteps {
		n = max(n, min((minProbeSteps+batches-1)/batches, epochs/20))
	}
	return n
}

// prober returns the diagnosis's probe: a copy of the run that starts
// from the weights from, with a fresh optimizer of the run's kind (or one
// restored from state, when given, with only its rate changed) at the
// constant rate lr (no schedule, no warmup), the run's batch, seed,
// clipping and tolerances, for probeLen epochs; it writes nothing,
// reports to no hook, has no validation split, and neither measures the
// curvature nor diagnoses itself. It returns the training objective
// reached, +Inf when the copy blew up.
func (s *setup) prober(from []float64, state *optim.State) func(lr float64) float64 {
	return s.proberAt(from, state, new(startPoint), false)
}

// proberAt is prober with the objective and its gradient at from on the
// probes' rows in at0, or measured by the first probe when at0.g is nil:
// every probe starts there, and the later ones reuse them.
//
// With warm set the probe follows the run's schedule (and warmup) from its
// first step instead of a constant rate, the schedule built for the run's
// whole length with lr as the rate the user sets: the first steps of the
// next run, when its schedule warms up from a fraction of lr.
func (s *setup) proberAt(from []float64, state *optim.State, at0 *startPoint, warm bool) func(lr float64) float64 {
	if !fn.AllFinite(from) || s.rounds != nil { // local SGD's rounds hold state: no copies
		return nil
	}
	start := append([]float64(nil), from...)
	return func(lr float64) float64 {
		if !(lr > 0) || math.IsInf(lr, 0) {
			return math.Inf(1)
		}
		p := *s
		if a := s.probeData(); a.sampled {
			p.tr, p.obj, p.nTrain = a.set, a.obj, a.n
			p.mset, p.mN, p.mobj, p.sample = a.set, a.n, a.obj, nil
		}
		c := &p.cfg
		c.Opt = c.opt().With("lr", strconv.FormatFloat(lr, 'g', -1, 64))
		p.schedSteps = 0
		if warm {
			p.schedSteps = s.epochs * s.stepsPerEpoch()
			c.Schedule, _ = schedule.WithRate(c.Schedule, lr)
		} else {
			c.Schedule, c.Warmup = spec.Spec{}, 0
		}
		c.Epochs, c.Patience, c.Val = s.probeEpochs(), 0, 0
		c.Save, c.Checkpoint, c.CheckpointEvery, c.Resume, c.Trace = "", "", 0, nil, ""
		c.OnEpoch, c.OnBatch, c.OnWeights = nil, nil, nil
		alg, err := s.algorithm(c)
		if err != nil {
			return math.Inf(1)
		}
		p.epochs, p.alg, p.val, p.nVal = c.Epochs, alg, nil, 0
		p.opt, p.meth, p.sched, p.perEpoch = nil, nil, nil, false
		p.probe, p.lossOnly, p.start, p.at0, p.end, p.first = true, true, start, at0, nil, nil
		if err := p.newSchedule(); err != nil || p.opt == nil {
			return math.Inf(1)
		}
		if st, ok := p.alg.(optim.Stateful); ok && state != nil && p.lrer != nil {
			// Continue the run's optimizer (moments, step count) at the
			// new rate: a fresh adaptive optimizer's first steps move
			// every coordinate by about lr and would judge the rate by
			// that kick.
			if st.SetState(state.Clone()) != nil {
				p.alg.Init(p.m.NumParams())
			}
			p.lrer.SetLR(lr)
		}
		res, err := p.run(context.Background(), time.Now())
		if err != nil || res.Status == minimize.Diverged {
			return math.Inf(1)
		}
		F := float64(res.TrainLoss)
		if math.IsNaN(F) || math.IsInf(F, 0) {
			return math.Inf(1)
		}
		return F
	}
}

// standardizedRates are the rates standardizedRate tries: an adaptive
// method moves every weight by about lr per step, and standardized
// features put the weights of a good fit at a scale of about 1.
var standardizedRates = []float64{1e-4, 1e-3, 1e-2, 1e-1, 1}

// maxStandardizedValues bounds the training set (rows × features) that
// standardizedRate copies to standardize it.
const maxStandardizedValues = 1 << 22

// standardizedRate is the rate to use after standardizing the features
// with an adaptive optimizer, for the advice to standardize: a per-
// coordinate step undoes the gradients' scales but not the features'
// offsets, nor the different distances their weights must travel, so the
// rate changes with the features. It trains a copy of the run on
// standardized features (in memory, dense, at most maxStandardizedValues
// values; the probes' rows, probeData) from the run's start weights for
// probeLen epochs at each of
// standardizedRates with a fresh optimizer, and returns the rate that ends
// lowest — half a decade below it where a mini-batch run's noise floor
// makes it too high for a whole run (see below) — and the lowest probe
// value f (0 and +Inf when none is finite or the data do not qualify).
// The advice starts it early with standardizedAhead; this waits at once.
func (s *setup) standardizedRate() (lr, f float64) {
	return s.standardizedAhead()()
}

// standardizedAhead starts standardizedRate's probes in a goroutine of
// their own and returns a function that waits for their result (the
// function may be called more than once). Everything it reads of s is
// read, or copied, before it returns: the goroutine works on its own copy
// of the setup and of the probes' rows, so the rest of the advice — the
// curvature, the noise scale, the diagnosis's probes — runs beside it
// (on the 100,000-row logistic run under Adam the standardized probe was
// half of the advice's wall time, run after the rest). Its result does
// not depend on what runs beside it.
func (s *setup) standardizedAhead() func() (lr, f float64) {
	none := func() (float64, float64) { return 0, math.Inf(1) }
	if s.rounds != nil {
		return none
	}
	var src *data.Dense // the rows to standardize: every row of src, or its rows idx
	var idx []int
	if sd, si := s.probeSample(); s.pr == nil && si != nil {
		src, idx = sd, si // the probes' sample, gathered by the goroutine
	} else {
		ms, ok := s.probeData().set.(*memSet)
		if !ok || ms.dense == nil || ms.csr != nil {
			return none
		}
		src = ms.dense
	}
	n := src.N
	if idx != nil {
		n = len(idx)
	}
	if n*src.D > maxStandardizedValues || n == 0 {
		return none
	}
	p, x0 := *s, s.start0()
	if idx == nil {
		// Every row of a small set (at most AnalysisRows): the probes
		// take a few milliseconds, and a goroutine beside the rest costs
		// more than it saves (a fresh process starts a thread for it: the
		// raw diabetes linear model under RMSprop paid 0.45 ms more of
		// its 2 ms advice). They run when the advice asks.
		return sync.OnceValues(func() (float64, float64) { return standardizedProbe(&p, src, idx, x0) })
	}
	done := make(chan [2]float64, 1)
	go func() {
		lr, f := standardizedProbe(&p, src, idx, x0)
		done <- [2]float64{lr, f}
	}()
	return sync.OnceValues(func() (float64, float64) {
		r := <-done
		return r[0], r[1]
	})
}

// standardizedProbe is standardizedRate's work on p, a copy of the setup
// that the caller gives it to own: it standardizes the rows idx of src (every row when idx is
// nil) in a copy and probes them from x0.
func standardizedProbe(p *setup, src *data.Dense, idx []int, x0 []float64) (lr, f float64) {
	var d data.Dense
	if idx != nil {
		d = *gatherRows(src, idx)
	} else {
		d = *src
		d.X = slices.Clone(d.X)
	}
	var z data.Standardizer
	z.Fit(&d)
	std := &Standardization{Mean: z.Mean, Std: z.Std, Center: true}
	std.applyDense(&d)
	tr, err := newMemSet(p.m, &d, nil, p.cfg.Shards, nil, p.cfg.Batch, p.cfg.Seed)
	if err != nil {
		return 0, math.Inf(1)
	}
	p.tr, p.obj, p.std = tr, newObjective(p.m, tr), std
	p.mom, p.momDone = nil, false
	p.mset, p.mN, p.mobj, p.sample = p.tr, tr.size(), p.obj, nil
	// The probes train on the standardized rows: the copy's probe set is
	// they, not the run's raw sample (which p.pr held, and the prober
	// trained on it for any training split above AnalysisRows).
	p.an = &analysisSet{set: tr, obj: p.obj, n: tr.size()}
	p.pr = p.an
	probe := p.prober(x0, nil)
	if probe == nil {
		return 0, math.Inf(1)
	}
	// Down the grid from its middle: each step to the better neighbour,
	// until neither neighbour is better — the grid's best when the probe's
	// value is unimodal in log lr, in three probes when the middle is
	// best instead of five.
	vals, done := make([]float64, len(standardizedRates)), make([]bool, len(standardizedRates))
	at := func(i int) float64 {
		if !done[i] {
			vals[i], done[i] = probe(standardizedRates[i]), true
		}
		return vals[i]
	}
	i := len(standardizedRates) / 2
	for {
		next := i
		if i > 0 && at(i-1) < at(next) {
			next = i - 1
		}
		if i+1 < len(standardizedRates) && at(i+1) < at(next) {
			next = i + 1
		}
		if next == i {
			break
		}
		i = next
	}
	best, bestF := 0.0, math.Inf(1)
	if f := at(i); f < bestF {
		best, bestF = standardizedRates[i], f
	}
	// An end of the grid is not an optimum: go on past it by decades
	// while the probe improves (a regression on large targets needs
	// weights far from 1: diabetes' linear Adagrad wants about 100).
	//
	// Upwards only for a full batch or a self-annealing method (Adagrad):
	// a mini-batch run at a rate above the grid settles on a noise floor
	// that grows with the rate, which a probe of a hundredth of the run
	// reaches before it shows (diabetes' linear RMSProp at batch 32: lr 10
	// beats lr 1 after one epoch and ends at 2.5× its loss after thirty);
	// Adagrad's floor falls as its steps shrink (diabetes' linear Adagrad
	// at batch 16 on standardized features: 1.3e4 after 30 epochs at lr 1,
	// 3,488 at 100).
	fullBatch := p.cfg.Batch == 0 || p.cfg.Batch >= p.nTrain
	full := fullBatch || optim.SelfAnnealing(p.alg)
	step := 0.0
	switch {
	case best == standardizedRates[len(standardizedRates)-1] && full:
		step = 10
	case best == standardizedRates[0]:
		step = 0.1
	}
	for i := 0; step != 0 && i < maxStandardizedClimb; i++ {
		c := best * step
		f := probe(c)
		if !(f < bestF) {
			break
		}
		best, bestF = c, f
	}
	top := standardizedRates[len(standardizedRates)-1]
	fam := diagnose.FamilyOf(p.alg)
	noisyTop := fam == diagnose.Momentum ||
		(fam == diagnose.Adaptive && !optim.SelfAnnealing(p.alg) && p.m.Task() != model.Regression)
	if !fullBatch && (best > top || (best == top && noisyTop)) {
		// On mini-batches the best rate over one probe can be too high
		// for a whole run, many probes long, that pays for its noise floor
		// all along — past the grid's top (an Adagrad climb), or at it for
		// heavy ball and for an adaptive classifier: half a decade lower is
		// closer to the run's best, as for checkKeep's adaptive climb.
		// A classifier's weights on standardized features need steps well
		// below 1 where the classes overlap (raw iris softmax under Adam at
		// batch 8: 1 is best after one epoch, and its run ends at 0.159,
		// 0.316's at 0.048); where they do not (wine), the loss at 0.316
		// and at 1 both go to 0. A regression's top rate is the travel's
		// limit, not the noise's (diabetes: targets in the hundreds), and
		// Adagrad's floor falls as its steps shrink. Adagrad's climb past the grid
		// (diabetes' linear model at batch 16: 100 is best after one
		// epoch, 10 and 31.6 after thirty); heavy ball at the grid's top
		// rate 1, whose floor is plain SGD's at lr/(1−β) = 10 (Mandt,
		// Hoffman & Blei 2017; see diagnose's raise cap): the iris MLP at
		// batch 16 ends at 0.36 at 1, 0.046 at 0.316, 0.041 at 0.1.
		//
		// f stays the probe's value at the higher rate: the evidence that
		// standardized features go further than the run did, without a
		// probe more (a raw logistic run of 100,000 rows under Adam paid
		// 0.8 % of its run for it).
		best /= math.Sqrt(10)
	}
	return best, bestF
}

// maxStandardizedClimb is how many decades standardizedRate goes past the
// end of standardizedRates.
const maxStandardizedClimb = 3

// start0 returns the start weights of the run (the model's seeded
// initialization, row 0 of the history).
func (s *setup) start0() []float64 {
	theta := make([]float64, s.m.NumParams())
	s.m.Init(theta, s.cfg.Seed)
	return theta
}

// Package diagnose reads the history of a run and says what happened, what
// to change, and which learning rate to try next.
//
// # Verdicts and the rules behind them
//
// F is the loss as minimized, W = min(50, ⌈k/2⌉) the window of the last
// units (iterations or epochs) of a k-unit run, B the stable
// learning-rate bound (2/L for gradient descent; see package curvature) when
// one applies, and lr the learning rate of the last step.
//
//	converged    the run stopped on the gradient-norm or f-change rule, or a
//	             budget stopped it with ‖∇f‖ ≤ grad-tol (1e-8 when the rule
//	             was off), or a
//	             line search could not improve a point whose gradient norm is
//	             ≤ max(100·grad-tol, 1e-6·‖∇f(x₀)‖), or a full-batch run
//	             whose ‖∇f‖ fell by 1e-6 or more moved over its last W
//	             iterations by at most 1e-9 of its whole fall F₀ − F (the
//	             jitter of an adaptive method's steps at the minimum, which
//	             the oscillating rule would otherwise halve).
//	             suggested_lr = lr.
//	unbounded    F fell without bound: the run diverged downhill (F → −∞ or
//	             F₀ − F > DivergeFactor·max(|F₀|,1)), or the budget ran out
//	             while F fell below F₀ − 1e6·max(|F₀|,1) with the fall
//	             accelerating (the last W iterations fell more than the W
//	             before), or — for objectives known to have no minimum
//	             (Input.KnownUnbounded) — F fell at every step of the window
//	             by amounts that never shrink while ‖∇f‖ did not shrink
//	             either (a slope that stays as steep or steepens). Never
//	             when the known minimum f* lies below F. No learning rate
//	             fixes it: suggested_lr = null.
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
//
// # Advice as data
//
// Besides the verdict and the suggested rate, a Diagnosis lists Actions,
// each with its values (set lr to X, raise the budget to N, clip the
// gradient, standardize the features, try another optimizer, …), and the
// Unit of progress. Advice is the same in words: a front end passes its
// own names for its controls in Input.Terms (the command line its flags,
// the playground its buttons), so the library names no flag.
//
// After the verdict, amendments check and adjust its rate, one file each
// and in this order (Diagnose): probes from the best point (check.go) and
// from the start (start.go), an adaptive cut held to the way travelled
// (travel.go), a slow run let past the start's bound (flatter.go), another
// basin (basin.go), an adaptive raise capped by its jitter (jitter.go), a
// cut covering the run's way and a sign method's rate covering the
// intercept's (reach.go), a mini-batch loss that rose above
// its start (spike.go), decoupled weight decay's bound on the weights
// (decay.go), advice that turns back (monotone.go), standardizing
// (scaled.go), a method whose rate is only its first step (selfsized.go),
// a schedule's ceiling (schedule.go) and a change too small to resolve,
// which is a keep (monotone.go).
//
// Before all of them, a run whose schedule's rate reached 0 before its
// budget ran out (polynomial or linear decay over fewer steps than the
// run) is diagnosed up to its last step with a positive rate, and its
// raise of the budget becomes a stretch of the schedule over the run
// (ended.go): the steps after took length 0.
package diagnose

import (
	"encoding/json"
	"math"

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
	// NoiseFloor: a mini-batch or stochastic run whose loss fluctuates
	// because of sampling noise, not because lr is above the stable bound.
	NoiseFloor Verdict = "noise_floor"
	// Overfitting: the training loss falls while the validation loss has
	// risen for several units.
	Overfitting Verdict = "overfitting"
)

// Family is the kind of step rule, as far as advice is concerned.
type Family int

// The families of step rules.
const (
	Plain    Family = iota // x ← x − lr·g (gd, sgd without momentum)
	Momentum               // heavy ball or Nesterov (sgd with momentum)
	Adaptive               // per-coordinate steps lr/(√v̂+ε) (adam, rmsprop, adagrad, …): already have momentum or need none
	Method                 // chooses its own steps (line searches, cg, bb, lbfgs): no learning rate
)

// ActionKind names one thing to change.
type ActionKind string

// The actions that advice can recommend.
const (
	SetLR          ActionKind = "set_lr"           // use the learning rate Action.LR
	KeepLR         ActionKind = "keep_lr"          // the learning rate Action.LR is right
	RaiseBudget    ActionKind = "raise_budget"     // give the run more units (Action.Budget when known)
	SetGradTol     ActionKind = "set_grad_tol"     // set a gradient-norm tolerance to stop at a stationary point
	ClipGradient   ActionKind = "clip_gradient"    // clip the gradient norm
	AddMomentum    ActionKind = "add_momentum"     // use an optimizer with momentum
	UseOptimizer   ActionKind = "use_optimizer"    // switch to one of Action.Optimizers
	Standardize    ActionKind = "standardize"      // standardize the features (training)
	RescaleVars    ActionKind = "rescale"          // rescale the variables
	CheckObjective ActionKind = "check_objective"  // the objective has no minimum on this path, or a domain problem
	UseSchedule    ActionKind = "use_schedule"     // a decaying schedule (Action.Schedule) lowers a noise floor
	RaiseBatch     ActionKind = "raise_batch"      // a larger batch (Action.Batch) lowers a noise floor
	EarlyStop      ActionKind = "early_stop"       // stop at the best validation epoch (Action.Epoch, Action.Patience)
	SetL2          ActionKind = "set_l2"           // add an L2 penalty (Action.L2)
	SetWeightDecay ActionKind = "set_weight_decay" // set the optimizer's decoupled weight decay to Action.WeightDecay
	SetParam       ActionKind = "set_param"        // set the optimizer's parameter Action.Param to Action.Value
	// StretchSchedule: the schedule's rate reached 0 before the budget ran
	// out; make it last Action.Steps optimizer steps (polynomial's and
	// linear's total_iters).
	StretchSchedule ActionKind = "stretch_schedule"
)

// Action is one recommended change with its values.
type Action struct {
	Kind        ActionKind `json:"kind"`
	LR          float64    `json:"lr,omitempty"`           // SetLR, KeepLR
	Param       string     `json:"param,omitempty"`        // SetLR, KeepLR: the schedule's parameter LR is for (Input.RateParam), empty: the optimizer's lr; SetParam: the optimizer's parameter
	Budget      int        `json:"budget,omitempty"`       // RaiseBudget: the total units that should suffice (0: unknown)
	Optimizers  []string   `json:"optimizers,omitempty"`   // UseOptimizer: registered names, best first
	Schedule    string     `json:"schedule,omitempty"`     // UseSchedule: a schedule specification, e.g. "cosine"
	Batch       int        `json:"batch,omitempty"`        // RaiseBatch: the batch size to try
	Epoch       int        `json:"epoch,omitempty"`        // EarlyStop: the best epoch
	Patience    int        `json:"patience,omitempty"`     // EarlyStop: the patience to use
	L2          float64    `json:"l2,omitempty"`           // SetL2: the penalty to try
	WeightDecay float64    `json:"weight_decay,omitempty"` // SetWeightDecay: the optimizer's weight_decay to try
	Value       float64    `json:"value,omitempty"`        // SetParam: the value to try
	Steps       int        `json:"steps,omitempty"`        // StretchSchedule: the optimizer steps the schedule should last
}

// Terms are a front end's names for the controls that advice mentions.
// Empty fields read as plain words ("the iteration budget", …), so a
// library user gets advice that names no flag.
type Terms struct {
	Budget      string // the budget's control, e.g. the command line's --max-iters or --epochs
	Clip        string // the gradient-clipping control, e.g. the flag --clip-norm
	Standardize string // the control that standardizes features, e.g. the flag --standardize
	// F is the symbol of the objective in advice; "" means "f".
	F string
	// Maximize says the front end maximizes f by minimizing −f (the
	// History holds −f): advice then speaks of f — its values shown as
	// f = −F, its rises where −f falls, no maximum where −f has no
	// minimum.
	Maximize bool
}

// Input is what the diagnosis reads.
type Input struct {
	Status  minimize.Status
	Message string
	History minimize.History
	// Unit is what a row of History is: an iteration (minimization) or
	// an epoch (training).
	Unit    minimize.Unit
	GradTol float64 // the run's grad-tol (0: 1e-8 is assumed for the rules)
	// DivergeFactor of the run (0 means minimize's default 1e10).
	DivergeFactor float64
	// Bound is the stable learning-rate bound (0 when none applies) and L
	// the largest Hessian eigenvalue it came from.
	Bound, L float64
	// BoundEnd is the stable bound at the run's best point (0 when
	// unknown): where a slow run would continue, so the cap of a raise.
	// Curvature often falls along a run (logistic and softmax losses
	// flatten as the fit sharpens), making Bound too strict for that.
	BoundEnd float64
	// LBest is the largest Hessian eigenvalue at the run's best point (0
	// when unknown): the stiffness an adaptive method's jitter meets
	// there (see jitterFloor).
	LBest float64
	// SelfAnnealing is set for a method whose steps shrink by themselves
	// as the run goes on (Adagrad, see optim.SelfAnnealing): it does not
	// jitter at its rate's scale around the minimum.
	SelfAnnealing bool
	// HasLR says whether the method has a learning rate (line searches and
	// L-BFGS have none to suggest).
	HasLR bool
	// Terms name the front end's controls in the advice text.
	Terms Terms

	// Family is the kind of step rule (Plain when unset), and Beta the
	// momentum coefficient of a Momentum rule (optim.MomentumOf).
	Family Family
	Beta   float64
	// FStar is the known minimum of the objective when KnownMin is set
	// (catalogue functions): a run still falling towards it is never
	// unbounded.
	FStar    float64
	KnownMin bool
	// KnownUnbounded says the objective is known to have no minimum (the
	// catalogue's saddle). Only then is a fall that accelerates while
	// ‖∇f‖ does not shrink called unbounded: the same pattern is the
	// early phase of many functions with a minimum (negative curvature
	// near the start), where a raise is the advice.
	KnownUnbounded bool
	// FLower is a lower bound of the objective when HasFLower is set
	// (training losses — squared error, cross-entropy — and their
	// penalties are ≥ 0): a slow run within a tenth of the way from it
	// keeps its rate, since raising it could gain at most that tenth.
	FLower    float64
	HasFLower bool
	// FConst is the loss of the best constant prediction, 0 when unknown:
	// for a regression under squared error, the targets' variance (the
	// mean squared error of predicting their mean; R² = 1 − F/FConst). A
	// noise floor at or above it is no fit at all, however large the
	// progress from the start (where the intercept alone gains most).
	FConst float64
	// TargetMean is the mean of a regression's targets, 0 when unknown or
	// for a classifier; LinearModel says the model is linear, whose
	// intercept alone must reach that mean on standardized features (see
	// standardizedDecay).
	TargetMean  float64
	LinearModel bool
	// Batch is the number of examples per step; 0 means full batch (a
	// deterministic objective). N is the number of training examples.
	Batch, N int
	// NoiseScale is the gradient noise scale B_simple = tr(Σ)/|G|²
	// (McCandlish et al. 2018) measured near the end of a mini-batch run;
	// 0 when unknown.
	NoiseScale float64
	// ValLoss is the validation loss per unit (row of History), NaN where
	// none; nil without a validation split.
	ValLoss []float64
	// ScaleSpread is the ratio of the largest to the smallest standard
	// deviation of the features as the model sees them (1 after
	// standardization); 0 when unknown or not training.
	ScaleSpread float64
	// ScaleGain is κ(ZᵀZ/n) of the features with the bias column divided
	// by κ of the standardized features (model.Conditioning): how many
	// times worse the raw features condition a linear model — large when
	// the features' means are large beside their deviations, even with
	// alike deviations. 0 when unknown.
	ScaleGain float64
	// KappaRaw and KappaStd are the two condition numbers of ScaleGain.
	KappaRaw, KappaStd float64
	// StandardizedLR is the learning rate to use after standardizing the
	// features, 0 when unknown (see StandardizedBound); it goes with the
	// standardize action.
	//
	// For an adaptive method (Family Adaptive) it is the rate of a
	// front end's short probes on standardized features, given only when
	// they went further than the run in as many units; without it,
	// standardizing is offered last, without a rate.
	StandardizedLR float64
	// StandardizedBound is the optimizer's stable bound on the
	// standardized objective (e.g. 2/L for gd, 2(1+β)/L for heavy ball),
	// 0 when unknown. When StandardizedLR is 0, the rate given with the
	// standardize action is the safe rate at this bound, by the rule of a
	// raise's cap: half of it, a quarter with momentum, (1−β)/2 of it with
	// momentum on mini-batches (see raiseCap).
	StandardizedBound float64
	// BaseLR is the rate the user sets when a schedule or warmup changes
	// the rate along the run (the peak of onecycle, the initial rate of
	// cosine); 0 means the last step's lr is the one the user sets.
	BaseLR float64
	// RateParam names the schedule's parameter that BaseLR is, when the
	// schedule sets its rates in place of the optimizer's lr (onecycle's
	// max_lr, its peak): the advice's rate and its set_lr and keep_lr
	// actions are then about it ("" means the optimizer's lr).
	RateParam string
	// RateCeiling is the largest value the schedule lets the optimizer's
	// lr take, 0 for none: cyclic's max_lr (CeilingParam), the top of a
	// cycle whose base is lr. A suggestion of lr, or of the rate to use
	// after standardizing, stops there.
	RateCeiling  float64
	CeilingParam string
	// Probe, when set, continues the run from its best point (or, after
	// a blow-up, any point before it) for a few
	// units (the front end chooses how many: a small fraction of the
	// budget) at learning rate lr — the rate the user sets, BaseLR's
	// counterpart when a schedule is used — with a fresh optimizer state,
	// and returns the objective it reaches, +Inf when it blew up. The
	// diagnosis calls it at most five times, to check a suggestion
	// against the current rate before giving it.
	Probe func(lr float64) float64
	// ProbeFrom is the objective at the point Probe starts from (NaN or
	// 0 with no Probe): a probe that ends above it overshoots.
	ProbeFrom float64
	// ProbeStart is Probe from the run's start point (History row 0) with
	// a fresh optimizer: where the user's next run begins. When the run's
	// schedule warms up (WarmsUp: onecycle starts at max_lr/25) and the run did not
	// blow up, a front end may follow the schedule from its first step
	// instead of a constant rate, as the next run does (the minimize
	// front end's probes from the start do, and training's for RAdam). A raise is
	// given only if its probe from the start neither blows up nor ends
	// above the start's objective (nil: not checked).
	ProbeStart func(lr float64) float64
	// ProbeStartCompare is set when ProbeStart runs long enough (a tenth
	// of the budget, say) for its values at two rates to rank them: a
	// raise, or a cut after oscillation, then steps down by √10 while the
	// lower rate goes further. A cut after a blow-up steps down so with
	// any ProbeStart.
	ProbeStartCompare bool
	// PrevLR is the learning rate of the run before this one, whose
	// advice led to this run's rate (the rate the user sets: BaseLR's
	// counterpart), 0 when unknown. The advice then never goes back past
	// the geometric midpoint √(PrevLR·lr): the previous run's advice moved
	// away from PrevLR (a slow run raised, an overshooting one cut), so
	// when this run shows the move went too far the right rate lies
	// between the two, and bisecting them on a log scale keeps following
	// the advice from cycling (Box-3D RMSprop alternated 0.157 ↔ 0.314).
	PrevLR float64
	// Travel is ‖x_best − x₀‖₂, how far the run moved (0 when unknown).
	// An adaptive method moves each coordinate by about lr per step, so a
	// rate at or above the whole distance travelled is too large for the
	// problem's scale, never too small.
	Travel float64
	// StepPerLR is ‖x₁ − x₀‖₂/lr for the first step of a fresh optimizer
	// from the start: for an adaptive method the length of its first step
	// per unit of rate, independent of the gradient's size (√d for Adam
	// and Adagrad, whose first step moves every coordinate with a nonzero
	// gradient by lr; 10·√d for RMSprop with α = 0.99). 0 when unknown.
	// An adaptive method is not raised to a rate whose first step alone
	// would be longer than the whole run's Travel: a short probe from the
	// end cannot see the overshoot such a rate makes at the start. A probe
	// from the start can: where ProbeStart finds the rate safe there and
	// further than lr (a separable logistic fit, whose weights grow
	// without bound), the raise is checked like any other.
	StepPerLR float64
	// CoordTravel is ‖x_best − x₀‖∞, how far the run's best point lies
	// from its start along its farthest coordinate (0 when unknown), and
	// StepsPerUnit the optimizer steps in a unit of History (1 for an
	// iteration, the batches of an epoch; 0 means 1): where a step moves
	// each coordinate by lr at most (StepAtMostLR), a rate too small to
	// cover CoordTravel in the budget's steps cannot reach where the run
	// went (see reachFloor).
	CoordTravel  float64
	StepsPerUnit int
	// StepAtMostLR says every step moves each coordinate by lr at most,
	// exactly: the sign methods (by lr) and Adagrad (by lr·|gₜ|/√Σg²).
	StepAtMostLR bool
	// SignStep says every step moves each coordinate by exactly lr (the
	// sign methods, optim.SignStepper).
	SignStep bool
	// InterceptGap is, for a linear regression on standardized (centered)
	// features, |ȳ − b₀|: how far the intercept must travel from its start
	// b₀ to its optimum, the targets' mean (0 when unknown; see
	// interceptReach).
	InterceptGap float64
	// UnscaledSteps is the number of first steps a fresh optimizer takes
	// without its per-coordinate scaling (optim.UnscaledSteps: RAdam's
	// momentum steps while ρₜ ≤ 5), 0 for others: probes, which start
	// fresh, take them where the run did not.
	UnscaledSteps int
	// DecayCap is 1/λ for a method with decoupled weight decay λ and a
	// normalized step (optim.DecayCap), which holds every weight to
	// |xᵢ| ≤ 1/λ at any rate; 0 when none. MaxAbsX is the largest |xᵢ| at
	// the run's end (0 when unknown).
	DecayCap, MaxAbsX float64

	// GrownStep is, for a method whose rate is only its first step size
	// (optim.StepSizer: Rprop), the largest per-coordinate step size it
	// holds at the run's end, StepCeiling the largest it may take and
	// StepCeilingParam the optimizer's parameter for that (0 and "" for
	// other methods; see selfSized).
	GrownStep, StepCeiling float64
	StepCeilingParam       string

	// StartPace is the objective the run itself reached after as many
	// units as a probe from the start takes (ProbeStart's length), when
	// known (0 otherwise): a probe from the start at a lower rate that
	// falls short of it shows the run's rate was the faster one there,
	// and keptFromStart then probes no rate further down.
	StartPace float64
}

// Diagnosis is the verdict on a run, in the shape of the JSON output.
type Diagnosis struct {
	Verdict     Verdict  `json:"verdict"`
	Advice      string   `json:"advice"`
	SuggestedLR float64  `json:"-"`       // 0 when there is no suggestion
	Unit        string   `json:"unit"`    // "iteration" or "epoch"
	Actions     []Action `json:"actions"` // what to change, most important first
}

// RateName is the name of the parameter SuggestedLR is for: a schedule's
// (Action.Param, e.g. onecycle's "max_lr") or "lr", the optimizer's.
func (d Diagnosis) RateName() string {
	for _, a := range d.Actions {
		if (a.Kind == SetLR || a.Kind == KeepLR) && a.Param != "" {
			return a.Param
		}
	}
	return "lr"
}

// MarshalJSON writes {"verdict", "advice", "suggested_lr", "unit",
// "actions"} with null for no suggestion.
func (d Diagnosis) MarshalJSON() ([]byte, error) {
	var s *float64
	if d.SuggestedLR > 0 && !math.IsInf(d.SuggestedLR, 0) {
		s = &d.SuggestedLR
	}
	acts := d.Actions
	if acts == nil {
		acts = []Action{}
	}
	return json.Marshal(struct {
		Verdict     Verdict  `json:"verdict"`
		Advice      string   `json:"advice"`
		SuggestedLR *float64 `json:"suggested_lr"`
		Unit        string   `json:"unit,omitempty"`
		Actions     []Action `json:"actions"`
	}{d.Verdict, d.Advice, s, d.Unit, acts})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Diagnosis) UnmarshalJSON(b []byte) error {
	var v struct {
		Verdict     Verdict  `json:"verdict"`
		Advice      string   `json:"advice"`
		SuggestedLR *float64 `json:"suggested_lr"`
		Unit        string   `json:"unit"`
		Actions     []Action `json:"actions"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*d = Diagnosis{Verdict: v.Verdict, Advice: v.Advice, Unit: v.Unit, Actions: v.Actions}
	if v.SuggestedLR != nil {
		d.SuggestedLR = *v.SuggestedLR
	}
	return nil
}

// stochastic reports whether each step sees a sample of the data: a
// mini-batch smaller than the training set (N = 0: its size is unknown).
func (in *Input) stochastic() bool { return in.Batch > 0 && (in.N == 0 || in.Batch < in.N) }

// Diagnose applies the rules of the package doc.
func Diagnose(in Input) Diagnosis {
	if z, ok := rateEnd(in); ok {
		return scheduleEnded(in, z)
	}
	return diagnoseRun(in)
}

// diagnoseRun applies the rules to a run whose rate did not end at 0
// before its budget.
func diagnoseRun(in Input) Diagnosis {
	// Every rule below may probe the same rates: each is run once.
	if in.Probe != nil {
		in.Probe = memo(in.Probe)
	}
	if in.ProbeStart != nil {
		in.ProbeStart = memo(in.ProbeStart)
	}
	d := diagnose(in)
	d = overfit(in, d)
	d = rebase(in, d)
	pre := d
	d = check(in, d)
	d = fromStart(in, d)
	d = keptOscillation(in, pre, d)
	d = keptFromStart(in, d)
	d = travelCap(in, d)
	d = flatterBest(in, d)
	d = localMin(in, d)
	d = otherBasin(in, d)
	d = jitterFloor(in, d)
	d = reachFloor(in, d)
	d = interceptReach(in, d)
	d = spiked(in, d)
	d = decayBound(in, d)
	d = monotone(in, d)
	d = scaled(in, d)
	d = standardizedDecay(in, d)
	d = selfSized(in, d)
	d = ceiling(in, d)
	d = snap(in, d)
	d.SuggestedLR = pos(d.SuggestedLR)
	d.Advice = oneDirective(d.Advice)
	d = nameRate(in, d)
	d.Unit = in.Unit.String()
	return d
}

// memo returns probe remembering its values: each rate is probed once
// however often a rule asks.
func memo(probe func(lr float64) float64) func(lr float64) float64 {
	seen := map[float64]float64{}
	return func(lr float64) float64 {
		v, ok := seen[lr]
		if !ok {
			v = probe(lr)
			seen[lr] = v
		}
		return v
	}
}

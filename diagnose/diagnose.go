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
// # Advice as data
//
// Besides the verdict and the suggested rate, a Diagnosis lists Actions,
// each with its values (set lr to X, raise the budget to N, clip the
// gradient, standardize the features, try another optimizer, …), and the
// Unit of progress. Advice is the same in words: a front end passes its
// own names for its controls in Input.Terms (the command line its flags,
// the playground its buttons), so the library names no flag.
package diagnose

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
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
	SetLR          ActionKind = "set_lr"          // use the learning rate Action.LR
	KeepLR         ActionKind = "keep_lr"         // the learning rate Action.LR is right
	RaiseBudget    ActionKind = "raise_budget"    // give the run more units (Action.Budget when known)
	SetGradTol     ActionKind = "set_grad_tol"    // set a gradient-norm tolerance to stop at a stationary point
	ClipGradient   ActionKind = "clip_gradient"   // clip the gradient norm
	AddMomentum    ActionKind = "add_momentum"    // use an optimizer with momentum
	UseOptimizer   ActionKind = "use_optimizer"   // switch to one of Action.Optimizers
	Standardize    ActionKind = "standardize"     // standardize the features (training)
	RescaleVars    ActionKind = "rescale"         // rescale the variables
	CheckObjective ActionKind = "check_objective" // the objective has no minimum on this path, or a domain problem
	UseSchedule    ActionKind = "use_schedule"    // a decaying schedule (Action.Schedule) lowers a noise floor
	RaiseBatch     ActionKind = "raise_batch"     // a larger batch (Action.Batch) lowers a noise floor
	EarlyStop      ActionKind = "early_stop"      // stop at the best validation epoch (Action.Epoch, Action.Patience)
	SetL2          ActionKind = "set_l2"          // add an L2 penalty (Action.L2)
)

// Action is one recommended change with its values.
type Action struct {
	Kind       ActionKind `json:"kind"`
	LR         float64    `json:"lr,omitempty"`         // SetLR, KeepLR
	Budget     int        `json:"budget,omitempty"`     // RaiseBudget: the total units that should suffice (0: unknown)
	Optimizers []string   `json:"optimizers,omitempty"` // UseOptimizer: registered names, best first
	Schedule   string     `json:"schedule,omitempty"`   // UseSchedule: a schedule specification, e.g. "cosine"
	Batch      int        `json:"batch,omitempty"`      // RaiseBatch: the batch size to try
	Epoch      int        `json:"epoch,omitempty"`      // EarlyStop: the best epoch
	Patience   int        `json:"patience,omitempty"`   // EarlyStop: the patience to use
	L2         float64    `json:"l2,omitempty"`         // SetL2: the penalty to try
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
	// a fresh optimizer: where the user's next run begins. A raise is
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

	// StartPace is the objective the run itself reached after as many
	// units as a probe from the start takes (ProbeStart's length), when
	// known (0 otherwise): a probe from the start at a lower rate that
	// falls short of it shows the run's rate was the faster one there,
	// and keptFromStart then probes no rate further down.
	StartPace float64
}

// overTravel reports whether an adaptive method's first step at rate s
// would be longer than the distance the whole run travelled.
func overTravel(in Input, s float64) bool {
	return in.Family == Adaptive && in.StepPerLR > 0 && in.Travel > 0 && s*in.StepPerLR > in.Travel
}

// Diagnosis is the verdict on a run, in the shape of the JSON output.
type Diagnosis struct {
	Verdict     Verdict  `json:"verdict"`
	Advice      string   `json:"advice"`
	SuggestedLR float64  `json:"-"`       // 0 when there is no suggestion
	Unit        string   `json:"unit"`    // "iteration" or "epoch"
	Actions     []Action `json:"actions"` // what to change, most important first
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

// words are the resolved terms of one diagnosis.
type words struct {
	unit, units string // "iteration", "iterations"
	budget      string // the front end's budget control, or "the iteration budget"
	clip        string // Terms.Clip in parentheses after a space, or ""
	f           string
	epochs      bool
	std         string
	max         bool
	loss        string // "the loss", or "f" when maximizing
	fell, rose  string // "fell"/"rose", swapped when maximizing
	falls       string // "falls" or "rises"
}

// v is a value of the minimized objective as advice shows it: f itself,
// −F when maximizing.
func (w words) v(F float64) float64 {
	if w.max {
		return -F
	}
	return F
}

func wordsOf(in Input) words {
	u := in.Unit.String()
	w := words{unit: u, units: u + "s", budget: in.Terms.Budget, f: in.Terms.F, epochs: in.Unit == minimize.Epochs, std: in.Terms.Standardize}
	if w.budget == "" {
		w.budget = "the " + u + " budget"
	}
	if in.Terms.Clip != "" {
		w.clip = " (" + in.Terms.Clip + ")"
	}
	if w.f == "" {
		w.f = "f"
	}
	if w.std == "" {
		w.std = "standardize the features"
	}
	w.max = in.Terms.Maximize
	w.loss, w.fell, w.rose, w.falls = "the loss", "fell", "rose", "falls"
	if w.max {
		w.loss, w.fell, w.rose, w.falls = w.f, "rose", "fell", "rises"
	}
	return w
}

// domainAdvice is what to check when a run blew up with no learning rate
// to blame.
func (w words) domainAdvice() (string, Action) {
	if w.epochs {
		return "check the data for extreme values (try " + w.std + ")", Action{Kind: Standardize}
	}
	return "check the formula's domain and the start point", Action{Kind: CheckObjective}
}

// stochastic reports whether each step sees a sample of the data: a
// mini-batch smaller than the training set (N = 0: its size is unknown).
func (in *Input) stochastic() bool { return in.Batch > 0 && (in.N == 0 || in.Batch < in.N) }

// Diagnose applies the rules of the package doc.
func Diagnose(in Input) Diagnosis {
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
	d = localMin(in, d)
	d = monotone(in, d)
	d = scaled(in, d)
	d.SuggestedLR = pos(d.SuggestedLR)
	d.Advice = oneDirective(d.Advice)
	d.Unit = in.Unit.String()
	return d
}

// directive matches the rate a check's clause ends on (": use lr 1",
// ", keep lr 3.162").
var directive = regexp.MustCompile(`[:,] (keep|use) lr [0-9.e+-]+$`)

// oneDirective leaves one rate to act on in advice that several checks
// amended: each check adds "; but <finding>: use lr X" (or keep lr X), so
// a rate one check settled on and the next one moved was named twice —
// "keep lr 3.162; but … use lr 1". The findings stay, in order, joined by
// "and"; only the last clause, when it names a rate, does.
func oneDirective(advice string) string {
	parts := strings.Split(advice, "; but ")
	if len(parts) < 3 || !directive.MatchString(parts[len(parts)-1]) {
		return advice
	}
	var b strings.Builder
	b.WriteString(parts[0])
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		switch {
		case i == 0:
			b.WriteString("; but ")
		default:
			b.WriteString(", and ")
		}
		if !last {
			p = directive.ReplaceAllString(p, "")
		}
		b.WriteString(p)
	}
	return b.String()
}

func diagnose(in Input) Diagnosis {
	h := in.History
	w := wordsOf(in)
	F := h.F
	k := len(F) - 1
	if k < 0 {
		return Diagnosis{Verdict: Stalled, Advice: "the run recorded no " + w.units, Actions: []Action{{Kind: RaiseBudget}}}
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
	setLR := func(v float64) Action { return Action{Kind: SetLR, LR: v} }
	clip := Action{Kind: ClipGradient}

	// A run that stopped on a vanishing gradient or a flat loss above the
	// point it started from did not converge: a step too long threw it
	// uphill onto a plateau, where ‖∇f‖ is small because the objective is
	// flat, not because it is at a minimum (e.g. a Gaussian fit whose
	// residuals saturate). It overshot: the same action as a blow-up.
	if stopped := in.Status == minimize.ConvergedGrad || in.Status == minimize.ConvergedF ||
		in.Status == minimize.NoProgress || gn <= gradTol; stopped && in.HasLR && lr > 0 &&
		last-F0 > 1e-9*math.Max(math.Abs(F0), math.Abs(last)) {
		return uphill(in, w, F0, last, lr)
	}

	switch in.Status {
	case minimize.ConvergedGrad, minimize.ConvergedF:
		text, acts := keepAdvice(in, lr)
		units := w.units
		if k == 1 {
			units = w.unit
		}
		return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr), Actions: acts,
			Advice: fmt.Sprintf("converged in %d %s to %s = %.6g; %s", k, units, w.f, w.v(last), text)}
	case minimize.Diverged:
		if last < F0 && belowMin(in, last) && (math.IsInf(lastF(F), -1) || F0-last > divFactor*math.Max(math.Abs(F0), 1)) {
			return unbounded(w, F0, last, k)
		}
		d := Diagnosis{Verdict: Diverged}
		blew := w.loss + " blew up"
		if gl := lastF(h.GradNorm); gl == 0 {
			blew = "the iterates ran off"
		}
		switch {
		case in.Bound > 0 && in.HasLR && lr >= in.Bound:
			d.SuggestedLR = safeLR(in)
			d.Actions = []Action{setLR(d.SuggestedLR)}
			d.Advice = fmt.Sprintf("%s (%s); lr %s is above the stable bound %s (L = %.4g): use lr ≈ %s", blew, in.Message, g4(lr), g4(in.Bound), in.L, g4(d.SuggestedLR))
		case in.Bound > 0 && in.HasLR && lr > 0:
			// Below the bound measured at the start and the best point, yet
			// it blew up: the curvature where the run went is larger.
			d.SuggestedLR = lr / 10
			d.Actions = []Action{setLR(d.SuggestedLR), clip}
			d.Advice = fmt.Sprintf("%s (%s) although lr %s is below the stable bound %s measured at the start (L = %.4g): the curvature is larger where the run went; reduce lr tenfold to %s, or clip the gradient%s", blew, in.Message, g4(lr), g4(in.Bound), in.L, g4(d.SuggestedLR), w.clip)
		case in.HasLR && lr > 0:
			d.SuggestedLR = lr / 10
			d.Actions = []Action{setLR(d.SuggestedLR), clip}
			d.Advice = fmt.Sprintf("%s (%s); reduce lr tenfold to %s, or clip the gradient%s", blew, in.Message, g4(d.SuggestedLR), w.clip)
		default:
			text, act := w.domainAdvice()
			d.Actions = []Action{act}
			d.Advice = fmt.Sprintf("the run blew up (%s); %s", in.Message, text)
		}
		return d
	case minimize.NoProgress:
		if gn <= math.Max(100*gradTol, 1e-6*g0) {
			return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr),
				Advice: fmt.Sprintf("the line search cannot improve %s = %.6g further (‖∇f‖ = %.3g): the point is a %s to the limit of floating-point precision", w.f, w.v(last), gn, w.extremum())}
		}
		return Diagnosis{Verdict: Stalled, Actions: []Action{{Kind: UseOptimizer, Optimizers: []string{"adam", "sgd"}}, {Kind: RescaleVars}},
			Advice: fmt.Sprintf("%s with ‖∇f‖ = %.3g still large: the function may be non-smooth (abs, min, max) or badly scaled here; line searches need smoothness: try a step-based optimizer (adam, or sgd with momentum) or rescale the variables", in.Message, gn)}
	}

	// A budget ran out (max_iters, max_epochs, timeout, interrupted).
	ranOut := "the budget ran out"
	if in.Status == minimize.Interrupted {
		ranOut = "the run was interrupted"
	}
	if gn <= gradTol {
		return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr), Actions: []Action{{Kind: SetGradTol}},
			Advice: fmt.Sprintf("‖∇f‖ = %.3g ≤ %g: the run sits at a stationary point (%s = %.6g) and only the budget stopped it; set a gradient tolerance to stop there", gn, gradTol, w.f, w.v(last))}
	}
	W := min(50, (k+1)/2)
	if W < 2 {
		return Diagnosis{Verdict: TooSlow, SuggestedLR: pos(lr), Actions: []Action{{Kind: RaiseBudget}},
			Advice: fmt.Sprintf("the run stopped after %d %s: too few to judge; raise the budget", k, w.units)}
	}
	// Converged to rounding: F has not moved over the window (beyond
	// 1e-12 relative) and ‖∇f‖ fell by six orders of magnitude: the
	// budget stopped a run that sits at a minimum, whatever the
	// gradient-norm tolerance says.
	if wf := F[k-W:]; in.Batch == 0 && maxSpread(wf) <= 1e-12*math.Max(1, math.Abs(last)) && gn <= 1e-6*g0 {
		text, acts := keepAdvice(in, lr)
		return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr), Actions: append(acts, Action{Kind: SetGradTol}),
			Advice: fmt.Sprintf("%s has not changed in the last %d %s (%.10g) and ‖∇f‖ fell from %.3g to %.3g: converged to rounding; %s (set a gradient tolerance above %.2g to stop there)", w.f, W, w.units, w.v(last), g0, gn, text, gn)}
	}
	// Unbounded: far below the start and falling faster and faster, or
	// falling ever faster on a slope whose gradient grows.
	if k >= 2*W && last < F0-1e6*math.Max(math.Abs(F0), 1) && belowMin(in, last) {
		recent := F[k-W] - F[k]
		before := F[k-2*W] - F[k-W]
		if recent > before && before > 0 {
			return unbounded(w, F0, last, k)
		}
	}
	if last < F0 && in.KnownUnbounded && accelerating(F[k-W:], h.GradNorm[k-W:]) {
		return unbounded(w, F0, last, k)
	}
	if last > F0 {
		// The loss ended above where it started: the steps overshoot.
		d := Diagnosis{Verdict: Diverged}
		switch {
		case in.Bound > 0 && in.HasLR && lr >= in.Bound:
			d.SuggestedLR = safeLR(in)
		case in.HasLR && lr > 0:
			d.SuggestedLR = lr / 10
		}
		d.Advice = fmt.Sprintf("%s %s from %.6g to %.6g in %d %s: the steps overshoot", w.f, w.rose, w.v(F0), w.v(last), k, w.units)
		if d.SuggestedLR > 0 {
			d.Actions = []Action{setLR(d.SuggestedLR), clip}
			d.Advice += fmt.Sprintf("; reduce lr to %s%s, or clip the gradient%s", g4(d.SuggestedLR), boundText, w.clip)
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
	stochastic := in.stochastic()
	// The bound that tells a noise floor from instability is the one
	// where the run is now (BoundEnd, where set: cross-entropy flattens
	// as the fit improves), else the run's.
	nowBound := in.Bound
	if in.BoundEnd > 0 {
		nowBound = in.BoundEnd
	}
	if stochastic && (nDiff > 0 && 2*bounces >= nDiff) && !(nowBound > 0 && lr >= nowBound) {
		return noiseFloor(in, w, lr, F[k-W:], bounces, nDiff)
	}
	// An adaptive method's loss that rises in a quarter of its steps
	// without a noise source jumps around its minimum: its per-coordinate
	// steps (about lr each) are too large for the valley.
	jumpy := in.Family == Adaptive && !stochastic && 4*countRises(F[k-W:]) >= W
	if osc := (nCos > 0 && 2*backSteps >= nCos) || (nDiff > 0 && 2*bounces >= nDiff); osc && in.HasLR && lr > 0 && !stochastic {
		if d, ok := edgeOfStability(in, w, lr, F[k-W:], h.Sharpness); ok {
			return d
		}
	}
	// An adaptive method's steps zig-zag as it rescales each coordinate;
	// while its loss falls through the jitter (a least-squares fall over
	// the window above twice the scatter about the line, as for a noise
	// floor) the zig-zag costs less than halving the rate would.
	adaptiveFall := false
	if in.Family == Adaptive && !stochastic {
		drop, noise := trend(F[k-W:])
		adaptiveFall = drop > 2*noise
	}
	if ((nCos > 0 && 2*backSteps >= nCos) || (nDiff > 0 && 2*bounces >= nDiff) || jumpy) && !adaptiveFall {
		// A zig-zag that does not matter: a full-batch run whose loss,
		// over the window, moves by at most jitterShare of its whole
		// fall, with ‖∇f‖ down by settledFall or more, sits at its
		// minimum; an adaptive method's steps of about lr each keep it
		// jittering there (RAdam at 0.12 on log(1+(x−1)²) + (y+2)²/2:
		// from 14.8 to 5e-12, moving by 3e-11), and halving the rate for
		// that jitter only slows the way down.
		if wf := F[k-W:]; in.Batch == 0 && last < F0 && maxSpread(wf) <= jitterShare*(F0-last) && gn <= settledFall*g0 {
			text, acts := keepAdvice(in, lr)
			return Diagnosis{Verdict: Converged, SuggestedLR: pos(lr), Actions: acts,
				Advice: fmt.Sprintf("%s fell from %.6g to %.6g, and in the last %d %s it moved by %.2g only, a %.2g part of that fall, with ‖∇f‖ down from %.3g to %.3g: converged; the rest is the steps' jitter at the minimum; %s", w.f, w.v(F0), w.v(last), W, w.units, maxSpread(wf), maxSpread(wf)/(F0-last), g0, gn, text)}
		}
		d := Diagnosis{Verdict: Oscillating}
		what := fmt.Sprintf("%d of the last %d steps reversed direction", backSteps, nCos)
		if !(nCos > 0 && 2*backSteps >= nCos) {
			what = fmt.Sprintf("%s changed direction %d times in the last %d %s", w.loss, bounces, nDiff, w.units)
		}
		if in.HasLR && lr > 0 {
			ref := lr
			if b := math.Max(in.Bound, in.BoundEnd); b > 0 {
				// BoundEnd, where set, is the bound where the run is now.
				ref = math.Min(lr, b)
			}
			d.SuggestedLR = ref / 2
			d.Actions = []Action{setLR(d.SuggestedLR)}
			if in.Family == Plain {
				d.Actions = append(d.Actions, Action{Kind: AddMomentum})
				near := "is close to the stability limit"
				if b := math.Max(in.Bound, in.BoundEnd); b > 0 && lr > b {
					near = "is above the stability limit"
				}
				d.Advice = fmt.Sprintf("the iterates zig-zag across a valley (%s): lr %s %s%s; halve it to %s, or add momentum", what, g4(lr), near, boundText, g4(d.SuggestedLR))
			} else {
				size := "is too large for the curvature here"
				if b := math.Max(in.Bound, in.BoundEnd); b > 0 && lr < b {
					// Below the bound (heavy ball near its optimal pair
					// spirals in): not too large, but close to the limit.
					size = "is close to the stability limit"
				}
				d.Advice = fmt.Sprintf("the iterates zig-zag across a valley (%s): lr %s %s%s; halve it to %s", what, g4(lr), size, boundText, g4(d.SuggestedLR))
			}
		} else {
			d.Actions = []Action{{Kind: UseOptimizer, Optimizers: []string{"lbfgs"}}}
			d.Advice = fmt.Sprintf("the iterates zig-zag (%s); try a method with curvature information (lbfgs)", what)
		}
		return d
	}
	change := math.Abs(F[k-W] - F[k])
	if change <= 1e-10*math.Max(math.Abs(last), 1e-300) && gn > 10*gradTol && gn >= 0.5*h.GradNorm[k-W] {
		d := Diagnosis{Verdict: Stalled}
		if in.HasLR && lr > 0 {
			d.SuggestedLR = 10 * lr
			d.Actions = []Action{setLR(d.SuggestedLR)}
			d.Advice = fmt.Sprintf("%s has not changed in the last %d %s although ‖∇f‖ = %.3g: the steps are too small to matter; raise lr to %s%s", w.f, W, w.units, gn, g4(d.SuggestedLR), boundText)
		} else {
			d.Advice = fmt.Sprintf("%s has not changed in the last %d %s although ‖∇f‖ = %.3g", w.f, W, w.units, gn)
		}
		return d
	}
	if last < F0 && in.HasLR && lr > 0 && nearFloor(in) {
		d := Diagnosis{Verdict: TooSlow, SuggestedLR: lr, Actions: []Action{{Kind: KeepLR, LR: lr}, {Kind: RaiseBudget}}}
		share, bound := "a tenth", "its lower bound"
		lower, _ := lowerBound(in)
		if !in.HasFLower {
			share, bound = "a thousandth", "the known minimum"
		}
		d.Advice = fmt.Sprintf("%s fell from %.6g to %.6g, within %s of the way to %s %.6g, and still falls slowly: lr %s is fine; raise %s to go further", w.f, w.v(F0), w.v(last), share, bound, w.v(lower), g4(lr), w.budget)
		return d
	}
	if last < F0 {
		d := Diagnosis{Verdict: TooSlow}
		fell := w.loss + " " + w.fell + " steadily"
		if rises := countRises(F[k-W:]); rises > W/10 {
			fell = fmt.Sprintf("%s %s overall (it %s in %d of the last %d %s)", w.loss, w.fell, w.rose, rises, W, w.units)
		}
		rho := math.Pow(gn/h.GradNorm[k-W], 1/float64(W))
		need := math.Inf(1)
		if rho < 1 && gn > gradTol {
			need = math.Log(gradTol/gn) / math.Log(rho)
		}
		budget := Action{Kind: RaiseBudget}
		if need < 1e9 {
			budget.Budget = k + int(math.Ceil(need))
		}
		if in.HasLR && lr > 0 {
			factor := (float64(k) + need) / float64(k)
			limit, capText := raiseCap(in, lr)
			s := math.Min(lr*factor, limit)
			if s <= lr*1.05 && in.Bound > 0 && lr > in.Bound {
				// Stable above the bound measured at the start: the
				// curvature fell along the run (a flattening loss).
				d.SuggestedLR = lr
				d.Actions = []Action{{Kind: KeepLR, LR: lr}, budget}
				d.Advice = fmt.Sprintf("%s but %s after %d %s (‖∇f‖ shrinks by %.4f per %s); lr %s is above the stable bound at the start (%s, L = %.4g) yet the run is stable: the curvature fell along the run; keep lr %s and raise %s", fell, ranOut, k, w.units, rho, w.unit, g4(lr), g4(in.Bound), in.L, g4(lr), w.budget)
			} else if s <= lr*1.05 {
				d.SuggestedLR = lr
				d.Actions = []Action{budget}
				remedy := "raise " + w.budget
				if overTravel(in, lr*1.05) {
					d.SuggestedLR = lr
					d.Actions = []Action{{Kind: KeepLR, LR: lr}, budget}
					d.Advice = fmt.Sprintf("%s %s slowly (‖∇f‖ shrinks by %.4f per %s) but lr %s is as large as the run's scale allows: a larger rate's first step alone would be longer than the %.3g the whole run travelled; keep lr %s and %s", w.loss, w.falls, rho, w.unit, g4(lr), in.Travel, g4(lr), remedy)
					return d
				}
				if in.Family == Plain {
					d.Actions = append(d.Actions, Action{Kind: AddMomentum}, Action{Kind: UseOptimizer, Optimizers: []string{"lbfgs"}})
					remedy += ", add momentum, or use lbfgs"
				} else if w.std != "" && (in.ScaleSpread > 10 || in.ScaleGain > 10) {
					d.Actions = append(d.Actions, Action{Kind: Standardize})
					remedy += " or " + w.std
				}
				d.Advice = fmt.Sprintf("%s %s slowly (‖∇f‖ shrinks by %.4f per %s) and lr %s is already near the stable limit%s: the problem is ill-conditioned — %s", w.loss, w.falls, rho, w.unit, g4(lr), boundText, remedy)
			} else {
				d.SuggestedLR = s
				d.Actions = []Action{setLR(s), budget}
				d.Advice = fmt.Sprintf("%s but %s after %d %s (‖∇f‖ shrinks by %.4f per %s; about %s more %s needed at this rate); raise lr to %s (%s) or raise %s", fell, ranOut, k, w.units, rho, w.unit, fmtSteps(need), w.units, g4(s), capText, w.budget)
			}
		} else {
			d.Actions = []Action{budget}
			d.Advice = fmt.Sprintf("%s but %s after %d %s; raise %s", fell, ranOut, k, w.units, w.budget)
		}
		return d
	}
	d := Diagnosis{Verdict: Stalled, Advice: fmt.Sprintf("%s did not %s its start value in %d %s", w.f, map[bool]string{false: "fall below", true: "rise above"}[w.max], k, w.units)}
	if in.HasLR && lr > 0 {
		d.SuggestedLR = 10 * lr
		d.Actions = []Action{setLR(d.SuggestedLR)}
		d.Advice += fmt.Sprintf("; raise lr to %s%s", g4(d.SuggestedLR), boundText)
	}
	return d
}

// nearFloor reports whether the run ended within a tenth of the way from
// its start to the objective's known lower bound (Input.FLower), or within
// nearMin of the way to its known minimum f* (a catalogue function: an
// adaptive method raised there zig-zags at the minimum's scale — Bard
// under NAdam at 0.0316 ends at 0.009886 against f* = 0.008215, and
// 0.316, faster over a probe from the best point, ends at 0.196).
func nearFloor(in Input) bool {
	F := in.History.F
	if len(F) == 0 {
		return false
	}
	last := lastFinite(F)
	if !in.HasFLower {
		// A known minimum: within nearMin of the way.
		return in.KnownMin && last < F[0] && last-in.FStar <= nearMin*(F[0]-in.FStar)
	}
	return last < F[0] && last-in.FLower <= 0.1*(F[0]-in.FLower)
}

// nearMin is nearFloor's share of the way from the start to a known
// minimum f*.
const nearMin = 1e-3

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

// uphill is the diagnosis of a run that came to rest above its start.
// The rate to use is the stable one when the bound is known and lr is
// above it, else lr/10, as after a blow-up.
func uphill(in Input, w words, F0, last, lr float64) Diagnosis {
	d := Diagnosis{Verdict: Diverged, SuggestedLR: lr / 10}
	why := "a step too long threw the run onto a flat region, where the gradient vanishes without a minimum"
	if in.Bound > 0 && lr >= in.Bound {
		d.SuggestedLR = safeLR(in)
		why = fmt.Sprintf("lr %s is above the stable bound %s (L = %.4g): a step threw the run onto a flat region, where the gradient vanishes without a minimum", g4(lr), g4(in.Bound), in.L)
	}
	d.Actions = []Action{{Kind: SetLR, LR: d.SuggestedLR}}
	d.Advice = fmt.Sprintf("%s came to rest at %s = %.6g, worse than at its start (%.6g): it did not converge; %s; use lr ≈ %s", w.loss, w.f, w.v(last), w.v(F0), why, g4(d.SuggestedLR))
	return d
}

func unbounded(w words, F0, last float64, k int) Diagnosis {
	dir := "decreases"
	if w.max {
		dir = "increases"
	}
	return Diagnosis{Verdict: Unbounded, Actions: []Action{{Kind: CheckObjective}},
		Advice: fmt.Sprintf("%s %s without bound (from %.6g to %.6g in %d %s): the function has no %s along this path; no learning rate fixes that — bound the variables or check the formula", w.f, dir, w.v(F0), w.v(last), k, w.units, w.extremum())}
}

// extremum is what the run looks for: "minimum", or "maximum".
func (w words) extremum() string {
	if w.max {
		return "maximum"
	}
	return "minimum"
}

func keepAdvice(in Input, lr float64) (string, []Action) {
	if !in.HasLR || !(lr > 0) {
		return "nothing to change", nil
	}
	if in.Bound > 0 && lr < in.Bound/20 {
		return fmt.Sprintf("lr %s worked; up to %s would be stable and may be faster", g4(lr), g4(in.Bound/2)), []Action{{Kind: KeepLR, LR: lr}}
	}
	return fmt.Sprintf("lr %s is a good choice for this problem", g4(lr)), []Action{{Kind: KeepLR, LR: lr}}
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

// belowMin reports whether v lies below the known minimum (by more than
// rounding), or no minimum is known: only then can a fall be unbounded.
func belowMin(in Input, v float64) bool {
	return !in.KnownMin || v < in.FStar-1e-9*math.Max(1, math.Abs(in.FStar))
}

// countRises counts the units of F at which the loss rose.
func countRises(F []float64) int {
	n := 0
	for i := 1; i < len(F); i++ {
		if F[i] > F[i-1] {
			n++
		}
	}
	return n
}

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
	sched := Action{Kind: UseSchedule, Schedule: "cosine"}
	acts := []Action{sched}
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
		d.Advice = fmt.Sprintf("the loss sits on a mini-batch noise floor (%s) that momentum β = %.3g raises %.3g-fold (it adds up the noise of 1/(1−β) steps): use lr %s, or keep lr and use a decaying schedule (cosine) or %s", what, in.Beta, 1/(1-in.Beta), g4(c), batchText)
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
		d.Advice = fmt.Sprintf("the loss sits on a mini-batch noise floor (%s) no lower than predicting the targets' mean (%.6g, R² ≤ 0): the noise, not instability, keeps it there, and the floor scales with lr: use lr %s, or keep lr and use a decaying schedule (cosine) or %s", what, w.v(in.FConst), g4(d.SuggestedLR), batchText)
		return d
	}
	if in.HasLR && lr > 0 && r > 0.05 && !falling {
		f := math.Max(0.1, math.Min(0.5, 0.02/r))
		d.SuggestedLR = lr * f
		d.Actions = append([]Action{{Kind: SetLR, LR: d.SuggestedLR}}, acts...)
		if !(F[0] > mean) {
			// No progress: the floor lies above the start.
			d.Advice = fmt.Sprintf("the loss bounces on mini-batch noise above its start (%s, against %.6g at the start): lr %s is too large for this problem; use lr %s, or keep lr and use a decaying schedule (cosine) or %s", what, w.v(F[0]), g4(lr), g4(d.SuggestedLR), batchText)
			return d
		}
		size := fmt.Sprintf("a spread of %.0f%% of the progress made", 100*r)
		d.Advice = fmt.Sprintf("the loss sits on a high mini-batch noise floor (%s: %s): the noise, not instability, keeps it there, and the floor scales with lr: use lr %s, or keep lr and use a decaying schedule (cosine) or %s", what, size, g4(d.SuggestedLR), batchText)
		return d
	}
	if in.HasLR && lr > 0 {
		d.SuggestedLR = lr
		d.Actions = append([]Action{{Kind: KeepLR, LR: lr}}, acts...)
	} else {
		d.Actions = acts
	}
	d.Advice = fmt.Sprintf("the loss sits on the mini-batch noise floor (%s), small beside the progress made: keep lr %s; to lower the floor further use a decaying schedule (cosine) or %s", what, g4(lr), batchText)
	if falling {
		// Still falling through the noise: a smaller rate would lower
		// the floor later but slow the fall now.
		d.Actions = append(d.Actions, Action{Kind: RaiseBudget})
		d.Advice = fmt.Sprintf("the loss bounces on mini-batch noise (%s) but still falls through it (by %.3g over the last %d %s, against a noise of ±%.2g): keep lr %s and raise %s; a decaying schedule (cosine) or %s lowers the floor at the end", what, drop, len(win)-1, w.units, noise, g4(lr), w.budget, batchText)
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

// overfit replaces a verdict that keeps the learning rate by Overfitting
// when the run has a validation loss whose minimum lies at least three
// units before the end, followed by a rise of more than 1 % of the
// minimum in the last three units, while the training loss kept falling:
// the model fits the training split at the expense of the validation
// split (the pattern that Keras' EarlyStopping and scikit-learn's
// n_iter_no_change watch). The learning rate is not the cause: it is kept,
// and the actions are early stopping at the best epoch and an L2 penalty.
func overfit(in Input, d Diagnosis) Diagnosis {
	v, F := in.ValLoss, in.History.F
	k := len(F) - 1
	if len(v) != len(F) || k < 6 || d.Verdict == Diverged || d.Verdict == Unbounded {
		return d
	}
	best := -1
	for i, x := range v {
		if !math.IsNaN(x) && (best < 0 || x < v[best]) {
			best = i
		}
	}
	if best < 0 || best > k-3 || math.IsNaN(v[k]) || !(v[k] > v[best]+0.01*math.Abs(v[best])) {
		return d
	}
	if !(v[k] >= v[k-1] && v[k-1] >= v[k-2]) || !(F[k] < F[best]) {
		return d
	}
	w := wordsOf(in)
	lr := lastFinite(in.History.LR)
	patience := min(10, max(3, (k-best)/2))
	o := Diagnosis{Verdict: Overfitting,
		Actions: []Action{{Kind: EarlyStop, Epoch: best, Patience: patience}, {Kind: SetL2, L2: 1e-3}}}
	o.Advice = fmt.Sprintf("the model overfits: the validation loss was lowest at %s %d (%.6g) and rose to %.6g by %s %d while the training loss fell from %.6g to %.6g; stop at %s %d (early stopping with a patience of %d) or add an L2 penalty (try 1e-3)", w.unit, best, v[best], v[k], w.unit, k, F[best], F[k], w.unit, best, patience)
	if in.HasLR && lr > 0 {
		o.SuggestedLR = lr
		o.Actions = append(o.Actions, Action{Kind: KeepLR, LR: lr})
		o.Advice += fmt.Sprintf("; the learning rate is not the cause: keep lr %s", g4(lr))
	}
	return o
}

// rebase expresses the suggestion in the rate the user sets when a
// schedule or warmup varies the rate: the same factor s/lr, measured
// against the last step's rate lr, applied to BaseLR — the whole schedule
// is scaled, so "halve lr" halves the rate it starts from. The factor of a
// raise is capped so that the scaled schedule's peak stays below the raise
// cap; that of a cut so that, when the stable bound is known, the scaled
// peak is at most max(s, the safe rate) — instability happens at the peak,
// which a decaying schedule left behind long before its last step. A raise
// therefore never suggests a rate below BaseLR, nor a cut one above it.
func rebase(in Input, d Diagnosis) Diagnosis {
	lr := lastFinite(in.History.LR)
	if in.BaseLR <= 0 || d.SuggestedLR <= 0 || !(lr > 0) {
		return d
	}
	var s float64
	peak := lr
	for _, v := range in.History.LR {
		if v > peak && !math.IsInf(v, 0) {
			peak = v
		}
	}
	switch {
	case d.SuggestedLR > lr:
		// The peak of the scaled schedule must stay below the cap.
		limit, _ := raiseCap(in, in.BaseLR)
		s = math.Max(in.BaseLR, math.Min(in.BaseLR*d.SuggestedLR/lr, limit*in.BaseLR/peak))
	case d.SuggestedLR < lr:
		s = in.BaseLR * d.SuggestedLR / lr
		if in.Bound > 0 {
			s = math.Min(s, in.BaseLR*math.Max(d.SuggestedLR, safeLR(in))/peak)
		}
		s = math.Min(in.BaseLR, s)
	default:
		s = in.BaseLR
	}
	setAction(&d, s)
	if adv, ok := renumber(d.Advice, d.SuggestedLR, s); ok {
		d.Advice = adv + fmt.Sprintf(" (the schedule varies lr: %s is the rate it starts from, now %s)", g4(s), g4(in.BaseLR))
	} else {
		d.Advice += fmt.Sprintf(" (the schedule varies lr: set the rate it starts from, now %s, to %s)", g4(in.BaseLR), g4(s))
	}
	d.SuggestedLR = s
	return d
}

// rateCues are the words after which advice names the rate to use.
var rateCues = []string{"lr to ", "lr ≈ ", "use lr ", "halve it to ", "tenfold to "}

// renumber replaces the rate from where advice names it as the rate to
// use (after one of rateCues) by to, and reports whether it found one.
func renumber(advice string, from, to float64) (string, bool) {
	found := false
	for _, c := range rateCues {
		old := c + g4(from)
		if strings.Contains(advice, old) {
			advice, found = strings.ReplaceAll(advice, old, c+g4(to)), true
		}
	}
	return advice, found
}

// userLR is the rate the user sets: BaseLR under a schedule or warmup,
// else the last step's rate.
func userLR(in Input) float64 {
	if in.BaseLR > 0 {
		return in.BaseLR
	}
	return lastFinite(in.History.LR)
}

// setAction changes the rate of the SetLR or KeepLR action to s; a keep
// moved to another rate becomes a set (a keep_lr names the run's rate).
func setAction(d *Diagnosis, s float64) {
	for i := range d.Actions {
		if a := &d.Actions[i]; a.Kind == SetLR || a.Kind == KeepLR {
			if a.Kind == KeepLR && a.LR != s {
				a.Kind = SetLR
			}
			a.LR = s
		}
	}
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
	if math.Abs(s-lr) <= 0.01*lr || (s > lr && in.Family == Adaptive && in.Travel > 0 && lr >= in.Travel) {
		return checkKeep(in, d, lr)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
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
	if s > lr && d.Verdict == TooSlow {
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
		knee, kneeNote := false, ""
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
				// On mini-batches a climb stopped by its reach (no bound
				// caps an adaptive rate) is treated as a knee too: the
				// probe could not show the noise floor of the rate it
				// climbed to (diabetes' linear Adam at batch 8 from 1e-5
				// reached 10, 4,427 against 2,870 at 1).
				knee = in.stochastic() && in.BoundEnd <= 0 && in.Bound <= 0
				break
			}
		}
		if knee && in.Family == Adaptive && !in.ProbeStartCompare && best >= 100*lr {
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
			// closer to its best.
			why := "a run many probes long pays for a higher rate's noise floor all along"
			if !in.stochastic() {
				why = "a run many probes long pays for a higher rate's zig-zag all along"
			}
			kneeNote = fmt.Sprintf(" (half a decade below lr %s, the best over one probe: %s)", g4(best), why)
			best /= math.Sqrt(10)
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
	d.SuggestedLR = lr
	setAction(&d, lr)
	if small {
		d.Advice += fmt.Sprintf("; but a check from the best point found a lower rate gains less than %g %% of the progress made (%s %.6g at lr %s): the zig-zag costs little, keep lr %s", 100*minGain, w.f, w.v(base), g4(lr), g4(lr))
		return d
	}
	d.Advice += fmt.Sprintf("; but a check from the best point found no better rate than the current one (%s %.6g at lr %s): keep lr %s", w.f, w.v(base), g4(lr), g4(lr))
	return d
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
	if in.Family != Adaptive || !in.stochastic() || !(prev > lr) {
		return false
	}
	return vPrev-v < climbGain*(base-vPrev)
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

// startOK reports whether a probe from the start at rate c neither blows
// up nor ends above the start's objective.
func startOK(in Input) func(c float64) bool {
	F0 := in.History.F[0]
	return func(c float64) bool {
		v := in.ProbeStart(c)
		return !math.IsNaN(v) && !math.IsInf(v, 0) && v <= F0
	}
}

// stepDownFromStart is the cut a probe from the start ranks: from s, down
// by √10 (at most three times) to a rate whose probe passes ok, then on
// down by √10 (at most three times) while the lower rate's probe goes
// further. found is false when no rate down to s/10^1.5 passes.
func stepDownFromStart(in Input, s float64, ok func(float64) bool) (c float64, found bool) {
	c = s
	for i := 0; i < 3 && !ok(c); i++ {
		c /= math.Sqrt(10)
	}
	if !ok(c) {
		return 0, false
	}
	for range 3 {
		lo := c / math.Sqrt(10)
		if !ok(lo) || !better(in.ProbeStart(lo), in.ProbeStart(c)) {
			break
		}
		c = lo
	}
	return c, true
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

// fromStart checks a raise where the user's next run begins: a rate that
// is safe from the best point can blow up from the start, whose path
// crosses steeper ground (box-3d: half the start's stable bound diverges
// by the second iteration, as the exponential terms steepen). The raised
// rate is cut by √10 while its probe from the start blows up or ends above
// the start's objective, at most four times, then (a climb of more than two
// decades) by decades to a rate whose probe also goes further than lr's,
// tried √10 higher once; if no raise survives, lr is kept.
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
		for i := 0; i < 3; i++ {
			lo := c / math.Sqrt(10)
			if lo2 := c / 10; lo > lr*1.01 && !(ok(lo) && better(in.ProbeStart(lo), in.ProbeStart(c))) &&
				lo2 > lr*1.01 && ok(lo2) && better(in.ProbeStart(lo2), in.ProbeStart(c)) {
				lo = lo2
			}
			if !(lo > lr*1.01) || !ok(lo) || !better(in.ProbeStart(lo), in.ProbeStart(c)) {
				break
			}
			c = lo
		}
		if first == s && c != s {
			why = fmt.Sprintf("a check from the start found lr %s goes further there than %s", g4(c), g4(s))
		}
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
		d.Actions = slices.DeleteFunc(d.Actions, func(a Action) bool { return a.Kind == SetLR })
		d.Actions = append([]Action{{Kind: KeepLR, LR: lr}}, d.Actions...)
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
	reach := v <= last
	if lower, known := lowerBound(in); known && over {
		reach = v-lower <= overshootReach*(last-lower)
	}
	if !reach {
		return d
	}
	d.SuggestedLR = c
	d.Actions = append([]Action{{Kind: SetLR, LR: c}}, slices.DeleteFunc(d.Actions, func(a Action) bool { return a.Kind == SetLR || a.Kind == KeepLR })...)
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

// jitterShare is the most a full-batch run's loss may move over the last
// window, as a share of its whole fall, for a run whose ‖∇f‖ fell by
// settledFall to be converged through its jitter (see diagnose).
const jitterShare = 1e-9

// overshootReach bounds, for keptFromStart, a cut's short probe from the
// start against the run's final value, both above the lower bound.
const overshootReach = 2

// settled reports whether ‖∇f‖ fell by settledFall or more from the
// run's start to its end: a zig-zag there is at the scale of the minimum,
// the run converged through it, and probes from the start — which see
// only the first tenth of the way — cannot rank rates by it.
func settled(in Input) bool {
	g := in.History.GradNorm
	if len(g) < 2 || !(g[0] > 0) {
		return false
	}
	last := lastFinite(g)
	return last <= settledFall*g[0]
}

// settledFall is the fall of ‖∇f‖ beyond which a run is settled.
const settledFall = 1e-6

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
	lr, last0 := userLR(in), lastFinite(in.History.LR)
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
		d.Advice = strings.Replace(d.Advice, fmt.Sprintf("lr %s is a good choice for this problem", g4(last0)), fmt.Sprintf("lr %s found a local minimum", g4(last0)), 1)
		d.Advice += fmt.Sprintf("; %s = %.6g is above the known minimum %.6g: the run rests in another basin", w.f, w.v(last), w.v(in.FStar))
	}
	if in.ProbeStart != nil && in.ProbeStartCompare {
		for _, k := range []float64{math.Sqrt(10), 10, 10 * math.Sqrt(10), 100} {
			for _, c := range []float64{lr / k, lr * k} {
				v := in.ProbeStart(c)
				if math.IsNaN(v) || math.IsInf(v, 0) || !(v < last-gap/2) {
					continue
				}
				d.SuggestedLR = c
				d.Actions = append([]Action{{Kind: SetLR, LR: c}}, slices.DeleteFunc(d.Actions, func(a Action) bool { return a.Kind == SetLR || a.Kind == KeepLR })...)
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
	if !kept {
		d.Advice += "; no other rate left it from the start: try another start point"
	}
	return d
}

// monotone keeps following the advice monotone (issue: "following it
// twice never reverses direction unless the first hop overshot with
// evidence, in which case it bisects between the two last rates"): when
// the previous run's advice moved the rate from PrevLR to lr and this
// run's advice turns back, the new rate goes at most halfway back on a
// log scale, to √(PrevLR·lr). A suggestion between that midpoint and lr,
// or one that keeps the direction, stands.
func monotone(in Input, d Diagnosis) Diagnosis {
	prev, s := in.PrevLR, d.SuggestedLR
	lr := userLR(in)
	if !(prev > 0) || math.IsInf(prev, 0) || !(lr > 0) || !(s > 0) || math.Abs(prev-lr) <= 0.01*lr {
		return d
	}
	mid := math.Sqrt(prev * lr)
	back := "cut"
	switch {
	case prev < lr && s < mid*(1-1e-12):
	case prev > lr && s > mid*(1+1e-12):
		back = "raise"
	default:
		return d
	}
	setAction(&d, mid)
	d.SuggestedLR = mid
	d.Advice += fmt.Sprintf("; but the run before this one, at lr %s, was moved to lr %s, and this %s turns back: the rate to use lies between the two — bisected on a log scale, use lr %s", g4(prev), g4(lr), back, g4(mid))
	return d
}

// plateauGap is the share of the way from the start to a known minimum
// that a run kept at its rate must still have before localMin probes
// other rates from the start.
const plateauGap = 0.25

// cutFromStart checks the rate suggested after a blow-up, or after
// oscillation for a plain or momentum method, s, from the start with
// probes long enough to rank two rates (ProbeStartCompare): it
// cuts s by √10 while the probe blows up or ends above the start's
// objective (at most three times), then steps down by √10 while the lower
// rate goes further (at most three times) — the bound or lr/10 behind s
// comes from the curvature at one point, and the path from the start can
// cross steeper ground.
func cutFromStart(in Input, d Diagnosis, ok func(float64) bool) Diagnosis {
	s := d.SuggestedLR
	c, found := stepDownFromStart(in, s, ok)
	if !found || c == s {
		return d
	}
	setAction(&d, c)
	d.SuggestedLR = c
	if adv, found := renumber(d.Advice, s, c); found {
		d.Advice = adv + fmt.Sprintf(" (a check from the start found lr %s goes further there than %s)", g4(c), g4(s))
		return d
	}
	d.Advice += fmt.Sprintf("; a check from the start found lr %s goes further there than %s: use lr %s", g4(c), g4(s), g4(c))
	return d
}

// BadScale is the spread of the features' standard deviations (largest
// over smallest) from which advice says to standardize: gradient descent's
// speed depends on the condition number κ(XᵀX), and columns whose scales
// differ by a factor r make κ grow like r² (see notes on feature scaling,
// e.g. LeCun, Bottou, Orr & Müller, "Efficient BackProp", 1998, §4.3).
const BadScale = 30

// BadlyScaled reports whether standardizing the features is the first
// remedy: their standard deviations differ by BadScale or more (spread),
// or the raw features condition a linear model BadScale times worse than
// standardized ones would (gain, see Input.ScaleGain).
func BadlyScaled(spread, gain float64) bool { return spread >= BadScale || gain >= BadScale }

// scaled puts standardization first when the features' scales differ by
// BadScale or more and the run did not converge: no learning rate makes
// gradient descent fast on such a problem, and standardizing does.
func scaled(in Input, d Diagnosis) Diagnosis {
	if !BadlyScaled(in.ScaleSpread, in.ScaleGain) || d.Verdict == Converged || d.Verdict == Overfitting || d.Verdict == Unbounded {
		return d
	}
	if !(in.StandardizedLR > 0) && in.StandardizedBound > 0 && in.Family != Adaptive {
		at := in
		at.Bound, at.BoundEnd = in.StandardizedBound, 0
		in.StandardizedLR, _ = boundCap(at, 0)
	}
	if d.Verdict == TooSlow && nearFloor(in) {
		// Within a tenth of the way to the objective's lower bound, a
		// slow run has little left for standardizing to speed up: it is
		// offered after the rate.
		d.Actions = append(d.Actions, Action{Kind: Standardize, LR: in.StandardizedLR})
		return d
	}
	w := wordsOf(in)
	if !(in.StandardizedLR > 0) {
		// Without a rate for standardized features (the front end's
		// probe, or half their stable bound), standardizing is offered
		// last: at the run's rate it may be far too slow (a raw diabetes
		// MLP under gd at 1e-5, the edge of its stability, ends at 4,745;
		// standardized at 1e-5 it barely moves from 28,000).
		d.Actions = append(d.Actions, Action{Kind: Standardize})
		if !strings.Contains(d.Advice, w.std) {
			d.Advice += fmt.Sprintf("; the features' scales are uneven (κ is %.3g times a standardized set's, scales %.3g apart): %s may also help, with its own rate to find", math.Max(in.ScaleGain, 1), in.ScaleSpread, w.std)
		}
		return d
	}
	a := Action{Kind: Standardize, LR: in.StandardizedLR}
	d.Actions = append([]Action{a}, d.Actions...)
	text := fmt.Sprintf("the features' scales differ by a factor of %.3g, which makes the problem ill-conditioned: %s", in.ScaleSpread, w.std)
	if in.ScaleSpread < BadScale {
		text = fmt.Sprintf("the features' offsets and scales make the problem %.3g times worse conditioned than standardized features would (κ = %.3g against %.3g): %s", in.ScaleGain, in.KappaRaw, in.KappaStd, w.std)
	}
	if in.StandardizedLR > 0 {
		text += fmt.Sprintf(" and use lr %s there", g4(in.StandardizedLR))
	}
	if in.Family == Adaptive {
		// Per-coordinate steps undo the gradients' scales, not the
		// features' offsets nor the different distances their weights
		// must travel; the front end gives a rate only when a short run
		// on standardized features made more progress than this run in
		// as many epochs.
		text += " (an adaptive method rescales each weight's step, but not the features' offsets nor the different distances their weights must travel; a short run on standardized features went further than this one in as many epochs)"
	}
	d.Advice = text + "; with these features: " + d.Advice
	return d
}

// raiseCap is the largest rate a raise may suggest, and its explanation:
// half the stable bound at the best point (BoundEnd) or, without it, of
// the run (Bound) — the fastest safe rate for the stiffest mode where the
// run continues — and 10·lr when no bound applies.
func raiseCap(in Input, lr float64) (float64, string) {
	c, text := boundCap(in, lr)
	if t := in.Travel / in.StepPerLR; overTravel(in, c) && t < c {
		return t, fmt.Sprintf("capped at %s: at a larger rate the first step alone would be longer than the %.3g the whole run travelled", g4(t), in.Travel)
	}
	return c, text
}

// boundCap is raiseCap without the travel cap of adaptive methods.
func boundCap(in Input, lr float64) (float64, string) {
	b := in.BoundEnd
	if b <= 0 {
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

// maxSpread returns max(v) − min(v).
func maxSpread(v []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return hi - lo
}

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
		if math.IsNaN(base) || math.IsInf(base, 0) || math.IsNaN(v) || math.IsInf(v, 0) || !better(v, base) {
			return d
		}
		if rise := floorRise(in, lr, c); rise > floorRiseRatio*(base-v) {
			w := wordsOf(in)
			d.Advice += fmt.Sprintf("; a check from the best point found lr %s ahead by only %.3g, while its noise floor would sit about %.3g higher (η·tr(Σ)/(4B)): keep lr %s", g4(c), w.v(base)-w.v(v), rise, g4(lr))
			return d
		}
		w := wordsOf(in)
		d.SuggestedLR = c
		d.Actions = append([]Action{{Kind: SetLR, LR: c}}, slices.DeleteFunc(d.Actions, func(a Action) bool { return a.Kind == KeepLR || a.Kind == SetLR })...)
		d.Advice += fmt.Sprintf("; but a check from the best point found lr %s better (%s %.6g vs %.6g at lr %s): use lr %s", g4(c), w.f, w.v(v), w.v(base), g4(lr), g4(c))
		return d
	}
	base := in.Probe(lr)
	if math.IsNaN(base) || math.IsInf(base, 0) {
		return d
	}
	best, bestV := lr, base
	if kicked(in, base) {
		bestV = in.ProbeFrom
	}
	cands := []float64{lr / 10, lr * 10}
	switch {
	case floor:
		// On a noise floor a higher rate only raises the floor.
		cands = []float64{lr / 10}
	case in.Travel > 0 && lr >= in.Travel:
		cands = []float64{lr / 10, lr / 100}
	case overTravel(in, 10*lr) && !raiseFromStart(in, lr, 10*lr):
		cands = []float64{lr / 10}
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
		if math.IsNaN(v) || math.IsInf(v, 0) || !better(v, bestV) {
			continue
		}
		if !in.stochastic() && nearFloor(in) && !(v < in.ProbeFrom) {
			// Near the known minimum, a probe that ends above the point it
			// started from ranks a fresh optimizer state's first steps —
			// each coordinate moves by about lr whatever its gradient —
			// not the rates (see kicked): Beale under RMSprop at 0.02, the
			// run at 1.4e-4, its probe kicked to 0.25, and 0.002's to
			// 0.0024 "won".
			continue
		}
		if !(bestV-v > gain*progress) {
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

// kickWindow is the number of last units of a run that kicked inspects.
const kickWindow = 20

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

// raiseFromStart reports whether a probe from the start finds rate c
// safe there and further than lr.
func raiseFromStart(in Input, lr, c float64) bool {
	if in.ProbeStart == nil || len(in.History.F) == 0 {
		return false
	}
	return startOK(in)(c) && better(in.ProbeStart(c), in.ProbeStart(lr))
}

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

// edgeOfStability recognizes a full-batch run at the edge of stability
// (Cohen, Kaur, Li, Kolter & Talwalkar, "Gradient Descent on Neural
// Networks Typically Occurs at the Edge of Stability", ICLR 2021): the
// sharpness λmax measured in the window (History.Sharpness, when the run
// tracked it) sits between 0.8 and 1.25 times 2/lr (the sharpness hovers at or just above 2/lr), and the loss, though it bounces,
// fell over the window by more than 1 % of its level. Such a run is not
// unstable: the sharpness adapts to the rate and the loss keeps falling,
// so lr is kept rather than halved.
func edgeOfStability(in Input, w words, lr float64, win, sharp []float64) (Diagnosis, bool) {
	k := len(in.History.F) - 1
	lambda := math.NaN()
	for i := k; i > k-len(win) && i >= 0; i-- {
		if i < len(sharp) && !math.IsNaN(sharp[i]) {
			lambda = sharp[i]
			break
		}
	}
	if r := lambda * lr / 2; math.IsNaN(lambda) || r < 0.8 || r > 1.25 {
		return Diagnosis{}, false
	}
	fall := win[0] - win[len(win)-1]
	if !(fall > 0.01*math.Max(math.Abs(win[len(win)-1]), 1e-300)) {
		return Diagnosis{}, false
	}
	return Diagnosis{Verdict: TooSlow, SuggestedLR: lr, Actions: []Action{{Kind: KeepLR, LR: lr}, {Kind: RaiseBudget}},
		Advice: fmt.Sprintf("%s bounces but %s from %.6g to %.6g over the last %d %s while the sharpness λmax = %.4g sits at the edge of stability 2/lr = %.4g (Cohen et al. 2021): the rate is not unstable, the curvature adapts to it; keep lr %s and raise %s", w.loss, w.fell, w.v(win[0]), w.v(win[len(win)-1]), len(win), w.units, lambda, 2/lr, g4(lr), w.budget)}, true
}

// retarget rewrites advice that named the rate from as the rate to use
// ("raise lr to 0.0425") so that it names to, and appends why. When the
// advice does not name from that way, it appends the new rate too.
func retarget(advice string, from, to float64, why string) string {
	if adv, ok := renumber(advice, from, to); ok {
		return adv + "; " + why
	}
	return advice + "; " + why + ": use lr " + g4(to)
}

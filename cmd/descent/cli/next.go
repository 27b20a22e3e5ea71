package cli

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// nextRun is what a run of minimize or train was started with, as far as
// the flags of its next run go: the advice's actions (diagnose.Action)
// are turned into those flags here, since libraries name no flag.
type nextRun struct {
	// train says the run is descent train: --standardize, --model, --l2,
	// --batch and --patience exist, and the budget is --epochs (else
	// --max-iters).
	train bool
	// opt, sched and model are the run's specs as given (sched zero when
	// the run had no schedule; model zero for minimize).
	opt, sched, model spec.Spec
	// l2 is the --l2 flag's penalty: a model spec's l2 beside it is an
	// error, so a new penalty then goes to --l2.
	l2 float64
	// standardized says the run already standardized its features.
	standardized bool
	// batch is the run's examples per step (0: full batch).
	batch int
	// budget is the run's budget in its units (iterations or epochs), 0
	// for none; patience its early-stopping patience (0: off).
	budget, patience int
}

// maxBudgetRaise is how far past the run's budget a raise_budget action is
// turned into a flag: a run told it needs hundreds of times its budget
// (brown-badly-scaled under Rprop: 644,394 iterations after 500) is told
// so in the advice's words, not handed a command that runs for that long.
const maxBudgetRaise = 10

// nextFlags turns the actions of d into the flags of the run's next run,
// each flag and its value as separate strings in a fixed order
// (--standardize, --opt, --schedule, --model, --l2, --batch, the budget,
// --patience), leaving out every flag whose value would not change; nil
// when nothing changes.
//
// The specs start from the run's own, and only the keys the actions name
// change. set_lr sets the optimizer's lr, or the schedule's key it names
// (onecycle's max_lr); keep_lr changes nothing. standardize (train) with
// its rate adds --standardize and that rate, which replaces set_lr's
// wherever it stands among the actions: a rate for the raw features does
// not carry over to standardized ones (README, "Hops follow the advice's
// first action: … standardizing them with the rate given for the
// standardized problem"); the other actions then go, as they were for the
// raw features, except the weight decay that comes with standardizing. A
// standardize without a rate adds nothing, as
// the other actions without a value: the advice offers it last, "with its
// own rate to find", and at the raw run's rate a standardized run can end
// far higher (raw diabetes linear, Adam at 0.1, batch 32, 20 epochs:
// R² 0.40; standardized at 0.1, R² −2.2). set_weight_decay and
// set_param set the optimizer's weight_decay and named parameter;
// raise_budget the budget, when the action knows it and it is at most
// maxBudgetRaise times the run's; stretch_schedule the schedule's length
// key (polynomial's total_iters, schedule.WithLength); raise_batch --batch when it has a size;
// use_schedule --schedule when the run had none; set_l2 the model spec's
// l2 (--l2 when the run gave the penalty by that flag); early_stop
// --patience (with --val, which the overfitting it comes from needs).
// Actions without a flag or a value (add_momentum, use_optimizer,
// clip_gradient, set_grad_tol, rescale, check_objective) add nothing.
//
// Rates, weight decays and penalties are written with 4 significant
// digits (%.4g), as the suggested line writes the rate; a set_param value
// in full (fullValue).
func nextFlags(r nextRun, d diagnose.Diagnosis) []string {
	opt, sched, mdl := r.opt, r.sched, r.model
	batch, budget, patience, l2 := r.batch, r.budget, r.patience, r.l2
	standardize, stdLR := false, 0.0
	// The key of the rate the user sets, which standardize's rate goes
	// to: the diagnosis's (onecycle's max_lr), else the schedule's.
	rateKey := d.RateName()
	if k, _, ok := schedule.RateParam(r.sched); ok && rateKey == "lr" {
		rateKey = k
	}
	acts := d.Actions
	if r.train && !r.standardized && slices.ContainsFunc(acts, func(a diagnose.Action) bool {
		return a.Kind == diagnose.Standardize && a.LR > 0 && !math.IsInf(a.LR, 0)
	}) {
		// The next run is on standardized features: the actions the
		// diagnosis gave for the raw ones (a schedule, a batch, a budget
		// for their pace) do not carry over, only the weight decay that
		// comes with standardizing (raw diabetes under AdamW at 1: with
		// --schedule cosine as well the standardized run ends at 5,235,
		// without it at 3,119).
		acts = slices.DeleteFunc(slices.Clone(acts), func(a diagnose.Action) bool {
			return a.Kind != diagnose.Standardize && a.Kind != diagnose.SetWeightDecay
		})
	}
	for _, a := range acts {
		switch a.Kind {
		case diagnose.SetLR:
			if !(a.LR > 0) || math.IsInf(a.LR, 0) {
				continue
			}
			if a.Param == "" {
				opt = setValue(opt, "lr", g4(a.LR))
			} else if !sched.IsZero() {
				sched = setValue(sched, a.Param, g4(a.LR))
			}
		case diagnose.Standardize:
			if r.train && !r.standardized && a.LR > 0 && !math.IsInf(a.LR, 0) {
				standardize, stdLR = true, a.LR
			}
		case diagnose.SetWeightDecay:
			if a.WeightDecay > 0 {
				opt = setValue(opt, "weight_decay", g4(a.WeightDecay))
			}
		case diagnose.SetParam:
			if a.Param != "" && finiteValue(a.Value) {
				opt = setValue(opt, a.Param, fullValue(a.Value))
			}
		case diagnose.RaiseBudget:
			if a.Budget > budget && r.budget > 0 && a.Budget <= maxBudgetRaise*r.budget {
				budget = a.Budget
			}
		case diagnose.StretchSchedule:
			sched, _ = schedule.WithLength(sched, a.Steps)
		case diagnose.RaiseBatch:
			if r.train && a.Batch > 0 {
				batch = a.Batch
			}
		case diagnose.UseSchedule:
			if r.sched.IsZero() && a.Schedule != "" {
				if sp, err := spec.Parse(a.Schedule); err == nil {
					sched = sp
				}
			}
		case diagnose.SetL2:
			if !r.train || !(a.L2 > 0) || math.IsInf(a.L2, 0) {
				continue
			}
			if r.l2 != 0 {
				l2 = a.L2
			} else {
				mdl = setValue(mdl, "l2", g4(a.L2))
			}
		case diagnose.EarlyStop:
			if r.train && a.Patience > 0 {
				patience = a.Patience
			}
		}
	}
	if standardize {
		if rateKey == "lr" {
			opt = setValue(opt, "lr", g4(stdLR))
		} else if !sched.IsZero() {
			sched = setValue(sched, rateKey, g4(stdLR))
		}
	}
	var out []string
	if standardize {
		out = append(out, "--standardize")
	}
	if opt.String() != r.opt.String() {
		out = append(out, "--opt", opt.String())
	}
	if sched.String() != r.sched.String() {
		out = append(out, "--schedule", sched.String())
	}
	if mdl.String() != r.model.String() {
		out = append(out, "--model", mdl.String())
	}
	if l2 != r.l2 {
		out = append(out, "--l2", g4(l2))
	}
	if batch != r.batch {
		out = append(out, "--batch", strconv.Itoa(batch))
	}
	if budget != r.budget {
		flag := "--max-iters"
		if r.train {
			flag = "--epochs"
		}
		out = append(out, flag, strconv.Itoa(budget))
	}
	if patience != r.patience {
		out = append(out, "--patience", strconv.Itoa(patience))
	}
	return out
}

// g4 writes a rate, a weight decay or a penalty as the suggested line
// writes the rate.
func g4(v float64) string { return fmt.Sprintf("%.4g", v) }

func finiteValue(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// fullValue writes a set_param value in full, a whole number without an
// exponent (an integer parameter takes "1000000", not "1e+06").
func fullValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// setValue returns sp with key set to value, or sp itself when it already
// holds that number (so "lr=0.010" is not rewritten as a change to 0.01).
func setValue(sp spec.Spec, key, value string) spec.Spec {
	if old, ok := sp.Get(key); ok {
		if old == value {
			return sp
		}
		a, errA := strconv.ParseFloat(old, 64)
		b, errB := strconv.ParseFloat(value, 64)
		if errA == nil && errB == nil && a == b {
			return sp
		}
	}
	return sp.With(key, value)
}

// printNext writes the next line of a text report: the flags of next as
// a shell takes them, a value quoted when it holds a character the shell
// would read (a schedule's milestones=30;80).
func printNext(w io.Writer, next []string) {
	if len(next) == 0 {
		return
	}
	parts := make([]string, len(next))
	for i, s := range next {
		parts[i] = shellWord(s)
	}
	fmt.Fprintf(w, "  next         %s\n", strings.Join(parts, " "))
}

// shellWord quotes s for a POSIX shell unless it is made of characters
// that a shell reads as they are.
func shellWord(s string) string {
	safe := s != ""
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.,:=+/@%", c)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

package diagnose

import (
	"fmt"
	"strings"

	"github.com/descentgo/descent/minimize"
)

// rateEnd returns the last row z ≥ 1 whose step had a positive rate when
// every row after it had rate 0 and left f where it was at row z: a
// schedule that reached 0 before the budget ran out (PyTorch's
// PolynomialLR keeps lr_t = 0 for t ≥ total_iters, whose default is 5
// steps; LinearLR with end_factor 0 from total_iters on). f must stand
// still, not only the rate: a method whose steps do not scale with the
// rate (Rprop's, sized by its own step sizes; a schedule-free method's
// average, which moves towards its base point) goes on at rate 0. ok is
// false when the rate was positive to the end, or never.
func rateEnd(in Input) (z int, ok bool) {
	lr, F := in.History.LR, in.History.F
	k := len(lr) - 1
	if !in.HasLR || k < 2 || lr[k] != 0 || len(F) != len(lr) {
		return 0, false
	}
	z = k
	for z > 0 && lr[z] == 0 {
		z--
	}
	if z < 1 || !(lr[z] > 0) {
		return 0, false
	}
	for _, f := range F[z+1:] {
		if f != F[z] {
			return 0, false
		}
	}
	return z, true
}

// scheduleEnded diagnoses a run whose rate reached 0 at row z, before its
// budget ran out, and whose f stood still after (rateEnd): the run is the
// run of rows 0…z, stopped by its schedule, not by the budget. The rules
// apply to that run, and their raise of the budget becomes a stretch of
// the schedule over the whole run: more units at a rate of 0 change
// nothing. Without this a PolynomialLR over 200 of a run's 300 steps
// ended "too slow: raise the epochs" with no rate, the last rate being 0,
// and f's flat tail read "stalled".
func scheduleEnded(in Input, z int) Diagnosis {
	k := len(in.History.F) - 1
	cut := in
	cut.History = in.History.Head(z + 1)
	if len(cut.ValLoss) > z+1 {
		cut.ValLoss = cut.ValLoss[:z+1]
	}
	if in.Status == minimize.ConvergedF || in.Status == minimize.NoProgress {
		// f stopped changing because the steps had length 0.
		cut.Status = minimize.MaxIters
		if in.Unit == minimize.Epochs {
			cut.Status = minimize.MaxEpochs
		}
	}
	cut.Terms.Budget = "the schedule's length"
	d := diagnoseRun(cut)
	per := max(in.StepsPerUnit, 1)
	w := wordsOf(in)
	units := w.units
	if k-z == 1 {
		units = w.unit
	}
	prefix := fmt.Sprintf("the schedule's rate reached 0 after %s %d of %d: the last %d %s took steps of length 0", w.unit, z, k, k-z, units)
	d.Advice = strings.ReplaceAll(d.Advice, "the budget ran out", "the schedule's rate ran out")
	var acts []Action
	for _, a := range d.Actions {
		if a.Kind != RaiseBudget {
			acts = append(acts, a)
		}
	}
	d.Actions = acts
	if d.Verdict == Converged || d.Verdict == Unbounded {
		// The run was done before its rate was: the flat tail cost
		// only time.
		d.Advice = prefix + ", after the run had got where it was going; " + d.Advice
		return d
	}
	d.Actions = append(d.Actions, Action{Kind: StretchSchedule, Steps: k * per})
	d.Advice = fmt.Sprintf("%s; %s; make the schedule last the run's %d steps", prefix, d.Advice, k*per)
	return d
}

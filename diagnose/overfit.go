package diagnose

import (
	"fmt"
	"math"
)

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

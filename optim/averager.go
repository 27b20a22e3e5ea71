package optim

// Averager is implemented by optimizers whose point to report, evaluate and
// predict with is an average of the iterates, not the vector they step:
// ASGD (the Polyak–Ruppert average x̄, torch's state "ax") and the
// schedule-free methods (the evaluation point x, Defazio et al. 2024).
// Averaged stores that point in dst and returns it, or returns nil before
// the first step (the point is then the caller's start). A nil dst is
// allocated; otherwise len(dst) must be the n given to Init.
//
// Engines use it through AveragedPoint: minimize reports f at it, train
// evaluates and saves it.
type Averager interface {
	Averaged(dst []float64) []float64
}

// AveragedPoint returns a's averaged point in dst (see Averager), looking
// through clipping wrappers, or nil when a does not average or has not
// stepped yet.
func AveragedPoint(a Algorithm, dst []float64) []float64 {
	av, ok := Unwrap(a).(Averager)
	if !ok {
		return nil
	}
	return av.Averaged(dst)
}

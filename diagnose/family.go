package diagnose

import "github.com/descentgo/descent/optim"

// FamilyOf classifies an optimizer for advice: Method for methods that
// choose their own steps (line searches, and the learning-rate-free
// methods, optim.EffectiveStepper, whose lr only scales the step they
// find), Adaptive for per-coordinate methods
// (optim.PerCoordinate, and optim.StepSizer: Rprop sizes each
// coordinate's step itself) and the methods whose step's size is set by lr
// alone (optim.Normalized: the sign methods and Muon), Momentum for heavy-ball and Nesterov rules with a
// positive coefficient, Plain otherwise.
func FamilyOf(a optim.Algorithm) Family {
	switch _, hasLR := optim.StepLR(a); {
	case optim.IsMethod(a) || !hasLR || isLRFree(a):
		return Method
	case isAdaptive(a):
		return Adaptive
	case optim.MomentumOf(a) > 0:
		return Momentum
	}
	return Plain
}

func isLRFree(a optim.Algorithm) bool {
	_, ok := optim.Unwrap(a).(optim.EffectiveStepper)
	return ok
}

func isAdaptive(a optim.Algorithm) bool {
	_, ok := optim.Unwrap(a).(optim.PerCoordinate)
	_, sized := optim.Unwrap(a).(optim.StepSizer)
	return ok || sized || optim.IsNormalized(a)
}

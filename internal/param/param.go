// Package param holds the convention for float hyperparameters whose zero
// value means a non-zero default, shared by the optimizers (package optim)
// and the learning-rate schedules (package schedule).
//
// The convention: a positive zero field (the zero value) means "the
// default"; negative zero, Zero, asks for a literal 0. Arithmetic with
// negative zero is exactly arithmetic with 0, so a field holding Zero can be
// used as it is once it has been resolved by OrDefault. A specification
// string that writes key=0 is bound through Explicit, so that it means 0 and
// not the default.
package param

import "math"

// Zero is negative zero: stored in a field whose zero value means a
// non-zero default, it asks for a literal 0.
var Zero = math.Copysign(0, -1)

// OrDefault resolves a field: it returns d if v is the zero value (positive
// zero), else v. Negative zero (Zero) is returned as it is, a literal 0.
func OrDefault(v, d float64) float64 {
	if v == 0 && !math.Signbit(v) {
		return d
	}
	return v
}

// Explicit converts a value that was written out (in a specification) to
// the field convention: 0 becomes Zero, so that it is not read as "the
// default"; any other value is returned unchanged.
func Explicit(v float64) float64 {
	if v == 0 {
		return Zero
	}
	return v
}

// Package fn defines the objective interface that every part of descent
// minimizes: formulas compiled by package expr, the test functions of package
// testfunc, and full-batch model losses all satisfy Func.
//
// The convention follows gonum.org/v1/gonum/optimize: output arguments come
// first (Grad(dst, x)), and implementations must not retain or modify x.
package fn

import "math"

// Func is a differentiable function f: ℝⁿ → ℝ.
type Func interface {
	// Dim returns n, the number of variables.
	Dim() int
	// Value returns f(x). len(x) must be Dim().
	Value(x []float64) float64
	// ValueGrad stores ∇f(x) in grad and returns f(x). len(grad) and len(x)
	// must be Dim(). Implementations must not allocate.
	ValueGrad(grad, x []float64) float64
}

// Norm2 returns the Euclidean norm ‖v‖₂, accumulated in index order so the
// result is reproducible bit for bit.
func Norm2(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// Dist returns the Euclidean distance ‖a − b‖₂, accumulated in index
// order. It panics if the lengths differ.
func Dist(a, b []float64) float64 {
	if len(a) != len(b) {
		panic("fn: Dist of vectors of different lengths")
	}
	var s float64
	for i, x := range a {
		d := x - b[i]
		s += d * d
	}
	return math.Sqrt(s)
}

// Dot returns Σ a[i]·b[i] in index order. It panics if the lengths differ.
func Dot(a, b []float64) float64 {
	if len(a) != len(b) {
		panic("fn: length mismatch")
	}
	var s float64
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// AllFinite reports whether every element of v is finite.
func AllFinite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// Negate wraps f as −f, so that a minimizer maximizes f.
type Negate struct{ F Func }

// Dim returns the dimension of the wrapped function.
func (n Negate) Dim() int { return n.F.Dim() }

// Value returns −f(x).
func (n Negate) Value(x []float64) float64 { return -n.F.Value(x) }

// ValueGrad stores −∇f(x) in grad and returns −f(x).
func (n Negate) ValueGrad(grad, x []float64) float64 {
	v := n.F.ValueGrad(grad, x)
	for i := range grad {
		grad[i] = -grad[i]
	}
	return -v
}

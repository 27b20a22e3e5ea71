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
// result is reproducible bit for bit. When the plain sum of squares
// overflows or underflows (‖v‖ beyond about 1e150 or below 1e-150), the
// norm is recomputed scaled by max|vᵢ|, as the reference BLAS dnrm2 does
// (Blue, "A Portable Fortran Program to Find the Euclidean Norm of a
// Vector", ACM TOMS 4(1), 1978), so ‖(1e154)‖ is 1e154, not +Inf.
func Norm2(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	if s > 0x1p-990 && s < 0x1p+990 {
		return math.Sqrt(s)
	}
	return scaledNorm(v, nil)
}

// scaledNorm is ‖a − b‖₂ (‖a‖₂ when b is nil) computed as m·√Σ(eᵢ/m)²
// with eᵢ = aᵢ − bᵢ and m = max|eᵢ|: no intermediate overflows or
// underflows unless the norm itself does.
func scaledNorm(a, b []float64) float64 {
	e := func(i int) float64 {
		if b == nil {
			return a[i]
		}
		return a[i] - b[i]
	}
	var m float64
	for i := range a {
		m = math.Max(m, math.Abs(e(i)))
	}
	if m == 0 || math.IsInf(m, 0) || math.IsNaN(m) {
		return m
	}
	var s float64
	for i := range a {
		r := e(i) / m
		s += r * r
	}
	return m * math.Sqrt(s)
}

// Dist returns the Euclidean distance ‖a − b‖₂, accumulated in index
// order and scaled as Norm2 when the plain sum would overflow or
// underflow. It panics if the lengths differ.
func Dist(a, b []float64) float64 {
	if len(a) != len(b) {
		panic("fn: Dist of vectors of different lengths")
	}
	var s float64
	for i, x := range a {
		d := x - b[i]
		s += d * d
	}
	if s > 0x1p-990 && s < 0x1p+990 {
		return math.Sqrt(s)
	}
	return scaledNorm(a, b)
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

// MaxAbs returns ‖v‖∞ = maxᵢ |vᵢ| (0 for an empty v, NaN when an element
// is NaN).
func MaxAbs(v []float64) float64 {
	var m float64
	for _, x := range v {
		if math.IsNaN(x) {
			return math.NaN()
		}
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// DistInf returns ‖a − b‖∞ = maxᵢ |aᵢ − bᵢ| (NaN when a difference is
// NaN). It panics if the lengths differ.
func DistInf(a, b []float64) float64 {
	if len(a) != len(b) {
		panic("fn: DistInf of vectors of different lengths")
	}
	var m float64
	for i, x := range a {
		d := math.Abs(x - b[i])
		if math.IsNaN(d) {
			return math.NaN()
		}
		m = math.Max(m, d)
	}
	return m
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

// Package expr compiles arithmetic formulas to a flat tape and evaluates
// them, their gradients (reverse mode) and Hessian-vector products
// (forward over reverse) without allocating.
package expr

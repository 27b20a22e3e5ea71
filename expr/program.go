package expr

import (
	"strings"

	"github.com/descentgo/descent/fn"
)

var _ fn.Func = (*Program)(nil)

// Program is a compiled formula. It evaluates the formula, its gradient and
// Hessian-vector products without allocating.
//
// A Program holds scratch buffers, so it is not safe for concurrent use;
// give each goroutine its own copy made with Clone. Programs are made by
// Compile, MustCompile and Clone; the zero value is not usable.
type Program struct {
	root *node
	vars []string
	out  int // slot of the result
	tape     // code and scratch; base is len(vars)
}

// Compile compiles the formula src, described in the package documentation.
//
// If vars is empty, the variables are the identifiers of src other than
// functions and constants, ordered by first appearance. Otherwise vars fixes
// the variables and their order: every variable of src must be listed,
// names must be distinct valid identifiers that are not function or
// constant names, and listed variables that src does not use are allowed
// (their partial derivatives are zero).
//
// Errors are of type *Error.
func Compile(src string, vars []string) (*Program, error) {
	if len(src) > MaxLen {
		return nil, errorAt(0, 0, "formula too long: %d bytes (limit %d)", len(src), MaxLen)
	}
	p := &parser{}
	if len(vars) > 0 {
		idx, err := checkVars(vars)
		if err != nil {
			return nil, err
		}
		p.vars = append([]string(nil), vars...)
		p.varIdx = idx
		p.fixed = true
	} else {
		p.varIdx = make(map[string]int)
	}
	root, err := p.parse(src)
	if err != nil {
		return nil, err
	}
	code, consts := build(root, len(p.vars))
	prog := &Program{
		root: root,
		vars: p.vars,
		out:  len(p.vars) + len(code) - 1,
		tape: tape{code: code, base: len(p.vars)},
	}
	prog.alloc(consts)
	return prog, nil
}

// MustCompile is like Compile but panics if src does not compile. It is
// meant for formulas fixed in the source code.
func MustCompile(src string, vars []string) *Program {
	p, err := Compile(src, vars)
	if err != nil {
		panic(err)
	}
	return p
}

// alloc allocates the scratch buffers and stores the constants.
func (p *Program) alloc(consts []float64) {
	nvar, m := len(p.vars), len(p.code)
	n := nvar + m + len(consts) + 1
	buf := make([]float64, 4*n)
	p.val, p.adj, p.dot, p.adjDot = buf[:n:n], buf[n:2*n:2*n], buf[2*n:3*n:3*n], buf[3*n:]
	copy(p.val[nvar+m:], consts)
	parts := make([]partial, 2*m)
	p.part, p.partDot = parts[:m:m], parts[m:]
}

// Clone returns a copy of p with its own scratch buffers, for use from
// another goroutine. The compiled code is shared, not copied.
func (p *Program) Clone() *Program {
	q := &Program{root: p.root, vars: p.vars, out: p.out, tape: tape{code: p.code, base: p.base}}
	nvar, m := len(p.vars), len(p.code)
	q.alloc(p.val[nvar+m : len(p.val)-1])
	return q
}

// Vars returns the variable names in order: x[i] in Value is Vars()[i].
func (p *Program) Vars() []string { return append([]string(nil), p.vars...) }

// Dim returns the number of variables.
func (p *Program) Dim() int { return len(p.vars) }

// String returns the formula in canonical form: every operation is
// parenthesised, operators are surrounded by single spaces, unary plus is
// dropped and numbers are printed in the shortest form that reads back
// exactly. Compiling the result gives a program that computes the same
// values, unless the added parentheses exceed MaxDepth or MaxLen.
func (p *Program) String() string {
	var b strings.Builder
	p.root.writeTo(&b)
	return b.String()
}

// load copies x into the variable slots.
func (p *Program) load(x []float64) {
	if len(x) != len(p.vars) {
		panic("expr: len(x) != Dim()")
	}
	val := p.val[:len(x)]
	for i, xi := range x {
		val[i] = xi
	}
}

// Value returns the value of the formula at x. len(x) must be Dim().
// Domain errors give NaN or ±Inf, never a panic.
func (p *Program) Value(x []float64) float64 {
	p.load(x)
	forward[valuePass](&p.tape)
	return p.val[p.out]
}

// ValueGrad stores the gradient at x in grad and returns the value, which
// is bit for bit the same as Value(x). len(grad) and len(x) must be Dim().
func (p *Program) ValueGrad(grad, x []float64) float64 {
	if len(grad) != len(p.vars) {
		panic("expr: len(grad) != Dim()")
	}
	p.load(x)
	forward[gradPass](&p.tape)
	// The adjoints of variables and instructions are zero between calls:
	// backward resets each instruction's adjoint as it consumes it.
	backward[gradPass](&p.tape)
	adj := p.adj[:len(grad)]
	for i, g := range adj {
		grad[i] = g
		adj[i] = 0
	}
	return p.val[p.out]
}

// HessVec stores in dst the product H(x)·v of the Hessian of the formula at
// x with the vector v, computed exactly (up to rounding) by forward-mode
// differentiation of the reverse sweep. len(dst), len(x) and len(v) must be
// Dim(). HessVec does not allocate.
func (p *Program) HessVec(dst, x, v []float64) {
	if len(dst) != len(p.vars) || len(v) != len(p.vars) {
		panic("expr: len(dst) or len(v) != Dim()")
	}
	p.load(x)
	dot := p.dot[:len(v)]
	for i, vi := range v {
		dot[i] = vi
	}
	forward[hvpPass](&p.tape)
	backward[hvpPass](&p.tape)
	adj, adjDot := p.adj[:len(dst)], p.adjDot[:len(dst)]
	for i := range dst {
		dst[i] = adjDot[i]
		adj[i], adjDot[i] = 0, 0
	}
}

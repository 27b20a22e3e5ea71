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
	code []instr // shared, read-only after compilation
	out  int     // slot of the result

	// Scratch, laid out as [ variables | instruction results | constants | zero ].
	val, adj    []float64
	part        []partial
	dot, adjDot []float64
	partDot     []partial
}

// partial holds the local partial derivatives of one instruction with
// respect to its operands a and b.
type partial struct{ da, db float64 }

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
		code: code,
		out:  len(p.vars) + len(code) - 1,
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
	q := &Program{root: p.root, vars: p.vars, code: p.code, out: p.out}
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
	forwardValue(p.code, p.val, len(p.vars))
	return p.val[p.out]
}

// ValueGrad stores the gradient at x in grad and returns the value, which
// is bit for bit the same as Value(x). len(grad) and len(x) must be Dim().
func (p *Program) ValueGrad(grad, x []float64) float64 {
	if len(grad) != len(p.vars) {
		panic("expr: len(grad) != Dim()")
	}
	p.load(x)
	base := len(p.vars)
	forwardGrad(p.code, p.val, p.part, base)
	// The adjoints of variables and instructions are zero between calls:
	// backward resets each instruction's adjoint as it consumes it.
	backward(p.code, p.adj, p.part, base)
	adj := p.adj[:len(grad)]
	for i, g := range adj {
		grad[i] = g
		adj[i] = 0
	}
	return p.val[p.out]
}

// backward runs the reverse sweep from the last instruction, whose adjoint
// is 1, accumulating into adj, which must be zero on entry for the
// variables and instructions. It leaves the instruction adjoints zero.
// The adjoint passed to the previous instruction travels in a register.
func backward(code []instr, adj []float64, part []partial, base int) {
	part = part[:len(code)]
	carry := 1.0 // seed for the last instruction
	for k := len(code) - 1; k >= 0; k-- {
		g := adj[base+k] + carry
		adj[base+k] = 0
		carry = 0
		if g == 0 {
			// Skipping keeps 0·Inf (say, a sqrt at 0 in a branch that min
			// did not select) from turning into NaN.
			continue
		}
		in := &code[k]
		ga, gb := g*part[k].da, g*part[k].db
		if in.prev&prevA != 0 {
			carry = ga
		} else {
			adj[in.a] += ga
		}
		if in.prev&prevB != 0 {
			carry += gb
		} else {
			adj[in.b] += gb
		}
	}
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
	base := len(p.vars)
	dot := p.dot[:len(v)]
	for i, vi := range v {
		dot[i] = vi
	}
	forwardDual(p.code, p.val, p.dot, p.part, p.partDot, base)
	backwardDual(p.code, p.adj, p.adjDot, p.part, p.partDot, base)
	adj, adjDot := p.adj[:len(dst)], p.adjDot[:len(dst)]
	for i := range dst {
		dst[i] = adjDot[i]
		adj[i], adjDot[i] = 0, 0
	}
}

// backwardDual is backward on dual numbers: adjDot receives the directional
// derivatives of the adjoints. Like backward, it needs and leaves the
// instruction adjoints zero.
func backwardDual(code []instr, adj, adjDot []float64, part, partDot []partial, base int) {
	part = part[:len(code)]
	partDot = partDot[:len(code)]
	carry, carryDot := 1.0, 0.0
	for k := len(code) - 1; k >= 0; k-- {
		g, gd := adj[base+k]+carry, adjDot[base+k]+carryDot
		adj[base+k], adjDot[base+k] = 0, 0
		carry, carryDot = 0, 0
		if g == 0 && gd == 0 {
			continue
		}
		in := &code[k]
		pk, pd := part[k], partDot[k]
		ga, gb := g*pk.da, g*pk.db
		gad, gbd := gd*pk.da, gd*pk.db
		if g != 0 {
			// Guarded so that a zero adjoint times an infinite second
			// derivative does not give NaN.
			gad += g * pd.da
			gbd += g * pd.db
		}
		if in.prev&prevA != 0 {
			carry, carryDot = ga, gad
		} else {
			adj[in.a] += ga
			adjDot[in.a] += gad
		}
		if in.prev&prevB != 0 {
			carry += gb
			carryDot += gbd
		} else {
			adj[in.b] += gb
			adjDot[in.b] += gbd
		}
	}
}

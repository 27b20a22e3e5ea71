package expr

import (
	"math"
	"strconv"
	"strings"
)

// MaxLen is the longest formula, in bytes, that Compile accepts.
const MaxLen = 100000

// MaxDepth is the deepest nesting that Compile accepts. The formula itself is
// at level 1 and each parenthesis, function call, unary sign and "^" opens
// one more level, so "((x))", "sin(-x)" and "2^2^2" are all 3 levels deep.
const MaxDepth = 200

// funcs lists the built-in functions, the operators in ops marked fn, in
// the order of ops, which is the order used by error messages.
var funcs = func() []opcode {
	var fs []opcode
	for op := range numOps {
		if ops[op].fn {
			fs = append(fs, op)
		}
	}
	return fs
}()

// knownFuncs is the comma-separated list of function names.
var knownFuncs = func() string {
	names := make([]string, len(funcs))
	for i, op := range funcs {
		names[i] = ops[op].name
	}
	return strings.Join(names, ", ")
}()

// lookupFunc returns the built-in function called name.
func lookupFunc(name string) (opcode, bool) {
	for _, op := range funcs {
		if ops[op].name == name {
			return op, true
		}
	}
	return 0, false
}

// constants are the named constants of the language.
var constants = map[string]float64{
	"pi": math.Pi,
	"e":  math.E,
}

// isConstant reports whether name is a named constant.
func isConstant(name string) bool {
	_, ok := constants[name]
	return ok
}

// nodeKind classifies syntax tree nodes.
type nodeKind uint8

const (
	nNum   nodeKind = iota // numeric literal
	nConst                 // named constant
	nVar                   // variable
	nNeg                   // unary minus
	nBin                   // infix operator
	nCall                  // function call
)

// node is a syntax tree node. Operations are printed as ops names them.
type node struct {
	kind nodeKind
	op   opcode  // generic operation for nNeg, nBin and nCall
	num  float64 // value of nNum and nConst
	name string  // constant or variable name
	slot int     // variable index for nVar
	x, y *node   // operands; y is nil for unary operations
}

// parser is a recursive-descent parser with one token of lookahead.
type parser struct {
	lx    lexer
	tok   token // current token
	prev  token // previous token
	depth int

	vars   []string
	varIdx map[string]int
	fixed  bool // vars was given by the caller
}

// advance moves to the next token.
func (p *parser) advance() {
	p.prev = p.tok
	t, err := p.lx.next()
	if err != nil {
		panic(err)
	}
	p.tok = t
}

// fail aborts parsing with an error at token t.
func (p *parser) fail(t token, format string, args ...any) {
	panic(errorAt(t.line, t.col, format, args...))
}

// parse parses a whole formula. Errors are returned, not panicked.
func (p *parser) parse(src string) (n *node, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			n, err = nil, e
		}
	}()
	p.lx = newLexer(src)
	p.advance()
	if p.tok.kind == tokEOF {
		p.fail(p.tok, "empty formula")
	}
	n = p.expr()
	if p.tok.kind != tokEOF {
		if p.tok.is(")") {
			p.fail(p.tok, "unmatched \")\"")
		}
		p.unexpectedAfterOperand()
	}
	return n, nil
}

// unexpectedAfterOperand reports the current token, which follows a
// complete operand but is not an operator.
func (p *parser) unexpectedAfterOperand() {
	if p.tok.startsOperand() {
		p.fail(p.tok, "missing operator before %s", p.tok.describe())
	}
	p.fail(p.tok, "unexpected %s", p.tok.describe())
}

// expr parses Term { ("+" | "-") Term }.
func (p *parser) expr() *node { return p.leftAssoc(p.term, opAdd, opSub) }

// term parses Unary { ("*" | "/") Unary }.
func (p *parser) term() *node { return p.leftAssoc(p.unary, opMul, opDiv) }

// leftAssoc parses operand { (op1 | op2) operand } for the left-associative
// infix operators op1 and op2.
func (p *parser) leftAssoc(operand func() *node, op1, op2 opcode) *node {
	n := operand()
	for {
		var op opcode
		switch {
		case p.tok.is(ops[op1].sym):
			op = op1
		case p.tok.is(ops[op2].sym):
			op = op2
		default:
			return n
		}
		p.advance()
		n = &node{kind: nBin, op: op, x: n, y: operand()}
	}
}

// unary parses ("-" | "+") Unary | Power. Every level of nesting passes
// through here, so this is where the depth limit is enforced.
func (p *parser) unary() *node {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(p.tok, "formula nested too deeply (limit %d levels)", MaxDepth)
	}
	defer func() { p.depth-- }()
	switch {
	case p.tok.is(ops[opNeg].sym):
		p.advance()
		return &node{kind: nNeg, op: opNeg, x: p.unary()}
	case p.tok.is("+"):
		p.advance()
		return p.unary()
	}
	return p.power()
}

// power parses Primary [ "^" Unary ].
func (p *parser) power() *node {
	n := p.primary()
	if p.tok.is(ops[opPow].sym) {
		p.advance()
		n = &node{kind: nBin, op: opPow, x: n, y: p.unary()}
	}
	return n
}

// primary parses a number, constant, variable, call or parenthesised
// expression.
func (p *parser) primary() *node {
	t := p.tok
	switch t.kind {
	case tokEOF:
		p.fail(t, "unexpected end of input")
	case tokNum:
		p.advance()
		return &node{kind: nNum, num: t.num}
	case tokIdent:
		p.advance()
		return p.identifier(t)
	case tokPunct:
		if t.is("(") {
			p.advance()
			n := p.expr()
			p.closeParen(t)
			return n
		}
		if t.is(")") && p.prev.is("(") {
			p.fail(t, "empty parentheses")
		}
		if t.is("*") && p.prev.is("*") {
			p.fail(t, "unexpected \"*\" (use ^ for powers)")
		}
	}
	p.fail(t, "unexpected %s", t.describe())
	return nil
}

// closeParen consumes the ")" matching the "(" at open.
func (p *parser) closeParen(open token) {
	switch {
	case p.tok.is(")"):
		p.advance()
	case p.tok.kind == tokEOF:
		p.fail(p.tok, "missing \")\" to match \"(\" at %d:%d", open.line, open.col)
	default:
		p.unexpectedAfterOperand()
	}
}

// identifier parses what follows the identifier t.
func (p *parser) identifier(t token) *node {
	name := t.text
	call := p.tok.is("(")
	_, isVar := p.varIdx[name]
	if v, ok := constants[name]; ok && !(p.fixed && isVar) {
		if call {
			p.fail(t, "constant %q cannot be called as a function", name)
		}
		return &node{kind: nConst, num: v, name: name}
	}
	if f, ok := lookupFunc(name); ok {
		if !call {
			p.fail(p.tok, "missing \"(\" after function name %q", name)
		}
		return p.call(t, f)
	}
	if call {
		if _, ok := p.varIdx[name]; ok {
			p.fail(t, "variable %q cannot be called as a function", name)
		}
		p.fail(t, "unknown function %q (known: %s)", name, knownFuncs)
	}
	i, ok := p.varIdx[name]
	if !ok {
		if p.fixed {
			p.fail(t, "unknown variable %q (vars: %s)", name, strings.Join(p.vars, ", "))
		}
		i = len(p.vars)
		p.vars = append(p.vars, name)
		p.varIdx[name] = i
	}
	return &node{kind: nVar, name: name, slot: i}
}

// call parses the argument list of a call to the function op named by
// token t.
func (p *parser) call(t token, op opcode) *node {
	open := p.tok
	p.advance() // "("
	var args []*node
	if !p.tok.is(")") {
		for {
			args = append(args, p.expr())
			if !p.tok.is(",") {
				break
			}
			p.advance()
		}
	}
	p.closeParen(open)
	f := ops[op]
	if len(args) != f.arity {
		plural := "s"
		if f.arity == 1 {
			plural = ""
		}
		p.fail(t, "%s takes %d argument%s, got %d", f.name, f.arity, plural, len(args))
	}
	n := &node{kind: nCall, op: op, x: args[0]}
	if f.arity == 2 {
		n.y = args[1]
	}
	return n
}

// isIdent reports whether s is a valid identifier.
func isIdent(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isLetter(s[i]) && !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// checkVars validates a caller-supplied variable list.
func checkVars(vars []string) (map[string]int, error) {
	idx := make(map[string]int, len(vars))
	for i, v := range vars {
		switch {
		case !isIdent(v):
			return nil, errorAt(0, 0, "invalid variable name %q in vars", v)
		}
		if _, ok := lookupFunc(v); ok {
			return nil, errorAt(0, 0, "invalid variable name %q in vars: %s is a function", v, v)
		}
		if _, dup := idx[v]; dup {
			return nil, errorAt(0, 0, "duplicate variable %q in vars", v)
		}
		idx[v] = i
	}
	return idx, nil
}

// writeTo appends the canonical fully-parenthesised form of n to b.
func (n *node) writeTo(b *strings.Builder) {
	switch n.kind {
	case nNum:
		b.WriteString(strconv.FormatFloat(n.num, 'g', -1, 64))
	case nConst, nVar:
		b.WriteString(n.name)
	case nNeg:
		b.WriteByte('(')
		b.WriteString(ops[n.op].sym)
		n.x.writeTo(b)
		b.WriteByte(')')
	case nBin:
		b.WriteByte('(')
		n.x.writeTo(b)
		b.WriteByte(' ')
		b.WriteString(ops[n.op].sym)
		b.WriteByte(' ')
		n.y.writeTo(b)
		b.WriteByte(')')
	case nCall:
		b.WriteString(ops[n.op].name)
		b.WriteByte('(')
		n.x.writeTo(b)
		if n.y != nil {
			b.WriteString(", ")
			n.y.writeTo(b)
		}
		b.WriteByte(')')
	}
}

package expr

import "math"

// opcode is a tape instruction. Ops whose names end in C take an inline
// constant c; the others read their operands from value slots a and b.
type opcode uint8

const (
	opConst    opcode = iota // c
	opCopy                   // a
	opNeg                    // -a
	opAddC                   // a + c (also a - (-c))
	opRSubC                  // c - a
	opMulC                   // a * c
	opDivC                   // a / c
	opRDivC                  // c / a
	opSquare                 // a*a
	opCube                   // a*a*a
	opPowInt                 // a^n, integer n = c, |n| <= maxPowInt, by repeated squaring
	opPowC                   // math.Pow(a, c)
	opRPowC                  // math.Pow(c, a)
	opSin                    // sin(a)
	opCos                    // cos(a)
	opTan                    // tan(a)
	opExp                    // exp(a)
	opLog                    // log(a)
	opSqrt                   // sqrt(a)
	opAbs                    // |a|
	opTanh                   // tanh(a)
	opSigmoid                // 1/(1+exp(-a))
	opSoftplus               // log(1+exp(a))
	opSinh                   // sinh(a)
	opCosh                   // cosh(a)
	opAsin                   // asin(a)
	opAcos                   // acos(a)
	opAtan                   // atan(a)
	opSqAddC                 // (a + c)², fused from addC and square
	opSqRSubC                // (c - a)², fused from rsubC and square
	opAdd                    // a + b
	opSub                    // a - b
	opMul                    // a * b
	opDiv                    // a / b
	opPow                    // math.Pow(a, b)
	opMin                    // min(a, b), ties to a
	opMax                    // max(a, b), ties to a
	opAtan2                  // atan2(a, b)
	opSqAdd                  // (a + b)², fused from add and square
	opSqSub                  // (a - b)², fused from sub and square
	opAddMulC                // a + c*b, fused from mulC and add or sub
	numOps
)

// opInfo describes an operator to the parser, the printer and the
// compiler. What it computes is its case in forward.
type opInfo struct {
	name  string // function name if fn, else the name of the instruction
	sym   string // operator symbol in formulas: prefix if arity 1, else infix
	arity int    // operands read: none, a, or a and b
	fn    bool   // a built-in function, called as name(args)
}

// ops is the table of operators. Functions are listed to users in this
// order.
var ops = [numOps]opInfo{
	opConst:    {name: "const"},
	opCopy:     {name: "copy", arity: 1},
	opNeg:      {name: "neg", sym: "-", arity: 1},
	opAddC:     {name: "addC", arity: 1},
	opRSubC:    {name: "rsubC", arity: 1},
	opMulC:     {name: "mulC", arity: 1},
	opDivC:     {name: "divC", arity: 1},
	opRDivC:    {name: "rdivC", arity: 1},
	opSquare:   {name: "square", arity: 1},
	opCube:     {name: "cube", arity: 1},
	opPowInt:   {name: "powInt", arity: 1},
	opPowC:     {name: "powC", arity: 1},
	opRPowC:    {name: "rpowC", arity: 1},
	opSin:      {name: "sin", arity: 1, fn: true},
	opCos:      {name: "cos", arity: 1, fn: true},
	opTan:      {name: "tan", arity: 1, fn: true},
	opExp:      {name: "exp", arity: 1, fn: true},
	opLog:      {name: "log", arity: 1, fn: true},
	opSqrt:     {name: "sqrt", arity: 1, fn: true},
	opAbs:      {name: "abs", arity: 1, fn: true},
	opTanh:     {name: "tanh", arity: 1, fn: true},
	opSigmoid:  {name: "sigmoid", arity: 1, fn: true},
	opSoftplus: {name: "softplus", arity: 1, fn: true},
	opSinh:     {name: "sinh", arity: 1, fn: true},
	opCosh:     {name: "cosh", arity: 1, fn: true},
	opAsin:     {name: "asin", arity: 1, fn: true},
	opAcos:     {name: "acos", arity: 1, fn: true},
	opAtan:     {name: "atan", arity: 1, fn: true},
	opSqAddC:   {name: "sqAddC", arity: 1},
	opSqRSubC:  {name: "sqRSubC", arity: 1},
	opAdd:      {name: "add", sym: "+", arity: 2},
	opSub:      {name: "sub", sym: "-", arity: 2},
	opMul:      {name: "mul", sym: "*", arity: 2},
	opDiv:      {name: "div", sym: "/", arity: 2},
	opPow:      {name: "pow", sym: "^", arity: 2, fn: true},
	opMin:      {name: "min", arity: 2, fn: true},
	opMax:      {name: "max", arity: 2, fn: true},
	opAtan2:    {name: "atan2", arity: 2, fn: true},
	opSqAdd:    {name: "sqAdd", arity: 2},
	opSqSub:    {name: "sqSub", arity: 2},
	opAddMulC:  {name: "addMulC", arity: 2},
}

// String returns the operator's name in the table.
func (op opcode) String() string { return ops[op].name }

// isBinary reports whether op reads both slots a and b.
func (op opcode) isBinary() bool { return ops[op].arity == 2 }

// Passes over the tape. forward and backward are generic in the pass, so
// the compiler makes one copy of each per pass, from which the work that
// the pass does not need is compiled out: a pass is an array type whose
// length, a constant in each copy, is the order of the derivatives it
// computes.
type (
	valuePass [0]float64 // values: Value and constant folding
	gradPass  [1]float64 // values and partial derivatives: ValueGrad
	hvpPass   [2]float64 // also the tangents of both: HessVec
)

// pass is the set of passes.
type pass interface{ valuePass | gradPass | hvpPass }

// forward runs the tape, storing instruction k's result in t.val[t.base+k].
// In gradPass and hvpPass it also stores the partial derivatives of
// instruction k with respect to its operands in t.part[k]; in hvpPass,
// t.val holds dual numbers whose tangents are in t.dot, and t.partDot[k]
// receives the tangents of t.part[k], the second-order partials times the
// operand tangents.
//
// The switch is the other half of the table ops: each opcode's case
// computes the result r from its operands a and b (and c), the partials
// da and db, and their tangents dda and ddb from the operand tangents ad
// and bd. Arithmetic that a pass does not use is dropped by the compiler;
// calls it does not need must be guarded by grad or hvp. Every pass
// computes r alike, so all passes give bit-for-bit the same values.
func forward[P pass](t *tape) {
	var ps P
	grad, hvp := len(ps) >= 1, len(ps) >= 2
	code, v := t.code, t.val
	res := v[t.base : t.base+len(code)] // the instructions' results
	var dot, resDot []float64
	var part, partDot []partial
	if grad {
		part = t.part[:len(code)]
	}
	if hvp {
		dot, partDot = t.dot, t.partDot[:len(code)]
		resDot = dot[t.base : t.base+len(code)]
	}
	var r, rd float64 // result of the previous instruction and its tangent
	for k := range code {
		in := &code[k]
		a, ad := r, rd
		if in.prev&prevA == 0 {
			a = v[in.a]
			if hvp {
				ad = dot[in.a]
			}
		}
		var b, bd, da, db, dda, ddb float64
		switch in.op {
		case opConst:
			r = in.c
		case opCopy:
			r, da = a, 1
		case opNeg:
			r, da = -a, -1
		case opAddC:
			r, da = a+in.c, 1
		case opRSubC:
			r, da = in.c-a, -1
		case opMulC:
			r, da = a*in.c, in.c
		case opDivC:
			r, da = a/in.c, 1/in.c
		case opRDivC:
			r = in.c / a
			da = -r / a
			dda = -2 * da / a * ad
		case opSquare:
			r, da, dda = a*a, 2*a, 2*ad
		case opCube:
			r, da, dda = a*a*a, 3*(a*a), 6*a*ad
		case opPowInt:
			n := int(in.c)
			r = powi(a, n)
			if grad {
				da = in.c * powi(a, n-1)
			}
			if hvp {
				dda = in.c * (in.c - 1) * powi(a, n-2) * ad
			}
		case opPowC:
			r = math.Pow(a, in.c)
			if grad {
				da = in.c * math.Pow(a, in.c-1)
			}
			if hvp {
				dda = in.c * (in.c - 1) * math.Pow(a, in.c-2) * ad
			}
		case opRPowC:
			r = math.Pow(in.c, a)
			if grad {
				l := logBase(in.c)
				da = r * l
				dda = da * l * ad
			}
		case opSin:
			r = math.Sin(a)
			if grad {
				da, dda = math.Cos(a), -r*ad
			}
		case opCos:
			r = math.Cos(a)
			if grad {
				da, dda = -math.Sin(a), -r*ad
			}
		case opTan:
			r = math.Tan(a)
			da = 1 + r*r
			dda = 2 * r * da * ad
		case opExp:
			r = math.Exp(a)
			da, dda = r, r*ad
		case opLog:
			r, da = math.Log(a), 1/a
			dda = -da * da * ad
		case opSqrt:
			r = math.Sqrt(a)
			da = 0.5 / r
			dda = -0.25 / (r * r * r) * ad
		case opAbs:
			r = math.Abs(a)
			if grad {
				da = sign(a)
			}
		case opTanh:
			r = math.Tanh(a)
			if grad {
				da = tanhPrime(a, r)
				dda = -2 * r * da * ad
			}
		case opSigmoid:
			r = sigmoid(a)
			if grad {
				da = sigmoidPrime(a)
				dda = da * (1 - 2*r) * ad
			}
		case opSoftplus:
			r = softplus(a)
			if grad {
				da = sigmoid(a)
			}
			if hvp {
				dda = sigmoidPrime(a) * ad
			}
		case opSinh:
			r = math.Sinh(a)
			if grad {
				da, dda = math.Cosh(a), r*ad
			}
		case opCosh:
			r = math.Cosh(a)
			if grad {
				da, dda = math.Sinh(a), r*ad
			}
		case opAsin, opAcos:
			// d/da asin(a) = 1/√(1−a²) = −d/da acos(a); the second
			// derivative is a/(1−a²)^(3/2), negated for acos.
			if in.op == opAsin {
				r = math.Asin(a)
			} else {
				r = math.Acos(a)
			}
			if grad {
				q := 1 - a*a
				da = 1 / math.Sqrt(q)
				dda = a * da / q * ad
				if in.op == opAcos {
					da, dda = -da, -dda
				}
			}
		case opAtan:
			// d/da atan(a) = 1/(1+a²), and its derivative −2a/(1+a²)².
			r = math.Atan(a)
			if grad {
				da = 1 / (1 + a*a)
				dda = -2 * a * da * da * ad
			}
		case opSqAddC:
			d := a + in.c
			r, da, dda = d*d, 2*d, 2*ad
		case opSqRSubC:
			d := in.c - a
			r, da, dda = d*d, -2*d, 2*ad
		case opSqAdd:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			d := a + b
			r, da, db = d*d, 2*d, 2*d
			dda = 2 * (ad + bd)
			ddb = dda
		case opSqSub:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			d := a - b
			r, da, db = d*d, 2*d, -2*d
			dda = 2 * (ad - bd)
			ddb = -dda
		case opAddMulC:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			r, da, db = a+float64(in.c*b), 1, in.c
		case opAdd:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			r, da, db = a+b, 1, 1
		case opSub:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			r, da, db = a-b, 1, -1
		case opMul:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			r, da, db = a*b, b, a
			dda, ddb = bd, ad
		case opDiv:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			r = a / b
			da, db = 1/b, -r/b
			dda = -bd / (b * b)
			ddb = (2*r*bd - ad) / (b * b)
		case opPow:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			r = math.Pow(a, b)
			if grad {
				l := logBase(a)
				pm1 := math.Pow(a, b-1)
				if b != 0 {
					da = b * pm1
					if hvp {
						dda = b * (b - 1) * math.Pow(a, b-2) * ad
					}
				}
				db = r * l
				if hvp {
					dda += pm1 * (1 + b*l) * bd
					if a != 0 {
						ddb = (da*ad+db*bd)*l + r*ad/a
					}
				}
			}
		case opMin:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			if a <= b || a != a {
				r, da = a, 1
			} else {
				r, db = b, 1
			}
		case opMax:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			if a >= b || a != a {
				r, da = a, 1
			} else {
				r, db = b, 1
			}
		case opAtan2:
			b, bd = operandB(in, v, dot, r, rd, hvp)
			r = math.Atan2(a, b)
			q := a*a + b*b
			da, db = b/q, -a/q
			qd := 2 * (a*ad + b*bd)
			dda = (bd*q - b*qd) / (q * q)
			ddb = -(ad*q - a*qd) / (q * q)
		}
		res[k] = r
		if grad {
			part[k] = partial{da, db}
		}
		if hvp {
			rd = da*ad + db*bd
			resDot[k] = rd
			partDot[k] = partial{dda, ddb}
		}
	}
}

// operandB returns operand b of in and, if hvp, its tangent, given the
// previous result r and its tangent rd.
func operandB(in *instr, v, dot []float64, r, rd float64, hvp bool) (b, bd float64) {
	if in.prev&prevB != 0 {
		return r, rd
	}
	if hvp {
		return v[in.b], dot[in.b]
	}
	return v[in.b], 0
}

// maxPowInt is the largest |n| for which a^n with constant integer n is
// computed by repeated multiplication.
const maxPowInt = 64

// powi returns x^n by binary exponentiation. powi(x, 2) == x*x and
// powi(x, 3) == x*x*x exactly; negative n gives 1/x^|n|.
func powi(x float64, n int) float64 {
	if n < 0 {
		return 1 / powi(x, -n)
	}
	r := 1.0
	for n > 0 {
		if n&1 != 0 {
			r *= x
		}
		n >>= 1
		if n > 0 {
			x *= x
		}
	}
	return r
}

// sigmoid returns 1/(1+exp(-x)) without overflow for any x.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// sigmoidPrime returns σ'(x) = σ(x)(1-σ(x)) = e/(1+e)² with e = exp(-|x|),
// which keeps full relative accuracy in both tails.
func sigmoidPrime(x float64) float64 {
	e := math.Exp(-math.Abs(x))
	d := 1 + e
	return e / (d * d)
}

// softplus returns log(1+exp(x)) = max(x,0) + log1p(exp(-|x|)), which
// neither overflows for large x nor loses accuracy for very negative x.
func softplus(x float64) float64 {
	return max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}

// tanhPrime returns 1 - tanh(x)², given t = tanh(x). Where |t| is near 1 the
// subtraction would cancel, so 1/cosh(x)² is used instead.
func tanhPrime(x, t float64) float64 {
	if math.Abs(t) < 0.5 {
		return 1 - t*t
	}
	c := math.Cosh(x)
	return 1 / (c * c)
}

// logBase returns log(a) for the exponent derivative of a^b: a > 0 gives
// the logarithm, a == 0 gives 0 (0^b is constant 0 for b > 0), and a < 0
// gives NaN, because a^b is then not differentiable in b.
func logBase(a float64) float64 {
	switch {
	case a > 0:
		return math.Log(a)
	case a == 0:
		return 0
	}
	return math.NaN()
}

// sign returns the derivative of |x|: -1, 0 or 1 (0 at 0 and for NaN).
func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

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

// maxPowInt is the largest |n| for which a^n with constant integer n is
// computed by repeated multiplication.
const maxPowInt = 64

// isBinary reports whether op reads both slots a and b.
func (op opcode) isBinary() bool { return op >= opAdd }

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

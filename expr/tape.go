package expr

import "math"

// The three interpreters below must compute bit-for-bit identical values;
// the tests check that they do.

// operandB returns operand b of in, given the previous result r.
func operandB(in *instr, v []float64, r float64) float64 {
	if in.prev&prevB != 0 {
		return r
	}
	return v[in.b]
}

// forwardValue runs the tape, storing instruction k's result in v[base+k].
func forwardValue(code []instr, v []float64, base int) {
	var r float64 // result of the previous instruction
	for k := range code {
		in := &code[k]
		var a float64
		if in.prev&prevA != 0 {
			a = r
		} else {
			a = v[in.a]
		}
		switch in.op {
		case opConst:
			r = in.c
		case opCopy:
			r = a
		case opNeg:
			r = -a
		case opAddC:
			r = a + in.c
		case opRSubC:
			r = in.c - a
		case opMulC:
			r = a * in.c
		case opDivC:
			r = a / in.c
		case opRDivC:
			r = in.c / a
		case opSquare:
			r = a * a
		case opCube:
			r = a * a * a
		case opPowInt:
			r = powi(a, int(in.c))
		case opPowC:
			r = math.Pow(a, in.c)
		case opRPowC:
			r = math.Pow(in.c, a)
		case opSin:
			r = math.Sin(a)
		case opCos:
			r = math.Cos(a)
		case opTan:
			r = math.Tan(a)
		case opExp:
			r = math.Exp(a)
		case opLog:
			r = math.Log(a)
		case opSqrt:
			r = math.Sqrt(a)
		case opAbs:
			r = math.Abs(a)
		case opTanh:
			r = math.Tanh(a)
		case opSigmoid:
			r = sigmoid(a)
		case opSoftplus:
			r = softplus(a)
		case opSqAddC:
			d := a + in.c
			r = d * d
		case opSqRSubC:
			d := in.c - a
			r = d * d
		case opSqAdd:
			d := a + operandB(in, v, r)
			r = d * d
		case opSqSub:
			d := a - operandB(in, v, r)
			r = d * d
		case opAddMulC:
			r = a + float64(in.c*operandB(in, v, r))
		case opAdd:
			r = a + operandB(in, v, r)
		case opSub:
			r = a - operandB(in, v, r)
		case opMul:
			r = a * operandB(in, v, r)
		case opDiv:
			r = a / operandB(in, v, r)
		case opPow:
			r = math.Pow(a, operandB(in, v, r))
		case opMin:
			if b := operandB(in, v, r); a <= b || a != a {
				r = a
			} else {
				r = b
			}
		case opMax:
			if b := operandB(in, v, r); a >= b || a != a {
				r = a
			} else {
				r = b
			}
		case opAtan2:
			r = math.Atan2(a, operandB(in, v, r))
		}
		v[base+k] = r
	}
}

// forwardGrad runs the tape like forwardValue and also stores each
// instruction's partial derivatives in part[k].
func forwardGrad(code []instr, v []float64, part []partial, base int) {
	part = part[:len(code)]
	var r float64 // result of the previous instruction
	for k := range code {
		in := &code[k]
		var a float64
		if in.prev&prevA != 0 {
			a = r
		} else {
			a = v[in.a]
		}
		var da, db float64
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
		case opSquare:
			r, da = a*a, 2*a
		case opCube:
			r, da = a*a*a, 3*(a*a)
		case opPowInt:
			n := int(in.c)
			r, da = powi(a, n), in.c*powi(a, n-1)
		case opPowC:
			r, da = math.Pow(a, in.c), in.c*math.Pow(a, in.c-1)
		case opRPowC:
			r = math.Pow(in.c, a)
			da = r * logBase(in.c)
		case opSin:
			r, da = math.Sin(a), math.Cos(a)
		case opCos:
			r, da = math.Cos(a), -math.Sin(a)
		case opTan:
			r = math.Tan(a)
			da = 1 + r*r
		case opExp:
			r = math.Exp(a)
			da = r
		case opLog:
			r, da = math.Log(a), 1/a
		case opSqrt:
			r = math.Sqrt(a)
			da = 0.5 / r
		case opAbs:
			r, da = math.Abs(a), sign(a)
		case opTanh:
			r = math.Tanh(a)
			da = tanhPrime(a, r)
		case opSigmoid:
			r, da = sigmoid(a), sigmoidPrime(a)
		case opSoftplus:
			r, da = softplus(a), sigmoid(a)
		case opSqAddC:
			d := a + in.c
			r, da = d*d, 2*d
		case opSqRSubC:
			d := in.c - a
			r, da = d*d, -2*d
		case opSqAdd:
			d := a + operandB(in, v, r)
			r, da, db = d*d, 2*d, 2*d
		case opSqSub:
			d := a - operandB(in, v, r)
			r, da, db = d*d, 2*d, -2*d
		case opAddMulC:
			r, da, db = a+float64(in.c*operandB(in, v, r)), 1, in.c
		case opAdd:
			r, da, db = a+operandB(in, v, r), 1, 1
		case opSub:
			r, da, db = a-operandB(in, v, r), 1, -1
		case opMul:
			b := operandB(in, v, r)
			r, da, db = a*b, b, a
		case opDiv:
			b := operandB(in, v, r)
			r = a / b
			da, db = 1/b, -r/b
		case opPow:
			b := operandB(in, v, r)
			r = math.Pow(a, b)
			if b != 0 {
				da = b * math.Pow(a, b-1)
			}
			db = r * logBase(a)
		case opMin:
			if b := operandB(in, v, r); a <= b || a != a {
				r, da = a, 1
			} else {
				r, db = b, 1
			}
		case opMax:
			if b := operandB(in, v, r); a >= b || a != a {
				r, da = a, 1
			} else {
				r, db = b, 1
			}
		case opAtan2:
			b := operandB(in, v, r)
			r = math.Atan2(a, b)
			q := a*a + b*b
			da, db = b/q, -a/q
		}
		v[base+k] = r
		part[k] = partial{da, db}
	}
}

// forwardDual runs the tape on dual numbers: v holds values and dot their
// directional derivatives; part[k] receives the partial derivatives of
// instruction k and partDot[k] their directional derivatives.
func forwardDual(code []instr, v, dot []float64, part, partDot []partial, base int) {
	part = part[:len(code)]
	partDot = partDot[:len(code)]
	for k := range code {
		in := &code[k]
		a, ad := v[in.a], dot[in.a]
		b, bd := v[in.b], dot[in.b] // the zero slot for unary ops
		var r, da, db, dda, ddb float64
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
			r, da = powi(a, n), in.c*powi(a, n-1)
			dda = in.c * (in.c - 1) * powi(a, n-2) * ad
		case opPowC:
			r, da = math.Pow(a, in.c), in.c*math.Pow(a, in.c-1)
			dda = in.c * (in.c - 1) * math.Pow(a, in.c-2) * ad
		case opRPowC:
			r = math.Pow(in.c, a)
			l := logBase(in.c)
			da = r * l
			dda = da * l * ad
		case opSin:
			r, da = math.Sin(a), math.Cos(a)
			dda = -r * ad
		case opCos:
			r, da = math.Cos(a), -math.Sin(a)
			dda = -r * ad
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
			r, da = math.Abs(a), sign(a)
		case opTanh:
			r = math.Tanh(a)
			da = tanhPrime(a, r)
			dda = -2 * r * da * ad
		case opSigmoid:
			r, da = sigmoid(a), sigmoidPrime(a)
			dda = da * (1 - 2*r) * ad
		case opSoftplus:
			r, da = softplus(a), sigmoid(a)
			dda = sigmoidPrime(a) * ad
		case opSqAddC:
			d := a + in.c
			r, da, dda = d*d, 2*d, 2*ad
		case opSqRSubC:
			d := in.c - a
			r, da, dda = d*d, -2*d, 2*ad
		case opSqAdd:
			d := a + b
			r, da, db = d*d, 2*d, 2*d
			dda = 2 * (ad + bd)
			ddb = dda
		case opSqSub:
			d := a - b
			r, da, db = d*d, 2*d, -2*d
			dda = 2 * (ad - bd)
			ddb = -dda
		case opAddMulC:
			r, da, db = a+float64(in.c*b), 1, in.c
		case opAdd:
			r, da, db = a+b, 1, 1
		case opSub:
			r, da, db = a-b, 1, -1
		case opMul:
			r, da, db = a*b, b, a
			dda, ddb = bd, ad
		case opDiv:
			r = a / b
			da, db = 1/b, -r/b
			dda = -bd / (b * b)
			ddb = (2*r*bd - ad) / (b * b)
		case opPow:
			r = math.Pow(a, b)
			l := logBase(a)
			pm1 := math.Pow(a, b-1)
			if b != 0 {
				da = b * pm1
				dda = b * (b - 1) * math.Pow(a, b-2) * ad
			}
			db = r * l
			dda += pm1 * (1 + b*l) * bd
			if a != 0 {
				rd := da*ad + db*bd
				ddb = rd*l + r*ad/a
			}
		case opMin:
			if a <= b || a != a {
				r, da = a, 1
			} else {
				r, db = b, 1
			}
		case opMax:
			if a >= b || a != a {
				r, da = a, 1
			} else {
				r, db = b, 1
			}
		case opAtan2:
			r = math.Atan2(a, b)
			q := a*a + b*b
			da, db = b/q, -a/q
			qd := 2 * (a*ad + b*bd)
			dda = (bd*q - b*qd) / (q * q)
			ddb = -(ad*q - a*qd) / (q * q)
		}
		v[base+k] = r
		dot[base+k] = da*ad + db*bd
		part[k] = partial{da, db}
		partDot[k] = partial{dda, ddb}
	}
}

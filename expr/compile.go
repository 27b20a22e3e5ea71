package expr

import (
	"math"
)

// instr is one tape instruction. Its result goes to the value slot
// nvar+k, where k is the instruction's index on the tape.
type instr struct {
	c    float64 // inline constant
	a, b int32   // operand slots; unused operands point at the zero slot
	op   opcode
	prev uint8 // prevA and prevB flag operands that are the previous result
}

// Flags for instr.prev. The interpreters keep the previous instruction's
// result in a register; reading it from there rather than from memory takes
// the store-to-load latency off the critical path.
const (
	prevA = 1 << iota
	prevB
)

// Operand references used while building, before the final slot layout is
// known: refs >= 0 are variable or instruction slots, refZero is the
// always-zero slot, and refs <= refConst0 name constant j = refConst0-ref.
const (
	refZero   = -1
	refConst0 = -2
)

// operand is the compile-time result of a subexpression: either a known
// constant or a reference to a value slot.
type operand struct {
	isConst bool
	c       float64
	ref     int32
}

func constOperand(c float64) operand { return operand{isConst: true, c: c} }

// cseKey identifies an instruction for common-subexpression elimination.
type cseKey struct {
	op   opcode
	a, b int32
	c    uint64
}

// builder lowers a syntax tree to a tape, folding constant subexpressions
// and sharing repeated ones.
type builder struct {
	nvar     int
	code     []instr
	consts   []float64
	constRef map[uint64]int32
	cse      map[cseKey]int32
	fold     [3]float64 // scratch slots for constant folding
}

// constRefOf returns a reference to a slot holding c.
func (b *builder) constRefOf(c float64) int32 {
	bits := math.Float64bits(c)
	if r, ok := b.constRef[bits]; ok {
		return r
	}
	r := refConst0 - int32(len(b.consts))
	b.consts = append(b.consts, c)
	b.constRef[bits] = r
	return r
}

// refOf returns a slot reference for x.
func (b *builder) refOf(x operand) int32 {
	if x.isConst {
		return b.constRefOf(x.c)
	}
	return x.ref
}

// emit appends the instruction op with operands x (and y for binary ops)
// and inline constant c. If all operands are constant the instruction is
// evaluated now, by the same code that runs the tape, so folding never
// changes a result.
func (b *builder) emit(op opcode, x, y operand, c float64) operand {
	if x.isConst && (!op.isBinary() || y.isConst) {
		b.fold[0], b.fold[1] = x.c, y.c
		in := [1]instr{{op: op, a: 0, b: 1, c: c}}
		t := tape{code: in[:], base: 2, val: b.fold[:]}
		forward[valuePass](&t)
		return constOperand(b.fold[2])
	}
	in := instr{op: op, a: b.refOf(x), b: refZero, c: c}
	if op.isBinary() {
		in.b = b.refOf(y)
		if (op == opAdd || op == opMul) && in.a > in.b {
			in.a, in.b = in.b, in.a // a+b == b+a exactly
		}
	}
	key := cseKey{op: op, a: in.a, b: in.b, c: math.Float64bits(c)}
	if r, ok := b.cse[key]; ok {
		return operand{ref: r}
	}
	r := int32(b.nvar + len(b.code))
	b.code = append(b.code, in)
	b.cse[key] = r
	return operand{ref: r}
}

// unary lowers op(x).
func (b *builder) unary(op opcode, x operand) operand {
	return b.emit(op, x, operand{}, 0)
}

// binary lowers op(x, y), choosing specialised instructions when one
// operand is constant.
func (b *builder) binary(op opcode, x, y operand) operand {
	switch op {
	case opAdd:
		if y.isConst {
			return b.emit(opAddC, x, operand{}, y.c)
		}
		if x.isConst {
			return b.emit(opAddC, y, operand{}, x.c) // c+y == y+c exactly
		}
	case opSub:
		if y.isConst {
			return b.emit(opAddC, x, operand{}, -y.c) // x-c == x+(-c) exactly
		}
		if x.isConst {
			return b.emit(opRSubC, y, operand{}, x.c)
		}
	case opMul:
		if y.isConst {
			return b.emit(opMulC, x, operand{}, y.c)
		}
		if x.isConst {
			return b.emit(opMulC, y, operand{}, x.c)
		}
	case opDiv:
		if y.isConst {
			return b.emit(opDivC, x, operand{}, y.c)
		}
		if x.isConst {
			return b.emit(opRDivC, y, operand{}, x.c)
		}
	case opPow:
		if x.isConst && x.c == math.E {
			return b.emit(opExp, y, operand{}, 0)
		}
		if y.isConst {
			n := y.c
			switch {
			case n == 0:
				return constOperand(1) // math.Pow(x, 0) == 1 for every x
			case n == 1:
				return x // math.Pow(x, 1) == x for every x
			case n == 2:
				return b.emit(opSquare, x, operand{}, 0)
			case n == 3:
				return b.emit(opCube, x, operand{}, 0)
			case n == math.Trunc(n) && math.Abs(n) <= maxPowInt:
				return b.emit(opPowInt, x, operand{}, n)
			}
			return b.emit(opPowC, x, operand{}, n)
		}
		if x.isConst {
			return b.emit(opRPowC, y, operand{}, x.c)
		}
	}
	return b.emit(op, x, y, 0)
}

// lower compiles the subtree n.
func (b *builder) lower(n *node) operand {
	switch n.kind {
	case nNum, nConst:
		return constOperand(n.num)
	case nVar:
		return operand{ref: int32(n.slot)}
	}
	x := b.lower(n.x)
	if n.y == nil {
		return b.unary(n.op, x)
	}
	return b.binary(n.op, x, b.lower(n.y))
}

// build lowers root to a tape whose last instruction yields the result, and
// resolves operand references to the final slot layout
//
//	[ variables | instruction results | constants | zero ].
func build(root *node, nvar int) (code []instr, consts []float64) {
	b := &builder{
		nvar:     nvar,
		constRef: make(map[uint64]int32),
		cse:      make(map[cseKey]int32),
	}
	r := b.lower(root)
	switch {
	case r.isConst:
		b.code = append(b.code, instr{op: opConst, c: r.c, a: refZero, b: refZero})
	case len(b.code) == 0 || int(r.ref) != nvar+len(b.code)-1:
		// The result must be an instruction, the last one, even when the
		// formula is a bare variable (which would otherwise alias the last
		// variable's slot and get no adjoint seed).
		b.code = append(b.code, instr{op: opCopy, a: r.ref, b: refZero})
	}
	b.code = fuse(b.code, nvar)
	m := int32(nvar + len(b.code))
	zero := m + int32(len(b.consts))
	fix := func(ref int32) int32 {
		switch {
		case ref == refZero:
			return zero
		case ref <= refConst0:
			return m + refConst0 - ref
		}
		return ref
	}
	for k := range b.code {
		in := &b.code[k]
		in.a, in.b = fix(in.a), fix(in.b)
		if prev := int32(nvar + k - 1); k > 0 {
			if in.a == prev {
				in.prev |= prevA
			}
			if in.b == prev {
				in.prev |= prevB
			}
		}
	}
	return b.code, b.consts
}

// fuse combines pairs of instructions into the fused instructions
// opSq*, for the square of a sum or difference, and opAddMulC, for a sum
// with a scaled term, where the inner instruction's result has no other
// use. Fused instructions round exactly as the pair did. Operand refs are
// in the builder's encoding; the last instruction remains the result.
func fuse(code []instr, nvar int) []instr {
	uses := make([]int, len(code))
	use := func(ref int32) {
		if ref >= int32(nvar) {
			uses[int(ref)-nvar]++
		}
	}
	for k := range code {
		use(code[k].a)
		if code[k].op.isBinary() {
			use(code[k].b)
		}
	}
	// inner returns the index of the instruction producing ref if its
	// result is used only once, or -1.
	inner := func(ref int32) int {
		if k := int(ref) - nvar; ref >= int32(nvar) && uses[k] == 1 {
			return k
		}
		return -1
	}
	dead := make([]bool, len(code))
	for k := range code {
		in := &code[k]
		switch in.op {
		case opSquare:
			j := inner(in.a)
			if j < 0 {
				break
			}
			switch p := code[j]; p.op {
			case opAdd:
				*in = instr{op: opSqAdd, a: p.a, b: p.b}
			case opSub:
				*in = instr{op: opSqSub, a: p.a, b: p.b}
			case opAddC:
				*in = instr{op: opSqAddC, a: p.a, b: refZero, c: p.c}
			case opRSubC:
				*in = instr{op: opSqRSubC, a: p.a, b: refZero, c: p.c}
			default:
				j = -1
			}
			if j >= 0 {
				dead[j] = true
			}
		case opAdd, opSub:
			// a + c*x, a - c*x == a + (-c)*x, and c*x + a == a + c*x exactly.
			if j := inner(in.b); j >= 0 && code[j].op == opMulC && in.a != in.b {
				c := code[j].c
				if in.op == opSub {
					c = -c
				}
				*in = instr{op: opAddMulC, a: in.a, b: code[j].a, c: c}
				dead[j] = true
			} else if j := inner(in.a); j >= 0 && code[j].op == opMulC && in.op == opAdd && in.a != in.b {
				*in = instr{op: opAddMulC, a: in.b, b: code[j].a, c: code[j].c}
				dead[j] = true
			}
		}
	}
	// Drop the dead instructions and renumber the references to the
	// remaining ones.
	newIdx := make([]int32, len(code))
	out := code[:0]
	for k := range code {
		if dead[k] {
			continue
		}
		newIdx[k] = int32(nvar + len(out))
		out = append(out, code[k])
	}
	for k := range out {
		for _, r := range []*int32{&out[k].a, &out[k].b} {
			if *r >= int32(nvar) {
				*r = newIdx[int(*r)-nvar]
			}
		}
	}
	return out
}

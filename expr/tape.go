package expr

// tape is the compiled code of a formula with the scratch slots that the
// passes over it use, laid out as
//
//	[ variables | instruction results | constants | zero ].
type tape struct {
	code        []instr // shared, read-only after compilation
	base        int     // slot of the first instruction's result
	val, adj    []float64
	part        []partial
	dot, adjDot []float64
	partDot     []partial
}

// partial holds the local partial derivatives of one instruction with
// respect to its operands a and b.
type partial struct{ da, db float64 }

// backward runs the reverse sweep of a gradPass or hvpPass from the last
// instruction, whose adjoint is 1, accumulating into t.adj, which must be
// zero on entry for the variables and instructions; in hvpPass, t.adjDot
// receives the tangents of the adjoints and must be zero alike. It leaves
// the instruction adjoints zero. The adjoint passed to the previous
// instruction travels in a register.
func backward[P pass](t *tape) {
	var ps P
	hvp := len(ps) >= 2
	code, adj, base := t.code, t.adj, t.base
	part := t.part[:len(code)]
	var adjDot []float64
	var partDot []partial
	if hvp {
		adjDot, partDot = t.adjDot, t.partDot[:len(code)]
	}
	carry, carryDot := 1.0, 0.0 // seed for the last instruction
	for k := len(code) - 1; k >= 0; k-- {
		g := adj[base+k] + carry
		adj[base+k] = 0
		carry = 0
		var gd float64
		if hvp {
			gd = adjDot[base+k] + carryDot
			adjDot[base+k] = 0
			carryDot = 0
		}
		if g == 0 && gd == 0 {
			// Skipping keeps 0·Inf (say, a sqrt at 0 in a branch that min
			// did not select) from turning into NaN.
			continue
		}
		in := &code[k]
		pk := part[k]
		ga, gb := g*pk.da, g*pk.db
		var gad, gbd float64
		if hvp {
			gad, gbd = gd*pk.da, gd*pk.db
			if g != 0 {
				// Guarded so that a zero adjoint times an infinite second
				// derivative does not give NaN.
				pd := partDot[k]
				gad += g * pd.da
				gbd += g * pd.db
			}
		}
		if in.prev&prevA != 0 {
			carry, carryDot = ga, gad
		} else {
			adj[in.a] += ga
			if hvp {
				adjDot[in.a] += gad
			}
		}
		if in.prev&prevB != 0 {
			carry += gb
			carryDot += gbd
		} else {
			adj[in.b] += gb
			if hvp {
				adjDot[in.b] += gbd
			}
		}
	}
}

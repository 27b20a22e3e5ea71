package schedule

import "math"

// cos returns cos(x) correctly rounded (up to extremely rare hard cases),
// as glibc's cos, which PyTorch's Python arithmetic uses, almost always is.
// Go's math.Cos can be 1 ulp off, which near cos x = −1 turns into a large
// relative error of 1 + cos x, the quantity the cosine schedules divide by;
// computing cos in double-double arithmetic and rounding once makes the
// schedules match PyTorch bit for bit in almost every step.
//
// x is reduced modulo π/2 with a three-part π/2 (good for |x| < 2^40) and
// cos or sin of the remainder summed as a Taylor series in double-double.
func cos(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1<<40 {
		return math.Cos(x)
	}
	x = math.Abs(x)
	k := math.Round(x / (math.Pi / 2))
	// y = x − k·π/2 in double-double.
	ph, pl := twoProd(k, pio2a)
	yh, yl := ddAdd(x, 0, -ph, -pl)
	ph, pl = twoProd(k, pio2b)
	yh, yl = ddAdd(yh, yl, -ph, -pl)
	yh, yl = ddAdd(yh, yl, -k*pio2c, 0)
	var rh, rl float64
	switch int64(k) & 3 {
	case 0:
		rh, rl = cosDD(yh, yl)
	case 1:
		rh, rl = sinDD(yh, yl)
		rh, rl = -rh, -rl
	case 2:
		rh, rl = cosDD(yh, yl)
		rh, rl = -rh, -rl
	default:
		rh, rl = sinDD(yh, yl)
	}
	return rh + rl
}

// π/2 = pio2a + pio2b + pio2c to about 160 bits.
const (
	pio2a = 1.5707963267948966
	pio2b = 6.123233995736766e-17
	pio2c = -1.4973849048591698e-33
)

// invFact[n] = 1/n! in double-double, n = 0..29.
var invFact [30][2]float64

func init() {
	h, l := 1.0, 0.0
	invFact[0] = [2]float64{1, 0}
	for n := 1; n < len(invFact); n++ {
		h, l = ddDiv(h, l, float64(n))
		invFact[n] = [2]float64{h, l}
	}
}

// cosDD returns cos(y) for |y| ≤ π/4 in double-double.
func cosDD(yh, yl float64) (float64, float64) {
	zh, zl := ddMul(yh, yl, yh, yl) // y²
	// Horner in z = y²: Σ_{n=0}^{14} (−1)^n z^n/(2n)!
	sh, sl := 0.0, 0.0
	for n := 14; n >= 0; n-- {
		ch, cl := invFact[2*n][0], invFact[2*n][1]
		if n&1 == 1 {
			ch, cl = -ch, -cl
		}
		sh, sl = ddMul(sh, sl, zh, zl)
		sh, sl = ddAdd(sh, sl, ch, cl)
	}
	return sh, sl
}

// sinDD returns sin(y) for |y| ≤ π/4 in double-double.
func sinDD(yh, yl float64) (float64, float64) {
	zh, zl := ddMul(yh, yl, yh, yl)
	sh, sl := 0.0, 0.0
	for n := 14; n >= 0; n-- {
		ch, cl := invFact[2*n+1][0], invFact[2*n+1][1]
		if n&1 == 1 {
			ch, cl = -ch, -cl
		}
		sh, sl = ddMul(sh, sl, zh, zl)
		sh, sl = ddAdd(sh, sl, ch, cl)
	}
	return ddMul(sh, sl, yh, yl)
}

func twoSum(a, b float64) (float64, float64) {
	s := a + b
	bb := s - a
	return s, (a - (s - bb)) + (b - bb)
}

func quickTwoSum(a, b float64) (float64, float64) {
	s := a + b
	return s, b - (s - a)
}

func twoProd(a, b float64) (float64, float64) {
	p := a * b
	return p, math.FMA(a, b, -p)
}

func ddAdd(ah, al, bh, bl float64) (float64, float64) {
	s, e := twoSum(ah, bh)
	t, f := twoSum(al, bl)
	e += t
	s, e = quickTwoSum(s, e)
	e += f
	return quickTwoSum(s, e)
}

func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p, e := twoProd(ah, bh)
	e += ah*bl + al*bh
	return quickTwoSum(p, e)
}

// ddDiv returns (ah + al)/b.
func ddDiv(ah, al, b float64) (float64, float64) {
	q1 := ah / b
	ph, pl := twoProd(q1, b)
	rh, rl := ddAdd(ah, al, -ph, -pl)
	q2 := (rh + rl) / b
	return quickTwoSum(q1, q2)
}

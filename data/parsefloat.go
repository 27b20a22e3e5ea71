package data

import (
	"math"
	"math/bits"
	"strconv"
)

// pow10 holds the powers of ten that are exactly representable as float64.
var pow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
	1e20, 1e21, 1e22,
}

// parseFloat returns the float64 nearest to the number in b, with exactly the
// result and the error of strconv.ParseFloat(string(b), 64). It does not
// allocate for inputs that strconv.ParseFloat accepts: the common decimal
// forms take an exact fast path and other inputs are handed to strconv.
func parseFloat(b []byte) (float64, error) {
	if f, n, ok := parseFast(b); ok && n == len(b) {
		return f, nil
	}
	// For short inputs the conversion does not allocate: the string does
	// not escape (strconv copies it into the error it returns).
	return strconv.ParseFloat(string(b), 64)
}

// parseFast parses the longest prefix of s of the form
//
//	[+-] digits [. digits] [(e|E) [+-] digits]
//
// (with at least one digit before or after the point) and returns its value and
// length. It succeeds for numbers of at most 19 significant digits whose
// value is a normal float64 or zero; otherwise ok is false and the caller
// must fall back to strconv. When ok is true, f equals
// strconv.ParseFloat(string(s[:n]), 64) bit for bit.
//
// The value is computed exactly with one float64 multiplication or division
// when the digits form an integer below 2⁵³ and the power of ten is small
// (Clinger's fast path), and otherwise by the Eisel–Lemire algorithm.
func parseFast(s []byte) (f float64, n int, ok bool) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var mant uint64
	nd := 0  // significant digits in mant
	exp := 0 // decimal exponent: value = mant × 10^exp
	start := i
	// Integer part, skipping leading zeros.
	for i < len(s) && s[i] == '0' {
		i++
	}
	for ; i < len(s); i++ {
		d := s[i] - '0'
		if d >= 10 {
			break
		}
		mant = mant*10 + uint64(d)
		nd++
	}
	sawDigit := i > start
	// Fraction.
	if i < len(s) && s[i] == '.' {
		i++
		fstart := i
		if nd == 0 {
			for i < len(s) && s[i] == '0' {
				i++
			}
		}
		for ; i < len(s); i++ {
			d := s[i] - '0'
			if d >= 10 {
				break
			}
			mant = mant*10 + uint64(d)
			nd++
		}
		exp = fstart - i
		sawDigit = sawDigit || i > fstart
	}
	if !sawDigit || nd > 19 {
		return 0, 0, false
	}
	if i < len(s) && s[i]|0x20 == 'e' {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i == len(s) || s[i]-'0' >= 10 {
			return 0, 0, false // "1e" and "1e+" are syntax errors
		}
		e := 0
		for ; i < len(s) && s[i]-'0' < 10; i++ {
			if e < 1e5 {
				e = e*10 + int(s[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if mant == 0 {
		if neg {
			return math.Copysign(0, -1), i, true
		}
		return 0, i, true
	}
	if mant>>53 == 0 {
		f = float64(mant)
		if neg {
			f = -f
		}
		switch {
		case exp == 0:
			return f, i, true
		case exp > 0 && exp <= 15+22:
			// An integer times 10^exp: move some zeros into the
			// integer part while it stays exact (below 10¹⁵ < 2⁵³).
			g := f
			e := exp
			if e > 22 {
				g *= pow10[e-22]
				e = 22
			}
			if g <= 1e15 && g >= -1e15 {
				return g * pow10[e], i, true
			}
		case exp < 0 && exp >= -22:
			return f / pow10[-exp], i, true
		}
	}
	f, ok = eiselLemire(mant, exp, neg)
	return f, i, ok
}

// eiselLemire returns the float64 nearest to mant × 10^exp10 (negated if neg),
// for mant > 0, or ok false when it cannot decide the rounding or the result
// is not a normal float64. It is the algorithm of D. Lemire, "Number parsing
// at a gigabyte per second" (Software: Practice and Experience, 2021), after
// M. Eisel, in the formulation of N. Tao, "The Eisel-Lemire ParseNumberF64
// Algorithm" (2020), also used by strconv.
func eiselLemire(mant uint64, exp10 int, neg bool) (f float64, ok bool) {
	if exp10 < pow10Min || exp10 > pow10Max {
		return 0, false
	}
	pow := &pow10Tab[exp10-pow10Min]
	// Normalize the mantissa so its top bit is set.
	clz := bits.LeadingZeros64(mant)
	mant <<= uint(clz)
	const bias = 1023
	retExp2 := uint64(log2Pow10(exp10)+64+bias) - uint64(clz)

	// 64×128-bit product, using the low word of the power only when the
	// high product leaves the rounding undecided.
	xHi, xLo := bits.Mul64(mant, pow[0])
	if xHi&0x1FF == 0x1FF && xLo+mant < mant {
		yHi, yLo := bits.Mul64(mant, pow[1])
		mergedHi, mergedLo := xHi, xLo+yHi
		if mergedLo < xLo {
			mergedHi++
		}
		if mergedHi&0x1FF == 0x1FF && mergedLo+1 == 0 && yLo+mant < mant {
			return 0, false
		}
		xHi, xLo = mergedHi, mergedLo
	}

	// Keep 54 bits.
	msb := xHi >> 63
	retMant := xHi >> (msb + 9)
	retExp2 -= 1 ^ msb

	// A result exactly halfway between two floats cannot be decided here.
	if xLo == 0 && xHi&0x1FF == 0 && retMant&3 == 1 {
		return 0, false
	}

	// Round to 53 bits, half to even.
	retMant += retMant & 1
	retMant >>= 1
	if retMant>>53 > 0 {
		retMant >>= 1
		retExp2++
	}
	// Subnormal (retExp2 ≤ 0, wrapped around) or infinite results are left
	// to strconv.
	if retExp2-1 >= 0x7FF-1 {
		return 0, false
	}
	b := retExp2<<52 | retMant&(1<<52-1)
	if neg {
		b |= 1 << 63
	}
	return math.Float64frombits(b), true
}

// log2Pow10 returns ⌊e·log₂10⌋ for −348 ≤ e ≤ 347.
func log2Pow10(e int) int {
	// log₂10 ≈ 217706 / 2¹⁶, close enough in this range (see the tests).
	return (e * 217706) >> 16
}

package data

import (
	"math"
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
// length. It succeeds only when the value can be computed exactly with one
// float64 multiplication or division (Clinger's fast path): at most 19
// significant digits forming an integer below 2⁵³, scaled by a small power of
// ten. Otherwise ok is false and the caller must fall back to strconv. When
// ok is true, f equals strconv.ParseFloat(string(s[:n]), 64).
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
	sawDigit, sawDot := false, false
	for ; i < len(s); i++ {
		c := s[i]
		if d := c - '0'; d < 10 {
			sawDigit = true
			if sawDot {
				exp--
			}
			if d == 0 && nd == 0 {
				continue // leading zero
			}
			if nd == 19 {
				return 0, 0, false
			}
			mant = mant*10 + uint64(d)
			nd++
			continue
		}
		if c == '.' && !sawDot {
			sawDot = true
			continue
		}
		break
	}
	if !sawDigit {
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
	if mant>>53 != 0 {
		return 0, 0, false
	}
	f = float64(mant)
	if neg {
		f = -f
	}
	switch {
	case exp == 0:
		return f, i, true
	case exp > 0 && exp <= 15+22:
		// An integer times 10^exp: move some zeros into the integer part
		// while it stays exact (below 10¹⁵ < 2⁵³).
		if exp > 22 {
			f *= pow10[exp-22]
			exp = 22
		}
		if f > 1e15 || f < -1e15 {
			return 0, 0, false
		}
		return f * pow10[exp], i, true
	case exp < 0 && exp >= -22:
		return f / pow10[-exp], i, true
	}
	return 0, 0, false
}

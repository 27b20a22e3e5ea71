package data

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// checkParseFloat compares parseFloat with strconv.ParseFloat, the reference.
func checkParseFloat(t *testing.T, s string) {
	t.Helper()
	got, gerr := parseFloat([]byte(s))
	want, werr := strconv.ParseFloat(s, 64)
	if (gerr == nil) != (werr == nil) {
		t.Fatalf("parseFloat(%q): error %v, strconv error %v", s, gerr, werr)
	}
	if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
		t.Fatalf("parseFloat(%q) = %v (%#x), strconv gives %v (%#x)", s, got, math.Float64bits(got), want, math.Float64bits(want))
	}
}

func TestParseFloatCases(t *testing.T) {
	for _, s := range []string{
		"", "+", "-", ".", "e", "e1", ".e1", "1e", "1e+", "1e-", "1.5e+x", "0", "-0", "+0", "0.0", "-0.0e-999",
		"1", "-1", "1.", ".5", "-.5", "00012", "0.000", "1e0", "1E5", "1e-5", "1e22", "1e23", "1e-22", "1e-23",
		"9007199254740992", "9007199254740993", "9007199254740991", "1234567890123456789", "12345678901234567890",
		"0.1", "0.2", "0.3", "0.30000000000000004", "5e-324", "2e-324", "4.9e-324", "1.7976931348623157e308",
		"1.7976931348623159e308", "1e309", "-1e309", "1e-400", "123456789012345e22", "123456789012345e23",
		"1_000", "1__0", "_1", "0x1p-2", "0x10", "inf", "-Inf", "+infinity", "nan", "NaN", "-nan",
		"1.5 ", " 1.5", "1,5", "1.2.3", "--1", "+-1", "1e1e1", "999999999999999999999e-21",
		"0000000000000000000000000000001", "1.00000000000000000000000000", "7e-10", "3.14159",
		"2.2250738585072011e-308", "2.2250738585072012e-308", "1e" + strings.Repeat("0", 30) + "1",
	} {
		checkParseFloat(t, s)
	}
}

// randomDecimal returns a random decimal number string: various lengths,
// point positions, leading and trailing zeros, signs and exponents.
func randomDecimal(rng *rand.Rand) string {
	var b []byte
	switch rng.IntN(3) {
	case 0:
		b = append(b, '-')
	case 1:
		if rng.IntN(4) == 0 {
			b = append(b, '+')
		}
	}
	nd := 1 + rng.IntN(22)
	if rng.IntN(2) == 0 {
		nd = 1 + rng.IntN(8) // short numbers are common in data files
	}
	dot := -1
	if rng.IntN(3) > 0 {
		dot = rng.IntN(nd + 1)
	}
	for i := 0; i < nd; i++ {
		if i == dot {
			b = append(b, '.')
		}
		c := byte('0' + rng.IntN(10))
		if rng.IntN(8) == 0 {
			c = '0'
		}
		b = append(b, c)
	}
	if dot == nd {
		b = append(b, '.')
	}
	if rng.IntN(3) == 0 {
		b = append(b, "eE"[rng.IntN(2)])
		if r := rng.IntN(3); r == 0 {
			b = append(b, '-')
		} else if r == 1 {
			b = append(b, '+')
		}
		var e int
		switch rng.IntN(3) {
		case 0:
			e = rng.IntN(25)
		case 1:
			e = rng.IntN(40)
		default:
			e = rng.IntN(400)
		}
		b = strconv.AppendInt(b, int64(e), 10)
	}
	return string(b)
}

// randomFormatted returns a random float64 formatted as strconv does.
func randomFormatted(rng *rand.Rand) string {
	var f float64
	switch rng.IntN(3) {
	case 0:
		f = math.Float64frombits(rng.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			f = 1
		}
	case 1:
		f = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(20)-10))
	default:
		f = float64(rng.IntN(1e6)) / math.Pow(10, float64(rng.IntN(8)))
	}
	prec := rng.IntN(20) - 1
	switch rng.IntN(3) {
	case 0:
		return strconv.FormatFloat(f, 'g', prec, 64)
	case 1:
		return strconv.FormatFloat(f, 'e', prec, 64)
	default:
		if math.Abs(f) > 1e30 || math.Abs(f) < 1e-30 {
			return strconv.FormatFloat(f, 'g', prec, 64)
		}
		return strconv.FormatFloat(f, 'f', prec, 64)
	}
}

// TestParseFloatRandom compares parseFloat with strconv.ParseFloat on
// millions of random inputs.
func TestParseFloatRandom(t *testing.T) {
	n := 3_000_000
	if testing.Short() || raceEnabled {
		n = 100_000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for i := 0; i < n; i++ {
		var s string
		if i%2 == 0 {
			s = randomDecimal(rng)
		} else {
			s = randomFormatted(rng)
		}
		checkParseFloat(t, s)
		if _, m, ok := parseFast([]byte(s)); ok && m == len(s) {
			fast++
		}
	}
	// The fast path must carry most of this mix, or it is pointless.
	if frac := float64(fast) / float64(n); frac < 0.5 {
		t.Errorf("fast path taken for %.2f of the inputs, want at least half", frac)
	}
}

// TestParseFastPrefix checks that parseFast stops where the number ends and
// that the prefix it parsed has the value strconv gives it.
func TestParseFastPrefix(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	suffixes := []string{",", " ", "\t", ",x", "x", "e", "e+", ".", "_1", ":3", "#"}
	for i := 0; i < 200_000; i++ {
		num := randomDecimal(rng)
		s := num + suffixes[rng.IntN(len(suffixes))]
		f, n, ok := parseFast([]byte(s))
		if !ok {
			continue
		}
		want, err := strconv.ParseFloat(s[:n], 64)
		if err != nil || math.Float64bits(f) != math.Float64bits(want) {
			t.Fatalf("parseFast(%q) = %v, %d: strconv.ParseFloat(%q) = %v, %v", s, f, n, s[:n], want, err)
		}
	}
}

func TestParseFloatAllocs(t *testing.T) {
	inputs := [][]byte{[]byte("5.1"), []byte("0.30000000000000004"), []byte("1e300"), []byte("-123456789.123456789e-5")}
	for _, in := range inputs {
		if a := testing.AllocsPerRun(100, func() { parseFloat(in) }); a != 0 {
			t.Errorf("parseFloat(%q): %v allocations, want 0", in, a)
		}
	}
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"0", "-0", "1.5", "1e22", "1e23", "0.30000000000000004", "9007199254740993", "1_0", "0x1p3", "inf", "nan", ".e1", "1e+", "5e-324"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkParseFloat(t, string(b))
		if v, n, ok := parseFast(b); ok {
			want, err := strconv.ParseFloat(string(b[:n]), 64)
			if err != nil || math.Float64bits(v) != math.Float64bits(want) {
				t.Fatalf("parseFast(%q) = %v, %d: strconv.ParseFloat(%q) = %v, %v", b, v, n, b[:n], want, err)
			}
		}
	})
}

// TestParseFloatNearHalfway checks decimal numbers of 15 to 19 digits next to
// the points halfway between adjacent float64 values, where rounding is
// hardest to decide.
func TestParseFloatNearHalfway(t *testing.T) {
	n := 300_000
	if testing.Short() || raceEnabled {
		n = 5_000
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < n; i++ {
		x := math.Float64frombits(rng.Uint64() &^ (1 << 63))
		if math.IsNaN(x) || math.IsInf(x, 0) || x == math.MaxFloat64 {
			continue
		}
		next := math.Nextafter(x, math.Inf(1))
		mid := new(big.Float).SetPrec(2000).SetFloat64(x)
		mid.Add(mid, new(big.Float).SetFloat64(next))
		mid.Quo(mid, big.NewFloat(2))
		s := mid.Text('e', 14+rng.IntN(5))
		checkParseFloat(t, s)
		checkParseFloat(t, "-"+s)
	}
}

// TestPow10Tab checks the generated table and log2Pow10 against exact
// arithmetic: entry e must be ⌊10^e · 2^(127−k)⌋ with k = ⌊log₂ 10^e⌋.
func TestPow10Tab(t *testing.T) {
	ten := big.NewInt(10)
	for e := pow10Min; e <= pow10Max; e++ {
		num, den := big.NewInt(1), big.NewInt(1)
		if e >= 0 {
			num.Exp(ten, big.NewInt(int64(e)), nil)
		} else {
			den.Exp(ten, big.NewInt(int64(-e)), nil)
		}
		// k = ⌊log₂(num/den)⌋ = bitlen(⌊num/den · 2^s⌋) − 1 − s for a
		// large shift s.
		const s = 2000
		q := new(big.Int).Quo(new(big.Int).Lsh(num, s), den)
		k := q.BitLen() - 1 - s
		if got := log2Pow10(e); got != k {
			t.Errorf("log2Pow10(%d) = %d, want %d", e, got, k)
		}
		want := new(big.Int).Rsh(q, uint(s+k-127))
		got := new(big.Int).Lsh(new(big.Int).SetUint64(pow10Tab[e-pow10Min][0]), 64)
		got.Or(got, new(big.Int).SetUint64(pow10Tab[e-pow10Min][1]))
		if got.Cmp(want) != 0 {
			t.Errorf("pow10Tab entry for 1e%d = %#x, want %#x", e, got, want)
		}
	}
}

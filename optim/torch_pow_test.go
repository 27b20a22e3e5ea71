package optim

import (
	"math"
	"math/big"
	"testing"
)

// exactPow returns bᵗ correctly rounded: the product of t factors b carried
// in 2000-bit floats (error below t·2⁻²⁰⁰⁰) and rounded once.
func torchExactPow(b float64, t int) float64 {
	p := new(big.Float).SetPrec(2000).SetFloat64(1)
	bb := new(big.Float).SetPrec(2000).SetFloat64(b)
	for range t {
		p.Mul(p, bb)
	}
	f, _ := p.Float64()
	return f
}

func TestTorchPowSeqCorrectlyRounded(t *testing.T) {
	bad := 0
	for _, b := range []float64{0.9, 0.999, 0.3, 0.5, 0.99, 0.9999, 0.123456789, 1 - 0x1p-30, 0} {
		var p powSeq
		p.reset(b)
		want := new(big.Float).SetPrec(2000).SetFloat64(1)
		bb := new(big.Float).SetPrec(2000).SetFloat64(b)
		for k := 1; k <= 3000; k++ {
			got := p.next()
			want.Mul(want, bb)
			w, _ := want.Float64()
			if w < 0x1p-960 {
				w = 0 // flushed by design
			}
			if got != w {
				bad++
				if bad < 10 {
					t.Errorf("%v^%d = %v, want %v", b, k, got, w)
				}
			}
		}
	}
	// math.Pow is not correctly rounded; this is why powSeq exists.
	if math.Pow(0.9, 4) == torchExactPow(0.9, 4) {
		t.Log("math.Pow(0.9, 4) is correctly rounded here")
	}
}

func TestTorchPowSeqSeek(t *testing.T) {
	for _, b := range []float64{0.9, 0.999, 0.5} {
		var a, s powSeq
		a.reset(b)
		s.reset(b)
		for k := 1; k <= 8000; k++ {
			a.next()
			if k%997 == 0 || k == 8000 {
				s.seek(k)
				if s != a {
					t.Fatalf("%v: seek(%d) = %+v, want %+v", b, k, s, a)
				}
			}
		}
	}
}

// TestTorchPow096 checks NAdam's 0.96^(k·ψ) against values computed with 60
// significant digits by gen_optim.py.
func TestTorchPow096(t *testing.T) {
	f := loadTorch(t)
	if len(f.Pow096) == 0 {
		t.Fatal("no pow096 reference values")
	}
	glibcOff := 0
	var p pow096
	for _, r := range f.Pow096 {
		psi, k, want, glibc := r[0], int(r[1]), r[2], r[3]
		if p.psi != psi || p.k > k {
			p.reset(psi)
		}
		for p.k < k {
			p.next()
		}
		if p.cur != want && !(want < 0x1p-960 && p.cur == 0) {
			t.Errorf("0.96^(%d·%v) = %v, want %v", k, psi, p.cur, want)
		}
		if glibc != want {
			glibcOff++
		}
	}
	t.Logf("%d values; glibc's pow is off by one ulp in %d of them", len(f.Pow096), glibcOff)
}

func TestTorchPow096Seek(t *testing.T) {
	for _, psi := range []float64{0.004, 0.5, 100} {
		var a, s pow096
		a.reset(psi)
		s.reset(psi)
		for step := 1; step <= 3000; step++ {
			a.next()
			if step%499 == 0 {
				s.seek(step)
				if s != a {
					t.Fatalf("ψ=%v: seek(%d) = %+v, want %+v", psi, step, s, a)
				}
			}
		}
	}
}

func TestTorchExpDD(t *testing.T) {
	// e^(j·ln 2) = 2^j to about double-double accuracy, with j·ln 2 formed in
	// double-double (j·ln2hi alone is not exact).
	for j := -1000; j <= 0; j += 7 {
		zh, zl := twoProd(float64(j), ln2hi)
		zh, zl = fastTwoSum(zh, zl+float64(j)*ln2lo)
		h, l := expDD(zh, zl)
		// ln2hi+ln2lo is itself good to about 2⁻¹⁰⁷, an error times |j| in z.
		if h != math.Ldexp(1, j) || math.Abs(l) > math.Ldexp(1, j-94) {
			t.Errorf("e^(%d ln2) = %v + %v, want 2^%d", j, h, l, j)
		}
	}
	// e^z for small z against the Taylor series in 2000-bit floats.
	for _, z := range []float64{-1.6e-4, -4.1e-4, -0.02, -0.3, -1, -5.5} {
		sum := new(big.Float).SetPrec(2000).SetFloat64(1)
		term := new(big.Float).SetPrec(2000).SetFloat64(1)
		bz := new(big.Float).SetPrec(2000).SetFloat64(z)
		for i := 1; i < 200; i++ {
			term.Mul(term, bz)
			term.Quo(term, new(big.Float).SetPrec(2000).SetInt64(int64(i)))
			sum.Add(sum, term)
		}
		h, l := expDD(z, 0)
		got := new(big.Float).SetPrec(2000).SetFloat64(h)
		got.Add(got, new(big.Float).SetPrec(2000).SetFloat64(l))
		got.Sub(got, sum)
		got.Quo(got, sum)
		if r, _ := got.Float64(); math.Abs(r) > 0x1p-98 {
			t.Errorf("expDD(%v) relative error %g", z, r)
		}
	}
}

// TestPowSeqSeekFar: seeking a step far beyond what can be replayed (a
// corrupt checkpoint's 4e18) is immediate and gives bᵗ (closed form: 0
// after underflow; 0.9999999^(2³⁰) = e^(2³⁰·ln 0.9999999) ≈ 2.17e-47).
func TestPowSeqSeekFar(t *testing.T) {
	var p powSeq
	p.reset(0.999)
	p.seek(4e18)
	if p.hi != 0 || p.t != 4e18 {
		t.Errorf("seek(4e18) of 0.999: hi %g, t %d; want 0", p.hi, p.t)
	}
	p.reset(0.9999999)
	p.seek(1 << 30)
	// The reference: exp(t·ln b) with ln b from its series,
	// ln(1−u) = −u − u²/2 − u³/3 (u ≈ 1e-7; the next term is 2.5e-29).
	b := 0.9999999
	u := 1 - b // exact (Sterbenz); the float64 b is not 1 − 1e-7
	want := math.Exp(-float64(1<<30) * (u + u*u/2 + u*u*u/3))
	if math.Abs(p.hi-want) > 1e-12*want {
		t.Errorf("seek(2^30) of 0.9999999: %g, want %g", p.hi, want)
	}
}

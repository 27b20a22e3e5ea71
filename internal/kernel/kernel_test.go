package kernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

func randVec(r *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	return v
}

// close reports whether got matches want within a relative tolerance scaled
// by the magnitude of the summed terms (scale), as rounding allows.
func closeTo(got, want, scale float64) bool {
	return math.Abs(got-want) <= 1e-13*(scale+1)
}

// withImpl runs f once with the portable kernels and, where available, once
// with the assembly ones.
func withImpl(t *testing.T, f func(t *testing.T)) {
	saved := useAsm
	defer func() { useAsm = saved }()
	useAsm = false
	t.Run("generic", f)
	if saved {
		useAsm = true
		t.Run("asm", f)
	}
}

// sizes covers empty input, every tail length of the 16-, 8- and 4-wide
// loops, and larger random lengths.
func sizes(r *rand.Rand) []int {
	s := []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 784}
	for i := 0; i < 20; i++ {
		s = append(s, r.IntN(300))
	}
	return s
}

func TestDotAxpy(t *testing.T) {
	withImpl(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		for _, n := range sizes(r) {
			x, y := randVec(r, n), randVec(r, n+3)
			var want, scale float64
			for i := range x {
				want += x[i] * y[i]
				scale += math.Abs(x[i] * y[i])
			}
			if got := Dot(x, y); !closeTo(got, want, scale) {
				t.Errorf("n=%d: Dot = %v, want %v", n, got, want)
			}
			a := r.NormFloat64()
			z := append([]float64(nil), y...)
			Axpy(a, x, z)
			for i := range z {
				w, scale := y[i], math.Abs(y[i])
				if i < n {
					w = math.FMA(a, x[i], y[i])
					scale += math.Abs(a * x[i])
				}
				if !closeTo(z[i], w, scale) {
					t.Fatalf("n=%d: Axpy[%d] = %v, want %v", n, i, z[i], w)
				}
			}
		}
	})
}

func TestDot4Axpy4(t *testing.T) {
	withImpl(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		for _, n := range sizes(r) {
			v := randVec(r, n)
			var rows [4][]float64
			for k := range rows {
				rows[k] = randVec(r, n+k)
			}
			d0, d1, d2, d3 := Dot4(v, rows[0], rows[1], rows[2], rows[3])
			got := [4]float64{d0, d1, d2, d3}
			for k := range rows {
				var want, scale float64
				for i := range v {
					want += v[i] * rows[k][i]
					scale += math.Abs(v[i] * rows[k][i])
				}
				if !closeTo(got[k], want, scale) {
					t.Errorf("n=%d: Dot4[%d] = %v, want %v", n, k, got[k], want)
				}
			}
			a := [4]float64{r.NormFloat64(), r.NormFloat64(), r.NormFloat64(), r.NormFloat64()}
			g := randVec(r, n)
			g0 := append([]float64(nil), g...)
			Axpy4(g, &a, rows[0], rows[1], rows[2], rows[3])
			for i := range g {
				want, scale := g0[i], math.Abs(g0[i])
				for k := range rows {
					want += a[k] * rows[k][i]
					scale += math.Abs(a[k] * rows[k][i])
				}
				if !closeTo(g[i], want, scale) {
					t.Fatalf("n=%d: Axpy4[%d] = %v, want %v", n, i, g[i], want)
				}
			}
		}
	})
}

// TestGemm checks C += A·B against a plain triple loop for every transpose
// layout and for sizes that leave tails in every blocking dimension.
func TestGemm(t *testing.T) {
	withImpl(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(5, 6))
		shapes := [][3]int{{1, 1, 1}, {6, 8, 1}, {5, 7, 3}, {13, 17, 9}, {128, 10, 256}, {73, 81, 257}, {150, 40, 520}, {12, 4100, 3}}
		for i := 0; i < 10; i++ {
			shapes = append(shapes, [3]int{1 + r.IntN(100), 1 + r.IntN(100), 1 + r.IntN(300)})
		}
		var g Gemm
		for _, s := range shapes {
			m, n, k := s[0], s[1], s[2]
			for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
				a, b := randVec(r, m*k), randVec(r, k*n)
				ars, acs, brs, bcs := k, 1, n, 1
				if tr[0] {
					ars, acs = 1, m
				}
				if tr[1] {
					brs, bcs = 1, k
				}
				ldc := n + r.IntN(3)
				c := randVec(r, m*ldc)
				c0 := append([]float64(nil), c...)
				g.MulAdd(m, n, k, a, ars, acs, b, brs, bcs, c, ldc)
				for i := 0; i < m; i++ {
					for j := 0; j < ldc; j++ {
						want, scale := c0[i*ldc+j], math.Abs(c0[i*ldc+j])
						if j < n {
							for p := 0; p < k; p++ {
								x := a[i*ars+p*acs] * b[p*brs+j*bcs]
								want += x
								scale += math.Abs(x)
							}
						}
						if !closeTo(c[i*ldc+j], want, scale) {
							t.Fatalf("m,n,k=%d,%d,%d trans=%v: C(%d,%d) = %v, want %v", m, n, k, tr, i, j, c[i*ldc+j], want)
						}
					}
				}
			}
		}
	})
}

// TestAsmMatchesGeneric compares the two implementations on the same inputs
// directly, so that a broken assembly path cannot hide behind a loose
// reference tolerance.
func TestAsmMatchesGeneric(t *testing.T) {
	if !useAsm {
		t.Skip("no assembly kernels on this machine")
	}
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range sizes(r) {
		x, y := randVec(r, n), randVec(r, n)
		var scale float64
		for i := range x {
			scale += math.Abs(x[i] * y[i])
		}
		useAsm = true
		a := Dot(x, y)
		useAsm = false
		b := Dot(x, y)
		useAsm = true
		if !closeTo(a, b, scale) {
			t.Errorf("n=%d: asm Dot %v, generic %v", n, a, b)
		}
	}
	for _, k := range []int{1, 2, 3, 17, 256} {
		ap, bp := randVec(r, MR*k), randVec(r, NR*k)
		c1 := randVec(r, MR*11)
		c2 := append([]float64(nil), c1...)
		kernelAsm(k, &ap[0], &bp[0], &c1[0], 11)
		kernelGeneric(k, ap, bp, c2, 11)
		for i := range c1 {
			if !closeTo(c1[i], c2[i], float64(k)*10) {
				t.Fatalf("k=%d: micro-kernel C[%d] asm %v, generic %v", k, i, c1[i], c2[i])
			}
		}
	}
}

func TestGemmAllocs(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	a, b, c := randVec(r, 128*784), randVec(r, 784*256), make([]float64, 128*256)
	var g Gemm
	g.MulAdd(128, 256, 784, a, 784, 1, b, 1, 784, c, 256)
	if n := testing.AllocsPerRun(5, func() { g.MulAdd(128, 256, 784, a, 784, 1, b, 1, 784, c, 256) }); n != 0 {
		t.Errorf("MulAdd allocates %v times per call", n)
	}
}

// TestGemmThreads checks that splitting a product over goroutines gives the
// same bits as computing it on one.
func TestGemmThreads(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, s := range [][3]int{{128, 256, 784}, {256, 784, 128}, {100, 333, 100}, {7, 1000, 300}} {
		m, n, k := s[0], s[1], s[2]
		a, b := randVec(r, m*k), randVec(r, k*n)
		c0 := randVec(r, m*n)
		var ref []float64
		for _, threads := range []int{1, 2, 3, 8} {
			g := Gemm{Threads: threads}
			c := append([]float64(nil), c0...)
			g.MulAdd(m, n, k, a, 1, m, b, n, 1, c, n)
			if ref == nil {
				ref = c
				continue
			}
			for i := range c {
				if math.Float64bits(c[i]) != math.Float64bits(ref[i]) {
					t.Fatalf("%v threads=%d: C[%d] = %v, one thread %v", s, threads, i, c[i], ref[i])
				}
			}
			if a := testing.AllocsPerRun(3, func() { g.MulAdd(m, n, k, a, 1, m, b, n, 1, c, n) }); a != 0 {
				t.Errorf("%v threads=%d: %v allocations per call", s, threads, a)
			}
		}
	}
}

// TestPrefetch checks that Prefetch accepts any length, including the
// empty slice and lengths that end mid cache line, and changes nothing.
func TestPrefetch(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	for n := 0; n <= len(x); n++ {
		Prefetch(x[:n])
		Prefetch(x[n:])
	}
	for i, v := range x {
		if v != float64(i+1) {
			t.Fatalf("x[%d] = %v after Prefetch", i, v)
		}
	}
}

// TestMulAddPacked checks that products with a pre-packed B have the same
// bits as MulAdd, for both layouts of B and sizes with tails.
func TestMulAddPacked(t *testing.T) {
	withImpl(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(13, 14))
		var g Gemm
		var pb PackedB
		for _, s := range [][3]int{{1, 1, 1}, {64, 256, 784}, {13, 10, 300}, {100, 4100, 20}, {7, 33, 513}} {
			m, n, k := s[0], s[1], s[2]
			for _, trans := range []bool{false, true} {
				a, b := randVec(r, m*k), randVec(r, k*n)
				brs, bcs := n, 1
				if trans {
					brs, bcs = 1, k
				}
				c1 := randVec(r, m*n)
				c2 := append([]float64(nil), c1...)
				g.MulAdd(m, n, k, a, k, 1, b, brs, bcs, c1, n)
				pb.Pack(k, n, b, brs, bcs)
				g.MulAddPacked(m, a, k, 1, &pb, c2, n)
				for i := range c1 {
					if math.Float64bits(c1[i]) != math.Float64bits(c2[i]) {
						t.Fatalf("%v trans=%v: C[%d] packed %v, MulAdd %v", s, trans, i, c2[i], c1[i])
					}
				}
			}
		}
	})
}

// TestPackBTranspose checks the assembly transpose of eight column
// streams against the portable loop, element for element.
func TestPackBTranspose(t *testing.T) {
	if !useAsm {
		t.Skip("no assembly kernels on this machine")
	}
	r := rand.New(rand.NewPCG(15, 16))
	for _, kb := range []int{1, 3, 4, 5, 8, 13, 196, 256} {
		k, n := kb+2, 21
		b := randVec(r, k*n) // B(p,j) = b[p + j*k]: brs = 1, bcs = k
		dst1 := make([]float64, roundUp(n, NR)*kb)
		dst2 := make([]float64, len(dst1))
		packB(dst1, b, 1, k, 1, 0, kb, n)
		useAsm = false
		packB(dst2, b, 1, k, 1, 0, kb, n)
		useAsm = true
		for i := range dst1 {
			if dst1[i] != dst2[i] {
				t.Fatalf("kb=%d: panel[%d] = %v, portable %v", kb, i, dst1[i], dst2[i])
			}
		}
	}
}

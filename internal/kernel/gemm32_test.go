package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func randVec32(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(r.NormFloat64())
	}
	return v
}

// check32 compares C after Gemm32 with the float64 sum over the same
// float32 inputs. The tolerance is the rounding-error bound of a float32
// sum of k+1 terms (Higham, "Accuracy and Stability of Numerical
// Algorithms", 2nd ed., §3.1: |ŝ − s| ≤ γ_{k+1}·Σ|terms|, γ_j ≈ j·2⁻²⁴),
// plus one rounding of the result.
func check32(t *testing.T, what string, m, n, k int, a []float32, ars, acs int, b []float32, brs, bcs int, c0, c []float32, ldc int) {
	t.Helper()
	for i := 0; i < m; i++ {
		for j := 0; j < ldc; j++ {
			want, scale := float64(c0[i*ldc+j]), math.Abs(float64(c0[i*ldc+j]))
			if j < n {
				for p := 0; p < k; p++ {
					x := float64(a[i*ars+p*acs]) * float64(b[p*brs+j*bcs])
					want += x
					scale += math.Abs(x)
				}
			}
			tol := float64(k+2) * 0x1p-24 * scale
			if got := float64(c[i*ldc+j]); math.Abs(got-want) > tol {
				t.Fatalf("%s m,n,k=%d,%d,%d: C(%d,%d) = %v, want %v ± %.3g", what, m, n, k, i, j, got, want, tol)
			}
		}
	}
}

// gemm32Case multiplies random operands of the given shape, with A and B
// each stored plain or transposed and C with a padded stride, and checks
// the result against the float64 reference.
func gemm32Case(t *testing.T, g *Gemm32, r *rand.Rand, m, n, k int, ta, tb bool, pad int) {
	t.Helper()
	a, b := randVec32(r, m*k), randVec32(r, k*n)
	ars, acs, brs, bcs := k, 1, n, 1
	if ta {
		ars, acs = 1, m
	}
	if tb {
		brs, bcs = 1, k
	}
	ldc := n + pad
	c := randVec32(r, m*ldc)
	c0 := append([]float32(nil), c...)
	g.MulAdd(m, n, k, a, ars, acs, b, brs, bcs, c, ldc)
	check32(t, fmt.Sprintf("trans=%v,%v", ta, tb), m, n, k, a, ars, acs, b, brs, bcs, c0, c, ldc)
}

func TestGemm32(t *testing.T) {
	// Edge sizes around the 6×16 tile, the 72-row and 256-deep blocks,
	// and the MLP's shapes.
	shapes := [][3]int{
		{1, 1, 1}, {6, 16, 1}, {5, 15, 3}, {7, 17, 2}, {6, 16, 256}, {12, 32, 257},
		{13, 17, 9}, {73, 33, 513}, {128, 256, 784}, {256, 784, 128}, {128, 10, 256}, {3, 4100, 5},
	}
	withImpl(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(7, 8))
		var g Gemm32
		for _, s := range shapes {
			for _, ta := range []bool{false, true} {
				for _, tb := range []bool{false, true} {
					gemm32Case(t, &g, r, s[0], s[1], s[2], ta, tb, r.IntN(3))
				}
			}
		}
	})
}

// FuzzGemm32 checks any shape up to 80×80×300 and any transposition against
// the float64 reference, with both implementations.
func FuzzGemm32(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint16(1), uint8(0), uint64(1))
	f.Add(uint8(7), uint8(17), uint16(257), uint8(3), uint64(2))
	f.Add(uint8(73), uint8(16), uint16(256), uint8(1), uint64(3))
	f.Fuzz(func(t *testing.T, m8, n8 uint8, k16 uint16, flags uint8, seed uint64) {
		m, n, k := 1+int(m8)%80, 1+int(n8)%80, 1+int(k16)%300
		saved := useAsm
		defer func() { useAsm = saved }()
		for _, asm := range []bool{false, saved} {
			useAsm = asm
			r := rand.New(rand.NewPCG(seed, 9))
			var g Gemm32
			gemm32Case(t, &g, r, m, n, k, flags&1 != 0, flags&2 != 0, int(flags>>2)%3)
		}
	})
}

// TestGemm32MatchesGemm compares Gemm32 with the float64 Gemm on the same
// (float32-representable) operands, element by element within the float32
// bound.
func TestGemm32MatchesGemm(t *testing.T) {
	withImpl(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		m, n, k := 37, 45, 300
		a32, b32 := randVec32(r, m*k), randVec32(r, k*n)
		a64, b64 := make([]float64, len(a32)), make([]float64, len(b32))
		for i, v := range a32 {
			a64[i] = float64(v)
		}
		for i, v := range b32 {
			b64[i] = float64(v)
		}
		c32, c64 := make([]float32, m*n), make([]float64, m*n)
		var g32 Gemm32
		var g64 Gemm
		g32.MulAdd(m, n, k, a32, k, 1, b32, n, 1, c32, n)
		g64.MulAdd(m, n, k, a64, k, 1, b64, n, 1, c64, n)
		for i := range c32 {
			var scale float64
			for p := 0; p < k; p++ {
				scale += math.Abs(a64[i/n*k+p] * b64[p*n+i%n])
			}
			if d := math.Abs(float64(c32[i]) - c64[i]); d > float64(k+1)*0x1p-24*scale {
				t.Fatalf("C[%d]: float32 %v, float64 %v", i, c32[i], c64[i])
			}
		}
	})
}

// TestAsm32MatchesGeneric compares the assembly micro-kernel with the
// portable one directly: they differ only by the fused multiply-add, far
// inside the reference tolerance.
func TestAsm32MatchesGeneric(t *testing.T) {
	if !useAsm {
		t.Skip("no assembly kernels on this machine")
	}
	r := rand.New(rand.NewPCG(11, 12))
	for _, k := range []int{0, 1, 2, 5, 64, 256} {
		ap, bp := randVec32(r, k*MR), randVec32(r, k*NR32)
		c1 := randVec32(r, MR*(NR32+3))
		c2 := append([]float32(nil), c1...)
		kernel32Asm(k, ptr32(ap), ptr32(bp), &c1[0], NR32+3)
		kernel32Generic(k, ap, bp, c2, NR32+3)
		for i := range c1 {
			if i%(NR32+3) >= NR32 && c1[i] != c2[i] {
				t.Fatalf("k=%d: element %d outside the tile was written", k, i)
			}
			if d := math.Abs(float64(c1[i] - c2[i])); d > float64(k+2)*0x1p-22*(1+math.Abs(float64(c2[i]))+math.Sqrt(float64(k))) {
				t.Fatalf("k=%d: C[%d] asm %v, generic %v", k, i, c1[i], c2[i])
			}
		}
	}
}

func ptr32(v []float32) *float32 {
	if len(v) == 0 {
		var z [1]float32
		return &z[0]
	}
	return &v[0]
}

// TestMulAddPacked32 checks that a product with B packed (and rounded from
// float64) once is bit-identical to MulAdd on the rounded B.
func TestMulAddPacked32(t *testing.T) {
	withImpl(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(13, 14))
		for _, s := range [][3]int{{1, 1, 1}, {64, 256, 784}, {7, 10, 256}, {13, 33, 600}} {
			m, n, k := s[0], s[1], s[2]
			a := randVec32(r, m*k)
			w := randVec(r, n*k) // row-major n×k, B = wᵀ
			w32 := make([]float32, len(w))
			for i, v := range w {
				w32[i] = float32(v)
			}
			var pb PackedB32
			pb.Pack(k, n, w, 1, k)
			var g Gemm32
			c1, c2 := make([]float32, m*n), make([]float32, m*n)
			g.MulAddPacked(m, a, k, 1, &pb, c1, n)
			g.MulAdd(m, n, k, a, k, 1, w32, 1, k, c2, n)
			for i := range c1 {
				if c1[i] != c2[i] {
					t.Fatalf("%v: C[%d] packed %v, MulAdd %v", s, i, c1[i], c2[i])
				}
			}
		}
	})
}

func TestGemm32Allocs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	a, b, c := randVec32(r, 128*784), randVec32(r, 784*256), make([]float32, 128*256)
	var g Gemm32
	g.MulAdd(128, 256, 784, a, 784, 1, b, 1, 784, c, 256)
	if n := testing.AllocsPerRun(5, func() { g.MulAdd(128, 256, 784, a, 784, 1, b, 1, 784, c, 256) }); n != 0 {
		t.Errorf("MulAdd allocates %v times per call after the first", n)
	}
}

func TestGemm32Panics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MulAdd with a short C did not panic")
		}
	}()
	var g Gemm32
	g.MulAdd(2, 2, 2, make([]float32, 4), 2, 1, make([]float32, 4), 2, 1, make([]float32, 3), 2)
}

package kernel

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"syscall"
	"testing"
)

// BenchmarkGemm reports GFLOP/s (2mnk flops per product) for the shapes of
// an MLP 784-256-10 step on a batch of 128: forward X·W1ᵀ, weight gradient
// δᵀ·X, and a square product.
func BenchmarkGemm(b *testing.B) {
	for _, bc := range []struct {
		name                   string
		m, n, k                int
		ars, acs, brs, bcs, ld int
	}{
		{"fwd_128x256x784", 128, 256, 784, 784, 1, 1, 784, 256},
		{"dW_256x784x128", 256, 784, 128, 1, 256, 784, 1, 784},
		{"nn_512x512x512", 512, 512, 512, 512, 1, 512, 1, 512},
	} {
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", bc.name, threads), func(b *testing.B) {
				r := rand.New(rand.NewPCG(1, 1))
				a, bm := randVec(r, bc.m*bc.k), randVec(r, bc.k*bc.n)
				c := make([]float64, bc.m*bc.ld)
				g := Gemm{Threads: threads}
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				var ru0 syscall.Rusage
				syscall.Getrusage(1, &ru0)
				b.ResetTimer()
				for b.Loop() {
					g.MulAdd(bc.m, bc.n, bc.k, a, bc.ars, bc.acs, bm, bc.brs, bc.bcs, c, bc.ld)
				}
				flops := 2 * float64(bc.m*bc.n*bc.k) * float64(b.N)
				b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				var ru1 syscall.Rusage
				if syscall.Getrusage(1, &ru1) == nil {
					cpu := float64(ru1.Utime.Nano()-ru0.Utime.Nano()) / 1e9
					if threads == 1 {
						b.ReportMetric(flops/cpu/1e9, "GFLOP/cpu-s")
					}
				}
			})
		}
	}
}

func BenchmarkDot4Axpy4(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	const d = 100
	v, r0, r1, r2, r3 := randVec(r, d), randVec(r, d), randVec(r, d), randVec(r, d), randVec(r, d)
	g := make([]float64, d)
	b.SetBytes(4 * d * 8)
	for b.Loop() {
		d0, d1, d2, d3 := Dot4(v, r0, r1, r2, r3)
		a := [4]float64{d0 * 1e-9, d1 * 1e-9, d2 * 1e-9, d3 * 1e-9}
		Axpy4(g, &a, r0, r1, r2, r3)
	}
}

// BenchmarkGemm32 reports float32 GFLOP/s for the MLP 784-256-10 shapes of
// BenchmarkGemm (one thread).
func BenchmarkGemm32(b *testing.B) {
	for _, bc := range []struct {
		name                   string
		m, n, k                int
		ars, acs, brs, bcs, ld int
	}{
		{"fwd_128x256x784", 128, 256, 784, 784, 1, 1, 784, 256},
		{"dW_256x784x128", 256, 784, 128, 1, 256, 784, 1, 784},
		{"nn_512x512x512", 512, 512, 512, 512, 1, 512, 1, 512},
	} {
		b.Run(bc.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 1))
			a := make([]float32, bc.m*bc.k)
			bm := make([]float32, bc.k*bc.n)
			for i := range a {
				a[i] = float32(r.NormFloat64())
			}
			for i := range bm {
				bm[i] = float32(r.NormFloat64())
			}
			c := make([]float32, bc.m*bc.ld)
			var g Gemm32
			for b.Loop() {
				g.MulAdd(bc.m, bc.n, bc.k, a, bc.ars, bc.acs, bm, bc.brs, bc.bcs, c, bc.ld)
			}
			flops := 2 * float64(bc.m*bc.n*bc.k) * float64(b.N)
			b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

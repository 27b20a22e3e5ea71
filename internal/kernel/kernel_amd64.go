//go:build amd64 && !purego

package kernel

import "golang.org/x/sys/cpu"

// useAsm is fixed at start-up: the AVX2/FMA assembly needs both features
// and OS support for the YMM state (which x/sys/cpu folds into HasAVX2).
var useAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func dotAsm(n int, x, y *float64) float64

//go:noescape
func axpyAsm(n int, a float64, x, y *float64)

//go:noescape
func dot4Asm(n int, v, r0, r1, r2, r3 *float64, out *[4]float64)

//go:noescape
func axpy4Asm(n int, dst *float64, a *[4]float64, r0, r1, r2, r3 *float64)

// kernelAsm is the 6×8 AVX2/FMA micro-kernel: C[6×8] += Ap·Bp over k ≥ 1.
//
//go:noescape
func kernelAsm(k int, ap, bp, c *float64, ldc int)

//go:noescape
func prefetchAsm(p *float64, n int)

//go:noescape
func packB8Asm(n int, dst, src *float64, stride int)

// kernel32Asm is the 6×16 float32 AVX2/FMA micro-kernel: C[6×16] += Ap·Bp
// over k ≥ 0.
//
//go:noescape
func kernel32Asm(k int, ap, bp, c *float32, ldc int)

// adamAsm is AdamStep's AVX2/FMA loop over n elements, n a multiple of 4.
//
//go:noescape
func adamAsm(n int, xp, gp, mp, vp *float64, c *AdamCoef)

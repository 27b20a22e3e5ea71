//go:build !amd64 || purego

package kernel

var useAsm = false

func dotAsm(n int, x, y *float64) float64                                  { panic("unreachable") }
func axpyAsm(n int, a float64, x, y *float64)                              { panic("unreachable") }
func dot4Asm(n int, v, r0, r1, r2, r3 *float64, out *[4]float64)           { panic("unreachable") }
func axpy4Asm(n int, dst *float64, a *[4]float64, r0, r1, r2, r3 *float64) { panic("unreachable") }
func kernelAsm(k int, ap, bp, c *float64, ldc int)                         { panic("unreachable") }

func prefetchAsm(p *float64, n int) {}

func packB8Asm(n int, dst, src *float64, stride int) { panic("unreachable") }

func kernel32Asm(k int, ap, bp, c *float32, ldc int) { panic("unreachable") }

func adamAsm(n int, xp, gp, mp, vp *float64, c *AdamCoef) { panic("unreachable") }

// Package kernel holds the dense floating-point kernels behind package model:
// dot products, fused multi-row dot/axpy updates and a packed, blocked
// matrix multiply (GEMM).
//
// Every kernel has a portable Go implementation (generic.go, gemm.go). On
// amd64 with AVX2 and FMA, detected at start-up through golang.org/x/sys/cpu,
// hand-written assembly (kernel_amd64.s) replaces the hot loops; building with
// the tag purego, or on any other architecture, keeps the portable code. The
// assembly fuses multiply and add (one rounding), so its results differ from
// the portable ones in the last bits; on one machine the choice is fixed, so
// results are reproducible run to run.
//
// The GEMM follows the BLIS design (Van Zee and van de Geijn, "BLIS: A
// Framework for Rapidly Instantiating BLAS Functionality", ACM TOMS 41(3),
// 2015): operands are packed into contiguous micro-panels of MR rows of A and
// NR columns of B, and a register-blocked MR×NR micro-kernel streams them.
package kernel

// HasAsm reports whether the assembly kernels are in use.
func HasAsm() bool { return useAsm }

// Dot returns Σ x[i]·y[i] over i < len(x). It panics if len(y) < len(x).
func Dot(x, y []float64) float64 {
	n := len(x)
	if len(y) < n {
		panic("kernel: Dot: len(y) < len(x)")
	}
	if n == 0 {
		return 0
	}
	if useAsm {
		return dotAsm(n, &x[0], &y[0])
	}
	return dotGeneric(x, y[:n])
}

// Axpy performs y[i] += a·x[i] for i < len(x). It panics if len(y) < len(x).
func Axpy(a float64, x, y []float64) {
	n := len(x)
	if len(y) < n {
		panic("kernel: Axpy: len(y) < len(x)")
	}
	if n == 0 {
		return
	}
	if useAsm {
		axpyAsm(n, a, &x[0], &y[0])
		return
	}
	axpyGeneric(a, x, y[:n])
}

// Dot4 returns the four dot products v·r0, v·r1, v·r2, v·r3 over the first
// len(v) elements, reading v once. It panics if a row is shorter than v.
func Dot4(v, r0, r1, r2, r3 []float64) (d0, d1, d2, d3 float64) {
	n := len(v)
	if len(r0) < n || len(r1) < n || len(r2) < n || len(r3) < n {
		panic("kernel: Dot4: row shorter than v")
	}
	if n == 0 {
		return 0, 0, 0, 0
	}
	if useAsm {
		var out [4]float64
		dot4Asm(n, &v[0], &r0[0], &r1[0], &r2[0], &r3[0], &out)
		return out[0], out[1], out[2], out[3]
	}
	return dot4Generic(v, r0[:n], r1[:n], r2[:n], r3[:n])
}

// Axpy4 performs g[i] += a[0]·r0[i] + a[1]·r1[i] + a[2]·r2[i] + a[3]·r3[i]
// for i < len(g), reading and writing g once. It panics if a row is shorter
// than g.
func Axpy4(g []float64, a *[4]float64, r0, r1, r2, r3 []float64) {
	n := len(g)
	if len(r0) < n || len(r1) < n || len(r2) < n || len(r3) < n {
		panic("kernel: Axpy4: row shorter than g")
	}
	if n == 0 {
		return
	}
	if useAsm {
		axpy4Asm(n, &g[0], a, &r0[0], &r1[0], &r2[0], &r3[0])
		return
	}
	axpy4Generic(g, a, r0[:n], r1[:n], r2[:n], r3[:n])
}

// Prefetch asks the processor to bring x into cache ahead of use, for rows
// read in an order that the hardware prefetchers cannot predict. It has no
// effect on results, and none at all in the portable build.
func Prefetch(x []float64) {
	if useAsm && len(x) > 0 {
		prefetchAsm(&x[0], len(x))
	}
}

package kernel

import (
	"sync"
	"sync/atomic"
)

// Micro-kernel and cache-block sizes. MR×NR is the register tile of the
// micro-kernel (12 YMM accumulators for AVX2); a KC×NR panel of B (16 KiB)
// stays in L1, an MC×KC block of A (144 KiB) in L2, a KC×NC block of B in L3.
const (
	MR    = 6
	NR    = 8
	kcMax = 256
	mcMax = 72
	ncMax = 4080
)

// Gemm computes matrix products C += A·B with packed, cache-blocked
// operands. It holds the packing buffers, so reusing one Gemm makes every
// call after the first allocation-free. The zero value is ready to use; a
// Gemm must not be used by two goroutines at once.
//
// With Threads > 1, large products are split by columns of C into up to
// Threads parts computed on separate goroutines. Every element of C is still
// computed by the same sequence of operations, so the result is bit-identical
// for any Threads. A Gemm must not be copied after first use.
type Gemm struct {
	Threads int // goroutines per product; 0 or 1 means the calling one only

	ap, bp []float64
	tmp    [MR * NR]float64

	// parallel state
	sub  []Gemm // buffers of parts 1, 2, …
	run  func() // g.worker, bound once so that calls do not allocate
	job  job
	next atomic.Int64
	wg   sync.WaitGroup
}

type job struct {
	parts, m, n, k     int
	a, b, c            []float64
	ars, acs, brs, bcs int
	ldc                int
}

// parallelMin is the smallest m·n·k worth splitting (about 50 µs of work).
const parallelMin = 1 << 20

// MulAdd computes C += A·B where A is m×k, B is k×n and C is m×n, each given
// by strides so that transposes need no copy:
//
//	A(i,p) = a[i*ars + p*acs],  B(p,j) = b[p*brs + j*bcs],  C(i,j) = c[i*ldc + j].
//
// A row-major m×k matrix has (ars, acs) = (k, 1); its transpose stored
// row-major k×m has (1, m). It panics if a slice is too short for its shape.
func (g *Gemm) MulAdd(m, n, k int, a []float64, ars, acs int, b []float64, brs, bcs int, c []float64, ldc int) {
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	if (m-1)*ars+(k-1)*acs >= len(a) || (k-1)*brs+(n-1)*bcs >= len(b) || (m-1)*ldc+n > len(c) || ldc < n {
		panic("kernel: Gemm.MulAdd: slice too short for its shape")
	}
	if parts := min(g.Threads, n/(4*NR)); parts > 1 && m*n*k >= parallelMin {
		g.parallel(parts, job{parts: parts, m: m, n: n, k: k, a: a, b: b, c: c, ars: ars, acs: acs, brs: brs, bcs: bcs, ldc: ldc})
		return
	}
	g.serial(m, n, k, a, ars, acs, b, brs, bcs, c, ldc)
}

// parallel computes the column parts of j on goroutines, part 0 on the
// calling one.
func (g *Gemm) parallel(parts int, j job) {
	if len(g.sub) < parts-1 {
		g.sub = make([]Gemm, parts-1)
	}
	if g.run == nil {
		g.run = g.worker
	}
	g.job = j
	g.next.Store(1)
	g.wg.Add(parts - 1)
	for i := 1; i < parts; i++ {
		go g.run()
	}
	g.part(g, 0)
	g.wg.Wait()
	g.job = job{}
}

func (g *Gemm) worker() {
	defer g.wg.Done()
	s := int(g.next.Add(1)) - 1
	g.part(&g.sub[s-1], s)
}

// part computes columns [j0, j1) of the current job with the buffers of h;
// the boundaries are multiples of NR except at the end.
func (g *Gemm) part(h *Gemm, s int) {
	j := &g.job
	j0 := s * j.n / j.parts / NR * NR
	j1 := j.n
	if s+1 < j.parts {
		j1 = (s + 1) * j.n / j.parts / NR * NR
	}
	h.serial(j.m, j1-j0, j.k, j.a, j.ars, j.acs, j.b[j0*j.bcs:], j.brs, j.bcs, j.c[j0:], j.ldc)
}

func (g *Gemm) serial(m, n, k int, a []float64, ars, acs int, b []float64, brs, bcs int, c []float64, ldc int) {
	kc := balance(k, kcMax, 1)
	mc := balance(m, mcMax, MR)
	nc := balance(n, ncMax, NR)
	if need := roundUp(mc, MR) * kc; cap(g.ap) < need {
		g.ap = make([]float64, need)
	}
	if need := roundUp(nc, NR) * kc; cap(g.bp) < need {
		g.bp = make([]float64, need)
	}
	for jc := 0; jc < n; jc += nc {
		nb := min(nc, n-jc)
		for pc := 0; pc < k; pc += kc {
			kb := min(kc, k-pc)
			bp := g.bp[:roundUp(nb, NR)*kb]
			packB(bp, b, brs, bcs, pc, jc, kb, nb)
			for ic := 0; ic < m; ic += mc {
				mb := min(mc, m-ic)
				ap := g.ap[:roundUp(mb, MR)*kb]
				packA(ap, a, ars, acs, ic, pc, mb, kb)
				g.macro(ap, bp, c[ic*ldc+jc:], ldc, mb, nb, kb)
			}
		}
	}
}

// macro multiplies a packed mb×kb block of A by a packed kb×nb block of B
// into C (whose element (0,0) is c[0]).
func (g *Gemm) macro(ap, bp, c []float64, ldc, mb, nb, kb int) {
	for jr := 0; jr < nb; jr += NR {
		nr := min(NR, nb-jr)
		bpanel := bp[jr*kb : jr*kb+NR*kb]
		for ir := 0; ir < mb; ir += MR {
			mr := min(MR, mb-ir)
			apanel := ap[ir*kb : ir*kb+MR*kb]
			if mr == MR && nr == NR {
				micro(kb, apanel, bpanel, c[ir*ldc+jr:], ldc)
				continue
			}
			g.tmp = [MR * NR]float64{}
			micro(kb, apanel, bpanel, g.tmp[:], NR)
			for i := 0; i < mr; i++ {
				ci := c[(ir+i)*ldc+jr : (ir+i)*ldc+jr+nr]
				for j := range ci {
					ci[j] += g.tmp[i*NR+j]
				}
			}
		}
	}
}

func micro(k int, ap, bp, c []float64, ldc int) {
	if useAsm {
		_ = c[(MR-1)*ldc+NR-1]
		kernelAsm(k, &ap[0], &bp[0], &c[0], ldc)
		return
	}
	kernelGeneric(k, ap, bp, c, ldc)
}

// packA copies A[ic:ic+mb, pc:pc+kb] into micro-panels of MR rows: panel q
// holds, for each p, the MR values A(ic+q·MR+i, pc+p), zero-padded past mb.
func packA(dst, a []float64, ars, acs, ic, pc, mb, kb int) {
	for ir := 0; ir < mb; ir += MR {
		panel := dst[ir*kb : ir*kb+MR*kb]
		mr := min(MR, mb-ir)
		base := (ic+ir)*ars + pc*acs
		switch {
		case mr == MR && acs == 1:
			// Six row streams, written out one column of six at a time.
			s0 := a[base : base+kb]
			s1 := a[base+ars : base+ars+kb]
			s2 := a[base+2*ars : base+2*ars+kb]
			s3 := a[base+3*ars : base+3*ars+kb]
			s4 := a[base+4*ars : base+4*ars+kb]
			s5 := a[base+5*ars : base+5*ars+kb]
			for p := range s0 {
				d := panel[p*MR : p*MR+MR : p*MR+MR]
				d[0], d[1], d[2], d[3], d[4], d[5] = s0[p], s1[p], s2[p], s3[p], s4[p], s5[p]
			}
			continue
		case mr == MR && ars == 1:
			// Each column of six is contiguous in a.
			for p := 0; p < kb; p++ {
				copy(panel[p*MR:p*MR+MR], a[base+p*acs:base+p*acs+MR])
			}
			continue
		case mr < MR:
			clear(panel)
		}
		for i := 0; i < mr; i++ {
			bi := base + i*ars
			for p := 0; p < kb; p++ {
				panel[p*MR+i] = a[bi+p*acs]
			}
		}
	}
}

// packB copies B[pc:pc+kb, jc:jc+nb] into micro-panels of NR columns: panel q
// holds, for each p, the NR values B(pc+p, jc+q·NR+j), zero-padded past nb.
func packB(dst, b []float64, brs, bcs, pc, jc, kb, nb int) {
	for jr := 0; jr < nb; jr += NR {
		panel := dst[jr*kb : jr*kb+NR*kb]
		nr := min(NR, nb-jr)
		base := pc*brs + (jc+jr)*bcs
		switch {
		case nr == NR && bcs == 1:
			// Each row of eight is contiguous in b.
			for p := 0; p < kb; p++ {
				copy(panel[p*NR:p*NR+NR], b[base+p*brs:base+p*brs+NR])
			}
			continue
		case nr == NR && brs == 1:
			// Eight column streams, written out one row of eight at a time.
			s0 := b[base : base+kb]
			s1 := b[base+bcs : base+bcs+kb]
			s2 := b[base+2*bcs : base+2*bcs+kb]
			s3 := b[base+3*bcs : base+3*bcs+kb]
			s4 := b[base+4*bcs : base+4*bcs+kb]
			s5 := b[base+5*bcs : base+5*bcs+kb]
			s6 := b[base+6*bcs : base+6*bcs+kb]
			s7 := b[base+7*bcs : base+7*bcs+kb]
			for p := range s0 {
				d := panel[p*NR : p*NR+NR : p*NR+NR]
				d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7] = s0[p], s1[p], s2[p], s3[p], s4[p], s5[p], s6[p], s7[p]
			}
			continue
		case nr < NR:
			clear(panel)
		}
		for j := 0; j < nr; j++ {
			bj := base + j*bcs
			for p := 0; p < kb; p++ {
				panel[p*NR+j] = b[bj+p*brs]
			}
		}
	}
}

// balance splits n into ceil(n/max) near-equal blocks and returns the block
// size, rounded up to a multiple of unit.
func balance(n, max, unit int) int {
	blocks := (n + max - 1) / max
	return roundUp((n+blocks-1)/blocks, unit)
}

func roundUp(n, unit int) int { return (n + unit - 1) / unit * unit }

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
// Gemm must not be used by two goroutines at once, nor copied after use.
//
// With Threads > 1, a large product packs A once and splits the columns of
// C into blocks that up to Threads goroutines take in turn, each packing its
// own panels of B. Every element of C is still computed by the same sequence
// of operations as with one thread, so the result is bit-identical for any
// Threads.
type Gemm struct {
	Threads int // goroutines per product; 0 or 1 means the calling one only

	ap, bp []float64
	tmp    [MR * NR]float64

	// parallel state
	apAll  []float64 // all of A, packed, shared by the goroutines
	sub    []Gemm    // B buffers of the helper goroutines
	run    func()    // g.helper, bound once so that calls do not allocate
	job    job
	next   atomic.Int64 // next column block
	helped atomic.Int64 // helpers started
	wg     sync.WaitGroup
}

type job struct {
	m, n, k, kc, cb, blocks int
	b, c                    []float64
	brs, bcs, ldc           int
}

const (
	// parallelMin is the smallest m·n·k worth splitting (about 50 µs).
	parallelMin = 1 << 20
	// parallelRows bounds the packed copy of A that the goroutines share
	// to parallelRows·k elements; taller products go in row bands.
	parallelRows = 1024
)

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
	if g.Threads > 1 && n >= 2*NR && m*n*k >= parallelMin {
		// Row bands are independent, so banding changes no arithmetic.
		for i0 := 0; i0 < m; i0 += parallelRows {
			mb := min(parallelRows, m-i0)
			g.parallel(mb, n, k, a[i0*ars:], ars, acs, b, brs, bcs, c[i0*ldc:], ldc)
		}
		return
	}
	g.serial(m, n, k, a, ars, acs, b, brs, bcs, c, ldc)
}

// parallel packs all of A (m ≤ parallelRows rows) and runs the column
// blocks of C on the calling goroutine and up to Threads−1 helpers.
func (g *Gemm) parallel(m, n, k int, a []float64, ars, acs int, b []float64, brs, bcs int, c []float64, ldc int) {
	kc := balance(k, kcMax, 1)
	M := roundUp(m, MR)
	if cap(g.apAll) < M*k {
		g.apAll = make([]float64, M*k)
	}
	for pc := 0; pc < k; pc += kc {
		kb := min(kc, k-pc)
		packA(g.apAll[pc*M:pc*M+M*kb], a, ars, acs, 0, pc, m, kb)
	}
	// About four blocks per goroutine, so a helper that starts late
	// leaves its share to the others.
	cb := min(roundUp((n+4*g.Threads-1)/(4*g.Threads), NR), ncMax)
	blocks := (n + cb - 1) / cb
	helpers := min(g.Threads, blocks) - 1
	if len(g.sub) < helpers {
		g.sub = make([]Gemm, helpers)
	}
	if g.run == nil {
		g.run = g.helper
	}
	g.job = job{m: m, n: n, k: k, kc: kc, cb: cb, blocks: blocks, b: b, c: c, brs: brs, bcs: bcs, ldc: ldc}
	g.next.Store(0)
	g.helped.Store(0)
	g.wg.Add(helpers)
	for i := 0; i < helpers; i++ {
		go g.run()
	}
	g.blocks(g)
	g.wg.Wait()
	g.job = job{}
}

func (g *Gemm) helper() {
	defer g.wg.Done()
	g.blocks(&g.sub[g.helped.Add(1)-1])
}

// blocks computes column blocks of the current job, using the B buffer of
// h, until none is left.
func (g *Gemm) blocks(h *Gemm) {
	j := &g.job
	M := roundUp(j.m, MR)
	if need := roundUp(j.cb, NR) * j.kc; cap(h.bp) < need {
		h.bp = make([]float64, need)
	}
	for {
		q := int(g.next.Add(1)) - 1
		if q >= j.blocks {
			return
		}
		j0 := q * j.cb
		nb := min(j.cb, j.n-j0)
		for pc := 0; pc < j.k; pc += j.kc {
			kb := min(j.kc, j.k-pc)
			bp := h.bp[:roundUp(nb, NR)*kb]
			packB(bp, j.b, j.brs, j.bcs, pc, j0, kb, nb)
			h.macro(g.apAll[pc*M:pc*M+M*kb], bp, j.c[j0:], j.ldc, j.m, nb, kb)
		}
	}
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
				*(*[MR]float64)(panel[p*MR:]) = *(*[MR]float64)(a[base+p*acs:])
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
				*(*[NR]float64)(panel[p*NR:]) = *(*[NR]float64)(b[base+p*brs:])
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
			p0 := 0
			if useAsm && kb >= 4 {
				// AVX2 4×4 transposes; the slices above checked the
				// bounds of all eight rows.
				p0 = kb &^ 3
				packB8Asm(p0, &panel[0], &s0[0], bcs*8)
			}
			for p := p0; p < kb; p++ {
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

// PackedB is a k×n matrix B packed once into the layout of the GEMM's
// micro-panels, for several products A·B with the same B (the two halves of
// a batch times the same weights). The zero value is ready for Pack.
type PackedB struct {
	data     []float64
	k, n, kc int
}

// Pack stores B(p,j) = b[p*brs + j*bcs], p < k, j < n. It reuses the
// storage of earlier calls.
func (pb *PackedB) Pack(k, n int, b []float64, brs, bcs int) {
	if k <= 0 || n <= 0 {
		pb.k, pb.n = 0, 0
		return
	}
	if (k-1)*brs+(n-1)*bcs >= len(b) {
		panic("kernel: PackedB.Pack: slice too short for its shape")
	}
	kc := balance(k, kcMax, 1)
	N := roundUp(n, NR)
	if cap(pb.data) < N*k {
		pb.data = make([]float64, N*k)
	}
	for pc := 0; pc < k; pc += kc {
		kb := min(kc, k-pc)
		packB(pb.data[pc*N:pc*N+N*kb], b, brs, bcs, pc, 0, kb, n)
	}
	pb.k, pb.n, pb.kc = k, n, kc
}

// MulAddPacked computes C += A·B for the m×k matrix A(i,p) = a[i*ars + p*acs]
// and a packed B, with C(i,j) = c[i*ldc + j]. Its results are bit-identical
// to MulAdd's; it runs on the calling goroutine only.
func (g *Gemm) MulAddPacked(m int, a []float64, ars, acs int, pb *PackedB, c []float64, ldc int) {
	k, n := pb.k, pb.n
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	if (m-1)*ars+(k-1)*acs >= len(a) || (m-1)*ldc+n > len(c) || ldc < n {
		panic("kernel: Gemm.MulAddPacked: slice too short for its shape")
	}
	kc := pb.kc
	mc := balance(m, mcMax, MR)
	N := roundUp(n, NR)
	if need := roundUp(mc, MR) * kc; cap(g.ap) < need {
		g.ap = make([]float64, need)
	}
	for pc := 0; pc < k; pc += kc {
		kb := min(kc, k-pc)
		bp := pb.data[pc*N : pc*N+N*kb]
		for ic := 0; ic < m; ic += mc {
			mb := min(mc, m-ic)
			ap := g.ap[:roundUp(mb, MR)*kb]
			packA(ap, a, ars, acs, ic, pc, mb, kb)
			g.macro(ap, bp, c[ic*ldc:], ldc, mb, n, kb)
		}
	}
}

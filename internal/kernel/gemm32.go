package kernel

// NR32 is the column width of the float32 micro-kernel: a 6×16 tile of C
// in twelve YMM registers of eight float32 lanes, the float64 kernel's
// register budget with twice the columns.
const NR32 = 16

// Gemm32 computes float32 matrix products C += A·B with packed,
// cache-blocked operands, the design of Gemm (BLIS) with a 6×16 register
// tile. The products accumulate in float32 (each micro-kernel sums at most
// 256 terms per element before adding into C); callers that need long sums
// add the results into float64 themselves. It holds the packing buffers, so
// reusing one Gemm32 makes every call after the first allocation-free. The
// zero value is ready to use; it runs on the calling goroutine only and must
// not be used by two goroutines at once.
type Gemm32 struct {
	ap, bp []float32
	tmp    [MR * NR32]float32
}

// MulAdd computes C += A·B where A is m×k, B is k×n and C is m×n, given by
// strides as for Gemm.MulAdd: A(i,p) = a[i*ars + p*acs], B(p,j) =
// b[p*brs + j*bcs], C(i,j) = c[i*ldc + j]. It panics if a slice is too
// short for its shape.
func (g *Gemm32) MulAdd(m, n, k int, a []float32, ars, acs int, b []float32, brs, bcs int, c []float32, ldc int) {
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	if (m-1)*ars+(k-1)*acs >= len(a) || (k-1)*brs+(n-1)*bcs >= len(b) || (m-1)*ldc+n > len(c) || ldc < n {
		panic("kernel: Gemm32.MulAdd: slice too short for its shape")
	}
	kc := balance(k, kcMax, 1)
	mc := balance(m, mcMax, MR)
	nc := balance(n, ncMax, NR32)
	if need := roundUp(mc, MR) * kc; cap(g.ap) < need {
		g.ap = make([]float32, need)
	}
	if need := roundUp(nc, NR32) * kc; cap(g.bp) < need {
		g.bp = make([]float32, need)
	}
	for jc := 0; jc < n; jc += nc {
		nb := min(nc, n-jc)
		for pc := 0; pc < k; pc += kc {
			kb := min(kc, k-pc)
			bp := g.bp[:roundUp(nb, NR32)*kb]
			packB32(bp, b, brs, bcs, pc, jc, kb, nb)
			g.blockA(m, a, ars, acs, pc, kb, mc, bp, nb, c[jc:], ldc)
		}
	}
}

// blockA packs A[:, pc:pc+kb] in blocks of mc rows and multiplies each by
// the packed kb×nb block bp into C.
func (g *Gemm32) blockA(m int, a []float32, ars, acs, pc, kb, mc int, bp []float32, nb int, c []float32, ldc int) {
	for ic := 0; ic < m; ic += mc {
		mb := min(mc, m-ic)
		ap := g.ap[:roundUp(mb, MR)*kb]
		packA32(ap, a, ars, acs, ic, pc, mb, kb)
		g.macro(ap, bp, c[ic*ldc:], ldc, mb, nb, kb)
	}
}

// macro multiplies a packed mb×kb block of A by a packed kb×nb block of B
// into C (whose element (0,0) is c[0]); edge tiles go through tmp.
func (g *Gemm32) macro(ap, bp, c []float32, ldc, mb, nb, kb int) {
	for jr := 0; jr < nb; jr += NR32 {
		nr := min(NR32, nb-jr)
		bpanel := bp[jr*kb : jr*kb+NR32*kb]
		for ir := 0; ir < mb; ir += MR {
			mr := min(MR, mb-ir)
			apanel := ap[ir*kb : ir*kb+MR*kb]
			if mr == MR && nr == NR32 {
				micro32(kb, apanel, bpanel, c[ir*ldc+jr:], ldc)
				continue
			}
			g.tmp = [MR * NR32]float32{}
			micro32(kb, apanel, bpanel, g.tmp[:], NR32)
			for i := 0; i < mr; i++ {
				ci := c[(ir+i)*ldc+jr : (ir+i)*ldc+jr+nr]
				for j := range ci {
					ci[j] += g.tmp[i*NR32+j]
				}
			}
		}
	}
}

func micro32(k int, ap, bp, c []float32, ldc int) {
	if useAsm {
		_ = c[(MR-1)*ldc+NR32-1]
		_ = ap[k*MR-1]
		_ = bp[k*NR32-1]
		kernel32Asm(k, &ap[0], &bp[0], &c[0], ldc)
		return
	}
	kernel32Generic(k, ap, bp, c, ldc)
}

// kernel32Generic is the portable float32 micro-kernel: C[MR×NR32] +=
// Ap·Bp over k, one row of C at a time with its sixteen sums in a local
// array. Its sums are float32 as the assembly's, without the fused
// multiply-add, so the two differ in the last bits.
func kernel32Generic(k int, ap, bp, c []float32, ldc int) {
	ap, bp = ap[:k*MR], bp[:k*NR32]
	for i := 0; i < MR; i++ {
		var s [NR32]float32
		for p := 0; p < k; p++ {
			a := ap[p*MR+i]
			b := (*[NR32]float32)(bp[p*NR32:])
			for j := range s {
				s[j] += a * b[j]
			}
		}
		ci := (*[NR32]float32)(c[i*ldc:])
		for j := range s {
			ci[j] += s[j]
		}
	}
}

// packA32 copies A[ic:ic+mb, pc:pc+kb] into micro-panels of MR rows,
// zero-padded past mb, converting to float32.
func packA32[S float32 | float64](dst []float32, a []S, ars, acs, ic, pc, mb, kb int) {
	for ir := 0; ir < mb; ir += MR {
		panel := dst[ir*kb : ir*kb+MR*kb]
		mr := min(MR, mb-ir)
		base := (ic+ir)*ars + pc*acs
		if mr < MR {
			clear(panel)
		}
		if mr == MR && acs == 1 {
			s0 := a[base : base+kb]
			s1 := a[base+ars : base+ars+kb]
			s2 := a[base+2*ars : base+2*ars+kb]
			s3 := a[base+3*ars : base+3*ars+kb]
			s4 := a[base+4*ars : base+4*ars+kb]
			s5 := a[base+5*ars : base+5*ars+kb]
			for p := range s0 {
				d := (*[MR]float32)(panel[p*MR:])
				d[0], d[1], d[2], d[3], d[4], d[5] = float32(s0[p]), float32(s1[p]), float32(s2[p]), float32(s3[p]), float32(s4[p]), float32(s5[p])
			}
			continue
		}
		for i := 0; i < mr; i++ {
			bi := base + i*ars
			for p := 0; p < kb; p++ {
				panel[p*MR+i] = float32(a[bi+p*acs])
			}
		}
	}
}

// packB32 copies B[pc:pc+kb, jc:jc+nb] into micro-panels of NR32 columns,
// zero-padded past nb, converting to float32.
func packB32[S float32 | float64](dst []float32, b []S, brs, bcs, pc, jc, kb, nb int) {
	for jr := 0; jr < nb; jr += NR32 {
		panel := dst[jr*kb : jr*kb+NR32*kb]
		nr := min(NR32, nb-jr)
		base := pc*brs + (jc+jr)*bcs
		if nr == NR32 && bcs == 1 {
			// Each row of sixteen is contiguous in b.
			for p := 0; p < kb; p++ {
				d := (*[NR32]float32)(panel[p*NR32:])
				s := (*[NR32]S)(b[base+p*brs:])
				for j := range d {
					d[j] = float32(s[j])
				}
			}
			continue
		}
		if nr < NR32 {
			clear(panel)
		}
		for j := 0; j < nr; j++ {
			bj := base + j*bcs
			for p := 0; p < kb; p++ {
				panel[p*NR32+j] = float32(b[bj+p*brs])
			}
		}
	}
}

// PackedB32 is a k×n matrix B packed once, converted to float32, into the
// layout of Gemm32's micro-panels, for several products A·B with the same
// B. The zero value is ready for Pack.
type PackedB32 struct {
	data     []float32
	k, n, kc int
}

// Pack stores B(p,j) = float32(b[p*brs + j*bcs]), p < k, j < n, rounding
// float64 weights to float32 in the same pass. It reuses the storage of
// earlier calls and panics if b is too short for the shape.
func (pb *PackedB32) Pack(k, n int, b []float64, brs, bcs int) {
	if k <= 0 || n <= 0 {
		pb.k, pb.n = 0, 0
		return
	}
	if (k-1)*brs+(n-1)*bcs >= len(b) {
		panic("kernel: PackedB32.Pack: slice too short for its shape")
	}
	kc := balance(k, kcMax, 1)
	N := roundUp(n, NR32)
	if cap(pb.data) < N*k {
		pb.data = make([]float32, N*k)
	}
	for pc := 0; pc < k; pc += kc {
		kb := min(kc, k-pc)
		packB32(pb.data[pc*N:pc*N+N*kb], b, brs, bcs, pc, 0, kb, n)
	}
	pb.k, pb.n, pb.kc = k, n, kc
}

// MulAddPacked computes C += A·B for the m×k float32 matrix A(i,p) =
// a[i*ars + p*acs] and a packed B, with C(i,j) = c[i*ldc + j]. Its results
// are bit-identical to MulAdd's with the same B rounded to float32.
func (g *Gemm32) MulAddPacked(m int, a []float32, ars, acs int, pb *PackedB32, c []float32, ldc int) {
	k, n := pb.k, pb.n
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	if (m-1)*ars+(k-1)*acs >= len(a) || (m-1)*ldc+n > len(c) || ldc < n {
		panic("kernel: Gemm32.MulAddPacked: slice too short for its shape")
	}
	kc := pb.kc
	mc := balance(m, mcMax, MR)
	N := roundUp(n, NR32)
	if need := roundUp(mc, MR) * kc; cap(g.ap) < need {
		g.ap = make([]float32, need)
	}
	for pc := 0; pc < k; pc += kc {
		kb := min(kc, k-pc)
		g.blockA(m, a, ars, acs, pc, kb, mc, pb.data[pc*N:pc*N+N*kb], n, c, ldc)
	}
}

package kernel

// The portable kernels use four independent accumulators so that the
// floating-point adds pipeline; the summation order is fixed.

func dotGeneric(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

func axpyGeneric(a float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += a * v
	}
}

func dot4Generic(v, r0, r1, r2, r3 []float64) (d0, d1, d2, d3 float64) {
	n := len(v)
	r0, r1, r2, r3 = r0[:n], r1[:n], r2[:n], r3[:n]
	for i, x := range v {
		d0 += x * r0[i]
		d1 += x * r1[i]
		d2 += x * r2[i]
		d3 += x * r3[i]
	}
	return
}

func axpy4Generic(g []float64, a *[4]float64, r0, r1, r2, r3 []float64) {
	n := len(g)
	r0, r1, r2, r3 = r0[:n], r1[:n], r2[:n], r3[:n]
	a0, a1, a2, a3 := a[0], a[1], a[2], a[3]
	for i := range g {
		g[i] += a0*r0[i] + a1*r1[i] + a2*r2[i] + a3*r3[i]
	}
}

// kernelGeneric is the portable micro-kernel: C[MR×NR] += Ap·Bp over k,
// with Ap packed as k groups of MR and Bp as k groups of NR.
func kernelGeneric(k int, ap, bp, c []float64, ldc int) {
	var acc [MR * NR]float64
	for p := 0; p < k; p++ {
		a := ap[p*MR : p*MR+MR : p*MR+MR]
		b := bp[p*NR : p*NR+NR : p*NR+NR]
		for i := 0; i < MR; i++ {
			ai := a[i]
			row := acc[i*NR : i*NR+NR : i*NR+NR]
			for j := range row {
				row[j] += ai * b[j]
			}
		}
	}
	for i := 0; i < MR; i++ {
		ci := c[i*ldc : i*ldc+NR]
		for j := range ci {
			ci[j] += acc[i*NR+j]
		}
	}
}

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
// with Ap packed as k groups of MR and Bp as k groups of NR. It works one
// row of C at a time with the eight sums in registers.
func kernelGeneric(k int, ap, bp, c []float64, ldc int) {
	ap, bp = ap[:k*MR], bp[:k*NR]
	for i := 0; i < MR; i++ {
		var c0, c1, c2, c3, c4, c5, c6, c7 float64
		for p := 0; p < k; p++ {
			a := ap[p*MR+i]
			b := bp[p*NR : p*NR+NR : p*NR+NR]
			c0 += a * b[0]
			c1 += a * b[1]
			c2 += a * b[2]
			c3 += a * b[3]
			c4 += a * b[4]
			c5 += a * b[5]
			c6 += a * b[6]
			c7 += a * b[7]
		}
		ci := c[i*ldc : i*ldc+NR : i*ldc+NR]
		ci[0] += c0
		ci[1] += c1
		ci[2] += c2
		ci[3] += c3
		ci[4] += c4
		ci[5] += c5
		ci[6] += c6
		ci[7] += c7
	}
}

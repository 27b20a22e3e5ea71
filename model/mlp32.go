package model

import (
	"math"

	"github.com/descentgo/descent/internal/kernel"
)

// The float32 path of the MLP (DType F32). θ stays float64; each call of
// LossGradDense rounds the weights to float32 while packing them for the
// products (once per call, shared by all chunks and both halves), pushes the
// rows through the layers in float32 with the AVX2 float32 GEMM, and
// computes in float64 what is summed over many terms or feeds exp/log:
// the output scores are widened to float64 for the softmax or logistic
// loss and its deltas, the losses and the bias gradients are float64 sums,
// and each chunk's float32 weight gradient (a sum over at most 64 rows) is
// added into the float64 gradient, so that no float32 sum runs over more
// than one half chunk whatever the number of rows.

// ws32 holds the float32 state of an MLP workspace: the packed weights
// (in the workspace of the calling goroutine) and the per-chunk buffers.
type ws32 struct {
	fw, bw []kernel.PackedB32 // W_lᵀ for the forward products, W_l for δ·W_l
	bias   [][]float32
	gemm   kernel.Gemm32

	buf   []float32
	acts  [][]float32
	gW    []float32
	o, dz []float64 // one row of scores and deltas, widened
	z     []float64
}

func (m *mlp) withDType(t DType) Model {
	c := *m
	c.f32 = t == F32
	return &c
}

func (m *mlp) dtype() DType {
	if m.f32 {
		return F32
	}
	return F64
}

func (w *Workspace) float32s() *ws32 {
	if w.f32 == nil {
		w.f32 = new(ws32)
	}
	return w.f32
}

// pack32 rounds the weights of θ to float32 into the packed operands of
// the forward products (W_lᵀ) and of the backward ones (W_l, l ≥ 1) and
// the biases into float32.
func (m *mlp) pack32(params []float64, ws *Workspace) {
	s := ws.float32s()
	L := m.layers()
	if len(s.fw) < L {
		s.fw = make([]kernel.PackedB32, L)
		s.bw = make([]kernel.PackedB32, L)
		s.bias = make([][]float32, L)
	}
	for l := 0; l < L; l++ {
		in, out := m.sizes[l], m.sizes[l+1]
		W := params[m.wOff[l] : m.wOff[l]+in*out]
		s.fw[l].Pack(in, out, W, 1, in)
		if l > 0 {
			s.bw[l].Pack(out, in, W, in, 1)
		}
		if cap(s.bias[l]) < out {
			s.bias[l] = make([]float32, out)
		}
		b := s.bias[l][:out]
		for i, v := range params[m.bOff[l] : m.bOff[l]+out] {
			b[i] = float32(v)
		}
		s.bias[l] = b
	}
}

// buffers32 carves the float32 buffers for nb rows: activations A_0 … A_L,
// two delta buffers and the weight gradient of the widest layer.
func (m *mlp) buffers32(s *ws32, nb int) (acts [][]float32, d1, d2, gW []float32) {
	widest, total, gmax := 0, 0, 0
	for l, sz := range m.sizes {
		total += nb * sz
		widest = max(widest, sz)
		if l > 0 {
			gmax = max(gmax, sz*m.sizes[l-1])
		}
	}
	need := total + 2*nb*widest
	if cap(s.buf) < need {
		s.buf = make([]float32, need)
	}
	if cap(s.gW) < gmax {
		s.gW = make([]float32, gmax)
	}
	if len(s.acts) < len(m.sizes) {
		s.acts = make([][]float32, len(m.sizes))
		s.o, s.dz, s.z = make([]float64, m.k), make([]float64, m.k), make([]float64, m.k)
	}
	if len(s.o) < m.k {
		s.o, s.dz, s.z = make([]float64, m.k), make([]float64, m.k), make([]float64, m.k)
	}
	off := 0
	for l, sz := range m.sizes {
		s.acts[l] = s.buf[off : off+nb*sz]
		off += nb * sz
	}
	d1 = s.buf[off : off+nb*widest]
	d2 = s.buf[off+nb*widest : off+2*nb*widest]
	return s.acts[:len(m.sizes)], d1, d2, s.gW[:gmax]
}

// chunkLoss32 is chunkLoss in float32 with the weights packed in wts.
func (m *mlp) chunkLoss32(grad, X, y []float64, idx []int, start, nb int, wts *ws32, ws *Workspace, scale float64) float64 {
	d, k := m.d, m.k
	s := ws.float32s()
	acts, da, db, gW := m.buffers32(s, nb)
	for j := 0; j < nb; j++ {
		i := start + j
		if idx != nil {
			i = idx[i]
		}
		row := acts[0][j*d : j*d+d]
		for c, v := range X[i*d : i*d+d] {
			row[c] = float32(v)
		}
	}
	m.forward32(acts, nb, wts, s)
	out := acts[m.layers()]
	var loss float64
	for j := 0; j < nb; j++ {
		i := start + j
		if idx != nil {
			i = idx[i]
		}
		for c, v := range out[j*k : j*k+k] {
			s.o[c] = float64(v)
		}
		loss += m.outLoss(s.dz[:k], s.o[:k], s.z, y[i])
		dj := da[j*k : j*k+k]
		for c, v := range s.dz[:k] {
			dj[c] = float32(v * scale)
		}
	}
	if grad != nil {
		m.backward32(grad, acts, da, db, gW, nb, wts, s)
	}
	return loss
}

// forward32 computes acts[1…L] from acts[0] as forward does, in float32.
func (m *mlp) forward32(acts [][]float32, nb int, wts, s *ws32) {
	L := m.layers()
	for l := 0; l < L; l++ {
		out := m.sizes[l+1]
		Z := acts[l+1]
		for j := 0; j < nb; j++ {
			copy(Z[j*out:j*out+out], wts.bias[l])
		}
		s.gemm.MulAddPacked(nb, acts[l], m.sizes[l], 1, &wts.fw[l], Z, out)
		if l+1 < L {
			m.activate32(Z)
		}
	}
}

func (m *mlp) activate32(z []float32) {
	switch m.act {
	case actReLU:
		for i, v := range z {
			b := math.Float32bits(v)
			z[i] = math.Float32frombits(b &^ uint32(int32(b)>>31))
		}
	case actTanh:
		for i, v := range z {
			z[i] = float32(math.Tanh(float64(v)))
		}
	case actSigmoid:
		for i, v := range z {
			z[i] = float32(sigmoid(float64(v)))
		}
	}
}

// backward32 is backward in float32: each layer's weight gradient δᵀ·A
// over the chunk's rows into the float32 buffer gW, then added into the
// float64 grad; bias gradients summed in float64.
func (m *mlp) backward32(grad []float64, acts [][]float32, da, db, gW []float32, nb int, wts, s *ws32) {
	for l := m.layers() - 1; l >= 0; l-- {
		in, out := m.sizes[l], m.sizes[l+1]
		delta := da[:nb*out]
		A := acts[l]
		g := gW[:in*out]
		clear(g)
		s.gemm.MulAdd(out, in, nb, delta, 1, out, A, in, 1, g, in)
		dst := grad[m.wOff[l] : m.wOff[l]+in*out]
		for i, v := range g {
			dst[i] += float64(v)
		}
		gb := grad[m.bOff[l] : m.bOff[l]+out]
		for c := range gb {
			var sum float64
			for j := 0; j < nb; j++ {
				sum += float64(delta[j*out+c])
			}
			gb[c] += sum
		}
		if l == 0 {
			break
		}
		prev := db[:nb*in]
		clear(prev)
		s.gemm.MulAddPacked(nb, delta, out, 1, &wts.bw[l], prev, in)
		switch m.act {
		case actReLU:
			for i, a := range A[:len(prev)] {
				ab := math.Float32bits(a)
				mask := uint32(int32(ab|-ab) >> 31)
				prev[i] = math.Float32frombits(math.Float32bits(prev[i]) & mask)
			}
		case actTanh:
			for i, a := range A[:nb*in] {
				prev[i] *= 1 - a*a
			}
		case actSigmoid:
			for i, a := range A[:nb*in] {
				prev[i] *= a * (1 - a)
			}
		}
		da, db = db, da
	}
}

package model

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/descentgo/descent/internal/kernel"
	"github.com/descentgo/descent/spec"
)

// chunk is the number of rows the MLP pushes through its layers at once, in
// two halves. It is fixed, so the order of floating-point operations depends
// only on the rows given, never on the machine or on Workspace.Threads.
const chunk = 128

const (
	actReLU = iota
	actTanh
	actSigmoid
)

// mlp is a fully connected network: hidden layers with activation act, a
// linear output layer of width k, and the task's loss on top.
type mlp struct {
	shape
	act   int
	sizes []int // d, h₁, …, k
	wOff  []int // offset of W_l in θ
	bOff  []int // offset of b_l in θ
	np    int
	f32   bool // float32 products and activations (mlp32.go)
}

func newMLP(base shape, a spec.Args, canon spec.Spec) (Model, error) {
	m := &mlp{shape: base}
	m.spec = canon
	hidden := a.Ints("hidden")
	for _, h := range hidden {
		if h < 1 {
			return nil, a.Errorf("hidden layer widths must be ≥ 1, have %v", hidden)
		}
	}
	switch a.String("act") {
	case "relu":
		m.act = actReLU
	case "tanh":
		m.act = actTanh
	case "sigmoid":
		m.act = actSigmoid
	}
	m.sizes = append(append([]int{m.d}, hidden...), m.k)
	total := 0.0 // in float64: the int products may overflow
	for l := 0; l+1 < len(m.sizes); l++ {
		total += float64(m.sizes[l]+1) * float64(m.sizes[l+1])
	}
	if err := checkParams("mlp", total); err != nil {
		return nil, err
	}
	off := 0
	for l := 0; l+1 < len(m.sizes); l++ {
		in, out := m.sizes[l], m.sizes[l+1]
		m.wOff = append(m.wOff, off)
		off += in * out
		m.bOff = append(m.bOff, off)
		off += out
	}
	m.np = off
	return m, nil
}

func (m *mlp) NumParams() int { return m.np }

func (m *mlp) layers() int { return len(m.sizes) - 1 }

func (m *mlp) Layout() []Block {
	var out []Block
	for l := 0; l < m.layers(); l++ {
		in, o := m.sizes[l], m.sizes[l+1]
		out = append(out,
			Block{Name: fmt.Sprintf("W%d", l+1), Offset: m.wOff[l], Rows: o, Cols: in, Weight: true},
			Block{Name: fmt.Sprintf("b%d", l+1), Offset: m.bOff[l], Rows: o, Cols: 1})
	}
	return out
}

// Init draws the weights of each layer, in layout order, from He normal
// N(0, 2/fan_in) for relu networks and Glorot uniform U(±√(6/(fan_in+fan_out)))
// otherwise, using a PCG generator seeded with seed; biases are zero.
func (m *mlp) Init(params []float64, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 0x6d6c70))
	for l := 0; l < m.layers(); l++ {
		in, out := m.sizes[l], m.sizes[l+1]
		w := params[m.wOff[l] : m.wOff[l]+in*out]
		if m.act == actReLU {
			std := math.Sqrt(2 / float64(in))
			for i := range w {
				w[i] = std * r.NormFloat64()
			}
		} else {
			lim := math.Sqrt(6 / float64(in+out))
			for i := range w {
				w[i] = lim * (2*r.Float64() - 1)
			}
		}
		clear(params[m.bOff[l] : m.bOff[l]+out])
	}
}

func (m *mlp) Penalty(grad, params []float64) float64 {
	var v float64
	for l := 0; l < m.layers(); l++ {
		lo, hi := m.wOff[l], m.bOff[l]
		var g []float64
		if grad != nil {
			g = grad[lo:hi]
		}
		v += m.penalty(g, params[lo:hi])
	}
	return v
}

// buffers carves the workspace for nb rows: the activations A_0 … A_L (A_0
// only when rows are gathered) and two delta buffers.
func (m *mlp) buffers(ws *Workspace, nb int, gather bool) (acts [][]float64, d1, d2 []float64, z []float64) {
	L := m.layers()
	widest := 0
	total := 0
	for l, s := range m.sizes {
		if l > 0 || gather {
			total += nb * s
		}
		widest = max(widest, s)
	}
	buf := ws.floats(total + 2*nb*widest + m.k)
	acts = ws.acts(L + 1)
	off := 0
	for l, s := range m.sizes {
		if l == 0 && !gather {
			continue
		}
		acts[l] = buf[off : off+nb*s]
		off += nb * s
	}
	d1 = buf[off : off+nb*widest]
	off += nb * widest
	d2 = buf[off : off+nb*widest]
	off += nb * widest
	z = buf[off : off+m.k]
	return
}

func (m *mlp) LossGradDense(grad, params, X, y []float64, idx []int, ws *Workspace) float64 {
	return m.lossGradScaled(grad, params, X, y, idx, ws, 1)
}

// lossGradScaled is LossGradDense with the gradient (not the loss) scaled by
// scale, folded into the output deltas so that no extra pass over the
// gradient is needed (BatchObjective passes 1/n).
func (m *mlp) lossGradScaled(grad, params, X, y []float64, idx []int, ws *Workspace, scale float64) float64 {
	if ws == nil {
		ws = new(Workspace)
	}
	n := len(y)
	if idx != nil {
		n = len(idx)
	}
	if len(X) < len(y)*m.d || len(params) < m.np || (grad != nil && len(grad) < m.np) {
		panic("model: LossGradDense: slice too short")
	}
	// Each chunk of 128 rows is two halves of at most 64: the first adds
	// its gradient to grad, the second to a zeroed buffer that is then
	// added to grad. The split is fixed, so the operations, and the bits,
	// are the same whether the halves run one after the other or, with
	// Threads > 1, on two goroutines at once (one synchronization per
	// chunk, which amortizes the ~100 µs it takes to wake a goroutine).
	ws.gemm.Threads = max(1, ws.Threads/2)
	// The weights are packed for the forward products once per call and
	// shared by every chunk and both halves.
	if len(ws.pw) < m.layers() {
		ws.pw = make([]kernel.PackedB, m.layers())
	}
	pw := ws.pw[:m.layers()]
	if m.f32 {
		m.pack32(params, ws)
	} else {
		for l := range pw {
			in, out := m.sizes[l], m.sizes[l+1]
			pw[l].Pack(in, out, params[m.wOff[l]:m.wOff[l]+in*out], 1, in)
		}
	}
	var loss float64
	for start := 0; start < n; start += chunk {
		nb := min(chunk, n-start)
		if nb <= chunk/2 {
			loss += m.chunk(grad, params, X, y, idx, start, nb, pw, ws, ws, scale)
			continue
		}
		h := ws.half()
		h.gemm.Threads = ws.gemm.Threads
		if grad != nil && len(h.grad) < m.np {
			h.grad = make([]float64, m.np)
		}
		var g1 []float64
		if grad != nil {
			g1 = h.grad[:m.np]
		}
		n0 := chunk / 2
		h.job = halfJob{m: m, grad: g1, params: params, X: X, y: y, idx: idx, start: start + n0, nb: nb - n0, pw: pw, scale: scale, packed: ws}
		if ws.Threads > 1 {
			gen := h.startHalf()
			loss += m.chunk(grad, params, X, y, idx, start, n0, pw, ws, ws, scale)
			h.waitHalf(gen)
		} else {
			loss += m.chunk(grad, params, X, y, idx, start, n0, pw, ws, ws, scale)
			h.runHalf()
		}
		loss += h.job.loss
		h.job = halfJob{}
		if grad != nil {
			kernel.Axpy(1, g1, grad[:m.np]) // 1·v is exact: a plain sum
		}
	}
	return loss
}

// chunk runs chunkLoss, or chunkLoss32 with the float32 weights packed in
// packed, on the workspace ws.
func (m *mlp) chunk(grad, params, X, y []float64, idx []int, start, nb int, pw []kernel.PackedB, packed, ws *Workspace, scale float64) float64 {
	if m.f32 {
		return m.chunkLoss32(grad, X, y, idx, start, nb, packed.f32, ws, scale)
	}
	return m.chunkLoss(grad, params, X, y, idx, start, nb, pw, ws, scale)
}

// chunkLoss returns the summed loss of rows start … start+nb−1 (of idx if
// not nil) and adds their gradient to grad unless it is nil.
func (m *mlp) chunkLoss(grad, params, X, y []float64, idx []int, start, nb int, pw []kernel.PackedB, ws *Workspace, scale float64) float64 {
	d, k := m.d, m.k
	acts, da, db, z := m.buffers(ws, nb, idx != nil)
	if idx == nil {
		acts[0] = X[start*d : (start+nb)*d]
	} else {
		for j := 0; j < nb; j++ {
			i := idx[start+j]
			copy(acts[0][j*d:j*d+d], X[i*d:i*d+d])
		}
	}
	m.forward(params, acts, nb, pw, ws)
	// Output deltas into da (nb×k) and the loss.
	out := acts[m.layers()]
	var loss float64
	for j := 0; j < nb; j++ {
		i := start + j
		if idx != nil {
			i = idx[i]
		}
		loss += m.outLoss(da[j*k:j*k+k], out[j*k:j*k+k], z, y[i])
	}
	if grad != nil {
		if scale != 1 {
			for i := range da[:nb*k] {
				da[i] *= scale
			}
		}
		m.backward(grad, params, acts, da, db, nb, ws)
	}
	return loss
}

// outLoss returns the loss of one example with output scores o and label
// y, and stores ∂loss/∂o in delta.
func (m *mlp) outLoss(delta, o, z []float64, y float64) float64 {
	switch {
	case m.task == Regression:
		r := o[0] - y
		delta[0] = 2 * r
		return r * r
	case m.k == 1:
		t := 0.0
		if y == m.classes[1] {
			t = 1
		}
		l, dz := logitLoss(o[0], t)
		delta[0] = dz
		return l
	}
	zmax := math.Inf(-1)
	for _, v := range o {
		zmax = max(zmax, v)
	}
	var sum float64
	for _, v := range o {
		sum += math.Exp(v - zmax)
	}
	lse := zmax + math.Log(sum)
	t := max(classIndex(m.classes, y), 0)
	for c, v := range o {
		delta[c] = math.Exp(v - lse)
	}
	delta[t]--
	return lse - o[t]
}

// forward computes acts[1…L] from acts[0]: Z_l = A_{l−1}·W_lᵀ + b_l, with the
// activation applied on hidden layers and the output left linear.
// pw holds the packed weights, or is nil to pack them here.
func (m *mlp) forward(params []float64, acts [][]float64, nb int, pw []kernel.PackedB, ws *Workspace) {
	L := m.layers()
	for l := 0; l < L; l++ {
		in, out := m.sizes[l], m.sizes[l+1]
		W := params[m.wOff[l] : m.wOff[l]+in*out]
		b := params[m.bOff[l] : m.bOff[l]+out]
		Z := acts[l+1]
		for j := 0; j < nb; j++ {
			copy(Z[j*out:j*out+out], b)
		}
		if pw != nil {
			ws.gemm.MulAddPacked(nb, acts[l], in, 1, &pw[l], Z, out)
		} else {
			ws.gemm.MulAdd(nb, out, in, acts[l], in, 1, W, 1, in, Z, out)
		}
		if l+1 < L {
			m.activate(Z)
		}
	}
}

func (m *mlp) activate(z []float64) {
	switch m.act {
	case actReLU:
		// Branch-free max(v, 0): the signs of random pre-activations
		// defeat branch prediction. Clears values with the sign bit set.
		for i, v := range z {
			b := math.Float64bits(v)
			z[i] = math.Float64frombits(b &^ uint64(int64(b)>>63))
		}
	case actTanh:
		for i, v := range z {
			z[i] = math.Tanh(v)
		}
	case actSigmoid:
		for i, v := range z {
			z[i] = sigmoid(v)
		}
	}
}

// backward accumulates the weight and bias gradients given the output
// deltas in da, back-propagating through the hidden layers: dW_l += δ_lᵀ·A_{l−1},
// db_l += Σ_rows δ_l, δ_{l−1} = (δ_l·W_l) ⊙ act′(A_{l−1}).
func (m *mlp) backward(grad, params []float64, acts [][]float64, da, db []float64, nb int, ws *Workspace) {
	for l := m.layers() - 1; l >= 0; l-- {
		in, out := m.sizes[l], m.sizes[l+1]
		delta := da[:nb*out]
		A := acts[l]
		gW := grad[m.wOff[l] : m.wOff[l]+in*out]
		gb := grad[m.bOff[l] : m.bOff[l]+out]
		ws.gemm.MulAdd(out, in, nb, delta, 1, out, A, in, 1, gW, in)
		for j := 0; j < nb; j++ {
			dj := delta[j*out : j*out+out]
			for c, v := range dj {
				gb[c] += v
			}
		}
		if l == 0 {
			break
		}
		W := params[m.wOff[l] : m.wOff[l]+in*out]
		prev := db[:nb*in]
		clear(prev)
		ws.gemm.MulAdd(nb, in, out, delta, out, 1, W, in, 1, prev, in)
		switch m.act {
		case actReLU:
			// relu′ is 1 where the output a > 0 and 0 where a = 0;
			// branch-free: x|−x has its top bit set iff x ≠ 0.
			A := A[:len(prev)]
			for i, a := range A {
				ab := math.Float64bits(a)
				mask := uint64(int64(ab|-ab) >> 63)
				prev[i] = math.Float64frombits(math.Float64bits(prev[i]) & mask)
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

func (m *mlp) Predict(dst, params, x []float64, ws *Workspace) {
	if ws == nil {
		ws = new(Workspace)
	}
	ws.gemm.Threads = 1
	acts, _, _, _ := m.buffers(ws, 1, false)
	acts[0] = x[:m.d]
	m.forward(params, acts, 1, nil, ws)
	out := acts[m.layers()]
	switch {
	case m.task == Regression:
		dst[0] = out[0]
	case m.k == 1:
		dst[0] = sigmoid(out[0])
	default:
		zmax := math.Inf(-1)
		for c, v := range out {
			dst[c] = v
			zmax = max(zmax, v)
		}
		softmaxInPlace(dst[:m.k], zmax)
	}
}

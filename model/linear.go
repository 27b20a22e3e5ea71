package model

import (
	"math"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/internal/kernel"
)

// linear is the family of generalized linear models: linear regression
// (squared error), logistic regression (binary cross-entropy) and softmax
// regression (multinomial cross-entropy). θ = [W (k×d), b (k)].
type linear struct {
	shape
	name string // "linear", "logistic" or "softmax"
}

func (m *linear) NumParams() int { return m.k*m.d + m.k }

func (m *linear) Layout() []Block {
	return []Block{
		{Name: "W", Offset: 0, Rows: m.k, Cols: m.d, Weight: true},
		{Name: "b", Offset: m.k * m.d, Rows: m.k, Cols: 1},
	}
}

// Init sets every parameter to zero: the objectives are convex, and zero is
// the customary start (scikit-learn, glmnet). seed is unused.
func (m *linear) Init(params []float64, seed uint64) {
	clear(params[:m.NumParams()])
}

func (m *linear) Penalty(grad, params []float64) float64 {
	return m.penalty(grad, params[:m.k*m.d])
}

// pointLoss returns the loss of one example with linear score z and target
// y, and the derivative of the loss with respect to z.
func (m *linear) pointLoss(z, y float64) (loss, dz float64) {
	if m.name == "linear" {
		r := z - y
		return r * r, 2 * r
	}
	t := 0.0
	if y == m.classes[1] {
		t = 1
	}
	return logitLoss(z, t)
}

// logitLoss returns the binary cross-entropy log(1+eᶻ) − t·z and its
// derivative σ(z) − t, without overflow for any z.
func logitLoss(z, t float64) (loss, dz float64) {
	e := math.Exp(-math.Abs(z))
	var sig float64
	if z >= 0 {
		sig = 1 / (1 + e)
		loss = z + math.Log1p(e) - t*z
	} else {
		sig = e / (1 + e)
		loss = math.Log1p(e) - t*z
	}
	return loss, sig - t
}

func (m *linear) LossGradDense(grad, params, X, y []float64, idx []int, ws *Workspace) float64 {
	if ws == nil {
		ws = new(Workspace)
	}
	d := m.d
	n := len(y)
	if idx != nil {
		n = len(idx)
	}
	if len(X) < len(y)*d || len(params) < m.NumParams() || (grad != nil && len(grad) < m.NumParams()) {
		panic("model: LossGradDense: slice too short")
	}
	row := func(j int) []float64 {
		if idx != nil {
			j = idx[j]
		}
		return X[j*d : j*d+d : j*d+d]
	}
	label := func(j int) float64 {
		if idx != nil {
			return y[idx[j]]
		}
		return y[j]
	}
	if m.k > 1 {
		var loss float64
		for j := 0; j < n; j++ {
			loss += m.softmaxRow(grad, params, row(j), nil, label(j), ws)
		}
		return loss
	}
	w, b := params[:d], params[d]
	var gw []float64
	if grad != nil {
		gw = grad[:d]
	}
	var loss, gb float64
	const ahead = 8 // rows of an index list prefetched ahead of use
	if idx != nil {
		for j := 0; j < min(ahead, n); j++ {
			kernel.Prefetch(row(j))
		}
	}
	j := 0
	for ; j+4 <= n; j += 4 {
		if idx != nil && j+ahead+4 <= n {
			kernel.Prefetch(row(j + ahead))
			kernel.Prefetch(row(j + ahead + 1))
			kernel.Prefetch(row(j + ahead + 2))
			kernel.Prefetch(row(j + ahead + 3))
		}
		r0, r1, r2, r3 := row(j), row(j+1), row(j+2), row(j+3)
		// Four separate dot products read the rows one after the other,
		// a single sequential stream for consecutive rows; the lock-step
		// Dot4 reads four interleaved streams, which the hardware
		// prefetchers follow at a third of the bandwidth.
		z0, z1, z2, z3 := kernel.Dot(r0, w), kernel.Dot(r1, w), kernel.Dot(r2, w), kernel.Dot(r3, w)
		l0, c0 := m.pointLoss(z0+b, label(j))
		l1, c1 := m.pointLoss(z1+b, label(j+1))
		l2, c2 := m.pointLoss(z2+b, label(j+2))
		l3, c3 := m.pointLoss(z3+b, label(j+3))
		loss += l0 + l1 + l2 + l3
		if gw != nil {
			a := [4]float64{c0, c1, c2, c3}
			kernel.Axpy4(gw, &a, r0, r1, r2, r3)
			gb += c0 + c1 + c2 + c3
		}
	}
	for ; j < n; j++ {
		r := row(j)
		l, c := m.pointLoss(kernel.Dot(r, w)+b, label(j))
		loss += l
		if gw != nil {
			kernel.Axpy(c, r, gw)
			gb += c
		}
	}
	if grad != nil {
		grad[d] += gb
	}
	return loss
}

// softmaxRow adds the gradient of one example's cross-entropy to grad and
// returns the loss. The example is the dense row x or, if x is nil, the
// sparse row (cols, vals).
func (m *linear) softmaxRow(grad, params, x []float64, sp *sparseRow, y float64, ws *Workspace) float64 {
	d, k := m.d, m.k
	z := ws.floats(k)
	W, b := params[:k*d], params[k*d:k*d+k]
	c := 0
	if x != nil {
		for ; c+4 <= k; c += 4 {
			z[c], z[c+1], z[c+2], z[c+3] = kernel.Dot4(x, W[c*d:], W[(c+1)*d:], W[(c+2)*d:], W[(c+3)*d:])
		}
		for ; c < k; c++ {
			z[c] = kernel.Dot(x, W[c*d:])
		}
	} else {
		for c := range z {
			z[c] = sp.dot(W[c*d : c*d+d])
		}
	}
	zmax := math.Inf(-1)
	for c := range z {
		z[c] += b[c]
		zmax = max(zmax, z[c])
	}
	var sum float64
	for c := range z {
		sum += math.Exp(z[c] - zmax)
	}
	lse := zmax + math.Log(sum)
	t := max(classIndex(m.classes, y), 0)
	loss := lse - z[t]
	if grad != nil {
		gW, gb := grad[:k*d], grad[k*d:k*d+k]
		for c := range z {
			delta := math.Exp(z[c] - lse)
			if c == t {
				delta--
			}
			if x != nil {
				kernel.Axpy(delta, x, gW[c*d:c*d+d])
			} else {
				sp.axpy(delta, gW[c*d:c*d+d])
			}
			gb[c] += delta
		}
	}
	return loss
}

// sparseRow is one row of a CSR matrix.
type sparseRow struct {
	cols []int32
	vals []float64
}

func (r *sparseRow) dot(w []float64) float64 {
	var s float64
	for i, c := range r.cols {
		s += r.vals[i] * w[c]
	}
	return s
}

func (r *sparseRow) axpy(a float64, g []float64) {
	for i, c := range r.cols {
		g[c] += a * r.vals[i]
	}
}

func (m *linear) LossGradCSR(grad, params []float64, X *data.CSR, idx []int, ws *Workspace) float64 {
	if ws == nil {
		ws = new(Workspace)
	}
	n := X.N
	if idx != nil {
		n = len(idx)
	}
	d := m.d
	var loss, gb float64
	for j := 0; j < n; j++ {
		i := j
		if idx != nil {
			i = idx[j]
		}
		lo, hi := X.Indptr[i], X.Indptr[i+1]
		r := sparseRow{cols: X.Indices[lo:hi], vals: X.Values[lo:hi]}
		if m.k > 1 {
			loss += m.softmaxRow(grad, params, nil, &r, X.Y[i], ws)
			continue
		}
		l, c := m.pointLoss(r.dot(params[:d])+params[d], X.Y[i])
		loss += l
		if grad != nil {
			r.axpy(c, grad[:d])
			gb += c
		}
	}
	if grad != nil && m.k == 1 {
		grad[d] += gb
	}
	return loss
}

func (m *linear) Predict(dst, params, x []float64, ws *Workspace) {
	d, k := m.d, m.k
	x = x[:d]
	if k == 1 {
		z := kernel.Dot(x, params[:d]) + params[d]
		if m.name == "logistic" {
			z = sigmoid(z)
		}
		dst[0] = z
		return
	}
	zmax := math.Inf(-1)
	for c := 0; c < k; c++ {
		dst[c] = kernel.Dot(x, params[c*d:c*d+d]) + params[k*d+c]
		zmax = max(zmax, dst[c])
	}
	softmaxInPlace(dst[:k], zmax)
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// softmaxInPlace replaces z by softmax(z); zmax is max(z).
func softmaxInPlace(z []float64, zmax float64) {
	var sum float64
	for c := range z {
		z[c] = math.Exp(z[c] - zmax)
		sum += z[c]
	}
	for c := range z {
		z[c] /= sum
	}
}

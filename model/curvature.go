package model

import (
	"errors"
	"fmt"
	"math"
	"runtime"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/kernel"
	"github.com/descentgo/descent/spec"
)

// Rows is a data set as Curvature reads it: a function that visits every
// example once, in a fixed order, as consecutive blocks, passing each
// block to visit as a dense or a CSR matrix (the other one nil). DenseRows
// and CSRRows make one for a data set in memory; a streamed data set
// visits the chunks of one pass over its file.
type Rows func(visit func(dense *data.Dense, csr *data.CSR))

// DenseRows returns the Rows of a dense data set in memory: one block.
func DenseRows(d *data.Dense) Rows {
	return func(visit func(*data.Dense, *data.CSR)) { visit(d, nil) }
}

// StridedRows returns the dense rows of rows thinned to at most max: every
// k-th row with k = ⌈n/max⌉, counted across blocks in order, gathered into
// one block (a deterministic, evenly spread sample for estimates such as
// Conditioning's; rows itself when n ≤ max). It visits rows to count them,
// and once more at its first visit to gather them; later visits pass the
// gathered block again (a Lanczos estimate visits its rows twice per
// step, and each gathering was a fresh block: 2 MB per MLP curvature on
// 500 rows). CSR blocks are passed through unthinned, and then the rows
// are visited again each time.
func StridedRows(rows Rows, max int) Rows {
	n := denseCount(rows)
	if n <= max || max <= 0 {
		return rows
	}
	k := (n + max - 1) / max
	var kept *data.Dense // the gathered block, once rows had no CSR block
	return func(visit func(*data.Dense, *data.CSR)) {
		if kept != nil {
			visit(kept, nil)
			return
		}
		var out *data.Dense
		i, sparse := 0, false
		rows(func(dn *data.Dense, cs *data.CSR) {
			if dn == nil {
				sparse = true
				visit(nil, cs)
				return
			}
			if out == nil {
				out = &data.Dense{D: dn.D, X: make([]float64, 0, (n/k+1)*dn.D), Y: make([]float64, 0, n/k+1)}
			}
			for r := 0; r < dn.N; r, i = r+1, i+1 {
				if i%k == 0 {
					out.X = append(out.X, dn.X[r*dn.D:(r+1)*dn.D]...)
					out.Y = append(out.Y, dn.Y[r])
					out.N++
				}
			}
		})
		if out != nil {
			if !sparse {
				kept = out
			}
			visit(out, nil)
		}
	}
}

// denseCount counts the dense rows of rows (one visit).
func denseCount(rows Rows) int {
	n := 0
	rows(func(dn *data.Dense, _ *data.CSR) {
		if dn != nil {
			n += dn.N
		}
	})
	return n
}

// SpreadRuns is the number of runs of consecutive rows SpreadRows keeps.
const SpreadRuns = 32

// SpreadRows returns at most m of the dense rows of rows without copying
// them: SpreadRuns runs of consecutive rows (row indexes counted across
// blocks in order), the r-th starting at row ⌊r·n/SpreadRuns⌋, each
// ⌊m/SpreadRuns⌋ long (at least 1) — a sample from SpreadRuns places
// spread evenly over the rows, as views of the blocks rows visits. StridedRows keeps every k-th row instead, in
// a gathered block: a fresh block costs a page fault per 4 KB, which on
// 2,000 rows of 20 features was a tenth of a short run's advice. It visits
// rows to count them, then once per visit; a run that crosses a block's
// end is visited as two views. CSR blocks are passed through unthinned;
// rows itself is returned when n ≤ m.
func SpreadRows(rows Rows, m int) Rows {
	n := denseCount(rows)
	if n <= m || m <= 0 {
		return rows
	}
	runs := min(SpreadRuns, m)
	length := m / runs
	start := make([]int, runs)
	for r := range start {
		start[r] = r * n / runs
	}
	return func(visit func(*data.Dense, *data.CSR)) {
		off := 0 // the index of the block's first row
		rows(func(dn *data.Dense, cs *data.CSR) {
			if dn == nil {
				visit(nil, cs)
				return
			}
			for _, a := range start {
				lo, hi := max(a, off), min(a+length, off+dn.N)
				if lo >= hi {
					continue
				}
				i, j := lo-off, hi-off
				visit(&data.Dense{N: j - i, D: dn.D, X: dn.X[i*dn.D : j*dn.D], Y: dn.Y[i:j]}, nil)
			}
			off += dn.N
		})
	}
}

// CSRRows returns the Rows of a CSR data set in memory: one block.
func CSRRows(c *data.CSR) Rows {
	return func(visit func(*data.Dense, *data.CSR)) { visit(nil, c) }
}

// ErrNoBound is returned by CurvatureBound for models whose curvature has
// no bound over all parameters (the MLP).
var ErrNoBound = errors.New("model: the curvature of this model has no bound over all weights")

// exactDim is the largest Hessian dimension for which Curvature forms the
// Hessian and decomposes it; above it, Lanczos runs on exact products.
const exactDim = 64

// mlpSteps is the number of Lanczos steps (Hessian–vector products, two
// gradients each) on an MLP: the largest eigenvalue of a network's Hessian
// is usually well separated from the rest (Ghorbani, Krishnan & Xiao,
// "An Investigation into Neural Net Optimization via Hessian Eigenvalue
// Density", ICML 2019), so it converges in far fewer steps than
// curvature.MaxSteps: 12 steps, at under a third of their cost.
const mlpSteps = 12

// MLPCurvatureSteps is the number of Lanczos steps Curvature takes on an
// MLP, each a Hessian–vector product of two gradients over the rows: the
// cost of one estimate is 2·MLPCurvatureSteps gradient passes.
const MLPCurvatureSteps = mlpSteps

// Curvature returns L = λmax(∇²F(θ)), the largest eigenvalue of the
// Hessian of the training objective F (see the package documentation) at
// θ = params over the examples rows, with Min the smallest eigenvalue (or
// Ritz value). The l1 term, which has no second derivative, is left out;
// the l2 term adds l2 on the weights' diagonal. X̃ = [X 1] is the design
// matrix with the bias column, n its number of rows, and P the diagonal
// projection on the weights (biases have no penalty).
//
// For the generalized linear models the Hessian is exact:
//
//	linear (ℓ = (ŷ−y)², no ½):  ∇²F = (2/n)·X̃ᵀX̃ + l2·P, the same at every θ
//	logistic:                    ∇²F = (1/n)·X̃ᵀ diag(pᵢ(1−pᵢ)) X̃ + l2·P,  pᵢ = σ(x̃ᵢᵀθ)
//	softmax (K classes):         ∇²F = (1/n)·Σᵢ (diag(pᵢ) − pᵢpᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ + l2·(I_K ⊗ P)
//
// (Böhning, "Multinomial logistic regression algorithm", Ann. Inst. Statist.
// Math. 44, 1992, for the softmax block form). Up to 64 parameters the
// Hessian is formed in one pass and decomposed (gonum's EigenSym), beyond
// by Lanczos (curvature.Lanczos, at most curvature.MaxSteps products of two
// passes each, never forming X̃ᵀX̃). Estimate.Exact is true.
//
// For the MLP the products are central differences of the gradient,
// H·v ≈ (∇F(θ+hv) − ∇F(θ−hv))/2h as in curvature.At, with 12 Lanczos
// steps; Exact is false. The MLP needs dense blocks.
//
// Curvature returns an error when rows has no examples, a block has the
// wrong number of features, or the products are not finite.
func Curvature(m Model, rows Rows, params []float64) (curvature.Estimate, error) {
	return CurvatureTol(m, rows, params, 0)
}

// CurvatureTol is Curvature for a caller that needs L only: the MLP's
// Lanczos process stops once its largest Ritz value has converged to the
// relative tolerance tol (curvature.LanczosTol: the Ritz estimate, the
// residual norm of the Ritz pair, at most tol·L), after fewer than 12
// steps when the top of the spectrum is well separated — Estimate.Products
// tells how many. Min is then less converged. tol = 0 is Curvature; the
// generalized linear models' estimates are exact and ignore tol.
func CurvatureTol(m Model, rows Rows, params []float64, tol float64) (curvature.Estimate, error) {
	if len(params) != m.NumParams() {
		panic(fmt.Sprintf("model: Curvature: %d parameters, model %s has %d", len(params), m.Spec(), m.NumParams()))
	}
	switch mm := m.(type) {
	case *linear:
		h, err := newHess(mm, rows, params, 0)
		if err != nil {
			return curvature.Estimate{}, err
		}
		return h.largest()
	case *mlp:
		return mlpCurvature(mm, rows, params, tol)
	}
	panic(fmt.Sprintf("model: Curvature: unknown model type %T", m))
}

// CurvatureBound returns a bound of λmax(∇²F(θ)) that holds at every θ,
// for the generalized linear models:
//
//	linear:    λmax((2/n)·X̃ᵀX̃ + l2·P), the exact value (the Hessian is constant)
//	logistic:  λmax((1/4n)·X̃ᵀX̃ + l2·P), as pᵢ(1−pᵢ) ≤ ¼ (equal at θ = 0)
//	softmax:   λmax((1/2n)·X̃ᵀX̃ + l2·P), Böhning's bound (1992):
//	           diag(p) − ppᵀ ≼ ½(I_K − 11ᵀ/K), whose largest eigenvalue is ½
//
// with the notation of Curvature. For the MLP it returns ErrNoBound.
func CurvatureBound(m Model, rows Rows) (float64, error) {
	lm, ok := m.(*linear)
	if !ok {
		return 0, ErrNoBound
	}
	c := lm.boundFactor()
	h, err := newHess(lm, rows, nil, c)
	if err != nil {
		return 0, err
	}
	est, err := h.largest()
	return est.L, err
}

// boundFactor is the c of CurvatureBound: the bound of the loss's second
// derivative in the score, 2 (linear), ¼ (logistic) or ½ (softmax).
func (lm *linear) boundFactor() float64 {
	switch {
	case lm.name == "logistic":
		return 0.25
	case lm.k > 1:
		return 0.5
	}
	return 2
}

// hess is the Hessian of a generalized linear model's objective,
//
//	H = (1/n)·Σᵢ Ωᵢ ⊗ x̃ᵢx̃ᵢᵀ + l2·(I_k ⊗ P),
//
// with the k×k weight Ωᵢ of example i: from the scores at params, or the
// constant c (k = 1) when params is nil. H is held in block order — output
// c's weights and then its bias, c = 0, …, k−1 — a permutation of θ's
// layout, which changes no eigenvalue.
type hess struct {
	m      *linear
	k, d   int
	l2     float64
	params []float64
	c      float64
	rows   Rows
	n      int

	z, om, u []float64 // scratch: scores, Ω (k×k), Ω·(V·x̃)
	xt       []float64 // the current dense row x̃ (d+1)
	sp       sparseRow // the current sparse row, without the bias
	dense    bool      // the current row is xt (else sp)
}

func newHess(m *linear, rows Rows, params []float64, c float64) (*hess, error) {
	h := &hess{m: m, k: m.k, d: m.d, l2: m.l2, params: params, c: c, rows: rows}
	if params == nil {
		h.k = 1
	}
	h.z = make([]float64, h.k)
	h.om = make([]float64, h.k*h.k)
	h.u = make([]float64, h.k)
	h.xt = make([]float64, h.d+1)
	var err error
	rows(func(dn *data.Dense, cs *data.CSR) {
		if err != nil {
			return
		}
		w, rn := 0, 0
		if dn != nil {
			w, rn = dn.D, dn.N
		} else {
			w, rn = cs.D, cs.N
		}
		if w != h.d {
			err = fmt.Errorf("model: a block of the data has %d features, model %s expects %d", w, m.Spec(), h.d)
		}
		h.n += rn
	})
	if err == nil && h.n == 0 {
		err = errors.New("model: no examples")
	}
	return h, err
}

// dim is the dimension of H.
func (h *hess) dim() int { return h.k * (h.d + 1) }

// each calls f for every example, with the row in h.xt (dense) or h.sp
// (sparse; its bias entry 1 is implied) and Ωᵢ in h.om.
func (h *hess) each(f func()) {
	h.rows(func(dn *data.Dense, cs *data.CSR) {
		if dn != nil {
			h.dense = true
			h.xt[h.d] = 1
			for i := 0; i < dn.N; i++ {
				copy(h.xt, dn.X[i*h.d:(i+1)*h.d])
				h.row(f)
			}
			return
		}
		h.dense = false
		for i := 0; i < cs.N; i++ {
			lo, hi := cs.Indptr[i], cs.Indptr[i+1]
			h.sp = sparseRow{cols: cs.Indices[lo:hi], vals: cs.Values[lo:hi]}
			h.row(f)
		}
	})
}

// dot returns wᵀx̃ for the current row, w of length d+1 (bias last).
func (h *hess) dot(w []float64) float64 {
	if h.dense {
		return kernel.Dot(h.xt, w)
	}
	return h.sp.dot(w) + w[h.d]
}

// axpy adds a·x̃ of the current row to y (length d+1).
func (h *hess) axpy(a float64, y []float64) {
	if h.dense {
		kernel.Axpy(a, h.xt, y)
		return
	}
	h.sp.axpy(a, y)
	y[h.d] += a
}

// row computes Ω of the current row and calls f.
func (h *hess) row(f func()) {
	if h.constant() {
		h.om[0] = h.c
		if h.params != nil {
			h.om[0] = 2 // linear regression
		}
		f()
		return
	}
	d, k := h.d, h.k
	for c := 0; c < k; c++ {
		w := h.params[c*d : c*d+d]
		if h.dense {
			h.z[c] = kernel.Dot(h.xt[:d], w) + h.params[k*d+c]
		} else {
			h.z[c] = h.sp.dot(w) + h.params[k*d+c]
		}
	}
	switch {
	case k == 1: // logistic
		p := sigmoid(h.z[0])
		h.om[0] = p * (1 - p)
	default: // softmax: Ω = diag(p) − ppᵀ
		zmax := math.Inf(-1)
		for _, v := range h.z {
			zmax = max(zmax, v)
		}
		softmaxInPlace(h.z, zmax)
		for a, pa := range h.z {
			for b, pb := range h.z {
				h.om[a*k+b] = -pa * pb
			}
			h.om[a*k+a] += pa
		}
	}
	f()
}

// largest returns the extreme eigenvalues of H.
func (h *hess) largest() (curvature.Estimate, error) {
	if h.dim() <= exactDim {
		return h.decompose()
	}
	est, err := curvature.Lanczos(h.dim(), min(h.dim(), curvature.MaxSteps), h.mul)
	est.Exact = true
	return est, err
}

// decompose forms H and returns its extreme eigenvalues: per example,
// the upper triangle of x̃x̃ᵀ once, added Ω_ab times into block (a, b).
func (h *hess) decompose() (curvature.Estimate, error) {
	n, p, k := h.dim(), h.d+1, h.k
	M := make([]float64, n*n)
	if h.constant() {
		h.gram(M)
		return h.eigen(M)
	}
	if k == 1 && h.weightedGram(M) {
		return h.eigen(M)
	}
	outer := make([]float64, p*p) // x̃x̃ᵀ, upper triangle
	h.each(func() {
		if h.dense {
			for t, xv := range h.xt {
				kernel.Axpy(xv, h.xt[t:], outer[t*p+t:t*p+p])
			}
		} else {
			// the entries of x̃: the stored ones and the bias
			cols, vals := h.sp.cols, h.sp.vals
			for t, ct := range cols {
				r := outer[int(ct)*p:]
				for t2 := t; t2 < len(cols); t2++ {
					r[cols[t2]] += vals[t] * vals[t2]
				}
				r[h.d] += vals[t]
			}
			outer[p*p-1]++
		}
		if k > 1 { // the off-diagonal blocks need all of x̃x̃ᵀ
			for t := 1; t < p; t++ {
				for t2 := 0; t2 < t; t2++ {
					outer[t*p+t2] = outer[t2*p+t]
				}
			}
		}
		for a := 0; a < k; a++ {
			for b := a; b < k; b++ {
				w := h.om[a*k+b]
				if w == 0 {
					continue
				}
				for t := 0; t < p; t++ {
					lo := 0
					if a == b {
						lo = t
					}
					kernel.Axpy(w, outer[t*p+lo:t*p+p], M[(a*p+t)*n+b*p+lo:(a*p+t)*n+b*p+p])
				}
			}
		}
		clear(outer)
	})
	return h.eigen(M)
}

// gramBlock is the number of rows weightedGram scales before each SYRK.
const gramBlock = 256

// weightedGram forms H's upper triangle for k = 1 (logistic regression:
// Σᵢ ωᵢ x̃ᵢx̃ᵢᵀ with ωᵢ = pᵢ(1−pᵢ)) as SYRK on blocks of rows scaled by
// √ωᵢ, instead of one rank-1 update per row (about 5× faster on 400,000 ×
// 20). Blocks are of gramBlock rows in the order of the data, so the sum's
// order is fixed. It returns false, leaving M zero, on sparse rows.
func (h *hess) weightedGram(M []float64) bool {
	p := h.d + 1
	buf := make([]float64, 0, gramBlock*p)
	c := blas64.Symmetric{Uplo: blas.Upper, N: p, Stride: p, Data: M}
	flush := func() {
		if r := len(buf) / p; r > 0 {
			blas64.Syrk(blas.Trans, 1, blas64.General{Rows: r, Cols: p, Stride: p, Data: buf}, 1, c)
		}
		buf = buf[:0]
	}
	sparse := false
	h.each(func() {
		if !h.dense {
			sparse = true
			return
		}
		s := math.Sqrt(h.om[0])
		for _, v := range h.xt {
			buf = append(buf, s*v)
		}
		if len(buf) == cap(buf) {
			flush()
		}
	})
	if sparse {
		clear(M)
		return false
	}
	flush()
	return true
}

// constant reports whether Ω is the same for every example: for bounds,
// and for linear regression, whose Hessian does not depend on θ.
func (h *hess) constant() bool { return h.params == nil || h.m.name == "linear" }

// gram adds ω·X̃ᵀX̃ (upper triangle) into M (k = 1, (d+1)×(d+1)) for the
// constant ω: by BLAS's SYRK on dense blocks, row by row on CSR blocks.
func (h *hess) gram(M []float64) {
	p := h.d + 1
	w := h.c
	if h.params != nil {
		w = 2 // linear regression
	}
	var g kernel.Gemm
	var T []float64
	h.rows(func(dn *data.Dense, cs *data.CSR) {
		if dn != nil {
			if dn.N == 0 {
				return
			}
			// XᵀX by the packed GEMM kernel (2.5× BLAS's SYRK on 10,000 ×
			// 20: both triangles, but in AVX2 tiles), then w·XᵀX into the
			// upper triangle — w is a power of two, so the scaling is
			// exact.
			if T == nil {
				T = make([]float64, h.d*h.d)
			} else {
				clear(T)
			}
			g.MulAdd(h.d, h.d, dn.N, dn.X, 1, dn.D, dn.X, dn.D, 1, T, h.d)
			for j := 0; j < h.d; j++ {
				for k := j; k < h.d; k++ {
					M[j*p+k] += w * T[j*h.d+k]
				}
			}
			col := M[h.d:]
			for i := 0; i < dn.N; i++ {
				for j, v := range dn.X[i*dn.D : (i+1)*dn.D] {
					col[j*p] += w * v
				}
			}
			M[p*p-1] += w * float64(dn.N)
			return
		}
		for i := 0; i < cs.N; i++ {
			cols, vals := cs.Indices[cs.Indptr[i]:cs.Indptr[i+1]], cs.Values[cs.Indptr[i]:cs.Indptr[i+1]]
			for t, ct := range cols {
				r := M[int(ct)*p:]
				for t2, c2 := range cols {
					if c2 >= ct {
						r[c2] += w * vals[t] * vals[t2]
					}
				}
				r[h.d] += w * vals[t]
			}
			M[p*p-1] += w
		}
	})
}

// eigen returns the extreme eigenvalues of H from the upper triangle of
// Σᵢ Ωᵢ ⊗ x̃ᵢx̃ᵢᵀ in M: divided by n, plus l2 on the weights.
func (h *hess) eigen(M []float64) (curvature.Estimate, error) {
	n, p, k := h.dim(), h.d+1, h.k
	inv := 1 / float64(h.n)
	S := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ { // the upper triangle: blocks a ≤ b
			S.SetSym(i, j, M[i*n+j]*inv)
		}
	}
	for c := 0; c < k; c++ {
		for j := 0; j < h.d; j++ {
			i := c*p + j
			S.SetSym(i, i, S.At(i, i)+h.l2)
		}
	}
	est := curvature.Estimate{Exact: true}
	if !fn.AllFinite(M) {
		return est, curvature.ErrNotFinite
	}
	// Scale to a largest entry of 1 first: gonum's Dsyev rescales very
	// large or small matrices itself, and that path panics in v0.17
	// ("lapack: insufficient length of a", seen on raw wine features).
	var scale float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			scale = math.Max(scale, math.Abs(S.At(i, j)))
		}
	}
	if scale == 0 || math.IsInf(scale, 0) {
		return est, curvature.ErrNotFinite
	}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			v := S.At(i, j) / scale
			if math.Abs(v) < tinyEntry {
				// A block of the tridiagonal form below ~3e-123 makes
				// gonum v0.17's Dsterf call Dlascl with a slice too
				// short (the same panic: a saturated softmax, whose
				// pᵢ(1−pᵢ) underflow in some directions, FuzzAPI).
				// Entries this small move no eigenvalue that matters.
				v = 0
			}
			S.SetSym(i, j, v)
		}
	}
	var eig mat.EigenSym
	ok, err := factorize(&eig, S)
	if err != nil || !ok {
		return est, fmt.Errorf("model: eigen-decomposition of the %d×%d Hessian failed%s", n, n, errSuffix(err))
	}
	vals := eig.Values(nil) // ascending
	est.Min, est.L = vals[0]*scale, vals[n-1]*scale
	return est, nil
}

// mul stores H·v in dst: per example, u = V·x̃ᵢ (V is v as k blocks of
// d+1), then block c of dst += (Ωᵢu)_c·x̃ᵢ.
func (h *hess) mul(dst, v []float64) {
	clear(dst)
	p, k := h.d+1, h.k
	h.each(func() {
		for c := 0; c < k; c++ {
			h.z[c] = h.dot(v[c*p : c*p+p])
		}
		for a := 0; a < k; a++ {
			s := 0.0
			for b := 0; b < k; b++ {
				s += h.om[a*k+b] * h.z[b]
			}
			if s != 0 {
				h.axpy(s, dst[a*p:a*p+p])
			}
		}
	})
	inv := 1 / float64(h.n)
	for i := range dst {
		dst[i] *= inv
	}
	for c := 0; c < k; c++ {
		for j := 0; j < h.d; j++ {
			dst[c*p+j] += h.l2 * v[c*p+j]
		}
	}
}

// rowsObjective is F without the l1 term over Rows, for the MLP's
// finite-difference products.
type rowsObjective struct {
	m    *mlp
	rows Rows
	n    int
	ws   Workspace
	err  error
}

func (o *rowsObjective) Dim() int { return o.m.NumParams() }

func (o *rowsObjective) Value(params []float64) float64 { return o.ValueGrad(nil, params) }

func (o *rowsObjective) ValueGrad(grad, params []float64) float64 {
	if grad != nil {
		clear(grad)
	}
	var sum float64
	o.rows(func(dn *data.Dense, cs *data.CSR) {
		if dn == nil {
			if o.err == nil {
				o.err = fmt.Errorf("model: the curvature of model %s needs dense data", o.m.Spec())
			}
			return
		}
		sum += o.m.LossGradDense(grad, params, dn.X, dn.Y, nil, &o.ws)
	})
	inv := 1 / float64(o.n)
	for i := range grad {
		grad[i] *= inv
	}
	v := sum * inv
	for l := 0; l < o.m.layers(); l++ {
		for i := o.m.wOff[l]; i < o.m.bOff[l]; i++ {
			w := params[i]
			v += o.m.l2 / 2 * w * w
			if grad != nil {
				grad[i] += o.m.l2 * w
			}
		}
	}
	return v
}

func mlpCurvature(m *mlp, rows Rows, params []float64, tol float64) (curvature.Estimate, error) {
	o := &rowsObjective{m: m, rows: rows}
	rows(func(dn *data.Dense, cs *data.CSR) {
		switch {
		case o.err != nil:
		case dn == nil:
			o.err = fmt.Errorf("model: the curvature of model %s needs dense data", m.Spec())
		case dn.D != m.d:
			o.err = fmt.Errorf("model: a block of the data has %d features, model %s expects %d", dn.D, m.Spec(), m.d)
		default:
			o.n += dn.N
		}
	})
	if o.err == nil && o.n == 0 {
		o.err = errors.New("model: no examples")
	}
	if o.err != nil {
		return curvature.Estimate{}, o.err
	}
	if o.n >= 2*chunk {
		// The two halves of each 128-row chunk on two goroutines (the
		// bits are the same for any Threads): on fewer rows the wake-up
		// per chunk costs more than it saves (iris, 150 rows: 0.92 →
		// 0.88 ms per pair of estimates; on 500 rows it saves 20 %).
		o.ws.Threads = runtime.GOMAXPROCS(0)
	}
	n := m.NumParams()
	hv := curvature.ForwardHessVec(n, func(g, x []float64) { o.ValueGrad(g, x) })
	return curvature.LanczosTol(n, min(n, mlpSteps), tol, func(dst, v []float64) { hv(dst, params, v) })
}

// StandardizedBound returns what CurvatureBound would return after the
// features were standardized — centred and divided by their population
// standard deviation, constant columns set to zero, as data.Standardizer
// does for dense data — without standardizing them. With C the correlation
// matrix of the non-constant columns, the standardized design has
// X̃ᵀX̃/n = diag(C, 1) (the centred columns are orthogonal to the bias
// column), so the bound is
//
//	max(c·λmax(C) + l2, c)
//
// with c = 2 (linear), ¼ (logistic) or ½ (softmax) as in CurvatureBound
// (a constant column contributes the eigenvalue l2 ≤ c·λmax(C) + l2).
// C comes from one pass over rows (sums and cross products), so the
// function is for dense features with at most 63 columns: it returns an
// error otherwise, and ErrNoBound for the MLP.
func StandardizedBound(m Model, rows Rows) (float64, error) {
	if _, ok := m.(*linear); !ok {
		return 0, ErrNoBound
	}
	mo, err := NewMoments(m, rows)
	if err != nil {
		return 0, err
	}
	return mo.StandardizedBound()
}

// Moments are the sums of one pass over dense features that
// StandardizedBound, Conditioning and (up to 63 features) CurvatureBound
// of a generalized linear model start from: Σ x̃x̃ᵀ with x̃ = [x, 1], the
// number of rows, the columns' means and deviations. A caller that needs
// several of these on the same rows makes the pass once (NewMoments) and
// asks the Moments; the answers are those of the functions, bit for bit.
type Moments struct {
	m  Model
	mo *moments
}

// NewMoments makes the pass over rows for model m: dense features, at
// most 63 of them, else an error.
func NewMoments(m Model, rows Rows) (*Moments, error) {
	mo, err := secondMoments(m, rows)
	if err != nil {
		return nil, err
	}
	return &Moments{m: m, mo: mo}, nil
}

// CurvatureBound is CurvatureBound(m, rows) from the moments: the Gram
// matrix scaled by c (a power of two, so the scaled sums are exactly those
// CurvatureBound forms), divided by n, plus l2 on the weights.
func (g *Moments) CurvatureBound() (float64, error) {
	lm, ok := g.m.(*linear)
	if !ok {
		return 0, ErrNoBound
	}
	c := lm.boundFactor()
	M := make([]float64, len(g.mo.M))
	for i, v := range g.mo.M {
		M[i] = c * v
	}
	h := &hess{m: lm, k: 1, d: lm.d, l2: lm.l2, c: c, n: int(g.mo.n)}
	est, err := h.eigen(M)
	return est.L, err
}

// StandardizedBound is StandardizedBound(m, rows) from the moments.
func (g *Moments) StandardizedBound() (float64, error) {
	mo := g.mo
	lm, ok := g.m.(*linear)
	if !ok {
		return 0, ErrNoBound
	}
	d := lm.d
	var eig mat.EigenSym
	if ok, err := factorize(&eig, mo.C); !ok || err != nil {
		return 0, fmt.Errorf("model: eigen-decomposition of the %d×%d correlation matrix failed%s", d, d, errSuffix(err))
	}
	c := lm.boundFactor()
	return math.Max(c*eig.Values(nil)[d-1]+lm.l2, c), nil
}

// Conditioning returns the condition numbers κ = λmax/λmin of the second
// moment matrix of the features with the bias column, Z = [X 1],
//
//	raw = κ(ZᵀZ/n),   standardized = κ(diag(C, 1)),
//
// where C is the correlation matrix of the non-constant columns (what ZᵀZ/n
// becomes after standardizing, see StandardizedBound). For linear
// regression ZᵀZ/n is the Hessian up to the factor 2; for logistic and
// softmax regression it bounds the Hessian's spread, so raw/standardized is
// how many times slower plain gradient descent converges on these features
// than on standardized ones (its rate is 1 − 2/(κ+1) per step; Nocedal &
// Wright 2006, Theorem 3.3). Features whose means are large beside their
// deviations make raw large even when their deviations are alike. An
// eigenvalue below 1e-12·λmax counts as 1e-12·λmax, so that collinear
// columns give a large finite κ on both sides; constant columns are left
// out of both. The ratio concerns the features, whatever the model: for an
// MLP it is the conditioning its first layer sees. Dense features, at most
// 63 of them.
func Conditioning(m Model, rows Rows) (raw, standardized float64, err error) {
	mo, err := NewMoments(m, rows)
	if err != nil {
		return 0, 0, err
	}
	return mo.Conditioning()
}

// Conditioning is Conditioning(m, rows) from the moments.
func (g *Moments) Conditioning() (raw, standardized float64, err error) {
	mo := g.mo
	// Constant columns are left out on both sides (with the bias column
	// they would make both matrices singular).
	p := mo.lm.d + 1
	var keep []int
	for j := 0; j < mo.lm.d; j++ {
		if mo.sd[j] > 0 {
			keep = append(keep, j)
		}
	}
	if len(keep) == 0 {
		return 1, 1, nil
	}
	S := mat.NewSymDense(len(keep)+1, nil)
	C := mat.NewSymDense(len(keep), nil)
	for a, j := range append(keep, mo.lm.d) {
		for b, k := range append(keep, mo.lm.d)[a:] {
			S.SetSym(a, a+b, mo.M[j*p+k]/mo.n)
			if j < mo.lm.d && k < mo.lm.d {
				C.SetSym(a, a+b, mo.C.At(j, k))
			}
		}
	}
	kappa := func(A *mat.SymDense, extra float64) (float64, error) {
		var eig mat.EigenSym
		if ok, err := factorize(&eig, A); !ok || err != nil {
			return 0, fmt.Errorf("model: eigen-decomposition of a %d×%d moment matrix failed%s", A.SymmetricDim(), A.SymmetricDim(), errSuffix(err))
		}
		v := eig.Values(nil)
		lo, hi := v[0], v[len(v)-1]
		if extra > 0 { // diag(C, 1): the bias column's eigenvalue 1
			lo, hi = math.Min(lo, extra), math.Max(hi, extra)
		}
		return hi / math.Max(lo, 1e-12*hi), nil
	}
	if raw, err = kappa(S, 0); err != nil {
		return 0, 0, err
	}
	if standardized, err = kappa(C, 1); err != nil {
		return 0, 0, err
	}
	return raw, standardized, nil
}

// moments are the sums of one pass over a linear model's dense features:
// M = Σ x̃x̃ᵀ with x̃ = [x, 1] (upper triangle, p = d+1), n rows, and the
// correlation matrix C of the non-constant columns (zero rows and columns
// for constant ones).
type moments struct {
	lm *linear
	M  []float64
	n  float64
	sd []float64 // population standard deviations, 0 for constant columns
	C  *mat.SymDense
}

func secondMoments(m Model, rows Rows) (*moments, error) {
	lm, ok := m.(*linear)
	if !ok {
		// The features' moments do not depend on the model: an MLP's
		// are those of a linear model on the same features.
		lin, err := New(spec.Spec{Name: "linear"}, Regression, m.Features(), nil)
		if err != nil {
			return nil, err
		}
		lm = lin.(*linear)
	}
	p := lm.d + 1
	if p > exactDim {
		return nil, fmt.Errorf("model: %d features are too many for the moments of StandardizedBound and Conditioning (at most %d)", lm.d, exactDim-1)
	}
	h, err := newHess(lm, rows, nil, 1)
	if err != nil {
		return nil, err
	}
	M := make([]float64, p*p)
	h.gram(M) // Σ x̃x̃ᵀ, upper triangle
	n := float64(h.n)
	d := lm.d
	mean := make([]float64, d)
	sd := make([]float64, d)
	for j := 0; j < d; j++ {
		mean[j] = M[j*p+d] / n
	}
	for j := 0; j < d; j++ {
		ms := M[j*p+j] / n
		if v := ms - mean[j]*mean[j]; v > 1e-12*ms {
			sd[j] = math.Sqrt(v)
		}
	}
	C := mat.NewSymDense(d, nil)
	for j := 0; j < d; j++ {
		for k := j; k < d; k++ {
			if sd[j] > 0 && sd[k] > 0 {
				C.SetSym(j, k, (M[j*p+k]/n-mean[j]*mean[k])/(sd[j]*sd[k]))
			}
		}
	}
	return &moments{lm: lm, M: M, n: n, sd: sd, C: C}, nil
}

// tinyEntry is the magnitude, relative to the largest entry, below which
// the Hessian's entries are set to zero before the eigen-decomposition.
const tinyEntry = 1e-100

// factorize runs eig.Factorize(S, false), turning a panic of the LAPACK
// code (gonum v0.17 has input-dependent ones) into an error.
func factorize(eig *mat.EigenSym, S *mat.SymDense) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return eig.Factorize(S, false), nil
}

func errSuffix(err error) string {
	if err == nil {
		return ""
	}
	return ": " + err.Error()
}

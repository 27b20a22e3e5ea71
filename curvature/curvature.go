// Package curvature estimates L, the largest eigenvalue of the Hessian ∇²f(x),
// and from it the step sizes for which gradient descent is stable.
//
// For a quadratic with Hessian H, gradient descent x ← x − η∇f(x) contracts
// along every eigenvector iff |1 − ηλ| < 1 for every eigenvalue λ, i.e.
// η < 2/L. Heavy-ball momentum β (Polyak 1964) widens the bound to
// η < 2(1+β)/L; Nesterov's momentum as torch implements it (Sutskever et al.
// 2013) to η < 2(1+β)/((1+2β)·L). Near a minimum every smooth function is
// such a quadratic, so the same bounds describe the end of a run. Adaptive
// methods (Adagrad, RMSProp, Adam and their kin) rescale each coordinate by
// its gradient history, so no bound in terms of L applies to their lr; line
// search methods choose their own steps.
//
// L is found by the Lanczos process (Lanczos 1950) — power iteration with
// the whole Krylov subspace kept and re-orthogonalized — on Hessian–vector
// products: exact ones through automatic differentiation when the function
// provides HessVec, otherwise central differences of gradients,
// H·v ≈ (∇f(x + hv) − ∇f(x − hv)) / 2h, which are exact up to rounding for
// quadratics. With k = min(n, 40) steps, the largest Ritz value converges to
// L geometrically; for n ≤ 40 it is exact up to rounding.
package curvature

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/lapack"
	gonumlapack "gonum.org/v1/gonum/lapack/gonum"

	"github.com/descentgo/descent/fn"
)

// HessVecer is implemented by functions that compute exact Hessian–vector
// products, such as compiled formulas (expr.Program).
type HessVecer interface {
	// HessVec stores ∇²f(x)·v in dst.
	HessVec(dst, x, v []float64)
}

// MaxSteps bounds the Lanczos steps (and so the Hessian–vector products).
const MaxSteps = 40

// Estimate is the curvature at a point.
type Estimate struct {
	L        float64 // largest Hessian eigenvalue (may be ≤ 0: no positive curvature)
	Min      float64 // smallest Ritz value: an upper bound of the smallest eigenvalue
	Exact    bool    // Hessian–vector products from automatic differentiation
	Products int     // Hessian–vector products used
}

// ErrNotFinite is returned when a Hessian–vector product is not finite.
var ErrNotFinite = errors.New("curvature: Hessian–vector product is not finite")

// At estimates the curvature of f at x: Lanczos with min(n, MaxSteps)
// steps on the Hessian–vector products of f at x.
func At(f fn.Func, x []float64) (Estimate, error) {
	n := f.Dim()
	if len(x) != n {
		panic("curvature: len(x) != f.Dim()")
	}
	hv, exact := hessVec(f)
	est, err := Lanczos(n, min(n, MaxSteps), func(dst, v []float64) { hv(dst, x, v) })
	est.Exact = exact
	return est, err
}

// Lanczos estimates the extreme eigenvalues of a symmetric n×n operator A
// given by its products hv(dst, v): dst = A·v (v has unit norm; hv must not
// keep v). It runs at most k steps of the Lanczos process with full
// re-orthogonalization from a fixed start vector whose components are all
// non-zero, and returns the largest Ritz value as L and the smallest as Min
// (Golub & Van Loan, Matrix Computations, 4th ed., §10.1). For k = n the
// Ritz values are A's eigenvalues up to rounding; otherwise L ≤ λmax(A)
// converges to it geometrically in k. Exact is false: the caller knows
// how its products are made.
func Lanczos(n, k int, hv func(dst, v []float64)) (Estimate, error) {
	return LanczosTol(n, k, 0, hv)
}

// LanczosTol is Lanczos that may stop before k steps: after step j it
// stops once the largest Ritz value θ has converged to the relative
// tolerance tol, by the test of ARPACK (dsconv; Lehoucq, Sorensen & Yang,
// ARPACK Users' Guide, SIAM 1998): its Ritz estimate
//
//	r = β_j·|s_j| ≤ tol·|θ|,
//
// with T_j·s = θ·s (‖s‖ = 1), s_j the last component of s and β_j the
// norm of the step's new residual. r is the norm of A·y − θ·y for the
// Ritz vector y = Q_j·s (Golub & Van Loan, §10.1), and a symmetric A has
// an eigenvalue within r of θ; θ only grows with j (Cauchy's interlacing),
// from below λmax. Unlike a small change of θ between steps, which a slow
// convergence also shows, r bounds the distance itself. The test costs one
// eigen-decomposition of T_j (at most k×k) per step. tol = 0 runs all k
// steps, as Lanczos does; Min is less converged after an early stop.
// Estimate.Products tells the steps taken.
func LanczosTol(n, k int, tol float64, hv func(dst, v []float64)) (Estimate, error) {
	if n < 1 || k < 1 {
		panic("curvature: Lanczos needs n ≥ 1 and k ≥ 1")
	}
	k = min(k, n)
	Q := make([][]float64, 0, k+1) // Lanczos vectors
	alpha := make([]float64, 0, k)
	beta := make([]float64, 0, k)
	q := make([]float64, n)
	// A fixed, deterministic start with all components non-zero.
	var s float64
	for i := range q {
		q[i] = 1 + 0.5*math.Sin(float64(i)+1)
		s += q[i] * q[i]
	}
	scale(q, 1/math.Sqrt(s))
	Q = append(Q, q)
	w := make([]float64, n)
	var est Estimate
	for j := 0; j < k; j++ {
		hv(w, Q[j])
		est.Products++
		if !fn.AllFinite(w) {
			return est, ErrNotFinite
		}
		a := fn.Dot(w, Q[j])
		alpha = append(alpha, a)
		// Full re-orthogonalization (twice, for stability).
		for pass := 0; pass < 2; pass++ {
			for _, qi := range Q {
				c := fn.Dot(w, qi)
				for t := range w {
					w[t] -= c * qi[t]
				}
			}
		}
		b := fn.Norm2(w)
		if j == k-1 || b <= 1e-12*math.Max(math.Abs(a), 1e-300) || tol > 0 && ritzConverged(alpha, beta, b, tol) {
			break
		}
		beta = append(beta, b)
		next := make([]float64, n)
		for t := range w {
			next[t] = w[t] / b
		}
		Q = append(Q, next)
	}
	// The eigenvalues of the tridiagonal T (diagonal alpha, off-diagonal
	// beta) by the root-free QL/QR of LAPACK's dsterf, ascending.
	m := len(alpha)
	d := append([]float64(nil), alpha...)
	e := append(make([]float64, 0, m), beta[:m-1]...)
	e = append(e, 0)
	sc := tridiagScale(d, e)
	if ok, err := lapackCall(func() bool { return (gonumlapack.Implementation{}).Dsterf(m, d, e) }); err != nil || !ok {
		return est, fmt.Errorf("curvature: eigenvalues of the %d×%d Lanczos matrix did not converge%s", m, m, errText(err))
	}
	est.Min, est.L = d[0]*sc, d[m-1]*sc
	return est, nil
}

// tridiagScale divides the diagonal d and off-diagonal e of a symmetric
// tridiagonal matrix by the power of two nearest above their largest
// magnitude, which it returns (1 for a zero matrix): exact, and it keeps
// LAPACK's dsterf and dsteqr off their own rescaling of matrices with
// entries below about 1e-123 or above 1e153, which panics in gonum v0.17
// ("lapack: insufficient length of a" in Dlascl: an MLP saturated by a
// diverged run has a Hessian of 1e-130).
func tridiagScale(d, e []float64) float64 {
	var mx float64
	for _, v := range d {
		mx = math.Max(mx, math.Abs(v))
	}
	for _, v := range e {
		mx = math.Max(mx, math.Abs(v))
	}
	if mx == 0 || math.IsInf(mx, 0) || math.IsNaN(mx) {
		return 1
	}
	_, exp := math.Frexp(mx)
	sc := math.Ldexp(1, exp)
	for i := range d {
		d[i] /= sc
	}
	for i := range e {
		e[i] /= sc
	}
	return sc
}

// lapackCall runs f, turning a panic of the LAPACK code into an error.
func lapackCall(f func() bool) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return f(), nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return ": " + err.Error()
}

// ritzConverged reports whether the largest eigenvalue θ of the
// tridiagonal T (diagonal alpha, off-diagonal beta) has the Ritz estimate
// b·|s_m| ≤ tol·|θ| (see LanczosTol).
func ritzConverged(alpha, beta []float64, b, tol float64) bool {
	m := len(alpha)
	d := append([]float64(nil), alpha...)
	e := append(append(make([]float64, 0, m), beta...), 0)
	z := make([]float64, m*m)
	work := make([]float64, max(1, 2*m-2))
	sc := tridiagScale(d, e) // the Ritz values d come out divided by sc
	if ok, err := lapackCall(func() bool {
		return (gonumlapack.Implementation{}).Dsteqr(lapack.EVTridiag, m, d, e, z, m, work)
	}); err != nil || !ok {
		return false
	}
	top := m - 1 // ascending: the largest last, its vector in column m−1
	return b*math.Abs(z[(m-1)*m+top]) <= tol*math.Abs(d[top]*sc)
}

func hessVec(f fn.Func) (func(dst, x, v []float64), bool) {
	if h, ok := f.(HessVecer); ok {
		return h.HessVec, true
	}
	return DiffHessVec(f.Dim(), func(g, x []float64) { f.ValueGrad(g, x) }), false
}

// DiffHessVec returns Hessian–vector products of a function of n variables
// from its gradient grad(g, x) by central differences,
//
//	H·v ≈ (∇f(x + hv) − ∇f(x − hv)) / 2h,  h = 1e-5·max(1, ‖x‖)/‖v‖,
//
// exact up to rounding for quadratics (Pearlmutter 1994 discusses the
// step). The returned function reuses its buffers: it is not safe for
// concurrent use.
func DiffHessVec(n int, grad func(g, x []float64)) func(dst, x, v []float64) {
	xp := make([]float64, n)
	gp := make([]float64, n)
	gm := make([]float64, n)
	return func(dst, x, v []float64) {
		h := 1e-5 * math.Max(1, fn.Norm2(x)) / math.Max(fn.Norm2(v), 1e-300)
		for i := range x {
			xp[i] = x[i] + h*v[i]
		}
		grad(gp, xp)
		for i := range x {
			xp[i] = x[i] - h*v[i]
		}
		grad(gm, xp)
		for i := range dst {
			dst[i] = (gp[i] - gm[i]) / (2 * h)
		}
	}
}

// ForwardHessVec returns Hessian–vector products of a function of n
// variables from its gradient grad(g, x) by forward differences,
//
//	H·v ≈ (∇f(x + hv) − ∇f(x)) / h,  h = 1e-5·max(1, ‖x‖)/‖v‖,
//
// with ∇f(x) computed once for the x of consecutive calls: one gradient
// per product after the first, against DiffHessVec's two — the cost that
// matters in a Lanczos run at one point. The truncation error is O(h)
// (about 1e-5 of H·v for a smooth f, against O(h²) for central
// differences), far below the 1e-2–1e-3 relative tolerances the top
// eigenvalue is estimated to; exact up to rounding for quadratics. The
// returned function reuses its buffers and remembers the last x: it is
// not safe for concurrent use.
func ForwardHessVec(n int, grad func(g, x []float64)) func(dst, x, v []float64) {
	xp := make([]float64, n)
	gp := make([]float64, n)
	g0 := make([]float64, n)
	x0 := make([]float64, n)
	have := false
	return func(dst, x, v []float64) {
		if !have || !slices.Equal(x, x0) {
			copy(x0, x)
			grad(g0, x0)
			have = true
		}
		h := 1e-5 * math.Max(1, fn.Norm2(x)) / math.Max(fn.Norm2(v), 1e-300)
		for i := range x {
			xp[i] = x[i] + h*v[i]
		}
		grad(gp, xp)
		for i := range dst {
			dst[i] = (gp[i] - g0[i]) / h
		}
	}
}

func scale(v []float64, c float64) {
	for i := range v {
		v[i] *= c
	}
}

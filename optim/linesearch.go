package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/param"
)

// Line is the restriction of an objective to a ray,
//
//	φ(α) = f(x + α·d),   φ'(α) = ∇f(x + α·d)ᵀd,
//
// together with the workspace in which a LineSearcher evaluates it. The
// searcher reads Obj, X, Dir, F0 and Slope0, writes only XT and GT,
// and never modifies X or Dir.
type Line struct {
	Obj    fn.Func
	X, Dir []float64 // the start x and the search direction d (length n)
	F0     float64   // φ(0), the value at X
	Slope0 float64   // φ'(0) = ∇f(x)ᵀd; a search needs Slope0 < 0
	// XT and GT are workspace of length n. After a successful search they
	// hold x + α·d and the gradient there; after a failed one their contents
	// are unspecified.
	XT, GT []float64
}

// Eval stores x + α·d in XT and the gradient there in GT, and returns φ(α)
// and φ'(α): the one evaluation of Obj that a LineSearcher makes per trial
// step.
func (l *Line) Eval(alpha float64) (phi, dphi float64) {
	phi, dphi, _ = l.eval(alpha)
	return phi, dphi
}

// eval stores x + α·d in XT and the gradient there in GT, and returns φ(α),
// φ'(α) and whether XT differs from X in at least one element (a step too
// small to change x in floating point is no step at all). A non-finite
// gradient element shows up as a non-finite φ'(α), since Inf·0 and NaN·d are
// NaN and ±Inf·d ≠ 0 is infinite.
func (l *Line) eval(alpha float64) (phi, dphi float64, moved bool) {
	moved, _ = l.move(alpha)
	phi, dphi = l.evalAt()
	return phi, dphi, moved
}

// move stores x + α·d in XT and reports whether it differs from X and
// whether it differs from the previous contents of XT.
func (l *Line) move(alpha float64) (moved, changed bool) {
	d := l.Dir[:len(l.X)]
	xt := l.XT[:len(l.X)]
	for i, xi := range l.X {
		v := xi + alpha*d[i]
		if v != xi {
			moved = true
		}
		if v != xt[i] {
			changed = true
		}
		xt[i] = v
	}
	return moved, changed
}

// evalAt evaluates φ and φ' at the point in XT.
func (l *Line) evalAt() (phi, dphi float64) {
	d := l.Dir[:len(l.X)]
	phi = l.Obj.ValueGrad(l.GT, l.XT)
	gt := l.GT[:len(l.X)]
	for i, gi := range gt {
		dphi += gi * d[i]
	}
	return phi, dphi
}

func (l *Line) check(alpha0 float64) error {
	n := len(l.X)
	if len(l.Dir) != n || len(l.XT) != n || len(l.GT) != n {
		panic(fmt.Sprintf("optim: Line lengths differ: x %d, dir %d, xt %d, gt %d", n, len(l.Dir), len(l.XT), len(l.GT)))
	}
	if !lsFinite(l.F0) || !lsFinite(l.Slope0) {
		return lsErrorf("line search: φ(0)=%g, φ'(0)=%g are not finite", l.F0, l.Slope0)
	}
	if l.Slope0 >= 0 {
		return lsErrorf("line search: direction is not a descent direction (φ'(0)=%g ≥ 0)", l.Slope0)
	}
	if !(alpha0 > 0) || math.IsInf(alpha0, 0) {
		return lsErrorf("line search: initial step %g is not a positive finite number", alpha0)
	}
	return nil
}

// LineSearcher finds a step length α > 0 along a descent direction.
type LineSearcher interface {
	// Search evaluates φ first at alpha0 and returns an accepted step α,
	// φ(α) and the number of evaluations of l.Obj it made. On success l.XT
	// and l.GT hold x + α·d and the gradient there. When no acceptable step
	// is found it returns an error wrapping ErrNoProgress; alpha is then
	// either 0 or the best step tried that satisfied sufficient decrease
	// φ(α) ≤ φ(0) + c₁αφ'(0) with φ(α) < φ(0) (its value in phi), which a
	// caller may still take after evaluating it again. Search must not
	// allocate on success.
	Search(l *Line, alpha0 float64) (alpha, phi float64, evals int, err error)
}

// searchOrBest runs ls and, when it fails after trying a step with
// sufficient decrease, evaluates that step again and accepts it if its value
// is below φ(0): a point that fails only the curvature condition (rounding
// errors near a minimizer, a flat φ) is still progress.
func searchOrBest(ls LineSearcher, l *Line, alpha0 float64) (alpha, phi float64, evals int, err error) {
	alpha, phi, evals, err = ls.Search(l, alpha0)
	if err == nil || !(alpha > 0) {
		return alpha, phi, evals, err
	}
	p, _, moved := l.eval(alpha)
	evals++
	if moved && p < l.F0 && lsFinite(p) {
		return alpha, p, evals, nil
	}
	return 0, 0, evals, err
}

// Armijo is a backtracking line search: starting from the initial step α₀,
// it shrinks α ← ρ·α until the sufficient-decrease (Armijo) condition
//
//	φ(α) ≤ φ(0) + c₁·α·φ'(0)
//
// holds. Armijo, "Minimization of functions having Lipschitz continuous first
// partial derivatives", Pacific J. Math. 16(1) (1966); Nocedal & Wright,
// Numerical Optimization (2006), Algorithm 3.1. A trial point whose value or
// gradient is not finite is rejected like one without enough decrease. The
// search fails after MaxShrinks reductions or when the step has become too
// small to change x.
//
// The zero value uses c₁ = 1e-4, ρ = 0.5 and MaxShrinks = 60.
type Armijo struct {
	C1         float64 // sufficient-decrease constant c₁ ∈ (0, 1); 0 means 1e-4
	Rho        float64 // shrink factor ρ ∈ (0, 1); 0 means 0.5
	MaxShrinks int     // reductions before failing; 0 means 60
	// Interpolate replaces the fixed factor ρ by the minimizer of the
	// quadratic through φ(0), φ'(0) and φ(α), safeguarded to [0.1α, 0.5α]
	// (Nocedal & Wright §3.5; the σ₁ = 0.1, σ₂ = 0.5 safeguard of Raydan 1997).
	Interpolate bool
}

// Search implements LineSearcher.
func (ls *Armijo) Search(l *Line, alpha0 float64) (alpha, phi float64, evals int, err error) {
	return ls.search(l, alpha0, l.F0)
}

// search is Search with reference value fref in place of φ(0) in the
// sufficient-decrease test φ(α) ≤ fref + c₁·α·φ'(0): fref > φ(0) gives the
// nonmonotone search of Grippo, Lampariello & Lucidi (1986).
func (ls *Armijo) search(l *Line, alpha0, fref float64) (alpha, phi float64, evals int, err error) {
	c1 := param.OrDefault(ls.C1, 1e-4)
	rho := param.OrDefault(ls.Rho, 0.5)
	maxShrinks := ls.MaxShrinks
	if maxShrinks <= 0 {
		maxShrinks = 60
	}
	if !(c1 > 0 && c1 < 1) {
		return 0, 0, 0, lsErrorf("armijo line search: c1 = %g is not in (0, 1)", c1)
	}
	if !(rho > 0 && rho < 1) {
		return 0, 0, 0, lsErrorf("armijo line search: rho = %g is not in (0, 1)", rho)
	}
	if err := l.check(alpha0); err != nil {
		return 0, 0, 0, err
	}
	alpha = alpha0
	for k := 0; ; k++ {
		if moved, _ := l.move(alpha); !moved {
			return 0, 0, evals, lsErrorf("armijo line search failed: step %.3g too small to change x after %d reductions", alpha, k)
		}
		var dphi float64
		phi, dphi = l.evalAt()
		evals++
		if lsFinite(phi) && lsFinite(dphi) && phi <= fref+c1*alpha*l.Slope0 {
			return alpha, phi, evals, nil
		}
		if k == maxShrinks {
			if rho == 0.5 && !ls.Interpolate {
				return 0, 0, evals, lsErrorf("armijo line search failed: no decrease after %d halvings (step %.3g)", k, alpha)
			}
			return 0, 0, evals, lsErrorf("armijo line search failed: no decrease after %d reductions (step %.3g)", k, alpha)
		}
		next := rho * alpha
		if ls.Interpolate && lsFinite(phi) {
			// Minimizer of q(t) = φ(0) + φ'(0)·t + c·t² through φ(α).
			c := (phi - l.F0 - l.Slope0*alpha) / (alpha * alpha)
			next = 0.5 * alpha
			if c > 0 {
				next = math.Min(math.Max(-l.Slope0/(2*c), 0.1*alpha), 0.5*alpha)
			}
		}
		alpha = next
	}
}

// Wolfe is a line search for the strong Wolfe conditions
//
//	φ(α) ≤ φ(0) + c₁·α·φ'(0)        (sufficient decrease)
//	|φ'(α)| ≤ c₂·|φ'(0)|            (curvature)
//
// by the algorithm of Moré & Thuente, "Line search algorithms with guaranteed
// sufficient decrease", ACM TOMS 20(3) (1994), as in MINPACK-2's dcsrch and
// dcstep: safeguarded cubic and quadratic interpolation within an interval of
// uncertainty that is extrapolated (by factors 1.1 to 4) until it brackets a
// point satisfying both conditions. The first stage works with the auxiliary
// function ψ(α) = φ(α) − φ(0) − c₁·α·φ'(0). A trial point whose value or
// gradient is not finite is rejected and the step cut to a tenth of its
// distance from the best point so far; such a step is never reached again.
//
// The zero value uses c₁ = 1e-4, c₂ = 0.9 (quasi-Newton methods; nonlinear
// conjugate gradient wants c₂ = 0.1), MaxEvals = 40 and MaxStep = 1e20.
type Wolfe struct {
	C1       float64 // sufficient-decrease constant c₁; 0 means 1e-4
	C2       float64 // curvature constant c₂ ∈ (c₁, 1); 0 means 0.9
	MaxEvals int     // evaluations before failing; 0 means 40
	MaxStep  float64 // largest step; 0 means 1e20
}

// Relative width of the interval of uncertainty below which the search stops
// (MINPACK-2's xtol).
const wolfeXTol = 1e-16

// Search implements LineSearcher. On success the returned step satisfies both
// strong Wolfe conditions at the point left in l.XT, l.GT.
func (ls *Wolfe) Search(l *Line, alpha0 float64) (alpha, phi float64, evals int, err error) {
	c1 := param.OrDefault(ls.C1, 1e-4)
	c2 := param.OrDefault(ls.C2, 0.9)
	maxEvals := ls.MaxEvals
	if maxEvals <= 0 {
		maxEvals = 40
	}
	stpmax := param.OrDefault(ls.MaxStep, 1e20)
	if !(c1 > 0 && c1 < 1) || !(c2 > c1 && c2 < 1) {
		return 0, 0, 0, lsErrorf("wolfe line search: need 0 < c1 < c2 < 1, have c1 = %g, c2 = %g", c1, c2)
	}
	if !(stpmax > 0) {
		return 0, 0, 0, lsErrorf("wolfe line search: MaxStep = %g is not positive", stpmax)
	}
	if err := l.check(alpha0); err != nil {
		return 0, 0, 0, err
	}
	const stpmin = 0.0
	finit, ginit := l.F0, l.Slope0
	gtest := c1 * ginit
	mt := mtState{
		stx: 0, fx: finit, gx: ginit,
		sty: 0, fy: finit, gy: ginit,
	}
	stp := math.Min(alpha0, stpmax)
	stmin, stmax := 0.0, stp+4*stp
	width := stpmax - stpmin
	width1 := 2 * width
	stage := 1
	bad := math.Inf(1)      // smallest step known to give a non-finite value
	var best, fbest float64 // best step with sufficient decrease, and its value
	fail := func(format string, args ...any) (float64, float64, int, error) {
		return best, fbest, evals, lsErrorf(format, args...)
	}
	for {
		moved, changed := l.move(stp)
		if !moved {
			return fail("wolfe line search failed: step %.3g too small to change x after %d evaluations", stp, evals)
		}
		if !changed && evals > 0 {
			return fail("wolfe line search failed: rounding errors prevent progress (trial point repeats at step %.3g, %d evaluations)", stp, evals)
		}
		f, g := l.evalAt()
		evals++
		if !lsFinite(f) || !lsFinite(g) {
			bad = stp
			if evals >= maxEvals {
				return fail("wolfe line search failed: non-finite value at step %.3g after %d evaluations", stp, evals)
			}
			stp = mt.stx + 0.1*(stp-mt.stx)
			continue
		}
		if f <= finit+stp*gtest && f < finit && (best == 0 || f < fbest) {
			best, fbest = stp, f
		}
		ftest := finit + stp*gtest
		if f <= ftest && math.Abs(g) <= c2*(-ginit) {
			return stp, f, evals, nil
		}
		switch {
		case mt.brackt && (stp <= stmin || stp >= stmax):
			return fail("wolfe line search failed: rounding errors prevent progress (step %.3g, %d evaluations)", stp, evals)
		case mt.brackt && stmax-stmin <= wolfeXTol*stmax:
			return fail("wolfe line search failed: interval of uncertainty [%.6g, %.6g] too small (%d evaluations)", stmin, stmax, evals)
		case stp == stpmax && f <= ftest && g <= gtest:
			return fail("wolfe line search failed: step reached its maximum %.3g (function unbounded below?)", stpmax)
		case evals >= maxEvals:
			return fail("wolfe line search failed: no strong Wolfe point after %d evaluations (step %.3g)", evals, stp)
		}
		if stage == 1 && f <= ftest && g >= 0 {
			stage = 2
		}
		if stage == 1 && f <= mt.fx && f > ftest {
			// Work with ψ, whose minimizer satisfies sufficient decrease.
			fm := f - stp*gtest
			mt.fx -= mt.stx * gtest
			mt.fy -= mt.sty * gtest
			gm := g - gtest
			mt.gx -= gtest
			mt.gy -= gtest
			stp = mt.step(stp, fm, gm, stmin, stmax)
			mt.fx += mt.stx * gtest
			mt.fy += mt.sty * gtest
			mt.gx += gtest
			mt.gy += gtest
		} else {
			stp = mt.step(stp, f, g, stmin, stmax)
		}
		if mt.brackt {
			// Bisect when the interval did not shrink enough in two steps.
			if math.Abs(mt.sty-mt.stx) >= 0.66*width1 {
				stp = mt.stx + 0.5*(mt.sty-mt.stx)
			}
			width1 = width
			width = math.Abs(mt.sty - mt.stx)
			stmin = math.Min(mt.stx, mt.sty)
			stmax = math.Max(mt.stx, mt.sty)
		} else {
			stmin = stp + 1.1*(stp-mt.stx)
			stmax = stp + 4*(stp-mt.stx)
		}
		stp = math.Min(math.Max(stp, stpmin), stpmax)
		if mt.brackt && (stp <= stmin || stp >= stmax || stmax-stmin <= wolfeXTol*stmax) {
			stp = mt.stx
		}
		if stp >= bad {
			stp = mt.stx + 0.5*(bad-mt.stx)
		}
	}
}

// mtState is the interval of uncertainty of the Moré–Thuente search: stx is
// the step with the least value so far, sty the other end point.
type mtState struct {
	stx, fx, gx float64
	sty, fy, gy float64
	brackt      bool
}

// step is MINPACK-2's dcstep: from the trial stp with value fp and derivative
// dp it updates the interval and returns the next trial step, kept within
// [stpmin, stpmax] while the minimizer is not bracketed.
func (s *mtState) step(stp, fp, dp, stpmin, stpmax float64) float64 {
	stx, fx, dx := s.stx, s.fx, s.gx
	sty, fy, dy := s.sty, s.fy, s.gy
	sgnd := dp * math.Copysign(1, dx)
	var stpf float64
	switch {
	case fp > fx:
		// Higher value: the minimum is bracketed. Take the cubic step if it
		// is closer to stx than the quadratic one, else their average.
		theta := 3*(fx-fp)/(stp-stx) + dx + dp
		gamma := cubicGamma(theta, dx, dp)
		if stp < stx {
			gamma = -gamma
		}
		p := (gamma - dx) + theta
		q := ((gamma - dx) + gamma) + dp
		stpc := stx + p/q*(stp-stx)
		stpq := stx + dx/((fx-fp)/(stp-stx)+dx)/2*(stp-stx)
		if math.Abs(stpc-stx) < math.Abs(stpq-stx) {
			stpf = stpc
		} else {
			stpf = stpc + (stpq-stpc)/2
		}
		s.brackt = true
	case sgnd < 0:
		// Lower value, derivatives of opposite sign: bracketed. Take the
		// step farther from stp of the cubic and the secant steps.
		theta := 3*(fx-fp)/(stp-stx) + dx + dp
		gamma := cubicGamma(theta, dx, dp)
		if stp > stx {
			gamma = -gamma
		}
		p := (gamma - dp) + theta
		q := ((gamma - dp) + gamma) + dx
		stpc := stp + p/q*(stx-stp)
		stpq := stp + dp/(dp-dx)*(stx-stp)
		if math.Abs(stpc-stp) > math.Abs(stpq-stp) {
			stpf = stpc
		} else {
			stpf = stpq
		}
		s.brackt = true
	case math.Abs(dp) < math.Abs(dx):
		// Lower value, same sign, decreasing derivative magnitude. The cubic
		// step is used only if it goes in the right direction.
		theta := 3*(fx-fp)/(stp-stx) + dx + dp
		gamma := cubicGamma(theta, dx, dp)
		if stp > stx {
			gamma = -gamma
		}
		p := (gamma - dp) + theta
		q := (gamma + (dx - dp)) + gamma
		r := p / q
		var stpc float64
		switch {
		case r < 0 && gamma != 0:
			stpc = stp + r*(stx-stp)
		case stp > stx:
			stpc = stpmax
		default:
			stpc = stpmin
		}
		stpq := stp + dp/(dp-dx)*(stx-stp)
		if s.brackt {
			if math.Abs(stpc-stp) < math.Abs(stpq-stp) {
				stpf = stpc
			} else {
				stpf = stpq
			}
			if stp > stx {
				stpf = math.Min(stp+0.66*(sty-stp), stpf)
			} else {
				stpf = math.Max(stp+0.66*(sty-stp), stpf)
			}
		} else {
			if math.Abs(stpc-stp) > math.Abs(stpq-stp) {
				stpf = stpc
			} else {
				stpf = stpq
			}
			stpf = math.Max(stpmin, math.Min(stpmax, stpf))
		}
	default:
		// Lower value, same sign, derivative magnitude not decreasing.
		switch {
		case s.brackt:
			theta := 3*(fp-fy)/(sty-stp) + dy + dp
			gamma := cubicGamma(theta, dy, dp)
			if stp > sty {
				gamma = -gamma
			}
			p := (gamma - dp) + theta
			q := ((gamma - dp) + gamma) + dy
			stpf = stp + p/q*(sty-stp)
		case stp > stx:
			stpf = stpmax
		default:
			stpf = stpmin
		}
	}
	if fp > fx {
		s.sty, s.fy, s.gy = stp, fp, dp
	} else {
		if sgnd < 0 {
			s.sty, s.fy, s.gy = stx, fx, dx
		}
		s.stx, s.fx, s.gx = stp, fp, dp
	}
	if !lsFinite(stpf) {
		// Interpolation broke down (0/0 in a degenerate cubic): bisect.
		if s.brackt {
			stpf = s.stx + 0.5*(s.sty-s.stx)
		} else {
			stpf = stpmax
		}
	}
	return stpf
}

// cubicGamma returns √(θ² − a·b) computed with scaling against overflow, and
// 0 when rounding makes the radicand negative.
func cubicGamma(theta, a, b float64) float64 {
	s := math.Max(math.Abs(theta), math.Max(math.Abs(a), math.Abs(b)))
	if s == 0 {
		return 0
	}
	return s * math.Sqrt(math.Max(0, (theta/s)*(theta/s)-(a/s)*(b/s)))
}

func lsFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// noProgressError is an error that wraps ErrNoProgress with its own message.
type noProgressError struct{ msg string }

func (e *noProgressError) Error() string { return e.msg }
func (e *noProgressError) Unwrap() error { return ErrNoProgress }

func lsErrorf(format string, args ...any) error {
	return &noProgressError{msg: fmt.Sprintf(format, args...)}
}

package optim

import (
	"fmt"
	"math"
	"strconv"

	"github.com/descentgo/descent/spec"
)

// BestConstant returns the constant step sizes that converge fastest on a
// quadratic whose Hessian eigenvalues lie in [μ, L], 0 < μ ≤ L:
//
//	gradient descent   lr = 2/(L + μ)                           rate (κ−1)/(κ+1)
//	heavy ball         lr = 4/(√L + √μ)²,  β = ((√L − √μ)/(√L + √μ))²   rate (√κ−1)/(√κ+1)
//
// with κ = L/μ; the rate is the factor by which the distance to the
// minimizer shrinks per step, asymptotically. Gradient descent: the factor
// on eigenvalue λ is |1 − lr·λ|, whose maximum over [μ, L] is smallest when
// 1 − lr·μ = lr·L − 1 (Nesterov, Lectures on Convex Optimization, 2nd ed.
// (2018), Theorem 2.1.15). Heavy ball x ← x − lr·∇f(x) + β(x − x₋): Polyak,
// "Some methods of speeding up the convergence of iteration methods", USSR
// Comput. Math. Math. Phys. 4(5) (1964), Theorem 9 (the parameters making
// every root of z² − (1+β−lr·λ)z + β, λ ∈ [μ, L], of modulus √β).
//
// The heavy ball is descent's sgd with momentum: torch's b ← β·b + g,
// x ← x − lr·b is exactly Polyak's iteration with the same lr and β, so
// "sgd:lr=hbLR,momentum=hbBeta" runs it.
//
// Outside 0 < μ ≤ L < ∞ (no strong convexity, or not a number) there is no
// best constant step and BestConstant returns zeros.
func BestConstant(L, mu float64) (gdLR, hbLR, hbBeta float64) {
	if !(mu > 0 && mu <= L && L < math.Inf(1)) {
		return 0, 0, 0
	}
	sL, sm := math.Sqrt(L), math.Sqrt(mu)
	s := sL + sm
	r := (sL - sm) / s
	return 2 / (L + mu), 4 / (s * s), r * r
}

// Auto reports whether sp asks for the best constant steps (lr=auto, and
// momentum=auto for the heavy-ball pair) and checks the request: lr=auto
// applies to gd and sgd, momentum=auto needs lr=auto, and a fixed non-zero
// momentum cannot go with lr=auto. Errors name the spec.
func Auto(sp spec.Spec) (bool, error) {
	lr, _ := sp.Get("lr")
	mom, _ := sp.Get("momentum")
	if lr != "auto" && mom != "auto" {
		return false, nil
	}
	switch {
	case sp.Name != "gd" && sp.Name != "sgd":
		return true, fmt.Errorf("%s: lr=auto applies to gd and sgd (the best constant step of gradient descent and heavy ball)", sp)
	case lr != "auto":
		return true, fmt.Errorf("%s: momentum=auto needs lr=auto (the pair is chosen together)", sp)
	case mom != "auto" && mom != "":
		if v, err := strconv.ParseFloat(mom, 64); err != nil || v != 0 {
			return true, fmt.Errorf("%s: lr=auto with a fixed momentum: use momentum=auto for the best heavy-ball pair", sp)
		}
	}
	return true, nil
}

// ResolveAuto returns sp, which Auto accepted, with lr=auto (and
// momentum=auto) replaced by BestConstant's steps for the extreme
// eigenvalues L and μ of the Hessian, or an error when μ ≤ 0.
func ResolveAuto(sp spec.Spec, L, mu float64) (spec.Spec, error) {
	gdLR, hbLR, beta := BestConstant(L, mu)
	if gdLR == 0 {
		return sp, fmt.Errorf("%s: lr=auto needs positive curvature (L = %.4g, smallest eigenvalue ≤ %.4g): give lr", sp, L, mu)
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	if m, _ := sp.Get("momentum"); m == "auto" {
		return sp.With("lr", f(hbLR)).With("momentum", f(beta)), nil
	}
	return sp.With("lr", f(gdLR)), nil
}

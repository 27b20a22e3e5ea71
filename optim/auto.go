package optim

import "math"

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

package testfunc

import (
	"fmt"
	"math"
	"strings"
)

// This file holds the classic functions: quadratic bowls, the 2-D textbook
// functions and the n-dimensional multimodal ones. Each implementation
// returns f(x) and, when grad is not nil, stores ∇f(x) in grad.

const (
	// stArg is the minimizer of the 1-D Styblinski–Tang term (t⁴−16t²+5t)/2,
	// the root near −2.9 of 2t³ − 16t + 5/2 = 0 (mpmath, 30 digits:
	// −2.90353402777117709511891759551).
	stArg = -2.903534027771177
	// stMin is that term's value, −39.1661657037714154638931697395.
	stMin = -39.166165703771415
)

func newSphere(n int) *Function {
	f := &Function{
		Name: "sphere", Spec: nSpec("sphere", n), Title: "sphere function",
		Formula: "Σ_{i=1}^{n} x_i^2",
		Source:  "De Jong, An analysis of the behavior of a class of genetic adaptive systems, PhD thesis, U. Michigan (1975), F1",
		Notes:   "The simplest convex quadratic: ∇²f = 2I, so L = 2 and gradient descent with step 1/2 lands on the minimum in one step.",
		N:       n, Start: filled(n, 1), Minima: [][]float64{filled(n, 0)},
		Smooth: true, Eigenvalues: filled(n, 2), id: kSphere,
	}
	if n == 2 {
		f.Formula, f.Parsable = "x^2 + y^2", true
	}
	return f
}

func sphere(grad, x []float64) float64 {
	var s float64
	for i, v := range x {
		s += v * v
		if grad != nil {
			grad[i] = 2 * v
		}
	}
	return s
}

func newBooth() *Function {
	return &Function{
		Name: "booth", Spec: "booth", Title: "Booth function",
		Formula: "(x + 2*y - 7)^2 + (2*x + y - 5)^2", Parsable: true,
		Source: "Jamil & Yang, A literature survey of benchmark functions for global optimisation problems, Int. J. Math. Model. Numer. Optim. 4(2) (2013) 150–194, no. 24",
		Notes:  "A convex quadratic; ∇²f = [[10, 8], [8, 10]] has eigenvalues 2 and 18 (condition number 9). The start (0, 0) is conventional.",
		N:      2, Start: []float64{0, 0}, Minima: [][]float64{{1, 3}},
		Smooth: true, Eigenvalues: []float64{2, 18}, id: kBooth,
	}
}

func booth(grad, x []float64) float64 {
	a := x[0] + 2*x[1] - 7
	b := 2*x[0] + x[1] - 5
	if grad != nil {
		grad[0] = 2*a + 4*b
		grad[1] = 4*a + 2*b
	}
	return a*a + b*b
}

func newMatyas() *Function {
	return &Function{
		Name: "matyas", Spec: "matyas", Title: "Matyas function",
		Formula: "0.26*(x^2 + y^2) - 0.48*x*y", Parsable: true,
		Source: "Jamil & Yang, Int. J. Math. Model. Numer. Optim. 4(2) (2013) 150–194, no. 71",
		Notes:  "A convex quadratic with a flat valley along x = y: ∇²f has eigenvalues 0.04 (along (1, 1)) and 1 (along (1, −1)), condition number 25. The start (1, 0.5) is conventional.",
		N:      2, Start: []float64{1, 0.5}, Minima: [][]float64{{0, 0}},
		Smooth: true, Eigenvalues: []float64{0.04, 1}, id: kMatyas,
	}
}

func matyas(grad, x []float64) float64 {
	if grad != nil {
		grad[0] = 0.52*x[0] - 0.48*x[1]
		grad[1] = 0.52*x[1] - 0.48*x[0]
	}
	return 0.26*(x[0]*x[0]+x[1]*x[1]) - 0.48*x[0]*x[1]
}

func newCamel() *Function {
	return &Function{
		Name: "three-hump-camel", Spec: "three-hump-camel", Title: "three-hump camel function",
		Formula: "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2", Parsable: true,
		Source: "Branin, Widely convergent method for finding multiple solutions of simultaneous nonlinear equations, IBM J. Res. Dev. 16(5) (1972) 504–522; Jamil & Yang (2013) no. 29",
		Notes:  "Three minima: the global one at the origin and two local ones at ±(1.747552, −0.8737762) with f = 0.2986384 (recomputed with mpmath to 30 digits). The start (1, 1) is conventional.",
		N:      2, Start: []float64{1, 1}, Minima: [][]float64{{0, 0}},
		LocalMinima: []Minimum{
			{X: []float64{1.7475523458302888, -0.87377617291514442}, F: 0.29863844223685981},
			{X: []float64{-1.7475523458302888, 0.87377617291514442}, F: 0.29863844223685981},
		},
		Smooth: true, id: kCamel,
	}
}

func camel(grad, x []float64) float64 {
	a, b := x[0], x[1]
	a2 := a * a
	a4 := a2 * a2
	if grad != nil {
		grad[0] = 4*a - 4.2*a2*a + a4*a + b
		grad[1] = a + 2*b
	}
	return 2*a2 - 1.05*a4 + a4*a2/6 + a*b + b*b
}

func newHimmelblau() *Function {
	return &Function{
		Name: "himmelblau", Spec: "himmelblau", Title: "Himmelblau's function",
		Formula: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", Parsable: true,
		Source: "Himmelblau, Applied Nonlinear Programming, McGraw-Hill (1972)",
		Notes:  "Four global minima, all with f = 0; the three non-integer ones were computed by Newton's method in mpmath to 30 digits. A local maximum lies near (−0.27, −0.92). The start (0, 0) is conventional.",
		N:      2, Start: []float64{0, 0},
		Minima: [][]float64{
			{3, 2},
			{-2.8051180869527448, 3.131312518250573},
			{-3.779310253377747, -3.2831859912861696},
			{3.5844283403304917, -1.8481265269644036},
		},
		Smooth: true, id: kHimmelblau,
	}
}

func himmelblau(grad, x []float64) float64 {
	a := x[0]*x[0] + x[1] - 11
	b := x[0] + x[1]*x[1] - 7
	if grad != nil {
		grad[0] = 4*x[0]*a + 2*b
		grad[1] = 2*a + 4*x[1]*b
	}
	return a*a + b*b
}

func newRosenbrock(n int) *Function {
	start := make([]float64, n)
	for i := range start {
		start[i] = 1
		if i%2 == 0 {
			start[i] = -1.2
		}
	}
	f := &Function{
		Name: "rosenbrock", Spec: nSpec("rosenbrock", n), Title: "extended Rosenbrock function",
		Formula: "Σ_{i=1}^{n/2} [100*(x_{2i} - x_{2i-1}^2)^2 + (1 - x_{2i-1})^2]",
		Source:  "Rosenbrock, An automatic method for finding the greatest or least value of a function, Comput. J. 3(3) (1960) 175–184; extended form: Moré, Garbow & Hillstrom (1981) problem 21",
		Notes:   "A curved, narrow valley. The extended form of Moré et al. couples the variables in pairs (x1, x2), (x3, x4), …, so n must be even and the only minimizer is (1, …, 1); it differs from the 'chained' form Σ_{i<n} [100(x_{i+1} − x_i²)² + (1 − x_i)²] when n > 2.",
		N:       n, Start: start, Minima: [][]float64{filled(n, 1)},
		Smooth: true, id: kRosenbrock,
	}
	if n == 2 {
		f.Formula, f.Parsable = "(1 - x)^2 + 100*(y - x^2)^2", true
	}
	return f
}

func rosenbrock(grad, x []float64) float64 {
	var s float64
	for i := 0; i+1 < len(x); i += 2 {
		t := x[i+1] - x[i]*x[i]
		u := 1 - x[i]
		s += 100*t*t + u*u
		if grad != nil {
			grad[i] = -400*x[i]*t - 2*u
			grad[i+1] = 200 * t
		}
	}
	return s
}

func newBeale() *Function {
	return &Function{
		Name: "beale", Spec: "beale", Title: "Beale function",
		Formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", Parsable: true,
		Source: "Beale, On an iterative method for finding a local minimum of a function of more than one variable, Tech. Rep. 25, Princeton Univ. (1958); Moré, Garbow & Hillstrom (1981) problem 5",
		Notes:  "Sum of squares r_i = c_i − x(1 − y^i), c = (1.5, 2.25, 2.625); start (1, 1) from Moré et al. Steep walls for |y| > 1.",
		N:      2, Start: []float64{1, 1}, Minima: [][]float64{{3, 0.5}},
		Smooth: true, id: kBeale,
	}
}

func beale(grad, x []float64) float64 {
	a, b := x[0], x[1]
	t1 := 1 - b
	t2 := 1 - b*b
	t3 := 1 - b*b*b
	r1 := 1.5 - a*t1
	r2 := 2.25 - a*t2
	r3 := 2.625 - a*t3
	if grad != nil {
		grad[0] = -2 * (r1*t1 + r2*t2 + r3*t3)
		grad[1] = 2 * a * (r1 + 2*b*r2 + 3*b*b*r3)
	}
	return r1*r1 + r2*r2 + r3*r3
}

func newGoldsteinPrice() *Function {
	return &Function{
		Name: "goldstein-price", Spec: "goldstein-price", Title: "Goldstein–Price function",
		Formula: "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))" +
			" * (30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
		Parsable: true,
		Source:   "Goldstein & Price, On descent from local minima, Math. Comp. 25(115) (1971) 569–574",
		Notes:    "Global minimum 3 at (0, −1); several local minima (near (−0.6, −0.4) with f ≈ 30, (1.8, 0.2) with f ≈ 84, (1.2, 0.8) with f ≈ 840; not listed). Values span many orders of magnitude. The start (0, 0) is conventional.",
		N:        2, Start: []float64{0, 0}, Minima: [][]float64{{0, -1}}, FMin: 3,
		Smooth: true, id: kGoldsteinPrice,
	}
}

func goldsteinPrice(grad, x []float64) float64 {
	a, b := x[0], x[1]
	s := a + b + 1
	p := 19 - 14*a + 3*a*a - 14*b + 6*a*b + 3*b*b
	d := 2*a - 3*b
	q := 18 - 32*a + 12*a*a + 48*b - 36*a*b + 27*b*b
	A := 1 + s*s*p
	B := 30 + d*d*q
	if grad != nil {
		// ∂p/∂a = ∂p/∂b = 6a + 6b − 14.
		pa := 6*a + 6*b - 14
		Aa := 2*s*p + s*s*pa
		Ab := Aa
		Ba := 4*d*q + d*d*(24*a-32-36*b)
		Bb := -6*d*q + d*d*(48-36*a+54*b)
		grad[0] = Aa*B + A*Ba
		grad[1] = Ab*B + A*Bb
	}
	return A * B
}

func newRastrigin(n int) *Function {
	f := &Function{
		Name: "rastrigin", Spec: nSpec("rastrigin", n), Title: "Rastrigin function",
		Formula: "10*n + Σ_{i=1}^{n} (x_i^2 - 10*cos(2*pi*x_i))",
		Source:  "Rastrigin, Systems of extremal control, Nauka (1974); n-dimensional form: Mühlenbein, Schomisch & Born, Parallel Computing 17 (1991) 619–632",
		Notes:   "Smooth but highly multimodal: a local minimum near every integer point, so gradient methods stop at the nearest one. Domain conventionally [−5.12, 5.12]^n; the start (3, …, 3) lies in the basin of the local minimum near (2.98, …, 2.98).",
		N:       n, Start: filled(n, 3), Minima: [][]float64{filled(n, 0)},
		id: kRastrigin,
	}
	if n == 2 {
		f.Formula, f.Parsable = "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", true
	}
	return f
}

func rastrigin(grad, x []float64) float64 {
	s := 10 * float64(len(x))
	for i, v := range x {
		s += v*v - 10*math.Cos(2*math.Pi*v)
		if grad != nil {
			grad[i] = 2*v + 20*math.Pi*math.Sin(2*math.Pi*v)
		}
	}
	return s
}

func newAckley(n int) *Function {
	f := &Function{
		Name: "ackley", Spec: nSpec("ackley", n), Title: "Ackley function",
		Formula: "20 + e - 20*exp(-0.2*sqrt((1/n)*Σ x_i^2)) - exp((1/n)*Σ cos(2*pi*x_i))",
		Source:  "Ackley, A Connectionist Machine for Genetic Hillclimbing, Kluwer (1987); n-dimensional form: Bäck, Evolutionary Algorithms in Theory and Practice, OUP (1996)",
		Notes:   "Nearly flat outer region riddled with local minima, and a cone-shaped (nondifferentiable) global minimum at the origin, where ValueGrad returns the zero subgradient. Domain conventionally [−32.768, 32.768]^n; start (2.5, …, 2.5) is conventional.",
		N:       n, Start: filled(n, 2.5), Minima: [][]float64{filled(n, 0)},
		id: kAckley,
	}
	if n == 2 {
		f.Formula = "20 + e - 20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y)))"
		f.Parsable = true
	}
	return f
}

func ackley(grad, x []float64) float64 {
	var ss, sc float64
	for _, v := range x {
		ss += v * v
		sc += math.Cos(2 * math.Pi * v)
	}
	n := float64(len(x))
	r := math.Sqrt(ss / n)
	e1 := math.Exp(-0.2 * r)
	e2 := math.Exp(sc / n)
	if grad != nil {
		for i, v := range x {
			var g float64
			if r > 0 {
				g = 4 * e1 * v / (n * r)
			}
			grad[i] = g + 2*math.Pi*e2*math.Sin(2*math.Pi*v)/n
		}
	}
	// Grouped so that f(0) is exactly 0.
	return 20*(1-e1) + (math.E - e2)
}

func newStyblinskiTang(n int) *Function {
	f := &Function{
		Name: "styblinski-tang", Spec: nSpec("styblinski-tang", n), Title: "Styblinski–Tang function",
		Formula: "0.5*Σ_{i=1}^{n} (x_i^4 - 16*x_i^2 + 5*x_i)",
		Source:  "Styblinski & Tang, Experiments in nonconvex optimization: stochastic approximation with function smoothing and simulated annealing, Neural Networks 3(4) (1990) 467–483",
		Notes: "Separable, with 2^n local minima: each coordinate at −2.903534 (global) or 2.746803 (local, term value −25.02945). " +
			"f* = −39.16616570377142·n at x_i = −2.903534027771177 (root of 2t³ − 16t + 5/2, mpmath to 30 digits). Start (0, …, 0) is conventional.",
		N: n, Start: filled(n, 0), Minima: [][]float64{filled(n, stArg)},
		FMin: float64(n) * stMin, Smooth: true, id: kStyblinskiTang,
	}
	if n == 2 {
		f.Formula, f.Parsable = "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)", true
	}
	return f
}

func styblinskiTang(grad, x []float64) float64 {
	var s float64
	for i, v := range x {
		v2 := v * v
		s += v2*v2 - 16*v2 + 5*v
		if grad != nil {
			grad[i] = 2*v2*v - 16*v + 2.5
		}
	}
	return 0.5 * s
}

func newSaddle() *Function {
	return &Function{
		Name: "saddle", Spec: "saddle", Title: "saddle x² − y²",
		Formula: "x^2 - y^2", Parsable: true,
		Source: "textbook example of a nondegenerate saddle point",
		Notes:  "No minimum: f is unbounded below along the y axis, and the origin is a saddle point (∇²f eigenvalues −2 and 2). Gradient descent from the start (1, 0.1) passes near the saddle and then diverges in y.",
		N:      2, Start: []float64{1, 0.1}, FMin: math.Inf(-1), Unbounded: true,
		Smooth: true, Eigenvalues: []float64{-2, 2}, id: kSaddle,
	}
}

func saddle(grad, x []float64) float64 {
	if grad != nil {
		grad[0] = 2 * x[0]
		grad[1] = -2 * x[1]
	}
	return x[0]*x[0] - x[1]*x[1]
}

// quadEigen returns n eigenvalues log-spaced from 1 to kappa, with the ends
// exact: λ_i = kappa^(i/(n−1)), i = 0, …, n−1.
func quadEigen(n int, kappa float64) []float64 {
	lam := make([]float64, n)
	lam[0] = 1
	for i := 1; i < n; i++ {
		lam[i] = math.Pow(kappa, float64(i)/float64(n-1))
	}
	if n > 1 {
		lam[n-1] = kappa
	}
	return lam
}

func newQuadratic(n int, kappa float64) *Function {
	lam := quadEigen(n, kappa)
	var sp []string
	if n != 2 {
		sp = append(sp, "n", fmt.Sprint(n))
	}
	if kappa != 10 {
		sp = append(sp, "kappa", fmtFloat(kappa))
	}
	f := &Function{
		Name: "quadratic", Spec: specFor("quadratic", sp...), Title: "ill-conditioned quadratic",
		Formula: "0.5*Σ_{i=1}^{n} λ_i*x_i^2, λ_i = kappa^((i-1)/(n-1))",
		Source:  "standard model problem for first-order methods; e.g. Nesterov, Lectures on Convex Optimization, Springer (2018) §2.1",
		Notes: fmt.Sprintf("Diagonal quadratic with eigenvalues log-spaced from 1 to kappa = %s (the Eigenvalues field): L = %s, μ = 1. "+
			"Gradient descent with step 1/L contracts the slowest coordinate by 1 − 1/kappa per step.", fmtFloat(kappa), fmtFloat(kappa)),
		N: n, Start: filled(n, 1), Minima: [][]float64{filled(n, 0)},
		Smooth: true, Eigenvalues: append([]float64(nil), lam...), id: kQuadratic, lam: lam,
	}
	if n == 2 {
		terms := make([]string, 2)
		for i, v := range []string{"x", "y"} {
			terms[i] = v + "^2"
			if lam[i] != 1 {
				terms[i] = fmtFloat(lam[i]) + "*" + terms[i]
			}
		}
		f.Formula, f.Parsable = "0.5*("+strings.Join(terms, " + ")+")", true
	}
	return f
}

func quadratic(grad, x, lam []float64) float64 {
	var s float64
	for i, v := range x {
		s += lam[i] * v * v
		if grad != nil {
			grad[i] = lam[i] * v
		}
	}
	return 0.5 * s
}

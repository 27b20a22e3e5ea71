package testfunc

import "math"

// This file holds problems of J. J. Moré, B. S. Garbow and K. E. Hillstrom,
// Testing unconstrained optimization software, ACM Trans. Math. Softw. 7(1)
// (1981) 17–41 ("MGH"). Each is a sum of squares f = Σ r_i(x)², written
// with its residuals r_i and their gradients (the rows of the Jacobian J), so
// that ∇f = 2 Jᵀr. Data tables are copied from the paper.

const mghRef = "Moré, Garbow & Hillstrom, Testing unconstrained optimization software, ACM Trans. Math. Softw. 7(1) (1981) 17–41, problem "

// zero clears grad if it is not nil.
func zero(grad []float64) {
	for i := range grad {
		grad[i] = 0
	}
}

func newFreudensteinRoth() *Function {
	return &Function{
		Name: "freudenstein-roth", Spec: "freudenstein-roth", Title: "Freudenstein and Roth function",
		Formula:  "(-13 + x + ((5 - y)*y - 2)*y)^2 + (-29 + x + ((y + 1)*y - 14)*y)^2",
		Parsable: true,
		Source:   mghRef + "2 (after Freudenstein & Roth, Numerical solution of systems of nonlinear equations, J. ACM 10(4) (1963) 550–556)",
		Notes:    "Global minimum 0 at (5, 4); a local minimum f = 48.9842536792400 at (11.41277898690209, −0.8968052532744765) (the paper prints 48.9842… at (11.41…, −0.8968…); recomputed with mpmath to 30 digits) that attracts descent methods from the start (0.5, −2).",
		N:        2, Start: []float64{0.5, -2}, Minima: [][]float64{{5, 4}},
		LocalMinima: []Minimum{{X: []float64{11.412778986902094, -0.89680525327447647}, F: 48.98425367924002}},
		Smooth:      true, id: kFreudensteinRoth,
	}
}

func freudensteinRoth(grad, x []float64) float64 {
	a, b := x[0], x[1]
	r1 := -13 + a + ((5-b)*b-2)*b
	r2 := -29 + a + ((b+1)*b-14)*b
	if grad != nil {
		grad[0] = 2 * (r1 + r2)
		grad[1] = 2 * (r1*(10*b-3*b*b-2) + r2*(3*b*b+2*b-14))
	}
	return r1*r1 + r2*r2
}

func newPowellBadlyScaled() *Function {
	return &Function{
		Name: "powell-badly-scaled", Spec: "powell-badly-scaled", Title: "Powell badly scaled function",
		Formula:  "(10000*x*y - 1)^2 + (exp(-x) + exp(-y) - 1.0001)^2",
		Parsable: true,
		Source:   mghRef + "3 (after Powell, A hybrid method for nonlinear equations, in Numerical Methods for Nonlinear Algebraic Equations, Gordon & Breach (1970) 87–114)",
		Notes:    "Minimum 0 at (1.098159329699817e-5, 9.106146739866524) (paper: (1.098…e-5, 9.106…); solved r(x) = 0 with mpmath to 30 digits). The variables differ in scale by six orders of magnitude. Start (0, 1) from the paper.",
		N:        2, Start: []float64{0, 1},
		Minima: [][]float64{{1.0981593296998175e-05, 9.1061467398665243}},
		Smooth: true, id: kPowellBadlyScaled,
	}
}

func powellBadlyScaled(grad, x []float64) float64 {
	ea, eb := math.Exp(-x[0]), math.Exp(-x[1])
	r1 := 1e4*x[0]*x[1] - 1
	r2 := ea + eb - 1.0001
	if grad != nil {
		grad[0] = 2 * (r1*1e4*x[1] - r2*ea)
		grad[1] = 2 * (r1*1e4*x[0] - r2*eb)
	}
	return r1*r1 + r2*r2
}

func newBrownBadlyScaled() *Function {
	return &Function{
		Name: "brown-badly-scaled", Spec: "brown-badly-scaled", Title: "Brown badly scaled function",
		Formula:  "(x - 1000000)^2 + (y - 0.000002)^2 + (x*y - 2)^2",
		Parsable: true,
		Source:   mghRef + "4",
		Notes:    "Minimum 0 at (1e6, 2e-6): the coordinates of the minimizer differ by twelve orders of magnitude. Start (1, 1) from the paper. (In floating point f(1e6, 2e-6) is not exactly 0, because 2e-6 is not representable; it is below 1e-30.)",
		N:        2, Start: []float64{1, 1}, Minima: [][]float64{{1e6, 2e-6}},
		Smooth: true, id: kBrownBadlyScaled,
	}
}

func brownBadlyScaled(grad, x []float64) float64 {
	r1 := x[0] - 1e6
	r2 := x[1] - 2e-6
	r3 := x[0]*x[1] - 2
	if grad != nil {
		grad[0] = 2 * (r1 + r3*x[1])
		grad[1] = 2 * (r2 + r3*x[0])
	}
	return r1*r1 + r2*r2 + r3*r3
}

func newHelicalValley() *Function {
	return &Function{
		Name: "helical-valley", Spec: "helical-valley", Title: "helical valley function",
		Formula: "100*(x3 - 10*θ(x1, x2))^2 + 100*(sqrt(x1^2 + x2^2) - 1)^2 + x3^2, " +
			"θ = atan(x2/x1)/(2*pi) for x1 > 0, atan(x2/x1)/(2*pi) + 0.5 for x1 < 0",
		Source: mghRef + "7 (after Fletcher & Powell, A rapidly convergent descent method for minimization, Comput. J. 6(2) (1963) 163–168)",
		Notes: "A steep helical valley along the cylinder x1² + x2² = 1. θ jumps by 1 across the half-plane x1 = 0, x2 < 0 (where this code takes the limit from x1 > 0); " +
			"f is not differentiable on the x3 axis, where ValueGrad's gradient is NaN. Start (−1, 0, 0) from the paper.",
		N: 3, Start: []float64{-1, 0, 0}, Minima: [][]float64{{1, 0, 0}},
		Smooth: true, id: kHelicalValley,
	}
}

func helicalValley(grad, x []float64) float64 {
	a, b, c := x[0], x[1], x[2]
	var theta float64
	if a < 0 {
		theta = math.Atan(b/a)/(2*math.Pi) + 0.5
	} else {
		// For a > 0 this is atan(b/a)/(2π); at a = ±0 it is the limit from
		// a > 0 and stays finite.
		theta = math.Atan2(b, math.Abs(a)) / (2 * math.Pi)
	}
	rho := math.Hypot(a, b)
	r1 := 10 * (c - 10*theta)
	r2 := 10 * (rho - 1)
	if grad != nil {
		// ∂θ/∂a = −b/(2πρ²), ∂θ/∂b = a/(2πρ²), ∂ρ/∂a = a/ρ, ∂ρ/∂b = b/ρ.
		q := 1 / (2 * math.Pi * rho * rho)
		grad[0] = 2 * (r1*100*b*q + r2*10*a/rho)
		grad[1] = 2 * (-r1*100*a*q + r2*10*b/rho)
		grad[2] = 2 * (10*r1 + c)
	}
	return r1*r1 + r2*r2 + c*c
}

// bardY is the data of MGH problem 8.
var bardY = [15]float64{0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39}

func newBard() *Function {
	return &Function{
		Name: "bard", Spec: "bard", Title: "Bard function",
		Formula: "Σ_{i=1}^{15} (y_i - (x1 + u_i/(v_i*x2 + w_i*x3)))^2, u_i = i, v_i = 16 - i, w_i = min(u_i, v_i)",
		Source:  mghRef + "8 (after Bard, Comparison of gradient methods for the solution of nonlinear parameter estimation problems, SIAM J. Numer. Anal. 7(1) (1970) 157–186)",
		Notes: "y = (0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39). " +
			"f* = 8.214877306578975e-3 (paper: 8.21487…e-3; mpmath to 30 digits). " +
			"A local minimum lies at infinity: f → 17.42869333… = Σ (y_i − ȳ)² as x1 = ȳ = 0.840666… and x2, x3 → −∞ (paper: 17.4286…); it is listed with x2 = x3 = −Inf, where Value is finite. " +
			"f has poles where v_i x2 + w_i x3 = 0. Start (1, 1, 1) from the paper.",
		N: 3, Start: []float64{1, 1, 1},
		Minima: [][]float64{{0.082410559749788934, 1.1330360920297216, 2.3436951786425371}},
		FMin:   0.0082148773065789747,
		LocalMinima: []Minimum{{
			X: []float64{0.84066666666666667, math.Inf(-1), math.Inf(-1)},
			F: 17.428693333333332,
		}},
		Smooth: true, id: kBard,
	}
}

func bard(grad, x []float64) float64 {
	zero(grad)
	var s float64
	for k, y := range bardY {
		u := float64(k + 1)
		v := 16 - u
		w := min(u, v)
		d := v*x[1] + w*x[2]
		r := y - (x[0] + u/d)
		s += r * r
		if grad != nil {
			// ∂r/∂x = (−1, u·v/d², u·w/d²).
			t := 2 * r * u / (d * d)
			grad[0] -= 2 * r
			grad[1] += t * v
			grad[2] += t * w
		}
	}
	return s
}

// gaussY is the data of MGH problem 9 (symmetric about i = 8).
var gaussY = [15]float64{0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989,
	0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009}

func newGaussian() *Function {
	return &Function{
		Name: "gaussian", Spec: "gaussian", Title: "Gaussian function",
		Formula: "Σ_{i=1}^{15} (x1*exp(-x2*(t_i - x3)^2/2) - y_i)^2, t_i = (8 - i)/2",
		Source:  mghRef + "9",
		Notes: "y = (0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, …) symmetric. " +
			"f* = 1.127932769618648e-8 (paper: 1.12793…e-8; mpmath to 30 digits) at (0.3989561378387567, 1.000019084487806, 0); x3 = 0 by symmetry. Start (0.4, 1, 0) from the paper, already close.",
		N: 3, Start: []float64{0.4, 1, 0},
		Minima: [][]float64{{0.39895613783875666, 1.0000190844878056, 0}},
		FMin:   1.1279327696186481e-08,
		Smooth: true, id: kGaussian,
	}
}

func gaussian(grad, x []float64) float64 {
	zero(grad)
	var s float64
	for k, y := range gaussY {
		t := float64(7-k) / 2
		d := t - x[2]
		e := math.Exp(-x[1] * d * d / 2)
		r := x[0]*e - y
		s += r * r
		if grad != nil {
			// ∂r/∂x = (e, −x1·e·d²/2, x1·x2·e·d).
			grad[0] += 2 * r * e
			grad[1] -= r * x[0] * e * d * d
			grad[2] += 2 * r * x[0] * x[1] * e * d
		}
	}
	return s
}

// boxC[i] = exp(−t) − exp(−10t) with t = (i+1)/10, the coefficient of x3 in
// MGH problem 12.
var boxC [10]float64

func init() {
	for i := range boxC {
		t := float64(i+1) / 10
		boxC[i] = math.Exp(-t) - math.Exp(-10*t)
	}
}

func newBox3D() *Function {
	return &Function{
		Name: "box-3d", Spec: "box-3d", Title: "Box three-dimensional function",
		Formula: "Σ_{i=1}^{10} (exp(-t_i*x1) - exp(-t_i*x2) - x3*(exp(-t_i) - exp(-10*t_i)))^2, t_i = i/10",
		Source:  mghRef + "12 with m = 10 (after Box, A comparison of several current optimization methods, and the use of transformations in constrained problems, Comput. J. 9(1) (1966) 67–77)",
		Notes:   "f* = 0 at (1, 10, 1), (10, 1, −1) and along the whole line x1 = x2, x3 = 0 (listed by the representative (1, 1, 0)); the Hessian is singular along that line. Start (0, 10, 20) from the paper.",
		N:       3, Start: []float64{0, 10, 20},
		Minima: [][]float64{{1, 10, 1}, {10, 1, -1}, {1, 1, 0}},
		Family: "x1 = x2, x3 = 0",
		Smooth: true, id: kBox3D,
	}
}

func box3D(grad, x []float64) float64 {
	zero(grad)
	var s float64
	for i, c := range boxC {
		t := float64(i+1) / 10
		ea := math.Exp(-t * x[0])
		eb := math.Exp(-t * x[1])
		r := ea - eb - x[2]*c
		s += r * r
		if grad != nil {
			// ∂r/∂x = (−t·ea, t·eb, −c).
			grad[0] -= 2 * r * t * ea
			grad[1] += 2 * r * t * eb
			grad[2] -= 2 * r * c
		}
	}
	return s
}

func newPowellSingular() *Function {
	return &Function{
		Name: "powell-singular", Spec: "powell-singular", Title: "Powell singular function",
		Formula:  "(x1 + 10*x2)^2 + 5*(x3 - x4)^2 + (x2 - 2*x3)^4 + 10*(x1 - x4)^4",
		Parsable: true,
		Source:   mghRef + "13 (after Powell, An iterative method for finding stationary values of a function of several variables, Comput. J. 5(2) (1962) 147–151)",
		Notes:    "Minimum 0 at the origin, where the Hessian is singular (rank 2), so Newton-type methods converge only linearly. Start (3, −1, 0, 1) from the paper.",
		N:        4, Start: []float64{3, -1, 0, 1}, Minima: [][]float64{{0, 0, 0, 0}},
		Smooth: true, id: kPowellSingular,
	}
}

func powellSingular(grad, x []float64) float64 {
	r1 := x[0] + 10*x[1]
	d2 := x[2] - x[3]
	d3 := x[1] - 2*x[2]
	d4 := x[0] - x[3]
	r3 := d3 * d3
	r4 := d4 * d4
	if grad != nil {
		grad[0] = 2*r1 + 40*r4*d4
		grad[1] = 20*r1 + 4*r3*d3
		grad[2] = 10*d2 - 8*r3*d3
		grad[3] = -10*d2 - 40*r4*d4
	}
	return r1*r1 + 5*d2*d2 + r3*r3 + 10*r4*r4
}

func newWood() *Function {
	return &Function{
		Name: "wood", Spec: "wood", Title: "Wood function",
		Formula: "100*(x2 - x1^2)^2 + (1 - x1)^2 + 90*(x4 - x3^2)^2 + (1 - x3)^2" +
			" + 10*(x2 + x4 - 2)^2 + 0.1*(x2 - x4)^2",
		Parsable: true,
		Source:   mghRef + "14 (after Colville, A comparative study of nonlinear programming codes, IBM NYSC Rep. 320-2949 (1968))",
		Notes:    "Two Rosenbrock valleys coupled by the last two terms; minimum 0 at (1, 1, 1, 1). Start (−3, −1, −3, −1) from the paper.",
		N:        4, Start: []float64{-3, -1, -3, -1}, Minima: [][]float64{{1, 1, 1, 1}},
		Smooth: true, id: kWood,
	}
}

func wood(grad, x []float64) float64 {
	f1 := x[1] - x[0]*x[0]
	f2 := 1 - x[0]
	f3 := x[3] - x[2]*x[2]
	f4 := 1 - x[2]
	f5 := x[1] + x[3] - 2
	f6 := x[1] - x[3]
	if grad != nil {
		grad[0] = -400*x[0]*f1 - 2*f2
		grad[1] = 200*f1 + 20*f5 + 0.2*f6
		grad[2] = -360*x[2]*f3 - 2*f4
		grad[3] = 180*f3 + 20*f5 - 0.2*f6
	}
	return 100*f1*f1 + f2*f2 + 90*f3*f3 + f4*f4 + 10*f5*f5 + 0.1*f6*f6
}

// kowY and kowU are the data of MGH problem 15.
var (
	kowY = [11]float64{0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246}
	kowU = [11]float64{4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625}
)

func newKowalikOsborne() *Function {
	return &Function{
		Name: "kowalik-osborne", Spec: "kowalik-osborne", Title: "Kowalik and Osborne function",
		Formula: "Σ_{i=1}^{11} (y_i - x1*(u_i^2 + u_i*x2)/(u_i^2 + u_i*x3 + x4))^2",
		Source:  mghRef + "15 (after Kowalik & Osborne, Methods for Unconstrained Optimization Problems, Elsevier (1968))",
		Notes: "y = (0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246), " +
			"u = (4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625). " +
			"f* = 3.075056038492374e-4 (paper: 3.07505…e-4; mpmath to 30 digits). " +
			"The paper also reports f = 1.02734…e-3 approached at (+∞, −14.07…, −∞, −∞) (not listed). Start (0.25, 0.39, 0.415, 0.39) from the paper.",
		N: 4, Start: []float64{0.25, 0.39, 0.415, 0.39},
		Minima: [][]float64{{0.19280693457903786, 0.19128232873436696, 0.12305650692632066, 0.13606233068379484}},
		FMin:   0.00030750560384923745,
		Smooth: true, id: kKowalikOsborne,
	}
}

func kowalikOsborne(grad, x []float64) float64 {
	zero(grad)
	var s float64
	for i, y := range kowY {
		u := kowU[i]
		num := u * (u + x[1])
		den := u*(u+x[2]) + x[3]
		q := num / den
		r := y - x[0]*q
		s += r * r
		if grad != nil {
			// ∂r/∂x = (−q, −x1·u/den, x1·q·u/den, x1·q/den).
			t := 2 * r * x[0] / den
			grad[0] -= 2 * r * q
			grad[1] -= t * u
			grad[2] += t * q * u
			grad[3] += t * q
		}
	}
	return s
}

func newJennrichSampson() *Function {
	return &Function{
		Name: "jennrich-sampson", Spec: "jennrich-sampson", Title: "Jennrich and Sampson function",
		Formula: "Σ_{i=1}^{10} (2 + 2*i - exp(i*x) - exp(i*y))^2",
		Source:  mghRef + "6 with m = 10 (after Jennrich & Sampson, Application of stepwise regression to nonlinear estimation, Technometrics 10(1) (1968) 63–72)",
		Notes:   "f* = 124.3621823556148 (paper: 124.362…; mpmath to 30 digits) at x = y = 0.2578252136703641 (paper: 0.2578…). Symmetric in x and y. Start (0.3, 0.4) from the paper.",
		N:       2, Start: []float64{0.3, 0.4},
		Minima: [][]float64{{0.2578252136703641, 0.2578252136703641}},
		FMin:   124.36218235561485,
		Smooth: true, id: kJennrichSampson,
	}
}

func jennrichSampson(grad, x []float64) float64 {
	zero(grad)
	var s float64
	for i := 1; i <= 10; i++ {
		t := float64(i)
		ea := math.Exp(t * x[0])
		eb := math.Exp(t * x[1])
		r := 2 + 2*t - ea - eb
		s += r * r
		if grad != nil {
			grad[0] -= 2 * r * t * ea
			grad[1] -= 2 * r * t * eb
		}
	}
	return s
}

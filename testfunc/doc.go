// Package testfunc is a catalogue of test functions with known minima, for
// checking optimizers and for demonstrations. Every function satisfies
// fn.Func with a hand-written gradient, and records its standard starting
// point, its known minimizers and minimum value, a formula, and its source.
//
// The catalogue, in the order All returns it:
//
//	sphere              Σ x_i²                                 n (default 2)
//	booth               (x+2y−7)² + (2x+y−5)²                   2
//	matyas              0.26(x²+y²) − 0.48xy                   2
//	three-hump-camel    2x² − 1.05x⁴ + x⁶/6 + xy + y²          2
//	himmelblau          (x²+y−11)² + (x+y²−7)², four minima     2
//	rosenbrock          extended Rosenbrock (MGH 21)           even n (default 2)
//	beale               MGH 5                                  2
//	goldstein-price     Goldstein & Price (1971), f* = 3       2
//	rastrigin           10n + Σ (x_i² − 10 cos 2πx_i)          n (default 2)
//	ackley              Ackley (1987)                          n (default 2)
//	styblinski-tang     ½ Σ (x_i⁴ − 16x_i² + 5x_i)             n (default 2)
//	saddle              x² − y², unbounded below               2
//	quadratic           ½ Σ λ_i x_i², λ log-spaced in [1, κ]   n (default 2), kappa (default 10)
//	freudenstein-roth   MGH 2                                  2
//	powell-badly-scaled MGH 3                                  2
//	brown-badly-scaled  MGH 4                                  2
//	helical-valley      MGH 7                                  3
//	bard                MGH 8                                  3
//	gaussian            MGH 9                                  3
//	box-3d              MGH 12 (m = 10)                        3
//	powell-singular     MGH 13                                 4
//	wood                MGH 14                                 4
//	kowalik-osborne     MGH 15                                 4
//	jennrich-sampson    MGH 6 (m = 10)                         2
//
// "MGH k" is problem k of J. J. Moré, B. S. Garbow and K. E. Hillstrom,
// Testing unconstrained optimization software, ACM Trans. Math. Softw. 7(1)
// (1981) 17–41. Those problems are sums of squares f = Σ r_i(x)², and their
// gradients are computed as 2 Jᵀr. Their starting points are the paper's.
// The paper prints most minimizers and minimum values to a few digits
// ("f = 8.21487...10⁻³"); the values stored here were recomputed to 30
// digits with mpmath (testdata/minima.py) and agree with every printed digit.
//
// Lookup builds a function from a specification such as "rosenbrock",
// "rosenbrock:n=10" or "quadratic:n=4,kappa=1000" (see package spec).
//
// Formulas use the syntax of descent's formula language: + − * / ^, the
// functions sin cos tan exp log sqrt abs tanh, and the constants pi and e.
// Variables are named x and y when N = 2 and x1 … xN otherwise. When
// Function.Parsable is true the Formula string is a complete expression equal
// to Value; otherwise it is a readable Σ form (with data tables in Notes).
//
// Two-dimensional functions can be evaluated without a slice by Eval2, for
// contour plots.
package testfunc

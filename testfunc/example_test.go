package testfunc_test

import (
	"fmt"

	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
)

func ExampleLookup() {
	f, err := testfunc.Lookup("rosenbrock")
	if err != nil {
		fmt.Println(err)
		return
	}
	g := make([]float64, f.Dim())
	v := f.ValueGrad(g, f.Start)
	fmt.Println(f.Title, "n =", f.N)
	fmt.Println("f(x, y) =", f.Formula)
	fmt.Printf("start %v: f = %.4g, ∇f = (%.4g, %.4g)\n", f.Start, v, g[0], g[1])
	fmt.Println("f* =", f.FMin, "at", f.MinimaString())

	_, err = testfunc.New(spec.Spec{Name: "rosenbrock", Params: []spec.Param{{Key: "n", Value: "3"}}})
	fmt.Println(err)
	_, err = testfunc.Lookup("rosenbrok")
	fmt.Println(err != nil)
	// Output:
	// extended Rosenbrock function n = 2
	// f(x, y) = (1 - x)^2 + 100*(y - x^2)^2
	// start [-1.2 1]: f = 24.2, ∇f = (-215.6, -88)
	// f* = 0 at (1, 1)
	// function "rosenbrock": n=3 must be even (the extended Rosenbrock function couples the variables in pairs)
	// true
}

func ExampleFunction_Describe() {
	f, _ := testfunc.Lookup("freudenstein-roth")
	fmt.Print(f.Describe())
	// Output:
	// freudenstein-roth — Freudenstein and Roth function
	//   f(x)   = (-13 + x + ((5 - y)*y - 2)*y)^2 + (-29 + x + ((y + 1)*y - 14)*y)^2
	//   n      = 2
	//   start  = (0.5, -2)
	//   f*     = 0 at (5, 4)
	//   local  = 48.98425 at (11.41278, -0.8968053)
	//   source: Moré, Garbow & Hillstrom, Testing unconstrained optimization software, ACM Trans. Math. Softw. 7(1) (1981) 17–41, problem 2 (after Freudenstein & Roth, Numerical solution of systems of nonlinear equations, J. ACM 10(4) (1963) 550–556)
	//   notes: Global minimum 0 at (5, 4); a local minimum f = 48.9842536792400 at (11.41277898690209, −0.8968052532744765) (the paper prints 48.9842… at (11.41…, −0.8968…); recomputed with mpmath to 30 digits) that attracts descent methods from the start (0.5, −2).
}

func ExampleAll() {
	for _, f := range testfunc.All()[:6] {
		fmt.Printf("%-17s n=%d  f*=%-4s %s\n", f.Name, f.N, f.FMinString(), f.MinimaString())
	}
	// Output:
	// sphere            n=2  f*=0    (0, 0)
	// booth             n=2  f*=0    (1, 3)
	// matyas            n=2  f*=0    (0, 0)
	// three-hump-camel  n=2  f*=0    (0, 0)
	// himmelblau        n=2  f*=0    (3, 2), (-2.805118, 3.131313), (-3.77931, -3.283186), (3.584428, -1.848127)
	// rosenbrock        n=2  f*=0    (1, 1)
}

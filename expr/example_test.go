package expr_test

import (
	"fmt"

	"github.com/descentgo/descent/expr"
)

// Compile the Rosenbrock function and evaluate it with its gradient at the
// classic starting point (-1.2, 1).
func Example() {
	p, err := expr.Compile("(1-x)^2 + 100*(y-x^2)^2", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	x := []float64{-1.2, 1}
	grad := make([]float64, p.Dim())
	f := p.ValueGrad(grad, x)
	fmt.Println("vars:", p.Vars())
	fmt.Printf("f(x) = %.4f\n", f)
	fmt.Printf("∇f(x) = [%.4f %.4f]\n", grad[0], grad[1])
	// Output:
	// vars: [x y]
	// f(x) = 24.2000
	// ∇f(x) = [-215.6000 -88.0000]
}

// Errors give the line and column of the problem.
func ExampleCompile_error() {
	_, err := expr.Compile("sin(x) * 2 + sine(y)", nil)
	fmt.Println(err)
	_, err = expr.Compile("x^2 +\n  2y", nil)
	fmt.Println(err)
	_, err = expr.Compile("x + z", []string{"x", "y"})
	fmt.Println(err)
	// Output:
	// expr:1:14: unknown function "sine" (known: sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, softplus, sinh, cosh, asin, acos, atan, pow, min, max, atan2)
	// expr:2:4: missing operator before identifier "y"
	// expr:1:5: unknown variable "z" (vars: x, y)
}

// A vars list fixes the order of the variables; variables it lists that
// the formula does not use get zero partial derivatives.
func ExampleCompile_vars() {
	p := expr.MustCompile("b*a^2", []string{"a", "b", "c"})
	grad := make([]float64, 3)
	f := p.ValueGrad(grad, []float64{3, 2, 7})
	fmt.Println(f, grad)
	// Output:
	// 18 [12 9 0]
}

// HessVec computes exact Hessian-vector products. For Rosenbrock at (1, 1)
// the Hessian is [[802 -400] [-400 200]].
func ExampleProgram_HessVec() {
	p := expr.MustCompile("(1-x)^2 + 100*(y-x^2)^2", nil)
	hv := make([]float64, 2)
	p.HessVec(hv, []float64{1, 1}, []float64{1, 0})
	fmt.Println(hv)
	p.HessVec(hv, []float64{1, 1}, []float64{0, 1})
	fmt.Println(hv)
	// Output:
	// [802 -400]
	// [-400 200]
}

// String shows how a formula was parsed.
func ExampleProgram_String() {
	fmt.Println(expr.MustCompile("-x^2^3 + 2^-y*z - .5", nil))
	// Output:
	// (((-(x ^ (2 ^ 3))) + ((2 ^ (-y)) * z)) - 0.5)
}

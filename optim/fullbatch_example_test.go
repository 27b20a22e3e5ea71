package optim_test

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// rosenbrock is f(x) = 100(x₂ − x₁²)² + (1 − x₁)², minimal at (1, 1).
type rosenbrock struct{}

func (rosenbrock) Dim() int { return 2 }

func (r rosenbrock) Value(x []float64) float64 {
	return r.ValueGrad(make([]float64, 2), x)
}

func (rosenbrock) ValueGrad(g, x []float64) float64 {
	a, b := x[1]-x[0]*x[0], 1-x[0]
	g[0] = -400*x[0]*a - 2*b
	g[1] = 200 * a
	return 100*a*a + b*b
}

// L-BFGS on the Rosenbrock function from the standard start (−1.2, 1): a
// Method evaluates the objective itself and returns how often it did.
func ExampleLBFGS() {
	var f fn.Func = rosenbrock{}
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	fx := f.ValueGrad(g, x)
	evals := 1

	m := &optim.LBFGS{} // history 10, strong-Wolfe line search
	m.Init(2)
	iters := 0
	for fn.Norm2(g) > 1e-10 {
		var ev int
		var err error
		fx, ev, err = m.Iterate(f, x, g, fx)
		evals += ev
		if err != nil {
			fmt.Println(err)
			break
		}
		iters++
	}
	fmt.Printf("%d iterations, %d evaluations\n", iters, evals)
	fmt.Printf("x = (%.6f, %.6f), f < 1e-20: %v\n", x[0], x[1], math.Abs(fx) < 1e-20)
	// Output:
	// 39 iterations, 47 evaluations
	// x = (1.000000, 1.000000), f < 1e-20: true
}

// A method built from a specification, as the command line does after
// parsing --opt cg:beta=hz.
func ExampleNewSpec_fullBatch() {
	alg, err := optim.NewSpec(spec.Spec{Name: "cg", Params: []spec.Param{{Key: "beta", Value: "hz"}}})
	if err != nil {
		panic(err)
	}
	m := alg.(optim.Method)
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	f := rosenbrock{}.ValueGrad(g, x)
	m.Init(2)
	for k := 0; k < 200 && fn.Norm2(g) > 1e-8; k++ {
		if f, _, err = m.Iterate(rosenbrock{}, x, g, f); err != nil {
			break
		}
	}
	fmt.Printf("%T: x = (%.4f, %.4f)\n", m, x[0], x[1])
	// Output:
	// *optim.CG: x = (1.0000, 1.0000)
}
